/* test_read_html.c — the HTML reader: metadata precedence, titles, junk removal, URLs, encodings, nesting, the fragment path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "galley.h"
#include "html.h"
#include "meta.h"
#include "util.h"
#include "tree_xml.h"

static galley_diag *S_diag;

static galley_node *S_read_len(const char *html, size_t len)
{
	galley_diag_free(S_diag);
	S_diag = galley_diag_new("test.html");
	galley_diag_set_quiet(S_diag, 1);
	galley_options opts = {0};
	return galley_read_html(html, len, &opts, S_diag);
}

static galley_node *S_read(const char *html)
{
	return S_read_len(html, strlen(html));
}

/* The tree XML of HTML (kept until the next call). */
static const char *S_xml(const char *html)
{
	galley_node *doc = S_read(html);
	assert_non_null(doc);
	return tree_xml(doc);
}

/* A body long enough to be an article. */
#define BODY \
	"<p>The first paragraph of the story runs on for a while, with commas, " \
	"clauses, and enough words to count as real prose in any reader.</p>" \
	"<p>The second paragraph adds more of the same, so that the article is " \
	"clearly the longest and densest part of the page, as it should be.</p>"

static void test_jsonld_wins(void **state)
{
	(void)state;
	const char *xml = S_xml(
		"<html><head><title>Page title | Site</title>"
		"<meta property=\"og:title\" content=\"The og title\">"
		"<meta name=\"author\" content=\"Meta Author\">"
		"<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
		"\"@type\":\"NewsArticle\",\"headline\":\"The JSON-LD headline\","
		"\"author\":[{\"name\":\"Ann One\"},{\"name\":\"Bob Two\"}],"
		"\"datePublished\":\"2021-09-30T08:00:00Z\",\"publisher\":{\"name\":\"Daily Ex\"}}"
		"</script></head><body><article>" BODY "</article></body></html>");
	HAS(xml, "<title>The JSON-LD headline</title>");
	HAS(xml, "<creator>Ann One</creator>");
	HAS(xml, "<creator>Bob Two</creator>");
	HAS(xml, "<byline>Ann One, Bob Two</byline>");
	HAS(xml, "<date>2021-09-30</date>");
	HAS(xml, "<publisher>Daily Ex</publisher>");
	HAS_NOT(xml, "Meta Author");
}

static void test_og_then_title(void **state)
{
	(void)state;
	const char *xml = S_xml(
		"<html><head><title>Page title words here | Site</title>"
		"<meta property=\"og:title\" content=\"The og title\">"
		"<meta name=\"twitter:title\" content=\"The twitter title\">"
		"</head><body>" BODY "</body></html>");
	HAS(xml, "<title>The og title</title>");
	/* without meta tags, the page title with its site name removed */
	xml = S_xml("<html><head><title>Lock keepers of the north | The Gazette</title>"
	            "</head><body>" BODY "</body></html>");
	HAS(xml, "<title>Lock keepers of the north</title>");
	xml = S_xml("<html><head><title>The Gazette &raquo; Lock keepers of the north</title>"
	            "</head><body>" BODY "</body></html>");
	/* a site name first: Readability drops it when too little is left before
	 * the last separator */
	HAS(xml, "<title>Lock keepers of the north</title>");
	xml = S_xml("<html><head><title>Why lock keepers still matter \xE2\x80\x93 The Gazette</title>"
	            "</head><body>" BODY "</body></html>");
	HAS(xml, "<title>Why lock keepers still matter</title>");
	/* a short title keeps its suffix (Readability: too few words left) */
	xml = S_xml("<html><head><title>Locks | Gazette</title></head><body>" BODY "</body></html>");
	HAS(xml, "<title>Locks | Gazette</title>");
	/* no title at all: the only <h1>, which is then not repeated */
	xml = S_xml("<html><body><h1>The only heading</h1>" BODY "</body></html>");
	HAS(xml, "<title>The only heading</title>");
	HAS_NOT(xml, "<h2>The only heading</h2>");
}

static void test_subtitle(void **state)
{
	(void)state;
	/* a description shown on the page as a standfirst is the subtitle */
	const char *xml = S_xml(
		"<html><head><meta name=\"description\" content=\"Forty-one years at the gates.\">"
		"<title>The last lock-keeper of the cut</title></head><body><article>"
		"<p class=\"standfirst\">Forty-one years at the gates.</p>" BODY
		"</article></body></html>");
	HAS(xml, "<subtitle>Forty-one years at the gates.</subtitle>");
	HAS_NOT(xml, "<p>Forty-one years");
	/* a description nobody sees on the page is not */
	xml = S_xml("<html><head><meta name=\"description\" content=\"Forty-one years.\">"
	            "</head><body>" BODY "</body></html>");
	HAS_NOT(xml, "<subtitle>");
}

static void test_future_date_dropped(void **state)
{
	(void)state;
	const char *xml = S_xml(
		"<html><head><meta property=\"article:published_time\" content=\"2999-01-01\">"
		"<title>A title for the page</title></head><body>" BODY "</body></html>");
	HAS_NOT(xml, "<date>");
	xml = S_xml("<html lang=\"fr\"><head><meta property=\"article:published_time\" "
	            "content=\"2019-11-20T05:27:00-06:00\"></head><body>" BODY "</body></html>");
	HAS(xml, "<date>2019-11-20</date>");
	HAS(xml, "<article lang=\"fr\">");
}

static void test_junk_removed(void **state)
{
	(void)state;
	const char *xml = S_xml(
		"<html><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
		"<div class=\"sidebar\"><p>Sidebar text that is long enough to be scored, "
		"with a comma, and more.</p></div>"
		"<div id=\"content\"><h2>Section</h2>" BODY
		"<p style=\"display: none\">Hidden words.</p><p hidden>Also hidden.</p>"
		"<div aria-hidden=\"true\">Aria hidden.</div>"
		"<div class=\"share-buttons\"><a href=\"#\">Share on X</a></div>"
		"<script>var tracking = 1;</script><style>p { color: red }</style>"
		"<form><input name=\"q\"><button>Search</button></form></div>"
		"<div class=\"comments\"><p>A comment that is long enough to be a paragraph, "
		"with commas, words, and more words.</p></div>"
		"<footer><p>Copyright notice.</p></footer></body></html>");
	HAS(xml, "<h2>Section</h2>");
	HAS(xml, "The first paragraph");
	HAS(xml, "The second paragraph");
	HAS_NOT(xml, "Home");
	HAS_NOT(xml, "Sidebar");
	HAS_NOT(xml, "idden");
	HAS_NOT(xml, "Share");
	HAS_NOT(xml, "tracking");
	HAS_NOT(xml, "color");
	HAS_NOT(xml, "Search");
	HAS_NOT(xml, "comment");
	HAS_NOT(xml, "Copyright");
}

static void test_tidy(void **state)
{
	(void)state;
	const char *xml = S_xml(
		"<html><body><article><p><a href=\"/culture\">Culture</a></p>"
		"<p>Published Monday, November 18, 2019 8:22AM EST</p>" BODY
		"<p>Advertisement</p><p>[button link=\"x\"]Send us yours[/button]</p>"
		"<p>Related: <a href=\"/other\">Another story entirely</a></p>"
		"<p><a href=\"/t/a\">Books</a> <a href=\"/t/b\">Fantasy</a> <a href=\"/t/c\">Maps</a></p>"
		"<p>Get the latest news in your inbox. <a href=\"/n\">Subscribe to our newsletter</a></p>"
		"<h3>Related stories</h3>"
		"</article></body></html>");
	HAS(xml, "The first paragraph");
	HAS(xml, "The second paragraph");
	HAS_NOT(xml, "Culture");
	HAS_NOT(xml, "Published");
	HAS_NOT(xml, "Advertisement");
	HAS_NOT(xml, "button");
	HAS_NOT(xml, "Related");
	HAS_NOT(xml, "Fantasy");
	HAS_NOT(xml, "newsletter");
}

/* Furniture left inside the article container, in the shapes news pages
 * give it (names invented): stamps and a repeated byline at the top,
 * teaser links and captions that lost their image in the middle, credit
 * and contact lines at the end.  Prose that names a date, a link inside a
 * sentence and a closing paragraph stay. */
static void test_residue(void **state)
{
	(void)state;
	const char *xml = S_xml(
		"<html><body><article>"
		"<p>Nov. 19, 2019, 8:41 AM UTC</p>"
		"<p>By Pat Example</p>"
		"<p>By then it was over.</p>"
		"<p>By Jo Sample - 11/18/19 11:04 PM EST</p>"
		"<p>segunda-feira, 22 de janeiro de 2018 \xC3\xA0s 0:13</p>"
		BODY
		"<p>The vote was held on Nov. 19, and it passed by a wide margin.</p>"
		"<p><strong><a href=\"/ent/story-2\">SINGER CLEARED TO PERFORM HITS AT AWARDS AMID "
		"FEUD</a></strong></p>"
		"<p><a href=\"/ent/story-3\">Who will make the Hall of Fame in 2020?</a></p>"
		"<p>A trader works on the floor of the exchange in New York (Image: GETTY )</p>"
		"<p>Image copyright Example Images Image caption The singer on stage in May</p>"
		"<p>Let our news meet your inbox. The news and stories that matter, delivered "
		"weekday mornings.</p>"
		"<p>Updated at 1:23 p.m.</p>"
		"<p>Like this story? Share it with a friend!</p>"
		"<p>12 Comments</p><p>Comments (3)</p>"
		"<p>A senator speaks at the Capitol on July 25, 2019.J. Doe Photo / AP file</p>"
		"<p><strong><a href=\"/a\">Leaders furious at the president for his protest jibe"
		"</a> [INSIGHT]| <a href=\"/b\">Teams make final decision on the game amid the "
		"turmoil</a> [VIDEO] <a href=\"/c\">City threatened with military intervention "
		"by its neighbour</a> [REACTION]</strong></p>"
		"<p>In this Dec. 12, 2006, file photo, made available by the agency, two "
		"astronauts take part in a space walk. (AGENCY via AP, File)</p>"
		"<p>Get Cycle Monthly delivered through your letterbox every month. 12 issues for "
		"11.99. Click here for more information.</p>"
		"<p>Follow @deals on Twitter to keep up with the latest deals from around the web.</p>"
		"<p>The senator, <a href=\"/p/1\">Ann Member</a><a href=\"/s/2\">Progressives oppose "
		"the funding bill over surveillance authority</a> <a href=\"/s/3\">Member asks court to "
		"apply compassion</a> <a href=\"/p/1\">MORE</a> (D-Minn.), was threatened, the "
		"attorney's office for the district announced on Monday.</p>"
		"<p>The third paragraph cites <a href=\"/report\">a report by the agency on "
		"planning</a> and goes on with more words of the story itself.</p>"
		"<p>The last paragraph of the story closes the article with a thought.</p>"
		"<p>Reporting by Ann Writer; Editing by Bob Checker</p>"
		"<p>Write to Cy Reporter at cy@example.com</p>"
		"<p>Tags calendar 2018 , stock cars , the final race</p>"
		"</article></body></html>");
	HAS(xml, "The first paragraph");
	HAS(xml, "The vote was held on Nov. 19");
	HAS(xml, "a report by the agency on planning");
	HAS(xml, "The last paragraph of the story");
	HAS_NOT(xml, "8:41");
	HAS_NOT(xml, "<p>By Pat");
	HAS(xml, "<p>By then it was over.</p>");
	HAS_NOT(xml, "11:04");
	HAS_NOT(xml, "janeiro");
	HAS_NOT(xml, "SINGER");
	HAS_NOT(xml, "Hall of Fame");
	HAS_NOT(xml, "GETTY");
	HAS_NOT(xml, "Image caption");
	HAS_NOT(xml, "Editing by");
	HAS_NOT(xml, "Write to");
	HAS_NOT(xml, "inbox");
	HAS_NOT(xml, "1:23");
	HAS_NOT(xml, "friend");
	HAS_NOT(xml, "Comments");
	HAS_NOT(xml, "Tags");
	HAS_NOT(xml, "AP file");
	HAS_NOT(xml, "space walk");
	HAS_NOT(xml, "INSIGHT");
	HAS_NOT(xml, "letterbox");
	HAS_NOT(xml, "Follow @");
	HAS(xml, "the attorney's office for the district announced");
	/* breadcrumbs above the story, and a row of two category links */
	xml = S_xml("<html><body><article><p><a href=\"/\">Messages</a> \xC2\xBB "
		"<a href=\"/self\">Messages of Self-esteem</a> \xC2\xBB <strong>Only who loves"
		"</strong></p>"
		BODY "<p><a href=\"/c/1\">Messages of self-esteem</a>, <a href=\"/c/2\">Messages "
		"on life</a></p></article></body></html>");
	HAS(xml, "The second paragraph");
	HAS_NOT(xml, "Self-esteem");
	HAS_NOT(xml, "Messages");
}

/* A bio left as the last paragraph, under a line with the writer's name
 * (or a "follow" button), is the author box; a closing paragraph naming
 * the writer without such a line stays prose. */
static void test_link_list(void **state)
{
	(void)state;
	/* "More:" over a list of links to other stories goes; a list of the
	 * story's own points under a heading stays */
	const char *xml = S_xml("<html><body><article>" BODY "<h4>More:</h4><ul>"
		"<li><a href=\"/s/1\">Politician sees talks as the only hope</a></li>"
		"<li><a href=\"/s/2\">Young people must be heard, says the envoy</a></li>"
		"<li><a href=\"/s/3\">Officials invited for two days of talks</a></li></ul>"
		"<h2>Hostage swap</h2><p>The swap took place on the border, after weeks of "
		"talks, and both sides said so.</p><ul><li>The first prisoner was freed.</li>"
		"<li>The second followed a day later.</li></ul></article></body></html>");
	HAS_NOT(xml, "More:");
	HAS_NOT(xml, "only hope");
	HAS(xml, "<h2>Hostage swap</h2>");
	HAS(xml, "The second followed");
}

static void test_bio_line(void **state)
{
	(void)state;
	const char *xml = S_xml(
		"<html><head><meta name=\"author\" content=\"Regan\"></head><body><article>"
		BODY "<h4>Regan</h4><p>Regan is a Southeastern native now living in the "
		"hills with her husband, two sons, and two cats.</p></article></body></html>");
	HAS(xml, "<author>\n      <name>Regan</name>\n      <bio>\n        <p>Regan is a");
	HAS_NOT(xml, "<h4>Regan</h4>");
	xml = S_xml(
		"<html><head><meta name=\"author\" content=\"Ann Writer\"></head><body><article>"
		BODY "<p>Ann Writer has covered economics since 2012, and wrote this story from "
		"the capital.</p></article></body></html>");
	HAS(xml, "<p>Ann Writer has covered");
	HAS_NOT(xml, "<author>");
}

/* A box that opens with a title of other stories goes whole, before
 * scoring: a rail of teasers ("Most read in world news") and a box of
 * related posts under a heading classed "related" that holds more text
 * than the story; a section titled "Related work" stays. */
static void test_titled_boxes(void **state)
{
	(void)state;
	const char *xml = S_xml(
		"<html><body><div id=\"primary\"><article><h1>The story</h1>" BODY
		"<div class=\"row\"><div class=\"col\"><div class=\"rail\"><div class=\"tip\"></div>"
		"<div class=\"rail__header\"><h3>Most read in world news</h3></div>"
		"<div class=\"rail__item\"><h3>RANDY ROYAL</h3><span> A prince parties in "
		"unearthed pictures despite claims, and the rail says so at length </span></div>"
		"</div></div></div>"
		"<section><h2>Related work</h2><p>Earlier studies of the same question found, "
		"with other methods, a smaller effect, and this paragraph says so.</p></section>"
		"</article>"
		"<article class=\"postbox\"><h3 class=\"relatedpoststitle\">Voc\xC3\xAA pode "
		"gostar...</h3><article><p>" "Another post entirely, long, with commas, clauses, "
		"and words, and more words, so that it would outscore the story itself, "
		"which it must not do, because it is a different post on the same site.</p>"
		"<p>More of the other post, with commas, clauses, and words, again and again, "
		"and again, to make it long, longer than the story, and longer still.</p>"
		"</article></article></div></body></html>");
	HAS(xml, "The first paragraph");
	HAS(xml, "Earlier studies");
	HAS_NOT(xml, "Most read");
	HAS_NOT(xml, "RANDY");
	HAS_NOT(xml, "Another post");
}

static void test_structure(void **state)
{
	(void)state;
	const char *xml = S_xml(
		"<html><body><article>" BODY
		"<h3>Sub</h3><blockquote><p>Quoted words.</p></blockquote>"
		"<ol><li>one</li><li>two <b>bold</b> and <i>it</i></li></ol>"
		"<figure><img src=\"a.jpg\" alt=\"Alt text\"><figcaption>The caption</figcaption></figure>"
		"<pre>line 1\n  line 2</pre><p>Some <code>x = 1</code> code.<br>Next line.</p>"
		"<div>Loose text in a div becomes a paragraph of its own.</div>"
		"<blockquote><p>Said once.</p><footer>Ann Other</footer></blockquote>"
		"<blockquote class=\"pullquote\"><p>Set large.</p><p>Twice.</p></blockquote>"
		"<div class=\"wp-caption\"><img src=\"b.jpg\" alt=\"\">"
		"<p class=\"wp-caption-text\">A loose caption.</p></div>"
		"</article></body></html>");
	HAS(xml, "<h3>Sub</h3>");
	HAS(xml, "<blockquote>\n      <p>Quoted words.</p>\n    </blockquote>");
	HAS(xml, "<ol>\n      <li>one</li>\n      <li>two <strong>bold</strong> and <em>it</em></li>");
	HAS(xml, "<img src=\"a.jpg\" alt=\"Alt text\"/>");
	HAS(xml, "<figcaption>The caption</figcaption>");
	HAS(xml, "<pre>line 1\n  line 2</pre>");
	HAS(xml, "<p>Some <code>x = 1</code> code.<br/>Next line.</p>");
	HAS(xml, "<p>Loose text in a div becomes a paragraph of its own.</p>");
	HAS(xml, "<pullquote>Set large. Twice.</pullquote>");
	HAS(xml, "<p>Said once.</p>\n      <cite>Ann Other</cite>");
	HAS(xml, "<img src=\"b.jpg\" alt=\"\"/>\n      <figcaption>A loose caption.</figcaption>");
}

static void test_urls(void **state)
{
	(void)state;
	/* the canonical URL is the source and the base of relative links */
	const char *xml = S_xml(
		"<html><head><link rel=\"canonical\" href=\"https://ex.org/a/story.html\"></head>"
		"<body><article>" BODY "<p>See <a href=\"../b/other.html\">the other</a> and "
		"<a href=\"#note\">a note</a> and <a href=\"javascript:void(0)\">nothing</a>.</p>"
		"<img src=\"/img/x.jpg\" alt=\"\"></article></body></html>");
	HAS(xml, "<source>https://ex.org/a/story.html</source>");
	HAS(xml, "<a href=\"https://ex.org/b/other.html\">the other</a>");
	HAS(xml, "and a note and nothing.");
	HAS(xml, "src=\"https://ex.org/img/x.jpg\"");
	/* <base href>, itself relative to the page, wins for links */
	xml = S_xml("<html><head><base href=\"/docs/\">"
	            "<meta property=\"og:url\" content=\"https://ex.org/a/b.html\"></head>"
	            "<body><article>" BODY "<p><a href=\"c.html\">c</a></p></article></body></html>");
	HAS(xml, "<source>https://ex.org/a/b.html</source>");
	HAS(xml, "href=\"https://ex.org/docs/c.html\"");
}

static void test_windows_1252(void **state)
{
	(void)state;
	const char *xml = S_xml(
		"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
		"<title>Caf\xe9 cr\xe8me br\xfbl\xe9" "e recipes</title></head><body>"
		"<p>Na\xefve r\xe9sum\xe9 \x93quoted\x94 text \x80 with commas, words and more words "
		"so that it is a paragraph.</p></body></html>");
	HAS(xml, "<title>Café crème brûlée recipes</title>");
	HAS(xml, "Naïve résumé “quoted” text € with");
	/* UTF-8 without a declaration stays UTF-8; a BOM is honoured */
	xml = S_xml("\xEF\xBB\xBF<html><body><p>Gr\xC3\xBC\xC3\x9F" "e aus K\xC3\xB6ln, "
	            "with enough words to make a paragraph of text.</p></body></html>");
	HAS(xml, "Grüße aus Köln");
	xml = S_xml("<html><body><p>Gr\xC3\xBC\xC3\x9F" "e, undeclared, with enough words to "
	            "make a paragraph of text here.</p></body></html>");
	HAS(xml, "Grüße, undeclared");
}

static void test_deep_nesting(void **state)
{
	(void)state;
	size_t n = 100000;
	const char *open = "<div>", *close = "</div>", *mid = "<p>Deep words.</p>";
	size_t len = 12 + n * (strlen(open) + strlen(close)) + strlen(mid) + 14;
	char *html = malloc(len + 1), *p = html;
	p += sprintf(p, "<html><body>");
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%s", open);
	p += sprintf(p, "%s", mid);
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%s", close);
	p += sprintf(p, "</body></html>");
	galley_node *doc = S_read_len(html, (size_t)(p - html));
	assert_non_null(doc);
	char *xml = galley_render_xml(doc, NULL);
	HAS(xml, "<p>Deep words.</p>");
	free(xml);
	galley_node_free(doc);
	free(html);
}

static void test_no_text_is_error(void **state)
{
	(void)state;
	assert_null(S_read("<html><head><title></title></head><body><nav>x</nav></body></html>"));
	assert_int_equal(galley_diag_worst(S_diag), GALLEY_DIAG_ERROR);
	assert_null(S_read(""));
}

static void test_fragment(void **state)
{
	(void)state;
	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_node *a = galley_node_new(GALLEY_NODE_ARTICLE);
	galley_node_append_child(doc, a);
	galley_diag *d = galley_diag_new("feed");
	galley_diag_set_quiet(d, 1);
	const char *html = "<p>First <em>item</em> text.</p><script>evil()</script>"
	                   "<div class=\"share\"><a href=\"/s\">Share</a></div>"
	                   "Loose words<br><br>after a break"
	                   "<p><a href=\"/rel\">link</a><img src=\"pic.png\" alt=\"p\"></p>";
	int n = galley_html_append_fragment(a, html, strlen(html), "https://ex.org/feed/", d);
	char *xml = galley_render_xml(doc, NULL);
	assert_int_equal(n, 5);
	HAS(xml, "<p>First <em>item</em> text.</p>");
	HAS(xml, "<p>Loose words</p>");
	HAS(xml, "<p>after a break</p>");
	HAS(xml, "<a href=\"https://ex.org/rel\">link</a>");
	HAS(xml, "src=\"https://ex.org/feed/pic.png\"");
	HAS_NOT(xml, "evil");
	HAS_NOT(xml, "Share");
	free(xml);
	assert_int_equal(galley_html_append_fragment(a, "", 0, NULL, d), 0);
	galley_diag_free(d);
	galley_node_free(doc);
}

static void test_byline_and_images(void **state)
{
	(void)state;
	/* a byline element gives the names, without its date or handle */
	const char *xml = S_xml(
		"<html><body><article><div class=\"byline\">Tech by Jo Bloggs May 20, 2019 "
		"@jobloggs</div>" BODY
		"<img class=\"lazy\" src=\"/placeholder.png\" data-src=\"/real.jpg\" alt=\"a\">"
		"<noscript><img src=\"/real.jpg\" alt=\"a\"></noscript>"
		"<img src=\"/pixel.gif\" width=\"1\" height=\"1\">"
		"</article></body></html>");
	HAS(xml, "<byline>Jo Bloggs</byline>");
	HAS(xml, "<creator>Jo Bloggs</creator>");
	HAS_NOT(xml, "May 20");
	HAS(xml, "<img src=\"/real.jpg\" alt=\"a\"/>");
	const char *second = strstr(xml, "real.jpg");
	assert_null(strstr(second + 1, "real.jpg")); /* one figure, not two */
	HAS_NOT(xml, "placeholder");
	HAS_NOT(xml, "pixel");
	/* an image inside a list item follows the list as a figure */
	xml = S_xml("<html><body><article>" BODY "<ul><li>Step one <img src=\"s1.png\" alt=\"one\">"
	            "</li><li>Step two</li></ul><p>After the list, long enough to be a paragraph.</p>"
	            "</article></body></html>");
	HAS(xml, "<li>Step one</li>\n      <li>Step two</li>\n    </ul>\n    <figure>\n"
	         "      <img src=\"s1.png\" alt=\"one\"/>\n    </figure>\n    <p>After the list");
}

/* The src the reader keeps for the image markup IMG (kept until the next
 * call): the figure's <img src="...">. */
static const char *S_src_of(const char *img)
{
	static char src[256];
	char *html = galley_xasprintf("<html><body><article>" BODY "%s</article></body></html>", img);
	const char *xml = S_xml(html);
	free(html);
	const char *at = strstr(xml, "<img src=\"");
	assert_non_null(at);
	at += 10;
	size_t n = strcspn(at, "\"");
	assert_true(n < sizeof src);
	memcpy(src, at, n);
	src[n] = '\0';
	return src;
}

/* issue 17: <picture> and srcset give the candidate galley prints best:
 * the first source of a type it decodes and not for a narrow screen, the
 * widest up to 2000 px (else the least wide), else the highest density;
 * the img's src when nothing else is usable. */
static void test_picture_srcset(void **state)
{
	(void)state;
	assert_string_equal(S_src_of(
		"<picture><source type=\"image/jxl\" srcset=\"a.jxl\">"
		"<source type=\"image/avif\" srcset=\"a-800.avif 800w, a-1600.avif 1600w, "
		"a-3200.avif 3200w\"><source type=\"image/webp\" srcset=\"a.webp\">"
		"<img src=\"a.jpg\" alt=\"p\"></picture>"), "a-1600.avif");
	assert_string_equal(S_src_of(
		"<picture><source media=\"(max-width: 600px)\" srcset=\"small.jpg\">"
		"<source media=\"(min-width: 601px)\" srcset=\"big.jpg\">"
		"<img src=\"fallback.jpg\" alt=\"p\"></picture>"), "big.jpg");
	assert_string_equal(S_src_of(
		"<picture><source srcset=\"x.jxl\"><source type=\"image/heic\" srcset=\"x.heic\">"
		"<img src=\"plain.jpg\" alt=\"p\"></picture>"), "plain.jpg");
	assert_string_equal(S_src_of("<img src=\"d1.png\" srcset=\"d2.png 2x, d3.png 3x\" alt=\"d\">"),
	                    "d3.png");
	assert_string_equal(S_src_of("<img src=\"w.jpg\" srcset=\"w3000.jpg 3000w, w2500.jpg 2500w\" "
	                             "alt=\"w\">"), "w2500.jpg");
	/* commas inside a candidate's URL, as image CDNs write them */
	assert_string_equal(S_src_of("<img srcset=\"https://cdn.example/i/w_800,q_80/a.jpg 800w,"
	                             "https://cdn.example/i/w_1600,q_80/a.jpg 1600w\" alt=\"c\">"),
	                    "https://cdn.example/i/w_1600,q_80/a.jpg");
	/* a lazy loader's data-srcset, its placeholder in src */
	assert_string_equal(S_src_of("<img src=\"data:image/gif;base64,R0lGOD\" "
	                             "data-srcset=\"lazy-400.jpg 400w, lazy-900.jpg 900w\" alt=\"l\">"),
	                    "lazy-900.jpg");
}

static void test_byline_authors(void **state)
{
	(void)state;
	const char *xml = S_xml("<html><body><article><p class=\"byline\">By Ann One, Bob Two "
	                        "and Cy Three</p>" BODY "</article></body></html>");
	HAS(xml, "<byline>Ann One, Bob Two and Cy Three</byline>");
	HAS(xml, "<creator>Ann One</creator>\n    <creator>Bob Two</creator>\n"
	         "    <creator>Cy Three</creator>");
	/* "Doe, Jane" is one name, not two */
	xml = S_xml("<html><body><article><p class=\"byline\">Doe, Jane</p>" BODY
	            "</article></body></html>");
	HAS(xml, "<byline>Doe, Jane</byline>");
	HAS_NOT(xml, "<creator>");
}

/* Names are cleaned of separators and dates; an organisation, a degree or
 * a dateline's place is never a person; the same name is kept once. */
static void test_author_hygiene(void **state)
{
	(void)state;
	char name[] = "NICOLAS PERRIAULT \xE2\x80\x94 \xC2\xB7 SEPTEMBER 29, 2013";
	assert_string_equal(galley_author_clean(name), "NICOLAS PERRIAULT");
	char by[] = "By Jane Doe | Updated 3 hours ago";
	assert_string_equal(galley_author_clean(by), "Jane Doe");
	assert_true(galley_author_is_person("Brenda Goodman", NULL));
	assert_false(galley_author_is_person("MA WebMD Health News", NULL));
	assert_false(galley_author_is_person("The Associated Press", NULL));
	assert_false(galley_author_is_person("MA", NULL));
	assert_false(galley_author_is_person("WASHINGTON", NULL));
	assert_false(galley_author_is_person("Al Jazeera", "Al Jazeera"));
	assert_false(galley_author_is_person("September 29, 2013", NULL));
	/* the byline element of a blog (its name, a dash, a middle dot, the date) */
	const char *xml = S_xml("<html><body><article><p><span class=\"article-author\">"
		"<span itemprop=\"name\">NICOLAS PERRIAULT</span> \xE2\x80\x94 \xC2\xB7 "
		"SEPTEMBER 29, 2013</span></p>" BODY "</article></body></html>");
	HAS(xml, "<byline>NICOLAS PERRIAULT</byline>");
	HAS(xml, "<creator>NICOLAS PERRIAULT</creator>");
	/* a health site's byline: the degree and the news desk are not people */
	xml = S_xml("<html><body><article><div class=\"author_fmt\">By Brenda  Goodman, MA"
		"<br>\n   WebMD Health News</div>" BODY "</article></body></html>");
	HAS(xml, "<creator>Brenda Goodman</creator>");
	HAS_NOT(xml, "<creator>MA");
	HAS_NOT(xml, "WebMD Health News</creator>");
	/* JSON-LD: an Organization author is not a person; "Staff" neither;
	 * the same name twice is kept once, in the page's order */
	xml = S_xml("<html><head><script type=\"application/ld+json\">{\"@type\":"
		"\"NewsArticle\",\"headline\":\"H\",\"author\":[{\"@type\":\"Person\","
		"\"name\":\"Bob Two\"},{\"@type\":\"Organization\",\"name\":\"Vox\"},"
		"{\"name\":\"Metro Staff\"},{\"name\":\"Ann One\"},{\"name\":\"BOB TWO\"}]}"
		"</script></head><body><article>" BODY "</article></body></html>");
	HAS(xml, "<byline>Bob Two, Ann One</byline>");
	HAS(xml, "<creator>Bob Two</creator>\n    <creator>Ann One</creator>\n");
	HAS_NOT(xml, "<creator>Vox");
	HAS_NOT(xml, "Staff</creator>");
	/* a meta author with the wire service after a comma */
	xml = S_xml("<html><head><meta name=\"author\" content=\"By STEVE PEOPLES, AP National "
		"Political Writer\"></head><body><article>" BODY "</article></body></html>");
	HAS(xml, "<creator>STEVE PEOPLES</creator>");
	HAS_NOT(xml, "Writer</creator>");
}

static void test_author_box(void **state)
{
	(void)state;
	const char *xml = S_xml(
		"<html><body><article>" BODY
		"<div class=\"author-bio\"><img src=\"/me.jpg\"><h4>About Jane Doe</h4>"
		"<p>Jane Doe writes about rivers and railways for the paper.</p></div>"
		"</article></body></html>");
	HAS(xml, "<author>\n      <name>Jane Doe</name>");
	HAS(xml, "<bio>\n        <p>Jane Doe writes about rivers");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonld_wins),
		cmocka_unit_test(test_og_then_title),
		cmocka_unit_test(test_subtitle),
		cmocka_unit_test(test_future_date_dropped),
		cmocka_unit_test(test_junk_removed),
		cmocka_unit_test(test_tidy),
		cmocka_unit_test(test_residue),
		cmocka_unit_test(test_titled_boxes),
		cmocka_unit_test(test_link_list),
		cmocka_unit_test(test_bio_line),
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_urls),
		cmocka_unit_test(test_windows_1252),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_no_text_is_error),
		cmocka_unit_test(test_fragment),
		cmocka_unit_test(test_byline_and_images),
		cmocka_unit_test(test_picture_srcset),
		cmocka_unit_test(test_byline_authors),
		cmocka_unit_test(test_author_hygiene),
		cmocka_unit_test(test_author_box),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	galley_diag_free(S_diag);
	return failed;
}
