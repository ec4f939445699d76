/* validate_notes.c — numbers an article's footnotes in the order they are first referenced and sets them at its end. */
#include <stdlib.h>
#include <string.h>

#include "node.h"
#include "reader.h"

struct notes {
	galley_node **refs, **notes;
	size_t n_refs, n_notes;
};

static void S_push(galley_node ***list, size_t *n, galley_node *node)
{
	if ((*n & (*n - 1)) == 0)  /* grow at each power of two */
		*list = galley_xrealloc(*list, (*n ? *n * 2 : 1) * sizeof **list);
	(*list)[(*n)++] = node;
}

static int S_inside_note(const galley_node *n)
{
	for (; n; n = n->parent)
		if (n->type == GALLEY_NODE_FOOTNOTE)
			return 1;
	return 0;
}

/* The article's references (in reading order) and its notes.  A reference
 * inside a note is dropped: a note that points at a note would make the
 * numbering depend on itself. */
static void S_collect(galley_node *article, struct notes *ns)
{
	galley_iter *it = galley_iter_new(article);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *n = galley_iter_get_node(it);
		if (ev != GALLEY_EVENT_ENTER)
			continue;
		if (n->type == GALLEY_NODE_FOOTNOTE && n->parent == article)
			S_push(&ns->notes, &ns->n_notes, n);
		else if (n->type == GALLEY_NODE_NOTEREF)
			S_push(&ns->refs, &ns->n_refs, n);
	}
	galley_iter_free(it);
}

static galley_node *S_find(struct notes *ns, const char *id)
{
	for (size_t i = 0; id && i < ns->n_notes; i++)
		if (ns->notes[i]->note_id && strcmp(ns->notes[i]->note_id, id) == 0)
			return ns->notes[i];
	return NULL;
}

static void S_set_number(galley_node *n, int number)
{
	char id[24];
	snprintf(id, sizeof id, "n%d", number);
	galley_node_set_note_id(n, id);
	n->as.note.number = number;
}

/* Numbers are given by first reference; a reference to no note is dropped.
 * Notes nobody references keep their text and come last. */
static int S_number(struct notes *ns)
{
	int next = 0;
	for (size_t i = 0; i < ns->n_notes; i++)
		ns->notes[i]->as.note.number = 0;
	for (size_t i = 0; i < ns->n_refs; i++) {
		galley_node *ref = ns->refs[i];
		galley_node *note = S_inside_note(ref) ? NULL : S_find(ns, ref->note_id);
		if (!note) {
			galley_node_free(ref);
			ns->refs[i] = NULL;
			continue;
		}
		if (!note->as.note.number)
			note->as.note.number = ++next;
		ref->as.note.number = note->as.note.number;
	}
	for (size_t i = 0; i < ns->n_notes; i++)
		if (!ns->notes[i]->as.note.number)
			ns->notes[i]->as.note.number = ++next;
	return next;
}

static int S_by_number(const void *a, const void *b)
{
	const galley_node *x = *(galley_node *const *)a, *y = *(galley_node *const *)b;
	return (x->as.note.number > y->as.note.number) - (x->as.note.number < y->as.note.number);
}

void galley_validate_notes(galley_node *article)
{
	struct notes ns = {0};
	S_collect(article, &ns);
	if (ns.n_notes || ns.n_refs) {
		S_number(&ns);
		for (size_t i = 0; i < ns.n_refs; i++)
			if (ns.refs[i])
				S_set_number(ns.refs[i], ns.refs[i]->as.note.number);
		qsort(ns.notes, ns.n_notes, sizeof *ns.notes, S_by_number);
		for (size_t i = 0; i < ns.n_notes; i++) {
			S_set_number(ns.notes[i], ns.notes[i]->as.note.number);
			galley_node_append_child(article, ns.notes[i]);
		}
	}
	free(ns.refs);
	free(ns.notes);
}
