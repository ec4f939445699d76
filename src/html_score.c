/* html_score.c — choosing the article in a page: Readability's candidate scoring by text, commas, links and class names. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"

/* Readability's REGEXPS, as '|' word lists matched in lower-cased names. */
static const char S_unlikely[] =
	"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|"
	"extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|"
	"sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|"
	"pager|popup|yom-remote";
static const char S_maybe[] = "and|article|body|column|content|main|mathjax|shadow";
static const char S_positive[] =
	"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|"
	"blog|story";
static const char S_negative[] =
	"-ad-|hidden|banner|combx|comment|com-|contact|footer|gdpr|masthead|media|"
	"meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|"
	"sponsor|shopping|tags|widget|gallery|slideshow|carousel";
static const char S_byline[] = "byline|author|dateline|writtenby|p-author";

/* Readability's DIV_TO_P_ELEMENTS: a div holding none of these reads as
 * a paragraph. */
static const char *const S_block_tags[] = {"blockquote", "dl", "div", "img", "ol",
	"p", "pre", "table", "ul", "section", "article", "figure", "h1", "h2", "h3",
	"h4", "h5", "h6", "header", "footer", "aside", "main", "form", NULL};

#define TOP_N 5

/* What the scorer keeps about an element (through node->_private). */
struct measure {
	double score;
	size_t text, links;
	int init;
	int has_block;  /* a block element somewhere below */
};

struct grab {
	xmlNodePtr body;
	unsigned flags;
	char **byline;
	struct measure *m;
	size_t nm, cap;
	xmlNodePtr *score_me;   /* elements to score */
	size_t ns, scap;
	xmlNodePtr *cands;      /* initialised ancestors */
	size_t nc, ccap;
};

static int S_weight_of(const char *s)
{
	int w = 0;
	if (!s || !*s)
		return 0;
	char *low = galley_xstrdup(s);
	for (char *p = low; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	if (galley_html_match(low, S_negative))
		w -= 25;
	if (galley_html_match(low, S_positive))
		w += 25;
	free(low);
	return w;
}

int galley_html_class_weight(const xmlNode *node)
{
	char *c = galley_html_attr(node, "class");
	char *id = galley_html_attr(node, "id");
	int w = S_weight_of(c) + S_weight_of(id);
	xmlFree(c);
	xmlFree(id);
	return w;
}

static int S_is_block_tag(const xmlNode *n)
{
	for (int i = 0; S_block_tags[i]; i++)
		if (galley_html_is(n, S_block_tags[i]))
			return 1;
	return 0;
}

static struct measure *S_m(const xmlNode *n)
{
	return n ? (struct measure *)n->_private : NULL;
}

/* ------------------------------------------------------------ measures */

static int S_measure_enter(xmlNodePtr n, void *ctx)
{
	struct grab *g = ctx;
	if (n->type != XML_ELEMENT_NODE)
		return GALLEY_HTML_SKIP;
	if (g->nm == g->cap) /* pointers into M are taken only after this pass */
		g->m = galley_xrealloc(g->m, (g->cap = g->cap ? 2 * g->cap : 1024) * sizeof *g->m);
	memset(&g->m[g->nm], 0, sizeof *g->m);
	n->_private = (void *)(g->nm + 1);
	g->nm++;
	return GALLEY_HTML_DESCEND;
}

/* Replace the indices stored by the first pass by pointers. */
static int S_pointer_enter(xmlNodePtr n, void *ctx)
{
	struct grab *g = ctx;
	if (n->type != XML_ELEMENT_NODE)
		return GALLEY_HTML_SKIP;
	n->_private = &g->m[(size_t)n->_private - 1];
	return GALLEY_HTML_DESCEND;
}

/* Text and link lengths, summed bottom-up: one pass for the whole page. */
static void S_sum_exit(xmlNodePtr n, void *ctx)
{
	(void)ctx;
	struct measure *m = S_m(n), *pm = S_m(n->parent);
	if (n->type != XML_ELEMENT_NODE || !m)
		return;
	if (galley_html_is(n, "a"))
		m->links = m->text;
	for (xmlNodePtr k = n->children; k; k = k->next) {
		if (k->type == XML_TEXT_NODE && k->content) {
			size_t len = 0;
			int space = 1;
			for (const xmlChar *s = k->content; *s; s++) {
				int sp = galley_is_space(*s);
				if ((!sp || !space) && (*s & 0xC0) != 0x80)
					len++;
				space = sp;
			}
			m->text += len;
			if (galley_html_is(n, "a"))
				m->links += len;
		}
	}
	if (pm) {
		pm->text += m->text;
		pm->links += m->links;
		pm->has_block |= m->has_block || S_is_block_tag(n);
	}
}

static double S_link_density(const xmlNode *n)
{
	const struct measure *m = S_m(n);
	return m && m->text ? (double)m->links / (double)m->text : 0;
}

/* ------------------------------------------------------------ pruning */

static void S_push(xmlNodePtr **v, size_t *n, size_t *cap, xmlNodePtr x)
{
	if (*n == *cap)
		*v = galley_xrealloc(*v, (*cap = *cap ? 2 * *cap : 256) * sizeof **v);
	(*v)[(*n)++] = x;
}

static int S_is_byline(xmlNodePtr n, const char *class_id)
{
	char *rel = galley_html_attr(n, "rel");
	char *prop = galley_html_attr(n, "itemprop");
	int yes = (rel && strcasecmp(rel, "author") == 0) ||
	          (prop && strstr(prop, "author")) || galley_html_match(class_id, S_byline);
	xmlFree(rel);
	xmlFree(prop);
	if (!yes || galley_html_is_author_box(n))
		return 0;
	size_t len = S_m(n) ? S_m(n)->text : 0;
	return len > 0 && len < 100;
}

static int S_unlikely_node(xmlNodePtr n, const char *class_id)
{
	if (galley_html_is(n, "body") || galley_html_is(n, "a") ||
	    galley_html_is(n, "article") || galley_html_is(n, "main"))
		return 0;
	if (!galley_html_match(class_id, S_unlikely) || galley_html_match(class_id, S_maybe))
		return 0;
	/* an embedded post (a tweet in a "social-embed" box) is quoted text */
	if (galley_html_count(n, "blockquote") > 0 && S_m(n) && S_m(n)->text < 1000)
		return 0;
	return !galley_html_has_ancestor(n, "table", 64) && !galley_html_has_ancestor(n, "code", 64);
}

/* Wrap each run of inline content of a div that also holds blocks in a
 * <p>, so that loose text is scored and kept like a paragraph. */
static void S_wrap_loose_text(xmlNodePtr div)
{
	xmlNodePtr k = div->children, p = NULL;
	while (k) {
		xmlNodePtr next = k->next;
		int inline_node = k->type == XML_TEXT_NODE ||
		                  (k->type == XML_ELEMENT_NODE && !S_is_block_tag(k) &&
		                   !(S_m(k) && S_m(k)->has_block) && !galley_html_is(k, "br"));
		if (galley_html_is(k, "br") && p) {
			p = NULL; /* a break ends the run (Readability's br chains) */
		} else if (inline_node) {
			if (!p) {
				int blank = k->type == XML_TEXT_NODE;
				for (const xmlChar *s = k->content; blank && s && *s; s++)
					blank = galley_is_space(*s);
				if (k->type == XML_TEXT_NODE && blank) {
					k = next;
					continue;
				}
				p = xmlNewDocNode(div->doc, NULL, BAD_CAST "p", NULL);
				p->_private = NULL;
				xmlAddPrevSibling(k, p);
			}
			xmlUnlinkNode(k);
			xmlAddChild(p, k);
		} else {
			p = NULL;
		}
		k = next;
	}
}

static int S_prune_enter(xmlNodePtr n, void *ctx)
{
	struct grab *g = ctx;
	if (n->type != XML_ELEMENT_NODE)
		return GALLEY_HTML_SKIP;
	char *ci = galley_html_class_id(n);
	int what = GALLEY_HTML_DESCEND;
	if (!*g->byline && S_is_byline(n, ci)) {
		*g->byline = galley_html_text(n);
		what = GALLEY_HTML_REMOVE;
	} else if ((g->flags & GALLEY_HTML_STRIP_UNLIKELY) && S_unlikely_node(n, ci)) {
		what = GALLEY_HTML_REMOVE;
	} else if (S_m(n) && S_m(n)->text == 0 && (galley_html_is(n, "div") ||
	           galley_html_is(n, "section") || galley_html_is(n, "header") ||
	           galley_html_heading(n)) && galley_html_count(n, "img") == 0) {
		what = GALLEY_HTML_REMOVE;
	}
	free(ci);
	if (what == GALLEY_HTML_REMOVE)
		return what;
	if (galley_html_is(n, "div") && S_m(n)) {
		if (!S_m(n)->has_block)
			xmlNodeSetName(n, BAD_CAST "p"); /* Readability's div-to-p */
		else
			S_wrap_loose_text(n);
	}
	static const char *const scored[] = {"section", "h2", "h3", "h4", "h5", "h6",
		"p", "td", "pre", NULL};
	for (int i = 0; scored[i]; i++)
		if (galley_html_is(n, scored[i]))
			S_push(&g->score_me, &g->ns, &g->scap, n);
	return GALLEY_HTML_DESCEND;
}

/* ------------------------------------------------------------ scoring */

/* Give every element of the body fresh measures. */
static void S_measure(struct grab *g)
{
	free(g->m);
	g->m = NULL;
	g->nm = g->cap = 0;
	galley_html_walk(g->body, S_measure_enter, NULL, g);
	galley_html_walk(g->body, S_pointer_enter, S_sum_exit, g);
}

/* Readability's _initializeNode: a base score by tag, plus class weight. */
static void S_init(struct grab *g, xmlNodePtr n)
{
	struct measure *m = S_m(n);
	if (!m || m->init)
		return;
	static const struct { const char *tag; int score; } base[] = {
		{"div", 5}, {"pre", 3}, {"td", 3}, {"blockquote", 3},
		{"address", -3}, {"ol", -3}, {"ul", -3}, {"dl", -3}, {"dd", -3},
		{"dt", -3}, {"li", -3}, {"form", -3},
		{"h1", -5}, {"h2", -5}, {"h3", -5}, {"h4", -5}, {"h5", -5}, {"h6", -5},
		{"th", -5}};
	m->init = 1;
	m->score = 0;
	for (size_t i = 0; i < sizeof base / sizeof *base; i++)
		if (galley_html_is(n, base[i].tag))
			m->score = base[i].score;
	if (g->flags & GALLEY_HTML_WEIGHT_CLASSES)
		m->score += galley_html_class_weight(n);
	S_push(&g->cands, &g->nc, &g->ccap, n);
}

static size_t S_commas(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == ',' || (strncmp(s, "\xEF\xBC\x8C", 3) == 0) ||
		     (strncmp(s, "\xD8\x8C", 2) == 0) || (strncmp(s, "\xE3\x80\x81", 3) == 0);
	return n;
}

static void S_score_one(struct grab *g, xmlNodePtr n)
{
	if (!n->parent || n->parent->type != XML_ELEMENT_NODE)
		return;
	char *text = galley_html_text(n);
	size_t len = 0;
	for (const char *s = text; *s; s++)
		len += (*s & 0xC0) != 0x80;
	if (len >= 25) {
		size_t hundreds = len / 100;
		double score = 1 + (double)S_commas(text) + (double)(hundreds < 3 ? hundreds : 3);
		int level = 0;
		for (xmlNodePtr a = n->parent; a && level < 5; a = a->parent, level++) {
			if (a->type != XML_ELEMENT_NODE || !a->parent ||
			    a->parent->type != XML_ELEMENT_NODE || !S_m(a))
				break;
			S_init(g, a);
			double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
			S_m(a)->score += score / divider;
		}
	}
	free(text);
}

static double S_score(const xmlNode *n)
{
	const struct measure *m = S_m(n);
	return m && m->init ? m->score : 0;
}

/* The best candidate after link density; NULL when there is none. */
static xmlNodePtr S_best(struct grab *g, xmlNodePtr top[TOP_N])
{
	memset(top, 0, TOP_N * sizeof *top);
	for (size_t i = 0; i < g->nc; i++) {
		xmlNodePtr c = g->cands[i];
		S_m(c)->score *= 1 - S_link_density(c);
		for (int t = 0; t < TOP_N; t++) {
			if (!top[t] || S_score(c) > S_score(top[t])) {
				memmove(top + t + 1, top + t, (TOP_N - 1 - (size_t)t) * sizeof *top);
				top[t] = c;
				break;
			}
		}
	}
	return top[0];
}

static int S_is_ancestor(const xmlNode *a, const xmlNode *n)
{
	for (const xmlNode *p = n ? n->parent : NULL; p; p = p->parent)
		if (p == a)
			return 1;
	return 0;
}

/* Readability: when three other strong candidates share an ancestor with
 * the best one, that ancestor holds the article. */
static xmlNodePtr S_common_ancestor(struct grab *g, xmlNodePtr top[TOP_N])
{
	xmlNodePtr best = top[0];
	int alt = 0;
	for (int i = 1; i < TOP_N && top[i]; i++)
		alt += S_score(top[i]) / S_score(best) >= 0.75;
	if (alt < 3)
		return best;
	int up = 0;
	for (xmlNodePtr p = best->parent; p && p != g->body && up < 64; p = p->parent, up++) {
		int lists = 0;
		for (int i = 1; i < TOP_N && top[i]; i++)
			if (S_score(top[i]) / S_score(best) >= 0.75 && S_is_ancestor(p, top[i]))
				lists++;
		if (lists >= 3)
			return p;
	}
	return best;
}

/* Readability: climb while a parent scores better than the candidate. */
static xmlNodePtr S_climb(struct grab *g, xmlNodePtr top)
{
	S_init(g, top);
	double last = S_score(top), threshold = last / 3;
	for (xmlNodePtr p = top->parent; p && p != g->body && p->type == XML_ELEMENT_NODE;
	     p = p->parent) {
		if (!S_m(p) || !S_m(p)->init)
			continue;
		double s = S_score(p);
		if (s < threshold)
			break;
		if (s > last) {
			top = p;
			break;
		}
		last = s;
	}
	while (top->parent && top->parent != g->body && top->parent->type == XML_ELEMENT_NODE &&
	       xmlChildElementCount(top->parent) == 1)
		top = top->parent;
	S_init(g, top);
	return top;
}

static size_t S_len(xmlNodePtr n, size_t *links)
{
	if (S_m(n)) {
		*links = S_m(n)->links;
		return S_m(n)->text;
	}
	return galley_html_text_len(n, links);
}

/* Readability: a sibling joins the article when it scores well, shares
 * the candidate's class, or is a paragraph of real sentences. */
static int S_sibling_joins(xmlNodePtr s, xmlNodePtr top)
{
	double top_score = S_score(top);
	double threshold = top_score * 0.2 > 10 ? top_score * 0.2 : 10;
	double bonus = 0;
	char *sc = galley_html_attr(s, "class"), *tc = galley_html_attr(top, "class");
	if (sc && tc && *tc && strcmp(sc, tc) == 0)
		bonus = top_score * 0.2;
	xmlFree(sc);
	xmlFree(tc);
	if (S_m(s) && S_m(s)->init && S_score(s) + bonus >= threshold)
		return 1;
	if (galley_html_is_author_box(s)) /* the writer's bio closes the story */
		return 1;
	if (!galley_html_is(s, "p"))
		return 0;
	size_t links = 0, len = S_len(s, &links);
	double ld = len ? (double)links / (double)len : 0;
	if (len > 80)
		return ld < 0.25;
	if (len == 0 || ld > 0)
		return 0;
	char *text = galley_html_text(s);
	size_t tl = strlen(text);
	int sentence = strstr(text, ". ") != NULL || (tl && text[tl - 1] == '.');
	free(text);
	return sentence;
}

static xmlNodePtr S_gather(htmlDocPtr doc, xmlNodePtr top)
{
	xmlNodePtr article = xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
	xmlNodePtr parent = top->parent;
	xmlNodePtr s = parent ? parent->children : top;
	while (s) {
		xmlNodePtr next = parent ? s->next : NULL;
		if (s->type == XML_ELEMENT_NODE && (s == top || S_sibling_joins(s, top))) {
			xmlUnlinkNode(s);
			xmlAddChild(article, s);
		}
		s = next;
	}
	return article;
}

static void S_clear_private(xmlNodePtr root)
{
	for (xmlNodePtr n = root; n;) {
		n->_private = NULL;
		if (n->children && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		while (n && n != root && !n->next)
			n = n->parent;
		if (!n || n == root)
			break;
		n = n->next;
	}
}

xmlNodePtr galley_html_grab(htmlDocPtr doc, xmlNodePtr body, unsigned flags,
                            char **byline)
{
	struct grab g = {0};
	g.body = body;
	g.flags = flags;
	g.byline = byline;
	S_measure(&g);
	galley_html_walk(body, S_prune_enter, NULL, &g);
	S_measure(&g);
	for (size_t i = 0; i < g.ns; i++)
		S_score_one(&g, g.score_me[i]);
	xmlNodePtr top[TOP_N];
	xmlNodePtr best = S_best(&g, top);
	xmlNodePtr article;
	if (!best || best == body) {
		article = xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
		xmlNodePtr k;
		while ((k = body->children) != NULL) {
			xmlUnlinkNode(k);
			xmlAddChild(article, k);
		}
	} else {
		best = S_climb(&g, S_common_ancestor(&g, top));
		article = S_gather(doc, best);
	}
	if (flags & GALLEY_HTML_CLEAN_COND)
		galley_html_clean_article(article);
	S_clear_private(article);
	S_clear_private(body);
	free(g.m);
	free(g.score_me);
	free(g.cands);
	return article;
}
