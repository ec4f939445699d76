/* reader.h — what the readers share: input repair and the article builder helpers. */
#ifndef GALLEY_READER_H
#define GALLEY_READER_H

#include "galley.h"
#include "util.h"

/* Copy DATA into OUT as valid UTF-8 (a leading BOM dropped), reporting a
 * WARNING with the line of the first repair.  Returns OUT->data. */
char *galley_input_utf8(const char *data, size_t len, galley_buf *out, galley_diag *diag);

/* Input in UTF-16 or UTF-32 (input_unicode.c): 1 when DATA starts with a
 * byte order mark of either, and *UTF8 (malloc'd, NUL-terminated) holds it
 * decoded, *UTF8_LEN bytes without the mark; 0 for any other input (*UTF8
 * NULL); -1 with an ERROR when it cannot be decoded, or looks like either
 * without a mark. */
int galley_input_unicode(const char *data, size_t len, char **utf8, size_t *utf8_len,
                         galley_diag *diag);

/* A new DOCUMENT holding one empty ARTICLE; *ARTICLE gets the article. */
galley_node *galley_document_with_article(galley_node **article);

/* Append a TEXT node holding TEXT to PARENT (nothing for an empty TEXT).
 * Returns the node or NULL. */
galley_node *galley_append_text(galley_node *parent, const char *text);

/* Append a block of TYPE with one TEXT child to PARENT; returns it. */
galley_node *galley_append_text_block(galley_node *parent, galley_node_type type,
                                      const char *text, int line);

/* Repair a freshly read tree: join adjacent text, trim the ends of text
 * blocks, drop blocks left empty, default the language to "en".  Every
 * reader's result goes through it (galley_read); idempotent. */
void galley_validate(galley_node *doc);
/* Number ARTICLE's footnotes n1, n2... in the order first referenced,
 * drop references to no note, and set the notes at the article's end
 * (validate_notes.c); idempotent. */
void galley_validate_notes(galley_node *article);

/* 1 if the article has any body block or a title. */
int galley_article_has_content(const galley_node *article);

#endif
