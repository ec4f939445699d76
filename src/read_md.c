/* read_md.c — the Markdown reader: front matter, then CommonMark with GFM tables and footnotes through libcmark-gfm, onto the tree. */
#include <limits.h>

#include "md.h"
#include "reader.h"

galley_node *galley_read_md(const char *data, size_t len,
                            const galley_options *opts, galley_diag *diag)
{
	(void)opts;
	galley_buf in = GALLEY_BUF_INIT;
	galley_input_utf8(data, len, &in, diag);
	galley_node *article;
	galley_node *doc = galley_document_with_article(&article);
	int lines = 0;
	size_t skip = galley_md_front_matter(in.data, in.len, article, &lines, diag);
	cmark_node *root = galley_md_parse(in.data + skip, in.len - skip);
	galley_buf_free(&in);
	if (!root) {
		galley_diag_report(diag, GALLEY_DIAG_SYSERR, 0, "cmark could not parse the input");
		galley_node_free(doc);
		return NULL;
	}
	galley_md_mark_author_blocks(root);
	galley_md_build(root, article, lines, diag);
	cmark_node_free(root);
	galley_md_author_box(article);
	if (!galley_article_get(article, GALLEY_META_LANG))
		galley_article_set(article, GALLEY_META_LANG, "en");
	if (!galley_node_first_child(article) &&
	    !galley_article_get(article, GALLEY_META_TITLE)) {
		galley_diag_report(diag, GALLEY_DIAG_ERROR, 0, "no text: nothing to make an article of");
		galley_node_free(doc);
		return NULL;
	}
	return doc;
}
