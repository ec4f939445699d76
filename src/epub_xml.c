/* epub_xml.c — the libxml2 writer set-up the EPUB documents share: memory buffers and the XHTML frame. */
#include <stdlib.h>
#include <string.h>

#include "epub.h"

xmlTextWriterPtr epub_xml_open(xmlBufferPtr *buf)
{
	*buf = xmlBufferCreateSize(8192);
	xmlTextWriterPtr w = *buf ? xmlNewTextWriterMemory(*buf, 0) : NULL;
	if (!w) {
		/* libxml2 only fails here when memory runs out */
		fputs("galley: out of memory\n", stderr);
		abort();
	}
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	return w;
}

char *epub_xml_close(xmlTextWriterPtr w, xmlBufferPtr buf, size_t *len)
{
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	size_t n = (size_t)xmlBufferLength(buf);
	char *data = galley_xmalloc(n + 1);
	memcpy(data, xmlBufferContent(buf), n);
	data[n] = '\0';
	xmlBufferFree(buf);
	*len = n;
	return data;
}

void epub_xml_attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	if (value)
		xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST value);
}

void epub_xml_element(xmlTextWriterPtr w, const char *name, const char *text)
{
	xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST (text ? text : ""));
}

void epub_xml_xhtml_start(xmlTextWriterPtr w, const char *lang, const char *title,
                          const char *css)
{
	xmlTextWriterWriteDTD(w, BAD_CAST "html", NULL, NULL, NULL);
	xmlTextWriterStartElement(w, BAD_CAST "html");
	epub_xml_attr(w, "xmlns", "http://www.w3.org/1999/xhtml");
	epub_xml_attr(w, "xmlns:epub", "http://www.idpf.org/2007/ops");
	epub_xml_attr(w, "lang", lang);
	epub_xml_attr(w, "xml:lang", lang);
	if (epub_lang_rtl(lang))
		epub_xml_attr(w, "dir", "rtl");
	xmlTextWriterStartElement(w, BAD_CAST "head");
	xmlTextWriterStartElement(w, BAD_CAST "meta");
	epub_xml_attr(w, "charset", "utf-8");
	xmlTextWriterEndElement(w);
	epub_xml_element(w, "title", title);
	if (css) {
		xmlTextWriterStartElement(w, BAD_CAST "link");
		epub_xml_attr(w, "rel", "stylesheet");
		epub_xml_attr(w, "type", "text/css");
		epub_xml_attr(w, "href", css);
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
	xmlTextWriterStartElement(w, BAD_CAST "body");
}
