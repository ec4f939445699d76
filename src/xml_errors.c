/* xml_errors.c — libxml2's errors while galley parses XML: the first one,
 * kept to explain a failure with the input's name and line.
 *
 * Without a handler, libxml2's character-encoding layer prints its own
 * lines on stderr ("encoding error : input conversion failed...") with no
 * file name, before the parser fails with a message of its own. */
#include <stdlib.h>

#include "util.h"
#include "xml_errors.h"

static void S_first(void *ctx, xmlErrorPtr e)
{
	struct galley_xml_errors *x = ctx;
	if (x->message || !e || e->level < XML_ERR_ERROR)
		return;
	x->message = galley_trim(galley_xstrdup(e->message ? e->message : "parse error"));
	for (char *p = x->message; *p; p++)
		if (*p == '\n')
			*p = ' ';   /* one message, one line */
	x->line = e->line;
}

void galley_xml_errors_begin(struct galley_xml_errors *x)
{
	x->message = NULL;
	x->line = 0;
	x->saved = xmlStructuredError;
	x->saved_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(x, S_first);
}

void galley_xml_errors_end(struct galley_xml_errors *x)
{
	xmlSetStructuredErrorFunc(x->saved_ctx, x->saved);
}

const char *galley_xml_errors_first(const struct galley_xml_errors *x, int *line)
{
	if (line)
		*line = x->line;
	return x->message ? x->message : "parse error";
}

void galley_xml_errors_free(struct galley_xml_errors *x)
{
	free(x->message);
	x->message = NULL;
}
