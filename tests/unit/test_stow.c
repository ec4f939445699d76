/* test_stow.c — a long document's articles stowed in a spool and brought
 * back (issue 21): the same tree, line numbers included, from memory and
 * from the spool's file; metadata kept while the blocks are out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "galley.h"

/* Every kind of node the tree has: headings, emphasis, links, lists,
 * quotes, code, a table with a header and an aligned cell, a footnote. */
static const char S_md[] =
	"---\ntitle: Stowed %d\nauthor: Jane Roe\nlang: en-GB\n---\n\n"
	"First paragraph with *emphasis*, **strong**, `code` and a "
	"[link](https://example.org/a \"a title\").[^1]\n\n"
	"## A heading\n\n"
	"> A quotation long enough to be one.\n\n"
	"1. one\n2. two\n\n"
	"| Name | Count |\n|:-----|------:|\n| ferry | 12 |\n\n"
	"```\nint x = 1;\n```\n\n"
	"![A harbour](images/harbour.png)\n\n"
	"[^1]: The note's text.\n";

static galley_node *S_doc(int n)
{
	galley_diag *d = galley_diag_new("test.md");
	galley_diag_set_quiet(d, 1);
	galley_node *all = NULL;
	for (int i = 0; i < n; i++) {
		char text[sizeof S_md + 16];
		snprintf(text, sizeof text, S_md, i);
		galley_node *doc = galley_read(text, strlen(text), GALLEY_FORMAT_MD, NULL, d);
		assert_non_null(doc);
		if (all)
			galley_document_merge(all, doc);
		else
			all = doc;
	}
	galley_diag_free(d);
	return all;
}

/* The input lines of every node of DOC, in document order. */
static char *S_lines(galley_node *doc)
{
	size_t cap = 4096, len = 0;
	char *s = calloc(1, cap);
	galley_iter *it = galley_iter_new(doc);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		if (ev != GALLEY_EVENT_ENTER)
			continue;
		if (len + 16 > cap)
			s = realloc(s, cap *= 2);
		len += (size_t)sprintf(s + len, "%d ", galley_node_get_line(galley_iter_get_node(it)));
	}
	galley_iter_free(it);
	return s;
}

static void test_round_trip(void **state)
{
	(void)state;
	galley_node *doc = S_doc(3);
	char *before = galley_render_xml(doc, NULL);
	char *lines = S_lines(doc);
	assert_non_null(strstr(before, "<table>"));
	assert_non_null(strstr(before, "<footnote"));
	assert_int_equal(galley_document_stow(doc), 0);
	galley_node *a = galley_node_first_child(doc);
	/* the blocks are out, the metadata stays */
	assert_null(galley_node_first_child(a));
	assert_string_equal(galley_article_get(a, GALLEY_META_TITLE), "Stowed 0");
	assert_string_equal(galley_article_get_author(a, 0), "Jane Roe");
	/* a walker brings each article back while it is inside it */
	char *after = galley_render_xml(doc, NULL);
	assert_string_equal(after, before);
	char *lines_after = S_lines(doc);
	assert_string_equal(lines_after, lines);
	assert_null(galley_node_first_child(a));
	/* by hand: in, in again (nothing to do), out */
	assert_int_equal(galley_article_load(a), 1);
	assert_non_null(galley_node_first_child(a));
	assert_int_equal(galley_article_load(a), 0);
	galley_article_unload(a);
	assert_null(galley_node_first_child(a));
	/* stowing again stows nothing new; the record is still good */
	assert_int_equal(galley_document_stow(doc), 0);
	char *again = galley_render_xml(doc, NULL);
	assert_string_equal(again, before);
	free(before);
	free(after);
	free(again);
	free(lines);
	free(lines_after);
	galley_node_free(doc);
}

/* Past 4 MiB the spool is a temporary file: articles from before and
 * after the move come back whole. */
static void test_spool_file(void **state)
{
	(void)state;
	galley_node *doc = S_doc(2);
	size_t big = (size_t)3 << 20;
	char *text = malloc(big + 1);
	for (size_t i = 0; i < big; i++)
		text[i] = "abcdefgh "[i % 9];
	text[big] = '\0';
	for (galley_node *a = galley_node_first_child(doc); a; a = galley_node_next(a)) {
		galley_node *p = galley_node_new(GALLEY_NODE_PARAGRAPH);
		galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
		galley_node_set_literal(t, text);
		galley_node_append_child(p, t);
		galley_node_append_child(a, p);
	}
	char *before = galley_render_xml(doc, NULL);
	assert_int_equal(galley_document_stow(doc), 0);
	char *after = galley_render_xml(doc, NULL);
	assert_true(strcmp(after, before) == 0);
	galley_node *last = galley_node_last_child(doc);
	assert_int_equal(galley_article_load(last), 1);
	galley_node *t = galley_node_first_child(galley_node_last_child(last));
	assert_string_equal(galley_node_get_literal(t), text);
	galley_article_unload(last);
	free(text);
	free(before);
	free(after);
	galley_node_free(doc);
}

/* Articles moved into another document come with their blocks. */
static void test_merge_stowed(void **state)
{
	(void)state;
	galley_node *src = S_doc(2), *dst = S_doc(1);
	char *xml_src = galley_render_xml(src, NULL);
	assert_int_equal(galley_document_stow(src), 0);
	galley_document_merge(dst, src);
	char *xml = galley_render_xml(dst, NULL);
	/* the moved articles' paragraphs are all there */
	const char *p = strstr(xml, "Stowed 0");
	p = p ? strstr(p + 1, "Stowed 0") : NULL;
	assert_non_null(p);
	assert_non_null(strstr(p, "The note"));
	assert_non_null(strstr(xml, "Stowed 1"));
	free(xml_src);
	free(xml);
	galley_node_free(dst);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_spool_file),
		cmocka_unit_test(test_merge_stowed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
