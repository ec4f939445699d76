/* test_pdf_text.c — the text the typesetter sets: soft hyphens by the rules of
 * issue 3, no-break spaces, never more than two hyphenated lines in a row,
 * and the automatic pull quote. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "typeset.h"

#define SHY "\xc2\xad"
#define NBSP "\xc2\xa0"

static char *S_hyph(const char *text)
{
	galley_buf b = GALLEY_BUF_INIT;
	galley_hyphenate(galley_hyphenator_get("en-US"), text, &b);
	return galley_buf_detach(&b);
}

static char *S_ties(const char *text)
{
	galley_buf b = GALLEY_BUF_INIT;
	galley_ties(text, &b);
	return galley_buf_detach(&b);
}

#define HYPH_EQ(in, want) do { char *s = S_hyph(in); assert_string_equal(s, want); free(s); } while (0)
#define TIES_EQ(in, want) do { char *s = S_ties(in); assert_string_equal(s, want); free(s); } while (0)

static void test_hyphenation_points(void **state)
{
	(void)state;
	assert_non_null(galley_hyphenator_get("en"));
	assert_non_null(galley_hyphenator_get("en-GB"));  /* falls back to hyph_en */
	HYPH_EQ("communications", "com" SHY "mu" SHY "ni" SHY "ca" SHY "tions");
	/* under 6 letters: never */
	HYPH_EQ("house table water", "house table water");
	/* acronyms, compounds, words glued to digits: never */
	HYPH_EQ("NATO cross-border COVID19 e-mail", "NATO cross-border COVID19 e-mail");
	/* punctuation and non-letters pass through */
	HYPH_EQ("(restoration),", "(restora" SHY "tion),");
}

static char *S_hyph_lang(const char *lang, const char *text)
{
	galley_buf b = GALLEY_BUF_INIT;
	const galley_hyphenator *h = galley_hyphenator_get(lang);
	assert_non_null(h);
	galley_hyphenate(h, text, &b);
	return galley_buf_detach(&b);
}

/* The dictionaries of other languages (make deps installs them): Debian
 * keeps German, Greek and Russian in 8-bit character sets, Russian and
 * Tamil only under a region; a digest of many languages keeps them all. */
static void test_hyphenation_other_languages(void **state)
{
	(void)state;
	/* languages without a dictionary first, as a digest of twelve scripts
	 * meets them, so that the ones with a dictionary come late */
	const char *none[] = {"ja", "zh-Hans", "zh-Hant", "ko", "ar", "he", "th", "x-none", "km", "lo"};
	for (size_t i = 0; i < sizeof none / sizeof *none; i++)
		assert_null(galley_hyphenator_get(none[i]));
	struct { const char *lang, *word; } cases[] = {
		{"de", "Arbeitsplätze"},        /* ISO8859-1 */
		{"el", "εργαζόμενοι"},           /* ISO8859-7 */
		{"ru", "библиотека"},           /* KOI8-R, hyph_ru_RU.dic only */
		{"fr", "bibliothèque"},
		{"uk", "бібліотека"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *s = S_hyph_lang(cases[i].lang, cases[i].word);
		if (!strstr(s, SHY))
			fail_msg("%s: no hyphen in %s", cases[i].lang, s);
		/* the letters are all kept, whole */
		char *p;
		while ((p = strstr(s, SHY)))
			memmove(p, p + 2, strlen(p + 2) + 1);
		assert_string_equal(s, cases[i].word);
		free(s);
	}
	/* a letter the 8-bit set has no place for: the word is left whole */
	char *s = S_hyph_lang("de", "Arbeitsplätzeω");
	assert_string_equal(s, "Arbeitsplätzeω");
	free(s);
}

#define CAPS_EQ(in, want) do { char *s = galley_caps(in); assert_string_equal(s, want); g_free(s); } while (0)

/* Capitals for the roles that ask for them: Greek drops its accents and
 * breathings, keeps its diaeresis; other scripts keep their marks. */
static void test_caps(void **state)
{
	(void)state;
	CAPS_EQ("Η ομάδα του galley", "Η ΟΜΑΔΑ ΤΟΥ GALLEY");
	CAPS_EQ("7 Δεκεμβρίου 2026", "7 ΔΕΚΕΜΒΡΙΟΥ 2026");
	CAPS_EQ("προϊόν, διΐστημι", "ΠΡΟΪΟΝ, ΔΙΪΣΤΗΜΙ");
	CAPS_EQ("ἡ ὁδός", "Η ΟΔΟΣ");
	CAPS_EQ("l’équipe, 7 décembre", "L’ÉQUIPE, 7 DÉCEMBRE");
	CAPS_EQ("команда й ё", "КОМАНДА Й Ё");
}

/* Every soft hyphen of a long text leaves 2 letters before and 3 after. */
static void test_hyphenation_limits(void **state)
{
	(void)state;
	const char *text = "Diplomats said that the Security Council will meet behind closed doors "
	                   "over the reclusive country's latest test following requests, dismantling "
	                   "programs, international cooperation, administration, hypersonic missile.";
	char *s = S_hyph(text);
	int shy = 0;
	for (const char *p = s; (p = strstr(p, SHY)); p += 2, shy++) {
		int before = 0, after = 0;
		for (const char *q = p - 1; q >= s && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (unsigned char)*q == 0xAD || (unsigned char)*q == 0xC2); q--)
			before += (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z');
		for (const char *q = p + 2; (*q >= 'a' && *q <= 'z') || (unsigned char)*q == 0xC2 || (unsigned char)*q == 0xAD; q++)
			after += *q >= 'a' && *q <= 'z';
		/* letters to the previous/next soft hyphen count too: the word's ends matter */
		assert_true(before >= 2);
		assert_true(after >= 3);
	}
	assert_true(shy >= 10);
	free(s);
}

static void test_ties(void **state)
{
	(void)state;
	TIES_EQ("started Aug. 10 and", "started Aug." NBSP "10 and");
	TIES_EQ("for U.S. sanctions relief", "for U.S." NBSP "sanctions relief");
	TIES_EQ("by J. R. Smith", "by J." NBSP "R." NBSP "Smith");
	TIES_EQ("about 932 miles (1,500 kilometers) away", "about 932" NBSP "miles (1,500" NBSP "kilometers) away");
	TIES_EQ("on July 27. North", "on July" NBSP "27. North");
	TIES_EQ("Dr. Who and No. 5", "Dr." NBSP "Who and No." NBSP "5");
	TIES_EQ("yes \xe2\x80\x94 no", "yes" NBSP "\xe2\x80\x94 no");
	TIES_EQ("the cat sat on the mat", "the cat sat on the mat");
	TIES_EQ("in May we met", "in May we met");
	/* a date is one unit: day and year too */
	TIES_EQ("on April 4, 2016, the", "on April" NBSP "4," NBSP "2016, the");
	TIES_EQ("3, 20161 and 12, 99", "3, 20161 and 12, 99");
}

/* 1 if the line LINE (LEN bytes) ends in a hyphen, hard or soft, before
 * any trailing spaces and line separator. */
static int S_ends_hyphen(const char *line, int len)
{
	while (len > 0 && line[len - 1] == ' ')
		len--;
	if (len >= 3 && memcmp(line + len - 3, "\xe2\x80\xa8", 3) == 0)
		len -= 3;
	return (len >= 1 && line[len - 1] == '-') || (len >= 2 && memcmp(line + len - 2, SHY, 2) == 0);
}

/* Lines ending in a hyphen, in a row, over every text block of an article
 * set narrow (many breaks) both justified and ragged. */
static void test_no_three_hyphens_in_a_row(void **state)
{
	(void)state;
	const char *top = getenv("GALLEY_TOP");
	char *dir = galley_xasprintf("%s/../shared/corpus/txt", top && *top ? top : ".");
	const char *layouts[] = {"magazine-a4", "ereader", "digest-a5"};
	DIR *d = opendir(dir);
	struct dirent *e;
	int lines = 0, hyphenated = 0;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *path = galley_xasprintf("%s/%s/input.txt", dir, e->d_name);
		galley_diag *diag = galley_diag_new(path);
		galley_diag_set_quiet(diag, 1);
		size_t len = 0;
		char *data = galley_read_file(path, 1u << 24, &len, diag);
		galley_node *doc = data ? galley_read(data, len, GALLEY_FORMAT_TXT, NULL, diag) : NULL;
		for (size_t k = 0; doc && k < 3; k++) {
			galley_layout *l = galley_layout_load(layouts[k], diag);
			struct ts_flow *f = galley_flow_build(doc, l, NULL, diag);
			assert_non_null(f);
			for (size_t i = 0; i < f->n_blocks; i++) {
				struct ts_block *b = &f->blocks[i];
				if (b->kind != TS_TEXT)
					continue;
				int run = 0;
				for (int n = 0; n < b->n_lines - 1; n++) {
					const struct ts_line *line = &b->lines[n];
					int hy = S_ends_hyphen(b->line_text + line->start, line->length);
					run = hy ? run + 1 : 0;
					hyphenated += hy;
					lines++;
					if (run > 2)
						fail_msg("%s in %s: 3 hyphenated lines in a row, block %zu line %d", path, layouts[k], i, n);
				}
			}
			galley_flow_free(f);
			galley_layout_free(l);
		}
		galley_node_free(doc);
		free(data);
		galley_diag_free(diag);
		free(path);
	}
	if (d)
		closedir(d);
	free(dir);
	assert_true(lines > 500);
	assert_true(hyphenated > 20);  /* hyphenation is on at all */
}

/* An automatic pull quote: a quotation that is a statement of its own, not
 * a fragment worked into the writer's sentence, set three paragraphs before
 * its source so that it is not read twice in a row. */
static void test_pullquote_pick(void **state)
{
	(void)state;
	const char *xml =
		"<galley><article lang=\"en\"><title>Lock</title>"
		"<p>The lock opened early.</p><p>Boats came at six.</p><p>The keeper waved.</p>"
		"<p>Critics called the trust \xe2\x80\x9c" "bent on begging external support and "
		"cooperation while clamoring for international cooperation in servitude,\xe2\x80\x9d "
		"in a letter.</p>"
		"<p>The keeper said: \xe2\x80\x9cWe will keep the lock open for as long as the boats "
		"keep coming.\xe2\x80\x9d</p>"
		"<p>Rain fell.</p><p>The gates held.</p><p>Night came.</p></article></galley>";
	galley_diag *diag = galley_diag_new("pull");
	galley_node *doc = galley_read(xml, strlen(xml), GALLEY_FORMAT_XML, NULL, diag);
	assert_non_null(doc);
	const galley_node *article = galley_node_first_child(doc);
	const galley_node *after = NULL;
	char *quote = galley_pullquote_pick(article, &after);
	assert_non_null(quote);
	assert_string_equal(quote, "\xe2\x80\x9cWe will keep the lock open for as long as the boats "
	                           "keep coming.\xe2\x80\x9d");
	/* the quote is in the fifth paragraph: it is set after the second */
	char *text = galley_node_text(after);
	assert_string_equal(text, "Boats came at six.");
	free(text);
	free(quote);
	galley_node_free(doc);
	galley_diag_free(diag);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hyphenation_points),
		cmocka_unit_test(test_hyphenation_limits),
		cmocka_unit_test(test_hyphenation_other_languages),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_no_three_hyphens_in_a_row),
		cmocka_unit_test(test_pullquote_pick),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
