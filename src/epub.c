/* epub.c — the EPUB 3 back end's entry point: plans the book, has its parts written, and packs them. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <glib.h>

#include "epub.h"
#include "layout.h"

struct epub_file *epub_book_add(struct epub_book *b, epub_group group, const char *href,
                                const char *id, const char *media_type,
                                const char *properties, char *data, size_t len)
{
	if (b->n_files == b->cap_files) {
		b->cap_files = b->cap_files ? 2 * b->cap_files : 32;
		b->files = galley_xrealloc(b->files, b->cap_files * sizeof *b->files);
	}
	struct epub_file *f = &b->files[b->n_files];
	f->href = galley_xstrdup(href);
	f->id = galley_xstrdup(id);
	f->media_type = media_type;
	f->properties = properties;
	f->group = group;
	f->seq = b->n_files++;
	f->data = data;
	f->len = len;
	f->spool_at = 0;
	epub_opf_identifier_add(b, f);
	if (group == EPUB_GROUP_TEXT)
		epub_spool_keep(b, f);
	return f;
}

int epub_book_is_digest(const struct epub_book *b)
{
	return b->n_arts > 1;
}

static int S_digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

char *epub_date_valid(const char *date)
{
	if (!date || !S_digits(date, 4))
		return NULL;
	size_t n = 4;
	if (date[4] == '-' && S_digits(date + 5, 2)) {
		int month = atoi(date + 5);
		if (month < 1 || month > 12)
			return galley_xstrndup(date, 4);
		n = 7;
		if (date[7] == '-' && S_digits(date + 8, 2)) {
			int day = atoi(date + 8);
			if (day >= 1 && day <= 31 && !isdigit((unsigned char)date[10]))
				n = 10;
		}
	}
	if (isdigit((unsigned char)date[n]))
		return NULL;
	return galley_xstrndup(date, n);
}

/* The build time: SOURCE_DATE_EPOCH when set (reproducible builds), else
 * the clock. */
static void S_time(struct epub_book *b)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	b->now = time(NULL);
	if (sde && *sde) {
		char *end;
		errno = 0;
		long long v = strtoll(sde, &end, 10);
		if (*end || errno || v < 0 || v > 253402300799LL)
			galley_diag_report(b->diag, GALLEY_DIAG_WARNING, 0,
			                   "SOURCE_DATE_EPOCH is not a time: '%s' (ignored)", sde);
		else
			b->now = (time_t)v;
	}
	struct tm tm;
	gmtime_r(&b->now, &tm);
	strftime(b->modified, sizeof b->modified, "%Y-%m-%dT%H:%M:%SZ", &tm);
	strftime(b->today, sizeof b->today, "%Y-%m-%d", &tm);
}

/* A title for display: collapsed spaces, never empty. */
static char *S_title(const char *t, const char *fallback)
{
	char *s = galley_collapse_space(galley_trim(galley_xstrdup(t ? t : "")));
	if (*s)
		return s;
	free(s);
	return galley_xstrdup(fallback);
}

/* 1 if T has the shape of a BCP 47 tag: a primary subtag of 2 to 8
 * letters, then subtags of 1 to 8 letters or digits. */
static int S_bcp47(const char *t)
{
	static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	static const char alnum[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	size_t n = strspn(t, letters);
	if (n < 2 || n > 8)
		return 0;
	for (t += n; *t == '-'; t += 1 + n) {
		n = strspn(t + 1, alnum);
		if (n < 1 || n > 8)
			return 0;
	}
	return *t == '\0';
}

int epub_lang_rtl(const char *lang)
{
	static const char *const rtl[] = {"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv"};
	size_t n = lang ? strcspn(lang, "-") : 0;
	for (size_t i = 0; i < sizeof rtl / sizeof *rtl; i++)
		if (n == strlen(rtl[i]) && strncasecmp(lang, rtl[i], n) == 0)
			return 1;
	return 0;
}

/* LANG as a well-formed tag ("en_US" becomes "en-US"), else "en" with a
 * WARNING: epubcheck rejects a malformed dc:language or xml:lang. */
static char *S_lang(struct epub_book *b, const char *lang)
{
	/* an article that does not say takes the layout's language */
	if ((!lang || !*lang) && b->layout && b->layout->lang && S_bcp47(b->layout->lang))
		return galley_xstrdup(b->layout->lang);
	if (!lang || !*lang)
		return galley_xstrdup("en");
	char *tag = galley_xstrdup(lang);
	for (char *p = tag; *p; p++)
		if (*p == '_')
			*p = '-';
	if (S_bcp47(tag))
		return tag;
	galley_diag_report(b->diag, GALLEY_DIAG_WARNING, 0,
	                   "language '%s' is not a BCP 47 tag: 'en' is used", lang);
	free(tag);
	return galley_xstrdup("en");
}

static int S_plan(struct epub_book *b)
{
	for (galley_node *n = galley_node_first_child(b->doc); n; n = galley_node_next(n))
		if (galley_node_get_type(n) == GALLEY_NODE_ARTICLE)
			b->n_arts++;
	if (b->n_arts == 0) {
		galley_diag_report(b->diag, GALLEY_DIAG_ERROR, 0, "no article to write");
		return -1;
	}
	b->arts = galley_xcalloc(b->n_arts, sizeof *b->arts);
	size_t i = 0;
	for (galley_node *n = galley_node_first_child(b->doc); n; n = galley_node_next(n)) {
		if (galley_node_get_type(n) != GALLEY_NODE_ARTICLE)
			continue;
		struct epub_article *a = &b->arts[i++];
		a->node = n;
		a->href = galley_xasprintf("a%03zu.xhtml", i);
		a->title = S_title(galley_article_get(n, GALLEY_META_TITLE), "Untitled");
		a->lang = S_lang(b, galley_article_get(n, GALLEY_META_LANG));
	}
	b->lang = b->arts[0].lang;
	if (epub_book_is_digest(b)) {
		/* --title, else the document's own (a feed's), else "Digest" and
		 * the date, as the PDF writes it */
		char *date = epub_date_valid(galley_document_get_date(b->doc));
		b->date = date ? date : galley_xstrdup(b->today);
		const char *title = b->opts->title && *b->opts->title ? b->opts->title
		                  : galley_document_get_title(b->doc);
		b->title = galley_digest_title(b->doc, b->opts->title);
		b->title_given = title && *title;
	} else {
		b->title = galley_xstrdup(b->arts[0].title);
		b->date = epub_date_valid(galley_article_get(b->arts[0].node, GALLEY_META_DATE));
	}
	return 0;
}

/* Zip and manifest order: by group, then in the order added. */
static int S_by_group(const void *x, const void *y)
{
	const struct epub_file *a = x, *b = y;
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void S_free(struct epub_book *b)
{
	for (size_t i = 0; i < b->n_arts; i++) {
		struct epub_article *a = &b->arts[i];
		for (size_t j = 0; j < a->n_heads; j++) {
			free(a->heads[j].id);
			free(a->heads[j].text);
		}
		free(a->heads);
		free(a->href);
		free(a->title);
		free(a->lang);
	}
	free(b->arts);
	for (size_t i = 0; i < b->n_files; i++) {
		free(b->files[i].href);
		free(b->files[i].id);
		free(b->files[i].data);
	}
	free(b->files);
	epub_spool_free(b);
	if (b->id_sum)
		g_checksum_free(b->id_sum);
	epub_image_free(b);
	free(b->title);
	free(b->date);
}

/* The XHTML of article A, its blocks brought back while it is written
 * when the document stowed them (a long digest, stow.c). */
static int S_article(struct epub_book *b, struct epub_article *a)
{
	int got = galley_article_load(a->node);
	if (got < 0) {
		galley_diag_report(b->diag, GALLEY_DIAG_SYSERR, 0, "cannot read an article back "
		                   "from the temporary spool: %s", strerror(errno ? errno : EIO));
		return -1;
	}
	int rc = epub_xhtml_article(b, a);
	if (got > 0)
		galley_article_unload(a->node);
	return rc;
}

int galley_render_epub(galley_node *doc, const galley_layout *layout,
                       const galley_options *opts, const char *path, galley_diag *diag)
{
	static const galley_options defaults = {0};
	if (!doc || galley_node_get_type(doc) != GALLEY_NODE_DOCUMENT || !path) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "EPUB: no document to write");
		return -1;
	}
	struct epub_book b = {0};
	b.doc = doc;
	b.layout = layout;
	b.opts = opts ? opts : &defaults;
	b.diag = diag;
	galley_layout *own = NULL;
	if (!layout) {
		/* the CSS and the cover follow the default layout when none is
		 * given; without one they fall back on plain built-in styles */
		galley_diag *quiet = galley_diag_new(NULL);
		galley_diag_set_quiet(quiet, 1);
		b.layout = own = galley_layout_load(NULL, quiet);
		galley_diag_free(quiet);
	}
	S_time(&b);
	int rc = S_plan(&b);
	if (rc == 0)
		epub_opf_identifier_start(&b);
	for (size_t i = 0; rc == 0 && i < b.n_arts; i++)
		rc = S_article(&b, &b.arts[i]);
	if (rc == 0) {
		/* the identifier hashes the articles and images, so it comes
		 * before the parts that quote it */
		epub_opf_identifier(&b);
		rc = epub_css_add(&b);
	}
	if (rc == 0)
		rc = epub_cover_add(&b);
	if (rc == 0)
		rc = epub_nav_add(&b);
	if (rc == 0) {
		size_t opf_len;
		qsort(b.files, b.n_files, sizeof *b.files, S_by_group);
		char *opf = epub_opf(&b, &opf_len);
		rc = epub_package_write(&b, path, opf, opf_len);
	}
	S_free(&b);
	galley_layout_free(own);
	return rc;
}
