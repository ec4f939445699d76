/* meta.h — metadata helpers the Markdown and feed readers share: dates and author lists. */
#ifndef GALLEY_META_H
#define GALLEY_META_H

#include "galley.h"

/* A calendar date, with a time of day and UTC offset when known. */
struct galley_date {
	int year, month, day;
	int hour, minute, second;
	int has_time;
	int offset;      /* minutes east of UTC */
};

/* Parse an RFC 3339 / ISO 8601 date ("2021-09-30", "2021-09-30T12:00:00Z",
 * "2021-09-30 12:00+02:00") or an RFC 822 / RFC 1123 date as RSS writes it
 * ("Thu, 30 Sep 2021 12:00:00 GMT", two-digit years and US zones too).
 * Returns 1 and fills D, or 0 when S is not a valid date. */
int galley_date_parse(const char *s, struct galley_date *d);

/* The date part of S as "YYYY-MM-DD" (malloc'd), the day as written in the
 * source's own time zone; NULL when S is not a date. */
char *galley_date_iso(const char *s);

/* Seconds since 1970-01-01T00:00:00Z (a date without time is its midnight UTC). */
long long galley_date_epoch(const struct galley_date *d);

/* Add each name of LIST to ARTICLE's authors: LIST may hold one name or
 * several separated by commas, semicolons, " and " or " & "; a leading
 * "By " is dropped. Returns how many names were added. */
int galley_authors_add_list(galley_node *article, const char *list);

/* RAW as a name, in place: a leading "By " dropped, cut where a date or an
 * @handle starts, separators (dashes, middle dots, bars, commas) trimmed
 * from both ends: "NICOLAS PERRIAULT — · SEPTEMBER 29, 2013" gives
 * "NICOLAS PERRIAULT".  Returns RAW. */
char *galley_author_clean(char *raw);

/* 1 if the cleaned NAME may be a person: not an organisation or a
 * publication (a word such as News, Press, Staff, Inc: "MA WebMD Health
 * News"), not PUBLISHER (may be NULL), not a degree alone ("MA"), not one
 * word in capitals (a dateline's place, "WASHINGTON"). */
int galley_author_is_person(const char *name, const char *publisher);

/* Clean RAW and add it to ARTICLE's authors when it may be a person and is
 * not there already in any case; pieces set apart by " | ", " — ", " · "
 * or " / " are names of their own ("Amy Doe | Advance Media" gives "Amy
 * Doe").  Returns how many names were added. */
int galley_author_add(galley_node *article, const char *raw);

/* Add the names of BYLINE ("Ann One, Bob Two and Cy Three", "Jo Roe,
 * Associated Press", "Brenda Goodman, MA WebMD Health News"): parts that
 * are organisations, degrees or places are left out.  When a part is not
 * two to five words of letters ("Doe, Jane"), nothing is split: BYLINE is
 * added whole if WHOLE, else nothing is.  Returns how many were added. */
int galley_authors_add_byline(galley_node *article, const char *byline, int whole);

/* ARTICLE's authors as "A", "A and B", "A, B and C" (malloc'd; "" when
 * it has none). */
char *galley_authors_join(const galley_node *article);

/* Set ARTICLE's byline from its authors (galley_authors_join) unless it
 * has one already or has no authors. */
void galley_byline_from_authors(galley_node *article);

#endif
