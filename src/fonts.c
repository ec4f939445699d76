/* fonts.c — galley's private fontconfig configuration (fonts/fonts.conf)
 * with the faces of fonts/files, loaded once per process and shared by the
 * typesetter (through pango) and the EPUB back end (cover, embedded fonts),
 * which needs no pango. */
#include <glib.h>
#include <stdlib.h>

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
 * fonts/scripts.conf that append them to each family.  They are added
 * where they are, and only once a document has text in another script
 * than Latin and Cyrillic: in the font set from the start, their
 * thirty-odd faces and longer family lists made every fallback list pango
 * sorts (merging each face's character set) cost a Latin article 20 %
 * more instructions.  Not copied without hinting into the cache as
 * files/ is: the CJK collections are CFF faces with no TrueType hinting
 * to take out, whose 90 MB would cost more to copy than it could save;
 * fontconfig scans the folder once and keeps what it found in its cache.
 * A face whose package is missing is simply not there: the text in its
 * script is then counted as having no glyph (galley_glyphs_missing). */
static int S_scripts_added;

int galley_fc_add_scripts(FcConfig *config)
{
	if (S_scripts_added || !config)
		return 0;
	S_scripts_added = 1;
	char *dir = galley_data_path("fonts/scripts");
	char *rules = galley_data_path("fonts/scripts.conf");
	if (rules)
		FcConfigParseAndLoad(config, (const FcChar8 *)rules, FcTrue);
	if (dir)
		FcConfigAppFontAddDir(config, (const FcChar8 *)dir);
	free(rules);
	free(dir);
	return 1;
}

int galley_text_needs_scripts(const char *s)
{
	for (const char *p = s; p && *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c < 0x370)
			continue;
		/* Greek (Charis SIL lacks most of it); Armenian; Hebrew, Arabic,
		 * Georgian, Ethiopic, the Indic
		 * and South-East Asian scripts; CJK, Hangul and their punctuation
		 * and full-width forms */
		if (c <= 0x3FF || (c >= 0x530 && c <= 0x58F) || (c >= 0x1F00 && c <= 0x1FFF) || (c >= 0x590 && c <= 0x1CFF) ||
		    (c >= 0x2E80 && c <= 0xA4FF) || (c >= 0xA830 && c <= 0xA8FF) ||
		    (c >= 0xA960 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFAFF) ||
		    (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF) ||
		    (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF))
			return 1;
	}
	return 0;
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
	if (pat && FcPatternGetString(pat, FC_FILE, 0, &file) == FcResultMatch &&
	    FcPatternGetString(pat, FC_FAMILY, 0, &name) == FcResultMatch) {
		out->index = 0;
		FcPatternGetInteger(pat, FC_INDEX, 0, &out->index);
		out->file = galley_xstrdup((const char *)file);
		out->family = galley_xstrdup((const char *)name);
		rc = 0;
	}
	if (pat)
		FcPatternDestroy(pat);
	return rc;
}
