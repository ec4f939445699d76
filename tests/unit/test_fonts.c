/* test_fonts.c — the faces galley sets type with: copies without TrueType
 * hinting that keep every glyph, advance and name, made once into the
 * cache, or into a temporary folder when there is no cache. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <hb-ot.h>
#include <hb.h>

#include "fonts.h"
#include "temp_cache.h"
#include "util.h"

static char *S_files(void)
{
	char *files = galley_data_path("fonts/files");
	assert_non_null(files);
	return files;
}

static hb_face_t *S_face(const char *path)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	assert_non_null(blob);
	hb_face_t *face = hb_face_create(blob, 0);
	hb_blob_destroy(blob);
	return face;
}

static int S_has_table(hb_face_t *face, hb_tag_t tag)
{
	hb_blob_t *t = hb_face_reference_table(face, tag);
	int has = hb_blob_get_length(t) > 0;
	hb_blob_destroy(t);
	return has;
}

/* The copy of Charis has no hinting programs, and the same glyphs, advances
 * and family name. */
static void test_dehint_keeps_the_face(void **state)
{
	(void)state;
	char *files = S_files();
	char *src = galley_xasprintf("%s/CharisSIL-Regular.ttf", files);
	char *dst = galley_xasprintf("%s/charis.ttf", S_dir);
	assert_int_equal(galley_font_dehint(src, dst), 0);
	hb_face_t *a = S_face(src), *b = S_face(dst);
	assert_true(S_has_table(a, HB_TAG('f', 'p', 'g', 'm')));
	assert_false(S_has_table(b, HB_TAG('f', 'p', 'g', 'm')));
	assert_false(S_has_table(b, HB_TAG('p', 'r', 'e', 'p')));
	assert_false(S_has_table(b, HB_TAG('c', 'v', 't', ' ')));
	assert_true(S_has_table(b, HB_TAG('G', 'S', 'U', 'B')));
	assert_true(S_has_table(b, HB_TAG('G', 'P', 'O', 'S')));
	assert_int_equal(hb_face_get_glyph_count(a), hb_face_get_glyph_count(b));
	hb_font_t *fa = hb_font_create(a), *fb = hb_font_create(b);
	for (hb_codepoint_t g = 0; g < hb_face_get_glyph_count(a); g += 7)
		assert_int_equal(hb_font_get_glyph_h_advance(fa, g), hb_font_get_glyph_h_advance(fb, g));
	char name[64];
	unsigned len = sizeof name;
	hb_ot_name_get_utf8(b, HB_OT_NAME_ID_FONT_FAMILY, HB_LANGUAGE_INVALID, &len, name);
	assert_string_equal(name, "Charis SIL");
	hb_font_destroy(fa);
	hb_font_destroy(fb);
	hb_face_destroy(a);
	hb_face_destroy(b);
	/* never over an existing file; an unreadable face is an error */
	assert_int_equal(galley_font_dehint(src, dst), -1);
	assert_int_equal(galley_font_dehint("/nonexistent.ttf", dst), -1);
	free(src);
	free(dst);
	free(files);
}

/* The folder of copies is made once, in the cache, one copy a face. */
static void test_folder_in_the_cache(void **state)
{
	(void)state;
	char *files = S_files();
	char *dir = galley_fonts_dehinted(files, NULL);
	assert_non_null(dir);
	assert_true(strncmp(dir, S_dir, strlen(S_dir)) == 0);
	char *copy = galley_xasprintf("%s/NotoSans-Bold.ttf", dir);
	struct stat first, again;
	assert_int_equal(stat(copy, &first), 0);
	char *dir2 = galley_fonts_dehinted(files, NULL);
	assert_string_equal(dir, dir2);
	assert_int_equal(stat(copy, &again), 0);
	assert_true(first.st_ino == again.st_ino && first.st_mtime == again.st_mtime);
	free(copy);
	free(dir2);
	free(dir);
	free(files);
}

/* A face the subsetter cannot read is copied as it is: the folder is
 * still made, whole. */
static void test_unreadable_face_copied(void **state)
{
	(void)state;
	char *files = galley_xasprintf("%s/faces", S_dir);
	assert_int_equal(mkdir(files, 0700), 0);
	char *orig = S_files();
	char *src = galley_xasprintf("%s/NotoSans-Regular.ttf", orig);
	char *link = galley_xasprintf("%s/NotoSans-Regular.ttf", files);
	assert_int_equal(symlink(src, link), 0);
	char *junk = galley_xasprintf("%s/junk.ttf", files);
	FILE *f = fopen(junk, "w");
	assert_non_null(f);
	fputs("not a font\n", f);
	fclose(f);
	char *dir = galley_fonts_dehinted(files, NULL);
	assert_non_null(dir);
	char *copy = galley_xasprintf("%s/junk.ttf", dir);
	size_t len = 0;
	char *data = galley_read_file(copy, 1024, &len, NULL);
	assert_non_null(data);
	assert_string_equal(data, "not a font\n");
	free(data);
	free(copy);
	copy = galley_xasprintf("%s/NotoSans-Regular.ttf", dir);
	assert_int_equal(access(copy, R_OK), 0);
	free(copy);
	free(dir);
	free(junk);
	free(link);
	free(src);
	free(orig);
	free(files);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dehint_keeps_the_face),
		cmocka_unit_test(test_folder_in_the_cache),
		cmocka_unit_test(test_unreadable_face_copied),
	};
	return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
