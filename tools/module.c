/* module.c — finding and loading the galley program's modules: the PDF
 * back end (galley-pdf.so, pdf_module.c), fetching (galley-fetch.so,
 * fetch_module.c), the image decoders (image_module.c), the Markdown
 * reader (md_module.c) and the font subsetter (subset_module.c).  Each
 * brings libraries that most runs never use (pango and what lies under
 * it; libcurl and its TLS, HTTP/2 and directory libraries; libjpeg,
 * libwebp, cmark-gfm, HarfBuzz's subsetter), so the program loads them
 * only when a run needs them: each library mapped costs every run its
 * start-up, and an EPUB of a text article needs none of them. */
#include <dlfcn.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "util.h"

#ifndef GALLEY_LIBDIR
#define GALLEY_LIBDIR "/usr/local/lib"
#endif

/* The module NAME beside the program (the build folder), in
 * PREFIX/lib/galley for an installed program, else in the compiled-in
 * library folder. */
static void S_locate(const char *name, char *path, size_t size)
{
	char *exe = galley_exe_dir();
	if (exe) {
		const char *tries[] = {"/", "/../lib/galley/"};
		for (size_t i = 0; i < sizeof tries / sizeof *tries; i++) {
			snprintf(path, size, "%s%s%s", exe, tries[i], name);
			if (access(path, R_OK) == 0) {
				free(exe);
				return;
			}
		}
		free(exe);
	}
	snprintf(path, size, "%s/galley/%s", GALLEY_LIBDIR, name);
}

void *cli_module_open(const char *name, char *error, size_t size)
{
	char path[PATH_MAX + 64];
	S_locate(name, path, sizeof path);
	/* lazy binding: the module's libraries bind what they use */
	void *module = dlopen(path, RTLD_LAZY | RTLD_LOCAL);
	if (!module) {
		const char *why = dlerror();
		snprintf(error, size, "%s", why ? why : path);
	}
	return module;
}

void *cli_entry(struct cli_entry *e)
{
	if (!e->tried) {
		e->tried = 1;
		char why[PATH_MAX + 64] = "";
		void *h = cli_module_open(e->file, why, sizeof why);
		e->fn = h ? dlsym(h, e->entry) : NULL;
		if (!e->fn)
			snprintf(e->error, sizeof e->error, "cannot load %s (%s): %s", e->what, e->file,
			         h ? "the entry point is missing" : why);
	}
	return e->fn;
}
