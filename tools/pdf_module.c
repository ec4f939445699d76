/* pdf_module.c — the PDF back end of the galley program, a module
 * (galley-pdf.so) loaded when the first PDF is made.
 *
 * The typesetter brings pango and the dozen libraries under it (GIO,
 * fribidi, libthai...); loading them took a sixth of the time of an EPUB,
 * which needs none of them.  So the program links the readers and the EPUB
 * back end, and galley_render_pdf below loads the rest on first use.
 * Programs that link libgalley.a get the PDF back end directly. */
#include <dlfcn.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util.h"

#define MODULE "galley-pdf.so"

typedef int (*render_fn)(galley_node *doc, const galley_layout *layout,
                         const galley_options *opts, const char *path, galley_diag *diag);

static render_fn S_render;
static int S_tried;
static char S_error[PATH_MAX + 256];

int cli_pdf_load(galley_diag *diag)
{
	if (!S_tried) {
		S_tried = 1;
		char why[PATH_MAX + 128] = "";
		void *module = cli_module_open(MODULE, why, sizeof why);
		if (module)
			S_render = (render_fn)(uintptr_t)dlsym(module, "galley_render_pdf");
		if (!S_render)
			snprintf(S_error, sizeof S_error, "cannot load the PDF back end: %s",
			         module ? MODULE " has no galley_render_pdf" : why);
	}
	if (S_render)
		return 1;
	galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "%s", S_error);
	return 0;
}

int galley_render_pdf(galley_node *doc, const galley_layout *layout, const galley_options *opts,
                      const char *path, galley_diag *diag)
{
	return cli_pdf_load(diag) ? S_render(doc, layout, opts, path, diag) : -1;
}
