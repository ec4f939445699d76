/* image_alt.h — what stands in for an image both back ends left out. */
#ifndef GALLEY_IMAGE_ALT_H
#define GALLEY_IMAGE_ALT_H

#include "galley.h"

/* The text set in place of image IMG when it is left out: its alt text in
 * brackets, "[A quay at dawn]", as a browser shows a broken image's; NULL
 * (nothing to show) when it has none or its figure's caption says the same.
 * malloc'd. */
char *galley_image_stand_in(const galley_node *img);

#endif
