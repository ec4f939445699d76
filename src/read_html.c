/* read_html.c — the HTML reader: a saved web page to one article (metadata, extraction, conversion), and the fragment path for feeds. */
#define _GNU_SOURCE /* strcasestr */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
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

/* Where a date or a handle starts in a byline element's text ("Jane Doe
 * May 20, 2019", "Jane Doe @jdoe"): the byline keeps the names. */
static char *S_byline_end(char *s)
{
	static const char *const months[] = {"January", "February", "March", "April",
		"May", "June", "July", "August", "September", "October", "November",
		"December", NULL};
	char *end = s + strlen(s);
	for (int i = 0; months[i]; i++) {
		for (char *m = strstr(s, months[i]); m; m = strstr(m + 1, months[i])) {
			const char *after = m + strlen(months[i]);
			if (m > s && m[-1] == ' ' && *after == ' ' && after[1] >= '0' && after[1] <= '9' &&
			    m < end)
				end = m;
		}
	}
	char *at = strstr(s, " @");
	if (at && at < end)
		end = at;
	for (char *d = s; *d && d < end; d++)
		if (*d >= '0' && *d <= '9' && d > s && d[-1] == ' ') {
			end = d; /* "Jane Doe 20/05/2019", "Jane Doe 3 hours ago" */
			break;
		}
	return end;
}

/* The names of a byline ("Ann One, Bob Two and Cy Three") as authors;
 * a part that is not two to five words of letters is not a name, and
 * then the byline is not split at all ("Doe, Jane" stays one). */
static void S_add_authors(galley_node *article, const char *byline)
{
	char *copy = galley_xstrdup(byline), *names[16];
	size_t n = 0;
	for (char *p = copy, *part = copy; n < 16; p++) {
		int end = !*p;
		size_t sep = end ? 0 : *p == ',' || *p == ';' ? 1 : *p == '&' ? 1 :
		             strncmp(p, " and ", 5) == 0 ? 5 : 0;
		if (!end && !sep)
			continue;
		*p = '\0';
		names[n++] = galley_trim(part);
		if (end)
			break;
		p += sep - 1;
		part = p + 1;
	}
	int ok = n > 0;
	for (size_t i = 0; i < n && ok; i++) {
		size_t words = 1;
		for (const char *q = names[i]; *q; q++) {
			words += *q == ' ';
			ok &= !(*q >= '0' && *q <= '9');
		}
		ok &= *names[i] && words >= 2 && words <= 5;
	}
	for (size_t i = 0; i < n && ok; i++)
		galley_article_add_author(article, names[i]);
	free(copy);
}

/* "By Jane Doe May 20, 2019" -> "Jane Doe": the tree holds names. */
static void S_set_byline(galley_node *article, char *byline)
{
	if (!byline || galley_article_get(article, GALLEY_META_BYLINE))
		return;
	galley_collapse_space(galley_trim(byline));
	char *s = byline;
	char *by = strcasestr(s, " by ");
	if (strncasecmp(s, "by ", 3) == 0)
		s += 3;
	else if (by)
		s = by + 4; /* "Tech Industry by Steven Musil" */
	*S_byline_end(s) = '\0';
	size_t n = strlen(s);
	while (n && strchr(" |,-:", s[n - 1]))
		s[--n] = '\0';
	if (*s) {
		galley_article_set(article, GALLEY_META_BYLINE, s);
		if (galley_article_author_count(article) == 0)
			S_add_authors(article, s);
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
