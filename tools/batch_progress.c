/* batch_progress.c — showing how a batch goes: a bar on a terminal, a plain line a second otherwise. */
#include <stdio.h>
#include <unistd.h>

#include "batch.h"

static struct {
	int tty;             /* stderr is a terminal: draw a bar */
	int bar_shown;       /* a bar is on the current line */
	double last;         /* when we last drew or printed */
	size_t skipped0;     /* up to date before we started */
} S;

struct counts {
	size_t ok, failed, skipped, pending;
};

static struct counts S_count(const struct batch *b)
{
	struct counts c = {0, 0, 0, 0};
	for (size_t i = 0; i < b->n; i++) {
		switch (b->jobs[i].status) {
		case BATCH_OK: c.ok++; break;
		case BATCH_FAILED: c.failed++; break;
		case BATCH_SKIPPED: c.skipped++; break;
		default: c.pending++; break;
		}
	}
	return c;
}

void batch_progress_begin(const struct batch *b)
{
	S.tty = isatty(STDERR_FILENO);
	S.bar_shown = 0;
	S.last = batch_now();
	S.skipped0 = S_count(b).skipped;
}

/* "1:05" for 65 seconds; hours when needed. */
static void S_duration(char *buf, size_t size, double s)
{
	long t = (long)(s + 0.5);
	if (t >= 3600)
		snprintf(buf, size, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(buf, size, "%ld:%02ld", t / 60, t % 60);
}

static void S_draw(const struct batch *b, const struct counts *c)
{
	double elapsed = batch_now() - b->started;
	size_t done = b->n - c->pending, converted = done - S.skipped0;
	double rate = elapsed > 0 ? converted / elapsed : 0;
	char left[32] = "?";
	if (rate > 0)
		S_duration(left, sizeof left, c->pending / rate);
	if (S.tty) {
		enum { WIDTH = 24 };
		char bar[WIDTH + 1];
		size_t full = b->n ? done * WIDTH / b->n : WIDTH;
		for (size_t i = 0; i < WIDTH; i++)
			bar[i] = i < full ? '#' : '-';
		bar[WIDTH] = '\0';
		fprintf(stderr, "\r\033[K[%s] %zu/%zu  %zu ok  %zu failed  %zu skipped  %.0f/s  %s left",
		        bar, done, b->n, c->ok, c->failed, c->skipped, rate, left);
		S.bar_shown = 1;
	} else {
		fprintf(stderr, "galley: batch: %zu/%zu done (%zu ok, %zu failed, %zu skipped), "
		        "%.0f/s, %s left\n", done, b->n, c->ok, c->failed, c->skipped, rate, left);
	}
	fflush(stderr);
}

void batch_progress_update(const struct batch *b, int force)
{
	double now = batch_now();
	/* a terminal is redrawn ten times a second; a log gets a line a second */
	if (!force && now - S.last < (S.tty ? 0.1 : 1.0))
		return;
	S.last = now;
	struct counts c = S_count(b);
	if (!S.tty && c.pending == 0)
		return;     /* the summary says the rest */
	S_draw(b, &c);
}

void batch_progress_message(const char *text)
{
	if (S.bar_shown)
		fputs("\r\033[K", stderr);
	S.bar_shown = 0;
	fprintf(stderr, "%s\n", text);
}

void batch_progress_end(const struct batch *b)
{
	struct counts c = S_count(b);
	if (S.tty && S.bar_shown) {
		S_draw(b, &c);
		fputc('\n', stderr);
		S.bar_shown = 0;
	}
	double elapsed = batch_now() - b->started;
	fprintf(stderr, "galley: batch: %zu article%s: %zu converted, %zu failed, %zu up to date",
	        b->n, b->n == 1 ? "" : "s", c.ok, c.failed, c.skipped);
	if (c.pending)
		fprintf(stderr, ", %zu interrupted (run again to finish)", c.pending);
	fprintf(stderr, "; %.2f s\n", elapsed);
}
