/* md_tree.c — maps cmark's Markdown tree onto galley's, with cmark's iterator (no recursion). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "md.h"
#include "reader.h"

/* The deepest a node is set below the document: 32 levels of lists, a
 * quarter of what the tree XML reader takes back (256 elements). */
#define MD_MAX_DEPTH 64

struct md_state {
	galley_node *article;
	galley_node *cur;       /* where the current cmark node's content goes */
	galley_node *pending;   /* figures waiting for the end of a top-level block */
	galley_buf text;        /* adjacent text and soft breaks, joined */
	galley_node *text_parent;
	cmark_iter *iter;
	int line_offset;
	int h1_seen;            /* the first level-1 heading was met */
	int heading_seen;
	galley_diag *diag;
	int notes;              /* footnote definitions met, in cmark-gfm's order */
};

static int S_can(const galley_node *parent, galley_node_type t)
{
	return galley_node_can_contain(galley_node_get_type(parent), t);
}

static int S_line(struct md_state *st, cmark_node *n)
{
	int l = cmark_node_get_start_line(n);
	return l > 0 ? l + st->line_offset : 0;
}

static galley_node *S_append(struct md_state *st, galley_node *parent,
                             galley_node_type t, cmark_node *n)
{
	galley_node *g = galley_node_new(t);
	galley_node_set_line(g, S_line(st, n));
	if (!galley_node_append_child(parent, g)) {
		galley_node_free(g);
		return NULL;
	}
	return g;
}

static void S_flush_text(struct md_state *st)
{
	if (st->text.len && st->text_parent)
		galley_append_text(st->text_parent, st->text.data);
	galley_buf_clear(&st->text);
	st->text_parent = NULL;
}

static void S_text(struct md_state *st, const char *s)
{
	if (!s || !*s || !S_can(st->cur, GALLEY_NODE_TEXT))
		return;
	if (st->text_parent != st->cur)
		S_flush_text(st);
	st->text_parent = st->cur;
	/* a dropped inline (an image made a figure) leaves two spaces */
	const galley_node *last = galley_node_last_child(st->cur);
	const char *prev = st->text.len ? st->text.data
	                 : galley_node_get_type(last) == GALLEY_NODE_TEXT ? galley_node_get_literal(last) : "";
	size_t n = strlen(prev);
	if (*s == ' ' && n && prev[n - 1] == ' ')
		s++;
	galley_buf_puts(&st->text, s);
}

/* A block that holds inlines (paragraph, heading, cite): made where it may
 * stand, else a paragraph, else its inlines join an ITEM or inline parent
 * after a line break. */
static galley_node *S_open_leaf(struct md_state *st, galley_node_type t, cmark_node *n)
{
	if (S_can(st->cur, t))
		return S_append(st, st->cur, t, n);
	if (S_can(st->cur, GALLEY_NODE_PARAGRAPH))
		return S_append(st, st->cur, GALLEY_NODE_PARAGRAPH, n);
	if (S_can(st->cur, GALLEY_NODE_LINEBREAK) && galley_node_last_child(st->cur))
		S_append(st, st->cur, GALLEY_NODE_LINEBREAK, n);
	return st->cur;
}

/* 1 when NODE is MD_MAX_DEPTH nodes below the document or deeper. */
static int S_too_deep(const galley_node *node)
{
	int depth = 0;
	for (const galley_node *p = node; p && depth < MD_MAX_DEPTH; p = galley_node_parent(p))
		depth++;
	return depth >= MD_MAX_DEPTH;
}

/* A node that holds others (quote, list, item, emphasis, link): made where
 * it may stand, else its content goes straight into the current node.  So
 * it does too below MD_MAX_DEPTH (issue 14: 20 KB of "- - - ..." made a
 * list 10,000 levels deep, whose tree XML, indented by depth, took 400 MB
 * and could not be read back). */
static galley_node *S_open_container(struct md_state *st, galley_node_type t, cmark_node *n)
{
	galley_node *g = S_can(st->cur, t) && !S_too_deep(st->cur) ? S_append(st, st->cur, t, n)
	                                                           : NULL;
	return g ? g : st->cur;
}

/* The plain text of a cmark subtree (an image's alt text). */
static char *S_plain(cmark_node *root)
{
	galley_buf b = GALLEY_BUF_INIT;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
			galley_buf_puts(&b, cmark_node_get_literal(n));
		else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			galley_buf_putc(&b, ' ');
	}
	cmark_iter_free(it);
	galley_buf_grow(&b, 0);
	return galley_trim(b.data);
}

/* FIGURE{IMAGE(src, alt), CAPTION(title, else alt)} from a cmark image. */
static galley_node *S_figure(struct md_state *st, cmark_node *img)
{
	galley_node *fig = galley_node_new(GALLEY_NODE_FIGURE);
	galley_node_set_line(fig, S_line(st, img));
	galley_node *im = galley_node_new(GALLEY_NODE_IMAGE);
	char *alt = S_plain(img);
	const char *title = cmark_node_get_title(img);
	galley_node_set_url(im, cmark_node_get_url(img));
	galley_node_set_title(im, alt);
	galley_node_append_child(fig, im);
	const char *caption = title && *title ? title : alt;
	if (*caption)
		galley_append_text_block(fig, GALLEY_NODE_CAPTION, caption, S_line(st, img));
	free(alt);
	return fig;
}

/* The image of a paragraph that holds nothing else (possibly inside a
 * link, as in "[![alt](photo.jpg)](big.jpg)"), or NULL. */
static cmark_node *S_lone_image(cmark_node *para)
{
	cmark_node *c = cmark_node_first_child(para);
	if (!c || c != cmark_node_last_child(para))
		return NULL;
	if (cmark_node_get_type(c) == CMARK_NODE_LINK) {
		cmark_node *i = cmark_node_first_child(c);
		return i && i == cmark_node_last_child(c) &&
		       cmark_node_get_type(i) == CMARK_NODE_IMAGE ? i : NULL;
	}
	return cmark_node_get_type(c) == CMARK_NODE_IMAGE ? c : NULL;
}

static void S_place_figure(struct md_state *st, galley_node *fig)
{
	if (!galley_node_append_child(st->cur, fig))
		galley_node_append_child(st->pending, fig);
}

static void S_code_block(struct md_state *st, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	size_t len = lit ? strlen(lit) : 0;
	while (len && lit[len - 1] == '\n')
		len--;
	char *code = galley_xstrndup(lit ? lit : "", len);
	if (S_can(st->cur, GALLEY_NODE_CODE_BLOCK)) {
		galley_node *g = S_append(st, st->cur, GALLEY_NODE_CODE_BLOCK, n);
		galley_node_set_literal(g, code);
		free(code);
		return;
	}
	/* inside a quote or list item: one CODE per line */
	galley_node *p = S_open_leaf(st, GALLEY_NODE_PARAGRAPH, n);
	char *save = NULL;
	int first = 1;
	for (char *l = strtok_r(code, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		if (!first)
			S_append(st, p, GALLEY_NODE_LINEBREAK, n);
		galley_node *c = S_append(st, p, GALLEY_NODE_CODE, n);
		galley_node_set_literal(c, l);
		first = 0;
	}
	free(code);
}

/* An HTML block in the article goes through the HTML reader's cleaner
 * (a <figure> or a table of an author's own is kept, a <script> is not);
 * inside a quote or list it is dropped with a warning; comments quietly. */
static void S_html_block(struct md_state *st, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	while (lit && galley_is_space((unsigned char)*lit))
		lit++;
	if (!lit || !*lit || strncmp(lit, "<!--", 4) == 0)
		return;
	if (st->cur == st->article &&
	    galley_html_append_fragment(st->article, lit, strlen(lit), NULL, st->diag) >= 0)
		return;
	galley_diag_report(st->diag, GALLEY_DIAG_WARNING, S_line(st, n),
	                   "HTML block dropped: only HTML between paragraphs is read");
}

static void S_html_inline(struct md_state *st, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	if (lit && strncasecmp(lit, "<br", 3) == 0 && S_can(st->cur, GALLEY_NODE_LINEBREAK))
		S_append(st, st->cur, GALLEY_NODE_LINEBREAK, n);
}

static galley_node *S_enter_paragraph(struct md_state *st, cmark_node *n, int cite)
{
	cmark_node *img = cite ? NULL : S_lone_image(n);
	if (!img)
		return S_open_leaf(st, cite ? GALLEY_NODE_CITE : GALLEY_NODE_PARAGRAPH, n);
	S_place_figure(st, S_figure(st, img));
	return NULL;
}

static galley_node *S_enter_heading(struct md_state *st, cmark_node *n)
{
	galley_node *h = S_open_leaf(st, GALLEY_NODE_HEADING, n);
	if (galley_node_get_type(h) == GALLEY_NODE_HEADING)
		galley_node_set_heading_level(h, cmark_node_get_heading_level(n));
	return h;
}

/* The THEAD or TBODY a row of KIND goes in: the table's last group when it
 * is of that kind, else a new one. */
static galley_node *S_row_group(struct md_state *st, galley_md_kind kind, cmark_node *n)
{
	galley_node_type want = kind == GALLEY_MD_HEAD_ROW ? GALLEY_NODE_THEAD : GALLEY_NODE_TBODY;
	galley_node *last = galley_node_last_child(st->cur);
	if (galley_node_get_type(last) == want)
		return last;
	return S_append(st, st->cur, want, n);
}

static void S_noteref(struct md_state *st, cmark_node *n)
{
	char id[32];
	const char *num = cmark_node_get_literal(n);
	if (!num || !S_can(st->cur, GALLEY_NODE_NOTEREF))
		return;
	snprintf(id, sizeof id, "fn%.20s", num);
	galley_node_set_note_id(S_append(st, st->cur, GALLEY_NODE_NOTEREF, n), id);
}

/* GFM tables and footnotes.  A table where none may stand (in a list item)
 * gives its cells' text, a space apart.  cmark-gfm numbers the references
 * "1", "2"... and sets the definitions in that order at the end, so the
 * i-th definition is note i. */
static galley_node *S_enter_gfm(struct md_state *st, cmark_node *n, galley_md_kind kind)
{
	galley_node_type cur = galley_node_get_type(st->cur);
	switch (kind) {
	case GALLEY_MD_TABLE: return S_open_container(st, GALLEY_NODE_TABLE, n);
	case GALLEY_MD_HEAD_ROW: case GALLEY_MD_ROW:
		if (cur != GALLEY_NODE_TABLE)
			return st->cur;
		return S_append(st, S_row_group(st, kind, n), GALLEY_NODE_ROW, n);
	case GALLEY_MD_CELL: {
		if (cur != GALLEY_NODE_ROW) {
			S_text(st, " ");
			return st->cur;
		}
		galley_node *c = S_append(st, st->cur, GALLEY_NODE_CELL, n);
		galley_node_set_cell_header(c, galley_md_kind_of(cmark_node_parent(n)) == GALLEY_MD_HEAD_ROW);
		galley_node_set_cell_align(c, galley_md_cell_align(n));
		return c;
	}
	case GALLEY_MD_NOTE: {
		galley_node *f = S_open_container(st, GALLEY_NODE_FOOTNOTE, n);
		char id[32];
		snprintf(id, sizeof id, "fn%d", ++st->notes);
		if (galley_node_get_type(f) == GALLEY_NODE_FOOTNOTE)
			galley_node_set_note_id(f, id);
		return f;
	}
	case GALLEY_MD_NOTEREF: S_noteref(st, n); return st->cur;
	default: return st->cur;
	}
}

/* Enter a cmark node: returns the galley node its content goes into, or
 * NULL when its children are already done (the caller skips them). */
static galley_node *S_enter(struct md_state *st, cmark_node *n, void *mark)
{
	galley_md_kind kind = galley_md_kind_of(n);
	if (kind != GALLEY_MD_PLAIN)
		return S_enter_gfm(st, n, kind);
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_BLOCK_QUOTE:
		if (S_can(st->cur, GALLEY_NODE_BLOCKQUOTE))
			galley_md_mark_attribution(n);
		return S_open_container(st, GALLEY_NODE_BLOCKQUOTE, n);
	case CMARK_NODE_LIST: {
		galley_node *l = S_open_container(st, GALLEY_NODE_LIST, n);
		galley_node_set_list_ordered(l, cmark_node_get_list_type(n) == CMARK_ORDERED_LIST);
		return l;
	}
	case CMARK_NODE_ITEM: return S_open_container(st, GALLEY_NODE_ITEM, n);
	case CMARK_NODE_PARAGRAPH: return S_enter_paragraph(st, n, mark == MD_CITE);
	case CMARK_NODE_HEADING: return S_enter_heading(st, n);
	case CMARK_NODE_EMPH: return S_open_container(st, GALLEY_NODE_EMPH, n);
	case CMARK_NODE_STRONG: return S_open_container(st, GALLEY_NODE_STRONG, n);
	case CMARK_NODE_LINK: {
		galley_node *a = S_open_container(st, GALLEY_NODE_LINK, n);
		if (galley_node_get_type(a) == GALLEY_NODE_LINK) {
			galley_node_set_url(a, cmark_node_get_url(n));
			const char *t = cmark_node_get_title(n);
			galley_node_set_title(a, t && *t ? t : NULL);
		}
		return a;
	}
	case CMARK_NODE_CUSTOM_BLOCK:
		/* a ":::author" block: its blocks gather in a holder first */
		if (mark == MD_AUTHOR && st->cur == st->article)
			return galley_node_new(GALLEY_NODE_ARTICLE);
		return st->cur;
	case CMARK_NODE_IMAGE:
		/* not alone in its paragraph: the figure follows the block */
		galley_node_append_child(st->pending, S_figure(st, n));
		return NULL;
	default:
		return st->cur;
	}
}

/* Leaves: cmark gives them ENTER only. */
static void S_leaf(struct md_state *st, cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT: S_text(st, cmark_node_get_literal(n)); break;
	case CMARK_NODE_SOFTBREAK: S_text(st, " "); break;
	case CMARK_NODE_LINEBREAK:
		if (S_can(st->cur, GALLEY_NODE_LINEBREAK))
			S_append(st, st->cur, GALLEY_NODE_LINEBREAK, n);
		break;
	case CMARK_NODE_CODE:
		if (S_can(st->cur, GALLEY_NODE_CODE))
			galley_node_set_literal(S_append(st, st->cur, GALLEY_NODE_CODE, n),
			                        cmark_node_get_literal(n));
		break;
	case CMARK_NODE_HTML_INLINE: S_html_inline(st, n); break;
	case CMARK_NODE_CODE_BLOCK: S_code_block(st, n); break;
	case CMARK_NODE_HTML_BLOCK: S_html_block(st, n); break;
	case CMARK_NODE_THEMATIC_BREAK:
		if (S_can(st->cur, GALLEY_NODE_SEPARATOR))
			S_append(st, st->cur, GALLEY_NODE_SEPARATOR, n);
		break;
	default:
		break;
	}
}

static int S_cmark_leaf(cmark_node_type t)
{
	switch (t) {
	case CMARK_NODE_TEXT: case CMARK_NODE_SOFTBREAK: case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_CODE: case CMARK_NODE_HTML_INLINE: case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK: case CMARK_NODE_THEMATIC_BREAK:
		return 1;
	default:
		return 0;
	}
}

static int S_same_text(const galley_node *h, const char *title)
{
	char *t = galley_node_text(h);
	int same = title && strcmp(galley_collapse_space(galley_trim(t)), title) == 0;
	free(t);
	return same;
}

/* The first level-1 heading, before any other heading, is the title when
 * none was given, and is not repeated as a block. */
static void S_exit_heading(struct md_state *st, cmark_node *n, galley_node *h)
{
	int level = cmark_node_get_heading_level(n);
	int first = level == 1 && !st->h1_seen && !st->heading_seen;
	st->heading_seen = 1;
	if (level == 1)
		st->h1_seen = 1;
	if (!first || galley_node_get_type(h) != GALLEY_NODE_HEADING)
		return;
	const char *title = galley_article_get(st->article, GALLEY_META_TITLE);
	if (!title) {
		char *t = galley_node_text(h);
		galley_article_set(st->article, GALLEY_META_TITLE, galley_collapse_space(galley_trim(t)));
		free(t);
		galley_node_free(h);
	} else if (S_same_text(h, title)) {
		galley_node_free(h);
	}
}

static void S_move_pending(struct md_state *st, galley_node *to)
{
	galley_node *f;
	while ((f = galley_node_first_child(st->pending)) != NULL)
		galley_node_append_child(to, f);
}

static void S_exit_author_block(struct md_state *st, cmark_node *n, galley_node *holder)
{
	S_move_pending(st, holder);
	galley_node *box = galley_md_author_from(st->article, holder, S_line(st, n));
	if (box)
		galley_node_append_child(st->article, box);
	galley_node_free(holder);
}

static void S_exit(struct md_state *st, cmark_node *n, galley_node *made, galley_node *restore)
{
	S_flush_text(st);
	st->cur = restore;
	cmark_node_type t = cmark_node_get_type(n);
	if (made && made != restore) {
		if (t == CMARK_NODE_HEADING)
			S_exit_heading(st, n, made);
		else if (t == CMARK_NODE_CUSTOM_BLOCK)
			S_exit_author_block(st, n, made);
		else if ((t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_BLOCK_QUOTE) &&
		         !galley_node_first_child(made))
			galley_node_free(made);
	}
	if (cmark_node_get_type(cmark_node_parent(n)) == CMARK_NODE_DOCUMENT)
		S_move_pending(st, st->article);
}

void galley_md_build(cmark_node *root, galley_node *article, int line_offset,
                     galley_diag *diag)
{
	struct md_state st = {article, article, galley_node_new(GALLEY_NODE_ARTICLE),
	                      GALLEY_BUF_INIT, NULL, cmark_iter_new(root), line_offset,
	                      0, 0, diag, 0};
	cmark_event_type ev;
	while ((ev = cmark_iter_next(st.iter)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(st.iter);
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_DOCUMENT)
			continue;
		if (t != CMARK_NODE_TEXT && t != CMARK_NODE_SOFTBREAK)
			S_flush_text(&st);
		if (ev == CMARK_EVENT_EXIT) {
			/* user data: the parent to restore; the node made is st.cur */
			S_exit(&st, n, st.cur, cmark_node_get_user_data(n));
			continue;
		}
		if (S_cmark_leaf(t)) {
			S_leaf(&st, n);
			continue;
		}
		galley_node *saved = st.cur;
		galley_node *into = S_enter(&st, n, cmark_node_get_user_data(n));
		cmark_node_set_user_data(n, saved);
		if (into) {
			st.cur = into;
		} else {
			/* children done already: skip them, and close N here since
			 * cmark_iter_reset consumes its EXIT event */
			cmark_iter_reset(st.iter, n, CMARK_EVENT_EXIT);
			S_exit(&st, n, NULL, saved);
		}
	}
	S_flush_text(&st);
	S_move_pending(&st, article);
	galley_node_free(st.pending);
	galley_buf_free(&st.text);
	cmark_iter_free(st.iter);
}
