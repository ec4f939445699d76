/* html_clean.c — dropping the parts of an HTML page that are never article text (scripts, forms, hidden and junk boxes). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"

/* Elements dropped with their content wherever they are. */
static const char *const S_never[] = {
	"script", "style", "template", "iframe", "object", "embed",
	"applet", "svg", "canvas", "video", "audio", "source", "track", "map",
	"input", "button", "select", "textarea", "option", "nav", "dialog",
	"link", "meta", "head", "frameset", "frame", NULL
};

/* ARIA roles of page furniture (Readability's UNLIKELY_ROLES). */
static const char S_junk_roles[] =
	"menu|menubar|complementary|navigation|alert|alertdialog|dialog";

/* Short boxes with these class/id words are share bars, sign-up forms and
 * the like; a long element with such a class is more likely a wrapper. */
static const char S_widget[] =
	"^share$|^sharing$|^sharedaddy$|^social$|^newsletter|^subscribe|^subscription|"
	"^signup|^sign-up|^paywall|^cookie|^consent|^popup|^modal|^print-only|"
	"^screen-reader|^sr-only|^visually-hidden|^visuallyhidden|^skip-link|"
	"^skiplink|^jump-link|^ad$|^ads$|^advert|^dfp|^gpt-ad|^taboola|^outbrain|"
	"^sponsored";

static int S_is_never(const xmlNode *n)
{
	for (int i = 0; S_never[i]; i++)
		if (galley_html_is(n, S_never[i]))
			return 1;
	return 0;
}

static int S_junk_role(const xmlNode *n)
{
	char *role = galley_html_attr(n, "role");
	int junk = 0;
	if (role) {
		for (char *p = role; *p; p++)
			*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		/* whole-word compare: "menuitem" links inside articles are rare,
		 * but "main" or "article" must never match */
		char pat[sizeof S_junk_roles];
		memcpy(pat, S_junk_roles, sizeof pat);
		for (char *w = strtok(pat, "|"); w && !junk; w = strtok(NULL, "|"))
			junk = strcmp(role, w) == 0;
	}
	xmlFree(role);
	return junk;
}

/* A form wrapping the whole page (ASP.NET) holds paragraphs: keep it. */
static int S_junk_form(xmlNodePtr n)
{
	return galley_html_is(n, "form") && galley_html_count(n, "p") < 3;
}

static int S_widget_box(xmlNodePtr n)
{
	if (galley_html_is(n, "body") || galley_html_is(n, "html") ||
	    galley_html_is(n, "article") || galley_html_is(n, "main"))
		return 0;
	char *ci = galley_html_class_id(n);
	int junk = galley_html_match(ci, S_widget);
	free(ci);
	/* an embedded post (a tweet in a "social-embed" box) is quoted text */
	return junk && galley_html_text_len(n, NULL) < 500 &&
	       galley_html_count(n, "blockquote") == 0;
}

static int S_basic_enter(xmlNodePtr n, void *ctx)
{
	(void)ctx;
	switch (n->type) {
	case XML_COMMENT_NODE: case XML_PI_NODE: case XML_DTD_NODE:
		return GALLEY_HTML_REMOVE;
	case XML_ELEMENT_NODE:
		break;
	default:
		return GALLEY_HTML_SKIP;
	}
	/* a <noscript> is kept only for the image a lazy loader hides in it */
	if (galley_html_is(n, "noscript") &&
	    (galley_html_count(n, "img") == 0 || galley_html_text_len(n, NULL) > 0))
		return GALLEY_HTML_REMOVE;
	/* a <picture>'s sources are its image's other formats and sizes
	 * (libxml2's parser, which knows no <source>, may nest the <img> and
	 * the next sources in one) */
	if (galley_html_is(n, "source") && galley_html_has_ancestor(n, "picture", 0))
		return GALLEY_HTML_DESCEND;
	if (S_is_never(n) || galley_html_is_hidden(n) || S_junk_role(n) ||
	    S_junk_form(n) || S_widget_box(n))
		return GALLEY_HTML_REMOVE;
	return GALLEY_HTML_DESCEND;
}

/* ------------------------------------------------ boxes titled as junk */

/* Titles of boxes of other stories ("Most read in world news", "You may
 * also like", "Related articles"; not "Related work", a section of a
 * paper), and the class/id words of such a title. */
static const char S_box_titles[] =
	"related stories|related articles|related posts|related news|related content|"
	"related links|related coverage|related reading|related videos|"
	"most read|most popular|most viewed|also like|might like|may like|"
	"recommended|trending|read next|more stories|more from|don't miss|"
	"don\xE2\x80\x99t miss|also read|top stories|popular stories";
static const char S_box_title_class[] =
	"related|trending|most-read|mostread|most-popular|popular|recommend|read-next|"
	"more-stories";

static int S_junk_title(xmlNodePtr h)
{
	char *ci = galley_html_class_id(h);
	int junk = galley_html_match(ci, S_box_title_class);
	free(ci);
	if (junk)
		return 1;
	char *text = galley_html_text(h);
	size_t len = strlen(text);
	for (char *p = text; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	junk = len > 0 && len <= 60 && galley_html_match(text, S_box_titles);
	free(text);
	return junk;
}

/* The first child of N that holds text. */
static xmlNodePtr S_first_text_child(xmlNodePtr n)
{
	for (xmlNodePtr k = n->children; k; k = k->next) {
		if (k->type == XML_TEXT_NODE) {
			for (const xmlChar *s = k->content; s && *s; s++)
				if (!galley_is_space(*s))
					return k;
		} else if (k->type == XML_ELEMENT_NODE && galley_html_text_len(k, NULL) > 0) {
			return k;
		}
	}
	return NULL;
}

/* The box a junk title opens: the highest ancestor of H whose text starts
 * with H, short of the body, <main> and any box holding the page's <h1>;
 * NULL when H opens nothing but itself. */
static xmlNodePtr S_titled_box(xmlNodePtr h)
{
	xmlNodePtr box = h;
	for (xmlNodePtr p = h->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent) {
		if (galley_html_is(p, "body") || galley_html_is(p, "html") ||
		    galley_html_is(p, "main") || S_first_text_child(p) != box ||
		    galley_html_count(p, "h1") > 0)
			break;
		box = p;
	}
	return box == h ? NULL : box;
}

struct boxes {
	xmlNodePtr *v;
	size_t n;
};

static int S_box_enter(xmlNodePtr n, void *ctx)
{
	struct boxes *b = ctx;
	if (n->type != XML_ELEMENT_NODE)
		return GALLEY_HTML_SKIP;
	if (!galley_html_heading(n) || galley_html_heading(n) == 1 || !S_junk_title(n))
		return GALLEY_HTML_DESCEND;
	xmlNodePtr box = S_titled_box(n);
	if (box) {
		b->v = galley_xrealloc(b->v, (b->n + 1) * sizeof *b->v);
		b->v[b->n++] = box;
	}
	return GALLEY_HTML_SKIP;
}

static int S_inside_any(xmlNodePtr n, const struct boxes *b, size_t self)
{
	for (size_t i = 0; i < b->n; i++)
		if (i != self && b->v[i] != n)
			for (xmlNodePtr p = n->parent; p; p = p->parent)
				if (p == b->v[i])
					return 1;
	return 0;
}

/* A box that opens with a title such as "Most read" or "You may also
 * like", or a heading whose class says related or trending, lists other
 * stories: it goes with its title, before scoring can mistake a list of
 * teasers for the article. */
static void S_drop_titled_boxes(xmlNodePtr root)
{
	struct boxes b = {NULL, 0};
	galley_html_walk(root, S_box_enter, NULL, &b);
	int *drop = galley_xcalloc(b.n ? b.n : 1, sizeof *drop);
	for (size_t i = 0; i < b.n; i++) {
		drop[i] = !S_inside_any(b.v[i], &b, i);
		for (size_t j = 0; j < i && drop[i]; j++)
			drop[i] = b.v[j] != b.v[i];
	}
	for (size_t i = 0; i < b.n; i++)
		if (drop[i])
			galley_html_remove(b.v[i]);
	free(drop);
	free(b.v);
}

void galley_html_clean_basic(xmlNodePtr root)
{
	galley_html_walk(root, S_basic_enter, NULL, NULL);
	S_drop_titled_boxes(root);
}

/* ------------------------------------------------- conditional cleaning */

struct post_list {
	xmlNodePtr *v;
	size_t n, cap;
};

static void S_collect_exit(xmlNodePtr n, void *ctx)
{
	struct post_list *l = ctx;
	static const char *const names[] = {"table", "ul", "ol", "div", "section",
		"form", "fieldset", "h1", "h2", "dl", NULL};
	if (n->type != XML_ELEMENT_NODE)
		return;
	for (int i = 0; names[i]; i++) {
		if (!galley_html_is(n, names[i]))
			continue;
		if (l->n == l->cap) {
			l->cap = l->cap ? 2 * l->cap : 64;
			l->v = galley_xrealloc(l->v, l->cap * sizeof *l->v);
		}
		l->v[l->n++] = n;
		return;
	}
}

static int S_collect_enter(xmlNodePtr n, void *ctx)
{
	(void)ctx;
	if (n->type != XML_ELEMENT_NODE)
		return GALLEY_HTML_SKIP;
	/* Readability's _clean of footer, aside and link inside the article */
	if ((galley_html_is(n, "footer") && !galley_html_has_ancestor(n, "blockquote", 3)) ||
	    galley_html_is(n, "aside"))
		return GALLEY_HTML_REMOVE;
	return GALLEY_HTML_DESCEND;
}

static size_t S_commas(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == ',';
	return n;
}

/* A table of data (header cells, a caption, or many rows), not layout. */
static int S_data_table(xmlNodePtr n)
{
	if (!galley_html_is(n, "table"))
		return 0;
	char *role = galley_html_attr(n, "role");
	int presentation = role && strcasecmp(role, "presentation") == 0;
	xmlFree(role);
	if (presentation)
		return 0;
	return galley_html_count(n, "th") > 0 || galley_html_count(n, "caption") > 0 ||
	       galley_html_count(n, "tr") >= 10;
}

/* Text length of the headings inside N. */
static size_t S_heading_len(xmlNodePtr n)
{
	static const char *const h[] = {"h1", "h2", "h3", "h4", "h5", "h6"};
	size_t len = 0;
	for (size_t i = 0; i < 6; i++)
		for (xmlNodePtr c = n->children; c; c = c->next)
			if (galley_html_is(c, h[i]))
				len += galley_html_text_len(c, NULL);
	return len;
}

/* Readability's _cleanConditionally test for one element. */
static int S_junk_block(xmlNodePtr n)
{
	int weight = galley_html_class_weight(n);
	if (galley_html_heading(n))
		return weight < 0;
	/* an embedded post ("social-media-embed") is quoted text */
	if (galley_html_count(n, "blockquote") > 0 && galley_html_text_len(n, NULL) < 1000 &&
	    galley_html_count(n, "p") < 4)
		return 0;
	if (weight < 0)
		return 1;
	if (S_data_table(n) || galley_html_is_data_table(n))
		return 0;
	char *text = galley_html_text(n);
	size_t commas = S_commas(text);
	free(text);
	if (commas >= 10)
		return 0;
	int is_list = galley_html_is(n, "ul") || galley_html_is(n, "ol");
	int in_figure = galley_html_has_ancestor(n, "figure", 32);
	size_t links = 0;
	size_t len = galley_html_text_len(n, &links);
	double link_density = len ? (double)links / (double)len : 0;
	double p = (double)galley_html_count(n, "p");
	double img = (double)galley_html_count(n, "img");
	double li = (double)galley_html_count(n, "li") - 100;
	double input = (double)galley_html_count(n, "input");
	double heading_density = len ? (double)S_heading_len(n) / (double)len : 0;
	if (img > 1 && p / img < 0.5 && !in_figure)
		return 1;
	if (!is_list && li > p)
		return 1;
	if (input > (double)(long)(p / 3))
		return 1;
	if (!is_list && heading_density < 0.9 && len < 25 && (img == 0 || img > 2) &&
	    !in_figure)
		return 1;
	if (!is_list && weight < 25 && link_density > 0.2)
		return 1;
	if (weight >= 25 && link_density > 0.5)
		return 1;
	return 0;
}

void galley_html_clean_article(xmlNodePtr root)
{
	struct post_list l = {NULL, 0, 0};
	galley_html_walk(root, S_collect_enter, S_collect_exit, &l);
	/* post order: an element is judged after its descendants, and a removed
	 * element's descendants have all been judged already */
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i] != root && S_junk_block(l.v[i]))
			galley_html_remove(l.v[i]);
	free(l.v);
}
