/* image_alt.c — what stands in for an image left out (unreadable, refused,
 * not fetched): the reader keeps what the picture showed, once. */
#include <stdlib.h>
#include <string.h>

#include "image_alt.h"
#include "util.h"

/* The text of the caption of IMG's figure, or NULL. */
static char *S_caption(const galley_node *img)
{
	const galley_node *fig = galley_node_parent(img);
	if (!fig || galley_node_get_type(fig) != GALLEY_NODE_FIGURE)
		return NULL;
	for (const galley_node *c = galley_node_first_child(fig); c; c = galley_node_next(c))
		if (galley_node_get_type(c) == GALLEY_NODE_CAPTION)
			return galley_node_text(c);
	return NULL;
}

/* Whether A and B are the same words, whatever the spaces around them. */
static int S_same(const char *a, const char *b)
{
	while (*a == ' ')
		a++;
	while (*b == ' ')
		b++;
	size_t la = strlen(a), lb = strlen(b);
	while (la && a[la - 1] == ' ')
		la--;
	while (lb && b[lb - 1] == ' ')
		lb--;
	return la == lb && strncmp(a, b, la) == 0;
}

char *galley_image_stand_in(const galley_node *img)
{
	const char *alt = galley_node_get_title(img);
	if (!alt || !*alt)
		return NULL;
	char *caption = S_caption(img);
	int said = caption && S_same(alt, caption);
	free(caption);
	return said ? NULL : galley_xasprintf("[%s]", alt);
}
