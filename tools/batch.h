/* batch.h — what the parts of `galley batch` share: the job list and its steps. */
#ifndef GALLEY_BATCH_H
#define GALLEY_BATCH_H

#include <signal.h>
#include <stddef.h>

#include "cli.h"

/* Output formats, a bitmask; the order is the order of the outputs. */
enum { BATCH_PDF = 1, BATCH_EPUB = 2, BATCH_XML = 4, BATCH_NFORMATS = 3 };

/* What became of an article. */
enum batch_status {
	BATCH_PENDING = 0,   /* not converted yet (interrupted if it stays so) */
	BATCH_OK,            /* every wanted output written */
	BATCH_SKIPPED,       /* every output already newer than its inputs */
	BATCH_FAILED,
	BATCH_DROPPED        /* a duplicate of an earlier job (planning only) */
};

/* One article: an input and its outputs OUTDIR/STEM.EXT. */
struct batch_job {
	char *input;         /* the path as given or found */
	char *stem;          /* OUTDIR/[folders/]NAME, without extension */
	unsigned todo;       /* formats not written (yet): the outputs of a
	                        job are the requested formats not in todo */
	enum batch_status status;
	char *message;       /* why it failed, or its warnings; NULL if none */
	long ms;             /* conversion time in the worker */
	/* a URL input: a digest of what its outputs are made from (the tree
	 * read from the page, the bytes of its images), which a rerun
	 * compares instead of times, a page having none */
	unsigned long long source;
	int has_source;
};

struct batch {
	struct cli_opts *o;
	unsigned formats;    /* requested BATCH_* */
	galley_layout *layout;   /* loaded once, before the workers are forked */
	struct batch_job *jobs;
	size_t n, cap;
	int jobs_n;          /* worker processes */
	int stop_signal;     /* the signal that interrupted the batch, or 0 */
	long max_rss_kb;     /* the largest worker's peak resident memory */
	int workers_started;
	double started;      /* monotonic seconds */
	void *manifest;      /* batch_manifest.c: what made the outputs found */
	char *made_with[BATCH_NFORMATS];   /* and what makes them in this run */
};

/* "pdf", "epub", "xml" for one BATCH_* bit. */
const char *batch_format_ext(unsigned format);
/* OUTDIR/STEM.EXT, malloc'd. */
char *batch_output_path(const struct batch_job *job, unsigned format);
/* Monotonic clock in seconds. */
double batch_now(void);

/* batch_inputs.c: add the jobs for IN (a file, or a folder searched
 * recursively for known extensions) and, with -@, for each line of
 * standard input.  Returns 0, or -1 after a usage message. */
int batch_collect(struct batch *b, char **ins, int n);

/* batch_plan.c: give each job its output stem under OUTDIR; fail jobs
 * whose outputs would overwrite another's or their own input; drop
 * outputs that are newer than their input and the layout and were made as
 * this run would make them (the manifest), unless --force. */
void batch_plan(struct batch *b, const char *layout_path);
/* The file of the layout in use (malloc'd), NULL when it is not a file. */
char *batch_layout_path(const char *layout);

/* batch_manifest.c: OUTDIR/.galley-manifest records what made each
 * output (galley's version, the settings that change its bytes, for a URL
 * input the digest of its sources) and its size.  batch_manifest_load
 * reads it and works out this run's settings (LAYOUT_PATH: the layout's
 * file, or NULL); batch_manifest_fresh says whether the output PATH of
 * FORMAT, of SIZE bytes, was made as this run would make it (from the
 * sources J->source, when J has them); batch_manifest_save records the
 * outputs this run wrote (0, or -1 reported). */
void batch_manifest_load(struct batch *b, const char *layout_path);
int batch_manifest_fresh(const struct batch *b, const struct batch_job *j, const char *path,
                         unsigned format, long long size);
int batch_manifest_save(struct batch *b);
void batch_manifest_free(struct batch *b);

/* batch_pool.c: convert every job with work to do in b->jobs_n worker
 * processes.  Returns when all are done or a signal stopped the batch
 * (b->stop_signal set). */
void batch_run(struct batch *b);

/* batch_worker.c: the worker side: convert one job with b->layout (the
 * workers inherit it, so it is read once for the whole batch), setting its
 * status, todo, message and time. */
void batch_worker_convert(const struct batch *b, struct batch_job *job,
                          volatile sig_atomic_t *stop);

/* batch_progress.c: a bar on a terminal, plain lines otherwise. */
void batch_progress_begin(const struct batch *b);
void batch_progress_update(const struct batch *b, int force);
/* Print a message without garbling the bar. */
void batch_progress_message(const char *text);
void batch_progress_end(const struct batch *b);

/* batch_report.c: the JSON report (--report FILE); 0 or -1 (reported). */
int batch_report_write(const struct batch *b, const char *path);

#endif
