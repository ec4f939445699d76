/* pdf.c — placeholder until the PDF back end lands. */
#include "galley.h"

int galley_render_pdf(galley_node *doc, const galley_layout *layout,
                      const galley_options *opts, const char *path, galley_diag *diag)
{
	(void)doc; (void)layout; (void)opts; (void)path;
	galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "PDF output is not available yet");
	return -1;
}
