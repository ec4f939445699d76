/* pdf_file.c — cairo's PDF as the finishing step reads it: the trailer,
 * the cross-reference table (read entry by entry from the file, never held:
 * a long digest has millions of objects) and single objects, in memory or
 * through the spooled file.  Why this is not libqpdf: see pdf_scan.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "pdf_file.h"

size_t pdf_src_read(struct pdf_src *s, off_t off, void *buf, size_t n)
{
	if (off < 0 || (size_t)off >= s->len)
		return 0;
	if ((size_t)off + n > s->len)
		n = s->len - (size_t)off;
	if (s->fd < 0) {
		memcpy(buf, s->mem + off, n);
		return n;
	}
	size_t got = 0;
	while (got < n) {
		ssize_t r = pread(s->fd, (char *)buf + got, n - got, off + (off_t)got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

/* The bytes at OFF, up to N, NUL-terminated (malloc'd); *GOT their count. */
static char *S_chunk(struct pdf_src *s, off_t off, size_t n, size_t *got)
{
	char *b = galley_xmalloc(n + 1);
	*got = pdf_src_read(s, off, b, n);
	b[*got] = '\0';
	return b;
}

/* "xref", "0 N" and the first entry's offset. */
static int S_xref(struct pdf_src *s)
{
	size_t got;
	char *b = S_chunk(s, s->xref, 64, &got);
	const char *p = pdf_ws(b, b + got), *e = b + got;
	int ok = e - p > 4 && memcmp(p, "xref", 4) == 0;
	char *end = NULL;
	long first = ok ? strtol(p + 4, &end, 10) : -1;
	long n = ok && end ? strtol(end, &end, 10) : -1;
	if (first != 0 || n <= 0 || n > 0x7ffffff0) {
		free(b);
		s->why = "no cross-reference table of one section";
		return -1;
	}
	while (*end == ' ')
		end++;
	if (*end == '\r')
		end++;
	if (*end == '\n')
		end++;
	s->entries = s->xref + (end - b);
	s->n_objs = (int)n;
	free(b);
	return 0;
}

static int S_trailer(struct pdf_src *s)
{
	size_t got;
	off_t at = s->entries + (off_t)s->n_objs * 20;
	char *b = S_chunk(s, at, 4096, &got);
	const char *p = pdf_ws(b, b + got), *e = b + got, *v, *ve;
	int ok = e - p > 7 && memcmp(p, "trailer", 7) == 0;
	if (ok)
		p += 7;
	if (!ok || pdf_dict_get(p, e, "/Prev", &v, &ve) || pdf_dict_get(p, e, "/Encrypt", &v, &ve) ||
	    !pdf_dict_get(p, e, "/Size", &v, &ve) || pdf_int(v, ve, -1) != s->n_objs ||
	    !pdf_dict_get(p, e, "/Root", &v, &ve) || !(s->root = pdf_ref(v, ve))) {
		free(b);
		s->why = "an unexpected trailer";
		return -1;
	}
	s->info = pdf_dict_get(p, e, "/Info", &v, &ve) ? pdf_ref(v, ve) : 0;
	free(b);
	return 0;
}

int pdf_src_open(struct pdf_src *s, const struct pdf_raw *raw)
{
	memset(s, 0, sizeof *s);
	s->fd = -1;
	if (raw->path) {
		struct stat st;
		if ((s->fd = open(raw->path, O_RDONLY)) < 0 || fstat(s->fd, &st) != 0) {
			s->why = "cannot read the spooled file";
			return -1;
		}
		s->len = (size_t)st.st_size;
	} else {
		s->mem = raw->data;
		s->len = raw->len;
	}
	size_t tail = s->len < 1024 ? s->len : 1024, got;
	char *b = S_chunk(s, (off_t)(s->len - tail), tail, &got);
	char *at = NULL;
	for (char *q = b; (q = strstr(q, "startxref")); q++)
		at = q;
	long x = at ? strtol(at + 9, NULL, 10) : -1;
	free(b);
	if (x <= 0 || (size_t)x >= s->len) {
		s->why = "no startxref";
		return -1;
	}
	s->xref = (off_t)x;
	return S_xref(s) < 0 || S_trailer(s) < 0 ? -1 : 0;
}

void pdf_src_close(struct pdf_src *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

off_t pdf_src_offset(struct pdf_src *s, int num)
{
	char e[21];
	if (num <= 0 || num >= s->n_objs ||
	    pdf_src_read(s, s->entries + (off_t)num * 20, e, 20) != 20 || e[17] != 'n')
		return -1;
	e[10] = '\0';
	return (off_t)strtoll(e, NULL, 10);
}

void pdf_obj_free(struct pdf_obj *o)
{
	free(o->text);
	o->text = NULL;
}

/* The value of a stream's /Length, direct or the object it refers to. */
static long S_length(struct pdf_src *s, const struct pdf_obj *o)
{
	const char *v, *ve;
	if (!pdf_dict_get(o->text, o->text + o->len, "/Length", &v, &ve))
		return -1;
	int ref = pdf_ref(v, ve);
	if (!ref)
		return pdf_int(v, ve, -1);
	struct pdf_obj l;
	if (pdf_obj_read(s, ref, &l) < 0)
		return -1;
	long n = pdf_int(l.text, l.text + l.len, -1);
	pdf_obj_free(&l);
	return n;
}

/* After the stream's data: "endstream" and "endobj". */
static int S_stream_end(struct pdf_src *s, struct pdf_obj *o)
{
	size_t got;
	char *b = S_chunk(s, o->data + (off_t)o->data_len, 64, &got);
	const char *p = pdf_ws(b, b + got), *e = b + got;
	int ok = e - p >= 9 && memcmp(p, "endstream", 9) == 0;
	if (ok) {
		p = pdf_ws(p + 9, e);
		ok = e - p >= 6 && memcmp(p, "endobj", 6) == 0;
	}
	o->end = o->data + (off_t)o->data_len + (p + 6 - b);
	free(b);
	return ok ? 0 : -1;
}

/* Parse the object in B (GOT bytes, all there is when ALL): 1 done, 0
 * more bytes needed, -1 malformed. */
static int S_parse(struct pdf_obj *o, const char *b, size_t got, int all)
{
	const char *e = b + got;
	char *end;
	long num = strtol(b, &end, 10);
	strtol(end, &end, 10);
	const char *p = pdf_ws(end, e);
	if (num != o->num || e - p < 3 || memcmp(p, "obj", 3) != 0)
		return -1;
	const char *v = pdf_ws(p + 3, e), *ve = pdf_value_end(v, e);
	const char *k = ve ? pdf_ws(ve, e) : NULL;
	if (!ve || e - k < 9)
		return all ? -1 : 0;
	o->text = galley_xstrndup(v, (size_t)(ve - v));
	o->len = (size_t)(ve - v);
	if (memcmp(k, "endobj", 6) == 0) {
		o->end = o->off + (k + 6 - b);
		return 1;
	}
	if (memcmp(k, "stream", 6) != 0)
		return -1;
	k += 6;
	k += *k == '\r';
	k += *k == '\n';
	o->stream = 1;
	o->data = o->off + (k - b);
	return 1;
}

/* Most of cairo's objects are a few hundred bytes: the first try reads
 * that much, and each further one twice as much. */
#define OBJ_FIRST_READ 512

int pdf_obj_head(struct pdf_src *s, int num, struct pdf_obj *o)
{
	memset(o, 0, sizeof *o);
	o->num = num;
	if ((o->off = pdf_src_offset(s, num)) < 0) {
		s->why = "an object the cross-reference table does not give";
		return -1;
	}
	int rc = 0;
	for (size_t want = OBJ_FIRST_READ; rc == 0; want *= 2) {
		size_t got;
		char *b = S_chunk(s, o->off, want, &got);
		rc = S_parse(o, b, got, got < want);
		free(b);
	}
	if (rc < 0) {
		pdf_obj_free(o);
		s->why = "an object it cannot read";
		return -1;
	}
	return 0;
}

int pdf_obj_read(struct pdf_src *s, int num, struct pdf_obj *o)
{
	if (pdf_obj_head(s, num, o) < 0)
		return -1;
	int rc = 1;
	if (o->stream) {
		long n = S_length(s, o);
		if (n < 0 || (size_t)o->data + (size_t)n > s->len)
			rc = -1;
		else
			o->data_len = (size_t)n;
		if (rc > 0 && S_stream_end(s, o) < 0)
			rc = -1;
	}
	if (rc < 0) {
		pdf_obj_free(o);
		s->why = "an object it cannot read";
		return -1;
	}
	return 0;
}

unsigned char *pdf_stream_data(struct pdf_src *s, const struct pdf_obj *o, size_t *len)
{
	const char *v, *ve, *e = o->text + o->len;
	int flate = 0;
	if (pdf_dict_get(o->text, e, "/DecodeParms", &v, &ve))
		return NULL;
	if (pdf_dict_get(o->text, e, "/Filter", &v, &ve)) {
		if (!pdf_name_is(v, ve, "/FlateDecode"))
			return NULL;
		flate = 1;
	}
	unsigned char *raw = galley_xmalloc(o->data_len + 1);
	if (pdf_src_read(s, o->data, raw, o->data_len) != o->data_len) {
		free(raw);
		return NULL;
	}
	if (!flate) {
		*len = o->data_len;
		return raw;
	}
	z_stream z;
	memset(&z, 0, sizeof z);
	size_t cap = o->data_len * 4 + 256;
	unsigned char *out = galley_xmalloc(cap);
	int zr = inflateInit(&z);
	z.next_in = raw;
	z.avail_in = (uInt)o->data_len;
	while (zr == Z_OK) {
		if (z.total_out == cap) {
			cap *= 2;
			out = galley_xrealloc(out, cap);
		}
		z.next_out = out + z.total_out;
		z.avail_out = (uInt)(cap - z.total_out);
		zr = inflate(&z, Z_NO_FLUSH);
		if (zr == Z_BUF_ERROR && z.avail_out > 0)
			break;
		if (zr == Z_BUF_ERROR)
			zr = Z_OK;
	}
	*len = z.total_out;
	inflateEnd(&z);
	free(raw);
	if (zr != Z_STREAM_END) {
		free(out);
		return NULL;
	}
	return out;
}
