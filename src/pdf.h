/* pdf.h — what the files of the PDF back end share: the state of one
 * rendering (cairo surface, the flow, its pages, the digest's front matter). */
#ifndef GALLEY_PDF_H
#define GALLEY_PDF_H

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "typeset.h"

struct pdf_toc_entry {
	int lines;               /* lines of its title */
	int page;                /* 0-based page of the contents it is on */
	double y;                /* top of the entry on that page */
	double height;
	size_t article;
};

/* A table cell's attributes, which cairo 1.16 cannot write. */
struct pdf_cell {
	char scope;              /* 'c' column, 'r' row header; 0 a data cell */
	int colspan, rowspan;
	int page;                /* the page it begins on (0-based) */
};

struct pdf_ctx {
	galley_node *doc;
	const galley_layout *l;
	const galley_options *opts;
	galley_diag *diag;
	struct ts_flow *flow;
	struct ts_pages pages;
	cairo_surface_t *surface;
	cairo_t *cr;
	double offset;           /* bleed and crop-mark room around the trim box */
	int digest;              /* several articles: title page and contents */
	char *publication;       /* digest title, or the article's publisher */
	int front;               /* pages before the first article */
	struct pdf_toc_entry *toc;
	size_t n_toc;
	const char **alts;       /* alt text of each image drawn, in order (malloc'd:
	                          * the article it is in may be freed, stow.c) */
	size_t n_alts;
	int in_list;             /* an L structure element is open */
	const galley_node *table, *table_group, *table_row; /* the open Table, THead or
	                         * TBody, and TR elements (NULL: none); compared,
	                         * never read: their article may be freed */
	int table_head;          /* the open group is a THead */
	galley_node *paged;      /* the stowed article brought back, or NULL */
	struct pdf_cell *cells;  /* each TH and TD tagged, in order */
	size_t n_cells;
	const char **page_lang;  /* each page's language where it is not the
	                          * document's (NULL where it is) */
	size_t n_page_lang;
	int last_heading;        /* level of the last heading tagged (H1..H4) */
	size_t total_pages;      /* pages in the document ({pages}) */
	size_t page;             /* the page being drawn */
	int outline_parent[5];   /* outline item of the last title/heading by level */
	int note_article;        /* the article whose note references are drawn */
	unsigned char *note_ref; /* [n]: note n's first reference has its destination */
	int n_note_ref;
};

/* What the finishing step adds to the PDF cairo wrote (pdf_finish.c). */
struct pdf_finish {
	const char *lang;        /* BCP 47 language of the document */
	double page_w, page_h;   /* the trim box, pt */
	double offset;           /* its distance from the media box's corner */
	double bleed;            /* pt of bleed around the trim box */
	int front;               /* pages before the first article (digest) */
	const char **alts;       /* alt text of each image, in drawing order */
	size_t n_alts;
	const struct pdf_cell *cells; /* the attributes of each TH and TD element, in
	                         * the order they were drawn */
	size_t n_cells;
	const char *const *page_lang; /* a page's language, NULL where it is LANG */
	size_t n_page_lang;
};

/* A new temporary file (pdf_spool.c), open for writing and reading; in
 * *PATH (malloc'd) a name it can be opened by again.  NULL with errno set when
 * it cannot be made. */
FILE *galley_pdf_spool_open(char **path);
/* Close F (when not NULL) and remove the file PATH names; frees PATH. */
void galley_pdf_spool_close(FILE *f, char *path);
/* The PDF cairo wrote: LEN bytes at DATA, or the spooled file PATH names
 * when it was too long to hold. */
struct pdf_raw {
	const unsigned char *data;
	size_t len;
	const char *path;
};

/* Finish the PDF RAW, write it to OUT.  PDF/UA and PDF/A
 * need what cairo 1.16 cannot write: the language, XMP metadata, an output
 * intent, a document ID, print boxes, artifacts and figures.  Returns 0, or
 * -1 with *WRITE_ERR set to errno when writing failed and an ERROR reported
 * in DIAG when the PDF could not be finished. */
int galley_pdf_finish(const struct pdf_raw *raw, const struct pdf_finish *f, FILE *out,
                      int *write_err, galley_diag *diag);

/* The XMP packet (pdf_xmp.c); malloc'd. */
struct pdf_xmp {
	const char *title, *author, *subject, *keywords, *creator, *producer;
	const char *date;        /* xmp date: YYYY-MM-DDThh:mm:ss+00:00 */
	const char *lang;
	int pdfa;                /* claim PDF/A-2u (an output intent is there) */
};
char *galley_pdf_xmp(const struct pdf_xmp *m);

/* Mark what a page's content stream draws outside any marked content as
 * an artifact, and each image whose alt text in ALTS[*NEXT_IMAGE] is not
 * empty as a Figure with marked-content id *NEXT_MCID onward
 * (pdf_artifact.c).  IS_IMAGE tells whether an XObject name is an image.
 * Each figure's MCID, and the MCIDs just before and after it (-1: none),
 * go to FIGS (up to MAX_FIGS).  Returns the number of figures, or -1 when
 * the stream is not understood (then OUT is not to be used). */
struct pdf_figure_mark {
	int mcid, before, after;
	size_t image;            /* index into ALTS */
};
int galley_pdf_mark_content(const char *s, size_t len, galley_buf *out,
                            int (*is_image)(const char *name, size_t n, void *ud), void *ud,
                            const char *const *alts, size_t n_alts, size_t *next_image,
                            int *next_mcid, struct pdf_figure_mark *figs, size_t max_figs);

/* Draw page INDEX (0-based) of the article pages: its placed blocks, links,
 * running head and foot.  The surface's page size is already set. */
void galley_pdf_draw_page(struct pdf_ctx *c, size_t index);
/* Draw LINE of a text block whose glyphs index TEXT, its left edge at X
 * on baseline Y, in the current colour (pdf_glyphs.c). */
void galley_pdf_show_line(cairo_t *cr, const char *text, const struct ts_line *line, double x,
                          double y);
/* The link areas (and a footnote reference's destination) of line I of
 * text block B, its left edge at X, its baseline at Y (pdf_draw.c). */
void galley_pdf_line_links(struct pdf_ctx *c, const struct ts_block *b, int i, double x, double y);
/* Close the list structure element the last list item opened. */
void galley_pdf_list_end(struct pdf_ctx *c);
/* Draw the table row B placed at PL (pdf_table.c); a repeated header row
 * is drawn outside the structure (an artifact). */
void galley_pdf_draw_row(struct pdf_ctx *c, const struct ts_place *pl, const struct ts_block *b);
/* Open the Table, THead or TBody, and TR elements that a block made from
 * node N stands in, closing those it does not (N not in a table, or NULL:
 * all of them). */
void galley_pdf_table_enter(struct pdf_ctx *c, const galley_node *n);
/* The structure element of table cell CELL, "TH" or "TD"; its attributes
 * are kept for the finishing step. */
const char *galley_pdf_cell_tag(struct pdf_ctx *c, const galley_node *cell);
/* Crop marks around the trim box (layouts that ask for them). */
void galley_pdf_crop_marks(struct pdf_ctx *c);
/* Colour 0xRRGGBB as the cairo source. */
void galley_pdf_colour(cairo_t *cr, unsigned rgb);

/* Digest: set the contents, deciding how many front pages there are
 * (c->front).  Then, once the articles are paginated, draw them. */
void galley_pdf_front_prepare(struct pdf_ctx *c);
void galley_pdf_front_draw(struct pdf_ctx *c, size_t index);
void galley_pdf_front_free(struct pdf_ctx *c);

#endif
