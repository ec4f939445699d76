/* text_byline.c — reads a "By X" / "Posted by X | date" line into the byline, the authors and the date. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

#define BYLINE_MAX 160
/* A byline above the prose is one of the page's first blocks; a bare
 * name one of the very first. */
#define BYLINE_ABOVE 12
#define BYLINE_BARE_ABOVE 6

/* "By" in the languages galley has function words for: the names follow. */
static const char *const S_bys[] = {"by ", "by:", "von ", "par ", "por ", "di ", "door ",
	"av ", "przez ", "autor: ", "auteur : ", "autore: "};

static size_t S_by(const char *s)
{
	for (size_t i = 0; i < sizeof S_bys / sizeof *S_bys; i++)
		if (strncasecmp(s, S_bys[i], strlen(S_bys[i])) == 0)
			return strlen(S_bys[i]);
	return 0;
}

/* Words a byline opens with. */
static int S_lead(const char *s)
{
	static const char *const leads[] = {"posted ", "written ", "story ", "words ",
		"reported ", "report ", "text ", "published ", "author:", "authors:", "byline:",
		"article ", "commentary ", "opinion ", "analysis ", "contributed ", "guest post "};
	if (S_by(s))
		return 1;
	for (size_t i = 0; i < sizeof leads / sizeof *leads; i++)
		if (strncasecmp(s, leads[i], strlen(leads[i])) == 0)
			return 1;
	return 0;
}

/* Where the names start: after "by" (the first word or " by "), or
 * after the colon of "Author:". NULL when the line names nobody. */
static const char *S_names_start(const char *s)
{
	if (S_by(s))
		return s + S_by(s);
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
		" updated", " for ", " am ", " publiziert", " aktualisiert", " le ", " publi\xC3\xA9",
		" publicado", " pubblicato", " gepubliceerd"};
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

/* The byline as shown: LINE without separators left dangling where a
 * scraper dropped what stood between them ("NICOLAS PERRIAULT — ·
 * SEPTEMBER 29, 2013" has one separator, not two). */
static void S_set_byline(galley_node *article, const char *line)
{
	static const char *const seps[] = {"\xE2\x80\x94", "\xE2\x80\x93", "\xC2\xB7",
		"\xE2\x80\xA2", "|", "-", "/"};
	galley_buf b = GALLEY_BUF_INIT;
	int last_sep = 1;        /* none at the start */
	for (const char *p = line; *p;) {
		size_t n = 0;
		for (size_t i = 0; !n && i < sizeof seps / sizeof *seps; i++) {
			size_t k = strlen(seps[i]);
			int alone = (p == line || p[-1] == ' ') && (p[k] == ' ' || p[k] == '\0');
			if (strncmp(p, seps[i], k) == 0 && alone)
				n = k;
		}
		if (n) {
			if (!last_sep)
				galley_buf_put(&b, p, n);
			last_sep = 1;
			p += n;
			continue;
		}
		if (*p != ' ')
			last_sep = 0;
		if (*p != ' ' || (b.len > 0 && b.data[b.len - 1] != ' '))
			galley_buf_putc(&b, *p);
		p++;
	}
	galley_buf_grow(&b, 0);
	char *clean = galley_trim(b.data);
	size_t len = strlen(clean);
	/* a separator left at the end */
	while (len > 0 && strchr("|-/", clean[len - 1]))
		clean[--len] = '\0';
	galley_trim(clean);
	galley_article_set(article, GALLEY_META_BYLINE, *clean ? clean : line);
	galley_buf_free(&b);
}

/* "Ian Fortey Ian Fortey": a name written twice is one name (NAME is cut
 * to its first half in place). */
static void S_undouble(char *name)
{
	size_t len = strlen(name);
	if (len < 3 || len % 2 == 0 || name[len / 2] != ' ')
		return;
	if (strncmp(name, name + len / 2 + 1, len / 2) == 0)
		name[len / 2] = '\0';
}

/* The byline with a name written twice ("By Ian Fortey Ian Fortey")
 * written once. */
static void S_undouble_byline(galley_node *article)
{
	const char *byline = galley_article_get(article, GALLEY_META_BYLINE);
	for (size_t i = 0; byline && i < galley_article_author_count(article); i++) {
		const char *name = galley_article_get_author(article, i);
		char *twice = galley_xasprintf("%s %s", name, name);
		char *at = strstr(byline, twice);
		if (at) {
			char *fixed = galley_xasprintf("%.*s%s%s", (int)(at - byline), byline, name,
			                               at + strlen(twice));
			galley_article_set(article, GALLEY_META_BYLINE, fixed);
			free(fixed);
		}
		free(twice);
		byline = galley_article_get(article, GALLEY_META_BYLINE);
	}
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
		S_undouble(name);
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
		S_set_byline(article, line);
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
	galley_trim(list);
	/* "By Staff Reports": a desk, not a person, still signs the piece */
	int good = S_add_names(article, list) || (S_role(list) && strlen(list) <= 40);
	free(list);
	if (!good)
		return 0;
	S_set_byline(article, line);
	S_undouble_byline(article);
	if (!dated)
		dated = galley_text_find_date(line, iso, NULL, NULL);
	if (dated && !galley_article_get(article, GALLEY_META_DATE))
		galley_article_set(article, GALLEY_META_DATE, iso);
	return 1;
}

/* Words of organisations and places, never of a person's name ("MA
 * WebMD Health News", "Associated Press", "New York City"). */
static int S_organisation(const char *name)
{
	static const char *const words[] = {"news", "media", "health", "press", "times", "post",
		"daily", "tribune", "herald", "gazette", "journal", "magazine", "inc", "ltd", "llc",
		"group", "agency", "network", "online", "tv", "radio", "channel", "university",
		"college", "institute", "department", "ministry", "council", "company", "corporation",
		"association", "foundation", "society", "city", "county", "state", "republic",
		"kingdom", "united", "national", "international", "global", "world", "blog", "club",
		"centre", "center", "office", "service", "services", "reports", "wire", "digital"};
	for (const char *p = name; *p;) {
		size_t n = strcspn(p, " ");
		for (size_t i = 0; i < sizeof words / sizeof *words; i++)
			if (strlen(words[i]) == n && strncasecmp(p, words[i], n) == 0)
				return 1;
		p += n;
		p += strspn(p, " ");
	}
	return 0;
}

/* NAME as a name line would show it: "NATALIYA VASILYEVA" is checked as
 * "Nataliya Vasilyeva" (malloc'd). */
static char *S_name_case(const char *line)
{
	gchar *low = g_utf8_strdown(line, -1);
	galley_buf b = GALLEY_BUF_INIT;
	int start = 1;
	for (const char *p = low; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (start && g_unichar_isalpha(c))
			c = g_unichar_toupper(c);
		start = c == ' ' || c == '-';
		char u[6];
		galley_buf_put(&b, u, (size_t)g_unichar_to_utf8(c, u));
	}
	g_free(low);
	galley_buf_grow(&b, 0);
	return b.data;
}

/* A bare name line ("Joseph Cox", "NATALIYA VASILYEVA") or a desk
 * ("Staff reporter") above the prose: the writer's byline. */
static int S_bare_byline(galley_node *article, const char *line)
{
	if (strlen(line) > 60)
		return 0;
	if (S_role(line) && strchr(line, ' ') && !strpbrk(line, ".,:;!?0123456789")) {
		galley_article_set(article, GALLEY_META_BYLINE, line);
		return 1;
	}
	int caps = 1;
	for (const char *p = line; *p && caps; p++)
		caps = !(*p >= 'a' && *p <= 'z');
	char *name = caps ? S_name_case(line) : galley_xstrdup(line);
	/* a person's name has no function word ("Other DIY Crafts") and is no
	 * button ("Read Later", "Buy Now") */
	int ok = galley_text_is_name(name) && !S_organisation(name) && !S_role(name) &&
	         galley_text_stop_share("en", name, NULL) == 0 &&
	         !galley_text_call_to_action(name, strlen(name));
	if (ok) {
		galley_article_add_author(article, line);
		galley_article_set(article, GALLEY_META_BYLINE, line);
	}
	free(name);
	return ok;
}

void galley_text_byline_above(struct text_doc *d, size_t prose)
{
	if (galley_article_get(d->article, GALLEY_META_BYLINE))
		return;
	/* a "By" line first, then a bare name nearer the top */
	for (int bare = 0; bare <= 1; bare++)
		for (size_t i = 0; i < prose && i < (bare ? BYLINE_BARE_ABOVE : BYLINE_ABOVE); i++) {
			struct text_block *b = &d->blocks[i];
			if (b->kind == TK_SEP || b->width > BYLINE_MAX)
				continue;
			if (bare ? S_bare_byline(d->article, b->text)
			         : galley_text_byline(d->article, b->text)) {
				b->kind = TK_DROP;
				b->flags &= ~TB_JUNK;
				return;
			}
		}
}
