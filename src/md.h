/* md.h — the parts of the Markdown reader: front matter, GFM parsing, cmark tree mapping, author box. */
#ifndef GALLEY_MD_H
#define GALLEY_MD_H

#include <cmark-gfm.h>

#include "galley.h"

/* TEXT parsed as CommonMark with GitHub's tables and footnotes (the
 * caller frees the tree with cmark_node_free); NULL on failure. */
cmark_node *galley_md_parse(const char *text, size_t len);
/* What a node of the GFM extensions is: cmark-gfm names table nodes only
 * by string, so the mapping asks here. */
typedef enum {
	GALLEY_MD_PLAIN,     /* a CommonMark node */
	GALLEY_MD_TABLE,
	GALLEY_MD_HEAD_ROW,  /* the row above the delimiter line */
	GALLEY_MD_ROW,
	GALLEY_MD_CELL,
	GALLEY_MD_NOTE,      /* a footnote definition, moved to the end by cmark-gfm */
	GALLEY_MD_NOTEREF    /* literal: the note's number, cmark-gfm's own */
} galley_md_kind;
galley_md_kind galley_md_kind_of(cmark_node *n);
/* The alignment the delimiter row gives CELL's column. */
galley_cell_align galley_md_cell_align(cmark_node *cell);

/* If TEXT starts with a metadata block ("---" line, "key: value" lines,
 * "---" or "..." line), fill ARTICLE's metadata from it and return its
 * length in bytes; *LINES gets its line count.  0 when there is none. */
size_t galley_md_front_matter(const char *text, size_t len, galley_node *article,
                              int *lines, galley_diag *diag);

/* Map the cmark document ROOT onto ARTICLE's blocks (source lines are
 * shifted by LINE_OFFSET).  Walks with cmark's iterator: no recursion. */
void galley_md_build(cmark_node *root, galley_node *article, int line_offset,
                     galley_diag *diag);

/* Split a blockquote's closing "— Name" line into its own paragraph and
 * mark it (cmark user data MD_CITE) so the mapping makes it a CITE. */
void galley_md_mark_attribution(cmark_node *blockquote);
extern char galley_md_cite_mark;
#define MD_CITE ((void *)&galley_md_cite_mark)

/* Turn a final "About the author" section of ARTICLE into an AUTHOR_BOX. */
void galley_md_author_box(galley_node *article);
/* An AUTHOR_BOX made of the blocks of HOLDER (an unlinked ARTICLE, left
 * empty): the name from its first block or ARTICLE's authors, the first
 * image as the photo, text as the bio.  NULL when nothing is in it. */
galley_node *galley_md_author_from(galley_node *article, galley_node *holder, int line);

/* Gather each top-level ":::author" ... ":::" fenced block of ROOT into a
 * CUSTOM_BLOCK marked MD_AUTHOR (the fence lines removed). */
void galley_md_mark_author_blocks(cmark_node *root);
extern char galley_md_author_mark;
#define MD_AUTHOR ((void *)&galley_md_author_mark)

#endif
