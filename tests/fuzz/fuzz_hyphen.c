/* fuzz_hyphen.c — libFuzzer target for the reader of compiled hyphenation
 * dictionaries in galley's cache (src/hyphen_cache.c): any bytes give a
 * dictionary or NULL, and a dictionary it gives hyphenates words without
 * reading outside its states (libhyphen follows the state numbers and
 * transitions it was handed). */
#include <hyphen.h>

#include "fuzz.h"
#include "typeset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in;
	if (!fuzz_split(data, size, &in))
		return 0;
	HyphenDict *d = galley_hyphen_dict_read(in.data, in.len);
	if (!d)
		return 0;
	static const char *const words[] = {"hyphenation", "communications", "abcdefghij"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		char hyph[64];
		char **rep = NULL;
		int *pos = NULL, *cut = NULL;
		int n = (int)strlen(words[i]);
		hnj_hyphen_hyphenate2(d, words[i], n, hyph, NULL, &rep, &pos, &cut);
		galley_hyphen_points_free(rep, pos, cut, (size_t)n);
	}
	galley_hyphen_dict_free(d);
	return 0;
}
