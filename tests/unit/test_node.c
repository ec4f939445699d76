/* test_node.c — the tree: checked edits, accessors, metadata, deep freeing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "galley.h"

static void test_append_links_siblings(void **state)
{
	(void)state;
	galley_node *a = galley_node_new(GALLEY_NODE_ARTICLE);
	galley_node *p1 = galley_node_new(GALLEY_NODE_PARAGRAPH);
	galley_node *p2 = galley_node_new(GALLEY_NODE_PARAGRAPH);
	galley_node *h = galley_node_new(GALLEY_NODE_HEADING);
	assert_true(galley_node_append_child(a, p1));
	assert_true(galley_node_append_child(a, p2));
	assert_true(galley_node_insert_before(p2, h));
	assert_ptr_equal(galley_node_first_child(a), p1);
	assert_ptr_equal(galley_node_next(p1), h);
	assert_ptr_equal(galley_node_next(h), p2);
	assert_ptr_equal(galley_node_previous(p2), h);
	assert_ptr_equal(galley_node_last_child(a), p2);
	assert_ptr_equal(galley_node_parent(h), a);
	galley_node_unlink(h);
	assert_ptr_equal(galley_node_next(p1), p2);
	assert_null(galley_node_parent(h));
	assert_true(galley_node_prepend_child(a, h));
	assert_ptr_equal(galley_node_first_child(a), h);
	galley_node_free(a);
}

static void test_illegal_children_refused(void **state)
{
	(void)state;
	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_node *p = galley_node_new(GALLEY_NODE_PARAGRAPH);
	galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
	galley_node *item = galley_node_new(GALLEY_NODE_ITEM);
	assert_false(galley_node_append_child(doc, p));      /* only articles */
	assert_false(galley_node_append_child(t, p));        /* a leaf */
	assert_false(galley_node_append_child(p, p));        /* itself */
	assert_false(galley_node_append_child(p, item));     /* item outside a list */
	assert_true(galley_node_append_child(p, t));
	assert_null(galley_node_first_child(doc));
	galley_node_free(doc);
	galley_node_free(p);
	galley_node_free(item);
}

static void test_cycle_refused(void **state)
{
	(void)state;
	galley_node *em = galley_node_new(GALLEY_NODE_EMPH);
	galley_node *strong = galley_node_new(GALLEY_NODE_STRONG);
	assert_true(galley_node_append_child(em, strong));
	assert_false(galley_node_append_child(strong, em));  /* ancestor */
	assert_ptr_equal(galley_node_parent(strong), em);
	galley_node_free(em);
}

static void test_accessors_by_type(void **state)
{
	(void)state;
	galley_node *h = galley_node_new(GALLEY_NODE_HEADING);
	assert_int_equal(galley_node_get_heading_level(h), 2);
	galley_node_set_heading_level(h, 9);
	assert_int_equal(galley_node_get_heading_level(h), 4);
	assert_false(galley_node_set_literal(h, "x"));
	assert_null(galley_node_get_url(h));
	galley_node *link = galley_node_new(GALLEY_NODE_LINK);
	assert_true(galley_node_set_url(link, "https://example.org/"));
	assert_string_equal(galley_node_get_url(link), "https://example.org/");
	galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
	assert_true(galley_node_set_literal(t, "word"));
	assert_string_equal(galley_node_get_literal(t), "word");
	assert_true(galley_node_is_inline(t));
	assert_true(galley_node_is_block(h));
	assert_string_equal(galley_node_type_name(GALLEY_NODE_PARAGRAPH), "p");
	galley_node_free(h);
	galley_node_free(link);
	galley_node_free(t);
}

static void test_article_metadata(void **state)
{
	(void)state;
	galley_node *a = galley_node_new(GALLEY_NODE_ARTICLE);
	assert_true(galley_article_set(a, GALLEY_META_TITLE, "A title"));
	assert_string_equal(galley_article_get(a, GALLEY_META_TITLE), "A title");
	assert_true(galley_article_set(a, GALLEY_META_TITLE, NULL));
	assert_null(galley_article_get(a, GALLEY_META_TITLE));
	galley_article_add_author(a, "Ann");
	galley_article_add_author(a, "Bo");
	galley_article_add_author(a, "Ann");
	assert_int_equal(galley_article_author_count(a), 2);
	assert_string_equal(galley_article_get_author(a, 1), "Bo");
	assert_null(galley_article_get_author(a, 2));
	galley_node *p = galley_node_new(GALLEY_NODE_PARAGRAPH);
	assert_false(galley_article_set(p, GALLEY_META_DATE, "2021-01-01"));
	galley_node_free(p);
	galley_node_free(a);
}

/* A 100,000-deep chain of emphasis must free without overflowing the stack. */
static void test_deep_tree_frees(void **state)
{
	(void)state;
	galley_node *root = galley_node_new(GALLEY_NODE_PARAGRAPH);
	galley_node *cur = root;
	for (int i = 0; i < 100000; i++) {
		galley_node *e = galley_node_new(i % 2 ? GALLEY_NODE_EMPH : GALLEY_NODE_STRONG);
		assert_true(galley_node_append_child(cur, e));
		galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
		galley_node_set_literal(t, "x");
		galley_node_append_child(cur, t);
		cur = e;
	}
	char *text = galley_node_text(root);
	assert_int_equal(strlen(text), 100000);
	free(text);
	galley_node_free(root);
}

static void test_merge_documents(void **state)
{
	(void)state;
	galley_node *d1 = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_node *d2 = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_node_append_child(d1, galley_node_new(GALLEY_NODE_ARTICLE));
	galley_node_append_child(d2, galley_node_new(GALLEY_NODE_ARTICLE));
	galley_node_append_child(d2, galley_node_new(GALLEY_NODE_ARTICLE));
	galley_document_set_title(d2, "Feed title");
	galley_document_merge(d1, d2);
	assert_string_equal(galley_document_get_title(d1), "Feed title");
	int n = 0;
	for (galley_node *a = galley_node_first_child(d1); a; a = galley_node_next(a))
		n++;
	assert_int_equal(n, 3);
	galley_node_free(d1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append_links_siblings),
		cmocka_unit_test(test_illegal_children_refused),
		cmocka_unit_test(test_cycle_refused),
		cmocka_unit_test(test_accessors_by_type),
		cmocka_unit_test(test_article_metadata),
		cmocka_unit_test(test_deep_tree_frees),
		cmocka_unit_test(test_merge_documents),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
