/* pdf.c — the PDF back end: sets the document with the typesetter, then
 * draws every page on a cairo PDF surface with metadata and an outline. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "pdf.h"

/* SOURCE_DATE_EPOCH as "YYYY-MM-DDThh:mm:ss" (UTC); 0 when unset or bad. */
static int S_epoch_date(char *out, size_t size)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	if (!e || !*e)
		return 0;
	long long v = strtoll(e, &end, 10);
	if (*end || v < 0)
		return 0;
	time_t t = (time_t)v;
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		return 0;
	return strftime(out, size, "%Y-%m-%dT%H:%M:%S", &tm) > 0;
}

/* The authors of ARTICLE joined with commas (malloc'd, NULL if none). */
static char *S_authors(const galley_node *article)
{
	size_t n = galley_article_author_count(article);
	if (!n)
		return NULL;
	galley_buf b = GALLEY_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			galley_buf_puts(&b, ", ");
		galley_buf_puts(&b, galley_article_get_author(article, i));
	}
	return galley_buf_detach(&b);
}

static char *S_tags(const galley_node *article)
{
	galley_buf b = GALLEY_BUF_INIT;
	for (size_t i = 0; i < galley_article_tag_count(article); i++) {
		if (i)
			galley_buf_puts(&b, ", ");
		galley_buf_puts(&b, galley_article_get_tag(article, i));
	}
	return galley_buf_detach(&b);
}

static void S_meta(cairo_surface_t *s, cairo_pdf_metadata_t key, const char *v)
{
	if (v && *v)
		cairo_pdf_surface_set_metadata(s, key, v);
}

static void S_metadata(struct pdf_ctx *c)
{
	const galley_node *a = c->flow->articles[0].node;
	char *authors = c->digest ? NULL : S_authors(a);
	char *tags = c->digest ? NULL : S_tags(a);
	char date[32];
	S_meta(c->surface, CAIRO_PDF_METADATA_TITLE,
	       c->digest ? c->publication : galley_article_get(a, GALLEY_META_TITLE));
	S_meta(c->surface, CAIRO_PDF_METADATA_AUTHOR, authors);
	S_meta(c->surface, CAIRO_PDF_METADATA_SUBJECT,
	       c->digest ? NULL : galley_article_get(a, GALLEY_META_SUBTITLE));
	S_meta(c->surface, CAIRO_PDF_METADATA_KEYWORDS, tags);
	S_meta(c->surface, CAIRO_PDF_METADATA_CREATOR, "galley " GALLEY_VERSION);
	/* cairo stamps the current time unless told: SOURCE_DATE_EPOCH makes
	 * the output reproducible */
	if (S_epoch_date(date, sizeof date)) {
		cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
		cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
	}
	free(authors);
	free(tags);
}

/* The first place of block B, or NULL. */
static const struct ts_place *S_place_of(const struct pdf_ctx *c, size_t b)
{
	for (size_t i = 0; i < c->pages.n_places; i++)
		if (c->pages.places[i].block == b)
			return &c->pages.places[i];
	return NULL;
}

/* Bookmarks: the article whose blocks the flow holds, and its headings
 * nested by level. */
static void S_outline(struct pdf_ctx *c)
{
	int *parent = c->outline_parent;
	for (size_t i = 0; i < c->flow->n_blocks; i++) {
		const struct ts_block *b = &c->flow->blocks[i];
		const struct ts_place *pl;
		if (!b->outline || !b->text || !(pl = S_place_of(c, i)))
			continue;
		int level = b->outline < 1 ? 1 : b->outline > 4 ? 4 : b->outline;
		char *dest = galley_xasprintf("page=%d pos=[%.1f %.1f]", pl->page + 1,
		                              pl->x + c->offset, pl->y + c->offset);
		char *text = galley_collapse_space(galley_xstrdup(b->text));
		int id = cairo_pdf_surface_add_outline(c->surface, parent[level - 1], text, dest,
		                                       level < 3 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
		for (int k = level; k < 5; k++)
			parent[k] = id;
		free(text);
		free(dest);
	}
}

/* GALLEY_PDF_TRACE: where the typesetter's placements are written. */
static FILE *S_trace_open(struct pdf_ctx *c)
{
	const char *path = getenv("GALLEY_PDF_TRACE");
	if (!path || !*path)
		return NULL;
	FILE *f = fopen(path, "w");
	if (!f)
		galley_diag_report(c->diag, GALLEY_DIAG_WARNING, 0, "cannot write the trace %s", path);
	return f;
}

/* A digest's articles are stowed (stow.c): the blocks of the one being
 * set are brought back, and those of the one before freed, once the
 * flow no longer points into them. */
static void S_page_out(struct pdf_ctx *c)
{
	if (c->paged)
		galley_article_unload(c->paged);
	c->paged = NULL;
}

static int S_page_in(struct pdf_ctx *c, size_t a)
{
	S_page_out(c);
	galley_node *node = (galley_node *)c->flow->articles[a].node;
	int got = galley_article_load(node);
	if (got < 0) {
		galley_diag_report(c->diag, GALLEY_DIAG_SYSERR, 0, "cannot read an article back "
		                   "from the temporary spool: %s", strerror(errno ? errno : EIO));
		return -1;
	}
	if (got > 0)
		c->paged = node;
	return 0;
}

/* Set the blocks of article A and break them into pages after the first
 * FROM pages (those of earlier articles are set again identically). */
static int S_set_article(struct pdf_ctx *c, size_t a, size_t from)
{
	galley_flow_clear(c->flow);
	if (S_page_in(c, a) < 0)
		return -1;
	galley_flow_set_article(c->flow, a, c->opts, c->diag);
	c->pages.n_pages = from;
	c->pages.n_places = 0;
	return galley_paginate_article(c->flow, &c->pages, a, c->diag);
}

/* A digest's first pass: each article is set and broken into pages, then
 * freed, for the contents' page numbers and the page count; the second
 * pass (S_draw) sets each again and draws it.  Setting twice costs time,
 * not memory: one article's glyphs are held at a time. */
static int S_first_pass(struct pdf_ctx *c)
{
	for (size_t a = 0; a < c->flow->n_articles; a++)
		if (S_set_article(c, a, c->pages.n_pages) < 0)
			return -1;
	galley_flow_clear(c->flow);
	S_page_out(c);
	c->total_pages = c->pages.n_pages;
	return 0;
}

/* Where cairo writes the PDF, for the finishing step (pdf_finish.c) to
 * read: memory, until it grows past PDF_SPILL, then a temporary file
 * (pdf_spool.c), so that a long digest is not held whole.  A failed write
 * is kept here too: cairo stops writing after one, but does not always
 * report it from cairo_surface_finish, and a full disk must never give a
 * cut PDF with exit status 0 (issue 14). */
#define PDF_SPILL ((size_t)8 << 20)
struct pdf_out {
	FILE *f;
	int err;             /* errno of the first failed write, or 0 */
	galley_buf pdf;      /* what cairo wrote, while it is short */
	FILE *raw;           /* what cairo wrote, once it is long */
	char *raw_path;
};

static int S_spill(struct pdf_out *out)
{
	if (!(out->raw = galley_pdf_spool_open(&out->raw_path)))
		return errno ? errno : EIO;
	errno = 0;
	if (fwrite(out->pdf.data, 1, out->pdf.len, out->raw) != out->pdf.len)
		return errno ? errno : EIO;
	galley_buf_free(&out->pdf);
	return 0;
}

static cairo_status_t S_write(void *p, const unsigned char *data, unsigned int len)
{
	struct pdf_out *out = p;
	/* cairo writes each operator and number on its own, ten thousand
	 * times an article: while there is room, they are simply appended */
	galley_buf *b = &out->pdf;
	if (!out->err && !out->raw && b->len + len < b->cap && b->len + len < PDF_SPILL) {
		memcpy(b->data + b->len, data, len);
		b->len += len;
		b->data[b->len] = '\0';
		return CAIRO_STATUS_SUCCESS;
	}
	if (out->err)
		return CAIRO_STATUS_WRITE_ERROR;
	/* spilled before the buffer would grow past PDF_SPILL: growing it
	 * would double what it holds */
	if (!out->raw && out->pdf.len + len >= PDF_SPILL)
		out->err = S_spill(out);
	if (out->err)
		return CAIRO_STATUS_WRITE_ERROR;
	if (!out->raw) {
		galley_buf_put(&out->pdf, (const char *)data, len);
	} else {
		errno = 0;
		if (fwrite(data, 1, len, out->raw) != len)
			out->err = errno ? errno : EIO;
	}
	return out->err ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* The finishing step's part of the document: its language, its boxes, the
 * alt text of its pictures. */
static int S_finish(struct pdf_ctx *c, struct pdf_out *out)
{
	const galley_node *a = c->flow->articles[0].node;
	struct pdf_finish f = {galley_article_get(a, GALLEY_META_LANG), c->l->page_width,
	                       c->l->page_height, c->offset, c->l->bleed, c->front, c->alts,
	                       c->n_alts, c->cells, c->n_cells, c->page_lang, c->n_page_lang};
	if (out->raw && fflush(out->raw) != 0 && !out->err)
		out->err = errno;
	if (out->err)
		return -1;
	struct pdf_raw raw = {(const unsigned char *)out->pdf.data, out->pdf.len, out->raw_path};
	return galley_pdf_finish(&raw, &f, out->f, &out->err, c->diag);
}

/* Draw page INDEX, the flow holding its article's blocks. */
/* The language of page INDEX where its article's is not the document's
 * (a digest of articles in several languages): the finishing step gives
 * the page's structure elements a /Lang. */
static void S_page_lang(struct pdf_ctx *c, size_t index)
{
	if ((int)index < c->front || index >= c->pages.n_pages || c->pages.pages[index].article < 0)
		return;
	const char *doc = galley_article_get(c->flow->articles[0].node, GALLEY_META_LANG);
	const galley_node *a = c->flow->articles[c->pages.pages[index].article].node;
	const char *lang = galley_article_get(a, GALLEY_META_LANG);
	if (!lang || !*lang || (doc && strcasecmp(doc, lang) == 0))
		return;
	if (c->n_page_lang <= index) {
		size_t n = index + 64;
		c->page_lang = galley_xrealloc(c->page_lang, n * sizeof *c->page_lang);
		memset(c->page_lang + c->n_page_lang, 0, (n - c->n_page_lang) * sizeof *c->page_lang);
		c->n_page_lang = n;
	}
	c->page_lang[index] = lang;
}

static void S_page(struct pdf_ctx *c, size_t index)
{
	S_page_lang(c, index);
	cairo_save(c->cr);
	cairo_translate(c->cr, c->offset, c->offset);
	if ((int)index < c->front)
		galley_pdf_front_draw(c, index);
	else
		galley_pdf_draw_page(c, index);
	cairo_restore(c->cr);
	if (c->l->crop_marks)
		galley_pdf_crop_marks(c);
	cairo_show_page(c->cr);
}

/* cairo frees its records of a long document (the structure tree, the
 * outline, the links: about 5 KB an article) when it finishes the file,
 * in pieces among memory still in use; the pages wholly free go back to
 * the system before the finishing step allocates, or the process would
 * grow by what the finishing step needs on top of its peak (issue 21).
 * Only for a PDF long enough to be spooled: a short one has little to
 * give back. */
static void S_give_back(const struct pdf_out *out)
{
#ifdef __GLIBC__
	if (out->raw)
		malloc_trim(0);
#else
	(void)out;
#endif
}

static int S_draw(struct pdf_ctx *c, struct pdf_out *out)
{
	double w = c->l->page_width + 2 * c->offset, h = c->l->page_height + 2 * c->offset;
	c->surface = cairo_pdf_surface_create_for_stream(S_write, out, w, h);
	if (cairo_surface_status(c->surface) != CAIRO_STATUS_SUCCESS) {
		galley_diag_report(c->diag, GALLEY_DIAG_SYSERR, 0, "cannot create the PDF: %s",
		                   cairo_status_to_string(cairo_surface_status(c->surface)));
		return -1;
	}
	S_metadata(c);
	c->cr = cairo_create(c->surface);
	/* the structure root; cairo 1.16 also needs it to write link
	 * annotations into a valid file */
	cairo_tag_begin(c->cr, "Document", NULL);
	for (int i = 0; i < c->front; i++)
		S_page(c, (size_t)i);
	FILE *trace = S_trace_open(c);
	int rc = 0;
	for (size_t a = 0, drawn = (size_t)c->front; a < c->flow->n_articles && rc == 0; a++) {
		if ((rc = S_set_article(c, a, drawn)) < 0)
			break;
		galley_glyphs_missing(c->flow, a, c->diag);
		if (!c->digest)
			c->total_pages = c->pages.n_pages;
		if (trace)
			galley_pages_trace(c->flow, &c->pages, a ? drawn : 0, trace);
		for (; drawn < c->pages.n_pages; drawn++)
			S_page(c, drawn);
		S_outline(c);
	}
	if (trace)
		fclose(trace);
	galley_flow_clear(c->flow);
	S_page_out(c);
	galley_pdf_table_enter(c, NULL);
	galley_pdf_list_end(c);
	cairo_tag_end(c->cr, "Document");
	cairo_status_t st = cairo_status(c->cr);
	cairo_destroy(c->cr);
	cairo_surface_finish(c->surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(c->surface);
	cairo_surface_destroy(c->surface);
	S_give_back(out);
	if (rc < 0)
		return -1;
	if (st != CAIRO_STATUS_SUCCESS) {
		galley_diag_report(c->diag, GALLEY_DIAG_SYSERR, 0, "cannot write the PDF: %s",
		                   cairo_status_to_string(st));
		return -1;
	}
	return S_finish(c, out);   /* a failed write is reported by the caller */
}

/* Limits of what the PDF back end sets (issue 7, README "Security"): the
 * line breaker's time grows faster than a paragraph's length, and the
 * glyphs of the article being set are held in memory (about twenty bytes
 * for each byte of text).  A document's length is not limited: its
 * articles are set one at a time (issue 21).  Reports an ERROR and returns
 * 1 when DOC is over. */
#define PDF_MAX_ARTICLE ((size_t)4 << 20)     /* text in one article */
#define PDF_MAX_PARAGRAPH ((size_t)256 << 10) /* text in one block */
static int S_too_long(galley_node *doc, galley_diag *diag)
{
	size_t article = 0, block = 0;
	galley_iter *it = galley_iter_new(doc);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *n = galley_iter_get_node(it);
		if (ev == GALLEY_EVENT_ENTER && galley_node_get_type(n) == GALLEY_NODE_ARTICLE)
			article = 0;
		if (ev == GALLEY_EVENT_ENTER && galley_node_is_block(n))
			block = 0;
		const char *lit = ev == GALLEY_EVENT_ENTER ? galley_node_get_literal(n) : NULL;
		size_t len = lit ? strlen(lit) : 0;
		article += len;
		block += len;
		if (block > PDF_MAX_PARAGRAPH || article > PDF_MAX_ARTICLE)
			break;
	}
	galley_iter_free(it);
	if (block > PDF_MAX_PARAGRAPH)
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "a paragraph longer than %zu KiB "
		                   "of text: too long to set in a PDF", PDF_MAX_PARAGRAPH >> 10);
	else if (article > PDF_MAX_ARTICLE)
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "an article of more than %zu MiB "
		                   "of text: too long to set in a PDF", PDF_MAX_ARTICLE >> 20);
	return block > PDF_MAX_PARAGRAPH || article > PDF_MAX_ARTICLE;
}

int galley_render_pdf(galley_node *doc, const galley_layout *layout,
                      const galley_options *opts, const char *path, galley_diag *diag)
{
	if (doc && S_too_long(doc, diag))
		return -1;
	galley_layout *own = NULL;
	if (!layout && !(layout = own = galley_layout_load(NULL, diag)))
		return -1;
	struct pdf_ctx c;
	memset(&c, 0, sizeof c);
	c.doc = doc;
	c.l = layout;
	c.opts = opts;
	c.diag = diag;
	int rc = -1;
	if (!doc || !(c.flow = galley_flow_new(doc, layout, opts, diag)))
		goto out;
	c.digest = c.flow->n_articles > 1;
	c.offset = layout->bleed + (layout->crop_marks ? 24 : 0);
	if (c.digest)
		galley_pdf_front_prepare(&c);
	else if (galley_article_get(c.flow->articles[0].node, GALLEY_META_PUBLISHER))
		c.publication = galley_xstrdup(galley_article_get(c.flow->articles[0].node,
		                                                  GALLEY_META_PUBLISHER));
	galley_pages_front(&c.pages, layout, c.front);
	if (c.digest && S_first_pass(&c) < 0)
		goto out;
	struct pdf_out out = {galley_open_write(path), 0, GALLEY_BUF_INIT, NULL, NULL};
	if (!out.f) {
		galley_diag_report(diag, GALLEY_DIAG_SYSERR, 0, "cannot create the PDF: %s",
		                   strerror(errno));
		goto out;
	}
	rc = S_draw(&c, &out);
	galley_buf_free(&out.pdf);
	galley_pdf_spool_close(out.raw, out.raw_path);
	int closed = galley_close_write(out.f);
	if (out.err || (closed != 0 && rc == 0)) {
		galley_diag_report(diag, GALLEY_DIAG_SYSERR, 0, "cannot write the PDF: %s",
		                   strerror(out.err ? out.err : errno));
		rc = -1;
	}
out:
	galley_pdf_front_free(&c);
	galley_pages_free(&c.pages);
	galley_flow_free(c.flow);
	free(c.publication);
	for (size_t i = 0; i < c.n_alts; i++)
		free((char *)c.alts[i]);
	free(c.alts);
	free(c.cells);
	free(c.page_lang);
	free(c.note_ref);
	galley_layout_free(own);
	return rc;
}
