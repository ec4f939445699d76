/* meta_authors.c — author lists: splitting "A, B and C" into names and joining names into a byline. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "meta.h"
#include "util.h"

/* Length of the separator at P (", ", "; ", " and ", " & "), or 0. */
static size_t S_separator(const char *p)
{
	static const char *const seps[] = {" and ", " & ", ",", ";"};
	for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
		size_t n = strlen(seps[i]);
		if (strncasecmp(p, seps[i], n) == 0)
			return n;
	}
	return 0;
}

static int S_add(galley_node *article, const char *start, size_t n)
{
	char *name = galley_xstrndup(start, n);
	galley_collapse_space(galley_trim(name));
	/* "…, and C": the comma already split, the "and " is left over */
	char *p = strncasecmp(name, "and ", 4) == 0 ? name + 4 : name;
	int added = *p && galley_article_add_author(article, p);
	free(name);
	return added;
}

int galley_authors_add_list(galley_node *article, const char *list)
{
	if (!list)
		return 0;
	while (galley_is_space((unsigned char)*list))
		list++;
	if (strncasecmp(list, "by ", 3) == 0)
		list += 3;
	int added = 0;
	const char *start = list;
	for (const char *p = list; ; p++) {
		size_t sep = *p ? S_separator(p) : 0;
		if (*p && !sep)
			continue;
		added += S_add(article, start, (size_t)(p - start));
		if (!*p)
			break;
		p += sep - 1;
		start = p + 1;
	}
	return added;
}

char *galley_authors_join(const galley_node *article)
{
	galley_buf b = GALLEY_BUF_INIT;
	size_t n = galley_article_author_count(article);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			galley_buf_puts(&b, i + 1 == n ? " and " : ", ");
		galley_buf_puts(&b, galley_article_get_author(article, i));
	}
	return galley_buf_detach(&b);
}

void galley_byline_from_authors(galley_node *article)
{
	if (galley_article_author_count(article) == 0 ||
	    galley_article_get(article, GALLEY_META_BYLINE))
		return;
	char *names = galley_authors_join(article);
	galley_article_set(article, GALLEY_META_BYLINE, names);
	free(names);
}
