/*
 * state.c -- see state.h. All SQL here is constant text with bound parameters.
 */
#include "model/state.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct dlt_state {
	sqlite3 *h;              /* NULL until the file exists and is needed */
	char *path;
	char *key;               /* timeline identity */
	int ready;               /* the schema exists (checked or created) */
	int locked;              /* opened while another process held the lock: not checked yet */
	time_t probed;           /* when dlt_bookmark_has last tried that check again */
	sqlite3_stmt *has;       /* dlt_bookmark_has, asked for every row on the screen */
	struct strbuf error;
};

static const char state_schema[] =
	"CREATE TABLE IF NOT EXISTS bookmarks ("
	"  timeline TEXT NOT NULL,"
	"  slug TEXT NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  PRIMARY KEY (timeline, slug)"
	") WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS bookmarks_recent ON bookmarks(timeline, seq);"
	/* a table of its own, so that a file from before notes needs no ALTER TABLE */
	"CREATE TABLE IF NOT EXISTS bookmark_notes ("
	"  timeline TEXT NOT NULL,"
	"  slug TEXT NOT NULL,"
	"  note TEXT NOT NULL,"
	"  PRIMARY KEY (timeline, slug)"
	") WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS searches ("
	"  text TEXT PRIMARY KEY NOT NULL,"
	"  seq INTEGER NOT NULL"
	") WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS searches_recent ON searches(seq);";

void dlt_state_key(const char *db_path, struct strbuf *sb)
{
	if (!db_path || !*db_path) {
		sb_add(sb, "built-in");
		return;
	}
	char *real = realpath(db_path, NULL);
	sb_add(sb, real ? real : db_path);
	free(real);
}

int dlt_state_path(struct strbuf *sb)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	if (xdg && xdg[0] == '/')
		sb_addf(sb, "%s/dltimeline/state.db", xdg);
	else if (home && home[0] == '/')
		sb_addf(sb, "%s/.local/state/dltimeline/state.db", home);
	else
		return -1;
	return 0;
}

/* mkdir -p for the directories above `file`, mode 0700 for the ones it creates. */
static int make_parents(const char *file)
{
	char *p = xstrdup(file);
	int rc = 0;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	free(p);
	return rc;
}

static int fail(struct dlt_state *st, const char *what)
{
	sb_reset(&st->error);
	sb_addf(&st->error, "bookmarks: %s: %s", what, st->h ? sqlite3_errmsg(st->h) : "no database");
	return -1;
}

/* Open the file at st->path; with `create`, create it (and its directory) and its schema.
 * Returns 1 when it does not exist and `create` is 0 (no bookmarks yet), 0 when open, -1 with
 * the reason in `err`. */
static int open_file(struct dlt_state *st, int create, struct strbuf *err)
{
	if (st->h && (st->ready || !create))
		return 0;
	if (!st->h) {
		struct stat sb;
		if (!create && stat(st->path, &sb) < 0 && errno == ENOENT)
			return 1;
		if (create && make_parents(st->path) < 0) {
			sb_addf(err, "cannot create the directory for %s: %s", st->path, strerror(errno));
			return -1;
		}
		int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
		if (sqlite3_open_v2(st->path, &st->h, flags, NULL) != SQLITE_OK) {
			sb_addf(err, "%s: %s", st->path, st->h ? sqlite3_errmsg(st->h) : "cannot open");
			sqlite3_close(st->h);
			st->h = NULL;
			return -1;
		}
		sqlite3_busy_timeout(st->h, 2000);
	}
	/* An existing file is read as it is: reading writes nothing. The schema is made (and
	 * the rollback journal chosen: no -wal or -shm files beside it) before the first write. */
	char *msg = NULL;
	if (create)   /* (a file in WAL mode that another dltimeline has open stays in it) */
		sqlite3_exec(st->h, "PRAGMA journal_mode = DELETE;", NULL, NULL, NULL);
	int rc = sqlite3_exec(st->h, "PRAGMA synchronous = FULL;", NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		rc = create ? sqlite3_exec(st->h, state_schema, NULL, NULL, &msg)
			    : sqlite3_exec(st->h, "SELECT 1 FROM bookmarks LIMIT 0;", NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		int busy = (rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED;
		if (!create && ((msg && strncmp(msg, "no such table", 13) == 0) || busy)) {
			/* an empty file; or one another process is writing: checked again when used */
			st->locked = busy;
			sqlite3_free(msg);
			return 0;
		}
		sb_addf(err, "%s: %s", st->path, msg ? msg : sqlite3_errmsg(st->h));
		sqlite3_free(msg);
		sqlite3_close(st->h);
		st->h = NULL;
		return -1;
	}
	st->ready = 1;
	st->locked = 0;
	return 0;
}

/* Forget the connection (the file was replaced, or is to be reopened). */
static void drop(struct dlt_state *st)
{
	sqlite3_finalize(st->has);
	st->has = NULL;
	sqlite3_close(st->h);
	st->h = NULL;
	st->ready = st->locked = 0;
}

/* Before a use: a file replaced by rename (sync tools do that; writes to the old one fail
 * with SQLITE_READONLY_DBMOVED) is let go, so that the next open_file opens the new one; a
 * file that was locked when opened is checked again, waiting for the lock only when `wait`.
 * Returns nothing: what fails is reported by the use itself. */
static void refresh(struct dlt_state *st, int wait)
{
	int moved = 0;
	if (st->h && sqlite3_file_control(st->h, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK && moved) {
		drop(st);
		struct strbuf err = {0};
		if (open_file(st, 0, &err) < 0) {
			sb_reset(&st->error);
			sb_addf(&st->error, "bookmarks: %s", sb_str(&err));
		}
		sb_free(&err);
	}
	if (!st->h || !st->locked)
		return;
	if (!wait)
		sqlite3_busy_timeout(st->h, 0);
	if (sqlite3_exec(st->h, "SELECT 1 FROM bookmarks LIMIT 0;", NULL, NULL, NULL) == SQLITE_OK)
		st->ready = 1, st->locked = 0;
	else if ((sqlite3_errcode(st->h) & 0xFF) != SQLITE_BUSY)
		st->locked = 0;   /* readable, with no table yet */
	sqlite3_busy_timeout(st->h, 2000);
}

struct dlt_state *dlt_state_open_at(const char *path, const char *key, struct strbuf *err)
{
	struct dlt_state *st = xcalloc(1, sizeof *st);
	st->key = xstrdup(key);
	st->path = xstrdup(path);
	if (open_file(st, 0, err) < 0) {
		dlt_state_close(st);
		return NULL;
	}
	return st;
}

struct dlt_state *dlt_state_open(const char *key, struct strbuf *err)
{
	struct strbuf path = {0};
	if (dlt_state_path(&path) < 0) {
		sb_add(err, "no place for bookmarks: set HOME or XDG_STATE_HOME");
		return NULL;
	}
	struct dlt_state *st = dlt_state_open_at(sb_str(&path), key, err);
	sb_free(&path);
	return st;
}

void dlt_state_close(struct dlt_state *st)
{
	if (!st)
		return;
	drop(st);
	free(st->path);
	free(st->key);
	sb_free(&st->error);
	free(st);
}

/* Prepare one constant statement and bind the timeline key as ?1. */
static sqlite3_stmt *prep(struct dlt_state *st, const char *sql)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(st->h, sql, -1, &s, NULL) != SQLITE_OK) {
		fail(st, "query");
		return NULL;
	}
	sqlite3_bind_text(s, 1, st->key, -1, SQLITE_STATIC);
	return s;
}

int dlt_bookmark_has(struct dlt_state *st, const char *slug)
{
	if (st->locked && st->probed != time(NULL)) {   /* (asked per row: try once a second) */
		st->probed = time(NULL);
		refresh(st, 0);
	}
	if (!st->h || !st->ready)
		return 0;
	if (!st->has && !(st->has = prep(st, "SELECT 1 FROM bookmarks WHERE timeline = ?1 AND slug = ?2")))
		return -1;
	sqlite3_stmt *s = st->has;
	sqlite3_bind_text(s, 2, slug, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail(st, "read");
	return rc == SQLITE_ROW;
}

int dlt_bookmark_set(struct dlt_state *st, const char *slug, int on)
{
	refresh(st, 1);
	if (st->locked)
		return fail(st, on ? "add" : "remove");
	struct strbuf err = {0};
	int opened = open_file(st, on, &err);   /* (removing from no file: nothing to do) */
	if (opened < 0) {
		sb_reset(&st->error);
		sb_addf(&st->error, "bookmarks: %s", sb_str(&err));
	}
	sb_free(&err);
	if (opened)
		return opened < 0 ? -1 : 0;
	if (!st->ready)
		return 0;
	if (!on && sqlite3_exec(st->h, state_schema, NULL, NULL, NULL) != SQLITE_OK)   /* (an old file) */
		return fail(st, "remove");
	sqlite3_stmt *s = on ? prep(st, "INSERT OR IGNORE INTO bookmarks (timeline, slug, created, seq) "
				       "VALUES (?1, ?2, ?3, (SELECT coalesce(max(seq), 0) + 1 FROM bookmarks))")
			     : prep(st, "DELETE FROM bookmarks WHERE timeline = ?1 AND slug = ?2");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 2, slug, -1, SQLITE_STATIC);
	if (on)
		sqlite3_bind_int64(s, 3, (sqlite3_int64)time(NULL));
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE && !on && (s = prep(st, "DELETE FROM bookmark_notes WHERE timeline = ?1 AND slug = ?2"))) {
		sqlite3_bind_text(s, 2, slug, -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
		sqlite3_finalize(s);
	}
	return rc == SQLITE_DONE ? 0 : fail(st, on ? "add" : "remove");
}

/* Run the constant statements sql[0..n) as one transaction, binding ?1 to the timeline and
 * ?2..?4 to the texts and numbers given (unused ones are left alone). Returns 0, or -1 with
 * the reason (`what`) in st->error, rolled back. */
static int run_all(struct dlt_state *st, const char *const *sql, size_t n, const char *text2,
		   const char *text3, sqlite3_int64 num4, const char *what)
{
	if (sqlite3_exec(st->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return fail(st, what);
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *s = prep(st, sql[i]);
		int rc = SQLITE_ERROR;
		if (s) {
			int params = sqlite3_bind_parameter_count(s);
			if (params >= 2)
				sqlite3_bind_text(s, 2, text2, -1, SQLITE_STATIC);
			if (params >= 3)
				sqlite3_bind_text(s, 3, text3, -1, SQLITE_STATIC);
			if (params >= 4)
				sqlite3_bind_int64(s, 4, num4);
			rc = sqlite3_step(s);
			sqlite3_finalize(s);
		}
		if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
			fail(st, what);
			sqlite3_exec(st->h, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return sqlite3_exec(st->h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : fail(st, what);
}

/* Open the file for a change (creating it and the schema) with `what` in the error. */
static int open_for_change(struct dlt_state *st, const char *what)
{
	struct strbuf err = {0};
	int rc = open_file(st, 1, &err);
	if (rc == 0 && sqlite3_exec(st->h, state_schema, NULL, NULL, NULL) != SQLITE_OK)
		rc = fail(st, what);
	else if (rc < 0) {
		sb_reset(&st->error);
		sb_addf(&st->error, "%s: %s", what, sb_str(&err));
	}
	sb_free(&err);
	return rc < 0 ? -1 : 0;
}

int dlt_bookmark_note(struct dlt_state *st, const char *slug, const char *note)
{
	assert(slug);
	if (open_for_change(st, "bookmark note") < 0)
		return -1;
	static const char *const sql[] = {
		("INSERT OR IGNORE INTO bookmarks (timeline, slug, created, seq) "
		 "VALUES (?1, ?2, ?4, (SELECT coalesce(max(seq), 0) + 1 FROM bookmarks))"),
		"DELETE FROM bookmark_notes WHERE timeline = ?1 AND slug = ?2 AND ?3 IS NULL",
		"INSERT OR REPLACE INTO bookmark_notes (timeline, slug, note) SELECT ?1, ?2, ?3 WHERE ?3 IS NOT NULL",
	};
	return run_all(st, sql, DLT_ARRAY_LEN(sql), slug, note && *note ? note : NULL, (sqlite3_int64)time(NULL),
		       "bookmark note");
}

int dlt_bookmark_move(struct dlt_state *st, const char *slug, long position)
{
	assert(slug && position >= 1);
	int has = dlt_bookmark_has(st, slug);
	if (has <= 0)
		return has < 0 ? -1 : 1;
	if (open_for_change(st, "bookmark order") < 0)
		return -1;
	/* The list runs by seq, highest first: the bookmark takes the seq of the one now at
	 * `position` (the last when there are fewer) and the ones between move one place. */
	static const char *const sql[] = {
		"CREATE TEMP TABLE IF NOT EXISTS bm_order (slug TEXT PRIMARY KEY, pos INTEGER NOT NULL)",
		"DELETE FROM bm_order",
		"CREATE TEMP TABLE IF NOT EXISTS bm_max (v INTEGER NOT NULL)",
		"DELETE FROM bm_max",
		"INSERT INTO bm_max (v) SELECT coalesce(max(seq), 0) FROM bookmarks",
		"INSERT INTO bm_order (slug, pos) SELECT slug, row_number() OVER (ORDER BY seq DESC) "
		"FROM bookmarks WHERE timeline = ?1 AND slug <> ?2",
		/* the others keep their order; ours goes before the one at `position` */
		"UPDATE bm_order SET pos = pos + 1 WHERE pos >= min(?4, (SELECT count(*) + 1 FROM bm_order))",
		"INSERT INTO bm_order (slug, pos) VALUES (?2, min(?4, (SELECT count(*) + 1 FROM bm_order)))",
		/* new seqs above every old one (of any timeline), the first position highest */
		"UPDATE bookmarks SET seq = (SELECT v FROM bm_max) + (SELECT count(*) FROM bm_order) + 1 - "
		"(SELECT pos FROM bm_order WHERE bm_order.slug = bookmarks.slug) WHERE timeline = ?1",
	};
	return run_all(st, sql, DLT_ARRAY_LEN(sql), slug, NULL, (sqlite3_int64)position, "bookmark order");
}

size_t dlt_bookmarks_notes(struct dlt_state *st, char ***slugs, char ***notes)
{
	*slugs = *notes = NULL;
	if (!st->h || !st->ready)
		return 0;
	sqlite3_stmt *s = prep(st, "SELECT b.slug, n.note FROM bookmarks b LEFT JOIN bookmark_notes n "
				   "ON n.timeline = b.timeline AND n.slug = b.slug WHERE b.timeline = ?1 ORDER BY b.seq DESC");
	if (!s) {   /* a file from before notes: the bookmarks without them */
		sb_reset(&st->error);
		size_t n = dlt_bookmarks_list(st, slugs);
		*notes = xcalloc(n ? n : 1, sizeof **notes);
		return n;
	}
	size_t n = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*slugs = xrealloc(*slugs, (n + 1) * sizeof **slugs);
		*notes = xrealloc(*notes, (n + 1) * sizeof **notes);
		const unsigned char *note = sqlite3_column_text(s, 1);
		(*slugs)[n] = xstrdup((const char *)sqlite3_column_text(s, 0));
		(*notes)[n++] = note ? xstrdup((const char *)note) : NULL;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		fail(st, "list");
	return n;
}

size_t dlt_bookmarks_list(struct dlt_state *st, char ***slugs)
{
	*slugs = NULL;
	refresh(st, 1);
	if (st->locked) {
		fail(st, "list");
		return 0;
	}
	if (!st->h || !st->ready)
		return 0;
	sqlite3_stmt *s = prep(st, "SELECT slug FROM bookmarks WHERE timeline = ?1 ORDER BY seq DESC");
	if (!s)
		return 0;
	size_t n = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*slugs = xrealloc(*slugs, (n + 1) * sizeof **slugs);
		(*slugs)[n++] = xstrdup((const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		fail(st, "list");
	return n;
}

void dlt_bookmarks_free(char **slugs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(slugs[i]);
	free(slugs);
}

/* The SQL below keeps and lists 100 searches. */
_Static_assert(DLT_SEARCHES_KEPT == 100, "the SQL of the search history says 100");

int dlt_searches_add(struct dlt_state *st, const char *text)
{
	assert(text);
	refresh(st, 1);
	struct strbuf err = {0};
	int opened = open_file(st, 1, &err);
	if (opened < 0) {
		sb_reset(&st->error);
		sb_addf(&st->error, "search history: %s", sb_str(&err));
	}
	sb_free(&err);
	if (opened < 0)
		return -1;
	/* an old file may not have the table yet: the schema's statements are all IF NOT EXISTS */
	if (sqlite3_exec(st->h, state_schema, NULL, NULL, NULL) != SQLITE_OK)
		return fail(st, "search history");
	static const char *const sql[] = {
		"BEGIN IMMEDIATE",
		("INSERT OR REPLACE INTO searches (text, seq) VALUES (?1, "   /* (one element: clang 14) */
		 "(SELECT coalesce(max(seq), 0) + 1 FROM searches))"),
		"DELETE FROM searches WHERE seq <= (SELECT max(seq) FROM searches) - 100",
		"COMMIT",
	};
	for (size_t i = 0; i < DLT_ARRAY_LEN(sql); i++) {
		sqlite3_stmt *s = NULL;
		int rc = sqlite3_prepare_v2(st->h, sql[i], -1, &s, NULL);
		if (rc == SQLITE_OK && i == 1)
			sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(s);
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE) {
			fail(st, "search history");
			sqlite3_exec(st->h, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}

size_t dlt_searches_list(struct dlt_state *st, char ***texts)
{
	*texts = NULL;
	refresh(st, 1);
	if (!st->h || !st->ready)
		return 0;
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(st->h, "SELECT text FROM searches ORDER BY seq DESC LIMIT 100", -1, &s, NULL) != SQLITE_OK) {
		sqlite3_finalize(s);   /* a file from before search history: none yet */
		return 0;
	}
	size_t n = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(s, 0);
		*texts = xrealloc(*texts, (n + 1) * sizeof **texts);
		(*texts)[n++] = xstrdup(t ? (const char *)t : "");
	}
	sqlite3_finalize(s);
	return n;
}

const char *dlt_state_error(const struct dlt_state *st)
{
	return sb_str(&st->error);
}
