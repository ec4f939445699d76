/* fonts_manifest.c — the record of a folder of dehinted faces in galley's
 * cache (.FOLDER.manifest beside it, out of the way of globs): each copy's name, size, time and
 * checksum, written before the folder is moved into place and checked each
 * time galley uses it.
 *
 * Issue 14: copies cut short gave a PDF with no glyphs, empty or
 * unreadable ones made every PDF fail or set the body in bold until the
 * user deleted the cache, and a named pipe in place of one hung galley.
 * A run stats each copy (sizes and times); only a copy whose time changed
 * is read again and summed.  A folder that fails is moved aside and made
 * again. */
#define _XOPEN_SOURCE 700   /* nftw */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fonts.h"
#include "open_regular.h"
#include "util.h"

#define MANIFEST_MAGIC "galley-fonts-manifest 1"
#define MANIFEST_MAX ((size_t)64 << 10)

struct entry {
	char name[256];
	long long size, sec, nsec;
	unsigned long long sum;
};

static const char *S_base(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The checksum of the regular file PATH (never a pipe, never a link); 0
 * when it cannot be read. */
static int S_sum(const char *path, unsigned long long *sum)
{
	int fd = galley_open_regular(path, O_NOFOLLOW, NULL);
	if (fd < 0)
		return 0;
	uint64_t h = GALLEY_FNV1A_INIT;
	char buf[65536];
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		h = galley_fnv1a(h, buf, (size_t)n);
	close(fd);
	*sum = h;
	return n == 0;
}

/* The facts of the copy at PATH now: 0 when it is not a regular file that
 * can be read (it is never opened here). */
static int S_stat(const char *path, struct entry *e)
{
	struct stat st;
	if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0 ||
	    access(path, R_OK) != 0)
		return 0;
	e->size = (long long)st.st_size;
	e->sec = (long long)st.st_mtim.tv_sec;
	e->nsec = (long long)st.st_mtim.tv_nsec;
	return 1;
}

/* Where the record of FOLDER is kept (malloc'd). */
static char *S_manifest_path(const char *folder)
{
	const char *base = S_base(folder);
	return galley_xasprintf("%.*s.%s.manifest", (int)(base - folder), folder, base);
}

int galley_fonts_manifest_write(const char *dir, const char *final, char **faces, size_t n)
{
	galley_buf b = GALLEY_BUF_INIT;
	galley_buf_puts(&b, MANIFEST_MAGIC "\n");
	int ok = 1;
	for (size_t i = 0; i < n && ok; i++) {
		char *copy = galley_xasprintf("%s/%s", dir, S_base(faces[i]));
		struct entry e;
		ok = S_stat(copy, &e) && S_sum(copy, &e.sum);
		free(copy);
		char line[512];
		snprintf(line, sizeof line, "%s %lld %lld %lld %016llx\n", S_base(faces[i]),
		         e.size, e.sec, e.nsec, e.sum);
		if (ok)
			galley_buf_puts(&b, line);
	}
	char *path = S_manifest_path(final);
	char *tmp = galley_xasprintf("%s.XXXXXX", path);
	int fd = ok ? mkstemp(tmp) : -1;
	if (fd >= 0) {
		ok = write(fd, b.data, b.len) == (ssize_t)b.len;
		ok = close(fd) == 0 && ok && rename(tmp, path) == 0;
		if (!ok)
			unlink(tmp);
	}
	free(tmp);
	free(path);
	galley_buf_free(&b);
	return ok && fd >= 0 ? 0 : -1;
}

/* The manifest of FOLDER, read whole (a regular file only), or NULL. */
static char *S_read_manifest(const char *folder)
{
	char *path = S_manifest_path(folder);
	struct stat st;
	int fd = galley_open_regular(path, O_NOFOLLOW, &st);
	free(path);
	if (fd < 0)
		return NULL;
	char *text = NULL;
	if ((size_t)st.st_size < MANIFEST_MAX) {
		text = galley_xcalloc(1, (size_t)st.st_size + 1);
		if (read(fd, text, (size_t)st.st_size) != (ssize_t)st.st_size) {
			free(text);
			text = NULL;
		}
	}
	close(fd);
	return text;
}

/* 1 when the copy of FACE in FOLDER is as TEXT (the manifest) records. */
static int S_copy_whole(const char *folder, const char *text, const char *face)
{
	const char *base = S_base(face);
	size_t bl = strlen(base);
	const char *line = strstr(text, "\n");
	struct entry want, now;
	int found = 0;
	while (line && !found) {
		line++;
		if (strncmp(line, base, bl) == 0 && line[bl] == ' ' &&
		    sscanf(line + bl, " %lld %lld %lld %llx", &want.size, &want.sec, &want.nsec,
		           &want.sum) == 4)
			found = 1;
		line = strchr(line, '\n');
	}
	char *copy = galley_xasprintf("%s/%s", folder, base);
	int ok = found && S_stat(copy, &now) && now.size == want.size;
	/* the same size at another time: summed again (a copy replaced) */
	if (ok && (now.sec != want.sec || now.nsec != want.nsec))
		ok = S_sum(copy, &now.sum) && now.sum == want.sum;
	free(copy);
	return ok;
}

/* 1 when FOLDER holds nothing but the copies of FACES: a file or link
 * put there would be offered to fontconfig with them. */
static int S_only_faces(const char *folder, char **faces, size_t n)
{
	DIR *d = opendir(folder);
	if (!d)
		return 0;
	int ok = 1;
	for (struct dirent *e; ok && (e = readdir(d)) != NULL;) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		ok = 0;
		for (size_t i = 0; i < n && !ok; i++)
			ok = strcmp(e->d_name, S_base(faces[i])) == 0;
	}
	closedir(d);
	return ok;
}

int galley_fonts_manifest_check(const char *folder, char **faces, size_t n)
{
	char *text = S_read_manifest(folder);
	int ok = text && strncmp(text, MANIFEST_MAGIC "\n", sizeof MANIFEST_MAGIC) == 0 &&
	         S_only_faces(folder, faces, n);
	for (size_t i = 0; i < n && ok; i++)
		ok = S_copy_whole(folder, text, faces[i]);
	free(text);
	return ok;
}

/* nftw's step: each entry removed, files before their folder. */
static int S_remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

void galley_fonts_discard(const char *folder)
{
	/* moved aside in one step, so that no galley sets type with half of
	 * it, then removed: entries are unlinked, never opened, links never
	 * followed */
	const char *base = S_base(folder);
	char *aside = galley_xasprintf("%.*s.%s.damaged.XXXXXX", (int)(base - folder), folder, base);
	if (mkdtemp(aside)) {
		if (rename(folder, aside) == 0)
			nftw(aside, S_remove_entry, 8, FTW_DEPTH | FTW_PHYS);
		rmdir(aside);
	}
	char *manifest = S_manifest_path(folder);
	unlink(manifest);
	free(manifest);
	free(aside);
}
