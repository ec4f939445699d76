/* text_blocks.c — decides what each paragraph of scraped text is (heading, list, quotation, signature) and builds the tree. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define HEADING_MAX_WIDTH 100
#define HEADING_MAX_WORDS 14
#define HEADING_SENTENCE_WORDS 8
#define CITE_MAX_WIDTH 120
/* A bracketed tag at a heading's end is at most this long ("[edit]"). */
#define HEADING_TAG_MAX 8
/* A heading is followed by a line at least this long, or a sentence. */
#define HEADING_FOLLOW_MIN 40
/* A paragraph this long around a sentence-case line makes it a heading. */
#define HEADING_PROSE_WIDTH 100

static int S_is_mark(const char *p, const char *const *set, size_t *len)
{
	for (; *set; set++) {
		size_t n = strlen(*set);
		if (strncmp(p, *set, n) == 0) {
			*len = n;
			return 1;
		}
	}
	return 0;
}

/* "— Name, role" after a quotation is its attribution. */
static size_t S_dash(const char *t)
{
	static const char *const dashes[] = {"\xE2\x80\x94", "\xE2\x80\x93", "\xE2\x80\x95", "-", "~", NULL};
	size_t n;
	if (!S_is_mark(t, dashes, &n))
		return 0;
	while (t[n] == ' ')
		n++;
	return n;
}

/* Headline-shaped: short and without a closing stop (a link title). */
static int S_link_title(const struct text_block *b)
{
	return b->kind == TK_PARA && b->width <= 120 &&
	       !galley_text_ends_sentence(b->text, strlen(b->text));
}

/* "Related Posts" / "You may also like" and then link titles to the end:
 * the titles belong to the junk section. */
static void S_drop_link_list(struct text_doc *d)
{
	long label = -1;
	for (long i = (long)d->nblocks - 1; i >= 0 && label < 0; i--) {
		const struct text_block *b = &d->blocks[i];
		if (b->flags & TB_JUNK)
			label = i;
		else if (b->kind != TK_DROP && !S_link_title(b))
			return;
	}
	if (label < 0 || d->blocks[label].width > 40 || (long)d->nblocks - label > 12)
		return;
	for (size_t i = (size_t)label + 1; i < d->nblocks; i++)
		d->blocks[i].kind = TK_DROP;
}

/* A signature closing the text ("— Jane Roe", "By Jane Roe") is the
 * writer's name, not a paragraph: it goes to the metadata. */
static void S_signature(struct text_doc *d)
{
	long i = galley_text_last_block(d, (long)d->nblocks);
	if (i < 1 || d->blocks[i].kind != TK_PARA || d->blocks[i].width > 60)
		return;
	struct text_block *b = &d->blocks[i];
	size_t k = S_dash(b->text);
	if (k && galley_text_is_name(b->text + k)) {
		galley_article_add_author(d->article, b->text + k);
		b->kind = TK_DROP;
		return;
	}
	if (galley_article_get(d->article, GALLEY_META_BYLINE)) {
		galley_node *scratch = galley_node_new(GALLEY_NODE_ARTICLE);
		if (galley_text_byline(scratch, b->text))
			b->kind = TK_DROP;
		galley_node_free(scratch);
	} else if (galley_text_byline(d->article, b->text)) {
		b->kind = TK_DROP;
	}
}

void galley_text_trim_tail(struct text_doc *d)
{
	S_drop_link_list(d);
	S_signature(d);
	/* "References:" / "Sources:" left with nothing after them */
	for (long i = (long)d->nblocks - 1; i >= 0; i--) {
		struct text_block *b = &d->blocks[i];
		if (b->kind == TK_DROP)
			continue;
		size_t len = strlen(b->text);
		if (b->kind != TK_PARA || b->width > 100 || len == 0 || b->text[len - 1] != ':')
			break;
		b->kind = TK_DROP;
	}
}

/* Minor words stay lower case in title case. */
static int S_minor(const char *w, size_t n)
{
	static const char *const m[] = {"a", "an", "the", "and", "or", "but", "nor", "for", "of",
		"on", "in", "to", "at", "by", "with", "from", "as", "vs", "via", "per", "into",
		"onto", "over", "up", "is", "are", "be", "its", "his", "her", "their", "our"};
	for (size_t i = 0; i < sizeof m / sizeof *m; i++)
		if (strlen(m[i]) == n && strncmp(w, m[i], n) == 0)
			return 1;
	return 0;
}

struct caps {
	int words, lower, significant, comma, ascii_lower;
};

static struct caps S_caps(const char *t)
{
	struct caps c = {0, 0, 0, 0, 0};
	for (const char *p = t; *p;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		size_t n = strcspn(p, " ");
		c.words++;
		if (memchr(p, ',', n))
			c.comma = 1;
		for (size_t i = 0; i < n; i++)
			if (p[i] >= 'a' && p[i] <= 'z')
				c.ascii_lower = 1;
		if (galley_text_is_lower_at(p) && !S_minor(p, n)) {
			c.lower++;
			c.significant++;
		} else if (galley_text_is_upper_at(p, NULL)) {
			c.significant++;
		}
		p += n;
	}
	return c;
}

static int S_has_any(const char *t, const char *const *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (galley_text_has_word(t, w[i], strlen(w[i])))
			return 1;
	return 0;
}

/* Photo captions and credits stand alone like headings but are not. */
static int S_caption(const char *t)
{
	static const char *const w[] = {"photo", "photos", "photograph", "image", "images",
		"credit", "courtesy", "getty", "illustration", "screenshot", "pictured"};
	return S_has_any(t, w, sizeof w / sizeof *w);
}

/* "Watch the video below": a pointer to an embed, not a section. */
/* 1 if T holds a sentence end inside it: ". " after a word of two
 * letters or more (an initial or "U.S." is no end). */
static int S_two_sentences(const char *t)
{
	for (const char *p = strstr(t, ". "); p; p = strstr(p + 1, ". ")) {
		int letters = 0;
		for (const char *q = p; q > t && q[-1] != ' ' && q[-1] != '.'; q--)
			letters++;
		if (letters >= 2)
			return 1;
	}
	return 0;
}

/* A line that opens with a quotation: a quote, unless the quotation is
 * one or two words inside a longer line ("‘Unprecedented’ strandings"). */
static int S_quoted_start(const char *t)
{
	size_t q = galley_text_open_quote(t);
	if (!q)
		return 0;
	size_t len = strlen(t);
	if (galley_text_close_quote(t, len))
		return 1;
	int spaces = 0;
	for (const char *p = t + q; *p && spaces < 3; p++) {
		size_t c = galley_text_close_quote(t, (size_t)(p - t) + 1);
		if (c && p > t + q)
			return 0;
		spaces += *p == ' ';
	}
	return 1;
}

static int S_pointer(const char *t)
{
	static const char *const w[] = {"video", "watch", "below", "above", "tweet", "tweeted",
		"listen", "here", "click", "embed", "gallery"};
	return S_has_any(t, w, sizeof w / sizeof *w);
}

/* A short line without closing punctuation, in title case, all
 * capitals or (when very short) sentence case; a question only in strict
 * title case; never quoted, never code, a caption or two sentences. */
static int S_shape_of(const char *t, int sentence_words, int loose);

/* The length of S without a short bracketed tag at its end ("History[edit]",
 * "Results [2]"): a web page's link beside a heading, or a note mark. */
static size_t S_without_tag(const char *s, size_t len)
{
	if (len < 3 || s[len - 1] != ']')
		return len;
	const char *open = s + len - 1;
	while (open > s && *open != '[' && (size_t)(s + len - open) <= HEADING_TAG_MAX)
		open--;
	if (*open != '[' || open == s || (size_t)(s + len - open) > HEADING_TAG_MAX)
		return len;
	size_t n = (size_t)(open - s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return n;
}

static int S_heading_shape_as(const struct text_block *b, int sentence_words, int loose)
{
	size_t len = strlen(b->text);
	if (b->kind != TK_PARA || (b->flags & (TB_JOINED | TB_PREFIXED | TB_CODE)) || len == 0 ||
	    b->width > HEADING_MAX_WIDTH || S_quoted_start(b->text))
		return 0;
	char *core = galley_xstrndup(b->text, S_without_tag(b->text, len));
	int yes = *core && S_shape_of(core, sentence_words, loose);
	free(core);
	return yes;
}

static int S_shape_of(const char *t, int sentence_words, int loose)
{
	size_t len = strlen(t);
	int letters = 0;
	for (const char *p = t; *p && letters < 2; p++)
		letters += (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (unsigned char)*p >= 0xC0;
	if (letters < 2)
		return 0;   /* "4.3333": a figure, not a heading */
	if (!galley_text_is_upper_at(t, NULL) && !(t[0] >= '0' && t[0] <= '9') &&
	    !galley_text_caseless_at(t))
		return 0;
	/* "2. Take inventory" is numbered, not two sentences */
	size_t num = strspn(t, "0123456789");
	const char *rest = num && (t[num] == '.' || t[num] == ')') ? t + num + 1 : t;
	if (strpbrk(t, "|@_={};<>[]\\/") || S_two_sentences(rest) || strstr(t, "\xC2\xA9") ||
	    S_caption(t))
		return 0;
	struct caps c = S_caps(t);
	if (c.words > HEADING_MAX_WORDS)
		return 0;
	int title_case = c.significant >= 2 && c.lower * 5 <= c.significant;
	if (galley_text_ends_sentence(t, len))
		/* a question in title case; in sentence case only between long
		 * paragraphs ("What about existing solutions?") */
		return t[len - 1] == '?' && ((title_case && c.lower == 0) ||
		                             (loose && c.words <= HEADING_SENTENCE_WORDS && !c.comma));
	int all_caps = !c.ascii_lower && c.significant >= 1;
	int sentence = c.words <= sentence_words && (loose || !c.comma) && !S_pointer(t);
	return all_caps || title_case || sentence;
}

static int S_heading_shape(const struct text_block *b)
{
	return S_heading_shape_as(b, HEADING_SENTENCE_WORDS, 0);
}

/* A long paragraph of finished sentences. */
static int S_prose_para(const struct text_block *b)
{
	return b->kind == TK_PARA && b->width >= HEADING_PROSE_WIDTH &&
	       galley_text_ends_sentence(b->text, strlen(b->text));
}

/* A longer line in sentence case is a heading too ("Interest costs make it
 * harder for the government to do other things") when long finished
 * paragraphs stand on both sides of it. */
static int S_sentence_heading(const struct text_doc *d, long p, long i, long n)
{
	return S_heading_shape_as(&d->blocks[i], HEADING_MAX_WORDS, 1) &&
	       S_prose_para(&d->blocks[p]) && S_prose_para(&d->blocks[n]);
}

static int S_body(const struct text_block *b)
{
	return b->kind == TK_PARA || b->kind == TK_QUOTE || b->kind == TK_CITE ||
	       b->kind == TK_ITEM;
}

static long S_next(const struct text_doc *d, long i)
{
	for (long k = i + 1; k < (long)d->nblocks; k++)
		if (d->blocks[k].kind != TK_DROP)
			return k;
	return -1;
}

/* What follows a heading: text, a sentence or a line of some length,
 * not a table's next cell ("Groundhog Day" then "1993"). */
static int S_opens_section(const struct text_block *b)
{
	if (b->flags & TB_CODE)
		return 0;       /* "SELECT" over a query is a line of it */
	return b->kind != TK_PARA || b->width >= HEADING_FOLLOW_MIN ||
	       galley_text_ends_sentence(b->text, strlen(b->text));
}

/* The tag at the end of a heading-shaped block ("[edit]" of
 * "History[edit]"), or NULL. */
static const char *S_tag(const struct text_block *b)
{
	size_t len = strlen(b->text), core = S_without_tag(b->text, len);
	if (core == len)
		return NULL;
	const char *tag = strchr(b->text + core, '[');
	for (const char *p = tag; p && *p; p++)
		if (g_ascii_isalpha(*p))
			return tag;
	return NULL;    /* "[12]": a note mark */
}

static const char *S_heading_tag(const struct text_block *b)
{
	const char *tag = S_tag(b);
	return tag && S_heading_shape(b) ? tag : NULL;
}

/* Tags that three heading-shaped lines or more end with: a page's link
 * beside each of its section headings, which marks them as headings
 * whatever follows ("Firefox[edit]" before "Main article: Firefox").
 * Note marks ("[12]") hold no letter and never count. */
static GHashTable *S_section_tags(const struct text_doc *d)
{
	GHashTable *count = g_hash_table_new(g_str_hash, g_str_equal);
	for (size_t i = 0; i < d->nblocks; i++) {
		const char *tag = d->blocks[i].kind == TK_PARA ? S_heading_tag(&d->blocks[i]) : NULL;
		if (tag)
			g_hash_table_insert(count, (gpointer)tag,
			                    GSIZE_TO_POINTER(GPOINTER_TO_SIZE(g_hash_table_lookup(count, tag)) + 1));
	}
	return count;
}

static int S_section_tagged(GHashTable *tags, const struct text_block *b)
{
	const char *tag = S_tag(b);
	return tag && GPOINTER_TO_SIZE(g_hash_table_lookup(tags, tag)) >= 3 && S_heading_shape(b);
}

/* How often each kept block short enough to be a heading occurs: a
 * section's heading is written once, a page's running head on every page. */
static GHashTable *S_line_counts(const struct text_doc *d)
{
	GHashTable *count = g_hash_table_new(g_str_hash, g_str_equal);
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == TK_PARA && d->blocks[i].width <= HEADING_MAX_WIDTH)
			g_hash_table_insert(count, d->blocks[i].text,
			                    GSIZE_TO_POINTER(GPOINTER_TO_SIZE(
			                        g_hash_table_lookup(count, d->blocks[i].text)) + 1));
	return count;
}

/* A heading stands between paragraphs: body before it, a paragraph
 * (that is not itself heading-shaped) after it. */
static void S_headings(struct text_doc *d)
{
	GHashTable *tags = S_section_tags(d), *seen = S_line_counts(d);
	for (long i = 0; i < (long)d->nblocks; i++) {
		struct text_block *b = &d->blocks[i];
		long p = galley_text_last_block(d, i), n = S_next(d, i);
		if (n >= 0 && S_body(&d->blocks[n]) && S_section_tagged(tags, b)) {
			b->kind = TK_HEADING;
			b->level = 2;
			continue;
		}
		if (!S_heading_shape(b) && !(p >= 0 && n >= 0 && S_sentence_heading(d, p, i, n)))
			continue;
		if (GPOINTER_TO_SIZE(g_hash_table_lookup(seen, b->text)) >= 3)
			continue;   /* a running head ("Internet-Draft remoteStorage December 2014") */
		if (p < 0 || n < 0 || !S_body(&d->blocks[n]) ||
		    !(S_body(&d->blocks[p]) || d->blocks[p].kind == TK_SEP))
			continue;
		/* two heading shapes in a row are a list, unless the first asks
		 * the reader to act ("Learn more about WebIDE", then "Valence") */
		if (d->blocks[p].kind == TK_PARA && S_heading_shape(&d->blocks[p]) &&
		    !galley_text_call_to_action(d->blocks[p].text, d->blocks[p].width))
			continue;
		if (S_heading_shape(&d->blocks[n]) || !S_opens_section(&d->blocks[n]))
			continue;
		b->kind = TK_HEADING;
		b->level = 2;
	}
	g_hash_table_destroy(tags);
	g_hash_table_destroy(seen);
}

/* 1 if T opens with a quotation mark whose closing mark ends it. */
static int S_wholly_quoted(const char *t)
{
	static const char *const curly_o[] = {"\xE2\x80\x9C", NULL}, *const curly_c[] = {"\xE2\x80\x9D", NULL};
	static const char *const guil_o[] = {"\xC2\xAB", NULL}, *const guil_c[] = {"\xC2\xBB", NULL};
	static const char *const low_o[] = {"\xE2\x80\x9E", NULL};
	static const char *const low_c[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", NULL};
	if (t[0] == '"') {
		const char *q = strchr(t + 1, '"');
		return q && q > t + 1 && q[1] == '\0';
	}
	const char *const *open = NULL, *const *close = NULL;
	size_t n;
	if (S_is_mark(t, curly_o, &n)) { open = curly_o; close = curly_c; }
	else if (S_is_mark(t, guil_o, &n)) { open = guil_o; close = guil_c; }
	else if (S_is_mark(t, low_o, &n)) { open = low_o; close = low_c; }
	else return 0;
	int depth = 0;
	for (const char *p = t; *p;) {
		if (S_is_mark(p, open, &n))
			depth++;
		else if (S_is_mark(p, close, &n))
			depth--;
		else
			n = 1;
		p += n;
		if (depth == 0)
			return *p == '\0' && p - t > 6;
	}
	return 0;
}

static void S_quotes(struct text_doc *d)
{
	int groups = 0;
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].group > groups)
			groups = d->blocks[i].group;
	for (long i = 0; i < (long)d->nblocks; i++) {
		struct text_block *b = &d->blocks[i];
		if (b->kind == TK_PARA && !(b->flags & TB_PREFIXED) && S_wholly_quoted(b->text)) {
			b->kind = TK_QUOTE;
			b->group = ++groups;
		}
		if (b->kind != TK_QUOTE)
			continue;
		long n = S_next(d, i);
		if (n < 0)
			continue;
		struct text_block *c = &d->blocks[n];
		size_t k = S_dash(c->text);
		long nn = S_next(d, n);
		int plain = c->kind == TK_PARA && !(c->flags & TB_PREFIXED);
		int last_in_group = (c->flags & TB_PREFIXED) && c->group == b->group &&
		                    (nn < 0 || d->blocks[nn].group != b->group);
		if (k && c->width <= CITE_MAX_WIDTH && c->text[k] && (plain || last_in_group)) {
			memmove(c->text, c->text + k, strlen(c->text + k) + 1);
			c->kind = TK_CITE;
			c->group = b->group;
		}
	}
}

/* Two or more item lines in a row are a list; one alone is a paragraph
 * (a numbered heading, a dash before a name). */
static void S_lists(struct text_doc *d)
{
	const unsigned kinds[] = {TB_BULLET, TB_NUMBER};
	for (size_t i = 0; i < d->nblocks;) {
		struct text_block *b = &d->blocks[i];
		unsigned kind = b->flags & (TB_BULLET | TB_NUMBER);
		if (b->kind != TK_PARA || !kind || (b->flags & TB_PREFIXED)) {
			i++;
			continue;
		}
		size_t j = i, n = 0;
		for (; j < d->nblocks; j++) {
			const struct text_block *c = &d->blocks[j];
			if (c->kind == TK_DROP)
				continue;
			if (c->kind != TK_PARA || !(c->flags & kind) || (c->flags & TB_PREFIXED))
				break;
			n++;
		}
		for (size_t k = i; n >= 2 && k < j; k++)
			if (d->blocks[k].kind == TK_PARA) {
				d->blocks[k].kind = TK_ITEM;
				d->blocks[k].level = kind == kinds[1];
			}
		i = j > i ? j : i + 1;
	}
}

void galley_text_classify(struct text_doc *d)
{
	S_lists(d);
	S_quotes(d);
	S_headings(d);
}

/* ----------------------------------------------------------------- tree */

static void S_author_box(struct text_doc *d, size_t from, galley_node *article)
{
	galley_node *box = galley_node_new(GALLEY_NODE_AUTHOR_BOX);
	galley_node_append_child(article, box);
	galley_append_text_block(box, GALLEY_NODE_AUTHOR_NAME, d->author, d->blocks[from].line);
	galley_node *bio = galley_node_new(GALLEY_NODE_AUTHOR_BIO);
	galley_node_append_child(box, bio);
	for (size_t i = from; i < d->nblocks; i++)
		if (d->blocks[i].kind == TK_BIO)
			galley_append_text_block(bio, GALLEY_NODE_PARAGRAPH, d->blocks[i].text,
			                         d->blocks[i].line);
}

/* Lines of program code from block I on, one listing: a preformatted
 * block of their lines.  Returns the last block taken. */
static size_t S_emit_code(const struct text_doc *d, size_t i, galley_node *article)
{
	galley_buf code = GALLEY_BUF_INIT;
	size_t last = i;
	for (size_t k = i; k < d->nblocks; k++) {
		const struct text_block *b = &d->blocks[k];
		if (b->kind == TK_DROP)
			continue;
		if (b->kind != TK_PARA || !(b->flags & TB_CODE))
			break;
		if (code.len)
			galley_buf_putc(&code, '\n');
		galley_buf_puts(&code, b->text);
		last = k;
	}
	galley_node *pre = galley_node_new(GALLEY_NODE_CODE_BLOCK);
	galley_node_set_line(pre, d->blocks[i].line);
	galley_node_set_literal(pre, code.data);
	if (!galley_node_append_child(article, pre))
		galley_node_free(pre);
	galley_buf_free(&code);
	return last;
}

void galley_text_emit(struct text_doc *d)
{
	galley_node *a = d->article, *quote = NULL, *list = NULL;
	int group = 0, boxed = 0;
	for (size_t i = 0; i < d->nblocks; i++) {
		struct text_block *b = &d->blocks[i];
		if (b->kind == TK_DROP)
			continue;
		if (b->kind != TK_QUOTE && b->kind != TK_CITE)
			quote = NULL;
		if (b->kind != TK_ITEM)
			list = NULL;
		switch (b->kind) {
		case TK_ITEM:
			if (!list || galley_node_get_list_ordered(list) != b->level) {
				list = galley_node_new(GALLEY_NODE_LIST);
				galley_node_set_list_ordered(list, b->level);
				galley_node_set_line(list, b->line);
				galley_node_append_child(a, list);
			}
			galley_text_append_block(d, list, GALLEY_NODE_ITEM, b->text + b->mark, b->line);
			break;
		case TK_SEP: {
			galley_node *hr = galley_node_new(GALLEY_NODE_SEPARATOR);
			galley_node_set_line(hr, b->line);
			galley_node_append_child(a, hr);
			break;
		}
		case TK_PARA:
			if (b->flags & TB_CODE)
				i = S_emit_code(d, i, a);
			else
				galley_text_append_block(d, a, GALLEY_NODE_PARAGRAPH, b->text, b->line);
			break;
		case TK_HEADING:
			galley_node_set_heading_level(
				galley_append_text_block(a, GALLEY_NODE_HEADING, b->text, b->line), b->level);
			break;
		case TK_QUOTE: case TK_CITE:
			if (!quote || b->group != group) {
				quote = galley_node_new(GALLEY_NODE_BLOCKQUOTE);
				galley_node_set_line(quote, b->line);
				galley_node_append_child(a, quote);
				group = b->group;
			}
			galley_text_append_block(d, quote, b->kind == TK_CITE ? GALLEY_NODE_CITE :
			                         GALLEY_NODE_PARAGRAPH, b->text, b->line);
			break;
		case TK_NAME: case TK_BIO:
			if (!boxed && d->author)
				S_author_box(d, i, a);
			boxed = 1;
			break;
		default:
			break;
		}
	}
}
