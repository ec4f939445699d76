/* svg_clean.h — SVG images made safe for a book (svg_clean.c). */
#ifndef GALLEY_SVG_CLEAN_H
#define GALLEY_SVG_CLEAN_H

#include <stddef.h>

/* SVG images larger than this are left out. */
#define GALLEY_MAX_SVG_BYTES ((size_t)2 << 20)

/* The SVG image of LEN bytes at DATA rebuilt from its drawing elements and
 * attributes only (no script, event handler, style sheet, foreign object,
 * entity, DTD, comment, nor link or url() leading out of the image), as
 * UTF-8 XML: malloc'd, *OUT_LEN bytes.  NULL with *WHY (static) when it is
 * malformed, not SVG, larger than GALLEY_MAX_SVG_BYTES, wider or higher
 * than 10000 units, or of more than 50,000 parts. */
char *galley_svg_clean(const char *data, size_t len, size_t *out_len, const char **why);

#endif
