/* text_notes.c — numbered notes of a plain-text article.  Lines such as
 * "[1] Source: Harbour Authority, annual report 2019" become footnotes when
 * the text above them holds their marker ("... forty-one passengers.[1]");
 * each marker becomes a reference to its note.  A "[N]" line whose marker
 * the text never uses is left alone: a list of links or a table's row may
 * be numbered that way too.  The notes leave the block list before the
 * prose is told from the junk, so that their short, link-heavy lines never
 * count as the page's tail. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Notes are numbered as writers number them: 1 to 999. */
#define NOTE_MAX_NUMBER 999

/* The number of a marker "[N]" at P, with its length in *LEN; 0 if none. */
static int S_marker(const char *p, size_t *len)
{
	if (p[0] != '[' || p[1] < '1' || p[1] > '9')
		return 0;
	int n = 0;
	size_t k = 1;
	while (p[k] >= '0' && p[k] <= '9' && n <= NOTE_MAX_NUMBER)
		n = n * 10 + (p[k++] - '0');
	if (p[k] != ']' || n > NOTE_MAX_NUMBER)
		return 0;
	*len = k + 1;
	return n;
}

/* The number of a note line "[N] text", with the bytes before its text in
 * *SKIP; 0 if the block is none. */
static int S_note_line(const struct text_block *b, size_t *skip)
{
	size_t len;
	int n = S_marker(b->text, &len);
	if (!n || b->text[len] != ' ')
		return 0;
	while (b->text[len] == ' ')
		len++;
	if (!b->text[len])
		return 0;
	*skip = len;
	return n;
}

/* 1 if TEXT holds the marker of note N. */
static int S_has_marker(const char *text, int n)
{
	for (const char *p = strchr(text, '['); p; p = strchr(p + 1, '[')) {
		size_t len;
		if (S_marker(p, &len) == n)
			return 1;
	}
	return 0;
}

/* 1 if one of the first KEPT blocks (the ones before the block looked at,
 * notes already taken out) holds the marker of N. */
static int S_referenced(const struct text_doc *d, size_t kept, int n)
{
	for (size_t k = 0; k < kept; k++) {
		size_t skip;
		if (d->blocks[k].kind != TK_DROP && !S_note_line(&d->blocks[k], &skip) &&
		    S_has_marker(d->blocks[k].text, n))
			return 1;
	}
	return 0;
}

static int S_taken(const struct text_doc *d, int n)
{
	for (size_t i = 0; i < d->nnotes; i++)
		if (d->notes[i].number == n)
			return 1;
	return 0;
}

void galley_text_notes_take(struct text_doc *d)
{
	size_t kept = 0;
	for (size_t i = 0; i < d->nblocks; i++) {
		struct text_block *b = &d->blocks[i];
		size_t skip = 0;
		int n = b->kind == TK_PARA ? S_note_line(b, &skip) : 0;
		if (n && !S_taken(d, n) && S_referenced(d, kept, n)) {
			d->notes = galley_xrealloc(d->notes, (d->nnotes + 1) * sizeof *d->notes);
			d->notes[d->nnotes++] = (struct text_note){galley_xstrdup(b->text + skip), n, b->line};
			free(b->text);
			continue;
		}
		d->blocks[kept++] = *b;
	}
	d->nblocks = kept;
}

static void S_note_id(char id[16], int n)
{
	snprintf(id, 16, "n%d", n);
}

galley_node *galley_text_append_block(const struct text_doc *d, galley_node *parent,
                                      galley_node_type type, const char *text, int line)
{
	if (d->nnotes == 0)
		return galley_append_text_block(parent, type, text, line);
	galley_node *b = galley_append_text_block(parent, type, NULL, line);
	if (!b)
		return NULL;
	const char *from = text;
	for (const char *p = strchr(text, '['); p; p = strchr(p + 1, '[')) {
		size_t len;
		int n = S_marker(p, &len);
		if (!n || !S_taken(d, n))
			continue;
		char *before = galley_xstrndup(from, (size_t)(p - from));
		galley_append_text(b, before);
		free(before);
		char id[16];
		S_note_id(id, n);
		galley_node *ref = galley_node_new(GALLEY_NODE_NOTEREF);
		galley_node_set_note_id(ref, id);
		if (!galley_node_append_child(b, ref))
			galley_node_free(ref);
		from = p + len;
		p += len - 1;
	}
	galley_append_text(b, from);
	return b;
}

void galley_text_notes_emit(struct text_doc *d)
{
	for (size_t i = 0; i < d->nnotes; i++) {
		char id[16];
		S_note_id(id, d->notes[i].number);
		galley_node *fn = galley_node_new(GALLEY_NODE_FOOTNOTE);
		galley_node_set_note_id(fn, id);
		galley_node_set_line(fn, d->notes[i].line);
		galley_append_text_block(fn, GALLEY_NODE_PARAGRAPH, d->notes[i].text, d->notes[i].line);
		if (!galley_node_append_child(d->article, fn))
			galley_node_free(fn);
	}
}

void galley_text_notes_free(struct text_doc *d)
{
	for (size_t i = 0; i < d->nnotes; i++)
		free(d->notes[i].text);
	free(d->notes);
}
