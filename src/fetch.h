/* fetch.h — galley's only way onto the network: http and https GETs under
 * one safety policy, one at a time or many at once (fetch.c owns libcurl;
 * nothing else in galley meets its types). */
#ifndef GALLEY_FETCH_H
#define GALLEY_FETCH_H

#include <stddef.h>

#include "galley.h"

/* What a fetch may do and how long it may take. */
struct galley_fetch_policy {
	int allow_private;     /* loopback, private, link-local, multicast too */
	long connect_ms;       /* to open a connection */
	long total_ms;         /* for one request, every byte of it */
	size_t max_bytes;      /* of one response body */
	int no_cache;          /* neither read nor write galley's cache */
};

/* The defaults (README, "Security"): 10 s to connect, 30 s in all. */
#define GALLEY_FETCH_CONNECT_MS 10000L
#define GALLEY_FETCH_TOTAL_MS   30000L
/* An article page, and one image, larger than this are refused: both fit
 * in one entry of galley's cache. */
#define GALLEY_FETCH_MAX_PAGE   ((size_t)15 << 20)
#define GALLEY_FETCH_MAX_IMAGE  ((size_t)15 << 20)
/* The remote images of one article, together. */
#define GALLEY_FETCH_MAX_ARTICLE_IMAGES ((size_t)64 << 20)
/* Redirects followed, each checked as the first request is. */
#define GALLEY_FETCH_MAX_REDIRECTS 5
/* Transfers at once, for a whole run (a batch's workers together):
 * enough to hide latency, few enough for one host. */
#define GALLEY_FETCH_PARALLEL 6

/* One response.  On failure DATA is NULL and WHY says why ("HTTP 404",
 * "a redirect to file:, not http or https", ...). */
struct galley_response {
	char *data;            /* the body, NUL-terminated (malloc'd) */
	size_t len;
	char *url;             /* the final URL, after redirects (malloc'd) */
	char *media_type;      /* "image/png", lower case, no parameters */
	char *charset;         /* the Content-Type's charset=, or NULL */
	int from_cache;        /* the body came from the cache (HTTP 304) */
	int unreachable;       /* the host could not be reached at all */
	int first_down;        /* ... and this was the first of the run to find it so */
	char why[200];
};

/* Fetch URLS[0..N) at once, a few connections at a time, each under
 * POLICY; OUT[i] holds URLS[i]'s response.  The order of completion never
 * shows in OUT. */
void galley_fetch_all(const char *const *urls, size_t n, const struct galley_fetch_policy *policy,
                      struct galley_response *out);
/* Fetch one URL; 0, or -1 with OUT->why set. */
int galley_fetch(const char *url, const struct galley_fetch_policy *policy,
                 struct galley_response *out);
void galley_response_clear(struct galley_response *r);

/* 1 when S is an http:// or https:// URL (any case). */
int galley_url_is_remote(const char *s);
/* REF resolved against the absolute URL BASE (malloc'd), or NULL when REF
 * already has a scheme or cannot be resolved. */
char *galley_url_resolve(const char *base, const char *ref);
/* The host of URL, and ":PORT" when the URL names one (malloc'd), or NULL. */
char *galley_url_host(const char *url);

/* fetch_addr.c: 1 when the socket address ADDR (a struct sockaddr of
 * LEN bytes) is loopback, private, link-local, multicast or otherwise not
 * a public host; it then names it in TEXT (at least 64 bytes). */
int galley_addr_is_private(const void *addr, size_t len, char *text);

/* fetch_share.c: what the processes of one run (a batch's workers) know
 * together: the hosts found down, and tokens for the transfers at once.
 * A batch calls _begin before it forks its workers and _end after; each
 * worker calls _worker with its number, and the parent _reclaim with the
 * number of a worker that ended, giving back the tokens it held. */
void galley_fetch_share_begin(void);
void galley_fetch_share_worker(int n);
void galley_fetch_share_reclaim(int n);
void galley_fetch_share_end(void);
/* Take a token for one more transfer (1), or 0 when the run's
 * transfers at once are all under way; always 1 outside a batch. */
int galley_fetch_token_take(void);
void galley_fetch_token_give(void);
/* 1 when HOST ("host[:port]") was found down earlier in the run. */
int galley_fetch_host_is_down(const char *host);
/* Record HOST as down: 1 when this call is the first of the run to. */
int galley_fetch_host_down(const char *host);

/* fetch_cache.c: a response kept in galley's cache with its validators. */
struct galley_cached {
	char *etag, *last_modified, *media_type, *charset;
	char *data;
	size_t len;
};
/* The entry for URL, or 0 when there is none. */
int galley_fetch_cache_get(const char *url, struct galley_cached *c);
void galley_fetch_cache_put(const char *url, const struct galley_cached *c);
void galley_cached_clear(struct galley_cached *c);

/* fetch_images.c: the remote images (http and https URLs) of the IMAGE
 * nodes of DOC, fetched at once, each checked (its Content-Type, its
 * first bytes, its pixel size) and held in memory for the back ends.  An
 * image that cannot be had is one warning in DIAG naming its URL and why;
 * a host that cannot be reached is named once, however many images it
 * holds.  The caller frees the result with galley_fetched_free. */
galley_fetched *galley_fetch_images(const galley_node *doc, const struct galley_fetch_policy *p,
                                    galley_diag *diag);

#endif
