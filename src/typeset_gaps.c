/* typeset_gaps.c — where a script written without spaces between words
 * (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) lets a line break and a
 * justified line widen.  Pango's break attributes say where a line may
 * break (UAX #14 with kinsoku: never before closing punctuation or small
 * kana, never after an opening bracket; Thai and Lao at dictionary word
 * boundaries); at such a break between letters of these scripts the line
 * breaker charges nothing, as it would at a space, and a justified line is
 * spaced out there, as JIS X 4051 spaces CJK text between characters.
 * Korean is written with spaces and breaks at them like Latin. */
#include "typeset.h"

/* 1 for a letter of a script written without spaces between words. */
static int S_spaceless(gunichar c)
{
	switch (g_unichar_get_script(c)) {
	case G_UNICODE_SCRIPT_HAN:
	case G_UNICODE_SCRIPT_HIRAGANA:
	case G_UNICODE_SCRIPT_KATAKANA:
	case G_UNICODE_SCRIPT_BOPOMOFO:
	case G_UNICODE_SCRIPT_THAI:
	case G_UNICODE_SCRIPT_LAO:
	case G_UNICODE_SCRIPT_KHMER:
	case G_UNICODE_SCRIPT_MYANMAR:
		return 1;
	default:
		/* the ideographic comma and full stop, full-width brackets */
		return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF60);
	}
}

int galley_gap_between(gunichar prev, gunichar next)
{
	if (g_unichar_isspace(prev) || g_unichar_isspace(next))
		return 0;
	return S_spaceless(prev) || S_spaceless(next);
}

static int S_is_space(const char *text, int byte)
{
	return text[byte] == ' ' || ((unsigned char)text[byte] == 0xC2 &&
	                             (unsigned char)text[byte + 1] == 0xA0);
}

void galley_justify_gaps(struct ts_line *line, const char *text, int extra,
                         const unsigned char *gaps)
{
	size_t n = 0, cap = 64;
	PangoGlyphInfo **at = galley_xmalloc(cap * sizeof *at);
	PangoGlyphInfo *prev = NULL;
	int prev_byte = -1;
	for (int r = 0; r < line->n_runs; r++) {
		PangoGlyphString *gs = line->runs[r]->glyphs;
		for (int g = 0; g < gs->num_glyphs; g++) {
			int byte = line->runs[r]->item->offset + gs->log_clusters[g];
			PangoGlyphInfo *stretch = S_is_space(text, byte) ? &gs->glyphs[g]
			                        : prev && byte != prev_byte && gaps[byte] ? prev : NULL;
			if (stretch) {
				if (n == cap)
					at = galley_xrealloc(at, (cap *= 2) * sizeof *at);
				at[n++] = stretch;
			}
			prev = &gs->glyphs[g];
			prev_byte = byte;
		}
	}
	long long added = 0;
	for (size_t k = 0; k < n; k++) {
		int adjust = (int)((long long)extra * (long long)(k + 1) / (long long)n - added);
		at[k]->geometry.width += adjust;
		added += adjust;
	}
	free(at);
}
