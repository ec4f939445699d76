/* epub_nav.c — the navigation document (contents, landmarks) and the EPUB 2 NCX that mirrors it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "epub.h"

#define W(s) BAD_CAST (s)

/* The headings the navigation lists for an article: those of its top
 * level (the smallest level it uses), so the contents have two levels. */
static int S_top_level(const struct epub_article *a)
{
	int top = 5;
	for (size_t i = 0; i < a->n_heads; i++)
		if (a->heads[i].level < top)
			top = a->heads[i].level;
	return top;
}

static int S_listed(const struct epub_heading *h, int top)
{
	return h->level == top && h->text && *h->text;
}

static void S_link(xmlTextWriterPtr w, const char *href, const char *text, const char *type)
{
	xmlTextWriterStartElement(w, W("a"));
	epub_xml_attr(w, "epub:type", type);
	epub_xml_attr(w, "href", href);
	xmlTextWriterWriteString(w, W(text));
	xmlTextWriterEndElement(w);
}

static void S_toc_article(xmlTextWriterPtr w, const struct epub_article *a)
{
	xmlTextWriterStartElement(w, W("li"));
	S_link(w, a->href, a->title, NULL);
	int top = S_top_level(a);
	int open = 0;
	for (size_t i = 0; i < a->n_heads; i++) {
		const struct epub_heading *h = &a->heads[i];
		if (!S_listed(h, top))
			continue;
		if (!open++)
			xmlTextWriterStartElement(w, W("ol"));
		char *href = galley_xasprintf("%s#%s", a->href, h->id);
		xmlTextWriterStartElement(w, W("li"));
		S_link(w, href, h->text, NULL);
		xmlTextWriterEndElement(w);
		free(href);
	}
	if (open)
		xmlTextWriterEndElement(w);
	xmlTextWriterEndElement(w);
}

static void S_landmarks(struct epub_book *b, xmlTextWriterPtr w)
{
	xmlTextWriterStartElement(w, W("nav"));
	epub_xml_attr(w, "epub:type", "landmarks");
	epub_xml_attr(w, "id", "landmarks");
	epub_xml_attr(w, "hidden", "hidden");
	epub_xml_element(w, "h2", "Landmarks");
	xmlTextWriterStartElement(w, W("ol"));
	if (b->has_cover) {
		xmlTextWriterStartElement(w, W("li"));
		S_link(w, "cover.xhtml", "Cover", "cover");
		xmlTextWriterEndElement(w);
	}
	/* a link into a file outside the spine is an error (RSC-011) */
	if (epub_book_is_digest(b)) {
		xmlTextWriterStartElement(w, W("li"));
		S_link(w, "nav.xhtml#toc", "Contents", "toc");
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterStartElement(w, W("li"));
	S_link(w, b->arts[0].href, "Start", "bodymatter");
	xmlTextWriterEndElement(w);
	xmlTextWriterEndElement(w);
	xmlTextWriterEndElement(w);
}

static char *S_nav(struct epub_book *b, size_t *len)
{
	xmlBufferPtr buf;
	xmlTextWriterPtr w = epub_xml_open(&buf);
	xmlTextWriterSetIndent(w, 1);
	epub_xml_xhtml_start(w, b->lang, b->title, "style.css");
	xmlTextWriterStartElement(w, W("nav"));
	epub_xml_attr(w, "epub:type", "toc");
	/* assistive technology reads the ARIA role, not epub:type */
	epub_xml_attr(w, "role", "doc-toc");
	epub_xml_attr(w, "id", "toc");
	epub_xml_element(w, "h1", epub_book_is_digest(b) ? b->title : "Contents");
	xmlTextWriterStartElement(w, W("ol"));
	for (size_t i = 0; i < b->n_arts; i++)
		S_toc_article(w, &b->arts[i]);
	xmlTextWriterEndElement(w);
	xmlTextWriterEndElement(w);
	S_landmarks(b, w);
	return epub_xml_close(w, buf, len);
}

/* ------------------------------------------------------------------ NCX */

static void S_nav_point_start(xmlTextWriterPtr w, size_t *order, const char *label,
                              const char *src)
{
	char id[32], num[32];
	snprintf(id, sizeof id, "np%zu", ++*order);
	snprintf(num, sizeof num, "%zu", *order);
	xmlTextWriterStartElement(w, W("navPoint"));
	epub_xml_attr(w, "id", id);
	epub_xml_attr(w, "playOrder", num);
	xmlTextWriterStartElement(w, W("navLabel"));
	epub_xml_element(w, "text", label);
	xmlTextWriterEndElement(w);
	xmlTextWriterStartElement(w, W("content"));
	epub_xml_attr(w, "src", src);
	xmlTextWriterEndElement(w);
}

static void S_ncx_article(xmlTextWriterPtr w, size_t *order, const struct epub_article *a)
{
	S_nav_point_start(w, order, a->title, a->href);
	int top = S_top_level(a);
	for (size_t i = 0; i < a->n_heads; i++) {
		const struct epub_heading *h = &a->heads[i];
		if (!S_listed(h, top))
			continue;
		char *src = galley_xasprintf("%s#%s", a->href, h->id);
		S_nav_point_start(w, order, h->text, src);
		xmlTextWriterEndElement(w);
		free(src);
	}
	xmlTextWriterEndElement(w);
}

static void S_ncx_meta(xmlTextWriterPtr w, const char *name, const char *content)
{
	xmlTextWriterStartElement(w, W("meta"));
	epub_xml_attr(w, "name", name);
	epub_xml_attr(w, "content", content);
	xmlTextWriterEndElement(w);
}

char *epub_ncx(struct epub_book *b, size_t *len)
{
	int depth = 1;
	for (size_t i = 0; i < b->n_arts && depth == 1; i++) {
		int top = S_top_level(&b->arts[i]);
		for (size_t j = 0; j < b->arts[i].n_heads; j++)
			if (S_listed(&b->arts[i].heads[j], top))
				depth = 2;
	}
	xmlBufferPtr buf;
	xmlTextWriterPtr w = epub_xml_open(&buf);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterStartElement(w, W("ncx"));
	epub_xml_attr(w, "xmlns", "http://www.daisy.org/z3986/2005/ncx/");
	epub_xml_attr(w, "version", "2005-1");
	epub_xml_attr(w, "xml:lang", b->lang);
	xmlTextWriterStartElement(w, W("head"));
	S_ncx_meta(w, "dtb:uid", b->uuid);
	S_ncx_meta(w, "dtb:depth", depth == 2 ? "2" : "1");
	S_ncx_meta(w, "dtb:totalPageCount", "0");
	S_ncx_meta(w, "dtb:maxPageNumber", "0");
	xmlTextWriterEndElement(w);
	xmlTextWriterStartElement(w, W("docTitle"));
	epub_xml_element(w, "text", b->title);
	xmlTextWriterEndElement(w);
	xmlTextWriterStartElement(w, W("navMap"));
	size_t order = 0;
	for (size_t i = 0; i < b->n_arts; i++)
		S_ncx_article(w, &order, &b->arts[i]);
	return epub_xml_close(w, buf, len);
}

int epub_nav_add(struct epub_book *b)
{
	size_t len;
	char *nav = S_nav(b, &len);
	epub_book_add(b, EPUB_GROUP_NAV, "nav.xhtml", "nav", "application/xhtml+xml", "nav",
	              nav, len);
	char *ncx = epub_ncx(b, &len);
	epub_book_add(b, EPUB_GROUP_NAV, "toc.ncx", "ncx", "application/x-dtbncx+xml", NULL,
	              ncx, len);
	return 0;
}
