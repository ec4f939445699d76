/* fetch.c — http and https GETs with libcurl under galley's policy: no
 * other scheme, redirects followed by hand (at most 5, each one checked),
 * no connection to a private address unless allowed, limits of time and
 * size, no cookies, credentials or proxies, a truthful User-Agent, and
 * answers kept in the cache with their validators (issue 20).  The only
 * file that includes curl.h. */
#include <curl/curl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fetch.h"
#include "util.h"

struct xfer {
	CURL *h;
	const struct galley_fetch_policy *p;
	struct galley_response *out;
	char *url;                 /* the URL of this hop */
	int hops;
	galley_buf body;
	int too_big;
	int refused;               /* the open-socket check said no */
	char refused_addr[64];
	char *etag, *last_modified, *content_type;
	struct galley_cached cached;
	int has_cached;
	struct curl_slist *headers;
};

static void S_global_init(void)
{
	static int done;
	if (!done && curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK)
		done = 1;
}

/* 1 when REF starts with a scheme ("data:", "mailto:", "http:"). */
static int S_has_scheme(const char *ref)
{
	size_t i = 0;
	while (ref[i] && (strchr("+-.", ref[i]) || (ref[i] >= 'a' && ref[i] <= 'z') ||
	                  (ref[i] >= 'A' && ref[i] <= 'Z') || (i && ref[i] >= '0' && ref[i] <= '9')))
		i++;
	return i > 0 && ref[i] == ':';
}

char *galley_url_resolve(const char *base, const char *ref)
{
	if (!base || !ref || !*ref || S_has_scheme(ref))
		return NULL;
	CURLU *u = curl_url();
	char *got = NULL, *res = NULL;
	if (u && curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_URL, ref, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &got, 0) == CURLUE_OK)
		res = galley_xstrdup(got);
	curl_free(got);
	curl_url_cleanup(u);
	return res;
}

char *galley_url_host(const char *url)
{
	CURLU *u = curl_url();
	char *got = NULL, *port = NULL, *res = NULL;
	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &got, 0) == CURLUE_OK) {
		/* another port is another server */
		if (curl_url_get(u, CURLUPART_PORT, &port, 0) == CURLUE_OK)
			res = galley_xasprintf("%s:%s", got, port);
		else
			res = galley_xstrdup(got);
	}
	curl_free(got);
	curl_free(port);
	curl_url_cleanup(u);
	return res;
}

/* Why URL may not be requested at all, or NULL. */
static const char *S_refuse_url(const char *url)
{
	if (!galley_url_is_remote(url))
		return "not an http or https URL";
	CURLU *u = curl_url();
	char *user = NULL, *pass = NULL;
	const char *why = NULL;
	if (!u || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK)
		why = "not a valid URL";
	else if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK ||
	         curl_url_get(u, CURLUPART_PASSWORD, &pass, 0) == CURLUE_OK)
		why = "a URL with a user name or password (galley sends no credentials)";
	curl_free(user);
	curl_free(pass);
	curl_url_cleanup(u);
	return why;
}

/* Every connection, the first and each redirect's, goes through here once
 * its name is resolved: the address itself is checked, so a public name
 * resolving to 127.0.0.1 is refused as 127.0.0.1 is. */
static curl_socket_t S_open_socket(void *p, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct xfer *x = p;
	(void)purpose;
	if (!x->p->allow_private &&
	    galley_addr_is_private(&a->addr, a->addrlen, x->refused_addr)) {
		x->refused = 1;
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype, a->protocol);
}

static size_t S_write(char *d, size_t size, size_t n, void *p)
{
	struct xfer *x = p;
	(void)size;   /* always 1 */
	if (x->body.len + n > x->p->max_bytes) {
		x->too_big = 1;
		return 0;   /* aborts the transfer */
	}
	galley_buf_put(&x->body, d, n);
	return n;
}

/* The value of header NAME in the line D (N bytes), or NULL. */
static char *S_header(const char *d, size_t n, const char *name)
{
	size_t k = strlen(name);
	if (n <= k + 1 || strncasecmp(d, name, k) != 0 || d[k] != ':')
		return NULL;
	size_t i = k + 1, end = n;
	while (i < end && (d[i] == ' ' || d[i] == '\t'))
		i++;
	while (end > i && (d[end - 1] == '\r' || d[end - 1] == '\n' || d[end - 1] == ' '))
		end--;
	return galley_xstrndup(d + i, end - i);
}

static void S_keep(char **slot, char *value)
{
	if (!value)
		return;
	free(*slot);
	*slot = value;
}

static size_t S_on_header(char *d, size_t size, size_t n, void *p)
{
	struct xfer *x = p;
	(void)size;
	S_keep(&x->etag, S_header(d, n, "etag"));
	S_keep(&x->last_modified, S_header(d, n, "last-modified"));
	S_keep(&x->content_type, S_header(d, n, "content-type"));
	return n;
}

/* Set up X's handle for its URL: the policy, and the validators of a
 * cached answer. */
static void S_setup(struct xfer *x)
{
	CURL *h = x->h;
	curl_easy_reset(h);
	curl_easy_setopt(h, CURLOPT_URL, x->url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);   /* each hop checked here */
	/* a proxy would make the connection, and the address check, its own */
	curl_easy_setopt(h, CURLOPT_PROXY, "");
	curl_easy_setopt(h, CURLOPT_NETRC, (long)CURL_NETRC_IGNORED);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "galley/" GALLEY_VERSION);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, x->p->connect_ms);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, x->p->total_ms);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)x->p->max_bytes);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, S_open_socket);
	curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, x);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, S_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, S_on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(h, CURLOPT_PRIVATE, x);
	curl_slist_free_all(x->headers);
	x->headers = NULL;
	galley_cached_clear(&x->cached);
	x->has_cached = !x->p->no_cache && galley_fetch_cache_get(x->url, &x->cached);
	if (x->has_cached && x->cached.etag) {
		char *h1 = galley_xasprintf("If-None-Match: %s", x->cached.etag);
		x->headers = curl_slist_append(x->headers, h1);
		free(h1);
	}
	if (x->has_cached && x->cached.last_modified) {
		char *h2 = galley_xasprintf("If-Modified-Since: %s", x->cached.last_modified);
		x->headers = curl_slist_append(x->headers, h2);
		free(h2);
	}
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, x->headers);
	galley_buf_clear(&x->body);
	x->too_big = x->refused = 0;
	free(x->etag);
	free(x->last_modified);
	free(x->content_type);
	x->etag = x->last_modified = x->content_type = NULL;
}

/* "image/png" and the charset from a Content-Type value, into OUT. */
static void S_media_type(struct galley_response *out, const char *ct)
{
	if (!ct)
		return;
	size_t n = strcspn(ct, "; \t");
	out->media_type = galley_xstrndup(ct, n);
	for (char *c = out->media_type; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	const char *cs = ct;
	while (*cs && strncasecmp(cs, "charset=", 8) != 0)
		cs++;
	if (*cs) {
		cs += 8;
		if (*cs == '"')
			cs++;
		out->charset = galley_xstrndup(cs, strcspn(cs, "\"; \t"));
	}
}

static void S_fail(struct xfer *x, const char *fmt, const char *arg)
{
	snprintf(x->out->why, sizeof x->out->why, fmt, arg);
}

/* X's host is down: recorded for the whole run (a batch's workers too),
 * and whether X is the first to find it so, which names it. */
static void S_host_down(struct xfer *x)
{
	char *host = galley_url_host(x->url);
	x->out->unreachable = 1;
	x->out->first_down = galley_fetch_host_down(host);
	free(host);
}

/* 1, with X's answer set, when X's host was found down earlier in the
 * run: no request goes to it again. */
static int S_known_down(struct xfer *x)
{
	char *host = galley_url_host(x->url);
	int down = galley_fetch_host_is_down(host);
	if (down) {
		snprintf(x->out->why, sizeof x->out->why, "%.120s did not answer earlier in this run",
		         host);
		x->out->unreachable = 1;
	}
	free(host);
	return down;
}

/* RC, with STATUS and CONNECTED (seconds to connect, 0 when it never did),
 * says the host itself is down, not this one answer: no connection at
 * all, or one that gave no HTTP answer (closed or reset at once, a TLS
 * handshake that failed).  A slow answer, or an HTTP error, is the
 * resource's. */
static int S_host_failed(CURLcode rc, long status, double connected)
{
	switch (rc) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
		return 1;
	case CURLE_OPERATION_TIMEDOUT:
		return connected <= 0;
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_SSL_CONNECT_ERROR:
		return status == 0;
	default:
		return 0;
	}
}

/* The transfer of X ended with RC: a result, a failure, or the next hop
 * (1: go on with X->url). */
static int S_finish(struct xfer *x, CURLcode rc)
{
	long status = 0;
	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &status);
	if (x->refused) {
		S_fail(x, "refused: %s is not a public address (--allow-private opens it)",
		       x->refused_addr);
		S_host_down(x);   /* every address of the host is refused */
		return 0;
	}
	if (x->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
		snprintf(x->out->why, sizeof x->out->why, "larger than %zu MiB", x->p->max_bytes >> 20);
		return 0;
	}
	if (rc != CURLE_OK) {
		double connected = 0;
		curl_easy_getinfo(x->h, CURLINFO_CONNECT_TIME, &connected);
		S_fail(x, "%s", rc == CURLE_OPERATION_TIMEDOUT ? "timed out" : curl_easy_strerror(rc));
		if (S_host_failed(rc, status, connected))
			S_host_down(x);
		return 0;
	}
	if (status >= 300 && status < 400 && status != 304) {
		char *next = NULL;
		curl_easy_getinfo(x->h, CURLINFO_REDIRECT_URL, &next);
		if (!next) {
			snprintf(x->out->why, sizeof x->out->why, "HTTP %ld with no Location", status);
			return 0;
		}
		if (!galley_url_is_remote(next)) {
			size_t k = strcspn(next, ":");
			snprintf(x->out->why, sizeof x->out->why,
			         "a redirect to %.*s:, not http or https", (int)(k < 20 ? k : 20), next);
			return 0;
		}
		if (++x->hops > GALLEY_FETCH_MAX_REDIRECTS) {
			snprintf(x->out->why, sizeof x->out->why, "more than %d redirects",
			         GALLEY_FETCH_MAX_REDIRECTS);
			return 0;
		}
		const char *why = S_refuse_url(next);
		if (why) {
			S_fail(x, "a redirect to %s", why);
			return 0;
		}
		free(x->url);
		x->url = galley_xstrdup(next);
		return !S_known_down(x);
	}
	struct galley_response *out = x->out;
	if (status == 304 && x->has_cached) {
		out->data = x->cached.data;
		out->len = x->cached.len;
		x->cached.data = NULL;
		S_media_type(out, x->cached.media_type);
		if (x->cached.charset && !out->charset)
			out->charset = galley_xstrdup(x->cached.charset);
		out->from_cache = 1;
	} else if (status == 200) {
		out->len = x->body.len;
		out->data = galley_buf_detach(&x->body);
		if (!out->data)
			out->data = galley_xstrdup("");
		S_media_type(out, x->content_type);
		if (!x->p->no_cache && (x->etag || x->last_modified)) {
			struct galley_cached c = {x->etag, x->last_modified, out->media_type,
			                          out->charset, out->data, out->len};
			galley_fetch_cache_put(x->url, &c);
		}
	} else {
		snprintf(out->why, sizeof out->why, "HTTP %ld", status);
		return 0;
	}
	out->url = galley_xstrdup(x->url);
	return 0;
}

static void S_xfer_free(struct xfer *x)
{
	curl_easy_cleanup(x->h);
	curl_slist_free_all(x->headers);
	galley_buf_free(&x->body);
	galley_cached_clear(&x->cached);
	free(x->url);
	free(x->etag);
	free(x->last_modified);
	free(x->content_type);
}

/* Start X, the transfer of URL into OUT, unless it is refused or its host
 * known down (then answered at once): 1 when it was added to M, 0 when it
 * needs none, -1 when no token is free (not started; tried again later). */
static int S_start(CURLM *m, struct xfer *x, const char *url, struct galley_response *out,
                   const struct galley_fetch_policy *p)
{
	memset(out, 0, sizeof *out);
	x->p = p;
	x->out = out;
	const char *why = S_refuse_url(url);
	if (why) {
		snprintf(out->why, sizeof out->why, "%s", why);
		return 0;
	}
	free(x->url);
	x->url = galley_xstrdup(url);
	if (S_known_down(x))
		return 0;
	if (!galley_fetch_token_take())
		return -1;
	x->h = curl_easy_init();
	S_setup(x);
	curl_multi_add_handle(m, x->h);
	return 1;
}

void galley_fetch_all(const char *const *urls, size_t n, const struct galley_fetch_policy *p,
                      struct galley_response *out)
{
	S_global_init();
	CURLM *m = curl_multi_init();
	struct xfer *xs = galley_xcalloc(n ? n : 1, sizeof *xs);
	size_t next = 0, running = 0;
	for (;;) {
		/* keep GALLEY_FETCH_PARALLEL transfers going (in a batch, with the
		 * other workers): a queued one would spend its time limit waiting
		 * for a connection */
		int no_token = 0;
		while (next < n && running < GALLEY_FETCH_PARALLEL && !no_token) {
			int started = S_start(m, &xs[next], urls[next], &out[next], p);
			no_token = started < 0;
			if (started >= 0)
				next++;
			running += started > 0;
		}
		if (running == 0 && next >= n)
			break;
		if (running == 0) {
			poll(NULL, 0, 20);   /* the other workers hold every token */
			continue;
		}
		int still = 0;
		curl_multi_perform(m, &still);
		CURLMsg *msg;
		int left;
		while ((msg = curl_multi_info_read(m, &left)) != NULL) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			struct xfer *x = NULL;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
			CURLcode rc = msg->data.result;
			curl_multi_remove_handle(m, x->h);
			if (S_finish(x, rc)) {
				S_setup(x);
				curl_multi_add_handle(m, x->h);
			} else {
				galley_fetch_token_give();   /* taken in S_start */
				running--;
			}
		}
		if (running)
			curl_multi_poll(m, NULL, 0, 200, NULL);
	}
	for (size_t i = 0; i < n; i++)
		S_xfer_free(&xs[i]);
	free(xs);
	curl_multi_cleanup(m);
}

int galley_fetch(const char *url, const struct galley_fetch_policy *p, struct galley_response *out)
{
	galley_fetch_all(&url, 1, p, out);
	return out->data ? 0 : -1;
}
