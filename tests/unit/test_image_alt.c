/* test_image_alt.c — what stands in for an image left out: its alt text in
 * brackets, unless it has none or its figure's caption says the same. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "galley.h"
#include "image_alt.h"

/* The stand-in of the first image of the article in tree XML BODY. */
static char *S_stand_in(const char *body)
{
	char xml[1024];
	snprintf(xml, sizeof xml, "<galley><article><title>T</title>%s</article></galley>", body);
	galley_diag *d = galley_diag_new("test.xml");
	galley_diag_set_quiet(d, 1);
	galley_node *doc = galley_read(xml, strlen(xml), GALLEY_FORMAT_XML, NULL, d);
	galley_diag_free(d);
	assert_non_null(doc);
	galley_iter *it = galley_iter_new(doc);
	const galley_node *img = NULL;
	while (!img && galley_iter_next(it) != GALLEY_EVENT_DONE)
		if (galley_node_get_type(galley_iter_get_node(it)) == GALLEY_NODE_IMAGE)
			img = galley_iter_get_node(it);
	galley_iter_free(it);
	assert_non_null(img);
	char *s = galley_image_stand_in(img);
	galley_node_free(doc);
	return s;
}

static void test_alt_in_brackets(void **state)
{
	(void)state;
	char *s = S_stand_in("<figure><img src=\"a.png\" alt=\"A quay at dawn\"/>"
	                     "<figcaption>The boats go out.</figcaption></figure>");
	assert_string_equal(s, "[A quay at dawn]");
	free(s);
	s = S_stand_in("<figure><img src=\"a.png\" alt=\"a map\"/></figure>");
	assert_string_equal(s, "[a map]");
	free(s);
}

static void test_nothing_to_say(void **state)
{
	(void)state;
	assert_null(S_stand_in("<figure><img src=\"a.png\"/><figcaption>C</figcaption></figure>"));
	assert_null(S_stand_in("<figure><img src=\"a.png\" alt=\"\"/></figure>"));
	/* the caption already says it: said once */
	assert_null(S_stand_in("<figure><img src=\"a.png\" alt=\"The quay\"/>"
	                       "<figcaption> The quay </figcaption></figure>"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alt_in_brackets),
		cmocka_unit_test(test_nothing_to_say),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
