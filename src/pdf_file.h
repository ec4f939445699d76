/* pdf_file.h — reading the PDF cairo has just written, for the finishing
 * step (pdf_finish.c): its cross-reference table, its objects as text,
 * its streams.  Only cairo 1.16's own output is ever read here (one
 * revision, a classic xref table of one subsection, no object streams, no
 * encryption); anything else is refused, never guessed at. */
#ifndef GALLEY_PDF_FILE_H
#define GALLEY_PDF_FILE_H

#include <stddef.h>
#include <sys/types.h>

#include "pdf.h"

/* cairo's PDF, in memory or in a (spooled) file. */
struct pdf_src {
	const unsigned char *mem;
	size_t len;                 /* of the memory, or of the file */
	int fd;                     /* -1 when in memory */
	off_t xref;                 /* where "xref" starts */
	off_t entries;              /* where object 0's 20-byte entry starts */
	int n_objs;                 /* the trailer's /Size */
	int root, info;             /* object numbers; info 0 when none */
	const char *why;            /* what was not as expected */
};

/* PDF's white-space and delimiter characters (ISO 32000-1, 7.2.2), which
 * end a token in an object and in a content stream alike. */
static inline int pdf_is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static inline int pdf_is_delim(char c)
{
	switch (c) {
	case '(': case ')': case '<': case '>': case '[': case ']': case '{': case '}':
	case '/': case '%':
		return 1;
	default:
		return 0;
	}
}

/* Open RAW: 0, or -1 with S->why set. */
int pdf_src_open(struct pdf_src *s, const struct pdf_raw *raw);
void pdf_src_close(struct pdf_src *s);
/* Up to N bytes from OFF into BUF; the number read. */
size_t pdf_src_read(struct pdf_src *s, off_t off, void *buf, size_t n);
/* The offset of object NUM, or -1 when it is free or out of range. */
off_t pdf_src_offset(struct pdf_src *s, int num);

/* One object: its value as text (NUL-terminated) and, for a stream, where
 * its data lies. */
struct pdf_obj {
	int num;
	off_t off, end;             /* "N 0 obj" .. after "endobj" */
	char *text;
	size_t len;
	int stream;
	off_t data;
	size_t data_len;
};
/* Read object NUM: 0, or -1 (S->why set). */
int pdf_obj_read(struct pdf_src *s, int num, struct pdf_obj *o);
/* The same, but of a stream only its dictionary and where its data
 * starts: not its length nor where it ends. */
int pdf_obj_head(struct pdf_src *s, int num, struct pdf_obj *o);
void pdf_obj_free(struct pdf_obj *o);
/* A stream's data, inflated when it is FlateDecode (malloc'd, *LEN), or
 * NULL when it cannot be read or has another filter. */
unsigned char *pdf_stream_data(struct pdf_src *s, const struct pdf_obj *o, size_t *len);

/* Scanning object text (pdf_scan.c).  Spans are [P, E). */
const char *pdf_ws(const char *p, const char *e);
/* The end of the value at P (after white space), or NULL when it is cut
 * short or malformed.  "12 0 R" is one value. */
const char *pdf_value_end(const char *p, const char *e);
/* In the dictionary at P, the value of KEY ("/Name"): 1 and *V, *VE set,
 * or 0. */
int pdf_dict_get(const char *p, const char *e, const char *key, const char **v,
                 const char **ve);
/* The next key and value of the dictionary being walked from *P (set it to
 * after "<<" first): 1, or 0 at its end. */
int pdf_dict_next(const char **p, const char *e, const char **k, const char **ke,
                  const char **v, const char **ve);
/* The next item of the array being walked from *P (set it after "["). */
int pdf_array_next(const char **p, const char *e, const char **v, const char **ve);
/* The object number of the reference "N G R" at V, or 0. */
int pdf_ref(const char *v, const char *ve);
/* The integer at V, or DEF when there is none. */
long pdf_int(const char *v, const char *ve, long def);
/* Whether the name at V is NAME ("/Image"). */
int pdf_name_is(const char *v, const char *ve, const char *name);
/* A string value (literal or hex; UTF-16BE with a BOM or PDFDocEncoding)
 * as UTF-8, malloc'd; NULL when V is not a string. */
char *pdf_text(const char *v, const char *ve);
/* Append UTF-8 TEXT as a PDF text string. */
void pdf_put_text(galley_buf *b, const char *text);

#endif
