/* md_meta.c — the Markdown front matter: a leading "---" block of YAML-style "key: value" lines. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "md.h"
#include "meta.h"
#include "reader.h"

/* One line of the block, without its newline. */
struct line {
	const char *s;
	size_t n;
};

static int S_is_fence(struct line l, int closing)
{
	while (l.n && (l.s[l.n - 1] == ' ' || l.s[l.n - 1] == '\t' || l.s[l.n - 1] == '\r'))
		l.n--;
	return (l.n == 3 && memcmp(l.s, "---", 3) == 0) ||
	       (closing && l.n == 3 && memcmp(l.s, "...", 3) == 0);
}

static struct line S_line_at(const char *text, size_t len, size_t pos, size_t *next)
{
	const char *nl = memchr(text + pos, '\n', len - pos);
	size_t end = nl ? (size_t)(nl - text) : len;
	*next = nl ? end + 1 : len;
	return (struct line){text + pos, end - pos};
}

/* A copy of L trimmed, with surrounding quotes removed. */
static char *S_value(const char *s, size_t n)
{
	char *v = galley_xstrndup(s, n);
	galley_trim(v);
	size_t k = strlen(v);
	if (k >= 2 && (v[0] == '"' || v[0] == '\'') && v[k - 1] == v[0]) {
		memmove(v, v + 1, k - 2);
		v[k - 2] = '\0';
	}
	return v;
}

/* "- item" (a list entry under the last key): the item, or NULL. */
static char *S_list_item(struct line l)
{
	size_t i = 0;
	while (i < l.n && (l.s[i] == ' ' || l.s[i] == '\t'))
		i++;
	if (i + 1 < l.n && l.s[i] == '-' && (l.s[i + 1] == ' ' || l.s[i + 1] == '\t'))
		return S_value(l.s + i + 2, l.n - i - 2);
	return NULL;
}

static int S_key_is(const char *key, const char *const *names)
{
	for (; *names; names++)
		if (strcasecmp(key, *names) == 0)
			return 1;
	return 0;
}

/* Each element of a "[a, b]" flow list, or VALUE itself, into ADD. */
static void S_each(const char *value, galley_node *a,
                   int (*add)(galley_node *, const char *))
{
	size_t n = strlen(value);
	if (n < 2 || value[0] != '[' || value[n - 1] != ']') {
		add(a, value);
		return;
	}
	char *copy = galley_xstrndup(value + 1, n - 2), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		char *v = S_value(t, strlen(t));
		add(a, v);
		free(v);
	}
	free(copy);
}

static int S_add_tags(galley_node *a, const char *v)
{
	if (strchr(v, ',') && v[0] != '[') {
		char *copy = galley_xstrdup(v), *save = NULL;
		for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
			galley_article_add_tag(a, galley_trim(t));
		free(copy);
		return 1;
	}
	return galley_article_add_tag(a, v);
}

static int S_add_authors(galley_node *a, const char *v)
{
	return galley_authors_add_list(a, v);
}

/* One "key: value" pair (VALUE may come from a list entry). */
static void S_apply(galley_node *a, const char *key, const char *value, int line,
                    galley_diag *diag)
{
	static const char *const title[] = {"title", NULL};
	static const char *const subtitle[] = {"subtitle", "standfirst", "dek", NULL};
	static const char *const author[] = {"author", "authors", "byline", NULL};
	static const char *const date[] = {"date", "published", NULL};
	static const char *const lang[] = {"lang", "language", NULL};
	static const char *const source[] = {"source", "url", "canonical_url", "link", NULL};
	static const char *const publisher[] = {"publisher", "site", NULL};
	static const char *const tags[] = {"tags", "keywords", "categories", NULL};
	if (!*value)
		return;
	if (S_key_is(key, title))
		galley_article_set(a, GALLEY_META_TITLE, value);
	else if (S_key_is(key, subtitle) || (strcasecmp(key, "description") == 0 &&
	                                     !galley_article_get(a, GALLEY_META_SUBTITLE)))
		galley_article_set(a, GALLEY_META_SUBTITLE, value);
	else if (S_key_is(key, author))
		S_each(value, a, S_add_authors);
	else if (S_key_is(key, lang))
		galley_article_set(a, GALLEY_META_LANG, value);
	else if (S_key_is(key, source))
		galley_article_set(a, GALLEY_META_SOURCE, value);
	else if (S_key_is(key, publisher))
		galley_article_set(a, GALLEY_META_PUBLISHER, value);
	else if (S_key_is(key, tags))
		S_each(value, a, S_add_tags);
	else if (S_key_is(key, date)) {
		char *iso = galley_date_iso(value);
		if (iso)
			galley_article_set(a, GALLEY_META_DATE, iso);
		else
			galley_diag_report(diag, GALLEY_DIAG_WARNING, line,
			                   "front matter: '%s' is not a date: ignored", value);
		free(iso);
	}
}

/* Length of the key of "key: value", or 0 if L is not such a line. */
static size_t S_key_len(struct line l)
{
	size_t i = 0;
	while (i < l.n && (galley_is_space((unsigned char)l.s[i]) == 0) && l.s[i] != ':')
		i++;
	return i > 0 && i < l.n && l.s[i] == ':' &&
	       (i + 1 == l.n || l.s[i + 1] == ' ' || l.s[i + 1] == '\t' || l.s[i + 1] == '\r')
	       ? i : 0;
}

/* Where the block ends (the byte after the closing fence line) or 0 when
 * TEXT has no well-formed block: every line inside must be blank, a
 * comment, "key: value" or "- item". */
static size_t S_block_end(const char *text, size_t len, int *lines)
{
	size_t pos = 0, next;
	if (!S_is_fence(S_line_at(text, len, 0, &next), 0))
		return 0;
	int n = 1;
	for (pos = next; pos < len; pos = next, n++) {
		struct line l = S_line_at(text, len, pos, &next);
		if (S_is_fence(l, 1)) {
			*lines = n + 1;
			return next;
		}
		char *item = S_list_item(l);
		free(item);
		struct line t = l;
		while (t.n && galley_is_space((unsigned char)*t.s))
			t.s++, t.n--;
		int indented = t.n && t.s != l.s;   /* continues a folded value */
		if (!item && t.n && *t.s != '#' && !indented && !S_key_len(l))
			return 0;
	}
	return 0;
}

/* The value being read: "key: value" and its indented continuation
 * lines (YAML's plain, ">" folded and "|" literal scalars, all joined). */
struct pending {
	char *key;
	galley_buf value;
	int line;
};

static void S_flush(galley_node *article, struct pending *p, galley_diag *diag)
{
	if (p->key && p->value.len)
		S_apply(article, p->key, galley_collapse_space(p->value.data), p->line, diag);
	galley_buf_clear(&p->value);
}

static void S_start(struct pending *p, struct line l, size_t k, int line)
{
	free(p->key);
	p->key = galley_xstrndup(l.s, k);
	p->line = line;
	char *value = S_value(l.s + k + 1, l.n - k - 1);
	if (strspn(value, ">|-+") != strlen(value))   /* not a block indicator */
		galley_buf_puts(&p->value, value);
	free(value);
}

static void S_continue(struct pending *p, struct line l)
{
	char *more = S_value(l.s, l.n);
	if (p->key && *more) {
		if (p->value.len)
			galley_buf_putc(&p->value, ' ');
		galley_buf_puts(&p->value, more);
	}
	free(more);
}

size_t galley_md_front_matter(const char *text, size_t len, galley_node *article,
                              int *lines, galley_diag *diag)
{
	*lines = 0;
	size_t end = S_block_end(text, len, lines);
	if (!end)
		return 0;
	struct pending p = {NULL, GALLEY_BUF_INIT, 0};
	size_t next;
	int line = 2;
	for (size_t pos = (size_t)(strchr(text, '\n') - text) + 1; pos < end; pos = next, line++) {
		struct line l = S_line_at(text, len, pos, &next);
		if (S_is_fence(l, 1))
			break;
		char *item = S_list_item(l);
		size_t k = S_key_len(l);
		if (item && p.key) {
			S_apply(article, p.key, item, line, diag);
		} else if (k) {
			S_flush(article, &p, diag);
			S_start(&p, l, k, line);
		} else if (l.n && galley_is_space((unsigned char)*l.s)) {
			S_continue(&p, l);
		}
		free(item);
	}
	S_flush(article, &p, diag);
	free(p.key);
	galley_buf_free(&p.value);
	galley_byline_from_authors(article);
	return end;
}
