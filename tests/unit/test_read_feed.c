/* test_read_feed.c — the feed reader: RSS, Atom, repeats, --since/--max, entity attacks, bad feeds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "galley.h"
#include "tree_xml.h"

static galley_diag *S_diag;

static galley_node *S_read(const char *feed, const char *since, int max)
{
	galley_diag_free(S_diag);
	S_diag = galley_diag_new("test.rss");
	galley_diag_set_quiet(S_diag, 1);
	galley_options opts = {0};
	opts.since = since;
	opts.max_items = max;
	return galley_read_feed(feed, strlen(feed), &opts, S_diag);
}

/* The tree XML (kept until the next call); NULL if reading failed. */
static const char *S_xml(const char *feed, const char *since, int max)
{
	return tree_xml(S_read(feed, since, max));
}

static size_t S_count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}


#define RSS_HEAD "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" " \
	"xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" " \
	"xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>" \
	"<title>Notes &amp; Queries</title><language>de</language>" \
	"<lastBuildDate>Sat, 02 Oct 2021 08:00:00 GMT</lastBuildDate>\n"
#define RSS_TAIL "</channel></rss>\n"

/* Four items, newest first: the 3rd repeats the 1st's guid, the 4th the 2nd's link. */
static const char S_rss[] = RSS_HEAD
	"<item><title>One</title><link>https://e.org/1</link><guid>g1</guid>"
	"<pubDate>Fri, 01 Oct 2021 22:30:00 -0400</pubDate>"
	"<author>ann@e.org (Ann Example)</author><category>ink</category>"
	"<description>Short.</description>"
	"<content:encoded><![CDATA[<p>First <em>item</em> body.</p><script>x()</script>"
	"<p><a href=\"/rel\">rel</a></p>]]></content:encoded></item>\n"
	"<item><title>Two</title><link>https://e.org/2</link><guid>g2</guid>"
	"<pubDate>Wed, 15 Sep 2021 10:00:00 GMT</pubDate><dc:creator>Bo and Cy</dc:creator>"
	"<description>&lt;p&gt;Second body.&lt;/p&gt;</description></item>\n"
	"<item><title>One again</title><link>https://e.org/1b</link><guid>g1</guid>"
	"<description>dup</description></item>\n"
	"<item><title>Two again</title><link>https://e.org/2</link><guid>g9</guid>"
	"<description>dup</description></item>\n"
	"<item><title>Three</title><guid>g3</guid><pubDate>Tue, 31 Aug 21 09:00 EST</pubDate>"
	"<description>Third body.</description></item>\n"
	RSS_TAIL;

static void test_rss(void **state)
{
	(void)state;
	const char *x = S_xml(S_rss, NULL, 0);
	assert_non_null(x);
	HAS(x, "<galley title=\"Notes &amp; Queries\" date=\"2021-10-02\">");
	assert_int_equal(S_count(x, "<article"), 3);
	HAS(x, "<article lang=\"de\">\n    <title>One</title>");
	HAS(x, "<byline>Ann Example</byline>");
	HAS(x, "<date>2021-10-01</date>");      /* the feed's local day */
	HAS(x, "<source>https://e.org/1</source>");
	HAS(x, "<publisher>Notes &amp; Queries</publisher>");
	HAS(x, "<tag>ink</tag>");
	HAS(x, "<p>First <em>item</em> body.</p>");   /* content:encoded wins */
	HAS(x, "href=\"https://e.org/rel\"");          /* resolved against the link */
	HAS(x, "<subtitle>Short.</subtitle>");        /* a description beside content */
	HAS_NOT(x, "<p>Short.");
	HAS_NOT(x, "x()");
	HAS(x, "<byline>Bo and Cy</byline>");
	HAS(x, "<creator>Cy</creator>");
	HAS(x, "<p>Second body.</p>");
	HAS(x, "<date>2021-08-31</date>");
	/* an item without a link: relative links resolve against the feed's site */
	x = S_xml(RSS_HEAD "<link>https://site.example/blog/</link><item><title>L</title>"
	          "<description>&lt;p&gt;&lt;a href=\"post/2\"&gt;next&lt;/a&gt;&lt;/p&gt;"
	          "</description></item>" RSS_TAIL, NULL, 0);
	HAS(x, "href=\"https://site.example/blog/post/2\"");
}

static void test_excerpt_is_no_standfirst(void **state)
{
	(void)state;
	const char *x = S_xml(RSS_HEAD
		"<item><title>A</title><guid>a</guid><description>The opening words of a long "
		"paragraph go on</description><content:encoded>&lt;p&gt;The opening words of a long "
		"paragraph go on and on.&lt;/p&gt;</content:encoded></item>"
		"<item><title>B</title><guid>b</guid><description>Something else [&#8230;]</description>"
		"<content:encoded>&lt;p&gt;Body.&lt;/p&gt;</content:encoded></item>" RSS_TAIL, NULL, 0);
	assert_non_null(x);
	HAS_NOT(x, "<subtitle>");
	assert_int_equal(S_count(x, "<article"), 2);
}

static void test_lead_image(void **state)
{
	(void)state;
	const char *x = S_xml("<?xml version=\"1.0\"?>\n<rss version=\"2.0\" "
		"xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>P</title>"
		"<item><title>Enc</title><guid>1</guid><enclosure url=\"https://e.org/a.jpg\" "
		"type=\"image/jpeg\" length=\"1\"/><description>Words.</description></item>"
		"<item><title>Media</title><guid>2</guid><media:group><media:content "
		"url=\"https://e.org/b.png\" medium=\"image\"><media:description>A bridge"
		"</media:description></media:content></media:group><description>More.</description></item>"
		"<item><title>Audio</title><guid>3</guid><enclosure url=\"https://e.org/c.mp3\" "
		"type=\"audio/mpeg\" length=\"1\"/><description>Sound.</description></item>"
		"<item><title>Own</title><guid>4</guid><media:thumbnail url=\"https://e.org/t.jpg\"/>"
		"<description>&lt;figure&gt;&lt;img src=\"https://e.org/own.jpg\" alt=\"o\"&gt;"
		"&lt;figcaption&gt;Own&lt;/figcaption&gt;&lt;/figure&gt;&lt;p&gt;Text.&lt;/p&gt;"
		"</description></item>"
		"</channel></rss>\n", NULL, 0);
	assert_non_null(x);
	HAS(x, "<title>Enc</title>\n    <publisher>P</publisher>\n    <figure>\n"
	       "      <img src=\"https://e.org/a.jpg\" alt=\"\"/>\n    </figure>\n    <p>Words.</p>");
	HAS(x, "<img src=\"https://e.org/b.png\" alt=\"A bridge\"/>\n      <figcaption>A bridge</figcaption>");
	HAS_NOT(x, "c.mp3");
	HAS(x, "own.jpg");
	HAS_NOT(x, "t.jpg");        /* the content has a figure of its own */
}

static void test_dedup(void **state)
{
	(void)state;
	const char *x = S_xml(S_rss, NULL, 0);
	assert_non_null(x);
	HAS_NOT(x, "One again");     /* same guid */
	HAS_NOT(x, "Two again");     /* same link */
	HAS_NOT(x, "dup");
	assert_int_equal(S_count(x, "<title>One</title>"), 1);
}

static void test_since_and_max(void **state)
{
	(void)state;
	const char *x = S_xml(S_rss, "2021-09-01", 0);
	assert_non_null(x);
	assert_int_equal(S_count(x, "<article"), 2);
	HAS_NOT(x, "<title>Three</title>");
	x = S_xml(S_rss, "2021-10-01", 0);
	assert_int_equal(S_count(x, "<article"), 1);
	HAS(x, "<title>One</title>");
	/* --max keeps the newest, in feed order */
	x = S_xml(S_rss, NULL, 2);
	assert_int_equal(S_count(x, "<article"), 2);
	assert_true(strstr(x, "<title>One</title>") < strstr(x, "<title>Two</title>"));
	HAS_NOT(x, "<title>Three</title>");
	x = S_xml(S_rss, NULL, 1);
	assert_int_equal(S_count(x, "<article"), 1);
	HAS(x, "<title>One</title>");
	/* nothing left, and a bad date */
	assert_null(S_xml(S_rss, "2022-01-01", 0));
	assert_int_equal(galley_diag_worst(S_diag), GALLEY_DIAG_ERROR);
	assert_null(S_xml(S_rss, "last week", 0));
	assert_int_equal(galley_diag_worst(S_diag), GALLEY_DIAG_ERROR);
}

static const char S_atom[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">\n"
	"<title>Carnet</title><updated>2021-10-02T10:00:00Z</updated>\n"
	"<author><name>Feed Author</name></author>\n"
	"<entry><title type=\"html\">AT&amp;amp;T &lt;b&gt;news&lt;/b&gt;</title>\n"
	"<link rel=\"self\" href=\"https://e.org/a.atom\"/>"
	"<link rel=\"alternate\" href=\"https://e.org/a\"/><id>urn:a</id>\n"
	"<published>2021-09-30T23:30:00-05:00</published><updated>2021-10-02T00:00:00Z</updated>\n"
	"<category term=\"presse\"/>"
	"<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
	"<p>Bonjour <strong>xhtml</strong>.</p></div></content></entry>\n"
	"<entry><title>Texte</title><id>urn:b</id><updated>2021-09-01T00:00:00Z</updated>\n"
	"<author><name>Un</name></author><author><name>Deux</name></author>\n"
	"<content type=\"text\">Premier\nparagraphe.\n\nSecond &lt;pas une balise&gt;.</content></entry>\n"
	"<entry><title>Same id</title><id>urn:a</id><summary>x</summary></entry>\n"
	"<entry><title>Résumé</title><id>urn:c</id><link href=\"https://e.org/c\"/>"
	"<summary type=\"html\">&lt;p&gt;Un &lt;em&gt;résumé&lt;/em&gt;.&lt;/p&gt;</summary></entry>\n"
	"</feed>\n";

static void test_atom(void **state)
{
	(void)state;
	const char *x = S_xml(S_atom, NULL, 0);
	assert_non_null(x);
	HAS(x, "<galley title=\"Carnet\" date=\"2021-10-02\">");
	assert_int_equal(S_count(x, "<article lang=\"fr\">"), 3);
	HAS(x, "<title>AT&amp;T news</title>");
	HAS(x, "<source>https://e.org/a</source>");
	HAS(x, "<date>2021-09-30</date>");           /* published before updated */
	HAS(x, "<byline>Feed Author</byline>");      /* inherited from the feed */
	HAS(x, "<tag>presse</tag>");
	HAS(x, "<p>Bonjour <strong>xhtml</strong>.</p>");
	HAS(x, "<byline>Un and Deux</byline>");
	HAS(x, "<p>Premier paragraphe.</p>");
	HAS(x, "<p>Second &lt;pas une balise&gt;.</p>");
	HAS_NOT(x, "Same id");
	HAS(x, "<p>Un <em>résumé</em>.</p>");
}

static void test_rss1(void **state)
{
	(void)state;
	const char *x = S_xml("<?xml version=\"1.0\"?>\n"
		"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
		"xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
		"<channel rdf:about=\"https://e.org/\"><title>Old School</title></channel>"
		"<item rdf:about=\"https://e.org/x\"><title>RDF item</title><link>https://e.org/x</link>"
		"<dc:date>2021-09-30T12:00:00+02:00</dc:date><dc:creator>Dee</dc:creator>"
		"<description>Plain words.</description></item></rdf:RDF>\n", NULL, 0);
	assert_non_null(x);
	HAS(x, "<galley title=\"Old School\"");
	HAS(x, "<title>RDF item</title>");
	HAS(x, "<date>2021-09-30</date>");
	HAS(x, "<byline>Dee</byline>");
	HAS(x, "Plain words.");
}

/* The failure message of the last read. */
static const char *S_message(void)
{
	size_t n = galley_diag_count(S_diag);
	for (size_t i = 0; i < n; i++) {
		galley_severity sev;
		const char *m = galley_diag_message(S_diag, i, &sev, NULL);
		if (sev >= GALLEY_DIAG_ERROR)
			return m;
	}
	return "";
}

static void test_entity_bomb(void **state)
{
	(void)state;
	const char *bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
		" <!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
		" <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
		" <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
		" <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
		" <!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
		" <!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
		" <!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
		"]>\n<rss version=\"2.0\"><channel><title>Bomb</title>"
		"<item><title>&g;</title><description>&g;</description></item></channel></rss>\n";
	assert_null(S_xml(bomb, NULL, 0));
	assert_int_equal(galley_diag_worst(S_diag), GALLEY_DIAG_ERROR);
	assert_non_null(strstr(S_message(), "entities"));
}

static void test_xxe(void **state)
{
	(void)state;
	const char *xxe = "<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE rss [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n"
		"<rss version=\"2.0\"><channel><title>XXE</title>"
		"<item><title>Leak &xxe;</title><description>&xxe;</description></item>"
		"</channel></rss>\n";
	assert_null(S_xml(xxe, NULL, 0));
	assert_int_equal(galley_diag_worst(S_diag), GALLEY_DIAG_ERROR);
	/* an external DTD is never loaded and its entities never expand */
	const char *ext = "<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE rss SYSTEM \"file:///etc/passwd\">\n"
		"<rss version=\"2.0\"><channel><title>Ext</title>"
		"<item><title>Leak &xxe; end</title><description>a &xxe; b</description></item>"
		"</channel></rss>\n";
	const char *x = S_xml(ext, NULL, 0);
	if (x) {
		HAS_NOT(x, "root:");
		HAS_NOT(x, "/bin/");
	}
	for (size_t i = 0; i < galley_diag_count(S_diag); i++)
		assert_null(strstr(galley_diag_message(S_diag, i, NULL, NULL), "root:"));
}

static void test_bad_feeds(void **state)
{
	(void)state;
	assert_null(S_xml("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n"
	                  "<item><title>x</title>\n<description>open\n</channel></rss>\n", NULL, 0));
	assert_int_equal(galley_diag_worst(S_diag), GALLEY_DIAG_ERROR);
	int line = 0;
	galley_diag_message(S_diag, galley_diag_count(S_diag) - 1, NULL, &line);
	assert_int_equal(line, 5);   /* where </channel> meets the open <description> */
	assert_non_null(strstr(S_message(), "malformed feed"));

	assert_null(S_xml(RSS_HEAD RSS_TAIL, NULL, 0));
	assert_string_equal(S_message(), "feed has no items");
	assert_null(S_xml("<?xml version=\"1.0\"?><html><body>x</body></html>", NULL, 0));
	assert_non_null(strstr(S_message(), "not an RSS or Atom feed"));
	assert_null(S_xml("", NULL, 0));
	assert_int_equal(galley_diag_worst(S_diag), GALLEY_DIAG_ERROR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rss),
		cmocka_unit_test(test_excerpt_is_no_standfirst),
		cmocka_unit_test(test_lead_image),
		cmocka_unit_test(test_dedup),
		cmocka_unit_test(test_since_and_max),
		cmocka_unit_test(test_atom),
		cmocka_unit_test(test_rss1),
		cmocka_unit_test(test_entity_bomb),
		cmocka_unit_test(test_xxe),
		cmocka_unit_test(test_bad_feeds),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	galley_diag_free(S_diag);
	return rc;
}
