/* safe_path.h — which local files a back end may read for an article:
 * only regular files inside the input's folder (issue 7). */
#ifndef GALLEY_SAFE_PATH_H
#define GALLEY_SAFE_PATH_H

#include <stddef.h>

/* Images larger than this are never read (see README, "Security"). */
#define GALLEY_MAX_IMAGE_BYTES ((size_t)32 << 20)
/* ... nor decoded when wider or taller than this many pixels. */
#define GALLEY_MAX_IMAGE_SIDE 10000

/* The real path of BASE_DIR/SRC when SRC is a relative path (no URL, no
 * absolute path, no "..") naming a regular file of at most
 * GALLEY_MAX_IMAGE_BYTES that lies inside BASE_DIR, symbolic links
 * followed.  The one rule of the PDF and EPUB back ends.  Malloc'd; NULL
 * with *WHY set (a static reason for a warning) otherwise, or when
 * BASE_DIR is NULL. */
char *galley_safe_path(const char *base_dir, const char *src, const char **why);

/* Width and height in pixels of a PNG, GIF or JPEG image of N bytes, from
 * its header (nothing is decoded); 0 if unknown. */
int galley_image_size(const unsigned char *d, size_t n, unsigned long *w, unsigned long *h);

#endif
