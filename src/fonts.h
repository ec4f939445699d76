/* fonts.h — galley's private fontconfig configuration (fonts.c). */
#ifndef GALLEY_FONTS_H
#define GALLEY_FONTS_H

#include <fontconfig/fontconfig.h>

#include "galley.h"

/* The configuration of fonts/fonts.conf, made once per process and made
 * current; NULL with an ERROR when it cannot be loaded. */
FcConfig *galley_fc_config(galley_diag *diag);

/* The face CONFIG offers for FAMILY at WEIGHT (CSS, 100-900), upright or
 * ITALIC: fontconfig's best match, which may be of another family (the
 * caller destroys it), or NULL. */
FcPattern *galley_fc_match(FcConfig *config, const char *family, int weight, int italic);

#endif
