/* diag.c — diagnostics about one input: printed as they come, kept for the caller. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "galley.h"
#include "util.h"

struct galley_msg {
	galley_severity sev;
	int line;
	char *text;
};

struct galley_diag {
	char *file;
	char *input;   /* the one input the output is made from, or NULL */
	int quiet;
	galley_severity worst;
	int any;
	struct galley_msg *msgs;
	size_t n;
};

/* Keep at most this many messages: a hostile input must not grow memory
 * through its diagnostics. */
#define MAX_KEPT 1000

static const char *const S_sev_names[] = {"note", "warning", "error", "error"};

galley_diag *galley_diag_new(const char *file)
{
	galley_diag *d = galley_xcalloc(1, sizeof *d);
	d->file = galley_xstrdup(file ? file : "-");
	return d;
}

void galley_diag_free(galley_diag *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++)
		free(d->msgs[i].text);
	free(d->msgs);
	free(d->file);
	free(d->input);
	free(d);
}

void galley_diag_set_quiet(galley_diag *d, int quiet)
{
	if (d)
		d->quiet = quiet;
}

const char *galley_diag_file(const galley_diag *d)
{
	return d ? d->file : "-";
}

void galley_diag_set_input(galley_diag *d, const char *input)
{
	if (!d)
		return;
	free(d->input);
	d->input = input ? galley_xstrdup(input) : NULL;
}

/* Print and keep the message FMT/AP, printed as about FILE. */
static void S_report(galley_diag *d, const char *file, galley_severity sev, int line,
                     const char *fmt, va_list ap)
{
	char buf[1024];
	vsnprintf(buf, sizeof buf, fmt, ap);
	if (!d)
		return;
	if (!d->any || sev > d->worst)
		d->worst = sev;
	d->any = 1;
	if (!d->quiet) {
		if (line > 0)
			fprintf(stderr, "galley: %s:%d: %s%s%s\n", file, line,
			        sev >= GALLEY_DIAG_ERROR ? "" : S_sev_names[sev],
			        sev >= GALLEY_DIAG_ERROR ? "" : ": ", buf);
		else
			fprintf(stderr, "galley: %s: %s%s%s\n", file,
			        sev >= GALLEY_DIAG_ERROR ? "" : S_sev_names[sev],
			        sev >= GALLEY_DIAG_ERROR ? "" : ": ", buf);
	}
	if (d->n >= MAX_KEPT)
		return;
	d->msgs = galley_xrealloc(d->msgs, (d->n + 1) * sizeof *d->msgs);
	d->msgs[d->n].sev = sev;
	d->msgs[d->n].line = line;
	d->msgs[d->n].text = galley_xstrdup(buf);
	d->n++;
}

void galley_diag_report(galley_diag *d, galley_severity sev, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	S_report(d, d ? d->file : "-", sev, line, fmt, ap);
	va_end(ap);
}

void galley_diag_report_input(galley_diag *d, galley_severity sev, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	S_report(d, d ? (d->input ? d->input : d->file) : "-", sev, 0, fmt, ap);
	va_end(ap);
}

galley_severity galley_diag_worst(const galley_diag *d)
{
	return d && d->any ? d->worst : GALLEY_DIAG_NOTE;
}

size_t galley_diag_count(const galley_diag *d)
{
	return d ? d->n : 0;
}

const char *galley_diag_message(const galley_diag *d, size_t i, galley_severity *sev, int *line)
{
	if (!d || i >= d->n)
		return NULL;
	if (sev)
		*sev = d->msgs[i].sev;
	if (line)
		*line = d->msgs[i].line;
	return d->msgs[i].text;
}
