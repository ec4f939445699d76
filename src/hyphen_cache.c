/* hyphen_cache.c — libhyphen's dictionaries, compiled once and kept in
 * galley's cache.  hnj_hyphen_load parses a dictionary's patterns and
 * builds its state machine every time: for English that is about 38
 * million instructions, a quarter of `galley pdf` on a whole article.  The
 * machine it builds (HyphenDict, hyphen.h) is plain data, so galley writes
 * it to the cache the first time and reads it back after that: a few
 * hundred thousand instructions.  libhyphen has no such cache of its own.
 *
 * The entry is named after the dictionary's path, size and time, and the
 * sizes of libhyphen's structures; cache.c checks its checksum; every
 * count and state number read back is checked against what is left, so a
 * damaged entry is a miss, and the dictionary is loaded as before. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <hyphen.h>

#include "typeset.h"

/* --- writing ------------------------------------------------------------ */

static void S_put_int(galley_buf *b, int32_t v)
{
	galley_buf_put(b, (const char *)&v, sizeof v);
}

/* A string as its length and bytes, NULL as -1. */
static void S_put_str(galley_buf *b, const char *s, size_t len)
{
	S_put_int(b, s ? (int32_t)len : -1);
	if (s)
		galley_buf_put(b, s, len);
}

/* The length of the NOHYPHEN list: N + 1 strings, each ended by a NUL. */
static size_t S_nohyphen_len(const HyphenDict *d)
{
	if (!d->nohyphen)
		return 0;
	size_t len = 0;
	for (int i = 0; i <= d->nohyphenl; i++)
		len += strlen(d->nohyphen + len) + 1;
	return len;
}

static void S_put_dict(galley_buf *b, const HyphenDict *d)
{
	galley_buf_put(b, &d->lhmin, 1);
	galley_buf_put(b, &d->rhmin, 1);
	galley_buf_put(b, &d->clhmin, 1);
	galley_buf_put(b, &d->crhmin, 1);
	S_put_int(b, d->nohyphenl);
	S_put_str(b, d->nohyphen, S_nohyphen_len(d));
	S_put_int(b, d->num_states);
	galley_buf_put(b, d->cset, MAX_NAME);
	S_put_int(b, d->utf8);
	for (int i = 0; i < d->num_states; i++) {
		const HyphenState *s = &d->states[i];
		S_put_str(b, s->match, s->match ? strlen(s->match) : 0);
		S_put_str(b, s->repl, s->repl ? strlen(s->repl) : 0);
		galley_buf_put(b, (const char *)&s->replindex, 1);
		galley_buf_put(b, (const char *)&s->replcut, 1);
		S_put_int(b, s->fallback_state);
		S_put_int(b, s->num_trans);
		for (int t = 0; t < s->num_trans; t++) {
			galley_buf_put(b, &s->trans[t].ch, 1);
			S_put_int(b, s->trans[t].new_state);
		}
	}
	S_put_int(b, d->nextlevel != NULL);
	if (d->nextlevel)
		S_put_dict(b, d->nextlevel);
}

/* --- reading ------------------------------------------------------------ */

struct reader {
	const unsigned char *p, *end;
	int bad;
};

static int S_get(struct reader *r, void *out, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = 1;
		memset(out, 0, n);
		return -1;
	}
	memcpy(out, r->p, n);
	r->p += n;
	return 0;
}

static int32_t S_get_int(struct reader *r)
{
	int32_t v;
	S_get(r, &v, sizeof v);
	return v;
}

/* A string written by S_put_str, malloc'd and ended by a NUL, or NULL;
 * its length in *LEN when asked for. */
static char *S_get_str_len(struct reader *r, size_t *out_len)
{
	int32_t len = S_get_int(r);
	if (out_len)
		*out_len = 0;
	if (r->bad || len < 0)
		return NULL;
	if (out_len)
		*out_len = (size_t)len;
	if ((size_t)len > (size_t)(r->end - r->p)) {
		r->bad = 1;
		return NULL;
	}
	char *s = galley_xmalloc((size_t)len + 1);
	S_get(r, s, (size_t)len);
	s[len] = '\0';
	return s;
}

static char *S_get_str(struct reader *r)
{
	return S_get_str_len(r, NULL);
}

/* The number of NUL-ended strings in the LEN bytes at S. */
static size_t S_count_nuls(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += s[i] == '\0';
	return n;
}

/* Frees what S_get_dict built so far (hnj_hyphen_free expects a whole
 * dictionary; this one may stop half-way). */
static void S_free_partial(HyphenDict *d)
{
	while (d) {
		HyphenDict *next = d->nextlevel;
		for (int i = 0; d->states && i < d->num_states; i++) {
			free(d->states[i].match);
			free(d->states[i].repl);
			free(d->states[i].trans);
		}
		free(d->states);
		free(d->nohyphen);
		free(d);
		d = next;
	}
}

static HyphenDict *S_get_dict(struct reader *r, int depth)
{
	HyphenDict *d = galley_xcalloc(1, sizeof *d);
	S_get(r, &d->lhmin, 1);
	S_get(r, &d->rhmin, 1);
	S_get(r, &d->clhmin, 1);
	S_get(r, &d->crhmin, 1);
	d->nohyphenl = S_get_int(r);
	size_t nh_len = 0;
	d->nohyphen = S_get_str_len(r, &nh_len);
	int32_t n = S_get_int(r);
	/* each state takes at least 14 bytes of the entry; the NOHYPHEN list
	 * holds as many strings as it says */
	if (r->bad || n < 1 || d->nohyphenl < 0 || (size_t)n > (size_t)(r->end - r->p) / 14 ||
	    (d->nohyphen && S_count_nuls(d->nohyphen, nh_len) < (size_t)d->nohyphenl + 1)) {
		r->bad = 1;
		return S_free_partial(d), NULL;
	}
	S_get(r, d->cset, MAX_NAME);
	d->cset[MAX_NAME - 1] = '\0';
	d->utf8 = S_get_int(r);
	d->states = galley_xcalloc((size_t)n, sizeof *d->states);
	d->num_states = n;
	for (int i = 0; i < n && !r->bad; i++) {
		HyphenState *s = &d->states[i];
		s->match = S_get_str(r);
		s->repl = S_get_str(r);
		S_get(r, &s->replindex, 1);
		S_get(r, &s->replcut, 1);
		s->fallback_state = S_get_int(r);
		s->num_trans = S_get_int(r);
		if (s->fallback_state < -1 || s->fallback_state >= n || s->num_trans < 0 ||
		    (size_t)s->num_trans > (size_t)(r->end - r->p) / 5) {
			r->bad = 1;
			break;
		}
		s->trans = s->num_trans ? galley_xmalloc((size_t)s->num_trans * sizeof *s->trans)
		                        : NULL;
		for (int t = 0; t < s->num_trans; t++) {
			S_get(r, &s->trans[t].ch, 1);
			s->trans[t].new_state = S_get_int(r);
			if (s->trans[t].new_state < 0 || s->trans[t].new_state >= n)
				r->bad = 1;
		}
	}
	int32_t more = S_get_int(r);
	if (!r->bad && more == 1 && depth < 4)
		d->nextlevel = S_get_dict(r, depth + 1);
	else if (more != 0)
		r->bad = 1;
	if (r->bad)
		return S_free_partial(d), NULL;
	return d;
}

/* 1 when D's states form the trie libhyphen builds, as its hyphenation
 * relies on: every state but the first reached by one transition; a
 * state's match (its digits, from the first that is not 0) no longer than
 * the letters leading to it and one more, or than those letters alone for
 * a pattern that starts the word (libhyphen writes a match's digits at the
 * letters that lead to the state, from the one before); a fallback to a
 * shorter string, and none from the first state (libhyphen follows
 * fallbacks until there is none); no empty NOHYPHEN entry (libhyphen would write before
 * the word). */
static int S_is_trie(const HyphenDict *d)
{
	int n = d->num_states;
	int *depth = galley_xmalloc((size_t)n * sizeof *depth);
	int *queue = galley_xmalloc((size_t)n * sizeof *queue);
	char *at_start = galley_xcalloc((size_t)n, 1);
	for (int i = 0; i < n; i++)
		depth[i] = -1;
	int head = 0, tail = 0, ok = 1;
	depth[0] = 0;
	queue[tail++] = 0;
	while (ok && head < tail) {
		int from = queue[head++];
		const HyphenState *s = &d->states[from];
		for (int t = 0; ok && t < s->num_trans; t++) {
			int to = s->trans[t].new_state;
			ok = depth[to] < 0;
			depth[to] = depth[from] + 1;
			at_start[to] = from == 0 ? s->trans[t].ch == '.' : at_start[from];
			if (ok)
				queue[tail++] = to;
		}
	}
	for (int i = 0; ok && i < n; i++) {
		const HyphenState *s = &d->states[i];
		size_t room = depth[i] < 0 ? 0 : (size_t)depth[i] + !at_start[i];
		ok = (!s->match || strlen(s->match) <= room) &&
		     (i == 0 ? s->fallback_state < 0
		             : s->fallback_state < 0 || depth[s->fallback_state] < depth[i]);
	}
	const char *nh = d->nohyphen;
	for (int i = 0; ok && nh && i <= d->nohyphenl; i++) {
		ok = *nh != '\0';
		nh += strlen(nh) + 1;
	}
	free(depth);
	free(queue);
	free(at_start);
	return ok;
}

/* --- the cache ---------------------------------------------------------- */

/* The entry's name for the dictionary at PATH as it is now, or NULL. */
static char *S_entry_name(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return NULL;
	uint64_t h = galley_fnv1a(GALLEY_FNV1A_INIT, path, strlen(path));
	int64_t facts[] = {(int64_t)st.st_size, (int64_t)st.st_mtime, (int64_t)st.st_ino,
	                   (int64_t)sizeof(HyphenDict), (int64_t)sizeof(HyphenState),
	                   (int64_t)sizeof(HyphenTrans), MAX_NAME};
	h = galley_fnv1a(h, facts, sizeof facts);
	return galley_xasprintf("hyphen-%016llx", (unsigned long long)h);
}

HyphenDict *galley_hyphen_dict_read(const void *bytes, size_t len)
{
	struct reader r = {bytes, (const unsigned char *)bytes + len, 0};
	HyphenDict *d = S_get_dict(&r, 0);
	int trie = 1;
	for (const HyphenDict *l = d; l && trie; l = l->nextlevel)
		trie = S_is_trie(l);
	if (d && (r.p != r.end || !trie)) {
		S_free_partial(d);
		d = NULL;
	}
	return d;
}

HyphenDict *galley_hyphen_load_cached(const char *path)
{
	char *name = S_entry_name(path);
	if (!name)
		return NULL;
	size_t len = 0;
	unsigned char *bytes = galley_cache_read(name, &len);
	HyphenDict *d = NULL;
	if (bytes) {
		d = galley_hyphen_dict_read(bytes, len);
		free(bytes);
	}
	if (!d) {
		d = hnj_hyphen_load(path);
		if (d) {
			galley_buf b = GALLEY_BUF_INIT;
			S_put_dict(&b, d);
			galley_cache_write(name, b.data, b.len);
			galley_buf_free(&b);
		}
	}
	free(name);
	return d;
}

void galley_hyphen_dict_free(HyphenDict *d)
{
	S_free_partial(d);
}

void galley_hyphen_points_free(char **rep, int *pos, int *cut, size_t len)
{
	if (rep) {
		for (size_t i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
}
