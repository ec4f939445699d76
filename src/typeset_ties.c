/* typeset_ties.c — replaces spaces by no-break spaces where a line break
 * would split what reads as one unit: "Aug. 10", "U.S. sanctions",
 * "J. R. Smith", "932 miles", "No. 5", "April 4, 2016" (issue 3). */
#include <glib.h>
#include <string.h>

#include "typeset.h"

/* Abbreviations that bind to the word after them. */
static const char *const S_abbrev[] = {
	"Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "Gen.", "Gov.", "Sen.", "Rep.",
	"Rev.", "Capt.", "Lt.", "Col.", "Sgt.", "Maj.", "Pres.", "No.", "Nos.", "no.",
	"p.", "pp.", "vol.", "Vol.", "ch.", "Ch.", "fig.", "Fig.", "art.", "Art.", "ca.", "c.",
	"Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.",
	"Oct.", "Nov.", "Dec.", "vs.", "cf.", "e.g.", "i.e.",
};

/* Words that bind to a number before them ("932 miles") or after ("July 27"). */
static const char *const S_units[] = {
	"%", "percent", "per", "mile", "miles", "km", "kilometer", "kilometers", "kilometre",
	"kilometres", "m", "meter", "meters", "metre", "metres", "cm", "mm", "kg", "g", "mg",
	"lb", "lbs", "pounds", "ft", "feet", "foot", "in", "inches", "yards", "tons", "tonnes",
	"million", "billion", "trillion", "thousand", "hundred", "a.m.", "p.m.", "am", "pm",
	"GB", "MB", "TB", "kB", "Hz", "MHz", "GHz", "V", "W", "kW", "MW", "°C", "°F", "°",
	"years", "days", "hours", "minutes", "seconds", "people", "dollars", "euros", "AD", "BC",
};
static const char *const S_months[] = {
	"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December",
};

/* A list of words, with the bytes they start and end with and their
 * lengths: every space of a paragraph asks these lists, and most words
 * are ruled out by their first or last byte at once. */
#define MAX_LIST 80
struct wordlist {
	const char *const *words;
	size_t count;
	int ready;
	unsigned char first[32], last[32];   /* a bit per byte value */
	size_t len[MAX_LIST];
};

#define WORDLIST(a) {a, G_N_ELEMENTS(a), 0, {0}, {0}, {0}}
static struct wordlist S_abbrevs = WORDLIST(S_abbrev);
static struct wordlist S_unit_words = WORDLIST(S_units);
static struct wordlist S_month_names = WORDLIST(S_months);
G_STATIC_ASSERT(G_N_ELEMENTS(S_abbrev) <= MAX_LIST && G_N_ELEMENTS(S_units) <= MAX_LIST &&
                G_N_ELEMENTS(S_months) <= MAX_LIST);

static int S_has(const unsigned char *bits, char c)
{
	return bits[(unsigned char)c >> 3] >> ((unsigned char)c & 7) & 1;
}

static void S_set(unsigned char *bits, char c)
{
	bits[(unsigned char)c >> 3] |= (unsigned char)(1u << ((unsigned char)c & 7));
}

static int S_in(const char *w, size_t n, struct wordlist *l)
{
	if (!l->ready) {
		for (size_t i = 0; i < l->count; i++) {
			l->len[i] = strlen(l->words[i]);
			S_set(l->first, l->words[i][0]);
			S_set(l->last, l->words[i][l->len[i] - 1]);
		}
		l->ready = 1;
	}
	if (n == 0 || !S_has(l->first, w[0]) || !S_has(l->last, w[n - 1]))
		return 0;
	for (size_t i = 0; i < l->count; i++)
		if (l->len[i] == n && memcmp(l->words[i], w, n) == 0)
			return 1;
	return 0;
}

/* Length of W without trailing punctuation (",", ")", ";" ...). */
static size_t S_bare(const char *w, size_t n)
{
	while (n > 1 && strchr(",;:)]!?\"", w[n - 1]))
		n--;
	return n;
}

/* "J." or "U.S." or "U.N.": initials. */
static int S_initials(const char *w, size_t n)
{
	if (n < 2 || n % 2)
		return 0;
	for (size_t i = 0; i < n; i += 2)
		if (!g_ascii_isupper(w[i]) || w[i + 1] != '.')
			return 0;
	return 1;
}

static int S_number(const char *w, size_t n)
{
	while (n && strchr("([$£€", *w))
		w++, n--;
	return n > 0 && g_ascii_isdigit(w[0]) && g_ascii_isdigit(w[S_bare(w, n) - 1]);
}

static int S_dash(const char *w, size_t n)
{
	return (n >= 3 && (memcmp(w, "\xe2\x80\x94", 3) == 0 || memcmp(w, "\xe2\x80\x93", 3) == 0)) ||
	       (n == 1 && *w == '-');
}

/* "4," before a year: a day of a date ("April 4, 2016"). */
static int S_day(const char *w, size_t n)
{
	return (n == 2 || n == 3) && w[n - 1] == ',' && g_ascii_isdigit(w[0]) &&
	       (n == 2 || g_ascii_isdigit(w[1]));
}

static int S_year(const char *w, size_t n)
{
	if (n < 4)
		return 0;
	for (size_t i = 0; i < 4; i++)
		if (!g_ascii_isdigit(w[i]))
			return 0;
	return S_bare(w, n) == 4;
}

/* Should the space between words A and B be a no-break space? */
static int S_tie(const char *a, size_t an, const char *b, size_t bn)
{
	size_t ab = S_bare(a, an), bb = S_bare(b, bn);
	if (S_in(a, an, &S_abbrevs) || S_initials(a, an))
		return 1;
	if (S_number(a, an) && an == ab && S_in(b, bb, &S_unit_words))
		return 1;
	if (S_in(a, an, &S_month_names) && bn && g_ascii_isdigit(b[0]))
		return 1;
	if (S_day(a, an) && S_year(b, bn))
		return 1;
	/* a spaced dash never starts a line */
	return S_dash(b, bn) && ab == an;
}

void galley_ties(const char *text, galley_buf *out)
{
	const char *p = text;
	const char *prev = NULL;
	size_t prev_len = 0;
	/* room for every space made a (2-byte) no-break space */
	galley_buf_grow(out, 2 * strlen(text));
	char *o = out->data + out->len;
	while (*p) {
		if (*p == ' ' && prev) {
			const char *b = p + 1;
			size_t bn = strcspn(b, " \n\t");
			if (S_tie(prev, prev_len, b, bn)) {
				*o++ = '\xc2';
				*o++ = '\xa0';
				p++;
				continue;
			}
		}
		if (*p == ' ' || *p == '\n' || *p == '\t') {
			*o++ = *p++;
			continue;
		}
		size_t n = strcspn(p, " \n\t");
		memcpy(o, p, n);
		o += n;
		prev = p;
		prev_len = n;
		p += n;
	}
	out->len = (size_t)(o - out->data);
	out->data[out->len] = '\0';
}
