/* output.c — reading inputs whole and writing outputs atomically (temporary file, checked and synced, then rename), and removing the temporary files a killed galley left. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "galley.h"
#include "open_regular.h"
#include "util.h"

char *galley_read_file(const char *path, size_t max, size_t *len, galley_diag *diag)
{
	int stdin_input = strcmp(path, "-") == 0;
	/* issue 14: a named pipe given as an input would block for ever */
	FILE *f = stdin_input ? stdin : galley_fopen_regular(path, diag);
	if (!f)
		return NULL;
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

/* A temporary name beside PATH, so that rename() stays on one file system
 * (in TMPDIR for a STREAM): .NAME.PID.XXXXXX, made here (mkstemp) so the
 * name is ours.  *LOCK gets its descriptor, locked (flock) until the file
 * is renamed or removed: with the PID in its name this tells a live
 * temporary file from one a killed galley left (galley_sweep_temporary). */
static char *S_make_temp(const char *path, int stream, int *lock, galley_diag *diag)
{
	const char *slash = strrchr(path, '/');
	long pid = (long)getpid();
	char *tmpl;
	if (stream) {
		const char *dir = getenv("TMPDIR");
		tmpl = galley_xasprintf("%s/galley-out.%ld.XXXXXX", dir && *dir ? dir : "/tmp", pid);
	} else if (slash) {
		tmpl = galley_xasprintf("%.*s/.%s.%ld.XXXXXX", (int)(slash - path), path, slash + 1, pid);
	} else {
		tmpl = galley_xasprintf(".%s.%ld.XXXXXX", path, pid);
	}
	/* a signal between mkstemp and galley_cleanup_add would leave the file */
	sigset_t stop, old;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop, &old);
	int fd = mkstemp(tmpl), saved = errno;
	if (fd >= 0) {
		fcntl(fd, F_SETFD, FD_CLOEXEC);
		flock(fd, LOCK_EX);
		galley_cleanup_add(tmpl);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd < 0) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "cannot write %s: %s", path, strerror(saved));
		free(tmpl);
		return NULL;
	}
	*lock = fd;
	return tmpl;
}

/* An output written to its temporary file TMP, being made durable and
 * renamed to PATH (by THREAD when THREADED). */
struct galley_pending {
	char *path, *tmp;
	int lock, stream;
	mode_t mode;
	pthread_t thread;
	int threaded;
	/* the outcome: errno of fsync or fstat (SYNC_ERR), a file left empty,
	 * errno of rename (RENAME_ERR) */
	int sync_err, empty, rename_err;
};

/* Make sure the bytes are on the disk (fsync, through the locked
 * descriptor of the same file) and that there are some (a file system
 * that is full, or gone, says so here at the latest), then give the file
 * its name. */
static void *S_commit(void *arg)
{
	struct galley_pending *p = arg;
	struct stat st;
	if (fsync(p->lock) != 0 && errno != EINVAL)
		p->sync_err = errno;
	else if (fstat(p->lock, &st) != 0)
		p->sync_err = errno;
	else if (st.st_size == 0)
		p->empty = 1;
	if (!p->sync_err && !p->empty && !p->stream) {
		fchmod(p->lock, p->mode);
		if (rename(p->tmp, p->path) != 0)
			p->rename_err = errno;
	}
	return NULL;
}

/* galley_write_start, the commit done by a thread when THREADED. */
static galley_pending *S_start(const char *path, galley_writer write, void *ctx,
                               galley_diag *diag, int threaded)
{
	int stream = S_is_stream(path), lock = -1;
	char *tmp = S_make_temp(path, stream, &lock, diag);
	if (!tmp)
		return NULL;
	if (write(tmp, ctx) != 0) {
		unlink(tmp);
		galley_cleanup_forget(tmp);
		close(lock);
		free(tmp);
		return NULL;
	}
	struct galley_pending *p = galley_xcalloc(1, sizeof *p);
	*p = (struct galley_pending){.path = galley_xstrdup(path), .tmp = tmp, .lock = lock,
	                             .stream = stream};
	/* mkstemp makes 0600; outputs get the usual 0666 & ~umask (read here:
	 * umask is the whole process's) */
	mode_t mask = umask(0);
	umask(mask);
	p->mode = 0666 & ~mask;
	/* the thread takes no signal: they stay the caller's to handle */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	p->threaded = threaded && !stream && pthread_create(&p->thread, NULL, S_commit, p) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!p->threaded)
		S_commit(p);
	return p;
}

galley_pending *galley_write_start(const char *path, galley_writer write, void *ctx,
                                   galley_diag *diag)
{
	return S_start(path, write, ctx, diag, 1);
}

int galley_write_finish(galley_pending *p, galley_diag *diag)
{
	if (p->threaded)
		pthread_join(p->thread, NULL);
	int rc = 0;
	if (p->sync_err || p->empty) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "cannot write %s: %s", p->path,
		                   p->empty ? "nothing was written" : strerror(p->sync_err));
		rc = -1;
	} else if (p->stream) {
		rc = S_copy_out(p->tmp, p->path, diag);
	} else if (p->rename_err) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "cannot write %s: %s", p->path,
		                   strerror(p->rename_err));
		rc = -1;
	}
	if (rc != 0 || p->stream)
		unlink(p->tmp);
	galley_cleanup_forget(p->tmp);
	close(p->lock);
	free(p->tmp);
	free(p->path);
	free(p);
	return rc == 0 ? 0 : -1;
}

int galley_write_atomic(const char *path, galley_writer write, void *ctx, galley_diag *diag)
{
	galley_pending *p = S_start(path, write, ctx, diag, 0);
	return p ? galley_write_finish(p, diag) : -1;
}

int galley_close_write(FILE *f)
{
	int bad = ferror(f), saved = errno;
	if (fflush(f) != 0) {
		bad = 1;
		saved = errno;
	}
	if (fclose(f) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	/* an earlier write that failed leaves errno as it set it */
	if (bad && saved == 0)
		saved = EIO;
	errno = saved;
	return bad ? -1 : 0;
}

int galley_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return strcmp(a, "-") != 0 && strcmp(b, "-") != 0 && stat(a, &sa) == 0 &&
	       stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The PID in NAME when it is a temporary file of galley_write_atomic for
 * an output named BASE (any output when BASE is NULL): .BASE.PID.XXXXXX;
 * 0 otherwise. */
static long S_temp_pid(const char *name, const char *base)
{
	size_t len = strlen(name);
	if (name[0] != '.' || len < 1 + 1 + 2 + 1 + 6 || name[len - 7] != '.')
		return 0;
	for (size_t i = len - 6; i < len; i++)
		if (!g_ascii_isalnum(name[i]))
			return 0;
	size_t end = len - 7, start = end;
	while (start > 1 && g_ascii_isdigit(name[start - 1]))
		start--;
	if (start == end || start < 3 || name[start - 1] != '.' || end - start > 9)
		return 0;
	if (base && (strlen(base) != start - 2 || strncmp(name + 1, base, start - 2) != 0))
		return 0;
	return strtol(name + start, NULL, 10);
}

/* 1 when process PID runs: it exists and is not a zombie, which a killed
 * worker stays until someone reaps it (Linux: /proc). */
static int S_alive(long pid)
{
	if (kill((pid_t)pid, 0) != 0 && errno != EPERM)
		return 0;
	char path[64], stat[512];
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	FILE *f = fopen(path, "re");
	size_t n = f ? fread(stat, 1, sizeof stat - 1, f) : 0;
	if (f)
		fclose(f);
	stat[n] = '\0';
	const char *paren = strrchr(stat, ')');
	return !(paren && paren[1] == ' ' && paren[2] == 'Z');
}

/* Remove PATH, a temporary file of process PID, if that process is gone
 * and nobody holds its lock; a live writer keeps it locked from the moment
 * it is made, and its PID is alive even before that. */
static void S_sweep_one(const char *path, long pid)
{
	if (pid == (long)getpid() || S_alive(pid))
		return;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && flock(fd, LOCK_EX | LOCK_NB) == 0)
		unlink(path);
	close(fd);
}

void galley_sweep_temporary(const char *dir, const char *base)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;
	while (d && (name = g_dir_read_name(d)) != NULL) {
		long pid = S_temp_pid(name, base);
		if (pid <= 0)
			continue;
		char *path = g_build_filename(dir, name, NULL);
		S_sweep_one(path, pid);
		g_free(path);
	}
	if (d)
		g_dir_close(d);
}
