/* text_junk.c — site boilerplate in scraped text: loads the pattern files and marks junk lines and blocks. */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "open_regular.h"
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

/* A compiled pattern and the bytes a line it matches can start with: an
 * anchored pattern is tried only on lines that start with one of them
 * (PCRE2 tries the branches of an alternation one by one, and trying 120
 * patterns on every line cost more than the rest of the reader). */
struct junk_re {
	pcre2_code *re;
	uint8_t first[32];      /* a bit per byte */
	unsigned tries;         /* lines it was tried on, up to JUNK_JIT_AFTER */
	int jit;                /* compiled to machine code */
};

/* Patterns of one kind (anchored or floating). */
struct junk_set {
	struct junk_pat *pats;  /* as read; compiled, then freed */
	size_t n_pats;
	struct junk_re *res;    /* those that compile */
	size_t n_res;
};

struct text_junk {
	struct junk_set anchored, floating;
	pcre2_match_data *md;
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
	/* a pattern file is a small regular file: a device or a FIFO given by
	 * mistake (--boilerplate /dev/zero) is refused before it is read, and
	 * a FIFO is opened without waiting for a writer */
	struct stat st;
	int fd = galley_open_regular(path, 0, &st);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	if (fd == -1 || (fd >= 0 && !f)) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0,
		                   "cannot read boilerplate patterns %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!f || st.st_size > JUNK_FILE_MAX) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0,
		                   "boilerplate patterns %s: not a regular file of at most %d KiB",
		                   path, JUNK_FILE_MAX >> 10);
		if (f)
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

/* Patterns are UTF-8 and ignore case in every script.  Groups capture
 * nothing: galley asks only whether a line matches.  An anchored pattern
 * without a top-level '|' is compiled without its '^' as PCRE2_ANCHORED,
 * which means the same and lets PCRE2 tell the bytes a match starts with. */
static pcre2_code *S_compile_one(const char *pattern, uint32_t anchored, char *why,
                                 size_t why_size)
{
	int err;
	PCRE2_SIZE at;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	                               PCRE2_CASELESS | PCRE2_UTF | PCRE2_NO_AUTO_CAPTURE | anchored,
	                               &err, &at, NULL);
	if (!re) {
		char msg[120];
		pcre2_get_error_message(err, (PCRE2_UCHAR *)msg, sizeof msg);
		snprintf(why, why_size, "%s at offset %zu", msg, (size_t)at + (anchored ? 1 : 0));
	}
	return re;
}

/* 1 if PATTERN has a '|' outside any group or class. */
static int S_top_level_bar(const char *pattern)
{
	int depth = 0, in_class = 0;
	for (const char *p = pattern; *p; p++) {
		if (*p == '\\') {
			if (!*++p)
				break;
		} else if (in_class) {
			in_class = *p != ']';
		} else if (*p == '[') {
			in_class = 1;
			if (p[1] == '^')
				p++;
			if (p[1] == ']')
				p++;    /* a ']' first is a member */
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')') {
			depth--;
		} else if (*p == '|' && depth == 0) {
			return 1;
		}
	}
	return 0;
}

static void S_set_byte(uint8_t *bits, unsigned c)
{
	bits[c / 8] |= (uint8_t)(1u << (c % 8));
}

/* What PCRE2 knows of where a match starts: one code unit (either case,
 * as every pattern ignores case), a table of them, or nothing (any). */
static void S_first_bytes(const pcre2_code *re, uint8_t *bits)
{
	uint32_t type = 0, unit = 0;
	const uint8_t *table = NULL;
	pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &type);
	pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP, &table);
	if (type == 1 && pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODEUNIT, &unit) == 0 && unit < 256) {
		memset(bits, 0, 32);
		S_set_byte(bits, unit);
		if (unit < 128 && isalpha((int)unit))
			S_set_byte(bits, (unsigned)(isupper((int)unit) ? tolower((int)unit) : toupper((int)unit)));
	} else if (type == 0 && table) {
		memcpy(bits, table, 32);
	} else {
		memset(bits, 0xff, 32);
	}
}

/* Add compiled pattern RE to J (room for it is made by the caller): a
 * pattern compiled PCRE2_ANCHORED is tried only on lines starting with a
 * byte it can match, any other on every line. */
static void S_keep(struct junk_set *j, pcre2_code *re)
{
	struct junk_re *r = &j->res[j->n_res++];
	r->re = re;
	uint32_t options = 0;
	pcre2_pattern_info(re, PCRE2_INFO_ARGOPTIONS, &options);
	if (options & PCRE2_ANCHORED)
		S_first_bytes(re, r->first);
	else
		memset(r->first, 0xff, sizeof r->first);
}

/* Free the patterns of J as read (once compiled, or with J). */
static void S_drop_pats(struct junk_set *j)
{
	for (size_t i = 0; i < j->n_pats; i++)
		free(j->pats[i].text);
	free(j->pats);
	j->pats = NULL;
	j->n_pats = 0;
}

/* Compile each pattern of J; one that does not compile is reported by its
 * line and skipped. */
static void S_compile(struct junk_set *j, galley_diag *diag)
{
	j->res = galley_xcalloc(j->n_pats ? j->n_pats : 1, sizeof *j->res);
	for (size_t i = 0; i < j->n_pats; i++) {
		const char *text = j->pats[i].text;
		uint32_t anchored = text[0] == '^' && !S_top_level_bar(text) ? PCRE2_ANCHORED : 0;
		char why[200];
		pcre2_code *re = S_compile_one(anchored ? text + 1 : text, anchored, why, sizeof why);
		if (!re) {
			galley_diag_report(diag, GALLEY_DIAG_WARNING, 0,
			                   "%s:%d: boilerplate pattern skipped: %s",
			                   j->pats[i].file, j->pats[i].line, why);
			continue;
		}
		S_keep(j, re);
	}
	S_drop_pats(j);
}

/* ------------------------------------------------------------ disk cache
 *
 * Compiling the 140 shipped patterns cost a tenth of a whole EPUB from
 * text, so the compiled patterns are kept in galley's cache on disk, under
 * a hash of their text and of the PCRE2 version; a set with a pattern that
 * does not compile is not kept, so its warning comes every time.  PCRE2
 * checks that serialized patterns come from the same library build; the
 * cache checks that the bytes are those it wrote. */

static uint64_t S_key(const struct text_junk *j)
{
	char version[64] = "";
	pcre2_config(PCRE2_CONFIG_VERSION, version);
	uint64_t h = galley_fnv1a(GALLEY_FNV1A_INIT, version, strlen(version) + 1);
	const struct junk_set *sets[] = {&j->anchored, &j->floating};
	for (size_t s = 0; s < 2; s++) {
		h = galley_fnv1a(h, "\n--\n", 4);
		for (size_t i = 0; i < sets[s]->n_pats; i++)
			h = galley_fnv1a(h, sets[s]->pats[i].text, strlen(sets[s]->pats[i].text) + 1);
	}
	return h;
}

static char *S_cache_name(uint64_t key)
{
	return galley_xasprintf("junk-%016llx.pcre2", (unsigned long long)key);
}

/* Take SET's compiled patterns from CODES. */
static void S_adopt(struct junk_set *set, pcre2_code **codes)
{
	set->res = galley_xcalloc(set->n_pats ? set->n_pats : 1, sizeof *set->res);
	for (size_t i = 0; i < set->n_pats; i++)
		S_keep(set, codes[i]);
	S_drop_pats(set);
}

static int S_from_cache(struct text_junk *j, uint64_t key)
{
	char *name = S_cache_name(key);
	size_t len;
	unsigned char *bytes = galley_cache_read(name, &len);
	free(name);
	size_t n = j->anchored.n_pats + j->floating.n_pats;
	if (!bytes || n == 0 || pcre2_serialize_get_number_of_codes(bytes) != (int32_t)n) {
		free(bytes);
		return 0;
	}
	pcre2_code **codes = galley_xcalloc(n, sizeof *codes);
	int ok = pcre2_serialize_decode(codes, (int32_t)n, bytes, NULL) == (int32_t)n;
	free(bytes);
	if (ok) {
		S_adopt(&j->anchored, codes);
		S_adopt(&j->floating, codes + j->anchored.n_res);
	}
	free(codes);
	return ok;
}

static void S_to_cache(const struct text_junk *j, uint64_t key)
{
	size_t n = j->anchored.n_res + j->floating.n_res;
	const pcre2_code **codes = galley_xcalloc(n ? n : 1, sizeof *codes);
	for (size_t i = 0; i < j->anchored.n_res; i++)
		codes[i] = j->anchored.res[i].re;
	for (size_t i = 0; i < j->floating.n_res; i++)
		codes[j->anchored.n_res + i] = j->floating.res[i].re;
	uint8_t *bytes = NULL;
	PCRE2_SIZE len = 0;
	if (n && pcre2_serialize_encode(codes, (int32_t)n, &bytes, &len, NULL) == (int32_t)n) {
		char *name = S_cache_name(key);
		galley_cache_write(name, bytes, len);
		free(name);
	}
	pcre2_serialize_free(bytes);
	free(codes);
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
	uint64_t key = S_key(j);
	if (!S_from_cache(j, key)) {
		size_t wanted = j->anchored.n_pats + j->floating.n_pats;
		S_compile(&j->anchored, diag);
		S_compile(&j->floating, diag);
		if (j->anchored.n_res + j->floating.n_res == wanted)
			S_to_cache(j, key);
	}
	j->md = pcre2_match_data_create(1, NULL);
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
	S_drop_pats(j);
	for (size_t i = 0; i < j->n_res; i++)
		pcre2_code_free(j->res[i].re);
	free(j->res);
}

void galley_text_junk_free(struct text_junk *j)
{
	if (!j)
		return;
	S_free_set(&j->anchored);
	S_free_set(&j->floating);
	pcre2_match_data_free(j->md);
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

/* PCRE2's interpreter costs a few thousand instructions a line and
 * pattern; its JIT compiler makes that a fraction, but compiling the 140
 * shipped patterns costs as much as matching them on eight articles.  So a
 * pattern is compiled to machine code once this process has tried it on
 * JUNK_JIT_AFTER lines: a batch worker or a long digest compiles the
 * patterns it keeps trying, a single article compiles none. */
#define JUNK_JIT_AFTER 48

static void S_count_try(struct junk_re *r)
{
	if (r->tries < JUNK_JIT_AFTER && ++r->tries == JUNK_JIT_AFTER)
		/* where the system refuses executable memory, it stays interpreted */
		r->jit = pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE) == 0;
}

/* 1 if R matches TEXT.  The JIT code counts the match limit in its own way,
 * so only its "no match" (a whole search) is taken as it is; a match or an
 * error is asked of the interpreter, whose answer is the same for every
 * process (a match is rare: one line in a few hundred). */
static int S_match_one(const struct text_junk *junk, const struct junk_re *r, const char *text,
                       size_t len)
{
	/* the machine code's own entry, without pcre2_match's checks: the
	 * line is checked UTF-8 already */
	if (r->jit && pcre2_jit_match(r->re, (PCRE2_SPTR)text, len, 0, 0, junk->md, S_limits()) ==
	              PCRE2_ERROR_NOMATCH)
		return 0;
	return pcre2_match(r->re, (PCRE2_SPTR)text, len, 0, PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT,
	                   junk->md, S_limits()) >= 0;
}

/* A line that exhausts the match limit is kept: losing article text
 * would be worse than keeping a line of junk. */
static int S_match(const struct text_junk *junk, const struct junk_set *j, const char *text,
                   size_t len)
{
	unsigned first = (unsigned char)text[0];
	for (size_t i = 0; i < j->n_res; i++) {
		struct junk_re *r = &j->res[i];
		if (!(r->first[first / 8] >> (first % 8) & 1))
			continue;
		S_count_try(r);
		if (S_match_one(junk, r, text, len))
			return 1;
	}
	return 0;
}

static int S_valid_utf8(const char *text, size_t len)
{
	for (size_t i = 0, n; i < len; i += n) {
		if ((unsigned char)text[i] < 0x80) {
			n = 1;      /* ASCII, most of it: no call */
			continue;
		}
		if (!(n = galley_utf8_valid_len((const unsigned char *)text + i, len - i)))
			return 0;
	}
	return 1;
}

int galley_text_junk_match(const struct text_junk *j, const char *text, size_t len)
{
	if (!j || len == 0 || len > JUNK_MAX_LEN)
		return 0;
	/* checked here once, not by PCRE2 once per pattern; the reader has
	 * repaired bad bytes already, so a line that fails is not text */
	if (!S_valid_utf8(text, len))
		return 0;
	return S_match(j, &j->anchored, text, len) ||
	       (len <= JUNK_FLOAT_LEN && S_match(j, &j->floating, text, len));
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
		if (galley_text_junk_match(j, l->s, l->len) || galley_repeats_has(d->repeats, l->s))
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
