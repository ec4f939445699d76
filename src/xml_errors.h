/* xml_errors.h — galley's one way to parse XML: safely, and with libxml2's
 * first error kept to explain a failure (xml_errors.c). */
#ifndef GALLEY_XML_ERRORS_H
#define GALLEY_XML_ERRORS_H

#include <stddef.h>
#include <libxml/tree.h>

/* Parse LEN bytes of XML (URL names them to libxml2, or NULL) with no
 * network, no DTD loading and no entity substitution, printing nothing on
 * stderr.  NULL when they are not well-formed, or declare an entity (the
 * parse stops there): *WHY (malloc'd) is libxml2's first error, on one
 * line, or the reason for the refusal, and *LINE its line. */
xmlDocPtr galley_xml_parse(const char *data, size_t len, const char *url, char **why,
                           int *line);

#endif
