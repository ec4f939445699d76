/* fuzz.h — what the libFuzzer targets share: the option bytes, a quiet
 * reader run, the tree invariants and temporary output paths.  Each target
 * is one file, fuzz_NAME.c, built and run by `make fuzz` (cmark's
 * fuzz/cmark-fuzz.c is the model: the leading bytes choose options). */
#ifndef GALLEY_FUZZ_H
#define GALLEY_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "galley.h"
#include "reader.h"   /* galley_validate */

/* Bytes at the front of every input that choose options, not content. */
#define FUZZ_OPT_BYTES 2

struct fuzz_input {
	galley_options opts;
	unsigned choice;        /* the second option byte, for the target */
	const char *data;       /* the document */
	size_t len;
};

/* Split DATA into options and document; 0 when too short. */
static inline int fuzz_split(const uint8_t *data, size_t size, struct fuzz_input *in)
{
	if (size < FUZZ_OPT_BYTES)
		return 0;
	memset(in, 0, sizeof *in);
	in->opts.flags = data[0] & (GALLEY_OPT_NO_SMART | GALLEY_OPT_EMBED_FONTS |
	                            GALLEY_OPT_NO_HYPHENATE);
	/* feed options: a --since date and --max limit some of the time */
	if (data[0] & 0x10)
		in->opts.since = "2020-01-01";
	if (data[0] & 0x20)
		in->opts.max_items = 1 + (data[0] >> 6);
	in->choice = data[1];
	in->data = (const char *)data + FUZZ_OPT_BYTES;
	in->len = size - FUZZ_OPT_BYTES;
	return 1;
}

/* Walk the whole tree checking its invariants (parent and sibling links,
 * containment), and that the XML of it reads back as the same XML
 * (tree -> xml -> tree is the identity, DESIGN.md).  Aborts on a
 * violation, so libFuzzer records the input. */
static inline void fuzz_check_tree(galley_node *doc)
{
	galley_iter *it = galley_iter_new(doc);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *n = galley_iter_get_node(it);
		galley_node *p = galley_node_parent(n);
		if (n != doc && (!p || !galley_node_can_contain(galley_node_get_type(p),
		                                                galley_node_get_type(n))))
			abort();
		galley_node *next = galley_node_next(n);
		if (next && galley_node_previous(next) != n)
			abort();
		free(galley_node_text(n));
	}
	galley_iter_free(it);

	size_t len1 = 0, len2 = 0;
	char *xml1 = galley_render_xml(doc, &len1);
	galley_diag *diag = galley_diag_new("roundtrip");
	galley_diag_set_quiet(diag, 1);
	galley_node *back = galley_read_xml(xml1, len1, NULL, diag);
	if (!back) {
		/* the writer's own output must always read back */
		fprintf(stderr, "tree XML did not read back: %s\n",
		        galley_diag_count(diag) ? galley_diag_message(diag, 0, NULL, NULL) : "?");
		abort();
	}
	char *xml2 = galley_render_xml(back, &len2);
	if (getenv("GALLEY_FUZZ_ROUNDTRIP") &&
	    (len1 != len2 || memcmp(xml1, xml2, len1) != 0)) {
		fprintf(stderr, "round trip differs:\n%s\n---\n%s\n", xml1, xml2);
		abort();
	}
	free(xml2);
	galley_node_free(back);
	galley_diag_free(diag);
	free(xml1);
}

/* Read IN with READER, then repair, smarten (unless NO_SMART) and check
 * the tree as galley_read and the CLI do.  The reader is called directly,
 * past galley_read's refusal of binary data, so that mutated bytes still
 * reach it.  Messages are kept quiet. */
static inline void fuzz_read(const struct fuzz_input *in,
                             galley_node *(*reader)(const char *, size_t,
                                                    const galley_options *, galley_diag *))
{
	galley_diag *diag = galley_diag_new("fuzz");
	galley_diag_set_quiet(diag, 1);
	galley_node *doc = reader(in->data, in->len, &in->opts, diag);
	if (doc) {
		galley_validate(doc);
		if (!(in->opts.flags & GALLEY_OPT_NO_SMART))
			galley_smarten(doc);
		fuzz_check_tree(doc);
	}
	galley_node_free(doc);
	galley_diag_free(diag);
}

/* A per-process temporary path ending in SUFFIX (in /dev/shm when there
 * is one: the writers run thousands of times a second).  Static storage. */
static inline const char *fuzz_tmp_path(const char *suffix)
{
	static char path[4][256];
	static int next;
	const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	char *p = path[next++ & 3];
	snprintf(p, sizeof path[0], "%s/galley-fuzz-%ld%s", dir, (long)getpid(), suffix);
	return p;
}

#endif
