/* html.h — what the files of the HTML reader share: the DOM walker, node
 * measures, cleaning, scoring, metadata and the DOM-to-tree conversion. */
#ifndef GALLEY_HTML_H
#define GALLEY_HTML_H

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "galley.h"
#include "util.h"

/* The cleaning path for HTML fragments (feed item content): parse HTML
 * (UTF-8) without page extraction, drop scripts, forms, hidden elements and
 * share boxes, and append the blocks to ARTICLE.  Links and images are made
 * absolute against BASE_URL (may be NULL).  Returns the number of blocks
 * appended, or -1 with an ERROR in DIAG. */
int galley_html_append_fragment(galley_node *article, const char *html, size_t len,
                                const char *base_url, galley_diag *diag);

/* ------------------------------------------------------------ html_dom.c */

/* Walker over a DOM subtree without recursion.  ENTER returns one of: */
enum {
	GALLEY_HTML_SKIP = 0,    /* do not descend */
	GALLEY_HTML_DESCEND = 1, /* visit the children */
	GALLEY_HTML_REMOVE = 2   /* unlink and free the node (not for the root) */
};
typedef int (*galley_html_enter_fn)(xmlNodePtr node, void *ctx);
typedef void (*galley_html_exit_fn)(xmlNodePtr node, void *ctx);
/* Walk ROOT depth first; EXIT (may be NULL) runs after a node's children. */
void galley_html_walk(xmlNodePtr root, galley_html_enter_fn enter,
                      galley_html_exit_fn exit, void *ctx);

/* 1 if NODE is an element named NAME (lower case). */
int galley_html_is(const xmlNode *node, const char *name);
/* html_srcset.c: the URL (as written, malloc'd) of the candidate of IMG's
 * <picture> sources or srcset that galley prints best: the first source
 * of a type galley decodes, the widest candidate up to what a page
 * needs, else the highest density; NULL when there is none. */
char *galley_html_best_source(const xmlNode *img);
/* 1 if NODE is an element h1..h6; returns the digit or 0. */
int galley_html_heading(const xmlNode *node);
/* Attribute value (malloc'd by libxml2, xmlFree it) or NULL. */
char *galley_html_attr(const xmlNode *node, const char *name);
/* "class id" of NODE, lower case (malloc'd; "" when none). */
char *galley_html_class_id(const xmlNode *node);
/* 1 if any of the '|'-separated words of PATTERN occurs in S (lower case);
 * "^w" must start a name or a '-'/'_' part of one, "w$" must end one. */
int galley_html_match(const char *s, const char *pattern);
/* 1 if NODE is hidden (hidden attribute, display:none, visibility:hidden,
 * aria-hidden="true"). */
int galley_html_is_hidden(const xmlNode *node);
/* Text of NODE's subtree, whitespace collapsed and trimmed (malloc'd). */
char *galley_html_text(xmlNodePtr node);
/* Length in characters of that text, and of the part inside links. */
size_t galley_html_text_len(xmlNodePtr node, size_t *link_len);
/* Number of element descendants of NODE named NAME. */
size_t galley_html_count(xmlNodePtr node, const char *name);
/* 1 if NODE has an ancestor element named NAME within MAX_DEPTH levels
 * (0 = any depth). */
int galley_html_has_ancestor(const xmlNode *node, const char *name, int max_depth);
/* Unlink NODE and free it. */
void galley_html_remove(xmlNodePtr node);
/* Replace every element deeper than MAX below ROOT by its children, so
 * that later passes, which measure subtrees, stay linear on pages nested
 * 100,000 deep.  Text is kept; only the structure below MAX is lost. */
void galley_html_cap_depth(xmlNodePtr root, int max);
/* The depth galley_html_parse caps documents at; real pages stay far
 * below it. */
#define GALLEY_HTML_MAX_DEPTH 160

/* -------------------------------------------------------- html_charset.c */

/* Decode DATA (BOM, <meta charset>, http-equiv, or UTF-8 with a
 * windows-1252 fallback) into OUT as valid UTF-8.  Returns OUT->data. */
char *galley_html_to_utf8(const char *data, size_t len, galley_buf *out,
                          galley_diag *diag);
/* Parse UTF-8 HTML bytes; NULL with an ERROR in DIAG on failure. */
htmlDocPtr galley_html_parse(const char *utf8, size_t len, galley_diag *diag);

/* ---------------------------------------------------------- html_clean.c */

/* Drop what is never article text: scripts, styles, forms, embeds, hidden
 * elements, navigation, share and newsletter boxes; comments in the DOM. */
void galley_html_clean_basic(xmlNodePtr root);
/* Drop, inside the chosen article, blocks that look like junk (Readability's
 * "clean conditionally": many links, few words, more list items than
 * paragraphs, negative class names ...). */
void galley_html_clean_article(xmlNodePtr root);

/* ---------------------------------------------------------- html_score.c */

/* Flags for galley_html_grab: the passes Readability relaxes in turn. */
#define GALLEY_HTML_STRIP_UNLIKELY 1u
#define GALLEY_HTML_WEIGHT_CLASSES 2u
#define GALLEY_HTML_CLEAN_COND     4u

/* Class/id weight of NODE: +25 for article-like names, -25 for junk. */
int galley_html_class_weight(const xmlNode *node);
/* Pick the article in BODY (Readability's grabArticle; BODY is modified:
 * unlikely parts dropped, the article's parts moved out) and return a new
 * unlinked element holding it, the whole body when no candidate scores;
 * the caller frees it with xmlFreeNode before the document.  *BYLINE gets
 * the text of a byline element (malloc'd) if one is found and it was NULL. */
xmlNodePtr galley_html_grab(htmlDocPtr doc, xmlNodePtr body, unsigned flags,
                            char **byline);

/* ----------------------------------------------------------- html_meta.c */

/* Fill the article's metadata from DOC (JSON-LD, meta tags, <title>,
 * <h1>, <html lang>); *BASE gets the base URL for links (malloc'd or NULL). */
void galley_html_metadata(htmlDocPtr doc, galley_node *article, char **base);

/* ---------------------------------------------------------- html_title.c */

/* The article title in the page title ORIG (Readability's
 * _getArticleTitle): the site name after a separator removed, the part
 * after a colon, or the page's only <h1> (H1, of N_H1) when ORIG is too
 * short or too long.  Malloc'd. */
char *galley_html_article_title(htmlDocPtr doc, const char *orig, const char *h1,
                                size_t n_h1);

/* ---------------------------------------------------------- html_table.c */

/* 1 if TABLE holds data (th, caption, summary, or several rows and
 * columns of text), 0 for a layout table, which is unwrapped. */
int galley_html_is_data_table(xmlNodePtr table);
/* A new TABLE node for the data table TABLE: caption, row groups, rows,
 * cells with spans and alignment; cell content is converted as inlines. */
galley_node *galley_html_table(xmlNodePtr table, const char *base);

/* ---------------------------------------------------------- html_notes.c */

/* Before extraction: each reference mark (<sup><a href="#fn1">, a
 * doc-noteref) pointing at a note (a list item, a doc-footnote, an
 * epub:type footnote) becomes <galley-noteref ref="fn1"/>, and each note
 * is moved out of BODY into the returned element (xmlFreeNode it before
 * the document). */
xmlNodePtr galley_html_notes_lift(xmlNodePtr body);
/* After conversion: the lifted notes ARTICLE references become FOOTNOTEs. */
void galley_html_notes_append(xmlNodePtr notes, galley_node *article, const char *base);

/* -------------------------------------------------------- html_convert.c */

/* Append the blocks of the DOM subtree ROOT to ARTICLE; links and images
 * resolved against BASE (may be NULL); a heading equal to SKIP_TITLE is
 * dropped.  Returns the number of blocks appended. */
int galley_html_convert(xmlNodePtr root, galley_node *article, const char *base,
                        const char *skip_title);

/* Convert ROOT like galley_html_convert, without title or author-box
 * handling (for the inside of an author box). */
int galley_html_convert_part(xmlNodePtr root, galley_node *article, const char *base);

/* -------------------------------------------------------- html_author.c */

/* 1 if N is an author box: its class or id names one (author-bio,
 * about-the-author ...) and it holds a bio's worth of text. */
int galley_html_is_author_box(xmlNodePtr n);
/* Append N as an AUTHOR_BOX (name, photo, bio paragraphs) to ARTICLE, or
 * as plain blocks when no bio paragraph is found.  Returns 0, touching
 * nothing, when N has no name (nor does the article have an author). */
int galley_html_author_box(xmlNodePtr n, galley_node *article, const char *base);

/* ------------------------------------------------------- html_residue.c */

/* 1 if the block B (its text TEXT, INDEX blocks from the top, FROM_END
 * blocks before the end) is page furniture left inside the article: a
 * time stamp or a "By …" line among the first blocks, a caption whose
 * image was dropped ("… (Image: GETTY)"), a reporting credit, contact or
 * tag line among the last. */
int galley_html_residue(galley_node *b, const char *text, int index, int from_end);

/* A writer's bio left as a paragraph among the last three blocks ("Jane
 * Doe is a reporter who…", "Regan is a … native"), opening with the first
 * author's name or first name and a verb, under a line holding that name
 * or "follow", becomes ARTICLE's author box (the line goes). */
void galley_html_author_bio_line(galley_node *article);

/* ---------------------------------------------------------- html_tidy.c */

/* Last repairs of an extracted ARTICLE: captions shown twice, widget
 * placeholders ("Advertisement"), "Related:"/"Follow us" lines, rows of tag
 * links, datelines and section labels at the top, junk headings left
 * without a section, the standfirst repeated under the subtitle. */
void galley_html_tidy(galley_node *article);

#endif
