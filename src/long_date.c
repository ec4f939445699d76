/* long_date.c — a date as an article's language writes it in full: "7
 * December 2026" (en-GB), "December 7, 2026" (en), "7. Dezember 2026" (de),
 * "2026年12月7日" (ja), for the title block of the PDF and the EPUB and
 * the digest's title.
 *
 * The month names and the long-date pattern come from ICU's CLDR data
 * (libicuuc, which galley loads anyway).  ICU's date formatter lives in
 * libicui18n, which galley does not load (every run would pay for it at
 * start-up), so the few pattern letters a long date uses (d, M, L, y and
 * quoted text) are written out here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ures.h>
#include <unicode/ustring.h>

#include "galley.h"
#include "util.h"

/* The resource calendar/gregorian/PATH... of LOCALE, trying the locale,
 * then its language, then ICU's root; NULL when none has it. */
static UResourceBundle *S_calendar(const char *locale, const char *const *path)
{
	char lang[16];
	size_t n = strcspn(locale, "_");
	snprintf(lang, sizeof lang, "%.*s", (int)(n < sizeof lang ? n : sizeof lang - 1), locale);
	const char *tries[] = {locale, lang, "root"};
	for (size_t t = 0; t < 3; t++) {
		UErrorCode st = U_ZERO_ERROR;
		UResourceBundle *r = ures_open(NULL, tries[t], &st);
		r = ures_getByKey(r, "calendar", r, &st);
		r = ures_getByKey(r, "gregorian", r, &st);
		for (size_t i = 0; path[i]; i++)
			r = ures_getByKey(r, path[i], r, &st);
		if (U_SUCCESS(st))
			return r;
		ures_close(r);
	}
	return NULL;
}

/* Append the string INDEX of calendar/gregorian/PATH to OUT. */
static void S_put_entry(galley_buf *out, const char *locale, const char *const *path, int index)
{
	UResourceBundle *r = S_calendar(locale, path);
	UErrorCode st = U_ZERO_ERROR;
	int32_t len = 0;
	const UChar *u = r ? ures_getStringByIndex(r, index, &len, &st) : NULL;
	char buf[256];
	if (u && U_SUCCESS(st)) {
		u_strToUTF8(buf, sizeof buf, NULL, u, len, &st);
		if (U_SUCCESS(st))
			galley_buf_puts(out, buf);
	}
	ures_close(r);
}

/* Write the date Y-M-D in LOCALE's long form ("7 December 2026"). */
void galley_long_date_ymd(galley_buf *out, const char *locale, int y, int m, int d)
{
	static const char *const pattern_path[] = {"DateTimePatterns", NULL};
	galley_buf pat = GALLEY_BUF_INIT;
	S_put_entry(&pat, locale, pattern_path, 5); /* full, long, medium, short time; full, long */
	const char *p = pat.len ? pat.data : "d MMMM y";
	char num[16];
	while (*p) {
		if (*p == '\'') { /* quoted text, where '' stands for a quote */
			for (p++; *p; p++) {
				if (*p == '\'' && p[1] == '\'')
					p++;
				else if (*p == '\'')
					break;
				galley_buf_putc(out, *p);
			}
			p += *p == '\'';
			continue;
		}
		char c = *p;
		size_t run = 1;
		while (p[run] == c && (c >= 'A' && c <= 'z'))
			run++;
		if (c == 'd' || c == 'y' || ((c == 'M' || c == 'L') && run <= 2)) {
			int v = c == 'd' ? d : c == 'y' ? (run == 2 ? y % 100 : y) : m;
			snprintf(num, sizeof num, run == 2 ? "%02d" : "%d", v);
			galley_buf_puts(out, num);
		} else if (c == 'M' || c == 'L') {
			const char *path[] = {"monthNames", c == 'M' ? "format" : "stand-alone",
				run == 3 ? "abbreviated" : "wide", NULL};
			S_put_entry(out, locale, path, m - 1);
		} else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
			galley_buf_putc(out, c);
		} /* other fields (a weekday, an era) are rare in a long date: left out */
		p += run;
	}
	galley_buf_free(&pat);
}

/* LANG (BCP 47, "en-US") as an ICU locale ("en_US"); "en" when empty. */
static void S_locale(const char *lang, char *out, size_t size)
{
	snprintf(out, size, "%s", lang && *lang ? lang : "en");
	for (char *p = out; *p; p++)
		if (*p == '-')
			*p = '_';
}

char *galley_long_date(const char *iso, const char *lang)
{
	int y, m, d;
	if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 ||
	    d > 31)
		return NULL;
	char locale[32];
	S_locale(lang, locale, sizeof locale);
	galley_buf b = GALLEY_BUF_INIT;
	galley_long_date_ymd(&b, locale, y, m, d);
	return galley_buf_detach(&b);
}
