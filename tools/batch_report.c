/* batch_report.c — the JSON report of a batch (--report FILE): one entry per article, written atomically. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "batch.h"
#include "util.h"

static const char *S_status_name(enum batch_status s)
{
	switch (s) {
	case BATCH_OK: return "ok";
	case BATCH_SKIPPED: return "skipped";
	case BATCH_FAILED: return "failed";
	default: return "interrupted";
	}
}

static json_object *S_formats(unsigned formats)
{
	json_object *a = json_object_new_array();
	for (unsigned f = 1; f < (1u << BATCH_NFORMATS); f <<= 1)
		if (formats & f)
			json_object_array_add(a, json_object_new_string(batch_format_ext(f)));
	return a;
}

static json_object *S_article(const struct batch *b, const struct batch_job *j)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "input", json_object_new_string(j->input));
	json_object *outs = json_object_new_array();
	for (unsigned f = 1; f < (1u << BATCH_NFORMATS); f <<= 1) {
		if (!(b->formats & f) || (j->todo & f))
			continue;
		char *path = batch_output_path(j, f);
		json_object_array_add(outs, json_object_new_string(path));
		free(path);
	}
	json_object_object_add(o, "outputs", outs);
	json_object_object_add(o, "status", json_object_new_string(S_status_name(j->status)));
	json_object_object_add(o, "message", j->message ? json_object_new_string(j->message) : NULL);
	json_object_object_add(o, "milliseconds", json_object_new_int64(j->ms));
	return o;
}

static json_object *S_summary(const struct batch *b)
{
	size_t n[BATCH_DROPPED + 1] = {0};
	for (size_t i = 0; i < b->n; i++)
		n[b->jobs[i].status]++;
	json_object *o = json_object_new_object();
	json_object_object_add(o, "articles", json_object_new_int64((int64_t)b->n));
	json_object_object_add(o, "ok", json_object_new_int64((int64_t)n[BATCH_OK]));
	json_object_object_add(o, "skipped", json_object_new_int64((int64_t)n[BATCH_SKIPPED]));
	json_object_object_add(o, "failed", json_object_new_int64((int64_t)n[BATCH_FAILED]));
	json_object_object_add(o, "interrupted", json_object_new_int64((int64_t)n[BATCH_PENDING]));
	json_object_object_add(o, "milliseconds",
	                       json_object_new_int64((int64_t)((batch_now() - b->started) * 1000 + 0.5)));
	return o;
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

int batch_report_write(const struct batch *b, const char *path)
{
	json_object *root = json_object_new_object();
	json_object_object_add(root, "galley", json_object_new_string(GALLEY_VERSION));
	json_object_object_add(root, "output", json_object_new_string(b->o->output));
	json_object_object_add(root, "formats", S_formats(b->formats));
	json_object_object_add(root, "workers", json_object_new_int(b->workers_started));
	json_object_object_add(root, "summary", S_summary(b));
	json_object *arts = json_object_new_array();
	for (size_t i = 0; i < b->n; i++)
		json_object_array_add(arts, S_article(b, &b->jobs[i]));
	json_object_object_add(root, "articles", arts);
	const char *text = json_object_to_json_string_ext(root,
	        JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE);
	galley_diag *diag = galley_diag_new(path);
	int rc = galley_write_atomic(path, S_write, (void *)text, diag);
	if (rc != 0 && galley_diag_count(diag) == 0)
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "cannot write the report");
	galley_diag_free(diag);
	json_object_put(root);
	return rc;
}
