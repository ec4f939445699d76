/* cli_fetch.c — URL inputs and remote images for the subcommands: the
 * page fetched under the command line's policy and decoded by its
 * HTTP charset, its links made absolute against the final URL, an output
 * named after its slug, and the images of a document fetched before it
 * is rendered (issue 20). */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "fetch.h"
#include "util.h"

int cli_is_url(const char *in)
{
	return galley_url_is_remote(in);
}

static struct galley_fetch_policy S_policy(const struct cli_opts *o, size_t max_bytes)
{
	struct galley_fetch_policy p = {o->allow_private, GALLEY_FETCH_CONNECT_MS,
	                                GALLEY_FETCH_TOTAL_MS, max_bytes, 0};
	if (o->timeout_ms > 0) {
		p.total_ms = o->timeout_ms;
		if (p.connect_ms > p.total_ms)
			p.connect_ms = p.total_ms;
	}
	return p;
}

char *cli_url_slug(const char *url)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	size_t end = strcspn(p, "?#");
	const char *path = memchr(p, '/', end);
	/* the last segment of the path that is not empty, else the host */
	const char *seg = NULL;
	size_t seg_len = 0;
	for (const char *s = path; s && s < p + end; ) {
		const char *next = memchr(s + 1, '/', (size_t)(p + end - s - 1));
		size_t n = (size_t)((next ? next : p + end) - s - 1);
		if (n)
			seg = s + 1, seg_len = n;
		s = next;
	}
	int host = !seg;
	if (host) {
		seg = p;
		seg_len = path ? (size_t)(path - p) : end;
	} else {
		/* "story.html" -> "story", as a file's extension goes */
		const char *dot = memchr(seg, '.', seg_len);
		if (dot && dot != seg)
			seg_len = (size_t)(dot - seg);
	}
	galley_buf b = GALLEY_BUF_INIT;
	for (size_t i = 0; i < seg_len && b.len < 80; i++) {
		char c = seg[i];
		int keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		           (c >= '0' && c <= '9') || c == '-' || c == '_';
		/* never a hidden file, a folder or a name the shell splits */
		if (keep || (b.len && b.data[b.len - 1] != '-'))
			galley_buf_putc(&b, keep ? c : '-');
	}
	while (b.len && b.data[b.len - 1] == '-')
		b.data[--b.len] = '\0';
	if (!b.len)
		galley_buf_puts(&b, "page");
	return galley_buf_detach(&b);
}

/* DATA re-encoded from CHARSET to UTF-8 (malloc'd, *LEN set), or NULL when
 * it is UTF-8 already or CHARSET unknown.  An HTML page gets a byte order
 * mark, which its reader honours before any <meta charset>: the HTTP
 * header outranks the page, as in a browser. */
static char *S_recode(const char *data, size_t *len, const char *charset, int html)
{
	if (!charset || strcasecmp(charset, "utf-8") == 0 || strcasecmp(charset, "utf8") == 0)
		return NULL;
	/* latin-1 and ASCII labels mean windows-1252 on the web (WHATWG) */
	const char *from = strcasecmp(charset, "iso-8859-1") == 0 ||
	                   strcasecmp(charset, "us-ascii") == 0 ||
	                   strcasecmp(charset, "latin1") == 0 ? "WINDOWS-1252" : charset;
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return NULL;
	galley_buf out = GALLEY_BUF_INIT;
	if (html)
		galley_buf_puts(&out, "\xEF\xBB\xBF");
	char *in = (char *)data, chunk[4096];
	size_t left = *len;
	while (left > 0) {
		char *o = chunk;
		size_t room = sizeof chunk;
		size_t r = iconv(cd, &in, &left, &o, &room);
		galley_buf_put(&out, chunk, (size_t)(o - chunk));
		if (r == (size_t)-1 && errno != E2BIG) {
			galley_buf_puts(&out, "\xEF\xBF\xBD");   /* U+FFFD, and on */
			in++;
			left--;
		}
	}
	iconv_close(cd);
	*len = out.len;
	return galley_buf_detach(&out);
}

/* The format a Content-Type names, or AUTO. */
static galley_format S_format(const char *mt)
{
	if (!mt)
		return GALLEY_FORMAT_AUTO;
	if (strcmp(mt, "text/html") == 0 || strcmp(mt, "application/xhtml+xml") == 0)
		return GALLEY_FORMAT_HTML;
	if (strcmp(mt, "text/markdown") == 0)
		return GALLEY_FORMAT_MD;
	if (strcmp(mt, "text/plain") == 0)
		return GALLEY_FORMAT_TXT;
	if (strstr(mt, "rss") || strstr(mt, "atom"))
		return GALLEY_FORMAT_FEED;
	return GALLEY_FORMAT_AUTO;
}

char *cli_fetch_page(const char *url, const struct cli_opts *o, size_t *len, char **final,
                     galley_format *format, galley_diag *diag)
{
	if (o->offline) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "a URL, and --offline forbids fetching it");
		return NULL;
	}
	struct galley_fetch_policy p = S_policy(o, GALLEY_FETCH_MAX_PAGE);
	struct galley_response r;
	if (galley_fetch(url, &p, &r) != 0) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "cannot fetch: %s", r.why);
		galley_response_clear(&r);
		return NULL;
	}
	*format = S_format(r.media_type);
	*len = r.len;
	char *data = S_recode(r.data, len, r.charset, *format == GALLEY_FORMAT_HTML ||
	                      *format == GALLEY_FORMAT_AUTO);
	if (!data) {
		data = r.data;
		r.data = NULL;
	}
	*final = r.url;
	r.url = NULL;
	galley_response_clear(&r);
	return data;
}

void cli_fix_urls(galley_node *doc, const char *final, int set_source)
{
	galley_iter *it = galley_iter_new(doc);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *n = galley_iter_get_node(it);
		galley_node_type t = galley_node_get_type(n);
		if (ev != GALLEY_EVENT_ENTER)
			continue;
		if (t == GALLEY_NODE_ARTICLE && set_source)
			galley_article_set(n, GALLEY_META_SOURCE, final);
		if (t != GALLEY_NODE_IMAGE && t != GALLEY_NODE_LINK)
			continue;
		const char *u = galley_node_get_url(n);
		if (u && u[0] == '#')
			continue;   /* a place in the article itself */
		char *abs = galley_url_resolve(final, u);
		if (abs)
			galley_node_set_url(n, abs);
		free(abs);
	}
	galley_iter_free(it);
}

/* 1 if DOC names an image by an http or https URL. */
static int S_has_remote_image(const galley_node *doc)
{
	galley_iter *it = galley_iter_new((galley_node *)doc);
	int found = 0;
	galley_event ev;
	while (!found && (ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *n = galley_iter_get_node(it);
		found = ev == GALLEY_EVENT_ENTER && galley_node_get_type(n) == GALLEY_NODE_IMAGE &&
		        galley_url_is_remote(galley_node_get_url(n));
	}
	galley_iter_free(it);
	return found;
}

galley_fetched *cli_fetch_images(const galley_node *doc, const struct cli_opts *o,
                                 galley_diag *diag)
{
	/* fetching is a module: loaded only for a document that needs it */
	if (o->offline || !doc || !S_has_remote_image(doc))
		return NULL;
	struct galley_fetch_policy p = S_policy(o, GALLEY_FETCH_MAX_IMAGE);
	return galley_fetch_images(doc, &p, diag);
}
