/* epub_fonts.c — --embed-fonts: the layout's font files, found with fontconfig, copied into the book and declared with @font-face. */
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "epub.h"
#include "layout.h"
#include "fonts.h"

/* Fonts larger than this are not embedded (a CJK face is tens of MB). */
#define EPUB_FONT_MAX ((size_t)16 << 20)

struct face {
	const char *family;
	int weight;       /* CSS weight */
	int italic;
};


/* The file of FAMILY at WEIGHT/ITALIC, when fontconfig has that family
 * (never a substitute: the CSS would then lie about the face). */
static char *S_match(FcConfig *config, const struct face *f, FcCharSet **charset)
{
	FcPattern *m = galley_fc_match(config, f->family, f->weight, f->italic);
	char *file = NULL;
	FcChar8 *fam = NULL, *path = NULL;
	FcCharSet *cs = NULL;
	if (m && FcPatternGetString(m, FC_FAMILY, 0, &fam) == FcResultMatch &&
	    strcasecmp((const char *)fam, f->family) == 0 &&
	    FcPatternGetString(m, FC_FILE, 0, &path) == FcResultMatch) {
		file = galley_xstrdup((const char *)path);
		if (FcPatternGetCharSet(m, FC_CHARSET, 0, &cs) == FcResultMatch)
			*charset = FcCharSetCopy(cs);
	}
	if (m)
		FcPatternDestroy(m);
	return file;
}

static const char *S_media_type(const char *file)
{
	const char *dot = strrchr(file, '.');
	if (dot && strcasecmp(dot, ".otf") == 0)
		return "application/vnd.ms-opentype";
	if (dot && strcasecmp(dot, ".woff") == 0)
		return "application/font-woff";
	if (dot && (strcasecmp(dot, ".ttf") == 0 || strcasecmp(dot, ".ttc") == 0))
		return "application/font-sfnt";
	return NULL;
}

/* Copy FILE into the book once; returns its href, or NULL when it cannot
 * be embedded or is already declared (fontconfig gave the nearest face for
 * a style the family lacks: the reader synthesises that style better than
 * a second declaration of the same face would). */
static const char *S_copy(struct epub_book *b, GHashTable *files, const char *file)
{
	if (g_hash_table_contains(files, file))
		return NULL;
	const char *type = S_media_type(file);
	gchar *data = NULL;
	gsize len = 0;
	if (!type || !g_file_get_contents(file, &data, &len, NULL) || len > EPUB_FONT_MAX) {
		galley_diag_report(b->diag, GALLEY_DIAG_WARNING, 0,
		                   "font file %s not embedded: %s", file,
		                   !type ? "not a TrueType/OpenType file" : data ? "too large" : "unreadable");
		g_free(data);
		return NULL;
	}
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	char *h = galley_xasprintf("fonts/%s", base);
	char id[32];
	snprintf(id, sizeof id, "font%u", g_hash_table_size(files) + 1);
	char *copy = galley_xmalloc(len + 1);
	memcpy(copy, data, len);
	g_free(data);
	epub_book_add(b, EPUB_GROUP_STYLE, h, id, type, NULL, copy, len);
	b->n_fonts++;
	g_hash_table_insert(files, g_strdup(file), h);
	return h;
}

static void S_font_face(galley_buf *css, const struct face *f, const char *href)
{
	char tmp[256];
	galley_buf_puts(css, "@font-face { font-family: \"");
	for (const char *p = f->family; *p; p++)
		if (*p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
			galley_buf_putc(css, *p);
	snprintf(tmp, sizeof tmp, "\"; font-weight: %d; font-style: %s; src: url(\"",
	         f->weight, f->italic ? "italic" : "normal");
	galley_buf_puts(css, tmp);
	/* the href is relative to style.css, which sits beside fonts/ */
	galley_buf_puts(css, href);
	galley_buf_puts(css, "\"); }\n");
}

/* The faces to embed: every role's own face, and for each family the
 * regular, bold and italic faces that <strong> and <em> ask for. */
static size_t S_faces(const galley_layout *l, struct face *out, size_t max)
{
	size_t n = 0;
	for (int r = 0; r < GALLEY_ROLE_COUNT; r++) {
		const struct galley_font_role *f = &l->role[r];
		if (!f->family || !*f->family || r == GALLEY_ROLE_RUNNING)
			continue;
		struct face want[5] = {
			{f->family, f->weight ? f->weight : 400, f->italic},
			{f->family, 400, 0}, {f->family, 700, 0}, {f->family, 400, 1}, {f->family, 700, 1},
		};
		for (size_t i = 0; i < 5; i++) {
			int dup = 0;
			for (size_t j = 0; j < n && !dup; j++)
				dup = out[j].weight == want[i].weight && out[j].italic == want[i].italic &&
				      strcasecmp(out[j].family, want[i].family) == 0;
			if (!dup && n < max)
				out[n++] = want[i];
		}
	}
	return n;
}

int epub_fonts_add(struct epub_book *b, galley_buf *css)
{
	FcConfig *config = galley_fc_config(b->diag);
	if (!config) {
		galley_diag_report(b->diag, GALLEY_DIAG_WARNING, 0,
		                   "no font configuration: fonts not embedded");
		return 0;
	}
	struct face faces[GALLEY_ROLE_COUNT * 5];
	size_t n = S_faces(b->layout, faces, sizeof faces / sizeof *faces);
	GHashTable *files = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free);
	struct epub_face have[GALLEY_ROLE_COUNT * 5];
	size_t n_have = 0;
	for (size_t i = 0; i < n; i++) {
		FcCharSet *cs = NULL;
		char *file = S_match(config, &faces[i], &cs);
		const char *href = file ? S_copy(b, files, file) : NULL;
		if (href)
			S_font_face(css, &faces[i], href);
		/* a face declared (or the same file declared before) */
		if (file && cs && (href || g_hash_table_contains(files, file)))
			have[n_have++] = (struct epub_face){faces[i].family, faces[i].weight,
			                                    faces[i].italic, cs};
		else if (cs)
			FcCharSetDestroy(cs);
		free(file);
	}
	g_hash_table_destroy(files);
	/* the characters of other scripts, from subsets of their faces */
	epub_fonts_fallback(b, css, config, have, n_have);
	for (size_t i = 0; i < n_have; i++)
		FcCharSetDestroy(have[i].charset);
	return 0;
}
