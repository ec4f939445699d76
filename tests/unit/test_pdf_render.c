/* test_pdf_render.c — galley_render_pdf through the API: figures (PNG
 * re-encoded losslessly, JPEG embedded as it is), errors, pathological trees. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "galley.h"
#include "util.h"

static galley_node *S_article(galley_node **article)
{
	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	*article = galley_node_new(GALLEY_NODE_ARTICLE);
	galley_node_append_child(doc, *article);
	galley_article_set(*article, GALLEY_META_TITLE, "Figures");
	return doc;
}

static galley_node *S_block(galley_node *parent, galley_node_type type, const char *text)
{
	galley_node *b = galley_node_new(type);
	galley_node_append_child(parent, b);
	if (text) {
		galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
		galley_node_set_literal(t, text);
		galley_node_append_child(b, t);
	}
	return b;
}

static void S_figure(galley_node *article, const char *src, const char *caption)
{
	galley_node *fig = S_block(article, GALLEY_NODE_FIGURE, NULL);
	galley_node *img = galley_node_new(GALLEY_NODE_IMAGE);
	galley_node_set_url(img, src);
	galley_node_append_child(fig, img);
	S_block(fig, GALLEY_NODE_CAPTION, caption);
}

static char *S_slurp(const char *path, size_t *len)
{
	galley_diag *d = galley_diag_new(path);
	char *data = galley_read_file(path, 1u << 26, len, d);
	galley_diag_free(d);
	assert_non_null(data);
	return data;
}

static int S_has(const char *data, size_t len, const char *what)
{
	size_t n = strlen(what);
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(data + i, what, n) == 0)
			return 1;
	return 0;
}

static void test_figures(void **state)
{
	(void)state;
	char dir[] = "/tmp/galley-fig-XXXXXX";
	assert_non_null(mkdtemp(dir));
	const char *top = getenv("GALLEY_TOP");
	/* a real JPEG: an image is decoded before it is used (issue 14), and
	 * one printed at its own size keeps its bytes, as DCT data */
	char *jpg = galley_xasprintf("%s/photo.jpg", dir);
	char *jpg_src = galley_xasprintf("%s/tests/fuzz/images/photo.jpg", top && *top ? top : ".");
	size_t jpg_len;
	char *jpg_data = S_slurp(jpg_src, &jpg_len);
	FILE *f = fopen(jpg, "wb");
	fwrite(jpg_data, 1, jpg_len, f);
	fclose(f);
	free(jpg_data);
	free(jpg_src);
	char *png = galley_xasprintf("%s/samples/images/galley-tray.png", top && *top ? top : ".");
	char *link = galley_xasprintf("%s/tray.png", dir);
	size_t png_len;
	char *png_data = S_slurp(png, &png_len);
	f = fopen(link, "wb");
	fwrite(png_data, 1, png_len, f);
	fclose(f);
	free(png_data);

	galley_node *a, *doc = S_article(&a);
	S_block(a, GALLEY_NODE_PARAGRAPH, "A paragraph before the figures.");
	S_figure(a, "tray.png", "A galley tray");
	S_figure(a, "photo.jpg", "A photograph");
	S_figure(a, "missing.png", "A picture that is not there");
	S_figure(a, "https://example.org/remote.png", "A remote picture");
	galley_options opts = {0};
	opts.base_dir = dir;
	char *out = galley_xasprintf("%s/out.pdf", dir);
	galley_diag *d = galley_diag_new("figures");
	assert_int_equal(galley_render_pdf(doc, NULL, &opts, out, d), 0);
	/* the missing file is a warning, not a failure */
	assert_int_equal(galley_diag_worst(d), GALLEY_DIAG_WARNING);
	size_t len;
	char *pdf = S_slurp(out, &len);
	assert_true(S_has(pdf, len, "/DCTDecode"));
	assert_true(S_has(pdf, len, "/Width 8"));
	assert_true(S_has(pdf, len, "/Width 480"));
	free(pdf);
	galley_diag_free(d);
	galley_node_free(doc);
	unlink(out);
	unlink(jpg);
	unlink(link);
	rmdir(dir);
	free(out);
	free(jpg);
	free(png);
	free(link);
}

static void test_errors(void **state)
{
	(void)state;
	galley_diag *d = galley_diag_new("errors");
	galley_diag_set_quiet(d, 1);
	galley_node *empty = galley_node_new(GALLEY_NODE_DOCUMENT);
	assert_int_equal(galley_render_pdf(empty, NULL, NULL, "/tmp/galley-never.pdf", d), -1);
	assert_int_equal(galley_diag_worst(d), GALLEY_DIAG_ERROR);
	assert_int_equal(access("/tmp/galley-never.pdf", F_OK), -1);
	galley_node_free(empty);
	galley_node *a, *doc = S_article(&a);
	S_block(a, GALLEY_NODE_PARAGRAPH, "Text.");
	assert_int_equal(galley_render_pdf(doc, NULL, NULL, "/nonexistent-dir/x.pdf", d), -1);
	assert_int_equal(galley_diag_worst(d), GALLEY_DIAG_SYSERR);
	galley_node_free(doc);
	galley_diag_free(d);
}

/* Deep lists, a huge word, an empty article: set, never a crash. */
static void test_pathological(void **state)
{
	(void)state;
	galley_node *a, *doc = S_article(&a);
	galley_node *parent = a;
	for (int i = 0; i < 5000; i++) {
		galley_node *list = S_block(parent, GALLEY_NODE_LIST, NULL);
		parent = S_block(list, GALLEY_NODE_ITEM, "item");
	}
	galley_buf word = GALLEY_BUF_INIT;
	for (int i = 0; i < 3000; i++)
		galley_buf_puts(&word, "abc");
	S_block(a, GALLEY_NODE_PARAGRAPH, word.data);
	galley_buf_free(&word);
	galley_node *a2 = galley_node_new(GALLEY_NODE_ARTICLE);
	galley_node_append_child(doc, a2);   /* no title, no body: a digest entry still */
	galley_diag *d = galley_diag_new("pathological");
	galley_diag_set_quiet(d, 1);
	assert_int_equal(galley_render_pdf(doc, NULL, NULL, "/tmp/galley-patho.pdf", d), 0);
	unlink("/tmp/galley-patho.pdf");
	galley_diag_free(d);
	galley_node_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_figures),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_pathological),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
