/* epub.h — what the files of the EPUB back end share: the book being built, its entries and its parts. */
#ifndef GALLEY_EPUB_H
#define GALLEY_EPUB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <libxml/xmlwriter.h>

#include "galley.h"
#include "util.h"

/* Every file of the book but mimetype and container.xml lives in this
 * folder of the zip; hrefs in the package are relative to it. */
#define EPUB_DIR "EPUB/"

/* Groups of entries, in the order they appear in the zip and the manifest
 * (issue 4: package document, navigation, XHTML, CSS, images, cover). */
typedef enum {
	EPUB_GROUP_NAV = 0,   /* nav.xhtml, toc.ncx */
	EPUB_GROUP_TEXT,      /* one XHTML per article */
	EPUB_GROUP_STYLE,     /* CSS and embedded fonts */
	EPUB_GROUP_IMAGE,     /* images copied from the inputs */
	EPUB_GROUP_COVER      /* cover.xhtml, cover.png */
} epub_group;

/* One file of the package (a manifest item and a zip entry). */
struct epub_file {
	char *href;              /* relative to EPUB_DIR: "a001.xhtml" */
	char *id;                /* manifest id */
	const char *media_type;
	const char *properties;  /* manifest properties or NULL */
	epub_group group;
	size_t seq;              /* order of addition, for a stable sort */
	char *data;              /* NULL once spooled (epub_spool.c) */
	size_t len;
	uint64_t spool_at;       /* where it is in the book's spool */
};

/* A heading listed in the navigation. */
struct epub_heading {
	char *id;
	char *text;
	int level;
};

/* One article: one XHTML file. */
struct epub_article {
	galley_node *node;
	char *href;              /* "a001.xhtml" */
	char *title;             /* never NULL or empty */
	char *lang;              /* a well-formed BCP 47 tag */
	struct epub_heading *heads;
	size_t n_heads;
};

/* The book being built. */
struct epub_book {
	galley_node *doc;
	const galley_layout *layout;
	const galley_options *opts;
	galley_diag *diag;
	struct epub_article *arts;
	size_t n_arts;
	struct epub_file *files;
	size_t n_files, cap_files;
	char *title;             /* book title: the article's, or the digest's */
	int title_given;         /* a digest's title came from --title or the input */
	const char *lang;        /* main language */
	char *date;              /* dc:date (W3CDTF) or NULL */
	char modified[32];       /* dcterms:modified, CCYY-MM-DDThh:mm:ssZ */
	char today[16];          /* YYYY-MM-DD of the build time */
	time_t now;              /* SOURCE_DATE_EPOCH or the clock */
	char uuid[48];           /* "urn:uuid:..." */
	void *images;            /* GHashTable: input src -> href (NULL = left out) */
	size_t n_images;         /* images copied */
	int missing_alt;         /* an image without alt text was copied */
	size_t n_fonts;          /* font files embedded */
	int has_cover;
	void *id_sum;            /* GChecksum of the parts the identifier hashes */
	size_t held;             /* bytes of XHTML held in memory */
	FILE *spool;             /* the XHTML of a long book, once it is long */
	uint64_t spool_len;
};

/* epub.c: add a file to the book (DATA is taken over; HREF, ID copied). */
struct epub_file *epub_book_add(struct epub_book *b, epub_group group, const char *href,
                                const char *id, const char *media_type,
                                const char *properties, char *data, size_t len);
/* 1 if the book is a digest (more than one article). */
int epub_book_is_digest(const struct epub_book *b);
/* 1 if LANG is written right to left (Arabic, Hebrew, Persian, Urdu...). */
int epub_lang_rtl(const char *lang);
/* DATE as a W3CDTF date (YYYY, YYYY-MM or YYYY-MM-DD, malloc'd), or NULL
 * when it does not start with one. */
char *epub_date_valid(const char *date);

/* epub_opf.c: start the identifier's hash, before any part is added
 * (epub_book_add hashes the articles and the images as they come). */
void epub_opf_identifier_start(struct epub_book *b);
void epub_opf_identifier_add(struct epub_book *b, const struct epub_file *f);

/* epub_spool.c: the XHTML of a long book leaves memory for a temporary
 * file once it passes a few MiB (issue 21): F's data moves there. */
void epub_spool_keep(struct epub_book *b, struct epub_file *f);
/* The bytes of the spooled part F (malloc'd), or NULL with errno set. */
char *epub_spool_load(struct epub_book *b, const struct epub_file *f);
void epub_spool_free(struct epub_book *b);

/* epub_xml.c: an xmlTextWriter on a memory buffer, and its result. */
xmlTextWriterPtr epub_xml_open(xmlBufferPtr *buf);
/* End the document, free the writer, and hand over the bytes (malloc'd). */
char *epub_xml_close(xmlTextWriterPtr w, xmlBufferPtr buf, size_t *len);
/* Start an XHTML document: <html> with the namespaces, lang, a <head>
 * with TITLE and the stylesheet (if CSS), then <body>. */
void epub_xml_xhtml_start(xmlTextWriterPtr w, const char *lang, const char *title,
                          const char *css);
void epub_xml_element(xmlTextWriterPtr w, const char *name, const char *text);
void epub_xml_attr(xmlTextWriterPtr w, const char *name, const char *value);

/* epub_xhtml.c: the XHTML of article A (fills A->heads); 0 or -1. */
int epub_xhtml_article(struct epub_book *b, struct epub_article *a);
/* A safe href for a link URL (malloc'd) or NULL when it must not be a link. */
char *epub_xhtml_link_href(const char *url);

/* epub_image.c: copy the image at SRC (as written in the input) into the
 * book; returns its href, or NULL (with a WARNING) when it is left out. */
const char *epub_image_add(struct epub_book *b, const char *src, int line);
void epub_image_free(struct epub_book *b);
/* The media type of image bytes by their signature, or NULL. */
const char *epub_image_sniff(const unsigned char *data, size_t len);

/* A face --embed-fonts embedded for a role: its family and style, and the
 * characters it has (epub_fonts.c). */
struct epub_face {
	const char *family;
	int weight, italic;
	FcCharSet *charset;
};
/* epub_fonts_fallback.c: embed, for the characters of the book FACES lack,
 * subsets of the faces the font configuration CONFIG falls back to, each
 * declared in CSS under the family of the face that lacks them with a
 * unicode-range. */
void epub_fonts_fallback(struct epub_book *b, galley_buf *css, FcConfig *config,
                         const struct epub_face *faces, size_t n_faces);

/* epub_css.c: the stylesheet (and embedded fonts) from the layout. */
int epub_css_add(struct epub_book *b);

/* epub_fonts.c: embed the layout's fonts, appending @font-face rules to CSS. */
int epub_fonts_add(struct epub_book *b, galley_buf *css);

/* epub_cover.c: the cover image and its XHTML page. */
int epub_cover_add(struct epub_book *b);

/* epub_cover_text.c: draw TEXT in FAMILY at WEIGHT, PX pixels, wrapped to
 * WIDTH from (X, Y) (the top of the first line) and cut with an ellipsis
 * after MAX_LINES lines; a word FAMILY has no glyphs for is set in the face
 * the font configuration falls back to for the book's language LANG.
 * Returns the height used (0: nothing drawn). */
double epub_cover_text(cairo_t *cr, FcConfig *config, const char *family, int weight,
                       const char *lang, double px, const char *text, double x, double y,
                       double width, int max_lines);

/* epub_png.c: PNG bytes (malloc'd) of PIXELS: cairo RGB24 written as
 * truecolour, or cairo A8 holding ink (0 paper white, 255 black) written
 * in 16 greys (multiples of 0x11 are exact). */
enum epub_pixels { EPUB_PIXELS_RGB24, EPUB_PIXELS_INK };
char *epub_png_encode(const unsigned char *pixels, int width, int height, int stride,
                      enum epub_pixels fmt, size_t *len);

/* epub_nav.c: the navigation document and the NCX. */
int epub_nav_add(struct epub_book *b);
char *epub_ncx(struct epub_book *b, size_t *len);

/* epub_opf.c: the identifier (from the content) and the package document. */
void epub_opf_identifier(struct epub_book *b);
char *epub_opf(struct epub_book *b, size_t *len);

/* epub_package.c: write the zip: mimetype, container.xml, the package
 * document, then the files in group order.  0 or -1 (reported). */
int epub_package_write(struct epub_book *b, const char *path, char *opf, size_t opf_len);

/* epub_table_notes.c: tables and footnotes.  Opens the element for a
 * table node or a FOOTNOTE and returns 1 (0 for other nodes); the caller
 * closes it on EXIT. */
int epub_table_notes_enter(xmlTextWriterPtr w, galley_node *n);
/* A NOTEREF as <a epub:type="noteref" role="doc-noteref">. */
void epub_noteref(xmlTextWriterPtr w, const galley_node *n);
/* 1 if a cell holds a figure, set flush right. */
int epub_cell_is_number(const galley_node *cell);
/* The rules for tables and notes, for every layout. */
extern const char epub_table_notes_css[];

#endif
