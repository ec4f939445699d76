/* image_decode.h — images decoded, and so checked whole, before a back end
 * uses them: PNG and JPEG here (image_decode.c), GIF, WebP and AVIF by
 * their libraries (image_web.c and image_gif.c, image_webp.c,
 * image_avif.c), SVG drawn as vectors (image_svg.c). */
#ifndef GALLEY_IMAGE_DECODE_H
#define GALLEY_IMAGE_DECODE_H

#include <cairo.h>
#include <stddef.h>
#include <stdint.h>

/* The PNG, JPEG, GIF (its first frame), WebP (the first frame of an
 * animation) or AVIF image of N bytes at D as a cairo ARGB32 image,
 * reduced by a whole factor while it is read when it has more pixels than
 * a box of BOX_W x BOX_H needs (0, 0: full size), its aspect kept.  NULL
 * when it is damaged, cut short, larger than GALLEY_MAX_IMAGE_SIDE, or of
 * none of these types; *WHY then holds a static reason for a warning.
 * Caller destroys. */
cairo_surface_t *galley_image_decode(const unsigned char *d, size_t n, int box_w, int box_h,
                                     const char **why);

/* The GIF, WebP or AVIF image, as galley_image_decode (image_web.c). */
cairo_surface_t *galley_image_decode_web(const unsigned char *d, size_t n, int box_w,
                                         int box_h, const char **why);

/* The SVG image of N bytes at D, cleaned (svg_clean.c) and drawn by
 * librsvg as vectors into a cairo recording surface whose extents have
 * the image's aspect, its longer side 2000 units (image_svg.c; in the galley program a
 * module, tools/image_module.c).  NULL with *WHY set when it is refused
 * or cannot be drawn. */
cairo_surface_t *galley_image_svg(const unsigned char *d, size_t n, const char **why);

/* The width and height of an image S made above: pixels of an image
 * surface, units of an SVG's recording surface. */
void galley_image_extent(cairo_surface_t *s, double *w, double *h);

/* The opaque cairo image S (ARGB32 or RGB24) as a JPEG of QUALITY
 * (1-100): malloc'd, *LEN bytes, or NULL. */
unsigned char *galley_image_jpeg_encode(cairo_surface_t *s, int quality, size_t *len);

/* 1 when every pixel of the cairo image S is opaque. */
int galley_image_opaque(cairo_surface_t *s);

/* 1 when the raster image of N bytes at D is whole: decoded into a small
 * box, every byte read; else 0 with *WHY set. */
int galley_image_verify(const unsigned char *d, size_t n, const char **why);

/* The media type the first bytes D[0..N) announce: image/png, image/jpeg,
 * image/gif, image/webp or image/avif by their magic numbers, or NULL
 * (SVG, which has none: galley_image_type). */
const char *galley_image_magic(const unsigned char *d, size_t n);

/* galley_image_magic, else image/svg+xml for XML whose first element is
 * <svg>, else NULL. */
const char *galley_image_type(const unsigned char *d, size_t n);

/* ---------------------------------------------------- for the decoders */

/* The whole factor by which W x H is reduced so that it still covers the
 * box BOX_W x BOX_H it is shown in (0: no box, never reduced). */
int galley_image_factor(int w, int h, int box_w, int box_h);

/* Source rows summed, F x F pixels to one, into a cairo image. */
struct galley_shrink {
	int w, h, f, ow, oh;
	uint64_t *acc;        /* ow x (premultiplied B, G, R, A) */
	int rows;             /* source rows in ACC */
	int y;                /* next row of the image */
	cairo_surface_t *s;
};

/* Start an image of W x H reduced by F; -1 when cairo cannot make it
 * (galley_shrink_end still frees it). */
int galley_shrink_start(struct galley_shrink *k, int w, int h, int f);
/* Add the next source row: W pixels of R, G, B, A bytes (not
 * premultiplied). */
void galley_shrink_row(struct galley_shrink *k, const unsigned char *px);
/* Add the next source row, transparent but for N pixels of PX from
 * column X0 on (PX NULL: all of it): a small frame on a large canvas
 * costs its own pixels, not the canvas's. */
void galley_shrink_span(struct galley_shrink *k, const unsigned char *px, int x0, int n);
/* The image made when WHOLE and every row came, else NULL (freed). */
cairo_surface_t *galley_shrink_end(struct galley_shrink *k, int whole);

/* Bytes of pixels a decoder may hold at once beyond the reduced image (an
 * interlaced PNG or GIF, an animation's frame, an AVIF's planes). */
#define GALLEY_IMAGE_WORK_MAX ((size_t)64 << 20)

#endif
