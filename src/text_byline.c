/* text_byline.c — reads a "By X" / "Posted by X | date" line into the byline, the authors and the date. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

#define BYLINE_MAX 160

/* Words a byline opens with. */
static int S_lead(const char *s)
{
	static const char *const leads[] = {"by ", "by:", "posted ", "written ", "story ", "words ",
		"reported ", "report ", "text ", "published ", "author:", "authors:", "byline:",
		"article ", "commentary ", "opinion ", "analysis ", "contributed ", "guest post "};
	for (size_t i = 0; i < sizeof leads / sizeof *leads; i++)
		if (strncasecmp(s, leads[i], strlen(leads[i])) == 0)
			return 1;
	return 0;
}

/* Where the names start: after "by" (the first word or " by "), or
 * after the colon of "Author:". NULL when the line names nobody. */
static const char *S_names_start(const char *s)
{
	if (strncasecmp(s, "by ", 3) == 0 || strncasecmp(s, "by:", 3) == 0)
		return s + 3;
	for (const char *p = s; *p; p++)
		if (strncasecmp(p, " by ", 4) == 0 || strncasecmp(p, " by: ", 5) == 0)
			return p + (p[3] == ':' ? 5 : 4);
	const char *colon = strchr(s, ':');
	if (strncasecmp(s, "author", 6) == 0 || strncasecmp(s, "byline", 6) == 0)
		return colon ? colon + 1 : NULL;
	return NULL;
}

/* Length of the names part of S: it stops at a separator, a date, a
 * digit or words that start the rest of a byline ("on", "at"). */
static size_t S_names_len(const char *s, size_t date_at)
{
	static const char *const stops[] = {"|", ":", ";", " - ", "\xE2\x80\x93", "\xE2\x80\x94",
		" on ", " at ", " in ", "(", "\xC2\xB7", "\xE2\x80\xA2", " posted", " published",
		" updated", " for "};
	size_t n = strlen(s);
	if (date_at < n)
		n = date_at;
	for (size_t i = 0; i < sizeof stops / sizeof *stops; i++) {
		size_t k = strlen(stops[i]);
		for (size_t j = 0; j + k <= n; j++)
			if (strncasecmp(s + j, stops[i], k) == 0) {
				n = j;
				break;
			}
	}
	for (size_t i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return i;
	return n;
}

/* Job titles that follow a name ("John Smith, Staff Writer"): the part
 * opens with a job word ("John Q. Writer" is a name). */
static int S_role(const char *s)
{
	static const char *const roles[] = {"staff", "writer", "reporter", "editor",
		"correspondent", "contributor", "columnist", "team", "desk", "news", "senior",
		"contributing", "guest", "special", "chief", "associate", "managing", "executive",
		"deputy", "political", "editorial", "bio", "archives"};
	size_t n = strcspn(s, " ");
	for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
		if (strlen(roles[i]) == n && strncasecmp(s, roles[i], n) == 0)
			return 1;
	return 0;
}

/* One author: a name (or one capitalised word, such as an agency). */
static int S_author(const char *s)
{
	if (!*s || S_role(s))
		return 0;
	/* scripts without case (CJK names are one word) */
	if ((unsigned char)s[0] >= 0xE2 && galley_utf8_decode(s, NULL) >= 0x2E80)
		return strchr(s, ' ') == NULL;
	if (!galley_text_is_upper_at(s, NULL))
		return 0;
	return galley_text_is_name(s) || strchr(s, ' ') == NULL;
}

/* Add the names of LIST (", ", " and ", " & " between them); returns how
 * many were good names. */
static int S_add_names(galley_node *article, char *list)
{
	int good = 0;
	for (char *p = list; *p;) {
		size_t n = strcspn(p, ",&");
		char *and = strstr(p, " and ");
		if (and && (size_t)(and - p) < n)
			n = (size_t)(and - p);
		char save = p[n];
		p[n] = '\0';
		char *name = galley_trim(galley_xstrdup(p));
		size_t len = strlen(name);
		while (len > 0 && name[len - 1] == '.' && !(len >= 2 && name[len - 2] >= 'A' &&
		                                            name[len - 2] <= 'Z'))
			name[--len] = '\0';
		/* "By Jane Roe, CNN": a one-word part counts only as the first */
		if (S_author(name) && (good == 0 || strchr(name, ' '))) {
			galley_article_add_author(article, name);
			good++;
		}
		free(name);
		p[n] = save;
		p += n;
		p += *p == ' ' ? 5 : (*p ? 1 : 0);
	}
	return good;
}

/* A stop after a lower-case word inside the line ("... left. Then"),
 * not after an initial ("Nelson D. Schwartz"). */
static int S_two_sentences(const char *s)
{
	for (const char *p = strstr(s, ". "); p; p = strstr(p + 1, ". "))
		if (p - s >= 2 && galley_text_is_lower_at(p - 1) && galley_text_is_lower_at(p - 2))
			return 1;
	return 0;
}

/* "Jane Roe | March 3, 2017": a name, a separator, then a date. */
static int S_name_and_date(galley_node *article, const char *line)
{
	char iso[11];
	size_t at, end;
	if (!galley_text_find_date(line, iso, &at, &end))
		return 0;
	size_t n = S_names_len(line, at);
	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == ','))
		n--;
	/* nothing but separators between the name and the date, little after */
	for (size_t i = n; i < at; i++)
		if ((line[i] >= 'a' && line[i] <= 'z') || (line[i] >= 'A' && line[i] <= 'Z'))
			return 0;
	if (strlen(line + end) > 40 || galley_text_ends_sentence(line, strlen(line)))
		return 0;
	char *name = galley_xstrndup(line, n);
	int ok = n < at && galley_text_is_name(name) && !S_role(name);
	if (ok) {
		galley_article_add_author(article, name);
		galley_article_set(article, GALLEY_META_BYLINE, line);
		if (!galley_article_get(article, GALLEY_META_DATE))
			galley_article_set(article, GALLEY_META_DATE, iso);
	}
	free(name);
	return ok;
}

int galley_text_byline(galley_node *article, const char *line)
{
	size_t len = strlen(line);
	if (len == 0 || len > BYLINE_MAX)
		return 0;
	if (!S_lead(line))
		return S_name_and_date(article, line);
	const char *names = S_names_start(line);
	if (!names)
		return 0;
	while (*names == ' ')
		names++;
	char iso[11];
	size_t date_at = 0, date_end;
	int dated = galley_text_find_date(names, iso, &date_at, &date_end);
	/* "By the time ..." / "By Sunday, most had left.": a sentence */
	if (!dated && (galley_text_ends_sentence(line, len) || S_two_sentences(line)))
		return 0;
	char *list = galley_xstrndup(names, S_names_len(names, dated ? date_at : (size_t)-1));
	int good = S_add_names(article, list);
	free(list);
	if (!good)
		return 0;
	galley_article_set(article, GALLEY_META_BYLINE, line);
	if (!dated)
		dated = galley_text_find_date(line, iso, NULL, NULL);
	if (dated && !galley_article_get(article, GALLEY_META_DATE))
		galley_article_set(article, GALLEY_META_DATE, iso);
	return 1;
}
