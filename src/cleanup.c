/* cleanup.c — the files and folders a signal must not leave behind: the
 * temporary file of an output being written and the temporary font folder.
 * SIGINT, SIGTERM or SIGHUP then removes them before galley dies of it.
 *
 * The handler may run at any moment, in any thread, so the list is a fixed
 * array of pointers that is only ever changed one store at a time, and the
 * handler only calls unlink, rmdir, signal and raise. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* One process writes one output at a time and makes one font folder (a
 * file per face): far fewer paths than this.  A path that finds no free
 * slot is simply not removed by a signal. */
#define MAX_PATHS 256

static char *volatile S_paths[MAX_PATHS];
static volatile sig_atomic_t S_used;   /* slots below this may be set */

static const int S_signals[] = {SIGINT, SIGTERM, SIGHUP};

void galley_cleanup_run(void)
{
	int saved = errno;
	/* the files first, then the folders, which are empty by then */
	for (sig_atomic_t i = 0; i < S_used; i++)
		if (S_paths[i])
			unlink(S_paths[i]);
	for (sig_atomic_t i = 0; i < S_used; i++)
		if (S_paths[i])
			rmdir(S_paths[i]);
	errno = saved;
}

static void S_on_signal(int sig)
{
	galley_cleanup_run();
	/* SA_RESETHAND restored the default action; SIG is blocked until this
	 * returns, and then ends the process with the signal's own status */
	raise(sig);
}

/* Our handler only where nothing else was asked for: a batch handles its
 * signals itself, and a signal ignored (nohup) stays ignored. */
static void S_install(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	for (size_t i = 0; i < sizeof S_signals / sizeof *S_signals; i++) {
		struct sigaction old, sa;
		if (sigaction(S_signals[i], NULL, &old) != 0 || old.sa_handler != SIG_DFL)
			continue;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = S_on_signal;
		sa.sa_flags = SA_RESETHAND;
		sigfillset(&sa.sa_mask);
		sigaction(S_signals[i], &sa, NULL);
	}
}

void galley_cleanup_add(const char *path)
{
	S_install();
	char *copy = galley_xstrdup(path);
	for (int i = 0; i < MAX_PATHS; i++) {
		if (S_paths[i])
			continue;
		S_paths[i] = copy;
		if (i >= S_used)
			S_used = i + 1;
		return;
	}
	free(copy);
}

void galley_cleanup_forget(const char *path)
{
	for (sig_atomic_t i = S_used; i-- > 0;) {
		char *p = S_paths[i];
		if (p && strcmp(p, path) == 0) {
			S_paths[i] = NULL;
			free(p);
			return;
		}
	}
}
