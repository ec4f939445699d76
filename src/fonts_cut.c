/* fonts_cut.c — the CJK faces as galley sets them: each cut down with
 * HarfBuzz's subsetter to the characters of the documents the process
 * sets, in a private temporary folder, before pango and cairo open it.
 *
 * Why: a CJK face has some 65,000 glyphs in a CFF table of 15 to 23 MB.
 * To embed the few hundred an article uses, cairo 1.16 copies that whole
 * table into memory, twice, keeps the subroutines of all its glyphs in the
 * font program it embeds (150 to 250 KB a face), and reads the cmap again
 * for each glyph it maps; FreeType parses the face's indexes when it opens
 * it.  Cut down, the face is some 100 KB: a Chinese article as long as the
 * reference article takes a fifth fewer instructions, a sixth of the page
 * faults, and its PDF is a twelfth of the size.  The cut is made with the
 * subsetter's default layout features (those a shaper applies to
 * horizontal text, the local forms among them) and every name, its
 * subroutines inlined, without hinting (as galley's other faces); its
 * glyph ids are its own (keeping the whole face's would cost the
 * subsetter three times as much), which pango and cairo both read from
 * the cut, so text shapes, measures and is named in the PDF as with the
 * whole face: only the embedded font programs differ.  Only the faces a
 * document's styles reach are cut (fonts.c, S_reach): each cut costs the
 * subsetter some 30 million instructions, most of them the local forms
 * of the other regions, whatever the number of characters.
 *
 * The files are named by a count, never reused in a process (pango and
 * cairo key their caches by file name), removed when replaced by a larger
 * cut (pango and cairo map the file when they open it) and at exit
 * (galley_fc_cuts_remove; a batch worker, which leaves by _exit, calls
 * it), or by a signal (cleanup.c). */
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "fonts.h"
#include "util.h"

static char *S_dir;         /* the folder, made at the first cut */
static pid_t S_owner;       /* the process that made it */
static unsigned S_count;    /* cuts named so far */

/* The cuts in the folder, removed at exit. */
#define MAX_CUTS 64
static char *S_live[MAX_CUTS];

void galley_fc_cuts_remove(void)
{
	if (!S_dir || getpid() != S_owner)
		return;   /* a forked child leaves its parent's folder alone */
	for (size_t i = 0; i < MAX_CUTS; i++)
		if (S_live[i]) {
			unlink(S_live[i]);
			galley_cleanup_forget(S_live[i]);
			free(S_live[i]);
			S_live[i] = NULL;
		}
	rmdir(S_dir);
	galley_cleanup_forget(S_dir);
	free(S_dir);
	S_dir = NULL;
}

/* The folder of this process's cuts (made once), or NULL. */
static const char *S_folder(void)
{
	if (S_dir && getpid() == S_owner)
		return S_dir;
	S_dir = NULL;   /* made by the parent of a forked process: its own */
	memset(S_live, 0, sizeof S_live);
	const char *tmpdir = getenv("TMPDIR");
	char *dir = galley_xasprintf("%s/galley-cjk.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(dir)) {
		free(dir);
		return NULL;
	}
	galley_cleanup_add(dir);
	static int registered;
	if (!registered)
		atexit(galley_fc_cuts_remove);
	registered = 1;
	S_owner = getpid();
	S_dir = dir;
	return S_dir;
}

/* The characters of SET as a HarfBuzz set. */
static hb_set_t *S_hb_chars(const FcCharSet *set)
{
	hb_set_t *out = hb_set_create();
	FcChar32 map[FC_CHARSET_MAP_SIZE], next;
	for (FcChar32 base = FcCharSetFirstPage(set, map, &next); base != FC_CHARSET_DONE;
	     base = FcCharSetNextPage(set, map, &next))
		for (unsigned w = 0; w < FC_CHARSET_MAP_SIZE; w++)
			for (unsigned bit = 0; bit < 32 && map[w] >> bit; bit++)
				if (map[w] >> bit & 1)
					hb_set_add(out, base + w * 32 + bit);
	return out;
}

FcPattern *galley_fc_cut(FcPattern *face, const FcCharSet *cover)
{
	FcChar8 *file;
	int index = 0;
	size_t slot = 0;
	while (slot < MAX_CUTS && S_live[slot])
		slot++;
	const char *dir = S_folder();
	if (!dir || slot == MAX_CUTS || FcPatternGetString(face, FC_FILE, 0, &file) != FcResultMatch)
		return NULL;
	FcPatternGetInteger(face, FC_INDEX, 0, &index);
	char *path = galley_xasprintf("%s/%u.otf", dir, S_count++);
	hb_set_t *chars = S_hb_chars(cover);
	galley_cleanup_add(path);
	int rc = galley_font_cut((const char *)file, index, chars, path);
	hb_set_destroy(chars);
	if (rc != 0) {
		galley_cleanup_forget(path);
		free(path);
		return NULL;
	}
	S_live[slot] = path;
	FcPattern *cut = FcPatternDuplicate(face);
	FcPatternDel(cut, FC_FILE);
	FcPatternDel(cut, FC_INDEX);
	FcPatternDel(cut, FC_CHARSET);
	FcPatternAddString(cut, FC_FILE, (const FcChar8 *)path);
	FcPatternAddInteger(cut, FC_INDEX, 0);
	FcPatternAddCharSet(cut, FC_CHARSET, cover);
	FcPatternAddString(cut, GALLEY_FC_WHOLE_FILE, file);
	FcPatternAddInteger(cut, GALLEY_FC_WHOLE_INDEX, index);
	return cut;
}

void galley_fc_cut_drop(FcPattern *cut)
{
	FcChar8 *file;
	if (FcPatternGetString(cut, FC_FILE, 0, &file) != FcResultMatch)
		return;
	for (size_t i = 0; i < MAX_CUTS; i++)
		if (S_live[i] && strcmp(S_live[i], (const char *)file) == 0) {
			unlink(S_live[i]);
			galley_cleanup_forget(S_live[i]);
			free(S_live[i]);
			S_live[i] = NULL;
		}
}
