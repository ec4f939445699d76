/* fuzz_svg.c — libFuzzer target for the SVG cleaner (src/svg_clean.c):
 * any bytes give a cleaned image or a reason, and a cleaned image is
 * clean: cleaned again it is the same bytes, and nothing that can run or
 * fetch is left in it.  The choice byte is unused. */
#define _GNU_SOURCE   /* strcasestr */
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "fuzz.h"
#include "svg_clean.h"

/* Abort if the cleaned tree under N holds anything that can run or fetch:
 * a script, style or foreign element, an event handler, a javascript: or
 * outside reference in an attribute (text may say anything). */
static void S_check(const xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type == XML_DTD_NODE || n->type == XML_ENTITY_REF_NODE ||
		    n->type == XML_ENTITY_DECL || n->type == XML_PI_NODE)
			abort();
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcasecmp((const char *)n->name, "script") == 0 ||
		    strcasecmp((const char *)n->name, "style") == 0 ||
		    strcmp((const char *)n->name, "foreignObject") == 0 ||
		    strcmp((const char *)n->name, "a") == 0)
			abort();
		for (const xmlAttr *a = n->properties; a; a = a->next) {
			xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
			char *s = v ? (char *)v : "";
			int href = strcmp((const char *)a->name, "href") == 0 && s[0] != '#';
			size_t k = 0;
			for (size_t i = 0; s[i]; i++)   /* as a browser reads a URL */
				if ((unsigned char)s[i] > ' ')
					s[k++] = s[i];
			if (v)
				s[k] = '\0';
			if (strncasecmp((const char *)a->name, "on", 2) == 0 || href ||
			    strcasestr(s, "javascript:"))
				abort();
			xmlFree(v);
		}
		S_check(n->children);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in;
	if (!fuzz_split(data, size, &in))
		return 0;
	size_t len = 0, len2 = 0;
	const char *why = NULL;
	char *clean = galley_svg_clean(in.data, in.len, &len, &why);
	if (!clean) {
		if (!why)
			abort();
		return 0;
	}
	xmlDocPtr x = xmlReadMemory(clean, (int)len, NULL, NULL, XML_PARSE_NONET);
	if (!x)
		abort();   /* what galley writes must read back */
	S_check(x->children);
	xmlFreeDoc(x);
	char *again = galley_svg_clean(clean, len, &len2, &why);
	if (!again || len2 != len || memcmp(again, clean, len) != 0)
		abort();
	free(again);
	free(clean);
	return 0;
}
