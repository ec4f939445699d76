/* text_lines.c — splits plain text into lines and joins them into paragraphs (hard-wrapped or one per line). */
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* "> text" (any depth of '>') marks a quoted line; returns the text. */
static char *S_strip_quote(char *s, unsigned *flags)
{
	if (*s != '>')
		return s;
	while (*s == '>' || *s == ' ')
		s++;
	*flags |= TL_QUOTE;
	return s;
}

/* "## text" marks an explicit heading: one or two '#' give level 2,
 * three give 3, four give 4 (issue 2: explicit structure wins). */
static char *S_strip_hash(char *s, struct text_line *l)
{
	int n = 0;
	while (s[n] == '#')
		n++;
	if (n < 1 || n > 4 || s[n] != ' ' || s[n + 1] == '\0')
		return s;
	l->flags |= TL_HASH;
	l->level = n <= 2 ? 2 : n;
	s += n;
	while (*s == ' ')
		s++;
	return s;
}

/* "* * *", "---", "___", "===": three or more marks and nothing else. */
static int S_rule(const char *s)
{
	int marks = 0;
	for (; *s; s++) {
		if (strchr("*-_=~", *s))
			marks++;
		else if (*s != ' ')
			return 0;
	}
	return marks >= 3;
}

/* An item marker: "- ", "* ", "• " (bullet) or "12. ", "3) " (number). */
static void S_item(struct text_line *l)
{
	const char *s = l->s;
	size_t n = 0;
	if ((s[0] == '-' || s[0] == '*') && s[1] == ' ')
		n = 2;
	else if (strncmp(s, "\xE2\x80\xA2 ", 4) == 0)
		n = 4;
	if (n && s[n]) {
		l->flags |= TL_BULLET;
		l->mark = n;
		return;
	}
	n = strspn(s, "0123456789");
	if (n >= 1 && n <= 3 && (s[n] == '.' || s[n] == ')') && s[n + 1] == ' ' && s[n + 2]) {
		l->flags |= TL_NUMBER;
		l->mark = n + 2;
	}
}

static void S_set_line(struct text_line *l, char *s, int no)
{
	memset(l, 0, sizeof *l);
	l->no = no;
	for (const char *p = s; *p == ' ' || *p == '\t'; p++)
		l->indent += *p == '\t' ? 4 : 1;
	galley_collapse_space(galley_trim(s));
	s = S_strip_quote(s, &l->flags);
	s = S_strip_hash(s, l);
	l->s = s;
	l->len = strlen(s);
	l->width = galley_text_width(s, l->len);
	if (l->len == 0)
		l->flags |= TL_BLANK;
	else if (S_rule(s))
		l->flags |= TL_RULE;
	else
		S_item(l);
}

void galley_text_split(struct text_doc *d, char *data)
{
	size_t n = 1;
	for (const char *p = data; *p; p++)
		if (*p == '\n' || (*p == '\r' && p[1] != '\n'))
			n++;
	d->lines = galley_xcalloc(n, sizeof *d->lines);
	size_t i = 0;
	char *s = data;
	for (;;) {
		char *e = s + strcspn(s, "\r\n");
		int last = *e == '\0';
		char *next = e + (*e == '\r' && e[1] == '\n' ? 2 : 1);
		*e = '\0';
		S_set_line(&d->lines[i], s, (int)i + 1);
		i++;
		if (last || i == n)
			break;
		s = next;
	}
	d->nlines = i;
}

/* ------------------------------------------------------ wrap detection */

static int S_content(const struct text_line *l)
{
	return !(l->flags & (TL_DROP | TL_BLANK | TL_HASH));
}

/* Width of the first word of L. */
static size_t S_first_word(const struct text_line *l)
{
	size_t n = strcspn(l->s, " ");
	return galley_text_width(l->s, n);
}

/* A file is hard-wrapped when the lines that run on into a next line
 * end near one column (at most 100), and those that fill the column
 * seldom end a sentence; a one-paragraph-per-line file has long lines, or
 * a sentence end on nearly every line. */
void galley_text_wrap_mode(struct text_doc *d)
{
	struct text_wrap w = {0, 0};
	d->wrap = w;
	size_t pairs = 0, longs = 0;
	for (size_t i = d->body; i + 1 < d->nlines; i++) {
		const struct text_line *a = &d->lines[i], *b = &d->lines[i + 1];
		if (!S_content(a) || !S_content(b) || (a->flags & TL_QUOTE) != (b->flags & TL_QUOTE))
			continue;
		pairs++;
		if (a->width > 120)
			longs++;
		else if (!strstr(a->s, "://") && a->width > w.width)
			w.width = a->width;
	}
	if (pairs < 2 || longs * 20 > pairs || w.width > 100 || w.width < 30)
		return;
	size_t near = 0, full = 0, stops = 0;
	for (size_t i = d->body; i + 1 < d->nlines; i++) {
		const struct text_line *a = &d->lines[i], *b = &d->lines[i + 1];
		if (!S_content(a) || !S_content(b))
			continue;
		near += a->width * 10 >= w.width * 6;
		if (a->width * 100 >= w.width * 85) {
			full++;
			stops += galley_text_ends_sentence(a->s, a->len);
		}
	}
	w.wrapped = near * 10 >= pairs * 6 && full >= 2 && stops * 10 <= full * 3;
	d->wrap = w;
}

/* In a wrapped file a line ends its paragraph when the next line's first
 * word would have fitted on it (with a margin for ragged wrappers). */
int galley_text_joins(const struct text_doc *d, const struct text_line *a,
                      const struct text_line *b)
{
	if (!d->wrap.wrapped || (a->flags & TL_QUOTE) != (b->flags & TL_QUOTE))
		return 0;
	/* an indented first line starts a paragraph */
	if (b->indent >= a->indent + 2)
		return 0;
	size_t need = a->width + 1 + S_first_word(b);
	/* after a sentence end, a next word that would have fitted at all
	 * means the writer broke the line: a new paragraph */
	if (need <= d->wrap.width && galley_text_ends_sentence(a->s, a->len) &&
	    (galley_text_is_upper_at(b->s, NULL) || galley_text_open_quote(b->s)))
		return 0;
	return need * 10 > d->wrap.width * 8;
}

/* ------------------------------------------------------------ assembly */

struct para {
	galley_buf buf;
	int line;
	int lines;
	int group;
	unsigned item;   /* TL_BULLET or TL_NUMBER of the first line */
	size_t mark;
};

static void S_flush(struct text_doc *d, struct para *p)
{
	if (p->lines == 0)
		return;
	struct text_block *b = galley_text_push(d, galley_buf_detach(&p->buf), p->line);
	if (p->lines > 1)
		b->flags |= TB_JOINED;
	if (p->group) {
		b->kind = TK_QUOTE;
		b->group = p->group;
		b->flags |= TB_PREFIXED;
	}
	if (p->item) {
		b->flags |= p->item == TL_BULLET ? TB_BULLET : TB_NUMBER;
		b->mark = p->mark;
	}
	p->lines = 0;
}

static void S_append(struct para *p, const struct text_line *l)
{
	if (p->lines == 0) {
		p->line = l->no;
		p->item = l->flags & (TL_BULLET | TL_NUMBER);
		p->mark = l->mark;
	} else {
		size_t n = p->buf.len;
		const char *t = p->buf.data;
		/* "well-" + "known": a word broken at its hyphen stays whole */
		int hyphen = n >= 2 && t[n - 1] == '-' && t[n - 2] != ' ' && t[n - 2] != '-' &&
		             galley_text_is_lower_at(l->s);
		if (!hyphen)
			galley_buf_putc(&p->buf, ' ');
	}
	galley_buf_put(&p->buf, l->s, l->len);
	p->lines++;
}

void galley_text_assemble(struct text_doc *d)
{
	struct para p = {GALLEY_BUF_INIT, 0, 0, 0, 0, 0};
	int groups = 0;
	const struct text_line *prev = NULL;
	for (size_t i = d->body; i < d->nlines; i++) {
		const struct text_line *l = &d->lines[i];
		int quoted = (l->flags & TL_QUOTE) != 0;
		if (l->flags & TL_JUNK) {
			/* kept as a dropped block: the promotion rule looks at it */
			S_flush(d, &p);
			prev = NULL;
			struct text_block *b = galley_text_push(d, galley_xstrdup(l->s), l->no);
			b->kind = TK_DROP;
			b->flags |= TB_JUNK;
			continue;
		}
		if (l->flags & TL_RULE) {
			S_flush(d, &p);
			prev = NULL;
			p.group = 0;
			galley_text_push(d, galley_xstrdup(""), l->no)->kind = TK_SEP;
			continue;
		}
		if ((l->flags & (TL_DROP | TL_BLANK)) || (l->flags & TL_HASH)) {
			S_flush(d, &p);
			prev = NULL;
			/* a blank line ends a blockquote, a "> " blank line only its paragraph */
			if ((l->flags & TL_HASH) || ((l->flags & TL_BLANK) && !quoted))
				p.group = 0;
			if (l->flags & TL_HASH) {
				struct text_block *b = galley_text_push(d, galley_xstrdup(l->s), l->no);
				b->kind = TK_HEADING;
				b->level = l->level;
				b->flags |= TB_EXPLICIT;
			}
			continue;
		}
		if (quoted && !p.group) {
			S_flush(d, &p);
			p.group = ++groups;
		} else if (!quoted && p.group) {
			S_flush(d, &p);
			p.group = 0;
		}
		/* "> " lines run on until a stop even in an unwrapped file */
		if (prev && ((l->flags & (TL_BULLET | TL_NUMBER)) || (!galley_text_joins(d, prev, l) &&
		    !(quoted && !galley_text_ends_sentence(prev->s, prev->len)))))
			S_flush(d, &p);
		S_append(&p, l);
		prev = l;
	}
	S_flush(d, &p);
	galley_buf_free(&p.buf);
}

long galley_text_last_block(const struct text_doc *d, long before)
{
	for (long i = before - 1; i >= 0; i--)
		if (d->blocks[i].kind != TK_DROP)
			return i;
	return -1;
}
