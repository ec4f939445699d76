/* stow.c — a long document's article blocks kept out of memory (issue 21).
 *
 * A digest of thousands of articles need not hold every article's tree:
 * the back ends set or write one article at a time.  galley_document_stow
 * writes the blocks of each article to a spool the document owns and frees
 * them; the article node keeps its metadata (title, language, authors...),
 * which the contents, the outline and the running heads need.  A back end
 * brings an article's blocks back while it sets or writes it.
 *
 * The spool is a private record of nodes, field by field, that lives only
 * within one run; it is written here rather than as tree XML because the
 * XML keeps neither the nodes' input line numbers (warnings name them) nor
 * costs as little to read back.  It stays in memory while short and moves
 * to a temporary file once it passes STOW_SPILL; the file is removed as
 * soon as it is made, so a killed run leaves nothing. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "node.h"
#include "util.h"

#define STOW_SPILL ((size_t)4 << 20)

struct galley_spool {
	galley_buf mem;       /* the records, while short */
	FILE *f;              /* the records, once long */
	uint64_t len;         /* bytes written */
};

/* Record flags: which fields follow the type, the flags and the line. */
enum {
	F_LITERAL = 1, F_URL = 2, F_TITLE = 4, F_NOTE_ID = 8, F_AS = 16, F_KIDS = 32
};

static void S_put_string(galley_buf *b, const char *s)
{
	uint32_t n = (uint32_t)strlen(s);
	galley_buf_put(b, (const char *)&n, sizeof n);
	galley_buf_put(b, s, n);
}

/* One node's record: its type (never 0), flags, line, strings, and the
 * node's union when it is not all zero (heading level, list, cell, note). */
static void S_put_node(galley_buf *b, const galley_node *n)
{
	static const char zero[sizeof n->as];
	int flags = (n->literal ? F_LITERAL : 0) | (n->url ? F_URL : 0) |
	            (n->title ? F_TITLE : 0) | (n->note_id ? F_NOTE_ID : 0) |
	            (memcmp(&n->as, zero, sizeof zero) ? F_AS : 0) | (n->first_child ? F_KIDS : 0);
	galley_buf_putc(b, (char)n->type);
	galley_buf_putc(b, (char)flags);
	int32_t line = n->line;
	galley_buf_put(b, (const char *)&line, sizeof line);
	if (n->literal)
		S_put_string(b, n->literal);
	if (n->url)
		S_put_string(b, n->url);
	if (n->title)
		S_put_string(b, n->title);
	if (n->note_id)
		S_put_string(b, n->note_id);
	if (flags & F_AS)
		galley_buf_put(b, (const char *)&n->as, sizeof n->as);
}

/* The blocks of ARTICLE in document order, without recursion: a node
 * with children is followed by them and a 0 byte. */
static void S_put_blocks(galley_buf *b, const galley_node *article)
{
	const galley_node *n = article->first_child;
	while (n) {
		S_put_node(b, n);
		if (n->first_child) {
			n = n->first_child;
			continue;
		}
		while (!n->next) {
			n = n->parent;
			if (n == article)
				return;
			galley_buf_putc(b, 0);
		}
		n = n->next;
	}
}

/* A reader of one record, checked: a short record is a damaged spool. */
struct reader {
	const char *p, *end;
	int bad;
};

static void S_get(struct reader *r, void *out, size_t n)
{
	if ((size_t)(r->end - r->p) < n) {
		r->bad = 1;
		memset(out, 0, n);
		return;
	}
	memcpy(out, r->p, n);
	r->p += n;
}

static char *S_get_string(struct reader *r)
{
	uint32_t n = 0;
	S_get(r, &n, sizeof n);
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = 1;
		return NULL;
	}
	char *s = galley_xstrndup(r->p, n);
	r->p += n;
	return s;
}

static void S_link(galley_node *parent, galley_node *n)
{
	n->parent = parent;
	n->prev = parent->last_child;
	if (parent->last_child)
		parent->last_child->next = n;
	else
		parent->first_child = n;
	parent->last_child = n;
}

/* Rebuild ARTICLE's blocks from R; -1 when the record is damaged. */
static int S_get_blocks(struct reader *r, galley_node *article)
{
	galley_node *parent = article;
	while (r->p < r->end && !r->bad) {
		unsigned char type = (unsigned char)*r->p++;
		if (type == 0) {
			if (parent == article) {
				r->bad = 1;
				break;
			}
			parent = parent->parent;
			continue;
		}
		unsigned char flags = 0;
		int32_t line = 0;
		S_get(r, &flags, 1);
		S_get(r, &line, sizeof line);
		galley_node *n = galley_xcalloc(1, sizeof *n);
		n->type = (galley_node_type)type;
		n->line = line;
		S_link(parent, n);
		if (flags & F_LITERAL)
			n->literal = S_get_string(r);
		if (flags & F_URL)
			n->url = S_get_string(r);
		if (flags & F_TITLE)
			n->title = S_get_string(r);
		if (flags & F_NOTE_ID)
			n->note_id = S_get_string(r);
		if (flags & F_AS)
			S_get(r, &n->as, sizeof n->as);
		if (flags & F_KIDS)
			parent = n;
	}
	return r->bad ? -1 : 0;
}

/* Append LEN bytes to the spool: in memory until it is long, then in
 * its file.  A spool that cannot have a file stays in memory. */
static int S_append(struct galley_spool *s, const char *data, size_t len)
{
	if (!s->f && s->mem.len + len >= STOW_SPILL && (s->f = galley_temp_file("stow")) != NULL) {
		if (fwrite(s->mem.data, 1, s->mem.len, s->f) != s->mem.len) {
			fclose(s->f);
			s->f = NULL;
		} else {
			galley_buf_free(&s->mem);
		}
	}
	if (s->f) {
		if (fseeko(s->f, 0, SEEK_END) != 0 || fwrite(data, 1, len, s->f) != len)
			return -1;
	} else {
		galley_buf_put(&s->mem, data, len);
	}
	s->len += len;
	return 0;
}

void galley_spool_free(struct galley_spool *s)
{
	if (!s)
		return;
	galley_buf_free(&s->mem);
	if (s->f)
		fclose(s->f);
	free(s);
}

static void S_free_blocks(galley_node *article)
{
	while (article->first_child)
		galley_node_free(article->first_child);
}

int galley_document_stow(galley_node *doc)
{
	if (!doc || doc->type != GALLEY_NODE_DOCUMENT)
		return -1;
	galley_buf rec = GALLEY_BUF_INIT;
	int rc = 0;
	for (galley_node *a = doc->first_child; a && rc == 0; a = a->next) {
		struct galley_article_data *d = a->type == GALLEY_NODE_ARTICLE ? a->as.article : NULL;
		if (!d || d->stowed)
			continue;
		if (!doc->as.spool)
			doc->as.spool = galley_xcalloc(1, sizeof *doc->as.spool);
		rec.len = 0;
		S_put_blocks(&rec, a);
		d->stow_at = doc->as.spool->len;
		d->stow_len = rec.len;
		if ((rc = S_append(doc->as.spool, rec.data ? rec.data : "", rec.len)) != 0)
			break;
		d->stowed = 1;
		d->paged_out = 1;
		S_free_blocks(a);
	}
	galley_buf_free(&rec);
	return rc;
}

int galley_article_load(galley_node *article)
{
	struct galley_article_data *d = article && article->type == GALLEY_NODE_ARTICLE
	                              ? article->as.article : NULL;
	if (!d || !d->paged_out)
		return 0;
	struct galley_spool *s = article->parent ? article->parent->as.spool : NULL;
	if (!s)
		return -1;
	if (d->stow_len == 0) {
		d->paged_out = 0;
		return 1;
	}
	char *copy = NULL;
	const char *p;
	if (s->f) {
		copy = galley_xmalloc(d->stow_len);
		if (fflush(s->f) != 0 || fseeko(s->f, (off_t)d->stow_at, SEEK_SET) != 0 ||
		    fread(copy, 1, d->stow_len, s->f) != d->stow_len) {
			free(copy);
			return -1;
		}
		p = copy;
	} else {
		p = s->mem.data + d->stow_at;
	}
	struct reader r = {p, p + d->stow_len, 0};
	int rc = S_get_blocks(&r, article);
	free(copy);
	if (rc != 0) {
		S_free_blocks(article);
		return -1;
	}
	d->paged_out = 0;
	return 1;
}

void galley_article_unload(galley_node *article)
{
	struct galley_article_data *d = article && article->type == GALLEY_NODE_ARTICLE
	                              ? article->as.article : NULL;
	if (!d || !d->stowed || d->paged_out)
		return;
	S_free_blocks(article);
	d->paged_out = 1;
}
