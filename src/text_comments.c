/* text_comments.c — where a page's comment thread starts in scraped text:
 * a commenter's line ("NAME says:", "NAME wrote:") followed by a date, or
 * a count of comments ("34 responses to …", "12 Comments").  From there to
 * the end the text is the thread, whatever its comments say: they read as
 * prose, so only their frame gives them away. */
#include <ctype.h>
#include <glib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

/* A comment frame is a line or two, never a paragraph. */
#define COMMENT_LINE_MAX 80

/* "NAME says:" and its forms in the languages galley has function words
 * for: a short line ending in a verb of speech and a colon. */
static int S_says(const char *t)
{
	static const char *const verbs[] = {
		" says:", " said:", " wrote:", " writes:", " replied:", " schreibt:", " sagt:",
		" dice:", " dijo:", " escribió:", " a dit :", " a écrit :", " dit :", " scrive:",
		" ha scritto:", " disse:", " escreveu:", " schreef:", " zegt:", " napsal:",
		" napsala:", " napisał:", " пишет:", " написал:", " skriver:", " yazdı:",
	};
	size_t len = strlen(t);
	if (len == 0 || len > COMMENT_LINE_MAX)
		return 0;
	for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++) {
		size_t n = strlen(verbs[i]);
		if (len > n && strcasecmp(t + len - n, verbs[i]) == 0)
			return 1;
	}
	return 0;
}

/* "34 responses to …", "12 Comments", "Comments (3)": a count of comments. */
static int S_count(const char *t)
{
	static const char *const words[] = {"comment", "response", "repl", "kommentar",
		"commentaire", "comentario", "commento", "komentář", "komentarz", "reactie",
		"комментари", "yorum"};
	if (strlen(t) > COMMENT_LINE_MAX)
		return 0;
	const char *digit = t;
	while (*digit && !isdigit((unsigned char)*digit))
		digit++;
	if (!*digit || digit - t > 12)
		return 0;
	gchar *low = g_ascii_strdown(t, -1);
	int found = 0;
	for (size_t i = 0; !found && i < sizeof words / sizeof *words; i++) {
		const char *w = strstr(low, words[i]);
		found = w && w - low >= digit - t && w - low - (digit - t) < 8;
	}
	g_free(low);
	return found;
}

static long S_next(const struct text_doc *d, long i)
{
	for (long k = i + 1; k < (long)d->nblocks; k++)
		if (d->blocks[k].kind != TK_SEP)
			return k;
	return -1;
}

long galley_text_comment_start(const struct text_doc *d, long from)
{
	for (long i = from; i < (long)d->nblocks; i++) {
		const char *t = d->blocks[i].text;
		char iso[11];
		long n = S_next(d, i);
		if (S_count(t) && n >= 0 && S_says(d->blocks[n].text))
			return i;
		if (S_says(t) && n >= 0 && galley_text_is_date_line(d->blocks[n].text, iso))
			return i;
	}
	return -1;
}
