/* pdf_digest.c — the front matter of a digest PDF: a title page and a
 * table of contents whose entries link to the articles. */
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

static PangoLayout *S_layout(struct pdf_ctx *c, galley_role role, const char *text,
                             double width, PangoAlignment align)
{
	PangoLayout *m = pango_layout_new(c->flow->pango);
	PangoFontDescription *d = galley_font_desc(&c->l->role[role]);
	pango_layout_set_font_description(m, d);
	pango_font_description_free(d);
	pango_layout_set_width(m, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(m, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(m, align);
	pango_layout_set_text(m, text, -1);
	return m;
}

static double S_height(PangoLayout *m, double leading)
{
	return pango_layout_get_line_count(m) * leading;
}

/* Draw M's lines from TOP at pitch LEADING; BASELINE is the first baseline offset. */
static void S_show(struct pdf_ctx *c, PangoLayout *m, double x, double top, double leading,
                   galley_role role)
{
	const struct galley_font_role *r = &c->l->role[role];
	double baseline = (leading - r->size) / 2 + r->size * 0.8;
	PangoLayoutIter *it = pango_layout_get_iter(m);
	int i = 0;
	galley_pdf_colour(c->cr, r->colour);
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		cairo_move_to(c->cr, x + logical.x / (double)PANGO_SCALE, top + i * leading + baseline);
		pango_cairo_show_layout_line(c->cr, pango_layout_iter_get_line_readonly(it));
		i++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

void galley_pdf_front_prepare(struct pdf_ctx *c)
{
	c->publication = galley_digest_title(c->doc, c->opts ? c->opts->title : NULL);
	double x, y, w, h;
	c->front = c->l->recto_start ? 2 : 1;
	galley_text_area(c->l, c->front, &x, &y, &w, &h);
	const struct galley_font_role *r = &c->l->role[GALLEY_ROLE_TOC];
	double top = y + c->l->role[GALLEY_ROLE_TITLE].leading * 2.5, pos = top;
	int page = c->front;
	c->toc = galley_xcalloc(c->flow->n_articles, sizeof *c->toc);
	c->n_toc = c->flow->n_articles;
	for (size_t i = 0; i < c->n_toc; i++) {
		struct pdf_toc_entry *e = &c->toc[i];
		const char *title = galley_article_get(c->flow->articles[i].node, GALLEY_META_TITLE);
		/* the entry is set again when its page is drawn: a digest of
		 * thousands of articles does not keep thousands of layouts */
		PangoLayout *m = S_layout(c, GALLEY_ROLE_TOC, title ? title : "Untitled",
		                          w - 3 * r->size, PANGO_ALIGN_LEFT);
		e->lines = pango_layout_get_line_count(m);
		g_object_unref(m);
		e->height = e->lines * r->leading + r->leading * 0.4;
		if (pos + e->height > y + h) {
			page++;
			pos = y;
		}
		e->page = page;
		e->y = pos;
		e->article = i;
		pos += e->height;
	}
	c->front = page + 1;
}

static void S_title_page(struct pdf_ctx *c, double x, double y, double w, double h)
{
	PangoLayout *t = S_layout(c, GALLEY_ROLE_TITLE, c->publication, w, PANGO_ALIGN_CENTER);
	double lead = c->l->role[GALLEY_ROLE_TITLE].leading * 1.3;
	double top = y + h * 0.3;
	galley_pdf_colour(c->cr, c->l->rule_colour);
	cairo_set_line_width(c->cr, c->l->rule_width * 2);
	cairo_move_to(c->cr, x + w * 0.3, top - lead);
	cairo_line_to(c->cr, x + w * 0.7, top - lead);
	cairo_stroke(c->cr);
	pango_layout_set_font_description(t, NULL);
	PangoFontDescription *d = galley_font_desc(&c->l->role[GALLEY_ROLE_TITLE]);
	pango_font_description_set_absolute_size(d, c->l->role[GALLEY_ROLE_TITLE].size * 1.3 * PANGO_SCALE);
	pango_layout_set_font_description(t, d);
	pango_font_description_free(d);
	S_show(c, t, x, top, lead, GALLEY_ROLE_TITLE);
	double below = top + S_height(t, lead) + lead * 0.5;
	g_object_unref(t);
	char *count = galley_xasprintf("%zu articles", c->flow->n_articles);
	PangoLayout *s = S_layout(c, GALLEY_ROLE_SUBTITLE, count, w, PANGO_ALIGN_CENTER);
	S_show(c, s, x, below, c->l->role[GALLEY_ROLE_SUBTITLE].leading, GALLEY_ROLE_SUBTITLE);
	g_object_unref(s);
	free(count);
}

static void S_contents(struct pdf_ctx *c, size_t index, double x, double y, double w)
{
	const struct galley_font_role *r = &c->l->role[GALLEY_ROLE_TOC];
	if (index == (size_t)c->toc[0].page) {
		PangoLayout *t = S_layout(c, GALLEY_ROLE_HEADING2, "Contents", w, PANGO_ALIGN_LEFT);
		S_show(c, t, x, y, c->l->role[GALLEY_ROLE_HEADING2].leading, GALLEY_ROLE_HEADING2);
		g_object_unref(t);
	}
	for (size_t i = 0; i < c->n_toc; i++) {
		struct pdf_toc_entry *e = &c->toc[i];
		if (e->page != (int)index)
			continue;
		const char *title = galley_article_get(c->flow->articles[e->article].node,
		                                       GALLEY_META_TITLE);
		PangoLayout *t = S_layout(c, GALLEY_ROLE_TOC, title ? title : "Untitled",
		                          w - 3 * r->size, PANGO_ALIGN_LEFT);
		S_show(c, t, x, e->y, r->leading, GALLEY_ROLE_TOC);
		g_object_unref(t);
		int target = c->flow->articles[e->article].first_page;
		char num[16];
		snprintf(num, sizeof num, "%d", target + 1);
		PangoLayout *n = S_layout(c, GALLEY_ROLE_TOC, num, w, PANGO_ALIGN_RIGHT);
		double last = e->y + e->lines * r->leading - r->leading;
		S_show(c, n, x, last, r->leading, GALLEY_ROLE_TOC);
		g_object_unref(n);
		char *attr = galley_xasprintf("rect=[%.2f %.2f %.2f %.2f] page=%d pos=[%.1f %.1f]",
		                              x + c->offset, e->y + c->offset, w,
		                              e->lines * r->leading, target + 1,
		                              c->offset + c->l->margin_inner, c->offset + c->l->margin_top);
		cairo_tag_begin(c->cr, CAIRO_TAG_LINK, attr);
		cairo_tag_end(c->cr, CAIRO_TAG_LINK);
		free(attr);
	}
}

void galley_pdf_front_draw(struct pdf_ctx *c, size_t index)
{
	double x, y, w, h;
	galley_text_area(c->l, (int)index, &x, &y, &w, &h);
	if (index == 0)
		S_title_page(c, x, y, w, h);
	else if (c->n_toc && (int)index >= c->toc[0].page)
		S_contents(c, index, x, y, w);
}

void galley_pdf_front_free(struct pdf_ctx *c)
{
	free(c->toc);
	c->toc = NULL;
	c->n_toc = 0;
}
