/* pdf_finish.c — the finishing step after cairo, and the one file that
 * knows libqpdf: it adds what PDF/UA-1, PDF/A-2u and print shops look for
 * and cairo 1.16 cannot write (issue 16): the language, XMP metadata, an
 * sRGB output intent, DisplayDocTitle, a document ID, page labels, trim and
 * bleed boxes, printable link annotations in tab order, artifacts and
 * figures with their alt text. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <qpdf/qpdf-c.h>

#include "pdf.h"

/* The sRGB profile of Debian's icc-profiles-free (make deps). */
#ifndef GALLEY_SRGB_ICC
#define GALLEY_SRGB_ICC "/usr/share/color/icc/sRGB.icc"
#endif
#define ICC_MAX ((size_t)1 << 20)

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

/* A name's string value in dictionary D (UTF-8, kept by qpdf), or NULL. */
static const char *S_text(qpdf_data q, qpdf_oh d, const char *key)
{
	qpdf_oh v = qpdf_oh_get_key(q, d, key);
	return qpdf_oh_is_string(q, v) ? qpdf_oh_get_utf8_value(q, v) : NULL;
}

static char *S_dup(const char *s)
{
	return s ? galley_xstrdup(s) : NULL;
}

/* Info and XMP with the same title, author, dates and producer. */
static void S_metadata(qpdf_data q, qpdf_oh root, const struct pdf_finish *f, int pdfa)
{
	qpdf_oh info = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
	if (!qpdf_oh_is_dictionary(q, info)) {
		info = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
		qpdf_oh_replace_key(q, qpdf_get_trailer(q), "/Info", info);
	}
	time_t now = S_now();
	struct tm tm;
	char pdf_date[40] = "", xmp_date[40] = "";
	if (gmtime_r(&now, &tm)) {
		strftime(pdf_date, sizeof pdf_date, "D:%Y%m%d%H%M%S+00'00'", &tm);
		strftime(xmp_date, sizeof xmp_date, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
	}
	char *producer = galley_xasprintf("galley %s (cairo %s, qpdf %s)", GALLEY_VERSION,
	                                  cairo_version_string(), qpdf_get_qpdf_version());
	qpdf_oh_replace_key(q, info, "/Producer", qpdf_oh_new_unicode_string(q, producer));
	qpdf_oh_replace_key(q, info, "/CreationDate", qpdf_oh_new_string(q, pdf_date));
	qpdf_oh_replace_key(q, info, "/ModDate", qpdf_oh_new_string(q, pdf_date));
	/* qpdf's strings last only until its next call: copy them */
	char *title = S_dup(S_text(q, info, "/Title")), *author = S_dup(S_text(q, info, "/Author"));
	char *subject = S_dup(S_text(q, info, "/Subject"));
	char *keywords = S_dup(S_text(q, info, "/Keywords"));
	char *creator = S_dup(S_text(q, info, "/Creator"));
	struct pdf_xmp m = {title, author, subject, keywords, creator, producer,
	                    xmp_date, f->lang, pdfa};
	char *xmp = galley_pdf_xmp(&m);
	qpdf_oh st = qpdf_oh_new_stream(q);
	qpdf_oh_replace_stream_data(q, st, (const unsigned char *)xmp, strlen(xmp),
	                            qpdf_oh_new_null(q), qpdf_oh_new_null(q));
	qpdf_oh d = qpdf_oh_get_dict(q, st);
	qpdf_oh_replace_key(q, d, "/Type", qpdf_oh_new_name(q, "/Metadata"));
	qpdf_oh_replace_key(q, d, "/Subtype", qpdf_oh_new_name(q, "/XML"));
	qpdf_oh_replace_key(q, root, "/Metadata", st);
	free(xmp);
	free(title);
	free(author);
	free(subject);
	free(keywords);
	free(creator);
	free(producer);
}

/* The sRGB output intent; 0, or -1 when the profile cannot be read. */
static int S_output_intent(qpdf_data q, qpdf_oh root, galley_diag *diag)
{
	FILE *fp = fopen(GALLEY_SRGB_ICC, "rb");
	unsigned char *icc = malloc(ICC_MAX);
	size_t n = fp && icc ? fread(icc, 1, ICC_MAX, fp) : 0;
	if (fp)
		fclose(fp);
	if (n < 128 || n == ICC_MAX) {
		galley_diag_report(diag, GALLEY_DIAG_WARNING, 0, "cannot read the sRGB profile %s "
		                   "(Debian package icc-profiles-free): the PDF is not PDF/A",
		                   GALLEY_SRGB_ICC);
		free(icc);
		return -1;
	}
	qpdf_oh st = qpdf_oh_new_stream(q);
	qpdf_oh_replace_stream_data(q, st, icc, n, qpdf_oh_new_null(q), qpdf_oh_new_null(q));
	free(icc);
	qpdf_oh_replace_key(q, qpdf_oh_get_dict(q, st), "/N", qpdf_oh_new_integer(q, 3));
	qpdf_oh oi = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, oi, "/Type", qpdf_oh_new_name(q, "/OutputIntent"));
	qpdf_oh_replace_key(q, oi, "/S", qpdf_oh_new_name(q, "/GTS_PDFA1"));
	qpdf_oh_replace_key(q, oi, "/OutputConditionIdentifier",
	                    qpdf_oh_new_string(q, "sRGB IEC61966-2.1"));
	qpdf_oh_replace_key(q, oi, "/Info", qpdf_oh_new_string(q, "sRGB IEC61966-2.1"));
	qpdf_oh_replace_key(q, oi, "/DestOutputProfile", st);
	qpdf_oh_replace_key(q, root, "/OutputIntents", qpdf_oh_wrap_in_array(q, oi));
	return 0;
}

static void S_catalog(qpdf_data q, qpdf_oh root, const struct pdf_finish *f)
{
	if (f->lang && *f->lang)
		qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_unicode_string(q, f->lang));
	qpdf_oh vp = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, vp, "/DisplayDocTitle", qpdf_oh_new_bool(q, 1));
	qpdf_oh_replace_key(q, root, "/ViewerPreferences", vp);
	if (f->front > 0) {
		/* a digest's title and contents pages are i, ii; the articles'
		 * labels match the folios printed on them */
		qpdf_oh nums = qpdf_oh_new_array(q), roman = qpdf_oh_new_dictionary(q);
		qpdf_oh arabic = qpdf_oh_new_dictionary(q), labels = qpdf_oh_new_dictionary(q);
		qpdf_oh_replace_key(q, roman, "/S", qpdf_oh_new_name(q, "/r"));
		qpdf_oh_replace_key(q, arabic, "/S", qpdf_oh_new_name(q, "/D"));
		qpdf_oh_replace_key(q, arabic, "/St", qpdf_oh_new_integer(q, f->front + 1));
		qpdf_oh_append_item(q, nums, qpdf_oh_new_integer(q, 0));
		qpdf_oh_append_item(q, nums, roman);
		qpdf_oh_append_item(q, nums, qpdf_oh_new_integer(q, f->front));
		qpdf_oh_append_item(q, nums, arabic);
		qpdf_oh_replace_key(q, labels, "/Nums", nums);
		qpdf_oh_replace_key(q, root, "/PageLabels", labels);
	}
}

static qpdf_oh S_box(qpdf_data q, double x0, double y0, double x1, double y1)
{
	qpdf_oh a = qpdf_oh_new_array(q);
	double v[4] = {x0, y0, x1, y1};
	for (int i = 0; i < 4; i++)
		qpdf_oh_append_item(q, a, qpdf_oh_new_real_from_double(q, v[i], 3));
	return a;
}

/* Links printable (PDF/A) with a description (PDF/UA), and the page's tab
 * order that of its structure. */
static void S_annots(qpdf_data q, qpdf_oh page)
{
	qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
	int n = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
	if (n == 0)
		return;
	qpdf_oh_replace_key(q, page, "/Tabs", qpdf_oh_new_name(q, "/S"));
	for (int i = 0; i < n; i++) {
		qpdf_oh a = qpdf_oh_get_array_item(q, annots, i);
		qpdf_oh_replace_key(q, a, "/F", qpdf_oh_new_integer(q, 4));
		if (qpdf_oh_has_key(q, a, "/Contents"))
			continue;
		qpdf_oh act = qpdf_oh_get_key(q, a, "/A");
		char *uri = S_dup(S_text(q, act, "/URI"));
		char *text = uri ? galley_xasprintf("Link to %s", uri) : galley_xstrdup("Link");
		qpdf_oh_replace_key(q, a, "/Contents", qpdf_oh_new_unicode_string(q, text));
		free(text);
		free(uri);
	}
}

struct page_res {
	qpdf_data q;
	qpdf_oh xobjects;
};

static int S_is_image(const char *name, size_t n, void *ud)
{
	struct page_res *r = ud;
	char key[128];
	if (n + 2 > sizeof key)
		return 0;
	key[0] = '/';
	memcpy(key + 1, name, n);
	key[n + 1] = '\0';
	qpdf_oh x = qpdf_oh_get_key(r->q, r->xobjects, key);
	if (!qpdf_oh_is_stream(r->q, x))
		return 0;
	qpdf_oh type = qpdf_oh_get_key(r->q, qpdf_oh_get_dict(r->q, x), "/Subtype");
	/* a form: an SVG image's vectors (the page itself draws no other) */
	return qpdf_oh_is_name_and_equals(r->q, type, "/Image") ||
	       qpdf_oh_is_name_and_equals(r->q, type, "/Form");
}

/* The parent tree's array for a page's marked content, or an
 * uninitialised handle. */
static qpdf_oh S_page_parents(qpdf_data q, qpdf_oh root, qpdf_oh page)
{
	qpdf_oh key = qpdf_oh_get_key(q, page, "/StructParents");
	qpdf_oh tree = qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/StructTreeRoot"), "/ParentTree");
	qpdf_oh nums = qpdf_oh_get_key(q, tree, "/Nums");
	if (!qpdf_oh_is_integer(q, key) || !qpdf_oh_is_array(q, nums))
		return qpdf_oh_new_uninitialized(q);
	long long want = qpdf_oh_get_int_value(q, key);
	int n = qpdf_oh_get_array_n_items(q, nums);
	/* cairo numbers the pages' entries 0, 1, 2...: look there first, so
	 * that a long digest is not searched once per page */
	if (want >= 0 && want < n / 2 &&
	    qpdf_oh_get_int_value(q, qpdf_oh_get_array_item(q, nums, (int)want * 2)) == want) {
		qpdf_oh a = qpdf_oh_get_array_item(q, nums, (int)want * 2 + 1);
		if (qpdf_oh_is_array(q, a))
			return a;
	}
	for (int i = 0; i + 1 < n; i += 2) {
		if (qpdf_oh_get_int_value(q, qpdf_oh_get_array_item(q, nums, i)) == want) {
			qpdf_oh a = qpdf_oh_get_array_item(q, nums, i + 1);
			if (qpdf_oh_is_array(q, a))
				return a;
		}
	}
	return qpdf_oh_new_uninitialized(q);
}

static int S_same(qpdf_data q, qpdf_oh a, qpdf_oh b)
{
	return qpdf_oh_get_object_id(q, a) != 0 && qpdf_oh_get_object_id(q, a) ==
	       qpdf_oh_get_object_id(q, b);
}

/* A Figure to be put among its parent's kids before the kid at AT of the
 * kids cairo wrote.  The kids arrays are rebuilt once, after the pages
 * (S_insert_figures): a digest's document element has hundreds of
 * thousands of kids, too many to insert into one figure at a time. */
struct fig_insert {
	int parent, at, elem;    /* object ids; AT an index into the parent's kids */
	size_t order;
};

struct figures {
	struct fig_insert *ins;
	size_t n, cap;
	int parent;              /* the parent of the last figure, and */
	int hint;                /* the index of its neighbour among the kids */
};

/* The index of NEXT among KIDS (K items), looked for from HINT on: the
 * pages come in reading order, so the next figure's neighbour is near the
 * last one's. */
static int S_kid_index(qpdf_data q, qpdf_oh kids, int k, qpdf_oh next, int hint)
{
	if (hint < 0 || hint >= k)
		hint = 0;
	for (int n = 0; n < k; n++) {
		int i = (hint + n) % k;
		if (S_same(q, qpdf_oh_get_array_item(q, kids, i), next))
			return i;
	}
	return -1;
}

/* A Figure element for FIG, next to the element of the marked content
 * that follows it (or precedes it) in reading order. */
static void S_figure(qpdf_data q, qpdf_oh page, qpdf_oh parents,
                     const struct pdf_figure_mark *fig, const char *alt, struct figures *fs)
{
	int n = qpdf_oh_get_array_n_items(q, parents);
	int near = fig->after >= 0 && fig->after < n ? fig->after
	         : fig->before >= 0 && fig->before < n ? fig->before : -1;
	if (near < 0)
		return;
	qpdf_oh next = qpdf_oh_get_array_item(q, parents, near);
	qpdf_oh parent = qpdf_oh_get_key(q, next, "/P");
	qpdf_oh kids = qpdf_oh_get_key(q, parent, "/K");
	int pid = qpdf_oh_get_object_id(q, parent);
	if (!qpdf_oh_is_array(q, kids) || pid == 0)
		return;
	qpdf_oh e = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, e, "/Type", qpdf_oh_new_name(q, "/StructElem"));
	qpdf_oh_replace_key(q, e, "/S", qpdf_oh_new_name(q, "/Figure"));
	qpdf_oh_replace_key(q, e, "/P", parent);
	qpdf_oh_replace_key(q, e, "/Pg", page);
	qpdf_oh_replace_key(q, e, "/K", qpdf_oh_new_integer(q, fig->mcid));
	qpdf_oh_replace_key(q, e, "/Alt", qpdf_oh_new_unicode_string(q, alt));
	e = qpdf_make_indirect_object(q, e);
	int k = qpdf_oh_get_array_n_items(q, kids);
	int i = S_kid_index(q, kids, k, next, pid == fs->parent ? fs->hint : 0);
	fs->parent = pid;
	fs->hint = i;
	int at = i < 0 ? k : near == fig->after ? i : i + 1;
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 16;
		fs->ins = galley_xrealloc(fs->ins, fs->cap * sizeof *fs->ins);
	}
	fs->ins[fs->n] = (struct fig_insert){pid, at, qpdf_oh_get_object_id(q, e), fs->n};
	fs->n++;
	while (qpdf_oh_get_array_n_items(q, parents) < fig->mcid)
		qpdf_oh_append_item(q, parents, qpdf_oh_new_null(q));
	qpdf_oh_append_item(q, parents, e);
}

static int S_by_place(const void *pa, const void *pb)
{
	const struct fig_insert *a = pa, *b = pb;
	if (a->parent != b->parent)
		return a->parent < b->parent ? -1 : 1;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Each parent's kids again, with its figures in their places.  The C API
 * keeps every handle it gives until released: they are released every few
 * thousand kids, the old kids kept meanwhile under a key of the parent. */
static void S_insert_figures(qpdf_data q, struct figures *fs)
{
	if (fs->n == 0)
		return;     /* no figure: fs->ins is NULL, which qsort may not take */
	qsort(fs->ins, fs->n, sizeof *fs->ins, S_by_place);
	for (size_t j = 0; j < fs->n;) {
		int pid = fs->ins[j].parent;
		qpdf_oh parent = qpdf_get_object_by_id(q, pid, 0);
		qpdf_oh old = qpdf_oh_get_key(q, parent, "/K"), all = qpdf_oh_new_array(q);
		qpdf_oh_replace_key(q, parent, "/GalleyOldK", old);
		qpdf_oh_replace_key(q, parent, "/K", all);
		int k = qpdf_oh_get_array_n_items(q, old);
		for (int i = 0; i <= k; i++) {
			if (i % 4096 == 4095) {
				qpdf_oh_release_all(q);
				parent = qpdf_get_object_by_id(q, pid, 0);
				old = qpdf_oh_get_key(q, parent, "/GalleyOldK");
				all = qpdf_oh_get_key(q, parent, "/K");
			}
			for (; j < fs->n && fs->ins[j].parent == pid && fs->ins[j].at == i; j++)
				qpdf_oh_append_item(q, all, qpdf_get_object_by_id(q, fs->ins[j].elem, 0));
			if (i < k)
				qpdf_oh_append_item(q, all, qpdf_oh_get_array_item(q, old, i));
		}
		qpdf_oh_remove_key(q, parent, "/GalleyOldK");
		qpdf_oh_release_all(q);
	}
	free(fs->ins);
}

/* Rewrite PAGE's content with artifacts and figures.  A stream the
 * marker does not understand is left as cairo wrote it. */
static void S_content(qpdf_data q, qpdf_oh root, qpdf_oh page, const struct pdf_finish *f,
                      size_t *next_image, struct figures *fs)
{
	unsigned char *data = NULL;
	size_t len = 0;
	if (qpdf_oh_get_page_content_data(q, page, &data, &len) & QPDF_ERRORS)
		return;
	qpdf_oh parents = S_page_parents(q, root, page);
	int next_mcid = qpdf_oh_is_initialized(q, parents) ? qpdf_oh_get_array_n_items(q, parents) : 0;
	struct page_res res = {q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, page, "/Resources"),
	                                         "/XObject")};
	struct pdf_figure_mark figs[32];
	galley_buf out = GALLEY_BUF_INIT;
	size_t image = *next_image;
	/* figures need the page's place in the structure */
	size_t n_alts = qpdf_oh_is_initialized(q, parents) ? f->n_alts : 0;
	int n = galley_pdf_mark_content((const char *)data, len, &out, S_is_image, &res, f->alts,
	                                n_alts, &image, &next_mcid, figs, 32);
	free(data);
	*next_image = image;
	if (n < 0) {
		galley_buf_free(&out);
		return;
	}
	/* the page's own content stream gets the new data: a new stream would
	 * cost qpdf a walk over every object of the document, per page */
	qpdf_oh st = qpdf_oh_get_key(q, page, "/Contents");
	if (!qpdf_oh_is_stream(q, st)) {
		st = qpdf_oh_new_stream(q);
		qpdf_oh_replace_key(q, page, "/Contents", st);
	}
	qpdf_oh_replace_stream_data(q, st, (const unsigned char *)out.data, out.len,
	                            qpdf_oh_new_null(q), qpdf_oh_new_null(q));
	galley_buf_free(&out);
	for (int i = 0; i < n; i++)
		S_figure(q, page, parents, &figs[i], f->alts[figs[i].image], fs);
}

static void S_pages(qpdf_data q, qpdf_oh root, const struct pdf_finish *f)
{
	int n = qpdf_get_num_pages(q);
	double o = f->offset, b = f->bleed;
	size_t image = 0;
	struct figures fs = {NULL, 0, 0, 0, 0};
	for (int i = 0; i < n; i++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
		if (o > 0) {
			qpdf_oh_replace_key(q, page, "/TrimBox",
			                    S_box(q, o, o, o + f->page_w, o + f->page_h));
			qpdf_oh_replace_key(q, page, "/BleedBox",
			                    S_box(q, o - b, o - b, o + f->page_w + b, o + f->page_h + b));
		}
		S_annots(q, page);
		S_content(q, root, page, f, &image, &fs);
		qpdf_oh_release_all(q);
		root = qpdf_get_root(q);
	}
	S_insert_figures(q, &fs);
}

/* Report qpdf's error, if any; 1 when there was one. */
static int S_failed(qpdf_data q, galley_diag *diag)
{
	if (!qpdf_has_error(q))
		return 0;
	qpdf_error e = qpdf_get_error(q);
	galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "cannot finish the PDF: %s",
	                   qpdf_get_error_full_text(q, e));
	return 1;
}

/* Write the finished document to OUT: from memory when it was read from
 * memory, else through a temporary file, so that a long digest is not
 * held whole. */
static int S_write(qpdf_data q, int spool, FILE *out, int *write_err, galley_diag *diag)
{
	char *done = NULL;
	FILE *tmp = NULL;
	if (spool) {
		if (!(tmp = galley_pdf_spool_open(&done))) {
			galley_diag_report(diag, GALLEY_DIAG_SYSERR, 0, "cannot make a temporary "
			                   "file: %s", strerror(errno));
			return -1;
		}
		qpdf_init_write(q, done);
	} else {
		qpdf_init_write_memory(q);
	}
	/* streams are copied as cairo compressed them; the ID is a digest of
	 * the content, so the same input gives the same file */
	qpdf_set_decode_level(q, qpdf_dl_none);
	qpdf_set_compress_streams(q, 1);
	qpdf_set_deterministic_ID(q, 1);
	qpdf_set_newline_before_endstream(q, 1);
	int rc = -1;
	if (qpdf_write(q) & QPDF_ERRORS) {
		S_failed(q, diag);
	} else if (tmp) {
		rc = galley_pdf_spool_copy(tmp, out, write_err);
		if (rc < 0 && !*write_err)
			galley_diag_report(diag, GALLEY_DIAG_SYSERR, 0, "cannot read the temporary "
			                   "file %s: %s", done, strerror(errno));
	} else {
		size_t n = qpdf_get_buffer_length(q);
		errno = 0;
		if (fwrite(qpdf_get_buffer(q), 1, n, out) == n)
			rc = 0;
		else
			*write_err = errno ? errno : EIO;
	}
	galley_pdf_spool_close(tmp, done);
	return rc;
}

int galley_pdf_finish(const struct pdf_raw *raw, const struct pdf_finish *f, FILE *out,
                      int *write_err, galley_diag *diag)
{
	qpdf_data q = qpdf_init();
	int rc = -1;
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, 1);
	int read;
	if (raw->path) {
		/* qpdf reads objects from the file as it needs them */
		read = qpdf_read(q, raw->path, NULL);
	} else {
		read = qpdf_read_memory(q, "galley.pdf", (const char *)raw->data,
		                        (unsigned long long)raw->len, NULL);
	}
	if (read & QPDF_ERRORS) {
		S_failed(q, diag);
		goto out;
	}
	qpdf_oh root = qpdf_get_root(q);
	int pdfa = S_output_intent(q, root, diag) == 0;
	S_catalog(q, root, f);
	S_metadata(q, root, f, pdfa);
	S_pages(q, qpdf_get_root(q), f);
	if (S_failed(q, diag))
		goto out;
	rc = S_write(q, raw->path != NULL, out, write_err, diag);
out:
	qpdf_cleanup(&q);
	return rc;
}
