/* batch_worker.c — converting one article of a batch inside a worker process, its outputs written atomically. */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "batch.h"
#include "fetched.h"
#include "util.h"

/* The message of a job stays short: it travels through a pipe and into
 * the report. */
#define MAX_MESSAGE 4000

double batch_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The diagnostics of DIAG at warning level and up, one per line; whole
 * lines only (a cut could split a UTF-8 sequence), then a count of the
 * rest. */
static char *S_messages(const galley_diag *diag)
{
	char *out = calloc(1, MAX_MESSAGE + 1);
	if (!out)
		return NULL;
	size_t len = 0, count = galley_diag_count(diag);
	for (size_t i = 0; i < count; i++) {
		galley_severity sev;
		int line;
		const char *text = galley_diag_message(diag, i, &sev, &line);
		if (sev < GALLEY_DIAG_WARNING)
			continue;
		char one[1200], where[32] = "";
		if (line > 0)
			snprintf(where, sizeof where, "line %d: ", line);
		int n = snprintf(one, sizeof one, "%s%s%s%s", len ? "\n" : "", where,
		                 sev == GALLEY_DIAG_WARNING ? "warning: " : "", text);
		if (n < 0 || (size_t)n >= sizeof one || len + (size_t)n > MAX_MESSAGE - 40) {
			snprintf(out + len, MAX_MESSAGE + 1 - len, "%s(%zu more messages)",
			         len ? "\n" : "", count - i);
			break;
		}
		memcpy(out + len, one, (size_t)n + 1);
		len += (size_t)n;
	}
	if (out[0] == '\0') {
		free(out);
		return NULL;
	}
	return out;
}

/* Make the folders above PATH (outputs keep the input folders). */
static int S_make_parents(const char *path, galley_diag *diag)
{
	char *copy = strdup(path);
	if (!copy)
		return -1;
	for (char *s = strchr(copy + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
			galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "cannot make folder %s: %s",
			                   copy, strerror(errno));
			free(copy);
			return -1;
		}
		*s = '/';
	}
	free(copy);
	return 0;
}

struct write_ctx {
	galley_node *doc;
	const galley_layout *layout;
	const galley_options *opts;
	galley_diag *diag;
	unsigned format;
};

static int S_write_xml(const char *tmp, galley_node *doc, galley_diag *diag)
{
	size_t len;
	char *xml = galley_render_xml(doc, &len);
	FILE *f = xml ? galley_open_write(tmp) : NULL;
	int rc = f && fwrite(xml, 1, len, f) == len ? 0 : -1;
	if (f && galley_close_write(f) != 0)
		rc = -1;
	if (rc)
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "cannot write the tree: %s", strerror(errno));
	free(xml);
	return rc;
}

static int S_write(const char *tmp, void *p)
{
	struct write_ctx *c = p;
	switch (c->format) {
	case BATCH_PDF:
		return galley_render_pdf(c->doc, c->layout, c->opts, tmp, c->diag);
	case BATCH_EPUB:
		return galley_render_epub(c->doc, c->layout, c->opts, tmp, c->diag);
	default:
		return S_write_xml(tmp, c->doc, c->diag);
	}
}

/* A URL input: the digest of what its outputs are made from, the tree
 * read from the page (its bytes as `galley tree` writes them: the round
 * trip is the identity) and its images' bytes; and the formats in todo
 * whose output this run would make again byte for byte, since it was
 * made with these settings (the manifest) from the same sources, are
 * taken out of todo.  Whether an answer came from galley's cache plays
 * no part: only the bytes do. */
static void S_keep_unchanged(const struct batch *b, struct batch_job *job, galley_node *doc,
                             const galley_fetched *fetched)
{
	size_t len = 0;
	char *xml = galley_render_xml(doc, &len);
	if (!xml)
		return;
	uint64_t h = galley_fnv1a(GALLEY_FNV1A_INIT, xml, len);
	free(xml);
	job->source = galley_fetched_digest(fetched, doc, h);
	job->has_source = 1;
	for (unsigned f = 1; f < (1u << BATCH_NFORMATS) && !b->o->force; f <<= 1) {
		struct stat st;
		char *path = job->todo & f ? batch_output_path(job, f) : NULL;
		if (path && stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
		    batch_manifest_fresh(b, job, path, f, (long long)st.st_size))
			job->todo &= ~f;
		free(path);
	}
}

/* Write the outputs still to do; stop between two when asked to.  Sets
 * *WROTE when one was written. */
static int S_write_outputs(const struct batch *b, struct batch_job *job,
                           galley_node *doc, galley_diag *diag, volatile sig_atomic_t *stop,
                           int *wrote)
{
	int rc = 0;
	/* images are found beside the input */
	galley_options lib = b->o->lib;
	char *dir = cli_is_url(job->input) ? NULL : strdup(job->input);
	if (dir)
		lib.base_dir = dirname(dir);
	/* issue 20: remote images, fetched once for all the formats */
	galley_fetched *fetched = job->todo & (BATCH_PDF | BATCH_EPUB)
	                        ? cli_fetch_images(doc, b->o, diag) : NULL;
	lib.fetched = fetched;
	if (cli_is_url(job->input))
		S_keep_unchanged(b, job, doc, fetched);
	/* each output is synced and renamed while the next is made */
	galley_pending *pending[BATCH_NFORMATS];
	unsigned made[BATCH_NFORMATS];
	int n_pending = 0;
	for (unsigned f = 1; f < (1u << BATCH_NFORMATS) && !*stop; f <<= 1) {
		if (!(job->todo & f))
			continue;
		if ((f & (BATCH_PDF | BATCH_EPUB)) && !b->layout) {
			galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "the layout did not load");
			rc = -1;
			break;
		}
		struct write_ctx c = {doc, b->layout, &lib, diag, f};
		char *path = batch_output_path(job, f);
		if ((pending[n_pending] = galley_write_start(path, S_write, &c, diag)) != NULL)
			made[n_pending++] = f;
		else
			rc = -1;
		free(path);
	}
	for (int k = 0; k < n_pending; k++) {
		if (galley_write_finish(pending[k], diag) != 0) {
			rc = -1;
		} else {
			job->todo &= ~made[k];   /* what stays in todo was not written */
			*wrote = 1;
		}
	}
	galley_fetched_free(fetched);
	free(dir);
	return rc;
}

void batch_worker_convert(const struct batch *b, struct batch_job *job,
                          volatile sig_atomic_t *stop)
{
	double t0 = batch_now();
	galley_diag *diag = galley_diag_new(job->input);
	galley_diag_set_quiet(diag, 1);
	int rc = -1, wrote = 0;
	if (S_make_parents(job->stem, diag) == 0) {
		galley_node *doc = cli_read_input(job->input, b->o, diag);
		if (doc)
			rc = S_write_outputs(b, job, doc, diag, stop, &wrote);
		galley_node_free(doc);
	}
	free(job->message);
	job->message = S_messages(diag);
	if (rc != 0 && !job->message)
		job->message = strdup("conversion failed");
	/* stopped half-way: the rest stays to do, and a rerun does it */
	job->status = rc != 0 ? BATCH_FAILED : job->todo ? BATCH_PENDING
	            : wrote ? BATCH_OK : BATCH_SKIPPED;   /* a page unchanged */
	job->ms = (long)((batch_now() - t0) * 1000 + 0.5);
	galley_diag_free(diag);
}
