/* test_text_prose.c — the plain-text reader's signals and context rules
 * for telling an article's prose from a page's junk (issue 13): function
 * words, calls to action, menus, link lists, the end of the prose, embeds
 * inside it, and notes too short to judge.  The paragraphs are from
 * galley's own samples; the junk lines are as scraped pages show them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "galley.h"
#include "text.h"
#include "tree_xml.h"

#define P1 "The night ferry between the old harbour and the island of Sandvik made its first " \
           "crossing in twelve years on Wednesday, carrying forty-one passengers, two bicycles " \
           "and a crate of seedlings for the island school."
#define P2 "The service was cut in 2012, when the last operator sold its only boat and the " \
           "town council decided that a bus link over the new bridge would do. Islanders never " \
           "quite agreed. The bridge adds an hour to the trip, and the last bus leaves the " \
           "mainland at nine in the evening."
#define P3 "The new ferry, a thirty-metre diesel-electric vessel named Ingrid, was paid for in " \
           "part by a cooperative of island households, which raised almost a third of its cost " \
           "through small monthly pledges over four years."
#define P4 "The regional transport authority covered the rest and will run the service for an " \
           "initial period of five years, with a review of the timetable after the first winter."

/* The last paragraph of XML (a pointer to its start). */
static const char *S_last_p(const char *xml)
{
	const char *last = NULL;
	for (const char *p = strstr(xml, "<p>"); p; p = strstr(p + 1, "<p>"))
		last = p;
	return last;
}

/* Function words: prose has many, a footer or a headline few. */
static void test_function_word_share(void **state)
{
	(void)state;
	assert_true(galley_text_stop_share("en", P2, NULL) >= 0.30);
	assert_true(galley_text_stop_share("en", "Powered by WordPress | Designed by: Premium "
	                                   "WordPress Themes", NULL) < 0.30);
	assert_true(galley_text_stop_share("en", "Home | World | Politics | Business | Tech",
	                                   NULL) == 0);
	size_t words = 0;
	assert_true(galley_text_stop_share(NULL, P1, &words) < 0);  /* no language, no share */
	assert_int_equal(words, 36);
	assert_true(galley_text_stop_share("xx", P1, NULL) < 0);
}

/* The language is the one whose function words the prose uses most. */
static void test_language_of_the_prose(void **state)
{
	(void)state;
	assert_string_equal(galley_text_stop_lang(P1 " " P2), "en");
	assert_string_equal(galley_text_stop_lang(
		"Die Fähre zwischen dem alten Hafen und der Insel fuhr am Mittwoch zum ersten Mal "
		"seit zwölf Jahren, und sie hatte einundvierzig Fahrgäste an Bord, die mit dem "
		"Boot auf die Insel wollten."), "de");
	assert_string_equal(galley_text_stop_lang(
		"Noční trajekt mezi starým přístavem a ostrovem vyplul ve středu poprvé po dvanácti "
		"letech a na palubě bylo čtyřicet jedna cestujících, dvě kola a bedna sazenic pro "
		"školu na ostrově, která je tam od roku 1901."), "cs");
	assert_null(galley_text_stop_lang("夜间渡轮在停航十二年后于周三恢复运营，载有四十一名乘客。"));
	assert_null(galley_text_stop_lang("Home News Sport"));   /* too little to tell */
}

/* A menu above the prose is a run of one- to three-word lines: dropped. */
static void test_menu_dropped(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\nHome\n\nNews\n\nLocal\n\nWorld\n\n"
	                                P1 "\n\n" P2 "\n\n" P3 "\n");
	HAS(xml, "<p>The night ferry");
	HAS_NOT(xml, "Local");
	HAS_NOT(xml, "World");
}

/* A heading stands between prose, even after a promotion the page put
 * there; a one-sentence paragraph between prose is prose. */
static void test_heading_and_short_paragraph_kept(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n" P2 "\n\nTimetable and Fares\n\n"
	                                P3 "\n\nIslanders were delighted.\n\n" P4 "\n\n"
	                                "Emigrate While You Still Can! Learn More...\n\n"
	                                "A Boat Built From Donations\n\n" P1 "\n\n" P2 "\n");
	HAS(xml, "<h2>Timetable and Fares</h2>");
	HAS(xml, "<p>Islanders were delighted.</p>");
	HAS(xml, "<h2>A Boat Built From Donations</h2>");
	HAS_NOT(xml, "Emigrate");
}

/* Lines that ask the reader to act on the page are junk, wherever they
 * stand; the prose's last paragraph is then the article's last. */
static void test_calls_to_action_dropped(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n"
	                                "Join USA Politics Today And Share This Article Now!\n\n"
	                                P2 "\n\n" P3 "\n\n"
	                                "% of readers think this story is Fact. Add your two cents.\n\n"
	                                "Add your two cents.\n\nStay up to date on what's real at our site\n");
	HAS_NOT(xml, "Join USA");
	HAS_NOT(xml, "two cents");
	HAS_NOT(xml, "Stay up to date");
	assert_true(strncmp(S_last_p(xml), "<p>The new ferry", 16) == 0);
}

/* After the prose, a long run of junk and then more sentences: the page's
 * related teasers, not the article. */
static void test_prose_ends_before_a_junk_run(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n" P4 "\n\n"
	                                "Share this:\n\nReddit\n\nTumblr\n\nLike this:\n\nLike Loading...\n\n"
	                                "Related\n\nRSS Feed for Judi McLeod\n\n"
	                                "The bridge toll rises again this spring, and commuters from the "
	                                "island say it is the third rise in as many years.\n");
	HAS_NOT(xml, "Tumblr");
	HAS_NOT(xml, "RSS Feed");
	HAS_NOT(xml, "bridge toll");
	assert_true(strncmp(S_last_p(xml), "<p>The regional", 15) == 0);
}

/* An embed inside the article (a run of short lines) with as much prose
 * after it as before: the prose after it is kept. */
static void test_embed_inside_prose_kept(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n" P2 "\n\n"
	                                "meth.\n\nwe're. on. it.\n\npic.twitter.com/BUPgYtgHaY\n\n"
	                                "— Jane Roe (@janeroe) November 18, 2019\n\n" P3 "\n\n" P4 "\n");
	HAS(xml, "<p>The new ferry");
	HAS(xml, "<p>The regional");
}

/* Too little text to tell prose from junk: nothing is dropped for it. */
static void test_short_note_kept(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("A note\n\nBody text.\n\nSee you at six.\n");
	HAS(xml, "<p>Body text.</p>");
	HAS(xml, "<p>See you at six.</p>");
}

/* A writer's bio among the page's junk still makes the author box. */
static void test_bio_among_junk_kept(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
	                                "Follow us on Twitter\n\nPriya Raman\n\nPriya Raman is a reporter for "
	                                "the Mill Street Gazette and writes about ferries.\n\nTags: ferries\n");
	HAS(xml, "<name>Priya Raman</name>");
	HAS(xml, "<p>Priya Raman is a reporter");
}

/* A comment thread is cut whole from its first frame ("NAME says:" and a
 * date), though its comments read as prose. */
static void test_comment_thread_cut(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
	                                "34 responses to \u201cNight Ferry Returns\u201d\n\n"
	                                "thelastferryfan says:\n\nNovember 19, 2019 at 6:34 am\n\n"
	                                "It is a good thing we have no boats left because this is a "
	                                "disaster, and everybody on the island has known it for years.\n\n"
	                                "joetoronto says:\n\nNovember 19, 2019 at 6:44 am\n\n"
	                                "It is time for both ferry fans to come to grips with reality, it is "
	                                "over yet again and the council will not change its mind.\n");
	HAS_NOT(xml, "says:");
	HAS_NOT(xml, "grips with reality");
	HAS_NOT(xml, "34 responses");
	assert_true(strncmp(S_last_p(xml), "<p>The new ferry", 16) == 0);
}

/* A short line the page repeats beside its paragraphs is furniture. */
static void test_repeated_line_dropped(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\nAdvertising\n\n" P2
	                                "\n\nAdvertising\n\n" P3 "\n\nAdvertising\n\n" P4 "\n");
	HAS_NOT(xml, "Advertising");
	HAS(xml, "<p>The regional");
}

/* A heading that happens to open with an imperative stays a heading
 * between prose; a sentence-case heading longer than eight words stands
 * between long paragraphs. */
static void test_headings_that_look_like_other_things(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n"
	                                "See How Much the Island Spent on the Old Bus Link\n\n" P2 "\n\n"
	                                "The U.S. coast guard has not faced this issue for years\n\n"
	                                P3 "\n\n" P4 "\n");
	HAS(xml, "<h2>See How Much the Island Spent on the Old Bus Link</h2>");
	HAS(xml, "<h2>The U.S. coast guard has not faced this issue for years</h2>");
}

/* Bylines: separators left dangling are closed up, a name written twice
 * is one name, a bare name or a desk above the prose is the byline, an
 * organisation or a button never is. */
static void test_bylines(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n"
	                                "NICOLAS PERRIAULT \u2014 \u00b7 SEPTEMBER 29, 2013\n\n"
	                                P1 "\n\n" P2 "\n");
	HAS(xml, "<byline>NICOLAS PERRIAULT \u2014 SEPTEMBER 29, 2013</byline>");
	HAS(xml, "<date>2013-09-29</date>");
	xml = text_tree_xml("Night Ferry Returns\n\nBy Ian Fortey Ian Fortey\n\n" P1 "\n\n" P2 "\n");
	HAS(xml, "<byline>By Ian Fortey</byline>");
	assert_int_equal(strstr(xml, "<creator>Ian Fortey</creator>") != NULL, 1);
	xml = text_tree_xml("Night Ferry Returns\n\nHome\n\nNews\n\nNicolas Perriault\n\n"
	                    P1 "\n\n" P2 "\n");
	HAS(xml, "<byline>Nicolas Perriault</byline>");
	HAS(xml, "<creator>Nicolas Perriault</creator>");
	HAS_NOT(xml, "<p>Nicolas");
	xml = text_tree_xml("Night Ferry Returns\n\nStaff reporter\n\n" P1 "\n\n" P2 "\n");
	HAS(xml, "<byline>Staff reporter</byline>");
	HAS_NOT(xml, "<creator>");
	xml = text_tree_xml("Night Ferry Returns\n\nMA WebMD Health News\n\nRead Later\n\n"
	                    P1 "\n\n" P2 "\n");
	HAS_NOT(xml, "<creator>");
	HAS_NOT(xml, "<byline>");
	xml = text_tree_xml("Night Ferry Returns\n\nVon Moritz Bachmann publiziert am 30. Juli 2018\n\n"
	                    P1 "\n\n" P2 "\n");
	HAS(xml, "<creator>Moritz Bachmann</creator>");
}

/* Lines that recur across the articles of one run are a site's junk; a
 * short sentence must recur in a tenth of them; the title never counts. */
static void test_repeats_across_articles(void **state)
{
	(void)state;
	const char *a = "Night Ferry Returns\n\n" P1 "\n\nRSS Feed for Judi McLeod\n\n"
	                "He declined to comment.\n\n" P2 "\n";
	const char *b = "Night Ferry Returns\n\n" P3 "\n\nRSS Feed for Judi McLeod\n\n"
	                "He declined to comment.\n\n" P4 "\n";
	galley_repeats *r = galley_repeats_new();
	assert_false(galley_repeats_has(r, "RSS Feed for Judi McLeod"));
	galley_repeats_add_text(r, a, strlen(a));
	assert_false(galley_repeats_has(r, "RSS Feed for Judi McLeod"));   /* one input */
	galley_repeats_add_text(r, b, strlen(b));
	assert_true(galley_repeats_has(r, "RSS Feed for Judi McLeod"));
	assert_true(galley_repeats_has(r, "rss feed for judi mcleod"));     /* as a key */
	assert_false(galley_repeats_has(r, "He declined to comment."));
	assert_false(galley_repeats_has(r, "Night Ferry Returns"));
	galley_repeats_add_text(r, b, strlen(b));
	assert_true(galley_repeats_has(r, "He declined to comment."));      /* 3 of 3 */
	assert_false(galley_repeats_has(NULL, "RSS Feed for Judi McLeod"));

	galley_options opts = {0};
	opts.repeats = r;
	galley_diag *d = galley_diag_new("a.txt");
	galley_diag_set_quiet(d, 1);
	const char *xml = tree_xml(galley_read_text(a, strlen(a), &opts, d));
	galley_diag_free(d);
	HAS_NOT(xml, "RSS Feed");
	HAS(xml, "<title>Night Ferry Returns</title>");
	HAS(xml, "<p>The service was cut");
	galley_repeats_free(r);
}

/* A label the patterns drop ("Advertisement") between the last two
 * paragraphs hides neither of them. */
static void test_label_between_paragraphs(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\nAdvertisement\n\n"
	                                "The service was cut in 2012, when the last operator sold its only "
	                                "boat and the council chose a bus link.\n");
	HAS_NOT(xml, "Advertisement");
	HAS(xml, "<p>The service was cut in 2012");
}

/* A heading may carry a page's tag ("History[edit]"); a figure is no
 * heading, nor the name in a table's row that a year follows. */
static void test_heading_tags_and_table_rows(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\nHistory[edit]\n\n" P2 "\n\n"
	                                "4.3333333333333333\n\n" P3 "\n\nGroundhog Day\n\n1993\n\n"
	                                P4 "\n");
	HAS(xml, "<h2>History[edit]</h2>");
	HAS(xml, "<p>4.3333333333333333</p>");
	HAS(xml, "<p>Groundhog Day</p>");
	HAS(xml, "<p>1993</p>");
}

/* Program code quoted by an article ("SELECT", "avg(n) - stddev(n) AS
 * lower_bound,", "});") is kept where the prose introduces it, as one
 * preformatted listing, and its keywords are never headings; the same lines
 * before any prose are not. */
static void test_code_listing_kept(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n"
	                                "Now that we've defined a reasonable value and a deviation, we can "
	                                "define a range of acceptable values:\n\n"
	                                "SELECT\n\navg(n) - stddev(n) AS lower_bound,\n\n"
	                                "avg(n) + stddev(n) AS upper_bound\n\nFROM\n\n"
	                                "unnest(array[2, 3, 5, 2, 3, 12, 5, 3, 4]) AS n;\n\n"
	                                "lower_bound \xE2\x94\x82 upper_bound\n\n"
	                                "1.2511263318488451 \xE2\x94\x82 7.4155403348178215\n\n"
	                                P2 "\n\n" P3 "\n");
	HAS(xml, "<pre>SELECT\navg(n) - stddev(n) AS lower_bound,\navg(n) + stddev(n) AS upper_bound\n"
	         "FROM\n");
	HAS(xml, "7.4155403348178215</pre>");
	HAS_NOT(xml, "<h2>");
	/* short lines between two lines of code, with no full stop, are the
	 * same listing ("SELECT", "status_code,", "period,"): a run of them
	 * longer than the two lines looked at around each line */
	xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n"
	                    "This is a classic job for a window function:\n\n"
	                    "WITH calculations_over_window AS (\n\nSELECT\n\nstatus_code,\n\n"
	                    "period,\n\nentries,\n\n"
	                    "AVG(entries) OVER status_window as mean_entries\n\nFROM\n\n"
	                    "server_log_summary\n\n)\n\n" P2 "\n\n" P3 "\n");
	HAS(xml, "<pre>WITH calculations_over_window AS (\nSELECT\nstatus_code,\nperiod,\nentries,\n"
	         "AVG(entries)");
	/* and so are up to three that a colon introduced before code */
	xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n"
	                    "Let's take a look at the raw data:\n\nSELECT *\n\nFROM server_log_summary\n\n"
	                    "WHERE status_code = 400\n\nORDER BY period DESC;\n\n" P2 "\n\n" P3 "\n");
	HAS(xml, "<pre>SELECT *\nFROM server_log_summary\nWHERE status_code = 400\n");
	xml = text_tree_xml("Night Ferry Returns\n\n-->\n\n" P1 "\n\n" P2 "\n");
	HAS_NOT(xml, "--&gt;");
}

/* Short lines inside the article with no mark of junk of their own (a
 * recipe's steps, a table's cells) stay when prose stands on both sides;
 * a call to action among them still goes. */
static void test_short_lines_inside_prose_kept(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n" P2 "\n\n"
	                                "Pre-Workout Meal\n\nEat an hour before your workout\n\n"
	                                "Meal 2\n\nPortion Fix Containers: 1 Green, 1 Red, 1 Yellow\n\n"
	                                "Workout Supplement\n\nDrink during your workout\n\n" P3 "\n\n"
	                                "Subscribe to our newsletter\n\nMeal 1\n\n" P4 "\n");
	HAS(xml, "<p>Eat an hour before your workout</p>");
	HAS(xml, "Portion Fix Containers");
	HAS_NOT(xml, "Subscribe");
}

/* Headings that a page marks with the same link ("[edit]") are headings
 * even where a pointer line, not a paragraph, follows them; a note mark
 * that differs from line to line marks nothing. */
static void test_section_tags_mark_headings(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\nHistory[edit]\n\n" P2 "\n\n"
	                                "Firefox[edit]\n\nMain article: Firefox\n\n" P3 "\n\n"
	                                "Gecko[edit]\n\nMain article: Gecko\n\n" P4 "\n");
	HAS(xml, "<h2>Firefox[edit]</h2>");
	HAS(xml, "<h2>Gecko[edit]</h2>");
	xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\nFirefox[3]\n\nMain article: Firefox\n\n"
	                    P3 "\n\nGecko[4]\n\nMain article: Gecko\n\n" P4 "\n\nRust[5]\n\n"
	                    "Main article: Rust\n\n" P2 "\n");
	HAS_NOT(xml, "<h2>Firefox[3]</h2>");
}

/* A call to action after the prose ("Report Error") is no signature, so
 * the widget lines after it go too; a date alone on its line (a teaser's,
 * a comment's) is never prose. */
static void test_teasers_and_signature_shapes(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
	                                "Report Error\n\nTop Video\n\nfalse\n\n"
	                                "Hotel honours bartender's dying wish by using his toes in cocktail\n\n"
	                                "false\n\nSmudge, a salad-hating cat from Ont. becomes a viral meme\n");
	HAS(xml, "<p>The new ferry");
	HAS_NOT(xml, "Report Error");
	HAS_NOT(xml, "false");
	xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n" P2 "\n\nOpinion\n\n"
	                    "Share your thoughts with friends.\n\nMore from the Harbour Times\n\n"
	                    "Harbour pilots vote to strike over night shifts\n\nAnna Berg\n\n"
	                    "Wednesday November 20, 2019\n\n" P3 "\n\nIsland school gets a greenhouse\n\n"
	                    "Per Lund\n\nTuesday November 19, 2019\n\n" P4 "\n");
	HAS(xml, "<p>The service was cut");
	HAS_NOT(xml, "November 20");
	HAS_NOT(xml, "November 19");
}

/* A long finished sentence thick with names and scores is news, and a
 * short closing line right after the prose ends the article. */
static void test_news_of_names_and_closing_line(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n" P2 "\n\n"
	                                "The Group E victory came after Mikhail Kukushkin and Alexander "
	                                "Bublik defeated Robin Haase and Jean-Julien Rojer 6-4, 6-4 in "
	                                "Madrid on Tuesday.\n\n"
	                                P3 "\n\nThanks Ingrid!\n\nCategories:\n\nFan Testimonial\n\n"
	                                "Home | News | Sport\n");
	HAS(xml, "<p>The Group E victory");
	HAS(xml, "<p>Thanks Ingrid!</p>");
	HAS_NOT(xml, "Fan Testimonial");
}

/* A question in sentence case between long paragraphs heads a section;
 * a line the page repeats on every page is never a heading; a heading may
 * follow a line that asks the reader to act. */
static void test_question_and_running_heads(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\nWhat about the old pier?\n\n"
	                                P2 "\n\nHarbour Gazette Winter 2019\n\n" P3 "\n\n"
	                                "Harbour Gazette Winter 2019\n\n" P4 "\n\n"
	                                "Harbour Gazette Winter 2019\n\n" P1 "\n");
	HAS(xml, "<h2>What about the old pier?</h2>");
	HAS_NOT(xml, "<h2>Harbour Gazette");
	xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\nLearn more about the timetable\n\n"
	                    "Island School\n\n" P2 "\n\n" P3 "\n");
	HAS(xml, "<h2>Island School</h2>");
}

/* Related links in a script without word spaces are a link list too,
 * and so are titles cut short to fit a teaser box; a source in brackets
 * right after the prose closes it. */
static void test_unspaced_and_cut_titles(void **state)
{
	(void)state;
	const char *zh = "\xE5\x9B\xBD\xE5\xAE\xB6\xE5\xBC\x80\xE6\x94\xBE";  /* 国家开放 */
	galley_buf t = GALLEY_BUF_INIT;
	galley_buf_puts(&t, "Night Ferry Returns\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
	                "[Harbour Authority, annual report 2019, p. 41]\n\n");
	for (int i = 0; i < 4; i++) {
		galley_buf_puts(&t, "2016");
		galley_buf_puts(&t, zh);
		galley_buf_puts(&t, zh);
		galley_buf_puts(&t, i % 2 ? "\n\n" : "...\n\n");
	}
	const char *xml = text_tree_xml(t.data);
	HAS(xml, "<p>[Harbour Authority, annual report 2019, p. 41]</p>");
	HAS_NOT(xml, "2016");
	galley_buf_free(&t);
	xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
	                    "Microsoft removes the safeguard hold for Windows 10 users with Realtek...\n\n"
	                    "Windows 10 1909 (November 2019 Update) is now available via Windows...\n\n"
	                    "Theme: Download Microsoft's new theme pack A Moment of Hygge PR...\n\n" P4 "\n");
	HAS_NOT(xml, "safeguard");
	HAS_NOT(xml, "Hygge");
}

/* A box inside the article (a widget's titles shown over and over,
 * teasers ending "Read more Read more") is junk, and the article goes on
 * after it when long paragraphs follow in a row. */
static void test_widget_inside_article(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n" P4 "\n\n"
	                                P1 "\n\n" P2 "\n\n" P3 "\n\n" P4 "\n\n"
	                                "How to Defeat the Urge to Binge Shop How to Defeat the Urge to "
	                                "Binge Shop How to Defeat the Urge to Binge Shop\n\n"
	                                "It seems contradictory, but I love being frugal and I also love "
	                                "spending money. Over the last few… Read more Read more\n\n"
	                                "Advertisement\n\n"
	                                "Islanders who commute to the mainland say the ferry gives them back "
	                                "an evening a week, and the school has ordered a second crate.\n\n"
	                                P2 "\n\n" P3 "\n");
	HAS_NOT(xml, "Binge Shop");
	HAS_NOT(xml, "Read more");
	HAS(xml, "<p>Islanders who commute");
	/* "401(k)" is a plan, not a call: the credit line is no code */
	xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n" P2 "\n\n"
	                    "Photos by J E Theriot, davidd, George Redgrave, 401(K) 2012.\n");
	HAS_NOT(xml, "<pre");
}

/* An author box: a name line with a note in brackets, then the role; and
 * a bio opening with the first name of the byline just above it. */
static void test_author_boxes_at_the_end(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n" P2 "\n\n"
	                                "Martin Untersinger (avec Damien Leloup et Morgane Tual)\n\n"
	                                "Journaliste au Monde Suivre Aller sur la page de ce journaliste\n");
	HAS(xml, "<name>Martin Untersinger</name>");
	HAS_NOT(xml, "<p>Martin Untersinger");
	xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n" P2 "\n\n"
	                    "By Devindra Hardawar @devindra\n\n"
	                    "Devindra has been obsessed with technology for as long as he can remember, "
	                    "starting with the first time he ever glimpsed a games console.\n");
	HAS(xml, "<name>Devindra Hardawar</name>");
	HAS(xml, "<bio>");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_function_word_share),
		cmocka_unit_test(test_language_of_the_prose),
		cmocka_unit_test(test_menu_dropped),
		cmocka_unit_test(test_heading_and_short_paragraph_kept),
		cmocka_unit_test(test_calls_to_action_dropped),
		cmocka_unit_test(test_prose_ends_before_a_junk_run),
		cmocka_unit_test(test_embed_inside_prose_kept),
		cmocka_unit_test(test_short_note_kept),
		cmocka_unit_test(test_bio_among_junk_kept),
		cmocka_unit_test(test_comment_thread_cut),
		cmocka_unit_test(test_repeated_line_dropped),
		cmocka_unit_test(test_headings_that_look_like_other_things),
		cmocka_unit_test(test_bylines),
		cmocka_unit_test(test_repeats_across_articles),
		cmocka_unit_test(test_label_between_paragraphs),
		cmocka_unit_test(test_heading_tags_and_table_rows),
		cmocka_unit_test(test_code_listing_kept),
		cmocka_unit_test(test_short_lines_inside_prose_kept),
		cmocka_unit_test(test_section_tags_mark_headings),
		cmocka_unit_test(test_teasers_and_signature_shapes),
		cmocka_unit_test(test_news_of_names_and_closing_line),
		cmocka_unit_test(test_question_and_running_heads),
		cmocka_unit_test(test_unspaced_and_cut_titles),
		cmocka_unit_test(test_widget_inside_article),
		cmocka_unit_test(test_author_boxes_at_the_end),
	};
	return cmocka_run_group_tests_name("text_prose", tests, NULL, NULL);
}
