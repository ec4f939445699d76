/* util.h — allocation that never returns NULL, a growable byte buffer, UTF-8 helpers. */
#ifndef GALLEY_UTIL_H
#define GALLEY_UTIL_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

/* Allocation wrappers: out of memory aborts with a message (cmark, mandoc). */
void *galley_xmalloc(size_t size);
void *galley_xcalloc(size_t n, size_t size);
void *galley_xrealloc(void *p, size_t size);
char *galley_xstrdup(const char *s);
char *galley_xstrndup(const char *s, size_t n);
/* A new temporary file in $TMPDIR (else /tmp), named galley-WHAT-XXXXXX
 * and removed at once, open for reading and writing; NULL if none can be
 * made.  Spools that outgrow memory use it. */
FILE *galley_temp_file(const char *what);
char *galley_xasprintf(const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* A growable, always NUL-terminated byte buffer. */
typedef struct {
	char *data;
	size_t len;
	size_t cap;
} galley_buf;

#define GALLEY_BUF_INIT {NULL, 0, 0}

void galley_buf_grow(galley_buf *b, size_t extra);
void galley_buf_put(galley_buf *b, const char *s, size_t n);
/* Append the date Y-M-D as ICU locale LOCALE ("en_GB") writes it in full
 * (long_date.c). */
void galley_long_date_ymd(galley_buf *out, const char *locale, int y, int m, int d);
void galley_buf_puts(galley_buf *b, const char *s);
/* Append the byte C: inline, as text is often built a byte at a time
 * (smart punctuation, the typesetter's text), where a call a byte cost
 * more than the work. */
static inline void galley_buf_putc(galley_buf *b, char c)
{
	if (b->len + 2 > b->cap)
		galley_buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}
void galley_buf_clear(galley_buf *b);
/* Hand the data over (malloc'd, NUL-terminated) and reset B. */
char *galley_buf_detach(galley_buf *b);
void galley_buf_free(galley_buf *b);

/* UTF-8 */
/* Length of the valid UTF-8 sequence at S (at most N bytes), 0 if invalid. */
size_t galley_utf8_valid_len(const unsigned char *s, size_t n);
/* Decode one code point at S (valid input assumed); *LEN gets its length. */
uint32_t galley_utf8_decode(const char *s, size_t *len);
/* Append code point CP as UTF-8. */
void galley_utf8_encode(galley_buf *b, uint32_t cp);
/* Copy DATA into OUT replacing each invalid sequence (and NUL, and C0
 * controls other than tab/newline/CR) by U+FFFD; returns how many were
 * replaced and, if FIRST_LINE, the 1-based line of the first. */
size_t galley_utf8_repair(const char *data, size_t len, galley_buf *out, int *first_line);

/* 1 if S is ASCII whitespace (space, tab, CR, LF, FF, VT); inline, as
 * text is scanned a byte at a time. */
static inline int galley_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
/* Trim ASCII whitespace and Unicode spaces (NBSP, U+2000..U+200B, U+3000)
 * in place; returns S. */
char *galley_trim(char *s);
/* Collapse every run of whitespace to one space, in place; returns S. */
char *galley_collapse_space(char *s);

/* cache.c: galley's cache on disk ($XDG_CACHE_HOME/galley or
 * ~/.cache/galley).  galley_cache_read returns the bytes saved under NAME
 * (malloc'd, *LEN set), or NULL when there are none or they fail their
 * checksum; galley_cache_write saves them atomically, or silently not. */
void *galley_cache_read(const char *name, size_t *len);
void galley_cache_write(const char *name, const void *data, size_t len);
/* The cache folder, made if need be (malloc'd), or NULL when there is none
 * and it cannot be made. */
char *galley_cache_folder(void);
/* The 64-bit FNV-1a hash of DATA continued from H (GALLEY_FNV1A_INIT). */
#define GALLEY_FNV1A_INIT 0xcbf29ce484222325ull
uint64_t galley_fnv1a(uint64_t h, const void *data, size_t len);

/* datadir.c: the folder holding the running program (from /proc, Linux),
 * malloc'd, or NULL. */
char *galley_exe_dir(void);

/* output.c: writing files.  galley_close_write closes F, written with
 * galley_open_write, and returns 0, or -1 (errno set) when any write to
 * it, its flush or its close failed: a full disk often shows only in an
 * earlier write's error flag. */
int galley_close_write(FILE *f);
/* 1 when A and B name one file (the same device and inode); "-" is none. */
int galley_same_file(const char *a, const char *b);
/* Remove from the folder DIR the temporary files galley_write_atomic made
 * for outputs named BASE (NULL: any output) in processes that are gone:
 * those a killed galley left.  A live one (its process alive, or its lock
 * held, also by another machine sharing the folder) is never touched. */
void galley_sweep_temporary(const char *dir, const char *base);

/* cleanup.c: paths that SIGINT, SIGTERM and SIGHUP remove before galley
 * dies of them (temporary files and folders; a folder's files are removed
 * before it).  The handler is installed by the first galley_cleanup_add,
 * for those signals whose action is still the default.  galley_cleanup_run
 * removes them all now and is async-signal-safe: a program that handles
 * the signals itself calls it before it dies of one. */
void galley_cleanup_add(const char *path);
void galley_cleanup_forget(const char *path);
void galley_cleanup_run(void);

#endif
