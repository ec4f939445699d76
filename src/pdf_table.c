/* pdf_table.c — draws a table row: each cell's lines at its column's x, and
 * the rules above a table, below its header and below its last row; and
 * tags tables for PDF/UA: Table, THead/TBody where the tree has them, TR,
 * and TH (with its scope) or TD. */
#include "pdf.h"

static void S_rule(struct pdf_ctx *c, double x, double w, double y, double width)
{
	galley_pdf_colour(c->cr, c->l->rule_colour);
	cairo_set_line_width(c->cr, width);
	cairo_move_to(c->cr, x, y);
	cairo_line_to(c->cr, x + w, y);
	cairo_stroke(c->cr);
}

const char *galley_pdf_cell_tag(struct pdf_ctx *c, const galley_node *cell)
{
	const char *scope = galley_cell_scope(cell);
	if (c->n_cells % 64 == 0)
		c->cells = galley_xrealloc(c->cells, (c->n_cells + 64) * sizeof *c->cells);
	c->cells[c->n_cells++] = (struct pdf_cell){scope ? scope[0] : 0,
	                                           galley_node_get_colspan(cell),
	                                           galley_node_get_rowspan(cell), (int)c->page};
	return scope ? "TH" : "TD";
}

/* The table, row group and row node N stands in (each NULL when none). */
static void S_place_in_table(const galley_node *n, const galley_node **table,
                             const galley_node **group, const galley_node **row)
{
	*table = *group = *row = NULL;
	galley_node_type t = n ? galley_node_get_type(n) : GALLEY_NODE_DOCUMENT;
	if (t == GALLEY_NODE_TABLE_CAPTION) {
		*table = galley_node_parent(n);
		return;
	}
	if (t == GALLEY_NODE_CELL)
		n = galley_node_parent(n);
	else if (t != GALLEY_NODE_ROW)
		return;
	*row = n;
	const galley_node *p = galley_node_parent(n);
	galley_node_type pt = p ? galley_node_get_type(p) : GALLEY_NODE_DOCUMENT;
	if (pt == GALLEY_NODE_THEAD || pt == GALLEY_NODE_TBODY) {
		*group = p;
		p = galley_node_parent(p);
	}
	*table = p;
}

void galley_pdf_table_enter(struct pdf_ctx *c, const galley_node *n)
{
	const galley_node *table, *group, *row;
	S_place_in_table(n, &table, &group, &row);
	if (c->table_row && (c->table_row != row || c->table != table)) {
		cairo_tag_end(c->cr, "TR");
		c->table_row = NULL;
	}
	if (c->table_group && (c->table_group != group || c->table != table)) {
		cairo_tag_end(c->cr, c->table_head ? "THead" : "TBody");
		c->table_group = NULL;
	}
	if (c->table && c->table != table) {
		cairo_tag_end(c->cr, "Table");
		c->table = NULL;
	}
	if (table && !c->table) {
		galley_pdf_list_end(c);
		cairo_tag_begin(c->cr, "Table", NULL);
		c->table = table;
	}
	if (group && !c->table_group) {
		cairo_tag_begin(c->cr, galley_node_get_type(group) == GALLEY_NODE_THEAD
		                       ? "THead" : "TBody", NULL);
		c->table_group = group;
		c->table_head = galley_node_get_type(group) == GALLEY_NODE_THEAD;
	}
	if (row && !c->table_row) {
		cairo_tag_begin(c->cr, "TR", NULL);
		c->table_row = row;
	}
}

void galley_pdf_draw_row(struct pdf_ctx *c, const struct ts_place *pl, const struct ts_block *b)
{
	for (int k = 0; k < b->n_cells; k++) {
		const struct ts_block *cell = &b->cells[k];
		const char *tag = pl->repeat ? NULL : galley_pdf_cell_tag(c, cell->node);
		if (tag)
			cairo_tag_begin(c->cr, tag, NULL);
		galley_pdf_colour(c->cr, cell->colour);
		for (int i = 0; i < cell->n_lines; i++) {
			double baseline = pl->y + b->pad + i * cell->leading + cell->baseline;
			galley_pdf_show_line(c->cr, cell->line_text, &cell->lines[i],
			                     pl->x + cell->inset_left + cell->lines[i].x, baseline);
		}
		if (tag)
			cairo_tag_end(c->cr, tag);
		/* after the cell's text, as in a paragraph (pdf_draw.c) */
		for (int i = 0; i < cell->n_lines && cell->n_links; i++)
			galley_pdf_line_links(c, cell, i, pl->x + cell->inset_left,
			                      pl->y + b->pad + i * cell->leading + cell->baseline);
	}
	double w = b->image_w > 0 ? b->image_w : pl->w, rule = c->l->rule_width;
	if (b->rules & TS_RULE_ABOVE)
		S_rule(c, pl->x, w, pl->y, rule * 2);
	if (b->rules & TS_RULE_BELOW)
		S_rule(c, pl->x, w, pl->y + pl->h, b->keep_with_next ? rule : rule * 2);
}
