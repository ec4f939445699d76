/* cli_repeats.c — the lines that recur across the text inputs of one run
 * (a digest, a batch), learned before any input is read: the text reader
 * drops them as a site's junk (src/text_repeats.c). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

galley_repeats *cli_learn_repeats(char *const *ins, size_t n, const struct cli_opts *o)
{
	galley_repeats *r = NULL;
	size_t texts = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(ins[i], "-") == 0)
			continue;   /* standard input can be read only once */
		galley_diag *quiet = galley_diag_new(ins[i]);
		galley_diag_set_quiet(quiet, 1);   /* the real read reports */
		size_t len = 0;
		char *data = galley_read_file(ins[i], GALLEY_MAX_INPUT, &len, quiet);
		galley_diag_free(quiet);
		if (!data)
			continue;
		galley_format f = o->from != GALLEY_FORMAT_AUTO ? o->from
		                : galley_format_detect(ins[i], data, len);
		if (f == GALLEY_FORMAT_TXT) {
			if (!r)
				r = galley_repeats_new();
			galley_repeats_add_text(r, data, len);
			texts++;
		}
		free(data);
	}
	if (texts < 2) {
		galley_repeats_free(r);
		return NULL;
	}
	return r;
}
