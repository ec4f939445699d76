/* open_regular.c — opens a file galley reads only when it is a regular
 * file: a named pipe, a device or a socket in its place (an input, a cache
 * entry, an image) is refused at once, where a plain open would wait for a
 * writer for ever (issue 14: a FIFO as a batch input or a cache entry hung
 * galley). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "open_regular.h"
#include "util.h"

int galley_open_regular(const char *path, int flags, struct stat *st)
{
	/* O_NONBLOCK: opening a FIFO with no writer returns at once */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | flags);
	if (fd < 0)
		return -1;
	struct stat s;
	if (fstat(fd, &s) != 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (st)
		*st = s;
	if (!S_ISREG(s.st_mode)) {
		close(fd);
		return -2;
	}
	/* reads of a regular file never block: the flag only mattered for
	 * the open, and is cleared so that the file reads as usual */
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}

FILE *galley_fopen_regular(const char *path, galley_diag *diag)
{
	struct stat st;
	int fd = galley_open_regular(path, 0, &st);
	if (fd == -2) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "cannot read: %s",
		                   S_ISDIR(st.st_mode) ? "is a directory"
		                   : "not a regular file (a named pipe, a device or a socket)");
		return NULL;
	}
	FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
	if (!f) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "cannot open: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	return f;
}

void *galley_read_regular(const char *path, size_t max, size_t *len)
{
	struct stat st;
	int fd = galley_open_regular(path, 0, &st);
	if (fd < 0)
		return NULL;
	char *data = NULL;
	if ((size_t)st.st_size <= max) {
		data = galley_xmalloc((size_t)st.st_size + 1);
		ssize_t got;
		*len = 0;
		while (*len < (size_t)st.st_size &&
		       (got = read(fd, data + *len, (size_t)st.st_size - *len)) > 0)
			*len += (size_t)got;
		data[*len] = '\0';
	}
	close(fd);
	return data;
}
