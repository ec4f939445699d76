/* read_html.c — placeholder until the html reader lands: reports that the format is not supported yet. */
#include "reader.h"

galley_node *galley_read_html(const char *data, size_t len,
                            const galley_options *opts, galley_diag *diag)
{
	(void)data; (void)len; (void)opts;
	galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "the html reader is not available yet");
	return NULL;
}
