/* typeset_table.c — sets a data table as rows of cells: column widths from
 * each column's narrowest and widest content (the automatic table layout
 * of CSS 2.1, 17.5.2.2), figures set flush right, header rows marked for
 * the page breaker to repeat.  Each row is one TS_ROW block, never split. */
#include <stdlib.h>
#include <string.h>

#include "typeset.h"

#define MAX_COLS 64        /* cells past this column are left out */
#define MAX_ROWS 20000     /* and rows past this one */
#define TALL_ROW 0.6       /* a row taller than this share of the page is set as text */

struct cell {
	const galley_node *node;
	int row, col, span;
	int header;
	double min, max;       /* narrowest (longest word) and widest (one line), pt */
	char *text;
	PangoAttrList *attrs;
	struct ts_link *links;
	size_t n_links;
};

struct table {
	struct ts_flow *flow;
	struct cell *cells;
	size_t n, cap;
	int n_rows, n_cols, n_head;
	const galley_node **rows;
	double gap;            /* between columns, pt */
	double width;          /* the measure it is set in: a column, or the page's
	                        * text width when it spans the columns */
	double w[MAX_COLS];    /* column widths */
	int numeric[MAX_COLS];
};

/* A cell is a figure when it holds a digit and nothing but digits, signs,
 * separators and units: "58", "-10.9%", "$1,200", "1 024", "+22.2 %". */
static int S_is_number(const char *s)
{
	int digits = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" +-.,%$()\xc2\xa0", *p) && *p < 0x80)
			return 0;
		else if (*p >= 0x80 && !strchr("\xc2\xa0\xe2\x80\x89\x88\x92\xe2\x82\xac\xa3", *p))
			return 0;  /* no-break and thin spaces, minus, euro, pound */
	}
	return digits > 0;
}

/* Width of TEXT set by pango in the table role: on one line (*MAX) and
 * broken at every opportunity (*MIN, the longest word). */
static void S_measure(struct table *t, struct cell *c)
{
	const struct galley_font_role *r = &t->flow->layout->role[GALLEY_ROLE_TABLE];
	PangoFontDescription *d = galley_font_desc(r);
	PangoLayout *l = pango_layout_new(t->flow->pango);
	pango_layout_set_font_description(l, d);
	pango_layout_set_text(l, c->text, -1);
	pango_layout_set_attributes(l, c->attrs);
	PangoRectangle ext;
	pango_layout_get_extents(l, NULL, &ext);
	c->max = ext.width / (double)PANGO_SCALE;
	/* the longest piece between two break opportunities (pango breaks
	 * inside a word when set narrower, so it cannot simply be asked) */
	int n_attrs = 0;
	const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(l, &n_attrs);
	const char *p = c->text;
	double from = 0;
	c->min = 0;
	for (int i = 0; i < n_attrs; i++) {
		if (i > 0 && (la[i].is_line_break || !*p)) {
			PangoRectangle pos;
			pango_layout_index_to_pos(l, (int)(p - c->text), &pos);
			double x = pos.x / (double)PANGO_SCALE;
			if (x - from > c->min)
				c->min = x - from;
			from = la[i].is_mandatory_break ? 0 : x;
		}
		if (!*p)
			break;
		p = g_utf8_next_char(p);
	}
	g_object_unref(l);
	pango_font_description_free(d);
	/* a point of slack: the line breaker must not find a cell a hair too
	 * narrow for the width it was measured at */
	c->min += 1;
	c->max += 1;
}

static void S_add_cell(struct table *t, const galley_node *node, int row, int col)
{
	if (t->n == t->cap)
		t->cells = galley_xrealloc(t->cells, (t->cap = t->cap ? 2 * t->cap : 64) * sizeof *t->cells);
	struct cell *c = &t->cells[t->n++];
	memset(c, 0, sizeof *c);
	c->node = node;
	c->row = row;
	c->col = col;
	int span = galley_node_get_colspan(node);
	c->span = col + span > MAX_COLS ? MAX_COLS - col : span;
	c->header = galley_node_get_cell_header(node);
	galley_buf text = GALLEY_BUF_INIT;
	c->attrs = pango_attr_list_new();
	galley_inline_text(node, t->flow, NULL, 0, &text, c->attrs, &c->links, &c->n_links);
	c->text = galley_buf_detach(&text);
	if (!c->text)
		c->text = galley_xstrdup("");
	if (c->header) {
		PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
		pango_attr_list_insert_before(c->attrs, a);
	}
	S_measure(t, c);
}

/* Lay the cells on a grid: a cell takes the first column its row has free,
 * cells with rowspan above holding theirs (HTML's table model, 4.9.12). */
static void S_grid(struct table *t)
{
	int *busy = galley_xcalloc(MAX_COLS, sizeof *busy);  /* rows each column is held for */
	for (int r = 0; r < t->n_rows; r++) {
		int col = 0;
		for (const galley_node *c = galley_node_first_child(t->rows[r]); c; c = galley_node_next(c)) {
			if (galley_node_get_type(c) != GALLEY_NODE_CELL)
				continue;
			while (col < MAX_COLS && busy[col] > 0)
				col++;
			if (col >= MAX_COLS)
				break;
			S_add_cell(t, c, r, col);
			const struct cell *cell = &t->cells[t->n - 1];
			for (int k = col; k < col + cell->span; k++)
				busy[k] = galley_node_get_rowspan(c);
			col += cell->span;
			if (col > t->n_cols)
				t->n_cols = col;
		}
		for (int k = 0; k < MAX_COLS; k++)
			if (busy[k] > 0)
				busy[k]--;
	}
	free(busy);
}

/* The rows of TABLE in order; *HEAD gets how many lead as its header
 * (a THEAD's, else leading rows of header cells alone). */
static void S_rows(struct table *t, const galley_node *table)
{
	size_t cap = 0;
	int head = 0, in_head = 1;
	for (const galley_node *c = galley_node_first_child(table); c; c = galley_node_next(c)) {
		galley_node_type ty = galley_node_get_type(c);
		const galley_node *first = ty == GALLEY_NODE_ROW ? c : galley_node_first_child(c);
		for (const galley_node *r = first; r && t->n_rows < MAX_ROWS;
		     r = ty == GALLEY_NODE_ROW ? NULL : galley_node_next(r)) {
			if (galley_node_get_type(r) != GALLEY_NODE_ROW)
				continue;
			if ((size_t)t->n_rows == cap)
				t->rows = galley_xrealloc(t->rows, (cap = cap ? 2 * cap : 32) * sizeof *t->rows);
			t->rows[t->n_rows++] = r;
			int all_th = galley_node_first_child(r) != NULL;
			for (const galley_node *k = galley_node_first_child(r); k; k = galley_node_next(k))
				all_th &= galley_node_get_cell_header(k);
			if (in_head && (ty == GALLEY_NODE_THEAD || all_th))
				head++;
			else
				in_head = 0;
		}
	}
	/* a table of header rows alone has no header to repeat */
	t->n_head = head < t->n_rows ? head : 0;
}

/* Columns whose body cells are all figures are set flush right. */
static void S_numeric(struct table *t)
{
	int seen[MAX_COLS] = {0};
	for (int k = 0; k < MAX_COLS; k++)
		t->numeric[k] = 1;
	for (size_t i = 0; i < t->n; i++) {
		const struct cell *c = &t->cells[i];
		if (c->row < t->n_head || c->header || c->span > 1 || !*c->text)
			continue;
		seen[c->col] = 1;
		t->numeric[c->col] &= S_is_number(c->text);
	}
	for (int k = 0; k < MAX_COLS; k++)
		t->numeric[k] &= seen[k];
}

/* The cap C at which the N widths MIN, none wider than C, add up to
 * CONTENT: only the columns with the longest words give up room. */
static double S_cap(const double *min, int n, double content)
{
	double lo = 0, hi = content;
	for (int iter = 0; iter < 40; iter++) {
		double c = (lo + hi) / 2, sum = 0;
		for (int k = 0; k < n; k++)
			sum += min[k] < c ? min[k] : c;
		if (sum > content)
			hi = c;
		else
			lo = c;
	}
	return lo;
}

/* Each column's narrowest and widest content, in MIN and MAX. */
static void S_minmax(const struct table *t, double *min, double *max)
{
	for (int pass = 0; pass < 2; pass++)   /* single cells first, then spans */
		for (size_t i = 0; i < t->n; i++) {
			const struct cell *c = &t->cells[i];
			if ((c->span > 1) != pass)
				continue;
			double hmin = 0, hmax = 0, pad = t->gap * (c->span - 1);
			for (int k = c->col; k < c->col + c->span; k++)
				hmin += min[k], hmax += max[k];
			for (int k = c->col; k < c->col + c->span; k++) {
				if (c->min > hmin + pad)
					min[k] += (c->min - hmin - pad) / c->span;
				if (c->max > hmax + pad)
					max[k] += (c->max - hmax - pad) / c->span;
				if (max[k] < min[k])
					max[k] = min[k];
			}
		}
}

/* The narrowest the table can be set without breaking inside a word, pt. */
static double S_min_width(const struct table *t)
{
	double min[MAX_COLS] = {0}, max[MAX_COLS] = {0}, w = t->gap * (t->n_cols - 1);
	S_minmax(t, min, max);
	for (int k = 0; k < t->n_cols; k++)
		w += min[k];
	return w;
}

/* Column widths within AVAIL: each column's widest content when all fit,
 * else the narrowest plus a share of the rest in proportion to what each
 * lacks, else the narrowest with the widest cut down to a common cap
 * (their cells then break inside their longest words). */
static void S_widths(struct table *t, double avail)
{
	double min[MAX_COLS] = {0}, max[MAX_COLS] = {0}, smin = 0, smax = 0;
	S_minmax(t, min, max);
	double content = avail - t->gap * (t->n_cols - 1);
	for (int k = 0; k < t->n_cols; k++)
		smin += min[k], smax += max[k];
	double cap = smin > content ? S_cap(min, t->n_cols, content) : 0;
	for (int k = 0; k < t->n_cols; k++) {
		if (smax <= content)
			t->w[k] = max[k];
		else if (smin <= content && smax > smin)
			t->w[k] = min[k] + (max[k] - min[k]) * (content - smin) / (smax - smin);
		else
			t->w[k] = min[k] < cap ? min[k] : cap;
		if (t->w[k] < 1)
			t->w[k] = 1;
	}
}

static double S_x(const struct table *t, int col)
{
	double x = 0;
	for (int k = 0; k < col; k++)
		x += t->w[k] + t->gap;
	return x;
}

/* Set cell C as a text block at its columns' width. */
static void S_set_cell(struct table *t, struct cell *c, struct ts_block *b)
{
	memset(b, 0, sizeof *b);
	const struct galley_font_role *r = &t->flow->layout->role[GALLEY_ROLE_TABLE];
	b->kind = TS_TEXT;
	b->role = GALLEY_ROLE_TABLE;
	b->node = c->node;
	b->article = (int)t->flow->current;   /* its notes' destinations */
	b->leading = r->leading;
	b->colour = r->colour;
	galley_cell_align a = galley_node_get_cell_align(c->node);
	b->align_set = 1;
	b->align = a == GALLEY_CELL_ALIGN_RIGHT ? GALLEY_ALIGN_RIGHT
	         : a == GALLEY_CELL_ALIGN_CENTER ? GALLEY_ALIGN_CENTER
	         : a == GALLEY_CELL_ALIGN_LEFT ? GALLEY_ALIGN_LEFT
	         : c->span == 1 && t->numeric[c->col] ? GALLEY_ALIGN_RIGHT : GALLEY_ALIGN_LEFT;
	b->inset_left = S_x(t, c->col);
	double w = S_x(t, c->col + c->span) - t->gap - b->inset_left;
	b->links = c->links;
	b->n_links = c->n_links;
	c->links = NULL;   /* the block owns them now */
	c->n_links = 0;
	galley_block_set_text(t->flow, b, c->text, c->attrs, w, 0);
	c->attrs = NULL;
}

/* A row too tall for a page: its cells one under the other, as text.
 * The cells are freed. */
static void S_row_as_text(struct table *t, struct ts_block *cells, int n)
{
	for (int i = 0; i < n; i++) {
		struct ts_block *b = galley_flow_add(t->flow, TS_TEXT, GALLEY_ROLE_TABLE);
		b->node = cells[i].node;
		b->space_before = b->space_after = 0;
		galley_block_set_text(t->flow, b, cells[i].line_text ? cells[i].line_text : "",
		                      pango_attr_list_new(), t->width, 0);
		galley_lines_free(&cells[i]);
		for (size_t j = 0; j < cells[i].n_links; j++)
			free(cells[i].links[j].url);
		free(cells[i].links);
	}
	free(cells);
}

/* The TS_ROW blocks, from cell index *I on. */
static void S_row(struct table *t, int r, size_t *i, size_t head_first)
{
	const galley_layout *l = t->flow->layout;
	size_t from = *i;
	while (*i < t->n && t->cells[*i].row == r)
		(*i)++;
	int n = (int)(*i - from);
	struct ts_block *cells = galley_xcalloc(n ? (size_t)n : 1, sizeof *cells);
	double pad = l->role[GALLEY_ROLE_TABLE].size * 0.25, h = 0;
	for (int k = 0; k < n; k++) {
		S_set_cell(t, &t->cells[from + k], &cells[k]);
		if (cells[k].n_lines * cells[k].leading > h)
			h = cells[k].n_lines * cells[k].leading;
	}
	double page = l->page_height - l->margin_top - l->margin_bottom;
	if (h + 2 * pad > page * TALL_ROW) {
		S_row_as_text(t, cells, n);
		return;
	}
	struct ts_block *b = galley_flow_add(t->flow, TS_ROW, GALLEY_ROLE_TABLE);
	b->node = t->rows[r];
	b->cells = cells;
	b->n_cells = n;
	b->pad = pad;
	b->image_w = S_x(t, t->n_cols) - t->gap;
	b->height = h + 2 * pad;
	b->space_before = b->space_after = 0;
	b->keep_with_next = r < t->n_head;
	if (r == t->n_head - 1)
		b->rules |= TS_RULE_BELOW;
	if (r >= t->n_head && t->n_head > 0) {
		b->head_first = head_first;
		b->n_head = t->n_head;
	}
}

static void S_free(struct table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->cells[i].text);
		if (t->cells[i].attrs)
			pango_attr_list_unref(t->cells[i].attrs);
		for (size_t j = 0; j < t->cells[i].n_links; j++)
			free(t->cells[i].links[j].url);
		free(t->cells[i].links);
	}
	free(t->cells);
	free(t->rows);
}

static void S_caption(struct ts_flow *flow, const galley_node *table, double width)
{
	const galley_node *cap = galley_node_first_child(table);
	if (galley_node_get_type(cap) != GALLEY_NODE_TABLE_CAPTION)
		return;
	struct ts_block *b = galley_flow_add(flow, TS_TEXT, GALLEY_ROLE_CAPTION);
	b->node = cap;
	b->keep_with_next = 1;
	galley_buf text = GALLEY_BUF_INIT;
	PangoAttrList *attrs = pango_attr_list_new();
	galley_inline_text(cap, flow, NULL, 0, &text, attrs, &b->links, &b->n_links);
	galley_block_set_text(flow, b, text.data ? text.data : "", attrs,
	                      width - b->inset_left - b->inset_right, 0);
	galley_buf_free(&text);
	b->space_before = flow->layout->role[GALLEY_ROLE_TABLE].space_before;
	b->space_after = flow->layout->role[GALLEY_ROLE_TABLE].size * 0.3;
}

void galley_table_build(struct ts_flow *flow, const galley_node *table)
{
	const struct galley_font_role *r = &flow->layout->role[GALLEY_ROLE_TABLE];
	struct table t = {.flow = flow, .gap = r->size * 0.9};
	S_rows(&t, table);
	S_grid(&t);
	if (!t.n) {
		S_free(&t);
		return;
	}
	S_numeric(&t);
	/* a table too wide for a column of a layout of several, one whose
	 * words would break, spans the columns (typeset_page.c) */
	const galley_layout *l = flow->layout;
	int span = l->columns > 1 && S_min_width(&t) > flow->column_width;
	t.width = span ? l->page_width - l->margin_inner - l->margin_outer : flow->column_width;
	S_widths(&t, t.width);
	size_t first = flow->n_blocks;
	S_caption(flow, table, t.width);
	size_t rows = flow->n_blocks, i = 0;
	for (int row = 0; row < t.n_rows; row++)
		S_row(&t, row, &i, rows);
	if (flow->n_blocks > rows) {
		struct ts_block *top = &flow->blocks[rows], *last = &flow->blocks[flow->n_blocks - 1];
		if (top->kind == TS_ROW)
			top->rules |= TS_RULE_ABOVE;
		if (last->kind == TS_ROW)
			last->rules |= TS_RULE_BELOW;
		if (rows == first)
			top->space_before = r->space_before;
		last->space_after = r->space_after;
	}
	for (size_t k = first; k < flow->n_blocks; k++) {
		flow->blocks[k].span = span;
		/* the caption too is set whole across the columns */
		flow->blocks[k].unbreakable |= span;
	}
	S_free(&t);
}
