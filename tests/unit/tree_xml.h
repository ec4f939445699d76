/* tree_xml.h — what the readers' unit tests share: a document read as tree
 * XML, and assertions on that text.  Include after <cmocka.h>. */
#ifndef GALLEY_TEST_TREE_XML_H
#define GALLEY_TEST_TREE_XML_H

#include <stdlib.h>
#include <string.h>

#include "galley.h"

#define HAS(xml, s) assert_non_null(strstr((xml), (s)))
#define HAS_NOT(xml, s) assert_null(strstr((xml), (s)))

/* DOC as tree XML, DOC freed; the text is kept until the next call.  NULL
 * for a NULL DOC (a reader that failed). */
static inline const char *tree_xml(galley_node *doc)
{
	static char *xml;
	free(xml);
	xml = doc ? galley_render_xml(doc, NULL) : NULL;
	galley_node_free(doc);
	return xml;
}

/* Plain TEXT read with default options, quietly, as tree XML (as
 * tree_xml keeps it). */
static inline const char *text_tree_xml(const char *text)
{
	galley_diag *d = galley_diag_new("test.txt");
	galley_diag_set_quiet(d, 1);
	galley_node *doc = galley_read_text(text, strlen(text), NULL, d);
	galley_diag_free(d);
	return tree_xml(doc);
}

#endif
