/* feed.h — the parts of the RSS/Atom reader: XML helpers, items to articles, item content. */
#ifndef GALLEY_FEED_H
#define GALLEY_FEED_H

#include <libxml/tree.h>

#include "galley.h"
#include "meta.h"

/* Namespaces the feed reader knows. */
#define FEED_NS_ATOM    "http://www.w3.org/2005/Atom"
#define FEED_NS_RSS1    "http://purl.org/rss/1.0/"
#define FEED_NS_RDF     "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define FEED_NS_DC      "http://purl.org/dc/elements/1.1/"
#define FEED_NS_CONTENT "http://purl.org/rss/1.0/modules/content/"

/* 1 if X is an element named NAME in namespace NS; NS NULL means one of
 * the feed vocabularies (none, RSS 1.0, Atom), not an extension's. */
int galley_feed_is(const xmlNode *x, const char *ns, const char *name);
/* The first child element of X matching as above, or NULL. */
xmlNode *galley_feed_child(const xmlNode *x, const char *ns, const char *name);
/* The character data of X's subtree, entity references left out, trimmed
 * and with whitespace collapsed (malloc'd, never NULL).  Not recursive. */
char *galley_feed_text(const xmlNode *x);
/* The text of the first child NAME (as galley_feed_child), or NULL if
 * there is none or it is blank. */
char *galley_feed_child_text(const xmlNode *x, const char *ns, const char *name);

/* What the item reader needs to know of the feed. */
struct feed_info {
	const char *title;      /* the feed's title, each item's publisher */
	const char *lang;       /* the feed's language or NULL */
	const char *link;       /* the feed's site, the base of an item without a link */
	const galley_node *authors; /* an ARTICLE holding the feed's own authors,
	                             * which an Atom entry without any inherits */
};

/* Add the names of X's Atom <author> children to A's authors. */
void galley_feed_atom_authors(galley_node *a, const xmlNode *x);

/* One item or entry as an ARTICLE (NULL when it has neither title nor
 * content); *WHEN gets its date, or WHEN->year 0 when it has none. */
galley_node *galley_feed_item(const xmlNode *item, const struct feed_info *info,
                              struct galley_date *when, galley_diag *diag);

/* Append the blocks of an item's content to ARTICLE: HTML through the HTML
 * reader's cleaning path (links resolved against BASE), or plain TEXT
 * (paragraphs at blank lines).  Returns the number of blocks appended. */
int galley_feed_content(galley_node *article, const char *content, int is_html,
                        const char *base, int line, galley_diag *diag);

/* The page a feed, item or entry links to (Atom rel="alternate" href, RSS
 * <link>, else a permalink guid); malloc'd or NULL. */
char *galley_feed_link(const xmlNode *x);

/* Put the item's image (an image <enclosure>, media:content or
 * media:thumbnail, an Atom enclosure link) first in ARTICLE as a FIGURE,
 * when its content brought no figure of its own. */
void galley_feed_lead_image(galley_node *article, const xmlNode *item);

/* HTML (a title marked type="html") as plain text (malloc'd). */
char *galley_feed_html_to_text(const char *html);

#endif
