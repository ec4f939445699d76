/* typeset_metrics.c — the font figures the typesetter needs for every
 * block (ascent, descent, hyphen and space widths), measured once per
 * process and font rather than once per block: pango_context_get_metrics
 * shapes a sample sentence on each call, and a batch sets thousands of
 * blocks in the same few fonts. */
#include <string.h>

#include "typeset.h"

/* Cached fonts: the roles of a layout or two, in a language or two. */
#define MAX_CACHED 32

struct entry {
	PangoFontMap *map;
	PangoLanguage *lang;
	PangoFontDescription *desc;
	struct ts_metrics m;
};

static struct entry S_cache[MAX_CACHED];
static size_t S_n;

/* x of byte BYTE of L's text. */
static double S_x(PangoLayout *l, int byte)
{
	PangoRectangle r;
	pango_layout_index_to_pos(l, byte, &r);
	return r.x / (double)PANGO_SCALE;
}

static struct ts_metrics S_measure(PangoContext *ctx, const PangoFontDescription *desc)
{
	struct ts_metrics m;
	PangoFontMetrics *fm = pango_context_get_metrics(ctx, desc, NULL);
	m.ascent = pango_font_metrics_get_ascent(fm) / (double)PANGO_SCALE;
	m.descent = pango_font_metrics_get_descent(fm) / (double)PANGO_SCALE;
	pango_font_metrics_unref(fm);
	PangoLayout *l = pango_layout_new(ctx);
	pango_layout_set_font_description(l, desc);
	pango_layout_set_text(l, "- x", -1);
	m.hyphen = S_x(l, 1);
	m.space = S_x(l, 2) - m.hyphen;
	g_object_unref(l);
	return m;
}

/* Every context comes from galley_font_context, so contexts differ only in
 * their font map and language: with the font description these are the key. */
struct ts_metrics galley_font_metrics(PangoContext *ctx, const PangoFontDescription *desc)
{
	PangoFontMap *map = pango_context_get_font_map(ctx);
	PangoLanguage *lang = pango_context_get_language(ctx);
	for (size_t i = 0; i < S_n; i++)
		if (S_cache[i].map == map && S_cache[i].lang == lang &&
		    pango_font_description_equal(S_cache[i].desc, desc))
			return S_cache[i].m;
	struct ts_metrics m = S_measure(ctx, desc);
	if (S_n < MAX_CACHED) {
		/* the font map lives as long as the process: a pointer is a key */
		S_cache[S_n++] = (struct entry){map, lang, pango_font_description_copy(desc), m};
	}
	return m;
}
