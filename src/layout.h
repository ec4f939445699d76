/* layout.h — the private model of a layout (layouts/NAME.xml): page, text
 * area, and one font role per kind of text.  Both back ends read it; the EPUB
 * back end turns the roles into CSS.  All lengths are in PostScript points. */
#ifndef GALLEY_LAYOUT_H
#define GALLEY_LAYOUT_H

#include "galley.h"

typedef enum {
	GALLEY_ALIGN_LEFT = 0,
	GALLEY_ALIGN_JUSTIFY,
	GALLEY_ALIGN_CENTER,
	GALLEY_ALIGN_RIGHT
} galley_align;

/* The kinds of text a layout styles.  <role name="..."> in the XML uses the
 * names of galley_role_name(). */
typedef enum {
	GALLEY_ROLE_BODY = 0,     /* paragraphs, list items */
	GALLEY_ROLE_TITLE,
	GALLEY_ROLE_SUBTITLE,     /* standfirst */
	GALLEY_ROLE_BYLINE,       /* byline and date */
	GALLEY_ROLE_HEADING2,
	GALLEY_ROLE_HEADING3,
	GALLEY_ROLE_HEADING4,
	GALLEY_ROLE_BLOCKQUOTE,   /* quoted paragraphs and their cite */
	GALLEY_ROLE_PULLQUOTE,
	GALLEY_ROLE_CAPTION,
	GALLEY_ROLE_AUTHOR_NAME,  /* author box: the name */
	GALLEY_ROLE_AUTHOR,       /* author box: the bio */
	GALLEY_ROLE_CODE,         /* preformatted blocks */
	GALLEY_ROLE_RUNNING,      /* running heads and folios */
	GALLEY_ROLE_TOC,          /* digest: table of contents entries */
	GALLEY_ROLE_TABLE,        /* table cells and captions */
	GALLEY_ROLE_NOTES,        /* footnotes */
	GALLEY_ROLE_COUNT
} galley_role;

struct galley_font_role {
	char *family;         /* fontconfig family, e.g. "Charis SIL" */
	double size;          /* font size, pt */
	double leading;       /* line height (baseline to baseline), pt */
	int weight;           /* 400 regular, 700 bold (100..900) */
	int italic;           /* 1 = italic */
	unsigned colour;      /* 0xRRGGBB */
	galley_align align;
	double space_before;  /* pt above the block */
	double space_after;   /* pt below the block */
	double indent;        /* first-line indent, pt (body: see para_indent) */
	double inset;         /* left inset of the whole block, pt */
	double inset_right;   /* its right inset, pt: inset-right, else inset */
	int uppercase;        /* set in capitals (running heads, kickers) */
	int letterspacing;    /* extra tracking, 1/1000 em */
};

/* How consecutive body paragraphs are separated. */
typedef enum {
	GALLEY_PARA_INDENT = 0,  /* first-line indent, no space (book style) */
	GALLEY_PARA_SPACING      /* space between, no indent (web style) */
} galley_para_style;

/* Title block styles. */
typedef enum {
	GALLEY_TITLE_PLAIN = 0,  /* title, subtitle, byline stacked */
	GALLEY_TITLE_RULED,      /* ... with a rule beneath */
	GALLEY_TITLE_CENTERED,   /* centred block with rules (book, digest) */
	GALLEY_TITLE_BANNER      /* spans all columns with a heavy rule above */
} galley_title_style;

/* A running head or foot: three slots of template text.  Templates may use
 * {title} (article), {author}, {publication} (digest title or publisher),
 * {page} and {pages}.  On facing pages LEFT and RIGHT are swapped on verso
 * pages, so "outside" text stays outside.  Empty slot = nothing. */
struct galley_running {
	char *left;
	char *center;
	char *right;
};

struct galley_layout {
	char *name;
	char *description;
	char *path;               /* the file it was loaded from */

	/* page */
	double page_width, page_height;
	double margin_top, margin_bottom, margin_inner, margin_outer;
	int facing;               /* facing pages: inner/outer alternate */
	int recto_start;          /* each article starts on a right-hand page */
	double bleed;             /* pt added around the trim box (0 = none) */
	int crop_marks;           /* draw crop marks outside the trim box */

	/* text area */
	int columns;              /* 1.. */
	double gutter;            /* between columns */
	int balance;              /* balance the columns of an article's last page */

	/* typography */
	struct galley_font_role role[GALLEY_ROLE_COUNT];
	galley_para_style para_style;
	double para_indent;       /* GALLEY_PARA_INDENT: first-line indent */
	double para_spacing;      /* GALLEY_PARA_SPACING: space between */
	int hyphenate;
	double word_space_min;    /* the narrowest a justified line's space gets, 0.5..1 */
	double expansion;         /* font expansion of a justified line, 0..0.05 (0.02: 2 %) */
	int protrusion;           /* punctuation hangs into the margins of justified lines */
	char *lang;               /* default language, e.g. "en-US" */
	galley_title_style title_style;
	unsigned rule_colour;     /* rules of title block, author box, pull quotes */
	double rule_width;
	int pull_quotes;          /* choose automatic pull quotes */

	/* running heads; on the first page of an article the header shows
	 * only if running_on_first, the footer unless !footer_on_first */
	struct galley_running header;
	struct galley_running footer;
	int running_on_first;
	int footer_on_first;
};

/* Check the layout NAME_OR_PATH against layouts/layout.rng even when it is
 * one shipped with galley (galley_layout_load trusts those: `make check`
 * runs this on each).  Returns 1 if it is well-formed and valid. */
int galley_layout_check_schema(const char *name_or_path, galley_diag *diag);

/* "body", "title", ... ; NULL if out of range. */
const char *galley_role_name(galley_role role);
/* Role by name; -1 if unknown. */
int galley_role_from_name(const char *name);

/* Parse a length: "12pt", "20mm", "2cm", "1in", "0"; EM (pt) makes "1.5em"
 * valid when > 0.  Returns 1 and sets *PT, or 0. */
int galley_length_parse(const char *s, double em, double *pt);

#endif
