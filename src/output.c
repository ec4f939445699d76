/* output.c — reading inputs whole and writing outputs atomically (temporary file, then rename). */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "galley.h"
#include "util.h"

char *galley_read_file(const char *path, size_t max, size_t *len, galley_diag *diag)
{
	int stdin_input = strcmp(path, "-") == 0;
	FILE *f = stdin_input ? stdin : fopen(path, "rb");
	if (!f) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	galley_buf b = GALLEY_BUF_INIT;
	char chunk[65536];
	size_t n;
	int too_big = 0;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > max) {
			too_big = 1;
			break;
		}
		galley_buf_put(&b, chunk, n);
	}
	int err = ferror(f);
	int saved = errno;
	if (!stdin_input)
		fclose(f);
	if (too_big || err) {
		if (too_big)
			galley_diag_report(diag, GALLEY_DIAG_ERROR, 0,
			                   "input larger than the limit of %zu MiB", max >> 20);
		else
			galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "cannot read: %s",
			                   saved == EISDIR ? "is a directory" : strerror(saved));
		galley_buf_free(&b);
		return NULL;
	}
	galley_buf_grow(&b, 0);
	*len = b.len;
	return galley_buf_detach(&b);
}

static int S_copy_to_stdout(const char *tmp, galley_diag *diag)
{
	FILE *f = fopen(tmp, "rb");
	if (!f) {
		galley_diag_report(diag, GALLEY_DIAG_SYSERR, 0, "cannot reopen output: %s", strerror(errno));
		return -1;
	}
	char chunk[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (fwrite(chunk, 1, n, stdout) != n) {
			rc = -1;
			break;
		}
	fclose(f);
	if (fflush(stdout) != 0 || rc != 0) {
		galley_diag_report(diag, GALLEY_DIAG_SYSERR, 0, "cannot write to standard output");
		return -1;
	}
	return 0;
}

/* A temporary name in PATH's folder, so that rename() stays on one file
 * system; the file is created here (mkstemp) so the name is ours. */
static char *S_make_temp(const char *path, galley_diag *diag)
{
	const char *slash = strrchr(path, '/');
	char *tmpl;
	if (strcmp(path, "-") == 0) {
		const char *dir = getenv("TMPDIR");
		tmpl = galley_xasprintf("%s/galley-out.XXXXXX", dir && *dir ? dir : "/tmp");
	} else if (slash) {
		tmpl = galley_xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1);
	} else {
		tmpl = galley_xasprintf(".%s.XXXXXX", path);
	}
	int fd = mkstemp(tmpl);
	if (fd < 0) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "cannot write %s: %s", path, strerror(errno));
		free(tmpl);
		return NULL;
	}
	close(fd);
	return tmpl;
}

int galley_write_atomic(const char *path, galley_writer write, void *ctx, galley_diag *diag)
{
	char *tmp = S_make_temp(path, diag);
	if (!tmp)
		return -1;
	int rc = write(tmp, ctx);
	if (rc == 0) {
		if (strcmp(path, "-") == 0) {
			rc = S_copy_to_stdout(tmp, diag);
		} else {
			/* mkstemp makes 0600; outputs get the usual 0666 & ~umask */
			mode_t mask = umask(0);
			umask(mask);
			chmod(tmp, 0666 & ~mask);
			if (rename(tmp, path) != 0) {
				galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "cannot write %s: %s",
				                   path, strerror(errno));
				rc = -1;
			}
		}
	}
	if (rc != 0 || strcmp(path, "-") == 0)
		unlink(tmp);
	free(tmp);
	return rc == 0 ? 0 : -1;
}
