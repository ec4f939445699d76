/* pdf_scan.c — the values of PDF object text, as cairo writes them, for
 * the finishing step: white space, the end of a value, a dictionary's keys,
 * an array's items, references, numbers and text strings.  Hand-written:
 * libqpdf reads PDF well, but loading it (a C++ library and gnutls, which
 * it links, with seven more libraries) cost more than a tenth of a PDF's
 * time, and it holds every object of the file; the finishing step reads a
 * few objects of a file galley itself has just made (pdf_file.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_file.h"

const char *pdf_ws(const char *p, const char *e)
{
	while (p < e) {
		if (pdf_is_space(*p)) {
			p++;
		} else if (*p == '%') {
			while (p < e && *p != '\n' && *p != '\r')
				p++;
		} else {
			break;
		}
	}
	return p;
}

static const char *S_token_end(const char *p, const char *e)
{
	while (p < e && !pdf_is_space(*p) && !pdf_is_delim(*p))
		p++;
	return p;
}

static const char *S_literal_end(const char *p, const char *e)
{
	int depth = 0;
	for (; p < e; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			return p + 1;
	}
	return NULL;
}

static int S_digits(const char *p, const char *q)
{
	if (p == q)
		return 0;
	for (; p < q; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

/* After the integer P..Q: " G R" makes it a reference. */
static const char *S_number_end(const char *p, const char *q, const char *e)
{
	if (!S_digits(p, q))
		return q;
	const char *g = pdf_ws(q, e), *ge = S_token_end(g, e);
	if (!S_digits(g, ge))
		return q;
	const char *r = pdf_ws(ge, e);
	if (r < e && *r == 'R' && (r + 1 == e || pdf_is_space(r[1]) || pdf_is_delim(r[1])))
		return r + 1;
	return q;
}

const char *pdf_value_end(const char *p, const char *e)
{
	p = pdf_ws(p, e);
	if (p >= e)
		return NULL;
	if (*p == '(')
		return S_literal_end(p, e);
	if (*p == '<' && p + 1 < e && p[1] == '<') {
		for (p = pdf_ws(p + 2, e); p < e && !(*p == '>' && p + 1 < e && p[1] == '>');
		     p = pdf_ws(p, e))
			if (!(p = pdf_value_end(p, e)))
				return NULL;
		return p < e ? p + 2 : NULL;
	}
	if (*p == '<') {
		const char *q = memchr(p, '>', (size_t)(e - p));
		return q ? q + 1 : NULL;
	}
	if (*p == '[') {
		for (p = pdf_ws(p + 1, e); p < e && *p != ']'; p = pdf_ws(p, e))
			if (!(p = pdf_value_end(p, e)))
				return NULL;
		return p < e ? p + 1 : NULL;
	}
	if (*p == '/')
		return S_token_end(p + 1, e);
	if (pdf_is_delim(*p))
		return NULL;
	const char *q = S_token_end(p, e);
	return S_number_end(p, q, e);
}

int pdf_dict_next(const char **p, const char *e, const char **k, const char **ke,
                  const char **v, const char **ve)
{
	const char *q = pdf_ws(*p, e);
	if (q >= e || *q != '/')
		return 0;
	*k = q;
	*ke = S_token_end(q + 1, e);
	*v = pdf_ws(*ke, e);
	if (!(*ve = pdf_value_end(*v, e)))
		return 0;
	*p = *ve;
	return 1;
}

int pdf_dict_get(const char *p, const char *e, const char *key, const char **v,
                 const char **ve)
{
	p = pdf_ws(p, e);
	if (e - p < 2 || p[0] != '<' || p[1] != '<')
		return 0;
	p += 2;
	size_t n = strlen(key);
	const char *k, *ke;
	while (pdf_dict_next(&p, e, &k, &ke, v, ve))
		if ((size_t)(ke - k) == n && memcmp(k, key, n) == 0)
			return 1;
	return 0;
}

int pdf_array_next(const char **p, const char *e, const char **v, const char **ve)
{
	const char *q = pdf_ws(*p, e);
	if (q >= e || *q == ']')
		return 0;
	*v = q;
	if (!(*ve = pdf_value_end(q, e)))
		return 0;
	*p = *ve;
	return 1;
}

int pdf_ref(const char *v, const char *ve)
{
	v = pdf_ws(v, ve);
	const char *q = S_token_end(v, ve);
	if (!S_digits(v, q) || q == ve || S_number_end(v, q, ve) != ve)
		return 0;
	long n = strtol(v, NULL, 10);
	return n > 0 && n < 0x7fffffff ? (int)n : 0;
}

long pdf_int(const char *v, const char *ve, long def)
{
	v = pdf_ws(v, ve);
	const char *q = v < ve && (*v == '-' || *v == '+') ? v + 1 : v;
	const char *end = S_token_end(q, ve);
	if (!S_digits(q, end) || end != ve)
		return def;
	return strtol(v, NULL, 10);
}

int pdf_name_is(const char *v, const char *ve, const char *name)
{
	v = pdf_ws(v, ve);
	size_t n = strlen(name);
	return (size_t)(ve - v) == n && memcmp(v, name, n) == 0;
}

static int S_hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The bytes of a literal string (without its parentheses). */
static void S_literal_bytes(const char *p, const char *e, galley_buf *b)
{
	for (; p < e; p++) {
		if (*p != '\\') {
			galley_buf_putc(b, *p);
			continue;
		}
		if (++p >= e)
			break;
		const char *esc = strchr("nrtbf", *p);
		if (esc && *p) {
			galley_buf_putc(b, "\n\r\t\b\f"[esc - "nrtbf"]);
		} else if (*p >= '0' && *p <= '7') {
			int c = 0;
			for (int i = 0; i < 3 && p < e && *p >= '0' && *p <= '7'; i++, p++)
				c = c * 8 + (*p - '0');
			p--;
			galley_buf_putc(b, (char)c);
		} else if (*p == '\r') {
			if (p + 1 < e && p[1] == '\n')
				p++;
		} else if (*p != '\n') {
			galley_buf_putc(b, *p);
		}
	}
}

static void S_hex_bytes(const char *p, const char *e, galley_buf *b)
{
	int hi = -1;
	for (; p < e; p++) {
		int d = S_hex(*p);
		if (d < 0)
			continue;
		if (hi < 0) {
			hi = d;
		} else {
			galley_buf_putc(b, (char)(hi * 16 + d));
			hi = -1;
		}
	}
	if (hi >= 0)
		galley_buf_putc(b, (char)(hi * 16));
}

char *pdf_text(const char *v, const char *ve)
{
	v = pdf_ws(v, ve);
	if (ve - v < 2)
		return NULL;
	galley_buf raw = GALLEY_BUF_INIT, out = GALLEY_BUF_INIT;
	if (*v == '(' && ve[-1] == ')')
		S_literal_bytes(v + 1, ve - 1, &raw);
	else if (*v == '<' && v[1] != '<' && ve[-1] == '>')
		S_hex_bytes(v + 1, ve - 1, &raw);
	else
		return NULL;
	const unsigned char *s = (const unsigned char *)raw.data;
	size_t n = raw.len;
	if (n >= 2 && s[0] == 0xfe && s[1] == 0xff) {
		for (size_t i = 2; i + 1 < n; i += 2) {
			uint32_t c = (uint32_t)s[i] << 8 | s[i + 1];
			if (c >= 0xd800 && c < 0xdc00 && i + 3 < n) {
				uint32_t lo = (uint32_t)s[i + 2] << 8 | s[i + 3];
				c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
				i += 2;
			}
			galley_utf8_encode(&out, c);
		}
	} else {
		/* PDFDocEncoding; cairo writes only ASCII this way */
		for (size_t i = 0; i < n; i++)
			galley_utf8_encode(&out, s[i]);
	}
	galley_buf_free(&raw);
	galley_buf_putc(&out, '\0');
	out.len--;
	return galley_buf_detach(&out);
}

void pdf_put_text(galley_buf *b, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = strlen(text);
	int ascii = 1;
	for (size_t i = 0; s[i]; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			ascii = 0;
	if (ascii) {
		galley_buf_putc(b, '(');
		for (size_t i = 0; s[i]; i++) {
			if (s[i] == '(' || s[i] == ')' || s[i] == '\\')
				galley_buf_putc(b, '\\');
			galley_buf_putc(b, (char)s[i]);
		}
		galley_buf_putc(b, ')');
		return;
	}
	/* UTF-16BE with its byte order mark */
	galley_buf_puts(b, "<FEFF");
	for (size_t i = 0; s[i];) {
		size_t len = 1;
		uint32_t c = galley_utf8_valid_len(s + i, n - i)
		           ? galley_utf8_decode(text + i, &len) : 0xfffd;
		i += len ? len : 1;
		char hex[16];
		if (c >= 0x10000) {
			c -= 0x10000;
			snprintf(hex, sizeof hex, "%04X%04X", 0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
		} else {
			snprintf(hex, sizeof hex, "%04X", c);
		}
		galley_buf_puts(b, hex);
	}
	galley_buf_putc(b, '>');
}
