/* test_xml.c — the tree XML: writing, reading back, the round trip and hostile XML. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "galley.h"

static const char S_full[] =
	"<galley>\n"
	"  <article lang=\"de\">\n"
	"    <title>Ein &amp; Titel</title>\n"
	"    <subtitle>Sub</subtitle>\n"
	"    <byline>By Ann</byline>\n"
	"    <date>2021-09-30</date>\n"
	"    <source>https://example.org/a</source>\n"
	"    <creator>Ann</creator>\n"
	"    <p>One <em>two</em> <strong>three</strong> <a href=\"https://x.org/?a=1&amp;b=2\">four</a> <code>a&lt;b</code><br/>five</p>\n"
	"    <h2>Head</h2>\n"
	"    <h4>Small</h4>\n"
	"    <blockquote>\n      <p>Quoted</p>\n      <cite>Someone</cite>\n    </blockquote>\n"
	"    <pullquote>Pull</pullquote>\n"
	"    <ol>\n      <li>a</li>\n      <li>b<ul>\n          <li>c</li>\n        </ul></li>\n    </ol>\n"
	"    <pre>x &lt; y\n  z</pre>\n"
	"    <figure>\n      <img src=\"a.png\" alt=\"An image\"/>\n      <figcaption>Cap</figcaption>\n    </figure>\n"
	"    <hr/>\n"
	"    <author>\n      <name>Ann</name>\n      <bio>\n        <p>Ann writes.</p>\n      </bio>\n    </author>\n"
	"  </article>\n"
	"</galley>\n";

static galley_node *S_read(const char *xml, galley_diag **diag)
{
	*diag = galley_diag_new("test.xml");
	galley_diag_set_quiet(*diag, 1);
	return galley_read_xml(xml, strlen(xml), NULL, *diag);
}

static void test_round_trip_is_identity(void **state)
{
	(void)state;
	galley_diag *d;
	galley_node *doc = S_read(S_full, &d);
	assert_non_null(doc);
	assert_int_equal(galley_diag_count(d), 0);
	char *once = galley_render_xml(doc, NULL);
	galley_diag *d2;
	galley_node *again = S_read(once, &d2);
	char *twice = galley_render_xml(again, NULL);
	assert_string_equal(once, twice);
	/* and the writer reproduces the hand-written input exactly */
	assert_non_null(strstr(once, "<galley>"));
	assert_string_equal(strchr(once, '\n') + 1, S_full);
	free(once);
	free(twice);
	galley_node_free(doc);
	galley_node_free(again);
	galley_diag_free(d);
	galley_diag_free(d2);
}

static void test_metadata_read(void **state)
{
	(void)state;
	galley_diag *d;
	galley_node *doc = S_read(S_full, &d);
	galley_node *a = galley_node_first_child(doc);
	assert_string_equal(galley_article_get(a, GALLEY_META_TITLE), "Ein & Titel");
	assert_string_equal(galley_article_get(a, GALLEY_META_LANG), "de");
	assert_string_equal(galley_article_get(a, GALLEY_META_DATE), "2021-09-30");
	assert_string_equal(galley_article_get_author(a, 0), "Ann");
	galley_node_free(doc);
	galley_diag_free(d);
}

static void test_escaping(void **state)
{
	(void)state;
	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_node *a = galley_node_new(GALLEY_NODE_ARTICLE);
	galley_node_append_child(doc, a);
	galley_article_set(a, GALLEY_META_TITLE, "<b>&\"</b>");
	galley_node *p = galley_node_new(GALLEY_NODE_PARAGRAPH);
	galley_node_append_child(a, p);
	galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
	galley_node_set_literal(t, "a < b & c > d");
	galley_node_append_child(p, t);
	char *xml = galley_render_xml(doc, NULL);
	assert_non_null(strstr(xml, "<title>&lt;b&gt;&amp;&quot;&lt;/b&gt;</title>"));
	assert_non_null(strstr(xml, "<p>a &lt; b &amp; c &gt; d</p>"));
	free(xml);
	galley_node_free(doc);
}

static void test_malformed_is_error_with_line(void **state)
{
	(void)state;
	galley_diag *d;
	assert_null(S_read("<galley>\n<article>\n<p>open\n</galley>", &d));
	galley_severity sev;
	int line;
	assert_non_null(galley_diag_message(d, 0, &sev, &line));
	assert_int_equal(sev, GALLEY_DIAG_ERROR);
	assert_true(line > 0);
	galley_diag_free(d);
}

static void test_wrong_root_refused(void **state)
{
	(void)state;
	galley_diag *d;
	assert_null(S_read("<html><p>x</p></html>", &d));
	assert_int_equal(galley_diag_worst(d), GALLEY_DIAG_ERROR);
	galley_diag_free(d);
}

/* Entities are never expanded and a DOCTYPE is refused: no billion
 * laughs, no external entity reading local files. */
static void test_entities_refused(void **state)
{
	(void)state;
	static const char bomb[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE galley [\n"
		" <!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
		" <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
		" <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
		" <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
		"]>\n<galley><article><p>&d;</p></article></galley>\n";
	static const char xxe[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE galley [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n"
		"<galley><article><p>&x;</p></article></galley>\n";
	galley_diag *d;
	assert_null(S_read(bomb, &d));
	galley_diag_free(d);
	assert_null(S_read(xxe, &d));
	galley_diag_free(d);
}

static void test_unknown_element_keeps_text(void **state)
{
	(void)state;
	galley_diag *d;
	galley_node *doc = S_read("<galley><article><p>a <span>b</span> c</p></article></galley>", &d);
	assert_non_null(doc);
	assert_int_equal(galley_diag_worst(d), GALLEY_DIAG_WARNING);
	char *text = galley_node_text(galley_node_first_child(galley_node_first_child(doc)));
	assert_string_equal(text, "a b c");
	free(text);
	galley_node_free(doc);
	galley_diag_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_is_identity),
		cmocka_unit_test(test_metadata_read),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_malformed_is_error_with_line),
		cmocka_unit_test(test_wrong_root_refused),
		cmocka_unit_test(test_entities_refused),
		cmocka_unit_test(test_unknown_element_keeps_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
