/* epub.c — placeholder until the EPUB back end lands. */
#include "galley.h"

int galley_render_epub(galley_node *doc, const galley_layout *layout,
                       const galley_options *opts, const char *path, galley_diag *diag)
{
	(void)doc; (void)layout; (void)opts; (void)path;
	galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "EPUB output is not available yet");
	return -1;
}
