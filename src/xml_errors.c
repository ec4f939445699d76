/* xml_errors.c — how galley parses XML (tree files, feeds, layouts): no
 * network, no DTD, no entities, and libxml2's first error kept to explain a
 * failure with the input's name and line.
 *
 * None of galley's XML needs an entity of its own, and a declared one, even
 * never substituted, is where "billion laughs" and quadratic blow-ups start
 * (issue 14: a 117 KB layout took 174 s and 1 GB): the parse stops at the
 * first entity declaration, before any reference is read.
 *
 * Without a handler, libxml2's character-encoding layer prints its own
 * lines on stderr ("encoding error : input conversion failed...") with no
 * file name, before the parser fails with a message of its own. */
#include <limits.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>

#include "util.h"
#include "xml_errors.h"

struct first_error {
	char *message;   /* trimmed; NULL if none */
	int line;
	int entity;      /* 1 once an entity declaration was seen */
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

/* The SAX handler of an entity declaration: stop the parse there. */
static void S_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                          const xmlChar *system_id, xmlChar *content)
{
	(void)name, (void)type, (void)public_id, (void)system_id, (void)content;
	xmlParserCtxtPtr p = ctx;
	struct first_error *x = p->_private;
	if (!x->entity) {
		x->entity = 1;
		x->line = xmlSAX2GetLineNumber(ctx);
	}
	xmlStopParser(p);
}

static xmlDocPtr S_read(const char *data, int len, const char *url, struct first_error *x)
{
	xmlParserCtxtPtr p = xmlNewParserCtxt();
	if (!p)
		return NULL;
	p->_private = x;
	p->sax->entityDecl = S_entity_decl;
	xmlDocPtr doc = xmlCtxtReadMemory(p, data, len, url, NULL,
	                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc && x->entity) {
		/* a stopped parse may still hand back what it had built */
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(p);
	return doc;
}

xmlDocPtr galley_xml_parse(const char *data, size_t len, const char *url, char **why,
                           int *line)
{
	struct first_error first = {NULL, 0, 0};
	xmlDocPtr doc = NULL;
	if (len <= INT_MAX) {
		xmlStructuredErrorFunc saved = xmlStructuredError;
		void *saved_ctx = xmlStructuredErrorContext;
		xmlSetStructuredErrorFunc(&first, S_first);
		doc = S_read(data, (int)len, url, &first);
		xmlSetStructuredErrorFunc(saved_ctx, saved);
	}
	if (doc) {
		free(first.message);
		return doc;
	}
	if (first.entity) {
		free(first.message);
		first.message = galley_xstrdup("an entity declaration (<!ENTITY ...>) is not "
		                               "allowed: it could expand without bound or read "
		                               "local files");
	}
	*why = first.message ? first.message
	     : galley_xstrdup(len > INT_MAX ? "too large" : "parse error");
	*line = first.line;
	return NULL;
}
