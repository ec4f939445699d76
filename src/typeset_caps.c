/* typeset_caps.c — text set in capitals for a role that asks for them
 * (bylines, running heads).  g_utf8_strup maps each letter, but Greek set
 * in capitals drops its accents and breathings: "Η ομάδα" is "Η ΟΜΑΔΑ", not
 * "Η ΟΜΆΔΑ" (the diaeresis stays: it changes how the word is read).  Other
 * scripts keep their marks. */
#include <string.h>

#include "typeset.h"

/* 1 for an accent or breathing that Greek capitals leave out. */
static int S_greek_caps_drop(gunichar mark)
{
	switch (mark) {
	case 0x0300: /* varia */
	case 0x0301: /* tonos, oxia */
	case 0x0342: /* perispomeni */
	case 0x0313: /* psili */
	case 0x0314: /* dasia */
	case 0x0345: /* ypogegrammeni: strup has made it an iota already */
		return 1;
	default:
		return 0;
	}
}

char *galley_caps(const char *text)
{
	char *up = g_utf8_strup(text, -1);
	char *nfd = g_utf8_normalize(up, -1, G_NORMALIZE_NFD);
	g_free(up);
	if (!nfd)
		return g_strdup(text);
	GString *out = g_string_sized_new(strlen(nfd));
	int greek = 0;   /* the base letter the marks belong to is Greek */
	for (const char *p = nfd; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_combining_class(c) == 0)
			greek = g_unichar_get_script(c) == G_UNICODE_SCRIPT_GREEK;
		else if (greek && S_greek_caps_drop(c))
			continue;
		g_string_append_unichar(out, c);
	}
	g_free(nfd);
	char *nfc = g_utf8_normalize(out->str, -1, G_NORMALIZE_NFC);
	g_string_free(out, TRUE);
	return nfc;
}
