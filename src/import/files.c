/*
 * files.c -- the files an import writes besides its inputs: whether the output may be
 * replaced at all; the names of the temporary files next to it (short enough for any output
 * name); scratch files without a name, for what would not fit in memory; flushing the
 * output to the disk before it replaces the old one.
 */
#define _GNU_SOURCE   /* O_TMPFILE */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"
#include "import/internal.h"

#define SCRATCH_BUFFER (64 * 1024)  /* stdio buffer of a scratch file: fewer system calls */

/* The length of the directory part of path, with its '/' (0: none). */
static size_t dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? (size_t)(slash - path) + 1 : 0;
}

char *temp_template(const char *near, const char *what)
{
	assert(near && what);
	size_t dl = dir_len(near);
	const char *base = near + dl;
	struct strbuf sb = {0};
	sb_addn(&sb, near, dl);
	sb_add(&sb, strlen(base) + 1 + strlen(what) + 7 <= NAME_MAX ? base : "dltimeline");
	sb_addf(&sb, ".%s-XXXXXX", what);
	return sb_detach(&sb);
}

char *temp_file(const char *near, const char *what, int as_new)
{
	char *path = temp_template(near, what);
	int fd = signals_mkstemp(path);
	if (fd < 0) {
		free(path);
		return NULL;
	}
	mode_t mask = umask(0);
	umask(mask);
	if ((as_new && fchmod(fd, 0666 & ~mask) < 0) || close(fd) < 0) {
		int e = errno;
		unlink(path);
		signals_forget(path);
		free(path);
		errno = e;
		return NULL;
	}
	return path;
}

FILE *scratch_file(const char *near)
{
	assert(near);
	size_t dl = dir_len(near);
	char *dir = dl ? xstrndup(near, dl) : xstrdup(".");
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	free(dir);
	if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
		/* a file system without unnamed files: a name, removed at once */
		char *path = temp_template(near, "scratch");
		fd = signals_mkstemp(path);
		if (fd >= 0) {
			unlink(path);
			signals_forget(path);
		}
		free(path);
	}
	if (fd < 0)
		return NULL;
	FILE *fp = fdopen(fd, "w+b");
	if (!fp) {
		int e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	setvbuf(fp, NULL, _IOFBF, SCRATCH_BUFFER);
	return fp;
}

int sync_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

void sync_dir_of(const char *path)
{
	size_t dl = dir_len(path);
	char *dir = dl ? xstrndup(path, dl) : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd >= 0) {
		fsync(fd);   /* (some file systems cannot: the rename stands all the same) */
		close(fd);
	}
}

/* Is the regular file at path (st) a dltimeline database: an SQLite file whose schema has a
 * version (PRAGMA user_version) and the meta table? Any error reading it means no. */
static int is_timeline_db(const char *path, const struct stat *st)
{
	static const char magic[16] = "SQLite format 3";   /* with its NUL */
	char head[sizeof magic];
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return 0;
	int is_sqlite = st->st_size >= 512 && read(fd, head, sizeof head) == (ssize_t)sizeof head &&
			memcmp(head, magic, sizeof magic) == 0;
	close(fd);
	if (!is_sqlite)
		return 0;
	/* A name starting with "file:" would be read as a URI: "./" keeps it a path. */
	struct strbuf p = {0};
	if (path[0] != '/' && strncmp(path, "file:", 5) == 0)
		sb_add(&p, "./");
	sb_add(&p, path);
	sqlite3 *db = NULL;
	sqlite3_stmt *st_v = NULL, *st_m = NULL;
	int ok = sqlite3_open_v2(sb_str(&p), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
		 sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st_v, NULL) == SQLITE_OK &&
		 sqlite3_step(st_v) == SQLITE_ROW && sqlite3_column_int(st_v, 0) > 0 &&
		 sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'", -1,
				    &st_m, NULL) == SQLITE_OK &&
		 sqlite3_step(st_m) == SQLITE_ROW;
	sqlite3_finalize(st_v);
	sqlite3_finalize(st_m);
	sqlite3_close(db);
	sb_free(&p);
	return ok;
}

int output_check(const char *out, const struct inputs *in, int force, struct problems *probs)
{
	assert(out && in && probs);
	struct stat st;
	if (stat(out, &st) < 0)
		return 0;   /* not there (or not reachable): creating it will say why */
	const char *why = NULL, *input = NULL;
	for (size_t i = 0; i < in->n && !input; i++) {
		struct stat is;
		if (!in->skip[i] && stat(in->files[i], &is) == 0 && is.st_dev == st.st_dev && is.st_ino == st.st_ino)
			input = in->files[i];
	}
	if (input)
		why = "it is the input file ";
	else if (S_ISDIR(st.st_mode))
		why = "it is a directory";
	else if (!S_ISREG(st.st_mode))
		why = "it is not a regular file";
	else if (!force && st.st_size > 0 && !is_timeline_db(out, &st))
		why = "it is not a dltimeline database (--force replaces it)";
	if (!why)
		return 0;
	problem_at(probs, (struct where){WHERE_PROGRAM, 0, 0}, SEQ(PH_COLLECT, 0, probs->n), "cannot write %s: %s%s", out,
		   why, input ? input : "");
	return -1;
}
