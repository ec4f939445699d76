/* html_meta.c — article metadata of a web page: JSON-LD, og:/article:/twitter: meta tags, <title>, <h1>, language, URLs. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <json-c/json.h>
#include <libxml/uri.h>

#include "html.h"
#include "meta.h"

#define MAX_META 64

/* What one pass over the page collects. */
struct page_info {
	struct { char *key, *value; } meta[MAX_META];
	size_t n_meta;
	char *title;          /* <title> text */
	char *h1;             /* first <h1> text */
	size_t n_h1;
	char *lang, *base, *canonical;
	char *standfirst;     /* text of the first standfirst-like element */
	char **ld;            /* JSON-LD script texts */
	size_t n_ld;
};

/* What JSON-LD gave (Readability's _getJSONLD). */
struct ld_info {
	char *title, *date, *publisher, *lang, *url, *description;
	char **authors;
	unsigned char *org;   /* per author: its @type is an Organization */
	size_t n_authors;
};

/* Decode character references left in a value (Readability unescapes
 * metadata: JSON-LD and some meta tags hold "&#163;" or "&amp;"). */
static char *S_unescape(const char *s)
{
	galley_buf b = GALLEY_BUF_INIT;
	while (*s) {
		const char *semi = *s == '&' ? strchr(s, ';') : NULL;
		if (!semi || semi - s > 12) {
			galley_buf_putc(&b, *s++);
			continue;
		}
		unsigned long cp = 0;
		char name[16];
		memcpy(name, s + 1, (size_t)(semi - s - 1));
		name[semi - s - 1] = '\0';
		if (name[0] == '#')
			cp = strtoul(name + 1 + (name[1] == 'x' || name[1] == 'X'), NULL,
			             name[1] == 'x' || name[1] == 'X' ? 16 : 10);
		else if (htmlEntityLookup(BAD_CAST name))
			cp = htmlEntityLookup(BAD_CAST name)->value;
		if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
			galley_buf_putc(&b, *s++);
			continue;
		}
		galley_utf8_encode(&b, (uint32_t)cp);
		s = semi + 1;
	}
	galley_buf_grow(&b, 0);
	return galley_buf_detach(&b);
}

static char *S_dup_trim(const char *s)
{
	if (!s)
		return NULL;
	char *d = galley_collapse_space(galley_trim(S_unescape(s)));
	if (!*d) {
		free(d);
		return NULL;
	}
	return d;
}

/* ------------------------------------------------------ collecting */

static void S_add_meta(struct page_info *p, const char *key, const char *value)
{
	if (p->n_meta == MAX_META)
		return;
	char *k = galley_xstrdup(key);
	for (char *s = k; *s; s++)
		*s = *s == '.' ? ':' : (char)tolower((unsigned char)*s);
	p->meta[p->n_meta].key = k;
	p->meta[p->n_meta].value = galley_xstrdup(value);
	p->n_meta++;
}

static void S_meta_tag(struct page_info *p, xmlNodePtr n)
{
	char *content = galley_html_attr(n, "content");
	char *prop = galley_html_attr(n, "property");
	char *name = galley_html_attr(n, "name");
	char *equiv = galley_html_attr(n, "http-equiv");
	char *itemprop = galley_html_attr(n, "itemprop");
	if (content && *content) {
		/* property may hold several space-separated names */
		for (char *save = NULL, *w = prop ? strtok_r(prop, " \t\n", &save) : NULL; w;
		     w = strtok_r(NULL, " \t\n", &save))
			S_add_meta(p, w, content);
		if (name)
			S_add_meta(p, name, content);
		if (equiv)
			S_add_meta(p, equiv, content);
		if (itemprop)
			S_add_meta(p, itemprop, content);
	}
	xmlFree(content);
	xmlFree(prop);
	xmlFree(name);
	xmlFree(equiv);
	xmlFree(itemprop);
}

static void S_script(struct page_info *p, xmlNodePtr n)
{
	char *type = galley_html_attr(n, "type");
	if (type && strcasecmp(type, "application/ld+json") == 0 && p->n_ld < 16) {
		xmlChar *text = xmlNodeGetContent(n);
		p->ld = galley_xrealloc(p->ld, (p->n_ld + 1) * sizeof *p->ld);
		p->ld[p->n_ld++] = galley_xstrdup(text ? (const char *)text : "");
		xmlFree(text);
	}
	xmlFree(type);
}

static void S_link(struct page_info *p, xmlNodePtr n)
{
	char *rel = galley_html_attr(n, "rel");
	if (rel && strcasecmp(rel, "canonical") == 0 && !p->canonical) {
		char *href = galley_html_attr(n, "href");
		p->canonical = S_dup_trim(href);
		xmlFree(href);
	}
	xmlFree(rel);
}

static const char *S_meta(const struct page_info *p, const char *key);

/* 1 if the <time> element N dates the article (pubdate, itemprop or a
 * class saying so), not a comment or a sidebar story. */
static int S_published_time(xmlNodePtr n)
{
	char *prop = galley_html_attr(n, "itemprop");
	char *ci = galley_html_class_id(n);
	int yes = xmlHasProp(n, BAD_CAST "pubdate") != NULL ||
	          (prop && strcasecmp(prop, "datePublished") == 0) ||
	          galley_html_match(ci, "publish|posted|dateline|entry-date|post-date|article-date");
	xmlFree(prop);
	free(ci);
	return yes;
}

/* Class words of the line under a headline that sums the story up. */
static const char S_standfirst[] =
	"standfirst|^dek$|^deck$|subtitle|subhead|sub-head|strapline|^lede$|"
	"^summary$|article-summary|^excerpt$|^teaser$|^intro$|^subheadline";

static int S_is_standfirst(xmlNodePtr n)
{
	if (galley_html_is(n, "body") || galley_html_is(n, "article") ||
	    galley_html_is(n, "main") || galley_html_is(n, "section"))
		return 0;
	char *ci = galley_html_class_id(n);
	int yes = galley_html_match(ci, S_standfirst);
	free(ci);
	return yes;
}

static int S_collect(xmlNodePtr n, void *ctx)
{
	struct page_info *p = ctx;
	if (n->type != XML_ELEMENT_NODE)
		return n->type == XML_HTML_DOCUMENT_NODE ? GALLEY_HTML_DESCEND : GALLEY_HTML_SKIP;
	if (galley_html_is(n, "meta")) {
		S_meta_tag(p, n);
	} else if (galley_html_is(n, "script")) {
		S_script(p, n);
		return GALLEY_HTML_SKIP;
	} else if (galley_html_is(n, "title") && !p->title) {
		xmlChar *t = xmlNodeGetContent(n);
		p->title = S_dup_trim((const char *)t);
		xmlFree(t);
	} else if (galley_html_is(n, "time") && S_published_time(n)) {
		char *dt = galley_html_attr(n, "datetime");
		if (dt && !S_meta(p, "time-datetime"))
			S_add_meta(p, "time-datetime", dt);
		xmlFree(dt);
	} else if (!p->standfirst && S_is_standfirst(n)) {
		p->standfirst = galley_html_text(n);
	} else if (galley_html_is(n, "h1")) {
		if (p->n_h1++ == 0)
			p->h1 = galley_html_text(n);
	} else if (galley_html_is(n, "base") && !p->base) {
		char *href = galley_html_attr(n, "href");
		p->base = S_dup_trim(href);
		xmlFree(href);
	} else if (galley_html_is(n, "link")) {
		S_link(p, n);
	} else if (galley_html_is(n, "html") && !p->lang) {
		char *lang = galley_html_attr(n, "lang");
		if (!lang)
			lang = galley_html_attr(n, "xml:lang");
		p->lang = S_dup_trim(lang);
		xmlFree(lang);
	}
	return GALLEY_HTML_DESCEND;
}

/* The last value of meta KEY (Readability lets later tags win). */
static const char *S_meta(const struct page_info *p, const char *key)
{
	for (size_t i = p->n_meta; i > 0; i--)
		if (strcmp(p->meta[i - 1].key, key) == 0 && *p->meta[i - 1].value)
			return p->meta[i - 1].value;
	return NULL;
}

/* The first of KEYS (NULL-terminated) that is set. */
static const char *S_meta_any(const struct page_info *p, const char *const *keys)
{
	for (; *keys; keys++) {
		const char *v = S_meta(p, *keys);
		if (v)
			return v;
	}
	return NULL;
}

static void S_page_info_free(struct page_info *p)
{
	for (size_t i = 0; i < p->n_meta; i++) {
		free(p->meta[i].key);
		free(p->meta[i].value);
	}
	for (size_t i = 0; i < p->n_ld; i++)
		free(p->ld[i]);
	free(p->ld);
	free(p->title);
	free(p->h1);
	free(p->lang);
	free(p->base);
	free(p->canonical);
	free(p->standfirst);
}

/* --------------------------------------------------------- JSON-LD */

static const char *const S_article_types[] = {"Article", "AdvertiserContentArticle",
	"NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle",
	"BackgroundNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle",
	"ReviewNewsArticle", "Report", "SatiricalArticle", "ScholarlyArticle",
	"MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
	"LiveBlogPosting", "DiscussionForumPosting", "TechArticle", "APIReference",
	NULL};

static const char *S_str(json_object *o, const char *key)
{
	json_object *v;
	if (!o || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* 1 if O's @type (a string or an array) is an article type; WebPage
 * counts only when ALLOW_PAGE. */
static int S_is_article(json_object *o, int allow_page)
{
	json_object *t;
	if (!o || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, "@type", &t))
		return 0;
	size_t n = json_object_is_type(t, json_type_array) ? json_object_array_length(t) : 1;
	for (size_t i = 0; i < n; i++) {
		json_object *e = json_object_is_type(t, json_type_array) ?
		                 json_object_array_get_idx(t, i) : t;
		const char *s = json_object_is_type(e, json_type_string) ?
		                json_object_get_string(e) : NULL;
		for (int k = 0; s && S_article_types[k]; k++)
			if (strcmp(s, S_article_types[k]) == 0 &&
			    (allow_page || strcmp(s, "WebPage") != 0))
				return 1;
	}
	return 0;
}

/* The article object in a parsed JSON-LD value: itself, an element of an
 * array, or an element of its @graph. */
static json_object *S_find_article(json_object *root, int allow_page)
{
	if (S_is_article(root, allow_page))
		return root;
	json_object *list = NULL;
	if (json_object_is_type(root, json_type_array))
		list = root;
	else if (json_object_is_type(root, json_type_object))
		json_object_object_get_ex(root, "@graph", &list);
	if (!list || !json_object_is_type(list, json_type_array))
		return NULL;
	for (size_t i = 0; i < json_object_array_length(list); i++) {
		json_object *e = json_object_array_get_idx(list, i);
		if (S_is_article(e, allow_page))
			return e;
	}
	return NULL;
}

static void S_ld_author(struct ld_info *ld, json_object *a)
{
	const char *type = json_object_is_type(a, json_type_object) ? S_str(a, "@type") : NULL;
	const char *name = json_object_is_type(a, json_type_string) ?
	                   json_object_get_string(a) : S_str(a, "name");
	char *d = S_dup_trim(name);
	if (!d || strncmp(d, "http", 4) == 0) {
		free(d);
		return;
	}
	ld->authors = galley_xrealloc(ld->authors, (ld->n_authors + 1) * sizeof *ld->authors);
	ld->org = galley_xrealloc(ld->org, ld->n_authors + 1);
	/* a publisher named as the author is never a person */
	ld->org[ld->n_authors] = type && strstr(type, "Organization") != NULL;
	ld->authors[ld->n_authors++] = d;
}

/* 1 if C is a JavaScript \w character (ASCII letters, digits, '_'). */
static int S_word_char(unsigned char c)
{
	return c < 0x80 && (isalnum(c) || c == '_');
}

/* 1 if the lower-cased token W (N bytes) is a token of A. */
static int S_has_token(const char *a, const char *w, size_t n)
{
	for (const char *p = a; *p;) {
		while (*p && !S_word_char((unsigned char)*p))
			p++;
		size_t k = 0;
		while (p[k] && S_word_char((unsigned char)p[k]))
			k++;
		if (k == n && strncasecmp(p, w, n) == 0)
			return 1;
		p += k;
	}
	return 0;
}

/* Readability's _textSimilarity: the share of B's tokens (by length) that
 * also occur in A, tokens split on JavaScript's \W. */
static double S_similarity(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	size_t total = 0, unique = 0;
	for (const char *p = b; *p;) {
		while (*p && !S_word_char((unsigned char)*p))
			p++;
		size_t k = 0;
		while (p[k] && S_word_char((unsigned char)p[k]))
			k++;
		if (k) {
			total += k + 1;
			if (!S_has_token(a, p, k))
				unique += k + 1;
		}
		p += k;
	}
	return total ? 1.0 - (double)unique / (double)total : 0;
}

static void S_ld_fill(struct ld_info *ld, json_object *o, const char *page_title)
{
	const char *name = S_str(o, "name"), *headline = S_str(o, "headline");
	if (name && headline && strcmp(name, headline) != 0)
		ld->title = S_dup_trim(S_similarity(headline, page_title) > 0.75 &&
		                       S_similarity(name, page_title) <= 0.75 ? headline : name);
	else
		ld->title = S_dup_trim(name ? name : headline);
	json_object *a, *pub;
	if (json_object_object_get_ex(o, "author", &a)) {
		if (json_object_is_type(a, json_type_array))
			for (size_t i = 0; i < json_object_array_length(a); i++)
				S_ld_author(ld, json_object_array_get_idx(a, i));
		else
			S_ld_author(ld, a);
	}
	ld->date = S_dup_trim(S_str(o, "datePublished"));
	if (json_object_object_get_ex(o, "publisher", &pub))
		ld->publisher = S_dup_trim(S_str(pub, "name"));
	ld->lang = S_dup_trim(S_str(o, "inLanguage"));
	ld->url = S_dup_trim(S_str(o, "url"));
	ld->description = S_dup_trim(S_str(o, "description"));
}

static void S_ld(const struct page_info *p, struct ld_info *ld)
{
	for (int allow_page = 0; allow_page < 1; allow_page++)
		for (size_t i = 0; i < p->n_ld; i++) {
			char *text = p->ld[i];
			/* Readability strips a CDATA wrapper around the JSON */
			while (galley_is_space((unsigned char)*text))
				text++;
			if (strncmp(text, "<![CDATA[", 9) == 0)
				text += 9;
			char *end = strstr(text, "]]>");
			if (end)
				*end = '\0';
			json_object *root = json_tokener_parse(text);
			json_object *o = root ? S_find_article(root, allow_page) : NULL;
			if (o)
				S_ld_fill(ld, o, p->title);
			json_object_put(root);
			if (o)
				return;
		}
}

static void S_ld_free(struct ld_info *ld)
{
	free(ld->title);
	free(ld->date);
	free(ld->publisher);
	free(ld->lang);
	free(ld->url);
	free(ld->description);
	for (size_t i = 0; i < ld->n_authors; i++)
		free(ld->authors[i]);
	free(ld->authors);
	free(ld->org);
}

/* ------------------------------------------------------ the fields */

/* YYYY-MM-DD from an ISO 8601 date or date-time; NULL for anything else
 * and for dates in the future (a page cannot be published tomorrow). */
static char *S_date(const char *s)
{
	if (!s)
		return NULL;
	while (galley_is_space((unsigned char)*s))
		s++;
	int y, m, d;
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || y < 1000 || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		return NULL;
	/* "now" is SOURCE_DATE_EPOCH when set: identical input, identical tree */
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *end = NULL;
	long long e = epoch ? strtoll(epoch, &end, 10) : 0;
	time_t now = epoch && *epoch && end && !*end ? (time_t)e : time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	long today = (tm.tm_year + 1900L) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
	/* one day of slack for time zones ahead of UTC */
	if ((long)y * 10000 + m * 100 + d > today + 1)
		return NULL;
	return galley_xasprintf("%04d-%02d-%02d", y, m, d);
}

/* An absolute http(s) URL, or NULL. */
static char *S_absolute(const char *url, const char *base)
{
	if (!url || !*url)
		return NULL;
	xmlChar *abs = base ? xmlBuildURI(BAD_CAST url, BAD_CAST base) : xmlStrdup(BAD_CAST url);
	char *out = NULL;
	if (abs && (strncasecmp((char *)abs, "http://", 7) == 0 ||
	            strncasecmp((char *)abs, "https://", 8) == 0))
		out = galley_xstrdup((char *)abs);
	xmlFree(abs);
	return out;
}

static const char *const S_title_keys[] = {"dc:title", "dcterm:title", "og:title",
	"weibo:article:title", "weibo:webpage:title", "title", "twitter:title",
	"parsely-title", NULL};
static const char *const S_author_keys[] = {"dc:creator", "dcterm:creator", "author",
	"parsely-author", "article:author", "twitter:creator", NULL};
static const char *const S_date_keys[] = {"article:published_time", "parsely-pub-date",
	"datepublished", "time-datetime",
	"og:published_time", "date", "dc:date", "dcterm:date", "dc:date:issued",
	"pubdate", "publish-date", "sailthru:date", "article:modified_time", NULL};
static const char *const S_site_keys[] = {"og:site_name", "application-name", NULL};
static const char *const S_lang_keys[] = {"content-language", "og:locale", "language",
	"dc:language", NULL};

/* Authors: all JSON-LD ones, else the meta author; each split and cleaned
 * like a byline, organisations and the site itself left out.  The byline
 * is the names kept, or the page's own text when none is a person. */
static void S_authors(galley_node *article, const struct ld_info *ld,
                      const struct page_info *p)
{
	galley_buf b = GALLEY_BUF_INIT;
	if (ld->n_authors) {
		for (size_t i = 0; i < ld->n_authors; i++)
			if (!ld->org[i])
				galley_authors_add_byline(article, ld->authors[i], 1);
		size_t n = galley_article_author_count(article);
		for (size_t i = 0; i < (n ? n : ld->n_authors); i++) {
			galley_buf_puts(&b, i ? ", " : "");
			galley_buf_puts(&b, n ? galley_article_get_author(article, i) : ld->authors[i]);
		}
	} else {
		const char *a = S_meta_any(p, S_author_keys);
		char *name = S_dup_trim(a);
		if (name && strncmp(name, "http", 4) != 0 && name[0] != '@') {
			galley_authors_add_byline(article, name, 1);
			galley_buf_puts(&b, galley_author_clean(name));
		}
		free(name);
	}
	galley_buf_grow(&b, 0);
	if (*b.data)
		galley_article_set(article, GALLEY_META_BYLINE, b.data);
	galley_buf_free(&b);
}

static void S_lang(galley_node *article, const struct ld_info *ld, const struct page_info *p)
{
	const char *lang = p->lang ? p->lang : ld->lang ? ld->lang : S_meta_any(p, S_lang_keys);
	if (!lang)
		return;
	char *l = galley_xstrdup(lang);
	for (char *s = l; *s; s++)
		if (*s == '_')
			*s = '-';
	l[strcspn(l, " ,;")] = '\0';
	if (*l)
		galley_article_set(article, GALLEY_META_LANG, l);
	free(l);
}

static void S_urls(galley_node *article, const struct ld_info *ld,
                   const struct page_info *p, char **base)
{
	char *source = S_absolute(p->canonical, NULL);
	if (!source)
		source = S_absolute(S_meta(p, "og:url"), NULL);
	if (!source)
		source = S_absolute(ld->url, NULL);
	if (source)
		galley_article_set(article, GALLEY_META_SOURCE, source);
	/* <base href> may itself be relative to the page's address */
	char *b = p->base ? S_absolute(p->base, source) : NULL;
	if (!b && p->base && strstr(p->base, "://"))
		b = galley_xstrdup(p->base);
	*base = b ? b : source ? galley_xstrdup(source) : NULL;
	free(source);
}

/* The description is a subtitle only when the page shows it as a
 * standfirst (an element so named, holding that text): a description
 * that merely repeats the first paragraph, or that readers never see,
 * is not one. */
static void S_subtitle(galley_node *article, const struct ld_info *ld,
                       const struct page_info *p)
{
	static const char *const keys[] = {"og:description", "description",
		"twitter:description", "dc:description", NULL};
	char *desc = S_dup_trim(ld->description ? ld->description : S_meta_any(p, keys));
	char *stand = S_dup_trim(p->standfirst);
	if (desc && stand && strlen(stand) <= 400 &&
	    (strcmp(desc, stand) == 0 ||
	     (strlen(desc) >= 40 && strncmp(stand, desc, strlen(desc) - 3) == 0)))
		galley_article_set(article, GALLEY_META_SUBTITLE,
		                   strlen(stand) > strlen(desc) + 20 ? desc : stand);
	free(desc);
	free(stand);
}

void galley_html_metadata(htmlDocPtr doc, galley_node *article, char **base)
{
	struct page_info p = {0};
	struct ld_info ld = {0};
	galley_html_walk((xmlNodePtr)doc, S_collect, NULL, &p);
	S_ld(&p, &ld);
	char *title = S_dup_trim(ld.title ? ld.title : S_meta_any(&p, S_title_keys));
	if (!title && p.title)
		title = galley_html_article_title(doc, p.title, p.h1, p.n_h1);
	if (!title)
		title = S_dup_trim(p.h1);
	if (title)
		galley_article_set(article, GALLEY_META_TITLE, title);
	free(title);
	char *date = S_date(ld.date);
	for (size_t i = 0; !date && S_date_keys[i]; i++)
		date = S_date(S_meta(&p, S_date_keys[i]));
	if (date)
		galley_article_set(article, GALLEY_META_DATE, date);
	free(date);
	const char *site = ld.publisher ? ld.publisher : S_meta_any(&p, S_site_keys);
	char *publisher = S_dup_trim(site);
	if (publisher)
		galley_article_set(article, GALLEY_META_PUBLISHER, publisher);
	free(publisher);
	S_authors(article, &ld, &p); /* after the publisher: it is not an author */
	S_subtitle(article, &ld, &p);
	S_lang(article, &ld, &p);
	S_urls(article, &ld, &p, base);
	S_ld_free(&ld);
	S_page_info_free(&p);
}
