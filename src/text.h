/* text.h — the plain-text reader's working state, shared by read_text.c and the text_*.c passes. */
#ifndef GALLEY_TEXT_H
#define GALLEY_TEXT_H

#include <stddef.h>

#include "reader.h"

/* Line flags. */
#define TL_BLANK  (1u << 0)  /* nothing but spaces */
#define TL_DROP   (1u << 1)  /* boilerplate or consumed by the head */
#define TL_QUOTE  (1u << 2)  /* "> " prefixed: part of a blockquote */
#define TL_HASH   (1u << 3)  /* "#".."####" prefixed: an explicit heading */
#define TL_JUNK   (1u << 4)  /* dropped as boilerplate (not just consumed) */
#define TL_BULLET (1u << 5)  /* "- ", "* ", "• " item (MARK bytes) */
#define TL_NUMBER (1u << 6)  /* "1. ", "2) " item (MARK bytes) */
#define TL_RULE   (1u << 7)  /* "* * *", "----": a separator */

/* One source line, trimmed in place (S points into the input copy). */
struct text_line {
	char *s;
	size_t len;      /* bytes */
	size_t width;    /* code points */
	int no;          /* 1-based source line */
	int level;       /* TL_HASH: heading level 2..4 */
	size_t mark;     /* TL_BULLET, TL_NUMBER: bytes of the item marker */
	int indent;      /* leading spaces (a tab counts 4) */
	unsigned flags;
};

/* What a block of text becomes. */
enum text_kind {
	TK_PARA = 0,
	TK_HEADING,
	TK_QUOTE,        /* a paragraph of a blockquote */
	TK_CITE,         /* the attribution closing a blockquote */
	TK_NAME,         /* author box: a name line (emitted once) */
	TK_BIO,          /* author box: a bio paragraph */
	TK_ITEM,         /* list item (level 1 = ordered) */
	TK_SEP,          /* separator */
	TK_DROP
};

/* Block flags. */
#define TB_EXPLICIT (1u << 0)  /* heading written with '#' */
#define TB_PREFIXED (1u << 1)  /* from "> " lines */
#define TB_JOINED   (1u << 2)  /* made of more than one line */
#define TB_JUNK     (1u << 3)  /* boilerplate (kind TK_DROP) */
#define TB_BULLET   (1u << 4)  /* starts with a bullet (MARK bytes) */
#define TB_NUMBER   (1u << 5)  /* starts with a number (MARK bytes) */
#define TB_LABEL    (1u << 6)  /* junk label between paragraphs (text_prose.c) */
#define TB_CODE     (1u << 7)  /* a line of program code (text_prose.c) */

/* A paragraph-sized piece of text after lines are joined. */
struct text_block {
	char *text;      /* malloc'd, single-spaced */
	size_t width;    /* code points */
	int line;        /* first source line */
	int level;       /* headings */
	int group;       /* blockquote: blocks with one non-zero group share it */
	size_t mark;     /* TB_BULLET, TB_NUMBER: bytes of the marker */
	enum text_kind kind;
	unsigned flags;
};

struct text_junk;

/* Hard wrapping: lines of a paragraph broken near one column. */
struct text_wrap {
	int wrapped;
	size_t width;    /* the wrap column */
};

/* A numbered note ("[1] Source: ...") taken out of the block list. */
struct text_note {
	char *text;      /* malloc'd, without its "[N] " */
	int number;
	int line;
};

/* The reader's state for one input. */
struct text_doc {
	struct text_wrap wrap;
	struct text_line *lines;
	size_t nlines;
	size_t body;                 /* first line after the head */
	struct text_block *blocks;
	size_t nblocks, cap;
	char *author;                /* author box name (malloc'd) or NULL */
	galley_node *article;
	galley_diag *diag;
	const galley_repeats *repeats;   /* lines that recur across inputs */
	struct text_note *notes;     /* text_notes.c */
	size_t nnotes;
};

/* text_lines.c: split DATA (modified in place) into trimmed lines. */
void galley_text_split(struct text_doc *d, char *data);
/* text_lines.c: decide whether the body (from d->body) is hard-wrapped. */
void galley_text_wrap_mode(struct text_doc *d);
/* text_lines.c: 1 if line B continues the paragraph of line A. */
int galley_text_joins(const struct text_doc *d, const struct text_line *a,
                      const struct text_line *b);
/* text_lines.c: join the body lines into blocks (paragraphs), re-joining
 * hard-wrapped lines and keeping one-paragraph-per-line files apart. */
void galley_text_assemble(struct text_doc *d);
/* text_lines.c: the block list's last block that is not dropped, or -1. */
long galley_text_last_block(const struct text_doc *d, long before);

/* text_junk.c: load the shipped patterns and the user's file (NULL = none).
 * Returns NULL with an ERROR when a file cannot be read. */
struct text_junk *galley_text_junk_load(const char *user_file, galley_diag *diag);
void galley_text_junk_free(struct text_junk *j);
/* The same, compiled once per process and kept: do not free. */
const struct text_junk *galley_text_junk_shared(const char *user_file, galley_diag *diag);
/* 1 if TEXT (one trimmed line or paragraph) is boilerplate. */
int galley_text_junk_match(const struct text_junk *j, const char *text, size_t len);
/* Mark junk lines TL_DROP|TL_JUNK (the title line is never junk). */
void galley_text_junk_lines(struct text_doc *d, const struct text_junk *j, size_t title);
/* Drop joined blocks that are boilerplate as a whole or bare URLs, and a
 * short promotion standing between two long junk blocks. */
void galley_text_junk_blocks(struct text_doc *d, const struct text_junk *j);

/* text_prose.c: drop the blocks that are not the article's prose, by
 * shape and context (function words, length, stops; neighbours), the tail
 * after the prose stops and comment threads. */
void galley_text_prose(struct text_doc *d);

/* text_notes.c: take the note lines ("[1] ...") whose markers the text
 * above holds out of the block list, into d->notes. */
void galley_text_notes_take(struct text_doc *d);
/* text_notes.c: galley_append_text_block, with each marker of a taken
 * note made a NOTEREF. */
galley_node *galley_text_append_block(const struct text_doc *d, galley_node *parent,
                                      galley_node_type type, const char *text, int line);
/* text_notes.c: the taken notes as FOOTNOTEs of the article; and free. */
void galley_text_notes_emit(struct text_doc *d);
void galley_text_notes_free(struct text_doc *d);
/* text_prose.c: 1 if T (WIDTH code points) asks the reader to act on the
 * page: a short line whose sentence opens with a verb such as Share,
 * Subscribe, Read, Buy, in the languages galley has function words for. */
int galley_text_call_to_action(const char *t, size_t width);
/* The first block of the prose after galley_text_prose (nblocks: none). */
size_t galley_text_prose_start(const struct text_doc *d);

/* text_comments.c: the first block from FROM on that starts a comment
 * thread ("NAME says:" then a date; "34 responses to …" then a commenter),
 * or -1. */
long galley_text_comment_start(const struct text_doc *d, long from);

/* text_stopwords.c: the language whose function words TEXT uses most
 * ("en", "de", ...), or NULL when none is common in it. */
const char *galley_text_stop_lang(const char *text);
/* text_stopwords.c: the share of LANG's function words among TEXT's words
 * (*WORDS gets their number when not NULL), or -1 when galley has no list
 * for LANG (NULL included). */
double galley_text_stop_share(const char *lang, const char *text, size_t *words);

/* text_head.c: the metadata block, title, source URL, byline and date. */
void galley_text_head(struct text_doc *d, const struct text_junk *j);
/* text_byline.c: parse LINE as a byline; 1 (and metadata set) if it is one. */
/* text_byline.c: with no byline yet, the first byline among the page's
 * first blocks above block PROSE (where the prose starts): a "By" line, a
 * name and a date, a bare name ("Joseph Cox") or a desk ("Staff
 * reporter"); its block is dropped from the body. */
void galley_text_byline_above(struct text_doc *d, size_t prose);
int galley_text_byline(galley_node *article, const char *line);
/* text_author.c: the name of a name line, without a note in brackets after
 * it ("Martin Untersinger (avec Damien Leloup)"), malloc'd; NULL if none. */
char *galley_text_name_line(const char *t);

/* text_date.c: find the first date in S; writes "YYYY-MM-DD" to ISO (11
 * bytes) and the byte span to *START and *END.  Returns 1 if found. */
int galley_text_find_date(const char *s, char iso[11], size_t *start, size_t *end);
/* text_date.c: 1 if S is a date and nothing else (weekday, time, "Updated"). */
int galley_text_is_date_line(const char *s, char iso[11]);

/* text_author.c: find the trailing author box and mark its blocks. */
/* text_author.c: 1 if T reads as a writer's bio ("Jane Roe is a reporter
 * ..."): a name, a verb, and a writer's trade in the first sentence. */
int galley_text_is_bio(const char *t);
void galley_text_author(struct text_doc *d);

/* text_blocks.c: drop trailing lead-ins ("References:") left with
 * nothing after them. */
void galley_text_trim_tail(struct text_doc *d);
/* text_blocks.c: decide headings, quotes and citations. */
void galley_text_classify(struct text_doc *d);
/* text_blocks.c: build the article's blocks from the block list. */
void galley_text_emit(struct text_doc *d);

/* text_shape.c: word and line shapes. */
size_t galley_text_width(const char *s, size_t len);
/* 1 if the code point at S is an upper-case letter (ASCII, Latin-1 or
 * Latin Extended-A capitals, or a capital of Greek, Cyrillic and the other
 * cased scripts); *LEN gets its byte length. */
int galley_text_is_upper_at(const char *s, size_t *len);
/* 1 if S starts with a letter of a script without case (Chinese,
 * Arabic, Devanagari...): such a line can be a heading or a name though it
 * starts with no capital. */
int galley_text_caseless_at(const char *s);
/* 1 if the code point at S is a lower-case letter. */
int galley_text_is_lower_at(const char *s);
/* Byte length of an opening quotation mark at S (" “ « „ ‘), or 0. */
size_t galley_text_open_quote(const char *s);
/* Byte length of a closing mark ending at S[0..LEN) (" ” » ’), or 0. */
size_t galley_text_close_quote(const char *s, size_t len);
/* 1 if S[0..LEN) ends with terminal or closing punctuation (. ! ? … : ; ,
 * and 。！？ । ॥ ؟ ۔). */
int galley_text_ends_sentence(const char *s, size_t len);
/* 1 if S is a person's name on its own: 2-5 capitalised words, particles
 * (de, van, bin ...) and initials allowed, no digits. */
int galley_text_is_name(const char *s);
/* Bytes of the person's name S starts with (2-5 words), 0 if none. */
size_t galley_text_leading_name(const char *s);
/* Comparison key: ASCII letters and digits lower-cased, other ASCII
 * dropped, non-ASCII letters kept, quotes and dashes dropped (malloc'd). */
char *galley_text_key(const char *s);
/* The key of S[0..LEN) as a 64-bit FNV-1a hash, made without a copy; 0
 * for a key that is empty. */
uint64_t galley_text_key_hash(const char *s, size_t len);
/* C as strncasecmp compares it (galley runs in the C locale): an ASCII
 * capital as its small letter, any other byte as it is. */
static inline unsigned char galley_text_fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}
/* 1 if WORD (LEN bytes) occurs in S as a whole word, ASCII case ignored. */
int galley_text_has_word(const char *s, const char *word, size_t len);
/* 1 if S is a bare URL (http://, https:// or www., no spaces). */
int galley_text_is_url(const char *s);

/* read_text.c: append a block to D's list (TEXT is taken over). */
struct text_block *galley_text_push(struct text_doc *d, char *text, int line);

#endif
