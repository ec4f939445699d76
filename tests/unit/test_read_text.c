/* test_read_text.c — the plain-text reader, one test per rule of issue 2: head, paragraphs, headings, quotes, author box, boilerplate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "galley.h"
#include "text.h"

/* Read TEXT with OPTS; the diagnostics go to *DIAG when asked for. */
static galley_node *S_read_opts(const char *text, const galley_options *opts, galley_diag **diag)
{
	galley_diag *d = galley_diag_new("test.txt");
	galley_diag_set_quiet(d, 1);
	galley_node *doc = galley_read_text(text, strlen(text), opts, d);
	if (diag)
		*diag = d;
	else
		galley_diag_free(d);
	return doc;
}

/* The tree XML of TEXT read with default options (caller frees). */
static char *S_xml(const char *text)
{
	galley_node *doc = S_read_opts(text, NULL, NULL);
	assert_non_null(doc);
	char *xml = galley_render_xml(doc, NULL);
	galley_node_free(doc);
	return xml;
}

static void S_has(const char *xml, const char *want)
{
	if (!strstr(xml, want))
		fail_msg("missing %s in\n%s", want, xml);
}

static void S_lacks(const char *xml, const char *bad)
{
	if (strstr(xml, bad))
		fail_msg("unexpected %s in\n%s", bad, xml);
}

static int S_count(const char *xml, const char *what)
{
	int n = 0;
	for (const char *p = strstr(xml, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

static galley_node *S_article(galley_node *doc)
{
	return galley_node_first_child(doc);
}

/* ------------------------------------------------------------------ head */

static void test_title_is_first_line(void **state)
{
	(void)state;
	char *x = S_xml("\n\n  Plain Title Here  \n\nFirst paragraph of the body.\n");
	S_has(x, "<title>Plain Title Here</title>");
	S_has(x, "<p>First paragraph of the body.</p>");
	S_has(x, "<article lang=\"en\">");
	free(x);
}

static void test_url_and_repeated_title_dropped(void **state)
{
	(void)state;
	char *x = S_xml("Storm Hits the Coast\nhttps://example.com/storm-hits\n\n"
	                "Subscribe to Example News for FREE\n\nStorm Hits the Coast\n\n"
	                "The storm arrived on Monday night.\n");
	S_has(x, "<source>https://example.com/storm-hits</source>");
	S_lacks(x, "<p>https://");
	S_lacks(x, "Subscribe");
	assert_int_equal(S_count(x, "Storm Hits the Coast"), 1);
	free(x);
}

static void test_byline_by(void **state)
{
	(void)state;
	galley_node *doc = S_read_opts("A Title\nBy Jane Roe\n\nBody text here.\n", NULL, NULL);
	galley_node *a = S_article(doc);
	assert_string_equal(galley_article_get(a, GALLEY_META_BYLINE), "By Jane Roe");
	assert_int_equal(galley_article_author_count(a), 1);
	assert_string_equal(galley_article_get_author(a, 0), "Jane Roe");
	assert_null(galley_article_get(a, GALLEY_META_DATE));
	galley_node_free(doc);
}

static void test_byline_posted_with_date(void **state)
{
	(void)state;
	galley_node *doc = S_read_opts("A Title\nhttps://example.org/a\n"
	                               "Posted by Sam Di Gangi | Sep 22, 2017 | Politics\n"
	                               "Body text that is a paragraph.\n", NULL, NULL);
	galley_node *a = S_article(doc);
	assert_string_equal(galley_article_get(a, GALLEY_META_BYLINE),
	                    "Posted by Sam Di Gangi | Sep 22, 2017 | Politics");
	assert_string_equal(galley_article_get(a, GALLEY_META_DATE), "2017-09-22");
	assert_string_equal(galley_article_get_author(a, 0), "Sam Di Gangi");
	assert_int_equal(galley_article_author_count(a), 1);
	galley_node_free(doc);
}

static void test_byline_two_authors(void **state)
{
	(void)state;
	galley_node *doc = S_read_opts("A Title\n\nBy Pam Martens and Russ Martens: April 4, 2016\n\n"
	                               "Body.\n", NULL, NULL);
	galley_node *a = S_article(doc);
	assert_int_equal(galley_article_author_count(a), 2);
	assert_string_equal(galley_article_get_author(a, 1), "Russ Martens");
	assert_string_equal(galley_article_get(a, GALLEY_META_DATE), "2016-04-04");
	galley_node_free(doc);
}

static void test_byline_roles_and_dashes(void **state)
{
	(void)state;
	galley_node *doc = S_read_opts("A Title\nBy John Q. Writer \xE2\x80\x94\xE2\x80\x94" "Bio and "
	                               "Archives March 1, 2017\n\nBody.\n", NULL, NULL);
	galley_node *a = S_article(doc);
	assert_int_equal(galley_article_author_count(a), 1);
	assert_string_equal(galley_article_get_author(a, 0), "John Q. Writer");
	assert_string_equal(galley_article_get(a, GALLEY_META_DATE), "2017-03-01");
	galley_node_free(doc);
	doc = S_read_opts("A Title\nBy John Smith, Staff Writer\n\nBody.\n", NULL, NULL);
	a = S_article(doc);
	assert_int_equal(galley_article_author_count(a), 1);
	assert_string_equal(galley_article_get_author(a, 0), "John Smith");
	galley_node_free(doc);
}

static void test_byline_name_and_date(void **state)
{
	(void)state;
	galley_node *doc = S_read_opts("A Title\n\nA standfirst that runs long enough to be wider than "
	                               "any byline could be, so that the head goes on past it to the "
	                               "line below, which names the writer.\n\n"
	                               "Jane Roe | March 3, 2017\n\nBody.\n", NULL, NULL);
	galley_node *a = S_article(doc);
	assert_string_equal(galley_article_get(a, GALLEY_META_BYLINE), "Jane Roe | March 3, 2017");
	assert_string_equal(galley_article_get(a, GALLEY_META_DATE), "2017-03-03");
	galley_node_free(doc);
	doc = S_read_opts("A Title\n\nDonald Trump, on March 3, 2017, said he would run again.\n\n"
	                  "Body.\n", NULL, NULL);
	assert_null(galley_article_get(S_article(doc), GALLEY_META_BYLINE));
	galley_node_free(doc);
	doc = S_read_opts("A Title\n\nCONSERVATIVE TRIBUNE\n\nBody.\n", NULL, NULL);
	assert_null(galley_article_get(S_article(doc), GALLEY_META_BYLINE));
	galley_node_free(doc);
}

static void test_byline_sentence_is_body(void **state)
{
	(void)state;
	char *x = S_xml("A Title\n\nBy the time the rescue team arrived, the water had gone.\n\n"
	                "More text.\n");
	S_lacks(x, "<byline>");
	S_has(x, "<p>By the time the rescue team arrived");
	free(x);
}

static void test_dateline(void **state)
{
	(void)state;
	galley_node *doc = S_read_opts("A Title\nFriday, 21 April, 2017 - 12:33\n\nBody.\n", NULL, NULL);
	assert_string_equal(galley_article_get(S_article(doc), GALLEY_META_DATE), "2017-04-21");
	galley_node_free(doc);
}

static void test_find_date_forms(void **state)
{
	(void)state;
	static const struct { const char *in, *iso; } cases[] = {
		{"April 4, 2016", "2016-04-04"}, {"on Sept. 28th, 2021 at noon", "2021-09-28"},
		{"22 September 2017", "2017-09-22"}, {"2016-04-04T10:00Z", "2016-04-04"},
		{"4/22/2016", "2016-04-22"}, {"22.4.2016", "2016-04-22"}, {"Dec 28 2016", "2016-12-28"},
	};
	char iso[11];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_true(galley_text_find_date(cases[i].in, iso, NULL, NULL));
		assert_string_equal(iso, cases[i].iso);
	}
	assert_false(galley_text_find_date("February 30, 2016", iso, NULL, NULL));
	assert_false(galley_text_find_date("in 2016 and 2017", iso, NULL, NULL));
	assert_false(galley_text_find_date("May the best one win", iso, NULL, NULL));
}

static void test_key_value_block(void **state)
{
	(void)state;
	galley_node *doc = S_read_opts("Title: Explicit Title\nAuthor: Ann Lee, Bo Chan\n"
	                               "Date: 30 September 2021\nLanguage: de\n"
	                               "Source: https://example.net/x\nSubtitle: The standfirst\n\n"
	                               "First body line is not a title.\n", NULL, NULL);
	galley_node *a = S_article(doc);
	assert_string_equal(galley_article_get(a, GALLEY_META_TITLE), "Explicit Title");
	assert_string_equal(galley_article_get(a, GALLEY_META_SUBTITLE), "The standfirst");
	assert_string_equal(galley_article_get(a, GALLEY_META_DATE), "2021-09-30");
	assert_string_equal(galley_article_get(a, GALLEY_META_LANG), "de");
	assert_string_equal(galley_article_get(a, GALLEY_META_SOURCE), "https://example.net/x");
	assert_int_equal(galley_article_author_count(a), 2);
	galley_node *p = galley_node_first_child(a);
	assert_int_equal(galley_node_get_type(p), GALLEY_NODE_PARAGRAPH);
	char *t = galley_node_text(p);
	assert_string_equal(t, "First body line is not a title.");
	free(t);
	galley_node_free(doc);
}

/* ------------------------------------------------------------ paragraphs */

static void test_blank_line_paragraphs(void **state)
{
	(void)state;
	char *x = S_xml("T\r\n\r\nOne paragraph here.\r\n\r\n\r\nTwo paragraph here.\r\n");
	assert_int_equal(S_count(x, "<p>"), 2);
	S_has(x, "<p>Two paragraph here.</p>");
	free(x);
}

static void test_one_paragraph_per_line(void **state)
{
	(void)state;
	char *x = S_xml("Title Line\n"
	                "Ford's heavy duty pickup trucks which used to be built in Mexico started rolling off an assembly line in Ohio this week.\n"
	                "That's good news for the 1,000 Ford workers in Ohio, who might have otherwise been out of work.\n"
	                "The move comes at a delicate time for Ford.\n");
	assert_int_equal(S_count(x, "<p>"), 3);
	S_has(x, "<p>The move comes at a delicate time for Ford.</p>");
	free(x);
}

static void test_hard_wrapped_rejoined(void **state)
{
	(void)state;
	char *x = S_xml("Wrapped Title\n\n"
	                "The council met on Tuesday evening to discuss the new bridge, which\n"
	                "has been delayed for three years by disputes over its cost and a well-\n"
	                "known shortage of steel in the region.\n"
	                "A second paragraph starts after a short line without a blank line\n"
	                "between them, as some plain-text archives write paragraphs.\n\n"
	                "Third paragraph after a blank line, with enough words to wrap it\n"
	                "onto a second line of the file.\n");
	S_has(x, "<p>The council met on Tuesday evening to discuss the new bridge, which has been "
	         "delayed for three years by disputes over its cost and a well-known shortage of "
	         "steel in the region.</p>");
	S_has(x, "<p>A second paragraph starts after a short line without a blank line between "
	         "them, as some plain-text archives write paragraphs.</p>");
	assert_int_equal(S_count(x, "<p>"), 3);
	free(x);
}

static void test_indented_paragraphs(void **state)
{
	(void)state;
	char *x = S_xml("Indented Title\n\n"
	                "    The council met on Tuesday evening to discuss the new bridge, which\n"
	                "has been delayed for three years by disputes over its cost and the\n"
	                "shortage of steel in the region, said the mayor.\n"
	                "    A second paragraph starts with an indent on its first line and\n"
	                "runs on to a second line of the file, like the first one did before.\n");
	assert_int_equal(S_count(x, "<p>"), 2);
	S_has(x, "<p>A second paragraph starts with an indent");
	free(x);
}

/* -------------------------------------------------------------- headings */

static const char S_para[] = "This paragraph has enough words in it to be a paragraph.\n\n";

static void test_heading_between_paragraphs(void **state)
{
	(void)state;
	char buf[1024];
	snprintf(buf, sizeof buf, "Title\n\n%sRestoring Hotlines\n\n%sFEARS GROW\n\n%s"
	         "Fearing for his life\n\n%sHealth Risks\n", S_para, S_para, S_para, S_para);
	char *x = S_xml(buf);
	S_has(x, "<h2>Restoring Hotlines</h2>");
	S_has(x, "<h2>FEARS GROW</h2>");
	S_has(x, "<h2>Fearing for his life</h2>");
	/* never the last block (a label after the prose: dropped with the
	 * page's tail) */
	S_lacks(x, "<h2>Health Risks</h2>");
	free(x);
}

static void test_not_headings(void **state)
{
	(void)state;
	char buf[1024];
	snprintf(buf, sizeof buf, "Title\n\nPhoto caption line in the head\n\n%s"
	         "“Quoted Line Here”\n\n%sWell, that is a new one.\n\n%s"
	         "Photo by Jane Roe\n\n%s", S_para, S_para, S_para, S_para);
	char *x = S_xml(buf);
	S_lacks(x, "<h2>");
	free(x);
}

static void test_heading_edges(void **state)
{
	(void)state;
	char *x = S_xml("T\n\nPara one.\n\nWe hope to see you soon! \xF0\x9F\x99\x82\n\nPara two.\n\n"
	                "* * *\n\nAfter the Break\n\nPara three.\n");
	S_has(x, "<p>We hope to see you soon!");
	S_has(x, "<hr/>\n    <h2>After the Break</h2>");
	free(x);
}

static void test_hash_headings(void **state)
{
	(void)state;
	char *x = S_xml("Title\n\nintro text.\n\n## Explicit section\n\nbody.\n\n### Smaller one\n\nmore.\n");
	S_has(x, "<h2>Explicit section</h2>");
	S_has(x, "<h3>Smaller one</h3>");
	free(x);
}

static void test_lists_and_separator(void **state)
{
	(void)state;
	char *x = S_xml("Title\n\nIntro para.\n\n- one item\n- two item\n\n1. First\n2. Second\n\n"
	                "* * *\n\nAfter the break.\n\n1. A numbered heading alone\n\nEnd text.\n");
	S_has(x, "<ul>\n      <li>one item</li>\n      <li>two item</li>\n    </ul>");
	S_has(x, "<ol>\n      <li>First</li>\n      <li>Second</li>\n    </ol>\n    <hr/>");
	S_has(x, "<h2>1. A numbered heading alone</h2>");
	free(x);
}

/* ---------------------------------------------------------------- quotes */

static void test_wholly_quoted_paragraph(void **state)
{
	(void)state;
	char *x = S_xml("Title\n\nIntro paragraph.\n\n"
	                "“In 1992, as the first step in its plan, Enron petitioned the commission.”\n\n"
	                "“How does that help us?” Trump said. “Mexico is the new China.”\n\n"
	                "\"Straight quotes work too, for a whole paragraph.\"\n");
	S_has(x, "<blockquote>\n      <p>“In 1992, as the first step");
	S_has(x, "<p>“How does that help us?” Trump said.");
	S_has(x, "<p>&quot;Straight quotes work too, for a whole paragraph.&quot;</p>\n    </blockquote>");
	assert_int_equal(S_count(x, "<blockquote>"), 2);
	free(x);
}

static void test_prefixed_quote_and_cite(void **state)
{
	(void)state;
	char *x = S_xml("Title\n\nIntro paragraph.\n\n> First quoted paragraph\n> goes on here.\n>\n"
	                "> Second quoted paragraph.\n\n— Ada Lovelace, mathematician\n\nAfter.\n");
	assert_int_equal(S_count(x, "<blockquote>"), 1);
	assert_int_equal(S_count(x, "<p>"), 4);
	S_has(x, "<cite>Ada Lovelace, mathematician</cite>\n    </blockquote>");
	free(x);
}

/* ------------------------------------------------------------ author box */

static void test_author_box(void **state)
{
	(void)state;
	char *x = S_xml("Title\n\nBody paragraph one.\n\nBody paragraph two.\n\nMimi Nguyen Ly\n\n"
	                "Mimi Nguyen Ly\n\n\n\nMimi Nguyen Ly is a reporter based in Australia. "
	                "She covers world news. Contact her at\n\n\nLeave a Reply\n");
	S_has(x, "<author>\n      <name>Mimi Nguyen Ly</name>\n      <bio>\n        "
	         "<p>Mimi Nguyen Ly is a reporter based in Australia. She covers world news.</p>");
	S_lacks(x, "Contact her");
	S_lacks(x, "<p>Mimi Nguyen Ly</p>");
	S_has(x, "<creator>Mimi Nguyen Ly</creator>");
	free(x);
}

static void test_author_box_forms(void **state)
{
	(void)state;
	char *x = S_xml("T\n\nBody text here.\n\nMore body.\n\n"
	                "Pam Martens and Russ Martens are the editors of Example Street.\n");
	S_has(x, "<name>Pam Martens and Russ Martens</name>");
	free(x);
	x = S_xml("T\n\nBody text here.\n\nMore body.\n\n"
	          "John Doe, a former U.S. attorney, is a columnist for the Example Post.\n");
	S_has(x, "<name>John Doe</name>");
	free(x);
	x = S_xml("T\n\nBody text here.\n\nMore body.\n\n"
	          "About the author: Ana Ruiz writes about science for the Example Post.\n");
	S_has(x, "<name>Ana Ruiz</name>\n      <bio>\n        <p>Ana Ruiz writes about science");
	free(x);
	x = S_xml("T\nBody text here.\nMore body.\n"
	          "Ana Ruiz is a reporter based in Lima. She covers mining.\nContact her at\n");
	S_has(x, "<p>Ana Ruiz is a reporter based in Lima. She covers mining.</p>\n      </bio>");
	S_lacks(x, "Contact her");
	free(x);
	x = S_xml("T\n\nBody text here.\n\nMore body.\n\nAna Ruiz\n\nContributor\n\n"
	          "Ana Ruiz writes about science for the Example Post.\n");
	S_lacks(x, "<p>Contributor</p>");
	S_lacks(x, "<p>Ana Ruiz</p>");
	free(x);
	/* a closing paragraph about a politician is not about a writer */
	x = S_xml("T\n\nBody text here.\n\nMore body.\n\n"
	          "Jane Roe is a senator from Ohio and faces a vote next week.\n");
	S_lacks(x, "<author>");
	free(x);
}

static void test_quoted_source_is_not_author(void **state)
{
	(void)state;
	char *x = S_xml("Title\n\n“We will appeal,” said Maria Lopez on Monday.\n\n"
	                "Maria Lopez is a lawyer and the author of two books on labour law.\n");
	S_lacks(x, "<author>");
	S_has(x, "<p>Maria Lopez is a lawyer");
	free(x);
}

static void test_author_name_line_and_tagline(void **state)
{
	(void)state;
	char *x = S_xml("Title\nFirst line of the body is long enough to be a paragraph of text.\n"
	                "Second line of the body is another paragraph of the article.\n"
	                "Sue Dunum\nReportering for The Lapine\n");
	S_has(x, "<name>Sue Dunum</name>");
	S_has(x, "<bio>\n        <p>Reportering for The Lapine</p>");
	free(x);
}

static void test_closing_paragraph_is_not_bio(void **state)
{
	(void)state;
	char *x = S_xml("Title\n\nBody paragraph one.\n\n"
	                "Dimitri Zhirinovsky's name became public this week after the minister spoke.\n");
	S_lacks(x, "<author>");
	free(x);
}

/* ----------------------------------------------------------- boilerplate */

static void test_boilerplate_removed(void **state)
{
	(void)state;
	char *x = S_xml("Title\n\nReal text one.\n\nAdvertisement\n\nShare this:\n\nReal text two.\n\n"
	                "Leave a Reply\n\nYou can skip to the end and leave a response. Pinging is currently not allowed.\n\n"
	                "Powered by WordPress | Designed by: Themes\n\nTAGS: DONALD TRUMP, NEWS\n\n"
	                "Check this out pic.twitter.com/AbC123\n\n"
	                "— Jane Roe (@janeroe) November 18, 2019\n\nOlder articles\n\n"
	                "Subscribe to our newsletter\n\nFollow us on Twitter\n\nRSS Feed\n");
	assert_int_equal(S_count(x, "<p>"), 2);
	S_has(x, "<p>Real text two.</p>");
	free(x);
}

static void test_promotion_between_junk(void **state)
{
	(void)state;
	char *x = S_xml("Title\n\nReal text one.\n\n"
	                "Select books are now 50% OFF plus a gift for every reader who orders today!\n\n"
	                "Explore the series and find the one that speaks to you this season.\n\n"
	                "FREE GIFT! Download the 40-page mini eBook and start reading it. CLICK HERE\n");
	assert_int_equal(S_count(x, "<p>"), 1);
	free(x);
}

static void test_signature_line(void **state)
{
	(void)state;
	galley_node *doc = S_read_opts("Title\n\nThe last real paragraph.\n\n\xE2\x80\x94 Jane Roe\n",
	                               NULL, NULL);
	galley_node *a = S_article(doc);
	assert_string_equal(galley_article_get_author(a, 0), "Jane Roe");
	char *t = galley_node_text(galley_node_last_child(a));
	assert_string_equal(t, "The last real paragraph.");
	free(t);
	galley_node_free(doc);
	char *x = S_xml("Title\n\nThe last real paragraph.\n\nBy Jane Roe\n");
	S_has(x, "<byline>By Jane Roe</byline>");
	S_has(x, "<p>The last real paragraph.</p>\n  </article>");
	free(x);
}

static void test_trailing_lead_in_dropped(void **state)
{
	(void)state;
	char *x = S_xml("Title\n\nThe last real paragraph.\n\nReferences:\n\nhttps://example.com/a\n\n"
	                "http://example.org/b\n");
	S_has(x, "<p>The last real paragraph.</p>\n  </article>");
	free(x);
}

/* Write PATS to a new file named from the mkstemp template PATH. */
static void S_pattern_file(char *path, const char *pats)
{
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	size_t len = strlen(pats);
	assert_int_equal(write(fd, pats, len), (ssize_t)len);
	close(fd);
}

static void test_user_boilerplate_file(void **state)
{
	(void)state;
	char path[] = "/tmp/galley-bp-XXXXXX";
	S_pattern_file(path, "# my site\n^brought to you by acme\n");
	galley_options o = {0};
	o.boilerplate_file = path;
	galley_node *doc = S_read_opts("Title\n\nBody.\n\nBrought to you by ACME Corp\n", &o, NULL);
	char *x = galley_render_xml(doc, NULL);
	S_lacks(x, "ACME");
	free(x);
	galley_node_free(doc);
	unlink(path);
	galley_diag *d;
	o.boilerplate_file = "/nonexistent/patterns.txt";
	assert_null(S_read_opts("Title\n\nBody.\n", &o, &d));
	assert_int_equal(galley_diag_worst(d), GALLEY_DIAG_ERROR);
	galley_diag_free(d);
	/* a named pipe given by a library caller is refused, not waited on */
	char fifo[] = "/tmp/galley-bp-fifo-XXXXXX";
	assert_non_null(mkdtemp(fifo));
	char *pipe_path = galley_xasprintf("%s/p", fifo);
	assert_int_equal(mkfifo(pipe_path, 0600), 0);
	o.boilerplate_file = pipe_path;
	assert_null(S_read_opts("Title\n\nBody.\n", &o, &d));
	assert_int_equal(galley_diag_worst(d), GALLEY_DIAG_ERROR);
	galley_diag_free(d);
	unlink(pipe_path);
	rmdir(fifo);
	free(pipe_path);
}

/* A process that reads many articles compiles the patterns it keeps
 * trying to machine code: every line gets the same answer before and
 * after, even from a pattern that runs into the match limit. */
static void test_junk_answers_stable_when_compiled(void **state)
{
	(void)state;
	char path[] = "/tmp/galley-bp-XXXXXX";
	S_pattern_file(path, "^(a+)+$\n^(?:(a+)+c|a+d)\n^(?:(a|aa)+c|a+e)\n^brought to you by acme\n");
	galley_diag *d = galley_diag_new("junk");
	galley_diag_set_quiet(d, 1);
	struct text_junk *j = galley_text_junk_load(path, d);
	assert_non_null(j);
	const char *lines[] = {"Advertisement", "Share this:", "Brought to you by ACME Corp",
	                       "The minister spoke to reporters on Tuesday about the budget.",
	                       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "aaaaaaaa",
	                       "aaaaaaaaaaaaaaaaad", "aaaaaaaaaaaaaaaaaaaaaaae"};
	/* the interpreter answers within its limit for the 17 a's and gives
	 * up on the 23 (a line it gives up on is kept); the machine code
	 * counts its limit otherwise and gives the opposite answers */
	const int want[] = {1, 1, 1, 0, 0, 1, 1, 0};
	for (int round = 0; round < 200; round++)
		for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
			assert_int_equal(galley_text_junk_match(j, lines[i], strlen(lines[i])), want[i]);
	galley_text_junk_free(j);
	galley_diag_free(d);
	unlink(path);
}

/* -------------------------------------------------------- bad input */

static void test_no_text_is_error(void **state)
{
	(void)state;
	const char *inputs[] = {"", "\n\n   \n\t\n", "\xEF\xBB\xBF  \r\n"};
	for (size_t i = 0; i < 3; i++) {
		galley_diag *d;
		assert_null(S_read_opts(inputs[i], NULL, &d));
		assert_int_equal(galley_diag_worst(d), GALLEY_DIAG_ERROR);
		assert_string_equal(galley_diag_message(d, 0, NULL, NULL), "no text");
		galley_diag_free(d);
	}
}

static void test_invalid_utf8_repaired(void **state)
{
	(void)state;
	galley_diag *d;
	galley_node *doc = S_read_opts("Title\n\nGood line.\n\nBad \xff byte here.\n", NULL, &d);
	assert_non_null(doc);
	galley_severity sev;
	int line = 0;
	assert_true(galley_diag_count(d) >= 1);
	galley_diag_message(d, 0, &sev, &line);
	assert_int_equal(sev, GALLEY_DIAG_WARNING);
	assert_int_equal(line, 5);
	char *x = galley_render_xml(doc, NULL);
	S_has(x, "Bad \xEF\xBF\xBD byte here.");
	free(x);
	galley_node_free(doc);
	galley_diag_free(d);
}

static void test_binary_junk_does_not_crash(void **state)
{
	(void)state;
	char buf[8192];
	unsigned v = 12345;
	for (size_t i = 0; i < sizeof buf; i++) {
		v = v * 1103515245u + 12345u;
		buf[i] = (char)(v >> 16);
	}
	galley_diag *d = galley_diag_new("junk");
	galley_diag_set_quiet(d, 1);
	galley_node *doc = galley_read_text(buf, sizeof buf, NULL, d);
	if (doc) {
		char *x = galley_render_xml(doc, NULL);
		assert_non_null(x);
		free(x);
	}
	galley_node_free(doc);
	galley_diag_free(d);
}

int main(void)
{
	/* build/asan/tests/x is one level deeper than build/tests/x: name the
	 * source tree so data/boilerplate.txt is found from any build folder */
	const char *top = getenv("GALLEY_TOP");
	setenv("GALLEY_DATADIR", top ? top : ".", 0);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title_is_first_line),
		cmocka_unit_test(test_url_and_repeated_title_dropped),
		cmocka_unit_test(test_byline_by),
		cmocka_unit_test(test_byline_posted_with_date),
		cmocka_unit_test(test_byline_two_authors),
		cmocka_unit_test(test_byline_roles_and_dashes),
		cmocka_unit_test(test_byline_name_and_date),
		cmocka_unit_test(test_byline_sentence_is_body),
		cmocka_unit_test(test_dateline),
		cmocka_unit_test(test_find_date_forms),
		cmocka_unit_test(test_key_value_block),
		cmocka_unit_test(test_blank_line_paragraphs),
		cmocka_unit_test(test_one_paragraph_per_line),
		cmocka_unit_test(test_hard_wrapped_rejoined),
		cmocka_unit_test(test_indented_paragraphs),
		cmocka_unit_test(test_heading_between_paragraphs),
		cmocka_unit_test(test_not_headings),
		cmocka_unit_test(test_heading_edges),
		cmocka_unit_test(test_hash_headings),
		cmocka_unit_test(test_lists_and_separator),
		cmocka_unit_test(test_wholly_quoted_paragraph),
		cmocka_unit_test(test_prefixed_quote_and_cite),
		cmocka_unit_test(test_author_box),
		cmocka_unit_test(test_author_box_forms),
		cmocka_unit_test(test_quoted_source_is_not_author),
		cmocka_unit_test(test_author_name_line_and_tagline),
		cmocka_unit_test(test_closing_paragraph_is_not_bio),
		cmocka_unit_test(test_boilerplate_removed),
		cmocka_unit_test(test_promotion_between_junk),
		cmocka_unit_test(test_signature_line),
		cmocka_unit_test(test_trailing_lead_in_dropped),
		cmocka_unit_test(test_user_boilerplate_file),
		cmocka_unit_test(test_junk_answers_stable_when_compiled),
		cmocka_unit_test(test_no_text_is_error),
		cmocka_unit_test(test_invalid_utf8_repaired),
		cmocka_unit_test(test_binary_junk_does_not_crash),
	};
	return cmocka_run_group_tests_name("read_text", tests, NULL, NULL);
}
