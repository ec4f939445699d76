/* subset_module.c — HarfBuzz's subsetter in the galley program, a module
 * (galley-subset.so, src/font_subset.c) loaded when the dehinted faces
 * are made (once per set of faces) or an EPUB embeds a fallback face.
 * Programs that link libgalley.a get it directly. */
#include <stdint.h>

#include "cli.h"
#include "fonts.h"

static struct cli_entry S_dehint = {.file = "galley-subset.so", .entry = "galley_font_dehint",
                                  .what = "the font subsetter"};
static struct cli_entry S_cut = {.file = "galley-subset.so", .entry = "galley_font_cut",
                               .what = "the font subsetter"};
static struct cli_entry S_subset = {.file = "galley-subset.so", .entry = "galley_font_subset",
                                  .what = "the font subsetter"};

typedef int (*dehint_fn)(const char *, const char *);
typedef int (*cut_fn)(const char *, int, const hb_set_t *, const char *);
typedef char *(*subset_fn)(const char *, int, const hb_set_t *, size_t *, int *);

int galley_font_dehint(const char *src, const char *dst)
{
	void *fn = cli_entry(&S_dehint);
	return fn ? ((dehint_fn)(uintptr_t)fn)(src, dst) : -1;
}

int galley_font_cut(const char *src, int index, const hb_set_t *chars, const char *dst)
{
	void *fn = cli_entry(&S_cut);
	return fn ? ((cut_fn)(uintptr_t)fn)(src, index, chars, dst) : -1;
}

char *galley_font_subset(const char *file, int index, const hb_set_t *chars, size_t *len,
                         int *cff)
{
	void *fn = cli_entry(&S_subset);
	return fn ? ((subset_fn)(uintptr_t)fn)(file, index, chars, len, cff) : NULL;
}
