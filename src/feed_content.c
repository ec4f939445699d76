/* feed_content.c — an item's content into blocks: HTML through the HTML reader's cleaner, or plain text. */
#include <libxml/HTMLparser.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "html.h"
#include "reader.h"

/* Plain text: a paragraph per run of non-blank lines. */
static int S_text_paragraphs(galley_node *article, const char *text, int line)
{
	int n = 0;
	galley_buf para = GALLEY_BUF_INIT;
	const char *p = text;
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *l = galley_trim(galley_xstrndup(p, len));
		if (*l) {
			if (para.len)
				galley_buf_putc(&para, ' ');
			galley_buf_puts(&para, l);
		}
		if ((!*l || !nl) && para.len) {
			galley_append_text_block(article, GALLEY_NODE_PARAGRAPH,
			                         galley_collapse_space(para.data), line);
			galley_buf_clear(&para);
			n++;
		}
		free(l);
		if (!nl)
			break;
		p = nl + 1;
	}
	galley_buf_free(&para);
	return n;
}

static htmlDocPtr S_parse(const char *html, size_t len)
{
	if (len > INT_MAX)
		return NULL;
	return htmlReadMemory(html, (int)len, NULL, "UTF-8",
	                      HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                      HTML_PARSE_NOIMPLIED);
}

char *galley_feed_html_to_text(const char *html)
{
	htmlDocPtr h = S_parse(html, strlen(html));
	char *t = h ? galley_feed_text((xmlNode *)h) : galley_xstrdup(html);
	xmlFreeDoc(h);
	return t;
}

int galley_feed_content(galley_node *article, const char *content, int is_html,
                        const char *base, int line, galley_diag *diag)
{
	if (!content || !*content)
		return 0;
	if (!is_html)
		return S_text_paragraphs(article, content, line);
	int n = galley_html_append_fragment(article, content, strlen(content), base, diag);
	if (n < 0) {
		/* one bad item does not sink the digest: keep its words */
		char *t = galley_feed_html_to_text(content);
		n = S_text_paragraphs(article, t, line);
		free(t);
	}
	return n;
}
