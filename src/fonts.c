/* fonts.c — galley's private fontconfig configuration (fonts/fonts.conf),
 * loaded once per process and shared by the typesetter (through pango) and
 * the EPUB back end (cover, embedded fonts), which needs no pango. */
#include <stdlib.h>

#include "fonts.h"

static FcConfig *S_config;

FcConfig *galley_fc_config(galley_diag *diag)
{
	if (S_config)
		return S_config;
	char *path = galley_data_path("fonts/fonts.conf");
	if (!path) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0,
		                   "cannot find galley's font configuration fonts/fonts.conf");
		return NULL;
	}
	FcConfig *config = FcConfigCreate();
	if (!FcConfigParseAndLoad(config, (const FcChar8 *)path, FcTrue) ||
	    !FcConfigBuildFonts(config)) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "cannot load the font configuration %s", path);
		FcConfigDestroy(config);
		free(path);
		return NULL;
	}
	free(path);
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
