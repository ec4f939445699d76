/* xml_errors.c — how galley parses XML (tree files, feeds, layouts): no
 * network, no DTD, no entities, and libxml2's first error kept to explain a
 * failure with the input's name and line.
 *
 * Without a handler, libxml2's character-encoding layer prints its own
 * lines on stderr ("encoding error : input conversion failed...") with no
 * file name, before the parser fails with a message of its own. */
#include <limits.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>

#include "util.h"
#include "xml_errors.h"

struct first_error {
	char *message;   /* trimmed; NULL if none */
	int line;
};

static void S_first(void *ctx, xmlErrorPtr e)
{
	struct first_error *x = ctx;
	if (x->message || !e || e->level < XML_ERR_ERROR)
		return;
	x->message = galley_trim(galley_xstrdup(e->message ? e->message : "parse error"));
	for (char *p = x->message; *p; p++)
		if (*p == '\n')
			*p = ' ';   /* one message, one line */
	x->line = e->line;
}

xmlDocPtr galley_xml_parse(const char *data, size_t len, const char *url, char **why,
                           int *line)
{
	struct first_error first = {NULL, 0};
	xmlDocPtr doc = NULL;
	if (len <= INT_MAX) {
		xmlStructuredErrorFunc saved = xmlStructuredError;
		void *saved_ctx = xmlStructuredErrorContext;
		xmlSetStructuredErrorFunc(&first, S_first);
		doc = xmlReadMemory(data, (int)len, url, NULL,
		                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		xmlSetStructuredErrorFunc(saved_ctx, saved);
	}
	if (doc) {
		free(first.message);
		return doc;
	}
	*why = first.message ? first.message
	     : galley_xstrdup(len > INT_MAX ? "too large" : "parse error");
	*line = first.line;
	return NULL;
}
