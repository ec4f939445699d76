/* text_author.c — finds the author box at the end of a scraped article: name lines and a bio about the writer. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

/* A bio is short: longer closing text is article body. */
#define BIO_MAX 1200
#define BIO_EXTRA_MAX 300
/* A bare bio line under a name line ("Reportering for The Lapine"). */
#define BIO_TAGLINE 100
/* Where the scraper dropped an address ("Contact her at"): trimmed. */
#define DANGLING_MAX 80

static int S_contains(const char *s, const char *needle)
{
	size_t n = strlen(needle);
	unsigned char first = galley_text_fold((unsigned char)needle[0]);
	for (; *s; s++)
		if (galley_text_fold((unsigned char)*s) == first && strncasecmp(s, needle, n) == 0)
			return 1;
	return 0;
}

static int S_any(const char *s, const char *const *words, size_t n, int whole)
{
	for (size_t i = 0; i < n; i++)
		if (whole ? galley_text_has_word(s, words[i], strlen(words[i])) : S_contains(s, words[i]))
			return 1;
	return 0;
}

/* The first sentence (at most 300 bytes) of S, malloc'd. */
static char *S_first_sentence(const char *s)
{
	size_t n = 0;
	while (s[n] && n < 300) {
		if ((s[n] == '.' || s[n] == '!' || s[n] == '?') && s[n + 1] == ' ' && n > 0 &&
		    galley_text_is_lower_at(s + n - 1))
			break;
		n++;
	}
	return galley_xstrndup(s, n);
}

/* The first sentence talks about a writer (or the organisation behind it). */
static int S_writer(const char *s)
{
	static const char *const w[] = {"reporter", "reporting", "reports", "writ", "journalis",
		"author", "editor", "column", "contribut", "correspondent", "blog", "professor",
		"graduate", "degree", "analyst", "founder", "based in", "lives in", "freelance",
		"novel", "book", "host", "producer", "commentator", "organization", "organisation",
		"publisher", "researcher", "scholar", "fellow", "podcast", "newsletter", "attorney",
		"lawyer", "covers"};
	char *first = S_first_sentence(s);
	int yes = S_any(first, w, sizeof w / sizeof *w, 0);
	free(first);
	return yes;
}

/* Verbs that follow the name at the start of a bio. */
static int S_verb_at(const char *s)
{
	static const char *const v[] = {"is", "was", "has", "have", "writes", "wrote", "covers",
		"reports", "lives", "holds", "teaches", "serves", "works", "worked", "joined",
		"edits", "contributes", "blogs", "specializes", "specialises", "focuses",
		"graduated", "founded", "received", "earned", "hosts", "runs", "leads", "are"};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		size_t n = strlen(v[i]);
		if (strncmp(s, v[i], n) == 0 && (s[n] == ' ' || s[n] == ','))
			return 1;
	}
	return 0;
}

/* Bytes of the name a bio starts with ("Jane Roe is a ...", "Jane Roe,
 * a historian, has ...", "American Chemical Society, ACS is ..."), or 0. */
static size_t S_bio_name(const char *t)
{
	size_t n = galley_text_leading_name(t);
	if (!n)
		return 0;
	/* "Pam Martens and Russ Martens are ..." */
	size_t second;
	if (strncmp(t + n, " and ", 5) == 0 && (second = galley_text_leading_name(t + n + 5)) > 0)
		n += 5 + second;
	const char *p = t + n;
	if (p[0] == ' ' && S_verb_at(p + 1))
		return n;
	if (p[0] != ',' && !(p[0] == ' ' && p[1] == '('))
		return 0;
	/* an apposition up to the verb, within one sentence ("U.S." is no stop) */
	for (size_t k = 1; k < 120 && p[k]; k++) {
		if (p[k] == '.' && p[k + 1] == ' ' && galley_text_is_lower_at(p + k - 1))
			return 0;
		if (p[k - 1] == ' ' && S_verb_at(p + k))
			return n;
	}
	return 0;
}

int galley_text_is_bio(const char *t)
{
	return S_bio_name(t) > 0 && S_writer(t);
}

/* The surname (last word) of NAME appears before block UPTO in a
 * paragraph that quotes or reports speech: the closing paragraph is then
 * about a source of the article, not its writer. */
static int S_quoted_before(const struct text_doc *d, const char *name, long upto)
{
	static const char *const speech[] = {"said", "says", "told", "tells", "added", "adds",
		"explained", "asked", "argued", "claimed", "stated", "noted", "according",
		"insisted", "replied", "warned", "wrote"};
	for (size_t i = 0; i < galley_article_author_count(d->article); i++)
		if (strcasecmp(galley_article_get_author(d->article, i), name) == 0)
			return 0;
	const char *sp = strrchr(name, ' ');
	const char *surname = sp ? sp + 1 : name;
	size_t n = strlen(surname);
	for (long i = 0; i < upto; i++) {
		const struct text_block *b = &d->blocks[i];
		if (b->kind == TK_DROP || !galley_text_has_word(b->text, surname, n))
			continue;
		if (S_any(b->text, speech, sizeof speech / sizeof *speech, 1) ||
		    strstr(b->text, "\xE2\x80\x9C") || strchr(b->text, '"'))
			return 1;
	}
	return 0;
}

static int S_plain(const struct text_block *b)
{
	return b->kind == TK_PARA && !(b->flags & TB_PREFIXED);
}

/* Blocks FROM..TO (not dropped) are plain paragraphs of at most MAX bytes
 * in all. */
static int S_bio_run(const struct text_doc *d, long from, long to, size_t max)
{
	size_t total = 0;
	for (long i = from; i <= to; i++) {
		const struct text_block *b = &d->blocks[i];
		if (b->kind == TK_DROP)
			continue;
		if (!S_plain(b))
			return 0;
		total += strlen(b->text);
	}
	return total <= max;
}

/* "About the author: " before a bio: bytes to skip, or 0. */
static size_t S_about(const char *t)
{
	static const char *const p[] = {"about the authors", "about the author", "about the writer"};
	for (size_t i = 0; i < sizeof p / sizeof *p; i++) {
		size_t n = strlen(p[i]);
		if (strncasecmp(t, p[i], n) != 0)
			continue;
		while (t[n] == ' ' || t[n] == ':' || t[n] == '-')
			n++;
		if ((unsigned char)t[n] == 0xE2)   /* a dash */
			n += 3;
		while (t[n] == ' ')
			n++;
		return n;
	}
	return 0;
}

/* "Jane Roe is a reporter ..." as the last block (or the one before a
 * short last block): returns the first bio block and sets *NAME. */
static long S_rule_named_bio(struct text_doc *d, long last, char **name)
{
	long s = last;
	for (int tries = 0; tries < 2 && s >= 1; tries++, s = galley_text_last_block(d, s)) {
		struct text_block *b = &d->blocks[s];
		size_t about = S_plain(b) ? S_about(b->text) : 0;
		size_t n = S_plain(b) ? S_bio_name(b->text + about) : 0;
		if (!n || !S_writer(b->text) || !S_bio_run(d, s, last, BIO_MAX))
			continue;
		if (s < last && strlen(d->blocks[last].text) > BIO_EXTRA_MAX)
			continue;
		char *nm = galley_xstrndup(b->text + about, n);
		if (!S_quoted_before(d, nm, s)) {
			memmove(b->text, b->text + about, strlen(b->text + about) + 1);
			*name = nm;
			return s;
		}
		free(nm);
	}
	return -1;
}

/* "Sue Dunum" / "Reportering for The Lapine": a name line and a short
 * bio under it at the end.  Returns the first bio block. */
/* The name of a name line, without a note in brackets after it ("Martin
 * Untersinger (avec Damien Leloup et Morgane Tual)"); NULL if the line is
 * no name. */
char *galley_text_name_line(const char *t)
{
	size_t n = strcspn(t, "([");
	size_t len = strlen(t);
	if (n < len && (t[len - 1] == ')' || t[len - 1] == ']') && n > 0 && t[n - 1] == ' ')
		len = n - 1;
	char *name = galley_xstrndup(t, len);
	if (galley_text_is_name(name))
		return name;
	free(name);
	return NULL;
}

static long S_rule_name_line(const struct text_doc *d, long last, char **name)
{
	long s = last;
	for (int tries = 0; tries < 2 && s >= 1; tries++, s = galley_text_last_block(d, s)) {
		long j = galley_text_last_block(d, s);
		char *who = j >= 1 && S_plain(&d->blocks[j]) ? galley_text_name_line(d->blocks[j].text) : NULL;
		if (!who)
			continue;
		free(who);
		if (!S_bio_run(d, s, last, BIO_MAX) || galley_text_open_quote(d->blocks[s].text))
			continue;
		int tagline = s == last && strlen(d->blocks[s].text) <= BIO_TAGLINE;
		if (!tagline && !S_writer(d->blocks[s].text))
			continue;
		who = galley_text_name_line(d->blocks[j].text);
		if (S_quoted_before(d, who, j)) {
			free(who);
			continue;
		}
		*name = who;
		return s;
	}
	return -1;
}

/* A job title on a line of its own ("Contributor", "Staff Writer"). */
static int S_role_line(const struct text_block *b)
{
	static const char *const w[] = {"contributor", "writer", "editor", "reporter",
		"columnist", "correspondent", "author", "journalist", "blogger"};
	return b->width <= 40 && !galley_text_ends_sentence(b->text, strlen(b->text)) &&
	       S_any(b->text, w, sizeof w / sizeof *w, 1);
}

/* Name lines just before the bio (the name, repeated, "About the author"
 * or a job title) belong to the box. */
static void S_take_names(struct text_doc *d, long first_bio, const char *name)
{
	char *key = galley_text_key(name);
	for (long i = galley_text_last_block(d, first_bio); i >= 1; i = galley_text_last_block(d, i)) {
		struct text_block *b = &d->blocks[i];
		char *who = S_plain(b) ? galley_text_name_line(b->text) : NULL;
		char *k = galley_text_key(who ? who : b->text);
		int same = S_plain(b) && (strcmp(k, key) == 0 || strcmp(k, "abouttheauthor") == 0 ||
		                          strcmp(k, "abouttheauthors") == 0 || S_role_line(b));
		free(k);
		free(who);
		if (!same)
			break;
		b->kind = TK_NAME;
	}
	free(key);
}

/* "... University of New South Wales. Contact her at": a last sentence
 * with no stop, where a scraper dropped an address, goes. */
static void S_trim_dangling(char *t)
{
	size_t len = strlen(t);
	if (galley_text_ends_sentence(t, len))
		return;
	for (size_t i = len; i-- > 1;) {
		if (len - i > DANGLING_MAX)
			return;
		if (t[i] == ' ' && galley_text_ends_sentence(t, i)) {
			t[i] = '\0';
			return;
		}
	}
}

/* "By Devindra Hardawar @devindra" just above the last block, and the
 * block opening with his first name and a bio's verb ("Devindra has been
 * obsessed with technology ..."): the writer's box, though the page's
 * byline line itself went as junk.  Returns the bio block. */
static long S_rule_byline_bio(const struct text_doc *d, long last, char **name)
{
	const struct text_block *bio = &d->blocks[last];
	if (last < 1 || !S_plain(bio) || strlen(bio->text) > BIO_MAX)
		return -1;
	galley_node *scratch = galley_node_new(GALLEY_NODE_ARTICLE);
	long found = -1;
	char *line = galley_xstrdup(d->blocks[last - 1].text);
	char *handle = strstr(line, " @");   /* "By Devindra Hardawar @devindra" */
	if (handle)
		*handle = '\0';
	if (galley_text_byline(scratch, line) && galley_article_author_count(scratch) == 1) {
		const char *who = galley_article_get_author(scratch, 0);
		size_t first = strcspn(who, " ");
		if (first >= 2 && strncmp(bio->text, who, first) == 0 && bio->text[first] == ' ' &&
		    S_verb_at(bio->text + first + 1)) {
			*name = galley_xstrdup(who);
			found = last;
		}
	}
	galley_node_free(scratch);
	free(line);
	return found;
}

void galley_text_author(struct text_doc *d)
{
	long last = galley_text_last_block(d, (long)d->nblocks);
	if (last < 1)
		return;
	char *name = NULL;
	long first = S_rule_named_bio(d, last, &name);
	if (first < 0)
		first = S_rule_name_line(d, last, &name);
	if (first < 0)
		first = S_rule_byline_bio(d, last, &name);
	if (first < 0)
		return;
	for (long i = first; i <= last; i++)
		if (d->blocks[i].kind != TK_DROP)
			d->blocks[i].kind = TK_BIO;
	S_take_names(d, first, name);
	struct text_block *tail = &d->blocks[last];
	if (last != first && tail->width <= DANGLING_MAX &&
	    !galley_text_ends_sentence(tail->text, strlen(tail->text)))
		tail->kind = TK_DROP;   /* "Contact her at" on a line of its own */
	else
		S_trim_dangling(tail->text);
	if (galley_article_author_count(d->article) == 0)
		galley_article_add_author(d->article, name);
	d->author = name;
}
