/* safe_path.c — decides which local files a back end may read for an
 * article (its images): regular files inside the input's folder, nothing
 * named by a URL, an absolute path, "..", or a link leading out. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "safe_path.h"
#include "util.h"

/* Why SRC may not even be looked up, or NULL. */
static const char *S_unsafe(const char *src)
{
	if (!src || !*src)
		return "no image path";
	if (src[0] == '/' || src[0] == '\\' || src[0] == '~')
		return "an absolute path";
	const char *colon = strchr(src, ':');
	const char *slash = strchr(src, '/');
	if (colon && (!slash || colon < slash))
		return "a URL, not a file beside the input";
	if (strchr(src, '\\'))
		return "a path with backslashes";
	for (const char *p = src; *p; ) {
		if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || p[2] == '\0'))
			return "a path leaving the input's folder";
		const char *next = strchr(p, '/');
		if (!next)
			break;
		p = next + 1;
	}
	return NULL;
}

char *galley_safe_path(const char *base_dir, const char *src, const char **why)
{
	if ((*why = S_unsafe(src)) != NULL)
		return NULL;
	if (!base_dir) {
		*why = "the input's folder is not known";
		return NULL;
	}
	/* a symbolic link is followed only when it ends inside the folder:
	 * whoever can place links there should not reach the rest of the disk
	 * through an article that names them */
	char *file = galley_xasprintf("%s/%s", base_dir, src);
	char *real = realpath(file, NULL), *real_base = realpath(base_dir, NULL);
	free(file);
	size_t n = real_base ? strlen(real_base) : 0;
	struct stat st;
	if (!real || !real_base)
		*why = "no such file";
	else if (strncmp(real, real_base, n) != 0 || (real[n] != '/' && n > 1))
		*why = "a link leading outside the input's folder";
	else if (stat(real, &st) != 0 || !S_ISREG(st.st_mode))
		*why = "not a regular file";
	else if ((size_t)st.st_size > GALLEY_MAX_IMAGE_BYTES)
		*why = "larger than 32 MiB";
	free(real_base);
	if (*why) {
		free(real);
		return NULL;
	}
	return real;
}

static unsigned long S_be(const unsigned char *p, int n)
{
	unsigned long v = 0;
	while (n-- > 0)
		v = v << 8 | *p++;
	return v;
}

int galley_image_size(const unsigned char *d, size_t n, unsigned long *w, unsigned long *h)
{
	if (n >= 24 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0) {
		*w = S_be(d + 16, 4);
		*h = S_be(d + 20, 4);
		return 1;
	}
	if (n >= 10 && memcmp(d, "GIF8", 4) == 0) {
		*w = (unsigned long)d[6] | (unsigned long)d[7] << 8;
		*h = (unsigned long)d[8] | (unsigned long)d[9] << 8;
		return 1;
	}
	if (n < 4 || d[0] != 0xFF || d[1] != 0xD8)
		return 0;
	/* JPEG: the first start-of-frame marker holds the size */
	for (size_t i = 2; i + 9 < n; ) {
		if (d[i] != 0xFF) {
			i++;
			continue;
		}
		unsigned m = d[i + 1];
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			*h = S_be(d + i + 5, 2);
			*w = S_be(d + i + 7, 2);
			return 1;
		}
		i += 2 + S_be(d + i + 2, 2);
	}
	return 0;
}
