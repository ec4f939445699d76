/* epub_table_notes.c — tables (caption, th scope) and footnotes (epub:type asides and noterefs) in the XHTML content documents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "epub.h"

#define W(s) BAD_CAST (s)

/* 1 if the text of a cell is a figure ("1,204", "-3.5", "12%", "$40"):
 * such a cell is set flush right, as figures are in print. */
int epub_cell_is_number(const galley_node *cell)
{
	char *text = galley_node_text(cell);
	int digits = 0, other = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" ,.%$+-()\xc2\xa0\xe2\x80\x92\x93\x94\x82\xac\xa3", *p))
			other++;
	}
	free(text);
	return digits > 0 && other == 0;
}

static void S_span(xmlTextWriterPtr w, const char *name, int span)
{
	if (span > 1)
		xmlTextWriterWriteFormatAttribute(w, W(name), "%d", span);
}

static void S_cell(xmlTextWriterPtr w, const galley_node *n)
{
	int th = galley_node_get_cell_header(n);
	xmlTextWriterStartElement(w, W(th ? "th" : "td"));
	if (th)
		epub_xml_attr(w, "scope", galley_cell_scope(n));
	S_span(w, "colspan", galley_node_get_colspan(n));
	S_span(w, "rowspan", galley_node_get_rowspan(n));
	const char *align = galley_cell_align_name(galley_node_get_cell_align(n));
	if (!align && !th && epub_cell_is_number(n))
		align = "right";
	/* HTML5 has no align attribute: a class the stylesheet sets */
	if (align) {
		char cls[16];
		snprintf(cls, sizeof cls, "align-%s", align);
		epub_xml_attr(w, "class", cls);
	}
}

static void S_note(xmlTextWriterPtr w, const galley_node *n)
{
	char num[24];
	xmlTextWriterStartElement(w, W("aside"));
	epub_xml_attr(w, "id", galley_node_get_note_id(n));
	epub_xml_attr(w, "epub:type", "footnote");
	epub_xml_attr(w, "role", "doc-footnote");
	epub_xml_attr(w, "class", "footnote");
	xmlTextWriterWriteRaw(w, W("\n"));
	xmlTextWriterStartElement(w, W("span"));
	epub_xml_attr(w, "class", "note-number");
	snprintf(num, sizeof num, "%d.", galley_node_get_note_number(n));
	xmlTextWriterWriteString(w, W(num));
	xmlTextWriterFullEndElement(w);
	xmlTextWriterWriteRaw(w, W("\n"));
}

int epub_table_notes_enter(xmlTextWriterPtr w, galley_node *n)
{
	switch (galley_node_get_type(n)) {
	case GALLEY_NODE_TABLE: xmlTextWriterStartElement(w, W("table")); break;
	case GALLEY_NODE_TABLE_CAPTION: xmlTextWriterStartElement(w, W("caption")); break;
	case GALLEY_NODE_THEAD: xmlTextWriterStartElement(w, W("thead")); break;
	case GALLEY_NODE_TBODY: xmlTextWriterStartElement(w, W("tbody")); break;
	case GALLEY_NODE_ROW: xmlTextWriterStartElement(w, W("tr")); break;
	case GALLEY_NODE_CELL: S_cell(w, n); break;
	case GALLEY_NODE_FOOTNOTE: S_note(w, n); break;
	default: return 0;
	}
	if (galley_node_get_type(n) != GALLEY_NODE_CELL &&
	    galley_node_get_type(n) != GALLEY_NODE_TABLE_CAPTION)
		xmlTextWriterWriteRaw(w, W("\n"));
	return 1;
}

void epub_noteref(xmlTextWriterPtr w, const galley_node *n)
{
	char href[40], num[24];
	snprintf(href, sizeof href, "#%s", galley_node_get_note_id(n));
	snprintf(num, sizeof num, "%d", galley_node_get_note_number(n));
	xmlTextWriterStartElement(w, W("a"));
	epub_xml_attr(w, "href", href);
	epub_xml_attr(w, "epub:type", "noteref");
	epub_xml_attr(w, "role", "doc-noteref");
	epub_xml_attr(w, "class", "noteref");
	xmlTextWriterWriteString(w, W(num));
	xmlTextWriterFullEndElement(w);
}

const char epub_table_notes_css[] =
	"table { border-collapse: collapse; margin: 1em auto; font-size: 0.9em; }\n"
	"caption { font-style: italic; margin-bottom: 0.3em; }\n"
	"th, td { padding: 0.2em 0.5em; vertical-align: top; text-align: left; }\n"
	"thead th, th[scope=\"col\"] { border-bottom: 0.5pt solid currentColor; }\n"
	".align-right { text-align: right; }\n"
	".align-center { text-align: center; }\n"
	"a.noteref { vertical-align: super; font-size: 0.7em; line-height: 0; "
	"text-decoration: none; }\n"
	"aside.footnote { font-size: 0.85em; margin-top: 0.5em; }\n"
	"aside.footnote p { text-indent: 0; }\n"
	"aside.footnote span.note-number { float: left; margin-right: 0.4em; }\n";
