/* meta_authors.c — author lists: splitting "A, B and C" into names, cleaning a name of separators and dates, telling a person from an organisation, and joining names into a byline. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "meta.h"
#include "util.h"

/* Length of the separator at P (", ", "; ", " and ", " & "), or 0. */
static size_t S_separator(const char *p)
{
	static const char *const seps[] = {" and ", " & ", ",", ";"};
	for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
		size_t n = strlen(seps[i]);
		if (strncasecmp(p, seps[i], n) == 0)
			return n;
	}
	return 0;
}

static int S_add(galley_node *article, const char *start, size_t n)
{
	char *name = galley_xstrndup(start, n);
	galley_collapse_space(galley_trim(name));
	/* "…, and C": the comma already split, the "and " is left over */
	char *p = strncasecmp(name, "and ", 4) == 0 ? name + 4 : name;
	int added = *p && galley_author_add(article, p);
	free(name);
	return added;
}

int galley_authors_add_list(galley_node *article, const char *list)
{
	if (!list)
		return 0;
	while (galley_is_space((unsigned char)*list))
		list++;
	if (strncasecmp(list, "by ", 3) == 0)
		list += 3;
	int added = 0;
	const char *start = list;
	for (const char *p = list; ; p++) {
		size_t sep = *p ? S_separator(p) : 0;
		if (*p && !sep)
			continue;
		added += S_add(article, start, (size_t)(p - start));
		if (!*p)
			break;
		p += sep - 1;
		start = p + 1;
	}
	return added;
}

char *galley_authors_join(const galley_node *article)
{
	galley_buf b = GALLEY_BUF_INIT;
	size_t n = galley_article_author_count(article);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			galley_buf_puts(&b, i + 1 == n ? " and " : ", ");
		galley_buf_puts(&b, galley_article_get_author(article, i));
	}
	return galley_buf_detach(&b);
}

void galley_byline_from_authors(galley_node *article)
{
	if (galley_article_author_count(article) == 0 ||
	    galley_article_get(article, GALLEY_META_BYLINE))
		return;
	char *names = galley_authors_join(article);
	galley_article_set(article, GALLEY_META_BYLINE, names);
	free(names);
}

/* ------------------------------------------------------- names of people */

/* Words that make a byline part an organisation or a publication rather
 * than a person ("WebMD Health News", "Associated Press", "Staff"). */
static const char *const S_org_words[] = {"news", "press", "media", "staff", "agency",
	"agencies", "associated", "wire", "wires", "newsroom", "desk", "team", "editors",
	"editorial", "magazine", "journal", "newspaper", "times", "daily", "weekly",
	"network", "radio", "tv", "television", "channel", "online", "inc", "ltd", "llc",
	"corp", "corporation", "company", "group", "foundation", "institute", "university",
	"association", "society", "council", "department", "ministry", "bureau",
	"government", "office", "contributors", "contributor", "correspondents",
	"admin", "administrator", "webmaster", "guest", "reports", "writer", "writers",
	"reporter", "reporters", "correspondent", "editor", "columnist", "producer",
	"photographer", NULL};

/* Degrees and suffixes written after a name ("Jane Doe, MA"). */
static const char *const S_degrees[] = {"ma", "ms", "msc", "mba", "md", "phd", "ph.d",
	"ph.d.", "rn", "do", "dds", "jd", "esq", "jr", "jr.", "sr", "sr.", "ii", "iii",
	"ba", "bsc", "mph", "mfa", NULL};

static const char *const S_month_names[] = {"january", "february", "march", "april",
	"may", "june", "july", "august", "september", "october", "november", "december",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
	"dec", NULL};

/* Separators left around names: ASCII ones, the middle dot, the bullet and
 * the dashes. Returns the byte length of the one at P, or 0. */
static size_t S_sep_len(const char *p)
{
	static const char *const seps[] = {"\xC2\xB7", "\xE2\x80\xA2", "\xE2\x80\x93",
		"\xE2\x80\x94", "\xE2\x80\x95", "\xC2\xA0"};
	if (*p && strchr(" \t\n,;:|/-", *p))
		return 1;
	for (size_t i = 0; i < sizeof seps / sizeof *seps; i++)
		if (strncmp(p, seps[i], strlen(seps[i])) == 0)
			return strlen(seps[i]);
	return 0;
}

/* Length of the word (letters, digits, '.', '\'', UTF-8) at P. */
static size_t S_word_len(const char *p)
{
	size_t n = 0;
	while (p[n] && !S_sep_len(p + n) && p[n] != '(' && p[n] != ')' && p[n] != '&')
		n++;
	return n;
}

static int S_word_in(const char *w, size_t n, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && strncasecmp(w, list[i], n) == 0)
			return 1;
	return 0;
}

/* Where a date or a handle starts in a byline ("Jane Doe — · September 29,
 * 2013", "Jane Doe 3 hours ago", "Jane Doe @jdoe"). */
static char *S_name_end(char *s)
{
	for (char *p = s; *p; p++) {
		if (p > s && !S_sep_len(p - 1) && p[-1] != '(')
			continue; /* only at the start of a word */
		size_t n = S_word_len(p);
		if (p > s && (*p == '@' || (*p >= '0' && *p <= '9')))
			return p;
		static const char *const stamps[] = {"published", "updated", "posted", NULL};
		if (n && S_word_in(p, n, stamps)) {
			/* "Last updated: …" holds no name at all */
			if (p - s == 5 && strncasecmp(s, "last ", 5) == 0)
				return s;
			if (p > s)
				return p;
		}
		if (p > s && n && S_word_in(p, n, S_month_names)) {
			const char *q = p + n;
			while (*q == '.' || *q == ' ' || *q == ',')
				q++;
			if (*q >= '0' && *q <= '9')
				return p;
		}
	}
	return s + strlen(s);
}

char *galley_author_clean(char *s)
{
	galley_collapse_space(galley_trim(s));
	static const char *const leads[] = {"by ", "by: ", "written by ", "posted by ", NULL};
	for (int i = 0; leads[i]; i++)
		if (strncasecmp(s, leads[i], strlen(leads[i])) == 0) {
			memmove(s, s + strlen(leads[i]), strlen(s + strlen(leads[i])) + 1);
			break;
		}
	*S_name_end(s) = '\0';
	size_t n = strlen(s);
	for (;;) { /* trailing separators: step back over whole characters */
		size_t k = 0;
		for (size_t b = 1; b <= 3 && b <= n && !k; b++)
			if (S_sep_len(s + n - b) == b)
				k = b;
		if (!k)
			break;
		s[n -= k] = '\0';
	}
	size_t lead = 0;
	for (size_t k; (k = S_sep_len(s + lead)) != 0;)
		lead += k;
	memmove(s, s + lead, strlen(s + lead) + 1);
	return s;
}

int galley_author_is_person(const char *name, const char *publisher)
{
	if (!name || !*name || (publisher && strcasecmp(name, publisher) == 0))
		return 0;
	size_t words = 0, degrees = 0, upper_letters = 0, letters = 0;
	for (const char *p = name; *p;) {
		size_t k = S_sep_len(p);
		if (k) {
			p += k;
			continue;
		}
		size_t n = S_word_len(p);
		for (size_t i = 0; i < n; i++)
			if (p[i] >= '0' && p[i] <= '9')
				return 0; /* a date, a count */
		if (!n) { /* '(' ')' '&' */
			p++;
			continue;
		}
		if (S_word_in(p, n, S_org_words))
			return 0;
		degrees += S_word_in(p, n, S_degrees);
		for (size_t i = 0; i < n; i++) {
			letters += (p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z');
			upper_letters += p[i] >= 'A' && p[i] <= 'Z';
		}
		words++;
		p += n;
	}
	if (words == 0 || degrees == words)
		return 0;
	/* one word in capitals after a name is a dateline's place ("WASHINGTON") */
	return !(words == 1 && letters > 2 && upper_letters == letters);
}

/* Add the cleaned NAME unless it is not a person or is there already in
 * another case. */
static int S_add_person(galley_node *article, char *name)
{
	galley_author_clean(name);
	if (!galley_author_is_person(name, galley_article_get(article, GALLEY_META_PUBLISHER)))
		return 0;
	for (size_t i = 0; i < galley_article_author_count(article); i++)
		if (strcasecmp(galley_article_get_author(article, i), name) == 0)
			return 0;
	return galley_article_add_author(article, name);
}

int galley_author_add(galley_node *article, const char *raw)
{
	if (!raw)
		return 0;
	/* "Amy Doe | Advance Media", "Jo Roe — Staff": each piece on its own */
	static const char *const strong[] = {" | ", " \xE2\x80\x94 ", " \xE2\x80\x93 ",
		" \xC2\xB7 ", " / ", " \xE2\x80\xA2 ", NULL};
	char *copy = galley_xstrdup(raw);
	int added = 0;
	for (char *piece = copy; piece;) {
		char *cut = NULL;
		size_t len = 0;
		for (int i = 0; strong[i]; i++) {
			char *at = strstr(piece, strong[i]);
			if (at && (!cut || at < cut)) {
				cut = at;
				len = strlen(strong[i]);
			}
		}
		if (cut)
			*cut = '\0';
		added += S_add_person(article, piece);
		piece = cut ? cut + len : NULL;
	}
	free(copy);
	return added;
}

/* The names of a byline ("Ann One, Bob Two and Cy Three") as authors.
 * A part that is an organisation, a degree or a place ("Brenda Goodman,
 * MA WebMD Health News") is left out; a part that is neither that nor two
 * to five words of letters is not a name, and then the byline is not
 * split at all ("Doe, Jane" stays one). */
int galley_authors_add_byline(galley_node *article, const char *byline, int whole)
{
	char *copy = galley_xstrdup(byline), *names[16];
	size_t n = 0;
	for (char *p = copy, *part = copy; n < 16; p++) {
		int end = !*p;
		size_t sep = end ? 0 : *p == ',' || *p == ';' || *p == '&' || *p == '|' ? 1 :
		             strncmp(p, " and ", 5) == 0 ? 5 :
		             strncmp(p, " \xE2\x80\x94 ", 5) == 0 ? 5 : 0; /* " — " */
		if (!end && !sep)
			continue;
		*p = '\0';
		names[n++] = galley_author_clean(part);
		if (end)
			break;
		p += sep - 1;
		part = p + 1;
	}
	const char *publisher = galley_article_get(article, GALLEY_META_PUBLISHER);
	int ok = n > 0;
	for (size_t i = 0; i < n && ok; i++) {
		if (!galley_author_is_person(names[i], publisher)) {
			names[i] = NULL;
			continue;
		}
		size_t words = 1;
		for (const char *q = names[i]; *q; q++) {
			words += *q == ' ';
			ok &= !(*q >= '0' && *q <= '9');
		}
		ok &= words >= 2 && words <= 5;
	}
	int added = 0;
	for (size_t i = 0; i < n && ok; i++)
		if (names[i])
			added += galley_author_add(article, names[i]);
	free(copy);
	if (!ok && whole)
		added = galley_author_add(article, byline);
	return added;
}
