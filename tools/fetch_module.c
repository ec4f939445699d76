/* fetch_module.c — fetching in the galley program, a module
 * (galley-fetch.so, src/fetch.c and src/fetch_images.c) loaded when the
 * first URL is fetched.  libcurl brings two dozen libraries (TLS, HTTP/2,
 * LDAP, Kerberos, SSH...) whose loading cost every run about 18 million
 * instructions, three quarters of a whole EPUB; most runs fetch nothing.
 * Programs that link libgalley.a get fetching directly. */
#include <dlfcn.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "fetch.h"

#define MODULE "galley-fetch.so"

typedef int (*fetch_fn)(const char *, const struct galley_fetch_policy *,
                        struct galley_response *);
typedef galley_fetched *(*images_fn)(const galley_node *, const struct galley_fetch_policy *,
                                     galley_diag *);
typedef char *(*resolve_fn)(const char *, const char *);

static struct {
	int tried;
	fetch_fn fetch;
	images_fn images;
	resolve_fn resolve;
	char error[PATH_MAX + 128];
} S_mod;

/* 1 once the module is loaded, with every entry point; else 0 and why in
 * S_mod.error. */
static int S_load(void)
{
	if (!S_mod.tried) {
		S_mod.tried = 1;
		char why[PATH_MAX + 64] = "";
		void *m = cli_module_open(MODULE, why, sizeof why);
		if (m) {
			S_mod.fetch = (fetch_fn)(uintptr_t)dlsym(m, "galley_fetch");
			S_mod.images = (images_fn)(uintptr_t)dlsym(m, "galley_fetch_images");
			S_mod.resolve = (resolve_fn)(uintptr_t)dlsym(m, "galley_url_resolve");
		}
		if (!S_mod.fetch || !S_mod.images || !S_mod.resolve) {
			S_mod.fetch = NULL;
			snprintf(S_mod.error, sizeof S_mod.error, "cannot load fetching (%s): %s", MODULE,
			         m ? "an entry point is missing" : why);
		}
	}
	return S_mod.fetch != NULL;
}

int galley_fetch(const char *url, const struct galley_fetch_policy *policy,
                 struct galley_response *out)
{
	if (S_load())
		return S_mod.fetch(url, policy, out);
	memset(out, 0, sizeof *out);
	snprintf(out->why, sizeof out->why, "%.190s", S_mod.error);
	return -1;
}

galley_fetched *galley_fetch_images(const galley_node *doc, const struct galley_fetch_policy *p,
                                    galley_diag *diag)
{
	if (S_load())
		return S_mod.images(doc, p, diag);
	galley_diag_report(diag, GALLEY_DIAG_WARNING, 0, "remote images left out: %s", S_mod.error);
	return NULL;
}

char *galley_url_resolve(const char *base, const char *ref)
{
	return S_load() ? S_mod.resolve(base, ref) : NULL;
}
