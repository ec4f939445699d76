/* typeset_pullquote.c — picks a striking sentence of an article for an
 * automatic pull quote (layouts with <pull-quotes auto="yes">). */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "typeset.h"

#define MIN_CHARS 50
#define MAX_CHARS 170
#define LEAD 3          /* paragraphs between the pull quote and its source */

struct candidate {
	char *text;
	const galley_node *after;
	double score;
};

/* Score a quotation or sentence of NCHARS characters found in paragraph I of N:
 * the middle of the article and about 100 characters read best. */
static double S_score(size_t nchars, size_t i, size_t n, int quoted)
{
	double pos = n > 1 ? (double)i / (double)(n - 1) : 0.5;
	double mid = 1.0 - 2.0 * (pos > 0.5 ? pos - 0.5 : 0.5 - pos);
	double len = 1.0 - (nchars > 100 ? nchars - 100.0 : 100.0 - nchars) / 100.0;
	return mid + len + (quoted ? 1.0 : 0);
}

static void S_consider(struct candidate *best, const char *s, size_t bytes, size_t i,
                       size_t n, int quoted, const galley_node *after)
{
	size_t nchars = (size_t)g_utf8_strlen(s, (gssize)bytes);
	if (nchars < MIN_CHARS || nchars > MAX_CHARS)
		return;
	double score = S_score(nchars, i, n, quoted);
	if (best->text && score <= best->score)
		return;
	free(best->text);
	best->text = quoted ? galley_xasprintf("\xe2\x80\x9c%.*s\xe2\x80\x9d", (int)bytes, s)
	                    : galley_xstrndup(s, bytes);
	best->score = score;
	best->after = after;
}

/* Quotations in curly quotes, then whole sentences, of paragraph P. */
static void S_paragraph(struct candidate *best, const char *p, size_t i, size_t n,
                        const galley_node *after)
{
	const char *open = "\xe2\x80\x9c", *close = "\xe2\x80\x9d";
	for (const char *q = strstr(p, open); q; q = strstr(q, open)) {
		const char *start = q + 3, *end = strstr(start, close);
		if (!end)
			break;
		/* a quotation that is a full statement, not a scare-quoted phrase
		 * or a fragment worked into the writer's sentence ("bent on ...") */
		if (end - start > 0 && strchr(".,!?", end[-1]) &&
		    g_unichar_isupper(g_utf8_get_char(start)))
			S_consider(best, start, (size_t)(end - start - (end[-1] == ',')), i, n, 1, after);
		q = end + 3;
	}
	const char *s = p;
	while (*s) {
		const char *e = s;
		while (*e && !((*e == '.' || *e == '!' || *e == '?') && (e[1] == ' ' || !e[1])))
			e++;
		if (*e)
			e++;
		/* sentences only, and none with quotation marks of their own */
		if (!memchr(s, 0xe2, (size_t)(e - s)))
			S_consider(best, s, (size_t)(e - s), i, n, 0, after);
		s = e;
		while (*s == ' ')
			s++;
	}
}

char *galley_pullquote_pick(const galley_node *article, const galley_node **after)
{
	size_t n = 0, i = 0;
	for (const galley_node *c = galley_node_first_child(article); c; c = galley_node_next(c))
		n += galley_node_get_type(c) == GALLEY_NODE_PARAGRAPH;
	if (n < 6)
		return NULL;  /* a short article has no room for one */
	const galley_node **paras = galley_xmalloc(n * sizeof *paras);
	struct candidate best = {NULL, NULL, 0};
	for (const galley_node *c = galley_node_first_child(article); c; c = galley_node_next(c)) {
		if (galley_node_get_type(c) != GALLEY_NODE_PARAGRAPH)
			continue;
		paras[i] = c;
		/* never the first paragraphs; set it LEAD paragraphs before the
		 * quote's (after the second at the earliest), so that the reader
		 * meets it first as a teaser and does not read it twice in a row */
		if (i >= 2) {
			char *t = galley_node_text(c);
			S_paragraph(&best, t, i, n, paras[i > LEAD ? i - LEAD : 1]);
			free(t);
		}
		i++;
	}
	free(paras);
	*after = best.after;
	return best.text;
}
