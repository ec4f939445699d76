/* test_pdf_lines.c — a text block's lines as glyph runs: cut from the
 * glyphs that measured the paragraph at the chosen breaks, justified to the
 * measure (spaces narrowed no further than the layout allows), a soft
 * hyphen at a break made a visible hyphen, and no cut inside a ligature. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "typeset.h"

/* justified lines: spaces stretch only; no expansion, nothing hangs */
static const struct ts_justify J = {0, 0, 0, NULL};

#define SHY "\xc2\xad"

/* TEXT set in Charis at 10 pt on one unwrapped line, as the line breaker
 * measures a paragraph. */
static PangoLayout *S_measured(const char *text)
{
	galley_diag *diag = galley_diag_new("test");
	PangoContext *ctx = galley_font_context(galley_font_map(diag), "en");
	galley_diag_free(diag);
	assert_non_null(ctx);
	PangoLayout *l = pango_layout_new(ctx);
	PangoFontDescription *d = pango_font_description_from_string("Charis SIL 10");
	pango_layout_set_font_description(l, d);
	pango_layout_set_text(l, text, -1);
	pango_font_description_free(d);
	g_object_unref(ctx);
	return l;
}

/* The runs of L's one unwrapped line. */
static GSList *S_runs(PangoLayout *l)
{
	return pango_layout_get_line_readonly(l, 0)->runs;
}

static int S_spaces(const struct ts_block *b, const struct ts_line *line)
{
	int n = 0;
	for (int i = line->start; i < line->start + line->length; i++)
		n += b->line_text[i] == ' ';
	return n;
}

/* "office" takes an "ffi" ligature across its soft hyphen: no line may
 * end there, so the cut is refused and the block is left as it was. */
static void test_no_cut_inside_a_ligature(void **state)
{
	(void)state;
	const char *text = "An of" SHY "fice for the work";
	PangoLayout *l = S_measured(text);
	struct ts_block b = {0};
	struct ts_cut at_hyphen[] = {{0, 5, 1}, {7, (int)strlen(text), 0}};
	assert_int_equal(galley_lines_from_cuts(&b, S_runs(l), text, at_hyphen, 2, 100, 0, &J), 0);
	assert_null(b.lines);
	/* at the space after it the cut is taken */
	struct ts_cut at_space[] = {{0, 11, 0}, {12, (int)strlen(text), 0}};
	assert_int_equal(galley_lines_from_cuts(&b, S_runs(l), text, at_space, 2, 100, 0, &J), 1);
	assert_int_equal(b.n_lines, 2);
	assert_int_equal(b.lines[1].start, 12);
	/* the first line is spaced out to the measure; the last is not */
	assert_true(galley_line_width(&b.lines[0]) > 100 - 0.01);
	assert_true(galley_line_width(&b.lines[0]) < 100 + 0.01);
	assert_true(galley_line_width(&b.lines[1]) < 90);
	galley_lines_free(&b);
	g_object_unref(l);
}

/* A line ending at a soft hyphen ends in a hyphen glyph standing for it;
 * the first line is indented. */
static void test_soft_hyphen_becomes_a_hyphen(void **state)
{
	(void)state;
	const char *text = "The restora" SHY "tion of the lock";
	PangoLayout *l = S_measured(text);
	struct ts_block b = {0};
	struct ts_cut cuts[] = {{0, 11, 1}, {13, (int)strlen(text), 0}};
	assert_int_equal(galley_lines_from_cuts(&b, S_runs(l), text, cuts, 2, 80, 12, NULL), 1);
	const struct ts_line *first = &b.lines[0];
	assert_true(first->x > 11.99 && first->x < 12.01);
	assert_int_equal(b.lines[1].x, 0);
	const PangoGlyphItem *last = first->runs[first->n_runs - 1];
	assert_int_equal(last->item->offset, 11);
	assert_int_equal(last->glyphs->num_glyphs, 1);
	assert_true(last->glyphs->glyphs[0].geometry.width > 0);
	assert_int_equal(first->start + first->length, 13);
	/* ragged: nothing stretched, so the line is as wide as its glyphs */
	assert_true(galley_line_width(first) < 80 - 12);
	galley_lines_free(&b);
	g_object_unref(l);
}

/* A line the line breaker let shrink is narrowed to the measure by its
 * spaces alone. */
static void test_shrunk_line(void **state)
{
	(void)state;
	const char *text = "see the lock keeper now";
	PangoLayout *l = S_measured(text);
	struct ts_block b = {0};
	struct ts_cut cuts[] = {{0, 19, 0}, {20, (int)strlen(text), 0}};
	assert_int_equal(galley_lines_from_cuts(&b, S_runs(l), text, cuts, 2, 1000, 0, NULL), 1);
	double natural = galley_line_width(&b.lines[0]);
	galley_lines_free(&b);
	assert_int_equal(galley_lines_from_cuts(&b, S_runs(l), text, cuts, 2, natural - 1, 0, &J), 1);
	assert_float_equal(galley_line_width(&b.lines[0]), natural - 1, 0.01);
	galley_lines_free(&b);
	g_object_unref(l);
}

/* With font expansion a line a little short of the measure is filled by
 * widening its glyphs, to no more than the limit, and its spaces take the
 * rest; a line far short gets the whole limit and no more. */
static void test_expanded_line(void **state)
{
	(void)state;
	const char *text = "see the lock keeper now";
	PangoLayout *l = S_measured(text);
	struct ts_block b = {0};
	struct ts_cut cuts[] = {{0, 19, 0}, {20, (int)strlen(text), 0}};
	assert_int_equal(galley_lines_from_cuts(&b, S_runs(l), text, cuts, 2, 1000, 0, NULL), 1);
	double natural = galley_line_width(&b.lines[0]);
	assert_float_equal(b.lines[0].expand, 0, 1e-9);
	galley_lines_free(&b);
	const struct ts_justify wide = {0, 0.02, 0, NULL};
	assert_int_equal(galley_lines_from_cuts(&b, S_runs(l), text, cuts, 2, natural + 0.5, 0, &wide), 1);
	assert_true(b.lines[0].expand > 0 && b.lines[0].expand <= 0.02 + 1e-9);
	assert_float_equal(galley_line_width(&b.lines[0]), natural + 0.5, 0.01);
	assert_float_equal(b.lines[1].expand, 0, 1e-9);  /* the last line keeps its glyphs */
	galley_lines_free(&b);
	assert_int_equal(galley_lines_from_cuts(&b, S_runs(l), text, cuts, 2, natural + 20, 0, &wide), 1);
	assert_float_equal(b.lines[0].expand, 0.02, 1e-9);
	assert_float_equal(galley_line_width(&b.lines[0]), natural + 20, 0.01);
	galley_lines_free(&b);
	/* and narrowing, when spaces may not shrink at all */
	assert_int_equal(galley_lines_from_cuts(&b, S_runs(l), text, cuts, 2, natural - 0.5, 0, &wide), 1);
	assert_true(b.lines[0].expand < 0 && b.lines[0].expand >= -0.02 - 1e-9);
	galley_lines_free(&b);
	g_object_unref(l);
}

/* With protrusion a justified line ending in a period reaches past the
 * measure by part of the period's width; one ending in a letter, and the
 * paragraph's last line, do not. */
static void test_protruding_line(void **state)
{
	(void)state;
	assert_float_equal(galley_protrusion('.'), 0.7, 1e-6);
	assert_float_equal(galley_protrusion('k'), 0, 1e-9);
	assert_float_equal(galley_protrusion(0x201C), 0, 1e-9);  /* an opening quote */
	const char *text = "see the keeper. Now the lock keeper. And";
	PangoLayout *l = S_measured(text);
	struct ts_block b = {0};
	int now = (int)(strstr(text, "Now") - text), and = (int)(strstr(text, "And") - text);
	struct ts_cut cuts[] = {{0, now - 1, 0}, {now, and - 8, 0}, {and - 7, (int)strlen(text), 0}};
	const struct ts_justify hang = {0, 0, 1, NULL};
	assert_int_equal(galley_lines_from_cuts(&b, S_runs(l), text, cuts, 3, 150, 0, &hang), 1);
	double right = galley_line_hang(&b.lines[0], b.line_text);
	assert_true(right > 0.5 && right < 2.5);  /* 0.7 of a period at 10 pt */
	assert_float_equal(galley_line_width(&b.lines[0]), 150 + right, 0.01);
	assert_float_equal(galley_line_hang(&b.lines[1], b.line_text), 0, 1e-9);
	assert_float_equal(galley_line_width(&b.lines[1]), 150, 0.01);
	assert_true(galley_line_width(&b.lines[2]) < 100);  /* "keeper. And", ragged */
	galley_lines_free(&b);
	g_object_unref(l);
}

/* A link's x range on a line covers its words only. */
static void test_link_ranges(void **state)
{
	(void)state;
	const char *text = "see the lock keeper";
	PangoLayout *l = S_measured(text);
	struct ts_block b = {0};
	struct ts_cut cuts[] = {{0, (int)strlen(text), 0}};
	assert_int_equal(galley_lines_from_cuts(&b, S_runs(l), text, cuts, 1, 200, 0, &J), 1);
	double r[4];
	assert_int_equal(galley_line_x_ranges(&b.lines[0], 8, 12, r, 2), 1);
	double whole = galley_line_width(&b.lines[0]);
	assert_true(r[0] > 0 && r[1] > r[0] && r[1] < whole);
	assert_int_equal(galley_line_x_ranges(&b.lines[0], 50, 60, r, 2), 0);
	galley_lines_free(&b);
	g_object_unref(l);
}

/* A real article read as galley reads it, for the tests that set it. */
struct article {
	char *path;
	galley_diag *diag;
	char *data;
	galley_node *doc;
};

/* Read the text article at REL (from the source tree's top). */
static void S_open(struct article *a, const char *rel)
{
	const char *top = getenv("GALLEY_TOP");
	a->path = galley_xasprintf("%s/%s", top && *top ? top : ".", rel);
	a->diag = galley_diag_new(a->path);
	size_t len = 0;
	a->data = galley_read_file(a->path, 1u << 24, &len, a->diag);
	assert_non_null(a->data);
	a->doc = galley_read(a->data, len, GALLEY_FORMAT_TXT, NULL, a->diag);
}

static void S_close(struct article *a)
{
	galley_node_free(a->doc);
	free(a->data);
	galley_diag_free(a->diag);
	free(a->path);
}

/* A's flow in LAYOUT (loaded into *L): its blocks broken into lines. */
static struct ts_flow *S_flow(struct article *a, const char *layout, galley_layout **l)
{
	*l = galley_layout_load(layout, a->diag);
	struct ts_flow *f = galley_flow_build(a->doc, *l, NULL, a->diag);
	assert_non_null(f);
	return f;
}

static void S_flow_free(struct ts_flow *f, galley_layout *l)
{
	galley_flow_free(f);
	galley_layout_free(l);
}

/* A sample set justified: every line but a paragraph's last fills the
 * column, the lines follow each other, and what lies between two lines
 * is the space or soft hyphen broken at. */
static void test_justified_sample(void **state)
{
	(void)state;
	struct article a;
	S_open(&a, "samples/harbour-ferry.txt");
	galley_layout *layout;
	struct ts_flow *f = S_flow(&a, "article-a4", &layout);
	int full = 0;
	for (size_t i = 0; i < f->n_blocks; i++) {
		const struct ts_block *b = &f->blocks[i];
		if (b->kind != TS_TEXT || b->role != GALLEY_ROLE_BODY || b->n_lines < 2)
			continue;
		double measure = f->column_width - b->inset_left - b->inset_right;
		for (int k = 0; k + 1 < b->n_lines; k++) {
			const struct ts_line *line = &b->lines[k], *next = &b->lines[k + 1];
			/* punctuation may hang past the edge, by its share */
			double right = line->x + galley_line_width(line);
			double hang_r = galley_line_hang(line, b->line_text);
			if (S_spaces(b, line) > 0) {
				assert_true(right > measure + hang_r - 0.05);
				full++;
			}
			assert_true(right < measure + hang_r + 0.05);
			int gap = next->start - (line->start + line->length);
			assert_true(gap == 0 || (gap == 1 && b->line_text[next->start - 1] == ' '));
		}
	}
	assert_true(full > 8);
	S_flow_free(f, layout);
	S_close(&a);
}

/* A Chinese sample set justified: with no spaces between words, every
 * line but a paragraph's last still fills the column, by the gaps between
 * its characters, and no line starts with closing punctuation. */
static void test_justified_cjk(void **state)
{
	(void)state;
	struct article a;
	S_open(&a, "samples/scripts/chinese-zh.txt");
	galley_layout *layout;
	struct ts_flow *f = S_flow(&a, "magazine-a4", &layout);
	int full = 0;
	for (size_t i = 0; i < f->n_blocks; i++) {
		const struct ts_block *b = &f->blocks[i];
		if (b->kind != TS_TEXT || b->role != GALLEY_ROLE_BODY || b->n_lines < 2)
			continue;
		double measure = f->column_width - b->inset_left - b->inset_right;
		for (int k = 0; k + 1 < b->n_lines; k++) {
			const struct ts_line *line = &b->lines[k];
			double right = line->x + galley_line_width(line);
			assert_true(right > measure - 0.05);
			assert_true(right < measure + 0.05);
			full++;
			gunichar first = g_utf8_get_char(b->line_text + b->lines[k + 1].start);
			assert_null(g_utf8_strchr("\xe3\x80\x82\xef\xbc\x8c\xe3\x80\x81\xef\xbc\x89\xe2\x80\x9d", -1, first));
		}
	}
	assert_true(full > 8);
	S_flow_free(f, layout);
	S_close(&a);
}

/* The narrowest space on the body's justified lines of FLOW, as a share
 * of the body font's space. */
static double S_narrowest_space(const struct ts_flow *f)
{
	PangoFontDescription *desc = galley_font_desc(&f->layout->role[GALLEY_ROLE_BODY]);
	double space = galley_font_metrics(f->pango, desc).space;
	pango_font_description_free(desc);
	double least = 10;
	for (size_t i = 0; i < f->n_blocks; i++) {
		const struct ts_block *b = &f->blocks[i];
		if (b->kind != TS_TEXT || b->role != GALLEY_ROLE_BODY)
			continue;
		for (int k = 0; k + 1 < b->n_lines; k++)
			for (int r = 0; r < b->lines[k].n_runs; r++) {
				const PangoGlyphItem *run = b->lines[k].runs[r];
				for (int g = 0; g < run->glyphs->num_glyphs; g++) {
					double w = run->glyphs->glyphs[g].geometry.width / (double)PANGO_SCALE;
					if (b->line_text[run->item->offset + run->glyphs->log_clusters[g]] == ' ' &&
					    w / space < least)
						least = w / space;
				}
			}
	}
	return least;
}

/* magazine-a4 and article-a4 let a justified line's spaces narrow to two
 * thirds (TeX's rule), and the lines use that, never more. */
static void test_word_space_min(void **state)
{
	(void)state;
	struct article a;
	S_open(&a, "../shared/corpus/txt/korea-hotlines/input.txt");
	const struct { const char *layout; double low, high; } want[] = {
		{"magazine-a4", 0.67 - 0.01, 0.97},
		{"article-a4", 0.67 - 0.01, 0.97},
	};
	for (size_t k = 0; k < 2; k++) {
		galley_layout *layout;
		struct ts_flow *f = S_flow(&a, want[k].layout, &layout);
		double least = S_narrowest_space(f);
		if (least < want[k].low || least > want[k].high)
			fail_msg("%s: narrowest space %.3f of the natural width", want[k].layout, least);
		S_flow_free(f, layout);
	}
	S_close(&a);
}

/* Looseness: a body paragraph of the reference article in magazine-a4's
 * narrow column can be set a line longer or shorter, once; its lines then
 * still fill the measure and follow each other through the whole text.
 * (Most paragraphs are set as tight as they go already, and a line more
 * would leave their spaces looser than TeX's tolerance.) */
static void test_reflow(void **state)
{
	(void)state;
	struct article a;
	S_open(&a, "../shared/corpus/txt/korea-hotlines/input.txt");
	galley_layout *layout;
	struct ts_flow *f = S_flow(&a, "magazine-a4", &layout);
	int changed = 0;
	for (size_t i = 0; i < f->n_blocks; i++) {
		struct ts_block *b = &f->blocks[i];
		if (b->kind != TS_TEXT || b->role != GALLEY_ROLE_BODY || b->n_lines < 3)
			continue;
		int before = b->n_lines, delta = 1;
		if (!galley_block_reflow(f, b, delta) && !galley_block_reflow(f, b, delta = -1))
			continue;
		assert_int_equal(b->n_lines, before + delta);
		assert_int_equal(galley_block_reflow(f, b, -delta), 0);  /* once */
		double measure = f->column_width - b->inset_left - b->inset_right;
		for (int k = 0; k + 1 < b->n_lines; k++) {
			const struct ts_line *line = &b->lines[k], *next = &b->lines[k + 1];
			double right = line->x + galley_line_width(line) - galley_line_hang(line, b->line_text);
			assert_float_equal(right, measure, 0.05);
			int gap = next->start - (line->start + line->length);
			assert_true(gap == 0 || (gap == 1 && b->line_text[next->start - 1] == ' '));
		}
		const struct ts_line *last = &b->lines[b->n_lines - 1];
		assert_int_equal(last->start + last->length, (int)strlen(b->line_text));
		changed++;
	}
	if (changed < 1)
		fail_msg("no paragraph could be set a line longer or shorter");
	S_flow_free(f, layout);
	S_close(&a);
}

/* Two unwrapped lines hold the same runs: items, fonts and glyphs. */
static void S_same_line(const struct ts_unwrapped *a, const struct ts_unwrapped *b)
{
	assert_int_equal(g_slist_length(a->runs), g_slist_length(b->runs));
	for (GSList *x = a->runs, *y = b->runs; x && y; x = x->next, y = y->next) {
		const PangoGlyphItem *p = x->data, *q = y->data;
		assert_int_equal(p->item->offset, q->item->offset);
		assert_int_equal(p->item->length, q->item->length);
		assert_ptr_equal(p->item->analysis.font, q->item->analysis.font);
		assert_int_equal(g_slist_length(p->item->analysis.extra_attrs),
		                 g_slist_length(q->item->analysis.extra_attrs));
		assert_int_equal(p->glyphs->num_glyphs, q->glyphs->num_glyphs);
		for (int g = 0; g < p->glyphs->num_glyphs; g++) {
			const PangoGlyphInfo *i = &p->glyphs->glyphs[g], *j = &q->glyphs->glyphs[g];
			assert_int_equal(i->glyph, j->glyph);
			assert_int_equal(i->geometry.width, j->geometry.width);
			assert_int_equal(i->geometry.x_offset, j->geometry.x_offset);
			assert_int_equal(i->geometry.y_offset, j->geometry.y_offset);
			assert_int_equal(i->attr.is_cluster_start, j->attr.is_cluster_start);
			assert_int_equal(p->glyphs->log_clusters[g], q->glyphs->log_clusters[g]);
		}
	}
	assert_int_equal(a->n_attrs, b->n_attrs);
	assert_memory_equal(a->attrs, b->attrs, (size_t)a->n_attrs * sizeof *a->attrs);
}

/* A paragraph shaped a word at a time through the cache is the line
 * pango's layout sets: with emphasis, a raised smaller note number, soft
 * hyphens, a ligature, Greek and Cyrillic words, figures and a CJK
 * phrase; the second time from the cache alike.  Letter spacing is left
 * to the layout. */
static void test_shaped_by_words(void **state)
{
	(void)state;
	const char *text = "The of" SHY "fice\xc2\xa0said \xe2\x80\x9c" "fi" SHY "nal\xe2\x80\x9d: "
	                   "\xce\xbb\xcf\x8c\xce\xb3\xce\xbf\xcf\x82 and \xd1\x81\xd0\xbb\xd0\xbe\xd0\xb2\xd0\xbe, "
	                   "1,250 km \xe6\xbc\xa2\xe5\xad\x97 away, AVATAR Tokyo.12 The end.";
	PangoLayout *l = S_measured(text);
	PangoAttrList *attrs = pango_attr_list_new();
	PangoAttribute *a = pango_attr_style_new(PANGO_STYLE_ITALIC);
	a->start_index = 4;
	a->end_index = 14;
	pango_attr_list_insert(attrs, a);
	int note = (int)(strstr(text, "12") - text);
	a = pango_attr_rise_new(3 * PANGO_SCALE);
	a->start_index = (guint)note;
	a->end_index = (guint)note + 2;
	pango_attr_list_insert(attrs, a);
	a = pango_attr_scale_new(0.7);
	a->start_index = (guint)note;
	a->end_index = (guint)note + 2;
	pango_attr_list_insert(attrs, a);
	pango_layout_set_attributes(l, attrs);
	pango_layout_set_width(l, -1);
	struct ts_unwrapped fast, again, slow;
	assert_int_equal(galley_shape_line(l, &fast), 1);
	assert_int_equal(galley_shape_line(l, &again), 1);
	galley_unwrapped_from_layout(l, &slow);
	assert_true(g_slist_length(slow.runs) >= 5);
	S_same_line(&fast, &slow);
	S_same_line(&again, &slow);
	galley_unwrapped_free(&fast);
	galley_unwrapped_free(&again);
	galley_unwrapped_free(&slow);
	a = pango_attr_letter_spacing_new(PANGO_SCALE);
	pango_attr_list_insert(attrs, a);
	pango_layout_set_attributes(l, attrs);
	assert_int_equal(galley_shape_line(l, &fast), 0);
	assert_null(fast.runs);
	pango_attr_list_unref(attrs);
	g_object_unref(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_cut_inside_a_ligature),
		cmocka_unit_test(test_soft_hyphen_becomes_a_hyphen),
		cmocka_unit_test(test_shrunk_line),
		cmocka_unit_test(test_expanded_line),
		cmocka_unit_test(test_protruding_line),
		cmocka_unit_test(test_link_ranges),
		cmocka_unit_test(test_shaped_by_words),
		cmocka_unit_test(test_justified_sample),
		cmocka_unit_test(test_justified_cjk),
		cmocka_unit_test(test_word_space_min),
		cmocka_unit_test(test_reflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
