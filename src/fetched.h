/* fetched.h — the images fetched for a document, and where a back end
 * finds an image's bytes (fetched.c). */
#ifndef GALLEY_FETCHED_H
#define GALLEY_FETCHED_H

#include <stddef.h>
#include <stdint.h>

#include "galley.h"

galley_fetched *galley_fetched_new(void);
/* 1 when URL was fetched, or tried and reported. */
int galley_fetched_has(const galley_fetched *f, const char *url);
/* Keep the LEN bytes at DATA as URL's image; DATA NULL records a URL
 * that failed and was reported. */
void galley_fetched_add(galley_fetched *f, const char *url, const char *data, size_t len);

/* H carried on over what of F the back ends would embed for DOC: each
 * remote image's URL, in document order, and its fetched bytes or that
 * it has none.  With the tree's own bytes, it says whether a page's
 * outputs would come out as before (batch, issue 20). */
uint64_t galley_fetched_digest(const galley_fetched *f, const galley_node *doc, uint64_t h);

/* The file a back end reads for the image SRC of an article (malloc'd):
 * the fetched copy when SRC is a URL in OPTS->fetched, else what
 * galley_safe_path allows beside OPTS->base_dir.  NULL otherwise, with *WHY
 * a reason for a warning, or NULL when the failure was already reported. */
char *galley_image_file(const galley_options *opts, const char *src, const char **why);

#endif
