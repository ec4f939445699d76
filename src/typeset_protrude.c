/* typeset_protrude.c — margin protrusion (hanging punctuation): a
 * justified line whose last character is a hyphen, a period, a comma or a
 * closing quote lets part of it hang past the right edge, so that the edge
 * the eye sees is straight (a full-width period leaves a notch).  The
 * shares are those of microtype's default set for text fonts, kept small
 * enough that no mark hangs more than about a quarter of an em.  The left
 * edge stays as it is: there an opening quote that hung would start a
 * line that reads (to the eye and to text extraction) as a new block. */
#include "typeset.h"

struct hang {
	gunichar c;
	float share;   /* of the glyph's width hanging out */
};

static const struct hang S_hangs[] = {
	{'.', 0.7f},    {',', 0.5f},     {':', 0.5f},     {';', 0.3f},     {'!', 0.1f},
	{'?', 0.2f},    {')', 0.2f},     {'-', 0.5f},     {0xAD, 0.5f},    {0x2010, 0.5f},
	{0x2013, 0.2f}, {0x2014, 0.15f}, {'\'', 0.5f},   {'"', 0.4f},     {0x2019, 0.6f},
	{0x201D, 0.5f},
};
/* An ellipsis does not hang: three dots a fifth of their width past the
 * edge read as a word running over it (to typo-metrics too), where a
 * period's single dot reads as punctuation. */

double galley_protrusion(gunichar c)
{
	if (c < 0x80 && g_ascii_isalnum((int)c))   /* most line ends: nothing hangs */
		return 0;
	for (size_t i = 0; i < sizeof S_hangs / sizeof *S_hangs; i++)
		if (S_hangs[i].c == c)
			return S_hangs[i].share;
	return 0;
}

/* The character and advance (pt) of the last drawn cluster of LINE; 0
 * when the line has none. */
static gunichar S_last_glyph(const struct ts_line *line, const char *text, double *advance)
{
	for (int r = line->n_runs - 1; r >= 0; r--) {
		const PangoGlyphItem *run = line->runs[r];
		int n = run->glyphs->num_glyphs;
		if (n == 0)
			continue;
		int cluster = run->glyphs->log_clusters[n - 1];
		double w = 0;
		/* every glyph of that cluster (a ligature's parts, a mark) */
		for (int k = 0; k < n; k++)
			if (run->glyphs->log_clusters[k] == cluster)
				w += run->glyphs->glyphs[k].geometry.width;
		*advance = w / PANGO_SCALE;
		const char *p = text + run->item->offset + cluster;
		/* the hyphen drawn for a soft hyphen stands for U+00AD */
		if (run->item->length == 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xAD)
			return '-';
		/* the cluster's last character: the run's last */
		const char *q = g_utf8_find_prev_char(p, text + run->item->offset + run->item->length);
		return g_utf8_get_char(q && q >= p ? q : p);
	}
	*advance = 0;
	return 0;
}

double galley_line_hang(const struct ts_line *line, const char *text)
{
	double w;
	gunichar c = S_last_glyph(line, text, &w);
	return c ? galley_protrusion(c) * w : 0;
}
