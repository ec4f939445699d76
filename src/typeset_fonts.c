/* typeset_fonts.c — galley's private font configuration (fonts.c) as one
 * pango font map, and the check of a layout's fonts. */
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fonts.h"
#include "typeset.h"

/* Made once per process: building the font set and pango's caches costs
 * more than setting an article (issue 3: ~25 ms per article). */
static PangoFontMap *S_map;
static FcConfig *S_config;

PangoFontMap *galley_font_map(galley_diag *diag)
{
	if (S_map)
		return S_map;
	S_config = galley_fc_config(diag);
	if (!S_config)
		return NULL;
	S_map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (!S_map) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "pango has no FreeType font map");
		return NULL;
	}
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(S_map), S_config);
	return S_map;
}

/* Add the characters of DOC's text and metadata outside ASCII to CHARS,
 * the languages of its articles to LANGS (*N of them, at most MAX), and
 * to *MARKS what its inlines set in other styles than their roles' (bold
 * text, a table's bold head; emphasis; code); 1 if it has characters of
 * the scripts whose faces are in fonts/scripts. */
enum { MARK_BOLD = 1, MARK_ITALIC = 2, MARK_CODE = 4 };

static int S_doc_chars(galley_node *doc, FcCharSet *chars, const char **langs, size_t *n,
                       size_t max, unsigned *marks)
{
	int found = 0;
	galley_iter *it = galley_iter_new(doc);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		const galley_node *nd = galley_iter_get_node(it);
		if (ev != GALLEY_EVENT_ENTER)
			continue;
		galley_node_type type = galley_node_get_type(nd);
		if (type == GALLEY_NODE_STRONG || type == GALLEY_NODE_TABLE)
			*marks |= MARK_BOLD;
		if (type == GALLEY_NODE_EMPH)
			*marks |= MARK_ITALIC;
		if (type == GALLEY_NODE_CODE)
			*marks |= MARK_CODE;
		found |= galley_script_chars(chars, galley_node_get_literal(nd));
		if (galley_node_get_type(nd) != GALLEY_NODE_ARTICLE)
			continue;
		for (int k = 0; k < GALLEY_META_COUNT; k++)
			found |= galley_script_chars(chars, galley_article_get(nd, (galley_meta)k));
		for (size_t k = 0; k < galley_article_author_count(nd); k++)
			found |= galley_script_chars(chars, galley_article_get_author(nd, k));
		const char *lang = galley_article_get(nd, GALLEY_META_LANG);
		if (lang && *lang && *n < max)
			langs[(*n)++] = lang;
	}
	galley_iter_free(it);
	return found;
}

/* 1 if the text or the metadata of DOC has characters of the scripts
 * whose faces are in fonts/scripts: the test a Latin document stops at. */
static int S_doc_needs_scripts(galley_node *doc)
{
	int found = 0;
	galley_iter *it = galley_iter_new(doc);
	galley_event ev;
	while (!found && (ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		const galley_node *n = galley_iter_get_node(it);
		if (ev != GALLEY_EVENT_ENTER)
			continue;
		found = galley_text_needs_scripts(galley_node_get_literal(n));
		if (galley_node_get_type(n) != GALLEY_NODE_ARTICLE)
			continue;
		for (int k = 0; k < GALLEY_META_COUNT && !found; k++)
			found = galley_text_needs_scripts(galley_article_get(n, (galley_meta)k));
		for (size_t k = 0; k < galley_article_author_count(n) && !found; k++)
			found = galley_text_needs_scripts(galley_article_get_author(n, k));
	}
	galley_iter_free(it);
	return found;
}

/* Add to CHARS the characters of the text galley writes into DOC's PDF:
 * each article's date in full, the digest's title (TITLE, the one given,
 * or the date's) and the running heads' fixed text in LAYOUT. */
static void S_own_chars(galley_node *doc, const galley_layout *layout, const char *title,
                        FcCharSet *chars)
{
	for (const galley_node *a = galley_node_first_child(doc); a; a = galley_node_next(a)) {
		const char *date = galley_node_get_type(a) == GALLEY_NODE_ARTICLE
		                 ? galley_article_get(a, GALLEY_META_DATE) : NULL;
		char *d = date ? galley_long_date(date, galley_article_get(a, GALLEY_META_LANG)) : NULL;
		galley_script_chars(chars, d);
		free(d);
	}
	char *t = galley_digest_title(doc, title);
	galley_script_chars(chars, t);
	free(t);
	const struct galley_running *run[] = {&layout->header, &layout->footer};
	for (size_t i = 0; i < 2; i++) {
		galley_script_chars(chars, run[i]->left);
		galley_script_chars(chars, run[i]->center);
		galley_script_chars(chars, run[i]->right);
	}
}

/* Add STYLE to OUT (*N of them, at most MAX) unless it is there. */
static void S_style(struct galley_fc_style *out, size_t *n, size_t max, const char *family,
                    int weight, int italic)
{
	for (size_t i = 0; i < *n; i++)
		if (out[i].weight == weight && out[i].italic == italic &&
		    strcmp(out[i].family, family) == 0)
			return;
	if (*n < max)
		out[(*n)++] = (struct galley_fc_style){family, weight, italic};
}

#define MAX_STYLES (GALLEY_ROLE_COUNT * 8)

/* The styles text of LAYOUT's roles is set in: each role's, turned
 * italic or upright with MARK_ITALIC, bold as well with MARK_BOLD, and in
 * the code role's family with MARK_CODE (typeset_text.c,
 * typeset_table.c).  OUT holds MAX_STYLES; their number. */
static size_t S_styles(const galley_layout *layout, unsigned marks, struct galley_fc_style *out)
{
	size_t n = 0;
	for (int r = 0; r < GALLEY_ROLE_COUNT; r++) {
		const struct galley_font_role *role = &layout->role[r];
		const char *families[] = {role->family, layout->role[GALLEY_ROLE_CODE].family};
		for (size_t f = 0; f < ((marks & MARK_CODE) ? 2u : 1u); f++)
			for (int turn = 0; turn < ((marks & MARK_ITALIC) ? 2 : 1); turn++) {
				int italic = turn ? !role->italic : role->italic;
				S_style(out, &n, MAX_STYLES, families[f], role->weight, italic);
				if (marks & MARK_BOLD)
					S_style(out, &n, MAX_STYLES, families[f], 700, italic);
			}
	}
	return n;
}

/* The languages pango gives kana, Hangul and Bopomofo in text of another
 * language (pango_script_get_sample_language), added to LANGS (*N) when
 * CHARS has them. */
static void S_script_langs(const FcCharSet *chars, const char **langs, size_t *n)
{
	static const struct { unsigned lo, hi; const char *lang; } scripts[] = {
		{0x3040, 0x30FF, "ja"}, {0x31F0, 0x31FF, "ja"}, {0xFF66, 0xFF9F, "ja"},
		{0xAC00, 0xD7AF, "ko"}, {0x1100, 0x11FF, "ko"}, {0x3130, 0x318F, "ko"},
		{0x3100, 0x312F, "zh-tw"}, {0x31A0, 0x31BF, "zh-tw"}};
	const char *last = NULL;
	for (size_t i = 0; i < sizeof scripts / sizeof *scripts; i++) {
		if (scripts[i].lang == last)
			continue;
		FcCharSet *range = FcCharSetCreate();
		for (unsigned c = scripts[i].lo; c <= scripts[i].hi; c++)
			FcCharSetAddChar(range, c);
		if (FcCharSetIntersectCount(range, chars)) {
			langs[(*n)++] = scripts[i].lang;
			last = scripts[i].lang;
		}
		FcCharSetDestroy(range);
	}
}

/* Languages looked at per document; a digest of more languages than
 * this gets the CJK faces of the first ones and simplified Chinese. */
#define MAX_LANGS 64

void galley_font_map_for(galley_node *doc, const galley_layout *layout, const char *title)
{
	static unsigned seen;
	if (!S_map || !S_doc_needs_scripts(doc))
		return;
	FcCharSet *chars = FcCharSetCreate();
	const char *langs[MAX_LANGS + 5];
	size_t n = 0;
	unsigned marks = 0;
	S_doc_chars(doc, chars, langs, &n, MAX_LANGS, &marks);
	if (layout)
		S_own_chars(doc, layout, title, chars);
	/* the languages pango asks fontconfig with: the article's, the
	 * layout's, and for a script the text's language does not use, the
	 * script's own: Han's is the one pango_script_get_sample_language
	 * gives (the user's PANGO_LANGUAGE may change it), kana's, Hangul's
	 * and Bopomofo's galley_fc_add_scripts knows; and the characters of
	 * the sample sentences pango_context_get_metrics sets in them */
	langs[n++] = layout && layout->lang ? layout->lang : "en";
	size_t own = n;
	PangoLanguage *han = pango_script_get_sample_language(PANGO_SCRIPT_HAN);
	if (han)
		langs[n++] = pango_language_to_string(han);
	for (size_t i = 0; i < own; i++)
		galley_script_chars(chars, pango_language_get_sample_string(
			pango_language_from_string(langs[i])));
	/* the faces join the font set; pango then drops what it made from
	 * the set it knew (which an EPUB's fonts may have changed since) */
	S_script_langs(chars, langs, &n);
	struct galley_fc_style styles[MAX_STYLES];
	size_t n_styles = layout ? S_styles(layout, marks, styles) : 0;
	galley_fc_add_scripts_for(S_config, chars, langs, n, layout ? styles : NULL, n_styles);
	if (galley_fc_generation() != seen)
		pango_fc_font_map_config_changed(PANGO_FC_FONT_MAP(S_map));
	seen = galley_fc_generation();
	FcCharSetDestroy(chars);
}

/* 1 if FAMILY is in the private configuration's font set. */
static int S_has_family(const char *family)
{
	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, (char *)NULL);
	FcFontSet *set = FcFontList(S_config, pat, os);
	int found = set && set->nfont > 0;
	if (set)
		FcFontSetDestroy(set);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	return found;
}

int galley_fonts_check(const galley_layout *layout, galley_diag *diag)
{
	if (!galley_font_map(diag))
		return 0;
	for (int r = 0; r < GALLEY_ROLE_COUNT; r++) {
		const char *family = layout->role[r].family;
		int seen = 0;
		for (int q = 0; q < r; q++)
			seen |= strcasecmp(layout->role[q].family, family) == 0;
		if (seen || S_has_family(family))
			continue;
		/* never substitute another face silently (issue 3) */
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0,
		                   "layout %s: font '%s' (role %s) is not installed; "
		                   "see fonts/README.md", layout->name, family,
		                   galley_role_name((galley_role)r));
		return 0;
	}
	return 1;
}

PangoContext *galley_font_context(PangoFontMap *map, const char *lang)
{
	PangoContext *ctx = pango_font_map_create_context(map);
	/* PDF: points are units, glyphs keep their design widths */
	pango_cairo_context_set_resolution(ctx, 72.0);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	pango_context_set_language(ctx, pango_language_from_string(lang ? lang : "en"));
	return ctx;
}

int galley_lang_same_primary(const char *a, const char *b)
{
	size_t n = strcspn(a, "-_");
	return n == strcspn(b, "-_") && strncasecmp(a, b, n) == 0;
}

void galley_font_context_lang(PangoContext *ctx, const galley_layout *layout, const char *lang)
{
	/* an article in the layout's language keeps the layout's, so that its
	 * text is set exactly as it always was */
	const char *use = layout->lang ? layout->lang : "en";
	if (lang && *lang && !galley_lang_same_primary(lang, use))
		use = lang;
	PangoLanguage *want = pango_language_from_string(use);
	if (pango_context_get_language(ctx) != want)
		pango_context_set_language(ctx, want);
}

PangoFontDescription *galley_font_desc(const struct galley_font_role *role)
{
	PangoFontDescription *d = pango_font_description_new();
	pango_font_description_set_family(d, role->family);
	pango_font_description_set_absolute_size(d, role->size * PANGO_SCALE);
	pango_font_description_set_weight(d, (PangoWeight)role->weight);
	pango_font_description_set_style(d, role->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	return d;
}
