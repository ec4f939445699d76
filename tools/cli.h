/* cli.h — what the subcommands of the galley program share. */
#ifndef GALLEY_CLI_H
#define GALLEY_CLI_H

#include <limits.h>

#include "galley.h"

/* Exit statuses (the command-line contract). */
enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

/* Inputs larger than this are refused (see README, "Limits"). */
#define GALLEY_MAX_INPUT ((size_t)64 << 20)
/* A document (a digest, or a feed's items) holds at most this many articles. */
#define GALLEY_MAX_ARTICLES 10000

/* Options common to the subcommands. */
struct cli_opts {
	galley_options lib;
	galley_format from;
	const char *layout;
	const char *output;
	int jobs;
	int to_pdf, to_epub;
	int to_xml;          /* batch: the tree XML (OUTDIR/NAME.xml) */
	int stats;           /* batch: timing and peak memory on stderr */
	int force;
	const char *report;
	int list_stdin;
	int offline;         /* never fetch: URL inputs fail, remote images are left out */
	int allow_private;   /* fetch from loopback, private and link-local addresses too */
	long timeout_ms;     /* per request (0 = the default) */
};

/* Read IN (a path or "-") as a document, messages naming IN.  NULL when
 * it failed (reported). */
galley_node *cli_read_input(const char *in, const struct cli_opts *o, galley_diag *diag);

/* cli_repeats.c: the lines that recur across the text inputs INS (at least
 * two of them), or NULL.  The caller frees. */
galley_repeats *cli_learn_repeats(char *const *ins, size_t n, const struct cli_opts *o);

/* Read every input into one document (a digest when there are several);
 * NULL if any failed. */
galley_node *cli_read_inputs(char **ins, int n, const struct cli_opts *o, int *status);

/* Load the PDF back end (tools/pdf_module.c) now rather than at the first
 * PDF; 1, or 0 with an ERROR in DIAG.  A batch loads it before forking. */
int cli_pdf_load(galley_diag *diag);

/* module.c: the program's module NAME (galley-pdf.so, galley-fetch.so)
 * loaded, or NULL with why in ERROR (SIZE bytes). */
void *cli_module_open(const char *name, char *error, size_t size);

/* A module with an entry point, loaded at its first call (image_module.c,
 * md_module.c, subset_module.c). */
struct cli_entry {
	const char *file, *entry;
	const char *what;       /* "its decoder": what the error says cannot be loaded */
	int tried;
	void *fn;
	char error[PATH_MAX + 160];
};
/* E's entry point, its module loaded once, or NULL with why in E->error. */
void *cli_entry(struct cli_entry *e);

/* cli_fetch.c: 1 when IN is an http or https URL. */
int cli_is_url(const char *in);
/* The name of URL's page for its outputs ("my-story" for
 * https://example.org/news/my-story.html; the host when the path is
 * empty): letters, digits, '-' and '_' only (malloc'd). */
char *cli_url_slug(const char *url);
/* Fetch the page at URL (malloc'd bytes, *LEN), decoded to UTF-8 when
 * the HTTP header names another charset; *FINAL gets the URL after
 * redirects (malloc'd) and *FORMAT the format the Content-Type names (or
 * AUTO).  NULL with an ERROR in DIAG. */
char *cli_fetch_page(const char *url, const struct cli_opts *o, size_t *len, char **final,
                     galley_format *format, galley_diag *diag);
/* Make the relative links and images of DOC absolute against FINAL, and
 * with SET_SOURCE make FINAL each article's source. */
void cli_fix_urls(galley_node *doc, const char *final, int set_source);
/* The remote images of DOC, fetched (NULL with --offline); warnings in
 * DIAG.  Give it to the back ends in galley_options.fetched. */
galley_fetched *cli_fetch_images(const galley_node *doc, const struct cli_opts *o,
                                 galley_diag *diag);

/* `galley batch` (tools/batch.c). */
int cli_batch(char **ins, int n, struct cli_opts *o);

#endif
