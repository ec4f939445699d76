/* test_layout.c — the layout loader: the six shipped layouts, lengths, roles
 * derived from the body, and broken or invalid files reported with their line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "layout.h"

#define MM (72.0 / 25.4)

static galley_layout *S_load(const char *name, galley_diag **diag)
{
	*diag = galley_diag_new(name);
	galley_diag_set_quiet(*diag, 1);
	return galley_layout_load(name, *diag);
}

static void test_shipped_layouts(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		double w, h;
		int columns, facing, recto, pull, hyphenate;
	} want[] = {
		{"article-a4", 210, 297, 1, 0, 0, 0, 1},
		{"article-letter", 215.9, 279.4, 1, 0, 0, 0, 1},
		{"magazine-a4", 210, 297, 2, 1, 0, 1, 1},
		{"digest-a5", 148, 210, 1, 1, 1, 0, 1},
		{"ereader", 90, 120, 1, 0, 0, 0, 1},
		{"large-print", 210, 297, 1, 0, 0, 0, 0},
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		galley_diag *d;
		galley_layout *l = S_load(want[i].name, &d);
		assert_non_null(l);
		assert_string_equal(galley_layout_name(l), want[i].name);
		assert_non_null(galley_layout_description(l));
		assert_true(strlen(galley_layout_description(l)) > 10);
		assert_float_equal(l->page_width, want[i].w * MM, 0.05);
		assert_float_equal(l->page_height, want[i].h * MM, 0.05);
		assert_int_equal(l->columns, want[i].columns);
		assert_int_equal(l->facing, want[i].facing);
		assert_int_equal(l->recto_start, want[i].recto);
		assert_int_equal(l->pull_quotes, want[i].pull);
		assert_int_equal(l->hyphenate, want[i].hyphenate);
		/* justified layouts let spaces shrink to TeX's two thirds, glyphs
		 * widen and narrow by 2 % and punctuation hang; ragged ones
		 * adjust nothing */
		int justified = l->role[GALLEY_ROLE_BODY].align == GALLEY_ALIGN_JUSTIFY;
		assert_float_equal(l->word_space_min, justified ? 0.67 : 1, 1e-9);
		assert_float_equal(l->expansion, justified ? 0.02 : 0, 1e-9);
		assert_int_equal(l->protrusion, justified);
		for (int r = 0; r < GALLEY_ROLE_COUNT; r++) {
			assert_non_null(l->role[r].family);
			assert_true(l->role[r].size >= 6);
			assert_true(l->role[r].leading >= l->role[r].size);
		}
		assert_int_equal(galley_diag_count(d), 0);
		galley_layout_free(l);
		galley_diag_free(d);
	}
}

/* The loader trusts the shipped layouts by their bytes; the schema check
 * they would get is run here, so a shipped layout can never be invalid. */
static void test_shipped_layouts_match_schema(void **state)
{
	(void)state;
	static const char *const names[] = {"article-a4", "article-letter", "magazine-a4",
	                                    "digest-a5", "ereader", "large-print"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		galley_diag *d = galley_diag_new(names[i]);
		assert_int_equal(galley_layout_check_schema(names[i], d), 1);
		assert_int_equal(galley_diag_count(d), 0);
		galley_diag_free(d);
	}
}

static char *S_file(const char *text);

/* A copy of a shipped layout changed by one byte is checked again. */
static void test_edited_copy_is_checked(void **state)
{
	(void)state;
	char *shipped = galley_data_path("layouts/article-a4.xml");
	assert_non_null(shipped);
	size_t len;
	galley_diag *d = galley_diag_new("copy");
	char *bytes = galley_read_file(shipped, 1 << 20, &len, d);
	assert_non_null(bytes);
	char *at = strstr(bytes, "<role name=\"body\"");
	assert_non_null(at);
	memcpy(at + 1, "rule", 4);   /* <rule name="body" ...>: not in the schema */
	char *path = S_file(bytes);
	galley_diag_set_quiet(d, 1);
	assert_null(galley_layout_load(path, d));
	assert_non_null(strstr(galley_diag_message(d, 0, NULL, NULL), "layout.rng"));
	galley_diag_free(d);
	unlink(path);
	free(path);
	free(bytes);
	free(shipped);
}

static void test_default_is_article_a4(void **state)
{
	(void)state;
	galley_diag *d = galley_diag_new("default");
	galley_layout *l = galley_layout_load(NULL, d);
	assert_non_null(l);
	assert_string_equal(galley_layout_name(l), "article-a4");
	assert_string_equal(l->role[GALLEY_ROLE_BODY].family, "Charis SIL");
	assert_float_equal(l->role[GALLEY_ROLE_BODY].size, 11, 0.001);
	assert_int_equal(l->role[GALLEY_ROLE_BODY].align, GALLEY_ALIGN_JUSTIFY);
	assert_int_equal(l->para_style, GALLEY_PARA_INDENT);
	/* indent="1.2em" of the 11 pt body */
	assert_float_equal(l->para_indent, 13.2, 0.001);
	assert_int_equal(l->role[GALLEY_ROLE_HEADING2].weight, 700);
	assert_int_equal(l->role[GALLEY_ROLE_BLOCKQUOTE].italic, 1);
	assert_int_equal(l->role[GALLEY_ROLE_BYLINE].uppercase, 1);
	assert_string_equal(l->header.left, "{title}");
	galley_layout_free(l);
	galley_diag_free(d);
}

static void test_lengths(void **state)
{
	(void)state;
	double pt = -1;
	assert_true(galley_length_parse("12pt", 0, &pt));
	assert_float_equal(pt, 12, 1e-9);
	assert_true(galley_length_parse("25.4mm", 0, &pt));
	assert_float_equal(pt, 72, 1e-9);
	assert_true(galley_length_parse("1in", 0, &pt));
	assert_float_equal(pt, 72, 1e-9);
	assert_true(galley_length_parse("2cm", 0, &pt));
	assert_float_equal(pt, 56.6929, 1e-3);
	assert_true(galley_length_parse("1.5em", 10, &pt));
	assert_float_equal(pt, 15, 1e-9);
	assert_true(galley_length_parse("0", 0, &pt));
	assert_float_equal(pt, 0, 1e-9);
	assert_false(galley_length_parse("1.5em", 0, &pt));   /* no em here */
	assert_false(galley_length_parse("12", 0, &pt));
	assert_false(galley_length_parse("12px", 0, &pt));
	assert_false(galley_length_parse("-3mm", 0, &pt));
	assert_false(galley_length_parse("", 0, &pt));
	assert_false(galley_length_parse(NULL, 0, &pt));
}

static void test_roles(void **state)
{
	(void)state;
	for (int r = 0; r < GALLEY_ROLE_COUNT; r++)
		assert_int_equal(galley_role_from_name(galley_role_name((galley_role)r)), r);
	assert_int_equal(galley_role_from_name("nope"), -1);
	assert_null(galley_role_name(GALLEY_ROLE_COUNT));
}

/* Write TEXT to a temporary layout file; returns its path. */
static char *S_file(const char *text)
{
	char *path = strdup("/tmp/galley-layout-XXXXXX.xml");
	int fd = mkstemps(path, 4);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

/* Loading TEXT fails with one ERROR whose message holds WANT. */
static void S_fails(const char *text, const char *want)
{
	char *path = S_file(text);
	galley_diag *d;
	galley_layout *l = S_load(path, &d);
	assert_null(l);
	assert_true(galley_diag_worst(d) >= GALLEY_DIAG_ERROR);
	const char *msg = galley_diag_message(d, 0, NULL, NULL);
	if (!strstr(msg, want))
		fail_msg("'%s' does not hold '%s'", msg, want);
	if (!strstr(msg, path))
		fail_msg("'%s' does not name the file", msg);
	galley_diag_free(d);
	unlink(path);
	free(path);
}

#define HEAD "<layout name=\"t\">\n<description>test</description>\n"

static void test_broken_layouts(void **state)
{
	(void)state;
	S_fails("<layout name=\"t\">\n<description>x</descr", ":2:");
	S_fails(HEAD "<page width=\"10\" height=\"20mm\"/>\n<margins top=\"1mm\" bottom=\"1mm\" inner=\"1mm\" outer=\"1mm\"/>\n"
	        "<role name=\"body\"/>\n</layout>\n", ":3:");
	S_fails(HEAD "<page width=\"100mm\" height=\"100mm\"/>\n<margins top=\"1mm\" bottom=\"1mm\" inner=\"1mm\" outer=\"1mm\"/>\n"
	        "<role name=\"bogus\"/>\n</layout>\n", "layout.rng");
	S_fails(HEAD "<page width=\"100mm\" height=\"100mm\"/>\n<margins top=\"1mm\" bottom=\"1mm\" inner=\"1mm\" outer=\"1mm\"/>\n"
	        "<unknown/><role name=\"body\"/>\n</layout>\n", "layout.rng");
	/* valid by the schema, but no room for text */
	S_fails(HEAD "<page width=\"100mm\" height=\"100mm\"/>\n<margins top=\"1mm\" bottom=\"1mm\" inner=\"48mm\" outer=\"48mm\"/>\n"
	        "<role name=\"body\"/>\n</layout>\n", "too narrow");
	/* a space narrowed to under half, or widened, is no minimum */
	S_fails(HEAD "<page width=\"100mm\" height=\"100mm\"/>\n<margins top=\"1mm\" bottom=\"1mm\" inner=\"1mm\" outer=\"1mm\"/>\n"
	        "<text word-space-min=\"40%\"/><role name=\"body\"/>\n</layout>\n", "layout.rng");
	S_fails(HEAD "<page width=\"100mm\" height=\"100mm\"/>\n<margins top=\"1mm\" bottom=\"1mm\" inner=\"1mm\" outer=\"1mm\"/>\n"
	        "<text word-space-min=\"120%\"/><role name=\"body\"/>\n</layout>\n", "layout.rng");
	/* glyphs widened by more than 5 % are distorted, not expanded */
	S_fails(HEAD "<page width=\"100mm\" height=\"100mm\"/>\n<margins top=\"1mm\" bottom=\"1mm\" inner=\"1mm\" outer=\"1mm\"/>\n"
	        "<text expansion=\"8%\"/><role name=\"body\"/>\n</layout>\n", "layout.rng");
	/* entities are not expanded, the network never reached */
	S_fails("<!DOCTYPE layout SYSTEM \"http://example.invalid/x.dtd\" [<!ENTITY e \"x\">]>\n"
	        HEAD "<page width=\"&e;\" height=\"100mm\"/></layout>\n", "layout");
	galley_diag *d;
	assert_null(S_load("no-such-layout", &d));
	assert_non_null(strstr(galley_diag_message(d, 0, NULL, NULL), "unknown layout 'no-such-layout'"));
	galley_diag_free(d);
}

static void test_minimal_layout_defaults(void **state)
{
	(void)state;
	char *path = S_file(HEAD "<page width=\"100mm\" height=\"150mm\"/>\n"
	                    "<margins top=\"10mm\" bottom=\"10mm\" inner=\"10mm\" outer=\"10mm\"/>\n"
	                    "<role name=\"body\" family=\"Noto Serif\" size=\"10pt\" leading=\"1.4\"/>\n</layout>\n");
	galley_diag *d;
	galley_layout *l = S_load(path, &d);
	assert_non_null(l);
	assert_float_equal(l->role[GALLEY_ROLE_BODY].leading, 14, 1e-9);
	/* unnamed roles follow the body */
	assert_string_equal(l->role[GALLEY_ROLE_TITLE].family, "Noto Serif");
	assert_float_equal(l->role[GALLEY_ROLE_TITLE].size, 20, 1e-9);
	assert_int_equal(l->role[GALLEY_ROLE_TITLE].weight, 700);
	assert_int_equal(l->columns, 1);
	assert_int_equal(l->hyphenate, 1);
	assert_float_equal(l->word_space_min, 1, 1e-9);  /* spaces only stretch */
	assert_float_equal(l->expansion, 0, 1e-9);       /* glyphs keep their width */
	assert_int_equal(l->protrusion, 0);
	galley_layout_free(l);
	galley_diag_free(d);
	unlink(path);
	free(path);
}

/* A justified line's spaces may narrow as far as word-space-min allows. */
static void test_word_space_min(void **state)
{
	(void)state;
	char *path = S_file(HEAD "<page width=\"100mm\" height=\"100mm\"/>\n<margins top=\"1mm\" bottom=\"1mm\" inner=\"1mm\" outer=\"1mm\"/>\n"
	                    "<text word-space-min=\"90%\" expansion=\"1.5%\" protrusion=\"yes\"/>"
	                    "<role name=\"body\"/>\n</layout>\n");
	galley_diag *d;
	galley_layout *l = S_load(path, &d);
	assert_non_null(l);
	assert_float_equal(l->word_space_min, 0.9, 1e-9);
	assert_float_equal(l->expansion, 0.015, 1e-9);
	assert_int_equal(l->protrusion, 1);
	galley_layout_free(l);
	galley_diag_free(d);
	unlink(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_layouts),
		cmocka_unit_test(test_shipped_layouts_match_schema),
		cmocka_unit_test(test_edited_copy_is_checked),
		cmocka_unit_test(test_default_is_article_a4),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_broken_layouts),
		cmocka_unit_test(test_minimal_layout_defaults),
		cmocka_unit_test(test_word_space_min),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
