/* html_tidy.c — last repairs of an extracted page article: repeated blocks, "Related:" link lines, headings left without a section. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"

/* Lead-ins of lines that point elsewhere rather than tell the story. */
static const char *const S_pointers[] = {"related", "read more", "read also", "follow ",
	"share this", "share on",
	"see also", "also read", "more:", "recommended", "further reading:",
	"click here", "sign up", "subscribe", "watch:", "listen:", "don't miss",
	"don\xE2\x80\x99t miss", "see more:", NULL};

/* Words of promotion lines: newsletter offers, social media calls. */
static const char S_promo[] =
	"subscribe|newsletter|sign up for|follow us|follow him|follow her|"
	"follow me|follow @|join our|download our|get the app|like us on|"
	"email alerts|in your inbox";

/* Whole lines that are placeholders of removed widgets. */
static const char *const S_placeholders[] = {"advertisement", "advertisements",
	"advert", "ad", "ads", "sponsored", "sponsored content", "continue reading",
	"comments", "this slideshow requires javascript.", "loading comments...",
	"story continues below advertisement", "scroll to continue with content",
	"article continues below", "loading...", "loading", NULL};

static int S_placeholder(galley_node *b, const char *text)
{
	if (galley_node_get_type(b) != GALLEY_NODE_PARAGRAPH)
		return 0;
	for (int i = 0; S_placeholders[i]; i++)
		if (strcasecmp(text, S_placeholders[i]) == 0)
			return 1;
	/* a WordPress shortcode the site failed to expand: "[button ...]...[/button]" */
	size_t len = strlen(text);
	return len > 2 && text[0] == '[' && text[len - 1] == ']' && strstr(text, "[/");
}

static const char *const S_months[] = {"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec", NULL};

/* 1 if TEXT (lower case) names a month and holds a year or a day. */
static int S_has_date(const char *text)
{
	int month = 0, digits = 0;
	for (int i = 0; S_months[i] && !month; i++)
		month = strstr(text, S_months[i]) != NULL;
	for (const char *p = text; *p; p++)
		digits += *p >= '0' && *p <= '9';
	return (month && digits >= 1) || digits >= 6;
}

/* A dateline near the top ("Published Monday, November 18, 2019 8:22AM",
 * "August 08, 2018"): the date is metadata, not prose. */
static int S_dateline(galley_node *b, const char *text, int index)
{
	if (index > 4 || galley_node_get_type(b) != GALLEY_NODE_PARAGRAPH || strlen(text) > 120)
		return 0;
	char *low = galley_xstrdup(text);
	for (char *p = low; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	size_t words = 1;
	for (const char *p = low; *p; p++)
		words += *p == ' ';
	int stamp = galley_html_match(low, "published|updated|posted on|last modified");
	int yes = S_has_date(low) && (stamp || words <= 5) && !strchr(low, '.');
	if (stamp && S_has_date(low))
		yes = 1;
	free(low);
	return yes;
}

/* Blocks shorter than this may repeat ("Advertisement" is handled by the
 * cleaning; short refrains in poems and lists are real text). */
#define DUP_MIN 40

static char *S_block_text(galley_node *b)
{
	if (galley_node_get_type(b) == GALLEY_NODE_FIGURE) {
		for (galley_node *k = galley_node_first_child(b); k; k = galley_node_next(k))
			if (galley_node_get_type(k) == GALLEY_NODE_CAPTION)
				return galley_node_text(k);
		return galley_xstrdup("");
	}
	return galley_node_text(b);
}

/* 1 if the paragraph B is a short "Related: <link>" line. */
static int S_pointer_line(galley_node *b, const char *text)
{
	if (galley_node_get_type(b) != GALLEY_NODE_PARAGRAPH || strlen(text) > 300)
		return 0;
	int link = 0;
	for (galley_node *k = galley_node_first_child(b); k && !link; k = galley_node_next(k))
		link = galley_node_get_type(k) == GALLEY_NODE_LINK ||
		       (galley_node_first_child(k) &&
		        galley_node_get_type(galley_node_first_child(k)) == GALLEY_NODE_LINK);
	if (!link)
		return 0;
	for (int i = 0; S_pointers[i]; i++)
		if (strncasecmp(text, S_pointers[i], strlen(S_pointers[i])) == 0)
			return 1;
	char *low = galley_xstrdup(text);
	for (char *p = low; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	int promo = strlen(low) < 250 && galley_html_match(low, S_promo);
	free(low);
	return promo;
}

/* 1 if TEXT is one of the N strings of SEEN. */
static int S_seen(char **seen, size_t n, const char *text)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(seen[i], text) == 0)
			return 1;
	return 0;
}

/* Remember the texts of captions and list items: a gallery shows the same
 * caption again as a paragraph or a second figure; a paragraph repeated
 * on its own may be the writer's refrain and stays. */
static void S_remember(galley_node *b, const char *text, char ***seen, size_t *n)
{
	galley_node_type t = galley_node_get_type(b);
	if (t == GALLEY_NODE_FIGURE && strlen(text) >= DUP_MIN) {
		*seen = galley_xrealloc(*seen, (*n + 1) * sizeof **seen);
		(*seen)[(*n)++] = galley_xstrdup(text);
	} else if (t == GALLEY_NODE_LIST) {
		for (galley_node *k = galley_node_first_child(b); k; k = galley_node_next(k)) {
			char *item = galley_trim(galley_node_text(k));
			if (strlen(item) < DUP_MIN) {
				free(item);
				continue;
			}
			*seen = galley_xrealloc(*seen, (*n + 1) * sizeof **seen);
			(*seen)[(*n)++] = item;
		}
	}
}

/* Length of the text inside links in N. */
static size_t S_link_len(galley_node *n)
{
	size_t len = 0;
	galley_iter *it = galley_iter_new(n);
	galley_event ev;
	int in_link = 0;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *k = galley_iter_get_node(it);
		if (galley_node_get_type(k) == GALLEY_NODE_LINK)
			in_link += ev == GALLEY_EVENT_ENTER ? 1 : -1;
		else if (in_link && galley_node_get_literal(k))
			len += strlen(galley_node_get_literal(k));
	}
	galley_iter_free(it);
	return len;
}

/* Number of links in N, at any depth. */
static int S_links(galley_node *n)
{
	int links = 0;
	galley_iter *it = galley_iter_new(n);
	galley_event ev;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE)
		links += ev == GALLEY_EVENT_ENTER &&
		         galley_node_get_type(galley_iter_get_node(it)) == GALLEY_NODE_LINK;
	galley_iter_free(it);
	return links;
}

/* A paragraph that is nothing but links: a row of tags or a menu left
 * inside the article (three or more links, four fifths of the text; two
 * links, nine tenths), a list of other stories run together ("China
 * furious at … [INSIGHT]| Lakers vs Nets …"), or breadcrumbs at the top
 * ("News » World » The story"). */
static int S_link_row(galley_node *b, const char *text, int index)
{
	size_t len = strlen(text);
	if (galley_node_get_type(b) != GALLEY_NODE_PARAGRAPH || len > 600)
		return 0;
	int links = S_links(b);
	size_t in_links = S_link_len(b);
	/* a sentence of the story's own among the links keeps the paragraph */
	if (links >= 3 && in_links * 5 >= len * 4 && len - in_links <= 60)
		return 1;
	if (links >= 2 && len <= 200 && in_links * 10 >= len * 9)
		return 1;
	return index <= 3 && links >= 2 && len <= 200 && in_links * 2 >= len &&
	       (strstr(text, "\xC2\xBB") || strstr(text, "\xE2\x80\xBA") || strstr(text, " > "));
}

/* A paragraph that is one link and nothing else, a headline's worth of
 * words ("TAYLOR SWIFT CLEARED TO PERFORM HITS AT AMAs…", "Who will make
 * the Rock Hall in 2020?"): a teaser for another story left among the
 * paragraphs.  A sentence of the story never stands alone as a link. */
static int S_teaser(galley_node *b, const char *text)
{
	size_t len = strlen(text);
	if (galley_node_get_type(b) != GALLEY_NODE_PARAGRAPH || len < 12 || len > 200)
		return 0;
	size_t words = 1;
	for (const char *p = text; *p; p++)
		words += *p == ' ';
	/* a pointer such as "Read: <link>" is judged elsewhere */
	return words >= 5 && S_link_len(b) * 100 >= len * 97;
}

/* A section label above the story: a short first paragraph that is one
 * link ("Wide Angle", "Politics"). */
static int S_kicker(galley_node *b, const char *text, int index)
{
	size_t len = strlen(text);
	return index == 0 && galley_node_next(b) &&
	       galley_node_get_type(b) == GALLEY_NODE_PARAGRAPH && len &&
	       len < 40 && S_link_len(b) * 10 >= len * 9;
}

/* Credit lines a wire service or a site appends after the story. */
static const char *const S_trailers[] = {"provided by ", "citation:", "citation :",
	"explore further", "\xC2\xA9 ", "copyright \xC2\xA9", "copyright 20",
	"all rights reserved", NULL};

/* 1 if B, among the last blocks, is such a credit line. */
static int S_trailer(galley_node *b, const char *text)
{
	int from_end = 0;
	for (galley_node *k = galley_node_next(b); k && from_end < 4; k = galley_node_next(k))
		from_end++;
	if (from_end >= 4 || galley_node_get_type(b) != GALLEY_NODE_PARAGRAPH || strlen(text) > 400)
		return 0;
	for (int i = 0; S_trailers[i]; i++)
		if (strncasecmp(text, S_trailers[i], strlen(S_trailers[i])) == 0)
			return 1;
	return 0;
}

/* Drop blocks repeating a caption or list item, and pointer lines. */
static void S_drop_repeats(galley_node *article)
{
	char **seen = NULL;
	size_t n = 0;
	int total = 0;
	for (galley_node *k = galley_node_first_child(article); k; k = galley_node_next(k))
		total++;
	galley_node *b = galley_node_first_child(article);
	for (int index = 0; b; index++) {
		galley_node *next = galley_node_next(b);
		char *text = galley_trim(S_block_text(b));
		if (galley_html_residue(b, text, index, total - 1 - index)) {
			galley_node_free(b);
			free(text);
			b = next;
			continue;
		}
		if (S_pointer_line(b, text) || S_placeholder(b, text) || S_dateline(b, text, index) ||
		    S_link_row(b, text, index) || S_kicker(b, text, index) || S_trailer(b, text) ||
		    S_teaser(b, text) ||
		    (strlen(text) >= DUP_MIN && S_seen(seen, n, text)))
			galley_node_free(b);
		else
			S_remember(b, text, &seen, &n);
		free(text);
		b = next;
	}
	for (size_t i = 0; i < n; i++)
		free(seen[i]);
	free(seen);
}

/* Words of section titles over boxes that cleaning removes. */
static const char S_junk_titles[] =
	"related|more|comment|share|recommend|popular|trending|newsletter|"
	"advertis|read next|you may|also like|latest|follow|tags|topics|sponsored|"
	"most read|subscribe|sign up|watch|listen|explore|what you think|"
	"your thoughts|leave a reply|discussion";

/* 1 if the heading H names a box rather than a section of the story. */
static int S_junk_heading(galley_node *h)
{
	char *text = galley_trim(galley_node_text(h));
	size_t len = strlen(text);
	for (char *p = text; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	int junk = len < 60 && ((len && text[len - 1] == ':') ||
	                        galley_html_match(text, S_junk_titles));
	free(text);
	return junk;
}

/* A heading such as "More:" or "Related stories" followed by nothing, or
 * by a heading of its level or above, titled a box that cleaning
 * removed. */
static void S_drop_empty_sections(galley_node *article)
{
	galley_node *b = galley_node_last_child(article);
	int after = 1; /* level of the heading after B; 1 = end of article */
	while (b) {
		galley_node *prev = galley_node_previous(b);
		if (galley_node_get_type(b) == GALLEY_NODE_HEADING) {
			int level = galley_node_get_heading_level(b);
			if (after && after <= level && S_junk_heading(b))
				galley_node_free(b);
			else
				after = level;
		} else {
			after = 0;
		}
		b = prev;
	}
}

/* A heading such as "More:" or "Related stories" over a list of nothing
 * but links (four fifths of its text) titles a list of other stories:
 * both go. */
static void S_drop_link_lists(galley_node *article)
{
	for (galley_node *b = galley_node_first_child(article); b;) {
		galley_node *next = galley_node_next(b);
		if (galley_node_get_type(b) == GALLEY_NODE_HEADING && next &&
		    galley_node_get_type(next) == GALLEY_NODE_LIST && S_junk_heading(b)) {
			char *text = galley_trim(galley_node_text(next));
			size_t len = strlen(text);
			free(text);
			if (len && S_link_len(next) * 5 >= len * 4) {
				galley_node *after = galley_node_next(next);
				galley_node_free(next);
				galley_node_free(b);
				b = after;
				continue;
			}
		}
		b = next;
	}
}

/* The standfirst shown as the subtitle is not repeated as a paragraph. */
static void S_drop_subtitle(galley_node *article)
{
	const char *sub = galley_article_get(article, GALLEY_META_SUBTITLE);
	int seen = 0;
	for (galley_node *b = galley_node_first_child(article); sub && b && seen < 3;
	     b = galley_node_next(b)) {
		if (galley_node_get_type(b) != GALLEY_NODE_PARAGRAPH)
			continue;
		seen++;
		char *text = galley_trim(galley_node_text(b));
		int same = strcmp(text, sub) == 0;
		free(text);
		if (same) {
			galley_node_free(b);
			return;
		}
	}
}

void galley_html_tidy(galley_node *article)
{
	S_drop_subtitle(article);
	S_drop_repeats(article);
	S_drop_link_lists(article);
	S_drop_empty_sections(article);
}
