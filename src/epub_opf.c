/* epub_opf.c — the package document: content-derived identifier, metadata (with accessibility), manifest, spine. */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "epub.h"

#define W(s) BAD_CAST (s)

/* The namespace of galley's UUIDv5 identifiers (RFC 4122, 4.3): the URL
 * namespace's UUIDv5 of "https://galley.invalid/epub". */
static const unsigned char S_namespace[16] = {
	0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
	0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8
};

void epub_opf_identifier_start(struct epub_book *b)
{
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA1);
	g_checksum_update(sum, S_namespace, sizeof S_namespace);
	/* the name hashed is the content: articles, images and a digest's
	 * given title; not the build time (nor the default title, which holds
	 * the date), so the same input gives the same identifier */
	if (b->title_given)
		g_checksum_update(sum, (const guchar *)b->title, (gssize)strlen(b->title) + 1);
	b->id_sum = sum;
}

/* Hashed as each part is added, in that order: a long book's articles
 * are not held until the end (epub_spool.c). */
void epub_opf_identifier_add(struct epub_book *b, const struct epub_file *f)
{
	if (!b->id_sum || (f->group != EPUB_GROUP_TEXT && f->group != EPUB_GROUP_IMAGE))
		return;
	g_checksum_update(b->id_sum, (const guchar *)f->href, (gssize)strlen(f->href) + 1);
	g_checksum_update(b->id_sum, (const guchar *)f->data, (gssize)f->len);
}

void epub_opf_identifier(struct epub_book *b)
{
	if (!b->id_sum)
		epub_opf_identifier_start(b);
	GChecksum *sum = b->id_sum;
	b->id_sum = NULL;
	guint8 d[20];
	gsize n = sizeof d;
	g_checksum_get_digest(sum, d, &n);
	g_checksum_free(sum);
	d[6] = (guint8)((d[6] & 0x0f) | 0x50);  /* version 5 */
	d[8] = (guint8)((d[8] & 0x3f) | 0x80);  /* RFC 4122 variant */
	snprintf(b->uuid, sizeof b->uuid,
	         "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
	         d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11],
	         d[12], d[13], d[14], d[15]);
}

static void S_meta(xmlTextWriterPtr w, const char *property, const char *value)
{
	xmlTextWriterStartElement(w, W("meta"));
	epub_xml_attr(w, "property", property);
	xmlTextWriterWriteString(w, W(value));
	xmlTextWriterEndElement(w);
}

/* The name in an article's author box, when it has one (malloc'd). */
static char *S_author_box_name(galley_node *article)
{
	for (galley_node *n = galley_node_first_child(article); n; n = galley_node_next(n)) {
		if (galley_node_get_type(n) != GALLEY_NODE_AUTHOR_BOX)
			continue;
		for (galley_node *c = galley_node_first_child(n); c; c = galley_node_next(c))
			if (galley_node_get_type(c) == GALLEY_NODE_AUTHOR_NAME) {
				char *s = galley_collapse_space(galley_trim(galley_node_text(c)));
				if (*s)
					return s;
				free(s);
			}
	}
	return NULL;
}

static void S_creator(xmlTextWriterPtr w, size_t *count, const char *name)
{
	char id[32];
	snprintf(id, sizeof id, "creator%zu", ++*count);
	xmlTextWriterStartElement(w, W("dc:creator"));
	epub_xml_attr(w, "id", id);
	xmlTextWriterWriteString(w, W(name));
	xmlTextWriterEndElement(w);
	char ref[40];
	snprintf(ref, sizeof ref, "#%s", id);
	xmlTextWriterStartElement(w, W("meta"));
	epub_xml_attr(w, "refines", ref);
	epub_xml_attr(w, "property", "role");
	epub_xml_attr(w, "scheme", "marc:relators");
	xmlTextWriterWriteString(w, W("aut"));
	xmlTextWriterEndElement(w);
}

/* Each distinct author of the book, in order. */
static void S_creators(struct epub_book *b, xmlTextWriterPtr w)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	size_t count = 0;
	for (size_t i = 0; i < b->n_arts; i++) {
		galley_node *a = b->arts[i].node;
		size_t n = galley_article_author_count(a);
		for (size_t j = 0; j < n; j++) {
			const char *name = galley_article_get_author(a, j);
			if (name && *name && g_hash_table_add(seen, (gpointer)name))
				S_creator(w, &count, name);
		}
		if (n == 0 && !epub_book_is_digest(b)) {
			char *name = S_author_box_name(a);
			if (name)
				S_creator(w, &count, name);
			free(name);
		}
	}
	g_hash_table_destroy(seen);
}

static void S_languages(struct epub_book *b, xmlTextWriterPtr w)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	for (size_t i = 0; i < b->n_arts; i++)
		if (g_hash_table_add(seen, (gpointer)b->arts[i].lang))
			epub_xml_element(w, "dc:language", b->arts[i].lang);
	g_hash_table_destroy(seen);
}

/* EPUB Accessibility 1.1 metadata, true for what galley writes: reflowable
 * text with headings that never skip a level, a table of contents with
 * role doc-toc, and images only as copied from the input, with their
 * alternative text when the input gave one.  A book with an image that
 * has none does not claim WCAG conformance. */
static void S_accessibility(struct epub_book *b, xmlTextWriterPtr w)
{
	if (!b->missing_alt)
		S_meta(w, "dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");
	S_meta(w, "schema:accessMode", "textual");
	if (b->n_images)
		S_meta(w, "schema:accessMode", "visual");
	/* text alone suffices unless an image has no text alternative */
	S_meta(w, "schema:accessModeSufficient", b->missing_alt ? "textual,visual" : "textual");
	S_meta(w, "schema:accessibilityFeature", "structuralNavigation");
	S_meta(w, "schema:accessibilityFeature", "tableOfContents");
	S_meta(w, "schema:accessibilityFeature", "readingOrder");
	S_meta(w, "schema:accessibilityFeature", "displayTransformability");
	if (b->n_images && !b->missing_alt)
		S_meta(w, "schema:accessibilityFeature", "alternativeText");
	S_meta(w, "schema:accessibilityHazard", "none");
	S_meta(w, "schema:accessibilitySummary",
	       b->n_images && b->missing_alt
	       ? "Reflowable text with headings and a table of contents. "
	         "Some images have no text alternative."
	       : "Reflowable text with headings and a table of contents. "
	         "The cover repeats the title in text; every image has a text alternative.");
}

static void S_metadata(struct epub_book *b, xmlTextWriterPtr w)
{
	xmlTextWriterStartElement(w, W("metadata"));
	epub_xml_attr(w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	xmlTextWriterStartElement(w, W("dc:identifier"));
	epub_xml_attr(w, "id", "uid");
	xmlTextWriterWriteString(w, W(b->uuid));
	xmlTextWriterEndElement(w);
	epub_xml_element(w, "dc:title", b->title);
	S_creators(b, w);
	S_languages(b, w);
	if (b->date)
		epub_xml_element(w, "dc:date", b->date);
	if (!epub_book_is_digest(b)) {
		galley_node *a = b->arts[0].node;
		const char *pub = galley_article_get(a, GALLEY_META_PUBLISHER);
		const char *src = galley_article_get(a, GALLEY_META_SOURCE);
		const char *sub = galley_article_get(a, GALLEY_META_SUBTITLE);
		if (pub && *pub)
			epub_xml_element(w, "dc:publisher", pub);
		if (src && *src)
			epub_xml_element(w, "dc:source", src);
		if (sub && *sub)
			epub_xml_element(w, "dc:description", sub);
	}
	S_meta(w, "dcterms:modified", b->modified);
	S_accessibility(b, w);
	if (b->n_fonts)
		/* Apple Books uses embedded fonts only when told so */
		S_meta(w, "ibooks:specified-fonts", "true");
	if (b->has_cover) {
		/* EPUB 2 readers (older Kindles among them) find the cover here */
		xmlTextWriterStartElement(w, W("meta"));
		epub_xml_attr(w, "name", "cover");
		epub_xml_attr(w, "content", "cover-image");
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
}

static void S_manifest(struct epub_book *b, xmlTextWriterPtr w)
{
	xmlTextWriterStartElement(w, W("manifest"));
	for (size_t i = 0; i < b->n_files; i++) {
		const struct epub_file *f = &b->files[i];
		xmlTextWriterStartElement(w, W("item"));
		epub_xml_attr(w, "id", f->id);
		epub_xml_attr(w, "href", f->href);
		epub_xml_attr(w, "media-type", f->media_type);
		epub_xml_attr(w, "properties", f->properties);
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
}

static void S_itemref(xmlTextWriterPtr w, const char *idref, const char *linear)
{
	xmlTextWriterStartElement(w, W("itemref"));
	epub_xml_attr(w, "idref", idref);
	epub_xml_attr(w, "linear", linear);
	xmlTextWriterEndElement(w);
}

static void S_spine(struct epub_book *b, xmlTextWriterPtr w)
{
	xmlTextWriterStartElement(w, W("spine"));
	epub_xml_attr(w, "toc", "ncx");
	if (epub_lang_rtl(b->lang))
		epub_xml_attr(w, "page-progression-direction", "rtl");
	if (b->has_cover)
		S_itemref(w, "cover", NULL);
	/* a digest opens on its contents; one article leaves them out of the
	 * spine (a non-linear item would need a link from the reading order:
	 * epubcheck 5, OPF-096) */
	if (epub_book_is_digest(b))
		S_itemref(w, "nav", NULL);
	for (size_t i = 0; i < b->n_files; i++)
		if (b->files[i].group == EPUB_GROUP_TEXT)
			S_itemref(w, b->files[i].id, NULL);
	xmlTextWriterEndElement(w);
}

static void S_reference(xmlTextWriterPtr w, const char *type, const char *title,
                        const char *href)
{
	xmlTextWriterStartElement(w, W("reference"));
	epub_xml_attr(w, "type", type);
	epub_xml_attr(w, "title", title);
	epub_xml_attr(w, "href", href);
	xmlTextWriterEndElement(w);
}

/* The EPUB 2 guide: Kindle uses it to find the cover and where to start. */
static void S_guide(struct epub_book *b, xmlTextWriterPtr w)
{
	xmlTextWriterStartElement(w, W("guide"));
	if (b->has_cover)
		S_reference(w, "cover", "Cover", "cover.xhtml");
	S_reference(w, "toc", "Contents", "nav.xhtml");
	S_reference(w, "text", "Start", b->arts[0].href);
	xmlTextWriterEndElement(w);
}

char *epub_opf(struct epub_book *b, size_t *len)
{
	xmlBufferPtr buf;
	xmlTextWriterPtr w = epub_xml_open(&buf);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterStartElement(w, W("package"));
	epub_xml_attr(w, "xmlns", "http://www.idpf.org/2007/opf");
	epub_xml_attr(w, "version", "3.0");
	epub_xml_attr(w, "unique-identifier", "uid");
	epub_xml_attr(w, "xml:lang", b->lang);
	if (b->n_fonts)
		epub_xml_attr(w, "prefix", "ibooks: http://vocabulary.itunes.apple.com/rdf/ibooks/"
		              "vocabulary-extensions-1.0/");
	S_metadata(b, w);
	S_manifest(b, w);
	S_spine(b, w);
	S_guide(b, w);
	return epub_xml_close(w, buf, len);
}
