/* document.c — document-level metadata: the title and date that name a digest. */
#include <stdlib.h>

#include "node.h"
#include "util.h"

static int S_set(galley_node *doc, char **slot, const char *value)
{
	if (!doc || doc->type != GALLEY_NODE_DOCUMENT)
		return 0;
	free(*slot);
	*slot = value && *value ? galley_xstrdup(value) : NULL;
	return 1;
}

const char *galley_document_get_title(const galley_node *doc)
{
	return doc && doc->type == GALLEY_NODE_DOCUMENT ? doc->doc_title : NULL;
}

int galley_document_set_title(galley_node *doc, const char *title)
{
	return doc ? S_set(doc, &doc->doc_title, title) : 0;
}

const char *galley_document_get_date(const galley_node *doc)
{
	return doc && doc->type == GALLEY_NODE_DOCUMENT ? doc->doc_date : NULL;
}

int galley_document_set_date(galley_node *doc, const char *date)
{
	return doc ? S_set(doc, &doc->doc_date, date) : 0;
}
