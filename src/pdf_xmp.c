/* pdf_xmp.c — the XMP metadata packet of a PDF, written from the same
 * values as its Info dictionary (PDF/A asks the two to agree). */
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

/* TEXT escaped for XML character data and attribute values. */
static void S_esc(galley_buf *b, const char *text)
{
	for (const char *p = text; *p; p++) {
		switch (*p) {
		case '&': galley_buf_puts(b, "&amp;"); break;
		case '<': galley_buf_puts(b, "&lt;"); break;
		case '>': galley_buf_puts(b, "&gt;"); break;
		case '"': galley_buf_puts(b, "&quot;"); break;
		default: galley_buf_putc(b, *p);
		}
	}
}

/* <NAME>TEXT</NAME> when TEXT is set; WRAP "Alt"/"Seq" puts it in an RDF
 * container (a language alternative gets x-default). */
static void S_prop(galley_buf *b, const char *name, const char *wrap, const char *text)
{
	if (!text || !*text)
		return;
	galley_buf_puts(b, "   <");
	galley_buf_puts(b, name);
	galley_buf_puts(b, ">");
	if (wrap) {
		galley_buf_puts(b, strcmp(wrap, "Alt") == 0 ? "<rdf:Alt><rdf:li xml:lang=\"x-default\">"
		                                           : "<rdf:Seq><rdf:li>");
	}
	S_esc(b, text);
	if (wrap)
		galley_buf_puts(b, strcmp(wrap, "Alt") == 0 ? "</rdf:li></rdf:Alt>"
		                                           : "</rdf:li></rdf:Seq>");
	galley_buf_puts(b, "</");
	galley_buf_puts(b, name);
	galley_buf_puts(b, ">\n");
}

/* PDF/A-2 accepts only the schemas it predefines, or ones the packet
 * describes: pdfuaid is not predefined, so it is described here. */
static const char S_pdfuaid_schema[] =
	"   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
	"    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
	"    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
	"    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
	"    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
	"     <pdfaProperty:name>part</pdfaProperty:name>\n"
	"     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
	"     <pdfaProperty:category>internal</pdfaProperty:category>\n"
	"     <pdfaProperty:description>Indicates, which part of ISO 14289 standard is "
	"followed</pdfaProperty:description>\n"
	"    </rdf:li></rdf:Seq></pdfaSchema:property>\n"
	"   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n";

char *galley_pdf_xmp(const struct pdf_xmp *m)
{
	galley_buf b = GALLEY_BUF_INIT;
	galley_buf_puts(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	                    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	                    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	                    "  <rdf:Description rdf:about=\"\"\n"
	                    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	                    "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	                    "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	                    "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
	                    "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n"
	                    "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
	                    "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
	                    "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
	                    "   <dc:format>application/pdf</dc:format>\n");
	S_prop(&b, "dc:title", "Alt", m->title);
	/* PDF/A: the Author entry is dc:creator's one item, as written */
	S_prop(&b, "dc:creator", "Seq", m->author);
	S_prop(&b, "dc:description", "Alt", m->subject);
	if (m->lang && *m->lang) {
		galley_buf_puts(&b, "   <dc:language><rdf:Bag><rdf:li>");
		S_esc(&b, m->lang);
		galley_buf_puts(&b, "</rdf:li></rdf:Bag></dc:language>\n");
	}
	S_prop(&b, "pdf:Keywords", NULL, m->keywords);
	S_prop(&b, "pdf:Producer", NULL, m->producer);
	S_prop(&b, "xmp:CreatorTool", NULL, m->creator);
	S_prop(&b, "xmp:CreateDate", NULL, m->date);
	S_prop(&b, "xmp:ModifyDate", NULL, m->date);
	S_prop(&b, "xmp:MetadataDate", NULL, m->date);
	if (m->pdfa) {
		galley_buf_puts(&b, "   <pdfaid:part>2</pdfaid:part>\n"
		                    "   <pdfaid:conformance>U</pdfaid:conformance>\n");
	}
	galley_buf_puts(&b, "   <pdfuaid:part>1</pdfuaid:part>\n");
	galley_buf_puts(&b, S_pdfuaid_schema);
	galley_buf_puts(&b, "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n"
	                    "<?xpacket end=\"w\"?>");
	return galley_buf_detach(&b);
}
