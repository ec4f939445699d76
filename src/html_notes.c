/* html_notes.c — finds a page's footnotes (a <sup><a href="#fn1"> pointing at a note in a list or a doc-footnote) and makes them notes, not a trailing list. */
#include <libxml/hash.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "reader.h"

struct lift {
	xmlHashTablePtr ids;     /* id -> element, the first with that id */
	xmlNodePtr trash;        /* what was taken out: kept until the end, so
	                          * no anchor or id seen in the walk dangles */
	xmlNodePtr *anchors;
	size_t n, cap;
	char *self;              /* the page's own address, as its absolute
	                          * note marks name it ("https://x/a" of
	                          * "https://x/a#cite_note-2"); NULL if none */
};

/* The fragment HREF points at, after its '#'; NULL when there is none. */
static const char *S_fragment(const char *href)
{
	const char *hash = href ? strchr(href, '#') : NULL;
	return hash && hash[1] ? hash + 1 : NULL;
}

/* Whether HREF points into this page: "#x", or the page's own address
 * with a fragment (a page saved with its links made absolute).  The first
 * absolute mark that leads to a note here tells the page's address; any
 * other address is another page. */
static int S_in_page(struct lift *l, const char *href, int learn)
{
	const char *frag = S_fragment(href);
	if (!frag)
		return 0;
	size_t len = (size_t)(frag - 1 - href);
	if (len == 0)
		return 1;
	if (l->self)
		return strlen(l->self) == len && strncmp(l->self, href, len) == 0;
	if (learn)
		l->self = galley_xstrndup(href, len);
	return learn;
}

static int S_collect(xmlNodePtr n, void *ctx)
{
	struct lift *l = ctx;
	if (n->type != XML_ELEMENT_NODE)
		return GALLEY_HTML_SKIP;
	if (!n->properties)  /* most elements: no id, no href, nothing to look up */
		return GALLEY_HTML_DESCEND;
	char *id = galley_html_attr(n, "id");
	if (id && *id)
		xmlHashAddEntry(l->ids, BAD_CAST id, n);  /* fails, keeping the first, on a repeat */
	xmlFree(id);
	char *href = galley_html_attr(n, "href");
	if (galley_html_is(n, "a") && S_fragment(href)) {
		if (l->n == l->cap)
			l->anchors = galley_xrealloc(l->anchors, (l->cap = l->cap ? 2 * l->cap : 64) *
			                                         sizeof *l->anchors);
		l->anchors[l->n++] = n;
	}
	xmlFree(href);
	return GALLEY_HTML_DESCEND;
}

static int S_attr_has(const xmlNode *n, const char *attr, const char *pattern)
{
	char *v = galley_html_attr(n, attr);
	if (v)
		for (char *p = v; *p; p++)
			*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	int has = v && galley_html_match(v, pattern);
	xmlFree(v);
	return has;
}

static xmlAttrPtr S_epub_type(const xmlNode *n)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		if (a->name && strcasecmp((const char *)a->name, "epub:type") == 0)
			return a;
	return NULL;
}

static int S_epub_type_has(const xmlNode *n, const char *word)
{
	xmlAttrPtr a = S_epub_type(n);
	xmlChar *v = a ? xmlNodeGetContent((xmlNodePtr)a) : NULL;
	int has = v && strstr((const char *)v, word) != NULL;
	xmlFree(v);
	return has;
}

/* A reference mark: marked as one, or a short link set in superscript. */
static int S_is_ref(xmlNodePtr a)
{
	if (galley_html_text_len(a, NULL) > 6)
		return 0;
	return S_attr_has(a, "role", "doc-noteref|doc-biblioref") || S_epub_type_has(a, "noteref") ||
	       galley_html_is(a->parent, "sup") || galley_html_count(a, "sup") > 0 ||
	       S_attr_has(a, "class", "footnote-ref|fnref|noteref|footnote");
}

/* A note: marked as one, or a list item or block named like one. */
static int S_is_note(xmlNodePtr t)
{
	if (!t || galley_html_is(t, "body") || galley_html_is(t, "html"))
		return 0;
	return S_attr_has(t, "role", "doc-footnote|doc-endnote|doc-rearnote") ||
	       S_epub_type_has(t, "footnote") || S_epub_type_has(t, "endnote") ||
	       S_epub_type_has(t, "rearnote") || galley_html_is(t, "li") ||
	       S_attr_has(t, "class", "footnote|endnote|^fn|cite_note|^note") ||
	       S_attr_has(t, "id", "footnote|endnote|^fn|cite_note|^note");
}

static int S_contains(const xmlNode *outer, const xmlNode *inner)
{
	for (; inner; inner = inner->parent)
		if (inner == outer)
			return 1;
	return 0;
}

/* The mark's outermost wrapper that holds nothing else (<sup><a>1</a></sup>). */
static xmlNodePtr S_wrapper(xmlNodePtr a)
{
	xmlNodePtr p = a->parent;
	if (!p || !galley_html_is(p, "sup"))
		return a;
	for (xmlNodePtr c = p->children; c; c = c->next)
		if (c != a && (c->type == XML_ELEMENT_NODE ||
		               (c->type == XML_TEXT_NODE && galley_html_text_len(c, NULL) > 0)))
			return a;
	return p;
}

/* A text of arrows and carets alone ("^ " before a note's lettered
 * backlinks "a b", one per reference) points back up the page. */
static int S_is_arrow_text(const xmlNode *n)
{
	static const char *const marks[] = {"^", "\xe2\x86\x91", "\xe2\x86\xa9", "\xe2\x86\xb5",
	                                    "\xef\xb8\x8e", "\xef\xb8\x8f", " ", "\t", "\n",
	                                    "\xc2\xa0"};
	const char *s = (const char *)n->content;
	int arrows = 0;
	while (s && *s) {
		size_t i = 0, k = sizeof marks / sizeof *marks;
		while (i < k && strncmp(s, marks[i], strlen(marks[i])) != 0)
			i++;
		if (i == k)
			return 0;
		arrows += i < 4;
		s += strlen(marks[i]);
	}
	return arrows > 0;
}

/* Backlinks and labels inside a note ("^", "↩", "1.") are the page's
 * navigation, not the note's text. */
static int S_drop_backlinks(xmlNodePtr n, void *ctx)
{
	struct lift *l = ctx;
	if (n->type == XML_TEXT_NODE)
		return S_is_arrow_text(n) ? GALLEY_HTML_REMOVE : GALLEY_HTML_SKIP;
	if (n->type != XML_ELEMENT_NODE)
		return GALLEY_HTML_SKIP;
	if (!galley_html_is(n, "a"))
		return GALLEY_HTML_DESCEND;
	char *href = galley_html_attr(n, "href");
	int back = S_in_page(l, href, 0) &&
	           (galley_html_text_len(n, NULL) <= 3 || S_attr_has(n, "role", "doc-backlink"));
	xmlFree(href);
	return back ? GALLEY_HTML_REMOVE : GALLEY_HTML_SKIP;
}

static void S_discard(struct lift *l, xmlNodePtr n)
{
	xmlUnlinkNode(n);
	xmlAddChild(l->trash, n);
}

/* Remove the list or section the notes stood in once it holds no text. */
static void S_drop_empty(struct lift *l, xmlNodePtr n)
{
	while (n && n->type == XML_ELEMENT_NODE && !galley_html_is(n, "body") &&
	       n->parent && galley_html_text_len(n, NULL) == 0 && galley_html_count(n, "img") == 0) {
		xmlNodePtr up = n->parent;
		S_discard(l, n);
		n = up;
	}
}

xmlNodePtr galley_html_notes_lift(xmlNodePtr body)
{
	struct lift l = {xmlHashCreate(64), xmlNewNode(NULL, BAD_CAST "trash"), NULL, 0, 0, NULL};
	galley_html_walk(body, S_collect, NULL, &l);
	xmlNodePtr holder = xmlNewNode(NULL, BAD_CAST "galley-notes");
	for (size_t i = 0; i < l.n; i++) {
		xmlNodePtr a = l.anchors[i];
		char *href = galley_html_attr(a, "href");
		const char *frag = S_fragment(href);
		xmlNodePtr t = xmlHashLookup(l.ids, BAD_CAST frag);
		if (S_is_ref(a) && S_is_note(t) && !S_contains(t, a) && !S_contains(a, t) &&
		    S_in_page(&l, href, 1)) {
			xmlNodePtr mark = xmlNewDocNode(body->doc, NULL, BAD_CAST "galley-noteref", NULL);
			xmlSetProp(mark, BAD_CAST "ref", BAD_CAST frag);
			xmlNodePtr old = S_wrapper(a);
			xmlAddPrevSibling(old, mark);
			S_discard(&l, old);
			if (t->parent != holder) {
				xmlNodePtr was = t->parent;
				xmlUnlinkNode(t);
				xmlAddChild(holder, t);
				S_drop_empty(&l, was);
			}
		}
		xmlFree(href);
	}
	for (xmlNodePtr t = holder->children; t; t = t->next)
		galley_html_walk(t, S_drop_backlinks, NULL, &l);
	xmlHashFree(l.ids, NULL);
	xmlFreeNode(l.trash);
	free(l.anchors);
	free(l.self);
	return holder;
}

/* The ids of the notes ARTICLE references. */
static void S_refs(galley_node *article, xmlHashTablePtr refs)
{
	galley_iter *it = galley_iter_new(article);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *n = galley_iter_get_node(it);
		const char *id = galley_node_get_note_id(n);
		if (ev == GALLEY_EVENT_ENTER && galley_node_get_type(n) == GALLEY_NODE_NOTEREF && id)
			xmlHashAddEntry(refs, BAD_CAST id, n);
	}
	galley_iter_free(it);
}

void galley_html_notes_append(xmlNodePtr notes, galley_node *article, const char *base)
{
	if (!notes || !notes->children)
		return;
	xmlHashTablePtr refs = xmlHashCreate(64);
	S_refs(article, refs);
	/* the notes' own heading ("References", "Notes") is left heading nothing
	 * once they are lifted: the notes follow the text without it */
	galley_node *last;
	while (xmlHashSize(refs) > 0 && (last = galley_node_last_child(article)) != NULL &&
	       galley_node_get_type(last) == GALLEY_NODE_HEADING) {
		galley_node_unlink(last);
		galley_node_free(last);
	}
	for (xmlNodePtr t = notes->children; t; t = t->next) {
		char *id = galley_html_attr(t, "id");
		if (id && xmlHashLookup(refs, BAD_CAST id)) {
			galley_node *tmp = galley_node_new(GALLEY_NODE_ARTICLE);
			galley_html_convert_part(t, tmp, base);
			galley_node *fn = galley_node_new(GALLEY_NODE_FOOTNOTE), *b;
			galley_node_set_note_id(fn, id);
			while ((b = galley_node_first_child(tmp)) != NULL)
				if (!galley_node_append_child(fn, b))
					galley_node_free(b);  /* a heading or a figure in a note */
			galley_node_free(tmp);
			galley_node_append_child(article, fn);
		}
		xmlFree(id);
	}
	xmlHashFree(refs, NULL);
}
