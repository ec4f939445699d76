/* node.h — the private layout of a tree node, shared by the files of libgalley. */
#ifndef GALLEY_NODE_H
#define GALLEY_NODE_H

#include <stdint.h>

#include "galley.h"

/* Article metadata; owned by the article node. */
struct galley_article_data {
	char *meta[GALLEY_META_COUNT];
	char **authors;
	size_t n_authors;
	char **tags;
	size_t n_tags;
	/* stow.c: the article's blocks, once stowed, are a record of its
	 * document's spool; PAGED_OUT while they are not in memory */
	uint64_t stow_at;
	size_t stow_len;
	int stowed, paged_out;
};

/* stow.c: the spool of a document's stowed articles. */
struct galley_spool;
void galley_spool_free(struct galley_spool *s);

struct galley_node {
	galley_node *parent;
	galley_node *first_child;
	galley_node *last_child;
	galley_node *prev;
	galley_node *next;
	galley_node_type type;
	int line;
	char *literal;  /* TEXT, CODE, CODE_BLOCK */
	char *url;      /* LINK href, IMAGE src */
	char *title;    /* LINK title, IMAGE alt */
	char *doc_title; /* DOCUMENT: digest title (src/document.c) */
	char *doc_date;  /* DOCUMENT: digest date, ISO 8601 */
	char *note_id;   /* FOOTNOTE id, NOTEREF ref */
	union {
		struct { int level; } heading;
		struct { int ordered; } list;
		struct { int header, colspan, rowspan; galley_cell_align align; } cell;
		struct { int number; } note;  /* FOOTNOTE, NOTEREF: set by validate */
		struct galley_article_data *article;
		struct galley_spool *spool;   /* DOCUMENT: its stowed articles */
	} as;
};

#endif
