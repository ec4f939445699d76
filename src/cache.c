/* cache.c — galley's cache on disk ($XDG_CACHE_HOME/galley, else
 * ~/.cache/galley): results that cost more to compute than to read back,
 * such as compiled boilerplate patterns.  Every entry carries a checksum;
 * one that fails it, or any error, is simply a miss. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "open_regular.h"
#include "util.h"

#define CACHE_MAGIC "galley-cache 1\n"
#define CACHE_MAGIC_LEN (sizeof CACHE_MAGIC - 1)
#define CACHE_MAX ((size_t)16 << 20)

uint64_t galley_fnv1a(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

/* The cache folder (malloc'd), or NULL when there is no home. */
static char *S_dir(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	if (xdg && xdg[0] == '/')
		return galley_xasprintf("%s/galley", xdg);
	const char *home = getenv("HOME");
	return home && home[0] == '/' ? galley_xasprintf("%s/.cache/galley", home) : NULL;
}

static void S_le64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

void *galley_cache_read(const char *name, size_t *len)
{
	char *dir = S_dir();
	if (!dir)
		return NULL;
	char *path = galley_xasprintf("%s/%s", dir, name);
	free(dir);
	/* issue 14: a named pipe in place of an entry must not block */
	struct stat st;
	int fd = galley_open_regular(path, O_NOFOLLOW, &st);
	free(path);
	if (fd < 0)
		return NULL;
	unsigned char *all = NULL;
	size_t size = 0;
	if ((size_t)st.st_size > CACHE_MAGIC_LEN + 8 &&
	    (size_t)st.st_size <= CACHE_MAX) {
		size = (size_t)st.st_size;
		all = galley_xmalloc(size);
		if (read(fd, all, size) != (ssize_t)size) {
			free(all);
			all = NULL;
		}
	}
	close(fd);
	if (!all)
		return NULL;
	unsigned char sum[8];
	size_t n = size - CACHE_MAGIC_LEN - 8;
	const unsigned char *payload = all + CACHE_MAGIC_LEN + 8;
	S_le64(sum, galley_fnv1a(GALLEY_FNV1A_INIT, payload, n));
	if (memcmp(all, CACHE_MAGIC, CACHE_MAGIC_LEN) != 0 ||
	    memcmp(all + CACHE_MAGIC_LEN, sum, 8) != 0) {
		free(all);
		return NULL;
	}
	memmove(all, payload, n);
	*len = n;
	return all;
}

static int S_mkdir(const char *dir)
{
	return mkdir(dir, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

char *galley_cache_folder(void)
{
	char *dir = S_dir();
	if (!dir)
		return NULL;
	/* ~/.cache may not exist yet */
	char *parent = galley_xstrdup(dir);
	char *slash = strrchr(parent, '/');
	if (slash && slash != parent)
		*slash = '\0';
	int ok = S_mkdir(parent) == 0 && S_mkdir(dir) == 0;
	free(parent);
	if (!ok) {
		free(dir);
		return NULL;
	}
	return dir;
}

void galley_cache_write(const char *name, const void *data, size_t len)
{
	char *dir = len <= CACHE_MAX ? galley_cache_folder() : NULL;
	if (!dir)
		return;
	char *tmp = galley_xasprintf("%s/.%s.XXXXXX", dir, name);
	char *path = galley_xasprintf("%s/%s", dir, name);
	int fd = mkstemp(tmp);
	if (fd >= 0) {
		unsigned char head[CACHE_MAGIC_LEN + 8];
		memcpy(head, CACHE_MAGIC, CACHE_MAGIC_LEN);
		S_le64(head + CACHE_MAGIC_LEN, galley_fnv1a(GALLEY_FNV1A_INIT, data, len));
		int ok = write(fd, head, sizeof head) == (ssize_t)sizeof head &&
		     write(fd, data, len) == (ssize_t)len;
		ok = close(fd) == 0 && ok && rename(tmp, path) == 0;
		if (!ok)
			unlink(tmp);
	}
	free(tmp);
	free(path);
	free(dir);
}
