/* feed_xml.c — small libxml2 helpers for the feed reader: matching names in namespaces, reading text. */
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "util.h"

int galley_feed_is(const xmlNode *x, const char *ns, const char *name)
{
	if (!x || x->type != XML_ELEMENT_NODE || strcmp((const char *)x->name, name) != 0)
		return 0;
	const char *href = x->ns && x->ns->href ? (const char *)x->ns->href : NULL;
	if (ns)
		return href && strcmp(href, ns) == 0;
	return !href || strcmp(href, FEED_NS_RSS1) == 0 || strcmp(href, FEED_NS_ATOM) == 0;
}

xmlNode *galley_feed_child(const xmlNode *x, const char *ns, const char *name)
{
	for (xmlNode *c = x ? x->children : NULL; c; c = c->next)
		if (galley_feed_is(c, ns, name))
			return c;
	return NULL;
}

/* Entity references are never followed: a feed's own entities are refused
 * before parsing, and this keeps any other from being expanded here. */
char *galley_feed_text(const xmlNode *x)
{
	galley_buf b = GALLEY_BUF_INIT;
	const xmlNode *n = x ? x->children : NULL;
	while (n) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			galley_buf_puts(&b, (const char *)n->content);
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && !n->next && n != x)
			n = n->parent;
		n = n && n != x ? n->next : NULL;
	}
	galley_buf_grow(&b, 0);
	return galley_collapse_space(galley_trim(b.data));
}

char *galley_feed_child_text(const xmlNode *x, const char *ns, const char *name)
{
	xmlNode *c = galley_feed_child(x, ns, name);
	if (!c)
		return NULL;
	char *t = galley_feed_text(c);
	if (!*t) {
		free(t);
		return NULL;
	}
	return t;
}
