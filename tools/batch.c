/* batch.c — `galley batch`: many articles to many outputs, in parallel, incrementally; this file runs the steps. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "batch.h"
#include "fonts.h"
#include "util.h"

/* More workers than this only cost memory (-j is capped to it). */
#define MAX_WORKERS 256

static int S_usage(const char *what)
{
	fprintf(stderr, "galley: %s\nTry 'galley --help'.\n", what);
	return EXIT_USAGE;
}

/* mkdir -p OUTDIR; 0, or -1 with a message. */
static int S_make_outdir(const char *dir)
{
	char *copy = strdup(dir);
	int rc = copy ? 0 : -1;
	for (char *s = copy ? strchr(copy + 1, '/') : NULL; s && rc == 0; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(copy, 0777) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	struct stat st;
	if (rc == 0 && mkdir(dir, 0777) != 0 && errno != EEXIST)
		rc = -1;
	if (rc == 0 && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
		errno = ENOTDIR;
		rc = -1;
	}
	if (rc != 0)
		fprintf(stderr, "galley: %s: cannot make the output folder: %s\n", dir, strerror(errno));
	free(copy);
	return rc;
}

/* Jobs that failed before any worker ran (name clashes, unreadable
 * folders) are reported like the others: "galley: FILE: reason". */
static void S_print_failed(const struct batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->jobs[i].status == BATCH_FAILED)
			fprintf(stderr, "galley: %s: %s\n", b->jobs[i].input, b->jobs[i].message);
}

/* The layout is loaded here, once: the workers inherit it, and the PDF
 * back end with it.  A broken one
 * fails every article that needs it, with one message on stderr rather
 * than one per article. */
static void S_load_layout(struct batch *b)
{
	size_t pending = 0;
	for (size_t i = 0; i < b->n; i++)
		pending += b->jobs[i].status == BATCH_PENDING;
	if (!pending || !(b->formats & (BATCH_PDF | BATCH_EPUB)))
		return;     /* a rerun with everything up to date starts nothing */
	galley_diag *diag = galley_diag_new(b->o->layout ? b->o->layout : "article-a4");
	b->layout = galley_layout_load(b->o->layout, diag);
	/* the PDF back end too: loaded once here, the workers inherit it */
	if (b->layout && (b->formats & BATCH_PDF) && !cli_pdf_load(diag)) {
		galley_layout_free(b->layout);
		b->layout = NULL;
	}
	/* and the fonts, so that their dehinted copies are made once, not by
	 * each worker, and a missing face is warned about once for the run */
	galley_diag *fonts = galley_diag_new("fonts");
	galley_fc_config(fonts);
	galley_diag_free(fonts);
	if (!b->layout) {
		for (size_t i = 0; i < b->n; i++) {
			if (b->jobs[i].status != BATCH_PENDING)
				continue;
			b->jobs[i].status = BATCH_FAILED;
			b->jobs[i].message = strdup("the layout or the PDF back end did not load (see above)");
		}
	}
	galley_diag_free(diag);
}

/* Remove the temporary files that batches killed outright (kill -9, a
 * power cut) left in the folders this one writes to; those of a batch
 * still running, into the same folders, stay (galley_sweep_temporary). */
static void S_sweep_stale(const struct batch *b)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	galley_sweep_temporary(b->o->output, NULL);
	for (size_t i = 0; i < b->n; i++) {
		if (b->jobs[i].status == BATCH_FAILED || !*b->jobs[i].stem)
			continue;
		char *dir = g_path_get_dirname(b->jobs[i].stem);
		if (g_hash_table_add(seen, dir))
			galley_sweep_temporary(dir, NULL);
	}
	g_hash_table_destroy(seen);
}

/* The lines that recur across all the run's text inputs (also those up
 * to date, so that an article comes out the same in a full run and in a
 * rerun), learned before the workers start: each inherits the table. */
static void S_learn_repeats(struct batch *b)
{
	size_t pending = 0;
	for (size_t i = 0; i < b->n; i++)
		pending += b->jobs[i].status == BATCH_PENDING;
	if (!pending || b->n < 2)
		return;
	char **ins = malloc(b->n * sizeof *ins);
	if (!ins)
		return;
	for (size_t i = 0; i < b->n; i++)
		ins[i] = b->jobs[i].input;
	b->o->lib.repeats = cli_learn_repeats(ins, b->n, b->o);
	free(ins);
}

static void S_stats(const struct batch *b)
{
	size_t converted = 0;
	for (size_t i = 0; i < b->n; i++)
		converted += b->jobs[i].status == BATCH_OK;
	double elapsed = batch_now() - b->started;
	struct rusage self;
	getrusage(RUSAGE_SELF, &self);
	fprintf(stderr, "galley: stats: %zu converted by %d worker%s in %.3f s: %.2f ms per article; "
	        "peak memory per worker %.1f MiB (largest), main process %.1f MiB\n",
	        converted, b->workers_started, b->workers_started == 1 ? "" : "s", elapsed,
	        converted ? elapsed * 1000 / converted : 0.0,
	        b->max_rss_kb / 1024.0, self.ru_maxrss / 1024.0);
}

static int S_status(const struct batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->jobs[i].status == BATCH_FAILED)
			return EXIT_FAILED;
	return EXIT_OK;
}

static void S_free(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->jobs[i].input);
		free(b->jobs[i].stem);
		free(b->jobs[i].message);
	}
	free(b->jobs);
}

static unsigned S_formats(const struct cli_opts *o)
{
	return (o->to_pdf ? BATCH_PDF : 0) | (o->to_epub ? BATCH_EPUB : 0) | (o->to_xml ? BATCH_XML : 0);
}

static int S_workers(const struct cli_opts *o)
{
	long n = o->jobs > 0 ? o->jobs : sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAX_WORKERS ? MAX_WORKERS : (int)n;
}

int cli_batch(char **ins, int n, struct cli_opts *o)
{
	if (!o->output || !*o->output)
		return S_usage("batch needs an output folder: -o OUTDIR");
	if (strcmp(o->output, "-") == 0)
		return S_usage("batch writes files into a folder; -o - is not one");
	if (n == 0 && !o->list_stdin)
		return S_usage("batch needs inputs: files, folders, or -@ with a list on standard input");
	struct batch b;
	memset(&b, 0, sizeof b);
	b.o = o;
	b.formats = S_formats(o);
	b.jobs_n = S_workers(o);
	b.started = batch_now();
	if (batch_collect(&b, ins, n) != 0) {
		S_free(&b);
		return EXIT_USAGE;
	}
	if (S_make_outdir(o->output) != 0) {
		S_free(&b);
		return EXIT_FAILED;
	}
	char *layout_path = b.formats & (BATCH_PDF | BATCH_EPUB) ? batch_layout_path(o->layout) : NULL;
	batch_manifest_load(&b, layout_path);
	batch_plan(&b, layout_path);
	free(layout_path);
	S_sweep_stale(&b);
	S_print_failed(&b);
	S_load_layout(&b);
	S_learn_repeats(&b);
	batch_progress_begin(&b);
	batch_run(&b);
	batch_progress_end(&b);
	int status = S_status(&b);
	if (batch_manifest_save(&b) != 0)
		status = EXIT_FAILED;
	if (o->report && batch_report_write(&b, o->report) != 0)
		status = EXIT_FAILED;
	if (o->stats)
		S_stats(&b);
	int sig = b.stop_signal;
	galley_layout_free(b.layout);
	galley_repeats_free((galley_repeats *)o->lib.repeats);
	o->lib.repeats = NULL;
	batch_manifest_free(&b);
	S_free(&b);
	if (sig) {
		/* die of the signal, so that a calling shell or make stops too;
		 * atexit handlers do not run then, so the temporary font folder
		 * goes now */
		galley_cleanup_run();
		fflush(NULL);
		signal(sig, SIG_DFL);
		raise(sig);
		return 128 + sig;
	}
	return status;
}
