/* datadir.c — finds galley's shipped data files (layouts, fonts, patterns). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "galley.h"
#include "util.h"

#ifndef GALLEY_DATADIR
#define GALLEY_DATADIR "/usr/local/share/galley"
#endif

/* DIR/RELATIVE as an absolute path, if it can be read: fontconfig reads a
 * relative configuration path against its own folder, not ours. */
static char *S_try(const char *dir, const char *relative)
{
	char *path = galley_xasprintf("%s/%s", dir, relative);
	char *found = access(path, R_OK) == 0 ? realpath(path, NULL) : NULL;
	free(path);
	return found;
}

char *galley_exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	char *slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return galley_xstrdup(buf);
}

char *galley_data_path(const char *relative)
{
	char *found = NULL;
	const char *env = getenv("GALLEY_DATADIR");
	if (env && *env && (found = S_try(env, relative)))
		return found;
	char *exe = galley_exe_dir();
	if (exe) {
		/* installed: PREFIX/bin/galley -> PREFIX/share/galley;
		 * in the source tree: build/galley -> . (and build/tests/x -> ..) */
		const char *ups[] = {"/../share/galley", "/..", "/../.."};
		for (size_t i = 0; !found && i < sizeof ups / sizeof *ups; i++) {
			char *dir = galley_xasprintf("%s%s", exe, ups[i]);
			found = S_try(dir, relative);
			free(dir);
		}
		free(exe);
		if (found)
			return found;
	}
	return S_try(GALLEY_DATADIR, relative);
}
