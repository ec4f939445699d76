/* fetch_images.c — the remote images of a document's articles: fetched at
 * once, checked before any decoder sees them (Content-Type, first bytes,
 * pixel size), kept within a budget per article, and handed to the back
 * ends through galley_options.fetched (issue 20).  A failed image costs
 * one warning, never the article; a host found down, one for the run. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "fetch.h"
#include "fetched.h"
#include "image_decode.h"
#include "safe_path.h"
#include "util.h"

/* Why the fetched image R cannot be used, or NULL. */
static const char *S_check(const struct galley_response *r)
{
	const char *mt = r->media_type;
	if (mt && strncmp(mt, "image/", 6) != 0 && strcmp(mt, "application/octet-stream") != 0)
		return "not an image (the server says so)";
	/* the back ends check it as they check a local image: here its type */
	if (!galley_image_type((const unsigned char *)r->data, r->len))
		return "not a PNG, JPEG, GIF, WebP, AVIF or SVG image";
	unsigned long w = 0, h = 0;
	if (galley_image_size((const unsigned char *)r->data, r->len, &w, &h) &&
	    (w > GALLEY_MAX_IMAGE_SIDE || h > GALLEY_MAX_IMAGE_SIDE))
		return "larger than 10000 pixels a side";
	return NULL;
}

/* The remote image URLs under NODE not yet in F, once each, in document
 * order. */
static void S_collect(const galley_node *node, const galley_fetched *f, GPtrArray *urls,
                      GHashTable *seen)
{
	galley_iter *it = galley_iter_new((galley_node *)node);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		const galley_node *n = galley_iter_get_node(it);
		const char *src = galley_node_get_type(n) == GALLEY_NODE_IMAGE
		                ? galley_node_get_url(n) : NULL;
		if (ev != GALLEY_EVENT_ENTER || !galley_url_is_remote(src) ||
		    galley_fetched_has(f, src) || g_hash_table_contains(seen, src))
			continue;
		g_hash_table_add(seen, (gpointer)src);
		g_ptr_array_add(urls, (gpointer)src);
	}
	galley_iter_free(it);
}

static void S_warn(galley_diag *diag, const char *url, const char *why)
{
	galley_diag_report(diag, GALLEY_DIAG_WARNING, 0, "image '%s' left out: %s", url, why);
}

/* A host that could not be reached is named once for the run, by the
 * first transfer to find it down (in a batch, of all the workers':
 * fetch_share.c); its other images are left out without a word, and
 * fetch.c asks it for no more. */
static void S_host_down(galley_diag *diag, const struct galley_response *r, const char *url,
                        const char *why)
{
	char *host = galley_url_host(url);
	if (!host)
		S_warn(diag, url, why);
	else if (r->first_down)
		galley_diag_report(diag, GALLEY_DIAG_WARNING, 0, "images from %s left out: %s "
		                   "(first '%s'); no more are asked of it", host, why, url);
	free(host);
}

/* Fetch the images of one ARTICLE into F. */
static void S_article(const galley_node *article, const struct galley_fetch_policy *p,
                      galley_fetched *f, galley_diag *diag)
{
	/* a stowed article's blocks (stow.c) stay in while its URLs are used */
	int paged = galley_article_load((galley_node *)article) > 0;
	GPtrArray *urls = g_ptr_array_new();
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	S_collect(article, f, urls, seen);
	size_t m = urls->len;
	const char **ask = (const char **)urls->pdata;
	struct galley_response *got = galley_xcalloc(m ? m : 1, sizeof *got);
	galley_fetch_all(ask, m, p, got);
	/* judged in document order, so the budget keeps the same images
	 * whatever order the answers came in */
	size_t total = 0;
	for (size_t i = 0; i < m; i++) {
		struct galley_response *r = &got[i];
		const char *why = r->data ? S_check(r) : r->why;
		if (!why && total + r->len > GALLEY_FETCH_MAX_ARTICLE_IMAGES)
			why = "the article's images exceed 64 MiB";
		if (why && r->unreachable)
			S_host_down(diag, r, ask[i], why);
		else if (why)
			S_warn(diag, ask[i], why);
		else
			total += r->len;
		galley_fetched_add(f, ask[i], why ? NULL : r->data, r->len);
		galley_response_clear(r);
	}
	free(got);
	g_hash_table_destroy(seen);
	g_ptr_array_free(urls, TRUE);
	if (paged)
		galley_article_unload((galley_node *)article);
}

galley_fetched *galley_fetch_images(const galley_node *doc, const struct galley_fetch_policy *p,
                                    galley_diag *diag)
{
	galley_fetched *f = galley_fetched_new();
	for (const galley_node *a = doc ? galley_node_first_child(doc) : NULL; a;
	     a = galley_node_next(a))
		S_article(a, p, f, diag);
	return f;
}
