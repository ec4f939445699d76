/* text_junk.c — site boilerplate in scraped text: loads the pattern files and marks junk lines and blocks. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "text.h"

/* Boilerplate lines are short; a longer line is article text, and the
 * cap keeps matching linear in the input size.  A pattern anchored with
 * '^' is tried on lines up to JUNK_MAX_LEN bytes, a floating one only up
 * to JUNK_FLOAT_LEN: a long paragraph that merely mentions "free
 * shipping" is article text. */
#define JUNK_MAX_LEN 600
#define JUNK_FLOAT_LEN 200
/* A promotion between two junk lines is junk when both are this long. */
#define JUNK_PROMO_NEIGHBOUR 60
#define JUNK_PROMO_MAX 300
/* The largest pattern file read. */
#define JUNK_FILE_MAX (1 << 20)
/* Backtracking steps one line may cost: a user pattern such as (a+)+$
 * gives up on a line instead of taking exponential time. */
#define JUNK_MATCH_LIMIT 200000

/* A pattern as read, with where it came from for messages. */
struct junk_pat {
	char *text;
	const char *file;
	int line;
};

/* Patterns of one kind (anchored or floating). */
struct junk_set {
	struct junk_pat *pats;  /* as read; compiled, then freed */
	size_t n_pats;
	pcre2_code *all;        /* the patterns that compile, as one alternation */
	pcre2_match_data *md;
};

struct text_junk {
	struct junk_set anchored, floating;
};

static void S_add(struct text_junk *junk, const char *pat, const char *file, int line)
{
	struct junk_set *j = pat[0] == '^' ? &junk->anchored : &junk->floating;
	j->pats = galley_xrealloc(j->pats, (j->n_pats + 1) * sizeof *j->pats);
	j->pats[j->n_pats++] = (struct junk_pat){galley_xstrdup(pat), file, line};
}

/* Read one pattern file: one PCRE2 regular expression per line, '#' starts a
 * comment line, blank lines are skipped. */
static int S_load_file(struct text_junk *j, const char *path, galley_diag *diag)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0,
		                   "cannot read boilerplate patterns %s: %s", path, strerror(errno));
		return -1;
	}
	/* a pattern file is a small regular file: a device or a FIFO given by
	 * mistake (--boilerplate /dev/zero) must not be read for ever */
	struct stat st;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > JUNK_FILE_MAX) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0,
		                   "boilerplate patterns %s: not a regular file of at most %d KiB",
		                   path, JUNK_FILE_MAX >> 10);
		fclose(f);
		return -1;
	}
	char *buf = NULL;
	size_t cap = 0;
	ssize_t got;
	int line = 0;
	while ((got = getline(&buf, &cap, f)) >= 0) {
		line++;
		galley_trim(buf);
		if (buf[0] == '\0' || buf[0] == '#')
			continue;
		S_add(j, buf, path, line);
	}
	free(buf);
	fclose(f);
	return 0;
}

/* Append "(?:PATTERN)" to the alternation ALT. */
static void S_alternative(galley_buf *alt, const char *pattern)
{
	if (alt->len)
		galley_buf_putc(alt, '|');
	galley_buf_puts(alt, "(?:");
	galley_buf_puts(alt, pattern);
	galley_buf_putc(alt, ')');
}

/* Patterns are UTF-8 and ignore case in every script; the lines matched
 * may hold invalid UTF-8 (scraped text), which simply never matches.
 * Groups capture nothing: galley asks only whether a line matches, and
 * with 250 capturing groups in the alternation every backtracking step
 * copied a frame of 4 KiB (3 ms an article). */
static pcre2_code *S_compile_one(const char *pattern, char *why, size_t why_size)
{
	int err;
	PCRE2_SIZE at;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	                               PCRE2_CASELESS | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF |
	                               PCRE2_NO_AUTO_CAPTURE,
	                               &err, &at, NULL);
	if (!re && why) {
		char msg[120];
		pcre2_get_error_message(err, (PCRE2_UCHAR *)msg, sizeof msg);
		snprintf(why, why_size, "%s at offset %zu", msg, (size_t)at);
	}
	return re;
}

/* The alternation of all the patterns; when it does not compile, each
 * pattern alone, so that the broken ones are reported by their line and
 * the alternation is made of the others. */
static void S_compile(struct junk_set *j, galley_diag *diag)
{
	galley_buf alt = GALLEY_BUF_INIT;
	for (size_t i = 0; i < j->n_pats; i++)
		S_alternative(&alt, j->pats[i].text);
	if (alt.len && !(j->all = S_compile_one(alt.data, NULL, 0))) {
		galley_buf_clear(&alt);
		for (size_t i = 0; i < j->n_pats; i++) {
			char why[200];
			pcre2_code *re = S_compile_one(j->pats[i].text, why, sizeof why);
			if (!re) {
				galley_diag_report(diag, GALLEY_DIAG_WARNING, 0,
				                   "%s:%d: boilerplate pattern skipped: %s",
				                   j->pats[i].file, j->pats[i].line, why);
				continue;
			}
			pcre2_code_free(re);
			S_alternative(&alt, j->pats[i].text);
		}
		j->all = alt.len ? S_compile_one(alt.data, NULL, 0) : NULL;
	}
	if (j->all)
		j->md = pcre2_match_data_create(1, NULL);
	galley_buf_free(&alt);
	for (size_t i = 0; i < j->n_pats; i++)
		free(j->pats[i].text);
	free(j->pats);
	j->pats = NULL;
	j->n_pats = 0;
}

struct text_junk *galley_text_junk_load(const char *user_file, galley_diag *diag)
{
	struct text_junk *j = galley_xcalloc(1, sizeof *j);
	char *shipped = galley_data_path("data/boilerplate.txt");
	if (shipped)
		S_load_file(j, shipped, diag);
	else
		galley_diag_report(diag, GALLEY_DIAG_WARNING, 0,
		                   "data/boilerplate.txt not found: site boilerplate is kept");
	free(shipped);
	if (user_file && S_load_file(j, user_file, diag) < 0) {
		galley_text_junk_free(j);
		return NULL;
	}
	S_compile(&j->anchored, diag);
	S_compile(&j->floating, diag);
	return j;
}

static void S_free_set(struct junk_set *j);

/* The cache is full: the newest set replaces the last slot. */
static struct text_junk *S_keep_last(struct text_junk *j);

/* Compiling the pattern files costs more than reading a whole article, so
 * a process that reads many (batch workers, digests) compiles each set of
 * files once and keeps it until exit.  galley converts in processes, not
 * threads, so the cache needs no lock. */
#define JUNK_CACHE 4
static struct {
	char *user_file;   /* NULL for the shipped patterns alone */
	struct text_junk *junk;
} S_cache[JUNK_CACHE];

static int S_same_file(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

const struct text_junk *galley_text_junk_shared(const char *user_file, galley_diag *diag)
{
	size_t i;
	for (i = 0; i < JUNK_CACHE && S_cache[i].junk; i++)
		if (S_same_file(S_cache[i].user_file, user_file))
			return S_cache[i].junk;
	struct text_junk *j = galley_text_junk_load(user_file, diag);
	if (!j || i == JUNK_CACHE)
		return j ? S_keep_last(j) : NULL;
	S_cache[i].user_file = user_file ? galley_xstrdup(user_file) : NULL;
	S_cache[i].junk = j;
	return j;
}

static void S_free_set(struct junk_set *j)
{
	for (size_t i = 0; i < j->n_pats; i++)
		free(j->pats[i].text);
	free(j->pats);
	pcre2_code_free(j->all);
	pcre2_match_data_free(j->md);
}

void galley_text_junk_free(struct text_junk *j)
{
	if (!j)
		return;
	S_free_set(&j->anchored);
	S_free_set(&j->floating);
	free(j);
}

static struct text_junk *S_keep_last(struct text_junk *j)
{
	galley_text_junk_free(S_cache[JUNK_CACHE - 1].junk);
	free(S_cache[JUNK_CACHE - 1].user_file);
	S_cache[JUNK_CACHE - 1].user_file = NULL;
	S_cache[JUNK_CACHE - 1].junk = j;
	return j;
}

static pcre2_match_context *S_limits(void)
{
	static pcre2_match_context *ctx;
	if (!ctx) {
		ctx = pcre2_match_context_create(NULL);
		pcre2_set_match_limit(ctx, JUNK_MATCH_LIMIT);
	}
	return ctx;
}

/* A line that exhausts the match limit is kept: losing article text
 * would be worse than keeping a line of junk. */
static int S_match(const struct junk_set *j, const char *text, size_t len)
{
	return j->all && pcre2_match(j->all, (PCRE2_SPTR)text, len, 0, 0, j->md, S_limits()) >= 0;
}

int galley_text_junk_match(const struct text_junk *j, const char *text, size_t len)
{
	if (!j || len == 0 || len > JUNK_MAX_LEN)
		return 0;
	return S_match(&j->anchored, text, len) ||
	       (len <= JUNK_FLOAT_LEN && S_match(&j->floating, text, len));
}

/* In a hard-wrapped file only a line that is a paragraph by itself is
 * tested here; wrapped paragraphs are tested once joined. */
static int S_alone(const struct text_doc *d, size_t i)
{
	const struct text_line *l = &d->lines[i];
	const struct text_line *p = i > 0 ? &d->lines[i - 1] : NULL;
	const struct text_line *n = i + 1 < d->nlines ? &d->lines[i + 1] : NULL;
	if (p && !(p->flags & (TL_BLANK | TL_DROP)) && galley_text_joins(d, p, l))
		return 0;
	return !(n && !(n->flags & (TL_BLANK | TL_DROP)) && galley_text_joins(d, l, n));
}

void galley_text_junk_lines(struct text_doc *d, const struct text_junk *j, size_t title)
{
	for (size_t i = title + 1; i < d->nlines; i++) {
		struct text_line *l = &d->lines[i];
		if (l->flags & (TL_BLANK | TL_DROP) || !S_alone(d, i))
			continue;
		if (galley_text_junk_match(j, l->s, l->len))
			l->flags |= TL_DROP | TL_JUNK;
		else if (galley_text_is_url(l->s))
			l->flags |= TL_DROP;   /* a link list or embed leftover */
	}
}

static int S_long_junk(const struct text_doc *d, size_t i)
{
	return i < d->nblocks && (d->blocks[i].flags & TB_JUNK) &&
	       d->blocks[i].width > JUNK_PROMO_NEIGHBOUR;
}

/* A URL broken over lines joins with a space or two ("...CIA- RDP88"). */
static int S_wrapped_url(const char *t)
{
	if (!galley_text_is_url(t) && strncmp(t, "http", 4) != 0 && strncmp(t, "www.", 4) != 0)
		return 0;
	int spaces = 0;
	for (const char *p = t; *p; p++)
		spaces += *p == ' ';
	return spaces <= 2;
}

void galley_text_junk_blocks(struct text_doc *d, const struct text_junk *j)
{
	for (size_t i = 0; i < d->nblocks; i++) {
		struct text_block *b = &d->blocks[i];
		if (b->kind == TK_DROP || !(b->flags & TB_JOINED))
			continue;
		if (S_wrapped_url(b->text)) {
			b->kind = TK_DROP;
		} else if (galley_text_junk_match(j, b->text, strlen(b->text))) {
			b->kind = TK_DROP;
			b->flags |= TB_JUNK;
		}
	}
	/* "Select Bibles are now 50% OFF ..." / "Explore the ... Series." /
	 * "FREE GIFT! ...": a short promotion between two long promotions is
	 * one of them; a short label ("Advertisement") never spreads. */
	for (size_t i = 1; i + 1 < d->nblocks; i++) {
		struct text_block *b = &d->blocks[i];
		if (b->kind == TK_PARA && !(b->flags & TB_PREFIXED) && b->width <= JUNK_PROMO_MAX &&
		    S_long_junk(d, i - 1) && S_long_junk(d, i + 1)) {
			b->kind = TK_DROP;
			b->flags |= TB_JUNK;
		}
	}
}
