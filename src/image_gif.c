/* image_gif.c — the first frame of a GIF (giflib), as a browser shows it
 * before it animates: the frame on a transparent canvas of the logical
 * screen's size, its transparent colour kept.  The file's blocks are
 * walked to the trailer first, so a file cut short or made up is refused
 * before giflib reads it, and later frames, never decoded, are checked
 * too.  giflib rather than gdk-pixbuf: gdk-pixbuf decodes every frame of
 * an animation into memory and picks its loader from the system's
 * plugins; giflib reads the one frame a row at a time. */
#include <stdlib.h>
#include <string.h>

#include <gif_lib.h>

#include "image_web.h"
#include "safe_path.h"
#include "util.h"

/* The blocks walked to the trailer: a cut or made-up file does not reach it. */
static int S_whole(const unsigned char *d, size_t n)
{
	if (n < 13 || (memcmp(d, "GIF87a", 6) != 0 && memcmp(d, "GIF89a", 6) != 0))
		return 0;
	size_t i = 13 + (d[10] & 0x80 ? 3u << ((d[10] & 7) + 1) : 0);
	while (i < n) {
		if (d[i] == 0x3B)
			return 1;
		if (d[i] == 0x21 && i + 1 < n) {
			i += 2;                                 /* extension, label */
		} else if (d[i] == 0x2C && i + 10 < n) {
			unsigned flags = d[i + 9];
			i += 10 + (flags & 0x80 ? 3u << ((flags & 7) + 1) : 0) + 1;  /* LZW size */
		} else {
			return 0;
		}
		while (i < n && d[i] != 0)                  /* data sub-blocks */
			i += (size_t)d[i] + 1;
		i++;
	}
	return 0;
}

struct gif_src {
	const unsigned char *d;
	size_t n, at;
};

static int S_read(GifFileType *g, GifByteType *out, int len)
{
	struct gif_src *src = g->UserData;
	size_t want = len > 0 ? (size_t)len : 0;
	if (want > src->n - src->at)
		want = src->n - src->at;
	memcpy(out, src->d + src->at, want);
	src->at += want;
	return (int)want;
}

/* The transparent colour index of the Graphic Control extension read
 * before the first frame, or -1 (further blocks skipped). */
static int S_extension(GifFileType *g, int *transparent)
{
	int code = 0;
	GifByteType *ext = NULL;
	if (DGifGetExtension(g, &code, &ext) != GIF_OK)
		return -1;
	if (code == GRAPHICS_EXT_FUNC_CODE && ext && ext[0] >= 4) {
		GraphicsControlBlock gcb;
		if (DGifExtensionToGCB(ext[0], ext + 1, &gcb) == GIF_OK)
			*transparent = gcb.TransparentColor;
	}
	while (ext)
		if (DGifGetExtensionNext(g, &ext) != GIF_OK)
			return -1;
	return 0;
}

/* The frame's lines, F x W indices, in the order they are shown: an
 * interlaced frame stores every 8th row first, then the 4th, 2nd, 1st. */
static int S_lines(GifFileType *g, GifPixelType *px, int w, int h)
{
	static const int start[] = {0, 4, 2, 1}, step[] = {8, 8, 4, 2};
	int passes = g->Image.Interlace ? 4 : 1;
	for (int p = 0; p < passes; p++)
		for (int y = passes == 1 ? 0 : start[p]; y < h; y += passes == 1 ? 1 : step[p])
			if (DGifGetLine(g, px + (size_t)y * (size_t)w, w) != GIF_OK)
				return -1;
	return 0;
}

/* The canvas, row by row, into the reduced image. */
static cairo_surface_t *S_paint(GifFileType *g, const GifPixelType *px, int transparent,
                                int box_w, int box_h)
{
	const GifImageDesc *f = &g->Image;
	const ColorMapObject *map = f->ColorMap ? f->ColorMap : g->SColorMap;
	int cw = g->SWidth > f->Left + f->Width ? g->SWidth : f->Left + f->Width;
	int ch = g->SHeight > f->Top + f->Height ? g->SHeight : f->Top + f->Height;
	struct galley_shrink k;
	if (!map)
		return NULL;
	if (galley_shrink_start(&k, cw, ch, galley_image_factor(cw, ch, box_w, box_h)) != 0)
		return galley_shrink_end(&k, 0);
	unsigned char *row = galley_xmalloc((size_t)f->Width * 4);
	for (int y = 0; y < ch; y++) {
		if (y < f->Top || y >= f->Top + f->Height) {
			galley_shrink_span(&k, NULL, 0, 0);   /* the canvas around the frame */
			continue;
		}
		memset(row, 0, (size_t)f->Width * 4);
		for (int x = 0; x < f->Width; x++) {
			int c = px[(size_t)(y - f->Top) * (size_t)f->Width + (size_t)x];
			unsigned char *o = row + 4 * (size_t)x;
			if (c == transparent || c >= map->ColorCount)
				continue;
			o[0] = map->Colors[c].Red;
			o[1] = map->Colors[c].Green;
			o[2] = map->Colors[c].Blue;
			o[3] = 0xff;
		}
		galley_shrink_span(&k, row, f->Left, f->Width);
	}
	free(row);
	return galley_shrink_end(&k, 1);
}

/* The first frame, once its descriptor is read. */
static cairo_surface_t *S_frame(GifFileType *g, int transparent, int box_w, int box_h,
                                const char **why)
{
	const GifImageDesc *f = &g->Image;
	if (f->Width <= 0 || f->Height <= 0 || f->Left < 0 || f->Top < 0)
		return NULL;   /* damaged */
	if (f->Left + f->Width > GALLEY_MAX_IMAGE_SIDE || f->Top + f->Height > GALLEY_MAX_IMAGE_SIDE ||
	    g->SWidth > GALLEY_MAX_IMAGE_SIDE || g->SHeight > GALLEY_MAX_IMAGE_SIDE) {
		*why = "a GIF image larger than 10000 pixels a side";
		return NULL;
	}
	if ((size_t)f->Width * (size_t)f->Height > GALLEY_IMAGE_WORK_MAX) {
		*why = "a GIF image too large to decode";
		return NULL;
	}
	GifPixelType *px = galley_xmalloc((size_t)f->Width * (size_t)f->Height);
	cairo_surface_t *s = S_lines(g, px, f->Width, f->Height) == 0
	                   ? S_paint(g, px, transparent, box_w, box_h) : NULL;
	free(px);
	return s;
}

cairo_surface_t *galley_image_gif(const unsigned char *d, size_t n, int box_w, int box_h,
                                  const char **why)
{
	*why = "a damaged GIF image";
	if (!S_whole(d, n))
		return NULL;
	struct gif_src src = {d, n, 0};
	int err = 0, transparent = -1;
	GifFileType *g = DGifOpen(&src, S_read, &err);
	cairo_surface_t *s = NULL;
	GifRecordType type;
	while (g && !s && DGifGetRecordType(g, &type) == GIF_OK && type != TERMINATE_RECORD_TYPE) {
		if (type == EXTENSION_RECORD_TYPE && S_extension(g, &transparent) == 0)
			continue;
		if (type == IMAGE_DESC_RECORD_TYPE && DGifGetImageDesc(g) == GIF_OK)
			s = S_frame(g, transparent, box_w, box_h, why);
		break;
	}
	if (g)
		DGifCloseFile(g, &err);
	return s;
}
