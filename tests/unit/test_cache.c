/* test_cache.c — galley's cache on disk: what is written is read back, and
 * an entry that is missing, damaged or not galley's is a miss. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "temp_cache.h"
#include "util.h"

static char *S_entry(const char *name)
{
	return galley_xasprintf("%s/galley/%s", S_dir, name);
}

static void test_round_trip(void **state)
{
	(void)state;
	size_t len = 0;
	assert_null(galley_cache_read("absent", &len));
	static const char data[] = "compiled patterns\0with a NUL";
	galley_cache_write("entry", data, sizeof data);
	char *back = galley_cache_read("entry", &len);
	assert_non_null(back);
	assert_int_equal(len, sizeof data);
	assert_memory_equal(back, data, sizeof data);
	free(back);
	/* the folder is private and no temporary file is left */
	char *ls = galley_xasprintf("test $(ls -A '%s/galley' | wc -l) = 1", S_dir);
	assert_int_equal(system(ls), 0);
	free(ls);
}

static void test_damage_is_a_miss(void **state)
{
	(void)state;
	galley_cache_write("damaged", "0123456789", 10);
	char *path = S_entry("damaged");
	FILE *f = fopen(path, "r+b");
	assert_non_null(f);
	fseek(f, -3, SEEK_END);
	fputc('X', f);
	fclose(f);
	size_t len;
	assert_null(galley_cache_read("damaged", &len));
	/* a file that is not a galley cache entry */
	f = fopen(path, "wb");
	fputs("not a cache entry at all, but long enough", f);
	fclose(f);
	assert_null(galley_cache_read("damaged", &len));
	/* a link is not followed */
	unlink(path);
	assert_int_equal(symlink("/etc/hostname", path), 0);
	assert_null(galley_cache_read("damaged", &len));
	free(path);
}

static void test_no_home_no_cache(void **state)
{
	(void)state;
	char *xdg = galley_xstrdup(getenv("XDG_CACHE_HOME"));
	char *home = getenv("HOME") ? galley_xstrdup(getenv("HOME")) : NULL;
	unsetenv("XDG_CACHE_HOME");
	unsetenv("HOME");
	galley_cache_write("nowhere", "x", 1);   /* must not crash or write */
	size_t len;
	assert_null(galley_cache_read("nowhere", &len));
	setenv("XDG_CACHE_HOME", xdg, 1);
	if (home)
		setenv("HOME", home, 1);
	free(xdg);
	free(home);
}

static void test_fnv1a(void **state)
{
	(void)state;
	/* the published test vectors of 64-bit FNV-1a */
	assert_true(galley_fnv1a(GALLEY_FNV1A_INIT, "", 0) == 0xcbf29ce484222325ull);
	assert_true(galley_fnv1a(GALLEY_FNV1A_INIT, "a", 1) == 0xaf63dc4c8601ec8cull);
	assert_true(galley_fnv1a(GALLEY_FNV1A_INIT, "foobar", 6) == 0x85944171f73967e8ull);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_damage_is_a_miss),
		cmocka_unit_test(test_no_home_no_cache),
		cmocka_unit_test(test_fnv1a),
	};
	return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
