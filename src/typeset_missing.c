/* typeset_missing.c — the characters no face of galley's font set has a
 * glyph for: pango shapes them as "unknown" glyphs (or a face's glyph 0,
 * .notdef) and cairo draws them as boxes.  Rather than a PDF of boxes with
 * exit status 0, one warning per article names how many and the first. */
#include "typeset.h"

struct missing {
	long count;
	gunichar first;
};

/* Count the missing glyphs of RUN; TEXT is the text its item indexes. */
static void S_run(const PangoGlyphItem *run, const char *text, struct missing *m)
{
	const PangoGlyphString *gs = run->glyphs;
	for (int g = 0; g < gs->num_glyphs; g++) {
		PangoGlyph glyph = gs->glyphs[g].glyph;
		gunichar c;
		if (glyph == PANGO_GLYPH_INVALID_INPUT || glyph == PANGO_GLYPH_EMPTY)
			continue;
		if (glyph & PANGO_GLYPH_UNKNOWN_FLAG)
			c = glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;
		else if (glyph == 0)
			c = g_utf8_get_char(text + run->item->offset + gs->log_clusters[g]);
		else
			continue;
		if (m->count++ == 0)
			m->first = c;
	}
}

static void S_block(const struct ts_block *b, struct missing *m)
{
	for (int c = 0; c < b->n_cells; c++)
		S_block(&b->cells[c], m);
	for (int i = 0; i < b->n_lines; i++)
		for (int r = 0; r < b->lines[i].n_runs; r++)
			S_run(b->lines[i].runs[r], b->line_text, m);
}

void galley_glyphs_missing(const struct ts_flow *flow, size_t a, galley_diag *diag)
{
	const struct ts_article *art = &flow->articles[a];
	struct missing m = {0, 0};
	for (size_t i = art->first; i < art->first + art->count; i++)
		S_block(&flow->blocks[i], &m);
	if (m.count == 0)
		return;
	const char *title = galley_article_get(art->node, GALLEY_META_TITLE);
	char *which = flow->n_articles > 1
	            ? galley_xasprintf("article %zu (%s): ", a + 1, title ? title : "untitled")
	            : galley_xstrdup("");
	galley_diag_report_input(diag, GALLEY_DIAG_WARNING,
	                   "%s%ld character%s no glyph (first U+%04X); %s as boxes", which,
	                   m.count, m.count == 1 ? " has" : "s have", (unsigned)m.first,
	                   m.count == 1 ? "it shows" : "they show");
	free(which);
}
