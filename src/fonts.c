/* fonts.c — galley's private fontconfig configuration (fonts/fonts.conf)
 * with the faces of fonts/files, loaded once per process and shared by the
 * typesetter (through pango) and the EPUB back end (cover, embedded fonts),
 * which needs no pango. */
#include <stdlib.h>

#include "fonts.h"

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

/* The CJK collections of fonts/cjk, added where they are: they are CFF
 * faces, with no TrueType hinting for fonts_dehint.c to take out, and
 * copying their 90 MB into the cache would cost more than it could save.
 * fontconfig scans the folder once and keeps what it found in its cache.
 * A collection whose package is missing is simply not there: the text in
 * its script is then counted as having no glyph (galley_glyphs_missing). */
static void S_add_collections(FcConfig *config)
{
	char *cjk = galley_data_path("fonts/cjk");
	if (cjk)
		FcConfigAppFontAddDir(config, (const FcChar8 *)cjk);
	free(cjk);
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
	S_add_collections(config);
	/* made current, so that neither pango nor cairo loads the system's
	 * configuration (and scans every installed font) as well */
	FcConfigSetCurrent(config);
	S_config = config;
	return config;
}

FcPattern *galley_fc_match(FcConfig *config, const char *family, int weight, int italic)
{
	FcPattern *want = FcPatternCreate();
	FcPatternAddString(want, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(want, FC_WEIGHT, FcWeightFromOpenType(weight));
	FcPatternAddInteger(want, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
	FcConfigSubstitute(config, want, FcMatchPattern);
	FcDefaultSubstitute(want);
	FcResult res;
	FcPattern *match = FcFontMatch(config, want, &res);
	FcPatternDestroy(want);
	return match;
}
