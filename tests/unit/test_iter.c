/* test_iter.c — the walker: event order, leaves, skipping, editing after EXIT. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "galley.h"

static galley_node *S_para(const char *a, const char *b)
{
	galley_node *p = galley_node_new(GALLEY_NODE_PARAGRAPH);
	galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
	galley_node_set_literal(t, a);
	galley_node_append_child(p, t);
	galley_node *em = galley_node_new(GALLEY_NODE_EMPH);
	galley_node *t2 = galley_node_new(GALLEY_NODE_TEXT);
	galley_node_set_literal(t2, b);
	galley_node_append_child(em, t2);
	galley_node_append_child(p, em);
	return p;
}

/* The walk as a string: "+p" for ENTER, "-p" for EXIT. */
static char *S_trace(galley_node *root)
{
	static char buf[256];
	buf[0] = '\0';
	galley_iter *it = galley_iter_new(root);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		strcat(buf, ev == GALLEY_EVENT_ENTER ? "+" : "-");
		strcat(buf, galley_node_type_name(galley_node_get_type(galley_iter_get_node(it))));
		strcat(buf, " ");
	}
	galley_iter_free(it);
	return buf;
}

static void test_enter_exit_order(void **state)
{
	(void)state;
	galley_node *a = galley_node_new(GALLEY_NODE_ARTICLE);
	galley_node_append_child(a, S_para("x", "y"));
	galley_node_append_child(a, galley_node_new(GALLEY_NODE_SEPARATOR));
	assert_string_equal(S_trace(a), "+article +p +text +em +text -em -p +hr -article ");
	galley_node_free(a);
}

static void test_empty_container_enters_and_exits(void **state)
{
	(void)state;
	galley_node *p = galley_node_new(GALLEY_NODE_PARAGRAPH);
	assert_string_equal(S_trace(p), "+p -p ");
	galley_node_free(p);
}

static void test_reset_skips_children(void **state)
{
	(void)state;
	galley_node *a = galley_node_new(GALLEY_NODE_ARTICLE);
	galley_node_append_child(a, S_para("x", "y"));
	galley_node_append_child(a, S_para("z", "w"));
	galley_iter *it = galley_iter_new(a);
	int texts = 0;
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *n = galley_iter_get_node(it);
		if (ev == GALLEY_EVENT_ENTER && galley_node_get_type(n) == GALLEY_NODE_EMPH)
			galley_iter_reset(it, n, GALLEY_EVENT_EXIT);
		else if (galley_node_get_type(n) == GALLEY_NODE_TEXT)
			texts++;
	}
	galley_iter_free(it);
	assert_int_equal(texts, 2);   /* the emphasised words were skipped */
	galley_node_free(a);
}

static void test_free_after_exit(void **state)
{
	(void)state;
	galley_node *a = galley_node_new(GALLEY_NODE_ARTICLE);
	for (int i = 0; i < 5; i++)
		galley_node_append_child(a, S_para("x", "y"));
	galley_iter *it = galley_iter_new(a);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *n = galley_iter_get_node(it);
		if (ev == GALLEY_EVENT_EXIT && galley_node_get_type(n) == GALLEY_NODE_EMPH) {
			/* step back to the emphasis's predecessor before freeing it */
			galley_node *prev = galley_node_previous(n);
			galley_iter_reset(it, prev, GALLEY_EVENT_ENTER);
			galley_node_free(n);
		}
	}
	galley_iter_free(it);
	assert_string_equal(S_trace(galley_node_first_child(a)), "+p +text -p ");
	galley_node_free(a);
}

static void test_leaf_root(void **state)
{
	(void)state;
	galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
	assert_string_equal(S_trace(t), "+text ");
	assert_true(galley_node_is_leaf(t));
	galley_node_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enter_exit_order),
		cmocka_unit_test(test_empty_container_enters_and_exits),
		cmocka_unit_test(test_reset_skips_children),
		cmocka_unit_test(test_free_after_exit),
		cmocka_unit_test(test_leaf_root),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
