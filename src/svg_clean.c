/* svg_clean.c — an SVG image made safe for a book: parsed with libxml2 (no
 * network, no DTD, no entity substituted), rebuilt from an allow-list of
 * drawing elements and attributes, and written back with libxml2.
 *
 * Issue 14: a filter looking for "<script" kept onload=, <SCRIPT>,
 * javascript: links and a SYSTEM entity naming /etc/passwd, and let a
 * 6.4 MB image 1e8 units wide through.  What is not known to draw is left
 * out: scripts, event handlers, <style> sheets, foreign objects, links
 * anywhere but inside the image, comments, the DTD. */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "svg_clean.h"
#include "util.h"

#define SVG_NS "http://www.w3.org/2000/svg"
#define XLINK_NS "http://www.w3.org/1999/xlink"
#define SVG_MAX_NODES 50000     /* elements and texts kept */
#define SVG_MAX_DEPTH 64        /* deeper groups are left out */
#define SVG_MAX_SIDE 10000.0    /* width and height, in any unit */

static const char *const S_elements[] = {
	"svg", "g", "defs", "symbol", "use", "title", "desc", "switch",
	"path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
	"text", "tspan", "textPath", "clipPath", "mask", "pattern", "marker",
	"linearGradient", "radialGradient", "stop", "filter", "feBlend",
	"feColorMatrix", "feComponentTransfer", "feComposite", "feFlood",
	"feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge",
	"feMergeNode", "feMorphology", "feOffset", "feDropShadow", "feTile",
	"feTurbulence", NULL};

static const char *const S_attributes[] = {
	"id", "class", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry",
	"fx", "fy", "width", "height", "d", "points", "transform", "viewBox",
	"preserveAspectRatio", "version", "fill", "fill-opacity", "fill-rule",
	"stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
	"stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
	"stroke-opacity", "opacity", "color", "display", "visibility", "overflow",
	"font-family", "font-size", "font-weight", "font-style", "font-variant",
	"font-stretch", "text-anchor", "dominant-baseline", "alignment-baseline",
	"baseline-shift", "letter-spacing", "word-spacing", "text-decoration",
	"writing-mode", "dx", "dy", "rotate", "textLength", "lengthAdjust",
	"startOffset", "offset", "stop-color", "stop-opacity", "gradientUnits",
	"gradientTransform", "spreadMethod", "patternUnits", "patternContentUnits",
	"patternTransform", "clip-path", "clip-rule", "clipPathUnits", "mask",
	"maskUnits", "maskContentUnits", "markerWidth", "markerHeight",
	"markerUnits", "refX", "refY", "orient", "marker-start", "marker-mid",
	"marker-end", "filter", "filterUnits", "primitiveUnits", "in", "in2",
	"result", "stdDeviation", "mode", "operator", "k1", "k2", "k3", "k4",
	"values", "type", "tableValues", "slope", "intercept", "amplitude",
	"exponent", "flood-color", "flood-opacity", "radius", "baseFrequency",
	"numOctaves", "seed", "stitchTiles", "shape-rendering", "text-rendering",
	"image-rendering", "color-interpolation", "color-interpolation-filters",
	"vector-effect", "paint-order", "style", "href", "lang", NULL};

static int S_listed(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

/* 1 when VALUE, read as a browser reads a URL or CSS, could run or fetch
 * something: a scheme other than a fragment, an import, an expression.
 * Case, blanks and control characters inside do not hide it. */
static int S_risky(const char *value)
{
	galley_buf b = GALLEY_BUF_INIT;
	for (const unsigned char *p = (const unsigned char *)value; *p; p++)
		if (*p > ' ' && *p != '\\')
			galley_buf_putc(&b, (char)tolower(*p));
	galley_buf_grow(&b, 0);
	const char *s = b.data;
	int bad = strstr(s, "javascript:") || strstr(s, "vbscript:") || strstr(s, "data:") ||
	          strstr(s, "@import") || strstr(s, "expression(") || strstr(s, "behavior:") ||
	          strstr(s, "-moz-binding") || strchr(value, '\\');
	/* url() only to something inside the image */
	for (const char *u = s; !bad && (u = strstr(u, "url(")) != NULL; u += 4) {
		const char *t = u + 4;
		if (*t == '"' || *t == '\'')
			t++;
		bad = *t != '#';
	}
	galley_buf_free(&b);
	return bad;
}

/* A length within bounds: width and height of the root. */
static int S_sane_length(const char *v)
{
	if (!v)
		return 1;
	char *end = NULL;
	double d = strtod(v, &end);
	if (end == v)
		return 1;   /* "auto", a percentage without a number: nothing to draw big */
	return isfinite(d) && d >= 0 && d <= SVG_MAX_SIDE;
}

/* 1 when ROOT's viewBox, if any, is at most SVG_MAX_SIDE wide and high. */
static int S_sane_view_box(xmlNodePtr root)
{
	xmlChar *v = xmlGetNoNsProp(root, BAD_CAST "viewBox");
	double box[4] = {0, 0, 0, 0};
	char *p = (char *)v;
	for (int i = 0; p && i < 4; i++) {
		while (*p == ' ' || *p == ',' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		box[i] = strtod(p, &p);
	}
	xmlFree(v);
	return isfinite(box[2]) && isfinite(box[3]) && box[2] <= SVG_MAX_SIDE &&
	       box[3] <= SVG_MAX_SIDE;
}

/* The ids of elements that hold a <use> (or are one), in ROOT. */
static void S_ids_with_use(xmlNodePtr n, GHashTable *ids, int *has_use)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		int inner = strcmp((const char *)n->name, "use") == 0;
		S_ids_with_use(n->children, ids, &inner);
		xmlChar *id = inner ? xmlGetNoNsProp(n, BAD_CAST "id") : NULL;
		if (id)
			g_hash_table_add(ids, g_strdup((const char *)id));
		xmlFree(id);
		*has_use |= inner;
	}
}

/* Remove each <use> under N that points at an element holding a <use>:
 * references one level deep only, so that uses of uses cannot multiply
 * the drawing a reading system renders ("billion laughs" in SVG). */
static void S_drop_nested_uses(xmlNodePtr n, GHashTable *ids)
{
	while (n) {
		xmlNodePtr next = n->next;
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "use") == 0) {
			xmlChar *href = xmlGetProp(n, BAD_CAST "href");
			if (href && href[0] == '#' && g_hash_table_contains(ids, href + 1)) {
				xmlUnlinkNode(n);
				xmlFreeNode(n);
			}
			xmlFree(href);
		} else if (n->type == XML_ELEMENT_NODE) {
			S_drop_nested_uses(n->children, ids);
		}
		n = next;
	}
}

/* 1 when an attribute under N is in the namespace NS. */
static int S_ns_used(const xmlNode *n, const xmlNs *ns)
{
	for (; n; n = n->next) {
		for (const xmlAttr *a = n->type == XML_ELEMENT_NODE ? n->properties : NULL; a; a = a->next)
			if (a->ns == ns)
				return 1;
		if (n->type == XML_ELEMENT_NODE && S_ns_used(n->children, ns))
			return 1;
	}
	return 0;
}

/* Remove the declaration of NS from ROOT when nothing uses it any more
 * (its <use> was dropped): cleaned twice, an image is the same bytes. */
static void S_drop_unused_ns(xmlNodePtr root, xmlNsPtr ns)
{
	if (!ns || S_ns_used(root, ns))
		return;
	for (xmlNsPtr *p = &root->nsDef; *p; p = &(*p)->next)
		if (*p == ns) {
			*p = ns->next;
			ns->next = NULL;
			xmlFreeNs(ns);
			return;
		}
}

struct clean {
	xmlDocPtr out;
	xmlNsPtr svg;       /* the root's default namespace */
	xmlNsPtr xlink;     /* declared on the root when an xlink:href is kept */
	size_t nodes;
	const char *why;
};

static int S_is_svg(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && (!n->ns || (n->ns->href &&
	       strcmp((const char *)n->ns->href, SVG_NS) == 0));
}

/* The text of attribute A (malloc'd): a reference to an entity is left
 * out, never replaced by what the entity holds. */
static char *S_value(const xmlAttr *a)
{
	galley_buf b = GALLEY_BUF_INIT;
	for (const xmlNode *t = a->children; t; t = t->next)
		if (t->type == XML_TEXT_NODE && t->content)
			galley_buf_puts(&b, (const char *)t->content);
	galley_buf_grow(&b, 0);
	return b.data ? b.data : galley_xstrdup("");
}

/* Copy the attributes of IN that are allowed to OUT. */
static void S_attributes_copy(struct clean *c, const xmlNode *in, xmlNodePtr out)
{
	for (xmlAttrPtr a = in->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		int xlink = a->ns && a->ns->href && strcmp((const char *)a->ns->href, XLINK_NS) == 0;
		if ((a->ns && !xlink) || (xlink && strcmp(name, "href") != 0) ||
		    !S_listed(S_attributes, name))
			continue;
		char *v = S_value(a);
		const char *value = v;
		/* a reference to a part of the image, and never on a link */
		int href = strcmp(name, "href") == 0;
		if (href && (value[0] != '#' || strcmp((const char *)in->name, "a") == 0))
			href = -1;
		if (href >= 0 && !S_risky(value)) {
			if (xlink && !c->xlink)
				c->xlink = xmlNewNs(xmlDocGetRootElement(c->out), BAD_CAST XLINK_NS,
				                    BAD_CAST "xlink");
			xmlSetNsProp(out, xlink ? c->xlink : NULL, a->name, BAD_CAST value);
		}
		free(v);
	}
}

/* The name K is kept under, or NULL when it is left out with all it holds.
 * A link cannot be followed from an image on a book's page: its drawing
 * is kept as a group. */
static const char *S_kept_name(const xmlNode *k, int depth)
{
	if (!S_is_svg(k) || depth >= SVG_MAX_DEPTH)
		return NULL;
	if (strcmp((const char *)k->name, "a") == 0)
		return "g";
	return S_listed(S_elements, (const char *)k->name) ? (const char *)k->name : NULL;
}

/* Copy the allowed children of IN under OUT, DEPTH levels down. */
static void S_children_copy(struct clean *c, const xmlNode *in, xmlNodePtr out, int depth)
{
	for (const xmlNode *k = in->children; k && !c->why; k = k->next) {
		if (++c->nodes > SVG_MAX_NODES) {
			c->why = "an SVG image of more than 50,000 parts";
			return;
		}
		const char *name = NULL;
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
			xmlAddChild(out, xmlNewDocText(c->out, k->content));
		} else if ((name = S_kept_name(k, depth)) != NULL) {
			xmlNodePtr e = xmlNewDocNode(c->out, c->svg, BAD_CAST name, NULL);
			xmlAddChild(out, e);
			S_attributes_copy(c, k, e);
			S_children_copy(c, k, e, depth + 1);
		}
	}
}

/* The checked root of IN as the root of a new document, or NULL. */
static xmlDocPtr S_rebuild(xmlDocPtr in, const char **why)
{
	xmlNodePtr root = xmlDocGetRootElement(in);
	if (!root || !S_is_svg(root) || strcmp((const char *)root->name, "svg") != 0) {
		*why = "not an SVG image";
		return NULL;
	}
	xmlChar *w = xmlGetNoNsProp(root, BAD_CAST "width"), *h = xmlGetNoNsProp(root, BAD_CAST "height");
	int sane = S_sane_length((const char *)w) && S_sane_length((const char *)h);
	if (sane && (!w || !h))
		sane = S_sane_view_box(root);   /* its size, for some renderers */
	xmlFree(w);
	xmlFree(h);
	if (!sane) {
		*why = "an SVG image more than 10000 units wide or high";
		return NULL;
	}
	struct clean c = {xmlNewDoc(BAD_CAST "1.0"), NULL, NULL, 0, NULL};
	xmlNodePtr out = xmlNewDocNode(c.out, NULL, BAD_CAST "svg", NULL);
	xmlDocSetRootElement(c.out, out);
	c.svg = xmlNewNs(out, BAD_CAST SVG_NS, NULL);
	xmlSetNs(out, c.svg);
	S_attributes_copy(&c, root, out);
	S_children_copy(&c, root, out, 1);
	GHashTable *ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	int any = 0;
	S_ids_with_use(out->children, ids, &any);
	if (g_hash_table_size(ids)) {
		S_drop_nested_uses(out->children, ids);
		S_drop_unused_ns(out, c.xlink);
	}
	g_hash_table_destroy(ids);
	if (c.why) {
		*why = c.why;
		xmlFreeDoc(c.out);
		return NULL;
	}
	return c.out;
}

char *galley_svg_clean(const char *data, size_t len, size_t *out_len, const char **why)
{
	if (len > GALLEY_MAX_SVG_BYTES) {
		*why = "an SVG image larger than 2 MiB";
		return NULL;
	}
	/* no NOENT, no DTDLOAD: an entity is never substituted nor fetched,
	 * and its reference in a text is left out with the rest */
	xmlDocPtr in = xmlReadMemory(data, (int)len, NULL, NULL, XML_PARSE_NONET |
	                             XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	if (!in) {
		*why = "a malformed SVG image";
		return NULL;
	}
	xmlDocPtr out = S_rebuild(in, why);
	xmlFreeDoc(in);
	if (!out)
		return NULL;
	xmlChar *bytes = NULL;
	int n = 0;
	xmlDocDumpMemoryEnc(out, &bytes, &n, "UTF-8");
	xmlFreeDoc(out);
	if (!bytes) {
		*why = "an SVG image that cannot be written back";
		return NULL;
	}
	char *copy = galley_xmalloc((size_t)n + 1);
	memcpy(copy, bytes, (size_t)n + 1);
	xmlFree(bytes);
	*out_len = (size_t)n;
	return copy;
}
