/* md_fence.c — finds ":::author" … ":::" fenced blocks, galley's Markdown syntax for an author box. */
#include <string.h>

#include "md.h"

char galley_md_author_mark;

/* 1 if N is a TEXT node reading WORD (ignoring surrounding spaces). */
static int S_text_is(cmark_node *n, const char *const *words)
{
	if (!n || cmark_node_get_type(n) != CMARK_NODE_TEXT)
		return 0;
	const char *s = cmark_node_get_literal(n);
	while (*s == ' ')
		s++;
	size_t len = strlen(s);
	while (len && s[len - 1] == ' ')
		len--;
	for (; *words; words++)
		if (strlen(*words) == len && strncmp(s, *words, len) == 0)
			return 1;
	return 0;
}

static int S_is_break(cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);
	return n && (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK);
}

/* The fence line: a text alone on the first (or last) line of PARA. */
static cmark_node *S_fence(cmark_node *para, int last, const char *const *words)
{
	if (cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return NULL;
	cmark_node *t = last ? cmark_node_last_child(para) : cmark_node_first_child(para);
	cmark_node *beside = last ? cmark_node_previous(t) : cmark_node_next(t);
	return S_text_is(t, words) && (!beside || S_is_break(beside)) ? t : NULL;
}

/* Remove fence line T and the line break beside it; an emptied paragraph
 * is freed (returns 1 then). */
static int S_cut(cmark_node *para, cmark_node *t, int last)
{
	cmark_node *br = last ? cmark_node_previous(t) : cmark_node_next(t);
	cmark_node_free(t);
	if (br)
		cmark_node_free(br);
	if (cmark_node_first_child(para))
		return 0;
	cmark_node_free(para);
	return 1;
}

static const char *const S_open[] = {":::author", "::: author", NULL};
static const char *const S_close[] = {":::", NULL};

/* Move nodes from N on into BOX up to and including the one whose last
 * line closes the fence; returns the node after the block. */
static cmark_node *S_gather(cmark_node *box, cmark_node *n)
{
	while (n) {
		cmark_node *next = cmark_node_next(n);
		cmark_node *t = S_fence(n, 1, S_close);
		if (t && S_cut(n, t, 1))
			return next;
		cmark_node_append_child(box, n);
		if (t)
			return next;
		n = next;
	}
	return NULL;
}

void galley_md_mark_author_blocks(cmark_node *root)
{
	cmark_node *n = cmark_node_first_child(root);
	while (n) {
		cmark_node *t = S_fence(n, 0, S_open);
		if (!t) {
			n = cmark_node_next(n);
			continue;
		}
		cmark_node *box = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
		cmark_node_set_user_data(box, MD_AUTHOR);
		cmark_node_insert_before(n, box);
		cmark_node *next = cmark_node_next(n);
		if (!S_cut(n, t, 0))
			next = n;
		n = S_gather(box, next);
	}
}
