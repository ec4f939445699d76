/* html_charset.c — decoding an HTML page to UTF-8 (BOM, meta charset, fallback) and parsing it with libxml2. */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include <libxml/SAX2.h>

#include "html.h"
#include "reader.h"

/* Find "charset=" inside a <meta> tag in the first bytes of DATA (the HTML
 * prescan, simplified) and copy its label into LABEL. */
static int S_meta_charset(const char *data, size_t len, char *label, size_t size)
{
	size_t n = len < 8192 ? len : 8192;
	for (size_t i = 0; i + 5 < n; i++) {
		if (data[i] != '<' || strncasecmp(data + i + 1, "meta", 4) != 0)
			continue;
		size_t end = i;
		while (end < n && data[end] != '>')
			end++;
		for (size_t j = i; j + 8 < end; j++) {
			if (strncasecmp(data + j, "charset", 7) != 0)
				continue;
			size_t k = j + 7;
			while (k < end && isspace((unsigned char)data[k]))
				k++;
			if (k >= end || data[k] != '=')
				continue;
			k++;
			while (k < end && (isspace((unsigned char)data[k]) || data[k] == '"' ||
			                   data[k] == '\''))
				k++;
			size_t m = 0;
			while (k < end && m + 1 < size && (isalnum((unsigned char)data[k]) ||
			       strchr("-_.:", data[k])))
				label[m++] = data[k++];
			label[m] = '\0';
			if (m)
				return 1;
		}
	}
	return 0;
}

/* The WHATWG rule: latin-1 and ASCII labels mean windows-1252. */
static const char *S_canonical(const char *label)
{
	static const char *const w1252[] = {"iso-8859-1", "iso8859-1", "latin1", "l1",
		"us-ascii", "ascii", "iso_8859-1", "windows-1252", "cp1252", "x-cp1252"};
	for (size_t i = 0; i < sizeof w1252 / sizeof *w1252; i++)
		if (strcasecmp(label, w1252[i]) == 0)
			return "WINDOWS-1252";
	if (strcasecmp(label, "utf8") == 0 || strcasecmp(label, "utf-8") == 0 ||
	    strcasecmp(label, "unicode") == 0 || strcasecmp(label, "utf-16") == 0)
		return "UTF-8"; /* a page that says utf-16 in ASCII bytes is not utf-16 */
	if (strcasecmp(label, "gb2312") == 0)
		return "GBK";
	return label;
}

/* Convert with iconv; undecodable bytes become U+FFFD.  -1 if the
 * encoding is unknown. */
static int S_iconv(const char *data, size_t len, const char *from, galley_buf *out)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return -1;
	char *in = (char *)data;
	size_t left = len;
	char chunk[4096];
	while (left > 0) {
		char *o = chunk;
		size_t room = sizeof chunk;
		size_t r = iconv(cd, &in, &left, &o, &room);
		galley_buf_put(out, chunk, (size_t)(o - chunk));
		if (r == (size_t)-1 && errno != E2BIG) {
			galley_buf_puts(out, "\xEF\xBF\xBD");
			in++;
			left--;
		}
	}
	iconv_close(cd);
	return 0;
}

/* Number of invalid UTF-8 sequences in DATA (stops counting at 16). */
static size_t S_utf8_errors(const char *data, size_t len)
{
	size_t bad = 0;
	for (size_t i = 0; i < len && bad < 16;) {
		unsigned char c = (unsigned char)data[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n = galley_utf8_valid_len((const unsigned char *)data + i, len - i);
		if (n == 0) {
			bad++;
			i++;
		} else {
			i += n;
		}
	}
	return bad;
}

static const char *S_bom(const char *data, size_t len, size_t *skip)
{
	const unsigned char *u = (const unsigned char *)data;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return *skip = 3, "UTF-8";
	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		return *skip = 2, "UTF-16LE";
	if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		return *skip = 2, "UTF-16BE";
	return *skip = 0, NULL;
}

char *galley_html_to_utf8(const char *data, size_t len, galley_buf *out,
                          galley_diag *diag)
{
	size_t skip = 0;
	const char *enc = S_bom(data, len, &skip);
	char label[64];
	if (!enc && S_meta_charset(data, len, label, sizeof label))
		enc = S_canonical(label);
	if (!enc)
		enc = S_utf8_errors(data, len) ? "WINDOWS-1252" : "UTF-8";
	if (strcmp(enc, "UTF-8") != 0) {
		galley_buf tmp = GALLEY_BUF_INIT;
		if (S_iconv(data + skip, len - skip, enc, &tmp) == 0) {
			/* iconv output is valid UTF-8; the repair drops NULs and C0 */
			galley_utf8_repair(tmp.data ? tmp.data : "", tmp.len, out, NULL);
			galley_buf_free(&tmp);
			galley_buf_grow(out, 0);
			return out->data;
		}
		galley_buf_free(&tmp);
		galley_diag_report(diag, GALLEY_DIAG_WARNING, 0,
		                   "unknown character encoding \"%s\"; read as UTF-8", enc);
	}
	return galley_input_utf8(data, len, out, diag);
}

/* Elements nested deeper than GALLEY_HTML_MAX_DEPTH are never made: their
 * content goes into the deepest one made, as galley_html_cap_depth would
 * put it.  Capping the tree after parsing was too late: 60 MB of "<b>x "
 * made a tree 12 million elements deep, 4 GB in 23 s (issue 14).  libxml2
 * calls both handlers with the element's own depth in nameNr. */
static void S_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	if (((htmlParserCtxtPtr)ctx)->nameNr <= GALLEY_HTML_MAX_DEPTH)
		xmlSAX2StartElement(ctx, name, atts);
}

static void S_end(void *ctx, const xmlChar *name)
{
	if (((htmlParserCtxtPtr)ctx)->nameNr <= GALLEY_HTML_MAX_DEPTH)
		xmlSAX2EndElement(ctx, name);
}

static htmlDocPtr S_read(const char *utf8, int len, int opts)
{
	htmlParserCtxtPtr p = htmlNewParserCtxt();
	if (!p)
		return NULL;
	p->sax->startElement = S_start;
	p->sax->endElement = S_end;
	htmlDocPtr doc = htmlCtxtReadMemory(p, utf8, len, NULL, "UTF-8", opts);
	htmlFreeParserCtxt(p);
	return doc;
}

htmlDocPtr galley_html_parse(const char *utf8, size_t len, galley_diag *diag)
{
	if (len > (size_t)INT32_MAX) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "the page is too large");
		return NULL;
	}
	int opts = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	           HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT | XML_PARSE_HUGE;
	htmlDocPtr doc = S_read(utf8, (int)len, opts);
	if (!doc || !xmlDocGetRootElement(doc)) {
		if (doc)
			xmlFreeDoc(doc);
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "the HTML could not be parsed");
		return NULL;
	}
	galley_html_cap_depth((xmlNodePtr)doc, GALLEY_HTML_MAX_DEPTH);
	return doc;
}
