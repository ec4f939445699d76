/* html_title.c — the article title in a page's <title>: Readability's rules for site names after separators and "Title: subtitle" forms. */
#include <stdlib.h>
#include <string.h>

#include "html.h"

static size_t S_words(const char *s, size_t n)
{
	size_t w = 0;
	int in = 0;
	for (size_t i = 0; i < n && s[i]; i++) {
		int sp = galley_is_space((unsigned char)s[i]);
		w += !sp && !in;
		in = !sp;
	}
	return w ? w : 1; /* JavaScript's "".split(/\s+/).length is 1 */
}

/* 1 if P starts a title separator (| - \\ / > » and, as in current
 * Readability, the en and em dashes); *N gets its length. */
static int S_is_sep_char(const char *p, size_t *n)
{
	if (*p && strchr("|-\\/>", *p))
		return *n = 1, 1;
	if (strncmp(p, "\xC2\xBB", 2) == 0)
		return *n = 2, 1;
	if (strncmp(p, "\xE2\x80\x93", 3) == 0 || strncmp(p, "\xE2\x80\x94", 3) == 0)
		return *n = 3, 1;
	return 0;
}

/* The last (or first) " X " in S with X a separator. */
static const char *S_separator(const char *s, int last)
{
	const char *found = NULL;
	size_t n;
	for (const char *p = s; *p; p++) {
		if (p[0] == ' ' && S_is_sep_char(p + 1, &n) && p[1 + n] == ' ')
			found = p;
		if (found && !last)
			return found;
	}
	return found;
}

/* Word count of the title with its separators removed. */
static size_t S_words_without_separators(const char *s)
{
	galley_buf b = GALLEY_BUF_INIT;
	for (const char *p = s; *p;) {
		size_t n;
		if (S_is_sep_char(p, &n)) {
			p += n;
			continue;
		}
		galley_buf_putc(&b, *p++);
	}
	galley_buf_grow(&b, 0);
	size_t w = S_words(b.data, b.len);
	galley_buf_free(&b);
	return w;
}

/* Remove everything up to the first separator character. */
static char *S_after_first_separator(const char *s)
{
	for (const char *p = s; *p; p++) {
		size_t n;
		if (S_is_sep_char(p, &n))
			return galley_xstrdup(p + n);
	}
	return galley_xstrdup(s);
}

struct title_ctx {
	const char *title;
	int found;
};

static int S_heading_equals(xmlNodePtr n, void *ctx)
{
	struct title_ctx *t = ctx;
	if (t->found || n->type != XML_ELEMENT_NODE)
		return n->type == XML_HTML_DOCUMENT_NODE ? GALLEY_HTML_DESCEND : GALLEY_HTML_SKIP;
	if (galley_html_is(n, "h1") || galley_html_is(n, "h2")) {
		char *h = galley_html_text(n);
		t->found = strcmp(h, t->title) == 0;
		free(h);
		return GALLEY_HTML_SKIP;
	}
	return GALLEY_HTML_DESCEND;
}

/* Readability's _getArticleTitle for a "Title: subtitle" page title. */
static char *S_colon_title(htmlDocPtr doc, const char *orig)
{
	struct title_ctx t = {orig, 0};
	galley_html_walk((xmlNodePtr)doc, S_heading_equals, NULL, &t);
	if (t.found)
		return galley_xstrdup(orig);
	const char *last = strrchr(orig, ':'), *first = strchr(orig, ':');
	if (S_words(last + 1, strlen(last + 1)) < 3)
		return galley_xstrdup(first + 1);
	if (S_words(orig, (size_t)(first - orig)) > 5)
		return galley_xstrdup(orig);
	return galley_xstrdup(last + 1);
}

char *galley_html_article_title(htmlDocPtr doc, const char *orig, const char *h1,
                                size_t n_h1)
{
	char *cur;
	int hierarchical = 0;
	const char *sep = S_separator(orig, 1);
	if (sep) {
		for (const char *p = orig; (p = S_separator(p, 0)) != NULL; p++)
			hierarchical |= strchr("\\/>", p[1]) != NULL || (unsigned char)p[1] == 0xC2;
		cur = galley_xstrndup(orig, (size_t)(sep - orig));
		if (S_words(cur, strlen(cur)) < 3) {
			free(cur);
			cur = S_after_first_separator(orig);
		}
	} else if (strstr(orig, ": ")) {
		cur = S_colon_title(doc, orig);
	} else if ((strlen(orig) > 150 || strlen(orig) < 15) && n_h1 == 1 && h1) {
		cur = galley_xstrdup(h1);
	} else {
		cur = galley_xstrdup(orig);
	}
	galley_collapse_space(galley_trim(cur));
	size_t words = S_words(cur, strlen(cur));
	if (words <= 4 && (!hierarchical || words != S_words_without_separators(orig) - 1)) {
		free(cur);
		cur = galley_xstrdup(orig);
	}
	return cur;
}
