/*
 * test_batch.c -- import/batch: rows come out as they went in (values, NULLs, texts that
 * outlive the caller's buffers, order) whether they fill batches or are left for the flush;
 * errors of the statement come back; mismatched statements and short rows are refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "import/batch.h"
#include "testutil.h"

#define ONE "INSERT INTO t (a, b, c) VALUES (?, ?, 'k')"
#define FULL "INSERT INTO t (a, b, c) VALUES " DLT_BATCH_VALUES("(?, ?, 'k')")

static sqlite3 *open_db(void)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT, c TEXT NOT NULL)", NULL,
				      NULL, NULL), SQLITE_OK);
	return db;
}

static sqlite3_stmt *prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	return st;
}

static struct dlt_batch *new_batch(sqlite3 *db)
{
	struct dlt_batch *b = dlt_batch_new(prep(db, ONE), prep(db, FULL));
	assert_non_null(b);
	return b;
}

/* Add the row (a, b) to batch b; the result of dlt_batch_row. */
static int add_row(struct dlt_batch *b, int64_t a, const char *text)
{
	dlt_batch_int(b, a);
	dlt_batch_text(b, text);
	return dlt_batch_row(b);
}

static int count_rows(sqlite3 *db)
{
	sqlite3_stmt *st = prep(db, "SELECT count(*) FROM t");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* 2.5 batches of rows: the full ones are in the table at once, the rest after the flush;
 * every value as given. */
static void test_rows_in_order(void **state)
{
	(void)state;
	sqlite3 *db = open_db();
	struct dlt_batch *b = new_batch(db);
	int n = DLT_BATCH_ROWS * 2 + DLT_BATCH_ROWS / 2;
	for (int i = 1; i <= n; i++) {
		char text[32];   /* changes before the rows are inserted: must have been copied */
		snprintf(text, sizeof text, "row %d", i);
		assert_int_equal(add_row(b, i, i % 5 ? text : NULL), SQLITE_OK);
		assert_int_equal(count_rows(db), i / DLT_BATCH_ROWS * DLT_BATCH_ROWS);
	}
	assert_int_equal(dlt_batch_flush(b), SQLITE_OK);
	assert_int_equal(count_rows(db), n);
	assert_int_equal(dlt_batch_flush(b), SQLITE_OK);   /* nothing left: nothing happens */
	assert_int_equal(count_rows(db), n);
	sqlite3_stmt *st = prep(db, "SELECT a, b, c FROM t ORDER BY rowid");
	for (int i = 1; i <= n; i++) {
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), i);
		char want[32];
		snprintf(want, sizeof want, "row %d", i);
		if (i % 5)
			assert_string_equal((const char *)sqlite3_column_text(st, 1), want);
		else
			assert_int_equal(sqlite3_column_type(st, 1), SQLITE_NULL);
		assert_string_equal((const char *)sqlite3_column_text(st, 2), "k");
	}
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	dlt_batch_free(b);
	sqlite3_close(db);
}

/* A row that breaks a constraint fails its batch, with SQLite's error; in a full batch as
 * well as at the flush. */
static void test_errors(void **state)
{
	(void)state;
	sqlite3 *db = open_db();
	struct dlt_batch *b = new_batch(db);
	for (int i = 0; i < DLT_BATCH_ROWS - 1; i++)
		assert_int_equal(add_row(b, i + 1, "x"), SQLITE_OK);
	assert_int_equal(add_row(b, 1, "x"), SQLITE_CONSTRAINT);   /* the id of the first row again */
	assert_non_null(strstr(sqlite3_errmsg(db), "UNIQUE"));
	assert_int_equal(count_rows(db), 0);   /* the statement failed as a whole */

	assert_int_equal(add_row(b, 7, NULL), SQLITE_OK);
	assert_int_equal(add_row(b, 7, NULL), SQLITE_OK);
	assert_int_equal(dlt_batch_flush(b), SQLITE_CONSTRAINT);
	assert_int_equal(count_rows(db), 1);   /* rows at a flush go one by one */
	dlt_batch_free(b);
	sqlite3_close(db);
}

/* A row with a value missing is refused (and adds nothing); statements that do not match
 * are refused and finalized (the sanitizers' leak check would see them otherwise). */
static void test_misuse(void **state)
{
	(void)state;
	sqlite3 *db = open_db();
	struct dlt_batch *b = new_batch(db);
	dlt_batch_int(b, 1);
	assert_int_equal(dlt_batch_row(b), SQLITE_MISUSE);
	dlt_batch_free(b);

	assert_null(dlt_batch_new(prep(db, ONE), prep(db, ONE)));
	assert_null(dlt_batch_new(prep(db, "INSERT INTO t (a) VALUES (1)"),
				  prep(db, "INSERT INTO t (a) VALUES (2)")));
	assert_null(dlt_batch_new(NULL, prep(db, FULL)));
	assert_null(dlt_batch_new(prep(db, ONE), NULL));
	dlt_batch_free(NULL);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);   /* SQLITE_BUSY if a statement was left */
}

int main(int argc, char **argv)
{
	tu_filter(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_in_order),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_misuse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
