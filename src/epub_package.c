/* epub_package.c — the OCF zip container: mimetype first and stored, container.xml, then every part, with fixed times.
 *
 * The zip is written with minizip (zlib's own zip writer, on zlib alone),
 * not libzip: Debian's libzip links OpenSSL's libcrypto for encryption an
 * EPUB never uses, and binding libcrypto's four thousand symbols at start-up
 * cost a quarter of a one-article EPUB (issue 21). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <minizip/zip.h>

#include "epub.h"

/* zlib's fastest level: for XHTML it costs 6 % in size against level 6 and
 * saves a quarter of a digest's time (issue 4: under 1 ms an article). */
#define EPUB_DEFLATE_LEVEL 1

static const char S_mimetype[] = "application/epub+zip";

struct package {
	struct epub_book *book;
	zipFile zip;
	unsigned long dos_time;   /* MS-DOS date << 16 | time */
	int saved_errno;          /* of the first failed write, for the message */
};

/* Entry times in MS-DOS form from the book's time, in UTC: a conversion in
 * the local time zone would make the bytes depend on where the book was
 * made. */
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
	unsigned long time = (unsigned long)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
	unsigned long date = (unsigned long)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) |
	                                     tm.tm_mday);
	p->dos_time = date << 16 | time;
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

/* General purpose flag bit 11: the name is UTF-8 (APPNOTE 4.4.4), said
 * only of a name that is not plain ASCII. */
static unsigned long S_name_flags(const char *name)
{
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p >= 0x80)
			return 1ul << 11;
	return 0;
}

static int S_add(struct package *p, const char *name, const char *data, size_t len,
                 const char *media_type)
{
	/* a plain file, rw-rw-rw- (UNIX mode in the high half) */
	zip_fileinfo info = {.dosDate = p->dos_time, .external_fa = 0100666ul << 16};
	int store = S_store(media_type, len);
	/* raw deflate, a window of 32 KiB and zlib's largest memory level:
	 * the streams libzip wrote */
	if (zipOpenNewFileInZip4_64(p->zip, name, &info, NULL, 0, NULL, 0, NULL,
	                            store ? 0 : Z_DEFLATED, store ? 0 : EPUB_DEFLATE_LEVEL, 0,
	                            -MAX_WBITS, MAX_MEM_LEVEL, Z_DEFAULT_STRATEGY, NULL, 0,
	                            /* made by: UNIX, APPNOTE 6.3 */ 3 << 8 | 63,
	                            S_name_flags(name), len >= 0xffffffffu) != ZIP_OK)
		return -1;
	int rc = ZIP_OK;
	for (size_t at = 0; rc == ZIP_OK && at < len;) {
		unsigned piece = len - at > (1u << 30) ? 1u << 30 : (unsigned)(len - at);
		rc = zipWriteInFileInZip(p->zip, data + at, piece);
		at += piece;
	}
	if (rc != ZIP_OK && errno)
		p->saved_errno = errno;
	return zipCloseFileInZip(p->zip) == ZIP_OK && rc == ZIP_OK ? 0 : -1;
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
		/* a long book's XHTML is read back one part at a time */
		char *data = f->data ? f->data : epub_spool_load(b, f);
		int rc = data ? S_add(p, name, data, f->len, f->media_type) : -1;
		if (data != f->data)
			free(data);
		free(name);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* minizip's file functions, but the file is opened and closed as galley
 * opens and closes every output (src/output.c): a full disk shows at the
 * close. */
static voidpf ZCALLBACK S_open(voidpf opaque, const void *path, int mode)
{
	(void)opaque;
	(void)mode;
	return galley_open_write(path);
}

static int ZCALLBACK S_close(voidpf opaque, voidpf stream)
{
	struct package *p = opaque;
	if (galley_close_write(stream) != 0) {
		if (!p->saved_errno)
			p->saved_errno = errno;
		return -1;
	}
	return 0;
}

/* The archive is written to PATH (a temporary file of galley_write_atomic)
 * as it is made, part after part: a digest's archive is never held whole
 * in memory (issue 21). */
int epub_package_write(struct epub_book *b, const char *path, char *opf, size_t opf_len)
{
	struct package p = {b, NULL, 0, 0};
	S_dos_time(&p);
	zlib_filefunc64_def io;
	fill_fopen64_filefunc(&io);
	io.zopen64_file = S_open;
	io.zclose_file = S_close;
	io.opaque = &p;
	errno = 0;
	p.zip = zipOpen2_64(path, APPEND_STATUS_CREATE, NULL, &io);
	if (!p.zip) {
		galley_diag_report(b->diag, GALLEY_DIAG_SYSERR, 0, "cannot create the EPUB: %s",
		                   strerror(errno ? errno : EIO));
		free(opf);
		return -1;
	}
	size_t container_len;
	char *container = S_container(&container_len);
	errno = 0;
	int rc = S_add_all(&p, container, container_len, opf, opf_len);
	if (rc != 0 && !p.saved_errno)
		p.saved_errno = errno;
	if (zipClose(p.zip, NULL) != ZIP_OK)
		rc = -1;
	if (rc != 0)
		galley_diag_report(b->diag, GALLEY_DIAG_SYSERR, 0, "cannot write the EPUB: %s",
		                   strerror(p.saved_errno ? p.saved_errno : EIO));
	free(container);
	free(opf);
	return rc;
}
