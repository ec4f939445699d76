/* html_dom.c — DOM helpers for the HTML reader: a walker without recursion, attributes, class hints, text measures. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "html.h"

/* Continue after NODE's subtree: the next sibling, or the next sibling of
 * the nearest ancestor below ROOT that has one, calling EXIT on the way. */
static xmlNodePtr S_leave(xmlNodePtr n, xmlNodePtr root, galley_html_exit_fn exit,
                          void *ctx)
{
	for (;;) {
		if (exit)
			exit(n, ctx);
		if (n == root)
			return NULL;
		if (n->next)
			return n->next;
		n = n->parent;
		if (!n)
			return NULL;
	}
}

void galley_html_walk(xmlNodePtr root, galley_html_enter_fn enter,
                      galley_html_exit_fn exit, void *ctx)
{
	xmlNodePtr n = root;
	while (n) {
		int what = enter(n, ctx);
		if (what == GALLEY_HTML_REMOVE && n != root) {
			xmlNodePtr next = n->next, parent = n->parent;
			galley_html_remove(n);
			if (next) {
				n = next;
				continue;
			}
			n = parent ? S_leave(parent, root, exit, ctx) : NULL;
			continue;
		}
		if (what == GALLEY_HTML_DESCEND && n->children) {
			n = n->children;
			continue;
		}
		n = S_leave(n, root, exit, ctx);
	}
}

int galley_html_is(const xmlNode *node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && node->name &&
	       strcasecmp((const char *)node->name, name) == 0;
}

int galley_html_heading(const xmlNode *node)
{
	if (!node || node->type != XML_ELEMENT_NODE || !node->name)
		return 0;
	const char *n = (const char *)node->name;
	if ((n[0] == 'h' || n[0] == 'H') && n[1] >= '1' && n[1] <= '6' && !n[2])
		return n[1] - '0';
	return 0;
}

char *galley_html_attr(const xmlNode *node, const char *name)
{
	if (!node || node->type != XML_ELEMENT_NODE)
		return NULL;
	return (char *)xmlGetProp(node, BAD_CAST name);
}

char *galley_html_class_id(const xmlNode *node)
{
	galley_buf b = GALLEY_BUF_INIT;
	char *c = galley_html_attr(node, "class");
	char *id = galley_html_attr(node, "id");
	galley_buf_puts(&b, c ? c : "");
	galley_buf_putc(&b, ' ');
	galley_buf_puts(&b, id ? id : "");
	xmlFree(c);
	xmlFree(id);
	for (size_t i = 0; i < b.len; i++)
		b.data[i] = (char)tolower((unsigned char)b.data[i]);
	return galley_buf_detach(&b);
}

int galley_html_match(const char *s, const char *pattern)
{
	const char *p = pattern;
	while (*p) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		/* "^x" must start a name (or a part of one after '-' or '_'),
		 * "x$" must end one */
		int anchored = *p == '^';
		int ends = n > (size_t)anchored && p[n - 1] == '$';
		const char *w = p + anchored;
		size_t wn = n - (size_t)anchored - (size_t)ends;
		for (const char *h = s; wn && *h; h++) {
			if (strncmp(h, w, wn) != 0)
				continue;
			if (anchored && h != s && h[-1] != ' ' && h[-1] != '-' && h[-1] != '_')
				continue;
			if (ends && h[wn] && h[wn] != ' ' && h[wn] != '-' && h[wn] != '_')
				continue;
			return 1;
		}
		p += n;
		if (*p == '|')
			p++;
	}
	return 0;
}

/* 1 if the inline style hides the element. */
static int S_style_hides(const char *style)
{
	char compact[256];
	size_t n = 0;
	for (const char *s = style; *s && n + 1 < sizeof compact; s++)
		if (!isspace((unsigned char)*s))
			compact[n++] = (char)tolower((unsigned char)*s);
	compact[n] = '\0';
	return strstr(compact, "display:none") || strstr(compact, "visibility:hidden");
}

int galley_html_is_hidden(const xmlNode *node)
{
	if (!node || node->type != XML_ELEMENT_NODE)
		return 0;
	if (xmlHasProp(node, BAD_CAST "hidden"))
		return 1;
	int hidden = 0;
	char *style = galley_html_attr(node, "style");
	if (style && S_style_hides(style))
		hidden = 1;
	xmlFree(style);
	char *aria = galley_html_attr(node, "aria-hidden");
	/* Readability keeps aria-hidden images wrapped in figures: they are
	 * often lazy-load duplicates, but the figure's caption matters. */
	if (aria && strcasecmp(aria, "true") == 0 && !galley_html_is(node, "img"))
		hidden = 1;
	xmlFree(aria);
	return hidden;
}

struct text_acc {
	galley_buf *buf;     /* NULL: only count */
	size_t len, link_len;
	int space;           /* last character emitted was a space */
	int in_link;
};

static void S_acc_text(struct text_acc *t, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (galley_is_space(c)) {
			if (!t->space) {
				t->space = 1;
				if (t->buf)
					galley_buf_putc(t->buf, ' ');
				t->len++;
				t->link_len += t->in_link;
			}
			continue;
		}
		t->space = 0;
		if (t->buf)
			galley_buf_putc(t->buf, (char)c);
		if ((c & 0xC0) != 0x80) {
			t->len++;
			t->link_len += t->in_link;
		}
	}
}

/* Elements whose text runs on with their neighbours'; the text of any
 * other element is a block of its own, set apart by a space. */
static int S_inline_tag(const xmlNode *n)
{
	static const char *const tags[] = {"a", "abbr", "b", "bdi", "bdo", "cite",
		"code", "data", "dfn", "em", "font", "i", "kbd", "mark", "q", "s", "samp",
		"small", "span", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
		"big", "strike", "del", "ins", "label", "nobr", NULL};
	for (int i = 0; tags[i]; i++)
		if (galley_html_is(n, tags[i]))
			return 1;
	return 0;
}

static int S_text_enter(xmlNodePtr n, void *ctx)
{
	struct text_acc *t = ctx;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			S_acc_text(t, (const char *)n->content);
		return GALLEY_HTML_SKIP;
	}
	if (n->type != XML_ELEMENT_NODE && n->type != XML_DOCUMENT_NODE &&
	    n->type != XML_HTML_DOCUMENT_NODE)
		return GALLEY_HTML_SKIP;
	if (galley_html_is(n, "script") || galley_html_is(n, "style") ||
	    galley_html_is(n, "noscript") || galley_html_is(n, "template"))
		return GALLEY_HTML_SKIP;
	if (galley_html_is(n, "a"))
		t->in_link++;
	if (n->type == XML_ELEMENT_NODE && !S_inline_tag(n))
		S_acc_text(t, " ");
	return GALLEY_HTML_DESCEND;
}

static void S_text_exit(xmlNodePtr n, void *ctx)
{
	struct text_acc *t = ctx;
	if (galley_html_is(n, "a") && t->in_link)
		t->in_link--;
	if (n->type == XML_ELEMENT_NODE && !S_inline_tag(n))
		S_acc_text(t, " ");
}

char *galley_html_text(xmlNodePtr node)
{
	galley_buf b = GALLEY_BUF_INIT;
	struct text_acc t = {&b, 0, 0, 1, 0};
	galley_html_walk(node, S_text_enter, S_text_exit, &t);
	galley_buf_grow(&b, 0);
	return galley_trim(galley_buf_detach(&b));
}

size_t galley_html_text_len(xmlNodePtr node, size_t *link_len)
{
	struct text_acc t = {NULL, 0, 0, 1, 0};
	galley_html_walk(node, S_text_enter, S_text_exit, &t);
	size_t len = t.len;
	if (t.space && len) /* a trailing space is not text */
		len--;
	if (link_len)
		*link_len = t.link_len > len ? len : t.link_len;
	return len;
}

struct count_acc {
	const char *name;
	size_t n;
	xmlNodePtr root;
};

static int S_count_enter(xmlNodePtr n, void *ctx)
{
	struct count_acc *c = ctx;
	if (n != c->root && galley_html_is(n, c->name))
		c->n++;
	return GALLEY_HTML_DESCEND;
}

size_t galley_html_count(xmlNodePtr node, const char *name)
{
	struct count_acc c = {name, 0, node};
	galley_html_walk(node, S_count_enter, NULL, &c);
	return c.n;
}

int galley_html_has_ancestor(const xmlNode *node, const char *name, int max_depth)
{
	int depth = 0;
	for (const xmlNode *a = node ? node->parent : NULL; a; a = a->parent) {
		if (max_depth > 0 && ++depth > max_depth)
			return 0;
		if (galley_html_is(a, name))
			return 1;
	}
	return 0;
}

void galley_html_remove(xmlNodePtr node)
{
	xmlUnlinkNode(node);
	xmlFreeNode(node);
}

/* Put the children of N in its place and free N. */
static void S_splice(xmlNodePtr n)
{
	xmlNodePtr parent = n->parent, first = n->children, last = n->last;
	if (!first) {
		galley_html_remove(n);
		return;
	}
	for (xmlNodePtr k = first; k; k = k->next)
		k->parent = parent;
	first->prev = n->prev;
	if (n->prev)
		n->prev->next = first;
	else
		parent->children = first;
	last->next = n->next;
	if (n->next)
		n->next->prev = last;
	else
		parent->last = last;
	n->children = n->last = NULL;
	n->prev = n->next = n->parent = NULL;
	xmlFreeNode(n);
}

void galley_html_cap_depth(xmlNodePtr root, int max)
{
	xmlNodePtr n = root ? root->children : NULL;
	int depth = 1;
	while (n) {
		if (n->type == XML_ELEMENT_NODE && depth > max) {
			xmlNodePtr first = n->children, after = n->next, parent = n->parent;
			S_splice(n);
			if (first || after) {
				n = first ? first : after;
				continue;
			}
			n = parent;
			depth--;
		} else if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			depth++;
			continue;
		}
		while (n != root && !n->next) {
			n = n->parent;
			depth--;
		}
		if (n == root)
			break;
		n = n->next;
	}
}
