/* hyphen.c — inserts soft hyphens into text with libhyphen, following the
 * rules of issue 3: words of 6+ letters, 2 letters before and 3 after. */
#include <glib.h>
#include <hyphen.h>
#include <stdlib.h>
#include <string.h>

#include "typeset.h"

struct galley_hyphenator {
	char *lang;
	HyphenDict *dict;   /* NULL: no dictionary for LANG */
	GHashTable *words;  /* word -> the word with its soft hyphens */
};

#define MIN_WORD 6
#define MIN_BEFORE 2
#define MIN_AFTER 3
#define MAX_WORD 64     /* longer "words" are URLs or junk */
/* Words remembered per dictionary: an article repeats its long words, and
 * a batch worker sets hundreds of articles with the same dictionary.  At
 * about 100 bytes a word the cache stays under 4 MiB; when full it starts
 * over. */
#define MAX_CACHED_WORDS 40000

/* Loaded dictionaries (and languages without one), kept for the life of
 * the process: enough for a digest in every language Debian hyphenates. */
static struct galley_hyphenator S_cache[96];
static size_t S_n_cache;

/* A dictionary of language LL for any region, from folder DIR: Debian
 * ships some languages only under a region (hyph_ru_RU.dic, hyph_ta_IN.dic)
 * while articles often say just "ru" or "ta".  The first in byte order, so
 * that every run picks the same one. */
static HyphenDict *S_load_any_region(const char *dir, const char *ll)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	if (!d)
		return NULL;
	char *prefix = g_strdup_printf("hyph_%s_", ll), *best = NULL;
	for (const char *name; (name = g_dir_read_name(d));)
		if (g_str_has_prefix(name, prefix) && g_str_has_suffix(name, ".dic") &&
		    (!best || strcmp(name, best) < 0)) {
			g_free(best);
			best = g_strdup(name);
		}
	g_dir_close(d);
	HyphenDict *dict = NULL;
	if (best) {
		char *path = g_build_filename(dir, best, NULL);
		dict = galley_hyphen_load_cached(path);
		g_free(path);
	}
	g_free(prefix);
	g_free(best);
	return dict;
}

/* The dictionary file for LANG: hyph_ll_CC.dic, then hyph_ll.dic, then
 * hyph_ll_XX.dic for any region XX. */
static HyphenDict *S_load(const char *lang)
{
	char ll[8] = "", cc[8] = "";
	size_t i = 0;
	for (; lang[i] && lang[i] != '-' && lang[i] != '_' && i < 7; i++)
		ll[i] = (char)g_ascii_tolower(lang[i]);
	if (lang[i] == '-' || lang[i] == '_')
		for (size_t j = 0; j < 7 && g_ascii_isalpha(lang[i + 1 + j]); j++)
			cc[j] = (char)g_ascii_toupper(lang[i + 1 + j]);
	const char *dirs[] = {"/usr/share/hyphen", "/usr/local/share/hyphen"};
	HyphenDict *d = NULL;
	for (size_t k = 0; !d && k < 2 * sizeof dirs / sizeof *dirs; k++) {
		const char *dir = dirs[k / 2];
		char *path = k % 2 == 0 && *cc ? g_strdup_printf("%s/hyph_%s_%s.dic", dir, ll, cc)
		           : k % 2 == 1 ? g_strdup_printf("%s/hyph_%s.dic", dir, ll) : NULL;
		if (path && g_file_test(path, G_FILE_TEST_EXISTS))
			d = galley_hyphen_load_cached(path);
		g_free(path);
	}
	for (size_t k = 0; !d && k < sizeof dirs / sizeof *dirs; k++)
		d = S_load_any_region(dirs[k], ll);
	return d;
}

const galley_hyphenator *galley_hyphenator_get(const char *lang)
{
	if (!lang || !*lang)
		lang = "en";
	for (size_t i = 0; i < S_n_cache; i++)
		if (g_ascii_strcasecmp(S_cache[i].lang, lang) == 0)
			return S_cache[i].dict ? &S_cache[i] : NULL;
	HyphenDict *d = S_load(lang);
	if (S_n_cache < sizeof S_cache / sizeof *S_cache) {
		S_cache[S_n_cache].lang = galley_xstrdup(lang);
		S_cache[S_n_cache].dict = d;
		S_cache[S_n_cache].words = d ? g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free)
		                             : NULL;
		return S_cache[S_n_cache++].dict ? &S_cache[S_n_cache - 1] : NULL;
	}
	if (d)
		galley_hyphen_dict_free(d);
	return NULL;
}

static int S_is_hyphen(gunichar c)
{
	return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2013 || c == 0x2014 || c == '/';
}

/* The word LOWER (UTF-8, LEN bytes) in dictionary D's encoding: itself
 * for a UTF-8 dictionary, else converted to the 8-bit character set the
 * dictionary names (Debian's German, Greek and Russian ones are
 * ISO8859-1, ISO8859-7 and KOI8-R), one byte a letter; NULL when a letter
 * has no place in that set. */
static char *S_in_dict_charset(const HyphenDict *d, const char *lower, size_t len,
                               size_t *out_len)
{
	if (d->utf8) {
		*out_len = len;
		return g_strndup(lower, len);
	}
	gsize written = 0;
	char *w = g_convert(lower, (gssize)len, d->cset, "UTF-8", NULL, &written, NULL);
	*out_len = written;
	return w;
}

/* Append the word W (LEN bytes, NCHARS letters) with its soft hyphens. */
static void S_hyphenate_word(const galley_hyphenator *h, const char *w, size_t len,
                             size_t nchars, galley_buf *out)
{
	char *lower = g_utf8_strdown(w, (gssize)len);
	size_t llen = strlen(lower), dlen = 0;
	/* case mapping that changes the length would shift the break points */
	char *word = llen == len ? S_in_dict_charset(h->dict, lower, llen, &dlen) : NULL;
	int bytewise = !h->dict->utf8;   /* hyph[] indexes letters, not bytes */
	char hyph[MAX_WORD * 4 + 8];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	int ok = word && dlen + 5 < sizeof hyph && (!bytewise || dlen == nchars) &&
	         hnj_hyphen_hyphenate2(h->dict, word, (int)dlen, hyph, NULL, &rep, &pos, &cut) == 0;
	size_t before = 0;
	for (size_t i = 0; i < len; ) {
		size_t n = (size_t)(g_utf8_next_char(w + i) - (w + i));
		galley_buf_put(out, w + i, n);
		i += n;
		before++;
		size_t at = bytewise ? before - 1 : i - 1;
		/* rep: a non-standard break (ck -> k-k); such points are skipped */
		if (ok && i < len && (hyph[at] & 1) && !(rep && rep[at]) &&
		    before >= MIN_BEFORE && nchars - before >= MIN_AFTER)
			galley_buf_put(out, "\xc2\xad", 2);
	}
	galley_hyphen_points_free(rep, pos, cut, dlen);
	g_free(word);
	g_free(lower);
}

/* S_hyphenate_word through the dictionary's cache of words. */
static void S_word(const galley_hyphenator *h, const char *w, size_t len, size_t nchars,
                   galley_buf *out)
{
	char key[MAX_WORD * 4 + 1];   /* MAX_WORD letters of at most 4 bytes */
	if (len >= sizeof key) {
		S_hyphenate_word(h, w, len, nchars, out);
		return;
	}
	memcpy(key, w, len);
	key[len] = '\0';
	const char *done = g_hash_table_lookup(h->words, key);
	if (!done) {
		galley_buf word = GALLEY_BUF_INIT;
		S_hyphenate_word(h, w, len, nchars, &word);
		if (g_hash_table_size(h->words) >= MAX_CACHED_WORDS)
			g_hash_table_remove_all(h->words);
		done = galley_buf_detach(&word);
		g_hash_table_insert(h->words, g_strdup(key), (char *)done);
	}
	galley_buf_puts(out, done);
}

/* The character at P, and its classes, with ASCII (most of a Latin
 * text) answered without the Unicode tables: the same answers. */
static gunichar S_char(const char *p)
{
	return (unsigned char)*p < 0x80 ? (gunichar)(unsigned char)*p : g_utf8_get_char(p);
}

static int S_alpha(gunichar c)
{
	return c < 0x80 ? g_ascii_isalpha((int)c) : g_unichar_isalpha(c);
}

static int S_upper(gunichar c)
{
	return c < 0x80 ? g_ascii_isupper((int)c) : g_unichar_isupper(c);
}

static int S_digit(gunichar c)
{
	return c < 0x80 ? g_ascii_isdigit((int)c) : g_unichar_isdigit(c);
}

void galley_hyphenate(const galley_hyphenator *h, const char *text, galley_buf *out)
{
	const char *p = text;
	gunichar prev = 0;
	while (*p) {
		gunichar c = S_char(p);
		if (!h || !S_alpha(c)) {
			/* up to the next letter at once */
			const char *n = g_utf8_next_char(p);
			prev = c;
			while (*n && !S_alpha(c = S_char(n))) {
				prev = c;
				n = g_utf8_next_char(n);
			}
			if (!h && *n)
				n += strlen(n);
			galley_buf_put(out, p, (size_t)(n - p));
			p = n;
			continue;
		}
		const char *start = p;
		size_t nchars = 0, upper = 0;
		while (*p && S_alpha(c = S_char(p))) {
			upper += S_upper(c) != 0;
			p = g_utf8_next_char(p);
			nchars++;
		}
		gunichar next = S_char(p);
		/* no breaks in short words, acronyms, compounds already hyphenated,
		 * or words glued to digits (model names, URLs) */
		int skip = nchars < MIN_WORD || nchars > MAX_WORD || upper > 1 ||
		           S_is_hyphen(prev) || S_is_hyphen(next) ||
		           S_digit(prev) || S_digit(next) || prev == '.' || next == '@';
		if (skip)
			galley_buf_put(out, start, (size_t)(p - start));
		else
			S_word(h, start, (size_t)(p - start), nchars, out);
		prev = 'a';
	}
}
