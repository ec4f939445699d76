/* typeset_notes.c — footnotes at the foot of the column that references
 * them, as a book sets them.  The page breaker (typeset_page.c) asks, line
 * by line, what a note's reference costs: the note's lines go into the
 * foot of the same column, under a rule, in the smaller notes role, and
 * the column's text stops above them.  A note too long for the room left
 * is split, two lines at least on each side, and goes on in the next
 * column's foot before the notes referenced there.
 *
 * In a layout of several columns a note sits at the foot of the column it
 * is referenced in, not across the page: the note is set at the column's
 * measure like the text above it, a reader finds it straight below the
 * reference, and balancing the columns of a last page keeps working
 * column by column. */
#include "typeset.h"

#define EPS 0.01
#define NOTE_SPLIT 2        /* lines of a note on each side of a break */
#define NOTE_SHARE 0.5      /* of a column, the most a note that is split takes */

double galley_notes_skip(const galley_layout *l, double *rule_gap)
{
	const struct galley_font_role *r = &l->role[GALLEY_ROLE_NOTES];
	if (rule_gap)
		*rule_gap = r->leading * 0.6;
	return r->leading * 0.6 + l->rule_width + r->leading * 0.3;
}

void galley_notes_init(struct ts_notes *n, const struct ts_flow *flow, size_t a)
{
	const struct ts_article *art = &flow->articles[a];
	n->end = art->first + art->count;
	n->rule = art->notes < n->end ? art->notes : n->end;
	n->claimed = n->sb = n->eb = n->rule < n->end ? n->rule + 1 : n->end;
	n->sl = n->el = 0;
	n->foot = n->cap = 0;
}

/* The highest note number referenced by lines [FIRST, LAST) of block B
 * (a table row: by any of its cells), 0 when none. */
static int S_refs(const struct ts_block *b, int first, int last)
{
	int max = 0;
	if (b->kind == TS_ROW) {
		for (int c = 0; c < b->n_cells; c++) {
			int m = S_refs(&b->cells[c], 0, b->cells[c].n_lines);
			max = m > max ? m : max;
		}
		return max;
	}
	if (b->kind != TS_TEXT || !b->n_links || first >= last || last > b->n_lines)
		return 0;
	int s = b->lines[first].start;
	int e = b->lines[last - 1].start + b->lines[last - 1].length;
	for (size_t k = 0; k < b->n_links; k++)
		if (b->links[k].note > max && b->links[k].start >= s && b->links[k].start < e)
			max = b->links[k].note;
	return max;
}

/* The block after the last of note NUMBER's blocks (or CLAIMED, if it was
 * referenced before): the notes stand in the order of their numbers. */
static size_t S_note_end(const struct ts_flow *f, const struct ts_notes *n, int number)
{
	size_t j = n->claimed;
	while (j < n->end && f->blocks[j].note > 0 && f->blocks[j].note <= number)
		j++;
	return j;
}

/* Give the column the note lines from EB/EL on, up to block TARGET, while
 * they fit in ROOM (the height below the column's text).  A note's block
 * is split only with NOTE_SPLIT lines on each side, unless the column has
 * no note yet and the block would not fit in it at all. */
static void S_give(const struct ts_flow *f, struct ts_notes *n, size_t target, double room)
{
	double skip = galley_notes_skip(f->layout, NULL);
	while (n->eb < target) {
		const struct ts_block *b = &f->blocks[n->eb];
		int rem = b->n_lines - n->el;
		double base = n->foot > 0 ? n->foot : skip;
		int fit = b->leading > 0 ? (int)((room - base + EPS) / b->leading) : rem;
		if (fit <= 0 && rem > 0)
			return;
		int take = fit >= rem ? rem : fit < rem - NOTE_SPLIT ? fit : rem - NOTE_SPLIT;
		if (take < rem && take < NOTE_SPLIT)
			take = n->foot > 0 ? 0 : (fit < rem ? fit : rem);
		if (take <= 0 && rem > 0)
			return;
		n->foot = base + take * b->leading;
		n->el += take;
		if (n->el < b->n_lines)
			return;   /* split: the rest goes on in the next column */
		n->eb++;
		n->el = 0;
	}
}

/* 1 if the stream has reached block B's line L. */
static int S_reached(const struct ts_notes *n, size_t b, int l)
{
	return n->eb > b || (n->eb == b && n->el >= l);
}

int galley_notes_fit(const struct ts_flow *flow, struct ts_notes *n, size_t i, int from,
                     int max, double y, double lead, double bottom, int force)
{
	const struct ts_block *b = &flow->blocks[i];
	int text = b->kind == TS_TEXT;
	for (int k = 0; k < max; k++) {
		double below = y + (k + 1) * lead;
		int number = text ? S_refs(b, from + k, from + k + 1) : S_refs(b, 0, b->n_lines);
		size_t target = number > 0 ? S_note_end(flow, n, number) : n->claimed;
		if (target > n->claimed) {
			/* every note the line references starts here: the last
			 * one's opening lines must come here, after the others */
			size_t last = target - 1;
			while (last > n->claimed && flow->blocks[last - 1].note == flow->blocks[target - 1].note)
				last--;
			int need = flow->blocks[last].n_lines < NOTE_SPLIT ? flow->blocks[last].n_lines
			                                                     : NOTE_SPLIT;
			struct ts_notes t = *n;
			S_give(flow, &t, target, bottom - below);
			if (!S_reached(&t, target, 0) && bottom - below > n->cap) {
				/* a note split: it takes half the column at most, and
				 * the text goes on above it */
				struct ts_notes c = *n;
				S_give(flow, &c, target, n->cap);
				if (S_reached(&c, last, need))
					t = c;
			}
			if (!force && !S_reached(&t, last, need))
				return k;
			*n = t;
			n->claimed = target;
		} else if (!force && below + n->foot > bottom + EPS) {
			return k;
		}
	}
	return max;
}

void galley_notes_open(const struct ts_flow *flow, struct ts_notes *n, double h, double share)
{
	n->sb = n->eb;
	n->sl = n->el;
	n->foot = 0;
	n->cap = h * NOTE_SHARE;
	S_give(flow, n, n->claimed, h * share);
}

void galley_notes_fill(const struct ts_flow *flow, struct ts_notes *n, double room)
{
	S_give(flow, n, n->claimed, room);
}

void galley_notes_claim_all(struct ts_notes *n)
{
	n->claimed = n->end;
}

int galley_notes_owed(const struct ts_notes *n)
{
	return n->eb < n->claimed;
}
