/* typeset_text.c — turns a block's inline nodes into one string with pango
 * attributes (emphasis, strong, code) and link ranges, adding no-break
 * spaces and soft hyphens on the way. */
#include <stdio.h>
#include <string.h>

#include "typeset.h"

#define MAX_NEST 32   /* deeper inline nesting keeps its text, not its style */

struct inline_state {
	const struct ts_flow *flow;
	const galley_hyphenator *hyph;
	int italic;
	galley_buf *out;
	PangoAttrList *attrs;
	struct ts_link **links;
	size_t *n_links;
	size_t starts[MAX_NEST];
	int depth;
	size_t ref_end;       /* where the last note reference mark ended (0: none) */
};

/* Append TEXT: whitespace collapsed against what is already there, then
 * ties and soft hyphens. */
static void S_text(struct inline_state *st, const char *text, int hyphenate)
{
	galley_buf flat = GALLEY_BUF_INIT, tied = GALLEY_BUF_INIT;
	int space = st->out->len == 0 || st->out->data[st->out->len - 1] == ' ' ||
	            st->out->data[st->out->len - 1] == '\n';
	galley_buf_grow(&flat, strlen(text));
	for (const char *p = text; *p; p++) {
		int ws = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
		if (ws && space)
			continue;
		flat.data[flat.len++] = ws ? ' ' : *p;
		space = ws;
	}
	flat.data[flat.len] = '\0';
	if (!flat.len) {
		galley_buf_free(&flat);
		return;
	}
	galley_ties(flat.data, &tied);
	if (hyphenate && st->hyph)
		galley_hyphenate(st->hyph, tied.data, st->out);
	else
		galley_buf_put(st->out, tied.data, tied.len);
	galley_buf_free(&flat);
	galley_buf_free(&tied);
}

static void S_attr(struct inline_state *st, PangoAttribute *a, size_t start)
{
	a->start_index = (guint)start;
	a->end_index = (guint)st->out->len;
	pango_attr_list_insert(st->attrs, a);
}

static void S_enter(struct inline_state *st, galley_node *n)
{
	switch (galley_node_get_type(n)) {
	case GALLEY_NODE_TEXT:
		S_text(st, galley_node_get_literal(n), 1);
		break;
	case GALLEY_NODE_CODE: {
		size_t start = st->out->len;
		S_text(st, galley_node_get_literal(n), 0);
		const char *family = st->flow->layout->role[GALLEY_ROLE_CODE].family;
		S_attr(st, pango_attr_family_new(family), start);
		S_attr(st, pango_attr_scale_new(0.9), start);
		break;
	}
	case GALLEY_NODE_NOTEREF: {
		/* the note's number, raised and smaller; a leaf, so no EXIT */
		int number = galley_node_get_note_number(n);
		if (number <= 0)
			break;
		size_t start = st->out->len;
		char mark[16];
		/* marks side by side are told apart by a comma: 3,4 not 34 */
		snprintf(mark, sizeof mark, "%s%d", st->ref_end && st->ref_end == start ? "," : "",
		         number);
		galley_buf_puts(st->out, mark);
		st->ref_end = st->out->len;
		double size = st->flow->layout->role[GALLEY_ROLE_BODY].size;
		S_attr(st, pango_attr_rise_new((int)(size * 0.35 * PANGO_SCALE)), start);
		S_attr(st, pango_attr_scale_new(0.68), start);
		/* the page breaker sets the note on this mark's page */
		*st->links = galley_xrealloc(*st->links, (*st->n_links + 1) * sizeof **st->links);
		struct ts_link *l = &(*st->links)[(*st->n_links)++];
		l->start = (int)start;
		l->end = (int)st->out->len;
		l->url = NULL;
		l->note = number;
		break;
	}
	case GALLEY_NODE_LINEBREAK:
		while (st->out->len && st->out->data[st->out->len - 1] == ' ')
			st->out->data[--st->out->len] = '\0';
		galley_buf_putc(st->out, '\n');
		break;
	default:
		if (st->depth < MAX_NEST)
			st->starts[st->depth] = st->out->len;
		st->depth++;
		break;
	}
}

static void S_exit(struct inline_state *st, galley_node *n)
{
	if (--st->depth >= MAX_NEST || st->out->len == st->starts[st->depth])
		return;
	size_t start = st->starts[st->depth];
	switch (galley_node_get_type(n)) {
	case GALLEY_NODE_EMPH:
		S_attr(st, pango_attr_style_new(st->italic ? PANGO_STYLE_NORMAL : PANGO_STYLE_ITALIC), start);
		break;
	case GALLEY_NODE_STRONG:
		S_attr(st, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start);
		break;
	case GALLEY_NODE_LINK: {
		const char *url = galley_node_get_url(n);
		if (!url || !*url)
			break;
		*st->links = galley_xrealloc(*st->links, (*st->n_links + 1) * sizeof **st->links);
		struct ts_link *l = &(*st->links)[(*st->n_links)++];
		l->start = (int)start;
		l->end = (int)st->out->len;
		l->url = galley_xstrdup(url);
		l->note = 0;
		break;
	}
	default:
		break;
	}
}

void galley_inline_text(const galley_node *node, const struct ts_flow *flow,
                        const galley_hyphenator *hyph, int italic,
                        galley_buf *out, PangoAttrList *attrs,
                        struct ts_link **links, size_t *n_links)
{
	struct inline_state st = {flow, hyph, italic, out, attrs, links, n_links, {0}, 0, 0};
	galley_iter *it = galley_iter_new((galley_node *)node);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *n = galley_iter_get_node(it);
		if (n == node)
			continue;
		/* nested blocks (lists inside items) are set as blocks of their own */
		if (galley_node_is_block(n)) {
			if (ev == GALLEY_EVENT_ENTER)
				galley_iter_reset(it, n, GALLEY_EVENT_EXIT);
			continue;
		}
		if (ev == GALLEY_EVENT_ENTER)
			S_enter(&st, n);
		else
			S_exit(&st, n);
	}
	galley_iter_free(it);
	while (out->len && (out->data[out->len - 1] == ' ' || out->data[out->len - 1] == '\n'))
		out->data[--out->len] = '\0';
}
