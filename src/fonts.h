/* fonts.h — galley's private fontconfig configuration (fonts.c). */
#ifndef GALLEY_FONTS_H
#define GALLEY_FONTS_H

#include <fontconfig/fontconfig.h>
#include <hb.h>

#include "galley.h"

/* The configuration of fonts/fonts.conf with the faces of fonts/files,
 * dehinted (galley_fonts_dehinted) when that can be done, made once per
 * process and made current; NULL with an ERROR when it cannot be loaded. */
FcConfig *galley_fc_config(galley_diag *diag);
/* Add to CONFIG the faces of fonts/scripts that text of the characters
 * CHARS (galley_script_chars) in the languages LANGS (N_LANGS BCP 47
 * tags) may be set in, with the rules of fonts/scripts.conf: the faces
 * that have a character of CHARS that the Latin faces lack, and of the
 * CJK faces, when CHARS has a character no other face has, those of the
 * regions the languages and characters call for.  Faces added stay; a
 * later call adds what it needs more.  A CJK face already in as a cut
 * (below) is cut again when CHARS has characters of it its cut lacks.
 * 1 when this call changed the set (a pango font map over CONFIG must
 * then be told).  For an EPUB, which only looks faces up. */
int galley_fc_add_scripts(FcConfig *config, const FcCharSet *chars, const char *const *langs,
                          size_t n_langs);
/* The same for a PDF whose text is set only in STYLES (N_STYLES of them):
 * of the CJK faces, only those fontconfig's order for one of the styles
 * in one of LANGS puts first for a character of CHARS, each cut down to
 * those characters (galley_fc_cut) before pango and cairo open it. */
struct galley_fc_style {
	const char *family;
	int weight;   /* CSS, 100-900 */
	int italic;
};
int galley_fc_add_scripts_for(FcConfig *config, const FcCharSet *chars, const char *const *langs,
                              size_t n_langs, const struct galley_fc_style *styles,
                              size_t n_styles);
/* A count of the changes galley_fc_add_scripts made to the font set: a
 * pango font map over it that saw another count must be told. */
unsigned galley_fc_generation(void);
/* 1 if S has characters of the scripts whose faces are in fonts/scripts
 * (Hebrew, Arabic, Indic, Thai, Chinese, Japanese, Korean...). */
int galley_text_needs_scripts(const char *s);
/* Add the characters of S outside ASCII to SET; 1 if S has characters of
 * those scripts, as galley_text_needs_scripts. */
int galley_script_chars(FcCharSet *set, const char *s);

/* Copy the face at SRC to DST without its TrueType hinting (font_subset.c).
 * Returns 0, or -1 when SRC cannot be read or DST written. */
int galley_font_dehint(const char *src, const char *dst);
/* Write to DST (a file that must not exist yet) the face INDEX of SRC cut
 * down to the characters CHARS, with the layout features a shaper applies
 * to horizontal text, every name, its subroutines inlined and without
 * hinting (font_subset.c): 0, or -1. */
int galley_font_cut(const char *src, int index, const hb_set_t *chars, const char *dst);
/* A pattern for FACE, a CJK face of fonts/scripts, whose file is FACE's
 * face cut down to the characters COVER (galley_font_cut) in a private
 * temporary folder, and whose character set is COVER: NULL when it cannot
 * be made.  galley_fc_cut_drop removes the file of such a pattern once
 * the font set no longer holds it (fonts_cut.c). */
FcPattern *galley_fc_cut(FcPattern *face, const FcCharSet *cover);
/* A cut's pattern keeps the file and index of the whole face under these
 * names: an EPUB embeds and names the whole face's subset, as before. */
#define GALLEY_FC_WHOLE_FILE "galleywholefile"
#define GALLEY_FC_WHOLE_INDEX "galleywholeindex"
void galley_fc_cut_drop(FcPattern *cut);
/* Remove this process's cuts and their folder (at exit; a process that
 * leaves by _exit calls it first).  Their patterns must no longer be used. */
void galley_fc_cuts_remove(void);
/* The face INDEX of FILE cut down to the characters CHARS, without
 * hinting (font_subset.c): malloc'd, *LEN bytes, *CFF 1 when its outlines
 * are CFF (an .otf); NULL when it cannot be made. */
char *galley_font_subset(const char *file, int index, const hb_set_t *chars, size_t *len,
                         int *cff);
/* The folder of the faces in FILES_DIR without their hinting, made once
 * in galley's cache (or, without one, in a temporary folder removed at
 * exit) (malloc'd), or NULL when they cannot be made.  A face that cannot
 * be read (its package is not installed) is left out with a WARNING in
 * DIAG that names the package (fonts/packages.txt); the folder is made of
 * the others, once, like any other set of faces. */
char *galley_fonts_dehinted(const char *files_dir, galley_diag *diag);

/* The record of a folder of dehinted copies (fonts_manifest.c), kept in
 * .FINAL.manifest beside the folder FINAL: galley_fonts_manifest_write
 * records the copies of FACES (N paths) made in DIR (0, or -1);
 * galley_fonts_manifest_check is 1 when every copy in FOLDER is a regular
 * file as recorded (sizes and times, or a checksum when a time differs);
 * galley_fonts_discard removes FOLDER and its record, never opening what
 * is in it. */
int galley_fonts_manifest_write(const char *dir, const char *final, char **faces, size_t n);
int galley_fonts_manifest_check(const char *folder, char **faces, size_t n);
void galley_fonts_discard(const char *folder);

/* The face CONFIG offers for FAMILY at WEIGHT (CSS, 100-900), upright or
 * ITALIC: fontconfig's best match, which may be of another family (the
 * caller destroys it), or NULL. */
FcPattern *galley_fc_match(FcConfig *config, const char *family, int weight, int italic);
/* The first face of the fallback list CONFIG gives FAMILY at WEIGHT,
 * upright or ITALIC, in LANG (BCP 47 or NULL), that has a glyph for C:
 * the face pango would set C in (the caller destroys it), or NULL. */
FcPattern *galley_fc_fallback(FcConfig *config, const char *family, int weight, int italic,
                              const char *lang, unsigned c);
/* The face of galley_fc_fallback as its file, face index and family
 * (FILE and FAMILY malloc'd; of the whole face for a cut): 0, or -1 when
 * there is none.  The EPUB's
 * cover sets C in it; --embed-fonts embeds it. */
struct galley_fc_face {
	char *file, *family;
	int index;
};
int galley_fc_fallback_face(FcConfig *config, const char *family, int weight, int italic,
                            const char *lang, unsigned c, struct galley_fc_face *out);

#endif
