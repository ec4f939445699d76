/* pdf_spool.c — the PDF back end's temporary file: a long PDF from cairo
 * is spooled to disk, not held in memory, so that a digest of thousands of
 * pages is not held whole (issue 21).  It is made in $TMPDIR (else /tmp)
 * and removed at once; the finishing step opens it again by the name
 * /proc/self/fd/N, so that a run that is killed leaves nothing behind.  Without /proc the name is kept until galley is done
 * with the file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdf.h"

#define PROC_FD "/proc/self/fd"

FILE *galley_pdf_spool_open(char **path)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	*path = galley_xasprintf("%s/galley-pdf-XXXXXX", dir);
	int fd = mkstemp(*path);
	FILE *f = fd >= 0 ? fdopen(fd, "w+b") : NULL;
	if (!f) {
		int saved = errno;
		if (fd >= 0) {
			close(fd);
			unlink(*path);
		}
		free(*path);
		*path = NULL;
		errno = saved;
		return NULL;
	}
	if (access(PROC_FD, X_OK) == 0) {
		unlink(*path);
		free(*path);
		*path = galley_xasprintf(PROC_FD "/%d", fd);
	}
	return f;
}

void galley_pdf_spool_close(FILE *f, char *path)
{
	if (f)
		fclose(f);
	if (path && strncmp(path, PROC_FD "/", sizeof PROC_FD) != 0)
		unlink(path);
	free(path);
}
