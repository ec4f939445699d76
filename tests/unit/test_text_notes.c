/* test_text_notes.c — numbered notes of plain text (issue 17): "[1] ..."
 * lines whose markers the text holds become footnotes, each marker a
 * reference; lines whose markers the text lacks stay as they are, and a
 * note survives the junk around it.  The paragraphs are from galley's own
 * samples. */
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

#define P1 "The night ferry between the old harbour and the island of Sandvik made its first " \
           "crossing in twelve years on Wednesday, carrying forty-one passengers, two bicycles " \
           "and a crate of seedlings for the island school.[1]"
#define P2 "The service was cut in 2012, when the last operator sold its only boat and the " \
           "town council decided that a bus link over the new bridge would do [2]. Islanders " \
           "never quite agreed."
#define P3 "The new ferry, a thirty-metre diesel-electric vessel named Ingrid, was paid for in " \
           "part by a cooperative of island households, which raised almost a third of its cost " \
           "through small monthly pledges over four years."

static void test_notes_become_footnotes(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
	                                "[1] Source: Harbour Authority, passenger count of 4 March.\n\n"
	                                "[2] Minutes of the town council, 14 June 2012.\n");
	HAS(xml, "school.<noteref ref=\"n1\"/></p>");
	HAS(xml, "would do <noteref ref=\"n2\"/>. Islanders");
	const char *n1 = strstr(xml, "<footnote id=\"n1\">"), *n2 = strstr(xml, "<footnote id=\"n2\">");
	assert_non_null(n1);
	assert_non_null(n2);
	assert_true(n1 < n2);
	HAS(n1, "<p>Source: Harbour Authority, passenger count of 4 March.</p>");
	HAS(n2, "<p>Minutes of the town council, 14 June 2012.</p>");
	HAS_NOT(xml, "[1]");
	HAS_NOT(xml, "[2]");
}

/* A "[N]" line without its marker above is no note; a marker without a
 * note stays as text. */
static void test_unreferenced_lines_stay(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n" P3 "\n\n"
	                                "[1] Source: Harbour Authority, passenger count of 4 March.\n\n"
	                                "[3] The ferry sails at 22:40 from the old harbour on weekdays.\n");
	HAS(xml, "<footnote id=\"n1\">");
	HAS_NOT(xml, "<footnote id=\"n3\">");
	HAS(xml, "[3] The ferry sails");
	xml = text_tree_xml("Night Ferry Returns\n\n" P2 "\n\n" P3 "\n");
	HAS(xml, "would do [2]. Islanders");
	HAS_NOT(xml, "<footnote");
}

/* A note holding a link survives the junk after the article: the notes
 * leave before the prose is told from the page's tail. */
static void test_note_among_junk(void **state)
{
	(void)state;
	const char *xml = text_tree_xml("Night Ferry Returns\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n"
	                                "Share this:\n\nFacebook\n\nTwitter\n\n"
	                                "[1] https://harbour.example.org/reports/2019.pdf\n\n"
	                                "Leave a Reply\n");
	const char *n1 = strstr(xml, "<footnote id=\"n1\">");
	assert_non_null(n1);
	HAS(n1, "<p>https://harbour.example.org/reports/2019.pdf</p>");
	HAS_NOT(xml, "Facebook");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_notes_become_footnotes),
		cmocka_unit_test(test_unreferenced_lines_stay),
		cmocka_unit_test(test_note_among_junk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
