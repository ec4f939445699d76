/* layout.c — placeholder until the layout loader lands. */
#include <stdlib.h>
#include "galley.h"

galley_layout *galley_layout_load(const char *name_or_path, galley_diag *diag)
{
	galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "layout %s: layouts are not available yet",
	                   name_or_path ? name_or_path : "article-a4");
	return NULL;
}
void galley_layout_free(galley_layout *layout) { (void)layout; }
const char *galley_layout_name(const galley_layout *layout) { (void)layout; return NULL; }
const char *galley_layout_description(const galley_layout *layout) { (void)layout; return NULL; }
