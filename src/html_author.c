/* html_author.c — author boxes of a web page ("About the author" blocks marked author-bio and the like) as AUTHOR_BOX nodes. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/uri.h>

#include "html.h"
#include "reader.h"

/* Class/id words of author boxes.  A bare "author" class is a byline
 * more often than a box, so the words name the box itself. */
static const char S_box[] =
	"author-bio|authorbio|author_bio|author__bio|author-box|authorbox|author_box|"
	"about-author|about-the-author|about_the_author|aboutauthor|author-info|"
	"author-card|author-profile|author-details|author-description|bio-box|"
	"biobox|contributor-bio|writer-bio|author-blurb";

/* A box with less text than BOX_MIN, or a bio under BIO_MIN once the
 * name is set apart, is a byline with a picture. */
#define BOX_MIN 60
#define BIO_MIN 40

int galley_html_is_author_box(xmlNodePtr n)
{
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	char *ci = galley_html_class_id(n);
	int yes = galley_html_match(ci, S_box);
	free(ci);
	return yes && galley_html_text_len(n, NULL) >= BOX_MIN;
}

struct name_search {
	xmlNodePtr found;
};

static int S_name_enter(xmlNodePtr n, void *ctx)
{
	struct name_search *s = ctx;
	if (s->found || n->type != XML_ELEMENT_NODE)
		return GALLEY_HTML_SKIP;
	char *prop = galley_html_attr(n, "itemprop");
	char *rel = galley_html_attr(n, "rel");
	char *ci = galley_html_class_id(n);
	int named = (prop && strcmp(prop, "name") == 0) || (rel && strcmp(rel, "author") == 0) ||
	            galley_html_match(ci, "name|^title") || (galley_html_heading(n) > 1) ||
	            galley_html_is(n, "strong") || galley_html_is(n, "b");
	xmlFree(prop);
	xmlFree(rel);
	free(ci);
	if (named) {
		size_t len = galley_html_text_len(n, NULL);
		char *text = galley_html_text(n);
		/* the box's own title names nobody */
		int title = strncasecmp(text, "about the ", 10) == 0 ||
		            strcasecmp(text, "author") == 0 || strcasecmp(text, "the author") == 0;
		free(text);
		if (title)
			return GALLEY_HTML_SKIP;
		if (len >= 2 && len <= 80) {
			s->found = n;
			return GALLEY_HTML_SKIP;
		}
	}
	return GALLEY_HTML_DESCEND;
}

/* "About Jane Doe" or "Jane Doe is a ..." -> the name part. */
static char *S_name_text(xmlNodePtr n)
{
	char *t = galley_html_text(n);
	const char *s = t;
	static const char *const leads[] = {"about the author:", "about the author",
		"about ", "by ", "written by ", NULL};
	for (int i = 0; leads[i]; i++)
		if (strncasecmp(s, leads[i], strlen(leads[i])) == 0 && strlen(s) > strlen(leads[i])) {
			s += strlen(leads[i]);
			break;
		}
	char *name = galley_trim(galley_xstrdup(s));
	free(t);
	return name;
}

static int S_img_enter(xmlNodePtr n, void *ctx)
{
	xmlNodePtr *found = ctx;
	if (*found || n->type != XML_ELEMENT_NODE)
		return GALLEY_HTML_SKIP;
	if (galley_html_is(n, "img")) {
		*found = n;
		return GALLEY_HTML_SKIP;
	}
	return GALLEY_HTML_DESCEND;
}

/* The box's first image, as the writer's photo. */
static void S_photo(galley_node *box, xmlNodePtr n, const char *base)
{
	xmlNodePtr found = NULL;
	galley_html_walk(n, S_img_enter, NULL, &found);
	char *src = found ? galley_html_attr(found, "src") : NULL;
	if (src && *src && strncmp(src, "data:", 5) != 0) {
		xmlChar *abs = base ? xmlBuildURI(BAD_CAST src, BAD_CAST base) : NULL;
		galley_node *img = galley_node_new(GALLEY_NODE_IMAGE);
		galley_node_set_url(img, abs ? (const char *)abs : src);
		xmlFree(abs);
		if (!galley_node_append_child(box, img))
			galley_node_free(img);
	}
	xmlFree(src);
}

/* Move the paragraphs of TMP into a new bio; NULL when there are none. */
static galley_node *S_bio(galley_node *tmp)
{
	galley_node *bio = galley_node_new(GALLEY_NODE_AUTHOR_BIO);
	for (galley_node *k = galley_node_first_child(tmp), *next; k; k = next) {
		next = galley_node_next(k);
		if (galley_node_get_type(k) == GALLEY_NODE_PARAGRAPH)
			galley_node_append_child(bio, k);
	}
	if (!galley_node_first_child(bio)) {
		galley_node_free(bio);
		return NULL;
	}
	return bio;
}

int galley_html_author_box(xmlNodePtr n, galley_node *article, const char *base)
{
	struct name_search s = {NULL};
	galley_html_walk(n, S_name_enter, NULL, &s);
	size_t total = galley_html_text_len(n, NULL);
	size_t name_len = s.found ? galley_html_text_len(s.found, NULL) : 0;
	if (total < name_len + BIO_MIN || (!s.found && !galley_article_author_count(article)))
		return 0;
	char *name = s.found ? S_name_text(s.found) : galley_xstrdup(galley_article_get_author(article, 0));
	if (s.found)
		galley_html_remove(s.found);
	galley_node *tmp = galley_node_new(GALLEY_NODE_ARTICLE);
	galley_html_convert_part(n, tmp, base);
	galley_node *bio = S_bio(tmp);
	if (bio) {
		galley_node *box = galley_node_new(GALLEY_NODE_AUTHOR_BOX);
		galley_append_text_block(box, GALLEY_NODE_AUTHOR_NAME, name, 0);
		S_photo(box, n, base);
		galley_node_append_child(box, bio);
		galley_node_append_child(article, box);
	} else {
		/* not a box after all: keep its text in place */
		galley_append_text_block(article, GALLEY_NODE_PARAGRAPH, name, 0);
	}
	galley_node *k;
	while (!bio && (k = galley_node_first_child(tmp)) != NULL)
		galley_node_append_child(article, k);
	galley_node_free(tmp); /* with a bio: the photo as a figure, headings */
	free(name);
	return 1;
}

/* Verbs a writer's bio opens with after the name ("Jane Doe is a reporter
 * …", "Jane joined the paper in 2017"). */
static const char *const S_bio_verbs[] = {" is ", " has ", " was ", " joined ", " writes ",
	" covers ", " lives ", " reports ", NULL};

/* 1 if TEXT opens with NAME, or its first word, and a bio's verb. */
static int S_bio_opening(const char *text, const char *name)
{
	size_t full = strlen(name), first = strcspn(name, " ");
	size_t lens[2] = {full, first};
	for (int i = 0; i < 2; i++) {
		if (lens[i] < 3 || strncmp(text, name, lens[i]) != 0)
			continue;
		for (int v = 0; S_bio_verbs[v]; v++)
			if (strncmp(text + lens[i], S_bio_verbs[v], strlen(S_bio_verbs[v])) == 0)
				return 1;
	}
	return 0;
}

void galley_html_author_bio_line(galley_node *article)
{
	const char *name = galley_article_get_author(article, 0);
	if (!name)
		return;
	galley_node *b = galley_node_last_child(article);
	for (int back = 0; b && back < 3; back++, b = galley_node_previous(b)) {
		galley_node_type t = galley_node_get_type(b);
		if (t == GALLEY_NODE_AUTHOR_BOX)
			return;
		if (t != GALLEY_NODE_PARAGRAPH)
			continue;
		char *text = galley_trim(galley_node_text(b));
		int bio = strlen(text) >= BIO_MIN && strlen(text) < 1200 && S_bio_opening(text, name);
		free(text);
		if (!bio)
			continue;
		/* a line of the name alone, or a "follow" button, labels the bio;
		 * without it the closing paragraph may be the story's own */
		galley_node *prev = galley_node_previous(b);
		char *label = prev ? galley_trim(galley_node_text(prev)) : NULL;
		int labelled = label && (strcasecmp(label, name) == 0 ||
		               strcasecmp(label, "follow") == 0 ||
		               (*label && strlen(label) < 40 && strncmp(name, label, strlen(label)) == 0));
		free(label);
		if (!labelled)
			return;
		galley_node_free(prev);
		galley_node *box = galley_node_new(GALLEY_NODE_AUTHOR_BOX);
		galley_append_text_block(box, GALLEY_NODE_AUTHOR_NAME, name, 0);
		galley_node *bio_node = galley_node_new(GALLEY_NODE_AUTHOR_BIO);
		galley_node_insert_before(b, box);
		galley_node_append_child(bio_node, b);
		galley_node_append_child(box, bio_node);
		return;
	}
}
