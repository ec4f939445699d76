/* read_xml.c — reads `galley tree` XML back into a tree (the round trip of write_xml.c). */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "node.h"
#include "reader.h"
#include "xml_errors.h"

struct xml_reader {
	galley_diag *diag;
};

static int S_is(const xmlNode *x, const char *name)
{
	return x->type == XML_ELEMENT_NODE && strcmp((const char *)x->name, name) == 0;
}

/* Element name -> block type (headings and lists handled by the caller). */
static galley_node_type S_block_type(const char *name)
{
	static const struct { const char *name; galley_node_type type; } map[] = {
		{"p", GALLEY_NODE_PARAGRAPH}, {"blockquote", GALLEY_NODE_BLOCKQUOTE},
		{"cite", GALLEY_NODE_CITE}, {"pullquote", GALLEY_NODE_PULLQUOTE},
		{"ul", GALLEY_NODE_LIST}, {"ol", GALLEY_NODE_LIST}, {"li", GALLEY_NODE_ITEM},
		{"pre", GALLEY_NODE_CODE_BLOCK}, {"figure", GALLEY_NODE_FIGURE},
		{"img", GALLEY_NODE_IMAGE}, {"figcaption", GALLEY_NODE_CAPTION},
		{"hr", GALLEY_NODE_SEPARATOR}, {"author", GALLEY_NODE_AUTHOR_BOX},
		{"name", GALLEY_NODE_AUTHOR_NAME}, {"bio", GALLEY_NODE_AUTHOR_BIO},
		{"h2", GALLEY_NODE_HEADING}, {"h3", GALLEY_NODE_HEADING}, {"h4", GALLEY_NODE_HEADING},
		{"em", GALLEY_NODE_EMPH}, {"strong", GALLEY_NODE_STRONG}, {"a", GALLEY_NODE_LINK},
		{"code", GALLEY_NODE_CODE}, {"br", GALLEY_NODE_LINEBREAK},
		{"table", GALLEY_NODE_TABLE}, {"caption", GALLEY_NODE_TABLE_CAPTION},
		{"thead", GALLEY_NODE_THEAD}, {"tbody", GALLEY_NODE_TBODY},
		{"tr", GALLEY_NODE_ROW}, {"td", GALLEY_NODE_CELL}, {"th", GALLEY_NODE_CELL},
		{"footnote", GALLEY_NODE_FOOTNOTE}, {"noteref", GALLEY_NODE_NOTEREF},
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (strcmp(name, map[i].name) == 0)
			return map[i].type;
	return GALLEY_NODE_NONE;
}

static char *S_content(const xmlNode *x)
{
	xmlChar *c = xmlNodeGetContent(x);
	char *s = galley_xstrdup(c ? (const char *)c : "");
	xmlFree(c);
	return s;
}

static void S_set_attr(galley_node *n, const xmlNode *x, const char *attr,
                       int (*set)(galley_node *, const char *))
{
	xmlChar *v = xmlGetProp(x, BAD_CAST attr);
	if (v) {
		set(n, (const char *)v);
		xmlFree(v);
	}
}

static void S_children(struct xml_reader *r, galley_node *parent, const xmlNode *x);

static int S_int_attr(const xmlNode *x, const char *attr, int dflt)
{
	xmlChar *v = xmlGetProp(x, BAD_CAST attr);
	/* strtol, not atoi: a huge span is clamped, never undefined */
	long n = v ? strtol((const char *)v, NULL, 10) : dflt;
	xmlFree(v);
	return n < 0 ? 0 : n > GALLEY_SPAN_MAX ? GALLEY_SPAN_MAX : (int)n;
}

static void S_cell(galley_node *n, const xmlNode *x, const char *name)
{
	galley_node_set_cell_header(n, name[1] == 'h');
	galley_node_set_colspan(n, S_int_attr(x, "colspan", 1));
	galley_node_set_rowspan(n, S_int_attr(x, "rowspan", 1));
	xmlChar *align = xmlGetProp(x, BAD_CAST "align");
	galley_node_set_cell_align(n, galley_cell_align_from_name((const char *)align));
	xmlFree(align);
}

/* Whitespace between elements of a block container is layout, not text. */
static int S_blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (!galley_is_space(*s))
			return 0;
	return 1;
}

static void S_element(struct xml_reader *r, galley_node *parent, const xmlNode *x)
{
	const char *name = (const char *)x->name;
	galley_node_type t = S_block_type(name);
	if (t == GALLEY_NODE_NONE) {
		galley_diag_report(r->diag, GALLEY_DIAG_WARNING, (int)xmlGetLineNo(x),
		                   "unknown element <%s>: its text is kept", name);
		S_children(r, parent, x);
		return;
	}
	galley_node *n = galley_node_new(t);
	galley_node_set_line(n, (int)xmlGetLineNo(x));
	if (t == GALLEY_NODE_HEADING)
		galley_node_set_heading_level(n, name[1] - '0');
	else if (t == GALLEY_NODE_LIST)
		galley_node_set_list_ordered(n, name[0] == 'o');
	else if (t == GALLEY_NODE_LINK) {
		S_set_attr(n, x, "href", galley_node_set_url);
		S_set_attr(n, x, "title", galley_node_set_title);
	} else if (t == GALLEY_NODE_IMAGE) {
		S_set_attr(n, x, "src", galley_node_set_url);
		S_set_attr(n, x, "alt", galley_node_set_title);
	} else if (t == GALLEY_NODE_CELL) {
		S_cell(n, x, name);
	} else if (t == GALLEY_NODE_FOOTNOTE) {
		S_set_attr(n, x, "id", galley_node_set_note_id);
	} else if (t == GALLEY_NODE_NOTEREF) {
		S_set_attr(n, x, "ref", galley_node_set_note_id);
	}
	if (t == GALLEY_NODE_CODE || t == GALLEY_NODE_CODE_BLOCK) {
		char *s = S_content(x);
		galley_node_set_literal(n, s);
		free(s);
	} else if (!galley_node_is_leaf(n)) {
		S_children(r, n, x);
	}
	if (!galley_node_append_child(parent, n)) {
		galley_diag_report(r->diag, GALLEY_DIAG_WARNING, (int)xmlGetLineNo(x),
		                   "<%s> may not stand in <%s>: dropped", name,
		                   galley_node_type_name(galley_node_get_type(parent)));
		galley_node_free(n);
	}
}

static void S_children(struct xml_reader *r, galley_node *parent, const xmlNode *x)
{
	for (const xmlNode *c = x->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (galley_node_can_contain(galley_node_get_type(parent), GALLEY_NODE_TEXT))
				galley_append_text(parent, (const char *)c->content);
			else if (!S_blank(c->content))
				galley_diag_report(r->diag, GALLEY_DIAG_WARNING, (int)xmlGetLineNo(c),
				                   "text outside a paragraph ignored");
		} else if (c->type == XML_ELEMENT_NODE) {
			S_element(r, parent, c);
		}
	}
}

/* Metadata element name -> key, or -1. */
static int S_meta_key(const char *name)
{
	for (int k = 0; k < GALLEY_META_COUNT; k++)
		if (k != GALLEY_META_LANG && strcmp(name, galley_meta_name(k)) == 0)
			return k;
	return -1;
}

static void S_article(struct xml_reader *r, galley_node *doc, const xmlNode *x)
{
	galley_node *a = galley_node_new(GALLEY_NODE_ARTICLE);
	galley_node_append_child(doc, a);
	xmlChar *lang = xmlGetProp(x, BAD_CAST "lang");
	if (lang) {
		galley_article_set(a, GALLEY_META_LANG, (const char *)lang);
		xmlFree(lang);
	}
	for (const xmlNode *c = x->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE) {
			if (c->type == XML_TEXT_NODE && !S_blank(c->content))
				galley_diag_report(r->diag, GALLEY_DIAG_WARNING, (int)xmlGetLineNo(c),
				                   "text outside a paragraph ignored");
			continue;
		}
		int key = S_meta_key((const char *)c->name);
		char *text = NULL;
		if (key >= 0 || S_is(c, "creator") || S_is(c, "tag"))
			text = S_content(c);
		if (key >= 0)
			galley_article_set(a, (galley_meta)key, text);
		else if (S_is(c, "creator"))
			galley_article_add_author(a, text);
		else if (S_is(c, "tag"))
			galley_article_add_tag(a, text);
		else
			S_element(r, a, c);
		free(text);
	}
}

galley_node *galley_read_xml(const char *data, size_t len,
                             const galley_options *opts, galley_diag *diag)
{
	(void)opts;
	if (len > INT_MAX) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "input too large");
		return NULL;
	}
	/* No network, no DTD loading, no entity substitution: a tree file is
	 * plain elements and text. */
	char *why = NULL;
	int line = 0;
	xmlDocPtr x = galley_xml_parse(data, len, NULL, &why, &line);
	if (!x) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, line, "not well-formed XML: %s", why);
		free(why);
		return NULL;
	}
	const xmlNode *root = xmlDocGetRootElement(x);
	if (x->intSubset || !root || !S_is(root, "galley")) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, root ? (int)xmlGetLineNo(root) : 0,
		                   x->intSubset ? "a DOCTYPE is not allowed in galley tree XML"
		                                : "not galley tree XML (the root must be <galley>)");
		xmlFreeDoc(x);
		return NULL;
	}
	struct xml_reader r = {diag};
	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	S_set_attr(doc, root, "title", galley_document_set_title);
	S_set_attr(doc, root, "date", galley_document_set_date);
	for (const xmlNode *c = root->children; c; c = c->next)
		if (S_is(c, "article"))
			S_article(&r, doc, c);
		else if (c->type == XML_ELEMENT_NODE)
			galley_diag_report(diag, GALLEY_DIAG_WARNING, (int)xmlGetLineNo(c),
			                   "<%s> outside an article ignored", (const char *)c->name);
	xmlFreeDoc(x);
	if (!galley_node_first_child(doc)) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "no <article> in the tree");
		galley_node_free(doc);
		return NULL;
	}
	return doc;
}
