/* read_html.c — the HTML reader: a saved web page to one article (metadata, extraction, conversion), and the fragment path for feeds. */
#define _GNU_SOURCE /* strcasestr */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "meta.h"
#include "reader.h"

/* Readability's attempts: each relaxes one rule when the article found
 * is shorter than CHAR_THRESHOLD characters. */
#define CHAR_THRESHOLD 500

static const unsigned S_attempts[] = {
	GALLEY_HTML_STRIP_UNLIKELY | GALLEY_HTML_WEIGHT_CLASSES | GALLEY_HTML_CLEAN_COND,
	GALLEY_HTML_WEIGHT_CLASSES | GALLEY_HTML_CLEAN_COND,
	GALLEY_HTML_CLEAN_COND,
	0,
};

/* The <body> of DOC, or its root element when there is none. */
static xmlNodePtr S_body(htmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	for (xmlNodePtr k = root ? root->children : NULL; k; k = k->next)
		if (galley_html_is(k, "body"))
			return k;
	return root;
}

struct extraction {
	htmlDocPtr doc;      /* the parse the article belongs to */
	xmlNodePtr article;  /* unlinked element holding the article */
	xmlNodePtr notes;    /* unlinked element holding the page's footnotes */
	char *byline;        /* a byline element's text, if one was found */
	size_t len;
};

static void S_extraction_free(struct extraction *e)
{
	if (e->article)
		xmlFreeNode(e->article);
	if (e->notes)
		xmlFreeNode(e->notes);
	if (e->doc)
		xmlFreeDoc(e->doc);
	free(e->byline);
	memset(e, 0, sizeof *e);
}

/* Run the attempts, each on a fresh parse, and keep the first long enough
 * article or else the longest.  DOC is used by the first attempt. */
static void S_extract(htmlDocPtr doc, const galley_buf *page, struct extraction *best,
                      galley_diag *diag)
{
	for (size_t i = 0; i < sizeof S_attempts / sizeof *S_attempts; i++) {
		struct extraction e = {doc, NULL, NULL, NULL, 0};
		if (!e.doc)
			e.doc = galley_html_parse(page->data, page->len, diag);
		doc = NULL;
		if (!e.doc)
			break;
		xmlNodePtr body = S_body(e.doc);
		galley_html_clean_basic(body);
		/* notes are taken out first: scoring would drop them as a list of links */
		e.notes = galley_html_notes_lift(body);
		e.article = galley_html_grab(e.doc, body, S_attempts[i], &e.byline);
		e.len = galley_html_text_len(e.article, NULL);
		if (e.len > best->len || !best->doc) {
			S_extraction_free(best);
			*best = e;
		} else {
			S_extraction_free(&e);
		}
		if (best->len >= CHAR_THRESHOLD)
			break;
	}
}

/* "By Jane Doe May 20, 2019" -> "Jane Doe": the tree holds names. */
static void S_set_byline(galley_node *article, char *byline)
{
	if (!byline || galley_article_get(article, GALLEY_META_BYLINE))
		return;
	galley_collapse_space(galley_trim(byline));
	char *s = byline;
	char *by = strcasestr(s, " by ");
	if (by && strncasecmp(s, "by ", 3) != 0)
		s = by + 1; /* "Tech Industry by Steven Musil" */
	galley_author_clean(s);
	if (*s) {
		galley_article_set(article, GALLEY_META_BYLINE, s);
		if (galley_article_author_count(article) == 0)
			galley_authors_add_byline(article, s, 0);
	}
}

galley_node *galley_read_html(const char *data, size_t len,
                              const galley_options *opts, galley_diag *diag)
{
	(void)opts;
	galley_buf page = GALLEY_BUF_INIT;
	galley_html_to_utf8(data, len, &page, diag);
	htmlDocPtr doc = galley_html_parse(page.data, page.len, diag);
	if (!doc) {
		galley_buf_free(&page);
		return NULL;
	}
	galley_node *article;
	galley_node *root = galley_document_with_article(&article);
	char *base = NULL;
	galley_html_metadata(doc, article, &base);
	struct extraction best = {0};
	S_extract(doc, &page, &best, diag);
	if (best.article)
		galley_html_convert(best.article, article, base,
		                    galley_article_get(article, GALLEY_META_TITLE));
	galley_html_notes_append(best.notes, article, base);
	galley_html_tidy(article);
	S_set_byline(article, best.byline);
	galley_html_author_bio_line(article);
	S_extraction_free(&best);
	free(base);
	galley_buf_free(&page);
	if (!galley_node_first_child(article)) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "no article text found in the page");
		galley_node_free(root);
		return NULL;
	}
	return root;
}

int galley_html_append_fragment(galley_node *article, const char *html, size_t len,
                                const char *base_url, galley_diag *diag)
{
	if (galley_node_get_type(article) != GALLEY_NODE_ARTICLE)
		return -1;
	galley_buf text = GALLEY_BUF_INIT;
	galley_input_utf8(html ? html : "", html ? len : 0, &text, diag);
	if (text.len == 0) {
		galley_buf_free(&text);
		return 0;
	}
	htmlDocPtr doc = galley_html_parse(text.data, text.len, diag);
	galley_buf_free(&text);
	if (!doc)
		return -1;
	xmlNodePtr body = S_body(doc);
	galley_html_clean_basic(body);
	int n = galley_html_convert(body, article, base_url, NULL);
	xmlFreeDoc(doc);
	return n;
}
