/* utf8.c — UTF-8 validation, repair, decoding and Unicode-aware trimming. */
#include <string.h>

#include "util.h"

size_t galley_utf8_valid_len(const unsigned char *s, size_t n)
{
	if (n == 0)
		return 0;
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	size_t len;
	unsigned min;
	if (c >= 0xC2 && c <= 0xDF) { len = 2; min = 0x80; }
	else if (c >= 0xE0 && c <= 0xEF) { len = 3; min = 0x800; }
	else if (c >= 0xF0 && c <= 0xF4) { len = 4; min = 0x10000; }
	else return 0;
	if (n < len)
		return 0;
	uint32_t cp = c & (0x7F >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

uint32_t galley_utf8_decode(const char *str, size_t *len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = galley_utf8_valid_len(s, 4);
	if (n == 0) {
		/* callers pass repaired text; be safe on stray bytes anyway */
		if (len)
			*len = 1;
		return 0xFFFD;
	}
	if (len)
		*len = n;
	if (n == 1)
		return s[0];
	uint32_t cp = s[0] & (0x7F >> n);
	for (size_t i = 1; i < n; i++)
		cp = (cp << 6) | (s[i] & 0x3F);
	return cp;
}

void galley_utf8_encode(galley_buf *b, uint32_t cp)
{
	char out[4];
	size_t n;
	if (cp < 0x80) { out[0] = (char)cp; n = 1; }
	else if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		out[0] = (char)(0xF0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	galley_buf_put(b, out, n);
}

static int S_bad_control(unsigned char c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f';
}

size_t galley_utf8_repair(const char *data, size_t len, galley_buf *out, int *first_line)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t bad = 0, i = 0, run = 0;
	int line = 1;
	galley_buf_grow(out, len);
	while (i < len) {
		if (s[i] >= 0x20 && s[i] < 0x80) {
			/* printable ASCII, most of any text: kept, without a call */
			run++;
			i++;
			continue;
		}
		size_t n = galley_utf8_valid_len(s + i, len - i);
		if (n == 1 && S_bad_control(s[i]))
			n = 0;
		if (n == 0) {
			galley_buf_put(out, data + i - run, run);
			run = 0;
			galley_buf_puts(out, "\xEF\xBF\xBD");
			if (bad++ == 0 && first_line)
				*first_line = line;
			i++;
			continue;
		}
		if (s[i] == '\n')
			line++;
		run += n;
		i += n;
	}
	galley_buf_put(out, data + i - run, run);
	return bad;
}

/* Unicode spaces a scraper leaves around text: NBSP, en/em spaces, thin and
 * zero-width spaces, the ideographic space and the BOM. */
static size_t S_space_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	if (galley_is_space(c))
		return 1;
	if (c == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 2;
	if (c == 0xE2 && (unsigned char)s[1] == 0x80) {
		unsigned char d = (unsigned char)s[2];
		if ((d >= 0x80 && d <= 0x8B) || d == 0xAF)
			return 3;
	}
	if (c == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
		return 3;
	if (c == 0xEF && (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF)
		return 3;
	return 0;
}

char *galley_trim(char *s)
{
	size_t n, start = 0, len = strlen(s);
	while (start < len && (n = S_space_len(s + start)) > 0)
		start += n;
	size_t end = len;
	for (;;) {
		size_t k = end;
		/* step back over one code point and test it */
		if (k == start)
			break;
		k--;
		while (k > start && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		if (S_space_len(s + k) != end - k)
			break;
		end = k;
	}
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return s;
}

/* Runs of ASCII whitespace become one space; Unicode spaces such as NBSP
 * are deliberate typography and stay. */
char *galley_collapse_space(char *s)
{
	size_t r = 0, w = 0;
	int space = 0;
	for (; s[r]; r++) {
		if (galley_is_space((unsigned char)s[r])) {
			space = 1;
			continue;
		}
		if (space && w > 0)
			s[w++] = ' ';
		space = 0;
		s[w++] = s[r];
	}
	s[w] = '\0';
	return s;
}
