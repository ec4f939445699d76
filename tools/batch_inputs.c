/* batch_inputs.c — collecting the articles of a batch: files, folders searched by extension, and -@ lists. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "batch.h"

/* Extensions a folder search picks up; named files may have any. */
static const char *const S_known[] = {
	"txt", "text", "html", "htm", "md", "markdown", "rss", "atom", "xml", NULL
};

/* Folders nested deeper than this are not searched (symbolic links to
 * folders are never followed, so this only caps real nesting). */
#define MAX_DEPTH 64

static int S_known_ext(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot || dot == name)
		return 0;
	for (int i = 0; S_known[i]; i++)
		if (strcasecmp(dot + 1, S_known[i]) == 0)
			return 1;
	return 0;
}

static void *S_xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size);
	if (!q) {
		fputs("galley: out of memory\n", stderr);
		exit(EXIT_FAILED);
	}
	return q;
}

static char *S_xstrdup(const char *s)
{
	return strcpy(S_xrealloc(NULL, strlen(s) + 1), s);
}

/* REL without its last extension: the name its outputs get. */
static char *S_stem(const char *rel)
{
	const char *slash = strrchr(rel, '/');
	const char *base = slash ? slash + 1 : rel;
	const char *dot = strrchr(base, '.');
	size_t len = dot && dot != base ? (size_t)(dot - rel) : strlen(rel);
	char *s = S_xrealloc(NULL, len + 1);
	memcpy(s, rel, len);
	s[len] = '\0';
	return s;
}

static struct batch_job *S_add(struct batch *b, const char *input, const char *rel)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 64;
		b->jobs = S_xrealloc(b->jobs, b->cap * sizeof *b->jobs);
	}
	struct batch_job *j = &b->jobs[b->n++];
	memset(j, 0, sizeof *j);
	j->input = S_xstrdup(input);
	j->stem = S_stem(rel);
	return j;
}

/* A job that failed before it started (an unreadable folder). */
static void S_add_failed(struct batch *b, const char *input, const char *why)
{
	struct batch_job *j = S_add(b, input, "");
	j->status = BATCH_FAILED;
	size_t len = strlen(why) + 1;
	j->message = memcpy(S_xrealloc(NULL, len), why, len);
}

static char *S_join(const char *dir, const char *name)
{
	size_t dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	if (dl == 1 && dir[0] == '/')
		dl = 0;
	char *p = S_xrealloc(NULL, dl + strlen(name) + 2);
	sprintf(p, "%.*s/%s", (int)dl, dir, name);
	return p;
}

static int S_by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The visible entries of folder PATH, sorted so that batches are
 * deterministic; NULL (errno set) when it cannot be read. */
static char **S_list(const char *path, size_t *n)
{
	DIR *d = opendir(path);
	if (!d)
		return NULL;
	char **names = NULL;
	size_t cap = 0;
	*n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		/* hidden files include our own temporary outputs */
		if (e->d_name[0] == '.')
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 32;
			names = S_xrealloc(names, cap * sizeof *names);
		}
		names[(*n)++] = S_xstrdup(e->d_name);
	}
	closedir(d);
	if (*n)
		qsort(names, *n, sizeof *names, S_by_name);
	return names ? names : S_xrealloc(NULL, 1);
}

struct walk {
	struct batch *b;
	struct stat outdir;    /* never search the output folder */
	int has_outdir;
	const char *top;       /* the folder named, as given */
	char *real_top;        /* and without links, or NULL */
};

/* FULL, a name found in the folder searched, is an article file: a
 * regular file, and when it is a symbolic link one that ends inside that
 * folder, as for images (README "Security"): whoever can place a link in
 * the folder must not make an article of /etc/shadow.  Such a link is
 * left out with a warning; inputs named on the command line are the
 * user's choice and are not checked. */
static int S_article_file(const struct walk *w, const char *full)
{
	struct stat st;
	if (lstat(full, &st) != 0)
		return 0;
	if (S_ISLNK(st.st_mode)) {
		char *real = realpath(full, NULL);
		size_t n = w->real_top ? strlen(w->real_top) : 0;
		int inside = real && n && strncmp(real, w->real_top, n) == 0
		             && (real[n] == '/' || n == 1);
		free(real);
		if (!inside) {
			fprintf(stderr, "galley: %s: warning: a link leading outside %s; not read\n",
			        full, w->top);
			return 0;
		}
	}
	return stat(full, &st) == 0 && S_ISREG(st.st_mode);
}

static void S_walk(struct walk *w, const char *path, const char *rel, int depth)
{
	size_t n;
	char **names = S_list(path, &n);
	if (!names) {
		char why[300];
		snprintf(why, sizeof why, "cannot read folder: %s", strerror(errno));
		S_add_failed(w->b, path, why);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		char *full = S_join(path, names[i]);
		char *sub = *rel ? S_join(rel, names[i]) : S_xstrdup(names[i]);
		struct stat st;
		if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
			int is_out = w->has_outdir && st.st_dev == w->outdir.st_dev
			             && st.st_ino == w->outdir.st_ino;
			if (!is_out && depth < MAX_DEPTH)
				S_walk(w, full, sub, depth + 1);
		} else if (S_known_ext(names[i]) && S_article_file(w, full)) {
			S_add(w->b, full, sub);
		}
		free(full);
		free(sub);
		free(names[i]);
	}
	free(names);
}

/* One command-line or -@ argument: a folder is searched, anything else
 * is an article (a missing file fails later, with the reader's message). */
static int S_collect_one(struct batch *b, const char *in)
{
	if (strcmp(in, "-") == 0) {
		fputs("galley: batch cannot take an article on standard input; "
		      "use -@ to give a list of paths there\nTry 'galley --help'.\n", stderr);
		return -1;
	}
	if (cli_is_url(in)) {
		/* issue 20: a page is named after its slug, outputs in OUTDIR */
		char *slug = cli_url_slug(in);
		S_add(b, in, slug);
		free(slug);
		return 0;
	}
	struct stat st;
	if (stat(in, &st) == 0 && S_ISDIR(st.st_mode)) {
		struct walk w = {b, {0}, 0, in, realpath(in, NULL)};
		w.has_outdir = stat(b->o->output, &w.outdir) == 0;
		S_walk(&w, in, "", 0);
		free(w.real_top);
		return 0;
	}
	const char *slash = strrchr(in, '/');
	S_add(b, in, slash ? slash + 1 : in);
	return 0;
}

/* -@: one path per line; blank lines are ignored. */
static int S_collect_stdin(struct batch *b)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;
	while (rc == 0 && (len = getline(&line, &cap, stdin)) >= 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len > 0)
			rc = S_collect_one(b, line);
	}
	free(line);
	return rc;
}

int batch_collect(struct batch *b, char **ins, int n)
{
	for (int i = 0; i < n; i++)
		if (S_collect_one(b, ins[i]) != 0)
			return -1;
	if (b->o->list_stdin && S_collect_stdin(b) != 0)
		return -1;
	return 0;
}
