/* typeset_flow.c — walks the document tree and turns each article into the
 * flow of blocks the page breaker places: title block, headings,
 * paragraphs, quotes, lists, figures, author box. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meta.h"
#include "fetched.h"
#include "safe_path.h"
#include "image_alt.h"
#include "image_decode.h"
#include "typeset.h"

#define MAX_LIST_DEPTH 6   /* deeper lists are set at this depth */
#define MAX_LIST_RECURSION 32  /* and beyond this their text is one block */
#define MAX_PIECE 16384        /* longer paragraphs are set in pieces of this */

struct builder {
	struct ts_flow *flow;
	const galley_options *opts;
	galley_diag *diag;
	const galley_hyphenator *hyph;
	int after_heading;        /* next paragraph starts flush */
	int group;                /* last group id given */
	const galley_node *pull_after;
	char *pull_text;
	const char *prefix;       /* text set before the next block's own */
	int span;                 /* blocks being made span all columns */
	int align;                /* -1, or the alignment of blocks being made */
	double hang;              /* added to the left inset of blocks being made */
	struct galley_image_cache *images;
};

/* Give the block being made the builder's span and alignment. */
static void S_setup(struct builder *bd, struct ts_block *b)
{
	b->span = bd->span;
	b->inset_left += bd->hang;
	if (bd->align >= 0) {
		b->align_set = 1;
		b->align = (galley_align)bd->align;
	}
}

static double S_width(const struct builder *bd, const struct ts_block *b)
{
	double w = b->span ? bd->flow->column_width * bd->flow->layout->columns +
	                     bd->flow->layout->gutter * (bd->flow->layout->columns - 1)
	                   : bd->flow->column_width;
	return w - b->inset_left - b->inset_right;
}

/* Set the huge TEXT of block I in pieces of at most MAX_PIECE bytes, cut
 * at spaces, one after the other with no space between: every step of the
 * typesetter stays bounded.  Emphasis and links are given up.  Returns the
 * last piece. */
static struct ts_block *S_pieces(struct builder *bd, size_t i, const char *text, double indent)
{
	struct ts_flow *flow = bd->flow;
	struct ts_block *b = &flow->blocks[i];
	galley_diag_report(bd->diag, GALLEY_DIAG_WARNING, galley_node_get_line(b->node),
	                   "a paragraph of %zu bytes is set in pieces, without its emphasis and links",
	                   strlen(text));
	for (size_t k = 0; k < b->n_links; k++)
		free(b->links[k].url);
	free(b->links);
	b->links = NULL;
	b->n_links = 0;
	double after = b->space_after;
	size_t len = strlen(text), pos = 0;
	while (pos < len) {
		size_t end = pos + MAX_PIECE < len ? pos + MAX_PIECE : len;
		size_t cut = end;
		while (end < len && cut > pos + MAX_PIECE / 2 && text[cut] != ' ')
			cut--;
		if (end < len && text[cut] != ' ')
			for (cut = end; cut > pos && ((unsigned char)text[cut] & 0xC0) == 0x80; cut--)
				;  /* no space: cut between characters */
		if (cut <= pos)
			cut = end;
		if (pos > 0) {
			struct ts_block *prev = &flow->blocks[flow->n_blocks - 1];
			galley_role role = prev->role;
			const galley_node *node = prev->node;
			b = galley_flow_add(flow, TS_TEXT, role);
			b->node = node;
			S_setup(bd, b);
			b->space_before = 0;
		}
		char *piece = galley_xstrndup(text + pos, cut - pos);
		galley_block_set_text(flow, b, piece, pango_attr_list_new(), S_width(bd, b),
		                      pos == 0 ? indent : 0);
		free(piece);
		b->space_after = cut >= len ? after : 0;
		pos = cut;
		while (pos < len && text[pos] == ' ')
			pos++;
	}
	return b;
}

/* A text block of ROLE from NODE's inlines. */
static struct ts_block *S_text_block(struct builder *bd, const galley_node *node,
                                     galley_role role, double indent)
{
	struct ts_flow *flow = bd->flow;
	struct ts_block *b = galley_flow_add(flow, TS_TEXT, role);
	b->node = node;
	S_setup(bd, b);
	galley_buf text = GALLEY_BUF_INIT;
	if (bd->prefix)
		galley_buf_puts(&text, bd->prefix);
	bd->prefix = NULL;
	PangoAttrList *attrs = pango_attr_list_new();
	int hyphenate = role == GALLEY_ROLE_BODY || role == GALLEY_ROLE_BLOCKQUOTE ||
	                role == GALLEY_ROLE_AUTHOR || role == GALLEY_ROLE_CAPTION;
	galley_inline_text(node, flow, hyphenate ? bd->hyph : NULL, flow->layout->role[role].italic,
	                   &text, attrs, &b->links, &b->n_links);
	if (text.len > MAX_PIECE) {
		pango_attr_list_unref(attrs);
		b = S_pieces(bd, flow->n_blocks - 1, text.data, indent);
	} else {
		galley_block_set_text(flow, b, text.data ? text.data : "", attrs, S_width(bd, b), indent);
	}
	galley_buf_free(&text);
	return b;
}

/* 1 if a line of block B, which spans the columns, ends in a gutter: past
 * a column's edge and short of the next column's text by less than half
 * an em.  Such a line reads as the column's own, run over its edge. */
static int S_ends_in_gutter(const struct builder *bd, const struct ts_block *b)
{
	const galley_layout *l = bd->flow->layout;
	double half = l->role[b->role].size / 2;
	for (int c = 1; b->span && c < l->columns; c++) {
		double edge = c * bd->flow->column_width + (c - 1) * l->gutter - b->inset_left;
		for (int k = 0; k < b->n_lines; k++) {
			double end = b->lines[k].x + galley_line_width(&b->lines[k]);
			if (end > edge + 1 && end < edge + l->gutter + half)
				return 1;
		}
	}
	return 0;
}

/* A text block of ROLE from plain TEXT (metadata, generated text).  A
 * subtitle or byline across the columns that would end in a gutter is set
 * on the first column's measure: "By Pam Martens and Russ Martens:" over
 * "April 4, 2016", not one line that stops just past the column.  (The
 * title is display type, read as a whole; a short one is never broken to
 * stop short of a gutter.) */
static struct ts_block *S_plain_block(struct builder *bd, const char *text, galley_role role)
{
	struct ts_block *b = galley_flow_add(bd->flow, TS_TEXT, role);
	S_setup(bd, b);
	const struct galley_font_role *r = &bd->flow->layout->role[role];
	/* tied before the capitals, which the ties' words are not in */
	galley_buf tied = GALLEY_BUF_INIT;
	galley_ties(text, &tied);
	const char *plain = tied.data ? tied.data : "";
	char *t = r->uppercase ? galley_caps(plain) : g_strdup(plain);
	galley_block_set_text(bd->flow, b, t, pango_attr_list_new(), S_width(bd, b), 0);
	if (role != GALLEY_ROLE_TITLE && S_ends_in_gutter(bd, b))
		galley_block_set_text(bd->flow, b, t, pango_attr_list_new(),
		                      bd->flow->column_width - b->inset_left - b->inset_right, 0);
	galley_buf_free(&tied);
	g_free(t);
	return b;
}

static struct ts_block *S_rule(struct builder *bd, double height, double before)
{
	struct ts_block *b = galley_flow_add(bd->flow, TS_RULE, GALLEY_ROLE_BODY);
	b->height = height;
	b->space_before = before;
	b->space_after = 0;
	b->colour = bd->flow->layout->rule_colour;
	S_setup(bd, b);
	return b;
}

/* The date as the article's language writes it in full ("September 30,
 * 2021", "30 septembre 2021"); the date itself if unparseable. */
static char *S_date(const char *iso, const char *lang)
{
	char *d = galley_long_date(iso, lang);
	return d ? d : galley_xstrdup(iso);
}

/* The byline text: the article's byline, or "By" and its authors, and the date. */
static char *S_byline(const galley_node *article)
{
	galley_buf b = GALLEY_BUF_INIT;
	const char *byline = galley_article_get(article, GALLEY_META_BYLINE);
	if (byline) {
		galley_buf_puts(&b, byline);
	} else if (galley_article_author_count(article)) {
		char *names = galley_authors_join(article);
		galley_buf_puts(&b, "By ");
		galley_buf_puts(&b, names);
		free(names);
	}
	const char *date = galley_article_get(article, GALLEY_META_DATE);
	/* a scraped byline often carries the date already ("Posted by X |
	 * Sep 22, 2017"): its year in the byline means it is not repeated */
	char year[5] = "";
	if (date && strlen(date) >= 4)
		memcpy(year, date, 4);
	if (date && !(byline && year[0] && strstr(byline, year))) {
		char *d = S_date(date, galley_article_get(article, GALLEY_META_LANG));
		if (b.len)
			galley_buf_puts(&b, "  \xc2\xb7  ");
		galley_buf_puts(&b, d);
		free(d);
	}
	return galley_buf_detach(&b);
}

/* Title, subtitle, byline and date: one group that is never split. */
static void S_title_block(struct builder *bd, const galley_node *article, int new_page)
{
	const galley_layout *l = bd->flow->layout;
	int group = ++bd->group;
	int span = l->title_style == GALLEY_TITLE_BANNER && l->columns > 1;
	int centered = l->title_style == GALLEY_TITLE_CENTERED;
	size_t first = bd->flow->n_blocks;
	bd->span = span;
	bd->align = centered ? GALLEY_ALIGN_CENTER : -1;
	if (centered || span)
		S_rule(bd, l->rule_width * (span ? 4 : 1), 0)->space_after = l->role[GALLEY_ROLE_BODY].size;
	const char *title = galley_article_get(article, GALLEY_META_TITLE);
	const char *subtitle = galley_article_get(article, GALLEY_META_SUBTITLE);
	char *byline = S_byline(article);
	struct ts_block *b;
	galley_role roles[3] = {GALLEY_ROLE_TITLE, GALLEY_ROLE_SUBTITLE, GALLEY_ROLE_BYLINE};
	const char *texts[3] = {title ? title : "Untitled", subtitle, byline};
	for (int i = 0; i < 3; i++) {
		if (!texts[i] || !*texts[i])
			continue;
		b = S_plain_block(bd, texts[i], roles[i]);
		if (i == 0) {
			b->outline = 1;
			b->text = galley_xstrdup(texts[i]);
		}
	}
	free(byline);
	if (l->title_style != GALLEY_TITLE_PLAIN)
		S_rule(bd, l->rule_width, l->role[GALLEY_ROLE_BODY].size * 0.6)->space_after =
			l->role[GALLEY_ROLE_BODY].leading;
	for (size_t i = first; i < bd->flow->n_blocks; i++) {
		b = &bd->flow->blocks[i];
		b->group = group;
		b->node = article;
	}
	bd->span = 0;
	bd->align = -1;
	bd->flow->blocks[first].break_before = new_page;
	bd->flow->blocks[bd->flow->n_blocks - 1].keep_with_next = 1;
	bd->after_heading = 1;
}

static double S_para_indent(struct builder *bd)
{
	const galley_layout *l = bd->flow->layout;
	double indent = l->para_style == GALLEY_PARA_INDENT && !bd->after_heading ? l->para_indent : 0;
	bd->after_heading = 0;
	return indent;
}

/* 1 if C may close a sentence or a clause. */
static int S_closing_mark(gunichar c)
{
	switch (c) {
	case '.': case '!': case '?': case ':': case ';': case ',': case ')': case ']':
	case '"': case '\'': case 0xBB: case 0x2019: case 0x201D: case 0x2026:
	case 0x3002: case 0xFF01: case 0xFF1F: case 0x300D: case 0x300F:   /* 。！？」』 */
	case 0x0964: case 0x06D4: case 0x061F:                             /* । ۔ ؟ */
		return 1;
	default:
		return 0;
	}
}

/* 1 if text block B is one line that ends without a closing mark ("4. Live
 * below your means", "Related coverage"): it reads as a heading of what
 * follows, so a column must not end with it. */
static int S_reads_as_heading(const struct ts_block *b)
{
	if (b->n_lines != 1 || !b->line_text || !*b->line_text)
		return 0;
	const char *last = g_utf8_find_prev_char(b->line_text, b->line_text + strlen(b->line_text));
	return last && !S_closing_mark(g_utf8_get_char(last));
}

/* 1 if block B is a body line kept with what follows as a heading is. */
static int S_kept_line(const struct ts_block *b)
{
	return b->kind == TS_TEXT && b->role == GALLEY_ROLE_BODY && b->keep_with_next &&
	       S_reads_as_heading(b);
}

/* A run of four or more such lines from block FIRST on (a scraped list of
 * contents, of names, of products) is a list, not headings: a column may
 * end inside it as inside a paragraph, two of its lines on each side, and
 * only its last two are kept with what follows.  Kept whole, a run longer
 * than the rest of a column moved on line by line and left the column
 * short each time: a page of large print held four lines of it. */
static void S_lists_of_lines(struct ts_flow *flow, size_t first)
{
	for (size_t i = first; i < flow->n_blocks;) {
		size_t j = i;
		while (j < flow->n_blocks && S_kept_line(&flow->blocks[j]))
			j++;
		for (size_t k = i + 1; j - i >= 4 && k + 3 <= j; k++)
			flow->blocks[k].keep_with_next = 0;
		i = j > i ? j : i + 1;
	}
}

static void S_paragraph(struct builder *bd, const galley_node *n, galley_role role)
{
	const galley_layout *l = bd->flow->layout;
	struct ts_block *b = S_text_block(bd, n, role, role == GALLEY_ROLE_BODY ? S_para_indent(bd) : 0);
	if (role == GALLEY_ROLE_BODY && l->para_style == GALLEY_PARA_SPACING)
		b->space_after = l->para_spacing;
	if (role == GALLEY_ROLE_BODY && S_reads_as_heading(b)) {
		b->keep_with_next = 1;
		/* and it is set as a heading is: flush, and so is the paragraph
		 * after it.  Indented, a run of such lines reads as an inset
		 * block that the next paragraph's indented first line joins,
		 * leaving the paragraph's second line to look like its first */
		if (b->n_lines == 1 && !b->marker) {
			if (b->first_indent > 0 && fabs(b->lines[0].x - b->first_indent) < 0.01) {
				b->lines[0].x = 0;   /* (not a line set right) */
				b->first_indent = 0;
			}
			bd->after_heading = 1;
		}
	}
}

static void S_heading(struct builder *bd, const galley_node *n)
{
	int level = galley_node_get_heading_level(n);
	galley_role role = level <= 2 ? GALLEY_ROLE_HEADING2
	                 : level == 3 ? GALLEY_ROLE_HEADING3 : GALLEY_ROLE_HEADING4;
	struct ts_block *b = S_text_block(bd, n, role, 0);
	b->keep_with_next = 1;
	b->outline = level < 2 ? 2 : level;
	b->text = galley_node_text(n);
	bd->after_heading = 1;
}

static void S_blockquote(struct builder *bd, const galley_node *n)
{
	size_t first = bd->flow->n_blocks;
	for (const galley_node *c = galley_node_first_child(n); c; c = galley_node_next(c)) {
		struct ts_block *b;
		if (galley_node_get_type(c) == GALLEY_NODE_CITE) {
			/* flush with the quote's left edge, as one more line of
			 * it: flush right it would end on the column's edge like
			 * a line cut by a break, and at a column's foot read as
			 * a paragraph's first line left there alone */
			bd->align = GALLEY_ALIGN_LEFT;
			char *t = galley_node_text(c);
			/* an attribution opens with a dash, unless it has one */
			if (t[0] != '-' && strncmp(t, "\xe2\x80\x94", 3) != 0 && strncmp(t, "\xe2\x80\x93", 3) != 0)
				bd->prefix = "\xe2\x80\x94\xc2\xa0";
			free(t);
			b = S_text_block(bd, c, GALLEY_ROLE_BLOCKQUOTE, 0);
			bd->align = -1;
		} else if (galley_node_is_block(c)) {
			b = S_text_block(bd, c, GALLEY_ROLE_BLOCKQUOTE, 0);
		} else {
			continue;
		}
		b->space_before = bd->flow->n_blocks - 1 == first ? b->space_before : 0;
		b->space_after = 0;
	}
	if (bd->flow->n_blocks > first)
		bd->flow->blocks[bd->flow->n_blocks - 1].space_after =
			bd->flow->layout->role[GALLEY_ROLE_BLOCKQUOTE].space_after;
	bd->after_heading = 1;
}

static void S_list(struct builder *bd, const galley_node *list, int depth)
{
	const galley_layout *l = bd->flow->layout;
	double hang = l->role[GALLEY_ROLE_BODY].size * 1.5;
	int ordered = galley_node_get_list_ordered(list), number = 0;
	int d = depth < MAX_LIST_DEPTH ? depth : MAX_LIST_DEPTH;
	size_t first = bd->flow->n_blocks;
	if (depth > MAX_LIST_RECURSION) {
		/* absurdly deep nesting: the rest is set as one paragraph */
		char *t = galley_node_text(list);
		S_plain_block(bd, t, GALLEY_ROLE_BODY)->node = list;
		free(t);
		return;
	}
	for (const galley_node *it = galley_node_first_child(list); it; it = galley_node_next(it)) {
		if (galley_node_get_type(it) != GALLEY_NODE_ITEM)
			continue;
		double inset = hang * (d + 1);
		struct ts_block *item;
		/* the item's own inlines; nested lists follow as blocks */
		item = galley_flow_add(bd->flow, TS_TEXT, GALLEY_ROLE_BODY);
		item->node = it;
		item->inset_left = inset;
		item->marker = ordered ? galley_xasprintf("%d.", ++number) : galley_xstrdup(d % 2 ? "\xe2\x80\x93" : "\xe2\x80\xa2");
		galley_buf text = GALLEY_BUF_INIT;
		PangoAttrList *attrs = pango_attr_list_new();
		galley_inline_text(it, bd->flow, bd->hyph, 0, &text, attrs, &item->links, &item->n_links);
		galley_block_set_text(bd->flow, item, text.data ? text.data : "", attrs,
		                      S_width(bd, item), 0);
		galley_buf_free(&text);
		item->space_before = l->role[GALLEY_ROLE_BODY].size * 0.2;
		for (const galley_node *c = galley_node_first_child(it); c; c = galley_node_next(c))
			if (galley_node_get_type(c) == GALLEY_NODE_LIST)
				S_list(bd, c, depth + 1);
	}
	if (bd->flow->n_blocks > first) {
		bd->flow->blocks[first].space_before = l->role[GALLEY_ROLE_BODY].size * 0.5;
		bd->flow->blocks[bd->flow->n_blocks - 1].space_after = l->role[GALLEY_ROLE_BODY].size * 0.5;
	}
	bd->after_heading = 1;
}

/* The width of the widest line of TEXT set in ROLE's font, unwrapped. */
static double S_widest_line(struct ts_flow *flow, galley_role role, const char *text)
{
	PangoFontDescription *desc = galley_font_desc(&flow->layout->role[role]);
	PangoLayout *l = pango_layout_new(flow->pango);
	pango_layout_set_font_description(l, desc);
	pango_layout_set_text(l, text, -1);
	PangoRectangle ext;
	pango_layout_get_extents(l, NULL, &ext);
	g_object_unref(l);
	pango_font_description_free(desc);
	return ext.width / (double)PANGO_SCALE;
}

/* A listing wider than the column is set smaller, as a typesetter sets a
 * wide listing \small: in half-point steps, to no less than CODE_SMALLEST
 * of the code size, its leading with it.  A line still too wide wraps, and
 * its continuation is indented by CODE_HANG ems, so that it reads as the
 * rest of its line and not as a line of its own. */
#define CODE_SMALLEST 0.8
#define CODE_HANG 2
static void S_code_block(struct builder *bd, const galley_node *n)
{
	struct ts_block *b = galley_flow_add(bd->flow, TS_TEXT, GALLEY_ROLE_CODE);
	b->node = n;
	const char *lit = galley_node_get_literal(n);
	galley_buf t = GALLEY_BUF_INIT;
	galley_buf_puts(&t, lit ? lit : "");
	while (t.len && t.data[t.len - 1] == '\n')
		t.data[--t.len] = '\0';
	const char *text = t.data ? t.data : "";
	double width = S_width(bd, b), size = bd->flow->layout->role[GALLEY_ROLE_CODE].size;
	double widest = *text ? S_widest_line(bd->flow, GALLEY_ROLE_CODE, text) : 0;
	double scale = 1, hang = 0;
	PangoAttrList *attrs = pango_attr_list_new();
	if (widest > width && size > 0) {
		double smaller = floor(size * width / widest * 2) / 2;
		scale = smaller > size * CODE_SMALLEST ? smaller / size : CODE_SMALLEST;
		pango_attr_list_insert(attrs, pango_attr_scale_new(scale));
		b->leading *= scale;
		/* pango indents all lines of a paragraph but its first (each
		 * line of the listing is one); text without a line break goes
		 * to the line breaker, whose first line is the indented one */
		if (widest * scale > width && strchr(text, '\n'))
			hang = -CODE_HANG * size * scale;
	}
	galley_block_set_text(bd->flow, b, text, attrs, width, hang);
	galley_buf_free(&t);
	bd->after_heading = 1;
}

/* An image left out leaves its description in its place (image_alt.c). */
static void S_left_out(struct builder *bd, const galley_node *img, int group)
{
	char *text = galley_image_stand_in(img);
	if (!text)
		return;
	struct ts_block *b = galley_flow_add(bd->flow, TS_TEXT, GALLEY_ROLE_CAPTION);
	S_setup(bd, b);
	galley_block_set_text(bd->flow, b, text, pango_attr_list_new(), S_width(bd, b), 0);
	free(text);
	b->group = group;
}

/* A figure: its image (when it can be read) and caption stay together. */
static void S_figure(struct builder *bd, const galley_node *n)
{
	int group = ++bd->group;
	for (const galley_node *c = galley_node_first_child(n); c; c = galley_node_next(c)) {
		galley_node_type t = galley_node_get_type(c);
		if (t == GALLEY_NODE_IMAGE && bd->opts && (bd->opts->base_dir || bd->opts->fetched)) {
			const char *src = galley_node_get_url(c), *why = NULL;
			/* issue 7: only files inside the input's folder are read;
			 * issue 20: or the copy galley fetched of a remote image */
			char *path = galley_image_file(bd->opts, src, &why);
			if (!path) {
				if (why && src && !strstr(src, "://"))  /* remote: reported when fetched */
					galley_diag_report(bd->diag, GALLEY_DIAG_WARNING, galley_node_get_line(c),
					                   "image '%s' left out: %s", src, why);
				S_left_out(bd, c, group);
				continue;
			}
			double maxw = bd->flow->column_width;   /* S_width of a new block */
			double maxh = bd->flow->column_width * 1.2;
			cairo_surface_t *img = galley_image_cache_get(bd->images, path, src, maxw, maxh,
			                                              bd->diag, galley_node_get_line(c));
			free(path);
			if (!img) {
				S_left_out(bd, c, group);
				continue;
			}
			struct ts_block *b = galley_flow_add(bd->flow, TS_IMAGE, GALLEY_ROLE_CAPTION);
			double w = 0, h = 0;
			galley_image_extent(img, &w, &h);   /* pixels, or an SVG's units */
			double scale = w > 0 ? maxw / w : 1;
			if (h * scale > maxh)
				scale = maxh / h;
			b->image = img;
			b->image_w = w * scale;
			b->height = h * scale;
			b->space_before = bd->flow->layout->role[GALLEY_ROLE_BODY].leading * 0.5;
			b->space_after = 0;
			b->group = group;
			b->node = c;
		} else if (t == GALLEY_NODE_CAPTION) {
			struct ts_block *b = S_text_block(bd, c, GALLEY_ROLE_CAPTION, 0);
			b->group = group;
		}
	}
	bd->after_heading = 1;
}

/* The author box: a rule, the name, the bio; never split. */
static void S_author_box(struct builder *bd, const galley_node *n)
{
	const galley_layout *l = bd->flow->layout;
	int group = ++bd->group;
	size_t first = bd->flow->n_blocks;
	S_rule(bd, l->rule_width, l->role[GALLEY_ROLE_AUTHOR_NAME].space_before)->space_after =
		l->role[GALLEY_ROLE_BODY].size * 0.5;
	for (const galley_node *c = galley_node_first_child(n); c; c = galley_node_next(c)) {
		galley_node_type t = galley_node_get_type(c);
		if (t == GALLEY_NODE_AUTHOR_NAME) {
			S_text_block(bd, c, GALLEY_ROLE_AUTHOR_NAME, 0)->space_before = 0;
		} else if (t == GALLEY_NODE_AUTHOR_BIO) {
			for (const galley_node *p = galley_node_first_child(c); p; p = galley_node_next(p))
				S_text_block(bd, p, GALLEY_ROLE_AUTHOR, 0)->space_after =
					l->role[GALLEY_ROLE_AUTHOR].size * 0.3;
		}
	}
	for (size_t i = first; i < bd->flow->n_blocks; i++)
		bd->flow->blocks[i].group = group;
}

/* A footnote: its paragraphs in the notes role, its number hung in the
 * margin as a list's, each block marked with the number.  The page
 * breaker sets them at the foot of the column that references them
 * (typeset_notes.c), under the rule S_notes makes. */
static void S_footnote(struct builder *bd, const galley_node *n)
{
	const struct galley_font_role *r = &bd->flow->layout->role[GALLEY_ROLE_NOTES];
	int number = galley_node_get_note_number(n), first = 1;
	for (const galley_node *c = galley_node_first_child(n); c; c = galley_node_next(c)) {
		if (!galley_node_is_block(c))
			continue;
		bd->hang = r->size * 1.8;
		struct ts_block *b = S_text_block(bd, c, GALLEY_ROLE_NOTES, 0);
		bd->hang = 0;
		b->note = number > 0 ? number : 1;
		b->space_before = b->space_after = 0;
		if (first) {
			b->marker = galley_xasprintf("%d.", number);
			b->node = n;
		}
		first = 0;
	}
}

/* The article's footnotes after its other blocks: first the short rule
 * set above the notes of each column, then the notes in number order. */
static void S_notes(struct builder *bd, const galley_node *article)
{
	struct ts_article *a = &bd->flow->articles[bd->flow->current];
	a->notes = bd->flow->n_blocks;
	int any = 0;
	for (const galley_node *c = galley_node_first_child(article); c; c = galley_node_next(c)) {
		if (galley_node_get_type(c) != GALLEY_NODE_FOOTNOTE)
			continue;
		if (!any) {
			struct ts_block *rule = S_rule(bd, bd->flow->layout->rule_width, 0);
			rule->role = GALLEY_ROLE_NOTES;
			rule->note = -1;
		}
		any = 1;
		S_footnote(bd, c);
	}
}

/* A pull quote between two rules; the three are never split, nor left
 * at the foot of a column. */
static void S_pullquote(struct builder *bd, const galley_node *node, const char *text)
{
	const galley_layout *l = bd->flow->layout;
	const struct galley_font_role *r = &l->role[GALLEY_ROLE_PULLQUOTE];
	int group = ++bd->group;
	size_t first = bd->flow->n_blocks;
	S_rule(bd, l->rule_width * 2, r->space_before)->space_after = r->size * 0.5;
	struct ts_block *b = node ? S_text_block(bd, node, GALLEY_ROLE_PULLQUOTE, 0)
	                          : S_plain_block(bd, text, GALLEY_ROLE_PULLQUOTE);
	b->node = node;
	b->space_before = 0;
	b->space_after = r->size * 0.3;
	struct ts_block *under = S_rule(bd, l->rule_width * 2, 0);
	under->space_after = r->space_after;
	/* never at a column's foot: a quote there reads as a heading left
	 * without its text, and it is meant to sit inside the text */
	under->keep_with_next = 1;
	for (size_t i = first; i < bd->flow->n_blocks; i++)
		bd->flow->blocks[i].group = group;
	bd->after_heading = 1;
}

static void S_block(struct builder *bd, const galley_node *n)
{
	switch (galley_node_get_type(n)) {
	case GALLEY_NODE_HEADING:    S_heading(bd, n); break;
	case GALLEY_NODE_PARAGRAPH:  S_paragraph(bd, n, GALLEY_ROLE_BODY); break;
	case GALLEY_NODE_BLOCKQUOTE: S_blockquote(bd, n); break;
	case GALLEY_NODE_PULLQUOTE:  S_pullquote(bd, n, NULL); break;
	case GALLEY_NODE_LIST:       S_list(bd, n, 0); break;
	case GALLEY_NODE_CODE_BLOCK: S_code_block(bd, n); break;
	case GALLEY_NODE_FIGURE:     S_figure(bd, n); break;
	case GALLEY_NODE_AUTHOR_BOX: S_author_box(bd, n); break;
	case GALLEY_NODE_FOOTNOTE:   break;   /* S_notes */
	case GALLEY_NODE_TABLE:
		galley_table_build(bd->flow, n);
		bd->after_heading = 1;
		break;
	case GALLEY_NODE_SEPARATOR: {
		struct ts_block *b = S_rule(bd, bd->flow->layout->rule_width,
		                            bd->flow->layout->role[GALLEY_ROLE_BODY].leading);
		b->space_after = bd->flow->layout->role[GALLEY_ROLE_BODY].leading;
		b->image_w = -1;  /* a short centred rule */
		bd->after_heading = 1;
		break;
	}
	default:
		if (galley_node_is_block(n))
			S_paragraph(bd, n, GALLEY_ROLE_BODY);
		break;
	}
	if (n == bd->pull_after && bd->pull_text)
		S_pullquote(bd, NULL, bd->pull_text);
}

static int S_has_pullquote(const galley_node *article)
{
	for (const galley_node *c = galley_node_first_child(article); c; c = galley_node_next(c))
		if (galley_node_get_type(c) == GALLEY_NODE_PULLQUOTE)
			return 1;
	return 0;
}

/* Set the blocks of article A (listed in the flow) after those already there. */
static void S_article(struct builder *bd, size_t index)
{
	struct ts_flow *flow = bd->flow;
	struct ts_article *a = &flow->articles[index];
	const galley_node *article = a->node;
	flow->current = index;
	a->first = flow->n_blocks;
	const char *lang = galley_article_get(article, GALLEY_META_LANG);
	galley_font_context_lang(flow->pango, flow->layout, lang);
	int hyphenate = flow->layout->hyphenate && !(bd->opts && (bd->opts->flags & GALLEY_OPT_NO_HYPHENATE));
	bd->hyph = hyphenate ? galley_hyphenator_get(lang ? lang : flow->layout->lang) : NULL;
	/* en-GB with the en-US dictionary, but never Japanese with English
	 * patterns: a language without a dictionary is not hyphenated */
	if (hyphenate && !bd->hyph && lang && galley_lang_same_primary(lang, flow->layout->lang))
		bd->hyph = galley_hyphenator_get(flow->layout->lang);
	bd->pull_after = NULL;
	bd->pull_text = flow->layout->pull_quotes && !S_has_pullquote(article)
	              ? galley_pullquote_pick(article, &bd->pull_after) : NULL;
	S_title_block(bd, article, index > 0);
	for (const galley_node *c = galley_node_first_child(article); c; c = galley_node_next(c))
		S_block(bd, c);
	S_notes(bd, article);
	S_lists_of_lines(flow, a->first);
	free(bd->pull_text);
	bd->pull_text = NULL;
	a->count = flow->n_blocks - a->first;
	galley_font_context_lang(flow->pango, flow->layout, NULL);
}

struct ts_flow *galley_flow_new(galley_node *doc, const galley_layout *layout,
                                const galley_options *opts, galley_diag *diag)
{
	if (!galley_fonts_check(layout, diag))
		return NULL;
	galley_font_map_for(doc, layout, opts ? opts->title : NULL);
	struct ts_flow *flow = galley_xcalloc(1, sizeof *flow);
	flow->layout = layout;
	flow->pango = galley_font_context(galley_font_map(diag), layout->lang);
	double w = layout->page_width - layout->margin_inner - layout->margin_outer;
	flow->column_width = (w - (layout->columns - 1) * layout->gutter) / layout->columns;
	/* an image shown in many articles is decoded once, and the PDF holds it once */
	flow->images = galley_image_cache_new();
	size_t cap = 0;
	for (const galley_node *a = galley_node_first_child(doc); a; a = galley_node_next(a)) {
		if (galley_node_get_type(a) != GALLEY_NODE_ARTICLE)
			continue;
		if (flow->n_articles == cap) {
			cap = cap ? cap * 2 : 4;
			flow->articles = galley_xrealloc(flow->articles, cap * sizeof *flow->articles);
		}
		struct ts_article *art = &flow->articles[flow->n_articles++];
		memset(art, 0, sizeof *art);
		art->node = a;
	}
	if (flow->n_articles == 0) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "the document holds no article");
		galley_flow_free(flow);
		return NULL;
	}
	return flow;
}

/* Set articles [FIRST, LAST) after the blocks FLOW holds. */
static void S_build(struct ts_flow *flow, size_t first, size_t last,
                    const galley_options *opts, galley_diag *diag)
{
	struct builder bd = {flow, opts, diag, NULL, 0, flow->last_group, NULL, NULL, NULL, 0, -1,
	                     0, flow->images};
	for (size_t a = first; a < last; a++)
		S_article(&bd, a);
	flow->last_group = bd.group;
}

void galley_flow_set_article(struct ts_flow *flow, size_t a, const galley_options *opts,
                             galley_diag *diag)
{
	galley_flow_clear(flow);
	S_build(flow, a, a + 1, opts, diag);
}

struct ts_flow *galley_flow_build(galley_node *doc, const galley_layout *layout,
                                  const galley_options *opts, galley_diag *diag)
{
	struct ts_flow *flow = galley_flow_new(doc, layout, opts, diag);
	if (flow)
		S_build(flow, 0, flow->n_articles, opts, diag);
	return flow;
}
