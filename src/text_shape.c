/* text_shape.c — shapes of words and lines the plain-text reader tests: capitals, quotes, names, URLs. */
#include <glib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

size_t galley_text_width(const char *s, size_t len)
{
	size_t w = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			w++;
	return w;
}

/* Latin-1 and Latin Extended-A capitals cover the names we meet in
 * English-language scrapes (Ó, Š, Ł ...); other scripts count as neither
 * case, so they never make a line look like a heading or a name. */
int galley_text_is_upper_at(const char *s, size_t *len)
{
	size_t n = 1;
	uint32_t cp = (unsigned char)*s < 0x80 ? (unsigned char)*s : galley_utf8_decode(s, &n);
	if (len)
		*len = n;
	if (cp >= 'A' && cp <= 'Z')
		return 1;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return 1;
	if (cp >= 0x100 && cp <= 0x17F)
		return cp % 2 == 0;
	/* Greek, Cyrillic, Armenian, Georgian... capitals */
	return cp >= 0x370 && (g_unichar_isupper(cp) || g_unichar_istitle(cp));
}

int galley_text_caseless_at(const char *s)
{
	uint32_t cp = (unsigned char)*s < 0x80 ? (unsigned char)*s : galley_utf8_decode(s, NULL);
	return cp >= 0x80 && g_unichar_isalpha(cp) && !g_unichar_isupper(cp) &&
	       !g_unichar_islower(cp) && !g_unichar_istitle(cp);
}

int galley_text_is_lower_at(const char *s)
{
	uint32_t cp = (unsigned char)*s < 0x80 ? (unsigned char)*s : galley_utf8_decode(s, NULL);
	if (cp >= 'a' && cp <= 'z')
		return 1;
	if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7)
		return 1;
	if (cp >= 0x100 && cp <= 0x17F)
		return cp % 2 == 1;
	return cp >= 0x370 && g_unichar_islower(cp);
}

size_t galley_text_open_quote(const char *s)
{
	static const char *const marks[] = {"\"", "\xE2\x80\x9C", "\xC2\xAB", "\xE2\x80\x9E"};
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
		if (strncmp(s, marks[i], strlen(marks[i])) == 0)
			return strlen(marks[i]);
	return 0;
}

static int S_ends_with(const char *s, size_t len, const char *tail)
{
	size_t k = strlen(tail);
	return len >= k && memcmp(s + len - k, tail, k) == 0;
}

size_t galley_text_close_quote(const char *s, size_t len)
{
	static const char *const marks[] = {"\"", "\xE2\x80\x9D", "\xC2\xBB", "\xE2\x80\x99", "'"};
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
		if (S_ends_with(s, len, marks[i]))
			return strlen(marks[i]);
	return 0;
}

/* Bytes of an emoji or pictograph (or its variation selector) ending
 * S[0..LEN), or 0: "See you soon! 🙂" still ends with its '!'. */
static size_t S_trailing_symbol(const char *s, size_t len)
{
	if (len < 3)
		return 0;
	size_t k = len - 1;   /* back to the lead byte of the last code point */
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	if (len - k < 3)
		return 0;
	uint32_t cp = galley_utf8_decode(s + k, NULL);
	int pict = cp >= 0x1F000 || (cp >= 0x2600 && cp <= 0x27BF) || cp == 0xFE0F || cp == 0x200D;
	return pict ? len - k : 0;
}

int galley_text_ends_sentence(const char *s, size_t len)
{
	for (;;) {
		size_t sym = len > 0 ? S_trailing_symbol(s, len) : 0;
		if (sym)
			len -= sym;
		else if (len > 0 && galley_is_space((unsigned char)s[len - 1]))
			len--;
		else
			break;
	}
	size_t q;
	/* a closing quote or bracket after the stop: look behind it */
	while ((q = galley_text_close_quote(s, len)) > 0 || (len > 0 && s[len - 1] == ')'))
		len -= q ? q : 1;
	if (len == 0)
		return 0;
	if (strchr(".!?:;,", s[len - 1]))
		return 1;
	/* … and the CJK full stop, exclamation and question marks, the
	 * Devanagari (and Bengali) danda and double danda, the Arabic question
	 * mark and full stop */
	static const char *const stops[] = {
		"\xE2\x80\xA6", "\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F", "\xE0\xA5\xA4",
		"\xE0\xA5\xA5", "\xD8\x9F", "\xDB\x94",
	};
	for (size_t i = 0; i < sizeof stops / sizeof *stops; i++)
		if (S_ends_with(s, len, stops[i]))
			return 1;
	return 0;
}

/* Name particles: lower-case words that may stand inside a name. */
static int S_particle(const char *w, size_t n)
{
	static const char *const p[] = {"de", "da", "di", "du", "del", "della", "der", "den",
		"van", "von", "la", "le", "bin", "ibn", "al", "el", "dos", "das", "y", "ten", "ter"};
	for (size_t i = 0; i < sizeof p / sizeof *p; i++)
		if (strlen(p[i]) == n && strncmp(w, p[i], n) == 0)
			return 1;
	return 0;
}

/* A capitalised name word: a capital, then letters, hyphens, apostrophes
 * or dots ("O'Neil", "Jean-Luc", "T.", "Jr."). */
static int S_name_word(const char *w, size_t n)
{
	size_t k;
	if (!galley_text_is_upper_at(w, &k))
		return 0;
	for (size_t i = k; i < n;) {
		size_t m = 1;
		unsigned char c = (unsigned char)w[i];
		if (c >= 0x80) {
			uint32_t cp = galley_utf8_decode(w + i, &m);
			if (cp != 0x2019 && !(cp >= 0xC0 && cp <= 0x24F))
				return 0;
		} else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		             c == '-' || c == '\'' || c == '.')) {
			return 0;
		}
		i += m;
	}
	return 1;
}

/* Capitalised function words that open sentences, not names. */
static int S_stop_word(const char *w, size_t n)
{
	static const char *const p[] = {"The", "A", "An", "This", "That", "These", "Those",
		"It", "He", "She", "They", "We", "I", "In", "On", "At", "But", "And", "Or", "If",
		"When", "As", "For", "Our", "His", "Her", "Their", "My", "Its", "So", "Yet"};
	for (size_t i = 0; i < sizeof p / sizeof *p; i++)
		if (strlen(p[i]) == n && strncmp(w, p[i], n) == 0)
			return 1;
	return 0;
}

/* Words of a name starting at S: stops at the first word that is neither
 * a name word nor a particle, or at a comma (the name ends there).
 * Returns the bytes of the name up to its last capitalised word and the
 * number of words in *WORDS; 0 for a possessive ("Kim's remarks"). */
static size_t S_name_span(const char *s, int *words)
{
	size_t i = 0, end = 0;
	int n = 0, seen = 0;
	*words = 0;
	while (s[i] && seen < 6) {
		size_t j = i;
		while (s[j] && s[j] != ' ' && s[j] != ',')
			j++;
		size_t wl = j - i;
		if (wl >= 2 && (strncmp(s + j - 2, "'s", 2) == 0 ||
		                (wl >= 4 && strncmp(s + j - 4, "\xE2\x80\x99s", 4) == 0)))
			return 0;
		if (wl == 0 || (seen == 0 && S_stop_word(s + i, wl)))
			break;
		if (S_name_word(s + i, wl)) {
			n = seen + 1;
			end = j;
		} else if (!(seen > 0 && S_particle(s + i, wl))) {
			break;
		}
		seen++;
		if (s[j] != ' ')
			break;
		i = j + 1;
	}
	*words = n;
	return end;
}

size_t galley_text_leading_name(const char *s)
{
	int words = 0;
	size_t n = S_name_span(s, &words);
	return words >= 2 && words <= 5 ? n : 0;
}

int galley_text_is_name(const char *s)
{
	size_t len = strlen(s);
	if (len == 0 || len > 60)
		return 0;
	int words = 0;
	size_t n = S_name_span(s, &words);
	return n == len && words >= 2 && words <= 5;
}

/* The comparison key of S[0..LEN), fed a piece at a time to PUT (ARG):
 * one definition for the key as a string and as a hash. */
static void S_key_feed(const char *s, size_t len, void (*put)(void *, const char *, size_t),
                       void *arg)
{
	for (size_t i = 0; i < len && s[i];) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			char low = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
			if ((low >= 'a' && low <= 'z') || (low >= '0' && low <= '9'))
				put(arg, &low, 1);
			i++;
			continue;
		}
		size_t n;
		uint32_t cp = galley_utf8_decode(s + i, &n);
		/* punctuation and spaces U+2000..U+206F and NBSP carry no identity */
		if (!(cp >= 0x2000 && cp <= 0x206F) && cp != 0xA0 && cp != 0xAB && cp != 0xBB)
			put(arg, s + i, n);
		i += n;
	}
}

static void S_put_buf(void *arg, const char *s, size_t n)
{
	galley_buf_put(arg, s, n);
}

char *galley_text_key(const char *s)
{
	galley_buf b = GALLEY_BUF_INIT;
	S_key_feed(s, strlen(s), S_put_buf, &b);
	galley_buf_grow(&b, 0);
	return galley_buf_detach(&b);
}

struct key_hash {
	uint64_t h;
	size_t n;
};

static void S_put_hash(void *arg, const char *s, size_t n)
{
	struct key_hash *k = arg;
	for (size_t i = 0; i < n; i++)
		k->h = (k->h ^ (unsigned char)s[i]) * 0x100000001b3ull;   /* FNV-1a */
	k->n += n;
}

uint64_t galley_text_key_hash(const char *s, size_t len)
{
	struct key_hash k = {GALLEY_FNV1A_INIT, 0};
	S_key_feed(s, len, S_put_hash, &k);
	return k.n ? k.h : 0;
}

static int S_word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

int galley_text_has_word(const char *s, const char *word, size_t len)
{
	if (len == 0)
		return 0;
	/* most places differ in their first byte: told without a call */
	unsigned char first = galley_text_fold((unsigned char)word[0]);
	for (const char *p = s; *p; p++) {
		if (galley_text_fold((unsigned char)*p) != first || strncasecmp(p, word, len) != 0)
			continue;
		int before = p > s && S_word_char((unsigned char)p[-1]);
		int after = S_word_char((unsigned char)p[len]);
		/* "Smith's" still names Smith: an apostrophe ends the word */
		if (!before && !after)
			return 1;
	}
	return 0;
}

int galley_text_is_url(const char *s)
{
	if (strncasecmp(s, "http://", 7) != 0 && strncasecmp(s, "https://", 8) != 0 &&
	    strncasecmp(s, "www.", 4) != 0)
		return 0;
	return strchr(s, ' ') == NULL;
}
