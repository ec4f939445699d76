/* read_text.c — the plain-text reader: infers the structure of a scraped article (issue 2) in passes over lines and blocks. */
#include <stdlib.h>
#include <string.h>

#include "text.h"

struct text_block *galley_text_push(struct text_doc *d, char *text, int line)
{
	if (d->nblocks == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->blocks = galley_xrealloc(d->blocks, d->cap * sizeof *d->blocks);
	}
	struct text_block *b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof *b);
	b->text = text;
	b->line = line;
	b->width = galley_text_width(text, strlen(text));
	return b;
}

static int S_has_text(const struct text_doc *d)
{
	for (size_t i = 0; i < d->nlines; i++)
		if (!(d->lines[i].flags & TL_BLANK))
			return 1;
	return 0;
}

static void S_free(struct text_doc *d)
{
	for (size_t i = 0; i < d->nblocks; i++)
		free(d->blocks[i].text);
	free(d->blocks);
	free(d->lines);
	free(d->author);
	galley_text_notes_free(d);
}

/* The passes, in order: lines, head, boilerplate, paragraphs, notes, the
 * prose, the tail (lead-ins, author box), then headings and quotations. */
static void S_read(struct text_doc *d, const struct text_junk *junk)
{
	galley_text_head(d, junk);
	galley_text_assemble(d);
	galley_text_junk_blocks(d, junk);
	galley_text_notes_take(d);
	galley_text_prose(d);
	galley_text_byline_above(d, galley_text_prose_start(d));
	galley_text_trim_tail(d);
	galley_text_author(d);
	galley_text_classify(d);
	galley_text_emit(d);
	galley_text_notes_emit(d);
}

galley_node *galley_read_text(const char *data, size_t len,
                              const galley_options *opts, galley_diag *diag)
{
	galley_buf in = GALLEY_BUF_INIT;
	galley_input_utf8(data ? data : "", data ? len : 0, &in, diag);
	struct text_doc d;
	memset(&d, 0, sizeof d);
	d.diag = diag;
	d.repeats = opts ? opts->repeats : NULL;
	galley_text_split(&d, in.data);
	galley_node *doc = NULL;
	if (!S_has_text(&d)) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "no text");
		goto out;
	}
	const struct text_junk *junk =
		galley_text_junk_shared(opts ? opts->boilerplate_file : NULL, diag);
	if (!junk)
		goto out;
	doc = galley_document_with_article(&d.article);
	galley_article_set(d.article, GALLEY_META_LANG, "en");
	S_read(&d, junk);
out:
	S_free(&d);
	galley_buf_free(&in);
	return doc;
}
