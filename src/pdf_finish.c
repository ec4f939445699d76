/* pdf_finish.c — the finishing step after cairo: it adds what PDF/UA-1,
 * PDF/A-2u and print shops look for and cairo 1.16 cannot write (issue 16):
 * the language, XMP metadata, an sRGB output intent, DisplayDocTitle, a
 * document ID, page labels, trim and bleed boxes, printable link
 * annotations in tab order, artifacts and figures with their alt text,
 * table cells' /Scope and spans, and /Lang on the elements of an article
 * whose language is not the document's.
 *
 * cairo's file is copied through once, in order: the objects the step
 * changes (the catalog, the Info dictionary, the pages that get boxes or
 * tab order, their content streams, link annotations, and the structure
 * elements and parent-tree arrays that figures join) are written anew in
 * their places, the others copied byte for byte, the new objects (XMP, the
 * ICC profile, figures) added, and the cross-reference table written again
 * with every offset moved.  Memory does not grow with the number of pages
 * beyond a few numbers a page (issue 21).  Objects are read by
 * pdf_file.c; why not with libqpdf is said in pdf_scan.c. */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <zlib.h>

#include "pdf_file.h"

/* The sRGB profile of Debian's icc-profiles-free (make deps). */
#ifndef GALLEY_SRGB_ICC
#define GALLEY_SRGB_ICC "/usr/share/color/icc/sRGB.icc"
#endif
#define ICC_MAX ((size_t)1 << 20)

/* zlib's level for the streams the step deflates: on the reference
 * article's pages the fastest takes half the default's time for 8 % more
 * bytes. */
#define FINISH_DEFLATE_LEVEL 1

/* An object to be written anew, at its place in cairo's file. */
enum { SP_CATALOG, SP_INFO, SP_PAGE, SP_CONTENT, SP_ANNOT, SP_PARENTS, SP_KIDS, SP_ELEM,
       SP_LENGTH, SP_PLAIN };
struct special {
	off_t off;
	int obj, kind, page;         /* page: or a length, for SP_LENGTH */
};

struct page {
	int obj, content, parents;   /* parents: its parent-tree array, or 0 */
};

/* A figure's place: in the parent-tree array OBJ at MCID KEY, or among
 * the kids of the structure element OBJ before or after the kid KEY. */
struct fig_rec {
	int obj, key, fig, before, next;
};
#define FIG_BUCKETS 4096

/* A structure element that gets a /Lang or a table cell's attributes (or,
 * LANG and CELL NULL, a table cell seen and counted). */
struct elem_rec {
	int obj, next;
	const char *lang;
	const struct pdf_cell *cell;
};

/* Where cairo's objects moved: OFF's new place is OFF + BEFORE; what
 * follows it up to the next move is AFTER further on. */
struct move {
	off_t off, before, after;
};

struct fin {
	struct pdf_src *s;
	const struct pdf_finish *f;
	galley_diag *diag;
	FILE *out;
	off_t out_pos, src_pos;
	int err;
	GChecksum *md5;
	const char *id;              /* its digest, once taken */
	struct special *heap;
	size_t n_heap, cap_heap;
	struct page *pages;
	size_t n_pages;
	int *ptree;                  /* StructParents key → parent-tree array */
	size_t n_ptree;
	struct move *moves;
	size_t n_moves, cap_moves;
	off_t *new_offs;             /* of objects n_objs, n_objs + 1... */
	size_t n_new;
	struct fig_rec *recs;
	size_t n_recs, cap_recs;
	int bucket[FIG_BUCKETS];
	struct elem_rec *elems;
	size_t n_elems, cap_elems;
	int elem_bucket[FIG_BUCKETS];
	size_t next_cell;            /* index into f->cells of the next TH or TD */
	size_t image, next_page;
	int xmp, icc;
	char *title, *author, *subject, *keywords, *creator, *producer;
	char pdf_date[40], xmp_date[40];
	const char *why;
};

/* The time stamped on the document: SOURCE_DATE_EPOCH when set, so the
 * same input gives the same bytes, or now. */
static time_t S_now(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	if (e && *e) {
		long long v = strtoll(e, &end, 10);
		if (!*end && v >= 0)
			return (time_t)v;
	}
	return time(NULL);
}

/* ---- writing ---- */

static void S_put(struct fin *F, const void *data, size_t n)
{
	if (F->err || n == 0)
		return;
	errno = 0;
	if (fwrite(data, 1, n, F->out) != n)
		F->err = errno ? errno : EIO;
	if (!F->id)
		g_checksum_update(F->md5, data, (gssize)n);
	F->out_pos += (off_t)n;
}

static void S_put_buf(struct fin *F, galley_buf *b)
{
	S_put(F, b->data, b->len);
	galley_buf_clear(b);
}

/* Copy cairo's bytes from where the copy stands up to TO. */
static void S_copy_to(struct fin *F, off_t to)
{
	char chunk[65536];
	while (F->src_pos < to && !F->err) {
		size_t n = (size_t)(to - F->src_pos) < sizeof chunk ? (size_t)(to - F->src_pos)
		                                                     : sizeof chunk;
		if (F->s->fd < 0) {
			S_put(F, F->s->mem + F->src_pos, n);
		} else if (pdf_src_read(F->s, F->src_pos, chunk, n) == n) {
			S_put(F, chunk, n);
		} else {
			F->err = errno ? errno : EIO;
		}
		F->src_pos += (off_t)n;
	}
}

/* Object O is written anew from here: its old bytes are skipped. */
static void S_replace_begin(struct fin *F, const struct pdf_obj *o)
{
	S_copy_to(F, o->off);
	if (F->n_moves == F->cap_moves) {
		F->cap_moves = F->cap_moves ? F->cap_moves * 2 : 64;
		F->moves = galley_xrealloc(F->moves, F->cap_moves * sizeof *F->moves);
	}
	F->moves[F->n_moves++] = (struct move){o->off, F->out_pos - o->off, 0};
	F->src_pos = o->end;
}

static void S_replace_end(struct fin *F)
{
	F->moves[F->n_moves - 1].after = F->out_pos - F->src_pos;
}

/* A new object's number, its offset to be set when it is written. */
static int S_new_obj(struct fin *F)
{
	if ((F->n_new & (F->n_new + 1)) == 0)
		F->new_offs = galley_xrealloc(F->new_offs, (F->n_new * 2 + 2) * sizeof *F->new_offs);
	F->new_offs[F->n_new] = -1;
	return F->s->n_objs + (int)F->n_new++;
}

static void S_obj_begin(struct fin *F, galley_buf *b, int num)
{
	if (num >= F->s->n_objs)
		F->new_offs[num - F->s->n_objs] = F->out_pos + (off_t)b->len;
	char head[32];
	snprintf(head, sizeof head, "%d 0 obj\n", num);
	galley_buf_puts(b, head);
}

static void S_printf(galley_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void S_printf(galley_buf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	galley_buf_puts(b, tmp);
}

/* DATA deflated (malloc'd, *ZLEN bytes), or NULL.  zlib's defaults are
 * made for 32 KB of data and more; a ToUnicode map is under 1 KB, a
 * page's content a few: a window and hash table no larger than the data
 * needs give the same bytes give or take a few (9 more on the corpus's 34
 * pages), and spare clearing and touching 256 KB for each stream. */
static unsigned char *S_deflate(const unsigned char *data, size_t len, size_t *zlen)
{
	int bits = 9;   /* the window: the data and zlib's 262 bytes of lookahead */
	while (bits < 15 && ((size_t)1 << bits) < len + 262)
		bits++;
	int mem = bits - 6 > 8 ? 8 : bits - 6;   /* a hash of twice the window */
	z_stream z;
	memset(&z, 0, sizeof z);
	if (len > UINT_MAX / 2 ||
	    deflateInit2(&z, FINISH_DEFLATE_LEVEL, Z_DEFLATED, bits, mem, Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	uLong cap = deflateBound(&z, (uLong)len);
	unsigned char *out = galley_xmalloc(cap);
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)len;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	int rc = deflate(&z, Z_FINISH);
	*zlen = z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(out);
		return NULL;
	}
	return out;
}

/* A stream object: DICT's entries, then DATA (deflated when FLATE). */
static void S_stream(struct fin *F, galley_buf *b, int num, const char *dict,
                     const unsigned char *data, size_t len, int flate)
{
	size_t zlen = 0;
	unsigned char *z = flate ? S_deflate(data, len, &zlen) : NULL;
	if (z) {
		data = z;
		len = zlen;
	}
	S_obj_begin(F, b, num);
	S_printf(b, "<< /Length %zu%s%s >>\nstream\n", len, z ? " /Filter /FlateDecode" : "",
	         dict);
	S_put_buf(F, b);
	S_put(F, data, len);
	galley_buf_puts(b, "\nendstream\nendobj\n");
	S_put_buf(F, b);
	free(z);
}

/* "<<" and the entries of dictionary O but those in DROP. */
static void S_dict_keep(galley_buf *b, const char *text, size_t len, const char *const *drop)
{
	const char *p = pdf_ws(text, text + len) + 2, *e = text + len, *k, *ke, *v, *ve;
	galley_buf_puts(b, "<<");
	while (pdf_dict_next(&p, e, &k, &ke, &v, &ve)) {
		int keep = 1;
		for (size_t i = 0; drop[i]; i++)
			if ((size_t)(ke - k) == strlen(drop[i]) && memcmp(k, drop[i], (size_t)(ke - k)) == 0)
				keep = 0;
		if (!keep)
			continue;
		galley_buf_puts(b, "\n   ");
		galley_buf_put(b, k, (size_t)(ve - k));
	}
}

/* ---- the objects to be written anew, in the order of cairo's file ---- */

/* In the file's order; of two entries for one object (a page's content
 * the scan for plain streams did not skip), the page's content first
 * (SP_PLAIN leaves what is written already). */
static int S_earlier(const struct special *a, const struct special *b)
{
	return a->off != b->off ? a->off < b->off : a->kind < b->kind;
}

static void S_schedule(struct fin *F, int obj, int kind, int page)
{
	off_t off = pdf_src_offset(F->s, obj);
	if (off < 0)
		return;
	if (off < F->src_pos) {
		F->why = "the structure comes before a page's content";
		return;
	}
	if (F->n_heap == F->cap_heap) {
		F->cap_heap = F->cap_heap ? F->cap_heap * 2 : 256;
		F->heap = galley_xrealloc(F->heap, F->cap_heap * sizeof *F->heap);
	}
	size_t i = F->n_heap++;
	struct special sp = {off, obj, kind, page};
	while (i > 0 && S_earlier(&sp, &F->heap[(i - 1) / 2])) {
		F->heap[i] = F->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	F->heap[i] = sp;
}

static struct special S_next(struct fin *F)
{
	struct special top = F->heap[0], last = F->heap[--F->n_heap];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= F->n_heap)
			break;
		if (c + 1 < F->n_heap && S_earlier(&F->heap[c + 1], &F->heap[c]))
			c++;
		if (!S_earlier(&F->heap[c], &last))
			break;
		F->heap[i] = F->heap[c];
		i = c;
	}
	if (F->n_heap)
		F->heap[i] = last;
	return top;
}

/* The value of KEY in O, resolved when it is a reference: its text is
 * copied to *TEXT (malloc'd); 0, or -1 when there is none. */
static int S_resolve(struct fin *F, const char *p, const char *e, const char *key, char **text,
                     size_t *len)
{
	const char *v, *ve;
	if (!pdf_dict_get(p, e, key, &v, &ve))
		return -1;
	int ref = pdf_ref(v, ve);
	if (!ref) {
		*text = galley_xstrndup(v, (size_t)(ve - v));
		*len = (size_t)(ve - v);
		return 0;
	}
	struct pdf_obj o;
	if (pdf_obj_read(F->s, ref, &o) < 0)
		return -1;
	*text = o.text;
	*len = o.len;
	return 0;
}

/* ---- the plan: pages, parent tree, Info ---- */

static void S_add_page(struct fin *F, int obj, const struct pdf_obj *o)
{
	const char *e = o->text + o->len, *v, *ve;
	if ((F->n_pages & (F->n_pages + 1)) == 0)
		F->pages = galley_xrealloc(F->pages, (F->n_pages * 2 + 2) * sizeof *F->pages);
	struct page *pg = &F->pages[F->n_pages];
	*pg = (struct page){obj, 0, 0};
	if (pdf_dict_get(o->text, e, "/Contents", &v, &ve))
		pg->content = pdf_ref(v, ve);
	if (pdf_dict_get(o->text, e, "/StructParents", &v, &ve)) {
		long key = pdf_int(v, ve, -1);
		if (key >= 0 && (size_t)key < F->n_ptree)
			pg->parents = F->ptree[key];
	}
	int annots = 0;
	if (pdf_dict_get(o->text, e, "/Annots", &v, &ve) && *v == '[') {
		const char *p = v + 1, *a, *ae;
		while (pdf_array_next(&p, ve, &a, &ae)) {
			int ref = pdf_ref(a, ae);
			if (ref) {
				S_schedule(F, ref, SP_ANNOT, 0);
				annots++;
			}
		}
	}
	if (annots || F->f->offset > 0)
		S_schedule(F, obj, SP_PAGE, (int)F->n_pages);
	if (pg->content)
		S_schedule(F, pg->content, SP_CONTENT, (int)F->n_pages);
	F->n_pages++;
}

/* The pages under the page tree node OBJ, in order. */
static int S_pages(struct fin *F, int obj, int depth)
{
	struct pdf_obj o;
	if (depth > 32 || pdf_obj_read(F->s, obj, &o) < 0)
		return -1;
	const char *e = o.text + o.len, *v, *ve;
	int rc = 0;
	if (pdf_dict_get(o.text, e, "/Type", &v, &ve) && pdf_name_is(v, ve, "/Pages")) {
		if (pdf_dict_get(o.text, e, "/Kids", &v, &ve) && *v == '[') {
			const char *p = v + 1, *k, *ke;
			while (rc == 0 && pdf_array_next(&p, ve, &k, &ke))
				rc = S_pages(F, pdf_ref(k, ke), depth + 1);
		}
	} else {
		S_add_page(F, obj, &o);
	}
	pdf_obj_free(&o);
	return rc;
}

/* The parent tree's arrays by key (cairo writes one flat /Nums). */
static void S_parent_tree(struct fin *F, const struct pdf_obj *root)
{
	char *tree = NULL, *pt = NULL, *nums = NULL;
	size_t tl, pl, nl;
	const char *e = root->text + root->len;
	if (S_resolve(F, root->text, e, "/StructTreeRoot", &tree, &tl) == 0 &&
	    S_resolve(F, tree, tree + tl, "/ParentTree", &pt, &pl) == 0 &&
	    S_resolve(F, pt, pt + pl, "/Nums", &nums, &nl) == 0 && *nums == '[') {
		const char *p = nums + 1, *k, *ke, *v, *ve;
		while (pdf_array_next(&p, nums + nl, &k, &ke) && pdf_array_next(&p, nums + nl, &v, &ve)) {
			long key = pdf_int(k, ke, -1);
			if (key < 0 || key > 0x7ffffff)
				continue;
			if ((size_t)key >= F->n_ptree) {
				size_t n = (size_t)key * 2 + 16;
				F->ptree = galley_xrealloc(F->ptree, n * sizeof *F->ptree);
				memset(F->ptree + F->n_ptree, 0, (n - F->n_ptree) * sizeof *F->ptree);
				F->n_ptree = n;
			}
			F->ptree[key] = pdf_ref(v, ve);
		}
	}
	free(tree);
	free(pt);
	free(nums);
}

static char *S_info_text(const struct pdf_obj *o, const char *key)
{
	const char *v, *ve;
	if (!o->text || !pdf_dict_get(o->text, o->text + o->len, key, &v, &ve))
		return NULL;
	return pdf_text(v, ve);
}

static void S_info_read(struct fin *F)
{
	struct pdf_obj o = {0};
	if (F->s->info)
		pdf_obj_read(F->s, F->s->info, &o);
	F->title = S_info_text(&o, "/Title");
	F->author = S_info_text(&o, "/Author");
	F->subject = S_info_text(&o, "/Subject");
	F->keywords = S_info_text(&o, "/Keywords");
	F->creator = S_info_text(&o, "/Creator");
	pdf_obj_free(&o);
	time_t now = S_now();
	struct tm tm;
	if (gmtime_r(&now, &tm)) {
		strftime(F->pdf_date, sizeof F->pdf_date, "D:%Y%m%d%H%M%S+00'00'", &tm);
		strftime(F->xmp_date, sizeof F->xmp_date, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
	}
	F->producer = galley_xasprintf("galley %s (cairo %s)", GALLEY_VERSION,
	                               cairo_version_string());
	if (F->s->info)
		S_schedule(F, F->s->info, SP_INFO, 0);
}

/* The sRGB profile, deflated, or NULL with a warning.  It is read and
 * deflated once a process: a batch finishes many PDFs. */
static const unsigned char *S_icc(galley_diag *diag, size_t *len)
{
	static unsigned char *icc_z;
	static size_t icc_z_len;
	if (icc_z) {
		*len = icc_z_len;
		return icc_z;
	}
	FILE *fp = fopen(GALLEY_SRGB_ICC, "rb");
	unsigned char *icc = malloc(ICC_MAX);
	size_t n = fp && icc ? fread(icc, 1, ICC_MAX, fp) : 0;
	if (fp)
		fclose(fp);
	uLongf zlen = compressBound((uLong)n);
	unsigned char *z = n >= 128 && n < ICC_MAX ? malloc(zlen) : NULL;
	if (!z || compress2(z, &zlen, icc, (uLong)n, Z_BEST_COMPRESSION) != Z_OK) {
		galley_diag_report(diag, GALLEY_DIAG_WARNING, 0, "cannot read the sRGB profile %s "
		                   "(Debian package icc-profiles-free): the PDF is not PDF/A",
		                   GALLEY_SRGB_ICC);
		free(icc);
		free(z);
		return NULL;
	}
	free(icc);
	icc_z = z;
	*len = icc_z_len = zlen;
	return icc_z;
}

/* ---- the objects written anew ---- */

static void S_catalog(struct fin *F, const struct pdf_obj *o, galley_buf *b)
{
	static const char *const drop[] = {"/Lang", "/ViewerPreferences", "/PageLabels",
	                                   "/Metadata", "/OutputIntents", NULL};
	const struct pdf_finish *f = F->f;
	S_dict_keep(b, o->text, o->len, drop);
	if (f->lang && *f->lang) {
		galley_buf_puts(b, "\n   /Lang ");
		pdf_put_text(b, f->lang);
	}
	galley_buf_puts(b, "\n   /ViewerPreferences << /DisplayDocTitle true >>");
	S_printf(b, "\n   /Metadata %d 0 R", F->xmp);
	if (F->icc)
		S_printf(b, "\n   /OutputIntents [ << /Type /OutputIntent /S /GTS_PDFA1"
		         " /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1)"
		         " /DestOutputProfile %d 0 R >> ]", F->icc);
	/* a digest's title and contents pages are i, ii; the articles'
	 * labels match the folios printed on them */
	if (f->front > 0)
		S_printf(b, "\n   /PageLabels << /Nums [ 0 << /S /r >> %d << /S /D /St %d >> ] >>",
		         f->front, f->front + 1);
	galley_buf_puts(b, "\n>>\nendobj\n");
}

static void S_info(struct fin *F, const struct pdf_obj *o, galley_buf *b)
{
	static const char *const drop[] = {"/Producer", "/CreationDate", "/ModDate", NULL};
	S_dict_keep(b, o->text, o->len, drop);
	galley_buf_puts(b, "\n   /Producer ");
	pdf_put_text(b, F->producer);
	S_printf(b, "\n   /CreationDate (%s)\n   /ModDate (%s)\n>>\nendobj\n", F->pdf_date,
	         F->pdf_date);
}

/* Boxes for a bleed; the tab order of the structure where there are links. */
static void S_page(struct fin *F, const struct pdf_obj *o, galley_buf *b)
{
	static const char *const drop[] = {"/TrimBox", "/BleedBox", "/Tabs", NULL};
	const struct pdf_finish *f = F->f;
	double x = f->offset, d = f->bleed;
	const char *v, *ve;
	S_dict_keep(b, o->text, o->len, drop);
	if (x > 0) {
		S_printf(b, "\n   /TrimBox [ %.3f %.3f %.3f %.3f ]", x, x, x + f->page_w,
		         x + f->page_h);
		S_printf(b, "\n   /BleedBox [ %.3f %.3f %.3f %.3f ]", x - d, x - d,
		         x + f->page_w + d, x + f->page_h + d);
	}
	if (pdf_dict_get(o->text, o->text + o->len, "/Annots", &v, &ve))
		galley_buf_puts(b, "\n   /Tabs /S");
	galley_buf_puts(b, "\n>>\nendobj\n");
}

/* What a link inside the document leads to, from the names pdf_draw.c
 * gives footnotes' destinations ("note-A-N", "ref-A-N"). */
static char *S_dest_text(const char *s, const char *e)
{
	const char *v, *ve;
	char *name = pdf_dict_get(s, e, "/Dest", &v, &ve) ? pdf_text(v, ve) : NULL;
	int a, n;
	char *text = name && sscanf(name, "note-%d-%d", &a, &n) == 2
	             ? galley_xasprintf("Link to note %d", n)
	           : name && sscanf(name, "ref-%d-%d", &a, &n) == 2
	             ? galley_xasprintf("Link back to the reference to note %d", n)
	           : galley_xstrdup("Link");
	free(name);
	return text;
}

/* Links printable (PDF/A) with a description (PDF/UA). */
static void S_annot(struct fin *F, const struct pdf_obj *o, galley_buf *b)
{
	static const char *const drop[] = {"/F", NULL};
	const char *e = o->text + o->len, *v, *ve;
	S_dict_keep(b, o->text, o->len, drop);
	galley_buf_puts(b, "\n   /F 4");
	if (!pdf_dict_get(o->text, e, "/Contents", &v, &ve)) {
		char *act = NULL, *uri = NULL;
		size_t al;
		if (S_resolve(F, o->text, e, "/A", &act, &al) == 0 &&
		    pdf_dict_get(act, act + al, "/URI", &v, &ve))
			uri = pdf_text(v, ve);
		char *text = uri ? galley_xasprintf("Link to %s", uri) : S_dest_text(o->text, e);
		galley_buf_puts(b, "\n   /Contents ");
		pdf_put_text(b, text);
		free(text);
		free(uri);
		free(act);
	}
	galley_buf_puts(b, "\n>>\nendobj\n");
}

/* ---- content streams and figures ---- */

struct page_res {
	struct fin *F;
	char *xobjects;
	size_t len;
};

static int S_is_image(const char *name, size_t n, void *ud)
{
	struct page_res *r = ud;
	char key[128];
	const char *v, *ve;
	if (!r->xobjects || n + 2 > sizeof key)
		return 0;
	key[0] = '/';
	memcpy(key + 1, name, n);
	key[n + 1] = '\0';
	if (!pdf_dict_get(r->xobjects, r->xobjects + r->len, key, &v, &ve))
		return 0;
	struct pdf_obj x;
	if (pdf_obj_read(r->F->s, pdf_ref(v, ve), &x) < 0)
		return 0;
	int image = 0;
	/* a form: an SVG image's vectors (the page itself draws no other) */
	if (x.stream && pdf_dict_get(x.text, x.text + x.len, "/Subtype", &v, &ve))
		image = pdf_name_is(v, ve, "/Image") || pdf_name_is(v, ve, "/Form");
	pdf_obj_free(&x);
	return image;
}

/* The page's XObject dictionary. */
static void S_page_res(struct fin *F, int page, struct page_res *r)
{
	struct pdf_obj o;
	char *res = NULL;
	size_t rl;
	r->F = F;
	r->xobjects = NULL;
	if (pdf_obj_read(F->s, page, &o) < 0)
		return;
	if (S_resolve(F, o.text, o.text + o.len, "/Resources", &res, &rl) == 0)
		S_resolve(F, res, res + rl, "/XObject", &r->xobjects, &r->len);
	free(res);
	pdf_obj_free(&o);
}

/* The kids of a parent-tree array (object numbers, 0 for null). */
static int *S_parents(struct fin *F, int obj, int *n)
{
	struct pdf_obj o;
	*n = 0;
	if (!obj || pdf_obj_read(F->s, obj, &o) < 0)
		return NULL;
	int *items = NULL;
	if (*o.text == '[') {
		const char *p = o.text + 1, *v, *ve;
		while (pdf_array_next(&p, o.text + o.len, &v, &ve)) {
			if ((*n & (*n + 1)) == 0)
				items = galley_xrealloc(items, (size_t)(*n * 2 + 2) * sizeof *items);
			items[(*n)++] = pdf_ref(v, ve);
		}
	}
	pdf_obj_free(&o);
	return items;
}

static unsigned S_hash(int obj)
{
	return ((unsigned)obj * 2654435761u) >> 20 & (FIG_BUCKETS - 1);
}

static struct elem_rec *S_elem_of(struct fin *F, int obj)
{
	for (int i = F->elem_bucket[S_hash(obj)]; i >= 0; i = F->elems[i].next)
		if (F->elems[i].obj == obj)
			return &F->elems[i];
	return NULL;
}

static int S_has_figs(struct fin *F, int obj)
{
	for (int i = F->bucket[S_hash(obj)]; i >= 0; i = F->recs[i].next)
		if (F->recs[i].obj == obj)
			return 1;
	return 0;
}

/* Record what element OBJ gets; when it gets something it is written
 * anew, once (with its figures, if it has any). */
static void S_elem_add(struct fin *F, int obj, const char *lang, const struct pdf_cell *cell)
{
	if ((lang || cell) && !S_has_figs(F, obj))
		S_schedule(F, obj, SP_ELEM, 0);
	if (F->n_elems == F->cap_elems) {
		F->cap_elems = F->cap_elems ? F->cap_elems * 2 : 64;
		F->elems = galley_xrealloc(F->elems, F->cap_elems * sizeof *F->elems);
	}
	unsigned h = S_hash(obj);
	F->elems[F->n_elems] = (struct elem_rec){obj, F->elem_bucket[h], lang, cell};
	F->elem_bucket[h] = (int)F->n_elems++;
}

/* Element OBJ's /Lang and /A (a table cell's attributes), if it gets any. */
static void S_elem_attrs(struct fin *F, int obj, galley_buf *b)
{
	const struct elem_rec *r = S_elem_of(F, obj);
	if (r && r->lang) {
		galley_buf_puts(b, "\n   /Lang ");
		pdf_put_text(b, r->lang);
	}
	const struct pdf_cell *c = r ? r->cell : NULL;
	if (!c)
		return;
	galley_buf_puts(b, "\n   /A << /O /Table");
	if (c->scope)
		S_printf(b, " /Scope /%s", c->scope == 'c' ? "Column" : "Row");
	if (c->colspan > 1)
		S_printf(b, " /ColSpan %d", c->colspan);
	if (c->rowspan > 1)
		S_printf(b, " /RowSpan %d", c->rowspan);
	galley_buf_puts(b, " >>");
}

static int S_is_cell(struct fin *F, int obj)
{
	struct pdf_obj o;
	const char *v, *ve;
	if (pdf_obj_read(F->s, obj, &o) < 0)
		return 0;
	int cell = pdf_dict_get(o.text, o.text + o.len, "/S", &v, &ve) &&
	           (pdf_name_is(v, ve, "/TH") || pdf_name_is(v, ve, "/TD"));
	pdf_obj_free(&o);
	return cell;
}

/* The elements of page P's marked content (ITEMS, N): each gets the
 * page's language where its article's is not the document's; table cells
 * (every cell has marked content where it begins, so they come in the
 * order they were drawn) their attributes. */
static void S_elems(struct fin *F, int p, const int *items, int n)
{
	const struct pdf_finish *f = F->f;
	const char *lang = (size_t)p < f->n_page_lang ? f->page_lang[p] : NULL;
	int cells = F->next_cell < f->n_cells && f->cells[F->next_cell].page <= p;
	for (int i = 0, last = 0; i < n && (lang || cells); i++) {
		if (!items[i] || items[i] == last || S_elem_of(F, items[i]))
			continue;
		last = items[i];
		int is_cell = cells && F->next_cell < f->n_cells && S_is_cell(F, items[i]);
		const struct pdf_cell *cell = is_cell ? &f->cells[F->next_cell++] : NULL;
		if (cell && !cell->scope && cell->colspan <= 1 && cell->rowspan <= 1)
			cell = NULL;
		/* a cell without attributes is recorded all the same: counted */
		if (lang || is_cell)
			S_elem_add(F, items[i], lang, cell);
	}
}

/* Record a figure's place; the object it changes is written anew. */
static void S_fig_rec(struct fin *F, int obj, int key, int fig, int before, int kind)
{
	unsigned h = S_hash(obj);
	int known = 0;
	for (int i = F->bucket[h]; i >= 0; i = F->recs[i].next)
		known |= F->recs[i].obj == obj;
	const struct elem_rec *er = S_elem_of(F, obj);
	if (!known && !(er && (er->lang || er->cell)))
		S_schedule(F, obj, kind, 0);
	if (F->n_recs == F->cap_recs) {
		F->cap_recs = F->cap_recs ? F->cap_recs * 2 : 16;
		F->recs = galley_xrealloc(F->recs, F->cap_recs * sizeof *F->recs);
	}
	F->recs[F->n_recs] = (struct fig_rec){obj, key, fig, before, F->bucket[h]};
	F->bucket[h] = (int)F->n_recs++;
}

/* A Figure element for FIG, next to the element of the marked content
 * that follows it (or precedes it) in reading order. */
static void S_figure(struct fin *F, galley_buf *b, int page, int parents, const int *items,
                     int n, const struct pdf_figure_mark *fig, const char *alt,
                     const char *lang)
{
	int near = fig->after >= 0 && fig->after < n ? fig->after
	         : fig->before >= 0 && fig->before < n ? fig->before : -1;
	struct pdf_obj next;
	if (near < 0 || !items[near] || pdf_obj_read(F->s, items[near], &next) < 0)
		return;
	const char *v, *ve;
	int parent = pdf_dict_get(next.text, next.text + next.len, "/P", &v, &ve) ? pdf_ref(v, ve) : 0;
	pdf_obj_free(&next);
	if (!parent)
		return;
	int e = S_new_obj(F);
	S_obj_begin(F, b, e);
	S_printf(b, "<< /Type /StructElem\n   /S /Figure\n   /P %d 0 R\n   /Pg %d 0 R\n   /K %d\n"
	         "   /Alt ", parent, page, fig->mcid);
	pdf_put_text(b, alt);
	if (lang) {
		galley_buf_puts(b, "\n   /Lang ");
		pdf_put_text(b, lang);
	}
	galley_buf_puts(b, "\n>>\nendobj\n");
	S_put_buf(F, b);
	S_fig_rec(F, parent, items[near], e, near == fig->after, SP_KIDS);
	S_fig_rec(F, parents, fig->mcid, e, 0, SP_PARENTS);
}

/* Rewrite page P's content with artifacts and figures.  A stream the
 * marker does not understand is left as cairo wrote it. */
static void S_content(struct fin *F, const struct pdf_obj *o, int p, galley_buf *b)
{
	const struct pdf_finish *f = F->f;
	struct page *pg = &F->pages[p];
	size_t len;
	unsigned char *data = pdf_stream_data(F->s, o, &len);
	if (!data)
		return;
	int n_items;
	int *items = S_parents(F, pg->parents, &n_items);
	int next_mcid = n_items;
	struct page_res res;
	S_page_res(F, pg->obj, &res);
	struct pdf_figure_mark figs[32];
	galley_buf marked = GALLEY_BUF_INIT;
	size_t image = F->image;
	/* figures need the page's place in the structure */
	size_t n_alts = pg->parents ? f->n_alts : 0;
	int n = galley_pdf_mark_content((const char *)data, len, &marked, S_is_image, &res, f->alts,
	                                n_alts, &image, &next_mcid, figs, 32);
	free(data);
	free(res.xobjects);
	F->image = image;
	if (n >= 0) {
		S_replace_begin(F, o);
		S_stream(F, b, o->num, "", (const unsigned char *)marked.data, marked.len, 1);
		for (int i = 0; i < n; i++)
			S_figure(F, b, pg->obj, pg->parents, items, n_items, &figs[i],
			         f->alts[figs[i].image],
			         (size_t)p < f->n_page_lang ? f->page_lang[p] : NULL);
		S_replace_end(F);
	}
	S_elems(F, p, items, n_items);
	galley_buf_free(&marked);
	free(items);
}

/* The figure records of OBJ, in the order they were made. */
static size_t S_recs_of(struct fin *F, int obj, struct fig_rec **out)
{
	size_t n = 0;
	for (int i = F->bucket[S_hash(obj)]; i >= 0; i = F->recs[i].next)
		if (F->recs[i].obj == obj)
			n++;
	*out = galley_xmalloc((n + 1) * sizeof **out);
	size_t k = n;
	for (int i = F->bucket[S_hash(obj)]; i >= 0; i = F->recs[i].next)
		if (F->recs[i].obj == obj)
			(*out)[--k] = F->recs[i];
	return n;
}

/* A parent-tree array with its figures at their MCIDs. */
static void S_parents_obj(struct fin *F, const struct pdf_obj *o, galley_buf *b)
{
	struct fig_rec *r;
	size_t n = S_recs_of(F, o->num, &r);
	const char *p = o->text + 1, *v, *ve;
	int count = 0;
	galley_buf_puts(b, "[");
	while (pdf_array_next(&p, o->text + o->len, &v, &ve)) {
		galley_buf_puts(b, "\n  ");
		galley_buf_put(b, v, (size_t)(ve - v));
		count++;
	}
	for (size_t i = 0; i < n; i++) {
		for (; count < r[i].key; count++)
			galley_buf_puts(b, "\n  null");
		S_printf(b, "\n  %d 0 R", r[i].fig);
		count++;
	}
	galley_buf_puts(b, "\n]\nendobj\n");
	free(r);
}

static int S_by_key(const void *pa, const void *pb)
{
	const struct fig_rec *a = pa, *b = pb;
	return a->key != b->key ? (a->key < b->key ? -1 : 1) : 0;
}

static void S_put_figs(galley_buf *b, const struct fig_rec *r, size_t n, int key, int before,
                       char *done)
{
	struct fig_rec k = {0, key, 0, 0, 0};
	const struct fig_rec *hit = bsearch(&k, r, n, sizeof *r, S_by_key);
	if (!hit)
		return;
	while (hit > r && hit[-1].key == key)
		hit--;
	for (; hit < r + n && hit->key == key; hit++) {
		if (hit->before == before && !done[hit - r]) {
			S_printf(b, " %d 0 R", hit->fig);
			done[hit - r] = 1;
		}
	}
}

/* A structure element with its figures among its kids. */
static void S_kids_obj(struct fin *F, const struct pdf_obj *o, galley_buf *b)
{
	static const char *const drop[] = {"/K", NULL}, *const drop_attrs[] = {"/K", "/Lang", "/A",
	                                                                        NULL};
	struct fig_rec *r;
	size_t n = S_recs_of(F, o->num, &r);
	char *done = galley_xcalloc(n + 1, 1);
	/* a stable sort: figures at the same place keep their order */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && r[j - 1].key > r[j].key; j--) {
			struct fig_rec t = r[j];
			r[j] = r[j - 1];
			r[j - 1] = t;
		}
	const char *e = o->text + o->len, *v, *ve;
	S_dict_keep(b, o->text, o->len, S_elem_of(F, o->num) ? drop_attrs : drop);
	galley_buf_puts(b, "\n   /K [");
	if (pdf_dict_get(o->text, e, "/K", &v, &ve)) {
		/* an array of kids, or a single one */
		const char *p = *v == '[' ? v + 1 : v, *k = v, *ke = ve;
		int more = *v == '[' ? pdf_array_next(&p, ve, &k, &ke) : 1;
		while (more) {
			int ref = pdf_ref(k, ke);
			if (ref)
				S_put_figs(b, r, n, ref, 1, done);
			galley_buf_putc(b, ' ');
			galley_buf_put(b, k, (size_t)(ke - k));
			if (ref)
				S_put_figs(b, r, n, ref, 0, done);
			more = *v == '[' && pdf_array_next(&p, ve, &k, &ke);
		}
	}
	for (size_t i = 0; i < n; i++)
		if (!done[i])
			S_printf(b, " %d 0 R", r[i].fig);
	galley_buf_puts(b, " ]");
	S_elem_attrs(F, o->num, b);
	galley_buf_puts(b, "\n>>\nendobj\n");
	free(done);
	free(r);
}

/* An element with its /Lang or attributes (and figures, if it has any). */
static void S_elem_obj(struct fin *F, const struct pdf_obj *o, galley_buf *b)
{
	static const char *const drop[] = {"/Lang", "/A", NULL};
	if (S_has_figs(F, o->num)) {
		S_kids_obj(F, o, b);
		return;
	}
	S_dict_keep(b, o->text, o->len, drop);
	S_elem_attrs(F, o->num, b);
	galley_buf_puts(b, "\n>>\nendobj\n");
}

/* ---- streams cairo left without a filter ---- */

/* cairo deflates the pages' content streams, its ToUnicode maps and its
 * forms unless CAIRO_DEBUG_PDF is set, and the galley program sets it
 * (tools/galley.c): this step rewrites every page's content anyway, and
 * inflating what cairo had deflated only to deflate it again cost 1.4
 * million instructions an article.  Every other stream cairo then leaves
 * plain is deflated here, at the level of the pages' contents (on the
 * corpus's ToUnicode maps it gives 2 % fewer bytes than cairo's default),
 * in the form cairo gives a deflated stream: "/Filter /FlateDecode" on
 * the line after /Length, the length object that follows the stream
 * written again.  Without the variable there is nothing to do. */

/* Whether object NUM may be a stream: most objects are structure
 * elements, and a look for "stream" before "endobj" in their first bytes
 * costs a tenth of parsing them. */
static int S_maybe_stream(struct fin *F, int num)
{
	char head[512];
	off_t off = pdf_src_offset(F->s, num);
	size_t n = off < 0 ? 0 : pdf_src_read(F->s, off, head, sizeof head);
	if (n == 0)
		return 0;
	const char *st = memmem(head, n, "stream", 6), *end = memmem(head, n, "endobj", 6);
	return !end || (st && st < end);
}

static void S_plain_scan(struct fin *F)
{
	size_t page = 0;   /* cairo numbers the pages' contents in order */
	for (int num = 1; num < F->s->n_objs; num++) {
		struct pdf_obj o;
		const char *v, *ve;
		while (page < F->n_pages && F->pages[page].content < num)
			page++;
		/* a page's content is written anew already (SP_CONTENT) */
		if ((page < F->n_pages && F->pages[page].content == num) || !S_maybe_stream(F, num) ||
		    pdf_obj_head(F->s, num, &o) < 0)
			continue;
		if (o.stream && !pdf_dict_get(o.text, o.text + o.len, "/Filter", &v, &ve) &&
		    !pdf_dict_get(o.text, o.text + o.len, "/DecodeParms", &v, &ve))
			S_schedule(F, num, SP_PLAIN, 0);
		pdf_obj_free(&o);
	}
	F->s->why = NULL;
}

static void S_plain(struct fin *F, const struct pdf_obj *o, galley_buf *b)
{
	const char *e = o->text + o->len, *v, *ve;
	if (o->off < F->src_pos || !pdf_dict_get(o->text, e, "/Length", &v, &ve))
		return;   /* written already: a page's content */
	size_t len = 0, zlen = 0;
	unsigned char *data = pdf_stream_data(F->s, o, &len);
	unsigned char *z = data ? S_deflate(data, len, &zlen) : NULL;
	if (z) {
		int ref = pdf_ref(v, ve);
		/* a length object after the stream is written again; any other
		 * length becomes a number */
		int indirect = ref && pdf_src_offset(F->s, ref) > o->off && zlen <= INT_MAX;
		S_replace_begin(F, o);
		S_obj_begin(F, b, o->num);
		galley_buf_put(b, o->text, (size_t)(v - o->text));
		if (indirect)
			galley_buf_put(b, v, (size_t)(ve - v));
		else
			S_printf(b, "%zu", zlen);
		if (ve < e && *ve == '\n')
			galley_buf_put(b, ve++, 1);
		galley_buf_puts(b, ve > v && ve[-1] == '\n' ? "   /Filter /FlateDecode\n"
		                                            : " /Filter /FlateDecode");
		galley_buf_put(b, ve, (size_t)(e - ve));
		galley_buf_puts(b, "\nstream\n");
		S_put_buf(F, b);
		S_put(F, z, zlen);
		galley_buf_puts(b, "\nendstream\nendobj");
		S_put_buf(F, b);
		S_replace_end(F);
		if (indirect)
			S_schedule(F, ref, SP_LENGTH, (int)zlen);
	}
	free(z);
	free(data);
}

/* A stream's length object, as cairo writes it. */
static void S_length_obj(struct fin *F, const struct pdf_obj *o, int len, galley_buf *b)
{
	S_replace_begin(F, o);
	S_obj_begin(F, b, o->num);
	S_printf(b, "   %d\nendobj", len);
	S_put_buf(F, b);
	S_replace_end(F);
}

/* Write special SP anew (or leave it as it is). */
static void S_special(struct fin *F, const struct special *sp, galley_buf *b)
{
	struct pdf_obj o;
	if (pdf_obj_read(F->s, sp->obj, &o) < 0) {
		F->why = F->s->why;
		return;
	}
	if (sp->kind == SP_PLAIN || sp->kind == SP_LENGTH) {
		if (sp->kind == SP_PLAIN && o.stream)
			S_plain(F, &o, b);
		else if (sp->kind == SP_LENGTH && !o.stream && pdf_int(o.text, o.text + o.len, -1) >= 0)
			S_length_obj(F, &o, sp->page, b);
		pdf_obj_free(&o);
		return;
	}
	if (sp->kind == SP_CONTENT) {
		/* images are counted in the pages' order */
		if ((size_t)sp->page < F->next_page)
			F->why = "the pages' contents out of the pages' order";
		else
			S_content(F, &o, sp->page, b);
		F->next_page = (size_t)sp->page + 1;
		pdf_obj_free(&o);
		return;
	}
	int is_dict = o.len >= 2 && o.text[0] == '<' && o.text[1] == '<';
	int is_array = o.len >= 1 && o.text[0] == '[';
	if (o.stream || (sp->kind == SP_PARENTS ? !is_array : !is_dict)) {
		pdf_obj_free(&o);
		return;   /* not what cairo writes: left alone */
	}
	S_replace_begin(F, &o);
	S_obj_begin(F, b, o.num);
	switch (sp->kind) {
	case SP_CATALOG: S_catalog(F, &o, b); break;
	case SP_INFO: S_info(F, &o, b); break;
	case SP_PAGE: S_page(F, &o, b); break;
	case SP_ANNOT: S_annot(F, &o, b); break;
	case SP_PARENTS: S_parents_obj(F, &o, b); break;
	default: S_elem_obj(F, &o, b); break;
	}
	S_put_buf(F, b);
	S_replace_end(F);
	pdf_obj_free(&o);
}

/* ---- the end: new objects, cross-reference table, trailer ---- */

static off_t S_moved(const struct fin *F, off_t off)
{
	size_t lo = 0, hi = F->n_moves;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (F->moves[mid].off <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return off;
	const struct move *m = &F->moves[lo - 1];
	return off + (m->off == off ? m->before : m->after);
}

static void S_new_objects(struct fin *F, galley_buf *b, const unsigned char *icc,
                          size_t icc_len)
{
	struct pdf_xmp m = {F->title, F->author, F->subject, F->keywords, F->creator, F->producer,
	                    F->xmp_date, F->f->lang, F->icc != 0};
	char *xmp = galley_pdf_xmp(&m);
	S_stream(F, b, F->xmp, " /Type /Metadata /Subtype /XML", (const unsigned char *)xmp,
	         strlen(xmp), 0);
	free(xmp);
	if (F->icc)
		S_stream(F, b, F->icc, " /N 3 /Filter /FlateDecode", icc, icc_len, 0);
}

static void S_xref(struct fin *F, galley_buf *b)
{
	off_t xref = F->out_pos;
	int size = F->s->n_objs + (int)F->n_new;
	S_printf(b, "xref\n0 %d\n", size);
	S_put_buf(F, b);
	char chunk[20 * 512];
	for (int i = 0; i < F->s->n_objs && !F->err; i += 512) {
		int k = F->s->n_objs - i < 512 ? F->s->n_objs - i : 512;
		if (pdf_src_read(F->s, F->s->entries + (off_t)i * 20, chunk, (size_t)k * 20) !=
		    (size_t)k * 20) {
			F->why = "a cross-reference table cut short";
			return;
		}
		for (int j = 0; j < k; j++) {
			char *e = chunk + j * 20;
			if (e[17] == 'n') {
				char num[11];
				memcpy(num, e, 10);
				num[10] = '\0';
				char off[12];
				snprintf(off, sizeof off, "%010lld",
				         (long long)S_moved(F, (off_t)strtoll(num, NULL, 10)));
				memcpy(e, off, 10);
			}
		}
		S_put(F, chunk, (size_t)k * 20);
	}
	for (size_t i = 0; i < F->n_new; i++)
		S_printf(b, "%010lld 00000 n \n", (long long)F->new_offs[i]);
	S_put_buf(F, b);
	/* the ID: a digest of the file, so that the same input gives the same
	 * bytes */
	const char *id = F->id = g_checksum_get_string(F->md5);
	S_printf(b, "trailer\n<< /Size %d\n   /Root %d 0 R\n", size, F->s->root);
	if (F->s->info)
		S_printf(b, "   /Info %d 0 R\n", F->s->info);
	S_printf(b, "   /ID [ <%s> <%s> ]\n>>\nstartxref\n%lld\n%%%%EOF\n", id, id, (long long)xref);
	S_put_buf(F, b);
}

static void S_free(struct fin *F)
{
	free(F->heap);
	free(F->pages);
	free(F->ptree);
	free(F->moves);
	free(F->new_offs);
	free(F->recs);
	free(F->elems);
	free(F->title);
	free(F->author);
	free(F->subject);
	free(F->keywords);
	free(F->creator);
	free(F->producer);
	if (F->md5)
		g_checksum_free(F->md5);
}

/* Read the catalog, the pages and the parent tree; what is to change. */
static int S_plan(struct fin *F)
{
	struct pdf_obj root;
	const char *v, *ve;
	if (pdf_obj_read(F->s, F->s->root, &root) < 0)
		return -1;
	S_parent_tree(F, &root);
	int pages = pdf_dict_get(root.text, root.text + root.len, "/Pages", &v, &ve)
	          ? pdf_ref(v, ve) : 0;
	pdf_obj_free(&root);
	if (!pages || S_pages(F, pages, 0) < 0) {
		F->s->why = "no page tree";
		return -1;
	}
	S_schedule(F, F->s->root, SP_CATALOG, 0);
	S_info_read(F);
	S_plain_scan(F);
	return 0;
}

static int S_run(struct fin *F)
{
	size_t icc_len = 0;
	const unsigned char *icc = S_icc(F->diag, &icc_len);
	F->xmp = S_new_obj(F);
	F->icc = icc ? S_new_obj(F) : 0;
	if (S_plan(F) < 0) {
		F->why = F->s->why;
		return -1;
	}
	galley_buf b = GALLEY_BUF_INIT;
	while (F->n_heap && !F->err && !F->why) {
		struct special sp = S_next(F);
		S_special(F, &sp, &b);
	}
	S_copy_to(F, F->s->xref);
	if (!F->err && !F->why) {
		S_new_objects(F, &b, icc, icc_len);
		S_xref(F, &b);
	}
	galley_buf_free(&b);
	return F->err || F->why ? -1 : 0;
}

int galley_pdf_finish(const struct pdf_raw *raw, const struct pdf_finish *f, FILE *out,
                      int *write_err, galley_diag *diag)
{
	struct pdf_src s;
	struct fin F;
	memset(&F, 0, sizeof F);
	memset(F.bucket, 0xff, sizeof F.bucket);
	memset(F.elem_bucket, 0xff, sizeof F.elem_bucket);
	F.s = &s;
	F.f = f;
	F.diag = diag;
	F.out = out;
	F.md5 = g_checksum_new(G_CHECKSUM_MD5);
	int rc = pdf_src_open(&s, raw);
	if (rc < 0)
		F.why = s.why;
	else
		rc = S_run(&F);
	if (F.err)
		*write_err = F.err;
	else if (rc < 0)
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "cannot finish the PDF: cairo's "
		                   "output has %s", F.why ? F.why : "something unexpected");
	pdf_src_close(&s);
	S_free(&F);
	return rc;
}
