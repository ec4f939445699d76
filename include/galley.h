/* galley.h — the public API of libgalley: the document tree, its walker,
 * diagnostics, the readers and the back ends.  This header is the manual. */
#ifndef GALLEY_H
#define GALLEY_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GALLEY_VERSION "0.1.0"

/* ------------------------------------------------------------------ tree */

typedef struct galley_node galley_node;

/* Node types.  0 is NONE, then blocks, then inlines; the FIRST_/LAST_
 * markers make range checks (galley_node_is_block, _is_inline). */
typedef enum {
	GALLEY_NODE_NONE = 0,
	/* blocks */
	GALLEY_NODE_DOCUMENT,     /* root: one or more ARTICLEs (more = digest) */
	GALLEY_NODE_ARTICLE,      /* metadata (galley_article_*) and blocks */
	GALLEY_NODE_HEADING,      /* level 2..4; inlines */
	GALLEY_NODE_PARAGRAPH,    /* inlines */
	GALLEY_NODE_BLOCKQUOTE,   /* PARAGRAPHs, then an optional CITE */
	GALLEY_NODE_CITE,         /* attribution of a blockquote; inlines */
	GALLEY_NODE_PULLQUOTE,    /* inlines */
	GALLEY_NODE_LIST,         /* ITEMs; ordered or not */
	GALLEY_NODE_ITEM,         /* inlines, then optional nested LISTs */
	GALLEY_NODE_CODE_BLOCK,   /* literal text, preformatted (<pre>) */
	GALLEY_NODE_FIGURE,       /* IMAGE, then an optional CAPTION */
	GALLEY_NODE_IMAGE,        /* leaf: url (src) and alt */
	GALLEY_NODE_CAPTION,      /* inlines */
	GALLEY_NODE_SEPARATOR,    /* leaf (<hr/>) */
	GALLEY_NODE_AUTHOR_BOX,   /* AUTHOR_NAME, optional IMAGE (photo), AUTHOR_BIO */
	GALLEY_NODE_AUTHOR_NAME,  /* inlines */
	GALLEY_NODE_AUTHOR_BIO,   /* PARAGRAPHs */
	GALLEY_NODE_TABLE,        /* optional TABLE_CAPTION, then THEAD, TBODY or ROWs */
	GALLEY_NODE_TABLE_CAPTION, /* <caption>; inlines */
	GALLEY_NODE_THEAD,        /* ROWs the source marked as the table's head */
	GALLEY_NODE_TBODY,        /* ROWs */
	GALLEY_NODE_ROW,          /* <tr>: CELLs */
	GALLEY_NODE_CELL,         /* <td>/<th>: inlines; header, colspan, rowspan, align */
	GALLEY_NODE_FOOTNOTE,     /* a note's blocks; id "n1", "n2"... per article */
	/* inlines */
	GALLEY_NODE_TEXT,         /* leaf: literal */
	GALLEY_NODE_EMPH,         /* inlines */
	GALLEY_NODE_STRONG,       /* inlines */
	GALLEY_NODE_LINK,         /* inlines; url, optional title */
	GALLEY_NODE_CODE,         /* leaf: literal */
	GALLEY_NODE_LINEBREAK,    /* leaf */
	GALLEY_NODE_NOTEREF,      /* leaf: where a FOOTNOTE is referenced (its id) */

	GALLEY_NODE_FIRST_BLOCK = GALLEY_NODE_DOCUMENT,
	GALLEY_NODE_LAST_BLOCK = GALLEY_NODE_FOOTNOTE,
	GALLEY_NODE_FIRST_INLINE = GALLEY_NODE_TEXT,
	GALLEY_NODE_LAST_INLINE = GALLEY_NODE_NOTEREF
} galley_node_type;

/* Article metadata: single-valued strings. */
typedef enum {
	GALLEY_META_TITLE = 0,
	GALLEY_META_SUBTITLE,
	GALLEY_META_BYLINE,
	GALLEY_META_DATE,      /* ISO 8601: YYYY-MM-DD or a full date-time */
	GALLEY_META_LANG,      /* BCP 47, "en" when unknown */
	GALLEY_META_SOURCE,    /* the article's URL */
	GALLEY_META_PUBLISHER,
	GALLEY_META_COUNT
} galley_meta;

/* A new, unlinked node; NULL only if memory runs out (which aborts). */
galley_node *galley_node_new(galley_node_type type);
/* Unlink NODE and free it with all its descendants.  Not recursive: any
 * depth is safe.  NULL is allowed. */
void galley_node_free(galley_node *node);

galley_node_type galley_node_get_type(const galley_node *node);
/* "document", "paragraph", ... (the XML element name where there is one). */
const char *galley_node_type_name(galley_node_type type);
int galley_node_is_block(const galley_node *node);
int galley_node_is_inline(const galley_node *node);

galley_node *galley_node_parent(const galley_node *node);
galley_node *galley_node_first_child(const galley_node *node);
galley_node *galley_node_last_child(const galley_node *node);
galley_node *galley_node_next(const galley_node *node);
galley_node *galley_node_previous(const galley_node *node);

/* Structural edits.  Each returns 1 on success and 0 (changing nothing)
 * when the edit would make a cycle or put a node where its type may not
 * stand (see galley_node_can_contain). CHILD is unlinked first. */
int galley_node_append_child(galley_node *node, galley_node *child);
int galley_node_prepend_child(galley_node *node, galley_node *child);
int galley_node_insert_before(galley_node *node, galley_node *sibling);
int galley_node_insert_after(galley_node *node, galley_node *sibling);
/* Detach NODE from its parent and siblings (it keeps its children). */
void galley_node_unlink(galley_node *node);
/* 1 if a node of type PARENT may hold a child of type CHILD. */
int galley_node_can_contain(galley_node_type parent, galley_node_type child);

/* Literal text of TEXT, CODE and CODE_BLOCK nodes (NULL for others). */
const char *galley_node_get_literal(const galley_node *node);
int galley_node_set_literal(galley_node *node, const char *text);
/* Heading level 2..4 (0 for other types); setter clamps to 2..4. */
int galley_node_get_heading_level(const galley_node *node);
int galley_node_set_heading_level(galley_node *node, int level);
/* LIST: 1 if ordered. */
int galley_node_get_list_ordered(const galley_node *node);
int galley_node_set_list_ordered(galley_node *node, int ordered);
/* LINK href or IMAGE src. */
const char *galley_node_get_url(const galley_node *node);
int galley_node_set_url(galley_node *node, const char *url);
/* LINK title or IMAGE alt text. */
const char *galley_node_get_title(const galley_node *node);
int galley_node_set_title(galley_node *node, const char *title);
/* Table cells (CELL; 0 for other types).  HEADER is 1 for <th>; colspan
 * and rowspan are clamped to 1..GALLEY_SPAN_MAX. */
typedef enum {
	GALLEY_CELL_ALIGN_NONE = 0,
	GALLEY_CELL_ALIGN_LEFT,
	GALLEY_CELL_ALIGN_CENTER,
	GALLEY_CELL_ALIGN_RIGHT
} galley_cell_align;
#define GALLEY_SPAN_MAX 100
int galley_node_get_cell_header(const galley_node *node);
int galley_node_set_cell_header(galley_node *node, int header);
int galley_node_get_colspan(const galley_node *node);
int galley_node_set_colspan(galley_node *node, int span);
int galley_node_get_rowspan(const galley_node *node);
int galley_node_set_rowspan(galley_node *node, int span);
galley_cell_align galley_node_get_cell_align(const galley_node *node);
int galley_node_set_cell_align(galley_node *node, galley_cell_align align);
/* "left", "center", "right" (NULL for NONE); and back (NONE if unknown). */
const char *galley_cell_align_name(galley_cell_align align);
/* A header cell's scope: "col" when it stands in a THEAD or in a row of
 * header cells only, else "row"; NULL for a data cell. */
const char *galley_cell_scope(const galley_node *cell);
galley_cell_align galley_cell_align_from_name(const char *name);
/* A FOOTNOTE's id or a NOTEREF's ref ("n1"); NULL for other types.  After
 * reading, notes are numbered per article in the order first referenced:
 * galley_node_get_note_number gives that number (0 when unnumbered). */
const char *galley_node_get_note_id(const galley_node *node);
int galley_node_set_note_id(galley_node *node, const char *id);
int galley_node_get_note_number(const galley_node *node);
/* Source line the node came from (0 when unknown). */
int galley_node_get_line(const galley_node *node);
void galley_node_set_line(galley_node *node, int line);

/* Metadata of an ARTICLE node.  Getters return NULL when unset or when
 * NODE is not an article; setters copy VALUE (NULL clears) and return 1/0. */
const char *galley_article_get(const galley_node *article, galley_meta key);
int galley_article_set(galley_node *article, galley_meta key, const char *value);
/* Authors and tags: ordered lists of strings; adding a duplicate is a no-op. */
int galley_article_add_author(galley_node *article, const char *name);
size_t galley_article_author_count(const galley_node *article);
const char *galley_article_get_author(const galley_node *article, size_t i);
int galley_article_add_tag(galley_node *article, const char *tag);
size_t galley_article_tag_count(const galley_node *article);
const char *galley_article_get_tag(const galley_node *article, size_t i);
/* Element name of a metadata key in the tree XML ("title", "date", ...). */
const char *galley_meta_name(galley_meta key);

/* The concatenated text of NODE's inline descendants (malloc'd). */
char *galley_node_text(const galley_node *node);

/* ---------------------------------------------------------------- walker */

typedef enum {
	GALLEY_EVENT_NONE = 0,
	GALLEY_EVENT_DONE,
	GALLEY_EVENT_ENTER,
	GALLEY_EVENT_EXIT
} galley_event;

/* Depth-first walk over ROOT and its descendants.  Containers give ENTER
 * then EXIT; leaves (TEXT, CODE, CODE_BLOCK, IMAGE, SEPARATOR, LINEBREAK, NOTEREF)
 * give ENTER only.  Edit the tree only at a node just EXITed (or a leaf just
 * ENTERed), never its ancestors.  A renderer is this loop plus one
 * render_node(node, event, state). */
typedef struct galley_iter galley_iter;

galley_iter *galley_iter_new(galley_node *root);
void galley_iter_free(galley_iter *iter);
galley_event galley_iter_next(galley_iter *iter);
galley_node *galley_iter_get_node(const galley_iter *iter);
galley_event galley_iter_get_event(const galley_iter *iter);
/* Continue from NODE with EVENT (e.g. EXIT to skip NODE's children). */
void galley_iter_reset(galley_iter *iter, galley_node *node, galley_event event);
/* 1 if NODE gives ENTER only. */
int galley_node_is_leaf(const galley_node *node);

/* ----------------------------------------------------------- diagnostics */

/* Severities, mandoc style: the worst one seen sets the exit status. */
typedef enum {
	GALLEY_DIAG_NOTE = 0,
	GALLEY_DIAG_WARNING,
	GALLEY_DIAG_ERROR,      /* the input could not become a document */
	GALLEY_DIAG_SYSERR      /* I/O or system failure */
} galley_severity;

typedef struct galley_diag galley_diag;

/* A collector of messages about one input FILE (copied; NULL = "-").
 * Messages are printed to stderr as they come ("galley: FILE:LINE: warning:
 * text") unless quiet is set; they are also kept for inspection. */
galley_diag *galley_diag_new(const char *file);
void galley_diag_free(galley_diag *diag);
void galley_diag_set_quiet(galley_diag *diag, int quiet);
const char *galley_diag_file(const galley_diag *diag);
/* Report a message; LINE 0 = no line. */
void galley_diag_report(galley_diag *diag, galley_severity sev, int line,
                        const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 4, 5)))
#endif
	;
/* The output a back end writes is made from the one input INPUT (copied;
 * NULL = several): what galley_diag_report_input says about the article's
 * content names that input, while failures writing the output name the
 * output. */
void galley_diag_set_input(galley_diag *diag, const char *input);
void galley_diag_report_input(galley_diag *diag, galley_severity sev, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 3, 4)))
#endif
	;
galley_severity galley_diag_worst(const galley_diag *diag);
size_t galley_diag_count(const galley_diag *diag);
/* The i-th message's text (without file/line prefix), severity and line. */
const char *galley_diag_message(const galley_diag *diag, size_t i,
                                galley_severity *sev, int *line);

/* --------------------------------------------------------------- options */

/* Reader and back-end options: one bitmask. */
#define GALLEY_OPT_DEFAULT      0u
#define GALLEY_OPT_NO_SMART     (1u << 0) /* no typographic quotes/dashes */
#define GALLEY_OPT_EMBED_FONTS  (1u << 1) /* EPUB: embed the layout's fonts */
#define GALLEY_OPT_NO_HYPHENATE (1u << 2) /* PDF: no hyphenation */

/* Lines that recur across the inputs of one run (text_repeats.c). */
typedef struct galley_repeats galley_repeats;

/* Remote images fetched for a document (src/fetch_images.c). */
typedef struct galley_fetched galley_fetched;
void galley_fetched_free(galley_fetched *f);

typedef struct galley_options {
	unsigned flags;              /* GALLEY_OPT_* */
	/* Folder of the input, for relative image paths (NULL = none: images
	 * are not read). */
	const char *base_dir;
	/* A user's extra boilerplate pattern file for the text reader. */
	const char *boilerplate_file;
	/* Feeds: keep items dated on or after SINCE (ISO date, NULL = all) and
	 * at most MAX_ITEMS of them (0 = all). */
	const char *since;
	int max_items;
	/* Digest title (NULL = the document's own, else "Digest" and the date;
	 * see galley_digest_title). */
	const char *title;
	/* Lines that recur across the articles read together: the text reader
	 * drops them as a site's junk (NULL = none). */
	const galley_repeats *repeats;
	/* Remote images already fetched, by URL: the back ends embed these
	 * (NULL = none; an image named by URL is then left out). */
	const galley_fetched *fetched;
} galley_options;

/* A table of the lines that recur across inputs: add the raw text of each
 * input of a digest or a batch, then give it to the readers in
 * galley_options.repeats.  A line of at most 120 characters held by two
 * inputs or more recurs (a short sentence: by three and a tenth of them);
 * the first line, the title, never does. */
galley_repeats *galley_repeats_new(void);
void galley_repeats_add_text(galley_repeats *r, const char *data, size_t len);
/* 1 if LINE recurs across the inputs added to R (NULL: never). */
int galley_repeats_has(const galley_repeats *r, const char *line);
void galley_repeats_free(galley_repeats *r);

/* --------------------------------------------------------------- readers */

typedef enum {
	GALLEY_FORMAT_AUTO = 0,
	GALLEY_FORMAT_TXT,
	GALLEY_FORMAT_HTML,
	GALLEY_FORMAT_MD,
	GALLEY_FORMAT_FEED,
	GALLEY_FORMAT_XML
} galley_format;

/* "txt", "html", "md", "feed", "xml" -> format; AUTO for anything else. */
galley_format galley_format_from_name(const char *name);
const char *galley_format_name(galley_format format);
/* Guess the format from the file NAME (may be NULL) and the leading bytes. */
galley_format galley_format_detect(const char *name, const char *data, size_t len);

/* Read DATA as FORMAT (AUTO detects) into a DOCUMENT node holding one
 * ARTICLE (feeds: one per item).  Invalid UTF-8 is repaired and reported.
 * Returns NULL, with an ERROR in DIAG, when the input cannot become a
 * document (no text at all, malformed XML, ...).  The caller frees. */
galley_node *galley_read(const char *data, size_t len, galley_format format,
                         const galley_options *opts, galley_diag *diag);

/* The individual readers, same contract as galley_read. */
galley_node *galley_read_text(const char *data, size_t len,
                              const galley_options *opts, galley_diag *diag);
galley_node *galley_read_html(const char *data, size_t len,
                              const galley_options *opts, galley_diag *diag);
galley_node *galley_read_md(const char *data, size_t len,
                            const galley_options *opts, galley_diag *diag);
galley_node *galley_read_feed(const char *data, size_t len,
                              const galley_options *opts, galley_diag *diag);
galley_node *galley_read_xml(const char *data, size_t len,
                             const galley_options *opts, galley_diag *diag);

/* Title and date (ISO 8601) of a DOCUMENT as a whole, e.g. a feed's title
 * naming a digest.  Getters return NULL when unset or NODE is not a
 * document; setters copy VALUE (NULL or "" clears) and return 1/0. */
const char *galley_document_get_title(const galley_node *doc);
int galley_document_set_title(galley_node *doc, const char *title);
const char *galley_document_get_date(const galley_node *doc);
int galley_document_set_date(galley_node *doc, const char *date);

/* The title of a digest of DOC, the same for the PDF and the EPUB: GIVEN
 * (--title; may be NULL), else DOC's own title (a feed's), else "Digest, "
 * and DOC's date (else today, SOURCE_DATE_EPOCH when set) written as the
 * language of DOC's first article writes a long date: "Digest, 7 December
 * 2026" (en-GB), "Digest, December 7, 2026" (en), "Digest, 7. Dezember
 * 2026" (de).  Malloc'd. */
char *galley_digest_title(const galley_node *doc, const char *given);

/* The ISO date ISO ("2026-12-07...") as language LANG (BCP 47; NULL = "en")
 * writes it in full: "December 7, 2026" (en), "7 December 2026" (en-GB),
 * "7. Dezember 2026" (de), "2026年12月7日" (ja).  Malloc'd; NULL when ISO
 * is no date. */
char *galley_long_date(const char *iso, const char *lang);

/* Append the articles of document SRC to document DST (SRC is freed). */
void galley_document_merge(galley_node *dst, galley_node *src);

/* Long documents (issue 21): the blocks of DOC's articles, not its
 * articles' metadata, can be stowed in a spool DOC owns (in memory while
 * short, then in a temporary file removed at once) and freed, so that a
 * digest of thousands of articles holds one article's tree at a time.
 * galley_document_stow stows every article not stowed yet; 0, or -1 when
 * the spool cannot be written (the articles not stowed keep their blocks).
 * A walker (galley_iter) brings a stowed article's blocks back while it
 * is inside the article and frees them when it leaves.
 * galley_article_load brings them back by hand: 1 when it did (free them
 * with galley_article_unload when done), 0 when they were in memory, -1
 * when the spool cannot be read.  Edits to a stowed article's blocks
 * last only until they are freed again. */
int galley_document_stow(galley_node *doc);
int galley_article_load(galley_node *article);
void galley_article_unload(galley_node *article);

/* ------------------------------------------------------------ transforms */

/* Typographic quotes, dashes and ellipses in every TEXT node, for each
 * article's language. */
void galley_smarten(galley_node *doc);

/* ------------------------------------------------------------ back ends */

/* The tree as `galley tree` XML (UTF-8, malloc'd, *LEN set if non-NULL). */
char *galley_render_xml(galley_node *doc, size_t *len);

/* Layouts: page and typography definitions (layouts/NAME.xml, checked
 * against layouts/layout.rng).  NAME_OR_PATH is an installed layout's name
 * or a path to a layout file; NULL means the default, "article-a4".
 * Returns NULL with an ERROR naming the file and line when it is broken. */
typedef struct galley_layout galley_layout;
galley_layout *galley_layout_load(const char *name_or_path, galley_diag *diag);
void galley_layout_free(galley_layout *layout);
const char *galley_layout_name(const galley_layout *layout);
const char *galley_layout_description(const galley_layout *layout);

/* Write DOC as a paginated PDF / an EPUB 3 to PATH (a regular file path;
 * the caller makes the write atomic).  Return 0 on success, -1 with an
 * ERROR in DIAG. */
int galley_render_pdf(galley_node *doc, const galley_layout *layout,
                      const galley_options *opts, const char *path,
                      galley_diag *diag);
int galley_render_epub(galley_node *doc, const galley_layout *layout,
                       const galley_options *opts, const char *path,
                       galley_diag *diag);

/* ---------------------------------------------------------------- output */

/* Write a file atomically: WRITE(tmp_path, CTX) fills a temporary file
 * beside PATH, which is then renamed over PATH; if WRITE returns non-zero
 * the temporary file is removed and PATH is left as it was.  PATH "-"
 * copies the result to standard output.  Returns 0 or -1 (reported). */
typedef int (*galley_writer)(const char *tmp_path, void *ctx);
int galley_write_atomic(const char *path, galley_writer write, void *ctx,
                        galley_diag *diag);

/* galley_write_atomic in two steps, so that the caller goes on while the
 * bytes reach the disk: galley_write_start runs WRITE and hands the
 * temporary file's fsync and rename to a thread (NULL when WRITE failed,
 * reported); galley_write_finish waits for that thread, and returns 0 or
 * -1 (reported).  Every output started must be finished.  A batch makes
 * its next output while the last one is synced. */
typedef struct galley_pending galley_pending;
galley_pending *galley_write_start(const char *path, galley_writer write, void *ctx,
                                   galley_diag *diag);
int galley_write_finish(galley_pending *p, galley_diag *diag);

/* Open PATH for writing, created or emptied, as fopen(PATH, "wb") does,
 * except that a file already empty (such as the temporary file
 * galley_write_atomic gives a writer) is not truncated again: ext4 flushes
 * a file truncated to zero to disk as soon as it is closed.  NULL with
 * errno set on failure. */
FILE *galley_open_write(const char *path);

/* Read a whole file (PATH "-" = standard input), at most MAX bytes.
 * Returns malloc'd bytes (NUL-terminated, *LEN set) or NULL with an ERROR. */
char *galley_read_file(const char *path, size_t max, size_t *len, galley_diag *diag);

/* ----------------------------------------------------------- data files */

/* The full path of a data file shipped with galley (RELATIVE such as
 * "layouts/article-a4.xml" or "data/boilerplate.txt"), looked up in
 * $GALLEY_DATADIR, then beside the program (source tree or PREFIX/share/
 * galley), then the compiled-in data directory.  Malloc'd; NULL if none. */
char *galley_data_path(const char *relative);

#ifdef __cplusplus
}
#endif

#endif
