/* text_date.c — finds a written date ("April 4, 2016", "22 Sep 2017", "2016-04-04", "4/22/2016") in a line of text. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "text.h"

static int S_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int S_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Read 1..MAX digits at *P; returns the count (0 if none) and the value. */
static int S_number(const char **p, int max, int *value)
{
	int n = 0, v = 0;
	while (n < max && S_digit((*p)[n])) {
		v = v * 10 + ((*p)[n] - '0');
		n++;
	}
	if (n == 0 || S_digit((*p)[n]))
		return 0;
	*p += n;
	*value = v;
	return n;
}

/* A month name or its abbreviation at *P ("Sep", "Sept.", "September"). */
static int S_month(const char **p)
{
	static const char *const names[] = {"january", "february", "march", "april", "may",
		"june", "july", "august", "september", "october", "november", "december"};
	size_t n = 0;
	while (S_alpha((*p)[n]))
		n++;
	if (n < 3)
		return 0;
	for (int m = 0; m < 12; m++) {
		size_t full = strlen(names[m]);
		int ok = (n == full || n == 3 || (m == 8 && n == 4)) && n <= full &&
		         strncasecmp(*p, names[m], n) == 0;
		if (ok) {
			*p += n;
			if (**p == '.')
				(*p)++;
			return m + 1;
		}
	}
	return 0;
}

static void S_spaces(const char **p)
{
	while (**p == ' ' || **p == ',')
		(*p)++;
}

/* "st", "nd", "rd", "th" after a day number, and " of" after that. */
static void S_ordinal(const char **p)
{
	static const char *const sfx[] = {"st", "nd", "rd", "th"};
	for (size_t i = 0; i < 4; i++)
		if (strncasecmp(*p, sfx[i], 2) == 0 && !S_alpha((*p)[2])) {
			*p += 2;
			break;
		}
	if (strncasecmp(*p, " of ", 4) == 0)
		*p += 3;
}

static int S_valid(int y, int m, int d)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

/* Numeric forms at P: 2016-04-04, 2016/04/04, 4/22/2016 (US order when
 * ambiguous with '/'), 22.4.2016 and 22-04-2016 (day first). */
static int S_numeric(const char **p, int *y, int *m, int *d)
{
	const char *q = *p;
	int a, b, c;
	int na = S_number(&q, 4, &a);
	char sep = *q;
	if (!na || (sep != '-' && sep != '/' && sep != '.'))
		return 0;
	q++;
	if (!S_number(&q, 2, &b) || *q != sep)
		return 0;
	q++;
	int nc = S_number(&q, 4, &c);
	if (na == 4 && nc >= 1 && nc <= 2) {
		*y = a; *m = b; *d = c;
	} else if (na <= 2 && nc == 4) {
		int day_first = a > 12 || (sep != '/' && b <= 12);
		*y = c;
		*m = day_first ? b : a;
		*d = day_first ? a : b;
	} else {
		return 0;
	}
	*p = q;
	return 1;
}

/* Word forms at P: "April 4, 2016", "Sept. 4th 2016", "4 April 2016",
 * "21 April, 2017", "4th of April 2016". */
static int S_words(const char **p, int *y, int *m, int *d)
{
	const char *q = *p;
	if (S_alpha(*q)) {
		if (!(*m = S_month(&q)))
			return 0;
		S_spaces(&q);
		if (!S_number(&q, 2, d))
			return 0;
		S_ordinal(&q);
	} else {
		if (!S_number(&q, 2, d))
			return 0;
		S_ordinal(&q);
		S_spaces(&q);
		if (!(*m = S_month(&q)))
			return 0;
	}
	S_spaces(&q);
	if (S_number(&q, 4, y) != 4)
		return 0;
	*p = q;
	return 1;
}

int galley_text_find_date(const char *s, char iso[11], size_t *start, size_t *end)
{
	for (size_t i = 0; s[i]; i++) {
		int boundary = i == 0 || !(S_alpha(s[i - 1]) || S_digit(s[i - 1]));
		if (!boundary || !(S_alpha(s[i]) || S_digit(s[i])))
			continue;
		const char *p = s + i;
		int y = 0, m = 0, d = 0;
		if ((S_numeric(&p, &y, &m, &d) || S_words(&p, &y, &m, &d)) && S_valid(y, m, d) &&
		    (!S_alpha(*p) || (*p == 'T' && S_digit(p[1]))) && !S_digit(*p)) {
			char tmp[40];
			snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
			memcpy(iso, tmp, 11);   /* S_valid bounds every field */
			if (start)
				*start = i;
			if (end)
				*end = (size_t)(p - s);
			return 1;
		}
	}
	return 0;
}

/* Words that may stand around a date on a dateline. */
static int S_date_word(const char *w, size_t n)
{
	static const char *const ok[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
		"sat", "sun", "updated", "published", "posted", "last", "modified", "on", "at",
		"am", "pm", "a", "m", "p", "et", "est", "edt", "ct", "cst", "cdt", "pt", "pst", "pdt",
		"utc", "gmt", "bst", "cet", "cest", "date", "by", "january", "february", "march",
		"april", "may", "june", "july", "august", "september", "october", "november",
		"december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
		"nov", "dec"};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
		if (strlen(ok[i]) == n && strncasecmp(w, ok[i], n) == 0)
			return 1;
	return 0;
}

/* 1 if S[A..B) holds only dateline words, a time and punctuation. */
static int S_only_dateline(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b;) {
		if (S_alpha(s[i])) {
			size_t k = i;
			while (k < b && S_alpha(s[k]))
				k++;
			if (!S_date_word(s + i, k - i))
				return 0;
			i = k;
		} else if (S_digit(s[i]) || strchr(" ,.:;|-/()", s[i])) {
			i++;
		} else if ((unsigned char)s[i] == 0xE2) {
			i += 3;   /* dashes and bullets, U+2000..U+2BFF */
		} else {
			return 0;
		}
	}
	return 1;
}

int galley_text_is_date_line(const char *s, char iso[11])
{
	size_t a, b, len = strlen(s);
	if (len > 80 || !galley_text_find_date(s, iso, &a, &b))
		return 0;
	return S_only_dateline(s, 0, a) && S_only_dateline(s, b, len);
}
