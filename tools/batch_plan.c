/* batch_plan.c — deciding each article's outputs: names under OUTDIR, clashes, and what is already up to date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "batch.h"
#include "util.h"

const char *batch_format_ext(unsigned format)
{
	return format == BATCH_PDF ? "pdf" : format == BATCH_EPUB ? "epub" : "xml";
}

char *batch_output_path(const struct batch_job *job, unsigned format)
{
	const char *ext = batch_format_ext(format);
	char *p = malloc(strlen(job->stem) + strlen(ext) + 2);
	if (!p) {
		fputs("galley: out of memory\n", stderr);
		exit(EXIT_FAILED);
	}
	sprintf(p, "%s.%s", job->stem, ext);
	return p;
}

char *batch_layout_path(const char *layout)
{
	struct stat st;
	if (!layout)
		layout = "article-a4";
	if (strchr(layout, '/') || (strlen(layout) > 4 && strcmp(layout + strlen(layout) - 4, ".xml") == 0))
		return stat(layout, &st) == 0 ? strdup(layout) : NULL;
	char rel[300];
	snprintf(rel, sizeof rel, "layouts/%s.xml", layout);
	return galley_data_path(rel);
}

static void S_prefix_outdir(struct batch_job *j, const char *outdir)
{
	size_t dl = strlen(outdir);
	while (dl > 1 && outdir[dl - 1] == '/')
		dl--;
	char *s = malloc(dl + strlen(j->stem) + 2);
	if (!s) {
		fputs("galley: out of memory\n", stderr);
		exit(EXIT_FAILED);
	}
	sprintf(s, "%.*s/%s", (int)dl, outdir, j->stem);
	free(j->stem);
	j->stem = s;
}

static const struct batch_job *S_jobs;

/* By stem, then by place in the batch, so the first of a clash wins. */
static int S_by_stem(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, k = *(const size_t *)b;
	int c = strcmp(S_jobs[i].stem, S_jobs[k].stem);
	return c ? c : (i > k) - (i < k);
}

/* Forget the jobs marked BATCH_DROPPED, keeping the others in order. */
static void S_drop(struct batch *b)
{
	size_t k = 0;
	for (size_t i = 0; i < b->n; i++) {
		if (b->jobs[i].status == BATCH_DROPPED) {
			free(b->jobs[i].input);
			free(b->jobs[i].stem);
			continue;
		}
		b->jobs[k++] = b->jobs[i];
	}
	b->n = k;
}

/* Two inputs with one name (a.txt and a.md, or two files named a.txt in
 * different folders given one by one) would write the same outputs: the
 * later ones fail, naming the earlier, rather than silently overwrite. */
static void S_fail_clashes(struct batch *b)
{
	size_t *idx = malloc((b->n ? b->n : 1) * sizeof *idx), m = 0;
	if (!idx) {
		fputs("galley: out of memory\n", stderr);
		exit(EXIT_FAILED);
	}
	for (size_t i = 0; i < b->n; i++)
		if (b->jobs[i].status != BATCH_FAILED)
			idx[m++] = i;
	S_jobs = b->jobs;
	qsort(idx, m, sizeof *idx, S_by_stem);
	for (size_t k = 1, lead = 0; k < m; k++) {
		struct batch_job *first = &b->jobs[idx[lead]], *j = &b->jobs[idx[k]];
		if (strcmp(first->stem, j->stem) != 0) {
			lead = k;
			continue;
		}
		if (strcmp(first->input, j->input) == 0) {
			j->status = BATCH_DROPPED;   /* the same file named twice */
			continue;
		}
		char msg[1024];
		snprintf(msg, sizeof msg, "same output name as %s (%s.*); rename one of them",
		         first->input, j->stem);
		j->status = BATCH_FAILED;
		j->message = strdup(msg);
	}
	free(idx);
	S_drop(b);
}

static int S_newer(const struct stat *a, const struct stat *b)
{
	if (a->st_mtim.tv_sec != b->st_mtim.tv_sec)
		return a->st_mtim.tv_sec > b->st_mtim.tv_sec;
	return a->st_mtim.tv_nsec > b->st_mtim.tv_nsec;
}

/* The formats of J whose outputs are missing, empty, older than the input
 * or the layout (the tree XML does not depend on the layout), or not made
 * as this run would make them.  A URL input has no time: every format,
 * and the worker keeps those its sources show unchanged (batch_worker.c). */
static unsigned S_stale(const struct batch *b, const struct batch_job *j,
                        const struct stat *layout)
{
	struct stat in, out;
	if (b->o->force || stat(j->input, &in) != 0)
		return b->formats;
	unsigned todo = 0;
	for (unsigned f = 1; f < (1u << BATCH_NFORMATS); f <<= 1) {
		if (!(b->formats & f))
			continue;
		char *path = batch_output_path(j, f);
		int fresh = stat(path, &out) == 0 && out.st_size > 0 && S_newer(&out, &in)
		            && (f == BATCH_XML || !layout || S_newer(&out, layout))
		            && batch_manifest_fresh(b, j, path, f, (long long)out.st_size);
		free(path);
		if (!fresh)
			todo |= f;
	}
	return todo;
}

/* The message for J when one of its outputs is its input itself (under
 * another name, or -o the input's folder with --to xml), which writing it
 * would destroy (malloc'd); NULL when none is. */
static char *S_overwrites_input(const struct batch *b, const struct batch_job *j)
{
	char *msg = NULL;
	for (unsigned f = 1; f < (1u << BATCH_NFORMATS) && !msg; f <<= 1) {
		char *path = b->formats & f ? batch_output_path(j, f) : NULL;
		if (path && galley_same_file(path, j->input))
			msg = galley_xasprintf("the output %s is the input itself; not overwriting it", path);
		free(path);
	}
	return msg;
}

void batch_plan(struct batch *b, const char *layout_path)
{
	struct stat layout;
	int has_layout = layout_path && stat(layout_path, &layout) == 0;
	for (size_t i = 0; i < b->n; i++)
		if (b->jobs[i].status != BATCH_FAILED)
			S_prefix_outdir(&b->jobs[i], b->o->output);
	S_fail_clashes(b);
	for (size_t i = 0; i < b->n; i++) {
		struct batch_job *j = &b->jobs[i];
		if (j->status != BATCH_FAILED && (j->message = S_overwrites_input(b, j)))
			j->status = BATCH_FAILED;
		if (j->status == BATCH_FAILED) {
			j->todo = b->formats;   /* none of its outputs is written */
			continue;
		}
		j->todo = S_stale(b, j, has_layout ? &layout : NULL);
		if (!j->todo)
			j->status = BATCH_SKIPPED;
	}
}
