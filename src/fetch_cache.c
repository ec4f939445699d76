/* fetch_cache.c — fetched answers kept in galley's cache folder with their
 * validators (ETag, Last-Modified), so that a rerun asks "changed?" and
 * gets a 304 instead of the whole body again (issue 20).  An entry holds
 * the URL, the validators, the media type, the charset and the body; the
 * body is the server's, byte for byte, so outputs never depend on whether
 * the cache was warm. */
#include <stdlib.h>
#include <string.h>

#include "fetch.h"
#include "util.h"

#define FIELDS 5

static char *S_name(const char *url)
{
	return galley_xasprintf("fetch-%016llx",
	                        (unsigned long long)galley_fnv1a(GALLEY_FNV1A_INIT, url, strlen(url)));
}

int galley_fetch_cache_get(const char *url, struct galley_cached *c)
{
	memset(c, 0, sizeof *c);
	char *name = S_name(url);
	size_t len = 0;
	char *all = galley_cache_read(name, &len);
	free(name);
	if (!all)
		return 0;
	/* URL, ETag, Last-Modified, media type, charset: NUL-terminated */
	const char *f[FIELDS];
	size_t at = 0;
	for (int i = 0; i < FIELDS; i++) {
		const char *nul = at < len ? memchr(all + at, '\0', len - at) : NULL;
		if (!nul) {
			free(all);
			return 0;
		}
		f[i] = all + at;
		at = (size_t)(nul - all) + 1;
	}
	/* two URLs with one checksum: not this one's entry */
	int ok = strcmp(f[0], url) == 0 && (*f[1] || *f[2]);
	if (ok) {
		c->etag = *f[1] ? galley_xstrdup(f[1]) : NULL;
		c->last_modified = *f[2] ? galley_xstrdup(f[2]) : NULL;
		c->media_type = *f[3] ? galley_xstrdup(f[3]) : NULL;
		c->charset = *f[4] ? galley_xstrdup(f[4]) : NULL;
		c->len = len - at;
		c->data = galley_xmalloc(c->len + 1);
		memcpy(c->data, all + at, c->len);
		c->data[c->len] = '\0';
	}
	free(all);
	return ok;
}

void galley_fetch_cache_put(const char *url, const struct galley_cached *c)
{
	galley_buf b = GALLEY_BUF_INIT;
	const char *f[FIELDS] = {url, c->etag, c->last_modified, c->media_type, c->charset};
	for (int i = 0; i < FIELDS; i++) {
		galley_buf_puts(&b, f[i] ? f[i] : "");
		galley_buf_putc(&b, '\0');
	}
	galley_buf_put(&b, c->data, c->len);
	char *name = S_name(url);
	galley_cache_write(name, b.data, b.len);
	free(name);
	galley_buf_free(&b);
}

void galley_cached_clear(struct galley_cached *c)
{
	free(c->etag);
	free(c->last_modified);
	free(c->media_type);
	free(c->charset);
	free(c->data);
	memset(c, 0, sizeof *c);
}
