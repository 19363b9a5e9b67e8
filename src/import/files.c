/*
 * files.c -- the files an import writes besides its inputs: whether the output may be
 * replaced at all, and the scratch files, removed as soon as they are made, that hold what
 * would not fit in memory.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"
#include "import/internal.h"

#define SCRATCH_BUFFER (64 * 1024)  /* stdio buffer of a scratch file: fewer system calls */

FILE *scratch_file(const char *prefix)
{
	struct strbuf sb = {0};
	sb_addf(&sb, "%s-scratch-XXXXXX", prefix);
	int fd = mkstemp(sb.buf);
	FILE *fp = NULL;
	if (fd >= 0) {
		unlink(sb.buf);
		fp = fdopen(fd, "w+b");
		if (!fp)
			close(fd);
		else
			setvbuf(fp, NULL, _IOFBF, SCRATCH_BUFFER);
	}
	sb_free(&sb);
	return fp;
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
