/* smart.c — the typography transform: curly quotes, dashes and ellipses, per the article's language. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "node.h"
#include "util.h"

/* Quote marks for a language: primary open/close, secondary open/close. */
struct quotes {
	const char *lang;
	const char *open2, *close2, *open1, *close1;
};

static const struct quotes S_quotes[] = {
	{"en", "\u201C", "\u201D", "\u2018", "\u2019"},
	{"de", "\u201E", "\u201C", "\u201A", "\u2018"},
	{"fr", "\u00AB\u00A0", "\u00A0\u00BB", "\u2039\u00A0", "\u00A0\u203A"},
	{"es", "\u00AB", "\u00BB", "\u201C", "\u201D"},
	{"it", "\u00AB", "\u00BB", "\u201C", "\u201D"},
	{"ru", "\u00AB", "\u00BB", "\u201E", "\u201C"},
	{"nl", "\u201C", "\u201D", "\u2018", "\u2019"},
	{"sv", "\u201D", "\u201D", "\u2019", "\u2019"},
	{"pl", "\u201E", "\u201D", "\u00AB", "\u00BB"},
	{"uk", "\u00AB", "\u00BB", "\u201E", "\u201C"},
	{"el", "\u00AB", "\u00BB", "\u201C", "\u201D"},
	/* corner brackets: Japanese, and Chinese in traditional characters */
	{"ja", "\u300C", "\u300D", "\u300E", "\u300F"},
	{"zh-tw", "\u300C", "\u300D", "\u300E", "\u300F"},
	{"zh-hk", "\u300C", "\u300D", "\u300E", "\u300F"},
	{"zh-hant", "\u300C", "\u300D", "\u300E", "\u300F"},
};

static const struct quotes *S_quotes_for(const char *lang)
{
	if (lang)
		for (size_t i = 0; i < sizeof S_quotes / sizeof *S_quotes; i++)
			if (strncasecmp(lang, S_quotes[i].lang, strlen(S_quotes[i].lang)) == 0)
				return &S_quotes[i];
	return &S_quotes[0];
}

/* An opening quote follows the start, a space, an opening bracket or dash
 * or another opening quote; anything else closes. */
static int S_opens(const char *text, size_t i, int at_start)
{
	if (i == 0)
		return at_start;
	unsigned char p = (unsigned char)text[i - 1];
	if (galley_is_space(p) || strchr("([{<-/", p))
		return 1;
	/* after an em/en dash or an opening curly quote */
	if (i >= 3 && (unsigned char)text[i - 3] == 0xE2 && (unsigned char)text[i - 2] == 0x80) {
		unsigned char c = p;
		return c == 0x94 || c == 0x93 || c == 0x9C || c == 0x98;
	}
	if (i >= 2 && (unsigned char)text[i - 2] == 0xC2 && (p == 0xA0 || p == 0xAB))
		return 1;
	return 0;
}

/* A letter or digit byte: ASCII alphanumerics, or any byte of a non-ASCII
 * UTF-8 sequence (letters of other scripts). */
static int S_wordish(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* The mark for a straight single quote at TEXT[I].  Inside a word ("l'Assemblée",
 * "don't", "geht's") it is an apostrophe, U+2019, in every language; so is
 * a quote before a decade ("'90s"); otherwise it opens or closes a quotation
 * in the language's own marks. */
static const char *S_single_quote(const char *text, size_t i, size_t n,
                                  const struct quotes *q, int at_start)
{
	int after_word = i > 0 && S_wordish((unsigned char)text[i - 1]);
	int before_word = i + 1 < n && S_wordish((unsigned char)text[i + 1]);
	if (after_word && before_word)
		return "\u2019";
	int decade = i + 2 < n && strchr("0123456789", text[i + 1]) &&
	             (text[i + 2] == 's' || strchr("0123456789", text[i + 2]));
	if (S_opens(text, i, at_start) && !decade)
		return q->open1;
	if (decade || strcmp(q->lang, "en") == 0 || strcmp(q->lang, "nl") == 0)
		return "\u2019";
	return q->close1;
}

static char *S_smarten_text(const char *text, const struct quotes *q, int at_start)
{
	galley_buf b = GALLEY_BUF_INIT;
	size_t n = strlen(text);
	int doubles = 0;
	for (size_t i = 0; i < n; i++) {
		char c = text[i];
		if (c == '"') {
			/* between two letters of other scripts (Chinese, Japanese are
			 * written without spaces: 他说"你好"吗) the marks alternate */
			int inside = i > 0 && i + 1 < n && (unsigned char)text[i - 1] >= 0x80 &&
			             (unsigned char)text[i + 1] >= 0x80;
			int open = inside ? doubles % 2 == 0 : S_opens(text, i, at_start);
			doubles++;
			galley_buf_puts(&b, open ? q->open2 : q->close2);
		} else if (c == '\'') {
			galley_buf_puts(&b, S_single_quote(text, i, n, q, at_start));
		} else if (c == '-' && i + 2 < n && text[i + 1] == '-' && text[i + 2] == '-') {
			galley_buf_puts(&b, "\u2014");
			i += 2;
		} else if (c == '-' && i + 1 < n && text[i + 1] == '-') {
			/* "a -- b" is a dash between words; "1--2" a range */
			int digits = i > 0 && strchr("0123456789", text[i - 1]) && i + 2 < n &&
			             strchr("0123456789", text[i + 2]);
			galley_buf_puts(&b, digits ? "\u2013" : "\u2014");
			i += 1;
		} else if (c == '.' && i + 2 < n && text[i + 1] == '.' && text[i + 2] == '.') {
			galley_buf_puts(&b, "\u2026");
			i += 2;
		} else {
			galley_buf_putc(&b, c);
		}
	}
	return galley_buf_detach(&b);
}

/* True if TEXT is the first inline of its block (an opening quote there
 * needs no space before it). */
static int S_block_start(const galley_node *n)
{
	for (; n && galley_node_is_inline(n); n = n->parent)
		if (n->prev)
			return 0;
	return 1;
}

/* The previous character context of a TEXT node matters for quotes: when
 * the node follows other inline text, the last character of that text is
 * what decides.  We approximate with "starts a block" vs not plus a look at
 * the preceding text node's last byte. */
static int S_prev_allows_open(const galley_node *n)
{
	if (S_block_start(n))
		return 1;
	const galley_node *p = n->prev ? n->prev : NULL;
	while (p && p->last_child)
		p = p->last_child;
	if (p && p->type == GALLEY_NODE_TEXT && p->literal && *p->literal) {
		unsigned char last = (unsigned char)p->literal[strlen(p->literal) - 1];
		return galley_is_space(last) || strchr("([{-", last) != NULL;
	}
	return 0;
}

void galley_smarten(galley_node *doc)
{
	const struct quotes *q = &S_quotes[0];
	galley_iter *it = galley_iter_new(doc);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *n = galley_iter_get_node(it);
		if (ev != GALLEY_EVENT_ENTER)
			continue;
		if (n->type == GALLEY_NODE_ARTICLE)
			q = S_quotes_for(galley_article_get(n, GALLEY_META_LANG));
		if (n->type != GALLEY_NODE_TEXT || !n->literal)
			continue;
		/* code inside a link or emphasis stays literal; only TEXT changes */
		char *s = S_smarten_text(n->literal, q, S_prev_allows_open(n));
		free(n->literal);
		n->literal = s;
	}
	galley_iter_free(it);
	/* metadata strings are text too */
	for (galley_node *a = doc ? doc->first_child : NULL; a; a = a->next) {
		if (a->type != GALLEY_NODE_ARTICLE)
			continue;
		q = S_quotes_for(galley_article_get(a, GALLEY_META_LANG));
		static const galley_meta keys[] = {GALLEY_META_TITLE, GALLEY_META_SUBTITLE,
		                                   GALLEY_META_BYLINE};
		for (size_t k = 0; k < 3; k++) {
			char **slot = &a->as.article->meta[keys[k]];
			if (*slot) {
				char *s = S_smarten_text(*slot, q, 1);
				free(*slot);
				*slot = s;
			}
		}
	}
}
