/* pdf_artifact.c — rewrites a page's content stream so that everything
 * drawn outside the structure (running heads, folios, rules, crop marks)
 * is an artifact, and pictures with alt text are Figures: PDF/UA asks
 * that every mark on a page be one or the other. */
#include <stdlib.h>
#include <string.h>

#include "pdf_file.h"

struct lex {
	const char *s;
	size_t len, pos;
};

/* Skip white space and comments. */
static void S_skip(struct lex *l)
{
	while (l->pos < l->len) {
		if (pdf_is_space(l->s[l->pos])) {
			l->pos++;
		} else if (l->s[l->pos] == '%') {
			while (l->pos < l->len && l->s[l->pos] != '\n' && l->s[l->pos] != '\r')
				l->pos++;
		} else {
			break;
		}
	}
}

/* A literal string from its '(' on: nested parentheses, escapes. */
static int S_string(struct lex *l)
{
	int depth = 0;
	for (; l->pos < l->len; l->pos++) {
		char c = l->s[l->pos];
		if (c == '\\')
			l->pos++;
		else if (c == '(')
			depth++;
		else if (c == ')' && --depth == 0) {
			l->pos++;
			return 0;
		}
	}
	return -1;
}

/* The data of an inline image, from after its ID to after its EI. */
static int S_inline_image(struct lex *l)
{
	l->pos++;   /* the one white-space byte after ID */
	for (; l->pos + 2 <= l->len; l->pos++) {
		if (pdf_is_space(l->s[l->pos - 1]) && l->s[l->pos] == 'E' && l->s[l->pos + 1] == 'I' &&
		    (l->pos + 2 == l->len || pdf_is_space(l->s[l->pos + 2]))) {
			l->pos += 2;
			return 0;
		}
	}
	return -1;
}

static int S_is(const char *s, size_t n, const char *op)
{
	return strlen(op) == n && memcmp(s, op, n) == 0;
}

enum tok { T_END, T_OPERAND, T_NAME, T_OPERATOR, T_BAD };

/* The next token: its kind, start and length. */
static enum tok S_next(struct lex *l, size_t *start, size_t *n, int *nest)
{
	S_skip(l);
	*start = l->pos;
	if (l->pos >= l->len)
		return T_END;
	char c = l->s[l->pos];
	enum tok t = T_OPERAND;
	if (c == '(') {
		if (S_string(l) < 0)
			return T_BAD;
	} else if (c == '<' && l->pos + 1 < l->len && l->s[l->pos + 1] == '<') {
		l->pos += 2;
		++*nest;
	} else if (c == '>' && l->pos + 1 < l->len && l->s[l->pos + 1] == '>') {
		l->pos += 2;
		--*nest;
	} else if (c == '<') {
		const char *e = memchr(l->s + l->pos, '>', l->len - l->pos);
		if (!e)
			return T_BAD;
		l->pos = (size_t)(e - l->s) + 1;
	} else if (c == '[' || c == '{') {
		l->pos++;
		++*nest;
	} else if (c == ']' || c == '}') {
		l->pos++;
		--*nest;
	} else if (c == '/') {
		l->pos++;
		while (l->pos < l->len && !pdf_is_space(l->s[l->pos]) && !pdf_is_delim(l->s[l->pos]))
			l->pos++;
		t = T_NAME;
	} else if (c == ')' || c == '>') {
		return T_BAD;
	} else {
		while (l->pos < l->len && !pdf_is_space(l->s[l->pos]) && !pdf_is_delim(l->s[l->pos]))
			l->pos++;
		const char *w = l->s + *start;
		size_t wn = l->pos - *start;
		if (!strchr("0123456789+-.", c) && *nest == 0 && !S_is(w, wn, "true") &&
		    !S_is(w, wn, "false") && !S_is(w, wn, "null"))
			t = T_OPERATOR;
	}
	*n = l->pos - *start;
	return t;
}

/* The /MCID of the BDC operands in S[0..N), or -1. */
static int S_mcid(const char *s, size_t n)
{
	for (size_t i = 0; i + 5 < n; i++)
		if (memcmp(s + i, "/MCID", 5) == 0)
			return atoi(s + i + 5);
	return -1;
}

struct mark {
	galley_buf *out;
	const char *s;
	size_t copied;         /* bytes of S already in OUT */
	int art;               /* an artifact sequence is open */
	int art_text;          /* ... and it began inside a text object */
};

/* Copy S up to AT, then put TEXT. */
static void S_put(struct mark *m, size_t at, const char *text)
{
	galley_buf_put(m->out, m->s + m->copied, at - m->copied);
	galley_buf_puts(m->out, text);
	m->copied = at;
}

/* Close the open artifact before AT; a sequence may not cross BT or ET. */
static int S_close(struct mark *m, size_t at, int in_text, int art_depth)
{
	if (!m->art)
		return 0;
	if (m->art_text != in_text || art_depth != 0)
		return -1;
	S_put(m, at, "\nEMC\n");
	m->art = 0;
	return 0;
}

int galley_pdf_mark_content(const char *s, size_t len, galley_buf *out,
                            int (*is_image)(const char *name, size_t n, void *ud), void *ud,
                            const char *const *alts, size_t n_alts, size_t *next_image,
                            int *next_mcid, struct pdf_figure_mark *figs, size_t max_figs)
{
	struct lex l = {s, len, 0};
	struct mark m = {out, s, 0, 0, 0};
	size_t start, n, op_start = (size_t)-1, name = 0, name_n = 0;
	int nest = 0, depth = 0, art_depth = 0, in_text = 0, last_mcid = -1, n_figs = 0;
	enum tok t;
	while ((t = S_next(&l, &start, &n, &nest)) != T_END) {
		if (t == T_BAD || nest < 0)
			return -1;
		if (op_start == (size_t)-1)
			op_start = start;
		if (t == T_NAME) {
			name = start + 1;
			name_n = n - 1;
		}
		if (t != T_OPERATOR)
			continue;
		const char *op = s + start;
		if (S_is(op, n, "BI")) {
			const char *id = NULL;
			while ((t = S_next(&l, &start, &n, &nest)) != T_END && t != T_BAD)
				if (t == T_OPERATOR && S_is(s + start, n, "ID") && (id = s + start))
					break;
			if (!id || S_inline_image(&l) < 0)
				return -1;
		}
		int id = S_is(op, n, "BDC") ? S_mcid(s + op_start, start - op_start) : -1;
		if ((S_is(op, n, "BDC") || S_is(op, n, "BMC")) && (depth > 0 || id >= 0)) {
			/* structure content; or a sequence inside one */
			if (depth == 0) {
				if (S_close(&m, op_start, in_text, art_depth) < 0)
					return -1;
				for (int k = n_figs - 1; k >= 0 && figs[k].after == -2; k--)
					figs[k].after = id;
				last_mcid = id;
			}
			depth++;
			op_start = (size_t)-1;
			continue;
		} else if (S_is(op, n, "EMC")) {
			if (depth == 0 && art_depth == 0)
				return -1;
			if (depth > 0) {
				depth--;
				op_start = (size_t)-1;
				continue;
			}
			art_depth--;
		} else if (S_is(op, n, "Do") && name_n && is_image(s + name, name_n, ud)) {
			size_t img = (*next_image)++;
			if (depth == 0 && img < n_alts && alts[img] && *alts[img] &&
			    (size_t)n_figs < max_figs) {
				if (S_close(&m, op_start, in_text, art_depth) < 0)
					return -1;
				char *bdc = galley_xasprintf("/Figure <</MCID %d>> BDC\n", *next_mcid);
				S_put(&m, op_start, bdc);
				free(bdc);
				S_put(&m, l.pos, "\nEMC\n");
				figs[n_figs++] = (struct pdf_figure_mark){*next_mcid, last_mcid, -2, img};
				last_mcid = (*next_mcid)++;
				op_start = (size_t)-1;
				continue;
			}
		}
		if (depth == 0 && !m.art) {
			S_put(&m, op_start, "/Artifact BMC\n");
			m.art = 1;
			m.art_text = in_text;
		}
		/* a sequence outside the structure (a running head's ActualText)
		 * nests inside the artifact */
		if (S_is(op, n, "BDC") || S_is(op, n, "BMC"))
			art_depth++;
		if (S_is(op, n, "BT"))
			in_text = 1;
		else if (S_is(op, n, "ET"))
			in_text = 0;
		op_start = (size_t)-1;
		name_n = 0;
	}
	if (depth != 0 || nest != 0 || op_start != (size_t)-1 || S_close(&m, len, in_text, art_depth) < 0)
		return -1;
	galley_buf_put(out, s + m.copied, len - m.copied);
	if (out->len && out->data[out->len - 1] != '\n')
		galley_buf_putc(out, '\n');
	for (int k = 0; k < n_figs; k++)
		if (figs[k].after == -2)
			figs[k].after = -1;
	return n_figs;
}
