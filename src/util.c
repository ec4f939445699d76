/* util.c — allocation wrappers and the growable byte buffer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

static void S_oom(void)
{
	fputs("galley: out of memory\n", stderr);
	abort();
}

void *galley_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		S_oom();
	return p;
}

void *galley_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		S_oom();
	return p;
}

void *galley_xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		S_oom();
	return p;
}

char *galley_xstrdup(const char *s)
{
	return galley_xstrndup(s, strlen(s));
}

char *galley_xstrndup(const char *s, size_t n)
{
	char *d = galley_xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *galley_xasprintf(const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *s = galley_xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return s;
}

void galley_buf_grow(galley_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1) {
		if (cap > SIZE_MAX / 2)
			S_oom();
		cap *= 2;
	}
	b->data = galley_xrealloc(b->data, cap);
	b->cap = cap;
	b->data[b->len] = '\0';  /* a fresh buffer is terminated too */
}

void galley_buf_put(galley_buf *b, const char *s, size_t n)
{
	galley_buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void galley_buf_puts(galley_buf *b, const char *s)
{
	galley_buf_put(b, s, strlen(s));
}


void galley_buf_clear(galley_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

char *galley_buf_detach(galley_buf *b)
{
	char *d = b->data ? b->data : galley_xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return d;
}

void galley_buf_free(galley_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

FILE *galley_temp_file(const char *what)
{
	const char *dir = getenv("TMPDIR");
	char *path = galley_xasprintf("%s/galley-%s-XXXXXX", dir && *dir ? dir : "/tmp", what);
	int fd = mkstemp(path);
	if (fd >= 0)
		unlink(path);
	free(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w+b") : NULL;
	if (!f && fd >= 0)
		close(fd);
	return f;
}
