/* html_srcset.c — the image a <picture> or a srcset offers that galley
 * can print best.  A browser picks a candidate for its screen; galley
 * prints, so it takes the first <source> of a type it decodes (as a
 * browser, skipping the ones meant for narrow or dark screens), and
 * within a srcset the widest candidate up to what a page needs, or the
 * highest density; the <img>'s own src is the fallback. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "util.h"

/* Pixels wide an image needs at most: a full A4 text width (17 cm) at
 * 300 dpi.  A wider candidate is only decoded to be reduced. */
#define WIDTH_ENOUGH 2000

/* The types galley decodes (image_decode.c, image_web.c, image_svg.c). */
static int S_usable_type(const char *type)
{
	static const char *const ok[] = {"image/png", "image/jpeg", "image/jpg", "image/gif",
		"image/webp", "image/avif", "image/svg+xml"};
	if (!type || !*type)
		return 1;
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
		if (strncasecmp(type, ok[i], strlen(ok[i])) == 0 &&
		    (type[strlen(ok[i])] == '\0' || type[strlen(ok[i])] == ';'))
			return 1;
	return 0;
}

/* 1 when the URL's extension names a format galley does not decode (a
 * <source> without a type: JPEG XL, HEIC, JPEG 2000, TIFF, BMP). */
static int S_unusable_ext(const char *url, size_t n)
{
	size_t end = strcspn(url, "?#");
	if (end > n)
		end = n;
	size_t dot = end;
	while (dot > 0 && url[dot - 1] != '.' && url[dot - 1] != '/')
		dot--;
	if (dot == 0 || url[dot - 1] != '.')
		return 0;
	char ext[8] = "";
	if (end - dot >= sizeof ext)
		return 0;
	memcpy(ext, url + dot, end - dot);
	ext[end - dot] = '\0';
	return galley_html_match(ext, "^jxl$|^heic$|^heif$|^jp2$|^jpx$|^tif$|^tiff$|^bmp$") &&
	       strlen(ext) == end - dot;
}

struct best {
	char *url;
	double score;    /* larger is better */
};

/* Weigh one candidate: a width W (0: none) or a density X. */
static void S_offer(struct best *b, const char *url, size_t n, double w, double x)
{
	if (n == 0 || strncasecmp(url, "data:", 5) == 0 || S_unusable_ext(url, n))
		return;
	/* widths up to enough rank by width; wider ones after, the least
	 * wide first; densities (no width known) below widths */
	double score = w > 0 ? (w <= WIDTH_ENOUGH ? 2e6 + w : 2e6 - (w - WIDTH_ENOUGH) / 1e3)
	                     : x;
	if (b->url && score <= b->score)
		return;
	free(b->url);
	b->url = galley_xstrndup(url, n);
	b->score = score;
}

/* Every candidate of the srcset S: "url [Nw|Nx], url [..]", a URL being
 * a run without spaces (commas inside it allowed, trailing ones not). */
static void S_srcset(struct best *b, const char *s)
{
	while (*s) {
		while (*s == ',' || galley_is_space((unsigned char)*s))
			s++;
		const char *url = s;
		while (*s && !galley_is_space((unsigned char)*s))
			s++;
		size_t n = (size_t)(s - url);
		int ended = n && url[n - 1] == ',';   /* "a.jpg," has no descriptors */
		while (n && url[n - 1] == ',')
			n--;
		double w = 0, x = 1;
		while (!ended && *s && *s != ',') {
			while (galley_is_space((unsigned char)*s))
				s++;
			char *end = NULL;
			double v = strtod(s, &end);
			if (end && end != s && (*end == 'w' || *end == 'x')) {
				if (*end == 'w')
					w = v;
				else
					x = v;
			}
			while (*s && *s != ',' && !galley_is_space((unsigned char)*s))
				s++;
		}
		if (n)
			S_offer(b, url, n, w, x);
	}
}

/* The srcset of NODE: a lazy loader's data-srcset first. */
static int S_node_srcset(struct best *b, const xmlNode *node)
{
	static const char *const attrs[] = {"data-srcset", "data-lazy-srcset", "srcset"};
	for (size_t i = 0; i < sizeof attrs / sizeof *attrs && !b->url; i++) {
		char *v = galley_html_attr(node, attrs[i]);
		if (v)
			S_srcset(b, v);
		xmlFree(v);
	}
	return b->url != NULL;
}

/* 1 when a <source>'s media query is for a narrow or a dark screen, or
 * a portrait one: printed, a page is as wide as a desktop's column. */
static int S_other_screen(const xmlNode *source)
{
	char *media = galley_html_attr(source, "media");
	int other = media && (strstr(media, "max-width") || strstr(media, "dark") ||
	                      strstr(media, "portrait"));
	xmlFree(media);
	return other;
}

/* The <source>s before IMG under N, in document order, until one gives a
 * candidate; 1 once IMG is reached. */
static int S_sources(struct best *b, const xmlNode *n, const xmlNode *img)
{
	for (; n && !b->url; n = n->next) {
		if (n == img)
			return 1;
		if (galley_html_is(n, "source") && !S_other_screen(n)) {
			char *type = galley_html_attr(n, "type");
			if (S_usable_type(type))
				S_node_srcset(b, n);
			xmlFree(type);
		}
		if (n->type == XML_ELEMENT_NODE && S_sources(b, n->children, img))
			return 1;
	}
	return 0;
}

char *galley_html_best_source(const xmlNode *img)
{
	struct best b = {NULL, 0};
	/* the <picture> above, past <source>s libxml2 may have nested it in */
	const xmlNode *pic = img->parent;
	while (pic && galley_html_is(pic, "source"))
		pic = pic->parent;
	if (pic && galley_html_is(pic, "picture"))
		S_sources(&b, pic->children, img);
	if (!b.url)
		S_node_srcset(&b, img);
	return b.url;
}
