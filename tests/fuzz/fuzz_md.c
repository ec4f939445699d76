/* fuzz_md.c — libFuzzer target for the Markdown reader (src/read_md.c): any bytes
 * give a tree or a clean error, and the tree keeps its invariants. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in;
	if (fuzz_split(data, size, &in))
		fuzz_read(&in, galley_read_md);
	return 0;
}
