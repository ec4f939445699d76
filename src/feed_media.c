/* feed_media.c — an item's lead image from <enclosure>, Media RSS or an Atom enclosure link. */
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "reader.h"

#define FEED_NS_MEDIA "http://search.yahoo.com/mrss/"

static char *S_prop(const xmlNode *x, const char *name)
{
	xmlChar *v = xmlGetProp(x, BAD_CAST name);
	char *s = v ? galley_xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

static int S_is_image(const xmlNode *x)
{
	char *type = S_prop(x, "type"), *medium = S_prop(x, "medium");
	int yes = (type && strncmp(type, "image/", 6) == 0) ||
	          (medium && strcmp(medium, "image") == 0);
	free(type);
	free(medium);
	return yes;
}

/* The image element among X's children: an image enclosure (RSS or Atom
 * rel="enclosure"), media:content, else media:thumbnail (also inside a
 * media:group). */
static const xmlNode *S_find(const xmlNode *x, const char **attr)
{
	const xmlNode *thumb = NULL;
	for (const xmlNode *c = x->children; c; c = c->next) {
		*attr = "href";
		if (galley_feed_is(c, FEED_NS_ATOM, "link") && S_is_image(c)) {
			char *rel = S_prop(c, "rel");
			int enc = rel && strcmp(rel, "enclosure") == 0;
			free(rel);
			if (enc)
				return c;
		}
		*attr = "url";
		if ((galley_feed_is(c, NULL, "enclosure") && !c->ns && S_is_image(c)) ||
		    (galley_feed_is(c, FEED_NS_MEDIA, "content") && S_is_image(c)))
			return c;
		if (!thumb && galley_feed_is(c, FEED_NS_MEDIA, "thumbnail"))
			thumb = c;
		if (galley_feed_is(c, FEED_NS_MEDIA, "group")) {
			const xmlNode *g = S_find(c, attr);
			if (g)
				return g;
		}
	}
	*attr = "url";
	return thumb;
}

static int S_has_figure(const galley_node *a)
{
	for (const galley_node *c = galley_node_first_child(a); c; c = galley_node_next(c))
		if (galley_node_get_type(c) == GALLEY_NODE_FIGURE)
			return 1;
	return 0;
}

void galley_feed_lead_image(galley_node *a, const xmlNode *item)
{
	const char *attr;
	const xmlNode *m = S_has_figure(a) ? NULL : S_find(item, &attr);
	char *url = m ? S_prop(m, attr) : NULL;
	if (!url || !*url) {
		free(url);
		return;
	}
	/* media:description (or the group's) says what the picture shows */
	char *desc = galley_feed_child_text(m, FEED_NS_MEDIA, "description");
	if (!desc)
		desc = galley_feed_child_text(m->parent, FEED_NS_MEDIA, "description");
	galley_node *fig = galley_node_new(GALLEY_NODE_FIGURE);
	galley_node_set_line(fig, (int)xmlGetLineNo(m));
	galley_node *img = galley_node_new(GALLEY_NODE_IMAGE);
	galley_node_set_url(img, galley_trim(url));
	galley_node_set_title(img, desc ? desc : "");
	galley_node_append_child(fig, img);
	if (desc)
		galley_append_text_block(fig, GALLEY_NODE_CAPTION, desc, (int)xmlGetLineNo(m));
	galley_node_prepend_child(a, fig);
	free(desc);
	free(url);
}
