/* md_module.c — the Markdown reader of the galley program, a module
 * (galley-md.so: src/read_md.c and src/md_*.c, on libcmark-gfm and its
 * extensions) loaded for the first Markdown input: mapping cmark-gfm cost
 * every other run about 0.4 million instructions of start-up.  Programs
 * that link libgalley.a get the reader directly. */
#include <stdint.h>

#include "cli.h"

static struct cli_entry S_md = {.file = "galley-md.so", .entry = "galley_read_md",
                                  .what = "the Markdown reader"};

typedef galley_node *(*md_fn)(const char *, size_t, const galley_options *, galley_diag *);

galley_node *galley_read_md(const char *data, size_t len, const galley_options *opts,
                            galley_diag *diag)
{
	void *fn = cli_entry(&S_md);
	if (fn)
		return ((md_fn)(uintptr_t)fn)(data, len, opts, diag);
	galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "%s", S_md.error);
	return NULL;
}
