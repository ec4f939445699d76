/* md_gfm.c — owns libcmark-gfm's extensions: parses with GitHub's tables and footnotes and names the nodes they add. */
#include <cmark-gfm-core-extensions.h>
#include <string.h>

#include "md.h"

cmark_node *galley_md_parse(const char *text, size_t len)
{
	/* Only tables: strikethrough and autolinks would change what plain
	 * CommonMark articles already say ("~~", a bare URL in prose). */
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES);
	cmark_syntax_extension *table = cmark_find_syntax_extension("table");
	if (table)
		cmark_parser_attach_syntax_extension(p, table);
	cmark_parser_feed(p, text, len);
	cmark_node *root = cmark_parser_finish(p);
	cmark_parser_free(p);
	return root;
}

galley_md_kind galley_md_kind_of(cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);
	if (t == CMARK_NODE_FOOTNOTE_DEFINITION)
		return GALLEY_MD_NOTE;
	if (t == CMARK_NODE_FOOTNOTE_REFERENCE)
		return GALLEY_MD_NOTEREF;
	/* the table extension's node types are not exported as constants */
	const char *name = cmark_node_get_type_string(n);
	if (!name || strncmp(name, "table", 5) != 0)
		return GALLEY_MD_PLAIN;
	if (strcmp(name, "table") == 0)
		return GALLEY_MD_TABLE;
	if (strcmp(name, "table_header") == 0)
		return GALLEY_MD_HEAD_ROW;
	if (strcmp(name, "table_row") == 0)
		return GALLEY_MD_ROW;
	return strcmp(name, "table_cell") == 0 ? GALLEY_MD_CELL : GALLEY_MD_PLAIN;
}

galley_cell_align galley_md_cell_align(cmark_node *cell)
{
	cmark_node *row = cmark_node_parent(cell), *table = cmark_node_parent(row);
	uint16_t cols = cmark_gfm_extensions_get_table_columns(table);
	uint8_t *align = cmark_gfm_extensions_get_table_alignments(table);
	uint16_t i = 0;
	for (cmark_node *c = cmark_node_previous(cell); c; c = cmark_node_previous(c))
		i++;
	if (!align || i >= cols)
		return GALLEY_CELL_ALIGN_NONE;
	switch (align[i]) {
	case 'l': return GALLEY_CELL_ALIGN_LEFT;
	case 'c': return GALLEY_CELL_ALIGN_CENTER;
	case 'r': return GALLEY_CELL_ALIGN_RIGHT;
	default: return GALLEY_CELL_ALIGN_NONE;
	}
}
