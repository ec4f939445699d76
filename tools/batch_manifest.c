/* batch_manifest.c — what made each output of a batch, kept in
 * OUTDIR/.galley-manifest, so that a rerun redoes an output made by
 * another galley or with other settings, not only one older than its
 * input (issue 14).
 *
 * The manifest is JSON: {"outputs": {"REL": {"made_with": "...", "size": N}}},
 * REL being the output's path below OUTDIR.  The outputs of a URL input,
 * which has no time to compare, carry "source": "#HEX" too, the digest of
 * the tree read from the page and of its images' bytes (batch_worker.c).  "made_with" names galley's
 * version and every setting that changes the output's bytes, so a record
 * that differs from this run's, a size that differs from the file's, or no
 * record at all means the output is made again.  It is rewritten
 * atomically after a batch that wrote something, under a lock on OUTDIR,
 * merged with what another batch into the same folder saved meanwhile. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <json-c/json.h>

#include "batch.h"
#include "util.h"

#define MANIFEST_NAME ".galley-manifest"
/* Larger manifests are not read (everything is redone): 10,000 articles
 * in three formats take about 2 MiB. */
#define MANIFEST_MAX ((size_t)64 << 20)
/* A layout or boilerplate file larger than this is not hashed: its name
 * and size stand for it. */
#define HASHED_MAX ((size_t)4 << 20)

/* "#HEX" of LEN bytes at DATA.  Malloc'd. */
static char *S_hash(const void *data, size_t len)
{
	return g_strdup_printf("#%016llx",
	                       (unsigned long long)galley_fnv1a(GALLEY_FNV1A_INIT, data, len));
}

/* "#HEX" of the bytes of the regular file PATH, or "-" for none; a file
 * that is not regular (a pipe) is never opened.  Malloc'd. */
static char *S_file_hash(const char *path)
{
	struct stat st;
	gchar *data = NULL;
	gsize len = 0;
	if (!path)
		return g_strdup("-");
	if (stat(path, &st) != 0)
		return g_strdup("missing");
	if (!S_ISREG(st.st_mode) || (size_t)st.st_size > HASHED_MAX
	    || !g_file_get_contents(path, &data, &len, NULL))
		return g_strdup_printf("unread, %lld bytes", (long long)st.st_size);
	char *h = S_hash(data, len);
	g_free(data);
	return h;
}

/* What this run would make an output of FORMAT with, as text. */
static char *S_made_with(const struct batch *b, unsigned format, const char *layout_path)
{
	static const char *const from[] = {"auto", "txt", "html", "md", "feed", "xml"};
	const struct cli_opts *o = b->o;
	const galley_options *l = &o->lib;
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *boiler = S_file_hash(l->boilerplate_file);
	char *title = l->title ? S_hash(l->title, strlen(l->title)) : g_strdup("-");
	GString *s = g_string_new(NULL);
	g_string_append_printf(s, "galley %s; %s; from %s; %s; boilerplate %s; since %s; "
	                       "max %d; title %s; SOURCE_DATE_EPOCH %s", GALLEY_VERSION,
	                       batch_format_ext(format), from[o->from % 6],
	                       l->flags & GALLEY_OPT_NO_SMART ? "no-smart" : "smart", boiler,
	                       l->since ? l->since : "-", l->max_items, title,
	                       epoch ? epoch : "-");
	if (format != BATCH_XML) {
		/* the tree depends on none of these */
		char *layout = S_file_hash(layout_path);
		g_string_append_printf(s, "; layout %s %s; %s; %s", o->layout ? o->layout : "article-a4",
		                       layout, l->flags & GALLEY_OPT_NO_HYPHENATE ? "no-hyphenate"
		                       : "hyphenate", l->flags & GALLEY_OPT_EMBED_FONTS
		                       ? "embed-fonts" : "no-embed-fonts");
		g_free(layout);
	}
	g_free(boiler);
	g_free(title);
	return g_string_free(s, FALSE);
}

static char *S_path(const struct batch *b)
{
	return g_build_filename(b->o->output, MANIFEST_NAME, NULL);
}

/* The "outputs" object of the manifest in OUTDIR (a new reference), or an
 * empty one when there is none or it cannot be read. */
static json_object *S_read(const struct batch *b)
{
	char *path = S_path(b);
	struct stat st;
	json_object *all = NULL, *outputs = NULL;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size <= MANIFEST_MAX)
		all = json_object_from_file(path);
	g_free(path);
	if (all && json_object_object_get_ex(all, "outputs", &outputs)
	    && json_object_is_type(outputs, json_type_object))
		json_object_get(outputs);
	else
		outputs = json_object_new_object();
	json_object_put(all);
	return outputs;
}

void batch_manifest_load(struct batch *b, const char *layout_path)
{
	for (unsigned f = 1, i = 0; f < (1u << BATCH_NFORMATS); f <<= 1, i++)
		b->made_with[i] = b->formats & f ? S_made_with(b, f, layout_path) : NULL;
	b->manifest = S_read(b);
}

static unsigned S_index(unsigned format)
{
	return format == BATCH_PDF ? 0 : format == BATCH_EPUB ? 1 : 2;
}

/* PATH (OUTDIR/REL, as the jobs name their outputs) below OUTDIR. */
static const char *S_rel(const struct batch *b, const char *path)
{
	size_t dl = strlen(b->o->output);
	while (dl > 1 && b->o->output[dl - 1] == '/')
		dl--;
	return path + dl + 1;
}

/* "#HEX" of a job's sources.  Malloc'd. */
static char *S_source(const struct batch_job *j)
{
	return g_strdup_printf("#%016llx", j->source);
}

int batch_manifest_fresh(const struct batch *b, const struct batch_job *j, const char *path,
                         unsigned format, long long size)
{
	json_object *rec, *made, *got, *src;
	const char *want = b->made_with[S_index(format)];
	int fresh = b->manifest && want
	         && json_object_object_get_ex(b->manifest, S_rel(b, path), &rec)
	         && json_object_object_get_ex(rec, "made_with", &made)
	         && json_object_object_get_ex(rec, "size", &got)
	         && strcmp(json_object_get_string(made), want) == 0
	         && json_object_get_int64(got) == size;
	if (fresh && j->has_source) {
		char *s = S_source(j);
		fresh = json_object_object_get_ex(rec, "source", &src)
		     && strcmp(json_object_get_string(src), s) == 0;
		g_free(s);
	}
	return fresh;
}

/* Record in OUTPUTS each output this run wrote. */
static int S_record(const struct batch *b, json_object *outputs)
{
	int n = 0;
	for (size_t i = 0; i < b->n; i++) {
		const struct batch_job *j = &b->jobs[i];
		if (j->status == BATCH_SKIPPED || j->status == BATCH_DROPPED)
			continue;
		for (unsigned f = 1; f < (1u << BATCH_NFORMATS); f <<= 1) {
			struct stat st;
			char *path = (b->formats & f) && !(j->todo & f) ? batch_output_path(j, f) : NULL;
			if (path && stat(path, &st) == 0 && st.st_size > 0) {
				json_object *rec = json_object_new_object();
				json_object_object_add(rec, "made_with",
				                       json_object_new_string(b->made_with[S_index(f)]));
				json_object_object_add(rec, "size", json_object_new_int64(st.st_size));
				if (j->has_source) {
					char *src = S_source(j);
					json_object_object_add(rec, "source", json_object_new_string(src));
					g_free(src);
				}
				json_object_object_add(outputs, S_rel(b, path), rec);
				n++;
			}
			free(path);
		}
	}
	return n;
}

static int S_write(const char *tmp, void *p)
{
	const char *text = p;
	FILE *f = galley_open_write(tmp);
	size_t len = strlen(text);
	int rc = f && fwrite(text, 1, len, f) == len && fputc('\n', f) != EOF ? 0 : -1;
	if (f && galley_close_write(f) != 0)
		rc = -1;
	return rc;
}

int batch_manifest_save(struct batch *b)
{
	/* the lock keeps two batches into OUTDIR from each saving the manifest
	 * it read before the other saved */
	int lock = open(b->o->output, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (lock >= 0)
		flock(lock, LOCK_EX);
	json_object *outputs = S_read(b);
	int rc = 0;
	if (S_record(b, outputs) > 0) {
		json_object *all = json_object_new_object();
		json_object_object_add(all, "galley", json_object_new_string(GALLEY_VERSION));
		json_object_object_add(all, "outputs", json_object_get(outputs));
		char *path = S_path(b);
		galley_diag *diag = galley_diag_new(path);
		rc = galley_write_atomic(path, S_write, (void *)json_object_to_json_string_ext(
		                         all, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
		                         JSON_C_TO_STRING_NOSLASHESCAPE),
		                         diag);
		galley_diag_free(diag);
		g_free(path);
		json_object_put(all);
	}
	json_object_put(outputs);
	if (lock >= 0)
		close(lock);
	return rc;
}

void batch_manifest_free(struct batch *b)
{
	for (unsigned i = 0; i < BATCH_NFORMATS; i++)
		g_free(b->made_with[i]);
	json_object_put(b->manifest);
	b->manifest = NULL;
}
