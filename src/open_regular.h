/* open_regular.h — opening the files galley reads (inputs, cache entries,
 * images) only when they are regular files (open_regular.c). */
#ifndef GALLEY_OPEN_REGULAR_H
#define GALLEY_OPEN_REGULAR_H

#include <stdio.h>
#include <sys/stat.h>

#include "galley.h"

/* A read-only descriptor of PATH (FLAGS are added to open's, such as
 * O_NOFOLLOW), opened without blocking: -1 with errno set when it cannot
 * be opened, -2 when it is not a regular file (a named pipe, a device, a
 * socket, a folder), which is closed again unread.  *ST (when not NULL)
 * gets its status whenever it could be opened. */
int galley_open_regular(const char *path, int flags, struct stat *st);

/* PATH opened for reading with galley_open_regular, or NULL with an ERROR
 * in DIAG ("cannot open: ...", "cannot read: not a regular file ..."). */
FILE *galley_fopen_regular(const char *path, galley_diag *diag);

/* The bytes of the regular file PATH (NUL-terminated, malloc'd, *LEN
 * their number), or NULL when it cannot be opened, is not a regular file
 * or holds more than MAX bytes. */
void *galley_read_regular(const char *path, size_t max, size_t *len);

#endif
