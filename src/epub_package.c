/* epub_package.c — the OCF zip container: mimetype first and stored, container.xml, then every part, with fixed times. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "epub.h"

/* zlib's fastest level: for XHTML it costs 6 % in size against level 6 and
 * saves a quarter of a digest's time (issue 4: under 1 ms an article). */
#define EPUB_DEFLATE_LEVEL 1

static const char S_mimetype[] = "application/epub+zip";

struct package {
	struct epub_book *book;
	zip_t *zip;
	zip_uint16_t dos_time, dos_date;
};

/* Entry times in MS-DOS form from the book's time, in UTC: libzip's own
 * conversion uses the local time zone, which would make the bytes depend on
 * where the book was made. */
static void S_dos_time(struct package *p)
{
	struct tm tm;
	gmtime_r(&p->book->now, &tm);
	if (tm.tm_year < 80) {
		/* the format starts in 1980 */
		tm.tm_year = 80;
		tm.tm_mon = 0;
		tm.tm_mday = 1;
		tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	}
	if (tm.tm_year > 207)
		tm.tm_year = 207;
	p->dos_time = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
	p->dos_date = (zip_uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

/* A part under this size is stored: deflate would save a few hundred bytes
 * and cost more than writing the part (a fresh 256 KiB zlib state each). */
#define EPUB_STORE_BELOW 1024

/* Small parts, and images and fonts in compressed formats, which gain
 * nothing from deflate, are stored. */
static int S_store(const char *media_type, size_t len)
{
	return len < EPUB_STORE_BELOW || strcmp(media_type, "image/png") == 0 ||
	       strcmp(media_type, "image/jpeg") == 0 || strcmp(media_type, "image/gif") == 0 ||
	       strcmp(media_type, "font/woff2") == 0 || strcmp(media_type, "application/epub+zip") == 0;
}

static int S_add(struct package *p, const char *name, const char *data, size_t len,
                 const char *media_type)
{
	zip_source_t *src = zip_source_buffer(p->zip, data, len, 0);
	if (!src)
		return -1;
	zip_int64_t idx = zip_file_add(p->zip, name, src, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(src);
		return -1;
	}
	zip_uint64_t i = (zip_uint64_t)idx;
	int rc = S_store(media_type, len) ? zip_set_file_compression(p->zip, i, ZIP_CM_STORE, 0)
	                             : zip_set_file_compression(p->zip, i, ZIP_CM_DEFLATE, EPUB_DEFLATE_LEVEL);
	if (rc == 0)
		rc = zip_file_set_dostime(p->zip, i, p->dos_time, p->dos_date, 0);
	return rc;
}

static char *S_container(size_t *len)
{
	xmlBufferPtr buf;
	xmlTextWriterPtr w = epub_xml_open(&buf);
	xmlTextWriterStartElement(w, BAD_CAST "container");
	epub_xml_attr(w, "version", "1.0");
	epub_xml_attr(w, "xmlns", "urn:oasis:names:tc:opendocument:xmlns:container");
	xmlTextWriterStartElement(w, BAD_CAST "rootfiles");
	xmlTextWriterStartElement(w, BAD_CAST "rootfile");
	epub_xml_attr(w, "full-path", EPUB_DIR "package.opf");
	epub_xml_attr(w, "media-type", "application/oebps-package+xml");
	return epub_xml_close(w, buf, len);
}

static int S_add_all(struct package *p, const char *container, size_t container_len,
                     const char *opf, size_t opf_len)
{
	struct epub_book *b = p->book;
	/* mimetype first and stored: readers identify the format by it
	 * (OCF 3.0, 4.3) */
	if (S_add(p, "mimetype", S_mimetype, strlen(S_mimetype), "application/epub+zip") != 0 ||
	    S_add(p, "META-INF/container.xml", container, container_len, "application/xml") != 0 ||
	    S_add(p, EPUB_DIR "package.opf", opf, opf_len, "application/oebps-package+xml") != 0)
		return -1;
	for (size_t i = 0; i < b->n_files; i++) {
		struct epub_file *f = &b->files[i];
		char *name = galley_xasprintf(EPUB_DIR "%s", f->href);
		int rc = S_add(p, name, f->data, f->len, f->media_type);
		free(name);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* Save the archive held by the buffer source MEM to PATH, a piece at a
 * time: a digest's archive is not copied whole (issue 21). */
static int S_save(zip_source_t *mem, const char *path, galley_diag *diag)
{
	if (zip_source_open(mem) != 0) {
		galley_diag_report(diag, GALLEY_DIAG_SYSERR, 0, "cannot build the EPUB: %s",
		                   zip_error_strerror(zip_source_error(mem)));
		return -1;
	}
	FILE *f = galley_open_write(path);
	int rc = f ? 0 : -1, saved = errno;
	char buf[1 << 16];
	zip_int64_t got;
	while (rc == 0 && (got = zip_source_read(mem, buf, sizeof buf)) != 0) {
		errno = 0;
		if (got < 0 || fwrite(buf, 1, (size_t)got, f) != (size_t)got) {
			saved = got < 0 ? EIO : errno ? errno : EIO;
			rc = -1;
		}
	}
	zip_source_close(mem);
	if (f && galley_close_write(f) != 0 && rc == 0) {
		saved = errno;
		rc = -1;
	}
	if (rc != 0)
		galley_diag_report(diag, GALLEY_DIAG_SYSERR, 0, "cannot write the EPUB: %s",
		                   strerror(saved));
	return rc;
}

/* The archive is built in memory and then written to PATH (a temporary
 * file of galley_write_atomic): zip_close on a file would make a second
 * temporary file with a random name, and seeding libzip's random source
 * costs more than deflating a whole article. */
int epub_package_write(struct epub_book *b, const char *path, char *opf, size_t opf_len)
{
	struct package p = {b, NULL, 0, 0};
	S_dos_time(&p);
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (mem)
		p.zip = zip_open_from_source(mem, ZIP_CREATE | ZIP_TRUNCATE, &ze);
	if (!p.zip) {
		galley_diag_report(b->diag, GALLEY_DIAG_SYSERR, 0, "cannot create the EPUB: %s",
		                   zip_error_strerror(&ze));
		zip_error_fini(&ze);
		zip_source_free(mem);
		free(opf);
		return -1;
	}
	zip_error_fini(&ze);
	zip_source_keep(mem);   /* it outlives zip_close, which fills it */
	size_t container_len;
	char *container = S_container(&container_len);
	int rc = S_add_all(&p, container, container_len, opf, opf_len);
	if (rc != 0) {
		galley_diag_report(b->diag, GALLEY_DIAG_SYSERR, 0, "cannot build the EPUB: %s",
		                   zip_strerror(p.zip));
		zip_discard(p.zip);
	} else if (zip_close(p.zip) != 0) {
		galley_diag_report(b->diag, GALLEY_DIAG_SYSERR, 0, "cannot build the EPUB: %s",
		                   zip_strerror(p.zip));
		zip_discard(p.zip);
		rc = -1;
	} else {
		rc = S_save(mem, path, b->diag);
	}
	zip_source_free(mem);
	free(container);
	free(opf);
	return rc;
}
