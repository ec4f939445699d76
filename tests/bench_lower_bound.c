/* bench_lower_bound.c — the least a program using pango and cairo must do
 * to print an article as article-a4 does (tests/bench_pdf.sh): each
 * paragraph of PARAS (one a line; the first is the title) shaped and
 * broken by pango, justified, at the measure of A4 with 20 mm margins, in
 * Charis SIL 11/15 pt (the title in Noto Sans Bold 22 pt), its lines drawn
 * with cairo on PDF pages, fonts subset and embedded.  No hyphenation, no
 * widow or orphan rule, no tags, outline or metadata: what galley does
 * beyond this is what the ratio measures.
 *     bench_lower_bound PARAS OUT.pdf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#define MM (72.0 / 25.4)

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: bench_lower_bound PARAS OUT.pdf\n");
		return 2;
	}
	FILE *in = fopen(argv[1], "r");
	if (!in)
		return 1;
	double pw = 210 * MM, ph = 297 * MM, left = 20 * MM, top = 22 * MM, bottom = 26 * MM;
	double width = pw - 40 * MM;
	cairo_surface_t *s = cairo_pdf_surface_create(argv[2], pw, ph);
	cairo_t *cr = cairo_create(s);
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *body = pango_font_description_from_string("Charis SIL 11");
	PangoFontDescription *title = pango_font_description_from_string("Noto Sans Bold 22");
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_justify(l, TRUE);
	char *line = NULL;
	size_t cap = 0;
	double y = top;
	int first = 1;
	while (getline(&line, &cap, in) > 0) {
		line[strcspn(line, "\n")] = '\0';
		if (!*line)
			continue;
		double lead = first ? 26 : 15;
		pango_layout_set_font_description(l, first ? title : body);
		pango_layout_set_text(l, line, -1);
		PangoLayoutIter *it = pango_layout_get_iter(l);
		do {
			if (y + lead > ph - bottom) {
				cairo_show_page(cr);
				y = top;
			}
			cairo_move_to(cr, left, y + lead * 0.75);
			pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it));
			y += lead;
		} while (pango_layout_iter_next_line(it));
		pango_layout_iter_free(it);
		y += first ? 8 : 0;
		first = 0;
	}
	free(line);
	fclose(in);
	pango_font_description_free(body);
	pango_font_description_free(title);
	g_object_unref(l);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	int bad = cairo_surface_status(s) != CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	return bad;
}
