/* md_author.c — turns a Markdown article's closing "About the author" section into an author box. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "md.h"
#include "reader.h"

static int S_is_h2(const galley_node *n)
{
	return galley_node_get_type(n) == GALLEY_NODE_HEADING &&
	       galley_node_get_heading_level(n) == 2;
}

/* "About the author", "About the authors:", "About the writer" ... */
static int S_is_author_heading(const galley_node *n)
{
	static const char *const heads[] = {"about the author", "about the writer",
		"about author", NULL};
	if (!S_is_h2(n))
		return 0;
	char *t = galley_collapse_space(galley_trim(galley_node_text(n)));
	int yes = 0;
	for (const char *const *h = heads; *h && !yes; h++) {
		size_t k = strlen(*h);
		const char *rest = t + k;
		yes = strncasecmp(t, *h, k) == 0 &&
		      (*rest == '\0' || strcmp(rest, "s") == 0 || strcmp(rest, ":") == 0 ||
		       strcmp(rest, "s:") == 0);
	}
	free(t);
	return yes;
}

/* Move the inlines of FROM into a new paragraph appended to BIO. */
static void S_paragraph_from(galley_node *bio, galley_node *from)
{
	galley_node *p = galley_node_new(GALLEY_NODE_PARAGRAPH);
	galley_node_set_line(p, galley_node_get_line(from));
	galley_node *c, *next;
	for (c = galley_node_first_child(from); c; c = next) {
		next = galley_node_next(c);
		if (galley_node_is_inline(c))
			galley_node_append_child(p, c);
	}
	if (galley_node_first_child(p))
		galley_node_append_child(bio, p);
	else
		galley_node_free(p);
}

static int S_only_strong(const galley_node *p)
{
	const galley_node *c = galley_node_first_child(p);
	return galley_node_get_type(p) == GALLEY_NODE_PARAGRAPH && c &&
	       galley_node_get_type(c) == GALLEY_NODE_STRONG && !galley_node_next(c);
}

static char *S_text(const galley_node *n)
{
	return galley_collapse_space(galley_trim(galley_node_text(n)));
}

static size_t S_words(const char *t)
{
	size_t n = *t ? 1 : 0;
	for (; *t; t++)
		n += *t == ' ';
	return n;
}

/* A short line with no sentence end: a name on its own (when it is all
 * there is, a very short one). */
static int S_name_line(const galley_node *p)
{
	if (galley_node_get_type(p) != GALLEY_NODE_PARAGRAPH)
		return 0;
	char *t = S_text(p);
	size_t n = strlen(t);
	int yes = n > 0 && n <= 60 && !strchr(".!?:,;", t[n - 1]) &&
	          (galley_node_next(p) || S_words(t) <= 4);
	free(t);
	return yes;
}

/* The name, taken from the section's first block when it is one (the
 * block is then removed), else from the article's authors. */
static char *S_name(galley_node *article, galley_node *first)
{
	galley_node_type t = galley_node_get_type(first);
	if (t == GALLEY_NODE_HEADING || S_only_strong(first) || S_name_line(first)) {
		char *name = S_text(first);
		galley_node_free(first);
		return name;
	}
	galley_node *c = galley_node_first_child(first);
	/* "**Name** is a reporter…": the name, unless the article has several
	 * authors and the byline names them all */
	if (t == GALLEY_NODE_PARAGRAPH && galley_node_get_type(c) == GALLEY_NODE_STRONG &&
	    galley_article_author_count(article) < 2)
		return S_text(c);
	const char *a = galley_article_get(article, GALLEY_META_BYLINE);
	if (!a)
		a = galley_article_get_author(article, 0);
	return a ? galley_xstrdup(a) : NULL;
}

/* One block of the section into the box: the first image is the photo,
 * text blocks become bio paragraphs. */
static void S_take(galley_node *box, galley_node *bio, galley_node *b, galley_node **photo)
{
	galley_node *c, *next;
	switch (galley_node_get_type(b)) {
	case GALLEY_NODE_PARAGRAPH:
		galley_node_append_child(bio, b);
		return;
	case GALLEY_NODE_FIGURE:
		if (!*photo && (c = galley_node_first_child(b)) &&
		    galley_node_get_type(c) == GALLEY_NODE_IMAGE) {
			*photo = c;
			galley_node_append_child(box, c);
		}
		break;
	case GALLEY_NODE_LIST: case GALLEY_NODE_BLOCKQUOTE:
		for (c = galley_node_first_child(b); c; c = next) {
			next = galley_node_next(c);
			S_paragraph_from(bio, c);
		}
		break;
	case GALLEY_NODE_HEADING: case GALLEY_NODE_PULLQUOTE:
		S_paragraph_from(bio, b);
		break;
	default:
		break;
	}
	galley_node_free(b);
}

galley_node *galley_md_author_from(galley_node *article, galley_node *holder, int line)
{
	galley_node *box = galley_node_new(GALLEY_NODE_AUTHOR_BOX);
	galley_node_set_line(box, line);
	galley_node *first = galley_node_first_child(holder);
	char *name = first ? S_name(article, first) : NULL;
	if (name && *name)
		galley_append_text_block(box, GALLEY_NODE_AUTHOR_NAME, name, line);
	free(name);
	galley_node *bio = galley_node_new(GALLEY_NODE_AUTHOR_BIO);
	galley_node *photo = NULL, *b;
	while ((b = galley_node_first_child(holder)) != NULL)
		S_take(box, bio, b, &photo);
	if (galley_node_first_child(bio))
		galley_node_append_child(box, bio);
	else
		galley_node_free(bio);
	if (!galley_node_first_child(box)) {
		galley_node_free(box);
		return NULL;
	}
	return box;
}

void galley_md_author_box(galley_node *article)
{
	galley_node *heading = NULL;
	for (galley_node *c = galley_node_last_child(article); c && !heading;
	     c = galley_node_previous(c))
		if (S_is_author_heading(c))
			heading = c;
	if (!heading)
		return;
	/* the section runs to the next level-2 heading or the end */
	galley_node *holder = galley_node_new(GALLEY_NODE_ARTICLE), *b;
	while ((b = galley_node_next(heading)) != NULL && !S_is_h2(b))
		galley_node_append_child(holder, b);
	galley_node *box = galley_md_author_from(article, holder, galley_node_get_line(heading));
	galley_node_free(holder);
	if (box) {
		galley_node_insert_before(heading, box);
		galley_node_free(heading);
	}
}
