/* typeset.h — the private interfaces of the typesetter: fonts, hyphenation,
 * the flow of blocks built from the tree, and the pages the flow is broken
 * into.  The PDF back end (pdf.c) draws what these files decide. */
#ifndef GALLEY_TYPESET_H
#define GALLEY_TYPESET_H

#include <cairo.h>
#include <stdio.h>
#include <pango/pango.h>

#include "galley.h"
#include "layout.h"
#include "util.h"

/* ------------------------------------------------------------ fonts */

/* The pango font map over galley's private fontconfig configuration
 * (fonts/fonts.conf), made once per process.  NULL with an ERROR when the
 * configuration cannot be loaded. */
PangoFontMap *galley_font_map(galley_diag *diag);
/* Add the faces of fonts/scripts that DOC's text, its languages and
 * LAYOUT's need to the font map, when DOC has text in their scripts
 * (fonts.c: galley_fc_add_scripts), the CJK ones cut down to the
 * characters of DOC, of LAYOUT's running heads and of the text galley
 * writes (dates in full; TITLE, the digest's title given or NULL). */
void galley_font_map_for(galley_node *doc, const galley_layout *layout, const char *title);
/* Check that every family LAYOUT names is installed; 0 with an ERROR
 * naming the family and role when one is missing, else 1. */
int galley_fonts_check(const galley_layout *layout, galley_diag *diag);
/* A pango context for PDF (72 dpi, no hinting, unrounded positions). */
PangoContext *galley_font_context(PangoFontMap *map, const char *lang);
/* 1 if the languages A and B have the same primary subtag ("en", "en-GB"). */
int galley_lang_same_primary(const char *a, const char *b);
/* Give CTX the language of an article in LANG (NULL: the layout's): the
 * language picks the face of a script whose glyphs differ by language
 * (Han: Chinese, Japanese, Korean) and the script's shaping.  An article
 * whose language has the layout's primary subtag keeps the layout's. */
void galley_font_context_lang(PangoContext *ctx, const galley_layout *layout, const char *lang);
/* A font description for ROLE (caller frees). */
PangoFontDescription *galley_font_desc(const struct galley_font_role *role);

/* A font's figures in pt: ascent and descent (pango's, for the line box)
 * and the widths of a hyphen and a space (for the line breaker). */
struct ts_metrics {
	double ascent, descent, hyphen, space;
};
/* The metrics of DESC in CTX (a galley_font_context), measured once per
 * process for each font map, language and description. */
struct ts_metrics galley_font_metrics(PangoContext *ctx, const PangoFontDescription *desc);

/* ------------------------------------------------------ hyphenation */

typedef struct galley_hyphenator galley_hyphenator;

/* The hyphenator for language LANG ("en", "en-US", "de"...); NULL when no
 * dictionary is installed for it.  Dictionaries are loaded once per
 * process and kept. */
const galley_hyphenator *galley_hyphenator_get(const char *lang);
/* Append TEXT to OUT with soft hyphens (U+00AD) at the break points of its
 * words: words of 6 letters or more, 2 letters before and 3 after a break. */
void galley_hyphenate(const galley_hyphenator *h, const char *text, galley_buf *out);
/* Append TEXT to OUT with no-break spaces where a line break would split
 * what belongs together: "Aug. 10", "U.S. sanctions", "J. R. Smith",
 * "932 miles", "No. 5". */
void galley_ties(const char *text, galley_buf *out);

/* ------------------------------------------------------------- flow */

typedef enum {
	TS_TEXT = 0,   /* lines of glyph runs, split between columns */
	TS_RULE,       /* a horizontal rule (separator, author box) */
	TS_IMAGE,      /* a figure's picture */
	TS_SPACE,      /* vertical space that vanishes at a column top */
	TS_ROW         /* a table row: cells set side by side, never split */
} ts_kind;

/* A link inside a text block: byte range of the block's line_text. */
struct ts_link {
	int start, end;
	char *url;                  /* NULL: a note's reference mark */
	int note;                   /* > 0: the number of the note it references */
};

struct ts_block {
	ts_kind kind;
	galley_role role;
	const galley_node *node;    /* what it came from (NULL: generated) */
	int article;                /* index of its article in the document */
	char *line_text;            /* TS_TEXT: the text its glyph runs index */
	struct ts_line *lines;
	int n_lines;
	double leading;             /* line pitch, pt */
	double baseline;            /* first baseline below the line top, pt */
	double height;              /* TS_RULE/IMAGE/SPACE: total height, pt */
	double space_before, space_after;
	double inset_left, inset_right;
	unsigned colour;
	int keep_with_next;         /* heading, title parts: never end a column */
	int unbreakable;            /* set whole or not at all */
	int group;                  /* > 0: the blocks of a group stay together */
	int span;                   /* spans all columns (title block, banner) */
	int outline;                /* 1 article title, 2..4 heading level, 0 none */
	char *text;                 /* outline title (plain text) */
	struct ts_link *links;
	size_t n_links;
	cairo_surface_t *image;     /* TS_IMAGE */
	double image_w;             /* TS_IMAGE width, pt; TS_ROW its table's */
	int align_set;              /* 1: ALIGN overrides the role's alignment */
	galley_align align;
	int break_before;           /* starts a new page (digest articles) */
	char *marker;               /* list bullet or number, hung left of line 1 */
	double first_indent;        /* pt; kept to set the block again */
	struct ts_block *cells;     /* TS_ROW: its cells, text blocks set at their
	                             * column's width, x in inset_left */
	int n_cells;
	double pad;                 /* TS_ROW: space above and below the cells */
	int rules;                  /* TS_ROW: TS_RULE_ABOVE | TS_RULE_BELOW */
	size_t head_first;          /* TS_ROW of a body: its table's header rows */
	int n_head;                 /* are blocks [head_first, head_first + n_head) */
	PangoAttrList *reflow_attrs; /* a justified body paragraph the breaker set:
	                             * its attributes and measure, to set it again a
	                             * line longer or shorter (galley_block_reflow) */
	double reflow_width;
	struct ts_unwrapped *measured; /* with reflow_attrs: the paragraph as the
	                             * breaker measured it (galley_linebreak), so
	                             * that setting it again shapes nothing; NULL:
	                             * measured again */
	int reflowed;               /* REFLOW_ flags: each way is tried once, and
	                             * once set again it stays */
	int note;                   /* > 0: a block of that footnote, set at the
	                             * foot of the column that references it */
};
#define REFLOW_SHORTER 1
#define REFLOW_LONGER 2
#define REFLOW_DONE 4
#define TS_RULE_ABOVE 1
#define TS_RULE_BELOW 2

/* One article's blocks in reading order, and the article's metadata. */
struct ts_article {
	const galley_node *node;
	size_t first, count;        /* its blocks: flow->blocks[first .. first+count) */
	size_t notes;               /* its footnotes: the rule above them, then their
	                             * blocks, from here to its end (first+count: none) */
	int first_page;             /* 0-based page its title is on */
};

struct ts_flow {
	const galley_layout *layout;
	PangoContext *pango;
	struct ts_block *blocks;
	size_t n_blocks, cap;
	struct ts_article *articles;  /* every article of the document */
	size_t n_articles;
	size_t current;             /* the article whose blocks are being set */
	int last_group;             /* the last block group id given */
	struct galley_image_cache *images;  /* the document's decoded images */
	double column_width;
	size_t measured_bytes;      /* what its blocks' measured lines hold */
};

/* Build the flow of DOC for LAYOUT: every block set with pango at the
 * column width.  NULL with an ERROR when fonts are missing. */
struct ts_flow *galley_flow_build(galley_node *doc, const galley_layout *layout,
                                  const galley_options *opts, galley_diag *diag);
void galley_flow_free(struct ts_flow *flow);
/* The flow of DOC with its articles listed and no block set: a long
 * digest sets one article at a time (galley_flow_set_article), so that
 * memory holds one article's glyphs, not the document's.  NULL with an
 * ERROR when fonts are missing or DOC holds no article. */
struct ts_flow *galley_flow_new(galley_node *doc, const galley_layout *layout,
                                const galley_options *opts, galley_diag *diag);
/* Free FLOW's blocks and set those of article A, from block 0. */
void galley_flow_set_article(struct ts_flow *flow, size_t a, const galley_options *opts,
                             galley_diag *diag);
/* Free FLOW's blocks (its articles stay listed). */
void galley_flow_clear(struct ts_flow *flow);
/* Append a zeroed block to FLOW; returns it. */
struct ts_block *galley_flow_add(struct ts_flow *flow, ts_kind kind, galley_role role);
/* Set the text block B from pango markup-free TEXT and ATTRS (taken over)
 * at WIDTH; sets its lines (line_text, lines, n_lines), leading, baseline. */
void galley_block_set_text(struct ts_flow *flow, struct ts_block *b, const char *text,
                           PangoAttrList *attrs, double width, double first_indent);

/* One set line of a text block: the glyph runs of its piece of the text,
 * left to right, as shaped; drawn from x at the block's left edge. */
struct ts_line {
	int start, length;          /* bytes of the block's line_text */
	double x;                   /* pt from the block's left edge */
	double expand;              /* its glyphs are drawn this much wider (0.01:
	                             * 1 %; their advances already are) */
	PangoGlyphItem **runs;
	int n_runs;
};

/* Where one line of a paragraph starts and ends (bytes), and whether it
 * ends at a soft hyphen (END is then the soft hyphen's byte). */
struct ts_cut {
	int start, end;
	int hyphen;
};

/* How a justified line may be adjusted beyond stretching its spaces (the
 * layout's <text>): SHRINK, the share of a space's width it may lose;
 * EXPAND, the most its glyphs may be widened or narrowed (0.02: 2 %);
 * PROTRUDE, punctuation ending a line hangs into the right margin. */
struct ts_justify {
	double shrink, expand;
	int protrude;
	/* bytes of the text a gap between letters of a script written without
	 * spaces (typeset_gaps.c) comes before, which widens as a space does
	 * (NULL: none) */
	const unsigned char *gaps;
};
#define TS_SPACE_STRETCH 0.5    /* a space may stretch by half its width (TeX) */
#define TS_EXPAND_STEP 0.0025   /* expansion in steps of 0.25 % */

/* A paragraph set on one unwrapped line: its glyph runs in order, and the
 * log attributes of its characters (N_ATTRS, one more than characters). */
struct ts_unwrapped {
	GSList *runs;            /* PangoGlyphItem * */
	PangoLogAttr *attrs;
	int n_attrs;
	int owned;               /* 0: they are L's (galley_unwrapped_from_layout) */
};
/* The text of L set on one unwrapped line as L would set it, but shaped a
 * word at a time through a cache kept for the process (typeset_shape.c):
 * 1, or 0 (OUT empty) when L's text or attributes are left to pango. */
int galley_shape_line(PangoLayout *l, struct ts_unwrapped *out);
/* The same from L itself, laid out by pango (L's width must be -1). */
void galley_unwrapped_from_layout(PangoLayout *l, struct ts_unwrapped *out);
void galley_unwrapped_free(struct ts_unwrapped *u);
/* About the bytes U holds. */
size_t galley_unwrapped_size(const struct ts_unwrapped *u);

/* The lines of block B from RUNS, the runs of TEXT set on one unwrapped
 * line, cut at CUTS[0..N): the glyphs are reused, not shaped
 * again.  FIRST indents the first line; with J every line but the last is
 * justified to WIDTH (J NULL: set ragged).  Returns 0 (B untouched) when a
 * cut falls inside a cluster of glyphs (a ligature across a hyphenation
 * point). */
int galley_lines_from_cuts(struct ts_block *b, GSList *runs, const char *text,
                           const struct ts_cut *cuts, int n, double width, double first,
                           const struct ts_justify *j);
/* Margin protrusion (typeset_protrude.c): the share of the width of
 * character C that hangs past the right edge of a justified line when it
 * ends the line, 0 for most characters. */
double galley_protrusion(gunichar c);
/* How far LINE of TEXT hangs past its right edge, pt. */
double galley_line_hang(const struct ts_line *line, const char *text);
/* Set the justified body paragraph B again with DELTA lines more (1) or
 * fewer (-1) than it has, no line worse than TeX's default tolerance
 * (TeX's looseness): 1 when done, 0 (B untouched) when it cannot be, was
 * tried that way before, or was set again already. */
int galley_block_reflow(struct ts_flow *flow, struct ts_block *b, int delta);

/* The lines of block B copied from the lines pango set in L. */
void galley_lines_from_layout(struct ts_block *b, PangoLayout *l);
void galley_lines_free(struct ts_block *b);
/* The width of LINE's glyphs, pt. */
double galley_line_width(const struct ts_line *line);
/* The x ranges (pt, from the line's start) covered by bytes [START, END)
 * of LINE: up to MAX pairs into RANGES; returns how many. */
int galley_line_x_ranges(const struct ts_line *line, int start, int end, double *ranges,
                         int max);

/* 1 if a line break that pango allows between PREV and NEXT is one
 * between letters of a script written without spaces (CJK, Thai...): the
 * line breaker charges nothing for it and justification may widen it
 * (typeset_gaps.c). */
int galley_gap_between(gunichar prev, gunichar next);
/* Share EXTRA pango units (> 0) among LINE's spaces and the glyphs before
 * the characters GAPS flags (per byte of TEXT), to the unit. */
void galley_justify_gaps(struct ts_line *line, const char *text, int extra,
                         const unsigned char *gaps);

/* Choose the line breaks of text block BLK over the whole paragraph (for
 * even spacing, or with RAGGED an even right edge); M: the metrics of L's
 * font; J: how a justified line may be adjusted besides stretching its
 * spaces, only where galley spaces the glyphs itself.
 * Returns 1 with BLK's lines
 * cut from L's glyphs, or 1 with L set again at the breaks (*TEXT and
 * *ATTRS replaced by the rewritten ones) when a break falls inside a
 * ligature; or 0 (L set as before) when it cannot: hard line breaks,
 * right-to-left text, or a word wider than the measure.  With ROOM, BLK
 * keeps the line it measured (BLK->measured) when its lines were cut from
 * it and it takes no more than *ROOM bytes, which it then lowers. */
int galley_linebreak(struct ts_block *blk, PangoLayout *l, char **text, PangoAttrList **attrs,
                     const struct ts_metrics *m, double width, double first, int ragged,
                     const struct ts_justify *j, size_t *room);

/* Break BLK's text (its line_text, set on one line in L, or BLK->measured
 * when it kept it: then L may be NULL) into exactly LINES lines, none worse
 * than TeX's default tolerance (badness 200): 1 with BLK's lines cut, else
 * 0 (BLK untouched). */
int galley_linebreak_lines(struct ts_block *blk, PangoLayout *l, const struct ts_metrics *m,
                           double width, double first, const struct ts_justify *j, int lines);

/* Build the text of a block from NODE's inline descendants into OUT with
 * pango attributes (emphasis, strong, code) and links; with HYPH soft
 * hyphens are inserted.  ITALIC: the role is italic, so emphasis is set
 * upright. */
void galley_inline_text(const galley_node *node, const struct ts_flow *flow,
                        const galley_hyphenator *hyph, int italic,
                        galley_buf *out, PangoAttrList *attrs,
                        struct ts_link **links, size_t *n_links);

/* The libhyphen dictionary at PATH, compiled once and then read back from
 * galley's cache (hyphen_cache.c); NULL when it cannot be loaded.  Freed
 * with galley_hyphen_dict_free. */
struct _HyphenDict;
struct _HyphenDict *galley_hyphen_load_cached(const char *path);
/* A dictionary from the LEN BYTES of a cache entry's payload, or NULL when
 * they are not one (every count and state number checked). */
struct _HyphenDict *galley_hyphen_dict_read(const void *bytes, size_t len);
void galley_hyphen_dict_free(struct _HyphenDict *dict);
/* Free what hnj_hyphen_hyphenate2 hands back for a word of LEN bytes: the
 * replacements REP (LEN strings, each malloc'd or NULL; NULL when none),
 * POS and CUT. */
void galley_hyphen_points_free(char **rep, int *pos, int *cut, size_t len);

/* TEXT in capitals as a role sets them (Greek without its accents);
 * g_malloc'd (typeset_caps.c). */
char *galley_caps(const char *text);

/* A WARNING when article A, whose blocks FLOW holds, has characters no
 * face has a glyph for (drawn as boxes): how many, and the first
 * (typeset_missing.c). */
void galley_glyphs_missing(const struct ts_flow *flow, size_t a, galley_diag *diag);

/* Append TABLE's blocks to FLOW (typeset_table.c): its caption, then one
 * TS_ROW per row, columns sized from their content as browsers do. */
void galley_table_build(struct ts_flow *flow, const galley_node *table);

/* A striking sentence of ARTICLE for a pull quote (malloc'd, NULL when
 * none): *AFTER gets the paragraph it should follow. */
char *galley_pullquote_pick(const galley_node *article, const galley_node **after);

/* A document's images (pdf_image.c): each file decoded once, to the print
 * resolution of the box it is first shown in, under one memory budget. */
struct galley_image_cache;
struct galley_image_cache *galley_image_cache_new(void);
void galley_image_cache_free(struct galley_image_cache *c);
/* The image at PATH (a real path: PNG, JPEG, GIF, WebP, AVIF or SVG) to
 * be shown in a box of BOX_W x BOX_H pt: a new reference (an image
 * surface, JPEG bytes kept as JPEG for the PDF when shown at their own
 * size; for SVG a recording surface of vectors), or NULL with one WARNING (at LINE)
 * per document when it cannot be read, is damaged, or would exceed the
 * budget.  The warning names SRC when it is a URL (a fetched copy's path
 * means nothing to the reader), else PATH's file name. */
cairo_surface_t *galley_image_cache_get(struct galley_image_cache *c, const char *path,
                                        const char *src,
                                        double box_w, double box_h, galley_diag *diag,
                                        int line);

/* ------------------------------------------------------------ pages */

/* The footnotes of an article as the page breaker gives them out
 * (typeset_notes.c): one stream of note lines, from the blocks after the
 * notes' rule to the article's end, handed in order to the columns whose
 * lines reference them.  A plain value, copied to try a break. */
struct ts_notes {
	size_t rule, end;           /* the rule block; the notes' blocks end here */
	size_t claimed;             /* notes' blocks before this are referenced */
	size_t sb, eb;              /* the note lines given to the column being */
	int sl, el;                 /* filled: from line SL of block SB to EB/EL */
	double foot;                /* the height they take at its foot, rule and
	                             * space above it included (0: none) */
	double cap;                 /* the most a note split here may take */
};
/* N for article A, whose blocks FLOW holds: nothing referenced yet. */
void galley_notes_init(struct ts_notes *n, const struct ts_flow *flow, size_t a);
/* Of the lines [FROM, FROM + MAX) of block I, their tops at Y, each LEAD
 * tall, how many fit above BOTTOM with the notes they reference: a
 * reference and at least the first two lines of its note (all of a shorter
 * one) share the column, and the rest of a note too long continues in the
 * next.  N is updated with the notes given out; with FORCE every line is
 * taken, its notes given what room there is. */
int galley_notes_fit(const struct ts_flow *flow, struct ts_notes *n, size_t i, int from,
                     int max, double y, double lead, double bottom, int force);
/* A new column of height H: give it the note lines left over from the
 * last, up to SHARE of its height (1: all that fit).  A note split in it
 * will take half its height at most. */
void galley_notes_open(const struct ts_flow *flow, struct ts_notes *n, double h, double share);
/* Give the column the note lines left over, while they fit in ROOM. */
void galley_notes_fill(const struct ts_flow *flow, struct ts_notes *n, double room);
/* Every note left is referenced: the article's end was reached. */
void galley_notes_claim_all(struct ts_notes *n);
/* 1 while note lines are referenced but not yet given to a column. */
int galley_notes_owed(const struct ts_notes *n);
/* The space above a column's notes and the rule's height, pt. */
double galley_notes_skip(const galley_layout *l, double *rule_gap);

/* A run of lines (or a whole non-text block) placed in a column. */
struct ts_place {
	size_t block;
	int first, last;            /* lines [first, last) of a text block */
	int page, column;
	double x, y, w, h;          /* the box it occupies, pt, page coordinates */
	int repeat;                 /* a table's header row set again (not read twice) */
};

struct ts_page {
	int article;                /* article of the page (-1 front matter) */
	int first_of_article;       /* the article starts here */
	int blank;                  /* left empty so the next article starts recto */
	int kind;                   /* 0 article, 1 digest title, 2 contents */
	double x, y, w, h;          /* the text area (trim coordinates) */
};

struct ts_pages {
	struct ts_place *places;
	size_t n_places, cap;
	struct ts_page *pages;
	size_t n_pages, page_cap;
};

/* Break FLOW into pages starting at page FIRST_PAGE (pages before it are
 * front matter the caller makes).  Returns 0, or -1 with an ERROR. */
int galley_paginate(struct ts_flow *flow, struct ts_pages *out, int first_page,
                    galley_diag *diag);
void galley_pages_free(struct ts_pages *p);
/* Break article A, whose blocks FLOW holds, into pages after those OUT
 * holds (its places are added to OUT's).  Returns 0, or -1 with an ERROR. */
int galley_paginate_article(struct ts_flow *flow, struct ts_pages *out, size_t a,
                            galley_diag *diag);
/* Add empty front-matter pages to OUT until it holds N. */
void galley_pages_front(struct ts_pages *out, const galley_layout *l, int n);
/* The text area of page INDEX (0-based; facing pages alternate). */
void galley_text_area(const galley_layout *l, int index, double *x, double *y,
                      double *w, double *h);
/* Write one line per page from FIRST and per placement to F: "page P col C
 * block B ROLE lines A-B x y w h" (GALLEY_PDF_TRACE). */
void galley_pages_trace(const struct ts_flow *flow, const struct ts_pages *p, size_t first,
                        FILE *f);

#endif
