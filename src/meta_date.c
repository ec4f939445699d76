/* meta_date.c — reads the dates feeds and front matter write (RFC 822, RFC 3339) into ISO 8601. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "meta.h"
#include "util.h"

/* Read exactly N digits at *P into *OUT and advance. */
static int S_digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return 0;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 1;
}

static int S_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int S_valid(const struct galley_date *d)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (d->year < 1000 || d->year > 9999 || d->month < 1 || d->month > 12 || d->day < 1)
		return 0;
	int max = days[d->month - 1] + (d->month == 2 && S_leap(d->year));
	return d->day <= max && d->hour <= 23 && d->minute <= 59 && d->second <= 60 &&
	       d->offset > -24 * 60 && d->offset < 24 * 60;
}

static const char *S_skip_space(const char *p)
{
	while (*p && galley_is_space((unsigned char)*p))
		p++;
	return p;
}

/* "Z", "+hh:mm", "+hhmm", "+hh" or a zone name; returns 0 on junk. */
static int S_zone(const char *p, int *offset)
{
	static const struct { const char *name; int hours; } names[] = {
		{"UT", 0}, {"UTC", 0}, {"GMT", 0}, {"Z", 0},
		{"EST", -5}, {"EDT", -4}, {"CST", -6}, {"CDT", -5},
		{"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7},
	};
	p = S_skip_space(p);
	*offset = 0;
	if (*p == '\0')
		return 1;
	if (*p == '+' || *p == '-') {
		int sign = *p == '-' ? -1 : 1, h, m = 0;
		p++;
		if (!S_digits(&p, 2, &h))
			return 0;
		if (*p == ':')
			p++;
		if (isdigit((unsigned char)*p) && !S_digits(&p, 2, &m))
			return 0;
		*offset = sign * (h * 60 + m);
		return *S_skip_space(p) == '\0';
	}
	size_t n = strcspn(p, " \t\r\n");
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strlen(names[i].name) == n && strncasecmp(p, names[i].name, n) == 0) {
			*offset = names[i].hours * 60;
			return *S_skip_space(p + n) == '\0';
		}
	/* RFC 822 military zones are ambiguous in practice: read them as UTC */
	return n == 1 && isalpha((unsigned char)*p) && *S_skip_space(p + 1) == '\0';
}

/* "hh:mm[:ss[.frac]]" then a zone. */
static int S_time(const char *p, struct galley_date *d)
{
	if (!S_digits(&p, 2, &d->hour) || *p++ != ':' || !S_digits(&p, 2, &d->minute))
		return 0;
	if (*p == ':') {
		p++;
		if (!S_digits(&p, 2, &d->second))
			return 0;
		if (*p == '.' || *p == ',')
			for (p++; isdigit((unsigned char)*p); p++)
				;
	}
	d->has_time = 1;
	return S_zone(p, &d->offset);
}

static int S_iso(const char *p, struct galley_date *d)
{
	if (!S_digits(&p, 4, &d->year) || *p++ != '-' || !S_digits(&p, 2, &d->month) ||
	    *p++ != '-' || !S_digits(&p, 2, &d->day))
		return 0;
	if (*p == 'T' || *p == 't' || (*p == ' ' && isdigit((unsigned char)p[1])))
		return S_time(p + 1, d);
	return *S_skip_space(p) == '\0';
}

static int S_month(const char *p)
{
	static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
		"jul", "aug", "sep", "oct", "nov", "dec"};
	for (int i = 0; i < 12; i++)
		if (strncasecmp(p, months[i], 3) == 0)
			return i + 1;
	return 0;
}

/* A weekday name and its comma ("Thu, ", "Thursday, "), skipped. */
static const char *S_skip_weekday(const char *p)
{
	const char *q = p;
	while (isalpha((unsigned char)*q))
		q++;
	return q > p && *q == ',' && !S_month(p) ? S_skip_space(q + 1) : p;
}

/* A day of the month (1 or 2 digits) at *P. */
static int S_day(const char **p, struct galley_date *d)
{
	char *end;
	long day = strtol(*p, &end, 10);
	if (end == *p || end - *p > 2)
		return 0;
	d->day = (int)day;
	*p = end;
	return 1;
}

/* A month name ("Sep", "Sept.", "September") at *P. */
static int S_month_name(const char **p, struct galley_date *d)
{
	if (!(d->month = S_month(*p)))
		return 0;
	while (isalpha((unsigned char)**p) || **p == '.')
		(*p)++;
	return 1;
}

/* "[Wdy,] DD Mon YY[YY] hh:mm[:ss] zone", and the month-first
 * "September 30, 2021" of many front matters. */
static int S_rfc822(const char *p, struct galley_date *d)
{
	p = S_skip_weekday(S_skip_space(p));
	int month_first = isalpha((unsigned char)*p);
	if (!(month_first ? S_month_name(&p, d) : S_day(&p, d)))
		return 0;
	p = S_skip_space(p);
	if (!(month_first ? S_day(&p, d) : S_month_name(&p, d)))
		return 0;
	if (month_first && *p == ',')
		p++;
	p = S_skip_space(p);
	const char *y0 = p;
	while (isdigit((unsigned char)*p))
		p++;
	if (p - y0 == 2)
		d->year = (y0[0] - '0') * 10 + (y0[1] - '0') + ((y0[0] - '0') < 5 ? 2000 : 1900);
	else if (p - y0 == 4)
		d->year = (int)strtol(y0, NULL, 10);
	else
		return 0;
	p = S_skip_space(p);
	return *p == '\0' || S_time(p, d);
}

int galley_date_parse(const char *s, struct galley_date *d)
{
	memset(d, 0, sizeof *d);
	if (!s)
		return 0;
	s = S_skip_space(s);
	char copy[128];
	size_t n = strlen(s);
	if (n == 0 || n >= sizeof copy)
		return 0;
	memcpy(copy, s, n + 1);
	galley_trim(copy);
	int ok = isdigit((unsigned char)copy[0]) && copy[4] == '-' ? S_iso(copy, d)
	                                                            : S_rfc822(copy, d);
	return ok && S_valid(d);
}

char *galley_date_iso(const char *s)
{
	struct galley_date d;
	if (!galley_date_parse(s, &d))
		return NULL;
	return galley_xasprintf("%04d-%02d-%02d", d.year, d.month, d.day);
}

/* Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm), so
 * the result never depends on the process's time zone. */
static long long S_days(int y, int m, int d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long long galley_date_epoch(const struct galley_date *d)
{
	long long t = S_days(d->year, d->month, d->day) * 86400LL +
	              d->hour * 3600LL + d->minute * 60LL + d->second;
	return t - d->offset * 60LL;
}
