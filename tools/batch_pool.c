/* batch_pool.c — the worker processes of a batch: a job queue over pipes, results back, and a clean stop on a signal. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "batch.h"
#include "fetch.h"
#include "fonts.h"
#include "util.h"

/* One worker: it reads job numbers from JOB_FD and answers each on RES_FD.
 * The workers are forked after the job list is built and the layout loaded,
 * so a number is all they need; each keeps its fonts and dictionaries for
 * every job. */
struct slot {
	pid_t pid;           /* 0 when no process runs */
	int job_fd, res_fd;  /* our ends; -1 when closed */
	long job;            /* the job it is converting, or -1 */
	int served;          /* jobs it has converted */
};

/* A result: this header, then MSGLEN bytes of message.  Kept under
 * PIPE_BUF with the message (MAX 4000), so one write() carries it whole. */
struct result {
	int32_t job, status, todo, ms, msglen, has_source;
	uint64_t source;     /* a URL input's sources (batch_worker.c) */
};

/* A stopped batch waits this long for the articles being converted, then
 * kills the workers and removes their temporary files. */
#define GRACE_SECONDS 10.0

/* A worker is replaced by a fresh one after this many articles, so that
 * what the libraries keep (font and glyph caches, small leaks) cannot grow
 * with the size of the batch; its start-up is then paid once per 500. */
#define RECYCLE_AFTER 500

/* Workers that die before taking a job (a broken start-up) are replaced
 * at most this many times in all. */
#define MAX_EARLY_DEATHS 8

static volatile sig_atomic_t S_signal;   /* parent: the signal received */
static volatile sig_atomic_t S_signals;  /* parent: how many */
static volatile sig_atomic_t S_stop;     /* worker: finish the job, then exit */

static void S_on_parent_signal(int sig) { S_signal = sig; S_signals++; }
static void S_on_worker_signal(int sig) { (void)sig; S_stop = 1; }

static void S_handle(int sig, void (*fn)(int), int restart)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

/* Read exactly LEN bytes; returns LEN, or less at end of file or on error. */
static size_t S_read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;
	while (got < len) {
		ssize_t n = read(fd, (char *)buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	return got;
}

static int S_write_full(int fd, const void *buf, size_t len)
{
	size_t put = 0;
	while (put < len) {
		ssize_t n = write(fd, (const char *)buf + put, len - put);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		put += (size_t)n;
	}
	return 0;
}

/* ---------------------------------------------------------------- worker */

static void S_send_result(int fd, long idx, const struct batch_job *j)
{
	char buf[sizeof(struct result) + 4096];
	size_t msglen = j->message ? strlen(j->message) : 0;
	if (msglen > 4000)
		msglen = 4000;
	struct result r = {(int32_t)idx, j->status, (int32_t)j->todo, (int32_t)j->ms, (int32_t)msglen,
	                   j->has_source, j->source};
	memcpy(buf, &r, sizeof r);
	if (msglen)
		memcpy(buf + sizeof r, j->message, msglen);
	S_write_full(fd, buf, sizeof r + msglen);
}

static void S_worker(struct batch *b, int job_fd, int res_fd)
{
	S_handle(SIGINT, S_on_worker_signal, 1);
	S_handle(SIGTERM, S_on_worker_signal, 1);
	S_handle(SIGHUP, S_on_worker_signal, 1);
	int32_t idx;
	while (!S_stop && S_read_full(job_fd, &idx, sizeof idx) == sizeof idx) {
		if (idx < 0 || (size_t)idx >= b->n)
			break;
		struct batch_job *j = &b->jobs[idx];
		batch_worker_convert(b, j, &S_stop);
		S_send_result(res_fd, idx, j);
	}
	/* _exit runs no atexit handler: the worker's CJK cuts go now */
	galley_fc_cuts_remove();
	_exit(0);
}

/* ---------------------------------------------------------------- parent */

struct pool {
	struct batch *b;
	struct slot *slots;
	struct pollfd *fds;
	int n;
	size_t next;         /* the next job to look at for dispatch */
	int in_flight;
	int stopping;
	double stop_time;
	int early_deaths;
};

static void S_close(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static int S_spawn(struct pool *p, struct slot *s)
{
	int jp[2], rp[2];
	if (pipe(jp) != 0)
		return -1;
	if (pipe(rp) != 0) {
		close(jp[0]), close(jp[1]);
		return -1;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(jp[0]), close(jp[1]), close(rp[0]), close(rp[1]);
		return -1;
	}
	if (pid == 0) {
		/* only our own pipe ends: a worker holding another's would keep
		 * that one from ever seeing the end of its queue */
		for (int i = 0; i < p->n; i++) {
			S_close(&p->slots[i].job_fd);
			S_close(&p->slots[i].res_fd);
		}
		close(jp[1]), close(rp[0]);
		galley_fetch_share_worker((int)(s - p->slots));
		S_worker(p->b, jp[0], rp[1]);
	}
	close(jp[0]), close(rp[1]);
	s->pid = pid;
	s->job_fd = jp[1];
	s->res_fd = rp[0];
	s->job = -1;
	s->served = 0;
	p->b->workers_started++;
	return 0;
}

/* Reap a worker that has ended, keeping the largest peak memory. */
static void S_reap(struct pool *p, struct slot *s, int *why)
{
	int status = 0;
	struct rusage ru;
	*why = 0;
	while (wait4(s->pid, &status, 0, &ru) < 0)
		if (errno != EINTR)
			return;
	if (ru.ru_maxrss > p->b->max_rss_kb)
		p->b->max_rss_kb = ru.ru_maxrss;
	if (WIFSIGNALED(status))
		*why = WTERMSIG(status);
	s->pid = 0;
	/* the fetching tokens it held, if it died holding some */
	galley_fetch_share_reclaim((int)(s - p->slots));
}

/* Remove the temporary files a killed worker left beside JOB's outputs.
 * Only those of dead processes whose lock is free go: another batch
 * writing into the same folder keeps its own. */
static void S_sweep(const struct batch *b, const struct batch_job *j)
{
	for (unsigned f = 1; f < (1u << BATCH_NFORMATS); f <<= 1) {
		if (!(b->formats & f))
			continue;
		char *path = batch_output_path(j, f);
		char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
		galley_sweep_temporary(dir, base);
		g_free(dir);
		g_free(base);
		free(path);
	}
}

static void S_set_message(struct batch_job *j, const char *text)
{
	free(j->message);
	j->message = text ? strdup(text) : NULL;
}

/* "galley: FILE: reason", or "galley: FILE:LINE: ..." for the "line N: "
 * of a job message, as the other commands print it. */
static void S_print_message(const char *file, const char *text)
{
	char out[4200];
	int line, used = 0;
	if (sscanf(text, "line %d: %n", &line, &used) == 1 && used > 0)
		snprintf(out, sizeof out, "galley: %s:%d: %s", file, line, text + used);
	else
		snprintf(out, sizeof out, "galley: %s: %s", file, text);
	batch_progress_message(out);
}

/* The worker in S ended (end of its result pipe). */
static void S_worker_ended(struct pool *p, struct slot *s)
{
	/* we close the queue of a worker with nothing more to do */
	int queue_ended = s->job_fd < 0;
	S_close(&s->job_fd);
	S_close(&s->res_fd);
	int sig;
	S_reap(p, s, &sig);
	if (s->job < 0) {
		if (!queue_ended && !p->stopping)
			p->early_deaths++;
		return;
	}
	struct batch_job *j = &p->b->jobs[s->job];
	S_sweep(p->b, j);
	p->in_flight--;
	s->job = -1;
	if (p->stopping)
		return;     /* killed on purpose: the article stays to do */
	char msg[100];
	snprintf(msg, sizeof msg, "the conversion crashed (%s)", sig ? strsignal(sig) : "worker exited");
	j->status = BATCH_FAILED;
	S_set_message(j, msg);
	S_print_message(j->input, msg);
}

static void S_take_result(struct pool *p, struct slot *s)
{
	struct result r;
	char msg[4001];
	if (S_read_full(s->res_fd, &r, sizeof r) != sizeof r || r.job != s->job
	    || r.msglen < 0 || r.msglen > 4000
	    || S_read_full(s->res_fd, msg, (size_t)r.msglen) != (size_t)r.msglen) {
		S_worker_ended(p, s);
		return;
	}
	msg[r.msglen] = '\0';
	struct batch_job *j = &p->b->jobs[r.job];
	j->status = (enum batch_status)r.status;
	j->todo = (unsigned)r.todo;
	j->ms = r.ms;
	j->source = r.source;
	j->has_source = r.has_source;
	S_set_message(j, r.msglen ? msg : NULL);
	if (j->message) {
		/* "galley: FILE: reason", one line per message */
		for (char *line = strtok(msg, "\n"); line; line = strtok(NULL, "\n"))
			S_print_message(j->input, line);
	}
	s->job = -1;
	s->served++;
	p->in_flight--;
}

static void S_dispatch(struct pool *p)
{
	for (int i = 0; i < p->n && !p->stopping; i++) {
		struct slot *s = &p->slots[i];
		if (s->pid == 0 && p->early_deaths <= MAX_EARLY_DEATHS) {
			while (p->next < p->b->n && p->b->jobs[p->next].status != BATCH_PENDING)
				p->next++;
			if (p->next < p->b->n && S_spawn(p, s) != 0)
				p->early_deaths++;
		}
		if (s->pid == 0 || s->job >= 0 || s->job_fd < 0)
			continue;
		while (p->next < p->b->n && p->b->jobs[p->next].status != BATCH_PENDING)
			p->next++;
		if (p->next >= p->b->n || s->served >= RECYCLE_AFTER) {
			S_close(&s->job_fd);   /* the end of its queue: it exits */
			continue;
		}
		int32_t idx = (int32_t)p->next;
		if (S_write_full(s->job_fd, &idx, sizeof idx) != 0) {
			S_close(&s->job_fd);   /* it died: the job goes to another */
			continue;
		}
		s->job = (long)p->next++;
		p->in_flight++;
	}
}

static void S_begin_stop(struct pool *p)
{
	p->stopping = 1;
	p->stop_time = batch_now();
	p->b->stop_signal = S_signal;
	/* workers finish the article they are on (it is written atomically)
	 * and see the end of their queue */
	for (int i = 0; i < p->n; i++) {
		S_close(&p->slots[i].job_fd);
		if (p->slots[i].pid)
			kill(p->slots[i].pid, SIGTERM);
	}
}

static void S_kill_all(struct pool *p)
{
	for (int i = 0; i < p->n; i++)
		if (p->slots[i].pid)
			kill(p->slots[i].pid, SIGKILL);
}

static int S_any_alive(const struct pool *p)
{
	for (int i = 0; i < p->n; i++)
		if (p->slots[i].pid)
			return 1;
	return 0;
}

/* Wait for results, a signal or the next progress tick. */
static void S_poll(struct pool *p)
{
	struct pollfd *fds = p->fds;
	for (int i = 0; i < p->n; i++) {
		fds[i].fd = p->slots[i].pid ? p->slots[i].res_fd : -1;
		fds[i].events = POLLIN;
		fds[i].revents = 0;
	}
	if (poll(fds, (nfds_t)p->n, 100) <= 0)
		return;
	for (int i = 0; i < p->n; i++) {
		struct slot *s = &p->slots[i];
		if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		if (s->job >= 0 && (fds[i].revents & POLLIN))
			S_take_result(p, s);
		else
			S_worker_ended(p, s);
	}
}

static void S_loop(struct pool *p)
{
	int killed = 0;
	for (;;) {
		if (S_signal && !p->stopping)
			S_begin_stop(p);
		else if (p->stopping && !killed
		         && (S_signals > 1 || batch_now() - p->stop_time > GRACE_SECONDS)) {
			S_kill_all(p);   /* a second signal, or too long */
			killed = 1;
		}
		S_dispatch(p);
		if (!S_any_alive(p))
			break;
		S_poll(p);
		batch_progress_update(p->b, 0);
	}
}

/* Without a signal, jobs still to do mean no worker could run them. */
static void S_fail_unstarted(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct batch_job *j = &b->jobs[i];
		if (j->status != BATCH_PENDING)
			continue;
		j->status = BATCH_FAILED;
		S_set_message(j, "no worker process could run it");
		char out[4200];
		snprintf(out, sizeof out, "galley: %s: %s", j->input, j->message);
		batch_progress_message(out);
	}
}

void batch_run(struct batch *b)
{
	size_t todo = 0;
	for (size_t i = 0; i < b->n; i++)
		todo += b->jobs[i].status == BATCH_PENDING;
	struct pool p = {b, NULL, NULL, 0, 0, 0, 0, 0, 0};
	p.n = (size_t)b->jobs_n < todo ? b->jobs_n : (int)todo;
	if (p.n == 0)
		return;
	p.slots = calloc((size_t)p.n, sizeof *p.slots);
	p.fds = calloc((size_t)p.n, sizeof *p.fds);
	if (!p.slots || !p.fds) {
		fputs("galley: out of memory\n", stderr);
		exit(EXIT_FAILED);
	}
	for (int i = 0; i < p.n; i++)
		p.slots[i].job_fd = p.slots[i].res_fd = -1;
	S_signal = S_signals = 0;
	S_handle(SIGINT, S_on_parent_signal, 0);
	S_handle(SIGTERM, S_on_parent_signal, 0);
	S_handle(SIGHUP, S_on_parent_signal, 0);
	signal(SIGPIPE, SIG_IGN);
	/* the workers share what they learn of hosts, and the transfers at
	 * once (src/fetch_share.c) */
	galley_fetch_share_begin();
	S_loop(&p);
	galley_fetch_share_end();
	if (S_signal)
		b->stop_signal = S_signal;
	else
		S_fail_unstarted(b);
	free(p.slots);
	free(p.fds);
}
