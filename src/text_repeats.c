/* text_repeats.c — lines that recur across the articles read together (a
 * digest, a batch): a site's footer, "RSS Feed for …", a newsletter prompt.
 * No single article shows them as junk, since each holds them once; the
 * run as a whole does.  The table is learned from the raw text of every
 * input before any is read, so that each article is read alone (batch
 * workers stay parallel) and comes out the same whatever the order. */
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Only lines this short are candidates: a repeated paragraph is a quote. */
#define REPEAT_MAX_WIDTH 120

struct galley_repeats {
	GHashTable *count;   /* the key's hash (galley_text_key_hash) -> struct seen */
	size_t inputs;
};

/* The last input that counted a key, kept beside the table so that a line
 * repeated inside one input counts once. */
struct seen {
	size_t count;
	size_t last_input;
};

galley_repeats *galley_repeats_new(void)
{
	galley_repeats *r = galley_xcalloc(1, sizeof *r);
	/* keyed by the hash itself: a pointer holds 64 bits here */
	r->count = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free);
	return r;
}

void galley_repeats_free(galley_repeats *r)
{
	if (!r)
		return;
	g_hash_table_destroy(r->count);
	free(r);
}

static gpointer S_key(uint64_t h)
{
	return (gpointer)(uintptr_t)h;
}

static void S_count(galley_repeats *r, const char *line, size_t len)
{
	if (len == 0 || len > 4 * REPEAT_MAX_WIDTH)
		return;
	size_t width = 0;   /* code points: the bytes that start one */
	for (size_t i = 0; i < len; i++)
		width += ((unsigned char)line[i] & 0xC0) != 0x80;
	if (width > REPEAT_MAX_WIDTH)
		return;
	uint64_t h = galley_text_key_hash(line, len);
	if (!h)
		return;
	struct seen *s = g_hash_table_lookup(r->count, S_key(h));
	if (!s) {
		s = galley_xcalloc(1, sizeof *s);
		g_hash_table_insert(r->count, S_key(h), s);
	}
	if (s->count == 0 || s->last_input != r->inputs) {
		s->count++;
		s->last_input = r->inputs;
	}
}

void galley_repeats_add_text(galley_repeats *r, const char *data, size_t len)
{
	r->inputs++;
	int title = 1;   /* the first line is the title: each input has its own */
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len;
		size_t a = i, b = end;
		while (a < b && (data[a] == ' ' || data[a] == '\t'))
			a++;
		while (b > a && (data[b - 1] == ' ' || data[b - 1] == '\t' || data[b - 1] == '\r'))
			b--;
		if (b > a) {
			if (!title)
				S_count(r, data + a, b - a);
			title = 0;
		}
		i = end + 1;
	}
}

int galley_repeats_has(const galley_repeats *r, const char *line)
{
	if (!r || r->inputs < 2)
		return 0;
	size_t len = strlen(line);
	uint64_t h = galley_text_key_hash(line, len);
	const struct seen *s = h ? g_hash_table_lookup(r->count, S_key(h)) : NULL;
	if (!s || s->count < 2)
		return 0;
	/* a short sentence ("He declined to comment.") may well recur in a
	 * large run of articles: it must recur in a tenth of them */
	int words = 1;
	for (const char *p = line; *p; p++)
		words += *p == ' ';
	if (galley_text_ends_sentence(line, len) && words >= 4)
		return s->count >= 3 && s->count * 10 >= r->inputs;
	return 1;
}
