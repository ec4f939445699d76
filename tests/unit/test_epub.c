/* test_epub.c — the EPUB back end read back with libzip and libxml2: zip layout, metadata, navigation, images, reproducibility. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>
#include <zlib.h>

#include "galley.h"
#include "epub.h"
#include "fonts.h"

static char S_dir[64];

static const char S_article[] =
	"<galley><article lang=\"en-GB\">"
	"<title>Kim  Open to Restoring Hotlines</title>"
	"<subtitle>A standfirst</subtitle><byline>By Mimi Nguyen Ly</byline>"
	"<date>2021-09-30</date><source>https://example.com/news/kim</source>"
	"<publisher>The Example Times</publisher><creator>Mimi Nguyen Ly</creator>"
	"<creator>Second Author</creator>"
	"<p>Lead with <em>emphasis</em>, <a href=\"https://example.com/a b\">a link</a> and "
	"<a href=\"../local.html\">a relative one</a>.</p>"
	"<h2>Restoring Hotlines</h2><p>Body &amp; more.</p>"
	"<h3>A minor heading</h3><p>Text.</p>"
	"<h2>Accusations From Pyongyang</h2>"
	"<blockquote><p>Quoted.</p><cite>Someone</cite></blockquote>"
	"<pullquote>Pulled.</pullquote>"
	"<figure><img src=\"pic.png\" alt=\"A red square\"/><figcaption>Caption</figcaption></figure>"
	"<figure><img src=\"fake.png\" alt=\"really a JPEG\"/></figure>"
	"<figure><img src=\"../outside.png\" alt=\"x\"/><figcaption>Kept caption</figcaption></figure>"
	"<figure><img src=\"http://example.com/x.png\" alt=\"x\"/></figure>"
	"<figure><img src=\"note.txt\" alt=\"x\"/></figure>"
	"<figure><img src=\"pic.png\" alt=\"again\"/></figure>"
	"<author><name>Mimi Nguyen Ly</name><bio><p>A reporter.</p></bio></author>"
	"</article></galley>";

static galley_node *S_tree(const char *xml)
{
	galley_diag *d = galley_diag_new("test");
	galley_diag_set_quiet(d, 1);
	galley_node *doc = galley_read_xml(xml, strlen(xml), NULL, d);
	galley_diag_free(d);
	assert_non_null(doc);
	return doc;
}

/* Render DOC to PATH; returns the diagnostics (caller frees). */
static galley_diag *S_render(galley_node *doc, const galley_options *opts, const char *path,
                             int expect)
{
	galley_diag *d = galley_diag_new("test.epub");
	galley_diag_set_quiet(d, 1);
	assert_int_equal(galley_render_epub(doc, NULL, opts, path, d), expect);
	return d;
}

/* One zip entry's bytes (malloc'd, NUL-terminated) or NULL. */
static char *S_entry(const char *path, const char *name, size_t *len)
{
	int err;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);
	assert_non_null(z);
	zip_stat_t st;
	char *data = NULL;
	if (zip_stat(z, name, 0, &st) == 0) {
		zip_file_t *f = zip_fopen(z, name, 0);
		data = calloc(1, st.size + 1);
		assert_int_equal(zip_fread(f, data, st.size), (zip_int64_t)st.size);
		zip_fclose(f);
		if (len)
			*len = st.size;
	}
	zip_close(z);
	return data;
}

static xmlDocPtr S_xml(const char *epub, const char *name)
{
	char *data = S_entry(epub, name, NULL);
	assert_non_null(data);
	xmlDocPtr x = xmlReadMemory(data, (int)strlen(data), name, NULL, XML_PARSE_NONET);
	free(data);
	assert_non_null(x);
	return x;
}

/* The string value of XPATH in X (malloc'd; "" when nothing matches). */
static char *S_xpath(xmlDocPtr x, const char *xpath)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(x);
	xmlXPathRegisterNs(ctx, BAD_CAST "opf", BAD_CAST "http://www.idpf.org/2007/opf");
	xmlXPathRegisterNs(ctx, BAD_CAST "dc", BAD_CAST "http://purl.org/dc/elements/1.1/");
	xmlXPathRegisterNs(ctx, BAD_CAST "h", BAD_CAST "http://www.w3.org/1999/xhtml");
	xmlXPathRegisterNs(ctx, BAD_CAST "epub", BAD_CAST "http://www.idpf.org/2007/ops");
	xmlXPathRegisterNs(ctx, BAD_CAST "ncx", BAD_CAST "http://www.daisy.org/z3986/2005/ncx/");
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST xpath, ctx);
	assert_non_null(r);
	xmlChar *s = xmlXPathCastToString(r);
	char *out = strdup((const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return out;
}

static void S_assert_xpath(xmlDocPtr x, const char *xpath, const char *want)
{
	char *got = S_xpath(x, xpath);
	if (strcmp(got, want) != 0)
		fail_msg("%s: got '%s', wanted '%s'", xpath, got, want);
	free(got);
}

static void S_write(const char *name, const void *data, size_t len)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", S_dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static int S_setup(void **state)
{
	(void)state;
	const char *top = getenv("GALLEY_TOP");
	setenv("GALLEY_DATADIR", top ? top : ".", 1);
	setenv("SOURCE_DATE_EPOCH", "1633046400", 1);  /* 2021-10-01T00:00:00Z */
	strcpy(S_dir, "/tmp/galley-epub-XXXXXX");
	assert_non_null(mkdtemp(S_dir));
	/* a real 2x2 PNG, a JPEG named .png, and a text file named as an image */
	unsigned char raw[] = {0, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0};
	unsigned char z[64];
	uLongf zlen = sizeof z;
	compress(z, &zlen, raw, sizeof raw);
	unsigned char png[128];
	size_t n = 0;
	static const unsigned char head[] = {0x89, 'P', 'N', 'G', 13, 10, 26, 10,
		0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0};
	memcpy(png, head, sizeof head);
	n = sizeof head;
	uLong crc = crc32(0, png + 12, 17);
	png[n++] = (unsigned char)(crc >> 24); png[n++] = (unsigned char)(crc >> 16);
	png[n++] = (unsigned char)(crc >> 8); png[n++] = (unsigned char)crc;
	png[n++] = 0; png[n++] = 0; png[n++] = 0; png[n++] = (unsigned char)zlen;
	memcpy(png + n, "IDAT", 4);
	memcpy(png + n + 4, z, zlen);
	crc = crc32(0, png + n, 4 + (uInt)zlen);
	n += 4 + zlen;
	png[n++] = (unsigned char)(crc >> 24); png[n++] = (unsigned char)(crc >> 16);
	png[n++] = (unsigned char)(crc >> 8); png[n++] = (unsigned char)crc;
	static const unsigned char iend[] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
	memcpy(png + n, iend, sizeof iend);
	n += sizeof iend;
	S_write("pic.png", png, n);
	/* a real JPEG (8 x 6): images are decoded before they are packaged */
	char *jpg = galley_xasprintf("%s/tests/fuzz/images/photo.jpg", top ? top : ".");
	FILE *f = fopen(jpg, "rb");
	assert_non_null(f);
	char jpeg[4096];
	size_t jpeg_len = fread(jpeg, 1, sizeof jpeg, f);
	fclose(f);
	free(jpg);
	S_write("fake.png", jpeg, jpeg_len);
	S_write("note.txt", "not an image", 12);
	return 0;
}

static int S_teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *S_path(const char *name)
{
	static char path[128];
	snprintf(path, sizeof path, "%s/%s", S_dir, name);
	return path;
}

static galley_diag *S_article_epub(const char *name)
{
	galley_node *doc = S_tree(S_article);
	galley_options o = {0};
	o.base_dir = S_dir;
	galley_diag *d = S_render(doc, &o, S_path(name), 0);
	galley_node_free(doc);
	return d;
}

static void test_zip_layout(void **state)
{
	(void)state;
	galley_diag_free(S_article_epub("a.epub"));
	int err;
	zip_t *z = zip_open(S_path("a.epub"), ZIP_RDONLY, &err);
	assert_non_null(z);
	static const char *const first[] = {"mimetype", "META-INF/container.xml",
		"EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/toc.ncx", "EPUB/a001.xhtml",
		"EPUB/style.css", "EPUB/images/img001.png"};
	for (size_t i = 0; i < sizeof first / sizeof *first; i++)
		assert_string_equal(zip_get_name(z, i, 0), first[i]);
	zip_stat_t st;
	assert_int_equal(zip_stat_index(z, 0, 0, &st), 0);
	assert_int_equal(st.comp_method, ZIP_CM_STORE);
	assert_int_equal(st.size, 20);
	assert_int_equal(zip_file_extra_fields_count(z, 0, ZIP_FL_LOCAL), 0);
	assert_int_equal(zip_file_extra_fields_count(z, 0, ZIP_FL_CENTRAL), 0);
	/* the cover comes last */
	zip_int64_t n = zip_get_num_entries(z, 0);
	assert_string_equal(zip_get_name(z, (zip_uint64_t)n - 1, 0), "EPUB/cover.png");
	zip_close(z);
	/* the raw bytes a reader sniffs: "mimetype" at 30, its content at 38 */
	FILE *f = fopen(S_path("a.epub"), "rb");
	char head[58];
	assert_int_equal(fread(head, 1, sizeof head, f), sizeof head);
	fclose(f);
	assert_memory_equal(head, "PK\3\4", 4);
	assert_int_equal(head[28] | head[29], 0);
	assert_memory_equal(head + 30, "mimetypeapplication/epub+zip", 28);
}

static void test_metadata(void **state)
{
	(void)state;
	galley_diag_free(S_article_epub("m.epub"));
	xmlDocPtr x = S_xml(S_path("m.epub"), "EPUB/package.opf");
	S_assert_xpath(x, "/opf:package/@version", "3.0");
	S_assert_xpath(x, "//dc:title", "Kim Open to Restoring Hotlines");
	S_assert_xpath(x, "count(//dc:creator)", "2");
	S_assert_xpath(x, "//dc:creator[2]", "Second Author");
	S_assert_xpath(x, "//dc:language", "en-GB");
	S_assert_xpath(x, "//dc:date", "2021-09-30");
	S_assert_xpath(x, "//dc:publisher", "The Example Times");
	S_assert_xpath(x, "//dc:source", "https://example.com/news/kim");
	S_assert_xpath(x, "//opf:meta[@property='dcterms:modified']", "2021-10-01T00:00:00Z");
	S_assert_xpath(x, "//opf:meta[@property='schema:accessibilityHazard']", "none");
	S_assert_xpath(x, "count(//opf:meta[@property='schema:accessMode'])", "2");
	S_assert_xpath(x, "count(//opf:meta[@property='schema:accessibilitySummary'])", "1");
	S_assert_xpath(x, "//opf:meta[@name='cover']/@content", "cover-image");
	S_assert_xpath(x, "//opf:item[@properties='cover-image']/@href", "cover.png");
	S_assert_xpath(x, "//opf:item[@properties='nav']/@href", "nav.xhtml");
	S_assert_xpath(x, "//opf:spine/@toc", "ncx");
	S_assert_xpath(x, "//opf:spine/opf:itemref[1]/@idref", "cover");
	S_assert_xpath(x, "//opf:spine/opf:itemref[2]/@idref", "text1");
	S_assert_xpath(x, "count(//opf:spine/opf:itemref[@linear='no'])", "0");
	/* images by their bytes: the JPEG named .png is a JPEG */
	S_assert_xpath(x, "count(//opf:item[starts-with(@href,'images/')])", "2");
	S_assert_xpath(x, "//opf:item[@href='images/img002.jpg']/@media-type", "image/jpeg");
	char *id = S_xpath(x, "//dc:identifier[@id=/opf:package/@unique-identifier]");
	assert_int_equal(strlen(id), 45);
	assert_memory_equal(id, "urn:uuid:", 9);
	assert_int_equal(id[23], '5');  /* version 5 */
	assert_non_null(strchr("89ab", id[28]));
	free(id);
	xmlFreeDoc(x);
}

static void test_content(void **state)
{
	(void)state;
	galley_diag *d = S_article_epub("c.epub");
	xmlDocPtr x = S_xml(S_path("c.epub"), "EPUB/a001.xhtml");
	S_assert_xpath(x, "/h:html/@lang", "en-GB");
	S_assert_xpath(x, "//h:h1", "Kim Open to Restoring Hotlines");
	S_assert_xpath(x, "count(//h:h2)", "2");
	S_assert_xpath(x, "//h:blockquote/h:footer/h:cite", "Someone");
	S_assert_xpath(x, "//h:aside[@epub:type='pullquote']", "Pulled.");
	S_assert_xpath(x, "//h:a[.='a link']/@href", "https://example.com/a%20b");
	S_assert_xpath(x, "count(//h:a[.='a relative one'])", "0");
	S_assert_xpath(x, "//h:figure[1]/h:img/@alt", "A red square");
	/* the same image twice is one file */
	S_assert_xpath(x, "//h:img[@alt='again']/@src", "images/img001.png");
	/* a left-out image keeps its caption, and its description stands in
	 * its place (three left out, each with alt text "x") */
	S_assert_xpath(x, "count(//h:figcaption[.='Kept caption'])", "1");
	S_assert_xpath(x, "count(//h:figure/h:span[@class='image-left-out'][.='[x]'])", "3");
	S_assert_xpath(x, "count(//h:figure)", "6");
	S_assert_xpath(x, "//h:aside[@class='author']/h:p[@class='author-name']", "Mimi Nguyen Ly");
	xmlFreeDoc(x);
	/* three images refused, each with its reason */
	size_t warnings = 0;
	for (size_t i = 0; i < galley_diag_count(d); i++) {
		galley_severity sev;
		const char *msg = galley_diag_message(d, i, &sev, NULL);
		if (sev == GALLEY_DIAG_WARNING && strstr(msg, "left out"))
			warnings++;
	}
	assert_int_equal(warnings, 3);
	assert_int_equal(galley_diag_worst(d), GALLEY_DIAG_WARNING);
	galley_diag_free(d);
}

static void test_navigation(void **state)
{
	(void)state;
	galley_diag_free(S_article_epub("n.epub"));
	xmlDocPtr x = S_xml(S_path("n.epub"), "EPUB/nav.xhtml");
	S_assert_xpath(x, "count(//h:nav[@epub:type='toc']/h:ol/h:li)", "1");
	S_assert_xpath(x, "//h:nav[@epub:type='toc']/h:ol/h:li/h:a/@href", "a001.xhtml");
	/* two levels: the article, then its top-level headings (not the h3) */
	S_assert_xpath(x, "count(//h:nav[@epub:type='toc']//h:ol/h:li/h:ol/h:li)", "2");
	S_assert_xpath(x, "//h:nav[@epub:type='toc']//h:li/h:ol/h:li[2]/h:a", "Accusations From Pyongyang");
	S_assert_xpath(x, "//h:nav[@epub:type='toc']//h:li/h:ol/h:li[1]/h:a/@href", "a001.xhtml#s1");
	S_assert_xpath(x, "count(//h:nav[@epub:type='landmarks']//h:a)", "2");
	xmlFreeDoc(x);
	x = S_xml(S_path("n.epub"), "EPUB/toc.ncx");
	S_assert_xpath(x, "count(//ncx:navPoint)", "3");
	S_assert_xpath(x, "//ncx:navPoint/ncx:navPoint[2]/@playOrder", "3");
	S_assert_xpath(x, "//ncx:navPoint/ncx:navPoint[2]/ncx:content/@src", "a001.xhtml#s3");
	xmlFreeDoc(x);
	xmlDocPtr opf = S_xml(S_path("n.epub"), "EPUB/package.opf");
	x = S_xml(S_path("n.epub"), "EPUB/toc.ncx");
	char *uid = S_xpath(opf, "//dc:identifier");
	char *ncx_uid = S_xpath(x, "//ncx:meta[@name='dtb:uid']/@content");
	assert_string_equal(uid, ncx_uid);
	free(uid);
	free(ncx_uid);
	xmlFreeDoc(x);
	xmlFreeDoc(opf);
}

static char *S_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	char *d = malloc(*len);
	assert_int_equal(fread(d, 1, *len, f), *len);
	fclose(f);
	return d;
}

static void test_reproducible(void **state)
{
	(void)state;
	galley_diag_free(S_article_epub("r1.epub"));
	galley_diag_free(S_article_epub("r2.epub"));
	size_t n1, n2;
	char *a = S_file(S_path("r1.epub"), &n1), *b = S_file(S_path("r2.epub"), &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	free(a);
	free(b);
	/* another time: other bytes, same identifier (it hashes the content) */
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	galley_diag_free(S_article_epub("r3.epub"));
	setenv("SOURCE_DATE_EPOCH", "1633046400", 1);
	xmlDocPtr x1 = S_xml(S_path("r1.epub"), "EPUB/package.opf");
	xmlDocPtr x3 = S_xml(S_path("r3.epub"), "EPUB/package.opf");
	char *id1 = S_xpath(x1, "//dc:identifier"), *id3 = S_xpath(x3, "//dc:identifier");
	assert_string_equal(id1, id3);
	S_assert_xpath(x3, "//opf:meta[@property='dcterms:modified']", "2023-11-14T22:13:20Z");
	/* other content, other identifier */
	galley_node *doc = S_tree("<galley><article><title>Other</title><p>x</p></article></galley>");
	galley_diag_free(S_render(doc, NULL, S_path("r4.epub"), 0));
	galley_node_free(doc);
	xmlDocPtr x4 = S_xml(S_path("r4.epub"), "EPUB/package.opf");
	char *id4 = S_xpath(x4, "//dc:identifier");
	assert_string_not_equal(id1, id4);
	free(id1);
	free(id3);
	free(id4);
	xmlFreeDoc(x1);
	xmlFreeDoc(x3);
	xmlFreeDoc(x4);
}

/* One digest title for the PDF and the EPUB: the given one, else the
 * document's own, else "Digest, " and the date as the first article's
 * language writes a long date. */
static void test_digest_title(void **state)
{
	(void)state;
	static const struct { const char *lang, *want; } cases[] = {
		{"en", "Digest, October 1, 2021"}, {"en-GB", "Digest, 1 October 2021"},
		{"de", "Digest, 1. Oktober 2021"}, {"fr-FR", "Digest, 1 octobre 2021"},
		{"pt-BR", "Digest, 1 de outubro de 2021"}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char xml[200];
		snprintf(xml, sizeof xml, "<galley><article lang=\"%s\"><title>A</title><p>a</p>"
		         "</article></galley>", cases[i].lang);
		galley_node *doc = S_tree(xml);
		char *t = galley_digest_title(doc, NULL);
		assert_string_equal(t, cases[i].want);
		free(t);
		t = galley_digest_title(doc, "  Morning   Papers ");
		assert_string_equal(t, "Morning Papers");
		free(t);
		galley_document_set_title(doc, "Feed of the day");
		t = galley_digest_title(doc, NULL);
		assert_string_equal(t, "Feed of the day");
		free(t);
		galley_document_set_date(doc, "2024-02-29");
		galley_document_set_title(doc, NULL);
		t = galley_digest_title(doc, "");
		assert_true(strstr(t, "2024") && strstr(t, "29"));
		free(t);
		galley_node_free(doc);
	}
}

static galley_node *S_digest(void)
{
	galley_node *doc = S_tree("<galley><article><title>First</title><h2>One A</h2><p>a</p>"
	                          "<h2>One B</h2><p>b</p></article></galley>");
	galley_document_merge(doc, S_tree("<galley><article lang=\"de\"><title>Zweiter</title>"
	                                  "<p>c</p></article></galley>"));
	galley_document_merge(doc, S_tree("<galley><article><title>Third</title><h3>Only h3</h3>"
	                                  "<p>d</p></article></galley>"));
	return doc;
}

static void test_digest(void **state)
{
	(void)state;
	galley_node *doc = S_digest();
	galley_diag_free(S_render(doc, NULL, S_path("d.epub"), 0));
	galley_options o = {0};
	o.title = "Morning Papers";
	galley_diag_free(S_render(doc, &o, S_path("t.epub"), 0));
	galley_node_free(doc);
	xmlDocPtr x = S_xml(S_path("d.epub"), "EPUB/package.opf");
	S_assert_xpath(x, "//dc:title", "Digest, October 1, 2021");
	S_assert_xpath(x, "count(//dc:language)", "2");
	S_assert_xpath(x, "count(//opf:item[@media-type='application/xhtml+xml'])", "5");
	S_assert_xpath(x, "//opf:spine/opf:itemref[2]/@idref", "nav");
	S_assert_xpath(x, "count(//opf:spine/opf:itemref)", "5");
	xmlFreeDoc(x);
	x = S_xml(S_path("d.epub"), "EPUB/nav.xhtml");
	S_assert_xpath(x, "count(//h:nav[@epub:type='landmarks']//h:a)", "3");
	xmlFreeDoc(x);
	x = S_xml(S_path("d.epub"), "EPUB/nav.xhtml");
	S_assert_xpath(x, "count(//h:nav[@epub:type='toc']/h:ol/h:li)", "3");
	S_assert_xpath(x, "//h:nav[@epub:type='toc']/h:ol/h:li[3]/h:a/@href", "a003.xhtml");
	S_assert_xpath(x, "count(//h:nav[@epub:type='toc']/h:ol/h:li[1]/h:ol/h:li)", "2");
	/* an article with only h3s lists them */
	S_assert_xpath(x, "//h:nav[@epub:type='toc']/h:ol/h:li[3]/h:ol/h:li/h:a", "Only h3");
	xmlFreeDoc(x);
	x = S_xml(S_path("d.epub"), "EPUB/a002.xhtml");
	S_assert_xpath(x, "/h:html/@lang", "de");
	xmlFreeDoc(x);
	x = S_xml(S_path("t.epub"), "EPUB/package.opf");
	S_assert_xpath(x, "//dc:title", "Morning Papers");
	char *titled = S_xpath(x, "//dc:identifier");
	xmlFreeDoc(x);
	/* a default-titled digest made on another day is the same book */
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	doc = S_digest();
	galley_diag_free(S_render(doc, NULL, S_path("d2.epub"), 0));
	galley_node_free(doc);
	setenv("SOURCE_DATE_EPOCH", "1633046400", 1);
	xmlDocPtr x1 = S_xml(S_path("d.epub"), "EPUB/package.opf");
	xmlDocPtr x2 = S_xml(S_path("d2.epub"), "EPUB/package.opf");
	S_assert_xpath(x2, "//dc:title", "Digest, November 14, 2023");
	char *id1 = S_xpath(x1, "//dc:identifier"), *id2 = S_xpath(x2, "//dc:identifier");
	assert_string_equal(id1, id2);
	assert_string_not_equal(id1, titled);
	free(id1);
	free(id2);
	free(titled);
	xmlFreeDoc(x1);
	xmlFreeDoc(x2);
}

static void test_no_metadata(void **state)
{
	(void)state;
	galley_node *doc = S_tree("<galley><article><p>Only a paragraph.</p></article></galley>");
	galley_diag *d = S_render(doc, NULL, S_path("bare.epub"), 0);
	assert_true(galley_diag_worst(d) < GALLEY_DIAG_ERROR);
	galley_diag_free(d);
	galley_node_free(doc);
	xmlDocPtr x = S_xml(S_path("bare.epub"), "EPUB/package.opf");
	S_assert_xpath(x, "//dc:title", "Untitled");
	/* no language: the layout's (article-a4 says en-US) */
	S_assert_xpath(x, "//dc:language", "en-US");
	S_assert_xpath(x, "count(//dc:creator)", "0");
	S_assert_xpath(x, "count(//dc:date)", "0");
	xmlFreeDoc(x);
}

static void test_languages(void **state)
{
	(void)state;
	galley_node *doc = S_tree("<galley><article lang=\"pt_BR\"><title>A</title><p>a</p></article>"
	                          "<article lang=\"english!\"><title>B</title><p>b</p></article>"
	                          "<article lang=\"zh-Hant-TW\"><title>C</title><p>c</p></article></galley>");
	galley_diag *d = S_render(doc, NULL, S_path("lang.epub"), 0);
	assert_int_equal(galley_diag_worst(d), GALLEY_DIAG_WARNING);
	galley_diag_free(d);
	galley_node_free(doc);
	xmlDocPtr x = S_xml(S_path("lang.epub"), "EPUB/package.opf");
	S_assert_xpath(x, "/opf:package/@xml:lang", "pt-BR");
	S_assert_xpath(x, "//dc:language[1]", "pt-BR");
	S_assert_xpath(x, "//dc:language[2]", "en");
	S_assert_xpath(x, "//dc:language[3]", "zh-Hant-TW");
	xmlFreeDoc(x);
	x = S_xml(S_path("lang.epub"), "EPUB/a002.xhtml");
	S_assert_xpath(x, "/h:html/@xml:lang", "en");
	xmlFreeDoc(x);
	doc = S_tree("<galley><article lang=\"ar\"><title>عنوان</title><p>نص</p></article></galley>");
	galley_diag_free(S_render(doc, NULL, S_path("ar.epub"), 0));
	galley_node_free(doc);
	x = S_xml(S_path("ar.epub"), "EPUB/a001.xhtml");
	S_assert_xpath(x, "/h:html/@dir", "rtl");
	xmlFreeDoc(x);
	x = S_xml(S_path("ar.epub"), "EPUB/package.opf");
	S_assert_xpath(x, "//opf:spine/@page-progression-direction", "rtl");
	xmlFreeDoc(x);
}

static void test_errors(void **state)
{
	(void)state;
	galley_diag *d = galley_diag_new("x");
	galley_diag_set_quiet(d, 1);
	assert_int_equal(galley_render_epub(NULL, NULL, NULL, S_path("e.epub"), d), -1);
	assert_int_equal(galley_diag_worst(d), GALLEY_DIAG_ERROR);
	galley_diag_free(d);
	galley_node *empty = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_diag_free(S_render(empty, NULL, S_path("e.epub"), -1));
	galley_node_free(empty);
	galley_node *doc = S_tree("<galley><article><p>x</p></article></galley>");
	galley_diag_free(S_render(doc, NULL, "/nonexistent-dir/x.epub", -1));
	galley_node_free(doc);
}

static void test_helpers(void **state)
{
	(void)state;
	char *s = epub_xhtml_link_href(" https://a.example/x y?q=ü ");
	assert_string_equal(s, "https://a.example/x%20y?q=%C3%BC");
	free(s);
	s = epub_xhtml_link_href("https://a.example/100%");
	assert_string_equal(s, "https://a.example/100%25");
	free(s);
	assert_null(epub_xhtml_link_href("javascript:alert(1)"));
	assert_null(epub_xhtml_link_href("file:///etc/passwd"));
	assert_null(epub_xhtml_link_href("page.html"));
	assert_null(epub_xhtml_link_href("https:nohost"));
	assert_null(epub_xhtml_link_href("https:///path"));
	assert_null(epub_xhtml_link_href("http://exa mple.com/"));
	s = epub_xhtml_link_href("https://a.example/#x#y");
	assert_string_equal(s, "https://a.example/#x%23y");
	free(s);
	s = epub_date_valid("2021-09-30T10:00:00Z");
	assert_string_equal(s, "2021-09-30");
	free(s);
	s = epub_date_valid("2021-13-01");
	assert_string_equal(s, "2021");
	free(s);
	assert_null(epub_date_valid("Sept. 30, 2021"));
	assert_null(epub_date_valid("20210930"));
	assert_string_equal(epub_image_sniff((const unsigned char *)"GIF89a..", 8), "image/gif");
	assert_string_equal(epub_image_sniff((const unsigned char *)"<?xml version=\"1.0\"?>\n<svg xmlns=\"\">", 36), "image/svg+xml");
	assert_null(epub_image_sniff((const unsigned char *)"<html><svg>", 11));
}

/* The rows of a decoded PNG (zlib stream, Adler-32 checked by uncompress)
 * unfiltered in place; ROW is the bytes of a row after its filter byte. */
static void S_unfilter(unsigned char *raw, int h, size_t row, size_t bpp)
{
	for (int y = 0; y < h; y++) {
		unsigned char *r = raw + (size_t)y * (row + 1);
		for (size_t x = 0; x < row; x++) {
			unsigned char left = x >= bpp ? r[1 + x - bpp] : 0;
			unsigned char up = y ? raw[(size_t)(y - 1) * (row + 1) + 1 + x] : 0;
			r[1 + x] = (unsigned char)(r[1 + x] + (r[0] == 1 ? left : r[0] == 2 ? up : 0));
		}
	}
}

/* The cover's PNG coder: a zlib stream any inflater accepts (Adler-32
 * included) and rows that unfilter to the pixels, from colour (RGB24) and
 * from ink (A8, written as 16 greys, two pixels a byte, each the level
 * nearest its grey: row 5 holds every ink from 0 to 255, across the
 * sixteen pixels packed at once and the odd ones after them). */
static void test_png(void **state)
{
	(void)state;
	enum { W = 301, H = 7 };
	static uint32_t px[W * H];
	static unsigned char ink[W * H];
	for (int i = 0; i < W * H; i++) {
		int mark = i / W == 3 && i % 7 == 0;
		px[i] = mark ? 0x123456u : 0xf7f7f7u;
		ink[i] = mark ? 0xee : (i % W == W - 1 ? 0x80 : 0x11);
		if (i / W == 5 && i % W != W - 1)
			ink[i] = (unsigned char)(i % W);
	}
	for (int gray = 0; gray <= 1; gray++) {
		size_t len;
		unsigned char *png = gray
			? (unsigned char *)epub_png_encode(ink, W, H, W, EPUB_PIXELS_INK, &len)
			: (unsigned char *)epub_png_encode((unsigned char *)px, W, H, W * 4,
			                                   EPUB_PIXELS_RGB24, &len);
		assert_non_null(png);
		assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
		assert_int_equal(png[24], gray ? 4 : 8);   /* bit depth */
		assert_int_equal(png[25], gray ? 0 : 2);   /* colour type */
		uint32_t idat_len = (uint32_t)png[33] << 24 | png[34] << 16 | png[35] << 8 | png[36];
		assert_memory_equal(png + 37, "IDAT", 4);
		size_t row = gray ? (W + 1) / 2 : W * 3;
		static unsigned char raw[(1 + W * 3) * H];
		uLongf raw_len = sizeof raw;
		assert_int_equal(uncompress(raw, &raw_len, png + 41, idat_len), Z_OK);
		assert_int_equal(raw_len, (row + 1) * H);
		S_unfilter(raw, H, row, gray ? 1 : 3);
		for (int y = 0; y < H; y++) {
			const unsigned char *r = raw + (size_t)y * (row + 1) + 1;
			for (int x = 20; x <= 21 && y != 5; x++) {
				int got = gray ? (x % 2 ? r[x / 2] & 15 : r[x / 2] >> 4) * 17 : r[x * 3];
				int want = gray ? 255 - ink[y * W + x] : (int)(px[y * W + x] >> 16) & 0xff;
				assert_int_equal(got, want);
			}
			if (gray) {
				/* the odd last pixel: ink 0x80 is grey 127, nearest level 119 */
				assert_int_equal((r[(W - 1) / 2] >> 4) * 17, 119);
				for (int x = 0; x < W; x++) {
					int got = (x % 2 ? r[x / 2] & 15 : r[x / 2] >> 4) * 17;
					assert_int_equal(got, (255 - ink[y * W + x] + 8) / 17 * 17);
				}
			}
		}
		free(png);
	}
}

/* The columns and rows of SURF (A8) that hold ink: *RIGHT the last column. */
static int S_inked_rows(cairo_surface_t *surf, int *right)
{
	cairo_surface_flush(surf);
	const unsigned char *px = cairo_image_surface_get_data(surf);
	int w = cairo_image_surface_get_width(surf), h = cairo_image_surface_get_height(surf);
	int stride = cairo_image_surface_get_stride(surf), rows = 0;
	*right = -1;
	for (int y = 0; y < h; y++) {
		int inked = 0;
		for (int x = 0; x < w; x++)
			if (px[y * stride + x]) {
				inked = 1;
				if (x > *right)
					*right = x;
			}
		rows += inked;
	}
	return rows;
}

/* The cover's text setter: lines wrap at the width, stop at the line
 * limit, and a word longer than a line is cut inside it. */
static void test_cover_text(void **state)
{
	(void)state;
	galley_diag *d = galley_diag_new("cover");
	FcConfig *fonts = galley_fc_config(d);
	assert_non_null(fonts);
	static const char *long_title = "A headline long enough to need several lines when it is set "
	                                "large on the cover of an e-book";
	double heights[3];
	int rights[3];
	for (int lines = 1; lines <= 3; lines++) {
		cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_A8, 800, 400);
		cairo_t *cr = cairo_create(surf);
		heights[lines - 1] = epub_cover_text(cr, fonts, "Noto Sans", 700, NULL, 40, long_title, 20, 10,
		                                     500, lines);
		cairo_destroy(cr);
		assert_true(S_inked_rows(surf, &rights[lines - 1]) > 20);
		assert_true(rights[lines - 1] < 20 + 500 + 4);   /* nothing past the width */
		cairo_surface_destroy(surf);
	}
	assert_true(heights[0] > 40);
	assert_float_equal(heights[1], 2 * heights[0], 0.01);
	assert_float_equal(heights[2], 3 * heights[0], 0.01);
	/* one word wider than the line: cut, within the width */
	cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_A8, 800, 200);
	cairo_t *cr = cairo_create(surf);
	double h = epub_cover_text(cr, fonts, "Noto Sans", 400, NULL, 40,
	                           "https://www.example.com/a/very/long/path/that/never/ends", 20, 10,
	                           300, 2);
	cairo_destroy(cr);
	int right;
	assert_true(S_inked_rows(surf, &right) > 10);
	assert_true(right < 20 + 300 + 4);
	assert_true(h > 0);
	cairo_surface_destroy(surf);
	/* nothing to set, or an unknown family matched to another face */
	surf = cairo_image_surface_create(CAIRO_FORMAT_A8, 100, 100);
	cr = cairo_create(surf);
	assert_float_equal(epub_cover_text(cr, fonts, "Noto Sans", 400, NULL, 20, "   ", 0, 0, 100, 2), 0, 0);
	assert_true(epub_cover_text(cr, fonts, "No Such Family", 400, NULL, 20, "x", 0, 0, 100, 2) >= 0);
	cairo_destroy(cr);
	cairo_surface_destroy(surf);
	/* a Japanese title in Noto Sans: set in the CJK face (not as boxes),
	 * broken between characters (11 at 40 px in 250) onto two lines, not cut */
	surf = cairo_image_surface_create(CAIRO_FORMAT_A8, 800, 300);
	cr = cairo_create(surf);
	h = epub_cover_text(cr, fonts, "Noto Sans", 700, "ja", 40,
	                    "\xe3\x81\xa9\xe3\x81\xae\xe6\x96\x87\xe5\xad\x97\xe3\x81\xa7\xe3\x82\x82"
	                    "\xe7\xb5\x84\xe7\x89\x88\xe3\x81\xa7\xe3\x81\x8d\xe3\x82\x8b", 20, 10, 250, 3);
	cairo_destroy(cr);
	assert_true(h > 1.5 * heights[0] && h < 2.5 * heights[0]);
	assert_true(S_inked_rows(surf, &right) > 40);
	assert_true(right < 20 + 250 + 4);
	cairo_surface_destroy(surf);
	galley_diag_free(d);
}

/* A colour cover is some 3 MiB of rows: the Adler-32 sums, kept without
 * division for a MiB at a time, must still come out right (uncompress
 * checks them). */
static void test_png_large(void **state)
{
	(void)state;
	enum { W = 1000, H = 1200 };
	uint32_t *px = malloc((size_t)W * H * sizeof *px);
	assert_non_null(px);
	for (int i = 0; i < W * H; i++)
		px[i] = (i / W) % 97 == 5 && i % 13 < 6 ? 0x8b1e1eu : 0xf7f7f7u;
	size_t len;
	unsigned char *png = (unsigned char *)epub_png_encode((unsigned char *)px, W, H, W * 4,
	                                                      EPUB_PIXELS_RGB24, &len);
	assert_non_null(png);
	uint32_t idat_len = (uint32_t)png[33] << 24 | png[34] << 16 | png[35] << 8 | png[36];
	size_t row = 1 + W * 3;
	unsigned char *raw = malloc(row * H);
	uLongf raw_len = row * H;
	assert_int_equal(uncompress(raw, &raw_len, png + 41, idat_len), Z_OK);
	assert_int_equal(raw_len, row * H);
	free(raw);
	free(png);
	free(px);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zip_layout),
		cmocka_unit_test(test_metadata),
		cmocka_unit_test(test_content),
		cmocka_unit_test(test_navigation),
		cmocka_unit_test(test_reproducible),
		cmocka_unit_test(test_digest),
		cmocka_unit_test(test_digest_title),
		cmocka_unit_test(test_no_metadata),
		cmocka_unit_test(test_languages),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_helpers),
		cmocka_unit_test(test_png),
		cmocka_unit_test(test_png_large),
		cmocka_unit_test(test_cover_text),
	};
	return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
