/* xml_errors.h — the first libxml2 error while galley parses (xml_errors.c). */
#ifndef GALLEY_XML_ERRORS_H
#define GALLEY_XML_ERRORS_H

#include <libxml/xmlerror.h>
#include <libxml/globals.h>

struct galley_xml_errors {
	char *message;   /* the first error, trimmed; NULL if none */
	int line;
	xmlStructuredErrorFunc saved;
	void *saved_ctx;
};

/* Between begin and end, libxml2 reports to X (and nothing to stderr). */
void galley_xml_errors_begin(struct galley_xml_errors *x);
void galley_xml_errors_end(struct galley_xml_errors *x);
/* The first error's message ("parse error" if none); *LINE its line. */
const char *galley_xml_errors_first(const struct galley_xml_errors *x, int *line);
void galley_xml_errors_free(struct galley_xml_errors *x);

#endif
