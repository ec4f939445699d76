/* node.c — tree nodes: allocation, checked edits, accessors and non-recursive freeing. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "node.h"
#include "util.h"

static const char *const S_type_names[] = {
	[GALLEY_NODE_NONE] = "none",
	[GALLEY_NODE_DOCUMENT] = "galley",
	[GALLEY_NODE_ARTICLE] = "article",
	[GALLEY_NODE_HEADING] = "heading",
	[GALLEY_NODE_PARAGRAPH] = "p",
	[GALLEY_NODE_BLOCKQUOTE] = "blockquote",
	[GALLEY_NODE_CITE] = "cite",
	[GALLEY_NODE_PULLQUOTE] = "pullquote",
	[GALLEY_NODE_LIST] = "list",
	[GALLEY_NODE_ITEM] = "li",
	[GALLEY_NODE_CODE_BLOCK] = "pre",
	[GALLEY_NODE_FIGURE] = "figure",
	[GALLEY_NODE_IMAGE] = "img",
	[GALLEY_NODE_CAPTION] = "figcaption",
	[GALLEY_NODE_SEPARATOR] = "hr",
	[GALLEY_NODE_AUTHOR_BOX] = "author",
	[GALLEY_NODE_AUTHOR_NAME] = "name",
	[GALLEY_NODE_AUTHOR_BIO] = "bio",
	[GALLEY_NODE_TABLE] = "table",
	[GALLEY_NODE_TABLE_CAPTION] = "caption",
	[GALLEY_NODE_THEAD] = "thead",
	[GALLEY_NODE_TBODY] = "tbody",
	[GALLEY_NODE_ROW] = "tr",
	[GALLEY_NODE_CELL] = "td",
	[GALLEY_NODE_FOOTNOTE] = "footnote",
	[GALLEY_NODE_TEXT] = "text",
	[GALLEY_NODE_EMPH] = "em",
	[GALLEY_NODE_STRONG] = "strong",
	[GALLEY_NODE_LINK] = "a",
	[GALLEY_NODE_CODE] = "code",
	[GALLEY_NODE_LINEBREAK] = "br",
	[GALLEY_NODE_NOTEREF] = "noteref",
};

static const char *const S_meta_names[GALLEY_META_COUNT] = {
	"title", "subtitle", "byline", "date", "lang", "source", "publisher",
};

static int S_valid_type(int type)
{
	return type > GALLEY_NODE_NONE && type <= GALLEY_NODE_LAST_INLINE;
}

const char *galley_node_type_name(galley_node_type type)
{
	return S_valid_type(type) ? S_type_names[type] : S_type_names[0];
}

const char *galley_meta_name(galley_meta key)
{
	return (unsigned)key < GALLEY_META_COUNT ? S_meta_names[key] : NULL;
}

galley_node *galley_node_new(galley_node_type type)
{
	if (!S_valid_type(type))
		return NULL;
	galley_node *node = galley_xcalloc(1, sizeof *node);
	node->type = type;
	if (type == GALLEY_NODE_HEADING)
		node->as.heading.level = 2;
	if (type == GALLEY_NODE_CELL)
		node->as.cell.colspan = node->as.cell.rowspan = 1;
	if (type == GALLEY_NODE_ARTICLE)
		node->as.article = galley_xcalloc(1, sizeof *node->as.article);
	return node;
}

static void S_free_strings(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

static void S_free_one(galley_node *node)
{
	free(node->literal);
	free(node->url);
	free(node->title);
	free(node->doc_title);
	free(node->doc_date);
	free(node->note_id);
	if (node->type == GALLEY_NODE_DOCUMENT)
		galley_spool_free(node->as.spool);
	if (node->type == GALLEY_NODE_ARTICLE) {
		struct galley_article_data *a = node->as.article;
		for (int i = 0; i < GALLEY_META_COUNT; i++)
			free(a->meta[i]);
		S_free_strings(a->authors, a->n_authors);
		S_free_strings(a->tags, a->n_tags);
		free(a);
	}
	free(node);
}

/* Frees without recursion, as cmark does: the children of each node freed
 * are spliced onto the end of the chain still to be freed. */
void galley_node_free(galley_node *node)
{
	if (!node)
		return;
	galley_node_unlink(node);
	galley_node *last = node;
	while (node) {
		if (node->first_child) {
			last->next = node->first_child;
			last = node->last_child;
			/* children are already a chain; find its true end */
			while (last->next)
				last = last->next;
		}
		galley_node *next = node->next;
		S_free_one(node);
		node = next;
	}
}

galley_node_type galley_node_get_type(const galley_node *node)
{
	return node ? node->type : GALLEY_NODE_NONE;
}

int galley_node_is_block(const galley_node *node)
{
	return node && node->type >= GALLEY_NODE_FIRST_BLOCK &&
	       node->type <= GALLEY_NODE_LAST_BLOCK;
}

int galley_node_is_inline(const galley_node *node)
{
	return node && node->type >= GALLEY_NODE_FIRST_INLINE &&
	       node->type <= GALLEY_NODE_LAST_INLINE;
}

galley_node *galley_node_parent(const galley_node *n) { return n ? n->parent : NULL; }
galley_node *galley_node_first_child(const galley_node *n) { return n ? n->first_child : NULL; }
galley_node *galley_node_last_child(const galley_node *n) { return n ? n->last_child : NULL; }
galley_node *galley_node_next(const galley_node *n) { return n ? n->next : NULL; }
galley_node *galley_node_previous(const galley_node *n) { return n ? n->prev : NULL; }

static int S_is_inline_type(galley_node_type t)
{
	return t >= GALLEY_NODE_FIRST_INLINE && t <= GALLEY_NODE_LAST_INLINE;
}

/* Which blocks may stand directly in an article (and in a bio: paragraphs). */
static int S_is_article_block(galley_node_type t)
{
	switch (t) {
	case GALLEY_NODE_HEADING: case GALLEY_NODE_PARAGRAPH:
	case GALLEY_NODE_BLOCKQUOTE: case GALLEY_NODE_PULLQUOTE:
	case GALLEY_NODE_LIST: case GALLEY_NODE_CODE_BLOCK:
	case GALLEY_NODE_FIGURE: case GALLEY_NODE_SEPARATOR:
	case GALLEY_NODE_AUTHOR_BOX: case GALLEY_NODE_TABLE:
	case GALLEY_NODE_FOOTNOTE:
		return 1;
	default:
		return 0;
	}
}

/* What a footnote may hold: prose blocks, never headings or other notes. */
static int S_is_note_block(galley_node_type t)
{
	return t == GALLEY_NODE_PARAGRAPH || t == GALLEY_NODE_LIST ||
	       t == GALLEY_NODE_BLOCKQUOTE || t == GALLEY_NODE_CODE_BLOCK;
}

int galley_node_can_contain(galley_node_type parent, galley_node_type child)
{
	switch (parent) {
	case GALLEY_NODE_DOCUMENT:
		return child == GALLEY_NODE_ARTICLE;
	case GALLEY_NODE_ARTICLE:
		return S_is_article_block(child);
	case GALLEY_NODE_BLOCKQUOTE:
		return child == GALLEY_NODE_PARAGRAPH || child == GALLEY_NODE_CITE ||
		       child == GALLEY_NODE_LIST;
	case GALLEY_NODE_LIST:
		return child == GALLEY_NODE_ITEM;
	case GALLEY_NODE_ITEM:
		return S_is_inline_type(child) || child == GALLEY_NODE_LIST;
	case GALLEY_NODE_FIGURE:
		return child == GALLEY_NODE_IMAGE || child == GALLEY_NODE_CAPTION;
	case GALLEY_NODE_AUTHOR_BOX:
		return child == GALLEY_NODE_AUTHOR_NAME || child == GALLEY_NODE_AUTHOR_BIO ||
		       child == GALLEY_NODE_IMAGE;
	case GALLEY_NODE_AUTHOR_BIO:
		return child == GALLEY_NODE_PARAGRAPH;
	case GALLEY_NODE_TABLE:
		return child == GALLEY_NODE_TABLE_CAPTION || child == GALLEY_NODE_THEAD ||
		       child == GALLEY_NODE_TBODY || child == GALLEY_NODE_ROW;
	case GALLEY_NODE_THEAD: case GALLEY_NODE_TBODY:
		return child == GALLEY_NODE_ROW;
	case GALLEY_NODE_ROW:
		return child == GALLEY_NODE_CELL;
	case GALLEY_NODE_FOOTNOTE:
		return S_is_note_block(child);
	case GALLEY_NODE_TABLE_CAPTION: case GALLEY_NODE_CELL:
	case GALLEY_NODE_HEADING: case GALLEY_NODE_PARAGRAPH: case GALLEY_NODE_CITE:
	case GALLEY_NODE_PULLQUOTE: case GALLEY_NODE_CAPTION: case GALLEY_NODE_AUTHOR_NAME:
	case GALLEY_NODE_EMPH: case GALLEY_NODE_STRONG: case GALLEY_NODE_LINK:
		return S_is_inline_type(child);
	default:
		return 0;
	}
}

/* An edit is legal if PARENT may hold CHILD and CHILD is not PARENT or
 * one of its ancestors. */
static int S_can_link(const galley_node *parent, const galley_node *child)
{
	if (!parent || !child || !galley_node_can_contain(parent->type, child->type))
		return 0;
	if (parent == child)
		return 0;
	/* a childless node is nobody's ancestor: building a tree top-down
	 * needs no walk up, so deep trees are built in linear time */
	if (!child->first_child)
		return 1;
	for (const galley_node *a = parent; a; a = a->parent)
		if (a == child)
			return 0;
	return 1;
}

void galley_node_unlink(galley_node *node)
{
	if (!node)
		return;
	if (node->prev)
		node->prev->next = node->next;
	if (node->next)
		node->next->prev = node->prev;
	if (node->parent) {
		if (node->parent->first_child == node)
			node->parent->first_child = node->next;
		if (node->parent->last_child == node)
			node->parent->last_child = node->prev;
	}
	node->parent = node->prev = node->next = NULL;
}

int galley_node_append_child(galley_node *node, galley_node *child)
{
	if (!S_can_link(node, child))
		return 0;
	galley_node_unlink(child);
	child->parent = node;
	child->prev = node->last_child;
	if (node->last_child)
		node->last_child->next = child;
	else
		node->first_child = child;
	node->last_child = child;
	return 1;
}

int galley_node_prepend_child(galley_node *node, galley_node *child)
{
	if (!S_can_link(node, child))
		return 0;
	galley_node_unlink(child);
	child->parent = node;
	child->next = node->first_child;
	if (node->first_child)
		node->first_child->prev = child;
	else
		node->last_child = child;
	node->first_child = child;
	return 1;
}

int galley_node_insert_before(galley_node *node, galley_node *sibling)
{
	if (!node || !node->parent || node == sibling || !S_can_link(node->parent, sibling))
		return 0;
	galley_node_unlink(sibling);
	galley_node *parent = node->parent;
	sibling->parent = parent;
	sibling->next = node;
	sibling->prev = node->prev;
	if (node->prev)
		node->prev->next = sibling;
	else
		parent->first_child = sibling;
	node->prev = sibling;
	return 1;
}

int galley_node_insert_after(galley_node *node, galley_node *sibling)
{
	if (!node || !node->parent || node == sibling || !S_can_link(node->parent, sibling))
		return 0;
	galley_node_unlink(sibling);
	galley_node *parent = node->parent;
	sibling->parent = parent;
	sibling->prev = node;
	sibling->next = node->next;
	if (node->next)
		node->next->prev = sibling;
	else
		parent->last_child = sibling;
	node->next = sibling;
	return 1;
}

static int S_has_literal(const galley_node *n)
{
	return n && (n->type == GALLEY_NODE_TEXT || n->type == GALLEY_NODE_CODE ||
	             n->type == GALLEY_NODE_CODE_BLOCK);
}

static int S_has_url(const galley_node *n)
{
	return n && (n->type == GALLEY_NODE_LINK || n->type == GALLEY_NODE_IMAGE);
}

/* A copy of VALUE that XML can carry: C0 controls other than tab, newline
 * and CR become spaces, U+FFFE and U+FFFF become U+FFFD (issue 7: a form
 * feed from a reader made `galley tree` output that did not parse). */
static char *S_xml_dup(const char *value)
{
	char *s = galley_xstrdup(value);
	for (unsigned char *p = (unsigned char *)s; *p; p++) {
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			*p = ' ';
		else if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
			p[2] = 0xBD, p += 2;
	}
	return s;
}

static void S_replace(char **slot, const char *value)
{
	char *copy = value ? S_xml_dup(value) : NULL;  /* VALUE may be *SLOT */
	free(*slot);
	*slot = copy;
}

const char *galley_node_get_literal(const galley_node *n)
{
	return S_has_literal(n) ? (n->literal ? n->literal : "") : NULL;
}

int galley_node_set_literal(galley_node *n, const char *text)
{
	if (!S_has_literal(n))
		return 0;
	S_replace(&n->literal, text);
	return 1;
}

int galley_node_get_heading_level(const galley_node *n)
{
	return n && n->type == GALLEY_NODE_HEADING ? n->as.heading.level : 0;
}

int galley_node_set_heading_level(galley_node *n, int level)
{
	if (!n || n->type != GALLEY_NODE_HEADING)
		return 0;
	n->as.heading.level = level < 2 ? 2 : level > 4 ? 4 : level;
	return 1;
}

int galley_node_get_list_ordered(const galley_node *n)
{
	return n && n->type == GALLEY_NODE_LIST ? n->as.list.ordered : 0;
}

int galley_node_set_list_ordered(galley_node *n, int ordered)
{
	if (!n || n->type != GALLEY_NODE_LIST)
		return 0;
	n->as.list.ordered = ordered != 0;
	return 1;
}

const char *galley_node_get_url(const galley_node *n)
{
	return S_has_url(n) ? n->url : NULL;
}

int galley_node_set_url(galley_node *n, const char *url)
{
	if (!S_has_url(n))
		return 0;
	S_replace(&n->url, url);
	return 1;
}

const char *galley_node_get_title(const galley_node *n)
{
	return S_has_url(n) ? n->title : NULL;
}

int galley_node_set_title(galley_node *n, const char *title)
{
	if (!S_has_url(n))
		return 0;
	S_replace(&n->title, title);
	return 1;
}

static int S_is_cell(const galley_node *n)
{
	return n && n->type == GALLEY_NODE_CELL;
}

static int S_clamp_span(int span)
{
	return span < 1 ? 1 : span > GALLEY_SPAN_MAX ? GALLEY_SPAN_MAX : span;
}

int galley_node_get_cell_header(const galley_node *n)
{
	return S_is_cell(n) ? n->as.cell.header : 0;
}

int galley_node_set_cell_header(galley_node *n, int header)
{
	if (!S_is_cell(n))
		return 0;
	n->as.cell.header = header != 0;
	return 1;
}

int galley_node_get_colspan(const galley_node *n) { return S_is_cell(n) ? n->as.cell.colspan : 0; }
int galley_node_get_rowspan(const galley_node *n) { return S_is_cell(n) ? n->as.cell.rowspan : 0; }

int galley_node_set_colspan(galley_node *n, int span)
{
	if (!S_is_cell(n))
		return 0;
	n->as.cell.colspan = S_clamp_span(span);
	return 1;
}

int galley_node_set_rowspan(galley_node *n, int span)
{
	if (!S_is_cell(n))
		return 0;
	n->as.cell.rowspan = S_clamp_span(span);
	return 1;
}

galley_cell_align galley_node_get_cell_align(const galley_node *n)
{
	return S_is_cell(n) ? n->as.cell.align : GALLEY_CELL_ALIGN_NONE;
}

int galley_node_set_cell_align(galley_node *n, galley_cell_align align)
{
	if (!S_is_cell(n) || (unsigned)align > GALLEY_CELL_ALIGN_RIGHT)
		return 0;
	n->as.cell.align = align;
	return 1;
}

static const char *const S_align_names[] = {NULL, "left", "center", "right"};

const char *galley_cell_align_name(galley_cell_align align)
{
	return (unsigned)align <= GALLEY_CELL_ALIGN_RIGHT ? S_align_names[align] : NULL;
}

const char *galley_cell_scope(const galley_node *cell)
{
	if (!galley_node_get_cell_header(cell))
		return NULL;
	const galley_node *row = cell->parent;
	if (row && row->parent && row->parent->type == GALLEY_NODE_THEAD)
		return "col";
	for (const galley_node *c = row ? row->first_child : NULL; c; c = c->next)
		if (!galley_node_get_cell_header(c))
			return "row";
	return "col";
}

galley_cell_align galley_cell_align_from_name(const char *name)
{
	for (int a = GALLEY_CELL_ALIGN_LEFT; name && a <= GALLEY_CELL_ALIGN_RIGHT; a++)
		if (strcasecmp(name, S_align_names[a]) == 0)
			return (galley_cell_align)a;
	return GALLEY_CELL_ALIGN_NONE;
}

static int S_has_note_id(const galley_node *n)
{
	return n && (n->type == GALLEY_NODE_FOOTNOTE || n->type == GALLEY_NODE_NOTEREF);
}

const char *galley_node_get_note_id(const galley_node *n)
{
	return S_has_note_id(n) ? n->note_id : NULL;
}

int galley_node_set_note_id(galley_node *n, const char *id)
{
	if (!S_has_note_id(n))
		return 0;
	S_replace(&n->note_id, id && *id ? id : NULL);
	return 1;
}

int galley_node_get_note_number(const galley_node *n)
{
	return S_has_note_id(n) ? n->as.note.number : 0;
}

int galley_node_get_line(const galley_node *n) { return n ? n->line : 0; }
void galley_node_set_line(galley_node *n, int line) { if (n) n->line = line; }

/* ---------------------------------------------------------- article data */

static struct galley_article_data *S_article(const galley_node *n)
{
	return n && n->type == GALLEY_NODE_ARTICLE ? n->as.article : NULL;
}

const char *galley_article_get(const galley_node *article, galley_meta key)
{
	struct galley_article_data *a = S_article(article);
	return a && (unsigned)key < GALLEY_META_COUNT ? a->meta[key] : NULL;
}

int galley_article_set(galley_node *article, galley_meta key, const char *value)
{
	struct galley_article_data *a = S_article(article);
	if (!a || (unsigned)key >= GALLEY_META_COUNT)
		return 0;
	S_replace(&a->meta[key], value && *value ? value : NULL);
	return 1;
}

static int S_list_add(char ***list, size_t *n, const char *value)
{
	if (!value || !*value)
		return 0;
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*list)[i], value) == 0)
			return 1;
	*list = galley_xrealloc(*list, (*n + 1) * sizeof **list);
	(*list)[(*n)++] = S_xml_dup(value);
	return 1;
}

int galley_article_add_author(galley_node *article, const char *name)
{
	struct galley_article_data *a = S_article(article);
	return a ? S_list_add(&a->authors, &a->n_authors, name) : 0;
}

size_t galley_article_author_count(const galley_node *article)
{
	struct galley_article_data *a = S_article(article);
	return a ? a->n_authors : 0;
}

const char *galley_article_get_author(const galley_node *article, size_t i)
{
	struct galley_article_data *a = S_article(article);
	return a && i < a->n_authors ? a->authors[i] : NULL;
}

int galley_article_add_tag(galley_node *article, const char *tag)
{
	struct galley_article_data *a = S_article(article);
	return a ? S_list_add(&a->tags, &a->n_tags, tag) : 0;
}

size_t galley_article_tag_count(const galley_node *article)
{
	struct galley_article_data *a = S_article(article);
	return a ? a->n_tags : 0;
}

const char *galley_article_get_tag(const galley_node *article, size_t i)
{
	struct galley_article_data *a = S_article(article);
	return a && i < a->n_tags ? a->tags[i] : NULL;
}

void galley_document_merge(galley_node *dst, galley_node *src)
{
	if (!dst || !src)
		return;
	/* a digest keeps the first name it was given (a feed's title, say) */
	if (!galley_document_get_title(dst))
		galley_document_set_title(dst, galley_document_get_title(src));
	if (!galley_document_get_date(dst))
		galley_document_set_date(dst, galley_document_get_date(src));
	galley_node *a;
	while ((a = src->first_child) != NULL) {
		/* a stowed article's record is in SRC's spool, freed with it */
		if (a->type == GALLEY_NODE_ARTICLE && a->as.article->stowed) {
			galley_article_load(a);
			a->as.article->stowed = 0;
		}
		if (!galley_node_append_child(dst, a))
			galley_node_free(a);
	}
	galley_node_free(src);
}
