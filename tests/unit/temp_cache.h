/* temp_cache.h — a test group's own cache folder: XDG_CACHE_HOME points at
 * a new temporary folder (S_dir) for the group, removed after it.  Use
 * S_setup and S_teardown as the group's setup and teardown. */
#ifndef GALLEY_TEST_TEMP_CACHE_H
#define GALLEY_TEST_TEMP_CACHE_H

#include <stdlib.h>
#include <string.h>

#include "util.h"

static char S_dir[64];

static int S_setup(void **state)
{
	(void)state;
	strcpy(S_dir, "/tmp/galley-test-cache.XXXXXX");
	if (!mkdtemp(S_dir))
		return -1;
	setenv("XDG_CACHE_HOME", S_dir, 1);
	return 0;
}

static int S_teardown(void **state)
{
	(void)state;
	char *cmd = galley_xasprintf("rm -rf '%s'", S_dir);
	int rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

#endif
