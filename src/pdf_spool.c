/* pdf_spool.c — the PDF back end's temporary files: cairo's PDF and the
 * finished one are spooled to disk, not held in memory, so that a digest
 * of thousands of pages costs no more memory than a short one (issue 21).
 * They live in $TMPDIR (else /tmp) and are removed as soon as they are
 * read. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdf.h"

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
	}
	return f;
}

int galley_pdf_spool_copy(const char *path, FILE *out, int *write_err)
{
	FILE *in = fopen(path, "rb");
	if (!in)
		return -1;
	char buf[1 << 16];
	size_t n;
	int rc = 0;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
		errno = 0;
		if (fwrite(buf, 1, n, out) != n) {
			*write_err = errno ? errno : EIO;
			rc = -1;
			break;
		}
	}
	if (ferror(in))
		rc = -1;
	fclose(in);
	return rc;
}
