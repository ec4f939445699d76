/* html_residue.c — blocks of page furniture that survive extraction inside the article: time stamps and bylines repeated at the top, captions whose image was lost, credit and contact lines at the end. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "meta.h"

static char *S_lower(const char *s)
{
	char *low = galley_xstrdup(s);
	for (char *p = low; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	return low;
}

static int S_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* 1 if TEXT holds a clock time ("8:41", "11:04 PM") or a date written in
 * figures ("11/18/19", "05/10/2018", "2019-11-18"). */
static int S_figures_stamp(const char *t)
{
	for (const char *p = t; *p; p++) {
		if (!S_digit(*p) || (p > t && S_digit(p[-1])))
			continue;
		const char *q = p;
		while (S_digit(*q))
			q++;
		size_t n = (size_t)(q - p);
		if (n <= 2 && *q == ':' && S_digit(q[1]) && S_digit(q[2]))
			return 1;
		if (n >= 1 && n <= 4 && (*q == '/' || *q == '-' || *q == '.') && S_digit(q[1])) {
			const char *r = q + 1;
			while (S_digit(*r))
				r++;
			if (r - q - 1 <= 2 && *r == *q && S_digit(r[1]))
				return 1;
		}
	}
	return 0;
}

static const char *const S_months[] = {"january", "february", "march", "april", "may",
	"june", "july", "august", "september", "october", "november", "december", "jan",
	"feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL};

/* Words of a stamp that are not prose. */
static const char *const S_stamp_words[] = {"published", "updated", "posted", "last",
	"modified", "first", "edited", "date", "time", "read", "reading", "min", "mins",
	"minute", "minutes", "ago", "hours", "utc", "gmt", "est", "edt", "cst", "cdt",
	"pst", "pdt", NULL};

/* Words of four or more letters in lower case that are neither a month,
 * a weekday nor a stamp word: what makes a line prose. */
static size_t S_prose_words(const char *low)
{
	size_t n = 0;
	for (const char *p = low; *p;) {
		while (*p && !(*p >= 'a' && *p <= 'z') && !((unsigned char)*p >= 0x80))
			p++;
		const char *w = p;
		while ((*p >= 'a' && *p <= 'z') || (unsigned char)*p >= 0x80 || *p == '-')
			p++;
		size_t len = (size_t)(p - w);
		if (len < 4)
			continue;
		int known = 0;
		for (int i = 0; S_months[i] && !known; i++)
			known = strlen(S_months[i]) == len && strncmp(w, S_months[i], len) == 0;
		for (int i = 0; S_stamp_words[i] && !known; i++)
			known = strlen(S_stamp_words[i]) == len && strncmp(w, S_stamp_words[i], len) == 0;
		n += !known;
	}
	return n;
}

static int S_month_date(const char *low)
{
	for (int i = 0; S_months[i]; i++) {
		size_t n = strlen(S_months[i]);
		for (const char *m = strstr(low, S_months[i]); m; m = strstr(m + 1, S_months[i])) {
			if ((m > low && m[-1] >= 'a' && m[-1] <= 'z') || (m[n] >= 'a' && m[n] <= 'z'))
				continue;
			const char *q = m + n;
			while (*q == '.' || *q == ',' || *q == ' ')
				q++;
			if (S_digit(*q) || (m > low + 1 && S_digit(m[-2])))
				return 1;
		}
	}
	return 0;
}

/* A time stamp above the story ("Nov. 19, 2019, 8:41 AM UTC", "By Justine
 * Coleman - 11/18/19 11:04 PM EST", "Posted: Fri 6:45 PM, Feb 16, 2018",
 * "segunda-feira, 22 de janeiro de 2018 às 0:13"): a short block with a
 * date or a clock time and at most two words of prose.  A sentence that
 * names a date ("The vote was on Nov. 19.") has no clock time and ends
 * with a full stop, and stays. */
static int S_stamp(const char *text)
{
	if (strlen(text) > 140)
		return 0;
	char *low = S_lower(text);
	int figures = S_figures_stamp(low), month = S_month_date(low);
	size_t len = strlen(low);
	int sentence = len && low[len - 1] == '.' && !figures;
	int yes = (figures || (month && !sentence)) && S_prose_words(low) <= 2;
	free(low);
	return yes;
}

/* A stamp anywhere in the story when it says what it is ("Updated at 1:23
 * p.m.", "First Published: Tuesday, November 19, 2019 08:38 AM"). */
static int S_said_stamp(const char *text)
{
	static const char *const opens[] = {"updated", "published", "posted", "first published",
		"last updated", "last modified", NULL};
	if (strlen(text) > 100)
		return 0;
	int open = 0;
	for (int i = 0; opens[i] && !open; i++)
		open = strncasecmp(text, opens[i], strlen(opens[i])) == 0;
	if (!open)
		return 0;
	char *low = S_lower(text);
	int yes = (S_figures_stamp(low) || S_month_date(low)) && S_prose_words(low) <= 2;
	free(low);
	return yes;
}

/* A sign-up, subscription, sharing or following prompt ("Let our news
 * meet your inbox…", "Sign up for … to get the free daily newsletter",
 * "Get … delivered through your letterbox … Click here", "Like this story?
 * Share it with a friend!", "Follow @deals on Twitter …"). */
static int S_prompt(const char *text)
{
	if (strlen(text) > 250)
		return 0;
	char *low = S_lower(text);
	int letter = strstr(low, "newsletter") || strstr(low, "inbox") ||
	             strstr(low, "letterbox") || strstr(low, "subscription");
	int ask = strstr(low, "sign up") || strstr(low, "subscribe") || strstr(low, "delivered") ||
	          strstr(low, "click here") || strstr(low, "use the code");
	int share = strlen(low) < 80 && strstr(low, "share it with");
	int follow = strncmp(low, "follow @", 8) == 0 || strncmp(low, "follow us on", 12) == 0;
	free(low);
	return (letter && ask) || share || follow;
}

/* A byline repeated as a paragraph ("By Phil Helsel"). */
static int S_byline_line(const char *text)
{
	if (strncasecmp(text, "by ", 3) != 0 || strlen(text) > 80)
		return 0;
	char *name = galley_author_clean(galley_xstrdup(text));
	/* names, not a sentence ("By then it was over."): words in capitals
	 * but for "and" and the particles of names */
	static const char *const small[] = {"and", "de", "da", "di", "van", "von", "der",
		"le", "la", "del", "bin", "al", NULL};
	size_t words = 0;
	int names = *name != '\0';
	for (char *w = strtok(name, " ,;&|"); w && names; w = strtok(NULL, " ,;&|")) {
		words++;
		int particle = 0;
		for (int i = 0; small[i] && !particle; i++)
			particle = strcmp(w, small[i]) == 0;
		names = particle || (*w >= 'A' && *w <= 'Z') || (unsigned char)*w >= 0x80;
	}
	free(name);
	return names && words >= 1 && words <= 6;
}

/* ------------------------------------------------------------- captions */

/* How a photo credit opens, inside brackets at the end of a caption
 * ("(Image: GETTY)", "(AP Photo/Alan Diaz, File)", "(Credit: iStock)"). */
static const char *const S_credit_opens[] = {"image:", "image ", "images:", "photo:",
	"photo ", "photos:", "photograph", "picture:", "pictures:", "pic:", "credit:",
	"credit ", "source:", "foto:", "ap photo", "getty", "reuters", "afp", NULL};

/* 1 if the lower-case TEXT ends with a bracketed credit. */
static int S_bracket_credit(const char *low)
{
	size_t len = strlen(low);
	while (len && (low[len - 1] == ' ' || low[len - 1] == '.'))
		len--;
	if (!len || (low[len - 1] != ')' && low[len - 1] != ']'))
		return 0;
	char open = low[len - 1] == ')' ? '(' : '[';
	const char *o = NULL;
	for (const char *p = low; p < low + len; p++)
		if (*p == open)
			o = p;
	if (!o)
		return 0;
	o++;
	while (*o == ' ')
		o++;
	for (int i = 0; S_credit_opens[i]; i++)
		if (strncmp(o, S_credit_opens[i], strlen(S_credit_opens[i])) == 0)
			return 1;
	/* an agency anywhere in the brackets ("(NASA via AP, File)") */
	static const char *const agencies[] = {"via ap", "ap photo", ", file", "getty",
		"reuters", "afp", "shutterstock", "istock", NULL};
	char inside[128];
	size_t n = (size_t)(low + len - 1 - o);
	snprintf(inside, sizeof inside, "%.*s", (int)(n < sizeof inside ? n : sizeof inside - 1), o);
	for (int i = 0; agencies[i]; i++)
		if (strstr(inside, agencies[i]))
			return 1;
	return 0;
}

/* A caption left as a paragraph where its image was dropped: it ends with
 * a bracketed photo credit, a "Credit: …" line or an agency after a slash
 * ("… J. Doe / AP file", "… Getty Images"), it opens "In this … photo",
 * or it is the "Image copyright … Image caption …" pair a player leaves. */
static int S_orphan_caption(const char *text)
{
	if (strlen(text) > 400)
		return 0;
	char *low = S_lower(text);
	const char *credit = strstr(low, "credit: ");
	static const char *const ends[] = {"getty images", "/ ap file", "/ap file", "/ ap", "/ap",
		"/ afp", "/afp", "/ reuters", "/reuters", "ap photo", "/ getty", "/getty", NULL};
	size_t len = strlen(low);
	int end_credit = 0;
	for (int i = 0; ends[i] && !end_credit; i++)
		end_credit = len > strlen(ends[i]) + 20 &&
		             strcmp(low + len - strlen(ends[i]), ends[i]) == 0;
	/* the agencies' own captions open "In this Dec. 12, 2006, file photo, …" */
	const char *photo = strncmp(low, "in this ", 8) == 0 ? strstr(low, " photo") : NULL;
	int yes = end_credit || S_bracket_credit(low) || strncmp(low, "image copyright", 15) == 0 ||
	          (photo && photo - low < 60) ||
	          strstr(low, "image caption") != NULL ||
	          (credit && credit > low && strlen(credit) < 60 && !strchr(credit, '.'));
	free(low);
	return yes;
}

/* ---------------------------------------------------------- end of story */

/* Openings of the lines a wire service or a site appends after the
 * story: reporting credits, contact lines, tag lists, notices.  ("X
 * contributed to this report" names a reporter of the story and stays.) */
static const char *const S_end_opens[] = {"reporting by ", "(reporting by ",
	"additional reporting by ", "editing by ", "writing by ", "compiled by ",
	"write to ", "reach the reporter", "contact the reporter", "tags:", "tags ", "tagged:",
	"filed under ", "the contents of this site are ", "this document is subject to copyright",
	"this article was originally published", "this story was originally published", NULL};

static int S_end_line(const char *text)
{
	if (strlen(text) > 300)
		return 0;
	char *low = S_lower(text);
	int yes = 0;
	for (int i = 0; S_end_opens[i] && !yes; i++)
		yes = strncmp(low, S_end_opens[i], strlen(S_end_opens[i])) == 0;
	free(low);
	return yes;
}

/* A comment count ("12 Comments", "Comments (3)", "1 response"). */
static int S_comment_count(const char *text)
{
	if (strlen(text) > 30)
		return 0;
	char *low = S_lower(text);
	int digits = 0, other = 0;
	static const char *const words[] = {"comments", "comment", "responses", "response",
		"replies", "reply", NULL};
	char *word = NULL;
	for (int i = 0; words[i] && !word; i++)
		if ((word = strstr(low, words[i])) != NULL)
			memset(word, ' ', strlen(words[i])); /* the rest: figures, brackets */
	for (const char *p = low; *p; p++) {
		digits += S_digit(*p);
		other += !S_digit(*p) && !strchr(" ()[]:", *p);
	}
	free(low);
	return word && digits && !other;
}

int galley_html_residue(galley_node *b, const char *text, int index, int from_end)
{
	galley_node_type t = galley_node_get_type(b);
	int para = t == GALLEY_NODE_PARAGRAPH;
	if (!*text)
		return 0;
	if (index <= 4 && (para || t == GALLEY_NODE_HEADING) &&
	    (S_stamp(text) || S_byline_line(text)))
		return 1;
	if ((para || t == GALLEY_NODE_HEADING) && S_said_stamp(text))
		return 1;
	if (para && (S_orphan_caption(text) || S_prompt(text)))
		return 1;
	if ((para || t == GALLEY_NODE_HEADING) && S_comment_count(text))
		return 1;
	return para && from_end < 4 && S_end_line(text);
}
