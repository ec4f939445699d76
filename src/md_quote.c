/* md_quote.c — finds a Markdown blockquote's closing "— Name" line, its attribution. */
#include <stdlib.h>
#include <string.h>

#include "md.h"

char galley_md_cite_mark;

/* Length of the dash that opens an attribution ("—", "―", "--", "– "), or 0. */
static size_t S_dash(const char *s)
{
	if (!s)
		return 0;
	if (strncmp(s, "\u2014", 3) == 0 || strncmp(s, "\u2015", 3) == 0)
		return 3;
	if (strncmp(s, "\u2013 ", 4) == 0)
		return 3;
	if (strncmp(s, "--", 2) == 0)
		return s[2] == '-' ? 3 : 2;
	return 0;
}

static int S_is_dash_text(cmark_node *n)
{
	return n && cmark_node_get_type(n) == CMARK_NODE_TEXT &&
	       S_dash(cmark_node_get_literal(n)) > 0;
}

/* Remove the dash (and the spaces after it) from the cite's first text. */
static void S_strip_dash(cmark_node *cite)
{
	cmark_node *t = cmark_node_first_child(cite);
	const char *s = cmark_node_get_literal(t);
	s += S_dash(s);
	while (*s == ' ' || *s == '\t')
		s++;
	char *rest = strdup(s);
	if (rest) {
		cmark_node_set_literal(t, rest);
		free(rest);
	}
}

/* The line break in PARA after which its last line starts with a dash. */
static cmark_node *S_last_break(cmark_node *para)
{
	for (cmark_node *c = cmark_node_last_child(para); c; c = cmark_node_previous(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			return S_is_dash_text(cmark_node_next(c)) ? c : NULL;
	}
	return NULL;
}

void galley_md_mark_attribution(cmark_node *quote)
{
	cmark_node *para = cmark_node_last_child(quote);
	if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return;
	cmark_node *cite = NULL;
	cmark_node *br = S_last_break(para);
	if (br) {
		/* "quote text\n— Name": the last line becomes its own paragraph */
		cite = cmark_node_new(CMARK_NODE_PARAGRAPH);
		cmark_node *c;
		while ((c = cmark_node_next(br)) != NULL)
			cmark_node_append_child(cite, c);
		cmark_node_free(br);
		cmark_node_insert_after(para, cite);
	} else if (S_is_dash_text(cmark_node_first_child(para)) && cmark_node_previous(para)) {
		cite = para;
	}
	if (!cite)
		return;
	S_strip_dash(cite);
	cmark_node_set_user_data(cite, MD_CITE);
}
