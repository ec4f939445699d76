/* epub_xhtml.c — one article as a semantic XHTML content document, written with libxml2's writer. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "epub.h"
#include "image_alt.h"

struct xhtml_state {
	struct epub_book *book;
	struct epub_article *art;
	xmlTextWriterPtr w;
	size_t cap_heads;
	int rank[5];          /* heading level 2..4 -> its rank among those used */
	int last;             /* level of the last heading written (1: the title) */
};

#define W(s) BAD_CAST (s)

static void S_start(struct xhtml_state *s, const char *name, const char *cls)
{
	xmlTextWriterStartElement(s->w, W(name));
	epub_xml_attr(s->w, "class", cls);
}

/* Close the open element as <x></x>: reading systems that treat the file
 * as HTML misread <p/>. */
static void S_end(struct xhtml_state *s)
{
	xmlTextWriterFullEndElement(s->w);
}

static void S_newline(struct xhtml_state *s)
{
	xmlTextWriterWriteRaw(s->w, W("\n"));
}

/* Bytes that may stand in an href as they are; the rest is %-escaped. */
static int S_url_safe(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       strchr("-._~:/?#@!$&'()*+,;=%", c) != NULL;
}

static int S_has_scheme(const char *url, const char *scheme)
{
	size_t n = strlen(scheme);
	return strncasecmp(url, scheme, n) == 0 && url[n] == ':';
}

/* 1 if AFTER_SCHEME is "://" and a host of plain host characters (a
 * space or a quote there makes a URL that no escaping repairs). */
static int S_host_ok(const char *after_scheme)
{
	if (strncmp(after_scheme, "://", 3) != 0)
		return 0;
	const char *host = after_scheme + 3;
	size_t n = strcspn(host, "/?#");
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)host[i]) && !strchr(".-_~:@[]%", host[i]) &&
		    (unsigned char)host[i] < 0x80)
			return 0;
	return 1;
}

char *epub_xhtml_link_href(const char *url)
{
	if (!url)
		return NULL;
	while (*url == ' ' || *url == '\t')
		url++;
	/* only absolute web and mail links: a relative one would point at a
	 * file that is not in the package (epubcheck RSC-007) */
	if (!S_has_scheme(url, "http") && !S_has_scheme(url, "https") &&
	    !S_has_scheme(url, "mailto"))
		return NULL;
	const char *colon = strchr(url, ':');
	if (colon[1] == '\0' || (!S_has_scheme(url, "mailto") && !S_host_ok(colon)))
		return NULL;
	galley_buf b = GALLEY_BUF_INIT;
	size_t len = strlen(url);
	while (len && (url[len - 1] == ' ' || url[len - 1] == '\t'))
		len--;
	int hash = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)url[i];
		/* a second '#' is not a URL character */
		int bad_hash = c == '#' && hash++;
		int bad_pct = c == '%' && !(i + 2 < len && isxdigit((unsigned char)url[i + 1]) &&
		                            isxdigit((unsigned char)url[i + 2]));
		if (S_url_safe(c) && !bad_pct && !bad_hash) {
			galley_buf_putc(&b, (char)c);
		} else {
			char esc[4];
			snprintf(esc, sizeof esc, "%%%02X", c);
			galley_buf_put(&b, esc, 3);
		}
	}
	return galley_buf_detach(&b);
}

/* Heading levels as written: the levels an article uses, in order, become
 * h2, h3, h4 under its h1 title, and no heading is more than one level
 * below the one before it (EPUB Accessibility: headings never skip). */
static void S_rank_levels(struct xhtml_state *s, galley_node *article)
{
	int used[5] = {0};
	galley_iter *it = galley_iter_new(article);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *n = galley_iter_get_node(it);
		if (ev == GALLEY_EVENT_ENTER && galley_node_get_type(n) == GALLEY_NODE_HEADING) {
			int l = galley_node_get_heading_level(n);
			used[l < 2 || l > 4 ? 2 : l] = 1;
		}
	}
	galley_iter_free(it);
	for (int l = 2, r = 2; l <= 4; l++) {
		s->rank[l] = r;
		r += used[l];
	}
	s->last = 1;
}

static void S_heading(struct xhtml_state *s, galley_node *n)
{
	static const char *const names[] = {"h2", "h2", "h2", "h3", "h4"};
	int source = galley_node_get_heading_level(n);
	int level = s->rank[source < 2 || source > 4 ? 2 : source];
	if (level > s->last + 1)
		level = s->last + 1;
	s->last = level;
	struct epub_article *a = s->art;
	char id[32];
	snprintf(id, sizeof id, "s%zu", a->n_heads + 1);
	S_start(s, names[level], NULL);
	epub_xml_attr(s->w, "id", id);
	/* the navigation lists the headings of the article's top level */
	if (a->n_heads == s->cap_heads) {
		s->cap_heads = s->cap_heads ? 2 * s->cap_heads : 8;
		a->heads = galley_xrealloc(a->heads, s->cap_heads * sizeof *a->heads);
	}
	char *text = galley_node_text(n);
	a->heads[a->n_heads].id = galley_xstrdup(id);
	a->heads[a->n_heads].text = galley_collapse_space(galley_trim(text));
	a->heads[a->n_heads].level = level;
	a->n_heads++;
}

static void S_link(struct xhtml_state *s, galley_node *n)
{
	char *href = epub_xhtml_link_href(galley_node_get_url(n));
	if (!href) {
		S_start(s, "span", "link");
		return;
	}
	S_start(s, "a", NULL);
	epub_xml_attr(s->w, "href", href);
	const char *title = galley_node_get_title(n);
	if (title && *title)
		epub_xml_attr(s->w, "title", title);
	free(href);
}

static void S_image(struct xhtml_state *s, galley_node *n)
{
	const char *href = epub_image_add(s->book, galley_node_get_url(n),
	                                  galley_node_get_line(n));
	const char *alt = galley_node_get_title(n);
	if (!href) {   /* left out: its description stands in its place */
		char *text = galley_image_stand_in(n);
		if (text) {
			S_start(s, "span", "image-left-out");
			xmlTextWriterWriteString(s->w, W(text));
			S_end(s);
		}
		free(text);
		return;
	}
	if (!alt || !*alt)
		s->book->missing_alt = 1;
	xmlTextWriterStartElement(s->w, W("img"));
	epub_xml_attr(s->w, "src", href);
	epub_xml_attr(s->w, "alt", alt ? alt : "");
	xmlTextWriterEndElement(s->w);
}

/* Leaves: they give ENTER only. */
static void S_leaf(struct xhtml_state *s, galley_node *n)
{
	switch (galley_node_get_type(n)) {
	case GALLEY_NODE_TEXT:
		xmlTextWriterWriteString(s->w, W(galley_node_get_literal(n) ? galley_node_get_literal(n) : ""));
		break;
	case GALLEY_NODE_CODE:
		S_start(s, "code", NULL);
		xmlTextWriterWriteString(s->w, W(galley_node_get_literal(n) ? galley_node_get_literal(n) : ""));
		S_end(s);
		break;
	case GALLEY_NODE_CODE_BLOCK:
		S_start(s, "pre", NULL);
		xmlTextWriterWriteString(s->w, W(galley_node_get_literal(n) ? galley_node_get_literal(n) : ""));
		S_end(s);
		S_newline(s);
		break;
	case GALLEY_NODE_IMAGE:
		S_image(s, n);
		break;
	case GALLEY_NODE_SEPARATOR:
		xmlTextWriterStartElement(s->w, W("hr"));
		xmlTextWriterEndElement(s->w);
		S_newline(s);
		break;
	case GALLEY_NODE_LINEBREAK:
		xmlTextWriterStartElement(s->w, W("br"));
		xmlTextWriterEndElement(s->w);
		break;
	case GALLEY_NODE_NOTEREF:
		epub_noteref(s->w, n);
		break;
	default:
		break;
	}
}

/* A figure whose image is left out keeps its caption and the image's
 * description; with none of them it is dropped whole.  Returns 1 if the figure is written.  (The image is
 * looked up once: epub_image_add remembers each source.) */
static int S_figure_has_content(struct xhtml_state *s, galley_node *fig)
{
	for (galley_node *c = galley_node_first_child(fig); c; c = galley_node_next(c)) {
		if (galley_node_get_type(c) == GALLEY_NODE_CAPTION)
			return 1;
		const char *alt = galley_node_get_title(c);
		if (galley_node_get_type(c) == GALLEY_NODE_IMAGE && alt && *alt)
			return 1;   /* its description stands in for it */
		if (galley_node_get_type(c) == GALLEY_NODE_IMAGE &&
		    epub_image_add(s->book, galley_node_get_url(c), galley_node_get_line(c)))
			return 1;
	}
	return 0;
}

/* Containers on ENTER; returns 0 to skip the children. */
static int S_enter(struct xhtml_state *s, galley_node *n)
{
	switch (galley_node_get_type(n)) {
	case GALLEY_NODE_HEADING: S_heading(s, n); break;
	case GALLEY_NODE_PARAGRAPH: S_start(s, "p", NULL); break;
	case GALLEY_NODE_BLOCKQUOTE: S_start(s, "blockquote", NULL); S_newline(s); break;
	case GALLEY_NODE_CITE: S_start(s, "footer", NULL); S_start(s, "cite", NULL); break;
	case GALLEY_NODE_PULLQUOTE:
		S_start(s, "aside", "pullquote");
		epub_xml_attr(s->w, "epub:type", "pullquote");
		/* assistive technology reads the ARIA role, not epub:type */
		epub_xml_attr(s->w, "role", "doc-pullquote");
		S_start(s, "p", NULL);
		break;
	case GALLEY_NODE_LIST:
		S_start(s, galley_node_get_list_ordered(n) ? "ol" : "ul", NULL);
		S_newline(s);
		break;
	case GALLEY_NODE_ITEM: S_start(s, "li", NULL); break;
	case GALLEY_NODE_FIGURE:
		if (!S_figure_has_content(s, n))
			return 0;
		S_start(s, "figure", NULL);
		break;
	case GALLEY_NODE_CAPTION: S_start(s, "figcaption", NULL); break;
	case GALLEY_NODE_AUTHOR_BOX: S_start(s, "aside", "author"); S_newline(s); break;
	case GALLEY_NODE_AUTHOR_NAME: S_start(s, "p", "author-name"); break;
	case GALLEY_NODE_AUTHOR_BIO: S_start(s, "div", "author-bio"); S_newline(s); break;
	case GALLEY_NODE_EMPH: S_start(s, "em", NULL); break;
	case GALLEY_NODE_STRONG: S_start(s, "strong", NULL); break;
	case GALLEY_NODE_LINK: S_link(s, n); break;
	default: return epub_table_notes_enter(s->w, n);
	}
	return 1;
}

static void S_exit(struct xhtml_state *s, galley_node *n)
{
	switch (galley_node_get_type(n)) {
	case GALLEY_NODE_CITE: case GALLEY_NODE_PULLQUOTE:
		S_end(s);
		S_end(s);
		break;
	default:
		S_end(s);
		break;
	}
	if (galley_node_is_block(n))
		S_newline(s);
}

static void S_body(struct xhtml_state *s, galley_node *article)
{
	galley_iter *it = galley_iter_new(article);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *n = galley_iter_get_node(it);
		if (n == article)
			continue;
		if (galley_node_is_leaf(n))
			S_leaf(s, n);
		else if (ev == GALLEY_EVENT_EXIT)
			S_exit(s, n);
		else if (!S_enter(s, n))
			galley_iter_reset(it, n, GALLEY_EVENT_EXIT);  /* skip the children */
	}
	galley_iter_free(it);
}

/* The title block: <h1>, standfirst, byline and date. */
static void S_header(struct xhtml_state *s, galley_node *article)
{
	xmlTextWriterStartElement(s->w, W("header"));
	S_newline(s);
	S_start(s, "h1", "title");
	xmlTextWriterWriteString(s->w, W(s->art->title));
	S_end(s);
	S_newline(s);
	const char *sub = galley_article_get(article, GALLEY_META_SUBTITLE);
	if (sub && *sub) {
		S_start(s, "p", "subtitle");
		xmlTextWriterWriteString(s->w, W(sub));
		S_end(s);
		S_newline(s);
	}
	const char *by = galley_article_get(article, GALLEY_META_BYLINE);
	if (by && *by) {
		S_start(s, "p", "byline");
		xmlTextWriterWriteString(s->w, W(by));
		S_end(s);
		S_newline(s);
	}
	const char *date = galley_article_get(article, GALLEY_META_DATE);
	if (date && *date) {
		char *iso = epub_date_valid(date);
		S_start(s, "p", "dateline");
		if (iso) {
			/* <time datetime> must hold a valid date: epubcheck checks it */
			xmlTextWriterStartElement(s->w, W("time"));
			epub_xml_attr(s->w, "datetime", iso);
		}
		/* shown as the PDF shows it: in full, as the article's language
		 * writes a date */
		char *shown = galley_long_date(date, galley_article_get(article, GALLEY_META_LANG));
		xmlTextWriterWriteString(s->w, W(shown ? shown : date));
		free(shown);
		if (iso)
			S_end(s);
		S_end(s);
		S_newline(s);
		free(iso);
	}
	S_end(s);
	S_newline(s);
}

/* Where the article came from, as the last line. */
static void S_source(struct xhtml_state *s, galley_node *article)
{
	const char *pub = galley_article_get(article, GALLEY_META_PUBLISHER);
	char *href = epub_xhtml_link_href(galley_article_get(article, GALLEY_META_SOURCE));
	if (!href && !(pub && *pub))
		return;
	S_start(s, "p", "source");
	if (href) {
		xmlTextWriterStartElement(s->w, W("a"));
		epub_xml_attr(s->w, "href", href);
	}
	xmlTextWriterWriteString(s->w, W(pub && *pub ? pub : href));
	if (href)
		S_end(s);
	S_end(s);
	S_newline(s);
	free(href);
}

int epub_xhtml_article(struct epub_book *b, struct epub_article *a)
{
	struct xhtml_state s = {b, a, NULL, 0, {0}, 1};
	S_rank_levels(&s, a->node);
	xmlBufferPtr buf;
	s.w = epub_xml_open(&buf);
	epub_xml_xhtml_start(s.w, a->lang, a->title, "style.css");
	epub_xml_attr(s.w, "epub:type", "bodymatter");
	S_newline(&s);
	xmlTextWriterStartElement(s.w, W("article"));
	epub_xml_attr(s.w, "id", "article");
	S_newline(&s);
	S_header(&s, a->node);
	S_body(&s, a->node);
	S_source(&s, a->node);
	size_t len;
	char *data = epub_xml_close(s.w, buf, &len);
	char id[32];
	snprintf(id, sizeof id, "text%zu", (size_t)(a - b->arts) + 1);
	epub_book_add(b, EPUB_GROUP_TEXT, a->href, id, "application/xhtml+xml", NULL, data, len);
	return 0;
}
