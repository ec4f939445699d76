/* test_pdf_pages.c — the page breaker's rules, checked over every sample, every
 * corpus article and one long article, in every layout: no heading or title at
 * a column end, no paragraph leaving a single line at a break, groups (title
 * block, author box, pull quote, figure) whole, nothing outside the text area
 * or past the column edge. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "typeset.h"

static const char *const S_layouts[] = {
	"article-a4", "article-letter", "magazine-a4", "digest-a5", "ereader", "large-print",
};

#define EPS 0.05

static char *S_top(const char *rel)
{
	const char *top = getenv("GALLEY_TOP");
	return galley_xasprintf("%s/%s", top && *top ? top : ".", rel);
}

static galley_node *S_read(const char *path)
{
	galley_diag *d = galley_diag_new(path);
	galley_diag_set_quiet(d, 1);
	size_t len = 0;
	char *data = galley_read_file(path, 1u << 24, &len, d);
	galley_node *doc = data ? galley_read(data, len, galley_format_detect(path, data, len), NULL, d) : NULL;
	if (doc)
		galley_smarten(doc);
	free(data);
	galley_diag_free(d);
	return doc;
}

/* Every input: the samples and the plain-text corpus. */
static size_t S_inputs(char **paths, size_t max)
{
	size_t n = 0;
	const char *dirs[] = {"samples", "../shared/corpus/txt"};
	for (int k = 0; k < 2; k++) {
		char *dir = S_top(dirs[k]);
		DIR *d = opendir(dir);
		struct dirent *e;
		while (d && (e = readdir(d)) && n < max) {
			if (e->d_name[0] == '.' || (k == 0 && e->d_type == DT_DIR))
				continue;
			const char *dot = strrchr(e->d_name, '.');
			if (k == 0 && dot && (strcmp(dot, ".png") == 0 || strcmp(dot, ".jpg") == 0))
				continue;
			paths[n++] = k == 0 ? galley_xasprintf("%s/%s", dir, e->d_name)
			                    : galley_xasprintf("%s/%s/input.txt", dir, e->d_name);
		}
		if (d)
			closedir(d);
		free(dir);
	}
	return n;
}

/* One long article: the blocks of every corpus article after the first. */
static galley_node *S_long_article(char **paths, size_t n)
{
	galley_node *doc = NULL, *article = NULL;
	for (size_t i = 0; i < n; i++) {
		if (!strstr(paths[i], "corpus"))
			continue;
		galley_node *d = S_read(paths[i]);
		if (!d)
			continue;
		if (!doc) {
			doc = d;
			article = galley_node_first_child(doc);
			continue;
		}
		galley_node *a = galley_node_first_child(d), *c;
		while ((c = galley_node_first_child(a)))
			galley_node_append_child(article, c);
		galley_node_free(d);
	}
	return doc;
}

struct checks {
	const char *what;
	int pages;
};

static double S_group_height(const struct ts_flow *f, size_t i)
{
	double h = 0;
	for (size_t k = i; k < f->n_blocks && f->blocks[k].group == f->blocks[i].group; k++)
		h += f->blocks[k].space_before + f->blocks[k].space_after +
		     (f->blocks[k].kind == TS_TEXT ? f->blocks[k].n_lines * f->blocks[k].leading
		                                    : f->blocks[k].height);
	return h;
}

/* The last block of the article holding block I. */
static size_t S_article_end(const struct ts_flow *f, size_t i)
{
	const struct ts_article *a = &f->articles[f->blocks[i].article];
	return a->first + a->count - 1;
}

static void S_check_place(const struct ts_flow *f, const struct ts_pages *p, size_t i,
                          const char *what)
{
	const struct ts_place *pl = &p->places[i];
	const struct ts_page *pg = &p->pages[pl->page];
	const struct ts_block *b = &f->blocks[pl->block];
	char where[1024];
	snprintf(where, sizeof where, "%.900s: page %d col %d block %zu", what, pl->page + 1, pl->column, pl->block);
	/* inside the text area */
	if (pl->x < pg->x - EPS || pl->x + pl->w > pg->x + pg->w + EPS ||
	    pl->y < pg->y - EPS || pl->y + pl->h > pg->y + pg->h + EPS)
		fail_msg("%s: box %.1f %.1f %.1f %.1f outside the area", where, pl->x, pl->y, pl->w, pl->h);
	if (b->kind != TS_TEXT)
		return;
	/* no line past the column edge, but for punctuation hung into the
	 * margin (as far as its share of its width) */
	for (int k = pl->first; k < pl->last; k++) {
		double right = b->inset_left + b->lines[k].x + galley_line_width(&b->lines[k]) -
		               galley_line_hang(&b->lines[k], b->line_text);
		if (right > pl->w + 0.5)
			fail_msg("%s: line %d overfull by %.2f pt", where, k, right - pl->w);
	}
	/* no widow or orphan: a piece of a split paragraph has 2 lines or more */
	int split = pl->first > 0 || pl->last < b->n_lines;
	if (split && pl->last - pl->first < 2)
		fail_msg("%s: %d line(s) of %d left alone at a break", where, pl->last - pl->first, b->n_lines);
}

static void S_check_columns(const struct ts_flow *f, const struct ts_pages *p, const char *what)
{
	for (size_t i = 0; i < p->n_places; i++) {
		const struct ts_place *pl = &p->places[i];
		const struct ts_place *next = i + 1 < p->n_places ? &p->places[i + 1] : NULL;
		int ends = !next || next->page != pl->page || next->column != pl->column;
		const struct ts_block *b = &f->blocks[pl->block];
		/* a heading (or the title block) is never the last thing in a column */
		if (ends && b->keep_with_next && pl->block != S_article_end(f, pl->block))
			fail_msg("%s: %s block %zu ends page %d column %d", what,
			         galley_role_name(b->role), pl->block, pl->page + 1, pl->column);
		/* a group stays on one page and column unless taller than a column */
		if (ends && next && b->group > 0 && f->blocks[next->block].group == b->group &&
		    S_group_height(f, pl->block) < p->pages[pl->page].h * 0.9)
			fail_msg("%s: group %d split after block %zu on page %d", what, b->group,
			         pl->block, pl->page + 1);
	}
}

/* The last page of each article has columns of about equal length: they
 * differ by at most a few lines, or the height of a group that cannot be
 * split (a pull quote, an author box). */
static void S_check_balance(const struct ts_flow *f, const struct ts_pages *p, const char *what)
{
	double lead = f->layout->role[GALLEY_ROLE_BODY].leading;
	for (size_t a = 0; a < f->n_articles; a++) {
		int last = -1;
		for (size_t i = 0; i < p->n_places; i++)
			if (f->blocks[p->places[i].block].article == (int)a)
				last = p->places[i].page;
		double bottom[2] = {0, 0};
		for (size_t i = 0; i < p->n_places; i++) {
			const struct ts_place *pl = &p->places[i];
			if (pl->page == last && pl->column < 2 && !f->blocks[pl->block].span &&
			    pl->y + pl->h > bottom[pl->column])
				bottom[pl->column] = pl->y + pl->h;
		}
		if (bottom[1] == 0)
			continue;  /* one column's worth: nothing to balance */
		double slack = 4 * lead;
		const struct ts_article *art = &f->articles[a];
		for (size_t i = art->first; i < art->first + art->count; i++)
			if (f->blocks[i].group > 0 && S_group_height(f, i) + 2 * lead > slack)
				slack = S_group_height(f, i) + 2 * lead;
		if (bottom[0] - bottom[1] > slack || bottom[1] - bottom[0] > slack)
			fail_msg("%s: last page %d unbalanced: columns end at %.1f and %.1f", what,
			         last + 1, bottom[0], bottom[1]);
	}
}

static int S_check(galley_node *doc, const char *layout_name, const char *what)
{
	galley_diag *d = galley_diag_new(what);
	galley_layout *l = galley_layout_load(layout_name, d);
	assert_non_null(l);
	struct ts_flow *f = galley_flow_build(doc, l, NULL, d);
	assert_non_null(f);
	struct ts_pages p;
	memset(&p, 0, sizeof p);
	assert_int_equal(galley_paginate(f, &p, 0, d), 0);
	char label[512];
	snprintf(label, sizeof label, "%s in %s", what, layout_name);
	/* every line of every text block placed exactly once, in order */
	size_t next_block = 0;
	int next_line = 0;
	for (size_t i = 0; i < p.n_places; i++) {
		const struct ts_place *pl = &p.places[i];
		if (pl->block != next_block) {
			assert_int_equal(pl->block, next_block + 1);
			next_block = pl->block;
			next_line = 0;
		}
		assert_int_equal(pl->first, next_line);
		next_line = pl->last;
		if (f->blocks[pl->block].kind == TS_TEXT && next_line == f->blocks[pl->block].n_lines)
			next_block++, next_line = 0;
		else if (f->blocks[pl->block].kind != TS_TEXT)
			next_block++, next_line = 0;
		S_check_place(f, &p, i, label);
	}
	assert_int_equal(next_block, f->n_blocks);
	S_check_columns(f, &p, label);
	if (l->balance && l->columns > 1)
		S_check_balance(f, &p, label);
	int pages = (int)p.n_pages;
	galley_pages_free(&p);
	galley_flow_free(f);
	galley_layout_free(l);
	galley_diag_free(d);
	return pages;
}

static void test_every_input_every_layout(void **state)
{
	(void)state;
	char *paths[128];
	size_t n = S_inputs(paths, 128);
	assert_true(n >= 3);
	int checked = 0;
	for (size_t i = 0; i < n; i++) {
		galley_node *doc = S_read(paths[i]);
		if (!doc)
			continue;  /* the readers' tests say why */
		for (size_t k = 0; k < sizeof S_layouts / sizeof *S_layouts; k++)
			assert_true(S_check(doc, S_layouts[k], paths[i]) >= 1);
		checked++;
		galley_node_free(doc);
	}
	assert_true(checked >= 3);
	galley_node *doc = S_long_article(paths, n);
	if (doc) {
		for (size_t k = 0; k < sizeof S_layouts / sizeof *S_layouts; k++)
			assert_true(S_check(doc, S_layouts[k], "long article") >= 3);
		galley_node_free(doc);
	}
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
}

/* A heading whose section would start on the last line of a page moves to
 * the next page with it; a 3-line paragraph is never split. */
static void test_heading_kept_with_text(void **state)
{
	(void)state;
	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_node *a = galley_node_new(GALLEY_NODE_ARTICLE);
	galley_node_append_child(doc, a);
	galley_article_set(a, GALLEY_META_TITLE, "Keep rules");
	const char *words = "Every paragraph of this article repeats the same words so that the "
	                    "page breaker meets headings at every position on the page. ";
	for (int i = 0; i < 120; i++) {
		/* every tenth block a heading, every tenth but five a paragraph
		 * that reads as one: a single line without a closing mark */
		int heading = i % 10 == 4, lead_in = i % 10 == 9;
		galley_node *blk = galley_node_new(heading ? GALLEY_NODE_HEADING : GALLEY_NODE_PARAGRAPH);
		if (heading)
			galley_node_set_heading_level(blk, 2 + i % 3);
		galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
		galley_buf b = GALLEY_BUF_INIT;
		for (int k = 0; k < (heading || lead_in ? 0 : 1 + i % 4); k++)
			galley_buf_puts(&b, words);
		galley_buf_puts(&b, heading ? "A heading" : lead_in ? "4. Live below your means" : "End.");
		galley_node_set_literal(t, b.data);
		galley_buf_free(&b);
		galley_node_append_child(blk, t);
		galley_node_append_child(a, blk);
	}
	for (size_t k = 0; k < sizeof S_layouts / sizeof *S_layouts; k++)
		assert_true(S_check(doc, S_layouts[k], "keep rules") >= 2);
	galley_node_free(doc);
}

/* A one-line paragraph without a closing mark is kept with what follows
 * as a heading is; one that ends a sentence, or runs over two lines, is
 * not. */
static void test_lead_in_kept_with_text(void **state)
{
	(void)state;
	const char *texts[] = {"7. Invest the money that is left over", "It ended there.",
	                       "Related coverage", "A line that is long enough to run over two "
	                       "lines of the column without any closing mark at its end at all but "
	                       "this is not a heading of anything for it is as long as a paragraph",
	                       "The last words."};
	const int kept[] = {1, 0, 1, 0, 0};
	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_node *a = galley_node_new(GALLEY_NODE_ARTICLE);
	galley_node_append_child(doc, a);
	galley_article_set(a, GALLEY_META_TITLE, "Lead-ins");
	for (size_t i = 0; i < 5; i++) {
		galley_node *p = galley_node_new(GALLEY_NODE_PARAGRAPH), *t = galley_node_new(GALLEY_NODE_TEXT);
		galley_node_set_literal(t, texts[i]);
		galley_node_append_child(p, t);
		galley_node_append_child(a, p);
	}
	galley_diag *d = galley_diag_new("lead-ins");
	galley_layout *l = galley_layout_load("article-a4", d);
	struct ts_flow *f = galley_flow_build(doc, l, NULL, d);
	assert_non_null(f);
	size_t seen = 0;
	for (size_t i = 0; i < f->n_blocks; i++) {
		const struct ts_block *b = &f->blocks[i];
		if (b->kind != TS_TEXT || b->role != GALLEY_ROLE_BODY)
			continue;
		assert_true(seen < 5);
		if (b->keep_with_next != kept[seen])
			fail_msg("\"%s\": keep_with_next %d", texts[seen], b->keep_with_next);
		seen++;
	}
	assert_int_equal(seen, 5);
	galley_flow_free(f);
	galley_layout_free(l);
	galley_diag_free(d);
	galley_node_free(doc);
}

/* A layout with a text area of HEIGHT lines of 12 pt (and a little) on a
 * page of the smallest size a layout may have: its path (caller frees). */
static char *S_short_layout(double height)
{
	char *path = galley_xasprintf("/tmp/galley-short-%d.xml", (int)getpid());
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "<layout name=\"short\"><description>short columns</description>"
	            "<page width=\"100mm\" height=\"%.2fpt\"/>"
	            "<margins top=\"10pt\" bottom=\"10pt\" inner=\"10pt\" outer=\"10pt\"/>"
	            "<text hyphenate=\"no\"/>"
	            "<role name=\"body\" family=\"Charis SIL\" size=\"10pt\" leading=\"12pt\" align=\"justify\"/>"
	            "</layout>\n", 20 + height * 12 + 1 < 72 ? 72 : 20 + height * 12 + 1);
	fclose(fp);
	return path;
}

/* The rules are kept by refusing what could not keep them: a layout whose
 * columns hold fewer than 8 lines is an error (a paragraph could not be
 * split there without a line alone), and in the shortest columns allowed
 * a long paragraph is split with 2 lines or more in every piece. */
static void test_columns_too_short_for_the_rules(void **state)
{
	(void)state;
	char *path = S_short_layout(5);
	galley_diag *d = galley_diag_new("short");
	galley_diag_set_quiet(d, 1);
	assert_null(galley_layout_load(path, d));
	assert_non_null(strstr(galley_diag_message(d, 0, NULL, NULL), "fewer than 8 lines"));
	galley_diag_free(d);
	unlink(path);
	free(path);

	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_node *a = galley_node_new(GALLEY_NODE_ARTICLE);
	galley_node_append_child(doc, a);
	galley_article_set(a, GALLEY_META_TITLE, "T");
	galley_node *para = galley_node_new(GALLEY_NODE_PARAGRAPH), *t = galley_node_new(GALLEY_NODE_TEXT);
	galley_buf text = GALLEY_BUF_INIT;
	for (int i = 0; i < 9; i++)
		galley_buf_puts(&text, "Plain words set on a short page that holds only a few lines, so "
		                       "that the page breaker splits this paragraph again and again. ");
	galley_node_set_literal(t, text.data);
	galley_buf_free(&text);
	galley_node_append_child(para, t);
	galley_node_append_child(a, para);
	path = S_short_layout(8);
	d = galley_diag_new("short");
	galley_layout *l = galley_layout_load(path, d);
	assert_non_null(l);
	struct ts_flow *f = galley_flow_build(doc, l, NULL, d);
	assert_non_null(f);
	size_t body = f->n_blocks;
	for (size_t i = 0; i < f->n_blocks; i++)
		if (f->blocks[i].role == GALLEY_ROLE_BODY)
			body = i;
	assert_true(body < f->n_blocks);
	if (f->blocks[body].n_lines <= 12)
		fail_msg("%d lines", f->blocks[body].n_lines);
	struct ts_pages p;
	memset(&p, 0, sizeof p);
	assert_int_equal(galley_paginate(f, &p, 0, d), 0);
	int sum = 0, pieces = 0;
	for (size_t k = 0; k < p.n_places; k++) {
		if (p.places[k].block != body)
			continue;
		int lines = p.places[k].last - p.places[k].first;
		if (lines < 2)
			fail_msg("a piece of %d line(s)", lines);
		sum += lines;
		pieces++;
	}
	assert_int_equal(sum, f->blocks[body].n_lines);
	assert_true(pieces >= 3);
	galley_pages_free(&p);
	galley_flow_free(f);
	galley_layout_free(l);
	galley_diag_free(d);
	galley_node_free(doc);
	unlink(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_input_every_layout),
		cmocka_unit_test(test_heading_kept_with_text),
		cmocka_unit_test(test_lead_in_kept_with_text),
		cmocka_unit_test(test_columns_too_short_for_the_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
