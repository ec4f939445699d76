/* epub_cover_text.c — the lines of text on the EPUB cover: words shaped
 * with HarfBuzz, filled greedily into lines, cut with an ellipsis, drawn
 * with cairo.
 *
 * A cover holds a few short lines in one face each, so this needs none of
 * pango: an EPUB is made without loading pango and the dozen libraries it
 * brings, which took longer than drawing the cover.  A word in a script the
 * face lacks (a Japanese title in Noto Sans) is set in the face galley's
 * font configuration falls back to for it, as the PDF's pango does. */
#include <cairo-ft.h>
#include <hb-ot.h>
#include <glib.h>
#include <hb.h>
#include <stdlib.h>
#include <string.h>

#include "epub.h"
#include "fonts.h"

/* A face at a weight, matched in galley's font configuration; kept for the
 * process (a batch draws hundreds of covers in the same few faces). */
struct cover_face {
	char *family;
	int weight;
	hb_font_t *hb;              /* at its design units */
	cairo_font_face_t *cairo;
	double upem, ascent, descent, gap;  /* design units */
};

#define COVER_FACES 24   /* the layout's few, and each script's fallback */
static struct cover_face S_faces[COVER_FACES];
static size_t S_n_faces;

static struct cover_face *S_face(FcConfig *config, const char *family, int weight)
{
	for (size_t i = 0; i < S_n_faces; i++)
		if (S_faces[i].weight == weight && strcmp(S_faces[i].family, family) == 0)
			return &S_faces[i];
	FcPattern *match = galley_fc_match(config, family, weight, 0);
	FcChar8 *file = NULL;
	int index = 0;
	if (!match || FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch) {
		if (match)
			FcPatternDestroy(match);
		return NULL;
	}
	FcPatternGetInteger(match, FC_INDEX, 0, &index);
	hb_blob_t *blob = hb_blob_create_from_file((const char *)file);
	hb_face_t *face = hb_face_create(blob, (unsigned)index);
	hb_blob_destroy(blob);
	if (hb_face_get_glyph_count(face) == 0) {
		hb_face_destroy(face);
		FcPatternDestroy(match);
		return NULL;
	}
	struct cover_face *f = S_n_faces < COVER_FACES ? &S_faces[S_n_faces++] : &S_faces[0];
	if (f->family) {
		/* the table is full: the first face makes room */
		free(f->family);
		hb_font_destroy(f->hb);
		cairo_font_face_destroy(f->cairo);
	}
	f->family = galley_xstrdup(family);
	f->weight = weight;
	f->hb = hb_font_create(face);
	f->upem = hb_face_get_upem(face);
	hb_face_destroy(face);
	hb_font_extents_t ext;
	hb_font_get_h_extents(f->hb, &ext);
	f->ascent = ext.ascender;
	f->descent = -ext.descender;
	f->gap = ext.line_gap;
	f->cairo = cairo_ft_font_face_create_for_pattern(match);
	FcPatternDestroy(match);
	return f;
}

/* The glyphs of a run of text in FACE, their advances in its design
 * units; K converts them to the design units of the line's face. */
struct run {
	struct cover_face *face;
	double k;
	hb_buffer_t *buf;
	unsigned n;
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;
	double width;
	int rtl;
	int glued;          /* follows the word before it without a space */
};

static void S_shape(struct run *r, struct cover_face *face, const struct cover_face *line,
                    const char *text, int len)
{
	hb_font_t *font = face->hb;
	r->face = face;
	r->k = line->upem / face->upem;
	r->buf = hb_buffer_create();
	hb_buffer_add_utf8(r->buf, text, len, 0, len);
	hb_buffer_guess_segment_properties(r->buf);
	hb_shape(font, r->buf, NULL, 0);
	r->info = hb_buffer_get_glyph_infos(r->buf, &r->n);
	r->pos = hb_buffer_get_glyph_positions(r->buf, &r->n);
	r->rtl = hb_buffer_get_direction(r->buf) == HB_DIRECTION_RTL;
	r->width = 0;
	for (unsigned i = 0; i < r->n; i++)
		r->width += r->pos[i].x_advance * r->k;
}

/* The first character of TEXT[0..LEN) FACE has no glyph for, or 0. */
static hb_codepoint_t S_uncovered(const struct cover_face *face, const char *text, int len)
{
	for (const char *p = text; p < text + len; p = g_utf8_next_char(p)) {
		hb_codepoint_t c = g_utf8_get_char(p), glyph;
		if (!g_unichar_iscntrl(c) && !hb_font_get_nominal_glyph(face->hb, c, &glyph))
			return c;
	}
	return 0;
}

/* The face galley's configuration falls back to from FAMILY for C in LANG
 * (fonts.conf appends each script's face in the family's style), or NULL. */
static struct cover_face *S_fallback(FcConfig *config, const char *family, int weight,
                                     const char *lang, hb_codepoint_t c)
{
	struct galley_fc_face fb;
	if (galley_fc_fallback_face(config, family, weight, 0, lang, c, &fb) != 0)
		return NULL;
	struct cover_face *face = S_face(config, fb.family, weight);
	free(fb.file);
	free(fb.family);
	return face;
}

/* A line: words FIRST..LAST-1, the last of them cut to KEEP glyphs
 * (all when KEEP < 0), and an ellipsis after it when ELLIPSIS. */
struct line {
	size_t first, last;
	long keep;
	int ellipsis;
};

struct setter {
	struct cover_face *face;
	struct run *words;
	size_t n_words;
	struct run space, dots;
	double width;           /* of a line, in design units */
};

static double S_words_width(const struct setter *s, size_t first, size_t last)
{
	double w = 0;
	for (size_t i = first; i < last; i++)
		w += s->words[i].width + (i > first && !s->words[i].glued ? s->space.width : 0);
	return w;
}

/* The length of the first piece of the word TEXT[0..LEN) a cover line may
 * end after: Chinese and Japanese break between characters (never before
 * closing punctuation or a small kana, never after an opening bracket). */
static int S_piece(const char *text, int len)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *next = g_utf8_next_char(p);
		if (next >= end)
			break;
		gunichar a = g_utf8_get_char(p), b = g_utf8_get_char(next);
		GUnicodeBreakType ta = g_unichar_break_type(a), tb = g_unichar_break_type(b);
		int cjk = ta == G_UNICODE_BREAK_IDEOGRAPHIC || tb == G_UNICODE_BREAK_IDEOGRAPHIC ||
		          ta == G_UNICODE_BREAK_CLOSE_PUNCTUATION;
		int forbidden = ta == G_UNICODE_BREAK_OPEN_PUNCTUATION ||
		                tb == G_UNICODE_BREAK_CLOSE_PUNCTUATION ||
		                tb == G_UNICODE_BREAK_CLOSE_PARANTHESIS ||
		                tb == G_UNICODE_BREAK_NON_STARTER ||
		                tb == G_UNICODE_BREAK_CONDITIONAL_JAPANESE_STARTER ||
		                tb == G_UNICODE_BREAK_EXCLAMATION || tb == G_UNICODE_BREAK_INFIX_SEPARATOR;
		if (cjk && !forbidden)
			return (int)(next - text);
		p = next;
	}
	return len;
}

/* Glyphs of W that fit in AVAIL design units (at least one). */
static long S_fit_glyphs(const struct run *w, double avail)
{
	double x = 0;
	long k = 0;
	while ((unsigned)k < w->n && x + w->pos[k].x_advance * w->k <= avail)
		x += w->pos[k++].x_advance * w->k;
	return k ? k : 1;
}

/* Break the words into at most MAX lines; returns the count.  A word wider
 * than a line (a long web address) is cut where it no longer fits and
 * ends in an ellipsis, as does the text that does not fit in MAX lines. */
static size_t S_lines(struct setter *s, struct line *lines, size_t max)
{
	size_t n = 0, i = 0;
	while (i < s->n_words && n < max) {
		struct line *l = &lines[n++];
		l->first = i;
		l->keep = -1;
		l->ellipsis = 0;
		size_t j = i + 1;
		while (j < s->n_words && S_words_width(s, i, j + 1) <= s->width)
			j++;
		if (j == i + 1 && s->words[i].width > s->width) {
			/* its end is left out, and the ellipsis says so */
			l->keep = S_fit_glyphs(&s->words[i], s->width - s->dots.width);
			l->ellipsis = 1;
		}
		l->last = j;
		i = j;
	}
	if (i < s->n_words && n > 0) {
		/* cut the last line until the ellipsis fits after it */
		struct line *l = &lines[n - 1];
		l->ellipsis = 1;
		while (l->last > l->first + 1 &&
		       S_words_width(s, l->first, l->last) + s->dots.width > s->width)
			l->last--;
		if (l->last == l->first + 1 && S_words_width(s, l->first, l->last) + s->dots.width > s->width)
			l->keep = S_fit_glyphs(&s->words[l->first], s->width - s->dots.width);
	}
	return n;
}

/* Draw the glyphs OUT[0..*N) in FACE at PX and empty OUT. */
static void S_flush(cairo_t *cr, cairo_glyph_t *out, size_t *n, const struct cover_face *face,
                    double px)
{
	if (!*n)
		return;
	cairo_set_font_face(cr, face->cairo);
	cairo_set_font_size(cr, px);
	cairo_show_glyphs(cr, out, (int)*n);
	*n = 0;
}

/* Append the glyphs of R (KEEP of them, all when < 0) at X, baseline Y;
 * the glyphs before them are drawn first when R's face is another. */
static double S_put_run(cairo_t *cr, cairo_glyph_t *out, size_t *n,
                        const struct cover_face **drawn, const struct run *r, long keep,
                        double x, double y, double px)
{
	if (*drawn != r->face)
		S_flush(cr, out, n, *drawn, px);
	*drawn = r->face;
	double scale = px / r->face->upem;
	unsigned count = keep < 0 ? r->n : (unsigned)keep;
	for (unsigned g = 0; g < count; g++) {
		/* a right-to-left word comes out of HarfBuzz in visual order:
		 * a cut keeps its logical start, the right end */
		unsigned k = r->rtl && keep >= 0 ? r->n - count + g : g;
		out[*n].index = r->info[k].codepoint;
		out[*n].x = x + r->pos[k].x_offset * scale;
		out[*n].y = y - r->pos[k].y_offset * scale;
		(*n)++;
		x += r->pos[k].x_advance * scale;
	}
	return x;
}

/* The width of the glyphs of R that S_put_run sets, at PX. */
static double S_run_px(const struct run *r, long keep, double px)
{
	unsigned count = keep < 0 ? r->n : (unsigned)keep;
	double w = 0;
	for (unsigned g = 0; g < count; g++)
		w += r->pos[r->rtl && keep >= 0 ? r->n - count + g : g].x_advance;
	return w * px / r->face->upem;
}

/* Draw line L with its left end at X (a right-to-left line: its right end
 * at X + the line width), baseline Y. */
static void S_draw_line(cairo_t *cr, const struct setter *s, const struct line *l, double x,
                        double y, double px)
{
	size_t cap = s->dots.n + 1;
	for (size_t i = l->first; i < l->last; i++)
		cap += s->words[i].n + s->space.n;
	cairo_glyph_t *glyphs = galley_xcalloc(cap, sizeof *glyphs);
	size_t n = 0;
	int rtl = s->words[l->first].rtl;
	/* a right-to-left line is set from its last word, its right end at
	 * the right margin: the pen starts where that puts its left end */
	double pen = x;
	if (rtl) {
		double w = l->ellipsis ? S_run_px(&s->dots, -1, px) : 0;
		for (size_t i = l->first; i < l->last; i++)
			w += S_run_px(&s->words[i], i == l->last - 1 ? l->keep : -1, px) +
			     (i > l->first && !s->words[i].glued ? S_run_px(&s->space, -1, px) : 0);
		pen = x + s->width * px / s->face->upem - w;
	}
	const struct cover_face *drawn = s->face;
	if (rtl && l->ellipsis)
		pen = S_put_run(cr, glyphs, &n, &drawn, &s->dots, -1, pen, y, px);
	for (size_t w = 0; w < l->last - l->first; w++) {
		size_t i = rtl ? l->last - 1 - w : l->first + w;
		if (w && !s->words[rtl ? i + 1 : i].glued)
			pen = S_put_run(cr, glyphs, &n, &drawn, &s->space, -1, pen, y, px);
		pen = S_put_run(cr, glyphs, &n, &drawn, &s->words[i], i == l->last - 1 ? l->keep : -1,
		                pen, y, px);
	}
	if (!rtl && l->ellipsis)
		pen = S_put_run(cr, glyphs, &n, &drawn, &s->dots, -1, pen, y, px);
	S_flush(cr, glyphs, &n, drawn, px);
	free(glyphs);
}

double epub_cover_text(cairo_t *cr, FcConfig *config, const char *family, int weight,
                       const char *lang, double px, const char *text, double x, double y,
                       double width, int max_lines)
{
	struct cover_face *face = S_face(config, family, weight);
	if (!face || max_lines < 1 || !text)
		return 0;
	FcCharSet *chars = FcCharSetCreate();
	if (galley_script_chars(chars, text))
		galley_fc_add_scripts(config, chars, &lang, lang ? 1 : 0);
	FcCharSetDestroy(chars);
	struct setter s = {face, NULL, 0, {0}, {0}, width * face->upem / px};
	/* words: runs between spaces, tabs and line ends, and the pieces of
	 * a Chinese or Japanese run between which a line may break */
	size_t len = strlen(text);
	s.words = galley_xcalloc(len + 2, sizeof *s.words);
	for (size_t i = 0; i < len;) {
		size_t n = strcspn(text + i, " \t\r\n");
		for (size_t at = 0; at < n;) {
			int piece = S_piece(text + i + at, (int)(n - at));
			hb_codepoint_t c = S_uncovered(face, text + i + at, piece);
			struct cover_face *other = c ? S_fallback(config, family, weight, lang, c) : NULL;
			struct run *r = &s.words[s.n_words++];
			S_shape(r, other ? other : face, face, text + i + at, piece);
			r->glued = at > 0;
			at += (size_t)piece;
		}
		i += n;
		i += strspn(text + i, " \t\r\n");
	}
	double height = 0;
	if (s.n_words) {
		S_shape(&s.space, face, face, " ", 1);
		S_shape(&s.dots, face, face, "\u2026", -1);
		struct line *lines = galley_xcalloc((size_t)max_lines, sizeof *lines);
		size_t n = S_lines(&s, lines, (size_t)max_lines);
		double scale = px / face->upem;
		double leading = (face->ascent + face->descent + face->gap) * scale;
		for (size_t i = 0; i < n; i++)
			S_draw_line(cr, &s, &lines[i], x, y + i * leading + face->ascent * scale, px);
		height = n * leading;
		free(lines);
		hb_buffer_destroy(s.space.buf);
		hb_buffer_destroy(s.dots.buf);
	}
	for (size_t i = 0; i < s.n_words; i++)
		hb_buffer_destroy(s.words[i].buf);
	free(s.words);
	return height;
}
