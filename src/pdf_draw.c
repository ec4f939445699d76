/* pdf_draw.c — draws one article page with cairo: the placed lines of
 * text, rules, pictures, list markers, link areas, running heads and folios. */
#include <stdlib.h>
#include <string.h>

#include "image_decode.h"
#include "meta.h"
#include "pdf.h"

void galley_pdf_colour(cairo_t *cr, unsigned rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
	                     (rgb & 0xFF) / 255.0);
}

/* A link value for cairo's attribute strings: quotes and backslashes escaped. */
static char *S_quote(const char *s)
{
	galley_buf b = GALLEY_BUF_INIT;
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			galley_buf_putc(&b, '\\');
		galley_buf_putc(&b, *s);
	}
	return galley_buf_detach(&b);
}

/* Footnotes link both ways through named destinations: a reference mark
 * to its note's number ("note-A-N"), the number back to the note's first
 * reference ("ref-A-N"), A the article (each numbers its notes from 1). */
static void S_dest(struct pdf_ctx *c, const char *what, int article, int note, double x,
                   double y)
{
	char *attr = galley_xasprintf("name='%s-%d-%d' x=%.2f y=%.2f", what, article + 1, note,
	                              x + c->offset, y + c->offset);
	cairo_tag_begin(c->cr, CAIRO_TAG_DEST, attr);
	cairo_tag_end(c->cr, CAIRO_TAG_DEST);
	free(attr);
}

/* 1 the first time note NOTE of ARTICLE is asked for (its first reference,
 * as pages are drawn in reading order), 0 after; IS_SET only asks. */
static int S_first_ref(struct pdf_ctx *c, int article, int note, int is_set)
{
	if (c->note_article != article + 1) {
		c->note_article = article + 1;
		if (c->note_ref)
			memset(c->note_ref, 0, (size_t)c->n_note_ref);
	}
	if (note >= c->n_note_ref) {
		if (is_set)
			return 0;
		int n = note + 64;
		c->note_ref = galley_xrealloc(c->note_ref, (size_t)n);
		memset(c->note_ref + c->n_note_ref, 0, (size_t)(n - c->n_note_ref));
		c->n_note_ref = n;
	}
	if (is_set)
		return c->note_ref[note];
	if (c->note_ref[note])
		return 0;
	return c->note_ref[note] = 1;
}

/* Link areas of block B's line I, its baseline at Y and left edge at X. */
void galley_pdf_line_links(struct pdf_ctx *c, const struct ts_block *b, int i, double x, double y)
{
	const struct ts_line *line = &b->lines[i];
	int ls = line->start, le = line->start + line->length;
	for (size_t k = 0; k < b->n_links; k++) {
		const struct ts_link *lk = &b->links[k];
		if (!lk->url && lk->note <= 0)
			continue;
		int s = lk->start > ls ? lk->start : ls;
		int e = lk->end < le ? lk->end : le;
		if (s >= e)
			continue;
		double ranges[2 * 8];
		int n = galley_line_x_ranges(line, s, e, ranges, 8);
		char *target = lk->url ? S_quote(lk->url) : NULL;
		char *attr0 = target ? galley_xasprintf("uri='%s'", target)
		            : galley_xasprintf("dest='note-%d-%d'", b->article + 1, lk->note);
		if (!lk->url && n > 0 && s == lk->start && S_first_ref(c, b->article, lk->note, 0))
			S_dest(c, "ref", b->article, lk->note, x + line->x + ranges[0],
			       y - b->baseline);
		for (int r = 0; r < n; r++) {
			double x0 = x + line->x + ranges[2 * r];
			double w = ranges[2 * r + 1] - ranges[2 * r];
			char *attr = galley_xasprintf("rect=[%.2f %.2f %.2f %.2f] %s",
			                              x0 + c->offset, y - b->baseline + c->offset,
			                              w, b->leading, attr0);
			cairo_tag_begin(c->cr, CAIRO_TAG_LINK, attr);
			cairo_tag_end(c->cr, CAIRO_TAG_LINK);
			free(attr);
		}
		free(attr0);
		free(target);
	}
}

/* A list item's bullet or number, hung in the space left of its text;
 * returns its left edge. */
static double S_marker(struct pdf_ctx *c, const struct ts_block *b, double x, double baseline)
{
	PangoLayout *m = pango_layout_new(c->flow->pango);
	PangoFontDescription *d = galley_font_desc(&c->l->role[b->role]);
	pango_layout_set_font_description(m, d);
	pango_layout_set_text(m, b->marker, -1);
	PangoRectangle logical;
	pango_layout_get_extents(m, NULL, &logical);
	double w = logical.width / (double)PANGO_SCALE;
	double gap = c->l->role[b->role].size * 0.5;
	cairo_move_to(c->cr, x - gap - w, baseline);
	pango_cairo_show_layout_line(c->cr, pango_layout_get_line_readonly(m, 0));
	pango_font_description_free(d);
	g_object_unref(m);
	return x - gap - w;
}

/* A heading's element: H1 for the title, then never more than one level
 * below the heading before it (PDF/UA: headings in order). */
static const char *S_heading_tag(struct pdf_ctx *c, int level)
{
	static const char *const tags[] = {"H1", "H1", "H2", "H3", "H4"};
	if (level > c->last_heading + 1)
		level = c->last_heading + 1;
	c->last_heading = level;
	return tags[level];
}

/* The structure element of a block (tagged PDF). */
static const char *S_struct_tag(struct pdf_ctx *c, const struct ts_block *b)
{
	switch (b->role) {
	case GALLEY_ROLE_TITLE:      return S_heading_tag(c, 1);
	case GALLEY_ROLE_HEADING2:   return S_heading_tag(c, 2);
	case GALLEY_ROLE_HEADING3:   return S_heading_tag(c, 3);
	case GALLEY_ROLE_HEADING4:   return S_heading_tag(c, 4);
	case GALLEY_ROLE_BLOCKQUOTE: return "BlockQuote";
	case GALLEY_ROLE_CAPTION:    return "Caption";
	case GALLEY_ROLE_CODE:       return "Code";
	default:                     return "P";
	}
}

void galley_pdf_list_end(struct pdf_ctx *c)
{
	if (c->in_list)
		cairo_tag_end(c->cr, "L");
	c->in_list = 0;
}

/* PDF/UA: items in a list (L), each a label (Lbl) and a body (LBody). */
static const char *S_list_item(struct pdf_ctx *c, const struct ts_place *pl,
                               const struct ts_block *b, double x)
{
	if (!c->in_list)
		cairo_tag_begin(c->cr, "L", NULL);
	c->in_list = 1;
	cairo_tag_begin(c->cr, "LI", NULL);
	if (pl->first == 0) {
		cairo_tag_begin(c->cr, "Lbl", NULL);
		galley_pdf_colour(c->cr, b->colour);
		S_marker(c, b, x, pl->y + b->baseline);
		cairo_tag_end(c->cr, "Lbl");
	}
	return "LBody";
}

/* A note's number, from MARK to X on the line at Y: the destination of
 * its references, and a link back to the first of them. */
static void S_note_number(struct pdf_ctx *c, const struct ts_block *b, double mark, double x,
                          double y)
{
	S_dest(c, "note", b->article, b->note, mark, y);
	if (!S_first_ref(c, b->article, b->note, 1))
		return;   /* referenced only where no link is drawn */
	char *attr = galley_xasprintf("rect=[%.2f %.2f %.2f %.2f] dest='ref-%d-%d'",
	                              mark + c->offset, y + c->offset, x - mark, b->leading,
	                              b->article + 1, b->note);
	cairo_tag_begin(c->cr, CAIRO_TAG_LINK, attr);
	cairo_tag_end(c->cr, CAIRO_TAG_LINK);
	free(attr);
}

static void S_text(struct pdf_ctx *c, const struct ts_place *pl, const struct ts_block *b)
{
	double x = pl->x + b->inset_left;
	/* a footnote is a Note (PDF/UA), its number inside it; not a list;
	 * the cells of a row too tall for a page are set as text blocks */
	int item = b->marker && b->note <= 0;
	const char *tag = b->note > 0 ? "Note" : item ? S_list_item(c, pl, b, x)
	                : c->table_row ? galley_pdf_cell_tag(c, b->node) : S_struct_tag(c, b);
	if (!item)
		galley_pdf_list_end(c);
	/* a pull quote repeats the article's words: left out of the structure,
	 * it becomes an artifact (pdf_artifact.c) and is not read twice */
	if (b->role == GALLEY_ROLE_PULLQUOTE)
		tag = NULL;
	if (tag)
		cairo_tag_begin(c->cr, tag, NULL);
	galley_pdf_colour(c->cr, b->colour);
	double mark = x;   /* a note's number: its left edge */
	if (b->marker && !item && pl->first == 0)
		mark = S_marker(c, b, x, pl->y + b->baseline);
	for (int i = pl->first; i < pl->last && i < b->n_lines; i++) {
		double baseline = pl->y + (i - pl->first) * b->leading + b->baseline;
		galley_pdf_show_line(c->cr, b->line_text, &b->lines[i], x + b->lines[i].x, baseline);
	}
	if (tag)
		cairo_tag_end(c->cr, tag);
	/* links after their text: cairo 1.16 leaves the text of a structure
	 * element with a link begun inside it out of any marked content */
	for (int i = pl->first; i < pl->last && i < b->n_lines && b->n_links; i++)
		galley_pdf_line_links(c, b, i, x, pl->y + (i - pl->first) * b->leading + b->baseline);
	if (b->note > 0 && b->marker && pl->first == 0)
		S_note_number(c, b, mark, x, pl->y);
	if (item)
		cairo_tag_end(c->cr, "LI");
}

/* A rule: across the column, a short centred one (a separator), or the
 * footnotes' rule, a third of the column from its left edge. */
static void S_rule(struct pdf_ctx *c, const struct ts_place *pl, const struct ts_block *b)
{
	double w = b->note < 0 ? pl->w / 3 : b->image_w < 0 ? pl->w / 4 : pl->w;
	double x = b->note < 0 ? pl->x : pl->x + (pl->w - w) / 2;
	double y = pl->y + b->height / 2;
	galley_pdf_colour(c->cr, b->colour);
	cairo_set_line_width(c->cr, b->height > 0 ? b->height : 0.5);
	cairo_move_to(c->cr, x, y);
	cairo_line_to(c->cr, x + w, y);
	cairo_stroke(c->cr);
}

static void S_image(struct pdf_ctx *c, const struct ts_place *pl, const struct ts_block *b)
{
	double iw = 0, ih = 0;
	galley_image_extent(b->image, &iw, &ih);
	double scale = iw > 0 ? b->image_w / iw : 1;
	/* no Figure structure element: cairo 1.16 cannot finish a file with an
	 * image painted inside a nested structure tag.  The finishing step
	 * makes the Figure, with this alt text (pdf_finish.c). */
	const char *alt = b->node ? galley_node_get_title(b->node) : NULL;
	c->alts = galley_xrealloc(c->alts, (c->n_alts + 1) * sizeof *c->alts);
	c->alts[c->n_alts++] = galley_xstrdup(alt ? alt : "");
	galley_pdf_list_end(c);
	cairo_save(c->cr);
	cairo_translate(c->cr, pl->x + (pl->w - b->image_w) / 2, pl->y);
	cairo_scale(c->cr, scale, scale);
	cairo_set_source_surface(c->cr, b->image, 0, 0);
	cairo_paint(c->cr);
	cairo_restore(c->cr);
}

/* Expand a running-head template for page INDEX. */
static char *S_expand(struct pdf_ctx *c, const char *tpl, size_t index)
{
	const struct ts_page *pg = &c->pages.pages[index];
	const galley_node *a = pg->article >= 0 ? c->flow->articles[pg->article].node : NULL;
	galley_buf b = GALLEY_BUF_INIT;
	char *authors = NULL;
	for (const char *p = tpl; *p; p++) {
		const char *v = NULL;
		char num[32];
		size_t n = 0;
		if (*p == '{' && (n = strcspn(p, "}")) && p[n] == '}') {
			if (strncmp(p, "{title}", n + 1) == 0 && a)
				v = galley_article_get(a, GALLEY_META_TITLE);
			else if (strncmp(p, "{author}", n + 1) == 0 && a)
				v = authors = galley_authors_join(a);
			else if (strncmp(p, "{publication}", n + 1) == 0)
				v = c->publication ? c->publication : "";
			else if (strncmp(p, "{page}", n + 1) == 0)
				v = (snprintf(num, sizeof num, "%zu", index + 1), num);
			else if (strncmp(p, "{pages}", n + 1) == 0)
				v = (snprintf(num, sizeof num, "%zu", c->total_pages), num);
		}
		if (v) {
			galley_buf_puts(&b, v);
			p += n;
		} else {
			galley_buf_putc(&b, *p);
		}
	}
	free(authors);
	return galley_buf_detach(&b);
}

/* One slot of a running head: TEXT at BASELINE, aligned within the area. */
static void S_slot(struct pdf_ctx *c, const char *tpl, size_t index, double baseline,
                   PangoAlignment align, const struct ts_page *pg)
{
	if (!tpl || !*tpl)
		return;
	const struct galley_font_role *r = &c->l->role[GALLEY_ROLE_RUNNING];
	char *text = S_expand(c, tpl, index);
	char *shown = r->uppercase ? galley_caps(text) : g_strdup(text);
	PangoLayout *m = pango_layout_new(c->flow->pango);
	PangoFontDescription *d = galley_font_desc(r);
	pango_layout_set_font_description(m, d);
	pango_layout_set_text(m, shown, -1);
	/* each slot gets a bit under half the measure; a long title is cut */
	double w = pg->w * (align == PANGO_ALIGN_CENTER ? 0.5 : 0.46);
	pango_layout_set_width(m, (int)(w * PANGO_SCALE));
	pango_layout_set_ellipsize(m, PANGO_ELLIPSIZE_END);
	pango_layout_set_alignment(m, align);
	double x = align == PANGO_ALIGN_LEFT ? pg->x
	         : align == PANGO_ALIGN_RIGHT ? pg->x + pg->w - w : pg->x + (pg->w - w) / 2;
	PangoLayoutIter *it = pango_layout_get_iter(m);
	PangoRectangle logical;
	pango_layout_iter_get_line_extents(it, NULL, &logical);
	pango_layout_iter_free(it);
	galley_pdf_colour(c->cr, r->colour);
	cairo_move_to(c->cr, x + logical.x / (double)PANGO_SCALE, baseline);
	pango_cairo_show_layout_line(c->cr, pango_layout_get_line_readonly(m, 0));
	pango_font_description_free(d);
	g_object_unref(m);
	g_free(shown);
	free(text);
}

static void S_running(struct pdf_ctx *c, const struct galley_running *run, size_t index,
                      double baseline)
{
	const struct ts_page *pg = &c->pages.pages[index];
	int verso = c->l->facing && index % 2 == 1;
	S_slot(c, verso ? run->right : run->left, index, baseline, PANGO_ALIGN_LEFT, pg);
	S_slot(c, run->center, index, baseline, PANGO_ALIGN_CENTER, pg);
	S_slot(c, verso ? run->left : run->right, index, baseline, PANGO_ALIGN_RIGHT, pg);
}

void galley_pdf_draw_page(struct pdf_ctx *c, size_t index)
{
	const struct ts_page *pg = &c->pages.pages[index];
	if (pg->blank)
		return;
	c->page = index;
	/* places are in page order: find this page's first by bisection */
	size_t lo = 0, hi = c->pages.n_places;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->pages.places[mid].page < (int)index)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < c->pages.n_places && c->pages.places[i].page == (int)index; i++) {
		const struct ts_place *pl = &c->pages.places[i];
		const struct ts_block *b = &c->flow->blocks[pl->block];
		/* a pull quote is an artifact, a rule or a space draws no text:
		 * neither ends a table's elements */
		if ((b->kind == TS_TEXT && b->role != GALLEY_ROLE_PULLQUOTE) || b->kind == TS_IMAGE ||
		    (b->kind == TS_ROW && !pl->repeat))
			galley_pdf_table_enter(c, b->node);
		if (b->kind == TS_TEXT)
			S_text(c, pl, b);
		else if (b->kind == TS_RULE)
			S_rule(c, pl, b);
		else if (b->kind == TS_IMAGE)
			S_image(c, pl, b);
		else if (b->kind == TS_ROW)
			galley_pdf_draw_row(c, pl, b);
	}
	double lead = c->l->role[GALLEY_ROLE_RUNNING].leading;
	if (!pg->first_of_article || c->l->running_on_first)
		S_running(c, &c->l->header, index, pg->y - 1.6 * lead);
	if (!pg->first_of_article || c->l->footer_on_first)
		S_running(c, &c->l->footer, index, pg->y + pg->h + 2.4 * lead);
}

void galley_pdf_crop_marks(struct pdf_ctx *c)
{
	const galley_layout *l = c->l;
	double o = c->offset, len = 12, gap = l->bleed + 3;
	double xs[2] = {o, o + l->page_width}, ys[2] = {o, o + l->page_height};
	cairo_t *cr = c->cr;
	cairo_save(cr);
	cairo_identity_matrix(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.25);
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++) {
			double dx = i ? 1 : -1, dy = j ? 1 : -1;
			cairo_move_to(cr, xs[i] + dx * gap, ys[j]);
			cairo_line_to(cr, xs[i] + dx * (gap + len), ys[j]);
			cairo_move_to(cr, xs[i], ys[j] + dy * gap);
			cairo_line_to(cr, xs[i], ys[j] + dy * (gap + len));
		}
	cairo_stroke(cr);
	cairo_restore(cr);
}
