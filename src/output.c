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

FILE *galley_open_write(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0)
		return NULL;
	struct stat st;
	FILE *f = NULL;
	if (fstat(fd, &st) == 0 && (st.st_size == 0 || ftruncate(fd, 0) == 0))
		f = fdopen(fd, "wb");
	if (!f) {
		int saved = errno;
		close(fd);
		errno = saved;
	}
	return f;
}

/* Copy the finished temporary file TMP to PATH ("-": standard output),
 * which is a stream, not a file to replace. */
static int S_copy_out(const char *tmp, const char *path, galley_diag *diag)
{
	int to_stdout = strcmp(path, "-") == 0;
	FILE *f = fopen(tmp, "rb");
	FILE *out = to_stdout ? stdout : fopen(path, "wb");
	if (!f || !out) {
		galley_diag_report(diag, GALLEY_DIAG_SYSERR, 0, "cannot write %s: %s",
		                   to_stdout ? "to standard output" : path, strerror(errno));
		if (f)
			fclose(f);
		if (out && !to_stdout)
			fclose(out);
		return -1;
	}
	char chunk[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (fwrite(chunk, 1, n, out) != n) {
			rc = -1;
			break;
		}
	fclose(f);
	if ((to_stdout ? fflush(out) : fclose(out)) != 0 || rc != 0) {
		galley_diag_report(diag, GALLEY_DIAG_SYSERR, 0, "cannot write %s: %s",
		                   to_stdout ? "to standard output" : path, strerror(errno));
		return -1;
	}
	return 0;
}

/* PATH is "-" or an existing device or pipe (/dev/stdout, a FIFO): the
 * output is streamed into it, never renamed over it. */
static int S_is_stream(const char *path)
{
	struct stat st;
	return strcmp(path, "-") == 0 || (stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	                                  !S_ISDIR(st.st_mode));
}

/* A temporary name in PATH's folder, so that rename() stays on one file
 * system, or in TMPDIR for a STREAM; the file is created here (mkstemp) so
 * the name is ours. */
static char *S_make_temp(const char *path, int stream, galley_diag *diag)
{
	const char *slash = strrchr(path, '/');
	char *tmpl;
	if (stream) {
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
	int stream = S_is_stream(path);
	char *tmp = S_make_temp(path, stream, diag);
	if (!tmp)
		return -1;
	int rc = write(tmp, ctx);
	if (rc == 0) {
		if (stream) {
			rc = S_copy_out(tmp, path, diag);
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
	if (rc != 0 || stream)
		unlink(tmp);
	free(tmp);
	return rc == 0 ? 0 : -1;
}
