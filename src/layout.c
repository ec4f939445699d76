/* layout.c — loads a layout file (layouts/NAME.xml), checks it against
 * layouts/layout.rng and fills struct galley_layout. */
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "layout_shipped.h"   /* generated: the bytes of each layouts/NAME.xml */
#include "util.h"
#include "xml_errors.h"

/* A layout is a small file. */
#define LAYOUT_MAX (1 << 20)

static const char *const S_role_names[GALLEY_ROLE_COUNT] = {
	"body", "title", "subtitle", "byline", "heading2", "heading3", "heading4",
	"blockquote", "pullquote", "caption", "author-name", "author", "code",
	"running", "toc", "table", "notes",
};

/* What a role not named in the file looks like, relative to the body. */
static const struct {
	double size;   /* times the body size */
	int weight;
	int italic;
	galley_align align;
	double before, after;  /* times the body size */
} S_role_defaults[GALLEY_ROLE_COUNT] = {
	[GALLEY_ROLE_BODY]        = {1.0, 400, 0, GALLEY_ALIGN_JUSTIFY, 0, 0},
	[GALLEY_ROLE_TITLE]       = {2.0, 700, 0, GALLEY_ALIGN_LEFT, 0, 0.6},
	[GALLEY_ROLE_SUBTITLE]    = {1.2, 400, 1, GALLEY_ALIGN_LEFT, 0, 0.4},
	[GALLEY_ROLE_BYLINE]      = {0.9, 400, 0, GALLEY_ALIGN_LEFT, 0, 0.2},
	[GALLEY_ROLE_HEADING2]    = {1.2, 700, 0, GALLEY_ALIGN_LEFT, 1.2, 0.4},
	[GALLEY_ROLE_HEADING3]    = {1.05, 700, 0, GALLEY_ALIGN_LEFT, 1.0, 0.3},
	[GALLEY_ROLE_HEADING4]    = {1.0, 400, 1, GALLEY_ALIGN_LEFT, 0.8, 0.2},
	[GALLEY_ROLE_BLOCKQUOTE]  = {0.95, 400, 1, GALLEY_ALIGN_JUSTIFY, 0.6, 0.6},
	[GALLEY_ROLE_PULLQUOTE]   = {1.4, 700, 0, GALLEY_ALIGN_LEFT, 1.0, 1.0},
	[GALLEY_ROLE_CAPTION]     = {0.8, 400, 0, GALLEY_ALIGN_LEFT, 0.3, 0.8},
	[GALLEY_ROLE_AUTHOR_NAME] = {0.9, 700, 0, GALLEY_ALIGN_LEFT, 1.8, 0.2},
	[GALLEY_ROLE_AUTHOR]      = {0.9, 400, 1, GALLEY_ALIGN_JUSTIFY, 0, 0},
	[GALLEY_ROLE_CODE]        = {0.85, 400, 0, GALLEY_ALIGN_LEFT, 0.5, 0.5},
	[GALLEY_ROLE_RUNNING]     = {0.75, 400, 0, GALLEY_ALIGN_LEFT, 0, 0},
	[GALLEY_ROLE_TOC]         = {1.0, 400, 0, GALLEY_ALIGN_LEFT, 0, 0},
	[GALLEY_ROLE_TABLE]       = {0.85, 400, 0, GALLEY_ALIGN_LEFT, 0.6, 0.9},
	[GALLEY_ROLE_NOTES]       = {0.8, 400, 0, GALLEY_ALIGN_LEFT, 0.2, 0.2},
};

const char *galley_role_name(galley_role role)
{
	return (unsigned)role < GALLEY_ROLE_COUNT ? S_role_names[role] : NULL;
}

int galley_role_from_name(const char *name)
{
	for (int i = 0; name && i < GALLEY_ROLE_COUNT; i++)
		if (strcmp(name, S_role_names[i]) == 0)
			return i;
	return -1;
}

int galley_length_parse(const char *s, double em, double *pt)
{
	static const struct { const char *unit; double pt; } units[] = {
		{"pt", 1.0}, {"mm", 72.0 / 25.4}, {"cm", 72.0 / 2.54}, {"in", 72.0},
	};
	char *end;
	if (!s || !*s)
		return 0;
	double v = strtod(s, &end);
	if (end == s || !isfinite(v) || v < 0 || v > 10000)
		return 0;
	if (*end == '\0' && v == 0) {
		*pt = 0;
		return 1;
	}
	if (strcmp(end, "em") == 0 && em > 0) {
		*pt = v * em;
		return 1;
	}
	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (strcmp(end, units[i].unit) == 0) {
			*pt = v * units[i].pt;
			return 1;
		}
	return 0;
}

/* ------------------------------------------------------------ loading */

struct loader {
	galley_layout *l;
	galley_diag *diag;
	const char *path;
	int failed;
};

static void S_error(struct loader *ld, int line, const char *fmt, const char *arg)
{
	char *msg = galley_xasprintf(fmt, arg);
	galley_diag_report(ld->diag, GALLEY_DIAG_ERROR, 0, "layout %s:%d: %s", ld->path, line, msg);
	free(msg);
	ld->failed = 1;
}

static char *S_attr(const xmlNode *x, const char *name)
{
	xmlChar *v = xmlGetProp(x, BAD_CAST name);
	if (!v)
		return NULL;
	char *s = galley_xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static int S_is(const xmlNode *x, const char *name)
{
	return x->type == XML_ELEMENT_NODE && strcmp((const char *)x->name, name) == 0;
}

/* Length attribute NAME of X into *OUT (unchanged when absent). */
static void S_length(struct loader *ld, const xmlNode *x, const char *name, double em, double *out)
{
	char *v = S_attr(x, name);
	if (v && !galley_length_parse(v, em, out))
		S_error(ld, (int)xmlGetLineNo(x), "bad length '%s'", v);
	free(v);
}

static void S_yesno(const xmlNode *x, const char *name, int *out)
{
	char *v = S_attr(x, name);
	if (v)
		*out = strcmp(v, "yes") == 0;
	free(v);
}

static void S_colour(const xmlNode *x, const char *name, unsigned *out)
{
	char *v = S_attr(x, name);
	if (v && v[0] == '#')
		*out = (unsigned)strtoul(v + 1, NULL, 16) & 0xFFFFFFu;
	free(v);
}

static void S_string(const xmlNode *x, const char *name, char **out)
{
	char *v = S_attr(x, name);
	if (v) {
		free(*out);
		*out = v;
	}
}

static galley_align S_align(const char *s, galley_align dflt)
{
	if (!s) return dflt;
	if (strcmp(s, "left") == 0) return GALLEY_ALIGN_LEFT;
	if (strcmp(s, "justify") == 0) return GALLEY_ALIGN_JUSTIFY;
	if (strcmp(s, "center") == 0) return GALLEY_ALIGN_CENTER;
	if (strcmp(s, "right") == 0) return GALLEY_ALIGN_RIGHT;
	return dflt;
}

static int S_weight(const char *s, int dflt)
{
	if (!s) return dflt;
	if (strcmp(s, "regular") == 0) return 400;
	if (strcmp(s, "medium") == 0) return 500;
	if (strcmp(s, "semibold") == 0) return 600;
	if (strcmp(s, "bold") == 0) return 700;
	return dflt;
}

/* The default of role R, derived from the body. */
static void S_role_default(galley_layout *l, int r)
{
	const struct galley_font_role *b = &l->role[GALLEY_ROLE_BODY];
	struct galley_font_role *f = &l->role[r];
	*f = *b;
	f->family = galley_xstrdup(b->family);
	f->size = b->size * S_role_defaults[r].size;
	f->leading = b->leading * S_role_defaults[r].size;
	f->weight = S_role_defaults[r].weight;
	f->italic = S_role_defaults[r].italic;
	f->align = S_role_defaults[r].align;
	f->space_before = b->size * S_role_defaults[r].before;
	f->space_after = b->size * S_role_defaults[r].after;
	f->indent = f->inset = f->inset_right = 0;
}

/* Apply the attributes of <role> X to F. */
static void S_role(struct loader *ld, const xmlNode *x, struct galley_font_role *f)
{
	char *v;
	S_string(x, "family", &f->family);
	double old_size = f->size;
	S_length(ld, x, "size", 0, &f->size);
	if (f->size != old_size && old_size > 0)
		f->leading *= f->size / old_size;
	if ((v = S_attr(x, "leading"))) {
		char *end;
		double k = strtod(v, &end);
		if (*end == '\0' && k > 0 && k < 10)
			f->leading = k * f->size;
		else if (!galley_length_parse(v, f->size, &f->leading))
			S_error(ld, (int)xmlGetLineNo(x), "bad leading '%s'", v);
		free(v);
	}
	v = S_attr(x, "weight"); f->weight = S_weight(v, f->weight); free(v);
	v = S_attr(x, "style");
	if (v) f->italic = strcmp(v, "italic") == 0;
	free(v);
	v = S_attr(x, "align"); f->align = S_align(v, f->align); free(v);
	v = S_attr(x, "case");
	if (v) f->uppercase = strcmp(v, "upper") == 0;
	free(v);
	v = S_attr(x, "tracking");
	if (v) f->letterspacing = atoi(v);
	free(v);
	S_colour(x, "colour", &f->colour);
	S_length(ld, x, "space-before", f->size, &f->space_before);
	S_length(ld, x, "space-after", f->size, &f->space_after);
	S_length(ld, x, "indent", f->size, &f->indent);
	double inset = -1, inset_right = -1;
	S_length(ld, x, "inset", f->size, &inset);
	S_length(ld, x, "inset-right", f->size, &inset_right);
	if (inset >= 0)
		f->inset = f->inset_right = inset;
	if (inset_right >= 0)
		f->inset_right = inset_right;
	if (f->size < 1 || f->leading < f->size * 0.8)
		S_error(ld, (int)xmlGetLineNo(x), "role %s: size or leading too small",
		        galley_role_name((galley_role)(f - ld->l->role)));
}

static void S_running(const xmlNode *x, struct galley_running *r, int *first)
{
	S_string(x, "left", &r->left);
	S_string(x, "center", &r->center);
	S_string(x, "right", &r->right);
	if (first)
		S_yesno(x, "first-page", first);
}

static void S_title_block(struct loader *ld, const xmlNode *x)
{
	galley_layout *l = ld->l;
	char *v = S_attr(x, "style");
	if (v && strcmp(v, "ruled") == 0) l->title_style = GALLEY_TITLE_RULED;
	else if (v && strcmp(v, "centered") == 0) l->title_style = GALLEY_TITLE_CENTERED;
	else if (v && strcmp(v, "banner") == 0) l->title_style = GALLEY_TITLE_BANNER;
	else l->title_style = GALLEY_TITLE_PLAIN;
	free(v);
	S_colour(x, "rule-colour", &l->rule_colour);
	S_length(ld, x, "rule-width", 0, &l->rule_width);
}

/* Top-level elements other than roles. */
static void S_element(struct loader *ld, const xmlNode *x)
{
	galley_layout *l = ld->l;
	double em = l->role[GALLEY_ROLE_BODY].size;
	if (S_is(x, "description")) {
		xmlChar *c = xmlNodeGetContent(x);
		free(l->description);
		l->description = galley_collapse_space(galley_trim(galley_xstrdup((const char *)c)));
		xmlFree(c);
	} else if (S_is(x, "page")) {
		S_length(ld, x, "width", 0, &l->page_width);
		S_length(ld, x, "height", 0, &l->page_height);
		S_yesno(x, "facing", &l->facing);
		S_yesno(x, "recto-start", &l->recto_start);
		S_length(ld, x, "bleed", 0, &l->bleed);
		S_yesno(x, "crop-marks", &l->crop_marks);
	} else if (S_is(x, "margins")) {
		S_length(ld, x, "top", 0, &l->margin_top);
		S_length(ld, x, "bottom", 0, &l->margin_bottom);
		S_length(ld, x, "inner", 0, &l->margin_inner);
		S_length(ld, x, "outer", 0, &l->margin_outer);
	} else if (S_is(x, "columns")) {
		char *v = S_attr(x, "count");
		l->columns = v ? atoi(v) : 1;
		free(v);
		S_length(ld, x, "gutter", em, &l->gutter);
		S_yesno(x, "balance", &l->balance);
	} else if (S_is(x, "text")) {
		S_string(x, "lang", &l->lang);
		S_yesno(x, "hyphenate", &l->hyphenate);
		char *v = S_attr(x, "paragraphs");
		if (v)
			l->para_style = strcmp(v, "spacing") == 0 ? GALLEY_PARA_SPACING : GALLEY_PARA_INDENT;
		free(v);
		S_length(ld, x, "indent", em, &l->para_indent);
		S_length(ld, x, "spacing", em, &l->para_spacing);
		v = S_attr(x, "word-space-min");
		if (v)
			l->word_space_min = atoi(v) / 100.0;  /* 50%..100%, by the schema */
		free(v);
		v = S_attr(x, "expansion");
		if (v)
			l->expansion = strtod(v, NULL) / 100;  /* 0%..5%, by the schema */
		free(v);
		S_yesno(x, "protrusion", &l->protrusion);
	} else if (S_is(x, "title-block")) {
		S_title_block(ld, x);
	} else if (S_is(x, "pull-quotes")) {
		S_yesno(x, "auto", &l->pull_quotes);
	} else if (S_is(x, "header")) {
		S_running(x, &l->header, &l->running_on_first);
	} else if (S_is(x, "footer")) {
		S_running(x, &l->footer, &l->footer_on_first);
	}
}

/* The <role name=NAME> child of ROOT, or NULL. */
static const xmlNode *S_find_role(const xmlNode *root, const char *name)
{
	for (const xmlNode *x = root->children; x; x = x->next) {
		if (!S_is(x, "role"))
			continue;
		xmlChar *n = xmlGetProp(x, BAD_CAST "name");
		int match = n && strcmp((const char *)n, name) == 0;
		xmlFree(n);
		if (match)
			return x;
	}
	return NULL;
}

static void S_defaults(galley_layout *l)
{
	l->columns = 1;
	l->hyphenate = 1;
	l->word_space_min = 1;
	l->footer_on_first = 1;
	l->lang = galley_xstrdup("en");
	l->rule_width = 0.5;
	l->rule_colour = 0x444444;
	struct galley_font_role *b = &l->role[GALLEY_ROLE_BODY];
	b->family = galley_xstrdup("Charis SIL");
	b->size = 11;
	b->leading = 14.5;
	b->weight = 400;
	b->align = GALLEY_ALIGN_JUSTIFY;
}

static void S_fill(struct loader *ld, const xmlNode *root)
{
	galley_layout *l = ld->l;
	char *name = S_attr(root, "name");
	l->name = name;
	S_defaults(l);
	/* the body first: other roles and em lengths are relative to it */
	const xmlNode *body = S_find_role(root, "body");
	if (body)
		S_role(ld, body, &l->role[GALLEY_ROLE_BODY]);
	for (int r = 1; r < GALLEY_ROLE_COUNT; r++) {
		S_role_default(l, r);
		const xmlNode *x = S_find_role(root, S_role_names[r]);
		if (x)
			S_role(ld, x, &l->role[r]);
	}
	l->para_indent = l->role[GALLEY_ROLE_BODY].size;
	l->para_spacing = 0.6 * l->role[GALLEY_ROLE_BODY].size;
	for (const xmlNode *x = root->children; x; x = x->next)
		if (x->type == XML_ELEMENT_NODE && !S_is(x, "role"))
			S_element(ld, x);
}

/* Sanity the schema cannot say: the text area must exist. */
static void S_check_geometry(struct loader *ld, const xmlNode *root)
{
	galley_layout *l = ld->l;
	double w = l->page_width - l->margin_inner - l->margin_outer;
	double h = l->page_height - l->margin_top - l->margin_bottom;
	double colw = (w - (l->columns - 1) * l->gutter) / (l->columns > 0 ? l->columns : 1);
	int line = (int)xmlGetLineNo(root);
	if (l->page_width < 72 || l->page_height < 72)
		S_error(ld, line, "%s", "the page is smaller than one inch");
	else if (colw < 6 * l->role[GALLEY_ROLE_BODY].size)
		S_error(ld, line, "%s", "the columns are too narrow for the body size");
	else if (h < 8 * l->role[GALLEY_ROLE_BODY].leading)
		S_error(ld, line, "%s", "the text area holds fewer than 8 lines");
}

struct rng_errors {
	struct loader *ld;
	int reported;
};

static void S_rng_error(void *ctx, xmlErrorPtr err)
{
	struct rng_errors *e = ctx;
	if (!err || e->reported++)
		return;  /* the first error is the one that explains */
	char *msg = galley_xstrdup(err->message ? err->message : "invalid");
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	S_error(e->ld, err->line, "does not match layout.rng: %s", msg);
	free(msg);
}

/* Check DOC against layouts/layout.rng.  Returns 1 if valid. */
static int S_validate(struct loader *ld, xmlDoc *doc)
{
	char *rng = galley_data_path("layouts/layout.rng");
	if (!rng) {
		S_error(ld, 0, "%s", "cannot find the schema layouts/layout.rng");
		return 0;
	}
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(rng);
	xmlRelaxNGSetParserStructuredErrors(pc, NULL, NULL);
	xmlRelaxNGPtr schema = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	if (!schema) {
		S_error(ld, 0, "the schema %s is broken", rng);
		free(rng);
		return 0;
	}
	free(rng);
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
	struct rng_errors e = {ld, 0};
	xmlRelaxNGSetValidStructuredErrors(vc, S_rng_error, &e);
	int rc = xmlRelaxNGValidateDoc(vc, doc);
	if (rc != 0 && !e.reported)
		S_error(ld, 0, "%s", "does not match layout.rng");
	xmlRelaxNGFreeValidCtxt(vc);
	xmlRelaxNGFree(schema);
	return rc == 0;
}

/* NAME_OR_PATH -> a file path (malloc'd) or NULL with an error. */
static char *S_resolve(const char *name_or_path, galley_diag *diag)
{
	const char *name = name_or_path ? name_or_path : "article-a4";
	size_t n = strlen(name);
	if (strchr(name, '/') || (n > 4 && strcmp(name + n - 4, ".xml") == 0))
		return galley_xstrdup(name);
	char *rel = galley_xasprintf("layouts/%s.xml", name);
	char *path = galley_data_path(rel);
	free(rel);
	if (!path)
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0,
		                   "unknown layout '%s' (see 'galley layouts')", name);
	return path;
}

/* Compiling layout.rng costs more than the rest of an EPUB, so a layout
 * with the very bytes of a layout shipped with this build is not checked
 * again: `make check` checks every shipped layout against the schema.  Any
 * other file, including an edited copy of a shipped one, is checked. */
static int S_shipped(const char *bytes, size_t len)
{
	for (size_t i = 0; i < sizeof S_layouts_shipped / sizeof *S_layouts_shipped; i++)
		if (S_layouts_shipped[i].len == len &&
		    memcmp(S_layouts_shipped[i].bytes, bytes, len) == 0)
			return 1;
	return 0;
}

/* The file's bytes, or NULL with an error. */
static char *S_read(struct loader *ld, size_t *len)
{
	galley_diag *quiet = galley_diag_new(ld->path);
	galley_diag_set_quiet(quiet, 1);
	char *bytes = galley_read_file(ld->path, LAYOUT_MAX, len, quiet);
	if (!bytes)
		S_error(ld, 0, "%s", galley_diag_count(quiet) ? galley_diag_message(quiet, 0, NULL, NULL)
		                                              : "cannot read the file");
	galley_diag_free(quiet);
	return bytes;
}

static xmlDoc *S_parse(struct loader *ld, const char *bytes, size_t len)
{
	/* no network, no entity expansion, no DTD loading: a layout is data */
	char *why = NULL;
	int line = 0;
	xmlDoc *doc = galley_xml_parse(bytes, len, ld->path, &why, &line);
	if (!doc) {
		S_error(ld, line, "%s", why);
		free(why);
	}
	return doc;
}

/* Read and parse the layout at PATH; check it against the schema unless it
 * is a shipped one (or always, when ALWAYS_CHECK). */
static xmlDoc *S_load_doc(struct loader *ld, int always_check)
{
	size_t len;
	char *bytes = S_read(ld, &len);
	if (!bytes)
		return NULL;
	xmlDoc *doc = S_parse(ld, bytes, len);
	if (doc && (always_check || !S_shipped(bytes, len)) && !S_validate(ld, doc)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	free(bytes);
	return doc;
}

galley_layout *galley_layout_load(const char *name_or_path, galley_diag *diag)
{
	char *path = S_resolve(name_or_path, diag);
	if (!path)
		return NULL;
	struct loader ld = {galley_xcalloc(1, sizeof(galley_layout)), diag, path, 0};
	ld.l->path = path;
	xmlDoc *doc = S_load_doc(&ld, 0);
	if (doc) {
		xmlNode *root = xmlDocGetRootElement(doc);
		S_fill(&ld, root);
		if (!ld.failed)
			S_check_geometry(&ld, root);
	}
	xmlFreeDoc(doc);
	if (!doc || ld.failed) {
		galley_layout_free(ld.l);
		return NULL;
	}
	return ld.l;
}

int galley_layout_check_schema(const char *name_or_path, galley_diag *diag)
{
	char *path = S_resolve(name_or_path, diag);
	if (!path)
		return 0;
	struct loader ld = {NULL, diag, path, 0};
	xmlDoc *doc = S_load_doc(&ld, 1);
	xmlFreeDoc(doc);
	free(path);
	return doc != NULL;
}

static void S_running_free(struct galley_running *r)
{
	free(r->left);
	free(r->center);
	free(r->right);
}

void galley_layout_free(galley_layout *l)
{
	if (!l)
		return;
	for (int r = 0; r < GALLEY_ROLE_COUNT; r++)
		free(l->role[r].family);
	S_running_free(&l->header);
	S_running_free(&l->footer);
	free(l->name);
	free(l->description);
	free(l->path);
	free(l->lang);
	free(l);
}

const char *galley_layout_name(const galley_layout *l)
{
	return l ? l->name : NULL;
}

const char *galley_layout_description(const galley_layout *l)
{
	return l ? l->description : NULL;
}
