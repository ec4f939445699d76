/* fuzz_convert.c — libFuzzer target for a whole conversion: reader ->
 * tree -> transforms -> PDF typesetter and EPUB writer (to temporary files).
 * The choice byte picks the reader (bits 0-2: auto, txt, html, md, feed,
 * xml), the back ends (bits 4-5: both, pdf, epub, tree only) and whether
 * images may be read from tests/fuzz/images (bit 3). */
#include "fuzz.h"

static galley_layout *S_layout;
static char *S_images;

static void S_init(void)
{
	galley_diag *diag = galley_diag_new("layout");
	S_layout = galley_layout_load(NULL, diag);
	galley_diag_free(diag);
	if (!S_layout)
		abort();  /* the default layout must load: set GALLEY_DATADIR */
	char *fixture = galley_data_path("tests/fuzz/images");
	S_images = fixture;  /* NULL when not run from the source tree */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in;
	if (!S_layout)
		S_init();
	if (!fuzz_split(data, size, &in))
		return 0;
	galley_format format = (galley_format)((in.choice & 7) % 6);
	unsigned backends = (in.choice >> 4) & 3;
	if (in.choice & 8)
		in.opts.base_dir = S_images;
	galley_diag *diag = galley_diag_new("fuzz");
	galley_diag_set_quiet(diag, 1);
	galley_node *doc = galley_read(in.data, in.len, format, &in.opts, diag);
	if (doc) {
		if (format != GALLEY_FORMAT_XML && !(in.opts.flags & GALLEY_OPT_NO_SMART))
			galley_smarten(doc);
		if (backends == 0 || backends == 1)
			galley_render_pdf(doc, S_layout, &in.opts, fuzz_tmp_path(".pdf"), diag);
		if (backends == 0 || backends == 2)
			galley_render_epub(doc, S_layout, &in.opts, fuzz_tmp_path(".epub"), diag);
		if (backends == 3)
			fuzz_check_tree(doc);
		unlink(fuzz_tmp_path(".pdf"));
		unlink(fuzz_tmp_path(".epub"));
	}
	galley_node_free(doc);
	galley_diag_free(diag);
	return 0;
}
