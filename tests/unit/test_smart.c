/* test_smart.c — the typography transform: quotes, apostrophes, dashes, ellipses, languages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "galley.h"

/* Smarten TEXT as one paragraph of an article in LANG; returns the result. */
static char *S_smart(const char *lang, const char *text)
{
	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_node *a = galley_node_new(GALLEY_NODE_ARTICLE);
	galley_node_append_child(doc, a);
	galley_article_set(a, GALLEY_META_LANG, lang);
	galley_node *p = galley_node_new(GALLEY_NODE_PARAGRAPH);
	galley_node_append_child(a, p);
	galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
	galley_node_set_literal(t, text);
	galley_node_append_child(p, t);
	galley_smarten(doc);
	char *out = galley_node_text(p);
	galley_node_free(doc);
	return out;
}

#define SMART_EQ(lang, in, want) do { char *s = S_smart(lang, in); \
	assert_string_equal(s, want); free(s); } while (0)

static void test_english_quotes(void **state)
{
	(void)state;
	SMART_EQ("en", "\"Yes,\" she said.", "\u201CYes,\u201D she said.");
	SMART_EQ("en", "He said 'no' twice.", "He said \u2018no\u2019 twice.");
	SMART_EQ("en", "(\"quoted\")", "(\u201Cquoted\u201D)");
}

static void test_apostrophes(void **state)
{
	(void)state;
	SMART_EQ("en", "Kim's remarks don't", "Kim\u2019s remarks don\u2019t");
	SMART_EQ("en", "in the '90s", "in the \u201990s");
}

static void test_dashes_and_ellipsis(void **state)
{
	(void)state;
	SMART_EQ("en", "word -- word", "word \u2014 word");
	SMART_EQ("en", "pages 10--12", "pages 10\u201312");
	SMART_EQ("en", "wait...", "wait\u2026");
	SMART_EQ("en", "a---b", "a\u2014b");
}

static void test_german_and_french(void **state)
{
	(void)state;
	SMART_EQ("de", "Er sagte \"ja\".", "Er sagte \u201Eja\u201C.");
	SMART_EQ("fr", "Il dit \"oui\".", "Il dit \u00AB\u00A0oui\u00A0\u00BB.");
	/* an apostrophe inside a word is U+2019 in every language */
	SMART_EQ("fr", "l'Assembl\u00E9e", "l\u2019Assembl\u00E9e");
	SMART_EQ("de", "geht's", "geht\u2019s");
}

static void test_already_curly_unchanged(void **state)
{
	(void)state;
	SMART_EQ("en", "\u201CDone\u201D \u2014 yes", "\u201CDone\u201D \u2014 yes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_english_quotes),
		cmocka_unit_test(test_apostrophes),
		cmocka_unit_test(test_dashes_and_ellipsis),
		cmocka_unit_test(test_german_and_french),
		cmocka_unit_test(test_already_curly_unchanged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
