/* test_images.c — what galley checks before it uses an input's bytes
 * (issue 14): images decoded whole and reduced while read, SVG rebuilt
 * from an allow-list, UTF-16 and UTF-32 decoded by their byte order mark;
 * GIF, WebP and AVIF decoded, SVG drawn as vectors (issue 17). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "galley.h"
#include "image_decode.h"
#include "reader.h"
#include "svg_clean.h"
#include "util.h"

/* The bytes of FILE below the source tree (GALLEY_TOP), malloc'd. */
static unsigned char *S_slurp(const char *file, size_t *len)
{
	const char *top = getenv("GALLEY_TOP");
	char *path = galley_xasprintf("%s/%s", top && *top ? top : ".", file);
	galley_diag *d = galley_diag_new(path);
	unsigned char *data = (unsigned char *)galley_read_file(path, (size_t)1 << 24, len, d);
	galley_diag_free(d);
	free(path);
	assert_non_null(data);
	return data;
}

static void test_whole_images_decode(void **state)
{
	(void)state;
	const char *why = NULL;
	size_t len;
	unsigned char *jpg = S_slurp("tests/fuzz/images/photo.jpg", &len);
	cairo_surface_t *s = galley_image_decode(jpg, len, 0, 0, &why);
	assert_non_null(s);
	assert_int_equal(cairo_image_surface_get_width(s), 8);
	assert_int_equal(cairo_image_surface_get_height(s), 6);
	cairo_surface_destroy(s);
	assert_true(galley_image_verify(jpg, len, &why));
	/* cut short, or only its headers: left out, with a reason */
	assert_false(galley_image_verify(jpg, len / 2, &why));
	assert_string_equal(why, "a damaged JPEG image");
	assert_false(galley_image_verify(jpg, 40, &why));
	free(jpg);
	unsigned char *gif = S_slurp("tests/fuzz/images/dot.gif", &len);
	assert_true(galley_image_verify(gif, len, &why));
	assert_false(galley_image_verify(gif, len - 1, &why));
	free(gif);
}

static void test_reduced_while_read(void **state)
{
	(void)state;
	const char *why = NULL;
	size_t len;
	unsigned char *png = S_slurp("samples/images/galley-tray.png", &len);
	cairo_surface_t *full = galley_image_decode(png, len, 0, 0, &why);
	assert_non_null(full);
	int w = cairo_image_surface_get_width(full), h = cairo_image_surface_get_height(full);
	cairo_surface_destroy(full);
	/* a box a quarter of its width: reduced by 4, still covering the box */
	cairo_surface_t *s = galley_image_decode(png, len, w / 4, h, &why);
	assert_non_null(s);
	assert_int_equal(cairo_image_surface_get_width(s), (w + 3) / 4);
	assert_int_equal(cairo_image_surface_get_height(s), (h + 3) / 4);
	cairo_surface_destroy(s);
	assert_false(galley_image_verify(png, len - 13, &why));   /* no IEND */
	free(png);
}

static void test_svg_cleaned(void **state)
{
	(void)state;
	static const char evil[] =
		"<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
		" width=\"10\" onload=\"a()\"><SCRIPT>b()</SCRIPT><script>c()</script>"
		"<a href=\" JaVa&#10;Script:d()\"><rect width=\"1\" onclick=\"e()\"/></a>"
		"<use xlink:href=\"#r\"/><text>&x;</text>"
		"<rect style=\"fill:url(http://x/)\"/><style>*{}</style></svg>";
	size_t len = 0;
	const char *why = NULL;
	char *out = galley_svg_clean(evil, sizeof evil - 1, &len, &why);
	assert_non_null(out);
	for (const char *bad = "onload\0script\0SCRIPT\0avaScript\0onclick\0ENTITY\0passwd\0"
	     "http://x\0<style\0<a \0"; *bad; bad += strlen(bad) + 1)
		assert_null(strstr(out, bad));
	assert_non_null(strstr(out, "<rect width=\"1\"/>"));
	assert_non_null(strstr(out, "xlink:href=\"#r\""));
	free(out);
	static const char wide[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1e8\"/>";
	assert_null(galley_svg_clean(wide, sizeof wide - 1, &len, &why));
	/* uses of uses would multiply what a reading system draws */
	static const char uses[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"9\">"
		"<rect id=\"r\"/><g id=\"g1\"><use href=\"#r\"/><use href=\"#r\"/></g>"
		"<g id=\"g2\"><use href=\"#g1\"/></g><use href=\"#g2\"/></svg>";
	out = galley_svg_clean(uses, sizeof uses - 1, &len, &why);
	assert_non_null(out);
	assert_non_null(strstr(out, "<use href=\"#r\"/>"));
	assert_null(strstr(out, "#g1"));
	assert_null(strstr(out, "#g2"));
	free(out);
	static const char box[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1e8 9\"/>";
	assert_null(galley_svg_clean(box, sizeof box - 1, &len, &why));
	static const char html[] = "<html><script>x()</script></html>";
	assert_null(galley_svg_clean(html, sizeof html - 1, &len, &why));
}

/* The pixel at X, Y of the image S (premultiplied ARGB). */
static uint32_t S_pixel(cairo_surface_t *s, int x, int y)
{
	const unsigned char *row = cairo_image_surface_get_data(s) +
	                           (size_t)y * (size_t)cairo_image_surface_get_stride(s);
	return ((const uint32_t *)(const void *)row)[x];
}

/* Each of the web's formats (fixtures made with libwebp, giflib and
 * libavif): decoded at its size, the first frame of an animation with
 * its transparent middle, reduced for a small box; cut short, refused
 * with the reason a warning gives. */
static void test_web_formats(void **state)
{
	(void)state;
	static const struct {
		const char *file, *type, *damaged;
		int hole;   /* the first frame has a transparent middle */
	} fx[] = {
		{"photo.webp", "image/webp", "a damaged WebP image", 0},
		{"anim.webp", "image/webp", "a damaged WebP image", 1},
		{"frames.gif", "image/gif", "a damaged GIF image", 1},
		{"photo.avif", "image/avif", "a damaged AVIF image", 0},
	};
	for (size_t i = 0; i < sizeof fx / sizeof *fx; i++) {
		char *path = galley_xasprintf("tests/fuzz/images/%s", fx[i].file);
		size_t len;
		const char *why = NULL;
		unsigned char *d = S_slurp(path, &len);
		assert_string_equal(galley_image_magic(d, len), fx[i].type);
		cairo_surface_t *s = galley_image_decode(d, len, 0, 0, &why);
		assert_non_null(s);
		assert_int_equal(cairo_image_surface_get_width(s), 48);
		assert_int_equal(cairo_image_surface_get_height(s), 32);
		assert_int_equal(S_pixel(s, 24, 16) >> 24, fx[i].hole ? 0 : 0xff);
		/* the left band is red, whatever the format's colour model */
		uint32_t red = S_pixel(s, 2, 28);
		assert_true((red >> 16 & 0xff) > 150 && (red & 0xff) < 100);
		assert_int_equal(galley_image_opaque(s), !fx[i].hole);
		cairo_surface_destroy(s);
		s = galley_image_decode(d, len, 12, 8, &why);   /* reduced by 4 */
		assert_non_null(s);
		assert_int_equal(cairo_image_surface_get_width(s), 12);
		cairo_surface_destroy(s);
		assert_true(galley_image_verify(d, len, &why));
		assert_false(galley_image_verify(d, len / 2, &why));
		assert_string_equal(why, fx[i].damaged);
		free(d);
		free(path);
	}
	const char *why = NULL;
	assert_null(galley_image_decode((const unsigned char *)"RIFF\0\0\0\0WEBPVP8 ", 16, 0, 0, &why));
	assert_string_equal(why, "a damaged WebP image");
}

/* SVG: cleaned, then drawn by librsvg into a recording surface of
 * vectors the size of its viewBox; what the cleaner drops never reaches
 * librsvg, and a malformed one is refused. */
static void test_svg_drawn(void **state)
{
	(void)state;
	size_t len;
	const char *why = NULL;
	unsigned char *d = S_slurp("tests/fuzz/images/chart.svg", &len);
	assert_string_equal(galley_image_type(d, len), "image/svg+xml");
	cairo_surface_t *s = galley_image_svg(d, len, &why);
	assert_non_null(s);
	assert_int_equal(cairo_surface_get_type(s), CAIRO_SURFACE_TYPE_RECORDING);
	double w = 0, h = 0;
	galley_image_extent(s, &w, &h);
	assert_true(w > 1999.9 && w < 2000.1 && h > 1333.2 && h < 1333.4);   /* 120 x 80 */
	double x0, y0, iw, ih;
	cairo_recording_surface_ink_extents(s, &x0, &y0, &iw, &ih);
	assert_true(iw > 1900 && ih > 1300);   /* something is drawn over it all */
	cairo_surface_destroy(s);
	free(d);
	/* an outside image and a script are gone before librsvg reads it:
	 * drawn, only the square is left */
	static const char evil[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		"xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"40\" height=\"20\">"
		"<image xlink:href=\"file:///etc/passwd\" width=\"40\" height=\"20\"/>"
		"<script>alert(1)</script><rect width=\"10\" height=\"10\"/></svg>";
	s = galley_image_svg((const unsigned char *)evil, sizeof evil - 1, &why);
	assert_non_null(s);
	cairo_recording_surface_ink_extents(s, &x0, &y0, &iw, &ih);
	assert_true(iw <= 501 && ih <= 501);   /* 10 of 40 units, of 2000 */
	cairo_surface_destroy(s);
	static const char cut[] = "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"8\"";
	assert_null(galley_image_svg((const unsigned char *)cut, sizeof cut - 1, &why));
	assert_non_null(why);
}

static void test_utf16_by_its_mark(void **state)
{
	(void)state;
	galley_diag *d = galley_diag_new("utf16");
	galley_diag_set_quiet(d, 1);
	char *out = NULL;
	size_t len = 0;
	static const char le[] = "\xff\xfeH\0\xe9\0!\0";
	assert_int_equal(galley_input_unicode(le, sizeof le - 1, &out, &len, d), 1);
	assert_string_equal(out, "H\xc3\xa9!");
	free(out);
	static const char be32[] = "\0\0\xfe\xff\0\0\0H\0\0\0i";
	assert_int_equal(galley_input_unicode(be32, sizeof be32 - 1, &out, &len, d), 1);
	assert_string_equal(out, "Hi");
	free(out);
	static const char nomark[] = "T\0i\0t\0l\0e\0\n\0\n\0A\0 \0p\0a\0r\0a\0.\0";
	assert_int_equal(galley_input_unicode(nomark, sizeof nomark - 1, &out, &len, d), -1);
	assert_int_equal(galley_input_unicode("plain", 5, &out, &len, d), 0);
	assert_null(out);
	galley_diag_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_images_decode),
		cmocka_unit_test(test_reduced_while_read),
		cmocka_unit_test(test_svg_cleaned),
		cmocka_unit_test(test_web_formats),
		cmocka_unit_test(test_svg_drawn),
		cmocka_unit_test(test_utf16_by_its_mark),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
