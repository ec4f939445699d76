/* typeset_block.c — sets one block of text with pango at a given width:
 * font, alignment, first-line indent, a fixed line pitch, and no more than
 * two hyphenated lines in a row.  The block keeps its lines as glyph runs
 * (typeset_lines.c), not the pango layout. */
#include <math.h>
#include <string.h>

#include "typeset.h"

#define MAX_HYPHEN_RUN 2   /* issue 3: no more than 2 hyphenated lines in a row */
#define MAX_REFIT 4096     /* longer texts are not set again hyphen by hyphen */
/* What the justified paragraphs of a flow (one article at a time) keep of
 * their measuring to be set again (struct ts_block's measured): about 30
 * bytes a character, so the paragraphs of a usual article, and no more
 * for a huge one. */
#define MAX_MEASURED ((size_t)512 << 10)

struct ts_block *galley_flow_add(struct ts_flow *flow, ts_kind kind, galley_role role)
{
	if (flow->n_blocks == flow->cap) {
		flow->cap = flow->cap ? flow->cap * 2 : 64;
		flow->blocks = galley_xrealloc(flow->blocks, flow->cap * sizeof *flow->blocks);
	}
	struct ts_block *b = &flow->blocks[flow->n_blocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->role = role;
	b->article = (int)flow->current;
	const struct galley_font_role *r = &flow->layout->role[role];
	b->leading = r->leading;
	b->space_before = r->space_before;
	b->space_after = r->space_after;
	b->inset_left = r->inset;
	b->inset_right = r->inset_right;
	b->colour = r->colour;
	return b;
}

/* Forget what B kept of its measuring. */
static void S_measured_free(struct ts_block *b)
{
	if (b->measured) {
		galley_unwrapped_free(b->measured);
		free(b->measured);
		b->measured = NULL;
	}
}

static void S_block_free(struct ts_block *b)
{
	galley_lines_free(b);
	S_measured_free(b);
	if (b->reflow_attrs)
		pango_attr_list_unref(b->reflow_attrs);
	if (b->image)
		cairo_surface_destroy(b->image);
	for (size_t i = 0; i < b->n_links; i++)
		free(b->links[i].url);
	free(b->links);
	free(b->text);
	free(b->marker);
	for (int i = 0; i < b->n_cells; i++)
		S_block_free(&b->cells[i]);
	free(b->cells);
}

void galley_flow_clear(struct ts_flow *flow)
{
	for (size_t i = 0; i < flow->n_blocks; i++)
		S_block_free(&flow->blocks[i]);
	flow->n_blocks = 0;
	flow->measured_bytes = 0;
}

void galley_flow_free(struct ts_flow *flow)
{
	if (!flow)
		return;
	galley_flow_clear(flow);
	galley_image_cache_free(flow->images);   /* the blocks held their own references */
	free(flow->blocks);
	free(flow->articles);
	if (flow->pango)
		g_object_unref(flow->pango);
	free(flow);
}

/* Where the first baseline sits below the top of a line box: the CSS
 * half-leading model, from the font's ascent and descent. */
static double S_baseline(const struct ts_metrics *m, double leading)
{
	return (leading - (m->ascent + m->descent)) / 2 + m->ascent;
}

/* 1 if LINE of layout text TEXT ends in a hyphen (soft or written). */
static int S_hyphenated(const char *text, PangoLayoutLine *line, int *soft_at)
{
	int end = line->start_index + line->length;
	if (line->length < 2)
		return 0;
	const char *last = g_utf8_find_prev_char(text + line->start_index, text + end);
	if (!last)
		return 0;
	gunichar c = g_utf8_get_char(last);
	*soft_at = c == 0xAD ? (int)(last - text) : -1;
	return c == 0xAD || c == '-' || c == 0x2010;
}

/* The byte offset of a soft hyphen that ends the third hyphenated line of
 * a run, or -1 when the layout keeps the rule. */
static int S_bad_hyphen(PangoLayout *layout)
{
	const char *text = pango_layout_get_text(layout);
	int run = 0, n = pango_layout_get_line_count(layout);
	for (int i = 0; i < n - 1; i++) {
		int soft = -1;
		PangoLayoutLine *line = pango_layout_get_line_readonly(layout, i);
		if (!S_hyphenated(text, line, &soft)) {
			run = 0;
			continue;
		}
		if (++run > MAX_HYPHEN_RUN && soft >= 0)
			return soft;
		/* pango may justify a line as if its hyphen took no room, which
		 * pushes the hyphen past the edge: break that line elsewhere */
		PangoRectangle ext;
		pango_layout_line_get_extents(line, NULL, &ext);
		if (soft >= 0 && ext.x + ext.width > pango_layout_get_width(layout) + PANGO_SCALE / 2)
			return soft;
	}
	return -1;
}

/* Remove the 2-byte soft hyphen at AT from the block's text, moving the
 * attributes and links after it. */
static char *S_drop_hyphen(struct ts_block *b, const char *text, int at, PangoAttrList *attrs)
{
	size_t len = strlen(text);
	char *t = galley_xmalloc(len - 1);
	memcpy(t, text, (size_t)at);
	memcpy(t + at, text + at + 2, len - (size_t)at - 1);
	pango_attr_list_update(attrs, at, 2, 0);
	for (size_t i = 0; i < b->n_links; i++) {
		if (b->links[i].start > at) b->links[i].start -= 2;
		if (b->links[i].end > at) b->links[i].end -= 2;
	}
	return t;
}

/* TEXT without any soft hyphen (attributes and links moved along). */
static char *S_drop_all_hyphens(struct ts_block *b, char *text, PangoAttrList *attrs)
{
	for (int at = (int)strlen(text) - 2; at >= 0; at--) {
		if ((unsigned char)text[at] != 0xC2 || (unsigned char)text[at + 1] != 0xAD)
			continue;
		char *t = S_drop_hyphen(b, text, at, attrs);
		free(text);
		text = t;
	}
	return text;
}

/* 1 if byte AT of the layout's text ends one of its lines. */
static int S_ends_line(PangoLayout *l, int at)
{
	int n = pango_layout_get_line_count(l);
	for (int i = 0; i < n - 1; i++) {
		PangoLayoutLine *line = pango_layout_get_line_readonly(l, i);
		if (line->start_index + line->length == at + 2)
			return 1;
	}
	return 0;
}

/* Drop the soft hyphens that no line breaks at: inside a ligature they
 * would reach the PDF's text ("af\u00adfairs") and searches would miss the
 * word.  Invisible and zero-width, so the lines stay as they were. */
static char *S_keep_used_hyphens(struct ts_block *b, PangoLayout *l, char *text,
                                 PangoAttrList *attrs)
{
	int changed = 0;
	for (int at = (int)strlen(text) - 2; at >= 0; at--) {
		if ((unsigned char)text[at] != 0xC2 || (unsigned char)text[at + 1] != 0xAD ||
		    S_ends_line(l, at))
			continue;
		char *t = S_drop_hyphen(b, text, at, attrs);
		free(text);
		text = t;
		changed = 1;
	}
	if (changed) {
		pango_layout_set_text(l, text, -1);
		pango_layout_set_attributes(l, attrs);
	}
	return text;
}

/* Set TEXT, which L holds and which fits on one line at WIDTH less the
 * first line's indent FIRST, as that line, cut from its glyphs shaped a
 * word at a time (typeset_shape.c) rather than by L: the line L would set,
 * flush left, at the x L would give it.  0 (B untouched) when the text is
 * left to pango or is not narrower than the measure by a point. */
static int S_one_line(struct ts_block *b, PangoLayout *l, const char *text, double width,
                      double first)
{
	struct ts_unwrapped u;
	if (!galley_shape_line(l, &u))
		return 0;
	/* the runs are in logical order: pango's line puts right-to-left
	 * runs in visual order */
	int natural = 0, ltr = 1;
	for (GSList *r = u.runs; r; r = r->next) {
		const PangoGlyphItem *run = r->data;
		natural += pango_glyph_string_get_width(run->glyphs);
		ltr &= run->item->analysis.level == 0;
	}
	struct ts_cut cut = {0, (int)strlen(text), 0};
	int done = ltr && natural / (double)PANGO_SCALE <= width - fabs(first) - 1 &&
	           galley_lines_from_cuts(b, u.runs, text, &cut, 1, width, first, NULL);
	galley_unwrapped_free(&u);
	if (done) {
		/* pango indents a flush-left first line by a positive indent,
		 * in its units */
		int indent = (int)(first * PANGO_SCALE);
		b->lines[0].x = indent > 0 ? indent / (double)PANGO_SCALE : 0;
	}
	return done;
}

void galley_block_set_text(struct ts_flow *flow, struct ts_block *b, const char *text,
                           PangoAttrList *attrs, double width, double first_indent)
{
	const struct galley_font_role *r = &flow->layout->role[b->role];
	PangoFontDescription *desc = galley_font_desc(r);
	struct ts_metrics m = galley_font_metrics(flow->pango, desc);
	PangoLayout *l = pango_layout_new(flow->pango);
	pango_layout_set_font_description(l, desc);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	/* a word longer than the measure (a URL) breaks rather than overflows */
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_indent(l, (int)(first_indent * PANGO_SCALE));
	galley_align align = b->align_set ? b->align : r->align;
	pango_layout_set_justify(l, align == GALLEY_ALIGN_JUSTIFY);
	pango_layout_set_alignment(l, align == GALLEY_ALIGN_CENTER ? PANGO_ALIGN_CENTER
	                            : align == GALLEY_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
	                            : PANGO_ALIGN_LEFT);
	if (r->letterspacing) {
		PangoAttribute *a = pango_attr_letter_spacing_new(
			(int)(r->letterspacing * r->size * PANGO_SCALE / 1000));
		pango_attr_list_insert_before(attrs, a);
	}
	b->first_indent = first_indent;
	char *owned = galley_xstrdup(text);
	/* text that surely fits on one line (at 0.6 em a character) needs no
	 * line breaking and no soft hyphens: set once (100,000 short
	 * paragraphs must stay fast) */
	int one_line = g_utf8_strlen(owned, -1) * 0.6 * r->size < width - first_indent - 1;
	if (one_line)
		owned = S_drop_all_hyphens(b, owned, attrs);
	pango_layout_set_text(l, owned, -1);
	pango_layout_set_attributes(l, attrs);
	int fit = !one_line && (align == GALLEY_ALIGN_JUSTIFY || align == GALLEY_ALIGN_LEFT);
	galley_lines_free(b);
	S_measured_free(b);
	const galley_layout *lo = flow->layout;
	struct ts_justify just = {1 - lo->word_space_min, lo->expansion, lo->protrusion, NULL};
	/* a justified body paragraph may be set again (reflow_attrs below) */
	int reflowable = b->role == GALLEY_ROLE_BODY && align == GALLEY_ALIGN_JUSTIFY;
	size_t room = MAX_MEASURED > flow->measured_bytes ? MAX_MEASURED - flow->measured_bytes : 0;
	size_t room_before = room;
	int broken = fit && galley_linebreak(b, l, &owned, &attrs, &m, width, first_indent,
	                                     align == GALLEY_ALIGN_LEFT, &just,
	                                     reflowable ? &room : NULL);
	flow->measured_bytes += room_before - room;
	if (!broken) {
		/* pango's own breaks: each pass removes one offending hyphen */
		for (int at, guard = 0; guard < 200 && !one_line && strlen(owned) <= MAX_REFIT &&
		                        (at = S_bad_hyphen(l)) >= 0; guard++) {
			char *t = S_drop_hyphen(b, owned, at, attrs);
			free(owned);
			owned = t;
			pango_layout_set_text(l, owned, -1);
			pango_layout_set_attributes(l, attrs);
		}
		if (!one_line)
			owned = S_keep_used_hyphens(b, l, owned, attrs);
	}
	if (b->reflow_attrs)
		pango_attr_list_unref(b->reflow_attrs);
	b->reflow_attrs = NULL;
	/* cut from the measured glyphs, a justified paragraph may be set again
	 * a line longer or shorter to keep a page's rules */
	if (b->lines && b->role == GALLEY_ROLE_BODY && align == GALLEY_ALIGN_JUSTIFY) {
		b->reflow_attrs = pango_attr_list_ref(attrs);
		b->reflow_width = width;
	}
	/* the lines cut from the measured glyphs, or else pango's */
	if (!b->lines && one_line && (align == GALLEY_ALIGN_JUSTIFY || align == GALLEY_ALIGN_LEFT))
		S_one_line(b, l, owned, width, first_indent);
	if (!b->lines)
		galley_lines_from_layout(b, l);
	free(owned);
	g_object_unref(l);
	b->baseline = S_baseline(&m, b->leading);
	pango_font_description_free(desc);
	pango_attr_list_unref(attrs);
}

int galley_block_reflow(struct ts_flow *flow, struct ts_block *b, int delta)
{
	int tried = delta < 0 ? REFLOW_SHORTER : REFLOW_LONGER;
	if (!b->reflow_attrs || (b->reflowed & (tried | REFLOW_DONE)) || b->n_lines + delta < 2)
		return 0;
	b->reflowed |= tried;
	const galley_layout *lo = flow->layout;
	PangoFontDescription *desc = galley_font_desc(&lo->role[b->role]);
	struct ts_metrics m = galley_font_metrics(flow->pango, desc);
	PangoLayout *l = NULL;
	if (!b->measured) {
		l = pango_layout_new(flow->pango);
		pango_layout_set_font_description(l, desc);
		pango_layout_set_text(l, b->line_text, -1);
		pango_layout_set_attributes(l, b->reflow_attrs);
	}
	struct ts_justify just = {1 - lo->word_space_min, lo->expansion, lo->protrusion, NULL};
	int done = galley_linebreak_lines(b, l, &m, b->reflow_width, b->first_indent, &just,
	                                  b->n_lines + delta);
	if (l)
		g_object_unref(l);
	pango_font_description_free(desc);
	if (done)
		b->reflowed |= REFLOW_DONE;
	/* set again, or tried both ways: it will not be set again */
	if (b->reflowed & REFLOW_DONE ||
	    (b->reflowed & (REFLOW_SHORTER | REFLOW_LONGER)) == (REFLOW_SHORTER | REFLOW_LONGER))
		S_measured_free(b);
	return done;
}
