/* digest_title.c — the title of a digest, one for the PDF and the EPUB: the
 * given title, else the document's own, else "Digest" and the date as the
 * articles' language writes a long date (long_date.c). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "galley.h"
#include "util.h"

/* Today (SOURCE_DATE_EPOCH when set), as Y-M-D in UTC. */
static void S_today(int *y, int *m, int *d)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end = NULL;
	long long v = e && *e ? strtoll(e, &end, 10) : -1;
	time_t t = v >= 0 && end && !*end ? (time_t)v : time(NULL);
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		memset(&tm, 0, sizeof tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}

/* The language of DOC's first article as an ICU locale ("en-US" -> "en_US"). */
static void S_locale(const galley_node *doc, char *out, size_t size)
{
	const char *lang = NULL;
	galley_node *a = galley_node_first_child(doc);
	while (a && galley_node_get_type(a) != GALLEY_NODE_ARTICLE)
		a = galley_node_next(a);
	if (a)
		lang = galley_article_get(a, GALLEY_META_LANG);
	snprintf(out, size, "%s", lang && *lang ? lang : "en");
	for (char *p = out; *p; p++)
		if (*p == '-')
			*p = '_';
}

char *galley_digest_title(const galley_node *doc, const char *given)
{
	const char *own = galley_document_get_title(doc);
	const char *title = given && *given ? given : own && *own ? own : NULL;
	if (title) {
		char *s = galley_collapse_space(galley_trim(galley_xstrdup(title)));
		if (*s)
			return s;
		free(s);
	}
	int y, m, d;
	const char *date = galley_document_get_date(doc);
	char tail;
	if (!date || sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		S_today(&y, &m, &d);
	char locale[32];
	S_locale(doc, locale, sizeof locale);
	galley_buf b = GALLEY_BUF_INIT;
	galley_buf_puts(&b, "Digest, ");
	galley_long_date_ymd(&b, locale, y, m, d);
	char *s = galley_buf_detach(&b);
	galley_collapse_space(galley_trim(s));
	return s;
}
