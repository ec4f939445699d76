/* feed_item.c — one RSS item or Atom entry as an article: metadata, then its content. */
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "reader.h"

/* An attribute's value (malloc'd) or NULL. */
static char *S_attr(const xmlNode *x, const char *name)
{
	xmlChar *v = x ? xmlGetProp(x, BAD_CAST name) : NULL;
	char *s = v ? galley_xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

static int S_attr_is(const xmlNode *x, const char *name, const char *value)
{
	char *v = S_attr(x, name);
	int yes = v && strcmp(v, value) == 0;
	free(v);
	return yes;
}

/* Atom text constructs: type="html" and "xhtml" carry markup. */
static int S_is_markup(const xmlNode *x)
{
	return S_attr_is(x, "type", "html") || S_attr_is(x, "type", "xhtml") ||
	       S_attr_is(x, "type", "text/html");
}

static char *S_title(const xmlNode *item)
{
	xmlNode *t = galley_feed_child(item, NULL, "title");
	if (!t)
		t = galley_feed_child(item, FEED_NS_DC, "title");
	char *s = t ? galley_feed_text(t) : NULL;
	/* RSS titles are often escaped HTML ("AT&amp;amp;T", "<b>"): unescape */
	if (s && (S_is_markup(t) || strpbrk(s, "<&"))) {
		char *plain = galley_feed_html_to_text(s);
		free(s);
		s = plain;
	}
	return s;
}

char *galley_feed_link(const xmlNode *item)
{
	for (xmlNode *c = item->children; c; c = c->next) {
		if (!galley_feed_is(c, NULL, "link"))
			continue;
		char *href = S_attr(c, "href");
		if (href && (S_attr_is(c, "rel", "alternate") || !xmlHasProp(c, BAD_CAST "rel")))
			return galley_trim(href);
		free(href);
		if (!xmlHasProp(c, BAD_CAST "href")) {
			char *t = galley_feed_text(c);
			if (*t)
				return t;
			free(t);
		}
	}
	xmlNode *g = galley_feed_child(item, NULL, "guid");
	if (g && !S_attr_is(g, "isPermaLink", "false")) {
		char *t = galley_feed_text(g);
		if (strncmp(t, "http://", 7) == 0 || strncmp(t, "https://", 8) == 0)
			return t;
		free(t);
	}
	return NULL;
}

/* RSS <author> is "jane@example.org (Jane Doe)": the name in brackets. */
static void S_rss_author(galley_node *a, const char *s)
{
	const char *open = strchr(s, '('), *close = strrchr(s, ')');
	if (open && close > open + 1) {
		char *name = galley_xstrndup(open + 1, (size_t)(close - open - 1));
		galley_authors_add_list(a, name);
		free(name);
	} else {
		galley_authors_add_list(a, s);
	}
}

void galley_feed_atom_authors(galley_node *a, const xmlNode *x)
{
	for (xmlNode *c = x ? x->children : NULL; c; c = c->next)
		if (galley_feed_is(c, FEED_NS_ATOM, "author")) {
			char *name = galley_feed_child_text(c, FEED_NS_ATOM, "name");
			galley_article_add_author(a, name);
			free(name);
		}
}

static void S_authors(galley_node *a, const xmlNode *item, const struct feed_info *info)
{
	for (xmlNode *c = item->children; c; c = c->next) {
		char *t = NULL;
		if (galley_feed_is(c, FEED_NS_DC, "creator") && *(t = galley_feed_text(c)))
			galley_authors_add_list(a, t);
		else if (galley_feed_is(c, NULL, "author") && !c->ns && *(t = galley_feed_text(c)))
			S_rss_author(a, t);
		free(t);
	}
	galley_feed_atom_authors(a, item);
	/* an entry inherits the feed's */
	size_t inherit = galley_article_author_count(a) ? 0 : galley_article_author_count(info->authors);
	for (size_t i = 0; i < inherit; i++)
		galley_article_add_author(a, galley_article_get_author(info->authors, i));
	galley_byline_from_authors(a);
}

/* The item's date: published before updated (Atom), pubDate, dc:date. */
static void S_date(galley_node *a, const xmlNode *item, struct galley_date *when,
                   galley_diag *diag)
{
	static const struct { const char *ns, *name; } keys[] = {
		{FEED_NS_ATOM, "published"}, {FEED_NS_ATOM, "updated"},
		{NULL, "pubDate"}, {FEED_NS_DC, "date"}, {FEED_NS_ATOM, "issued"},
	};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		char *t = galley_feed_child_text(item, keys[i].ns, keys[i].name);
		if (!t)
			continue;
		int ok = galley_date_parse(t, when);
		if (ok) {
			char *iso = galley_date_iso(t);
			galley_article_set(a, GALLEY_META_DATE, iso);
			free(iso);
		} else {
			galley_diag_report(diag, GALLEY_DIAG_WARNING, (int)xmlGetLineNo(item),
			                   "'%s' is not a date: ignored", t);
		}
		free(t);
		if (ok)
			return;
	}
	when->year = 0;
}

static void S_tags(galley_node *a, const xmlNode *item)
{
	for (xmlNode *c = item->children; c; c = c->next) {
		if (!galley_feed_is(c, NULL, "category") && !galley_feed_is(c, FEED_NS_DC, "subject"))
			continue;
		char *t = S_attr(c, "term");
		if (!t)
			t = galley_feed_text(c);
		galley_article_add_tag(a, galley_trim(t));
		free(t);
	}
}

/* XHTML content: the markup inside the wrapping <div>, serialized. */
static char *S_xhtml(const xmlNode *content)
{
	const xmlNode *div = galley_feed_child(content, NULL, "div");
	xmlNode *from = div ? div->children : content->children;
	xmlBufferPtr buf = xmlBufferCreate();
	for (xmlNode *c = from; c; c = c->next)
		if (c->type != XML_ENTITY_REF_NODE)
			xmlNodeDump(buf, c->doc, c, 0, 0);
	char *s = galley_xstrdup((const char *)xmlBufferContent(buf));
	xmlBufferFree(buf);
	return s;
}

/* The best content element: content:encoded, atom:content (inline), then
 * description or summary.  *IS_HTML says how to read it. */
static char *S_content(const xmlNode *item, int *is_html, const xmlNode **used)
{
	*is_html = 1;
	xmlNode *c = galley_feed_child(item, FEED_NS_CONTENT, "encoded");
	xmlNode *atom = galley_feed_child(item, FEED_NS_ATOM, "content");
	if (!c && atom && !xmlHasProp(atom, BAD_CAST "src"))
		c = atom;
	if (!c)
		c = galley_feed_child(item, NULL, "description");
	if (!c)
		c = galley_feed_child(item, FEED_NS_ATOM, "summary");
	*used = c;
	if (!c)
		return NULL;
	if (c->ns && strcmp((const char *)c->ns->href, FEED_NS_ATOM) == 0) {
		if (S_attr_is(c, "type", "xhtml"))
			return S_xhtml(c);
		*is_html = S_is_markup(c);
	}
	/* not collapsed: paragraphs of plain text are separated by blank lines */
	galley_buf b = GALLEY_BUF_INIT;
	for (xmlNode *t = c->children; t; t = t->next)
		if (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE)
			galley_buf_puts(&b, (const char *)t->content);
	galley_buf_grow(&b, 0);
	return b.data;
}

/* 1 if SUMMARY is an excerpt: cut short ("…", "[...]") or the opening
 * words of the body's first paragraph. */
static int S_is_excerpt(const char *summary, galley_node *a)
{
	static const char *const cuts[] = {"\u2026", "...", "[\u2026]", "[...]", NULL};
	size_t n = strlen(summary);
	for (const char *const *c = cuts; *c; c++)
		if (n >= strlen(*c) && strcmp(summary + n - strlen(*c), *c) == 0)
			return 1;
	galley_node *p = galley_node_first_child(a);
	while (p && galley_node_get_type(p) != GALLEY_NODE_PARAGRAPH)
		p = galley_node_next(p);
	char *body = p ? galley_collapse_space(galley_trim(galley_node_text(p))) : NULL;
	size_t k = n < 40 ? n : 40;
	int same = body && strncmp(body, summary, k) == 0;
	free(body);
	return same;
}

/* A short description beside the full content is the item's standfirst. */
static void S_standfirst(galley_node *a, const xmlNode *item, const xmlNode *used)
{
	const xmlNode *d = galley_feed_child(item, NULL, "description");
	if (!d)
		d = galley_feed_child(item, FEED_NS_ATOM, "summary");
	if (!d || d == used || galley_article_get(a, GALLEY_META_SUBTITLE))
		return;
	char *raw = galley_feed_text(d);
	char *text = galley_feed_html_to_text(raw);
	if (*text && strlen(text) <= 300 && !S_is_excerpt(text, a))
		galley_article_set(a, GALLEY_META_SUBTITLE, text);
	free(text);
	free(raw);
}

galley_node *galley_feed_item(const xmlNode *item, const struct feed_info *info,
                              struct galley_date *when, galley_diag *diag)
{
	galley_node *a = galley_node_new(GALLEY_NODE_ARTICLE);
	int line = (int)xmlGetLineNo(item);
	galley_node_set_line(a, line);
	char *title = S_title(item), *link = galley_feed_link(item);
	xmlChar *lang = xmlNodeGetLang(item);
	galley_article_set(a, GALLEY_META_TITLE, title);
	galley_article_set(a, GALLEY_META_SOURCE, link);
	galley_article_set(a, GALLEY_META_PUBLISHER, info->title);
	galley_article_set(a, GALLEY_META_LANG, lang ? (const char *)lang : info->lang);
	S_authors(a, item, info);
	S_date(a, item, when, diag);
	S_tags(a, item);
	int is_html;
	const xmlNode *used = NULL;
	char *content = S_content(item, &is_html, &used);
	galley_feed_content(a, content, is_html, link ? link : info->link, line, diag);
	S_standfirst(a, item, used);
	galley_feed_lead_image(a, item);
	free(content);
	free(title);
	free(link);
	xmlFree(lang);
	if (!galley_article_has_content(a)) {
		galley_diag_report(diag, GALLEY_DIAG_WARNING, line, "item with no title and no text skipped");
		galley_node_free(a);
		return NULL;
	}
	return a;
}
