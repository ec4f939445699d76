/* fuzz_layout.c — libFuzzer target for the layout loader (src/layout.c):
 * the bytes are written to a file that galley_layout_load reads as a path;
 * a layout that loads typesets a small fixed article to PDF and EPUB
 * (choice byte bits 0 and 1), so odd but valid pages reach the back ends. */
#include "fuzz.h"

static const char S_article[] =
	"<galley><article lang=\"en\"><title>Fuzzing the layout</title>"
	"<byline>A. Writer</byline><p>A first paragraph, long enough to be set "
	"on more than one line of a narrow column when the page is small.</p>"
	"<h2>A heading</h2><blockquote><p>Quoted.</p><cite>Someone</cite></blockquote>"
	"<pullquote>Pulled.</pullquote><ul><li>one</li><li>two</li></ul>"
	"<pre>code</pre><hr/><author><name>A. Writer</name><bio><p>Writes.</p></bio>"
	"</author></article></galley>";

static void S_typeset(const galley_layout *layout, unsigned choice)
{
	galley_diag *diag = galley_diag_new("article");
	galley_diag_set_quiet(diag, 1);
	galley_options opts = {0};
	opts.flags = GALLEY_OPT_NO_SMART | (choice & 4 ? GALLEY_OPT_NO_HYPHENATE : 0);
	galley_node *doc = galley_read_xml(S_article, sizeof S_article - 1, &opts, diag);
	if (doc && (choice & 1))
		galley_render_pdf(doc, layout, &opts, fuzz_tmp_path(".pdf"), diag);
	if (doc && (choice & 2))
		galley_render_epub(doc, layout, &opts, fuzz_tmp_path(".epub"), diag);
	unlink(fuzz_tmp_path(".pdf"));
	unlink(fuzz_tmp_path(".epub"));
	galley_node_free(doc);
	galley_diag_free(diag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in;
	if (!fuzz_split(data, size, &in))
		return 0;
	const char *path = fuzz_tmp_path("-layout.xml");
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(in.data, 1, in.len, f);
	fclose(f);
	galley_diag *diag = galley_diag_new(path);
	galley_diag_set_quiet(diag, 1);
	galley_layout *layout = galley_layout_load(path, diag);
	if (layout) {
		(void)galley_layout_name(layout);
		(void)galley_layout_description(layout);
		S_typeset(layout, in.choice);
	} else if (galley_diag_worst(diag) < GALLEY_DIAG_ERROR) {
		abort();  /* a refused layout must say why */
	}
	galley_layout_free(layout);
	galley_diag_free(diag);
	unlink(path);
	return 0;
}
