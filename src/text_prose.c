/* text_prose.c — which blocks of scraped text are the article: each block
 * is classed by its shape (length, share of function words, closing stop,
 * link-like tokens), then short and unclear blocks take the class of their
 * neighbours, as jusText does; the prose ends where a long run of junk
 * starts, and a comment thread is cut whole.  Nothing here names a site or
 * a phrase of one: these signals hold for text the reader has never seen. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* From jusText's defaults (70 and 200 characters, shares 0.30 and 0.32 of
 * its long lists), set for galley's shorter function-word lists and news
 * paragraphs on two thirds of the scraped development cases and checked
 * on the other third. */
#define PROSE_SHORT 70          /* code points: shorter is "short" */
#define PROSE_LONG 140          /* longer, with function words, is "good" */
#define PROSE_STOP_HIGH 0.30
#define PROSE_STOP_LOW 0.15
#define PROSE_STOP_NEWS 0.08     /* the least a long finished sentence has */
/* A call to action is a line or two, never a paragraph. */
#define PROSE_CTA_MAX 100
/* A line of code is at most this long (bytes); past it, only its last
 * character can make a line code. */
#define PROSE_CODE_MAX 160
/* A text whose first this many bytes come again later in it repeats itself. */
#define DOUBLED_OPENING 40
#define DOUBLED_MAX 400         /* a widget's text is no longer (bytes) */
/* Link titles are at most this long, and come at least this many in a row. */
#define PROSE_LINK_TITLE 120
#define PROSE_LINK_RUN 3
/* The article ends before a run of this many junk blocks ... */
#define PROSE_GAP_BLOCKS 3
/* ... that together hold at least this many code points, unless this many
 * long paragraphs in a row follow it (the article goes on). */
#define PROSE_GAP_WIDTH 60
#define PROSE_COHERENT_RUN 3

enum prose_class { P_BAD, P_SHORT, P_NEAR, P_GOOD };

/* Tokens of the web rather than of prose: a URL, an @handle, a #tag, or a
 * "|" of a menu or breadcrumb. */
static int S_web_tokens(const char *t)
{
	int n = 0;
	for (const char *p = t; *p; p++) {
		int start = p == t || p[-1] == ' ';
		if (start && (strncmp(p, "http", 4) == 0 || strncmp(p, "www.", 4) == 0))
			n++;
		else if (start && (*p == '@' || *p == '#') && galley_text_is_lower_at(p + 1))
			n++;
		else if (*p == '|' && p[1] == ' ' && p > t && p[-1] == ' ')
			n++;
	}
	return n;
}

/* Text without word spaces (Chinese, Japanese, Thai): function words
 * cannot be counted, so a block is judged by its length and stop. */
static int S_spaceless(const char *t, size_t width)
{
	size_t spaces = 0;
	for (const char *p = t; *p; p++)
		spaces += *p == ' ';
	return spaces * 20 < width;
}

static int S_unspaced(const char *t, size_t width)
{
	return width >= 20 && S_spaceless(t, width);
}

/* The symbols that code is made of and prose seldom uses. */
static int S_code_symbol(char ch)
{
	switch (ch) {
	case '{': case '}': case '[': case ']': case '(': case ')': case '<': case '>':
	case '=': case ';': case '/': case '\\': case '"': case '$': case '&': case '|':
	case '_': case '*': case '#':
		return 1;
	default:
		return 0;
	}
}

/* 1 if the word just before P (two characters or more) is an identifier:
 * it starts with a letter or an underscore. */
static int S_identifier_before(const char *t, const char *p)
{
	const char *w = p;
	while (w > t && (g_ascii_isalnum(w[-1]) || w[-1] == '_'))
		w--;
	return p - w >= 2 && (g_ascii_isalpha(*w) || *w == '_');
}

/* A line of program code ("exports.Cow = Cow;", "});", "<div id=x>"):
 * articles about programming quote it, and it reads as neither prose nor
 * junk, so its neighbours decide.  Code ends with a brace or a semicolon,
 * opens with a tag or a comment, or is made largely of the symbols that
 * prose seldom uses. */
static int S_code(const char *t, size_t len)
{
	if (len == 0)
		return 0;
	char last = t[len - 1];
	if (last == '{' || last == '}' || last == ';' || last == '(' || last == '[')
		return 1;
	int tag = t[0] == '<' && (g_ascii_isalpha(t[1]) || t[1] == '/' || t[1] == '!');
	if ((tag && ((last == '>' && !strchr(t + 1, '<')) || strstr(t, "=\""))) ||
	    strncmp(t, "//", 2) == 0 || strncmp(t, "/*", 2) == 0 || strncmp(t, "#include", 8) == 0)
		return 1;
	if (len > PROSE_CODE_MAX)
		return 0;       /* a paragraph: code comes a statement a line */
	if (strstr(t, "=>") || strstr(t, "();") || strstr(t, "</"))
		return 1;
	/* a call, "avg(n)": a name and its parenthesis touch only in code
	 * ("word(s)" is prose's plural, "401(k)" a plan's name) */
	for (const char *p = strchr(t, '('); p; p = strchr(p + 1, '('))
		if (p - t >= 2 && S_identifier_before(t, p) && strncmp(p, "(s)", 3) != 0 &&
		    strchr(p, ')'))
			return 1;
	size_t sym = 0, alnum = 0, box = 0, digits = 0;
	for (const char *p = t; *p; p++) {
		unsigned char u = (unsigned char)*p;
		if (u == 0xE2 && (p[1] == '\x94' || p[1] == '\x95') && p[2]) {
			box++;          /* box drawing, U+2500-U+257F: a query's result table */
			p += 2;
			continue;
		}
		digits += g_ascii_isdigit(*p) || *p == '_';
		sym += S_code_symbol(*p);
		alnum += g_ascii_isalnum(*p) || u >= 0x80;
	}
	if (box && (digits || alnum == 0))
		return 1;
	return (len >= 4 && sym * 4 > len) || (sym > 0 && alnum == 0);
}

/* A short line between lines of code ("SELECT", "series") is one too,
 * and so is the first line of a listing that a colon introduced
 * ("... a range of acceptable values:", "SELECT", "avg(n) - ..."). */
static int S_code_at(const struct text_doc *d, long i)
{
	return i >= 0 && i < (long)d->nblocks && (d->blocks[i].flags & TB_CODE);
}

/* 1 if block I may be a line of a listing: kept, short, not ending a
 * sentence with a full stop ("status_code," and "SELECT" may be). */
static int S_code_like(const struct text_doc *d, long i)
{
	const struct text_block *b = &d->blocks[i];
	size_t n = strlen(b->text);
	while (n > 0 && b->text[n - 1] == ' ')
		n--;
	return b->kind != TK_DROP && !(b->flags & TB_CODE) && b->width < PROSE_SHORT && n > 0 &&
	       !strchr(".!?", b->text[n - 1]);
}

/* A run of such lines with code on both sides ("SELECT", "status_code,",
 * "period," between "WITH ... AS (" and "AVG(entries) OVER ...") is part
 * of one listing: set apart, its lines would be paragraphs in the middle
 * of a program.  So are up to three such lines that a colon introduced
 * before code ("Let's look at the raw data:", "SELECT *", "FROM log",
 * "WHERE status = 400"). */
static void S_code_between(struct text_doc *d)
{
	for (long i = 1; i < (long)d->nblocks; i++) {
		const char *p = d->blocks[i - 1].text;
		size_t plen = strlen(p);
		int introduced = plen > 0 && p[plen - 1] == ':' && !S_code_at(d, i - 1);
		if (!(S_code_at(d, i - 1) || introduced) || !S_code_like(d, i))
			continue;
		long j = i;
		while (j < (long)d->nblocks && j - i < (introduced ? 3 : 12) && S_code_like(d, j))
			j++;
		if (S_code_at(d, j))
			for (long k = i; k < j; k++)
				d->blocks[k].flags |= TB_CODE;
		i = j;
	}
}

static void S_code_runs(struct text_doc *d)
{
	for (int pass = 0; pass < 2; pass++)
		for (long i = 1; i + 1 < (long)d->nblocks; i++) {
			struct text_block *b = &d->blocks[i];
			if (b->kind == TK_DROP || (b->flags & TB_CODE) || b->width >= PROSE_SHORT ||
			    !(S_code_at(d, i - 1) || S_code_at(d, i + 1)) ||
			    galley_text_ends_sentence(b->text, strlen(b->text)))
				continue;
			const char *p = d->blocks[i - 1].text;
			size_t plen = strlen(p);
			int introduced = plen > 0 && p[plen - 1] == ':';
			int around = S_code_at(d, i - 2) + S_code_at(d, i - 1) + S_code_at(d, i + 1) +
			             S_code_at(d, i + 2);
			if ((S_code_at(d, i - 1) || S_code_at(d, i + 1)) && (around >= 2 || introduced))
				b->flags |= TB_CODE;
		}
	S_code_between(d);
}

static int S_words(const char *t)
{
	int words = 0;
	for (const char *p = t; *p; p++)
		words += (p == t || p[-1] == ' ') && *p != ' ';
	return words;
}

/* The start of the sentence after the one at P, or NULL. */
static const char *S_next_sentence(const char *p)
{
	for (; *p; p++)
		if ((*p == '.' || *p == '!' || *p == '?') && p[1] == ' ' && p[2])
			return p + 2;
	return NULL;
}

/* Verbs that open a call to action ("Share this", "Subscribe now", "Add
 * your two cents"): a short block with a sentence starting with one asks
 * the reader to do something on the page, which article prose never does
 * on its own line. */
int galley_text_call_to_action(const char *t, size_t width)
{
	static const char *const verbs[] = {
		"add", "buy", "check", "click", "comment", "contact", "continue", "discover",
		"donate", "download", "email", "enter", "explore", "follow", "get", "join", "learn", "leave",
		"like", "listen", "log", "login", "order", "print", "read", "register", "report",
		"save", "see", "share", "shop", "sign", "start", "stay", "subscribe", "support",
		"tap", "tweet", "view", "visit", "watch",
		"abonnieren", "anmelden", "folgen", "klicken", "lesen", "teilen",
		"abonnez", "cliquez", "inscrivez", "lire", "partager", "partagez", "suivez", "suivre",
		"comparte", "compartir", "haz", "lee", "leer", "sigue", "suscríbete",
		"condividi", "iscriviti", "leggi", "segui", "clique", "compartilhe", "siga", "leia",
		"klik", "kliknij", "klikněte",
		"sdílet", "sdílejte", "přečtěte", "sledujte", "поделиться", "подписаться", "читать",
	};
	if (width >= PROSE_CTA_MAX)
		return 0;
	/* the first word of the first sentence, or of any in a short line */
	for (const char *p = t; p; p = width < PROSE_SHORT ? S_next_sentence(p) : NULL) {
		size_t n = strcspn(p, " :!.,?");
		if (n == 0 || n >= 32 || !galley_text_is_upper_at(p, &(size_t){0}))
			continue;
		gchar *low = g_utf8_strdown(p, (gssize)n);
		int hit = 0;
		for (size_t i = 0; !hit && i < sizeof verbs / sizeof *verbs; i++)
			hit = strcmp(low, verbs[i]) == 0;
		g_free(low);
		if (hit)
			return 1;
	}
	return 0;
}

/* 1 if T ends with a phrase of two words or more written twice ("... to
 * build wealth, … Read more Read more"): a teaser's button and its label. */
static int S_doubled_end(const char *t, size_t len)
{
	for (size_t half = 4; half * 2 + 1 <= len && half <= 30; half++) {
		const char *b = t + len - half, *a = b - 1 - half;
		if (b[-1] == ' ' && (a == t || a[-1] == ' ') && memchr(b, ' ', half) &&
		    strncmp(a, b, half) == 0)
			return 1;
	}
	return 0;
}

/* 1 if T is a phrase written twice ("Promoted Links Promoted Links"), as
 * a page's widget shows its label and its tooltip side by side. */
static int S_doubled(const char *t)
{
	size_t len = strlen(t);
	if (len >= 5 && len % 2 == 1 && t[len / 2] == ' ' &&
	    strncmp(t, t + len / 2 + 1, len / 2) == 0)
		return 1;
	/* a widget's title shown over and over, cut where the box ends ("How
	 * to Build an Easy, Beginner ... How to Build an Easy, Beginner ...") */
	if (len >= 2 * DOUBLED_OPENING && len <= DOUBLED_MAX) {
		char *open = galley_xstrndup(t, DOUBLED_OPENING);
		const char *again = strstr(t + 1, open);
		free(open);
		/* a headline, not a paragraph that says the same thing twice */
		const char *stop = S_next_sentence(t);
		if (again && (!stop || stop > again))
			return 1;
	}
	return S_doubled_end(t, len);
}

/* A short whole sentence with function words ("He declined to comment.")
 * reads as prose, unlike a label or a menu entry. */
static int S_short_sentence(const struct text_block *b, const char *lang, int stop)
{
	size_t words = 0;
	double share = galley_text_stop_share(lang, b->text, &words);
	return stop && words >= 4 && (share < 0 || share >= PROSE_STOP_HIGH);
}

/* A source line under a quotation: "— Cooper Lund (@cooperlund) November
 * 18, 2019" after an embedded post, "[Ni'matul Ukhuwah hal. 41]" after a
 * saying: a dash and a name, or a line wholly in brackets, short. */
static int S_attribution(const char *t, size_t len)
{
	if (len == 0 || len > PROSE_CTA_MAX)
		return 0;
	if (strncmp(t, "\xE2\x80\x94 ", 4) == 0 || strncmp(t, "\xE2\x80\x93 ", 4) == 0)
		return galley_text_is_upper_at(t + 4, NULL);
	return (t[0] == '[' && t[len - 1] == ']' && !memchr(t + 1, ']', len - 2)) ||
	       (t[0] == '(' && t[len - 1] == ')' && !memchr(t + 1, ')', len - 2));
}

/* SURE is set where a block is junk by a signal of its own (web tokens,
 * a call to action, a doubled label) rather than for want of prose. */
static enum prose_class S_class(const struct text_block *b, const char *lang, char *sure)
{
	size_t len = strlen(b->text), words = 0;
	int stop = galley_text_ends_sentence(b->text, len);
	if (S_attribution(b->text, len))
		return P_SHORT;     /* its quotation, above, decides */
	*sure = 1;
	if (S_web_tokens(b->text) * 8 > (int)(b->width / 10 + 1))
		return P_BAD;
	*sure = 0;
	if (b->flags & TB_CODE)
		return P_SHORT;
	if (S_unspaced(b->text, b->width))
		return !stop ? (b->width < PROSE_SHORT / 2 ? P_SHORT : P_BAD)
		     : b->width > PROSE_LONG / 2 ? P_GOOD : b->width >= PROSE_SHORT / 3 ? P_NEAR : P_SHORT;
	*sure = 1;
	/* a call to action shaped like a heading ("See How Much You Spent on
	 * Food") is left to its neighbours to decide */
	if (S_doubled(b->text))
		return P_BAD;   /* "Promoted Links Promoted Links": a widget's text twice */
	char iso[11];
	if (b->width < PROSE_SHORT && strpbrk(b->text, "0123456789") &&
	    galley_text_is_date_line(b->text, iso))
		return P_BAD;   /* a date alone: a teaser's or a comment's, never prose */
	if (galley_text_call_to_action(b->text, b->width))
		return !stop && S_words(b->text) >= 4 ? P_SHORT : P_BAD;
	*sure = 0;
	if (b->width < PROSE_SHORT)
		return S_short_sentence(b, lang, stop) ? P_NEAR : P_SHORT;
	double share = galley_text_stop_share(lang, b->text, &words);
	if (share < 0)      /* a language galley has no list for */
		share = stop ? PROSE_STOP_HIGH : PROSE_STOP_LOW;
	if (share >= PROSE_STOP_HIGH && stop)
		return b->width > PROSE_LONG ? P_GOOD : P_NEAR;
	/* names and figures thin out the function words of real prose; a
	 * headline has them but no stop */
	if ((share >= PROSE_STOP_LOW && stop) || share >= PROSE_STOP_HIGH)
		return P_NEAR;
	/* a long finished sentence thick with names and scores ("The Group E
	 * victory came after Mikhail Kukushkin and Alexander Bublik defeated
	 * Robin Haase and Jean-Julien Rojer 6-4, 6-4") is news, not a menu */
	if (stop && b->width >= PROSE_LONG && share >= PROSE_STOP_NEWS)
		return P_NEAR;
	return P_BAD;
}

/* 1 if T ends with an ellipsis: a title cut to fit a teaser box. */
static int S_cut_short(const char *t, size_t len)
{
	return (len >= 3 && strcmp(t + len - 3, "...") == 0) ||
	       (len >= 3 && strcmp(t + len - 3, "\xE2\x80\xA6") == 0);
}

/* A link title: a headline-long line (four words or more: shorter
 * lines are menus, table cells or ingredients; ten characters of a script
 * without word spaces) that is no sentence, or one cut short. */
static int S_title_line(const struct text_block *b)
{
	size_t len = strlen(b->text);
	if (b->kind == TK_DROP || (b->flags & (TB_BULLET | TB_NUMBER | TB_PREFIXED | TB_CODE)) ||
	    b->kind == TK_SEP || b->width > PROSE_LINK_TITLE ||
	    (galley_text_ends_sentence(b->text, len) && !S_cut_short(b->text, len)) ||
	    S_attribution(b->text, len))
		return 0;
	/* a headline of a script without word spaces: ten characters or more */
	if (b->width >= 10 && len * 2 > b->width * 3 && S_spaceless(b->text, b->width))
		return 1;
	return S_words(b->text) >= 4;
}

/* A run of link titles ("Related" lists) is junk
 * wherever it stands: headings never come three in a row.  Lists the
 * writer marked with bullets or numbers are not affected. */
static void S_link_lists(const struct text_doc *d, enum prose_class *c, char *sure)
{
	for (size_t i = 0; i < d->nblocks;) {
		size_t k = i;
		while (k < d->nblocks && S_title_line(&d->blocks[k]))
			k++;
		if (k - i >= PROSE_LINK_RUN)
			for (size_t j = i; j < k; j++) {
				c[j] = P_BAD;
				sure[j] = 1;
			}
		i = k > i ? k : i + 1;
	}
}

/* 1 if block I stands between two paragraph-long blocks, or is a label
 * of a word or two beside one. */
static int S_furniture_place(const struct text_doc *d, size_t i)
{
	int before = i > 0 && d->blocks[i - 1].width >= PROSE_SHORT;
	int after = i + 1 < d->nblocks && d->blocks[i + 1].width >= PROSE_SHORT;
	const char *t = d->blocks[i].text;
	int label = S_words(t) <= 2 && !strpbrk(t, "0123456789");
	return (before && after) || ((before || after) && label);
}

/* A short line that the page repeats three times or more ("Advertising"
 * between paragraphs, a printed document's running head) is page
 * furniture: the writer never says the same short thing thrice.  Only a
 * line standing alone between paragraphs, or a label of a word or two
 * beside one, counts: the cells of a table repeat too ("1993", a film's
 * title), beside other cells. */
static void S_repeated(const struct text_doc *d, enum prose_class *c, char *sure)
{
	GHashTable *count = g_hash_table_new(g_str_hash, g_str_equal);
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].width < PROSE_SHORT && d->blocks[i].kind != TK_SEP) {
			gpointer n = g_hash_table_lookup(count, d->blocks[i].text);
			g_hash_table_insert(count, d->blocks[i].text, GSIZE_TO_POINTER(GPOINTER_TO_SIZE(n) + 1));
		}
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct text_block *b = &d->blocks[i];
		if (b->width >= PROSE_SHORT || b->kind == TK_SEP || (b->flags & TB_CODE))
			continue;
		if (GPOINTER_TO_SIZE(g_hash_table_lookup(count, b->text)) >= 3 && S_furniture_place(d, i))
			c[i] = P_BAD, sure[i] = 1;
	}
	g_hash_table_destroy(count);
}

/* Two unclear blocks in a row, or one beside prose, are prose: a run of
 * sentences is what an article is made of. */
static void S_runs(const struct text_doc *d, enum prose_class *c)
{
	for (size_t i = 0; i < d->nblocks; i++) {
		if (c[i] != P_NEAR)
			continue;
		int prev = i > 0 && (c[i - 1] == P_NEAR || c[i - 1] == P_GOOD);
		int next = i + 1 < d->nblocks && (c[i + 1] == P_NEAR || c[i + 1] == P_GOOD);
		if (prev || next)
			c[i] = P_GOOD;
	}
}

/* Blocks that take part: separators are neither prose nor junk. */
static int S_counts(const struct text_block *b)
{
	return b->kind != TK_SEP;
}

/* Blocks that a neighbour looks through: a short label the boilerplate
 * patterns already dropped, standing between two paragraphs
 * ("Advertisement"), says nothing of what stands around it.  Marked
 * TB_LABEL by S_labels. */
static int S_seen_by_neighbours(const struct text_block *b)
{
	return S_counts(b) && !(b->flags & (TB_LABEL | TB_CODE));
}

static int S_prose_like(enum prose_class c)
{
	return c == P_GOOD || c == P_NEAR;
}

static void S_labels(struct text_doc *d, const enum prose_class *c)
{
	for (size_t i = 1; i + 1 < d->nblocks; i++) {
		struct text_block *b = &d->blocks[i];
		if ((b->flags & TB_JUNK) && b->width < PROSE_SHORT && S_prose_like(c[i - 1]) &&
		    S_prose_like(c[i + 1]))
			b->flags |= TB_LABEL;
	}
}

/* The class of the nearest good or bad block before and after each block
 * (near when NEAR counts); the edges of the text are bad.  Two passes, so
 * that a text of many short blocks costs no more than a few long ones. */
struct neighbours {
	enum prose_class *prev, *next;
};

static struct neighbours S_neighbours(const struct text_doc *d, const enum prose_class *c,
                                      int near)
{
	struct neighbours nb = {galley_xmalloc(d->nblocks * sizeof *nb.prev),
	                        galley_xmalloc(d->nblocks * sizeof *nb.next)};
	enum prose_class seen = P_BAD;
	for (size_t i = 0; i < d->nblocks; i++) {
		nb.prev[i] = seen;
		if (S_seen_by_neighbours(&d->blocks[i]) &&
		    (c[i] == P_GOOD || c[i] == P_BAD || (near && c[i] == P_NEAR)))
			seen = c[i];
	}
	seen = P_BAD;
	for (size_t i = d->nblocks; i-- > 0;) {
		nb.next[i] = seen;
		if (S_seen_by_neighbours(&d->blocks[i]) &&
		    (c[i] == P_GOOD || c[i] == P_BAD || (near && c[i] == P_NEAR)))
			seen = c[i];
	}
	return nb;
}

static void S_neighbours_free(struct neighbours *nb)
{
	free(nb->prev);
	free(nb->next);
}

/* 1 if a good block comes at most BACK blocks before I. */
static int S_good_within(const struct text_doc *d, const enum prose_class *c, long i, int back)
{
	for (long k = i - 1; k >= 0 && back > 0; k--) {
		if (!S_counts(&d->blocks[k]))
			continue;
		if (c[k] == P_GOOD)
			return 1;
		back--;
	}
	return 0;
}

static int S_closing(const struct text_block *b)
{
	size_t len = strlen(b->text);
	return galley_text_ends_sentence(b->text, len) || S_attribution(b->text, len);
}

/* jusText's context: a short block between prose is prose (a heading, a
 * one-line paragraph), between junk is junk (a menu, a label); an unclear
 * block is junk only between junk. */
static void S_context(const struct text_doc *d, enum prose_class *c)
{
	enum prose_class *was = galley_xmalloc(d->nblocks * sizeof *was);
	memcpy(was, c, d->nblocks * sizeof *was);
	struct neighbours sure = S_neighbours(d, was, 0), any = S_neighbours(d, was, 1);
	long first_prose = 0;
	while (first_prose < (long)d->nblocks && !S_prose_like(was[first_prose]))
		first_prose++;
	for (long i = 0; i < (long)d->nblocks; i++) {
		if (was[i] != P_SHORT)
			continue;
		enum prose_class p = sure.prev[i], n = sure.next[i];
		if (d->blocks[i].flags & TB_CODE)
			/* introduced or explained by the prose, never ahead of it */
			c[i] = p == P_GOOD || (n == P_GOOD && i > first_prose) ? P_GOOD : P_BAD;
		else if (p == P_GOOD && n == P_GOOD)
			c[i] = P_GOOD;
		else if (p == P_BAD && n == P_BAD)
			c[i] = P_BAD;
		else if ((p == P_BAD && any.prev[i] == P_NEAR) || (n == P_BAD && any.next[i] == P_NEAR))
			c[i] = P_GOOD;
		else if (n == P_GOOD && S_good_within(d, was, i, 2))
			c[i] = P_GOOD;  /* a heading after a promotion inside the article */
		else if (i > 0 && was[i - 1] == P_GOOD && S_closing(&d->blocks[i]))
			c[i] = P_GOOD;  /* a closing line right after the prose ("Thanks Junior!") */
		else
			c[i] = P_BAD;
	}
	S_neighbours_free(&sure);
	S_neighbours_free(&any);
	free(was);
	/* unclear blocks in order, each seeing the decisions before it */
	struct neighbours after = S_neighbours(d, c, 0);
	enum prose_class before = P_BAD;
	for (size_t i = 0; i < d->nblocks; i++) {
		if (c[i] == P_NEAR)
			c[i] = before == P_BAD && after.next[i] == P_BAD ? P_BAD : P_GOOD;
		if (S_seen_by_neighbours(&d->blocks[i]) && (c[i] == P_GOOD || c[i] == P_BAD))
			before = c[i];
	}
	S_neighbours_free(&after);
}

/* The article ends where the prose stops: after the last good block
 * before a long run of junk, everything is the page's tail (related
 * teasers, footers) even when it reads as prose, unless the prose after
 * the run outweighs a quarter of the prose before it or holds three long
 * paragraphs in a row (an embed or a box inside the article).  Returns the
 * first block of the tail, or nblocks. */
/* 1 if the prose from I on holds a run of paragraphs: an article going
 * on after a box inside it, not teasers one by one between their labels. */
static int S_coherent_after(const struct text_doc *d, const enum prose_class *c, size_t i)
{
	int run = 0;
	for (; i < d->nblocks; i++) {
		if (!S_counts(&d->blocks[i]))
			continue;
		if (c[i] == P_GOOD && d->blocks[i].width >= PROSE_LONG) {
			if (++run >= PROSE_COHERENT_RUN)
				return 1;
		} else if (c[i] != P_GOOD || d->blocks[i].width >= PROSE_SHORT) {
			run = 0;
		}
	}
	return 0;
}

static size_t S_tail(const struct text_doc *d, const enum prose_class *c)
{
	size_t total = 0;
	for (size_t i = 0; i < d->nblocks; i++)
		total += c[i] == P_GOOD ? d->blocks[i].width : 0;
	size_t before = 0, run = 0, run_width = 0;
	for (size_t i = 0; i < d->nblocks; i++) {
		if (!S_counts(&d->blocks[i]))
			continue;
		if (c[i] != P_GOOD) {
			run++;
			run_width += d->blocks[i].width;
			continue;
		}
		if (run >= PROSE_GAP_BLOCKS && run_width >= PROSE_GAP_WIDTH && before > 0 &&
		    (total - before) * 4 < before && !S_coherent_after(d, c, i))
			return i;
		before += d->blocks[i].width;
		run = run_width = 0;
	}
	return d->nblocks;
}

/* A writer's bio ("Jane Roe is a reporter ...") and the name lines just
 * above it are the author box, wherever the page put them among its junk:
 * kept for text_author.c.  So is a signature right after the prose ("Jane
 * Roe" and a line of her role). */
static void S_author_lines(const struct text_doc *d, enum prose_class *c, const char *sure)
{
	long last = -1;
	for (long i = 0; i < (long)d->nblocks; i++) {
		if (c[i] == P_GOOD)
			last = i;
		if (d->blocks[i].kind == TK_DROP || !galley_text_is_bio(d->blocks[i].text))
			continue;
		c[i] = P_GOOD;
		for (long k = i - 1; k >= 0 && k >= i - 2 && d->blocks[k].kind != TK_DROP &&
		     galley_text_is_name(d->blocks[k].text); k--)
			c[k] = P_GOOD;
	}
	long i = last + 1;
	/* "Report Error" has a name's shape, but asks the reader to act */
	if (last < 0 || i >= (long)d->nblocks || d->blocks[i].kind == TK_DROP || sure[i])
		return;
	char *name = galley_text_name_line(d->blocks[i].text);
	if (!name)
		return;
	free(name);
	for (int k = 0; k < 3 && i < (long)d->nblocks; k++, i++) {
		const struct text_block *b = &d->blocks[i];
		if (b->kind == TK_DROP || sure[i] || b->width > PROSE_CTA_MAX)
			break;
		c[i] = P_GOOD;
	}
}

/* Junk inside the article that no signal of its own marks, only the
 * want of prose around it (a table of short cells, a recipe's lines, a
 * result listing), is the article's: between its first and its last
 * good block, a stretch without any sure junk is kept whole. */
static void S_fill(const struct text_doc *d, enum prose_class *c, const char *sure,
                   size_t first, size_t tail)
{
	size_t last = first;
	for (size_t i = first; i < tail; i++)
		if (c[i] == P_GOOD)
			last = i;
	for (size_t i = first; i < last;) {
		if (c[i] == P_GOOD) {
			i++;
			continue;
		}
		size_t k = i;
		int junk = 0;
		for (; k < last && c[k] != P_GOOD; k++)
			junk |= S_counts(&d->blocks[k]) && sure[k];
		for (size_t j = i; j < k && !junk; j++)
			c[j] = P_GOOD;
		i = k;
	}
}

static const char *S_prose_lang(const struct text_doc *d)
{
	galley_buf all = GALLEY_BUF_INIT;
	/* the language of the prose, not of the menus and labels */
	for (size_t i = 0; i < d->nblocks && all.len < 6000; i++) {
		if (d->blocks[i].width < PROSE_SHORT)
			continue;
		galley_buf_puts(&all, d->blocks[i].text);
		galley_buf_putc(&all, '\n');
	}
	const char *lang = galley_text_stop_lang(all.data ? all.data : "");
	galley_buf_free(&all);
	return lang;
}

static void S_classify(struct text_doc *d, enum prose_class *c, char *sure)
{
	const char *lang = S_prose_lang(d);
	for (size_t i = 0; i < d->nblocks; i++) {
		struct text_block *b = &d->blocks[i];
		if (b->kind != TK_DROP && S_code(b->text, strlen(b->text)))
			b->flags |= TB_CODE;
	}
	S_code_runs(d);
	for (size_t i = 0; i < d->nblocks; i++) {
		sure[i] = 1;
		c[i] = d->blocks[i].kind == TK_DROP ? P_BAD : S_class(&d->blocks[i], lang, &sure[i]);
	}
	S_labels(d, c);
	S_link_lists(d, c, sure);
	S_repeated(d, c, sure);
	S_runs(d, c);
	S_context(d, c);
	S_author_lines(d, c, sure);
}

/* Where the page's tail starts: after the prose, or where a comment
 * thread opens. */
static size_t S_end(const struct text_doc *d, const enum prose_class *c, size_t first)
{
	size_t tail = S_tail(d, c);
	long thread = galley_text_comment_start(d, (long)first);
	return thread >= 0 && (size_t)thread < tail ? (size_t)thread : tail;
}

void galley_text_prose(struct text_doc *d)
{
	if (d->nblocks == 0)
		return;
	enum prose_class *c = galley_xmalloc(d->nblocks * sizeof *c);
	char *sure = galley_xmalloc(d->nblocks);
	S_classify(d, c, sure);
	size_t first = 0;
	while (first < d->nblocks && c[first] != P_GOOD)
		first++;
	if (first < d->nblocks) {   /* else no prose to tell junk from: a note, a list */
		size_t tail = S_end(d, c, first);
		S_fill(d, c, sure, first, tail);
		for (size_t i = 0; i < d->nblocks; i++) {
			struct text_block *b = &d->blocks[i];
			if (b->kind == TK_DROP || (b->flags & TB_EXPLICIT) || !S_counts(b))
				continue;
			if (c[i] == P_BAD || i >= tail) {
				b->kind = TK_DROP;
				b->flags |= TB_JUNK;
			}
		}
	}
	free(sure);
	free(c);
}

size_t galley_text_prose_start(const struct text_doc *d)
{
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind != TK_DROP && d->blocks[i].kind != TK_SEP)
			return i;
	return d->nblocks;
}
