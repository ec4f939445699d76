/* typeset_lines.c — a text block's lines as glyph runs.  When the line
 * breaker has chosen the breaks, the lines are cut from the glyphs of the
 * paragraph as it was shaped for measuring, so that no glyph is shaped
 * twice; otherwise they are copied from the lines pango set. */
#include <math.h>
#include <string.h>

#include "typeset.h"

void galley_lines_free(struct ts_block *b)
{
	for (int i = 0; i < b->n_lines; i++) {
		for (int r = 0; r < b->lines[i].n_runs; r++)
			pango_glyph_item_free(b->lines[i].runs[r]);
		free(b->lines[i].runs);
	}
	free(b->lines);
	free(b->line_text);
	b->lines = NULL;
	b->line_text = NULL;
	b->n_lines = 0;
}

/* CAP: the room in line->runs, enough for every run of the paragraph. */
static void S_add_run(struct ts_line *line, PangoGlyphItem *run, int cap)
{
	if (line->n_runs < cap)
		line->runs[line->n_runs++] = run;
	else
		pango_glyph_item_free(run);
}

void galley_lines_from_layout(struct ts_block *b, PangoLayout *l)
{
	galley_lines_free(b);
	int n = pango_layout_get_line_count(l);
	b->line_text = galley_xstrdup(pango_layout_get_text(l));
	b->lines = galley_xcalloc((size_t)(n > 0 ? n : 1), sizeof *b->lines);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	int i = 0;
	do {
		PangoLayoutLine *pl = pango_layout_iter_get_line_readonly(it);
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		struct ts_line *line = &b->lines[i++];
		line->start = pl->start_index;
		line->length = pl->length;
		line->x = logical.x / (double)PANGO_SCALE;
		int cap = (int)g_slist_length(pl->runs);
		line->runs = galley_xmalloc((size_t)(cap > 0 ? cap : 1) * sizeof *line->runs);
		for (GSList *r = pl->runs; r; r = r->next)
			S_add_run(line, pango_glyph_item_copy(r->data), cap);
	} while (i < n && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	b->n_lines = i;
}

/* Flags the bytes of the unwrapped line's text (LEN bytes, glyphs RUNS)
 * that a cluster starts at: a run's first byte, a glyph's cluster, and
 * any byte past the runs (the end of the text). */
static unsigned char *S_cluster_starts(GSList *runs, int len)
{
	unsigned char *starts = galley_xmalloc((size_t)len + 1);
	memset(starts, 1, (size_t)len + 1);
	for (GSList *r = runs; r; r = r->next) {
		const PangoGlyphItem *run = r->data;
		int off = run->item->offset, end = off + run->item->length;
		if (off < 0 || end > len || off >= end)
			continue;
		memset(starts + off + 1, 0, (size_t)(end - off - 1));
		for (int g = 0; g < run->glyphs->num_glyphs; g++) {
			int at = off + run->glyphs->log_clusters[g];
			if (at >= off && at < end)
				starts[at] = 1;
		}
	}
	return starts;
}

/* The runs of the unwrapped line, consumed in order.  The run being
 * consumed is not copied and cut again and again (pango_glyph_item_split
 * moves all the glyphs after a cut, which for a paragraph of one run
 * costs its length at every line): pieces are copied out of it as
 * pango_glyph_item_split would make them, and ITEM, a copy of its item,
 * is split as that function splits it. */
struct run_cursor {
	GSList *next;               /* the runs not begun */
	const PangoGlyphItem *src;  /* the run being consumed; NULL past the last */
	PangoItem *item;            /* what is left of its item */
	int lo, hi;                 /* its glyphs left: [lo, hi) */
	int base;                   /* bytes of its item consumed */
	const char *text;
};

static int S_rest_start(const struct run_cursor *c)
{
	return c->item->offset;
}

static int S_rest_end(const struct run_cursor *c)
{
	return c->item->offset + c->item->length;
}

static void S_next_run(struct run_cursor *c)
{
	c->src = c->next ? c->next->data : NULL;
	c->item = c->src ? pango_item_copy(c->src->item) : NULL;
	c->lo = 0;
	c->hi = c->src ? c->src->glyphs->num_glyphs : 0;
	c->base = 0;
	c->next = c->next ? c->next->next : NULL;
}

/* A glyph item of the glyphs [FROM, FROM + N) of the run being consumed,
 * their clusters made relative to what is left of it. */
static PangoGlyphItem *S_piece(const struct run_cursor *c, PangoItem *item, int from, int n)
{
	PangoGlyphItem *p = g_slice_new(PangoGlyphItem);
	p->item = item;
	p->glyphs = pango_glyph_string_new();
	pango_glyph_string_set_size(p->glyphs, n);
	const PangoGlyphString *gs = c->src->glyphs;
	memcpy(p->glyphs->glyphs, gs->glyphs + from, (size_t)n * sizeof *gs->glyphs);
	for (int g = 0; g < n; g++)
		p->glyphs->log_clusters[g] = gs->log_clusters[from + g] - c->base;
	p->y_offset = c->src->y_offset;
	p->start_x_offset = c->src->start_x_offset;
	p->end_x_offset = c->src->end_x_offset;
	return p;
}

/* What is left of the run being consumed, as a glyph item; the cursor
 * moves to the next run. */
static PangoGlyphItem *S_take_rest(struct run_cursor *c)
{
	PangoGlyphItem *p = S_piece(c, c->item, c->lo, c->hi - c->lo);
	S_next_run(c);
	return p;
}

/* The glyphs of the first SPLIT bytes of what is left of the run being
 * consumed, cut off it: pango_glyph_item_split's piece (NULL when no
 * cluster starts at or after SPLIT). */
static PangoGlyphItem *S_split(struct run_cursor *c, int split)
{
	const int *cl = c->src->glyphs->log_clusters;
	int ltr = c->item->analysis.level % 2 == 0, i, n;
	if (ltr) {
		for (i = c->lo; i < c->hi && cl[i] - c->base < split; i++)
			;
		if (i == c->hi)
			return NULL;
		n = i - c->lo;
	} else {
		for (i = c->hi - 1; i >= c->lo && cl[i] - c->base < split; i--)
			;
		if (i < c->lo)
			return NULL;
		n = c->hi - 1 - i;
	}
	split = cl[i] - c->base;
	const char *at = c->text + c->item->offset;
	int chars = (int)g_utf8_pointer_to_offset(at, at + split);
	PangoItem *head = pango_item_split(c->item, split, chars);
	PangoGlyphItem *p = S_piece(c, head, ltr ? c->lo : c->hi - n, n);
	p->end_x_offset = -c->src->start_x_offset;
	if (ltr)
		c->lo += n;
	else
		c->hi -= n;
	c->base += split;
	return p;
}

/* Drop what is left before byte AT (the spaces or the soft hyphen at a break). */
static void S_skip_to(struct run_cursor *c, int at)
{
	while (c->src && S_rest_end(c) <= at) {
		pango_item_free(c->item);
		S_next_run(c);
	}
	if (c->src && S_rest_start(c) < at) {
		PangoGlyphItem *head = S_split(c, at - S_rest_start(c));
		if (head)
			pango_glyph_item_free(head);
	}
}

/* Move the glyphs of the bytes before END into LINE. */
static void S_take_to(struct run_cursor *c, int end, struct ts_line *line, int cap)
{
	while (c->src && S_rest_start(c) < end) {
		if (S_rest_end(c) <= end) {
			S_add_run(line, S_take_rest(c), cap);
		} else {
			PangoGlyphItem *head = S_split(c, end - S_rest_start(c));
			if (!head)
				break;
			S_add_run(line, head, cap);
		}
	}
}

/* The soft hyphen at byte AT made visible: a hyphen shaped in the font of
 * ITEM, the run it is in, standing for those two bytes. */
static PangoGlyphItem *S_hyphen(const PangoItem *item, int at)
{
	PangoGlyphItem *h = g_slice_new0(PangoGlyphItem);
	h->item = pango_item_copy((PangoItem *)item);
	h->item->offset = at;
	h->item->length = 2;
	h->item->num_chars = 1;
	h->glyphs = pango_glyph_string_new();
	pango_shape("-", 1, &h->item->analysis, h->glyphs);
	for (int g = 0; g < h->glyphs->num_glyphs; g++)
		h->glyphs->log_clusters[g] = 0;
	return h;
}

static int S_is_space(const char *text, int byte)
{
	return text[byte] == ' ' || ((unsigned char)text[byte] == 0xC2 &&
	                             (unsigned char)text[byte + 1] == 0xA0);
}

/* Space LINE out to WIDTH pango units: the room left (or missing, when
 * the line breaker let its spaces shrink) is shared by its spaces, to the
 * unit.  With GAPS, the glyph before each flagged character of a script
 * written without spaces takes a share as a space does (never a share of
 * missing room: such letters do not close up). */
static void S_justify(struct ts_line *line, const char *text, int width,
                      const unsigned char *gaps)
{
	int natural = 0, spaces = 0;
	for (int r = 0; r < line->n_runs; r++)
		natural += pango_glyph_string_get_width(line->runs[r]->glyphs);
	int extra = width - natural;
	if (gaps && extra > 0) {
		galley_justify_gaps(line, text, extra, gaps);
		return;
	}
	for (int r = 0; r < line->n_runs; r++) {
		const PangoGlyphString *gs = line->runs[r]->glyphs;
		for (int g = 0; g < gs->num_glyphs; g++)
			spaces += S_is_space(text, line->runs[r]->item->offset + gs->log_clusters[g]);
	}
	if (extra == 0 || spaces == 0)
		return;
	long long added = 0;
	int k = 0;
	for (int r = 0; r < line->n_runs; r++) {
		PangoGlyphString *gs = line->runs[r]->glyphs;
		for (int g = 0; g < gs->num_glyphs; g++) {
			if (!S_is_space(text, line->runs[r]->item->offset + gs->log_clusters[g]))
				continue;
			int adjust = (int)((long long)extra * ++k / spaces - added);
			gs->glyphs[g].geometry.width += adjust;
			added += adjust;
		}
	}
}

/* The width of LINE's spaces and of its other glyphs, pango units. */
static void S_widths(const struct ts_line *line, const char *text, double *space, double *ink)
{
	*space = *ink = 0;
	for (int r = 0; r < line->n_runs; r++) {
		const PangoGlyphString *gs = line->runs[r]->glyphs;
		for (int g = 0; g < gs->num_glyphs; g++) {
			int w = gs->glyphs[g].geometry.width;
			if (S_is_space(text, line->runs[r]->item->offset + gs->log_clusters[g]))
				*space += w;
			else
				*ink += w;
		}
	}
}

/* Font expansion: widen or narrow LINE's glyphs (not its spaces) toward
 * WIDTH pango units, before the spaces take the rest (as the line breaker
 * counts it), in steps of TS_EXPAND_STEP, never by more than J->expand.
 * Their advances change here; the glyphs are drawn with a font widened as
 * much (line->expand). */
static void S_expand(struct ts_line *line, const char *text, int width,
                     const struct ts_justify *j)
{
	double space, ink;
	S_widths(line, text, &space, &ink);
	double need = width - (space + ink);
	if (ink <= 0)
		return;
	double e = need / ink;
	e = e > j->expand ? j->expand : e < -j->expand ? -j->expand : e;
	/* toward zero, so that the glyphs never take more than the room; but
	 * a line without spaces (CJK, Thai) has none to shrink for the rest,
	 * so there its glyphs narrow a step further and the gaps between its
	 * letters take back what is left over */
	double steps = e / TS_EXPAND_STEP;
	steps = e < 0 && space <= 0 ? floor(steps) : trunc(steps);
	e = steps * TS_EXPAND_STEP;
	if (e < -j->expand)
		e = -j->expand;
	if (e == 0)
		return;
	line->expand = e;
	for (int r = 0; r < line->n_runs; r++) {
		PangoGlyphString *gs = line->runs[r]->glyphs;
		for (int g = 0; g < gs->num_glyphs; g++) {
			if (S_is_space(text, line->runs[r]->item->offset + gs->log_clusters[g]))
				continue;
			gs->glyphs[g].geometry.width = (int)(gs->glyphs[g].geometry.width * (1 + e) + 0.5);
			gs->glyphs[g].geometry.x_offset = (int)(gs->glyphs[g].geometry.x_offset * (1 + e));
		}
	}
}

/* Set LINE, of a justified paragraph, WIDTH pt wide from its start: its
 * last mark hung into the margin, its glyphs expanded and its spaces
 * stretched or shrunk to the edge. */
static void S_set_justified(struct ts_line *line, const char *text, double width,
                            const struct ts_justify *j)
{
	double hang = j->protrude ? galley_line_hang(line, text) : 0;
	int target = (int)((width + hang) * PANGO_SCALE);
	if (j->expand > 0)
		S_expand(line, text, target, j);
	S_justify(line, text, target, j->gaps);
}

int galley_lines_from_cuts(struct ts_block *b, GSList *runs, const char *text,
                           const struct ts_cut *cuts, int n, double width, double first,
                           const struct ts_justify *j)
{
	if (!runs || n <= 0)
		return 0;
	int len = (int)strlen(text);
	unsigned char *starts = S_cluster_starts(runs, len);
	/* a byte past the text starts no cluster of it, but none is cut there */
#define STARTS(at) ((at) < 0 || (at) > len || starts[at])
	for (int k = 0; k < n; k++)
		if (!STARTS(cuts[k].start) || !STARTS(cuts[k].end) ||
		    (cuts[k].hyphen && !STARTS(cuts[k].end + 2))) {
			free(starts);
			return 0;
		}
#undef STARTS
	free(starts);
	galley_lines_free(b);
	b->line_text = galley_xstrdup(text);
	b->lines = galley_xcalloc((size_t)n, sizeof *b->lines);
	int cap = (int)g_slist_length(runs) + 1;
	struct run_cursor c = {runs, NULL, NULL, 0, 0, 0, b->line_text};
	S_next_run(&c);
	for (int k = 0; k < n; k++) {
		struct ts_line *line = &b->lines[k];
		line->runs = galley_xmalloc((size_t)cap * sizeof *line->runs);
		line->start = cuts[k].start;
		line->length = cuts[k].end + (cuts[k].hyphen ? 2 : 0) - cuts[k].start;
		line->x = k == 0 ? first : 0;
		S_skip_to(&c, cuts[k].start);
		S_take_to(&c, cuts[k].end, line, cap);
		if (cuts[k].hyphen && c.src)
			S_add_run(line, S_hyphen(c.item, cuts[k].end), cap);
		if (j && k + 1 < n)
			S_set_justified(line, b->line_text, width - line->x, j);
	}
	if (c.src)
		pango_item_free(c.item);
	b->n_lines = n;
	return 1;
}

double galley_line_width(const struct ts_line *line)
{
	int w = 0;
	for (int r = 0; r < line->n_runs; r++)
		w += pango_glyph_string_get_width(line->runs[r]->glyphs);
	return w / (double)PANGO_SCALE;
}

int galley_line_x_ranges(const struct ts_line *line, int start, int end, double *ranges,
                         int max)
{
	int n = 0, open = 0;
	double x = 0;
	for (int r = 0; r < line->n_runs; r++) {
		const PangoGlyphItem *run = line->runs[r];
		for (int g = 0; g < run->glyphs->num_glyphs; g++) {
			int byte = run->item->offset + run->glyphs->log_clusters[g];
			double w = run->glyphs->glyphs[g].geometry.width / (double)PANGO_SCALE;
			int in = byte >= start && byte < end;
			if (in && open) {
				ranges[2 * n - 1] = x + w;
			} else if (in && n < max) {
				ranges[2 * n] = x;
				ranges[2 * n + 1] = x + w;
				n++;
				open = 1;
			} else {
				open = 0;
			}
			x += w;
		}
	}
	return n;
}
