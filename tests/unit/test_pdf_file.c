/* test_pdf_file.c — the finishing step's reader of cairo's PDF
 * (pdf_scan.c, pdf_file.c): values, dictionaries, strings both ways, the
 * cross-reference table and objects, and what it refuses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pdf_file.h"

static const char *S_get(const char *dict, const char *key, char *out, size_t size)
{
	const char *v, *ve;
	if (!pdf_dict_get(dict, dict + strlen(dict), key, &v, &ve))
		return NULL;
	snprintf(out, size, "%.*s", (int)(ve - v), v);
	return out;
}

static void test_values(void **state)
{
	(void)state;
	const char *d = "<< /Type /Page % a comment\n /A << /URI (a (nested) \\) string) >>"
	                " /Kids [ 2 0 R 29 0 R ] /Parent 1 0 R /N -3 /H <0A0b> >>";
	char v[128];
	assert_string_equal(S_get(d, "/Type", v, sizeof v), "/Page");
	assert_string_equal(S_get(d, "/A", v, sizeof v), "<< /URI (a (nested) \\) string) >>");
	assert_string_equal(S_get(d, "/Kids", v, sizeof v), "[ 2 0 R 29 0 R ]");
	assert_string_equal(S_get(d, "/Parent", v, sizeof v), "1 0 R");
	assert_null(S_get(d, "/Pag", v, sizeof v));
	assert_int_equal(pdf_ref(v, v + strlen(v)), 1);
	assert_int_equal(pdf_int("-3", "-3" + 2, 0), -3);
	assert_int_equal(pdf_int("2 0 R", "2 0 R" + 5, 7), 7);
	/* the items of an array, a reference being one */
	const char *a = "[ 2 0 R 29 0 R 5 /X ]", *p = a + 1, *i, *ie;
	int n = 0, refs = 0;
	while (pdf_array_next(&p, a + strlen(a), &i, &ie)) {
		n++;
		refs += pdf_ref(i, ie) != 0;
	}
	assert_int_equal(n, 4);
	assert_int_equal(refs, 2);
	/* cut short: no end */
	assert_null(pdf_value_end("<< /A (open", "<< /A (open" + 11));
}

static void test_text(void **state)
{
	(void)state;
	const char *lit = "(Caf\\351 \\(one\\)\\n)";
	char *t = pdf_text(lit, lit + strlen(lit));
	assert_string_equal(t, "Caf\xc3\xa9 (one)\n");
	free(t);
	const char *hex = "<FEFF0057 2019 D83DDE00>";
	t = pdf_text(hex, hex + strlen(hex));
	assert_string_equal(t, "W\xe2\x80\x99\xf0\x9f\x98\x80");
	/* and back, through PDF's text string */
	galley_buf b = GALLEY_BUF_INIT;
	pdf_put_text(&b, t);
	galley_buf_putc(&b, '\0');
	assert_string_equal(b.data, "<FEFF00572019D83DDE00>");
	free(t);
	galley_buf_clear(&b);
	pdf_put_text(&b, "Link to (x)\\y");
	char *back = pdf_text(b.data, b.data + b.len);
	assert_string_equal(back, "Link to (x)\\y");
	free(back);
	galley_buf_free(&b);
	assert_null(pdf_text("/Name", "/Name" + 5));
}

/* A PDF of OBJS (texts of objects 1, 2...) with its table and TRAILER. */
static char *S_pdf(const char *const *objs, int n, const char *trailer)
{
	galley_buf b = GALLEY_BUF_INIT;
	long offs[16];
	galley_buf_puts(&b, "%PDF-1.5\n");
	for (int i = 0; i < n; i++) {
		offs[i] = (long)b.len;
		char *o = galley_xasprintf("%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
		galley_buf_puts(&b, o);
		free(o);
	}
	long xref = (long)b.len;
	char line[64];
	snprintf(line, sizeof line, "xref\n0 %d\n0000000000 65535 f \n", n + 1);
	galley_buf_puts(&b, line);
	for (int i = 0; i < n; i++) {
		snprintf(line, sizeof line, "%010ld 00000 n \n", offs[i]);
		galley_buf_puts(&b, line);
	}
	char *t = galley_xasprintf("trailer\n%s\nstartxref\n%ld\n%%%%EOF\n", trailer, xref);
	galley_buf_puts(&b, t);
	free(t);
	galley_buf_putc(&b, '\0');
	return galley_buf_detach(&b);
}

static void test_file(void **state)
{
	(void)state;
	const char *objs[] = {"<< /Type /Catalog /Pages 2 0 R >>",
	                      "<< /Type /Pages /Kids [ ] /Count 0 >>",
	                      "<< /Length 4 0 R >>\nstream\nq Q\nendstream", "3"};
	char *pdf = S_pdf(objs, 4, "<< /Size 5 /Root 1 0 R >>");
	struct pdf_raw raw = {(const unsigned char *)pdf, strlen(pdf), NULL};
	struct pdf_src s;
	assert_int_equal(pdf_src_open(&s, &raw), 0);
	assert_int_equal(s.n_objs, 5);
	assert_int_equal(s.root, 1);
	assert_int_equal(s.info, 0);
	struct pdf_obj o;
	assert_int_equal(pdf_obj_read(&s, 1, &o), 0);
	assert_string_equal(o.text, "<< /Type /Catalog /Pages 2 0 R >>");
	assert_false(o.stream);
	assert_memory_equal(pdf + o.end - 6, "endobj", 6);
	pdf_obj_free(&o);
	/* a stream whose length is an object of its own */
	assert_int_equal(pdf_obj_read(&s, 3, &o), 0);
	assert_true(o.stream);
	size_t len;
	unsigned char *data = pdf_stream_data(&s, &o, &len);
	assert_int_equal(len, 3);
	assert_memory_equal(data, "q Q", 3);
	free(data);
	pdf_obj_free(&o);
	assert_int_equal(pdf_obj_read(&s, 9, &o), -1);
	pdf_src_close(&s);
	free(pdf);

	/* what it refuses: a second revision, no startxref */
	pdf = S_pdf(objs, 4, "<< /Size 5 /Root 1 0 R /Prev 10 >>");
	raw = (struct pdf_raw){(const unsigned char *)pdf, strlen(pdf), NULL};
	assert_int_equal(pdf_src_open(&s, &raw), -1);
	pdf_src_close(&s);
	raw.len = strlen(pdf) - 30;
	assert_int_equal(pdf_src_open(&s, &raw), -1);
	pdf_src_close(&s);
	free(pdf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
