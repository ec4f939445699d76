/* epub_spool.c — the XHTML of a long book out of memory (issue 21).
 *
 * The parts are zipped after the package document, which needs every
 * article written first (its identifier hashes them, the navigation lists
 * their headings), so each part must last until then.  A digest's
 * articles are its bulk: once their XHTML passes EPUB_HOLD, it moves to a
 * temporary file in $TMPDIR (removed as soon as it is made, so a killed
 * run leaves nothing) and is read back one part at a time as it is
 * zipped.  A short book stays in memory, where it costs no file
 * operation. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "epub.h"

#define EPUB_HOLD ((size_t)4 << 20)

/* Move F's data to the spool; 0, or -1 (F keeps its data). */
static int S_move(struct epub_book *b, struct epub_file *f)
{
	if (!f->data || fwrite(f->data, 1, f->len, b->spool) != f->len)
		return -1;
	f->spool_at = b->spool_len;
	b->spool_len += f->len;
	b->held -= f->len;
	free(f->data);
	f->data = NULL;
	return 0;
}

void epub_spool_keep(struct epub_book *b, struct epub_file *f)
{
	b->held += f->len;
	if (b->held <= EPUB_HOLD)
		return;
	if (!b->spool) {
		/* without a temporary file the parts stay in memory */
		if (!(b->spool = galley_temp_file("epub")))
			return;
		for (size_t i = 0; i < b->n_files; i++)
			if (b->files[i].group == EPUB_GROUP_TEXT && S_move(b, &b->files[i]) != 0)
				return;
		return;
	}
	S_move(b, f);
}

char *epub_spool_load(struct epub_book *b, const struct epub_file *f)
{
	if (!b->spool || fflush(b->spool) != 0)
		return NULL;
	char *data = galley_xmalloc(f->len ? f->len : 1);
	size_t done = 0;
	while (done < f->len) {
		ssize_t got = pread(fileno(b->spool), data + done, f->len - done,
		                    (off_t)(f->spool_at + done));
		if (got <= 0) {
			if (got == 0)
				errno = EIO;
			free(data);
			return NULL;
		}
		done += (size_t)got;
	}
	return data;
}

void epub_spool_free(struct epub_book *b)
{
	if (b->spool)
		fclose(b->spool);
	b->spool = NULL;
}
