/* text_head.c — the head of a scraped article: a Key: value block, the title, source URL, byline and date. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "meta.h"
#include "text.h"

/* How many content lines after the title may still be head material. */
#define HEAD_LINES 5
/* A line wider than this is a paragraph, never head material. */
#define HEAD_MAX_WIDTH 160

enum { KEY_NONE = -1, KEY_AUTHOR = -2, KEY_TAGS = -3 };

static int S_key(const char *k, size_t n)
{
	static const struct { const char *name; int key; } keys[] = {
		{"title", GALLEY_META_TITLE}, {"subtitle", GALLEY_META_SUBTITLE},
		{"author", KEY_AUTHOR}, {"authors", KEY_AUTHOR}, {"by", KEY_AUTHOR},
		{"date", GALLEY_META_DATE}, {"published", GALLEY_META_DATE},
		{"language", GALLEY_META_LANG}, {"lang", GALLEY_META_LANG},
		{"source", GALLEY_META_SOURCE}, {"url", GALLEY_META_SOURCE},
		{"publisher", GALLEY_META_PUBLISHER}, {"tags", KEY_TAGS}, {"keywords", KEY_TAGS},
	};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (strlen(keys[i].name) == n && strncasecmp(k, keys[i].name, n) == 0)
			return keys[i].key;
	return KEY_NONE;
}

/* "Key: value" with a known key; *VALUE points after the colon. */
static int S_key_value(const char *s, const char **value)
{
	size_t n = 0;
	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z'))
		n++;
	if (n == 0 || s[n] != ':' || s[n + 1] != ' ' || s[n + 2] == '\0')
		return KEY_NONE;
	*value = s + n + 2;
	return S_key(s, n);
}

/* Split a list of tags on commas, semicolons, " and ", " & ". */
static void S_add_tags(galley_node *a, const char *list)
{
	char *copy = galley_xstrdup(list);
	for (char *p = copy; *p;) {
		size_t n = strcspn(p, ",;&");
		char *amp = strstr(p, " and ");
		if (amp && (size_t)(amp - p) < n)
			n = (size_t)(amp - p);
		char save = p[n];
		p[n] = '\0';
		char *item = galley_trim(galley_xstrdup(p));
		if (*item)
			galley_article_add_tag(a, item);
		free(item);
		p[n] = save;
		p += n;
		p += *p == ' ' ? 5 : (*p ? 1 : 0);
	}
	free(copy);
}

static void S_apply(struct text_doc *d, int key, const char *value, int line)
{
	galley_node *a = d->article;
	char iso[11];
	if (key == KEY_AUTHOR) {
		galley_authors_add_list(a, value);
		if (!galley_article_get(a, GALLEY_META_BYLINE))
			galley_article_set(a, GALLEY_META_BYLINE, value);
	} else if (key == KEY_TAGS) {
		S_add_tags(a, value);
	} else if (key == GALLEY_META_DATE) {
		if (galley_text_find_date(value, iso, NULL, NULL))
			galley_article_set(a, GALLEY_META_DATE, iso);
		else
			galley_diag_report(d->diag, GALLEY_DIAG_WARNING, line,
			                   "date not understood: %s", value);
	} else {
		galley_article_set(a, (galley_meta)key, value);
	}
}

/* A first block of Key: value lines is metadata (explicit structure
 * wins).  Returns the index after it, or FIRST when there is none. */
static size_t S_meta_block(struct text_doc *d, size_t first)
{
	const char *value;
	size_t end = first;
	int titled = 0;
	while (end < d->nlines && !(d->lines[end].flags & TL_BLANK)) {
		int key = S_key_value(d->lines[end].s, &value);
		if (key == KEY_NONE)
			return first;
		titled |= key == GALLEY_META_TITLE;
		end++;
	}
	/* one "Source: Reuters" line is a scraped first line, not a block */
	if (end - first < 2 && !titled)
		return first;
	for (size_t i = first; i < end; i++) {
		int key = S_key_value(d->lines[i].s, &value);
		S_apply(d, key, value, d->lines[i].no);
		d->lines[i].flags |= TL_DROP;
	}
	return end;
}

static size_t S_skip_blank(const struct text_doc *d, size_t i)
{
	while (i < d->nlines && (d->lines[i].flags & TL_BLANK))
		i++;
	return i;
}

/* Lines equal to the title (a scraper's repeat of the page heading) go,
 * wherever they are. */
static void S_drop_repeats(struct text_doc *d, size_t from)
{
	const char *title = galley_article_get(d->article, GALLEY_META_TITLE);
	if (!title)
		return;
	char *key = galley_text_key(title);
	size_t tlen = strlen(title);
	for (size_t i = from; i < d->nlines; i++) {
		struct text_line *l = &d->lines[i];
		if (l->flags & (TL_BLANK | TL_DROP) || l->len + 8 < tlen || l->len > tlen + 8)
			continue;
		char *k = galley_text_key(l->s);
		if (*k && strcmp(k, key) == 0)
			l->flags |= TL_DROP | TL_JUNK;
		free(k);
	}
	free(key);
}

/* One line of the head: the source URL, a byline or a dateline. */
static int S_head_line(struct text_doc *d, struct text_line *l)
{
	galley_node *a = d->article;
	char iso[11];
	if (galley_text_is_url(l->s)) {
		if (!galley_article_get(a, GALLEY_META_SOURCE))
			galley_article_set(a, GALLEY_META_SOURCE, l->s);
		return 1;
	}
	if (!galley_article_get(a, GALLEY_META_BYLINE) && galley_text_byline(a, l->s))
		return 1;
	if (!galley_article_get(a, GALLEY_META_DATE) && galley_text_is_date_line(l->s, iso)) {
		galley_article_set(a, GALLEY_META_DATE, iso);
		return 1;
	}
	return 0;
}

void galley_text_head(struct text_doc *d, const struct text_junk *j)
{
	size_t i = S_skip_blank(d, 0);
	size_t after = S_meta_block(d, i);
	size_t title = after ? after - 1 : 0;
	if (!galley_article_get(d->article, GALLEY_META_TITLE)) {
		title = S_skip_blank(d, after);
		if (title < d->nlines) {
			galley_article_set(d->article, GALLEY_META_TITLE, d->lines[title].s);
			d->lines[title].flags |= TL_DROP;
		}
	}
	d->body = title < d->nlines ? title + 1 : d->nlines;
	galley_text_wrap_mode(d);
	galley_text_junk_lines(d, j, title);
	S_drop_repeats(d, d->body);
	int seen = 0;
	for (i = d->body; i < d->nlines && seen < HEAD_LINES; i++) {
		struct text_line *l = &d->lines[i];
		if (l->flags & (TL_BLANK | TL_JUNK | TL_QUOTE | TL_HASH))
			continue;
		if (l->width <= HEAD_MAX_WIDTH && S_head_line(d, l))
			l->flags |= TL_DROP;
		seen++;
	}
}
