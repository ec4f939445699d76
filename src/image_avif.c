/* image_avif.c — an AVIF image (libavif, with the AV1 decoders Debian
 * builds it with: dav1d, libgav1, libaom): its primary image, or an image
 * sequence's first, converted to 8-bit RGBA and summed into the reduced
 * image.  The decoder holds the whole image's planes, so an image of more
 * than 16 million pixels is refused before it is decoded. */
#include <string.h>

#include <avif/avif.h>

#include "image_web.h"
#include "safe_path.h"

/* Pixels of the largest AVIF decoded: its 8-bit RGBA copy is
 * GALLEY_IMAGE_WORK_MAX (64 MiB). */
#define AVIF_PIXELS_MAX ((uint32_t)(GALLEY_IMAGE_WORK_MAX / 4))

static cairo_surface_t *S_rows(avifImage *img, int box_w, int box_h)
{
	avifRGBImage rgb;
	avifRGBImageSetDefaults(&rgb, img);
	rgb.format = AVIF_RGB_FORMAT_RGBA;
	rgb.depth = 8;
	avifRGBImageAllocatePixels(&rgb);
	cairo_surface_t *s = NULL;
	int w = (int)img->width, h = (int)img->height;
	struct galley_shrink k;
	if (rgb.pixels && avifImageYUVToRGB(img, &rgb) == AVIF_RESULT_OK) {
		int ok = galley_shrink_start(&k, w, h, galley_image_factor(w, h, box_w, box_h)) == 0;
		for (int y = 0; ok && y < h; y++)
			galley_shrink_row(&k, rgb.pixels + (size_t)y * rgb.rowBytes);
		s = galley_shrink_end(&k, ok);
	}
	avifRGBImageFreePixels(&rgb);
	return s;
}

cairo_surface_t *galley_image_avif(const unsigned char *d, size_t n, int box_w, int box_h,
                                   const char **why)
{
	avifDecoder *dec = avifDecoderCreate();
	if (!dec)
		return NULL;
	*why = "a damaged AVIF image";
	dec->maxThreads = 1;
	/* the limits below, with honest reasons, are checked after the header */
	dec->imageSizeLimit = (uint32_t)GALLEY_MAX_IMAGE_SIDE * GALLEY_MAX_IMAGE_SIDE;
	dec->imageDimensionLimit = 0;
	dec->ignoreExif = dec->ignoreXMP = AVIF_TRUE;
	cairo_surface_t *s = NULL;
	avifResult r = avifDecoderSetIOMemory(dec, d, n);
	if (r == AVIF_RESULT_OK)
		r = avifDecoderParse(dec);
	if (r == AVIF_RESULT_OK && (dec->image->width > GALLEY_MAX_IMAGE_SIDE ||
	                            dec->image->height > GALLEY_MAX_IMAGE_SIDE))
		*why = "an AVIF image larger than 10000 pixels a side";
	else if (r == AVIF_RESULT_OK &&
	         (uint64_t)dec->image->width * dec->image->height > AVIF_PIXELS_MAX)
		*why = "an AVIF image of more than 16 million pixels";
	else if (r == AVIF_RESULT_OK && avifDecoderNextImage(dec) == AVIF_RESULT_OK)
		s = S_rows(dec->image, box_w, box_h);
	avifDecoderDestroy(dec);
	return s;
}
