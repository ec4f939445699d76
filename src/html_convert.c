/* html_convert.c — mapping a cleaned DOM subtree onto galley blocks and inlines, without recursion. */
#define _GNU_SOURCE /* strcasestr */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/uri.h>

#include "html.h"
#include "reader.h"

/* What an element becomes. */
enum kind {
	K_SKIP, K_FLOW, K_PARA, K_HEADING, K_QUOTE, K_LIST, K_ITEM, K_PRE,
	K_FIGURE, K_CAPTION, K_IMG, K_HR, K_BR, K_EMPH, K_STRONG, K_LINK,
	K_CODE, K_SPAN, K_MATH, K_TABLE, K_NOTEREF
};

struct frame {
	enum kind kind;
	galley_node *container; /* where blocks go inside this element */
	galley_node *opened;    /* the node this element made (inline: current copy) */
	char *url;              /* K_LINK: resolved href */
};

struct conv {
	galley_node *article;
	galley_node *block;     /* the open block taking inlines, or NULL */
	int space;              /* last character emitted was a space */
	int implicit;           /* the open block was made for loose text */
	galley_buf pending;     /* text not yet stored, for PENDING_AT */
	galley_node *pending_at;
	int author_boxes;       /* look for author boxes */
	galley_node *deferred;  /* figures met inside lists and quotes */
	const char *base;
	const char *skip_title;
	struct frame *stack;
	size_t depth, cap;
};

/* Inline formatting deeper than this is flattened: spans nested 100,000
 * deep must not make the text path quadratic. */
#define INLINE_SCAN_MAX 48

static const struct { const char *name; enum kind kind; } S_kinds[] = {
	{"p", K_PARA}, {"dt", K_PARA}, {"dd", K_PARA}, {"address", K_PARA},
	{"h1", K_HEADING}, {"h2", K_HEADING}, {"h3", K_HEADING}, {"h4", K_HEADING},
	{"h5", K_HEADING}, {"h6", K_HEADING},
	{"blockquote", K_QUOTE}, {"ul", K_LIST}, {"ol", K_LIST}, {"li", K_ITEM},
	{"pre", K_PRE}, {"listing", K_PRE}, {"xmp", K_PRE}, {"plaintext", K_PRE},
	{"figure", K_FIGURE}, {"figcaption", K_CAPTION}, {"img", K_IMG},
	{"hr", K_HR}, {"br", K_BR},
	{"em", K_EMPH}, {"i", K_EMPH}, {"cite", K_EMPH}, {"dfn", K_EMPH}, {"var", K_EMPH},
	{"strong", K_STRONG}, {"b", K_STRONG},
	{"a", K_LINK}, {"code", K_CODE}, {"kbd", K_CODE}, {"samp", K_CODE}, {"tt", K_CODE},
	{"span", K_SPAN}, {"font", K_SPAN}, {"small", K_SPAN}, {"big", K_SPAN},
	{"abbr", K_SPAN}, {"acronym", K_SPAN}, {"time", K_SPAN}, {"sup", K_SPAN},
	{"sub", K_SPAN}, {"u", K_SPAN}, {"s", K_SPAN}, {"strike", K_SPAN},
	{"del", K_SPAN}, {"ins", K_SPAN}, {"mark", K_SPAN}, {"q", K_SPAN},
	{"label", K_SPAN}, {"bdi", K_SPAN}, {"bdo", K_SPAN}, {"wbr", K_SPAN},
	{"nobr", K_SPAN}, {"data", K_SPAN}, {"picture", K_SPAN}, {"math", K_MATH},
	{"table", K_TABLE}, {"galley-noteref", K_NOTEREF},
	{"script", K_SKIP}, {"style", K_SKIP}, {"noscript", K_SPAN},
	{"template", K_SKIP}, {"head", K_SKIP}, {"title", K_SKIP}, {"button", K_SKIP},
	{"select", K_SKIP}, {"textarea", K_SKIP}, {"input", K_SKIP}, {"svg", K_SKIP},
	{"iframe", K_SKIP}, {"object", K_SKIP}, {"video", K_SKIP}, {"audio", K_SKIP},
	{"source", K_SPAN},   /* a <picture>'s, which may hold its <img> */
};

static enum kind S_kind(const xmlNode *n)
{
	for (size_t i = 0; i < sizeof S_kinds / sizeof *S_kinds; i++)
		if (strcasecmp((const char *)n->name, S_kinds[i].name) == 0)
			return S_kinds[i].kind;
	return K_FLOW;
}

/* ------------------------------------------------------------- text */

/* Drop trailing spaces and line breaks, and inlines left empty. */
static void S_trim_end(galley_node *block)
{
	for (;;) {
		galley_node *n = galley_node_last_child(block);
		while (n && !galley_node_is_leaf(n) && galley_node_last_child(n))
			n = galley_node_last_child(n);
		if (!n || n == block)
			return;
		galley_node_type t = galley_node_get_type(n);
		if (t == GALLEY_NODE_TEXT) {
			char *s = galley_xstrdup(galley_node_get_literal(n));
			size_t len = strlen(s);
			while (len && s[len - 1] == ' ')
				s[--len] = '\0';
			galley_node_set_literal(n, s);
			free(s);
			if (len)
				return;
		} else if (t != GALLEY_NODE_LINEBREAK && galley_node_is_leaf(n)) {
			return;
		} else if (t != GALLEY_NODE_LINEBREAK && !galley_node_is_inline(n)) {
			return; /* an empty nested list or the like */
		}
		galley_node_free(n);
	}
}

/* 1 if NODE holds no text or leaf other than spaces and line breaks. */
static int S_is_empty(galley_node *node)
{
	int empty = 1;
	galley_iter *it = galley_iter_new(node);
	galley_event ev;
	while (empty && (ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *n = galley_iter_get_node(it);
		galley_node_type t = galley_node_get_type(n);
		if (t == GALLEY_NODE_TEXT || t == GALLEY_NODE_CODE) {
			/* galley_trim also knows the Unicode spaces (&nbsp; paragraphs) */
			char *s = galley_xstrdup(galley_node_get_literal(n) ? galley_node_get_literal(n) : "");
			empty = !*galley_trim(s);
			free(s);
		} else if (t == GALLEY_NODE_IMAGE || t == GALLEY_NODE_CODE_BLOCK ||
		           t == GALLEY_NODE_SEPARATOR) {
			empty = 0;
		}
	}
	galley_iter_free(it);
	return empty;
}

/* Store the pending text as a TEXT node.  Text arrives in many pieces
 * (one per DOM text node); joining them once keeps long runs linear. */
static void S_flush(struct conv *c)
{
	if (!c->pending_at)
		return;
	galley_node *last = galley_node_last_child(c->pending_at);
	if (last && galley_node_get_type(last) == GALLEY_NODE_TEXT) {
		galley_buf b = GALLEY_BUF_INIT;
		galley_buf_puts(&b, galley_node_get_literal(last));
		galley_buf_put(&b, c->pending.data, c->pending.len);
		galley_node_set_literal(last, b.data);
		galley_buf_free(&b);
	} else {
		galley_append_text(c->pending_at, c->pending.data);
	}
	galley_buf_clear(&c->pending);
	c->pending_at = NULL;
}

/* Finish the open block: trim it, and drop it when nothing is left. */
static void S_close_block(struct conv *c)
{
	S_flush(c);
	galley_node *b = c->block;
	c->block = NULL;
	c->space = 1;
	/* the inline copies belong to the closed block */
	for (size_t i = c->depth; i > 0 && c->depth - i < INLINE_SCAN_MAX; i--)
		c->stack[i - 1].opened = c->stack[i - 1].kind >= K_EMPH ? NULL
		                                                        : c->stack[i - 1].opened;
	if (!b)
		return;
	S_trim_end(b);
	/* a block an element opened is dropped at that element's end */
	if (c->implicit && galley_node_get_type(b) == GALLEY_NODE_PARAGRAPH && S_is_empty(b))
		galley_node_free(b);
	c->implicit = 0;
}

static struct frame *S_top(struct conv *c)
{
	return &c->stack[c->depth - 1];
}

/* A new block of TYPE in the current container (or what stands for it
 * there); becomes the open block when it takes inlines. */
static galley_node *S_open_block(struct conv *c, galley_node_type type)
{
	galley_node *ct = S_top(c)->container;
	S_close_block(c);
	switch (galley_node_get_type(ct)) {
	case GALLEY_NODE_ITEM: case GALLEY_NODE_PULLQUOTE:
		if (type == GALLEY_NODE_LIST && galley_node_get_type(ct) == GALLEY_NODE_ITEM)
			break;
		c->block = ct; /* a paragraph inside <li> continues the item */
		c->space = galley_node_first_child(ct) == NULL;
		if (!c->space)
			galley_append_text(ct, " "), c->space = 1;
		return NULL;
	case GALLEY_NODE_FIGURE:
		for (galley_node *k = galley_node_first_child(ct); k; k = galley_node_next(k))
			if (galley_node_get_type(k) == GALLEY_NODE_CAPTION) {
				c->block = k;
				c->space = 1;
				galley_append_text(k, " ");
				return NULL;
			}
		type = GALLEY_NODE_CAPTION;
		break;
	case GALLEY_NODE_LIST:
		if (type != GALLEY_NODE_ITEM) {
			galley_node *item = galley_node_new(GALLEY_NODE_ITEM);
			galley_node_append_child(ct, item);
			c->block = item;
			return NULL;
		}
		break;
	case GALLEY_NODE_ARTICLE:
		break;
	default:
		if (!galley_node_can_contain(galley_node_get_type(ct), type))
			type = GALLEY_NODE_PARAGRAPH;
		break;
	}
	galley_node *b = galley_node_new(type);
	if (!galley_node_append_child(ct, b)) {
		galley_node_free(b);
		return NULL;
	}
	if (type != GALLEY_NODE_BLOCKQUOTE && type != GALLEY_NODE_LIST &&
	    type != GALLEY_NODE_FIGURE && type != GALLEY_NODE_CODE_BLOCK &&
	    type != GALLEY_NODE_SEPARATOR) {
		c->block = b;
		c->space = 1;
	}
	return b;
}

/* The inline node text goes into: the open block (opened if needed) and
 * the chain of emphasis/strong/link elements around the text. */
static galley_node *S_inline_parent(struct conv *c)
{
	if (!c->block) {
		S_open_block(c, GALLEY_NODE_PARAGRAPH);
		c->implicit = 1;
	}
	if (!c->block)
		return NULL;
	size_t lo = c->depth;
	while (lo > 0 && c->depth - lo < INLINE_SCAN_MAX) {
		enum kind k = c->stack[lo - 1].kind;
		if (k != K_EMPH && k != K_STRONG && k != K_LINK && k != K_SPAN)
			break;
		lo--;
	}
	galley_node *p = c->block;
	for (size_t i = lo; i < c->depth; i++) {
		struct frame *f = &c->stack[i];
		galley_node_type t = f->kind == K_EMPH ? GALLEY_NODE_EMPH :
		                     f->kind == K_STRONG ? GALLEY_NODE_STRONG :
		                     f->kind == K_LINK && f->url ? GALLEY_NODE_LINK :
		                     GALLEY_NODE_NONE;
		if (t == GALLEY_NODE_NONE)
			continue;
		if (f->opened && galley_node_last_child(p) == f->opened) {
			p = f->opened;
			continue;
		}
		S_flush(c);
		galley_node *n = galley_node_new(t);
		if (t == GALLEY_NODE_LINK)
			galley_node_set_url(n, f->url);
		if (!galley_node_append_child(p, n)) {
			galley_node_free(n);
			continue;
		}
		f->opened = n;
		p = n;
	}
	return p;
}

/* Append TEXT (whitespace collapsed) at the current position. */
static void S_text(struct conv *c, const char *text)
{
	galley_buf b = GALLEY_BUF_INIT;
	int space = c->space, any = 0;
	for (const char *s = text; *s; s++) {
		if (galley_is_space((unsigned char)*s)) {
			if (!space)
				galley_buf_putc(&b, ' ');
			space = 1;
			continue;
		}
		galley_buf_putc(&b, *s);
		space = 0;
		any = 1;
	}
	if (b.len && (any || c->block)) {
		galley_node *p = S_inline_parent(c);
		if (p && p != c->pending_at)
			S_flush(c);
		if (p) {
			c->pending_at = p;
			galley_buf_put(&c->pending, b.data, b.len);
		}
		c->space = space;
	}
	galley_buf_free(&b);
}

/* ------------------------------------------------------------- elements */

/* An absolute URL for the attribute value HREF (malloc'd), or NULL for
 * empty, fragment-only and script or data links. */
static char *S_resolve(const struct conv *c, const char *href)
{
	while (href && galley_is_space((unsigned char)*href))
		href++;
	if (!href || !*href || *href == '#' || strncasecmp(href, "javascript:", 11) == 0 ||
	    strncasecmp(href, "vbscript:", 9) == 0 || strncasecmp(href, "data:", 5) == 0)
		return NULL;
	xmlChar *abs = c->base ? xmlBuildURI(BAD_CAST href, BAD_CAST c->base) : NULL;
	char *out = galley_xstrdup(abs ? (const char *)abs : href);
	xmlFree(abs);
	galley_trim(out);
	return out;
}

/* The image URL: src, or the lazy-loading attributes sites use. */
static char *S_image_src(const struct conv *c, xmlNodePtr img)
{
	/* a lazy loader's real address wins over the placeholder in src */
	static const char *const attrs[] = {"data-src", "data-lazy-src",
		"data-original", "src", "data-url"};
	/* issue 17: a <picture>'s or a srcset's best candidate first */
	char *best = galley_html_best_source(img);
	char *url = best ? S_resolve(c, best) : NULL;
	free(best);
	for (size_t i = 0; i < sizeof attrs / sizeof *attrs && !url; i++) {
		char *v = galley_html_attr(img, attrs[i]);
		if (v && *v && strncasecmp(v, "data:", 5) != 0) {
			v[strcspn(v, "\t\n")] = '\0';
			url = S_resolve(c, v);
		}
		xmlFree(v);
	}
	return url;
}

/* 1 if the image is a tracking pixel, a spacer or an advertisement. */
static int S_tiny(xmlNodePtr img)
{
	char *src = galley_html_attr(img, "src");
	int tiny = src && galley_html_match(src, "adserver|doubleclick.net|/pixel.|/tracking/|beacon.");
	xmlFree(src);
	const char *dims[] = {"width", "height"};
	for (int i = 0; i < 2; i++) {
		char *v = galley_html_attr(img, dims[i]);
		if (v && isdigit((unsigned char)*v) && atoi(v) > 0 && atoi(v) < 8)
			tiny = 1;
		xmlFree(v);
	}
	return tiny;
}

static void S_image(struct conv *c, xmlNodePtr n)
{
	galley_node *ct = S_top(c)->container;
	galley_node_type ctt = galley_node_get_type(ct);
	if (S_tiny(n))
		return;
	if (ctt == GALLEY_NODE_FIGURE) {
		for (galley_node *k = galley_node_first_child(ct); k; k = galley_node_next(k))
			if (galley_node_get_type(k) == GALLEY_NODE_IMAGE)
				return; /* one image per figure */
	}
	char *src = S_image_src(c, n);
	if (!src)
		return;
	galley_node *img = galley_node_new(GALLEY_NODE_IMAGE);
	galley_node_set_url(img, src);
	free(src);
	char *alt = galley_html_attr(n, "alt");
	if (alt)
		galley_node_set_title(img, galley_collapse_space(galley_trim(alt)));
	xmlFree(alt);
	if (ctt != GALLEY_NODE_ARTICLE && ctt != GALLEY_NODE_FIGURE) {
		/* a figure cannot stand in a list item: it follows the list */
		if (!c->deferred)
			c->deferred = galley_node_new(GALLEY_NODE_ARTICLE);
		galley_node *before = galley_node_first_child(galley_node_last_child(c->deferred));
		if (before && strcmp(galley_node_get_url(before), galley_node_get_url(img)) == 0) {
			galley_node_free(img); /* the <noscript> copy of a lazy image */
			return;
		}
		galley_node *fig = galley_node_new(GALLEY_NODE_FIGURE);
		galley_node_append_child(fig, img);
		galley_node_append_child(c->deferred, fig);
		return;
	}
	if (ctt == GALLEY_NODE_FIGURE) {
		if (c->block && galley_node_parent(c->block) == ct)
			S_close_block(c);
		galley_node_prepend_child(ct, img);
		return;
	}
	/* a lazy image and its <noscript> copy: one figure */
	galley_node *last = galley_node_last_child(ct);
	galley_node *prev = galley_node_get_type(last) == GALLEY_NODE_FIGURE ?
	                    galley_node_first_child(last) : NULL;
	if (prev && galley_node_get_type(prev) == GALLEY_NODE_IMAGE &&
	    strcmp(galley_node_get_url(prev), galley_node_get_url(img)) == 0) {
		galley_node_free(img);
		return;
	}
	galley_node *fig = S_open_block(c, GALLEY_NODE_FIGURE);
	if (!fig || !galley_node_append_child(fig, img))
		galley_node_free(img);
}

static void S_code_block(struct conv *c, xmlNodePtr n)
{
	xmlChar *raw = xmlNodeGetContent(n);
	const char *s = raw ? (const char *)raw : "";
	if (*s == '\n')
		s++;
	galley_buf b = GALLEY_BUF_INIT;
	galley_buf_puts(&b, s);
	while (b.len && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == ' '))
		b.data[--b.len] = '\0';
	xmlFree(raw);
	if (b.len) {
		galley_node *ct = S_top(c)->container;
		if (galley_node_get_type(ct) == GALLEY_NODE_ARTICLE) {
			galley_node *cb = S_open_block(c, GALLEY_NODE_CODE_BLOCK);
			galley_node_set_literal(cb, b.data);
		} else {
			S_text(c, b.data);
		}
	}
	galley_buf_free(&b);
}

static void S_code(struct conv *c, xmlNodePtr n)
{
	char *text = galley_html_text(n);
	if (*text) {
		galley_node *p = S_inline_parent(c);
		S_flush(c);
		galley_node *code = galley_node_new(GALLEY_NODE_CODE);
		galley_node_set_literal(code, text);
		if (!p || !galley_node_append_child(p, code))
			galley_node_free(code);
		c->space = 0;
	}
	free(text);
}

/* MathML: its text, as it would read without the layout (the tree has no
 * formulas; a MathML renderer's alttext would be better still). */
static void S_math(struct conv *c, xmlNodePtr n)
{
	char *alt = galley_html_attr(n, "alttext");
	char *text = galley_html_text(n);
	S_text(c, " ");
	S_text(c, alt && *alt ? alt : text);
	S_text(c, " ");
	xmlFree(alt);
	free(text);
}

/* A reference to a note (html_notes.c marked it). */
static void S_noteref(struct conv *c, xmlNodePtr n)
{
	char *ref = galley_html_attr(n, "ref");
	galley_node *p = S_inline_parent(c);
	S_flush(c);
	galley_node *mark = galley_node_new(GALLEY_NODE_NOTEREF);
	galley_node_set_note_id(mark, ref);
	if (!p || !galley_node_append_child(p, mark))
		galley_node_free(mark);
	c->space = 0;
	xmlFree(ref);
}

/* A data table stands in the article whole; a layout table (or one inside
 * a list or quote) is unwrapped, its cells read as the text they hold. */
static int S_table(struct conv *c, xmlNodePtr n, struct frame *f)
{
	S_close_block(c);
	if (f->container != c->article || !galley_html_is_data_table(n)) {
		f->kind = K_FLOW;
		return GALLEY_HTML_DESCEND;
	}
	galley_node_append_child(c->article, galley_html_table(n, c->base));
	return GALLEY_HTML_SKIP;
}

/* 1 if the next element sibling of N, past blank text, is a <br>. */
static int S_br_follows(xmlNodePtr n)
{
	for (xmlNodePtr s = n->next; s; s = s->next) {
		if (s->type == XML_TEXT_NODE) {
			for (const xmlChar *t = s->content; t && *t; t++)
				if (!galley_is_space(*t))
					return 0;
			continue;
		}
		return galley_html_is(s, "br");
	}
	return 0;
}

static void S_break(struct conv *c, xmlNodePtr n)
{
	if (!c->block)
		return;
	if (S_br_follows(n) || galley_node_get_type(c->block) == GALLEY_NODE_CAPTION) {
		if (galley_node_get_type(c->block) != GALLEY_NODE_ITEM)
			S_close_block(c);
		return;
	}
	if (c->space)
		return; /* at the start of a block or after a break */
	galley_node *p = S_inline_parent(c);
	S_flush(c);
	galley_node *br = galley_node_new(GALLEY_NODE_LINEBREAK);
	if (!p || !galley_node_append_child(p, br))
		galley_node_free(br);
	c->space = 1;
}

/* Readability's _headerDuplicatesTitle, simplified: the same words, or
 * one containing the other when they are nearly as long. */
static int S_same_title(const char *heading, const char *title)
{
	if (!title || !*heading)
		return 0;
	size_t h = strlen(heading), t = strlen(title);
	if (strcasecmp(heading, title) == 0)
		return 1;
	const char *in = h < t ? strcasestr(title, heading) : strcasestr(heading, title);
	size_t shorter = h < t ? h : t, longer = h < t ? t : h;
	return in && shorter * 4 >= longer * 3;
}

static void S_push(struct conv *c, enum kind kind)
{
	if (c->depth == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->stack = galley_xrealloc(c->stack, c->cap * sizeof *c->stack);
	}
	galley_node *ct = c->depth ? S_top(c)->container : c->article;
	c->stack[c->depth++] = (struct frame){kind, ct, NULL, NULL};
}

/* Where a container element (blockquote, list, figure) may open. */
static int S_container_ok(struct conv *c, enum kind kind)
{
	galley_node_type ct = galley_node_get_type(S_top(c)->container);
	switch (kind) {
	case K_QUOTE: case K_FIGURE: return ct == GALLEY_NODE_ARTICLE;
	case K_LIST: return ct == GALLEY_NODE_ARTICLE || ct == GALLEY_NODE_BLOCKQUOTE ||
	                    ct == GALLEY_NODE_ITEM;
	case K_ITEM: return ct == GALLEY_NODE_LIST;
	case K_CAPTION: return ct == GALLEY_NODE_FIGURE;
	default: return 1;
	}
}

static int S_heading(struct conv *c, xmlNodePtr n, struct frame *f)
{
	char *text = galley_html_text(n);
	int skip = !*text || S_same_title(text, c->skip_title);
	free(text);
	if (skip)
		return GALLEY_HTML_SKIP;
	static const int levels[] = {2, 2, 2, 3, 4, 4, 4};
	f->opened = S_open_block(c, GALLEY_NODE_HEADING);
	if (galley_node_get_type(f->opened) == GALLEY_NODE_HEADING)
		galley_node_set_heading_level(f->opened, levels[galley_html_heading(n)]);
	else if (!f->opened)
		f->kind = K_STRONG; /* a heading inside a list item: its lead words */
	return GALLEY_HTML_DESCEND;
}

static int S_open_container(struct conv *c, xmlNodePtr n, struct frame *f)
{
	static const galley_node_type types[] = {
		[K_QUOTE] = GALLEY_NODE_BLOCKQUOTE, [K_LIST] = GALLEY_NODE_LIST,
		[K_ITEM] = GALLEY_NODE_ITEM, [K_FIGURE] = GALLEY_NODE_FIGURE,
		[K_CAPTION] = GALLEY_NODE_CAPTION};
	if (!S_container_ok(c, f->kind)) {
		f->kind = K_FLOW;
		S_close_block(c);
		return GALLEY_HTML_DESCEND;
	}
	f->opened = S_open_block(c, types[f->kind]);
	if (f->opened && f->kind != K_CAPTION)
		f->container = f->opened;
	if (f->opened && f->kind == K_LIST)
		galley_node_set_list_ordered(f->opened, galley_html_is(n, "ol"));
	return GALLEY_HTML_DESCEND;
}

static int S_link(struct conv *c, xmlNodePtr n, struct frame *f)
{
	char *href = galley_html_attr(n, "href");
	f->url = S_resolve(c, href);
	xmlFree(href);
	return GALLEY_HTML_DESCEND;
}

/* The <footer> or <cite> closing a blockquote names who said it. */
static int S_attribution(struct conv *c, xmlNodePtr n, struct frame *f)
{
	if (galley_node_get_type(f->container) != GALLEY_NODE_BLOCKQUOTE ||
	    !(galley_html_is(n, "footer") ||
	      (galley_html_is(n, "cite") && galley_html_is(n->parent, "blockquote"))))
		return 0;
	f->kind = K_PARA;
	f->opened = S_open_block(c, GALLEY_NODE_CITE);
	return 1;
}

/* A quotation set large beside the text (class pullquote) is a PULLQUOTE,
 * its paragraphs run together. */
static int S_pullquote(struct conv *c, xmlNodePtr n, struct frame *f)
{
	if (f->kind != K_QUOTE || f->container != c->article)
		return 0;
	char *ci = galley_html_class_id(n);
	int pull = galley_html_match(ci, "pullquote|pull-quote|pull_quote");
	free(ci);
	if (!pull)
		return 0;
	f->opened = S_open_block(c, GALLEY_NODE_PULLQUOTE);
	if (f->opened)
		f->container = f->opened;
	return f->opened != NULL;
}

/* A caption set beside an image rather than in a <figure>
 * (<div class="wp-caption-text">) joins the figure just made. */
static void S_loose_caption(struct conv *c, xmlNodePtr n, struct frame *f)
{
	if ((f->kind != K_FLOW && f->kind != K_PARA && f->kind != K_SPAN) ||
	    f->container != c->article)
		return;
	galley_node *fig = galley_node_last_child(c->article);
	if (galley_node_get_type(fig) != GALLEY_NODE_FIGURE ||
	    galley_node_get_type(galley_node_last_child(fig)) == GALLEY_NODE_CAPTION)
		return;
	char *ci = galley_html_class_id(n);
	int caption = galley_html_match(ci, "caption|^credit|^photo-credit");
	free(ci);
	if (caption) {
		f->container = fig;
		f->kind = K_CAPTION;
	}
}

static int S_enter(xmlNodePtr n, void *ctx)
{
	struct conv *c = ctx;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			S_text(c, (const char *)n->content);
		return GALLEY_HTML_SKIP;
	}
	if (n->type != XML_ELEMENT_NODE || !n->name)
		return GALLEY_HTML_SKIP;
	S_push(c, S_kind(n));
	struct frame *f = S_top(c);
	S_loose_caption(c, n, f);
	if (S_attribution(c, n, f))
		return GALLEY_HTML_DESCEND;
	switch (f->kind) {
	case K_SKIP: return GALLEY_HTML_SKIP;
	case K_FLOW:
		S_close_block(c);
		if (c->author_boxes && f->container == c->article &&
		    galley_html_is_author_box(n) && galley_html_author_box(n, c->article, c->base))
			return GALLEY_HTML_SKIP;
		return GALLEY_HTML_DESCEND;
	case K_PARA: f->opened = S_open_block(c, GALLEY_NODE_PARAGRAPH); return GALLEY_HTML_DESCEND;
	case K_HEADING: return S_heading(c, n, f);
	case K_QUOTE: case K_LIST: case K_ITEM: case K_FIGURE: case K_CAPTION:
		if (S_pullquote(c, n, f))
			return GALLEY_HTML_DESCEND;
		return S_open_container(c, n, f);
	case K_PRE: S_code_block(c, n); return GALLEY_HTML_SKIP;
	case K_IMG: S_image(c, n); return GALLEY_HTML_SKIP;
	case K_HR:
		if (galley_node_get_type(f->container) == GALLEY_NODE_ARTICLE)
			S_open_block(c, GALLEY_NODE_SEPARATOR);
		return GALLEY_HTML_SKIP;
	case K_BR: S_break(c, n); return GALLEY_HTML_SKIP;
	case K_CODE: S_code(c, n); return GALLEY_HTML_SKIP;
	case K_MATH: S_math(c, n); return GALLEY_HTML_SKIP;
	case K_LINK: return S_link(c, n, f);
	case K_TABLE: return S_table(c, n, f);
	case K_NOTEREF: S_noteref(c, n); return GALLEY_HTML_SKIP;
	default: return GALLEY_HTML_DESCEND;
	}
}

/* A figure without an image keeps its caption as a paragraph. */
static void S_finish_figure(galley_node *fig)
{
	galley_node *caption = NULL;
	for (galley_node *k = galley_node_first_child(fig); k; k = galley_node_next(k)) {
		if (galley_node_get_type(k) == GALLEY_NODE_IMAGE)
			return;
		if (galley_node_get_type(k) == GALLEY_NODE_CAPTION)
			caption = k;
	}
	if (caption) {
		galley_node *p = galley_node_new(GALLEY_NODE_PARAGRAPH);
		galley_node *k;
		while ((k = galley_node_first_child(caption)) != NULL)
			galley_node_append_child(p, k);
		galley_node_insert_before(fig, p);
	}
	galley_node_free(fig);
}

/* Put the figures met inside a list or quote after it. */
static void S_flush_deferred(struct conv *c)
{
	galley_node *fig;
	S_close_block(c);
	while ((fig = galley_node_first_child(c->deferred)) != NULL)
		galley_node_append_child(c->article, fig);
	galley_node_free(c->deferred);
	c->deferred = NULL;
}

static void S_exit(xmlNodePtr n, void *ctx)
{
	struct conv *c = ctx;
	if (n->type != XML_ELEMENT_NODE || !n->name || c->depth <= 1)
		return;
	struct frame *f = S_top(c);
	switch (f->kind) {
	case K_FLOW: case K_PARA: case K_HEADING: case K_QUOTE: case K_LIST:
	case K_ITEM: case K_FIGURE: case K_CAPTION:
		if (f->kind != K_CAPTION || c->block == f->opened)
			S_close_block(c);
		if (f->opened && f->kind == K_FIGURE)
			S_finish_figure(f->opened);
		else if (f->opened && S_is_empty(f->opened))
			galley_node_free(f->opened);
		break;
	default:
		break;
	}
	free(f->url);
	c->depth--;
	if (c->deferred && S_top(c)->container == c->article)
		S_flush_deferred(c);
}

static int S_convert(xmlNodePtr root, galley_node *article, const char *base,
                     const char *skip_title, int author_boxes)
{
	size_t before = 0, after = 0;
	for (galley_node *k = galley_node_first_child(article); k; k = galley_node_next(k))
		before++;
	struct conv c = {article, NULL, 1, 0, GALLEY_BUF_INIT, NULL, author_boxes, NULL,
	                 base, skip_title, NULL, 0, 0};
	S_push(&c, K_FLOW);
	galley_html_walk(root, S_enter, S_exit, &c);
	S_close_block(&c);
	if (c.deferred)
		S_flush_deferred(&c);
	galley_buf_free(&c.pending);
	for (size_t i = 0; i < c.depth; i++)
		free(c.stack[i].url);
	free(c.stack);
	for (galley_node *k = galley_node_first_child(article); k; k = galley_node_next(k))
		after++;
	return (int)(after - before);
}

int galley_html_convert(xmlNodePtr root, galley_node *article, const char *base,
                        const char *skip_title)
{
	return S_convert(root, article, base, skip_title, 1);
}

int galley_html_convert_part(xmlNodePtr root, galley_node *article, const char *base)
{
	return S_convert(root, article, base, NULL, 0);
}
