/* image_decode.c — decodes a PNG (libpng) or a JPEG (libjpeg) into a cairo
 * image, reduced while it is read to the size it is shown at, so that an
 * image's bytes are known to be whole before any back end uses them.  GIF,
 * WebP and AVIF go to their decoders (image_web.c), which sum their rows
 * into the same reduced image (galley_shrink_*).
 *
 * Issue 14: a truncated or fake JPEG was embedded as it was (a damaged
 * PDF, an EPUB epubcheck refused), and a 10000 x 10000 PNG of 380 KB took
 * 400 MB each time it was decoded.  Rows are read one at a time and summed
 * into a box of whole pixels (a JPEG is first reduced by its own DCT
 * scaling), so memory grows with the size shown, not the size stored.
 *
 * In the galley program this file, image_web.c, image_gif.c and
 * image_webp.c are a module, galley-images.so (tools/image_module.c),
 * loaded for the first image: libjpeg, giflib and libwebp cost every run
 * that has none (most text articles) a tenth of its start-up.  What the
 * back ends ask of an image without decoding it is in image_shrink.c. */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>
#include <png.h>

#include "image_decode.h"
#include "safe_path.h"
#include "util.h"

/* libjpeg's own working memory (a progressive JPEG keeps every
 * coefficient): beyond this it fails rather than grows. */
#define JPEG_MEMORY_MAX (96L << 20)

/* ------------------------------------------------------------- PNG */

struct png_src {
	const unsigned char *d;
	size_t n, at;
	const char *why;
	struct galley_shrink k;
	unsigned char *pixels;   /* an interlaced image, whole */
	png_bytep *rows;
};

static void S_png_read(png_structp png, png_bytep out, png_size_t len)
{
	struct png_src *src = png_get_io_ptr(png);
	if (len > src->n - src->at)
		png_error(png, "truncated");
	memcpy(out, src->d + src->at, len);
	src->at += len;
}

static void S_png_error(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

static void S_png_warning(png_structp png, png_const_charp msg)
{
	(void)png, (void)msg;   /* a damaged ancillary chunk is only skipped */
}

/* Decode the rows of an image whose header was read. */
static int S_png_rows(png_structp png, png_infop info, struct png_src *src, int box_w, int box_h)
{
	int w = (int)png_get_image_width(png, info), h = (int)png_get_image_height(png, info);
	png_set_expand(png);
	png_set_strip_16(png);
	png_set_gray_to_rgb(png);
	png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);
	int passes = png_set_interlace_handling(png);
	png_read_update_info(png, info);
	if (png_get_rowbytes(png, info) != (size_t)w * 4 ||
	    galley_shrink_start(&src->k, w, h, galley_image_factor(w, h, box_w, box_h)) != 0)
		return -1;
	if (passes == 1) {
		unsigned char *row = src->pixels = galley_xmalloc((size_t)w * 4);
		for (int y = 0; y < h; y++) {
			png_read_row(png, row, NULL);
			galley_shrink_row(&src->k, row);
		}
		return 0;
	}
	/* an interlaced PNG is only whole after its last pass */
	if ((size_t)w * (size_t)h * 4 > GALLEY_IMAGE_WORK_MAX) {
		src->why = "an interlaced PNG too large to decode";
		return -1;
	}
	src->pixels = galley_xmalloc((size_t)w * (size_t)h * 4);
	src->rows = galley_xmalloc((size_t)h * sizeof *src->rows);
	for (int y = 0; y < h; y++)
		src->rows[y] = src->pixels + (size_t)y * (size_t)w * 4;
	png_read_image(png, src->rows);
	for (int y = 0; y < h; y++)
		galley_shrink_row(&src->k, src->rows[y]);
	return 0;
}

static cairo_surface_t *S_png(const unsigned char *d, size_t n, int box_w, int box_h,
                              const char **why)
{
	struct png_src *src = galley_xcalloc(1, sizeof *src);
	src->d = d, src->n = n;
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, S_png_error,
	                                         S_png_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	int whole = 0;
	if (info && setjmp(png_jmpbuf(png)) == 0) {
		png_set_read_fn(png, src, S_png_read);
		png_set_user_limits(png, GALLEY_MAX_IMAGE_SIDE, GALLEY_MAX_IMAGE_SIDE);
		png_read_info(png, info);
		if (S_png_rows(png, info, src, box_w, box_h) == 0) {
			png_read_end(png, NULL);   /* the last CRC and IEND: whole */
			whole = 1;
		}
	}
	png_destroy_read_struct(&png, info ? &info : NULL, NULL);
	cairo_surface_t *s = src->k.s ? galley_shrink_end(&src->k, whole) : NULL;
	*why = src->why ? src->why : "a damaged PNG image";
	free(src->pixels);
	free(src->rows);
	free(src);
	return s;
}

/* ------------------------------------------------------------ JPEG */

struct jpeg_src {
	struct jpeg_error_mgr err;
	jmp_buf jump;
	int code;             /* libjpeg's message code, when it failed */
	struct galley_shrink k;
	unsigned char *row, *rgba;
};

static void S_jpeg_exit(j_common_ptr c)
{
	struct jpeg_src *src = (struct jpeg_src *)(void *)c->err;
	src->code = c->err->msg_code;
	longjmp(src->jump, 1);
}

/* A warning is damage too ("premature end of JPEG file" is one), except
 * stray bytes between segments, which every viewer skips. */
static void S_jpeg_message(j_common_ptr c, int level)
{
	if (level < 0 && c->err->msg_code != JWRN_EXTRANEOUS_DATA)
		S_jpeg_exit(c);
}

/* One decoded row (RGB, or Adobe's inverted CMYK) as R, G, B, A bytes. */
static void S_jpeg_rgba(const struct jpeg_decompress_struct *j, const unsigned char *in,
                        unsigned char *out)
{
	for (JDIMENSION x = 0; x < j->output_width; x++, out += 4) {
		if (j->out_color_space == JCS_CMYK) {
			const unsigned char *p = in + 4 * x;
			out[0] = (unsigned char)(p[0] * p[3] / 255);
			out[1] = (unsigned char)(p[1] * p[3] / 255);
			out[2] = (unsigned char)(p[2] * p[3] / 255);
		} else {
			memcpy(out, in + 3 * x, 3);
		}
		out[3] = 0xff;
	}
}

static void S_jpeg_rows(struct jpeg_decompress_struct *j, struct jpeg_src *src, int box_w,
                        int box_h)
{
	int w = (int)j->image_width, h = (int)j->image_height;
	if (w > GALLEY_MAX_IMAGE_SIDE || h > GALLEY_MAX_IMAGE_SIDE)
		S_jpeg_exit((j_common_ptr)j);
	int f = galley_image_factor(w, h, box_w, box_h);
	j->scale_num = 1;
	j->scale_denom = f >= 8 ? 8 : f >= 4 ? 4 : f >= 2 ? 2 : 1;
	j->out_color_space = j->jpeg_color_space == JCS_CMYK || j->jpeg_color_space == JCS_YCCK
	                   ? JCS_CMYK : JCS_RGB;
	jpeg_start_decompress(j);
	int ow = (int)j->output_width, oh = (int)j->output_height;
	if (galley_shrink_start(&src->k, ow, oh, galley_image_factor(ow, oh, box_w, box_h)) != 0)
		S_jpeg_exit((j_common_ptr)j);
	src->row = galley_xmalloc((size_t)ow * (size_t)j->output_components);
	src->rgba = galley_xmalloc((size_t)ow * 4);
	while (j->output_scanline < j->output_height) {
		JSAMPROW r = src->row;
		if (jpeg_read_scanlines(j, &r, 1) != 1)
			S_jpeg_exit((j_common_ptr)j);
		S_jpeg_rgba(j, src->row, src->rgba);
		galley_shrink_row(&src->k, src->rgba);
	}
	jpeg_finish_decompress(j);   /* reads on to the end marker */
}

static cairo_surface_t *S_jpeg(const unsigned char *d, size_t n, int box_w, int box_h,
                               const char **why)
{
	struct jpeg_src *src = galley_xcalloc(1, sizeof *src);
	struct jpeg_decompress_struct j;
	j.err = jpeg_std_error(&src->err);
	src->err.error_exit = S_jpeg_exit;
	src->err.emit_message = S_jpeg_message;
	int whole = 0;
	jpeg_create_decompress(&j);
	if (setjmp(src->jump) == 0) {
		j.mem->max_memory_to_use = JPEG_MEMORY_MAX;
		jpeg_mem_src(&j, d, (unsigned long)n);
		jpeg_read_header(&j, TRUE);
		S_jpeg_rows(&j, src, box_w, box_h);
		whole = 1;
	}
	jpeg_destroy_decompress(&j);
	cairo_surface_t *s = src->k.s ? galley_shrink_end(&src->k, whole) : NULL;
	/* a progressive JPEG keeps all its coefficients while it is read */
	*why = src->code == JERR_NO_BACKING_STORE ? "a progressive JPEG too large to decode"
	     : "a damaged JPEG image";
	free(src->row);
	free(src->rgba);
	free(src);
	return s;
}

cairo_surface_t *galley_image_decode(const unsigned char *d, size_t n, int box_w, int box_h,
                                     const char **why)
{
	const char *type = galley_image_magic(d, n);
	if (type && strcmp(type, "image/png") == 0)
		return S_png(d, n, box_w, box_h, why);
	if (type && strcmp(type, "image/jpeg") == 0)
		return S_jpeg(d, n, box_w, box_h, why);
	if (type)
		return galley_image_decode_web(d, n, box_w, box_h, why);
	*why = "not a PNG, JPEG, GIF, WebP or AVIF image";
	return NULL;
}

unsigned char *galley_image_jpeg_encode(cairo_surface_t *s, int quality, size_t *len)
{
	struct jpeg_compress_struct j;
	struct jpeg_src err = {0};
	unsigned char *out = NULL, *row = NULL;
	unsigned long size = 0;
	j.err = jpeg_std_error(&err.err);
	err.err.error_exit = S_jpeg_exit;
	jpeg_create_compress(&j);
	if (setjmp(err.jump) == 0) {
		jpeg_mem_dest(&j, &out, &size);
		j.image_width = (JDIMENSION)cairo_image_surface_get_width(s);
		j.image_height = (JDIMENSION)cairo_image_surface_get_height(s);
		j.input_components = 3;
		j.in_color_space = JCS_RGB;
		jpeg_set_defaults(&j);
		jpeg_set_quality(&j, quality, TRUE);
		jpeg_start_compress(&j, TRUE);
		row = galley_xmalloc((size_t)j.image_width * 3);
		const unsigned char *data = cairo_image_surface_get_data(s);
		int stride = cairo_image_surface_get_stride(s);
		while (j.next_scanline < j.image_height) {
			const unsigned char *line = data + (size_t)j.next_scanline * (size_t)stride;
			const uint32_t *px = (const uint32_t *)(const void *)line;
			for (JDIMENSION x = 0; x < j.image_width; x++) {
				row[3 * x] = (unsigned char)(px[x] >> 16);
				row[3 * x + 1] = (unsigned char)(px[x] >> 8);
				row[3 * x + 2] = (unsigned char)px[x];
			}
			jpeg_write_scanlines(&j, &row, 1);
		}
		jpeg_finish_compress(&j);
	} else {
		free(out);   /* libjpeg's buffer is malloc'd */
		out = NULL;
	}
	jpeg_destroy_compress(&j);
	free(row);
	*len = size;
	return out;
}
