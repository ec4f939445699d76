/* fonts.c — galley's private fontconfig configuration (fonts/fonts.conf)
 * with the faces of fonts/files, loaded once per process and shared by the
 * typesetter (through pango) and the EPUB back end (cover, embedded fonts),
 * which needs no pango. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "fonts.h"
#include "util.h"

static FcConfig *S_config;

/* The folder of the faces to use: the dehinted copies of fonts/files, or
 * fonts/files itself when they cannot be made (malloc'd, NULL: none). */
static char *S_faces(galley_diag *diag)
{
	char *files = galley_data_path("fonts/files");
	char *dehinted = files ? galley_fonts_dehinted(files, diag) : NULL;
	if (!dehinted)
		return files;
	free(files);
	return dehinted;
}

/* The faces of fonts/scripts: Devanagari, Bengali, Tamil, Thai, the serif
 * Hebrew and Arabic, and the CJK collections, with the rules of
 * fonts/scripts.conf that append them to each family.  They join the font
 * set only once a document has text in another script than Latin and
 * Cyrillic, and then only the faces its text and languages need: every
 * face in the set is scored, and its character set merged, each time
 * pango sorts a fallback list.  In the set from the start, their
 * thirty-odd faces made a Latin article cost 20 % more instructions; all
 * of them for a Chinese article, the twenty CJK faces (each of some
 * 44,000 characters) and the others cost it 8 % more than the four it
 * uses.  Not copied without hinting into the cache as files/ is: the CJK
 * collections are CFF faces with no TrueType hinting to take out, whose
 * 90 MB would cost more to copy than it could save; fontconfig scans the
 * folder once and keeps what it found in its cache.  A face whose package
 * is missing is simply not there: the text in its script is then counted
 * as having no glyph (galley_glyphs_missing). */
static int S_rules_loaded;
static FcFontSet *S_pool;      /* every face of fonts/scripts */
static char *S_in;             /* S_in[i]: S_pool's face i is in the set */
static FcCharSet *S_latin;     /* what every Latin face of files/ has */
static FcCharSet *S_others;    /* what a face of files/ or a face of
                                * fonts/scripts but the CJK ones has */
/* A CJK face joins the set cut down (fonts_cut.c): S_cut[i] is the cut of
 * S_pool's face i in the set (NULL: none, or the whole face is in), and
 * S_slot[i] where face i is in the application font set. */
static FcPattern **S_cut;
static int *S_slot;
static unsigned S_generation;  /* changes of the set so far */

unsigned galley_fc_generation(void)
{
	return S_generation;
}

static int S_script_char(gunichar c)
{
	/* Greek (Charis SIL lacks most of it); Armenian; Hebrew, Arabic,
	 * Georgian, Ethiopic, the Indic and South-East Asian scripts; CJK,
	 * Hangul and their punctuation and full-width forms */
	return c >= 0x370 &&
	       (c <= 0x3FF || (c >= 0x530 && c <= 0x58F) || (c >= 0x1F00 && c <= 0x1FFF) ||
	        (c >= 0x590 && c <= 0x1CFF) || (c >= 0x2E80 && c <= 0xA4FF) ||
	        (c >= 0xA830 && c <= 0xA8FF) || (c >= 0xA960 && c <= 0xD7FF) ||
	        (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFB1D && c <= 0xFDFF) ||
	        (c >= 0xFE70 && c <= 0xFEFF) || (c >= 0xFF00 && c <= 0xFFEF) ||
	        (c >= 0x20000 && c <= 0x3FFFF));
}

int galley_text_needs_scripts(const char *s)
{
	for (const char *p = s; p && *p; p = g_utf8_next_char(p))
		if (S_script_char(g_utf8_get_char(p)))
			return 1;
	return 0;
}

int galley_script_chars(FcCharSet *set, const char *s)
{
	int found = 0;
	for (const char *p = s; p && *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c >= 0x80)
			FcCharSetAddChar(set, c);
		found |= S_script_char(c);
	}
	return found;
}

/* The CJK faces, one per region: which ones a document's languages ask
 * for, as fonts/scripts.conf maps a language to a face (bits of the
 * region's index in S_REGIONS). */
static const char *const S_REGIONS[] = {"SC", "TC", "HK", "JP", "KR"};

static unsigned S_lang_regions(const char *lang)
{
	char l[64];
	size_t n = 0;
	for (; lang && lang[n] && n + 1 < sizeof l; n++)
		l[n] = (char)g_ascii_tolower(lang[n] == '_' ? '-' : lang[n]);
	l[n] = 0;
	if (strncmp(l, "ja", 2) == 0 && (!l[2] || l[2] == '-'))
		return 1u << 3;
	if (strncmp(l, "ko", 2) == 0 && (!l[2] || l[2] == '-'))
		return 1u << 4;
	if (strncmp(l, "zh", 2) != 0 || (l[2] && l[2] != '-'))
		return 0;
	if (strstr(l, "-hk"))
		return 1u << 2;
	if (strstr(l, "hant") || strstr(l, "-tw") || strstr(l, "-mo"))
		return 1u << 1;
	return 1u << 0;
}

/* The regions CHARS and LANGS call for: simplified Chinese always (the
 * face of Han in any language without its own), each language's, and the
 * face of the language pango gives kana (Japanese), Hangul (Korean) and
 * Bopomofo (traditional Chinese) in an article of another language. */
static unsigned S_regions(const FcCharSet *chars, const char *const *langs, size_t n_langs)
{
	unsigned r = 1u << 0;
	for (size_t i = 0; i < n_langs; i++)
		r |= S_lang_regions(langs[i]);
	static const struct { unsigned lo, hi, region; } ranges[] = {
		{0x3040, 0x30FF, 3}, {0x31F0, 0x31FF, 3}, {0xFF66, 0xFF9F, 3},
		{0x1100, 0x11FF, 4}, {0x3130, 0x318F, 4}, {0xA960, 0xA97F, 4},
		{0xAC00, 0xD7FF, 4}, {0xFFA0, 0xFFDC, 4},
		{0x3100, 0x312F, 1}, {0x31A0, 0x31BF, 1}};
	/* each character of CHARS, a page of 256 at a time */
	FcChar32 map[FC_CHARSET_MAP_SIZE], next;
	for (FcChar32 base = FcCharSetFirstPage(chars, map, &next); base != FC_CHARSET_DONE;
	     base = FcCharSetNextPage(chars, map, &next))
		for (unsigned w = 0; w < FC_CHARSET_MAP_SIZE; w++)
			for (unsigned bit = 0; map[w] && bit < 32; bit++) {
				unsigned c = base + w * 32 + bit;
				for (size_t i = 0; (map[w] >> bit & 1) && i < sizeof ranges / sizeof *ranges; i++)
					if (c >= ranges[i].lo && c <= ranges[i].hi)
						r |= 1u << ranges[i].region;
			}
	return r;
}

/* The region bit of a CJK face of fonts/scripts, 0 for another face, or
 * ~0u for the monospaced CJK faces, which no rule names. */
static unsigned S_face_region(FcPattern *face)
{
	FcChar8 *family;
	for (int i = 0; FcPatternGetString(face, FC_FAMILY, i, &family) == FcResultMatch; i++) {
		const char *cjk = strstr((const char *)family, " CJK ");
		if (!cjk)
			continue;
		if (strstr((const char *)family, " Mono "))
			return ~0u;
		for (size_t k = 0; k < sizeof S_REGIONS / sizeof *S_REGIONS; k++)
			if (strcmp(cjk + 5, S_REGIONS[k]) == 0)
				return 1u << k;
	}
	return 0;
}

/* What every face of CONFIG's set that has the Latin alphabet has: the
 * layouts' families are Latin, so a character they all have is set in
 * the role's own face and never falls back to a face of fonts/scripts. */
static FcCharSet *S_latin_common(FcConfig *config)
{
	FcFontSet *set = FcConfigGetFonts(config, FcSetApplication);
	FcCharSet *alphabet = FcCharSetCreate(), *common = NULL;
	for (unsigned c = 'A'; c <= 'z'; c++)
		if (g_ascii_isalpha((int)c))
			FcCharSetAddChar(alphabet, c);
	for (int i = 0; set && i < set->nfont; i++) {
		FcCharSet *cs;
		if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) != FcResultMatch ||
		    !FcCharSetIsSubset(alphabet, cs))
			continue;
		FcCharSet *both = common ? FcCharSetIntersect(common, cs) : FcCharSetCopy(cs);
		if (common)
			FcCharSetDestroy(common);
		common = both;
	}
	FcCharSetDestroy(alphabet);
	return common ? common : FcCharSetCreate();
}

/* OUT with the characters of SET's faces but the CJK ones added. */
static FcCharSet *S_union(FcFontSet *set, FcCharSet *out)
{
	for (int i = 0; set && i < set->nfont; i++) {
		FcCharSet *cs;
		if (S_face_region(set->fonts[i]) == 0 &&
		    FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch)
			FcCharSetMerge(out, cs, NULL);
	}
	return out;
}

/* Load fonts/scripts.conf and read the faces of fonts/scripts from
 * fontconfig's cache of the folder (it scans the folder when there is
 * none, and writes one), once a process. */
static void S_load_pool(FcConfig *config)
{
	S_rules_loaded = 1;
	S_latin = S_latin_common(config);
	char *dir = galley_data_path("fonts/scripts");
	char *rules = galley_data_path("fonts/scripts.conf");
	if (rules)
		FcConfigParseAndLoad(config, (const FcChar8 *)rules, FcTrue);
	FcCache *cache = dir ? FcDirCacheRead((const FcChar8 *)dir, FcFalse, config) : NULL;
	if (cache) {
		S_pool = FcCacheCopySet(cache);   /* each face keeps the cache */
		FcDirCacheUnload(cache);
	}
	if (S_pool) {
		S_in = calloc((size_t)S_pool->nfont + 1, 1);
		S_cut = calloc((size_t)S_pool->nfont + 1, sizeof *S_cut);
		S_slot = calloc((size_t)S_pool->nfont + 1, sizeof *S_slot);
	}
	S_others = S_union(FcConfigGetFonts(config, FcSetApplication), FcCharSetCreate());
	S_others = S_union(S_pool, S_others);
	free(rules);
	free(dir);
}

/* Characters a document's text may not have but the PDF may set in a CJK
 * face all the same, kept in every cut: the spaces and the invisible
 * format characters, which pango sets in the face of the text around them.
 * (The text galley writes, a date, a running head, is in the characters
 * the cut is asked for: galley_font_map_for.) */
static FcCharSet *S_extra(void)
{
	static FcCharSet *extra;
	static const struct { unsigned lo, hi; } ranges[] = {
		{0x20, 0x20},     {0xA0, 0xA0},     {0x2000, 0x200F}, {0x2028, 0x202F},
		{0x205F, 0x2064}, {0x3000, 0x3000}, {0xFEFF, 0xFEFF}};
	if (!extra) {
		extra = FcCharSetCreate();
		for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++)
			for (unsigned c = ranges[i].lo; c <= ranges[i].hi; c++)
				FcCharSetAddChar(extra, c);
	}
	return extra;
}

/* Put into the set APP the CJK face I of the pool, cut down to the
 * characters of CHARS and S_extra it has, with those of the cut it has
 * there already: 1 if the set changed.  Without CUT_IT (an EPUB, which
 * only looks faces up) a face not yet in goes in whole, as does a face
 * that cannot be cut (no subsetter, no room in TMPDIR); a whole face in
 * the set is cut when a PDF comes to need it. */
static int S_add_cut(FcFontSet *app, int i, const FcCharSet *cs, const FcCharSet *chars,
                     int cut_it)
{
	FcPattern *face = S_pool->fonts[i], *old = S_cut[i];
	FcCharSet *had = NULL;
	if (old)
		FcPatternGetCharSet(old, FC_CHARSET, 0, &had);
	if (S_in[i] && !old && !cut_it)
		return 0;   /* in whole */
	FcCharSet *need = FcCharSetIntersect(cs, chars), *extra = FcCharSetIntersect(cs, S_extra());
	FcCharSetMerge(need, extra, NULL);
	FcCharSetDestroy(extra);
	if (had && FcCharSetIsSubset(need, had)) {
		FcCharSetDestroy(need);
		return 0;
	}
	if (had)
		FcCharSetMerge(need, had, NULL);
	FcPattern *cut = cut_it || old ? galley_fc_cut(face, need) : NULL;
	FcCharSetDestroy(need);
	if (!cut && S_in[i])
		return 0;   /* what is in stays: the characters of its cut show */
	if (!cut) {
		cut = face;
		FcPatternReference(face);
	}
	if (S_in[i]) {
		FcPattern *was = app->fonts[S_slot[i]];
		app->fonts[S_slot[i]] = cut;
		if (old)
			galley_fc_cut_drop(old);
		FcPatternDestroy(was);
	} else if (FcFontSetAdd(app, cut)) {
		S_slot[i] = app->nfont - 1;
	} else {
		FcPatternDestroy(cut);
		return 0;
	}
	S_in[i] = 1;
	S_cut[i] = cut == face ? NULL : cut;
	return 1;
}

static FcPattern *S_want(FcConfig *config, const char *family, int weight, int italic,
                         const char *lang);

/* The face of the pool PAT is, or its cut: its index, or -1. */
static int S_pool_index(const FcPattern *pat)
{
	for (int i = 0; i < S_pool->nfont; i++)
		if (S_pool->fonts[i] == pat || S_cut[i] == pat)
			return i;
	return -1;
}

/* Add to TAKE[i] the characters of WANT that pango sets in the CJK face i
 * of the pool, for text in one of STYLES (N_STYLES) and one of LANGS
 * (N_LANGS): for each style and language, the faces in the order
 * fontconfig sorts them for it, the set and the pool together, each
 * taking the characters of WANT that the faces before it lack.  A face
 * that takes none would only cost its cut (the bold serif one of an
 * article with no bold serif text), and a cut of the title's face needs
 * only the title's characters, not the article's. */
static void S_reach(FcConfig *config, const FcCharSet *want, const char *const *langs,
                    size_t n_langs, const struct galley_fc_style *styles, size_t n_styles,
                    FcCharSet **take)
{
	FcFontSet *sets[] = {FcConfigGetFonts(config, FcSetApplication), S_pool};
	for (size_t s = 0; s < n_styles; s++)
		for (size_t l = 0; l < n_langs; l++) {
			int seen = 0;   /* a language given twice is sorted once */
			for (size_t m = 0; m < l && !seen; m++)
				seen = g_ascii_strcasecmp(langs[m], langs[l]) == 0;
			if (seen)
				continue;
			FcPattern *pat = S_want(config, styles[s].family, styles[s].weight,
			                        styles[s].italic, langs[l]);
			FcResult res;
			FcFontSet *sorted = FcFontSetSort(config, sets, 2, pat, FcFalse, NULL, &res);
			FcCharSet *left = FcCharSetCopy((FcCharSet *)want);
			FcChar32 n_left = FcCharSetCount(left);
			for (int i = 0; sorted && i < sorted->nfont && n_left; i++) {
				FcCharSet *cs;
				FcChar32 hits = 0;
				if (FcPatternGetCharSet(sorted->fonts[i], FC_CHARSET, 0, &cs) != FcResultMatch ||
				    !(hits = FcCharSetIntersectCount(left, cs)))
					continue;
				int k = S_pool_index(sorted->fonts[i]);
				if (k >= 0 && S_face_region(S_pool->fonts[k])) {
					FcCharSet *mine = FcCharSetIntersect(left, cs);
					if (!take[k])
						take[k] = FcCharSetCreate();
					FcCharSetMerge(take[k], mine, NULL);
					FcCharSetDestroy(mine);
				}
				FcCharSet *rest = FcCharSetSubtract(left, cs);
				FcCharSetDestroy(left);
				left = rest;
				n_left -= hits;
			}
			FcCharSetDestroy(left);
			if (sorted)
				FcFontSetDestroy(sorted);
			FcPatternDestroy(pat);
		}
}

int galley_fc_add_scripts(FcConfig *config, const FcCharSet *chars, const char *const *langs,
                          size_t n_langs)
{
	return galley_fc_add_scripts_for(config, chars, langs, n_langs, NULL, 0);
}

int galley_fc_add_scripts_for(FcConfig *config, const FcCharSet *chars, const char *const *langs,
                              size_t n_langs, const struct galley_fc_style *styles,
                              size_t n_styles)
{
	if (!config || !chars)
		return 0;
	if (!S_rules_loaded)
		S_load_pool(config);
	FcFontSet *app = FcConfigGetFonts(config, FcSetApplication);
	if (!S_pool || !S_in || !app)
		return 0;
	/* the characters a fallback face may be asked for; a CJK face, for
	 * those no other face has (not the Greek of a Greek article) */
	FcCharSet *want = FcCharSetSubtract(chars, S_latin);
	FcCharSet *want_cjk = FcCharSetSubtract(want, S_others);
	unsigned regions = S_regions(chars, langs, n_langs);
	FcCharSet **take = NULL;
	if (styles) {
		take = calloc((size_t)S_pool->nfont + 1, sizeof *take);
		if (take)
			S_reach(config, want, langs, n_langs, styles, n_styles, take);
	}
	int added = 0;
	for (int i = 0; i < S_pool->nfont; i++) {
		FcPattern *face = S_pool->fonts[i];
		FcCharSet *cs;
		if (FcPatternGetCharSet(face, FC_CHARSET, 0, &cs) != FcResultMatch)
			continue;
		unsigned region = S_face_region(face);
		if (region == ~0u || (region && !(region & regions)) || (region && take && !take[i]))
			continue;
		/* a CJK face: for a PDF, one its styles reach (TAKE); else
		 * for characters no other face has */
		if (region) {
			if (take || S_in[i] || FcCharSetIntersectCount(cs, want_cjk))
				added |= S_add_cut(app, i, cs, take ? take[i] : chars, take != NULL);
			continue;
		}
		if (S_in[i] || !FcCharSetIntersectCount(cs, want))
			continue;
		FcPatternReference(face);
		if (FcFontSetAdd(app, face)) {
			S_in[i] = 1;
			S_slot[i] = app->nfont - 1;
			added = 1;
		} else {
			FcPatternDestroy(face);
		}
	}
	for (int i = 0; take && i < S_pool->nfont; i++)
		if (take[i])
			FcCharSetDestroy(take[i]);
	free(take);
	FcCharSetDestroy(want_cjk);
	FcCharSetDestroy(want);
	S_generation += (unsigned)added;
	return added;
}

FcConfig *galley_fc_config(galley_diag *diag)
{
	if (S_config)
		return S_config;
	char *path = galley_data_path("fonts/fonts.conf");
	char *faces = path ? S_faces(diag) : NULL;
	if (!path || !faces) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "cannot find galley's fonts: %s",
		                   path ? "fonts/files" : "fonts/fonts.conf");
		free(path);
		return NULL;
	}
	FcConfig *config = FcConfigCreate();
	if (!FcConfigParseAndLoad(config, (const FcChar8 *)path, FcTrue) ||
	    !FcConfigBuildFonts(config) || !FcConfigAppFontAddDir(config, (const FcChar8 *)faces)) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "cannot load the font configuration %s", path);
		FcConfigDestroy(config);
		free(faces);
		free(path);
		return NULL;
	}
	free(faces);
	free(path);
	/* made current, so that neither pango nor cairo loads the system's
	 * configuration (and scans every installed font) as well */
	FcConfigSetCurrent(config);
	S_config = config;
	return config;
}

/* The pattern of FAMILY at WEIGHT, upright or ITALIC, in LANG (NULL:
 * none), after the configuration's substitutions: what fontconfig matches
 * and sorts. */
static FcPattern *S_want(FcConfig *config, const char *family, int weight, int italic,
                         const char *lang)
{
	FcPattern *want = FcPatternCreate();
	FcPatternAddString(want, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(want, FC_WEIGHT, FcWeightFromOpenType(weight));
	FcPatternAddInteger(want, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
	if (lang && *lang)
		FcPatternAddString(want, FC_LANG, (const FcChar8 *)lang);
	FcConfigSubstitute(config, want, FcMatchPattern);
	FcDefaultSubstitute(want);
	return want;
}

FcPattern *galley_fc_match(FcConfig *config, const char *family, int weight, int italic)
{
	FcPattern *want = S_want(config, family, weight, italic, NULL);
	FcResult res;
	FcPattern *match = FcFontMatch(config, want, &res);
	FcPatternDestroy(want);
	return match;
}

FcPattern *galley_fc_fallback(FcConfig *config, const char *family, int weight, int italic,
                              const char *lang, unsigned c)
{
	FcPattern *want = S_want(config, family, weight, italic, lang);
	FcResult res;
	FcFontSet *set = FcFontSort(config, want, FcFalse, NULL, &res);
	FcPattern *face = NULL;
	for (int i = 0; set && i < set->nfont && !face; i++) {
		FcCharSet *cs = NULL;
		if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch &&
		    FcCharSetHasChar(cs, c)) {
			face = set->fonts[i];
			FcPatternReference(face);
		}
	}
	if (set)
		FcFontSetDestroy(set);
	FcPatternDestroy(want);
	return face;
}

int galley_fc_fallback_face(FcConfig *config, const char *family, int weight, int italic,
                            const char *lang, unsigned c, struct galley_fc_face *out)
{
	FcPattern *pat = galley_fc_fallback(config, family, weight, italic, lang, c);
	FcChar8 *file = NULL, *name = NULL;
	int rc = -1;
	int whole = pat && FcPatternGetString(pat, GALLEY_FC_WHOLE_FILE, 0, &file) == FcResultMatch;
	if (pat && (whole || FcPatternGetString(pat, FC_FILE, 0, &file) == FcResultMatch) &&
	    FcPatternGetString(pat, FC_FAMILY, 0, &name) == FcResultMatch) {
		out->index = 0;
		FcPatternGetInteger(pat, whole ? GALLEY_FC_WHOLE_INDEX : FC_INDEX, 0, &out->index);
		out->file = galley_xstrdup((const char *)file);
		out->family = galley_xstrdup((const char *)name);
		rc = 0;
	}
	if (pat)
		FcPatternDestroy(pat);
	return rc;
}
