/* font_subset.c — what galley asks of HarfBuzz's subsetter: a face
 * without its hinting (the copies galley sets type with, fonts_dehint.c),
 * a CJK face cut down to the characters of the documents a process sets
 * (fonts_cut.c) and a face cut down to the characters of a book (the
 * fallback faces an EPUB embeds, epub_fonts_fallback.c).  In the galley program this file is
 * a module, galley-subset.so (tools/subset_module.c): the subsetter is
 * needed once per set of faces and by --embed-fonts, and mapping it cost
 * every other run 0.2 million instructions of start-up. */
#include <hb-subset.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fonts.h"
#include "util.h"

/* Keep every layout feature, script, name and name language of the face
 * IN subsets, and every table: an empty set inverted is all. */
static void S_keep_all(hb_subset_input_t *in)
{
	hb_subset_sets_t all[] = {HB_SUBSET_SETS_LAYOUT_FEATURE_TAG, HB_SUBSET_SETS_NAME_ID,
	                          HB_SUBSET_SETS_NAME_LANG_ID, HB_SUBSET_SETS_LAYOUT_SCRIPT_TAG};
	for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
		hb_set_clear(hb_subset_input_set(in, all[i]));
		hb_set_invert(hb_subset_input_set(in, all[i]));
	}
	hb_set_clear(hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG));
}

/* Subset FACE as IN asks and write it to DST, a file that must not exist
 * yet: 0, or -1. */
static int S_subset_to(hb_face_t *face, hb_subset_input_t *in, const char *dst)
{
	int rc = -1;
	hb_face_t *out = hb_subset_or_fail(face, in);
	if (out) {
		hb_blob_t *bytes = hb_face_reference_blob(out);
		unsigned len = 0;
		const char *data = hb_blob_get_data(bytes, &len);
		FILE *f = len ? fopen(dst, "wbx") : NULL;
		if (f) {
			rc = fwrite(data, 1, len, f) == len ? 0 : -1;
			rc = fclose(f) == 0 ? rc : -1;
			if (rc)
				unlink(dst);
		}
		hb_blob_destroy(bytes);
		hb_face_destroy(out);
	}
	return rc;
}

/* The face INDEX of the file SRC, or NULL. */
static hb_face_t *S_face(const char *src, int index)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(src);
	if (!blob)
		return NULL;
	hb_face_t *face = hb_face_create(blob, (unsigned)index);
	hb_blob_destroy(blob);
	return face;
}

int galley_font_dehint(const char *src, const char *dst)
{
	hb_face_t *face = S_face(src, 0);
	if (!face)
		return -1;
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	int rc = -1;
	if (in && hb_face_get_glyph_count(face) > 0) {
		hb_set_add_range(hb_subset_input_unicode_set(in), 0, 0x10FFFF);
		hb_set_add_range(hb_subset_input_glyph_set(in), 0, hb_face_get_glyph_count(face) - 1);
		S_keep_all(in);
		hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_RETAIN_GIDS |
		                              HB_SUBSET_FLAGS_NOTDEF_OUTLINE | HB_SUBSET_FLAGS_GLYPH_NAMES |
		                              HB_SUBSET_FLAGS_NAME_LEGACY |
		                              HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED);
		rc = S_subset_to(face, in, dst);
	}
	hb_subset_input_destroy(in);
	hb_face_destroy(face);
	return rc;
}

int galley_font_cut(const char *src, int index, const hb_set_t *chars, const char *dst)
{
	hb_face_t *face = S_face(src, index);
	if (!face)
		return -1;
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	int rc = -1;
	if (in && hb_face_get_glyph_count(face) > 0) {
		hb_set_union(hb_subset_input_unicode_set(in), chars);
		/* every name (the PDF's font names, its accessibility checks);
		 * the default features, which are those pango's shaping applies:
		 * all of them would cost half as much again, for none */
		hb_subset_sets_t all[] = {HB_SUBSET_SETS_NAME_ID, HB_SUBSET_SETS_NAME_LANG_ID};
		for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
			hb_set_clear(hb_subset_input_set(in, all[i]));
			hb_set_invert(hb_subset_input_set(in, all[i]));
		}
		/* without hinting, as galley's other faces (fonts_dehint.c):
		 * FreeType loads each glyph a sixth faster */
		hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING |
		                              HB_SUBSET_FLAGS_DESUBROUTINIZE |
		                              HB_SUBSET_FLAGS_NOTDEF_OUTLINE |
		                              HB_SUBSET_FLAGS_NAME_LEGACY);
		rc = S_subset_to(face, in, dst);
	}
	hb_subset_input_destroy(in);
	hb_face_destroy(face);
	return rc;
}

char *galley_font_subset(const char *file, int index, const hb_set_t *chars, size_t *len,
                         int *cff)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(file);
	if (!blob)
		return NULL;
	hb_face_t *face = hb_face_create(blob, (unsigned)index);
	hb_blob_destroy(blob);
	hb_blob_t *cff_table = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
	*cff = hb_blob_get_length(cff_table) > 0;
	hb_blob_destroy(cff_table);
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	char *out = NULL;
	if (in) {
		hb_set_union(hb_subset_input_unicode_set(in), chars);
		hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
		hb_face_t *sub = hb_subset_or_fail(face, in);
		if (sub) {
			hb_blob_t *bytes = hb_face_reference_blob(sub);
			unsigned n = 0;
			const char *data = hb_blob_get_data(bytes, &n);
			if (n) {
				out = galley_xmalloc(n);
				memcpy(out, data, n);
				*len = n;
			}
			hb_blob_destroy(bytes);
			hb_face_destroy(sub);
		}
		hb_subset_input_destroy(in);
	}
	hb_face_destroy(face);
	return out;
}
