/* fonts_dehint.c — the faces galley sets type with, without their TrueType
 * hinting: the fpgm, prep and cvt tables and each glyph's instructions.
 * Hinting only snaps outlines to a screen's pixels; a PDF is printed or
 * shown scaled, and galley lays out with unhinted metrics.  Yet cairo copied
 * those programs into every subset it embeds (about 4 KiB each, several
 * subsets a PDF) and compressed them each time: without them a PDF is about
 * 40 % smaller and a tenth quicker to make, and it looks the same.
 *
 * The copies are made with HarfBuzz's subsetter (galley_font_dehint,
 * font_subset.c), keeping every glyph, glyph id, name and layout feature,
 * once per set of faces, into a folder of galley's cache named after what
 * they were made from. */
#include <errno.h>
#include <fnmatch.h>
#include <glib.h>
#include <glob.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fonts.h"
#include "util.h"

#define DEHINT_VERSION "1"   /* change when the copies are made differently */

/* The file name of PATH, without its folder. */
static const char *S_base(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Where the copy of the face at PATH goes in the folder DIR (malloc'd). */
static char *S_copy_path(const char *dir, const char *path)
{
	return galley_xasprintf("%s/%s", dir, S_base(path));
}

/* The faces of a folder that can be read: paths (malloc'd). */
struct faces {
	char **path;
	size_t n;
};

static void S_faces_free(struct faces *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->path[i]);
	free(f->path);
	f->path = NULL;
	f->n = 0;
}

/* What the copies of FILES are made from: names, sizes and times of the
 * faces, HarfBuzz's version and how galley makes them. */
static uint64_t S_key(const struct faces *files)
{
	uint64_t h = galley_fnv1a(GALLEY_FNV1A_INIT, DEHINT_VERSION, strlen(DEHINT_VERSION));
	const char *hb = hb_version_string();
	h = galley_fnv1a(h, hb, strlen(hb));
	for (size_t i = 0; i < files->n; i++) {
		struct stat st;
		const char *path = files->path[i], *base = S_base(path);
		long long facts[2] = {-1, -1};
		if (stat(path, &st) == 0) {
			facts[0] = (long long)st.st_size;
			facts[1] = (long long)st.st_mtime;
		}
		h = galley_fnv1a(h, base, strlen(base) + 1);
		h = galley_fnv1a(h, facts, sizeof facts);
	}
	return h;
}

/* Copy the face at SRC to DST as it is; 0 or -1. */
static int S_copy_plain(const char *src, const char *dst)
{
	gchar *data = NULL;
	gsize len = 0;
	int rc = g_file_get_contents(src, &data, &len, NULL) &&
	         g_file_set_contents(dst, data, (gssize)len, NULL) ? 0 : -1;
	g_free(data);
	return rc;
}

/* Copy every face of FILES, dehinted, into the folder DIR; a face the
 * subsetter cannot read (a collection, a format it does not know) is
 * copied as it is, so that the folder is complete.  0 or -1. */
static int S_copy_all(const struct faces *files, const char *dir)
{
	int rc = 0;
	for (size_t i = 0; i < files->n && rc == 0; i++) {
		char *dst = S_copy_path(dir, files->path[i]);
		rc = galley_font_dehint(files->path[i], dst) == 0 ? 0
		   : S_copy_plain(files->path[i], dst);
		free(dst);
	}
	return rc;
}

/* Remove the folder DIR and the copies of FILES in it. */
static void S_remove(const struct faces *files, const char *dir)
{
	for (size_t i = 0; i < files->n; i++) {
		char *dst = S_copy_path(dir, files->path[i]);
		unlink(dst);
		free(dst);
	}
	rmdir(dir);
}

/* Have a signal remove the folder DIR and the copies of FILES in it
 * (WATCH 1), or no longer (0): a folder being made, or a temporary one. */
static void S_watch(const struct faces *files, const char *dir, int watch)
{
	(watch ? galley_cleanup_add : galley_cleanup_forget)(dir);
	for (size_t i = 0; i < files->n; i++) {
		char *dst = S_copy_path(dir, files->path[i]);
		(watch ? galley_cleanup_add : galley_cleanup_forget)(dst);
		free(dst);
	}
}

/* Make the copies of FILES in a new folder beside FINAL, then move it to
 * FINAL in one step, so that a folder of that name is always complete.
 * Returns 0, also when another galley made it first. */
static int S_make(const struct faces *files, const char *final)
{
	char *tmp = galley_xasprintf("%s.XXXXXX", final);
	int made = mkdtemp(tmp) != NULL;
	if (made)
		S_watch(files, tmp, 1);
	int rc = made ? S_copy_all(files, tmp) : -1;
	if (rc == 0)   /* recorded before the folder is in place (issue 14) */
		rc = galley_fonts_manifest_write(tmp, final, files->path, files->n);
	if (rc == 0 && rename(tmp, final) != 0 && errno != ENOTEMPTY && errno != EEXIST)
		rc = -1;
	if (access(final, F_OK) != 0)
		rc = -1;
	S_remove(files, tmp);  /* what is left: all of it when another won */
	if (made)
		S_watch(files, tmp, 0);
	free(tmp);
	return rc;
}

/* Without a cache the copies go to a temporary folder, removed when the
 * process that made it exits, or is ended by a signal (issue 14), so that
 * the output is the same either way and nothing is left in TMPDIR. */
static struct faces S_temp_files;
static char *S_temp_dir;

static void S_remove_temp(void)
{
	S_remove(&S_temp_files, S_temp_dir);
	S_faces_free(&S_temp_files);
	free(S_temp_dir);
}

static char *S_temporary(struct faces *files)
{
	const char *tmpdir = getenv("TMPDIR");
	char *dir = galley_xasprintf("%s/galley-fonts.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(dir)) {
		free(dir);
		return NULL;
	}
	S_watch(files, dir, 1);
	if (S_copy_all(files, dir) != 0) {
		S_remove(files, dir);
		S_watch(files, dir, 0);
		free(dir);
		return NULL;
	}
	S_temp_dir = galley_xstrdup(dir);
	S_temp_files = *files;
	files->path = NULL;  /* kept for the removal */
	files->n = 0;
	atexit(S_remove_temp);
	return dir;
}

/* The Debian package that provides the face named BASE, from
 * fonts/packages.txt (malloc'd), or NULL when it is not listed. */
static char *S_package_of(const char *base)
{
	char *list = galley_data_path("fonts/packages.txt");
	FILE *f = list ? fopen(list, "re") : NULL;
	free(list);
	if (!f)
		return NULL;
	char line[512], *found = NULL;
	while (!found && fgets(line, sizeof line, f)) {
		char *save = NULL, *pkg = strtok_r(line, " \t\r\n", &save);
		if (!pkg || pkg[0] == '#')
			continue;
		for (char *pat; !found && (pat = strtok_r(NULL, " \t\r\n", &save));)
			if (fnmatch(pat, base, 0) == 0)
				found = galley_xstrdup(pkg);
	}
	fclose(f);
	return found;
}

/* One warning for a face of the font set that cannot be read: galley sets
 * type without it (fontconfig takes the nearest face of the family). */
static void S_warn_missing(const char *path, galley_diag *diag)
{
	char *pkg = S_package_of(S_base(path));
	char *target = realpath(path, NULL);
	char link[4096];
	ssize_t n = target ? -1 : readlink(path, link, sizeof link - 1);
	if (n >= 0)
		link[n] = '\0';
	galley_diag_report(diag, GALLEY_DIAG_WARNING, 0,
	                   "font face %s is missing (%s)%s%s%s; type is set without it",
	                   S_base(path), n >= 0 ? link : path,
	                   pkg ? ": install the Debian package " : "", pkg ? pkg : "",
	                   pkg ? " (make deps)" : "");
	free(target);
	free(pkg);
}

/* The faces in FILES_DIR that are regular files galley can read; each one
 * missing (a link whose package is not installed) is warned about once. */
static int S_present(const char *files_dir, struct faces *out, galley_diag *diag)
{
	char *pattern = galley_xasprintf("%s/*.[ot]tf", files_dir);
	glob_t all;
	int found = glob(pattern, 0, NULL, &all) == 0;
	free(pattern);
	if (!found)
		return 0;
	out->path = galley_xcalloc(all.gl_pathc, sizeof *out->path);
	out->n = 0;
	for (size_t i = 0; i < all.gl_pathc; i++) {
		struct stat st;
		const char *path = all.gl_pathv[i];
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, R_OK) == 0)
			out->path[out->n++] = galley_xstrdup(path);
		else
			S_warn_missing(path, diag);
	}
	globfree(&all);
	return out->n > 0;
}

char *galley_fonts_dehinted(const char *files_dir, galley_diag *diag)
{
	struct faces files = {0};
	if (!S_present(files_dir, &files, diag)) {
		S_faces_free(&files);
		return NULL;
	}
	char *cache = galley_cache_folder();
	char *dir = cache ? galley_xasprintf("%s/fonts-%016llx", cache,
	                                     (unsigned long long)S_key(&files))
	                  : NULL;
	free(cache);
	/* issue 14: copies cut short, emptied or replaced are made again */
	if (dir && access(dir, F_OK) == 0 && !galley_fonts_manifest_check(dir, files.path, files.n))
		galley_fonts_discard(dir);
	if (dir && access(dir, F_OK) != 0 && S_make(&files, dir) != 0) {
		free(dir);
		dir = NULL;
	}
	if (!dir)
		dir = S_temporary(&files);
	S_faces_free(&files);
	return dir;
}
