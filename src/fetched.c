/* fetched.c — the remote images galley fetched for a document, held in
 * anonymous memory files (memfd) that vanish with the process, so a crash
 * or a signal leaves nothing on disk; and the one rule by which a back end
 * finds an image's file: a fetched copy, or a file beside the input; and
 * what of fetching needs no libcurl (what is a remote URL, clearing a
 * response), kept in the program while fetching proper is a module. */
#define _GNU_SOURCE
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fetch.h"
#include "fetched.h"
#include "safe_path.h"
#include "util.h"

struct galley_fetched {
	GHashTable *by_url;   /* URL -> fd as a pointer + 1; 0 = failed, reported */
};

galley_fetched *galley_fetched_new(void)
{
	galley_fetched *f = galley_xcalloc(1, sizeof *f);
	f->by_url = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	return f;
}

static void S_close(gpointer key, gpointer value, gpointer data)
{
	(void)key;
	(void)data;
	if (GPOINTER_TO_INT(value) > 0)
		close(GPOINTER_TO_INT(value) - 1);
}

void galley_fetched_free(galley_fetched *f)
{
	if (!f)
		return;
	g_hash_table_foreach(f->by_url, S_close, NULL);
	g_hash_table_destroy(f->by_url);
	free(f);
}

int galley_fetched_has(const galley_fetched *f, const char *url)
{
	return f && url && g_hash_table_contains(f->by_url, url);
}

void galley_fetched_add(galley_fetched *f, const char *url, const char *data, size_t len)
{
	int fd = data ? memfd_create("galley-image", MFD_CLOEXEC) : -1;
	size_t done = 0;
	while (fd >= 0 && done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n <= 0) {
			close(fd);
			fd = -1;
		} else {
			done += (size_t)n;
		}
	}
	g_hash_table_replace(f->by_url, galley_xstrdup(url), GINT_TO_POINTER(fd + 1));
}

/* H carried on over the bytes of the memory file FD. */
static uint64_t S_digest_fd(int fd, uint64_t h)
{
	char buf[65536];
	off_t at = 0;
	ssize_t n;
	while ((n = pread(fd, buf, sizeof buf, at)) > 0) {
		h = galley_fnv1a(h, buf, (size_t)n);
		at += n;
	}
	return h;
}

uint64_t galley_fetched_digest(const galley_fetched *f, const galley_node *doc, uint64_t h)
{
	galley_iter *it = galley_iter_new((galley_node *)doc);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		const galley_node *n = galley_iter_get_node(it);
		const char *src = galley_node_get_type(n) == GALLEY_NODE_IMAGE
		                ? galley_node_get_url(n) : NULL;
		if (ev != GALLEY_EVENT_ENTER || !galley_url_is_remote(src))
			continue;
		gpointer v = NULL;
		int fd = f && g_hash_table_lookup_extended(f->by_url, src, NULL, &v)
		       ? GPOINTER_TO_INT(v) - 1 : -1;
		/* the URL with its NUL, then the bytes, or a mark for none */
		h = galley_fnv1a(h, src, strlen(src) + 1);
		h = fd >= 0 ? S_digest_fd(fd, h) : galley_fnv1a(h, "\0none", 5);
	}
	galley_iter_free(it);
	return h;
}

char *galley_image_file(const galley_options *opts, const char *src, const char **why)
{
	gpointer v;
	if (opts && opts->fetched && src &&
	    g_hash_table_lookup_extended(opts->fetched->by_url, src, NULL, &v)) {
		*why = NULL;   /* a failed fetch was reported when it failed */
		return GPOINTER_TO_INT(v) > 0
		       ? galley_xasprintf("/proc/self/fd/%d", GPOINTER_TO_INT(v) - 1) : NULL;
	}
	return galley_safe_path(opts ? opts->base_dir : NULL, src, why);
}

/* These two need no libcurl: they stay in the galley program, whose
 * fetching proper is a module loaded only when a URL is fetched. */
int galley_url_is_remote(const char *s)
{
	return s && (strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0);
}

void galley_response_clear(struct galley_response *r)
{
	free(r->data);
	free(r->url);
	free(r->media_type);
	free(r->charset);
	memset(r, 0, sizeof *r);
}
