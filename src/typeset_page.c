/* typeset_page.c — breaks the flow into columns and pages at line
 * boundaries, keeping the rules of issue 3: no widow or orphan, no heading
 * at a column end, title block, author box and pull quotes whole, figures
 * with their captions, balanced columns on an article's last page and
 * above a table that spans the columns; footnotes at the foot of the
 * column that references them (typeset_notes.c). */
#include <stdlib.h>
#include <string.h>

#include "typeset.h"

#define EPS 0.01
#define MIN_SPLIT 2        /* lines of a paragraph on each side of a break */
#define MAX_CHAIN 16       /* keep-with-next chains longer than this are cut */

struct pager {
	struct ts_flow *flow;
	struct ts_pages *out;
	const galley_layout *l;
	int columns;
	int col;
	double top, y, bottom;  /* column area on this page; current position */
	double x0, w0;          /* text area x and width */
	int col_empty;          /* nothing placed in this column yet */
	size_t block;           /* next block to place */
	int line;               /* lines of it already placed */
	double height;          /* column height limit (balancing), 0 = full */
	int page_limit;         /* > 0: fail rather than open page number > limit */
	int article;
	struct ts_notes notes;  /* the footnotes of this column (typeset_notes.c) */
	struct {                /* where the current page started, to balance it */
		size_t block, n_places;
		int line;
		struct ts_notes notes;
		double top;     /* below what spans the columns above it */
	} snap;
};

void galley_text_area(const galley_layout *l, int index, double *x, double *y,
                      double *w, double *h)
{
	int verso = l->facing && index % 2 == 1;
	*x = verso ? l->margin_outer : l->margin_inner;
	*y = l->margin_top;
	*w = l->page_width - l->margin_inner - l->margin_outer;
	*h = l->page_height - l->margin_top - l->margin_bottom;
}

void galley_pages_free(struct ts_pages *p)
{
	free(p->places);
	free(p->pages);
	memset(p, 0, sizeof *p);
}

static struct ts_page *S_add_page(struct ts_pages *out, const galley_layout *l, int article)
{
	if (out->n_pages == out->page_cap) {
		out->page_cap = out->page_cap ? out->page_cap * 2 : 16;
		out->pages = galley_xrealloc(out->pages, out->page_cap * sizeof *out->pages);
	}
	struct ts_page *pg = &out->pages[out->n_pages];
	memset(pg, 0, sizeof *pg);
	pg->article = article;
	galley_text_area(l, (int)out->n_pages, &pg->x, &pg->y, &pg->w, &pg->h);
	out->n_pages++;
	return pg;
}

/* Open a new page; returns 0, or -1 when over the page limit (balancing). */
static int S_new_page(struct pager *p)
{
	if (p->page_limit && (int)p->out->n_pages >= p->page_limit)
		return -1;
	struct ts_page *pg = S_add_page(p->out, p->l, p->article);
	p->col = 0;
	p->top = p->y = pg->y;
	p->bottom = pg->y + pg->h;
	p->x0 = pg->x;
	p->w0 = pg->w;
	p->col_empty = 1;
	p->snap.block = p->block;
	p->snap.line = p->line;
	p->snap.n_places = p->out->n_places;
	p->snap.notes = p->notes;
	p->snap.top = p->top;
	return 0;
}

static double S_limit(const struct pager *p)
{
	return p->height > 0 && p->top + p->height < p->bottom ? p->top + p->height : p->bottom;
}

/* Where the column's text must end: above its footnotes. */
static double S_bottom(const struct pager *p)
{
	return S_limit(p) - p->notes.foot;
}

static void S_place(struct pager *p, size_t i, int first, int last, double h);

/* Place the footnotes given to this column at its foot, under their rule. */
static void S_notes_flush(struct pager *p)
{
	struct ts_notes *n = &p->notes;
	const struct ts_flow *f = p->flow;
	if (n->foot > 0) {
		double gap, skip = galley_notes_skip(p->l, &gap);
		double save = p->y, top = S_limit(p) - n->foot;
		int empty = p->col_empty;
		p->y = top + gap;
		S_place(p, n->rule, 0, 0, p->l->rule_width);
		p->y = top + skip;
		for (size_t b = n->sb; b <= n->eb && b < n->end; b++) {
			int from = b == n->sb ? n->sl : 0;
			int to = b == n->eb ? n->el : f->blocks[b].n_lines;
			if (to > from)
				S_place(p, b, from, to, (to - from) * f->blocks[b].leading);
		}
		p->y = save;
		p->col_empty = empty;
	}
	n->sb = n->eb;
	n->sl = n->el;
	n->foot = 0;
}

/* The next column, its foot given up to SHARE of its height for the
 * notes a column before could not hold. */
static int S_advance(struct pager *p, double share)
{
	S_notes_flush(p);
	if (p->col + 1 < p->columns) {
		p->col++;
		p->y = p->top;
		p->col_empty = 1;
	} else if (S_new_page(p) < 0) {
		return -1;
	}
	galley_notes_open(p->flow, &p->notes, S_limit(p) - p->top, share);
	return 0;
}

/* Half a column at most for notes carried over, while text is to come. */
static int S_next_column(struct pager *p)
{
	return S_advance(p, 0.5);
}

static double S_block_height(const struct ts_block *b, int lines)
{
	return b->kind == TS_TEXT ? lines * b->leading : b->height;
}

/* The end of the unit starting at block I: a group runs over blocks with
 * the same group id. */
static size_t S_unit_end(const struct ts_flow *f, size_t i, size_t end)
{
	size_t j = i + 1;
	if (f->blocks[i].group > 0)
		while (j < end && f->blocks[j].group == f->blocks[i].group)
			j++;
	return j;
}

static int S_whole(const struct ts_flow *f, size_t i, size_t j)
{
	return j - i > 1 || f->blocks[i].unbreakable || f->blocks[i].kind != TS_TEXT;
}

/* The height the unit [I, J) needs at least in this column, LINE lines of
 * block I being placed already. */
static double S_unit_head(const struct ts_flow *f, size_t i, size_t j, int line)
{
	double h = 0;
	if (S_whole(f, i, j)) {
		for (size_t k = i; k < j; k++)
			h += (k > i ? f->blocks[k].space_before : 0) + S_block_height(&f->blocks[k],
			     f->blocks[k].n_lines) + (k + 1 < j ? f->blocks[k].space_after : 0);
		return h;
	}
	int left = f->blocks[i].n_lines - line;
	/* a paragraph of 3 lines cannot be split without a widow or orphan */
	int need = left <= 2 * MIN_SPLIT - 1 ? left : MIN_SPLIT;
	return need * f->blocks[i].leading;
}

/* The height needed to place the unit at I and everything it is kept
 * with; *SPACE gets the space above it. */
static double S_need(const struct pager *p, size_t i, size_t end)
{
	const struct ts_flow *f = p->flow;
	double need = 0;
	int line = p->line;
	for (int chain = 0; i < end && chain < MAX_CHAIN; chain++) {
		size_t j = S_unit_end(f, i, end);
		if (chain > 0)
			need += f->blocks[i].space_before;
		need += S_unit_head(f, i, j, line);
		if (!f->blocks[j - 1].keep_with_next || j >= end)
			break;
		/* the kept unit is placed whole: its height, not its head */
		if (!S_whole(f, i, j))
			need += (f->blocks[i].n_lines - line) * f->blocks[i].leading - S_unit_head(f, i, j, line);
		need += f->blocks[j - 1].space_after;
		i = j;
		line = 0;
	}
	return need;
}

static void S_place(struct pager *p, size_t i, int first, int last, double h)
{
	struct ts_pages *out = p->out;
	const struct ts_block *b = &p->flow->blocks[i];
	if (out->n_places == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 128;
		out->places = galley_xrealloc(out->places, out->cap * sizeof *out->places);
	}
	struct ts_place *pl = &out->places[out->n_places++];
	double colw = p->flow->column_width;
	pl->block = i;
	pl->first = first;
	pl->last = last;
	pl->page = (int)out->n_pages - 1;
	pl->column = b->span ? 0 : p->col;
	pl->x = b->span ? p->x0 : p->x0 + p->col * (colw + p->l->gutter);
	pl->w = b->span ? p->w0 : colw;
	pl->y = p->y;
	pl->h = h;
	pl->repeat = 0;
	/* the notes this block's lines reference go to this column's foot */
	if (i < p->notes.rule)
		galley_notes_fit(p->flow, &p->notes, i, first, b->kind == TS_TEXT ? last - first : 1,
		                 p->y, b->kind == TS_TEXT ? b->leading : h, S_limit(p), 1);
	p->y += h;
	p->col_empty = 0;
}

/* Paragraph I, AVAIL lines of which fit here, would leave its last line
 * alone at the top of the next column: set it a line shorter, so that it
 * fits, or a line longer, so that two lines go over (TeX's looseness),
 * rather than move a line and leave this column short.  1 when done. */
static int S_loosen(struct pager *p, size_t i, int avail)
{
	struct ts_block *b = &p->flow->blocks[i];
	/* not while balancing a last page: its trials would set paragraphs
	 * again for heights the page does not keep */
	if (b->kind != TS_TEXT || avail < MIN_SPLIT || p->height > 0)
		return 0;
	return galley_block_reflow(p->flow, b, -1) || galley_block_reflow(p->flow, b, 1);
}

/* Paragraph I would start with its first line alone at the foot of this
 * column (ROOM is the height left for it), so it moves on and leaves the
 * line empty.  Rather, the paragraph just before it, if it is set whole in
 * this column, is set a line shorter, so that two lines of I fit, or a
 * line longer, so that it fills the column (TeX's looseness, as S_loosen
 * does for a widow).  1 when done. */
static int S_loosen_before(struct pager *p, size_t i, double room)
{
	struct ts_pages *out = p->out;
	const struct ts_block *b = &p->flow->blocks[i];
	if (p->height > 0 || p->col_empty || p->line != 0 || out->n_places == 0 ||
	    b->kind != TS_TEXT || b->span || b->unbreakable || b->group > 0 || b->n_lines < MIN_SPLIT ||
	    room < b->leading - EPS || room >= MIN_SPLIT * b->leading - EPS)
		return 0;
	struct ts_place *pl = &out->places[out->n_places - 1];
	struct ts_block *prev = &p->flow->blocks[pl->block];
	if (prev->kind != TS_TEXT || prev->span || pl->first != 0 || pl->last != prev->n_lines ||
	    pl->page != (int)out->n_pages - 1 || pl->column != p->col || prev->group > 0)
		return 0;
	/* shorter when a line less of it makes room for two of I; longer when
	 * one more of its lines fits where I's first would have gone */
	int done = b->n_lines != 3 && room + prev->leading >= MIN_SPLIT * b->leading - EPS &&
	           galley_block_reflow(p->flow, prev, -1);
	if (!done && !(room >= prev->leading - EPS && galley_block_reflow(p->flow, prev, 1)))
		return 0;
	double before = pl->h;
	pl->last = prev->n_lines;
	pl->h = S_block_height(prev, prev->n_lines);
	p->y += pl->h - before;
	return 1;
}

/* Place block I from line P->line on, splitting between columns. */
static int S_place_block(struct pager *p, size_t i)
{
	const struct ts_block *b = &p->flow->blocks[i];
	if (!p->col_empty)
		p->y += b->space_before;
	if (b->kind != TS_TEXT || b->unbreakable || b->group > 0) {
		int lines = b->kind == TS_TEXT ? b->n_lines : 0;
		if (p->y + S_block_height(b, lines) > S_bottom(p) + EPS && !p->col_empty && b->kind == TS_TEXT) {
			/* a group taller than a column: split as ordinary text */
			goto split;
		}
		S_place(p, i, 0, lines, S_block_height(b, lines));
		if (b->span)
			p->top = p->y + b->space_after;
		p->y += b->space_after;
		return 0;
	}
split:
	while (p->line < b->n_lines) {
		int left = b->n_lines - p->line;
		int avail = (int)((S_bottom(p) - p->y + EPS) / b->leading);
		if (avail > 0 && b->n_links) {
			/* lines that reference notes bring them along */
			struct ts_notes t = p->notes;
			avail = galley_notes_fit(p->flow, &t, i, p->line, avail < left ? avail : left,
			                         p->y, b->leading, S_limit(p), 0);
		}
		if (avail == left - 1 && p->line == 0 && !p->col_empty && S_loosen(p, i, avail)) {
			b = &p->flow->blocks[i];
			continue;
		}
		int take = avail >= left ? left : avail < left - MIN_SPLIT ? avail : left - MIN_SPLIT;
		if (take < MIN_SPLIT && take < left) {
			if (p->col_empty && avail <= 0 && p->notes.foot > 0 && galley_notes_owed(&p->notes)) {
				/* notes carried over leave no room for this line's
				 * own: this column is theirs, and the next takes
				 * what is left of them */
				galley_notes_fill(p->flow, &p->notes, S_limit(p) - p->y);
				if (S_next_column(p) < 0)
					return -1;
				continue;
			} else if (p->col_empty)
				take = avail > 0 ? avail : 1;  /* a column too short for the rules */
			else {
				if (S_next_column(p) < 0)
					return -1;
				continue;
			}
		}
		S_place(p, i, p->line, p->line + take, take * b->leading);
		p->line += take;
		if (p->line < b->n_lines && S_next_column(p) < 0)
			return -1;
	}
	p->y += b->space_after;
	return 0;
}

/* A table row placed at the top of a column its table started before:
 * the table's header rows are set again above it.  Only rows: a header
 * row set as text (too tall) is not repeated. */
static void S_repeat_head(struct pager *p, size_t i)
{
	const struct ts_flow *f = p->flow;
	const struct ts_block *b = &f->blocks[i];
	if (b->kind != TS_ROW || !b->n_head || !p->col_empty || i <= b->head_first + (size_t)b->n_head)
		return;
	for (size_t k = b->head_first; k < b->head_first + (size_t)b->n_head; k++)
		if (f->blocks[k].kind != TS_ROW)
			return;
	for (size_t k = b->head_first; k < b->head_first + (size_t)b->n_head; k++) {
		S_place(p, k, 0, 0, f->blocks[k].height);
		p->out->places[p->out->n_places - 1].repeat = 1;
	}
}

static int S_run(struct pager *p, size_t end);

/* The lowest point of what the page holds from place FROM on. */
static double S_low(const struct pager *p, size_t from, double low)
{
	for (size_t k = from; k < p->out->n_places; k++) {
		const struct ts_place *pl = &p->out->places[k];
		if (pl->y + pl->h > low)
			low = pl->y + pl->h;
	}
	return low;
}

/* The pager back at the start of its page (its snapshot): column 0 at the
 * top of what spans the columns above, full height, no page past this one. */
static struct pager S_rewound(const struct pager *p)
{
	struct pager start = *p;
	start.block = p->snap.block;
	start.line = p->snap.line;
	start.col = 0;
	start.y = start.top = p->snap.top;
	start.col_empty = 1;
	start.notes = p->snap.notes;
	start.page_limit = (int)p->out->n_pages;
	start.height = 0;
	return start;
}

/* Set what SET places from START (up to END) again in columns of equal
 * height, the shortest that hold it on START's page: a bisection of 16
 * steps down to half a point.  *T is the pager after it.  If no height
 * holds it (cannot happen: the full height did), it is set as before,
 * without the page limit.  Returns what the last SET returned. */
static int S_shortest_columns(struct pager *p, const struct pager *start,
                              int (*set)(struct pager *, size_t), size_t end, struct pager *t)
{
	double lo = 0, hi = start->bottom - start->top, best = hi;
	for (int iter = 0; iter < 16 && hi - lo > 0.5; iter++) {
		*t = *start;
		t->height = (lo + hi) / 2;
		galley_notes_open(t->flow, &t->notes, S_limit(t) - t->top, 0.5);
		p->out->n_places = p->snap.n_places;
		if (set(t, end) == 0)
			hi = best = t->height;
		else
			lo = t->height;
		p->out->n_pages = (size_t)start->page_limit;
	}
	p->out->n_places = p->snap.n_places;
	*t = *start;
	t->height = best;
	galley_notes_open(t->flow, &t->notes, S_limit(t) - t->top, 0.5);
	if (set(t, end) == 0)
		return 0;
	p->out->n_pages = (size_t)start->page_limit;
	p->out->n_places = p->snap.n_places;
	*t = *start;
	t->page_limit = 0;
	galley_notes_open(t->flow, &t->notes, S_limit(t) - t->top, 0.5);
	return set(t, end);
}

/* A block that spans the columns (a table too wide for one) comes after
 * text set on this page: that text is set again in columns of equal
 * height, the shortest that hold it (as the last page is balanced), and
 * the columns go on below the block.  The notes that text references are
 * set at the foot of its columns, above the block.  Returns 0, or -1 past
 * the page limit. */
static int S_section(struct pager *p, size_t end)
{
	struct pager start = S_rewound(p), t;
	if (S_shortest_columns(p, &start, S_run, end, &t) < 0)
		return -1;
	S_notes_flush(&t);
	double low = S_low(&t, p->snap.n_places, t.top);
	t.height = p->height;   /* a last page being balanced stays so below */
	t.page_limit = p->page_limit;
	t.col = 0;
	t.top = t.y = low;
	t.col_empty = low <= start.top + EPS;   /* the block keeps its space above */
	t.snap.block = end;
	t.snap.line = 0;
	t.snap.n_places = t.out->n_places;
	t.snap.notes = t.notes;
	t.snap.top = low;
	*p = t;
	return 0;
}

/* Place the blocks [P->block, END). Returns 0, or -1 past the page limit. */
static int S_run(struct pager *p, size_t end)
{
	const struct ts_flow *f = p->flow;
	while (p->block < end) {
		size_t i = p->block;
		double space = p->col_empty ? 0 : f->blocks[i].space_before;
		double need = S_need(p, i, end);
		/* text set below the last thing across the columns */
		int below = p->col > 0 || p->y > p->top + EPS;
		if (f->blocks[i].span && below && S_section(p, i) < 0)
			return -1;
		if (!p->col_empty && p->y + space + need > S_bottom(p) + EPS &&
		    S_loosen_before(p, i, S_bottom(p) - p->y - space))
			continue;   /* measured again with the paragraph before set anew */
		if (!p->col_empty && p->y + space + need > S_bottom(p) + EPS) {
			/* what spans the columns goes on on the next page */
			do {
				if (S_next_column(p) < 0)
					return -1;
			} while (f->blocks[i].span && p->col != 0);
		}
		size_t j = S_unit_end(f, i, end);
		S_repeat_head(p, i);
		for (size_t k = i; k < j; k++) {
			p->block = k;
			if (S_place_block(p, k) < 0)
				return -1;
			p->line = 0;
		}
		p->block = j;
	}
	return 0;
}

/* Place the article's text, blocks [P->block, its notes' rule), then the
 * notes not set yet: in the last column if they fit, else in columns and
 * pages of their own.  Returns 0, or -1 past the page limit. */
static int S_body(struct pager *p)
{
	if (S_run(p, p->notes.rule) < 0)
		return -1;
	galley_notes_claim_all(&p->notes);
	galley_notes_fill(p->flow, &p->notes, S_limit(p) - p->y);
	for (int guard = 0; galley_notes_owed(&p->notes) && guard < 10000; guard++) {
		if (S_advance(p, 1) < 0)
			return -1;
		if (p->notes.foot <= 0)
			break;   /* a column too short for a line of notes */
	}
	S_notes_flush(p);
	return 0;
}

/* S_body as a setter for S_shortest_columns: it ends with the article. */
static int S_body_to(struct pager *p, size_t end)
{
	(void)end;
	return S_body(p);
}

/* Set the last page of an article again with columns of equal length:
 * the shortest column height that still holds it all. */
static void S_balance(struct pager *p)
{
	struct pager start = S_rewound(p), t;
	S_shortest_columns(p, &start, S_body_to, 0, &t);
	t.height = 0;
	t.page_limit = 0;
	*p = t;
}

static int S_article(struct pager *p, size_t a)
{
	const struct ts_article *art = &p->flow->articles[a];
	p->article = (int)a;
	p->block = art->first;
	p->line = 0;
	galley_notes_init(&p->notes, p->flow, a);
	if (p->l->recto_start && p->out->n_pages % 2 == 1)
		S_add_page(p->out, p->l, (int)a)->blank = 1;
	S_new_page(p);
	p->out->pages[p->out->n_pages - 1].first_of_article = 1;
	p->flow->articles[a].first_page = (int)p->out->n_pages - 1;
	galley_notes_open(p->flow, &p->notes, S_limit(p) - p->top, 0.5);
	if (S_body(p) < 0)
		return -1;
	if (p->columns > 1 && p->l->balance)
		S_balance(p);
	return 0;
}

static void S_pager(struct pager *p, struct ts_flow *flow, struct ts_pages *out)
{
	memset(p, 0, sizeof *p);
	p->flow = flow;
	p->out = out;
	p->l = flow->layout;
	p->columns = flow->layout->columns;
}

int galley_paginate(struct ts_flow *flow, struct ts_pages *out, int first_page,
                    galley_diag *diag)
{
	/* front matter pages (digest title, contents) are made by the caller */
	while ((int)out->n_pages < first_page)
		S_add_page(out, flow->layout, -1);
	for (size_t a = 0; a < flow->n_articles; a++)
		if (galley_paginate_article(flow, out, a, diag) < 0)
			return -1;
	return 0;
}

int galley_paginate_article(struct ts_flow *flow, struct ts_pages *out, size_t a,
                            galley_diag *diag)
{
	struct pager p;
	S_pager(&p, flow, out);
	if (S_article(&p, a) < 0) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "cannot break the article into pages");
		return -1;
	}
	return 0;
}

void galley_pages_front(struct ts_pages *out, const galley_layout *l, int n)
{
	while ((int)out->n_pages < n)
		S_add_page(out, l, -1);
}

void galley_pages_trace(const struct ts_flow *flow, const struct ts_pages *p, size_t first,
                        FILE *f)
{
	for (size_t i = first; i < p->n_pages; i++) {
		const struct ts_page *pg = &p->pages[i];
		fprintf(f, "page %zu area %.2f %.2f %.2f %.2f columns %d%s\n", i + 1, pg->x, pg->y,
		        pg->w, pg->h, flow->layout->columns, pg->blank ? " blank" : "");
	}
	for (size_t i = 0; i < p->n_places; i++) {
		const struct ts_place *pl = &p->places[i];
		const struct ts_block *b = &flow->blocks[pl->block];
		const char *kind = b->kind == TS_RULE ? "rule" : b->kind == TS_IMAGE ? "image"
		                 : b->kind == TS_SPACE ? "space" : b->kind == TS_ROW ? "row"
		                 : galley_role_name(b->role);
		fprintf(f, "place page %d col %d block %zu %s lines %d-%d of %d keep %d group %d "
		        "box %.2f %.2f %.2f %.2f\n", pl->page + 1, pl->column, pl->block, kind,
		        pl->first, pl->last, b->kind == TS_TEXT ? b->n_lines : 0,
		        b->keep_with_next, b->group, pl->x, pl->y, pl->w, pl->h);
	}
}
