/* pdf_table.c — draws a table row: each cell's lines at its column's x, and
 * the rules above a table, below its header and below its last row. */
#include "pdf.h"

static void S_rule(struct pdf_ctx *c, double x, double w, double y, double width)
{
	galley_pdf_colour(c->cr, c->l->rule_colour);
	cairo_set_line_width(c->cr, width);
	cairo_move_to(c->cr, x, y);
	cairo_line_to(c->cr, x + w, y);
	cairo_stroke(c->cr);
}

void galley_pdf_draw_row(struct pdf_ctx *c, const struct ts_place *pl, const struct ts_block *b)
{
	for (int k = 0; k < b->n_cells; k++) {
		const struct ts_block *cell = &b->cells[k];
		cairo_tag_begin(c->cr, "P", NULL);
		galley_pdf_colour(c->cr, cell->colour);
		for (int i = 0; i < cell->n_lines; i++) {
			double baseline = pl->y + b->pad + i * cell->leading + cell->baseline;
			galley_pdf_show_line(c->cr, cell->line_text, &cell->lines[i],
			                     pl->x + cell->inset_left + cell->lines[i].x, baseline);
		}
		cairo_tag_end(c->cr, "P");
	}
	double w = b->image_w > 0 ? b->image_w : pl->w, rule = c->l->rule_width;
	if (b->rules & TS_RULE_ABOVE)
		S_rule(c, pl->x, w, pl->y, rule * 2);
	if (b->rules & TS_RULE_BELOW)
		S_rule(c, pl->x, w, pl->y + pl->h, b->keep_with_next ? rule : rule * 2);
}
