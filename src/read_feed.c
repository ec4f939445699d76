/* read_feed.c — the RSS/Atom reader: safe parsing, the items to keep, and the digest's name. */
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed.h"
#include "xml_errors.h"
#include "reader.h"

/* One item read, waiting for selection. */
struct item {
	galley_node *article;
	struct galley_date when;   /* year 0: undated */
	long long epoch;
	size_t order;              /* position in the feed */
};

struct items {
	struct item *v;
	size_t n, cap;
};

/* 1 if the prolog has a DOCTYPE with an internal subset ("[...]"), where
 * entities are declared.  Such feeds are refused before libxml2 sees them:
 * no "billion laughs" expansion, no external entity (XXE) to read local
 * files.  Quoted identifiers are skipped so a '[' in them does not count. */
static int S_has_internal_subset(const char *data, size_t len)
{
	size_t lim = len < 65536 ? len : 65536;
	for (size_t i = 0; i + 9 <= lim; i++) {
		if (data[i] == '<' && data[i + 1] != '?' && data[i + 1] != '!')
			return 0;   /* the root element: the prolog is over */
		if (strncasecmp(data + i, "<!DOCTYPE", 9) != 0)
			continue;
		char quote = 0;
		for (size_t j = i + 9; j < len; j++) {
			if (quote)
				quote = data[j] == quote ? 0 : quote;
			else if (data[j] == '"' || data[j] == '\'')
				quote = data[j];
			else if (data[j] == '[')
				return 1;
			else if (data[j] == '>')
				return 0;
		}
		return 0;
	}
	return 0;
}

/* Belt and braces: any entity declaration that reached the tree. */
static int S_declares_entities(xmlDocPtr x)
{
	for (xmlNode *c = x->intSubset ? x->intSubset->children : NULL; c; c = c->next)
		if (c->type == XML_ENTITY_DECL)
			return 1;
	return 0;
}

/* The first fatal error libxml2 reports: later ones follow from it. */
static xmlDocPtr S_parse(const char *data, size_t len, galley_diag *diag)
{
	if (len > INT_MAX) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "feed too large");
		return NULL;
	}
	if (S_has_internal_subset(data, len)) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 1, "the feed has its own DTD "
		                   "(<!DOCTYPE ... [ ]>), where entities are declared: refused, as "
		                   "they could expand without bound or read local files");
		return NULL;
	}
	/* no NOENT, no DTDLOAD: entities are never substituted nor fetched */
	char *why = NULL;
	int line = 0;
	xmlDocPtr x = galley_xml_parse(data, len, NULL, &why, &line);
	if (!x) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, line, "malformed feed: %s", why);
		free(why);
		return NULL;
	}
	if (S_declares_entities(x)) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 1, "the feed declares entities: refused");
		xmlFreeDoc(x);
		return NULL;
	}
	return x;
}

/* The element whose children are the items, and the channel (or feed)
 * element holding the feed's title; NULL if ROOT is no feed. */
static const xmlNode *S_channel(const xmlNode *root, const xmlNode **items)
{
	const xmlNode *ch = NULL;
	if (galley_feed_is(root, NULL, "rss"))
		*items = ch = galley_feed_child(root, NULL, "channel");
	else if (galley_feed_is(root, FEED_NS_RDF, "RDF")) {
		ch = galley_feed_child(root, NULL, "channel");
		*items = root;   /* RSS 1.0: items are siblings of the channel */
	} else if (galley_feed_is(root, NULL, "feed"))
		*items = ch = root;
	return ch;
}

static int S_is_item(const xmlNode *x)
{
	return galley_feed_is(x, NULL, "item") || galley_feed_is(x, FEED_NS_ATOM, "entry");
}

/* 1 the first time KEY (a guid or link, with a prefix) is seen. */
static int S_first_time(xmlHashTablePtr seen, const char *kind, const char *key)
{
	if (!key || !*key)
		return 1;
	return xmlHashAddEntry2(seen, BAD_CAST kind, BAD_CAST key, (void *)1) == 0;
}

/* An item already met under the same guid/id or link is dropped. */
static int S_is_new(xmlHashTablePtr seen, const xmlNode *item, galley_node *a)
{
	char *id = galley_feed_child_text(item, NULL, "guid");
	if (!id)
		id = galley_feed_child_text(item, FEED_NS_ATOM, "id");
	const char *link = galley_article_get(a, GALLEY_META_SOURCE);
	int new_id = S_first_time(seen, "id", id);
	int new_link = S_first_time(seen, "link", link);
	free(id);
	return new_id && new_link;
}

static void S_push(struct items *list, galley_node *a, const struct galley_date *when)
{
	if (list->n == list->cap) {
		list->cap = list->cap ? 2 * list->cap : 16;
		list->v = galley_xrealloc(list->v, list->cap * sizeof *list->v);
	}
	struct item *it = &list->v[list->n];
	it->article = a;
	it->when = *when;
	it->epoch = when->year ? galley_date_epoch(when) : LLONG_MIN;
	it->order = list->n++;
}

/* Read every item, skipping repeats and those dated before SINCE.  Returns
 * how many items the feed has at all. */
static size_t S_read_items(const xmlNode *parent, const struct feed_info *info,
                           const char *since, struct items *list, galley_diag *diag)
{
	xmlHashTablePtr seen = xmlHashCreate(64);
	size_t total = 0, repeats = 0;
	int first_repeat = 0;
	for (const xmlNode *c = parent->children; c; c = c->next) {
		if (!S_is_item(c))
			continue;
		total++;
		struct galley_date when;
		galley_node *a = galley_feed_item(c, info, &when, diag);
		if (a && !S_is_new(seen, c, a)) {
			if (repeats++ == 0)
				first_repeat = (int)xmlGetLineNo(c);
			galley_node_free(a);
			continue;
		}
		const char *date = galley_article_get(a, GALLEY_META_DATE);
		if (a && since && date && strcmp(date, since) < 0) {
			galley_node_free(a);
			continue;
		}
		if (a)
			S_push(list, a, &when);
	}
	xmlHashFree(seen, NULL);
	if (repeats)
		galley_diag_report(diag, GALLEY_DIAG_NOTE, first_repeat,
		                   "%zu item%s repeat%s an earlier guid or link: skipped", repeats,
		                   repeats == 1 ? "" : "s", repeats == 1 ? "s" : "");
	return total;
}

/* Newest first; undated last; ties keep feed order (feeds list newest first). */
static int S_newest_first(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;
	if (a->epoch != b->epoch)
		return a->epoch > b->epoch ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static int S_feed_order(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* --max N keeps the N newest items, shown in the feed's own order. */
static void S_keep_newest(struct items *list, int max)
{
	if (max <= 0 || list->n <= (size_t)max)
		return;
	qsort(list->v, list->n, sizeof *list->v, S_newest_first);
	for (size_t i = (size_t)max; i < list->n; i++)
		galley_node_free(list->v[i].article);
	list->n = (size_t)max;
	qsort(list->v, list->n, sizeof *list->v, S_feed_order);
}

/* The digest's name: --title, else the feed's title; its date: the feed's,
 * else the newest item's. */
static void S_name_digest(galley_node *doc, const xmlNode *channel, const char *feed_title,
                          const struct items *list, const galley_options *opts)
{
	static const struct { const char *ns, *name; } keys[] = {
		{NULL, "lastBuildDate"}, {NULL, "pubDate"}, {FEED_NS_ATOM, "updated"},
		{FEED_NS_DC, "date"},
	};
	galley_document_set_title(doc, opts && opts->title ? opts->title : feed_title);
	char *iso = NULL;
	for (size_t i = 0; i < sizeof keys / sizeof *keys && !iso; i++) {
		char *t = galley_feed_child_text(channel, keys[i].ns, keys[i].name);
		iso = galley_date_iso(t);
		free(t);
	}
	const struct item *newest = NULL;
	for (size_t i = 0; i < list->n; i++)
		if (list->v[i].when.year && (!newest || list->v[i].epoch > newest->epoch))
			newest = &list->v[i];
	galley_document_set_date(doc, iso ? iso : newest ?
	                         galley_article_get(newest->article, GALLEY_META_DATE) : NULL);
	free(iso);
}

static int S_valid_since(const char *since)
{
	struct galley_date d;
	return !since || (strlen(since) == 10 && galley_date_parse(since, &d) && !d.has_time);
}

static galley_node *S_build(xmlDocPtr x, const galley_options *opts, galley_diag *diag)
{
	const xmlNode *root = xmlDocGetRootElement(x), *parent = NULL;
	const xmlNode *channel = root ? S_channel(root, &parent) : NULL;
	if (!channel || !parent) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, root ? (int)xmlGetLineNo(root) : 0,
		                   "not an RSS or Atom feed (root element <%s>)",
		                   root ? (const char *)root->name : "none");
		return NULL;
	}
	char *title = galley_feed_child_text(channel, NULL, "title");
	char *lang = galley_feed_child_text(channel, NULL, "language");
	xmlChar *xml_lang = xmlNodeGetLang(root);
	galley_node *authors = galley_node_new(GALLEY_NODE_ARTICLE);
	galley_feed_atom_authors(authors, channel);
	char *site = galley_feed_link(channel);
	struct feed_info info = {title, lang ? lang : (const char *)xml_lang, site, authors};
	struct items list = {NULL, 0, 0};
	const char *since = opts ? opts->since : NULL;
	size_t total = S_read_items(parent, &info, since, &list, diag);
	S_keep_newest(&list, opts ? opts->max_items : 0);
	galley_node *doc = NULL;
	if (total == 0)
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "feed has no items");
	else if (list.n == 0 && since)
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "no item dated %s or later", since);
	else if (list.n == 0)
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "no item has a title or text");
	else {
		doc = galley_node_new(GALLEY_NODE_DOCUMENT);
		S_name_digest(doc, channel, title, &list, opts);
		for (size_t i = 0; i < list.n; i++)
			galley_node_append_child(doc, list.v[i].article);
	}
	free(list.v);
	galley_node_free(authors);
	free(site);
	free(title);
	free(lang);
	xmlFree(xml_lang);
	return doc;
}

galley_node *galley_read_feed(const char *data, size_t len,
                              const galley_options *opts, galley_diag *diag)
{
	if (opts && !S_valid_since(opts->since)) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0,
		                   "--since wants a date as YYYY-MM-DD, not '%s'", opts->since);
		return NULL;
	}
	xmlDocPtr x = S_parse(data, len, diag);
	if (!x)
		return NULL;
	galley_node *doc = S_build(x, opts, diag);
	xmlFreeDoc(x);
	return doc;
}
