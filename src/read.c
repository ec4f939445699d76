/* read.c — input format detection, dispatch to the readers, and their shared helpers. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "node.h"
#include "reader.h"

static const char *const S_format_names[] = {"auto", "txt", "html", "md", "feed", "xml"};

galley_format galley_format_from_name(const char *name)
{
	if (!name)
		return GALLEY_FORMAT_AUTO;
	for (int f = GALLEY_FORMAT_TXT; f <= GALLEY_FORMAT_XML; f++)
		if (strcmp(name, S_format_names[f]) == 0)
			return (galley_format)f;
	if (strcmp(name, "text") == 0)
		return GALLEY_FORMAT_TXT;
	if (strcmp(name, "markdown") == 0)
		return GALLEY_FORMAT_MD;
	return GALLEY_FORMAT_AUTO;
}

const char *galley_format_name(galley_format f)
{
	return (unsigned)f <= GALLEY_FORMAT_XML ? S_format_names[f] : "auto";
}

static const char *S_extension(const char *name)
{
	const char *slash = strrchr(name, '/');
	const char *dot = strrchr(slash ? slash : name, '.');
	return dot ? dot + 1 : "";
}

static galley_format S_from_extension(const char *name)
{
	static const struct { const char *ext; galley_format f; } map[] = {
		{"txt", GALLEY_FORMAT_TXT}, {"text", GALLEY_FORMAT_TXT},
		{"html", GALLEY_FORMAT_HTML}, {"htm", GALLEY_FORMAT_HTML},
		{"xhtml", GALLEY_FORMAT_HTML},
		{"md", GALLEY_FORMAT_MD}, {"markdown", GALLEY_FORMAT_MD},
		{"rss", GALLEY_FORMAT_FEED}, {"atom", GALLEY_FORMAT_FEED},
	};
	const char *ext = S_extension(name);
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (strcasecmp(ext, map[i].ext) == 0)
			return map[i].f;
	return GALLEY_FORMAT_AUTO;
}

/* Case-insensitive search for NEEDLE in the first N bytes of HAY. */
static int S_has(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (strncasecmp(hay + i, needle, k) == 0)
			return 1;
	return 0;
}

static galley_format S_from_content(const char *data, size_t len)
{
	size_t n = len < 4096 ? len : 4096;
	size_t i = 0;
	if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && galley_is_space((unsigned char)data[i]))
		i++;
	if (i < n && data[i] == '<') {
		if (S_has(data, n, "<galley"))
			return GALLEY_FORMAT_XML;
		if (S_has(data, n, "<rss") || S_has(data, n, "<feed") ||
		    S_has(data, n, "<rdf:RDF"))
			return GALLEY_FORMAT_FEED;
		return GALLEY_FORMAT_HTML;
	}
	if (n - i >= 3 && memcmp(data + i, "---", 3) == 0)
		return GALLEY_FORMAT_MD;
	if (i < n && data[i] == '#' && i + 1 < n && (data[i + 1] == ' ' || data[i + 1] == '#'))
		return GALLEY_FORMAT_MD;
	return GALLEY_FORMAT_TXT;
}

galley_format galley_format_detect(const char *name, const char *data, size_t len)
{
	galley_format by_content = S_from_content(data ? data : "", data ? len : 0);
	if (name && strcmp(name, "-") != 0) {
		galley_format f = S_from_extension(name);
		/* ".xml" is either a feed or a galley tree: the content decides */
		if (f != GALLEY_FORMAT_AUTO)
			return f;
	}
	return by_content;
}

/* 1 if DATA looks like binary data, not text in any ASCII-compatible
 * encoding: more than 2% of its first 64 KiB (and at least 8 bytes) are NUL
 * or C0 controls that no text uses.  A UTF-16 byte order mark is text. */
static int S_looks_binary(const char *data, size_t len, size_t *count)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t n = len < 65536 ? len : 65536, bad = 0;
	if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' &&
		    s[i] != '\f' && s[i] != 0x1B)
			bad++;
	*count = bad;
	return bad >= 8 && bad * 50 > n;
}

galley_node *galley_read(const char *data, size_t len, galley_format format,
                         const galley_options *opts, galley_diag *diag)
{
	char *wide = NULL;   /* the input decoded, when it was UTF-16 or UTF-32 */
	size_t wide_len = 0;
	if (galley_input_unicode(data, len, &wide, &wide_len, diag) < 0)
		return NULL;
	if (wide) {
		galley_format f = format == GALLEY_FORMAT_AUTO
		                ? galley_format_detect(galley_diag_file(diag), wide, wide_len) : format;
		/* libxml2 reads an XML file's byte order mark itself, and would
		 * refuse UTF-8 bytes whose declaration says UTF-16 */
		if (f != GALLEY_FORMAT_XML && f != GALLEY_FORMAT_FEED) {
			galley_node *doc = galley_read(wide, wide_len, f, opts, diag);
			free(wide);
			return doc;
		}
		free(wide);
		format = f;
	}
	size_t controls = 0;
	if (data && S_looks_binary(data, len, &controls)) {
		/* issue 7: random bytes are refused, not turned into an article */
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0,
		                   "binary data, not text (%zu control bytes)", controls);
		return NULL;
	}
	if (format == GALLEY_FORMAT_AUTO)
		format = galley_format_detect(galley_diag_file(diag), data, len);
	galley_node *doc;
	switch (format) {
	case GALLEY_FORMAT_HTML: doc = galley_read_html(data, len, opts, diag); break;
	case GALLEY_FORMAT_MD: doc = galley_read_md(data, len, opts, diag); break;
	case GALLEY_FORMAT_FEED: doc = galley_read_feed(data, len, opts, diag); break;
	case GALLEY_FORMAT_XML: doc = galley_read_xml(data, len, opts, diag); break;
	default: doc = galley_read_text(data, len, opts, diag); break;
	}
	if (doc)
		galley_validate(doc);
	return doc;
}

char *galley_input_utf8(const char *data, size_t len, galley_buf *out, galley_diag *diag)
{
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	int line = 0;
	size_t bad = galley_utf8_repair(data, len, out, &line);
	if (bad)
		galley_diag_report(diag, GALLEY_DIAG_WARNING, line,
		                   "%zu invalid UTF-8 byte%s replaced by U+FFFD",
		                   bad, bad == 1 ? "" : "s");
	galley_buf_grow(out, 0);
	return out->data;
}

galley_node *galley_document_with_article(galley_node **article)
{
	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_node *a = galley_node_new(GALLEY_NODE_ARTICLE);
	galley_node_append_child(doc, a);
	if (article)
		*article = a;
	return doc;
}

galley_node *galley_append_text(galley_node *parent, const char *text)
{
	if (!text || !*text)
		return NULL;
	galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
	galley_node_set_literal(t, text);
	if (!galley_node_append_child(parent, t)) {
		galley_node_free(t);
		return NULL;
	}
	return t;
}

galley_node *galley_append_text_block(galley_node *parent, galley_node_type type,
                                      const char *text, int line)
{
	galley_node *b = galley_node_new(type);
	galley_node_set_line(b, line);
	if (!galley_node_append_child(parent, b)) {
		galley_node_free(b);
		return NULL;
	}
	galley_append_text(b, text);
	return b;
}

int galley_article_has_content(const galley_node *article)
{
	return galley_node_first_child(article) != NULL ||
	       galley_article_get(article, GALLEY_META_TITLE) != NULL;
}
