/* iter.c — the depth-first walker with ENTER/EXIT events that every renderer uses. */
#include <stdlib.h>
#include "node.h"
#include "util.h"

struct galley_iter {
	galley_node *root;
	galley_node *node;
	galley_event event;
	galley_node *paged;   /* a stowed article this walker brought back */
};

int galley_node_is_leaf(const galley_node *node)
{
	switch (galley_node_get_type(node)) {
	case GALLEY_NODE_TEXT: case GALLEY_NODE_CODE: case GALLEY_NODE_CODE_BLOCK:
	case GALLEY_NODE_IMAGE: case GALLEY_NODE_SEPARATOR: case GALLEY_NODE_LINEBREAK:
	case GALLEY_NODE_NOTEREF:
		return 1;
	default:
		return 0;
	}
}

galley_iter *galley_iter_new(galley_node *root)
{
	if (!root)
		return NULL;
	galley_iter *it = galley_xcalloc(1, sizeof *it);
	it->root = root;
	it->event = GALLEY_EVENT_NONE;
	return it;
}

void galley_iter_free(galley_iter *iter)
{
	if (iter && iter->paged)
		galley_article_unload(iter->paged);
	free(iter);
}

/* Entering a stowed article brings its blocks back (stow.c); leaving it
 * frees them again, so a walk over a long digest holds one article. */
static galley_event S_enter(galley_iter *it, galley_node *n)
{
	it->node = n;
	if (n->type == GALLEY_NODE_ARTICLE && !it->paged && galley_article_load(n) == 1)
		it->paged = n;
	return it->event = GALLEY_EVENT_ENTER;
}

static galley_event S_exit(galley_iter *it, galley_node *n)
{
	it->node = n;
	if (n == it->paged) {
		galley_article_unload(n);
		it->paged = NULL;
	}
	return it->event = GALLEY_EVENT_EXIT;
}

galley_event galley_iter_next(galley_iter *it)
{
	if (!it || it->event == GALLEY_EVENT_DONE)
		return GALLEY_EVENT_DONE;
	if (it->event == GALLEY_EVENT_NONE)
		return S_enter(it, it->root);
	galley_node *n = it->node;
	if (it->event == GALLEY_EVENT_ENTER && !galley_node_is_leaf(n)) {
		if (n->first_child)
			return S_enter(it, n->first_child);
		return S_exit(it, n);
	}
	if (n == it->root) {
		it->node = NULL;
		return it->event = GALLEY_EVENT_DONE;
	}
	if (n->next)
		return S_enter(it, n->next);
	if (n->parent)
		return S_exit(it, n->parent);
	it->node = NULL;
	return it->event = GALLEY_EVENT_DONE;
}

galley_node *galley_iter_get_node(const galley_iter *it)
{
	return it ? it->node : NULL;
}

galley_event galley_iter_get_event(const galley_iter *it)
{
	return it ? it->event : GALLEY_EVENT_NONE;
}

void galley_iter_reset(galley_iter *it, galley_node *node, galley_event event)
{
	if (!it)
		return;
	it->node = node;
	it->event = event;
}

/* Concatenated text of the inline leaves under NODE (line breaks as spaces). */
char *galley_node_text(const galley_node *node)
{
	galley_buf b = GALLEY_BUF_INIT;
	galley_iter *it = galley_iter_new((galley_node *)node);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *n = galley_iter_get_node(it);
		if (ev != GALLEY_EVENT_ENTER)
			continue;
		if (n->type == GALLEY_NODE_TEXT || n->type == GALLEY_NODE_CODE)
			galley_buf_puts(&b, n->literal ? n->literal : "");
		else if (n->type == GALLEY_NODE_LINEBREAK)
			galley_buf_putc(&b, ' ');
	}
	galley_iter_free(it);
	return galley_buf_detach(&b);
}
