/* epub_fonts_fallback.c — --embed-fonts for the characters the layout's
 * faces lack (Chinese, Devanagari, Arabic...): for each embedded face, the
 * face galley's font configuration falls back to for them in the book's
 * language (fonts.conf appends each script's face in the family's style),
 * cut down with HarfBuzz's subsetter to the characters the book uses and
 * declared under the same family with a unicode-range, so a reading
 * system takes those characters from it.  A CJK collection is 20 MB; the
 * subset of a short article is a few hundred KB. */
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "epub.h"
#include "fonts.h"
#include "node.h"

/* Add the characters of S to SET, and to CHARS those of the faces of
 * fonts/scripts (galley_script_chars); 1 if S has text in their scripts. */
static int S_add_text(hb_set_t *set, const char *s, FcCharSet *chars)
{
	for (const char *p = s; p && *p; p = g_utf8_next_char(p))
		hb_set_add(set, g_utf8_get_char(p));
	return galley_script_chars(chars, s);
}

/* Every character of the book's text and headings; the faces of
 * fonts/scripts they need join the font configuration. */
static void S_book_chars(const struct epub_book *b, hb_set_t *set, FcConfig *config)
{
	FcCharSet *chars = FcCharSetCreate();
	int scripts = 0;
	for (size_t i = 0; i < b->n_arts; i++) {
		const galley_node *a = b->arts[i].node;
		for (int k = 0; k < GALLEY_META_COUNT; k++)
			scripts |= S_add_text(set, galley_article_get(a, (galley_meta)k), chars);
		for (size_t k = 0; k < galley_article_author_count(a); k++)
			scripts |= S_add_text(set, galley_article_get_author(a, k), chars);
		galley_iter *it = galley_iter_new((galley_node *)a);
		galley_event ev;
		while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
			const galley_node *n = galley_iter_get_node(it);
			if (ev == GALLEY_EVENT_ENTER && n->literal)
				scripts |= S_add_text(set, n->literal, chars);
		}
		galley_iter_free(it);
	}
	if (b->title)
		scripts |= S_add_text(set, b->title, chars);
	/* the fallbacks are asked for in the book's language */
	if (scripts)
		galley_fc_add_scripts(config, chars, &b->lang, b->lang ? 1 : 0);
	FcCharSetDestroy(chars);
}

/* One fallback face and the characters it is to carry. */
struct fallback {
	char *file;
	int index;
	hb_set_t *chars;
	char *href;       /* once embedded */
};

/* The fallback (added to FB, at most MAX) that the configuration gives
 * FAMILY at WEIGHT/ITALIC for C in LANG. */
static struct fallback *S_fallback_for(FcConfig *config, const char *family, int weight,
                                       int italic, const char *lang, hb_codepoint_t c,
                                       struct fallback *fb, size_t *n, size_t max)
{
	struct galley_fc_face face;
	if (galley_fc_fallback_face(config, family, weight, italic, lang, c, &face) != 0)
		return NULL;
	struct fallback *found = NULL;
	for (size_t k = 0; k < *n && !found; k++)
		if (fb[k].index == face.index && strcmp(fb[k].file, face.file) == 0)
			found = &fb[k];
	if (!found && *n < max) {
		found = &fb[(*n)++];
		*found = (struct fallback){face.file, face.index, hb_set_create(), NULL};
		face.file = NULL;   /* kept */
	}
	free(face.file);
	free(face.family);
	return found;
}

/* "U+4E00-4E01,U+4E03" ranges of SET into CSS. */
static void S_unicode_range(galley_buf *css, const hb_set_t *set)
{
	hb_codepoint_t first = HB_SET_VALUE_INVALID, last = HB_SET_VALUE_INVALID;
	int any = 0;
	char tmp[40];
	while (hb_set_next_range(set, &first, &last)) {
		if (first == last)
			snprintf(tmp, sizeof tmp, "%sU+%X", any ? ", " : "", first);
		else
			snprintf(tmp, sizeof tmp, "%sU+%X-%X", any ? ", " : "", first, last);
		galley_buf_puts(css, tmp);
		any = 1;
	}
}

/* Embed FB's subset once; its href, or NULL when it cannot be made. */
static const char *S_embed(struct epub_book *b, struct fallback *fb)
{
	if (fb->href)
		return fb->href;
	size_t len = 0;
	int cff = 0;
	char *data = galley_font_subset(fb->file, fb->index, fb->chars, &len, &cff);
	if (!data) {
		galley_diag_report(b->diag, GALLEY_DIAG_WARNING, 0,
		                   "font file %s not embedded: its subset cannot be made", fb->file);
		return NULL;
	}
	const char *base = strrchr(fb->file, '/') ? strrchr(fb->file, '/') + 1 : fb->file;
	size_t stem = strcspn(base, ".");
	char id[32];
	snprintf(id, sizeof id, "font%zu", b->n_fonts + 1);
	fb->href = galley_xasprintf("fonts/%.*s-%d-subset.%s", (int)stem, base, fb->index,
	                            cff ? "otf" : "ttf");
	epub_book_add(b, EPUB_GROUP_STYLE, fb->href, id,
	              cff ? "application/vnd.ms-opentype" : "application/font-sfnt", NULL, data, len);
	b->n_fonts++;
	return fb->href;
}

#define MAX_FALLBACKS 32

/* One @font-face of a fallback: face FACE's family and style, the
 * fallback's file, the characters of the book that face lacks. */
struct decl {
	const struct epub_face *face;
	struct fallback *to;
	hb_set_t *chars;
};

static void S_declare(galley_buf *css, const struct decl *d)
{
	char tmp[160];
	galley_buf_puts(css, "@font-face { font-family: \"");
	for (const char *p = d->face->family; *p; p++)
		if (*p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
			galley_buf_putc(css, *p);
	snprintf(tmp, sizeof tmp, "\"; font-weight: %d; font-style: %s; src: url(\"",
	         d->face->weight, d->face->italic ? "italic" : "normal");
	galley_buf_puts(css, tmp);
	galley_buf_puts(css, d->to->href);
	galley_buf_puts(css, "\"); unicode-range: ");
	S_unicode_range(css, d->chars);
	galley_buf_puts(css, "; }\n");
}

void epub_fonts_fallback(struct epub_book *b, galley_buf *css, FcConfig *config,
                         const struct epub_face *faces, size_t n_faces)
{
	hb_set_t *used = hb_set_create();
	S_book_chars(b, used, config);
	struct fallback fb[MAX_FALLBACKS];
	size_t n_fb = 0, n_decl = 0, cap = 8;
	struct decl *decl = galley_xmalloc(cap * sizeof *decl);
	for (size_t f = 0; f < n_faces; f++) {
		size_t mine = n_decl;
		for (hb_codepoint_t c = HB_SET_VALUE_INVALID; hb_set_next(used, &c);) {
			if (c < 0x80 || g_unichar_iscntrl(c) || g_unichar_isspace(c) ||
			    FcCharSetHasChar(faces[f].charset, c))
				continue;
			struct fallback *to = S_fallback_for(config, faces[f].family, faces[f].weight,
			                                     faces[f].italic, b->lang, c, fb, &n_fb,
			                                     MAX_FALLBACKS);
			if (!to)
				continue;   /* no face has it: the reading system's own */
			hb_set_add(to->chars, c);
			size_t k = mine;
			while (k < n_decl && decl[k].to != to)
				k++;
			if (k == n_decl) {
				if (n_decl == cap)
					decl = galley_xrealloc(decl, (cap *= 2) * sizeof *decl);
				decl[n_decl++] = (struct decl){&faces[f], to, hb_set_create()};
			}
			hb_set_add(decl[k].chars, c);
		}
	}
	for (size_t k = 0; k < n_decl; k++) {
		if (S_embed(b, decl[k].to))
			S_declare(css, &decl[k]);
		hb_set_destroy(decl[k].chars);
	}
	for (size_t k = 0; k < n_fb; k++) {
		free(fb[k].file);
		free(fb[k].href);
		hb_set_destroy(fb[k].chars);
	}
	free(decl);
	hb_set_destroy(used);
}
