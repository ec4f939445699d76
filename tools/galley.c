/* galley.c — the command-line program: parses the command line and runs one subcommand. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "util.h"

static const char S_usage[] =
"usage: galley pdf   [-l LAYOUT] [-o OUT.pdf]  [options] IN...\n"
"       galley epub  [-l LAYOUT] [-o OUT.epub] [options] IN...\n"
"       galley tree  [-o OUT.xml] [options] IN\n"
"       galley batch [-j N] [--to pdf,epub] [-l LAYOUT] [--force] [--report FILE]\n"
"                    -o OUTDIR IN...\n"
"       galley layouts\n"
"       galley --help | --version\n"
"\n"
"Turns articles (scraped plain text, HTML pages, Markdown, RSS/Atom feeds or\n"
"galley tree XML) into print-ready PDF, EPUB 3 e-books or the document tree.\n"
"Several inputs to pdf or epub make one digest.  IN and OUT may be '-'\n"
"(standard input/output).  IN may be an http or https URL: the page is\n"
"fetched, and the output named after it; the remote images of pages,\n"
"Markdown and feeds are fetched too (http and https only, public\n"
"addresses only, cached in galley's cache folder).\n"
"\n"
"options:\n"
"  -o, --output PATH      output file (default: IN with the new extension;\n"
"                         standard output for tree); for batch, a folder\n"
"  -l, --layout NAME      layout name or file (default article-a4; see 'layouts')\n"
"      --from FORMAT      input format: txt, html, md, feed or xml (default:\n"
"                         detected from the name and content)\n"
"      --no-smart         keep straight quotes, '--' and '...' as written\n"
"      --boilerplate FILE extra junk-line patterns for plain text (see README)\n"
"      --title TEXT       title of a digest (default: \"Digest, \" and the date\n"
"                         in the articles' language)\n"
"      --since DATE       feeds: only items dated DATE (YYYY-MM-DD) or later\n"
"      --max N            feeds: at most N items\n"
"      --embed-fonts      epub: embed the layout's fonts\n"
"      --no-hyphenate     do not hyphenate (pdf, and epub's style sheet)\n"
"      --offline          fetch nothing: URL inputs fail, remote images are\n"
"                         left out with a warning\n"
"      --allow-private    fetch from loopback, private, link-local and\n"
"                         multicast addresses too (refused by default)\n"
"      --timeout SECONDS  time limit of each web request (default 30)\n"
"  -j, --jobs N           batch: worker processes (default: number of cores)\n"
"      --to LIST          batch: pdf, epub, xml or a list (pdf,epub; default pdf)\n"
"      --force            batch: convert even when the output is up to date\n"
"      --report FILE      batch: write a JSON report\n"
"  -@                     batch: read more input paths or URLs from standard input\n"
"      --stats            batch: print time per article and peak memory per worker\n"
"\n"
"exit status: 0 success, 1 a conversion failed, 2 bad usage.\n";

static int S_usage_error(const char *fmt, const char *arg)
{
	fputs("galley: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'galley --help'.\n", stderr);
	return EXIT_USAGE;
}

enum { OPT_FROM = 256, OPT_NO_SMART, OPT_BOILERPLATE, OPT_TITLE, OPT_SINCE, OPT_MAX,
       OPT_EMBED_FONTS, OPT_NO_HYPHENATE, OPT_TO, OPT_FORCE, OPT_REPORT, OPT_STATS,
       OPT_OFFLINE, OPT_ALLOW_PRIVATE, OPT_TIMEOUT };

static const struct option S_longopts[] = {
	{"output", required_argument, NULL, 'o'},
	{"layout", required_argument, NULL, 'l'},
	{"jobs", required_argument, NULL, 'j'},
	{"from", required_argument, NULL, OPT_FROM},
	{"no-smart", no_argument, NULL, OPT_NO_SMART},
	{"boilerplate", required_argument, NULL, OPT_BOILERPLATE},
	{"title", required_argument, NULL, OPT_TITLE},
	{"since", required_argument, NULL, OPT_SINCE},
	{"max", required_argument, NULL, OPT_MAX},
	{"embed-fonts", no_argument, NULL, OPT_EMBED_FONTS},
	{"no-hyphenate", no_argument, NULL, OPT_NO_HYPHENATE},
	{"to", required_argument, NULL, OPT_TO},
	{"force", no_argument, NULL, OPT_FORCE},
	{"report", required_argument, NULL, OPT_REPORT},
	{"stats", no_argument, NULL, OPT_STATS},
	{"offline", no_argument, NULL, OPT_OFFLINE},
	{"allow-private", no_argument, NULL, OPT_ALLOW_PRIVATE},
	{"timeout", required_argument, NULL, OPT_TIMEOUT},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

static int S_parse_int(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 0 || v > 1000000)
		return 0;
	*out = (int)v;
	return 1;
}

static int S_parse_to(const char *list, struct cli_opts *o)
{
	o->to_pdf = o->to_epub = o->to_xml = 0;
	char *copy = strdup(list), *save = NULL;
	int good = 1;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (strcmp(t, "pdf") == 0) o->to_pdf = 1;
		else if (strcmp(t, "epub") == 0) o->to_epub = 1;
		else if (strcmp(t, "xml") == 0) o->to_xml = 1;
		else good = 0;
	}
	free(copy);
	return good && (o->to_pdf || o->to_epub || o->to_xml);
}

/* Parse options; returns -1 to go on, or an exit status. */
static int S_parse(int argc, char **argv, struct cli_opts *o)
{
	int c;
	struct stat st;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:l:j:h@", S_longopts, NULL)) != -1) {
		switch (c) {
		case 'o': o->output = optarg; break;
		case 'l': o->layout = optarg; break;
		case 'j':
			if (!S_parse_int(optarg, &o->jobs) || o->jobs < 1)
				return S_usage_error("-j needs a positive number, not '%s'", optarg);
			break;
		case '@': o->list_stdin = 1; break;
		case OPT_FROM:
			if ((o->from = galley_format_from_name(optarg)) == GALLEY_FORMAT_AUTO)
				return S_usage_error("unknown format '%s' (txt, html, md, feed, xml)", optarg);
			break;
		case OPT_NO_SMART: o->lib.flags |= GALLEY_OPT_NO_SMART; break;
		case OPT_BOILERPLATE:
			/* issue 14: opening a named pipe would wait for a writer for ever */
			if (stat(optarg, &st) == 0 && !S_ISREG(st.st_mode)) {
				fprintf(stderr, "galley: %s: boilerplate patterns: not a regular file\n", optarg);
				return EXIT_FAILED;
			}
			o->lib.boilerplate_file = optarg;
			break;
		case OPT_TITLE: o->lib.title = optarg; break;
		case OPT_SINCE: o->lib.since = optarg; break;
		case OPT_MAX:
			if (!S_parse_int(optarg, &o->lib.max_items))
				return S_usage_error("--max needs a number, not '%s'", optarg);
			break;
		case OPT_EMBED_FONTS: o->lib.flags |= GALLEY_OPT_EMBED_FONTS; break;
		case OPT_NO_HYPHENATE: o->lib.flags |= GALLEY_OPT_NO_HYPHENATE; break;
		case OPT_TO:
			if (!S_parse_to(optarg, o))
				return S_usage_error("--to takes pdf, epub, xml or a list such as pdf,epub, not '%s'", optarg);
			break;
		case OPT_FORCE: o->force = 1; break;
		case OPT_REPORT: o->report = optarg; break;
		case OPT_STATS: o->stats = 1; break;
		case OPT_OFFLINE: o->offline = 1; break;
		case OPT_ALLOW_PRIVATE: o->allow_private = 1; break;
		case OPT_TIMEOUT: {
			int s = 0;
			if (!S_parse_int(optarg, &s) || s < 1 || s > 3600)
				return S_usage_error("--timeout needs seconds from 1 to 3600, not '%s'", optarg);
			o->timeout_ms = s * 1000L;
			break;
		}
		case 'h': fputs(S_usage, stdout); return EXIT_OK;
		default:
			if (optopt && optopt < 256)
				return S_usage_error("bad option or missing argument: -%c", (char[]){(char)optopt, 0});
			return S_usage_error("bad option or missing argument: %s", argv[optind - 1]);
		}
	}
	return -1;
}

static int S_count_articles(const galley_node *doc)
{
	int n = 0;
	for (const galley_node *a = doc ? galley_node_first_child(doc) : NULL; a; a = galley_node_next(a))
		n++;
	return n;
}

galley_node *cli_read_input(const char *in, const struct cli_opts *o, galley_diag *diag)
{
	size_t len = 0;
	char *final = NULL;   /* a URL input's address after redirects */
	galley_format served = GALLEY_FORMAT_AUTO;
	char *data = cli_is_url(in) ? cli_fetch_page(in, o, &len, &final, &served, diag)
	                            : galley_read_file(in, GALLEY_MAX_INPUT, &len, diag);
	if (!data)
		return NULL;
	galley_options lib = o->lib;
	char *copy = NULL;
	if (strcmp(in, "-") != 0 && !final) {
		copy = strdup(in);
		lib.base_dir = dirname(copy);
	}
	galley_format from = o->from != GALLEY_FORMAT_AUTO ? o->from
	                   : served != GALLEY_FORMAT_AUTO ? served
	                   : galley_format_detect(final ? final : in, data, len);
	galley_node *doc = galley_read(data, len, from, &lib, diag);
	/* issue 20: a feed's items keep their own links as their sources */
	if (doc && final)
		cli_fix_urls(doc, final, from != GALLEY_FORMAT_FEED);
	free(final);
	free(copy);
	free(data);
	if (S_count_articles(doc) > GALLEY_MAX_ARTICLES) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "more than %d articles in one "
		                   "document (the limit)", GALLEY_MAX_ARTICLES);
		galley_node_free(doc);
		return NULL;
	}
	/* a tree file is already the tree: the round trip must be the identity */
	if (doc && from != GALLEY_FORMAT_XML && !(o->lib.flags & GALLEY_OPT_NO_SMART))
		galley_smarten(doc);
	return doc;
}

galley_node *cli_read_inputs(char **ins, int n, const struct cli_opts *opts, int *status)
{
	galley_node *all = NULL;
	/* a digest: lines that recur across its articles are junk */
	struct cli_opts local = *opts;
	galley_repeats *repeats = n >= 2 ? cli_learn_repeats(ins, (size_t)n, opts) : NULL;
	local.lib.repeats = repeats;
	const struct cli_opts *o = &local;
	int count = 0;   /* articles read */
	for (int i = 0; i < n; i++) {
		galley_diag *diag = galley_diag_new(ins[i]);
		galley_node *doc = cli_read_input(ins[i], o, diag);
		galley_diag_free(diag);
		if (!doc) {
			*status = EXIT_FAILED;
			continue;
		}
		count += S_count_articles(doc);
		if (all)
			galley_document_merge(all, doc);
		else
			all = doc;
		/* a digest holds one article's blocks at a time: the others
		 * wait in a spool (issue 21) */
		if (count > 1)
			galley_document_stow(all);
		if (count > GALLEY_MAX_ARTICLES) {
			galley_diag *diag = galley_diag_new(ins[i]);
			galley_diag_report(diag, GALLEY_DIAG_ERROR, 0,
			                   "more than %d articles in one document (the limit)",
			                   GALLEY_MAX_ARTICLES);
			galley_diag_free(diag);
			*status = EXIT_FAILED;
			break;
		}
	}
	galley_repeats_free(repeats);
	if (*status != EXIT_OK) {
		galley_node_free(all);
		return NULL;
	}
	return all;
}

/* The default output path: IN with its extension replaced by EXT. */
static char *S_default_output(const char *in, const char *ext)
{
	if (strcmp(in, "-") == 0)
		return strdup("-");
	if (cli_is_url(in)) {
		/* a page's outputs go into the current folder, named after it */
		char *slug = cli_url_slug(in);
		char *out = galley_xasprintf("%s.%s", slug, ext);
		free(slug);
		return out;
	}
	const char *slash = strrchr(in, '/');
	const char *dot = strrchr(slash ? slash + 1 : in, '.');
	size_t stem = dot && dot != (slash ? slash + 1 : in) ? (size_t)(dot - in) : strlen(in);
	char *out = malloc(stem + strlen(ext) + 2);
	if (out)
		sprintf(out, "%.*s.%s", (int)stem, in, ext);
	return out;
}

struct render_ctx {
	galley_node *doc;
	const galley_layout *layout;
	const galley_options *opts;
	galley_diag *diag;
	int epub;
};

static int S_write_book(const char *tmp, void *p)
{
	struct render_ctx *c = p;
	return c->epub ? galley_render_epub(c->doc, c->layout, c->opts, tmp, c->diag)
	               : galley_render_pdf(c->doc, c->layout, c->opts, tmp, c->diag);
}

static int S_write_xml(const char *tmp, void *p)
{
	struct render_ctx *c = p;
	size_t len;
	char *xml = galley_render_xml(c->doc, &len);
	FILE *f = galley_open_write(tmp);
	int rc = f && fwrite(xml, 1, len, f) == len ? 0 : -1;
	if (f && galley_close_write(f) != 0)
		rc = -1;
	if (rc)
		galley_diag_report(c->diag, GALLEY_DIAG_ERROR, 0, "cannot write the tree: %s",
		                   strerror(errno));
	free(xml);
	return rc;
}

/* 1 (reported) when OUT is one of the inputs INS, under its name or
 * another (a link): writing it would destroy the article being read. */
static int S_output_is_input(const char *out, char **ins, int n)
{
	for (int i = 0; i < n; i++) {
		if (!galley_same_file(out, ins[i]))
			continue;
		galley_diag *diag = galley_diag_new(out);
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "the output is the input %s itself; "
		                   "not overwriting it", ins[i]);
		galley_diag_free(diag);
		return 1;
	}
	return 0;
}

static int S_cmd_tree(char **ins, int n, struct cli_opts *o)
{
	if (n != 1)
		return S_usage_error("tree takes one input%s", n ? ", not several" : "");
	if (o->output && S_output_is_input(o->output, ins, n))
		return EXIT_FAILED;
	int status = EXIT_OK;
	galley_node *doc = cli_read_inputs(ins, n, o, &status);
	if (!doc)
		return EXIT_FAILED;
	galley_diag *diag = galley_diag_new(o->output ? o->output : "-");
	struct render_ctx c = {doc, NULL, &o->lib, diag, 0};
	if (galley_write_atomic(o->output ? o->output : "-", S_write_xml, &c, diag) != 0)
		status = EXIT_FAILED;
	galley_diag_free(diag);
	galley_node_free(doc);
	return status;
}

/* The folder all of INS lie in (malloc'd), where the back ends may read
 * the images the articles name; NULL (no images read) for standard input
 * or inputs in different folders. */
static char *S_common_dir(char **ins, int n)
{
	char *dir = NULL;
	for (int i = 0; i < n; i++) {
		if (strcmp(ins[i], "-") == 0 || cli_is_url(ins[i]))
			return free(dir), NULL;
		char *copy = strdup(ins[i]);
		char *d = strdup(dirname(copy));
		free(copy);
		if (dir && strcmp(dir, d) != 0)
			return free(dir), free(d), NULL;
		free(dir);
		dir = d;
	}
	return dir;
}

static int S_cmd_book(char **ins, int n, struct cli_opts *o, int epub)
{
	if (n < 1)
		return S_usage_error("%s needs at least one input", epub ? "epub" : "pdf");
	char *out = o->output ? strdup(o->output)
	          : S_default_output(n == 1 ? ins[0] : "digest", epub ? "epub" : "pdf");
	if (S_output_is_input(out, ins, n))
		return free(out), EXIT_FAILED;
	galley_diag *ldiag = galley_diag_new(o->layout ? o->layout : "article-a4");
	galley_layout *layout = galley_layout_load(o->layout, ldiag);
	galley_diag_free(ldiag);
	if (!layout)
		return free(out), EXIT_FAILED;
	int status = EXIT_OK;
	galley_node *doc = cli_read_inputs(ins, n, o, &status);
	if (doc) {
		/* failures writing the output name the output; what the back
		 * ends say about one article's content names its input */
		galley_diag *diag = galley_diag_new(out);
		galley_diag_set_input(diag, n == 1 ? ins[0] : NULL);
		galley_options lib = o->lib;
		char *base = S_common_dir(ins, n);
		lib.base_dir = base;
		galley_fetched *fetched = cli_fetch_images(doc, o, diag);
		lib.fetched = fetched;
		struct render_ctx c = {doc, layout, &lib, diag, epub};
		if (galley_write_atomic(out, S_write_book, &c, diag) != 0)
			status = EXIT_FAILED;
		galley_diag_free(diag);
		galley_fetched_free(fetched);
		free(base);
	}
	free(out);
	galley_node_free(doc);
	galley_layout_free(layout);
	return status;
}

static int S_by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int S_cmd_layouts(void)
{
	char *dir = galley_data_path("layouts");
	DIR *d = dir ? opendir(dir) : NULL;
	if (!d) {
		fprintf(stderr, "galley: no layouts folder found\n");
		free(dir);
		return EXIT_FAILED;
	}
	char *names[256];
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 256) {
		size_t len = strlen(e->d_name);
		if (len > 4 && strcmp(e->d_name + len - 4, ".xml") == 0)
			names[n++] = strndup(e->d_name, len - 4);
	}
	closedir(d);
	qsort(names, n, sizeof *names, S_by_name);
	int status = EXIT_OK;
	for (size_t i = 0; i < n; i++) {
		galley_diag *diag = galley_diag_new(names[i]);
		galley_layout *l = galley_layout_load(names[i], diag);
		if (l)
			printf("%-16s %s\n", names[i], galley_layout_description(l) ? galley_layout_description(l) : "");
		else
			status = EXIT_FAILED;
		galley_layout_free(l);
		galley_diag_free(diag);
		free(names[i]);
	}
	free(dir);
	return status;
}

int main(int argc, char **argv)
{
	/* a reader that stops early ("| head") makes writes fail with EPIPE,
	 * reported, with the temporary file removed, instead of killing galley
	 * and leaving the file behind */
	signal(SIGPIPE, SIG_IGN);
	/* cairo 1.16 deflates each page's content stream, which the PDF's
	 * finishing step inflates and rewrites (pdf_finish.c): this variable,
	 * cairo's only switch for it, read when a PDF surface is made, has it
	 * write them plain, and the finishing step deflates them and the
	 * other streams left plain once.  It is set here, before any thread
	 * starts, not in the library: the environment belongs to the program,
	 * and setenv is not safe while other threads read it. */
	setenv("CAIRO_DEBUG_PDF", "1", 0);
	if (argc < 2)
		return S_usage_error("%s", "no command given");
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		fputs(S_usage, stdout);
		return EXIT_OK;
	}
	if (strcmp(cmd, "--version") == 0) {
		puts("galley " GALLEY_VERSION);
		return EXIT_OK;
	}
	struct cli_opts o = {0};
	o.to_pdf = 1;
	int rc = S_parse(argc - 1, argv + 1, &o);
	if (rc >= 0)
		return rc;
	char **ins = argv + 1 + optind;
	int n = argc - 1 - optind;
	if (strcmp(cmd, "tree") == 0)
		return S_cmd_tree(ins, n, &o);
	if (strcmp(cmd, "pdf") == 0)
		return S_cmd_book(ins, n, &o, 0);
	if (strcmp(cmd, "epub") == 0)
		return S_cmd_book(ins, n, &o, 1);
	if (strcmp(cmd, "batch") == 0)
		return cli_batch(ins, n, &o);
	if (strcmp(cmd, "layouts") == 0)
		return n ? S_usage_error("%s", "layouts takes no arguments") : S_cmd_layouts();
	return S_usage_error("unknown command '%s'", cmd);
}
