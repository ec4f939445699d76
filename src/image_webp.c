/* image_webp.c — a WebP image (libwebp): a still image decoded by libwebp
 * straight into the cairo image, scaled by the decoder to the reduced
 * size; an animation's first frame (libwebpdemux, which checks the whole
 * container first) decoded whole, then laid on its canvas. */
#include <stdlib.h>
#include <string.h>

#include <webp/decode.h>
#include <webp/demux.h>

#include "image_web.h"
#include "safe_path.h"

/* cairo's ARGB32 is a native 32-bit word: B, G, R, A bytes on a
 * little-endian machine; premultiplied, as libwebp's lower-case modes. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define CAIRO_MODE MODE_bgrA
#else
#define CAIRO_MODE MODE_Argb
#endif

static cairo_surface_t *S_still(const unsigned char *d, size_t n, int w, int h, int box_w,
                                int box_h)
{
	int f = galley_image_factor(w, h, box_w, box_h);
	int ow = (w + f - 1) / f, oh = (h + f - 1) / f;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, ow, oh);
	WebPDecoderConfig cfg;
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || !WebPInitDecoderConfig(&cfg)) {
		cairo_surface_destroy(s);
		return NULL;
	}
	cairo_surface_flush(s);
	cfg.options.use_scaling = f > 1;
	cfg.options.scaled_width = ow;
	cfg.options.scaled_height = oh;
	cfg.output.colorspace = CAIRO_MODE;
	cfg.output.is_external_memory = 1;
	cfg.output.u.RGBA.rgba = cairo_image_surface_get_data(s);
	cfg.output.u.RGBA.stride = cairo_image_surface_get_stride(s);
	cfg.output.u.RGBA.size = (size_t)cfg.output.u.RGBA.stride * (size_t)oh;
	VP8StatusCode st = WebPDecode(d, n, &cfg);
	WebPFreeDecBuffer(&cfg.output);
	if (st != VP8_STATUS_OK) {
		cairo_surface_destroy(s);
		return NULL;
	}
	cairo_surface_mark_dirty(s);
	return s;
}

/* The first frame of an animation, on its transparent canvas. */
static cairo_surface_t *S_first_frame(const unsigned char *d, size_t n, int box_w, int box_h,
                                      const char **why)
{
	WebPData data = {d, n};
	WebPDemuxer *dmx = WebPDemux(&data);   /* NULL unless the container is whole */
	WebPIterator it;
	if (!dmx)
		return NULL;
	int cw = (int)WebPDemuxGetI(dmx, WEBP_FF_CANVAS_WIDTH);
	int ch = (int)WebPDemuxGetI(dmx, WEBP_FF_CANVAS_HEIGHT);
	cairo_surface_t *s = NULL;
	if (cw > GALLEY_MAX_IMAGE_SIDE || ch > GALLEY_MAX_IMAGE_SIDE) {
		*why = "a WebP image larger than 10000 pixels a side";
	} else if (WebPDemuxGetFrame(dmx, 1, &it)) {
		int fw = it.width, fh = it.height;
		uint8_t *px = (size_t)fw * (size_t)fh * 4 <= GALLEY_IMAGE_WORK_MAX
		            ? WebPDecodeRGBA(it.fragment.bytes, it.fragment.size, &fw, &fh) : NULL;
		struct galley_shrink k;
		if (px && fw == it.width && fh == it.height && it.x_offset + fw <= cw &&
		    it.y_offset + fh <= ch) {
			int ok = galley_shrink_start(&k, cw, ch, galley_image_factor(cw, ch, box_w, box_h)) == 0;
			for (int y = 0; ok && y < ch; y++) {
				int fy = y - it.y_offset;   /* the canvas around the frame: transparent */
				galley_shrink_span(&k, fy >= 0 && fy < fh ? px + (size_t)fy * (size_t)fw * 4 : NULL,
				                   it.x_offset, fw);
			}
			s = galley_shrink_end(&k, ok);
		}
		WebPFree(px);
		WebPDemuxReleaseIterator(&it);
	}
	WebPDemuxDelete(dmx);
	return s;
}

cairo_surface_t *galley_image_webp(const unsigned char *d, size_t n, int box_w, int box_h,
                                   const char **why)
{
	WebPBitstreamFeatures f;
	*why = "a damaged WebP image";
	if (WebPGetFeatures(d, n, &f) != VP8_STATUS_OK)
		return NULL;
	if (f.width > GALLEY_MAX_IMAGE_SIDE || f.height > GALLEY_MAX_IMAGE_SIDE) {
		*why = "a WebP image larger than 10000 pixels a side";
		return NULL;
	}
	return f.has_animation ? S_first_frame(d, n, box_w, box_h, why)
	                       : S_still(d, n, f.width, f.height, box_w, box_h);
}
