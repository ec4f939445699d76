/* image_decode.h — PNG and JPEG images decoded, and so checked whole,
 * before a back end uses them (image_decode.c). */
#ifndef GALLEY_IMAGE_DECODE_H
#define GALLEY_IMAGE_DECODE_H

#include <cairo.h>
#include <stddef.h>

/* The PNG or JPEG image of N bytes at D as a cairo ARGB32 image, reduced
 * by a whole factor while it is read when it has more pixels than a box of
 * BOX_W x BOX_H needs (0, 0: full size), its aspect kept.  NULL when it is
 * damaged, cut short, larger than GALLEY_MAX_IMAGE_SIDE, or not a PNG or
 * JPEG; *WHY then holds a static reason for a warning.  Caller destroys. */
cairo_surface_t *galley_image_decode(const unsigned char *d, size_t n, int box_w, int box_h,
                                     const char **why);

/* The opaque cairo image S (ARGB32 or RGB24) as a JPEG of QUALITY
 * (1-100): malloc'd, *LEN bytes, or NULL. */
unsigned char *galley_image_jpeg_encode(cairo_surface_t *s, int quality, size_t *len);

/* 1 when the PNG, JPEG or GIF image of N bytes at D is whole: decoded
 * (PNG, JPEG) or walked to its end (GIF); else 0 with *WHY set. */
int galley_image_verify(const unsigned char *d, size_t n, const char **why);

/* The media type the first bytes D[0..N) announce: image/png, image/jpeg,
 * image/gif or image/webp by their magic numbers, or NULL (SVG, which has
 * none, is for the caller to recognise). */
const char *galley_image_magic(const unsigned char *d, size_t n);

#endif
