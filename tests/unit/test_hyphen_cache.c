/* test_hyphen_cache.c — a hyphenation dictionary compiled once and read back
 * from galley's cache (hyphen_cache.c) hyphenates exactly as the one
 * libhyphen loads from its patterns; a damaged entry is a miss. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <hyphen.h>

#include "temp_cache.h"
#include "typeset.h"

#define EN "/usr/share/hyphen/hyph_en_US.dic"
#define DE "/usr/share/hyphen/hyph_de_DE.dic"

static const char *const S_words[] = {
	"communications", "hyphenation", "restoration", "extraordinary", "cooperative",
	"passengers", "seedlings", "association", "photographer", "incomprehensibilities",
};

/* The break points of WORD in D, as hnj_hyphen_hyphenate2 gives them. */
static void S_points(HyphenDict *d, const char *word, char *out, size_t size)
{
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	int n = (int)strlen(word);
	assert_true((size_t)n + 5 <= size);
	assert_int_equal(hnj_hyphen_hyphenate2(d, word, n, out, NULL, &rep, &pos, &cut), 0);
	out[n] = '\0';
	galley_hyphen_points_free(rep, pos, cut, (size_t)n);
}

/* Every word breaks at the same points in A and B. */
static void S_same(HyphenDict *a, HyphenDict *b)
{
	for (size_t i = 0; i < sizeof S_words / sizeof *S_words; i++) {
		char pa[64], pb[64];
		S_points(a, S_words[i], pa, sizeof pa);
		S_points(b, S_words[i], pb, sizeof pb);
		assert_string_equal(pa, pb);
	}
}

/* The cache's hyphen-* entries, rewritten by WRITE. */
static int S_rewrite_entries(void (*write)(const char *name))
{
	char *dir = galley_xasprintf("%s/galley", S_dir);
	DIR *d = opendir(dir);
	int n = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		if (strncmp(e->d_name, "hyphen-", 7) == 0) {
			write(e->d_name);
			n++;
		}
	if (d)
		closedir(d);
	free(dir);
	return n;
}

static void test_cached_hyphenates_as_loaded(void **state)
{
	(void)state;
	HyphenDict *loaded = hnj_hyphen_load(EN);
	assert_non_null(loaded);
	HyphenDict *first = galley_hyphen_load_cached(EN);   /* compiled, then saved */
	assert_non_null(first);
	HyphenDict *again = galley_hyphen_load_cached(EN);   /* read back */
	assert_non_null(again);
	assert_int_equal(again->num_states, loaded->num_states);
	assert_non_null(again->nextlevel);
	S_same(loaded, first);
	S_same(loaded, again);
	galley_hyphen_dict_free(first);
	galley_hyphen_dict_free(again);
	hnj_hyphen_free(loaded);

	/* a dictionary in an 8-bit set, with its own NOHYPHEN-free header */
	loaded = hnj_hyphen_load(DE);
	assert_non_null(loaded);
	galley_hyphen_dict_free(galley_hyphen_load_cached(DE));
	again = galley_hyphen_load_cached(DE);
	assert_non_null(again);
	assert_string_equal(again->cset, loaded->cset);
	assert_int_equal(again->utf8, loaded->utf8);
	galley_hyphen_dict_free(again);
	hnj_hyphen_free(loaded);
}

static void S_garbage(const char *name)
{
	/* a valid checksum over bytes that are no dictionary */
	static const unsigned char bytes[] = {2, 3, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255,
	                                      9, 0, 0, 0, 'x', 'y'};
	galley_cache_write(name, bytes, sizeof bytes);
}

static void S_huge_state(const char *name)
{
	/* a state count larger than the entry could hold */
	unsigned char bytes[64] = {2, 3, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 0xff, 0xff, 0xff, 0x7f};
	galley_cache_write(name, bytes, sizeof bytes);
}

/* Every installed dictionary, compiled and written, reads back whole: the
 * reader's checks hold for what libhyphen builds. */
static void test_every_dictionary_reads_back(void **state)
{
	(void)state;
	const char *dir = "/usr/share/hyphen";
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (!strstr(e->d_name, ".dic"))
			continue;
		char *path = galley_xasprintf("%s/%s", dir, e->d_name);
		HyphenDict *dict = galley_hyphen_load_cached(path);
		free(path);
		if (!dict)
			continue;
		galley_hyphen_dict_free(dict);
		n++;
	}
	closedir(d);
	assert_true(n >= 14);   /* make deps installs 14 languages */
	char *dirname = galley_xasprintf("%s/galley", S_dir);
	DIR *c = opendir(dirname);
	assert_non_null(c);
	int read_back = 0, entries = 0;
	for (struct dirent *e; (e = readdir(c));) {
		if (strncmp(e->d_name, "hyphen-", 7) != 0)
			continue;
		entries++;
		size_t len = 0;
		void *bytes = galley_cache_read(e->d_name, &len);
		HyphenDict *dict = bytes ? galley_hyphen_dict_read(bytes, len) : NULL;
		if (dict) {
			read_back++;
			galley_hyphen_dict_free(dict);
		} else {
			fail_msg("%s does not read back", e->d_name);
		}
		free(bytes);
	}
	closedir(c);
	free(dirname);
	assert_true(entries >= 14);
	assert_int_equal(read_back, entries);
}

/* The bytes of a one-state dictionary whose state falls back to FALLBACK. */
static size_t S_one_state(unsigned char *b, int32_t fallback)
{
	size_t n = 0;
	int32_t v;
#define PUT(x, len) (memcpy(b + n, (x), (len)), n += (len))
	PUT("\2\3\0\0", 4);                       /* lhmin rhmin clhmin crhmin */
	v = 0; PUT(&v, 4);                           /* nohyphenl */
	v = -1; PUT(&v, 4);                          /* no NOHYPHEN */
	v = 1; PUT(&v, 4);                           /* one state */
	char cset[MAX_NAME] = "UTF-8";
	PUT(cset, MAX_NAME);
	v = 1; PUT(&v, 4);                           /* utf8 */
	v = -1; PUT(&v, 4); PUT(&v, 4);              /* no match, no repl */
	PUT("\0\0", 2);                             /* replindex replcut */
	PUT(&fallback, 4);
	v = 0; PUT(&v, 4);                           /* no transitions */
	PUT(&v, 4);                                  /* no next level */
#undef PUT
	return n;
}

/* The first state may not fall back (libhyphen would follow it forever;
 * found by fuzz_hyphen). */
static void test_first_state_never_falls_back(void **state)
{
	(void)state;
	unsigned char b[128];
	size_t n = S_one_state(b, -1);
	HyphenDict *d = galley_hyphen_dict_read(b, n);
	assert_non_null(d);
	galley_hyphen_dict_free(d);
	n = S_one_state(b, 0);
	assert_null(galley_hyphen_dict_read(b, n));
	/* cut short anywhere: never a dictionary */
	for (size_t k = 0; k + 1 < n; k++)
		assert_null(galley_hyphen_dict_read(b, k));
}

static void test_damaged_entry_is_a_miss(void **state)
{
	(void)state;
	galley_hyphen_dict_free(galley_hyphen_load_cached(EN));
	HyphenDict *loaded = hnj_hyphen_load(EN);
	void (*damages[])(const char *) = {S_garbage, S_huge_state};
	for (size_t k = 0; k < sizeof damages / sizeof *damages; k++) {
		assert_true(S_rewrite_entries(damages[k]) >= 1);
		HyphenDict *d = galley_hyphen_load_cached(EN);
		assert_non_null(d);
		S_same(loaded, d);
		galley_hyphen_dict_free(d);
	}
	hnj_hyphen_free(loaded);
	/* no dictionary at all */
	assert_null(galley_hyphen_load_cached("/nonexistent/hyph_xx.dic"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cached_hyphenates_as_loaded),
		cmocka_unit_test(test_every_dictionary_reads_back),
		cmocka_unit_test(test_damaged_entry_is_a_miss),
		cmocka_unit_test(test_first_state_never_falls_back),
	};
	return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
