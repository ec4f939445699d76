/* test_read_md.c — the Markdown reader: front matter, title, quotes, author box, figures, lists, code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "galley.h"
#include "tree_xml.h"

static galley_diag *S_diag;

static galley_node *S_read(const char *md)
{
	galley_diag_free(S_diag);
	S_diag = galley_diag_new("test.md");
	galley_diag_set_quiet(S_diag, 1);
	galley_options opts = {0};
	return galley_read_md(md, strlen(md), &opts, S_diag);
}

/* The tree XML of MD (kept until the next call). */
static const char *S_xml(const char *md)
{
	galley_node *doc = S_read(md);
	assert_non_null(doc);
	return tree_xml(doc);
}

static void test_front_matter(void **state)
{
	(void)state;
	const char *x = S_xml("---\n"
		"title: \"Set in Lead\"\n"
		"subtitle: A note on type\n"
		"author: Ana Silva and Ben Ode, Cy Twombly\n"
		"date: 2021-09-30\n"
		"lang: pt\n"
		"source: https://example.org/lead\n"
		"tags: [type, lead]\n"
		"---\n"
		"Body text.\n");
	HAS(x, "<article lang=\"pt\">");
	HAS(x, "<title>Set in Lead</title>");
	HAS(x, "<subtitle>A note on type</subtitle>");
	HAS(x, "<byline>Ana Silva, Ben Ode and Cy Twombly</byline>");
	HAS(x, "<creator>Ana Silva</creator>");
	HAS(x, "<creator>Ben Ode</creator>");
	HAS(x, "<creator>Cy Twombly</creator>");
	HAS(x, "<date>2021-09-30</date>");
	HAS(x, "<source>https://example.org/lead</source>");
	HAS(x, "<tag>type</tag>");
	HAS(x, "<tag>lead</tag>");
	HAS(x, "<p>Body text.</p>");
	HAS_NOT(x, "<hr/>");           /* the fences are not thematic breaks */
	HAS_NOT(x, "title:");
}

static void test_front_matter_lists_and_dates(void **state)
{
	(void)state;
	const char *x = S_xml("---\nauthors:\n  - Dana Roe\n  - Eli Park\n"
	                      "date: Thu, 30 Sep 2021 23:10:00 -0700\n---\n# T\n\nText.\n");
	HAS(x, "<byline>Dana Roe and Eli Park</byline>");
	HAS(x, "<date>2021-09-30</date>");   /* the day as written, not UTC's */
	x = S_xml("---\ndate: September 3, 2021\n---\nText.\n");
	HAS(x, "<date>2021-09-03</date>");
	x = S_xml("---\ndate: 2021-02-29\n---\nText.\n");   /* no such day */
	HAS_NOT(x, "<date>");
	x = S_xml("---\r\ntitle: >\r\n  A folded\r\n  long title\r\nsubtitle: plain\r\n  continued\r\n"
	          "# a comment\r\n---\r\nText.\r\n");
	HAS(x, "<title>A folded long title</title>");
	HAS(x, "<subtitle>plain continued</subtitle>");
	x = S_xml("---\ntitle: x\ndate: someday\n---\nText.\n");
	HAS_NOT(x, "<date>");
	assert_int_equal(galley_diag_worst(S_diag), GALLEY_DIAG_WARNING);
}

static void test_not_front_matter(void **state)
{
	(void)state;
	/* a thematic break and a setext heading, not metadata */
	const char *x = S_xml("---\nJust a line of prose here\n---\n\nMore.\n");
	HAS(x, "<hr/>");
	HAS(x, "<h2>Just a line of prose here</h2>");
	HAS_NOT(x, "<title>");
}

static void test_title_from_heading(void **state)
{
	(void)state;
	const char *x = S_xml("# The *Real* Title\n\nFirst.\n\n# Second top\n\n## Part\n\n### Sub\n\n##### Deep\n");
	HAS(x, "<title>The Real Title</title>");
	HAS_NOT(x, "<h2>The");
	HAS(x, "<h2>Second top</h2>");
	HAS(x, "<h2>Part</h2>");
	HAS(x, "<h3>Sub</h3>");
	HAS(x, "<h4>Deep</h4>");
	/* a front-matter title wins; an equal # heading is not repeated */
	x = S_xml("---\ntitle: Given\n---\n# Given\n\nText.\n");
	HAS(x, "<title>Given</title>");
	HAS_NOT(x, "<h2>Given</h2>");
	x = S_xml("---\ntitle: Given\n---\n# Other\n\nText.\n");
	HAS(x, "<h2>Other</h2>");
}

static void test_blockquote_attribution(void **state)
{
	(void)state;
	const char *x = S_xml("> Words worth keeping.\n> \u2014 Jane Doe, *Letters*\n");
	HAS(x, "<blockquote>\n      <p>Words worth keeping.</p>\n"
	       "      <cite>Jane Doe, <em>Letters</em></cite>\n    </blockquote>");
	x = S_xml("> One.\n>\n> Two.\n>\n> -- Somebody\n");
	HAS(x, "<p>Two.</p>\n      <cite>Somebody</cite>");
	/* a quote that merely starts with a dash has no attribution */
	x = S_xml("> \u2014 and so it began.\n");
	HAS(x, "<p>\u2014 and so it began.</p>");
	HAS_NOT(x, "<cite>");
	x = S_xml("> No dash at all\n> on two lines.\n");
	HAS_NOT(x, "<cite>");
}

static void test_author_section(void **state)
{
	(void)state;
	const char *x = S_xml("# T\n\nBody.\n\n## About the Author\n\n"
	                      "**Mimi Ly** is a reporter.\n\nShe lives in Sydney.\n");
	HAS(x, "<author>\n      <name>Mimi Ly</name>\n      <bio>\n"
	       "        <p><strong>Mimi Ly</strong> is a reporter.</p>\n"
	       "        <p>She lives in Sydney.</p>\n      </bio>\n    </author>");
	HAS_NOT(x, "<h2>About");
	/* name on its own line, a photo, links in a list */
	x = S_xml("Body.\n\n## About the authors:\n\nAna Silva\n\n![Ana](ana.jpg)\n\n"
	          "Ana sets type.\n\n- [Site](https://ana.example)\n");
	HAS(x, "<name>Ana Silva</name>");
	HAS(x, "<img src=\"ana.jpg\" alt=\"Ana\"/>");
	HAS(x, "<p>Ana sets type.</p>");
	HAS(x, "<p><a href=\"https://ana.example\">Site</a></p>");
	HAS_NOT(x, "<figure>");
	/* no name in the section: the author metadata */
	x = S_xml("---\nauthor: Bo Li\n---\nBody.\n\n## about the author\n\nWrites about ink.\n");
	HAS(x, "<name>Bo Li</name>");
	/* any other heading is a heading */
	x = S_xml("Body.\n\n## About the town\n\nIt is old.\n");
	HAS(x, "<h2>About the town</h2>");
	HAS_NOT(x, "<author>");
}

static void test_author_fence(void **state)
{
	(void)state;
	const char *x = S_xml("Body.\n\n:::author\n**Ana Silva** sets type ![me](ana.jpg) in Porto.\n\n"
	                      "She also writes.\n:::\n\nAfter the box.\n");
	HAS(x, "<author>\n      <name>Ana Silva</name>\n      <img src=\"ana.jpg\" alt=\"me\"/>\n"
	       "      <bio>\n        <p><strong>Ana Silva</strong> sets type in Porto.</p>\n"
	       "        <p>She also writes.</p>\n      </bio>\n    </author>\n    <p>After the box.</p>");
	HAS_NOT(x, ":::");
	/* a name alone; an unclosed block runs to the end */
	x = S_xml("Body.\n\n::: author\nBo Li\n:::\n\n:::author\n\nCy Press\n\nCy prints.\n");
	HAS(x, "<author>\n      <name>Bo Li</name>\n    </author>");
	HAS(x, "<name>Cy Press</name>");
	HAS(x, "<p>Cy prints.</p>\n      </bio>");
	/* ":::" elsewhere is text */
	x = S_xml("Ratio 3:::4 and\n:::\n");
	HAS(x, ":::");
	HAS_NOT(x, "<author>");
}

static void test_figures(void **state)
{
	(void)state;
	const char *x = S_xml("Text.\n\n![A press](img/press.jpg \"The press at work\")\n");
	HAS(x, "<figure>\n      <img src=\"img/press.jpg\" alt=\"A press\"/>\n"
	       "      <figcaption>The press at work</figcaption>\n    </figure>");
	x = S_xml("![Only *alt*](a.png)\n");
	HAS(x, "<img src=\"a.png\" alt=\"Only alt\"/>");
	HAS(x, "<figcaption>Only alt</figcaption>");
	/* an image inside a sentence: the figure follows the paragraph */
	x = S_xml("See ![dot](dot.png) here.\n\nNext.\n");
	HAS(x, "<p>See here.</p>\n    <figure>");
	HAS(x, "</figure>\n    <p>Next.</p>");
	/* a linked image alone is a figure too */
	x = S_xml("[![Big](small.png)](big.png)\n");
	HAS(x, "<img src=\"small.png\" alt=\"Big\"/>");
}

static void test_lists(void **state)
{
	(void)state;
	const char *x = S_xml("1. one\n2. two\n   - *a*\n   - b\n3. three\n\n   more\n");
	HAS(x, "<ol>");
	HAS(x, "<li>one</li>");
	HAS(x, "<li>two<ul>");
	HAS(x, "<li><em>a</em></li>");
	HAS(x, "<li>three<br/>more</li>");
	x = S_xml("- x\n- y\n");
	HAS(x, "<ul>\n      <li>x</li>\n      <li>y</li>\n    </ul>");
}

static void test_code_and_inlines(void **state)
{
	(void)state;
	const char *x = S_xml("Use `make check` and **bold** _em_ [l](http://e.org \"T\").\n\n"
	                      "```sh\nmake\nmake check\n```\n\n    indented\n\n***\n\n"
	                      "<div><script>evil()</script><p>Kept <b>raw</b> HTML.</p></div>\n\n"
	                      "> <div>in a quote</div>\n");
	HAS(x, "<code>make check</code>");
	HAS(x, "<strong>bold</strong>");
	HAS(x, "<em>em</em>");
	HAS(x, "<a href=\"http://e.org\" title=\"T\">l</a>");
	HAS(x, "<pre>make\nmake check</pre>");
	HAS(x, "<pre>indented</pre>");
	HAS(x, "<hr/>");
	HAS(x, "<p>Kept <strong>raw</strong> HTML.</p>");   /* through the HTML cleaner */
	HAS_NOT(x, "evil");
	HAS_NOT(x, "in a quote");
	assert_int_equal(galley_diag_worst(S_diag), GALLEY_DIAG_WARNING);
}

static void test_deep_nesting_and_empty(void **state)
{
	(void)state;
	size_t n = 20000;
	char *md = malloc(2 * n + 8);
	for (size_t i = 0; i < n; i++)
		md[i] = '>';
	strcpy(md + n, " deep\n");
	galley_node *doc = S_read(md);
	assert_non_null(doc);
	galley_node_free(doc);
	free(md);
	assert_null(S_read(""));
	assert_int_equal(galley_diag_worst(S_diag), GALLEY_DIAG_ERROR);
	assert_null(S_read("<!-- only a comment -->\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_front_matter),
		cmocka_unit_test(test_front_matter_lists_and_dates),
		cmocka_unit_test(test_not_front_matter),
		cmocka_unit_test(test_title_from_heading),
		cmocka_unit_test(test_blockquote_attribution),
		cmocka_unit_test(test_author_section),
		cmocka_unit_test(test_author_fence),
		cmocka_unit_test(test_figures),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_code_and_inlines),
		cmocka_unit_test(test_deep_nesting_and_empty),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	galley_diag_free(S_diag);
	return rc;
}
