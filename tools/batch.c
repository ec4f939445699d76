/* batch.c — placeholder for `galley batch` until the batch pipeline lands. */
#include <stdio.h>

#include "cli.h"

int cli_batch(char **ins, int n, struct cli_opts *o)
{
	(void)ins; (void)n; (void)o;
	fputs("galley: batch is not available yet\n", stderr);
	return EXIT_USAGE;
}
