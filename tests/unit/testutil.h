/*
 * testutil.h -- helpers shared by the cmocka unit tests: temporary directories, whole-file
 * reads and writes, a snapshot of a file (bytes + mtime) to prove it was not written, and
 * the fixture database built from tests/fixtures/mini by dlt_import.
 *
 * Every helper fails the running test (cmocka fail_msg) instead of returning an error.
 */
#ifndef DLT_TESTUTIL_H
#define DLT_TESTUTIL_H

#include <stddef.h>
#include <sys/stat.h>

#include "core/util.h"

/* Run only the tests whose names match argv[1] (a glob: test_model 'test_view_*'), when it
 * is given; call first in main(). */
void tu_filter(int argc, char **argv);
/* Create a fresh directory under $TMPDIR (or /tmp); returns a malloc'd path. */
char *tu_mkdtemp(void);
/* Remove a directory tree (best effort; restores write permission first). */
void tu_rmtree(const char *path);
/* dir + "/" + name, malloc'd. */
char *tu_path(const char *dir, const char *name);
/* Write len bytes to path (creating or truncating it). */
void tu_write(const char *path, const void *data, size_t len);
/* Write a NUL-terminated string to path. */
void tu_write_str(const char *path, const char *text);
/* Read a whole file; returns a malloc'd buffer (NUL-terminated) and its length in *len. */
char *tu_read(const char *path, size_t *len);
/* Copy a file. */
void tu_copy(const char *from, const char *to);
/* Number of directory entries other than "." and "..". */
size_t tu_count_entries(const char *dir);
/* True when path exists. */
int tu_exists(const char *path);

/* A file's contents and mtime, to check later that nothing wrote to it. */
struct tu_snapshot {
	char *data;
	size_t len;
	struct timespec mtime;
	size_t dir_entries;   /* entries in its directory (no -journal / -wal appeared) */
	char *path;
};
void tu_snapshot_take(struct tu_snapshot *s, const char *path);
/* Fail the test unless the file and its directory are exactly as in the snapshot. */
void tu_snapshot_check(const struct tu_snapshot *s);
void tu_snapshot_free(struct tu_snapshot *s);

/* Import tests/fixtures/mini into dir/name with dlt_import (errors must be empty) and
 * return the malloc'd path of the database. */
char *tu_build_fixture_db(const char *dir, const char *name);

struct dlt_db;

/* The fixture database in a fresh directory, opened read-only (the setup of the tests that
 * read it); tu_fixture_close closes it and removes the directory. */
struct tu_fixture {
	char *dir, *path;
	struct dlt_db *db;
};
void tu_fixture_open(struct tu_fixture *f);
void tu_fixture_close(struct tu_fixture *f);

/* Collects what a function writes to a FILE * (open_memstream). */
struct tu_capture {
	FILE *fp;
	char *buf;
	size_t len;
};
void tu_capture_open(struct tu_capture *c);
/* Close the stream; c->buf then holds everything written (NUL-terminated). */
const char *tu_capture_close(struct tu_capture *c);
void tu_capture_free(struct tu_capture *c);

#endif
