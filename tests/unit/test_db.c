/*
 * test_db.c -- db/: opening databases read-only. Every kind of bad file gives a one-line
 * reason naming the file, and nothing ever writes to the file or creates files next to it
 * (no -journal, -wal or -shm). Damage that only shows when a page is read is reported
 * through dlt_db_failed() / dlt_db_error(), also in one line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "model/model.h"
#include "model/search.h"
#include "model/view.h"
#include "testutil.h"

static char *tmpdir;    /* holds the good database "good.db" */
static char *good;
static size_t good_len;

static int setup(void **state)
{
	(void)state;
	tmpdir = tu_mkdtemp();
	good = tu_build_fixture_db(tmpdir, "good.db");
	free(tu_read(good, &good_len));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_rmtree(tmpdir);
	free(tmpdir);
	free(good);
	return 0;
}

/* A fresh directory for one bad file; the caller frees both strings. */
static char *case_dir(void)
{
	return tu_mkdtemp();
}

/* Open path, expect failure with exactly "<path>: <reason>", and the file (and its
 * directory) untouched. */
static void expect_open_error(const char *path, const char *reason)
{
	struct tu_snapshot snap;
	tu_snapshot_take(&snap, path);
	struct strbuf err = {0};
	struct dlt_db *db = dlt_db_open_file(path, &err);
	if (db)
		fail_msg("%s opened, want \"%s\"", path, reason);
	struct strbuf want = {0};
	sb_addf(&want, "%s: %s", path, reason);
	assert_string_equal(sb_str(&err), sb_str(&want));
	assert_null(strchr(sb_str(&err), '\n'));
	tu_snapshot_check(&snap);
	tu_snapshot_free(&snap);
	sb_free(&want);
	sb_free(&err);
}

/* Copy the good database to dir/name, keeping only its first `len` bytes. */
static char *truncated_copy(const char *dir, const char *name, size_t len)
{
	size_t n;
	char *data = tu_read(good, &n);
	assert_true(len <= n);
	char *path = tu_path(dir, name);
	tu_write(path, data, len);
	free(data);
	return path;
}

/* Copy the good database to dir/name, overwriting pages (1-based) with garbage; with
 * skip_header, page 1 keeps its first 100 bytes. */
static char *corrupt_copy(const char *dir, const char *name, const unsigned *pages, size_t npages,
			  int skip_header)
{
	size_t n;
	char *data = tu_read(good, &n);
	unsigned page_size = 4096;
	uint32_t seed = 12345;
	for (size_t i = 0; i < npages; i++) {
		size_t off = (size_t)(pages[i] - 1) * page_size;
		assert_true(off + page_size <= n);
		for (size_t k = (pages[i] == 1 && skip_header) ? 100 : 0; k < page_size; k++) {
			seed = seed * 1103515245u + 12345u;
			data[off + k] = (char)(seed >> 16);
		}
	}
	char *path = tu_path(dir, name);
	tu_write(path, data, n);
	free(data);
	return path;
}

/* The pages of table `name` in the good database, via the dbstat virtual table. */
static size_t pages_of(const char *name, const char *pagetype, unsigned *out, size_t max)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open_v2(good, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, "SELECT pageno FROM dbstat WHERE name = ?1 AND pagetype = ?2 ORDER BY pageno",
			       -1, &st, NULL) != SQLITE_OK)
		fail_msg("dbstat is not available: %s", sqlite3_errmsg(h));
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, pagetype, -1, SQLITE_STATIC);
	size_t n = 0;
	while (sqlite3_step(st) == SQLITE_ROW && n < max)
		out[n++] = (unsigned)sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

/* ---- the file itself ---------------------------------------------------------------------- */

static void test_missing_file(void **state)
{
	(void)state;
	char *dir = case_dir();
	char *p = tu_path(dir, "missing.db");
	expect_open_error(p, "No such file or directory");
	assert_false(tu_exists(p));   /* not created */
	assert_int_equal(tu_count_entries(dir), 0);
	free(p);
	tu_rmtree(dir);
	free(dir);
}

static void test_directory(void **state)
{
	(void)state;
	char *dir = case_dir();
	char *sub = tu_path(dir, "sub.db");
	assert_int_equal(mkdir(sub, 0700), 0);
	expect_open_error(sub, "is a directory, not a database file");
	free(sub);
	tu_rmtree(dir);
	free(dir);
	/* a device: no snapshot (other processes may add files to /dev) */
	struct strbuf err = {0};
	assert_null(dlt_db_open_file("/dev/null", &err));
	assert_string_equal(sb_str(&err), "/dev/null: not a regular file");
	sb_free(&err);
}

static void test_not_sqlite(void **state)
{
	(void)state;
	char *dir = case_dir();
	char *p = tu_path(dir, "text.db");
	tu_write_str(p, "milestones:\n  - id: resnet\n    year: 2015\n");
	expect_open_error(p, "not an SQLite database");
	free(p);
	p = tu_path(dir, "short.db");
	tu_write_str(p, "SQLite");   /* shorter than the magic string */
	expect_open_error(p, "not an SQLite database");
	free(p);
	p = tu_path(dir, "binary.db");
	char junk[8192];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)(i * 7 + 3);
	tu_write(p, junk, sizeof junk);
	expect_open_error(p, "not an SQLite database");
	free(p);
	tu_rmtree(dir);
	free(dir);
}

static void test_empty_file(void **state)
{
	(void)state;
	char *dir = case_dir();
	char *p = tu_path(dir, "empty.db");
	tu_write(p, "", 0);
	expect_open_error(p, "empty file, not a database");
	free(p);
	tu_rmtree(dir);
	free(dir);
}

static void test_truncated(void **state)
{
	(void)state;
	char *dir = case_dir();
	struct strbuf want = {0};
	/* inside the header */
	char *p = truncated_copy(dir, "t50.db", 50);
	expect_open_error(p, "truncated database (50 bytes)");
	free(p);
	/* at several points after it, aligned to pages and not */
	size_t cuts[] = {100, 1000, 4096, 4097, 8192, good_len / 2, good_len / 2 / 4096 * 4096,
			 good_len - 4096, good_len - 1};
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		char name[32];
		snprintf(name, sizeof name, "t%zu.db", cuts[i]);
		p = truncated_copy(dir, name, cuts[i]);
		sb_reset(&want);
		sb_addf(&want, "truncated database (%zu bytes, expected %zu)", cuts[i], good_len);
		expect_open_error(p, sb_str(&want));
		free(p);
	}
	/* a header whose page count cannot be trusted (written by an old SQLite): no "expected" */
	size_t n;
	char *data = tu_read(good, &n);
	memset(data + 92, 0, 4);   /* version-valid-for != change counter */
	p = tu_path(dir, "legacy.db");
	tu_write(p, data, 1000);
	expect_open_error(p, "truncated database (1000 bytes, not a whole number of 4096-byte pages)");
	free(p);
	free(data);
	sb_free(&want);
	tu_rmtree(dir);
	free(dir);
}

static void test_corrupt_header(void **state)
{
	(void)state;
	char *dir = case_dir();
	size_t n;
	char *data = tu_read(good, &n);
	char *p = tu_path(dir, "pagesize.db");
	data[16] = 0x03;   /* page size 768: not a power of two */
	data[17] = 0x00;
	tu_write(p, data, n);
	expect_open_error(p, "corrupt database header");
	free(p);
	free(data);
	tu_rmtree(dir);
	free(dir);
}

static void test_corrupt_pages(void **state)
{
	(void)state;
	char *dir = case_dir();
	unsigned all[256];
	size_t npages = good_len / 4096;
	assert_true(npages < 256);
	for (size_t i = 0; i < npages - 1; i++)
		all[i] = (unsigned)i + 2;
	/* everything but the header page */
	char *p = corrupt_copy(dir, "all.db", all, npages - 1, 0);
	expect_open_error(p, "the database is corrupt");
	free(p);
	/* the schema on page 1, header kept */
	unsigned one[] = {1};
	p = corrupt_copy(dir, "schema.db", one, 1, 1);
	expect_open_error(p, "the database is corrupt");
	free(p);
	/* the root page of the milestones table */
	unsigned root[4];
	size_t nroot = pages_of("milestones", "internal", root, 4);
	assert_int_equal(nroot, 1);
	p = corrupt_copy(dir, "msroot.db", root, 1, 0);
	expect_open_error(p, "the database is corrupt");
	free(p);
	tu_rmtree(dir);
	free(dir);
}

/* Damage that opening does not see: reported by the first query that reads it. */
static void test_corrupt_page_found_later(void **state)
{
	(void)state;
	char *dir = case_dir();
	unsigned leaves[8];
	size_t nleaves = pages_of("milestones", "leaf", leaves, 8);
	assert_true(nleaves >= 2);
	/* the first and the last leaf of milestones are read when opening (the range of ids) */
	char *p = corrupt_copy(dir, "leaf.db", leaves, 1, 0);
	expect_open_error(p, "the database is corrupt");
	free(p);

	/* the links are read only when asked for */
	nleaves = pages_of("links", "leaf", leaves, 8);
	assert_true(nleaves >= 1);
	p = corrupt_copy(dir, "links.db", leaves, nleaves, 0);
	struct tu_snapshot snap;
	tu_snapshot_take(&snap, p);
	struct strbuf err = {0};
	struct dlt_db *db = dlt_db_open_file(p, &err);
	assert_non_null(db);
	assert_false(dlt_db_failed(db));
	assert_string_equal(dlt_db_error(db), "");

	struct dlt_view *v = dlt_view_new(db, NULL);
	struct dlt_row rows[4];
	assert_int_equal(dlt_view_fetch(v, 0, 1, 4, rows), 4);
	for (int i = 0; i < 4; i++)
		dlt_row_clear(&rows[i]);
	struct dlt_milestone m;
	assert_int_equal(dlt_milestone_load(db, 10, &m), -1);   /* the transformer builds on others */
	assert_true(dlt_db_failed(db));
	struct strbuf want = {0};
	sb_addf(&want, "%s: the database is corrupt", p);
	assert_string_equal(dlt_db_error(db), sb_str(&want));
	/* the first failure is kept */
	struct dlt_link *l;
	size_t nl = dlt_links_load(db, 12, 1, &l);
	dlt_links_free(l, nl);
	assert_string_equal(dlt_db_error(db), sb_str(&want));
	dlt_db_clear_error(db);
	assert_false(dlt_db_failed(db));
	dlt_view_free(v);
	dlt_db_close(db);
	tu_snapshot_check(&snap);
	tu_snapshot_free(&snap);
	free(p);

	/* a damaged search index fails searches only */
	unsigned fts[16];
	size_t nfts = pages_of("search_data", "leaf", fts, 16);
	assert_true(nfts >= 1);
	p = corrupt_copy(dir, "fts.db", fts, nfts, 0);
	tu_snapshot_take(&snap, p);
	db = dlt_db_open_file(p, &err);
	assert_non_null(db);
	assert_int_equal(dlt_row_load(db, 10, &rows[0]), 0);
	dlt_row_clear(&rows[0]);
	struct dlt_scored *hits;
	assert_int_equal(dlt_search_ranked(db, "\"attention\"*", 1, INT64_MAX, 10, &hits), -1);
	assert_null(hits);
	sb_reset(&want);
	sb_addf(&want, "%s: the database is corrupt", p);
	assert_string_equal(dlt_db_error(db), sb_str(&want));
	dlt_db_close(db);
	tu_snapshot_check(&snap);
	tu_snapshot_free(&snap);
	free(p);
	sb_free(&want);
	sb_free(&err);
	tu_rmtree(dir);
	free(dir);
}

/* ---- SQLite files that are not ours ---------------------------------------------------------- */

/* Run sql on a new database at path (with the sqlite3 API directly). */
static void make_db(const char *path, const char *sql)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	char *msg = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(h);
}

static void test_other_schema_version(void **state)
{
	(void)state;
	char *dir = case_dir();
	char *p = tu_path(dir, "v1.db");   /* an older format */
	tu_copy(good, p);
	make_db(p, "PRAGMA user_version = 1");
	expect_open_error(p, "schema version 1, this dltimeline reads version " DLT_STR(DLT_SCHEMA_VERSION));
	free(p);
	p = tu_path(dir, "v99.db");
	tu_copy(good, p);
	make_db(p, "PRAGMA user_version = 99");
	expect_open_error(p, "schema version 99, this dltimeline reads version " DLT_STR(DLT_SCHEMA_VERSION));
	free(p);
	tu_rmtree(dir);
	free(dir);
}

static void test_plain_sqlite(void **state)
{
	(void)state;
	char *dir = case_dir();
	char *p = tu_path(dir, "plain.db");
	make_db(p, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes VALUES (1, 'x');");
	expect_open_error(p, "not a dltimeline database (no schema version)");
	free(p);
	/* the right version number but not our tables */
	p = tu_path(dir, "vok.db");
	make_db(p, "CREATE TABLE notes (id INTEGER PRIMARY KEY); PRAGMA user_version = " DLT_STR(DLT_SCHEMA_VERSION) ";");
	expect_open_error(p, "not a dltimeline database: table meta is missing");
	free(p);
	/* an empty but valid SQLite file (one page, no tables) */
	p = tu_path(dir, "blank.db");
	make_db(p, "PRAGMA user_version = 0; CREATE TABLE t(x); DROP TABLE t; VACUUM;");
	expect_open_error(p, "not a dltimeline database (no schema version)");
	free(p);
	tu_rmtree(dir);
	free(dir);
}

/* ---- good databases ------------------------------------------------------------------------------ */

static void test_good_database_is_read_only(void **state)
{
	(void)state;
	struct tu_snapshot snap;
	tu_snapshot_take(&snap, good);
	struct strbuf err = {0};
	struct dlt_db *db = dlt_db_open_file(good, &err);
	assert_non_null(db);
	assert_string_equal(sb_str(&err), "");
	assert_string_equal(dlt_db_name(db), good);
	/* writing through the handle is refused */
	char *msg = NULL;
	assert_int_not_equal(sqlite3_exec(dlt_db_handle(db), "CREATE TABLE x (y)", NULL, NULL, &msg), SQLITE_OK);
	sqlite3_free(msg);
	assert_int_not_equal(sqlite3_exec(dlt_db_handle(db), "UPDATE milestones SET title = 'x'", NULL, NULL, &msg),
			     SQLITE_OK);
	sqlite3_free(msg);
	/* every statement of the table prepares */
	for (int q = 0; q < Q__COUNT; q++) {
		if (!dlt_db_stmt(db, (enum dlt_query)q))
			fail_msg("%s does not prepare: %s", dlt_db_query_name((enum dlt_query)q), dlt_db_error(db));
		assert_non_null(dlt_db_sql((enum dlt_query)q));
	}
	assert_string_equal(dlt_db_query_name(Q_ALL_NEXT), "ALL_NEXT");
	assert_false(dlt_db_failed(db));
	dlt_db_close(db);
	dlt_db_close(NULL);
	tu_snapshot_check(&snap);
	tu_snapshot_free(&snap);
	sb_free(&err);
}

/* A file name starting with "file:" is a plain path, never a URI with options. */
static void test_file_uri_names(void **state)
{
	(void)state;
	char *dir = case_dir();
	char cwd[4096];
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(dir), 0);
	tu_copy(good, "file:copy.db");
	struct strbuf err = {0};
	struct dlt_db *db = dlt_db_open_file("file:copy.db", &err);
	assert_non_null(db);
	assert_string_equal(dlt_db_name(db), "file:copy.db");
	dlt_db_close(db);
	/* a URI asking to create a file must neither succeed nor create anything */
	assert_null(dlt_db_open_file("file:new.db?mode=rwc", &err));
	assert_string_equal(sb_str(&err), "file:new.db?mode=rwc: No such file or directory");
	assert_int_equal(tu_count_entries("."), 1);
	assert_int_equal(chdir(cwd), 0);
	sb_free(&err);
	tu_rmtree(dir);
	free(dir);
}

/* --db wins over $DLTIMELINE_DB, which wins over the embedded database (none in tests). */
static void test_open_default(void **state)
{
	(void)state;
	struct strbuf err = {0};
	unsetenv("DLTIMELINE_DB");
	assert_null(dlt_db_open_default(NULL, &err));
	assert_string_equal(sb_str(&err), "this build has no embedded database; use --db FILE");
	sb_reset(&err);
	assert_null(dlt_db_open_embedded(&err));
	sb_reset(&err);

	setenv("DLTIMELINE_DB", good, 1);
	struct dlt_db *db = dlt_db_open_default(NULL, &err);
	assert_non_null(db);
	assert_string_equal(dlt_db_name(db), good);
	dlt_db_close(db);
	db = dlt_db_open_default("", &err);   /* an empty --db means "not given" */
	assert_non_null(db);
	dlt_db_close(db);

	char *dir = case_dir();
	char *missing = tu_path(dir, "missing.db");
	assert_null(dlt_db_open_default(missing, &err));   /* explicit path first */
	struct strbuf want = {0};
	sb_addf(&want, "%s: No such file or directory", missing);
	assert_string_equal(sb_str(&err), sb_str(&want));
	sb_reset(&err);
	setenv("DLTIMELINE_DB", missing, 1);
	assert_null(dlt_db_open_default(NULL, &err));
	assert_string_equal(sb_str(&err), sb_str(&want));
	unsetenv("DLTIMELINE_DB");
	sb_free(&want);
	sb_free(&err);
	free(missing);
	tu_rmtree(dir);
	free(dir);
}

/* A valid database in a directory nobody may write to opens (no journal is needed), and
 * nothing appears in the directory. Run as root the permissions are not enforced, but the
 * snapshot still catches any file created; tests/baddb/check_baddb.sh repeats this as an
 * unprivileged user. */
static void test_read_only_directory(void **state)
{
	(void)state;
	char *dir = case_dir();
	char *p = tu_path(dir, "ro.db");
	tu_copy(good, p);
	assert_int_equal(chmod(p, 0444), 0);
	assert_int_equal(chmod(dir, 0555), 0);
	struct tu_snapshot snap;
	tu_snapshot_take(&snap, p);
	struct strbuf err = {0};
	struct dlt_db *db = dlt_db_open_file(p, &err);
	assert_non_null(db);
	struct dlt_summary s;
	assert_int_equal(dlt_summary_load(db, &s), 0);
	assert_int_equal(s.count, 14);
	dlt_summary_clear(&s);
	dlt_db_close(db);
	tu_snapshot_check(&snap);
	tu_snapshot_free(&snap);
	sb_free(&err);
	free(p);
	tu_rmtree(dir);   /* restores permissions */
	free(dir);
}

/* ---- the time budget of a step ------------------------------------------------------------------ */

static int never(void *arg)
{
	(*(int *)arg)++;
	return 0;
}

static int after_three(void *arg)
{
	return ++*(int *)arg > 3;
}

/* A statement that would run for hours is stopped once its step has used the budget, also
 * while the caller's own check (the browser's: a key waiting) says go on; that check still
 * interrupts as before, and is told apart from the budget (SQLITE_INTERRUPT, not ABORT). */
static void test_step_budget(void **state)
{
	(void)state;
	struct strbuf err = {0};
	struct dlt_db *db = dlt_db_open_file(good, &err);
	assert_non_null(db);
	static const char endless[] = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
				      "SELECT count(*) FROM r";
	int calls = 0;
	dlt_db_set_progress(db, 1000, never, &calls);
	dlt_db_set_budget(db, 0.3);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(dlt_db_handle(db), endless, -1, &st, NULL), SQLITE_OK);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(dlt_db_step(db, st), SQLITE_ABORT);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double took = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(took >= 0.25 && took < 20);
	assert_true(calls > 0);
	assert_int_equal(dlt_db_error_code(db), SQLITE_ABORT);
	if (!strstr(dlt_db_error(db), "a query took too long"))
		fail_msg("message: %s", dlt_db_error(db));
	dlt_db_clear_error(db);

	/* the caller's check interrupts, and the next statement has a budget of its own */
	calls = 0;
	dlt_db_set_progress(db, 1000, after_three, &calls);
	assert_int_equal(dlt_db_step(db, st), SQLITE_INTERRUPT);
	assert_int_equal(dlt_db_error_code(db) & 0xFF, SQLITE_INTERRUPT);
	dlt_db_clear_error(db);
	dlt_db_set_progress(db, 0, NULL, NULL);
	sqlite3_stmt *ok = dlt_db_stmt(db, Q_MS_MAX_ID);
	assert_int_equal(dlt_db_step(db, ok), SQLITE_ROW);
	assert_false(dlt_db_failed(db));
	sqlite3_finalize(st);
	dlt_db_close(db);
	sb_free(&err);
}

/* The browser's progress check says "stop" once a signal has arrived (tui/app.c): a
 * statement that would run for hours ends within a poll of SIGALRM, with SQLITE_INTERRUPT
 * (Ctrl-C and SIGTERM were ignored for the 25 s of a search, #19 finding 3). */
static volatile sig_atomic_t got_alarm;

static void on_alarm(int sig)
{
	got_alarm = sig;
}

static int signal_arrived(void *arg)
{
	(void)arg;
	return got_alarm != 0;
}

static void test_signal_stops_step(void **state)
{
	(void)state;
	struct strbuf err = {0};
	struct dlt_db *db = dlt_db_open_file(good, &err);
	assert_non_null(db);
	struct sigaction sa = {0}, old;
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &old);
	got_alarm = 0;
	dlt_db_set_progress(db, 1000, signal_arrived, NULL);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(dlt_db_handle(db), "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL "
				"SELECT n + 1 FROM r) SELECT count(*) FROM r", -1, &st, NULL), SQLITE_OK);
	struct itimerval at = {.it_value = {.tv_sec = 0, .tv_usec = 200000}};
	setitimer(ITIMER_REAL, &at, NULL);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(dlt_db_step(db, st), SQLITE_INTERRUPT);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double took = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(got_alarm == SIGALRM && took < 5);
	sigaction(SIGALRM, &old, NULL);
	sqlite3_finalize(st);
	dlt_db_close(db);
	sb_free(&err);
}

int main(int argc, char **argv)
{
	tu_filter(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_directory),
		cmocka_unit_test(test_not_sqlite),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_corrupt_header),
		cmocka_unit_test(test_corrupt_pages),
		cmocka_unit_test(test_corrupt_page_found_later),
		cmocka_unit_test(test_other_schema_version),
		cmocka_unit_test(test_plain_sqlite),
		cmocka_unit_test(test_good_database_is_read_only),
		cmocka_unit_test(test_file_uri_names),
		cmocka_unit_test(test_open_default),
		cmocka_unit_test(test_read_only_directory),
		cmocka_unit_test(test_step_budget),
		cmocka_unit_test(test_signal_stops_step),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
