/* validate.c — repairs a freshly read tree so that back ends can trust it (mandoc's validate pass). */
#include <stdlib.h>
#include <string.h>

#include "node.h"
#include "reader.h"

/* Blocks that mean nothing without text in them. */
static int S_needs_text(galley_node_type t)
{
	switch (t) {
	case GALLEY_NODE_PARAGRAPH: case GALLEY_NODE_HEADING: case GALLEY_NODE_PULLQUOTE:
	case GALLEY_NODE_CITE: case GALLEY_NODE_CAPTION: case GALLEY_NODE_AUTHOR_NAME:
	case GALLEY_NODE_ITEM: case GALLEY_NODE_TABLE_CAPTION:
		return 1;
	default:
		return 0;
	}
}

/* Containers that mean nothing without children. */
static int S_needs_children(galley_node_type t)
{
	switch (t) {
	case GALLEY_NODE_BLOCKQUOTE: case GALLEY_NODE_LIST: case GALLEY_NODE_AUTHOR_BIO:
	case GALLEY_NODE_EMPH: case GALLEY_NODE_STRONG: case GALLEY_NODE_LINK:
	case GALLEY_NODE_THEAD: case GALLEY_NODE_TBODY: case GALLEY_NODE_ROW:
	case GALLEY_NODE_FOOTNOTE:
		return 1;
	default:
		return 0;
	}
}

/* Any non-blank text (or a nested list) under N.  Walked, not recursed:
 * inline nesting depth comes from the input. */
static int S_has_text(galley_node *n)
{
	int found = 0;
	galley_iter *it = galley_iter_new(n);
	galley_event ev;
	while (!found && (ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *c = galley_iter_get_node(it);
		if (ev != GALLEY_EVENT_ENTER || c == n)
			continue;
		if (c->type == GALLEY_NODE_LIST)
			found = 1;
		else if ((c->type == GALLEY_NODE_TEXT || c->type == GALLEY_NODE_CODE) && c->literal)
			for (const char *s = c->literal; *s && !found; s++)
				found = !galley_is_space((unsigned char)*s);
	}
	galley_iter_free(it);
	return found;
}

static int S_is_empty(galley_node *n)
{
	if (n->type == GALLEY_NODE_TEXT)
		return !n->literal || !*n->literal;
	if (n->type == GALLEY_NODE_FIGURE)
		return !n->first_child;
	if (n->type == GALLEY_NODE_TABLE)  /* a caption alone is no table */
		return !n->last_child || n->last_child->type == GALLEY_NODE_TABLE_CAPTION;
	if (S_needs_children(n->type) && !n->first_child)
		return 1;
	return S_needs_text(n->type) && !S_has_text(n);
}

/* Join adjacent TEXT children into one: readers append text piecemeal. */
static void S_merge_text(galley_node *n)
{
	galley_node *c = n->first_child;
	while (c && c->next) {
		galley_node *next = c->next;
		if (c->type == GALLEY_NODE_TEXT && next->type == GALLEY_NODE_TEXT) {
			char *joined = galley_xasprintf("%s%s", c->literal ? c->literal : "",
			                                next->literal ? next->literal : "");
			free(c->literal);
			c->literal = joined;
			galley_node_free(next);
			continue;
		}
		c = next;
	}
}

static void S_prune_children(galley_node *n)
{
	galley_node *c = n->first_child;
	while (c) {
		galley_node *next = c->next;
		if (S_is_empty(c))
			galley_node_free(c);
		c = next;
	}
}

/* Leading and trailing spaces of a text block are layout, not content. */
static void S_trim_ends(galley_node *n)
{
	/* an empty cell keeps its place in the grid, so it is trimmed, not dropped */
	if (!S_needs_text(n->type) && n->type != GALLEY_NODE_CELL)
		return;
	galley_node *first = n->first_child, *last = n->last_child;
	if (first && first->type == GALLEY_NODE_TEXT && first->literal) {
		char *s = first->literal;
		size_t k = 0;
		while (galley_is_space((unsigned char)s[k]))
			k++;
		memmove(s, s + k, strlen(s + k) + 1);
	}
	if (last && last->type == GALLEY_NODE_TEXT && last->literal) {
		char *s = last->literal;
		size_t len = strlen(s);
		while (len > 0 && galley_is_space((unsigned char)s[len - 1]))
			s[--len] = '\0';
	}
}

void galley_validate(galley_node *doc)
{
	galley_iter *it = galley_iter_new(doc);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *n = galley_iter_get_node(it);
		if (ev != GALLEY_EVENT_EXIT)
			continue;
		/* every child has been exited, so its own repairs are done */
		S_merge_text(n);
		S_trim_ends(n);
		S_prune_children(n);
		if (n->type == GALLEY_NODE_ARTICLE)
			galley_validate_notes(n);
		if (n->type == GALLEY_NODE_ARTICLE && !galley_article_get(n, GALLEY_META_LANG))
			galley_article_set(n, GALLEY_META_LANG, "en");
	}
	galley_iter_free(it);
}
