/* epub_css.c — the stylesheet, generated from the same layout as the PDF (fonts, sizes, leading, spacing, hyphenation). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "epub.h"
#include "layout.h"

/* Sizes are in em of the body size, so a reader's font-size setting scales
 * everything together; the layout's points only set the proportions. */
struct css {
	galley_buf out;
	const galley_layout *l;
};

static void S_printf(struct css *c, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;

static void S_printf(struct css *c, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0)
		galley_buf_put(&c->out, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* A generic family to fall back on when the reader lacks the font. */
static const char *S_generic(const char *family)
{
	if (strstr(family, "Mono") || strstr(family, "mono") || strstr(family, "Courier"))
		return "monospace";
	if (strstr(family, "Sans") || strstr(family, "sans"))
		return "sans-serif";
	return "serif";
}

/* The family as a CSS string: quotes and backslashes escaped. */
static void S_family(struct css *c, const char *family)
{
	galley_buf_puts(&c->out, "font-family: \"");
	for (const char *p = family; *p; p++) {
		if (*p == '"' || *p == '\\')
			galley_buf_putc(&c->out, '\\');
		if ((unsigned char)*p >= 0x20)
			galley_buf_putc(&c->out, *p);
	}
	S_printf(c, "\", %s;", S_generic(family));
}

static const char *S_align(galley_align a)
{
	switch (a) {
	case GALLEY_ALIGN_JUSTIFY: return "justify";
	case GALLEY_ALIGN_CENTER: return "center";
	case GALLEY_ALIGN_RIGHT: return "right";
	default: return "left";
	}
}

/* A length in em of a text of SIZE pt (two decimals are finer than a
 * reader's pixels). */
static void S_em(struct css *c, const char *prop, double pt, double size)
{
	if (size > 0)
		S_printf(c, " %s: %.3gem;", prop, pt / size);
}

/* The properties of role R for SELECTOR. */
static void S_role(struct css *c, const char *selector, galley_role r)
{
	const struct galley_font_role *f = &c->l->role[r];
	const struct galley_font_role *body = &c->l->role[GALLEY_ROLE_BODY];
	S_printf(c, "%s { ", selector);
	if (f->family && *f->family)
		S_family(c, f->family);
	if (r != GALLEY_ROLE_BODY && body->size > 0)
		S_printf(c, " font-size: %.3gem;", f->size / body->size);
	if (f->size > 0 && f->leading > 0)
		S_printf(c, " line-height: %.3g;", f->leading / f->size);
	S_printf(c, " font-weight: %d; font-style: %s;", f->weight ? f->weight : 400,
	         f->italic ? "italic" : "normal");
	/* black is left to the reader: an explicit black stays black in night
	 * modes that invert the page (Kindle's publishing guidelines) */
	if (f->colour & 0xffffff)
		S_printf(c, " color: #%06x;", f->colour & 0xffffff);
	S_printf(c, " text-align: %s;", S_align(f->align));
	if (r != GALLEY_ROLE_BODY) {
		S_em(c, "margin-top", f->space_before, f->size);
		S_em(c, "margin-bottom", f->space_after, f->size);
	}
	if (f->inset > 0)
		S_em(c, "margin-left", f->inset, f->size);
	if (f->inset_right > 0)
		S_em(c, "margin-right", f->inset_right, f->size);
	if (f->indent > 0 && r != GALLEY_ROLE_BODY)
		S_em(c, "text-indent", f->indent, f->size);
	if (f->uppercase)
		S_printf(c, " text-transform: uppercase;");
	if (f->letterspacing)
		S_printf(c, " letter-spacing: %.3gem;", f->letterspacing / 1000.0);
	galley_buf_puts(&c->out, " }\n");
}

static void S_roles(struct css *c)
{
	static const struct { const char *selector; galley_role role; } map[] = {
		{"body", GALLEY_ROLE_BODY},
		{"h1.title", GALLEY_ROLE_TITLE},
		{"p.subtitle", GALLEY_ROLE_SUBTITLE},
		{"p.byline, p.dateline", GALLEY_ROLE_BYLINE},
		{"h2", GALLEY_ROLE_HEADING2},
		{"h3", GALLEY_ROLE_HEADING3},
		{"h4", GALLEY_ROLE_HEADING4},
		{"blockquote", GALLEY_ROLE_BLOCKQUOTE},
		{"aside.pullquote", GALLEY_ROLE_PULLQUOTE},
		{"figcaption", GALLEY_ROLE_CAPTION},
		{"p.author-name", GALLEY_ROLE_AUTHOR_NAME},
		{"div.author-bio", GALLEY_ROLE_AUTHOR},
		{"pre", GALLEY_ROLE_CODE},
		{"nav#toc", GALLEY_ROLE_TOC},
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		S_role(c, map[i].selector, map[i].role);
	/* inline code and the source line: the family only */
	const char *code = c->l->role[GALLEY_ROLE_CODE].family;
	if (code && *code) {
		galley_buf_puts(&c->out, "code { ");
		S_family(c, code);
		galley_buf_puts(&c->out, " }\n");
	}
	const char *by = c->l->role[GALLEY_ROLE_BYLINE].family;
	if (by && *by) {
		galley_buf_puts(&c->out, "p.source { ");
		S_family(c, by);
		galley_buf_puts(&c->out, " }\n");
	}
}

/* Paragraphs: book style (first-line indent, none after a heading) or web
 * style (space between). */
static void S_paragraphs(struct css *c, int no_hyphenate)
{
	const galley_layout *l = c->l;
	double size = l->role[GALLEY_ROLE_BODY].size;
	galley_buf_puts(&c->out, "p { margin: 0;");
	if (l->para_style == GALLEY_PARA_SPACING) {
		S_em(c, "margin-bottom", l->para_spacing, size);
		galley_buf_puts(&c->out, " text-indent: 0; }\n");
	} else {
		galley_buf_puts(&c->out, " text-indent: 0; }\n");
		galley_buf_puts(&c->out, "article > p + p, blockquote > p + p, div.author-bio > p + p {");
		S_em(c, "text-indent", l->para_indent, size);
		galley_buf_puts(&c->out, " }\n");
	}
	/* --no-hyphenate says it for the e-book too */
	if (l->hyphenate && !no_hyphenate)
		galley_buf_puts(&c->out, "body { -webkit-hyphens: auto; -epub-hyphens: auto; "
		                "hyphens: auto; }\n");
	else
		galley_buf_puts(&c->out, "body { -webkit-hyphens: manual; -epub-hyphens: manual; "
		                "hyphens: manual; }\n");
	/* headings and captions never hyphenate */
	galley_buf_puts(&c->out, "h1, h2, h3, h4, figcaption, nav { -webkit-hyphens: manual; "
	                "-epub-hyphens: manual; hyphens: manual; }\n");
}

/* Title block rule, author box and pull quote rules in the layout's colour. */
static void S_rules(struct css *c)
{
	const galley_layout *l = c->l;
	double w = l->rule_width > 0 ? l->rule_width : 0.5;
	unsigned rgb = l->rule_colour & 0xffffff;
	if (l->title_style != GALLEY_TITLE_PLAIN)
		S_printf(c, "article > header { border-bottom: %.3gpt solid #%06x; "
		         "padding-bottom: 0.5em; margin-bottom: 1.2em; }\n", w, rgb);
	else
		galley_buf_puts(&c->out, "article > header { margin-bottom: 1.2em; }\n");
	if (l->title_style == GALLEY_TITLE_CENTERED)
		galley_buf_puts(&c->out, "article > header, article > header * { text-align: center; }\n");
	if (l->title_style == GALLEY_TITLE_BANNER)
		S_printf(c, "article > header { border-top: %.3gpt solid #%06x; padding-top: 0.5em; }\n",
		         3 * w, rgb);
	S_printf(c, "aside.pullquote { border-top: %.3gpt solid #%06x; border-bottom: %.3gpt solid "
	         "#%06x; padding: 0.4em 0; }\n", w, rgb, w, rgb);
	S_printf(c, "aside.author { border-top: %.3gpt solid #%06x; margin-top: 2em; "
	         "padding-top: 0.5em; }\n", w, rgb);
	S_printf(c, "hr { border: 0; border-top: %.3gpt solid #%06x; margin: 1.5em 20%%; }\n", w, rgb);
}

/* What the layout does not say: the same for every layout. */
static const char S_fixed[] =
	"h1, h2, h3, h4 { page-break-after: avoid; break-after: avoid; }\n"
	"p.subtitle, p.byline, p.dateline { text-indent: 0; }\n"
	"p.source { margin-top: 2em; text-indent: 0; font-size: 0.8em; }\n"
	"blockquote footer { text-align: right; font-style: normal; }\n"
	"blockquote footer cite { font-style: normal; }\n"
	"blockquote footer cite::before { content: \"\\2014\\00A0\"; }\n"
	"aside.pullquote p { text-indent: 0; margin: 0; }\n"
	"ul, ol { margin: 0.5em 0; padding-left: 1.5em; }\n"
	"pre { white-space: pre-wrap; }\n"
	"p code, li code { font-size: 0.9em; }\n"
	"figure { margin: 1em 0; text-align: center; page-break-inside: avoid; break-inside: avoid; }\n"
	"figure img, aside.author img { max-width: 100%; height: auto; }\n"
	"a { color: inherit; }\n"
	"nav ol { list-style: none; padding-left: 0; }\n"
	"nav ol ol { padding-left: 1.5em; }\n"
	"nav li { margin: 0.3em 0; }\n"
	"body.cover { margin: 0; padding: 0; text-align: center; }\n"
	"section.cover { margin: 0; padding: 0; height: 100%; }\n"
	"section.cover img { max-width: 100%; max-height: 100%; height: 100%; }\n";

/* A plain stylesheet when no layout can be loaded at all. */
static const char S_plain[] =
	"body { font-family: serif; line-height: 1.4; -webkit-hyphens: auto; "
	"-epub-hyphens: auto; hyphens: auto; }\n"
	"h1.title { font-family: sans-serif; font-size: 2em; }\n"
	"h2, h3, h4 { font-family: sans-serif; }\n"
	"p { margin: 0; text-indent: 1.2em; }\n"
	"aside.pullquote { font-family: sans-serif; font-size: 1.3em; font-weight: bold; }\n";

int epub_css_add(struct epub_book *b)
{
	struct css c = {GALLEY_BUF_INIT, b->layout};
	if (c.l) {
		if (b->opts->flags & GALLEY_OPT_EMBED_FONTS)
			epub_fonts_add(b, &c.out);
		S_roles(&c);
		S_paragraphs(&c, (b->opts->flags & GALLEY_OPT_NO_HYPHENATE) != 0);
		S_rules(&c);
	} else {
		galley_buf_puts(&c.out, S_plain);
	}
	galley_buf_puts(&c.out, S_fixed);
	galley_buf_puts(&c.out, epub_table_notes_css);
	size_t len = c.out.len;
	epub_book_add(b, EPUB_GROUP_STYLE, "style.css", "css", "text/css", NULL,
	              galley_buf_detach(&c.out), len);
	return 0;
}
