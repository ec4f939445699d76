/* input_unicode.c — input in UTF-16 or UTF-32: decoded to UTF-8 when a
 * byte order mark says which, refused with a clear message when none does
 * (issue 14: UTF-16 text became a garbled article, exit 0). */
#include <glib.h>
#include <string.h>

#include "reader.h"

/* The encoding a byte order mark at the start of D names, and its length. */
static const char *S_bom(const unsigned char *d, size_t n, size_t *skip)
{
	/* UTF-32LE's mark begins with UTF-16LE's: it is tried first */
	if (n >= 4 && memcmp(d, "\xFF\xFE\0\0", 4) == 0)
		return *skip = 4, "UTF-32LE";
	if (n >= 4 && memcmp(d, "\0\0\xFE\xFF", 4) == 0)
		return *skip = 4, "UTF-32BE";
	if (n >= 2 && d[0] == 0xFF && d[1] == 0xFE)
		return *skip = 2, "UTF-16LE";
	if (n >= 2 && d[0] == 0xFE && d[1] == 0xFF)
		return *skip = 2, "UTF-16BE";
	return NULL;
}

/* 1 when D looks like UTF-16 or UTF-32 without a mark: ASCII text in them
 * has a NUL in every other (or three of four) bytes, in the same places;
 * text in any ASCII-compatible encoding has none. */
static int S_looks_wide(const unsigned char *d, size_t n)
{
	size_t lim = n < 4096 ? n & ~(size_t)3 : 4096, at[4] = {0, 0, 0, 0}, nul = 0;
	for (size_t i = 0; i < lim; i++)
		if (d[i] == 0) {
			at[i % 4]++;
			nul++;
		}
	if (lim < 8 || nul * 3 < lim)
		return 0;
	/* the NULs are bunched in some columns of four, never spread */
	size_t empty = 0;
	for (int k = 0; k < 4; k++)
		empty += at[k] * 20 < lim / 4;
	return empty >= 1;
}

int galley_input_unicode(const char *data, size_t len, char **utf8, size_t *utf8_len,
                         galley_diag *diag)
{
	const unsigned char *d = (const unsigned char *)data;
	size_t skip = 0;
	const char *enc = data ? S_bom(d, len, &skip) : NULL;
	*utf8 = NULL;
	if (!enc) {
		if (data && S_looks_wide(d, len)) {
			galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "UTF-16 or UTF-32 text without a "
			                   "byte order mark: its byte order is unknown; save it as UTF-8, "
			                   "or with a byte order mark");
			return -1;
		}
		return 0;
	}
	GError *err = NULL;
	gsize in = 0, out = 0;
	gchar *s = g_convert(data + skip, (gssize)(len - skip), "UTF-8", enc, &in, &out, &err);
	if (!s) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "invalid %s text (it starts with "
		                   "that byte order mark) at byte %zu", enc, (size_t)(in + skip));
		g_error_free(err);
		return -1;
	}
	*utf8 = galley_xmalloc(out + 1);
	memcpy(*utf8, s, out + 1);
	*utf8_len = out;
	g_free(s);
	return 1;
}
