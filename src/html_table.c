/* html_table.c — tells a data table from a layout table (Readability's _markDataTables) and builds a data table's rows and cells. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "reader.h"

static int S_attr_is(const xmlNode *n, const char *name, const char *value)
{
	char *v = galley_html_attr(n, name);
	int is = v && strcasecmp(v, value) == 0;
	xmlFree(v);
	return is;
}

static int S_is_cell(const xmlNode *n)
{
	return galley_html_is(n, "td") || galley_html_is(n, "th");
}

static int S_span(const xmlNode *n, const char *name)
{
	char *v = galley_html_attr(n, name);
	long span = v ? strtol(v, NULL, 10) : 1;
	xmlFree(v);
	return span < 1 ? 1 : span > GALLEY_SPAN_MAX ? GALLEY_SPAN_MAX : (int)span;
}

/* The rows of TABLE in order: its own, then those of its row groups
 * (never those of a nested table). */
static size_t S_rows(xmlNodePtr table, xmlNodePtr *rows, size_t max)
{
	size_t n = 0;
	for (xmlNodePtr c = table->children; c; c = c->next) {
		if (galley_html_is(c, "tr") && n < max)
			rows[n] = c, n++;
		else if (galley_html_is(c, "thead") || galley_html_is(c, "tbody") ||
		         galley_html_is(c, "tfoot"))
			for (xmlNodePtr r = c->children; r; r = r->next)
				if (galley_html_is(r, "tr") && n < max)
					rows[n] = r, n++;
	}
	return n;
}

/* A cell holding whole blocks (several paragraphs, a heading, a list, a
 * quote) is a layout cell: the page is using the table as a grid. */
static int S_cell_holds_blocks(xmlNodePtr cell)
{
	static const char *const blocks[] = {"h1", "h2", "h3", "h4", "h5", "h6",
		"ul", "ol", "blockquote", "figure", "article", "section", "pre"};
	for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
		if (galley_html_count(cell, blocks[i]) > 0)
			return 1;
	return galley_html_count(cell, "p") > 1 || galley_html_count(cell, "div") > 2;
}

#define ROWS_MAX 4096

int galley_html_is_data_table(xmlNodePtr table)
{
	if (!galley_html_is(table, "table") || S_attr_is(table, "role", "presentation") ||
	    S_attr_is(table, "datatable", "0") || galley_html_count(table, "table") > 0)
		return 0;
	char *summary = galley_html_attr(table, "summary");
	int marked = summary && *summary;
	xmlFree(summary);
	if (marked || galley_html_count(table, "caption") || galley_html_count(table, "th") ||
	    galley_html_count(table, "thead") || galley_html_count(table, "colgroup"))
		return 1;
	xmlNodePtr *rows = galley_xmalloc(ROWS_MAX * sizeof *rows);
	size_t n_rows = S_rows(table, rows, ROWS_MAX), cols = 0;
	int blocks = 0;
	for (size_t i = 0; i < n_rows && !blocks; i++) {
		size_t k = 0;
		for (xmlNodePtr c = rows[i]->children; c && !blocks; c = c->next)
			if (S_is_cell(c)) {
				k += (size_t)S_span(c, "colspan");
				blocks = S_cell_holds_blocks(c);
			}
		cols = k > cols ? k : cols;
	}
	free(rows);
	/* Readability: one row or one column is layout; ten rows, five
	 * columns or more than ten cells of text is data */
	if (blocks || n_rows <= 1 || cols <= 1)
		return 0;
	return n_rows >= 10 || cols > 4 || n_rows * cols > 10;
}

/* Alignment from align= or a text-align style. */
static galley_cell_align S_align(const xmlNode *cell)
{
	char *a = galley_html_attr(cell, "align");
	galley_cell_align align = galley_cell_align_from_name(a);
	xmlFree(a);
	char *style = galley_html_attr(cell, "style");
	const char *ta = style ? strstr(style, "text-align") : NULL;
	if (ta && !align) {
		ta += strcspn(ta, ":");
		ta += *ta == ':';
		ta += strspn(ta, " \t");
		char word[8] = "";
		size_t n = strcspn(ta, " ;\t!");
		if (n < sizeof word)
			memcpy(word, ta, n), word[n] = '\0';
		align = galley_cell_align_from_name(word);
	}
	xmlFree(style);
	return align;
}

/* Move the inlines of every text block under TMP into DST, a line break
 * between blocks: cells and captions hold inline content only. */
static void S_move_inlines(galley_node *tmp, galley_node *dst)
{
	galley_node **blocks = NULL;
	size_t n = 0, cap = 0;
	galley_iter *it = galley_iter_new(tmp);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *b = galley_iter_get_node(it);
		if (ev != GALLEY_EVENT_ENTER || !galley_node_is_block(b) ||
		    !galley_node_can_contain(galley_node_get_type(b), GALLEY_NODE_TEXT))
			continue;
		if (n == cap)
			blocks = galley_xrealloc(blocks, (cap = cap ? 2 * cap : 8) * sizeof *blocks);
		blocks[n++] = b;
	}
	galley_iter_free(it);
	for (size_t i = 0; i < n; i++) {
		galley_node *k = galley_node_first_child(blocks[i]);
		if (k && galley_node_first_child(dst))
			galley_node_append_child(dst, galley_node_new(GALLEY_NODE_LINEBREAK));
		while (k) {
			galley_node *next = galley_node_next(k);
			if (galley_node_is_inline(k))
				galley_node_append_child(dst, k);
			k = next;
		}
	}
	free(blocks);
}

/* The inline content of the DOM element SRC, converted as an article would
 * be, into DST. */
static void S_inline_content(xmlNodePtr src, galley_node *dst, const char *base)
{
	galley_node *tmp = galley_node_new(GALLEY_NODE_ARTICLE);
	galley_html_convert_part(src, tmp, base);
	S_move_inlines(tmp, dst);
	galley_node_free(tmp);
}

static galley_node *S_row(xmlNodePtr tr, const char *base)
{
	galley_node *row = galley_node_new(GALLEY_NODE_ROW);
	for (xmlNodePtr c = tr->children; c; c = c->next) {
		if (!S_is_cell(c))
			continue;
		galley_node *cell = galley_node_new(GALLEY_NODE_CELL);
		galley_node_set_cell_header(cell, galley_html_is(c, "th"));
		galley_node_set_colspan(cell, S_span(c, "colspan"));
		galley_node_set_rowspan(cell, S_span(c, "rowspan"));
		galley_node_set_cell_align(cell, S_align(c));
		S_inline_content(c, cell, base);
		galley_node_append_child(row, cell);
	}
	return row;
}

static void S_group(galley_node *dst, xmlNodePtr group, const char *base)
{
	for (xmlNodePtr r = group->children; r; r = r->next)
		if (galley_html_is(r, "tr"))
			galley_node_append_child(dst, S_row(r, base));
}

galley_node *galley_html_table(xmlNodePtr table, const char *base)
{
	galley_node *t = galley_node_new(GALLEY_NODE_TABLE);
	xmlNodePtr foot = NULL;
	for (xmlNodePtr c = table->children; c; c = c->next) {
		if (galley_html_is(c, "caption") && !galley_node_first_child(t)) {
			galley_node *cap = galley_node_new(GALLEY_NODE_TABLE_CAPTION);
			S_inline_content(c, cap, base);
			galley_node_append_child(t, cap);
		} else if (galley_html_is(c, "thead") || galley_html_is(c, "tbody")) {
			galley_node *g = galley_node_new(galley_html_is(c, "thead") ?
			                                 GALLEY_NODE_THEAD : GALLEY_NODE_TBODY);
			S_group(g, c, base);
			galley_node_append_child(t, g);
		} else if (galley_html_is(c, "tfoot")) {
			foot = c;  /* its rows are read last, where they print */
		} else if (galley_html_is(c, "tr")) {
			galley_node_append_child(t, S_row(c, base));
		}
	}
	if (foot) {
		galley_node *g = galley_node_new(GALLEY_NODE_TBODY);
		S_group(g, foot, base);
		galley_node_append_child(t, g);
	}
	return t;
}
