/* typeset_linebreak.c — chooses a paragraph's line breaks for the whole
 * paragraph at once (Knuth and Plass's total-fit method) instead of pango's
 * line-by-line first fit.  The lines are then cut from the glyphs shaped to
 * measure the paragraph; only when a break falls inside a ligature does
 * pango set the text again, with the breaks as U+2028 line separators.
 * Even spacing, and never more than 2 hyphenated lines in a row (issue 3). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "typeset.h"

#define MAX_RUN 2           /* hyphenated lines in a row */
#define INF 1e30
#define LS "\xe2\x80\xa8"   /* U+2028 LINE SEPARATOR */

/* BRK_GAP: between letters of a script written without spaces (typeset_gaps.c) */
enum { BRK_GLUE, BRK_SOFT, BRK_HARD, BRK_OTHER, BRK_END, BRK_GAP };

struct brk {
	int byte;          /* the next line starts here */
	int end_byte;      /* this line's text ends here (before spaces, at a soft hyphen) */
	int type;
	double end;        /* x where this line's ink ends if broken here */
	double start;      /* x where the next line starts */
	int spaces;        /* stretchable spaces before END */
	int spaces_at;     /* stretchable spaces before START */
	int gaps, gaps_at; /* BRK_GAP breaks before this one, and up to it */
	double hang;       /* how far this line's last mark may hang right, pt */
};

struct node {
	double demerits;
	int prev;          /* index of the state it came from, or -1 */
};

/* What the fit needs besides the breaks. */
struct fit {
	double width, first, space;
	int ragged;
	double shrink, expand;  /* of a justified line, as in struct ts_justify */
	int protrude;
	double tolerance;       /* the worst badness a line may have */
};

/* TeX's fitness classes: tight, decent, loose, very loose lines.  Two
 * adjacent lines whose classes are not neighbours cost ADJ_DEMERITS, so that
 * a tight line does not follow a loose one. */
#define CLASSES 4
#define ADJ_DEMERITS 10000
#define FINAL_HYPHEN_DEMERITS 5000  /* the last full line ends in a hyphen */
#define DOUBLE_HYPHEN_DEMERITS 3000 /* two hyphenated lines in a row */
#define EXPAND_BADNESS 20          /* a line's glyphs widened to the limit */
#define STATES ((MAX_RUN + 1) * CLASSES)
#define NO_FIT -1                   /* S_line: the line is too long */
#define TOO_LOOSE -2                /* S_line: too loose for the tolerance */

static int S_stretchable(gunichar c)
{
	return c == ' ' || c == 0xA0;
}

/* The character at P and whether it is a space, as glib answers, with
 * ASCII (most of a Latin paragraph) answered without its tables. */
static inline gunichar S_char(const char *p)
{
	return (unsigned char)*p < 0x80 ? (gunichar)(unsigned char)*p : g_utf8_get_char(p);
}

static inline int S_space(gunichar c)
{
	return c < 0x80 ? c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
	                : g_unichar_isspace(c) != 0;
}

/* The x of every byte of a text set on one left-to-right line (RUNS), in
 * one pass over its glyphs (pango_layout_index_to_pos walks the whole line
 * on every call).  Bytes inside a cluster (a ligature "ff" with a soft
 * hyphen inside) are interpolated. */
static double *S_positions(GSList *runs, int len)
{
	double *xs = galley_xmalloc((size_t)(len + 1) * sizeof *xs);
	for (int i = 0; i <= len; i++)
		xs[i] = NAN;
	double x = 0;
	for (GSList *r = runs; r; r = r->next) {
		PangoGlyphItem *run = r->data;
		PangoGlyphString *gs = run->glyphs;
		for (int g = 0; g < gs->num_glyphs; g++) {
			int byte = run->item->offset + gs->log_clusters[g];
			if (byte >= 0 && byte < len && isnan(xs[byte]))
				xs[byte] = x;
			x += gs->glyphs[g].geometry.width / (double)PANGO_SCALE;
		}
	}
	xs[len] = x;
	if (isnan(xs[0]))
		xs[0] = 0;
	for (int i = 1, last = 0; i <= len; i++) {
		if (isnan(xs[i]))
			continue;
		for (int k = last + 1; k < i; k++)
			xs[k] = xs[last] + (xs[i] - xs[last]) * (k - last) / (i - last);
		last = i;
	}
	return xs;
}

/* Flags the characters that a break may come before: pango's break
 * opportunities, and inside a word wider than WIDTH (a URL) every character,
 * so that such a word is cut rather than set alone on a stretched line. */
static char *S_may_break(const PangoLogAttr *la, int n_attrs, const char *text,
                         const double *xs, double width)
{
	char *ok = galley_xcalloc((size_t)n_attrs + 1, 1);
	int last = 0, last_byte = 0;
	const char *p = text;
	for (int i = 0; i < n_attrs; i++) {
		int byte = (int)(p - text);
		int brk = i == n_attrs - 1 || (la[i].is_line_break && !la[i].is_mandatory_break);
		ok[i] = (char)(brk && i > 0);
		if (brk) {
			if (xs[byte] - xs[last_byte] > width)
				for (int k = last + 1; k < i; k++)
					ok[k] = 1;
			last = i;
			last_byte = byte;
		}
		if (*p)
			p = g_utf8_next_char(p);
	}
	return ok;
}

/* How far the character before byte AT may hang past a justified line's
 * right edge, pt. */
static double S_hang(const char *text, const double *xs, int at)
{
	const char *p = at > 0 ? g_utf8_find_prev_char(text, text + at) : NULL;
	return p ? galley_protrusion(g_utf8_get_char(p)) * (xs[at] - xs[p - text]) : 0;
}

/* The break opportunities of TEXT, set on one line as U; *GAPS gets the
 * bytes BRK_GAP breaks come before (NULL when there are none). */
static struct brk *S_breaks(const struct ts_unwrapped *u, const char *text, double hyphen,
                            double width, int *count, unsigned char **gaps)
{
	int len = (int)strlen(text);
	double *xs = S_positions(u->runs, len);
	int n_attrs = u->n_attrs;
	const PangoLogAttr *la = u->attrs;
	char *may = S_may_break(la, n_attrs, text, xs, width);
	struct brk *b = galley_xmalloc((size_t)(n_attrs + 1) * sizeof *b);
	int n = 0, spaces = 0, ws_start = -1, ws_spaces = 0, n_gaps = 0;
	const char *p = text, *prevp = NULL;
	gunichar pc = 0;   /* the character at PREVP */
	*gaps = NULL;
	for (int i = 0; i < n_attrs - 1; i++) {
		gunichar c = S_char(p);
		/* (no break comes before the first character) */
		if (may[i] && prevp) {
			struct brk *k = &b[n++];
			k->byte = (int)(p - text);
			k->start = xs[k->byte];
			k->spaces_at = spaces;
			if (S_space(pc) && ws_start >= 0) {
				k->type = BRK_GLUE;
				k->end = xs[ws_start];
				k->end_byte = ws_start;
				k->spaces = ws_spaces;
			} else {
				k->type = pc == 0xAD ? BRK_SOFT : (pc == '-' || pc == 0x2010 || pc == 0x2013 ||
				          pc == 0x2014 || pc == '/') ? BRK_HARD : BRK_OTHER;
				k->end = k->start + (pc == 0xAD ? hyphen : 0);
				k->end_byte = pc == 0xAD ? (int)(prevp - text) : k->byte;
				k->spaces = spaces;
			}
			k->hang = pc == 0xAD ? galley_protrusion(0xAD) * hyphen
			                     : S_hang(text, xs, k->end_byte);
			k->gaps = n_gaps;
			if (k->type == BRK_OTHER && galley_gap_between(pc, c)) {
				k->type = BRK_GAP;
				if (!*gaps)
					*gaps = galley_xcalloc((size_t)len + 1, 1);
				(*gaps)[k->byte] = 1;
				n_gaps++;
			}
			k->gaps_at = n_gaps;
		}
		if (S_space(c)) {
			if (ws_start < 0) {
				ws_start = (int)(p - text);
				ws_spaces = spaces;
			}
		} else {
			ws_start = -1;
		}
		spaces += S_stretchable(c);
		prevp = p;
		pc = c;
		p = g_utf8_next_char(p);
	}
	struct brk *k = &b[n++];
	k->byte = k->end_byte = len;
	k->type = BRK_END;
	k->end = k->start = xs[len];
	k->hang = 0;
	free(xs);
	free(may);
	k->spaces = k->spaces_at = spaces;
	k->gaps = k->gaps_at = n_gaps;
	*count = n;
	return b;
}

/* Demerits of a line from break A (NULL: paragraph start) to break B at
 * WIDTH; *CLS gets its fitness class.  On a justified line spaces stretch
 * by half their width and shrink by F->shrink of it, and with font
 * expansion the glyphs stretch and shrink by F->expand of theirs, in the
 * same proportion (pdfTeX's rule); protruding marks widen the measure. */
static double S_line(const struct brk *a, const struct brk *b, double width,
                     const struct fit *f, int *cls)
{
	double natural = b->end - (a ? a->start : 0);
	int spaces = b->spaces - (a ? a->spaces_at : 0);
	double ink = natural - spaces * f->space;
	ink = ink > 0 ? ink : 0;
	int just = b->type != BRK_END && !f->ragged;
	if (f->protrude && just)
		width += b->hang;
	double shrinkable = just ? spaces * f->space * f->shrink + ink * f->expand : 0;
	*cls = 1;
	if (natural - shrinkable > width)
		return NO_FIT;
	/* the last line is set ragged; a word or two alone on it looks lost */
	if (b->type == BRK_END)
		return a && natural < width * 0.12 ? 100 + 60 * 60 : 100;
	double penalty = b->type == BRK_SOFT ? 100 : b->type == BRK_HARD ? 30 : b->type == BRK_OTHER ? 100 : 0;
	/* a gap between letters of a script written without spaces stretches
	 * as a space does (it never shrinks) */
	int gaps = b->gaps - (a ? a->gaps_at : 0);
	if (f->ragged) {
		/* ragged right: an even edge, a hyphen only to save a fifth of a line */
		double r = (width - natural) / (width * 0.2);
		return (10 + 100 * r * r) * (10 + 100 * r * r) + penalty * penalty;
	}
	/* font expansion takes what it can first, within its limit: it costs
	 * demerits of its own, lighter than the spaces' for the same share of
	 * their room, so the spaces vary less from line to line.  A line
	 * without spaces is judged as if it had one, so that the emptier line
	 * loses.  Shrinking all the way is as bad as stretching by half. */
	double need = fabs(width - natural), glyphs = fmin(need, ink * f->expand);
	double spaced = need - glyphs;
	double room = natural > width ? spaces * f->space * f->shrink
	                              : (spaces + gaps > 0 ? spaces + gaps : 1) * f->space *
	                                TS_SPACE_STRETCH;
	double ratio = room > 0 ? spaced / room : spaced > 0 ? 1e9 : 0;
	double badness = ratio > 10 ? 1e5 * ratio : 100 * ratio * ratio * ratio;
	if (badness > f->tolerance)
		return TOO_LOOSE;
	double er = ink > 0 && f->expand > 0 ? glyphs / (ink * f->expand) : 0;
	badness += EXPAND_BADNESS * er * er * er;
	*cls = natural > width ? (ratio > 0.5 ? 0 : 1) : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
	return (10 + badness) * (10 + badness) + penalty * penalty;
}

/* The demerits of the line from break I (-1: the paragraph's start) to
 * break J of N, its fitness class in *CLS: a last line after a hyphen
 * costs more.  NO_FIT or TOO_LOOSE as S_line. */
static inline double S_line_from(const struct brk *b, int i, int j, int n, const struct fit *f,
                                 int *cls)
{
	const struct brk *a = i >= 0 ? &b[i] : NULL;
	double d = S_line(a, &b[j], i < 0 ? f->width - f->first : f->width, f, cls);
	if (d >= 0 && j == n - 1 && a && (a->type == BRK_SOFT || a->type == BRK_HARD))
		d += FINAL_HYPHEN_DEMERITS;
	return d;
}

/* The demerits so far, BEFORE, with a line of demerits D in fitness class
 * CLS after a line of class PREV: two hyphenated lines in a row
 * (HYPH_AGAIN) and lines of tightness not next to each other's cost more. */
static inline double S_step(double before, double d, int hyph_again, int cls, int prev)
{
	return before + d + (hyph_again ? DOUBLE_HYPHEN_DEMERITS : 0) +
	       (abs(cls - prev) > 1 ? ADJ_DEMERITS : 0);
}

/* 1 if the line from A to B is no longer than WIDTH (its spaces would
 * stretch): then the fewer the breaks it spans, the worse its demerits. */
static int S_loose(const struct brk *a, const struct brk *b, double width, const struct fit *f)
{
	if (f->protrude && b->type != BRK_END && !f->ragged)
		width += b->hang;
	return b->end - (a ? a->start : 0) <= width;
}

static int S_hyph(const struct brk *b)
{
	return b->type == BRK_SOFT || b->type == BRK_HARD;
}

/* The total demerits of one set of breaks that S_fit would accept, each
 * line the best of those from the last break (INF when that finds none):
 * the best set costs no more, so a line costing more is in no best set. */
static double S_bound(const struct brk *b, int n, const struct fit *f)
{
	double total = 0;
	int i = -1, run = 0, cls_before = 1;
	while (i < n - 1) {
		double best = INF;
		int to = -1, to_cls = 1;
		for (int j = i + 1; j < n; j++) {
			int cls;
			double d = S_line_from(b, i, j, n, f, &cls);
			if (d == NO_FIT)
				break;
			if (d == TOO_LOOSE || (S_hyph(&b[j]) && run == MAX_RUN))
				continue;
			d = S_step(0, d, S_hyph(&b[j]) && run > 0, cls, cls_before);
			if (d < best) {
				best = d;
				to = j;
				to_cls = cls;
			}
		}
		if (to < 0)
			return INF;
		total += best;
		run = S_hyph(&b[to]) ? run + 1 : 0;
		cls_before = to_cls;
		i = to;
	}
	return total;
}

/* The last break i before J from which a line to J is worth trying: the
 * lines from later breaks are loose and cost more than BOUND.  Their
 * demerits grow as the start moves right (S_line), so a binary search
 * finds it.  The line from the paragraph start, at its own width, is
 * always tried. */
static int S_first_try(const struct brk *b, int j, const struct fit *f, double bound)
{
	int lo = 0, hi = j - 1;   /* the answer is in [lo - 1, hi] */
	if (bound >= INF || b[j].type == BRK_END)
		return j - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2, cls;
		double d = S_line(&b[mid], &b[j], f->width, f, &cls);
		int worth = d == NO_FIT || !S_loose(&b[mid], &b[j], f->width, f) ||
		            (d != TOO_LOOSE && d <= bound);
		if (worth)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return lo - 1;
}

/* Total-fit over breaks B[0..N): fills CHOSEN (break indices in order) and
 * returns how many, or 0 when no set of breaks fits.  A state is a break,
 * the hyphenated lines in a row that end there and the fitness class of
 * the line that ends there. */
static int S_fit(const struct brk *b, int n, const struct fit *f, int *chosen)
{
	int states = n * STATES;
	struct node *nd = galley_xmalloc((size_t)states * sizeof *nd);
	/* the states of each break that were reached: a line from there
	 * visits only those (a break after a space is reached with no hyphen
	 * before it, so a third of its states at most) */
	unsigned *live = galley_xcalloc((size_t)n, sizeof *live);
	for (int i = 0; i < states; i++)
		nd[i] = (struct node){INF, -1};
	double bound = S_bound(b, n, f);
	for (int j = 0; j < n; j++) {
		int hyph = S_hyph(&b[j]);
		/* lines ending at j, from the paragraph start (i = -1) or break i */
		for (int i = S_first_try(b, j, f, bound); i >= -1; i--) {
			/* the paragraph starts as if after a decent line */
			unsigned from = i < 0 ? 1u << 1 : live[i];
			if (hyph)
				from &= (1u << (MAX_RUN * CLASSES)) - 1;  /* a run would grow too long */
			int cls;
			double d = S_line_from(b, i, j, n, f, &cls);
			if (d == NO_FIT)
				break;  /* longer lines from earlier starts do not fit either */
			if (d == TOO_LOOSE || d > bound)
				continue;   /* d > bound: in no best set */
			for (int s = 0; from >> s; s++) {
				if (!(from >> s & 1))
					continue;
				int r = s / CLASSES, c = s % CLASSES;
				double before = i < 0 ? 0 : nd[i * STATES + s].demerits;
				int run = hyph ? r + 1 : 0;
				double total = S_step(before, d, hyph && r > 0, cls, c);
				struct node *t = &nd[j * STATES + run * CLASSES + cls];
				if (total < t->demerits) {
					*t = (struct node){total, i < 0 ? -1 : i * STATES + s};
					live[j] |= 1u << (run * CLASSES + cls);
				}
			}
		}
	}
	free(live);
	int best = -1;
	for (int s = 0; s < STATES; s++) {
		int at = (n - 1) * STATES + s;
		if (nd[at].demerits < INF && (best < 0 || nd[at].demerits < nd[best].demerits))
			best = at;
	}
	int count = 0;
	for (int s = best; s >= 0; s = nd[s].prev)
		chosen[count++] = s / STATES;
	free(nd);
	for (int i = 0; i < count / 2; i++) {
		int t = chosen[i];
		chosen[i] = chosen[count - 1 - i];
		chosen[count - 1 - i] = t;
	}
	return count;
}

/* Replace REMOVE bytes at POS of *TEXT by INSERT, moving attributes and links. */
static void S_splice(struct ts_block *blk, galley_buf *t, int pos, int remove,
                     const char *insert, PangoAttrList *attrs)
{
	int add = (int)strlen(insert);
	galley_buf out = GALLEY_BUF_INIT;
	galley_buf_put(&out, t->data, (size_t)pos);
	galley_buf_puts(&out, insert);
	galley_buf_puts(&out, t->data + pos + remove);
	galley_buf_free(t);
	*t = out;
	pango_attr_list_update(attrs, pos, remove, add);
	for (size_t i = 0; i < blk->n_links; i++) {
		if (blk->links[i].start >= pos + remove) blk->links[i].start += add - remove;
		if (blk->links[i].end >= pos + remove) blk->links[i].end += add - remove;
	}
}

struct edit {
	int pos, remove;
	const char *insert;
};

static int S_by_pos_desc(const void *a, const void *b)
{
	return ((const struct edit *)b)->pos - ((const struct edit *)a)->pos;
}

/* Rewrite T with the breaks CHOSEN: separators at the breaks, a real
 * hyphen where a soft one breaks, and no other soft hyphens. */
static void S_apply(struct ts_block *blk, galley_buf *t, const struct brk *b,
                    const int *chosen, int count, PangoAttrList *attrs)
{
	size_t cap = (size_t)count + 16, n = 0;
	struct edit *e = galley_xmalloc(cap * sizeof *e);
	for (int k = 0; k + 1 < count; k++) {
		const struct brk *c = &b[chosen[k]];
		const char *prev = g_utf8_find_prev_char(t->data, t->data + c->byte);
		int plen = prev ? (int)(t->data + c->byte - prev) : 0;
		if (c->type == BRK_GLUE)
			e[n++] = (struct edit){c->byte - plen, plen, LS};
		else if (c->type == BRK_SOFT)
			e[n++] = (struct edit){c->byte - plen, plen, "-" LS};
		else
			e[n++] = (struct edit){c->byte, 0, LS};
	}
	for (size_t pos = 0; pos + 1 < t->len; pos++) {
		if ((unsigned char)t->data[pos] != 0xC2 || (unsigned char)t->data[pos + 1] != 0xAD)
			continue;
		int used = 0;
		for (size_t k = 0; k < n; k++)
			used |= e[k].pos == (int)pos && e[k].remove == 2;
		if (used)
			continue;
		if (n == cap)
			e = galley_xrealloc(e, (cap *= 2) * sizeof *e);
		e[n++] = (struct edit){(int)pos, 2, ""};
	}
	qsort(e, n, sizeof *e, S_by_pos_desc);
	for (size_t k = 0; k < n; k++)
		S_splice(blk, t, e[k].pos, e[k].remove, e[k].insert, attrs);
	free(e);
}

/* Right-to-left letters (Hebrew, Arabic, Syriac...): left to pango. */
static int S_has_rtl(const char *text)
{
	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if ((c >= 0x590 && c <= 0x8FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF))
			return 1;
	}
	return 0;
}

/* 1 if every line of L fits WIDTH. */
static int S_fits(PangoLayout *l, double width)
{
	int n = pango_layout_get_line_count(l);
	for (int i = 0; i < n; i++) {
		PangoRectangle ext;
		pango_layout_line_get_extents(pango_layout_get_line_readonly(l, i), NULL, &ext);
		if ((ext.x + ext.width) / (double)PANGO_SCALE > width + 0.1)
			return 0;
	}
	return 1;
}

/* Set the breaks CHOSEN in L; keeps them and returns 1 when pango sets
 * exactly those lines, each within the measure. */
static int S_try(struct ts_block *blk, PangoLayout *l, char **text, PangoAttrList **attrs,
                 const struct brk *b, const int *chosen, int count, double width, double first)
{
	PangoAttrList *copy = pango_attr_list_copy(*attrs);
	struct ts_link *links = blk->n_links ? galley_xmalloc(blk->n_links * sizeof *links) : NULL;
	if (links)
		memcpy(links, blk->links, blk->n_links * sizeof *links);
	galley_buf t = GALLEY_BUF_INIT;
	galley_buf_puts(&t, *text);
	S_apply(blk, &t, b, chosen, count, copy);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_indent(l, (int)(first * PANGO_SCALE));
	pango_layout_set_text(l, t.data, -1);
	pango_layout_set_attributes(l, copy);
	int good = pango_layout_get_line_count(l) == count && S_fits(l, width);
	if (good) {
		free(*text);
		*text = galley_buf_detach(&t);
		pango_attr_list_unref(*attrs);
		*attrs = copy;
	} else {
		galley_buf_free(&t);
		pango_attr_list_unref(copy);
		if (links)  /* offsets only; the URLs were never touched */
			memcpy(blk->links, links, blk->n_links * sizeof *links);
		/* back to one unwrapped line for the next attempt's measures */
		pango_layout_set_width(l, -1);
		pango_layout_set_indent(l, 0);
		pango_layout_set_text(l, *text, -1);
		pango_layout_set_attributes(l, *attrs);
	}
	free(links);
	return good;
}

/* Set the breaks CHOSEN as BLK's lines, cut from the glyphs of RUNS:
 * 1, or 0 when a break falls inside a ligature. */
static int S_cut(struct ts_block *blk, GSList *runs, const char *text, const struct brk *b,
                 const int *chosen, int count, double width, double first,
                 const struct ts_justify *j, const unsigned char *gaps)
{
	struct ts_justify with_gaps;
	if (j && gaps) {
		with_gaps = *j;
		with_gaps.gaps = gaps;
		j = &with_gaps;
	}
	struct ts_cut *cuts = galley_xmalloc((size_t)count * sizeof *cuts);
	for (int k = 0; k < count; k++) {
		const struct brk *c = &b[chosen[k]];
		cuts[k].start = k ? b[chosen[k - 1]].byte : 0;
		cuts[k].end = c->end_byte;
		cuts[k].hyphen = c->type == BRK_SOFT;
	}
	int done = galley_lines_from_cuts(blk, runs, text, cuts, count, width, first, j);
	free(cuts);
	return done;
}

/* L's text set on one unwrapped line: shaped word by word where it can
 * be, else by L (set to no width). */
static void S_unwrapped(PangoLayout *l, struct ts_unwrapped *u)
{
	pango_layout_set_width(l, -1);
	pango_layout_set_indent(l, 0);
	if (!galley_shape_line(l, u))
		galley_unwrapped_from_layout(l, u);
}

/* Keep U, the line BLK's lines were just cut from, in BLK when it takes
 * no more than *ROOM bytes; 1 if kept (U is BLK's then). */
static int S_keep(struct ts_block *blk, struct ts_unwrapped *u, size_t *room)
{
	size_t size = u->owned ? galley_unwrapped_size(u) : 0;
	if (!room || !u->owned || size > *room)
		return 0;
	*room -= size;
	if (!blk->measured)
		blk->measured = galley_xmalloc(sizeof *blk->measured);
	else
		galley_unwrapped_free(blk->measured);
	*blk->measured = *u;
	return 1;
}

int galley_linebreak(struct ts_block *blk, PangoLayout *l, char **text, PangoAttrList **attrs,
                     const struct ts_metrics *m, double width, double first, int ragged,
                     const struct ts_justify *j, size_t *room)
{
	if (strchr(*text, '\n') || S_has_rtl(*text))
		return 0;
	struct ts_unwrapped u;
	S_unwrapped(l, &u);
	int n = 0;
	struct fit f = {width - 0.3, first, m->space, ragged, j->shrink, j->expand, j->protrude, INF};
	unsigned char *gaps = NULL;
	struct brk *b = S_breaks(&u, *text, m->hyphen, width - first, &n, &gaps);
	int *chosen = galley_xmalloc((size_t)n * sizeof *chosen);
	int done = 0;
	/* a little room (0.3 pt) for the kerning and ligatures a break undoes;
	 * more if a line still comes out too long */
	int count = S_fit(b, n, &f, chosen);
	done = count > 0 && S_cut(blk, u.runs, *text, b, chosen, count, width, first,
	                          ragged ? NULL : j, gaps);
	/* a paragraph set again a line longer or shorter is cut from the
	 * same glyphs (galley_linebreak_lines) */
	if (!done || !S_keep(blk, &u, room))
		galley_unwrapped_free(&u);
	/* pango sets the lines again: its spaces only stretch, its glyphs
	 * keep their width and nothing hangs */
	struct fit plain = {0, first, m->space, ragged, 0, 0, 0, INF};
	for (int attempt = 0; attempt < 3 && !done; attempt++) {
		plain.width = width - 0.3 - 1.5 * attempt;
		count = S_fit(b, n, &plain, chosen);
		if (count > 0)
			done = S_try(blk, l, text, attrs, b, chosen, count, width, first);
	}
	if (!done) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_indent(l, (int)(first * PANGO_SCALE));
		pango_layout_set_text(l, *text, -1);
		pango_layout_set_attributes(l, *attrs);
	}
	free(chosen);
	free(gaps);
	free(b);
	return done;
}

/* Total fit over breaks B[0..N) into exactly LINES lines (TeX's
 * looseness): as S_fit, with the count of lines so far in the state.
 * Fills CHOSEN and returns LINES, or 0 when no set of breaks gives as many
 * lines within the tolerance. */
static int S_fit_lines(const struct brk *b, int n, const struct fit *f, int lines, int *chosen)
{
	size_t per = (size_t)STATES * (size_t)(lines + 1), states = (size_t)n * per;
	struct node *nd = galley_xmalloc(states * sizeof *nd);
	for (size_t i = 0; i < states; i++)
		nd[i] = (struct node){INF, -1};
	for (int j = 0; j < n; j++) {
		int hyph = b[j].type == BRK_SOFT || b[j].type == BRK_HARD;
		for (int i = j - 1; i >= -1; i--) {
			int cls;
			double d = S_line_from(b, i, j, n, f, &cls);
			if (d == NO_FIT)
				break;
			if (d == TOO_LOOSE)
				continue;
			for (int k = i < 0 ? 0 : 1; k < lines && (i >= 0 || k == 0); k++) {  /* lines before */
				for (int st = 0; st < STATES; st++) {
					int r = st / CLASSES, c = st % CLASSES;
					double before = i < 0 ? (st == 1 ? 0 : INF)
					                      : nd[(size_t)i * per + (size_t)k * STATES + (size_t)st].demerits;
					int run = hyph ? r + 1 : 0;
					if (before >= INF || run > MAX_RUN)
						continue;
					double total = S_step(before, d, hyph && r > 0, cls, c);
					size_t to = (size_t)j * per + (size_t)(k + 1) * STATES + (size_t)(run * CLASSES + cls);
					if (total < nd[to].demerits)
						nd[to] = (struct node){total, i < 0 ? -1
						       : (int)((size_t)i * per + (size_t)k * STATES + (size_t)st)};
				}
			}
		}
	}
	long best = -1;
	for (int st = 0; st < STATES; st++) {
		size_t at = (size_t)(n - 1) * per + (size_t)lines * STATES + (size_t)st;
		if (nd[at].demerits < INF && (best < 0 || nd[at].demerits < nd[best].demerits))
			best = (long)at;
	}
	int count = 0;
	for (long at = best; at >= 0 && count < lines; at = nd[at].prev)
		chosen[count++] = (int)((size_t)at / per);
	free(nd);
	for (int i = 0; i < count / 2; i++) {
		int t = chosen[i];
		chosen[i] = chosen[count - 1 - i];
		chosen[count - 1 - i] = t;
	}
	return best >= 0 ? count : 0;
}

int galley_linebreak_lines(struct ts_block *blk, PangoLayout *l, const struct ts_metrics *m,
                           double width, double first, const struct ts_justify *j, int lines)
{
	/* the cut frees the block's text: break a copy */
	char *text = galley_xstrdup(blk->line_text);
	struct ts_unwrapped u;
	if (blk->measured)
		u = *blk->measured;
	else
		S_unwrapped(l, &u);
	int n = 0, done = 0;
	unsigned char *gaps = NULL;
	struct brk *b = S_breaks(&u, text, m->hyphen, width - first, &n, &gaps);
	int *chosen = galley_xmalloc((size_t)(lines > 0 ? lines : 1) * sizeof *chosen);
	/* within TeX's default tolerance: a line may stretch its spaces a
	 * little past half their width, no more */
	struct fit f = {width - 0.3, first, m->space, 0, j->shrink, j->expand, j->protrude, 200};
	if (lines > 0 && S_fit_lines(b, n, &f, lines, chosen) == lines)
		done = S_cut(blk, u.runs, text, b, chosen, lines, width, first, j, gaps);
	if (!blk->measured)
		galley_unwrapped_free(&u);
	free(chosen);
	free(gaps);
	free(b);
	free(text);
	return done;
}
