/* epub_cover.c — the cover: a PNG drawn with cairo (title, author or date, a digest's first headlines) and its XHTML page. */
#include <cairo.h>
#include <stdio.h>
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>

#include "epub.h"
#include "fonts.h"
#include "layout.h"

/* Drawn on a 1000 x 1500 design grid and rendered at 800 x 1200 px (2:3,
 * the shape e-reader shops show): sharp in a library view, and drawn and
 * compressed in a few ms. */
#define COVER_W 1000
#define COVER_H 1500
#define COVER_SCALE 0.8
#define COVER_MARGIN 90
#define COVER_HEADLINES 5
/* The greys are multiples of 0x11, which a greyscale cover's 16 levels
 * show exactly. */
#define COVER_PAPER 0xeeeeee

struct cover {
	struct epub_book *book;
	cairo_t *cr;
	unsigned accent, title;   /* the layout's colours (see S_colours) */
	int ink;        /* drawn on an A8 surface of ink: greys only */
	double base;    /* ink already under what is drawn (the paper's) */
	FcConfig *fonts;
	double y;       /* where the next text block starts */
};

/* Paint with RGB from now on.  On an ink surface a grey is its darkness;
 * once the paper is down, what is drawn on it adds its darkness less the
 * paper's (see S_draw). */
static void S_rgb(struct cover *c, unsigned rgb)
{
	if (c->ink) {
		double add = 1 - (rgb & 0xff) / 255.0 - c->base;
		cairo_set_source_rgba(c->cr, 0, 0, 0, add > 0 ? add : 0);
	} else
		cairo_set_source_rgb(c->cr, ((rgb >> 16) & 0xff) / 255.0,
		                     ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

/* A face for text on the cover: the family of ROLE in the layout (NULL
 * layout: FALLBACK), at a size and weight of the cover's own. */
struct cover_font {
	const char *family;
	double px;
	int weight;
};

static struct cover_font S_font(const struct epub_book *b, galley_role role,
                                const char *fallback, double px, int weight)
{
	const char *family = b->layout ? b->layout->role[role].family : NULL;
	return (struct cover_font){family && *family ? family : fallback, px, weight};
}

/* Draw TEXT at the current y, wrapped to the text width and cut with an
 * ellipsis after MAX_LINES; returns its height. */
static double S_text(struct cover *c, const char *text, struct cover_font font, unsigned rgb,
                     int max_lines)
{
	S_rgb(c, rgb);
	double h = epub_cover_text(c->cr, c->fonts, font.family, font.weight, c->book->lang, font.px,
	                           text, COVER_MARGIN, c->y, COVER_W - 2 * COVER_MARGIN, max_lines);
	c->y += h;
	return h;
}

static void S_rule(struct cover *c, unsigned rgb, double width)
{
	S_rgb(c, rgb);
	cairo_rectangle(c->cr, COVER_MARGIN, c->y, COVER_W - 2 * COVER_MARGIN, width);
	cairo_fill(c->cr);
	c->y += width;
}

/* Who wrote it: the authors, else the byline. */
static char *S_authors(const struct epub_book *b)
{
	galley_node *a = b->arts[0].node;
	galley_buf s = GALLEY_BUF_INIT;
	for (size_t i = 0; i < galley_article_author_count(a); i++) {
		if (i)
			galley_buf_puts(&s, ", ");
		galley_buf_puts(&s, galley_article_get_author(a, i));
	}
	if (!s.len && galley_article_get(a, GALLEY_META_BYLINE))
		galley_buf_puts(&s, galley_article_get(a, GALLEY_META_BYLINE));
	return galley_buf_detach(&s);
}

static int S_is_gray(unsigned rgb)
{
	return ((rgb >> 16) & 0xff) == ((rgb >> 8) & 0xff) && ((rgb >> 8) & 0xff) == (rgb & 0xff);
}

/* The colours: the layout's rule colour for accents, its title colour for
 * the title.  Returns 1 when all are greys (then so is every blend). */
static int S_colours(const struct epub_book *b, unsigned *accent, unsigned *ink)
{
	*accent = b->layout ? b->layout->rule_colour & 0xffffff : 0x444444;
	*ink = b->layout ? b->layout->role[GALLEY_ROLE_TITLE].colour & 0xffffff : 0x111111;
	return S_is_gray(*accent) && S_is_gray(*ink);
}

/* The host name of URL ("www.example.com"), malloc'd, or NULL. */
static char *S_host(const char *url)
{
	const char *p = url ? strstr(url, "://") : NULL;
	if (!p)
		return NULL;
	p += 3;
	size_t n = strcspn(p, "/?#:");
	return n ? galley_xstrndup(p, n) : NULL;
}

/* A band at the foot: a digest's size, or where the article came from. */
static void S_footer(struct cover *c)
{
	struct epub_book *b = c->book;
	char *text = epub_book_is_digest(b)
	           ? galley_xasprintf("%zu articles", b->n_arts)
	           : S_host(galley_article_get(b->arts[0].node, GALLEY_META_SOURCE));
	double y = c->y;
	S_rgb(c, c->accent);
	cairo_rectangle(c->cr, 0, COVER_H - 36, COVER_W, 36);
	cairo_fill(c->cr);
	if (text) {
		c->y = COVER_H - 130;
		S_text(c, text, S_font(c->book, GALLEY_ROLE_BYLINE, "Noto Sans", 32, 400), 0x555555, 1);
	}
	free(text);
	c->y = y;
}

static void S_draw(struct cover *c)
{
	struct epub_book *b = c->book;
	int digest = epub_book_is_digest(b);
	S_rgb(c, COVER_PAPER);
	cairo_paint(c->cr);
	if (c->ink) {
		/* Everything else is drawn on the paper: adding the difference
		 * in darkness by coverage is exactly an opaque grey blended
		 * over it, and pixman's fast path for it is three times as fast
		 * as blending (where two glyphs' edges share a pixel it is a
		 * shade darker). */
		cairo_set_operator(c->cr, CAIRO_OPERATOR_ADD);
		c->base = 1 - (COVER_PAPER & 0xff) / 255.0;
	}
	S_rgb(c, c->accent);
	cairo_rectangle(c->cr, 0, 0, COVER_W, 36);
	cairo_fill(c->cr);
	c->y = 230;
	const char *kicker = digest ? b->date
	                   : galley_article_get(b->arts[0].node, GALLEY_META_PUBLISHER);
	if (kicker && *kicker) {
		/* bold, the title's face: loading a third face costs a millisecond */
		S_text(c, kicker, S_font(b, GALLEY_ROLE_BYLINE, "Noto Sans", 34, 700), c->accent, 1);
		c->y += 30;
	}
	S_text(c, b->title, S_font(b, GALLEY_ROLE_TITLE, "Noto Sans", 84, 700), c->title, 6);
	c->y += 50;
	S_rule(c, c->accent, 5);
	c->y += 40;
	S_footer(c);
	if (digest) {
		for (size_t i = 0; i < b->n_arts && i < COVER_HEADLINES && c->y < COVER_H - 200; i++) {
			S_text(c, b->arts[i].title, S_font(b, GALLEY_ROLE_BODY, "Charis SIL", 38, 400),
			       0x333333, 2);
			c->y += 26;
		}
		return;
	}
	char *who = S_authors(b);
	if (*who) {
		S_text(c, who, S_font(b, GALLEY_ROLE_BYLINE, "Noto Sans", 44, 400), 0x333333, 3);
		c->y += 20;
	}
	free(who);
	const char *date = galley_article_get(b->arts[0].node, GALLEY_META_DATE);
	char *shown = date && *date
	            ? galley_long_date(date, galley_article_get(b->arts[0].node, GALLEY_META_LANG))
	            : NULL;
	if (date && *date)
		S_text(c, shown ? shown : date, S_font(b, GALLEY_ROLE_BYLINE, "Noto Sans", 36, 400),
		       0x555555, 1);
	free(shown);
}

/* Unhinted outlines (hinting is for small screen text, and running the
 * TrueType hinting programs cost more than drawing) in grey antialiasing
 * (subpixel colour fringes would spoil a grey PNG). */
static void S_font_options(cairo_t *cr)
{
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	cairo_set_font_options(cr, fo);
	cairo_font_options_destroy(fo);
}

/* Memory for N bytes of pixels, in huge pages where the system offers them:
 * the 4 MB of a colour cover in 4 KiB pages took a thousand page faults,
 * more time than drawing it.  It is kept for the next cover of the process
 * (a batch worker draws hundreds), so the kernel zeroes it once. */
#define HUGE_PAGE ((size_t)2 << 20)
static struct {
	unsigned char *p;
	size_t size;
} S_kept;

static unsigned char *S_pixels(size_t n)
{
	size_t bytes = (n + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	if (S_kept.p && S_kept.size == bytes)
		return S_kept.p;
	free(S_kept.p);
	S_kept.p = aligned_alloc(HUGE_PAGE, bytes);
	if (!S_kept.p)
		S_kept.p = galley_xmalloc(bytes);
	else
		madvise(S_kept.p, bytes, MADV_HUGEPAGE);   /* a hint: refused, 4 KiB pages remain */
	S_kept.size = bytes;
	return S_kept.p;
}

/* The cover PNG (malloc'd) or NULL with a WARNING. */
static char *S_png(struct epub_book *b, size_t *len)
{
	FcConfig *fonts = galley_fc_config(b->diag);
	if (!fonts)
		return NULL;
	int w = (int)(COVER_W * COVER_SCALE), h = (int)(COVER_H * COVER_SCALE);
	struct cover c = {.book = b, .fonts = fonts};
	c.ink = S_colours(b, &c.accent, &c.title);
	cairo_format_t format = c.ink ? CAIRO_FORMAT_A8 : CAIRO_FORMAT_RGB24;
	/* not zeroed: the paper colour is painted over every pixel anyway */
	int stride = cairo_format_stride_for_width(format, w);
	unsigned char *pixels = S_pixels((size_t)stride * (size_t)h);
	cairo_surface_t *s = cairo_image_surface_create_for_data(pixels, format, w, h, stride);
	c.cr = cairo_create(s);
	if (c.ink)
		cairo_set_operator(c.cr, CAIRO_OPERATOR_SOURCE);
	cairo_scale(c.cr, COVER_SCALE, COVER_SCALE);
	S_font_options(c.cr);
	S_draw(&c);
	cairo_destroy(c.cr);
	cairo_surface_flush(s);
	char *png = epub_png_encode(pixels, w, h, stride,
	                            c.ink ? EPUB_PIXELS_INK : EPUB_PIXELS_RGB24, len);
	cairo_surface_destroy(s);
	return png;
}

/* The cover page: the image alone, its alternative text saying what the
 * cover says. */
static char *S_page(struct epub_book *b, size_t *len)
{
	xmlBufferPtr buf;
	xmlTextWriterPtr w = epub_xml_open(&buf);
	epub_xml_xhtml_start(w, b->lang, b->title, "style.css");
	epub_xml_attr(w, "class", "cover");
	xmlTextWriterStartElement(w, BAD_CAST "section");
	epub_xml_attr(w, "epub:type", "cover");
	epub_xml_attr(w, "class", "cover");
	xmlTextWriterStartElement(w, BAD_CAST "img");
	epub_xml_attr(w, "src", "cover.png");
	char *alt = galley_xasprintf("Cover: %s", b->title);
	epub_xml_attr(w, "alt", alt);
	free(alt);
	return epub_xml_close(w, buf, len);
}

int epub_cover_add(struct epub_book *b)
{
	size_t png_len, len;
	char *png = S_png(b, &png_len);
	if (!png) {
		/* a book without a cover is still a good book */
		galley_diag_report(b->diag, GALLEY_DIAG_WARNING, 0, "cannot draw the cover: left out");
		return 0;
	}
	b->has_cover = 1;
	char *page = S_page(b, &len);
	epub_book_add(b, EPUB_GROUP_COVER, "cover.xhtml", "cover", "application/xhtml+xml",
	              NULL, page, len);
	epub_book_add(b, EPUB_GROUP_COVER, "cover.png", "cover-image", "image/png",
	              "cover-image", png, png_len);
	return 0;
}
