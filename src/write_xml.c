/* write_xml.c — the tree as `galley tree` XML (the stable contract), through libxml2's writer. */
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "node.h"
#include "util.h"

struct xml_state {
	xmlTextWriterPtr w;
	int depth;
};

/* Element name for a node in the tree XML. */
static const char *S_element(const galley_node *n)
{
	static const char *const headings[] = {"h2", "h2", "h2", "h3", "h4"};
	switch (n->type) {
	case GALLEY_NODE_HEADING: return headings[n->as.heading.level];
	case GALLEY_NODE_LIST: return n->as.list.ordered ? "ol" : "ul";
	case GALLEY_NODE_CELL: return n->as.cell.header ? "th" : "td";
	default: return galley_node_type_name(n->type);
	}
}

/* Blocks whose children are blocks: they are laid out one child per line. */
static int S_holds_blocks(const galley_node *n)
{
	switch (n->type) {
	case GALLEY_NODE_DOCUMENT: case GALLEY_NODE_ARTICLE: case GALLEY_NODE_BLOCKQUOTE:
	case GALLEY_NODE_LIST: case GALLEY_NODE_FIGURE: case GALLEY_NODE_AUTHOR_BOX:
	case GALLEY_NODE_AUTHOR_BIO: case GALLEY_NODE_TABLE: case GALLEY_NODE_THEAD:
	case GALLEY_NODE_TBODY: case GALLEY_NODE_FOOTNOTE:
		return 1;
	default:
		return 0;
	}
}

static void S_newline(struct xml_state *s)
{
	xmlTextWriterWriteRaw(s->w, BAD_CAST "\n");
	for (int i = 0; i < s->depth; i++)
		xmlTextWriterWriteRaw(s->w, BAD_CAST "  ");
}

static void S_text_element(struct xml_state *s, const char *name, const char *text)
{
	S_newline(s);
	xmlTextWriterWriteElement(s->w, BAD_CAST name, BAD_CAST text);
}

static void S_metadata(struct xml_state *s, const galley_node *a)
{
	static const galley_meta order[] = {GALLEY_META_TITLE, GALLEY_META_SUBTITLE,
		GALLEY_META_BYLINE, GALLEY_META_DATE, GALLEY_META_SOURCE, GALLEY_META_PUBLISHER};
	for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
		const char *v = galley_article_get(a, order[i]);
		if (v)
			S_text_element(s, galley_meta_name(order[i]), v);
	}
	for (size_t i = 0; i < galley_article_author_count(a); i++)
		S_text_element(s, "creator", galley_article_get_author(a, i));
	for (size_t i = 0; i < galley_article_tag_count(a); i++)
		S_text_element(s, "tag", galley_article_get_tag(a, i));
}

static void S_attr(struct xml_state *s, const char *name, const char *value)
{
	if (value)
		xmlTextWriterWriteAttribute(s->w, BAD_CAST name, BAD_CAST value);
}

/* A span of one is the default and is left out. */
static void S_span(struct xml_state *s, const char *name, int span)
{
	if (span > 1)
		xmlTextWriterWriteFormatAttribute(s->w, BAD_CAST name, "%d", span);
}

static void S_enter(struct xml_state *s, galley_node *n)
{
	int block = galley_node_is_block(n);
	if (n->type == GALLEY_NODE_TEXT) {
		xmlTextWriterWriteString(s->w, BAD_CAST (n->literal ? n->literal : ""));
		return;
	}
	if (block && n->type != GALLEY_NODE_DOCUMENT &&
	    (n->parent && S_holds_blocks(n->parent)))
		S_newline(s);
	xmlTextWriterStartElement(s->w, BAD_CAST S_element(n));
	switch (n->type) {
	case GALLEY_NODE_DOCUMENT: /* optional: a digest's title and date */
		S_attr(s, "title", galley_document_get_title(n));
		S_attr(s, "date", galley_document_get_date(n));
		break;
	case GALLEY_NODE_ARTICLE:
		S_attr(s, "lang", galley_article_get(n, GALLEY_META_LANG));
		break;
	case GALLEY_NODE_LINK:
		S_attr(s, "href", n->url ? n->url : "");
		S_attr(s, "title", n->title);
		break;
	case GALLEY_NODE_IMAGE:
		S_attr(s, "src", n->url ? n->url : "");
		S_attr(s, "alt", n->title ? n->title : "");
		break;
	case GALLEY_NODE_CELL:
		S_span(s, "colspan", n->as.cell.colspan);
		S_span(s, "rowspan", n->as.cell.rowspan);
		S_attr(s, "align", galley_cell_align_name(n->as.cell.align));
		break;
	case GALLEY_NODE_FOOTNOTE:
		S_attr(s, "id", n->note_id ? n->note_id : "");
		break;
	case GALLEY_NODE_NOTEREF:
		S_attr(s, "ref", n->note_id ? n->note_id : "");
		break;
	default:
		break;
	}
	if (n->type == GALLEY_NODE_CODE || n->type == GALLEY_NODE_CODE_BLOCK)
		xmlTextWriterWriteString(s->w, BAD_CAST (n->literal ? n->literal : ""));
	if (galley_node_is_leaf(n)) {
		xmlTextWriterEndElement(s->w);
		return;
	}
	s->depth++;
	if (n->type == GALLEY_NODE_ARTICLE)
		S_metadata(s, n);
}

static void S_exit(struct xml_state *s, galley_node *n)
{
	s->depth--;
	if (S_holds_blocks(n) && (n->first_child || n->type == GALLEY_NODE_ARTICLE))
		S_newline(s);
	/* FullEndElement: an empty <p></p> stays explicit, never <p/> */
	xmlTextWriterFullEndElement(s->w);
}

char *galley_render_xml(galley_node *doc, size_t *len)
{
	xmlBufferPtr buf = xmlBufferCreate();
	struct xml_state s = {xmlNewTextWriterMemory(buf, 0), 0};
	xmlTextWriterStartDocument(s.w, "1.0", "UTF-8", NULL);
	galley_iter *it = galley_iter_new(doc);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *n = galley_iter_get_node(it);
		if (ev == GALLEY_EVENT_ENTER)
			S_enter(&s, n);
		else
			S_exit(&s, n);
	}
	galley_iter_free(it);
	xmlTextWriterEndDocument(s.w);
	xmlFreeTextWriter(s.w);
	size_t n = (size_t)xmlBufferLength(buf);
	char *out = galley_xstrndup((const char *)xmlBufferContent(buf), n);
	xmlBufferFree(buf);
	if (len)
		*len = n;
	return out;
}
