/* typeset_shape.c — a paragraph set on one unwrapped line, the glyphs the
 * line breaker measures and cuts lines from, made as pango's layout makes
 * them (pango 1.50's pango_layout_check_lines: the same itemizing, break
 * attributes, shaping and runs) but shaped a word at a time through a
 * cache kept for the process.
 *
 * Shaping was the largest part of setting a paragraph (issue 21): HarfBuzz
 * runs every lookup of the font over every glyph, and a batch shapes the
 * same words again and again.  A word of a script whose words are set
 * apart by spaces (Latin, Greek, Cyrillic) is shaped alone, the spaces
 * apart, and its glyphs kept under its font, language and text; the glyphs
 * are those HarfBuzz gives for the whole item unless a font kerns or
 * substitutes across a space (galley's fonts do not: the corpus and the
 * samples set byte for byte as before).  Anything else (tabs, letter
 * spacing, font features, small-caps emulation, right-to-left text) is
 * left to pango's layout: galley_shape_line returns 0. */
#include <string.h>

#include "typeset.h"

/* The cache forgets everything past this many words (a few MB). */
#define SHAPE_CACHE_MAX 50000

struct word_key {
	PangoFont *font;
	PangoLanguage *lang;
	int script;
	int len;
	char text[];
};

static GHashTable *S_cache;
static guint S_serial;   /* of the font map the cached fonts come from */

static guint S_hash(gconstpointer p)
{
	const struct word_key *k = p;
	guint h = (guint)(uintptr_t)k->font * 31u + (guint)(uintptr_t)k->lang * 7u + (guint)k->script;
	for (int i = 0; i < k->len; i++)
		h = h * 33u + (unsigned char)k->text[i];
	return h;
}

static gboolean S_equal(gconstpointer a, gconstpointer b)
{
	const struct word_key *x = a, *y = b;
	return x->font == y->font && x->lang == y->lang && x->script == y->script &&
	       x->len == y->len && memcmp(x->text, y->text, (size_t)x->len) == 0;
}

static void S_key_free(gpointer p)
{
	struct word_key *k = p;
	g_object_unref(k->font);
	free(k);
}

static void S_glyphs_free(gpointer p)
{
	pango_glyph_string_free(p);
}

/* pango_layout_check_lines's sorting of attributes. */
static gboolean S_itemizes(PangoAttribute *a, gpointer data)
{
	(void)data;
	switch ((int)a->klass->type) {
	case PANGO_ATTR_LANGUAGE: case PANGO_ATTR_FAMILY: case PANGO_ATTR_STYLE:
	case PANGO_ATTR_WEIGHT: case PANGO_ATTR_VARIANT: case PANGO_ATTR_STRETCH:
	case PANGO_ATTR_SIZE: case PANGO_ATTR_FONT_DESC: case PANGO_ATTR_SCALE:
	case PANGO_ATTR_FALLBACK: case PANGO_ATTR_ABSOLUTE_SIZE: case PANGO_ATTR_GRAVITY:
	case PANGO_ATTR_GRAVITY_HINT: case PANGO_ATTR_FONT_SCALE:
	case PANGO_ATTR_LETTER_SPACING: case PANGO_ATTR_SHAPE: case PANGO_ATTR_RISE:
	case PANGO_ATTR_BASELINE_SHIFT: case PANGO_ATTR_LINE_HEIGHT:
	case PANGO_ATTR_ABSOLUTE_LINE_HEIGHT: case PANGO_ATTR_TEXT_TRANSFORM:
		return TRUE;
	default:
		return FALSE;
	}
}

static gboolean S_breaks_or_shapes(PangoAttribute *a, gpointer data)
{
	(void)data;
	switch ((int)a->klass->type) {
	case PANGO_ATTR_ALLOW_BREAKS: case PANGO_ATTR_WORD: case PANGO_ATTR_SENTENCE:
	case PANGO_ATTR_INSERT_HYPHENS: case PANGO_ATTR_FONT_FEATURES: case PANGO_ATTR_SHOW:
		return TRUE;
	default:
		return FALSE;
	}
}

/* Attributes whose effect the layout adds after shaping, or that change
 * the items after itemizing: such paragraphs are left to the layout. */
static gboolean S_unhandled(PangoAttribute *a, gpointer data)
{
	switch ((int)a->klass->type) {
	case PANGO_ATTR_LETTER_SPACING: case PANGO_ATTR_SHAPE: case PANGO_ATTR_VARIANT:
	case PANGO_ATTR_TEXT_TRANSFORM: case PANGO_ATTR_FONT_SCALE: case PANGO_ATTR_BASELINE_SHIFT:
		*(int *)data = 1;
		break;
	default:
		break;
	}
	return FALSE;
}

/* 1 if ITEM's glyphs may be shaped a word at a time and cached. */
static int S_by_words(const PangoItem *item)
{
	const PangoAnalysis *a = &item->analysis;
	if (!a->font || a->level != 0 || a->gravity != PANGO_GRAVITY_SOUTH ||
	    (a->flags & (PANGO_ANALYSIS_FLAG_CENTERED_BASELINE | PANGO_ANALYSIS_FLAG_IS_ELLIPSIS |
	                 PANGO_ANALYSIS_FLAG_NEED_HYPHEN)))
		return 0;
	switch (a->script) {
	case PANGO_SCRIPT_COMMON: case PANGO_SCRIPT_INHERITED: case PANGO_SCRIPT_LATIN:
	case PANGO_SCRIPT_GREEK: case PANGO_SCRIPT_CYRILLIC:
		break;
	default:
		return 0;
	}
	/* what pango_shape reads beyond the font (features, ignorables shown,
	 * text transforms) */
	for (GSList *l = a->extra_attrs; l; l = l->next) {
		PangoAttrType t = ((PangoAttribute *)l->data)->klass->type;
		if (t == PANGO_ATTR_FONT_FEATURES || t == PANGO_ATTR_SHOW || t == PANGO_ATTR_TEXT_TRANSFORM)
			return 0;
	}
	return 1;
}

/* The glyphs of the LEN bytes at W in ITEM's font, shaped alone: from the
 * cache, else shaped and kept.  Not to be freed. */
static const PangoGlyphString *S_word(const PangoItem *item, const char *w, int len,
                                      PangoShapeFlags flags)
{
	if (!S_cache)
		S_cache = g_hash_table_new_full(S_hash, S_equal, S_key_free, S_glyphs_free);
	/* looked up with a key on the stack; one is allocated to be kept */
	union {
		struct word_key k;
		char room[sizeof(struct word_key) + 64];
	} probe;
	size_t size = sizeof(struct word_key) + (size_t)len;
	struct word_key *k = size <= sizeof probe ? &probe.k : galley_xmalloc(size);
	*k = (struct word_key){item->analysis.font, item->analysis.language, item->analysis.script, len};
	memcpy(k->text, w, (size_t)len);
	PangoGlyphString *gs = g_hash_table_lookup(S_cache, k);
	if (gs) {
		if (k != &probe.k)
			free(k);
		return gs;
	}
	if (k == &probe.k)
		k = memcpy(galley_xmalloc(size), &probe.k, size);
	if (g_hash_table_size(S_cache) >= SHAPE_CACHE_MAX)
		g_hash_table_remove_all(S_cache);
	gs = pango_glyph_string_new();
	pango_shape_with_flags(w, len, w, len, &item->analysis, gs, flags);
	g_object_ref(k->font);
	g_hash_table_insert(S_cache, k, gs);
	return gs;
}

/* Append WORD's glyphs, its clusters AT bytes into the item, to GS (its
 * room grown by doubling: pango_glyph_string_set_size grows it by 4). */
static void S_append(PangoGlyphString *gs, const PangoGlyphString *word, int at)
{
	int n = gs->num_glyphs;
	if (n + word->num_glyphs > gs->space) {
		int space = gs->space > 0 ? gs->space : 16;
		while (space < n + word->num_glyphs)
			space *= 2;
		pango_glyph_string_set_size(gs, space);
	}
	gs->num_glyphs = n + word->num_glyphs;
	memcpy(gs->glyphs + n, word->glyphs, (size_t)word->num_glyphs * sizeof *gs->glyphs);
	for (int g = 0; g < word->num_glyphs; g++)
		gs->log_clusters[n + g] = word->log_clusters[g] + at;
}

/* ITEM of TEXT shaped as runs of spaces and words between them. */
static PangoGlyphString *S_shape_words(const PangoItem *item, const char *text,
                                       PangoShapeFlags flags)
{
	PangoGlyphString *gs = pango_glyph_string_new();
	/* room for a glyph a character, grown only past that */
	pango_glyph_string_set_size(gs, item->num_chars);
	gs->num_glyphs = 0;
	const char *s = text + item->offset, *end = s + item->length;
	for (const char *p = s; p < end; ) {
		int space = *p == ' ';
		const char *q = p + 1;
		while (q < end && (*q == ' ') == space)
			q++;
		S_append(gs, S_word(item, p, (int)(q - p), flags), (int)(p - s));
		p = q;
	}
	return gs;
}

/* The layout's log attributes (pango_layout_check_lines's
 * get_items_log_attrs). */
static PangoLogAttr *S_log_attrs(const char *text, int len, GList *items,
                                 PangoAttrList *shape_attrs, int n_attrs)
{
	PangoLogAttr *la = g_new0(PangoLogAttr, n_attrs);
	pango_default_break(text, len, NULL, la, n_attrs);
	int offset = 0;
	for (GList *l = items; l; l = l->next) {
		PangoItem *item = l->data;
		pango_tailor_break(text + item->offset, item->length, &item->analysis, -1,
		                   la + offset, item->num_chars + 1);
		offset += item->num_chars;
	}
	if (shape_attrs && items)
		pango_attr_break(text, len, shape_attrs, ((PangoItem *)items->data)->offset, la, n_attrs);
	return la;
}

/* RUNS split where the attributes left in ATTRS change, as the layout
 * splits its lines' runs. */
static GSList *S_split_runs(GSList *runs, const char *text, PangoAttrList *attrs)
{
	GSList *out = NULL;
	for (GSList *r = runs; r; r = r->next)
		out = g_slist_concat(out, pango_glyph_item_apply_attrs(r->data, text, attrs));
	g_slist_free(runs);
	return out;
}

int galley_shape_line(PangoLayout *l, struct ts_unwrapped *out)
{
	memset(out, 0, sizeof *out);
	const char *text = pango_layout_get_text(l);
	int len = (int)strlen(text);
	if (len == 0 || pango_layout_get_single_paragraph_mode(l) || !pango_layout_get_auto_dir(l) ||
	    pango_layout_get_ellipsize(l) != PANGO_ELLIPSIZE_NONE || strpbrk(text, "\t\n\r") ||
	    strstr(text, "\xe2\x80\xa8") || strstr(text, "\xe2\x80\xa9"))
		return 0;
	PangoContext *ctx = pango_layout_get_context(l);
	/* the font set changed (a document of another script added faces):
	 * pango makes new fonts, and the words cached under the old ones,
	 * which the cache keeps alive, would only take room */
	guint serial = pango_font_map_get_serial(pango_context_get_font_map(ctx));
	if (S_cache && serial != S_serial)
		g_hash_table_remove_all(S_cache);
	S_serial = serial;
	/* the direction as the layout finds it (deprecated for applications,
	 * but it is the layout's rule) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
	PangoDirection dir = pango_find_base_dir(text, len);
#pragma GCC diagnostic pop
	if (dir == PANGO_DIRECTION_NEUTRAL)
		dir = pango_context_get_base_dir(ctx);
	if (dir != PANGO_DIRECTION_LTR)
		return 0;
	/* the layout's effective attributes: its own, after its font */
	PangoAttrList *attrs = pango_layout_get_attributes(l);
	attrs = attrs ? pango_attr_list_copy(attrs) : pango_attr_list_new();
	const PangoFontDescription *desc = pango_layout_get_font_description(l);
	if (desc)
		pango_attr_list_insert_before(attrs, pango_attr_font_desc_new(desc));
	int unhandled = 0;
	pango_attr_list_filter(attrs, S_unhandled, &unhandled);
	if (unhandled) {
		pango_attr_list_unref(attrs);
		return 0;
	}
	PangoAttrList *shape_attrs = pango_attr_list_filter(attrs, S_breaks_or_shapes, NULL);
	PangoAttrList *item_attrs = pango_attr_list_filter(attrs, S_itemizes, NULL);
	GList *items = pango_itemize_with_base_dir(ctx, dir, text, 0, len, item_attrs, NULL);
	if (shape_attrs) {
		PangoAttrIterator *it = pango_attr_list_get_iterator(shape_attrs);
		for (GList *i = items; i; i = i->next)
			pango_item_apply_attrs(i->data, it);
		pango_attr_iterator_destroy(it);
	}
	out->n_attrs = g_utf8_strlen(text, len) + 1;
	out->attrs = S_log_attrs(text, len, items, shape_attrs, out->n_attrs);
	PangoShapeFlags flags = pango_context_get_round_glyph_positions(ctx)
	                      ? PANGO_SHAPE_ROUND_POSITIONS : PANGO_SHAPE_NONE;
	GSList *runs = NULL;
	for (GList *i = items; i; i = i->next) {
		PangoItem *item = i->data;
		PangoGlyphItem *run = g_slice_new0(PangoGlyphItem);
		run->item = item;
		if (S_by_words(item)) {
			run->glyphs = S_shape_words(item, text, flags);
		} else {
			run->glyphs = pango_glyph_string_new();
			pango_shape_item(item, text, len, out->attrs, run->glyphs, flags);
		}
		runs = g_slist_prepend(runs, run);
	}
	g_list_free(items);   /* the runs own them now */
	runs = g_slist_reverse(runs);
	GSList *left = pango_attr_list_get_attributes(attrs);   /* underline, colour... */
	if (left)
		runs = S_split_runs(runs, text, attrs);
	g_slist_free_full(left, (GDestroyNotify)pango_attribute_destroy);
	out->runs = runs;
	out->owned = 1;
	if (shape_attrs)
		pango_attr_list_unref(shape_attrs);
	if (item_attrs)
		pango_attr_list_unref(item_attrs);
	pango_attr_list_unref(attrs);
	return 1;
}

void galley_unwrapped_from_layout(PangoLayout *l, struct ts_unwrapped *out)
{
	PangoLayoutLine *line = pango_layout_get_line_readonly(l, 0);
	out->runs = line ? line->runs : NULL;
	out->attrs = (PangoLogAttr *)pango_layout_get_log_attrs_readonly(l, &out->n_attrs);
	out->owned = 0;
}

size_t galley_unwrapped_size(const struct ts_unwrapped *u)
{
	size_t n = (size_t)u->n_attrs * sizeof *u->attrs;
	for (GSList *r = u->runs; r; r = r->next) {
		const PangoGlyphItem *run = r->data;
		n += sizeof *run + sizeof *run->item + sizeof(GSList) +
		     (size_t)run->glyphs->space * (sizeof *run->glyphs->glyphs + sizeof(int));
	}
	return n;
}

void galley_unwrapped_free(struct ts_unwrapped *u)
{
	if (u->owned) {
		g_slist_free_full(u->runs, (GDestroyNotify)pango_glyph_item_free);
		g_free(u->attrs);
	}
	memset(u, 0, sizeof *u);
}
