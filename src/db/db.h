/*
 * db.h -- opening a timeline database read-only and running the statements of queries.h.
 *
 * A database is either the one embedded in the binary (deserialized from a byte array,
 * read-only) or a file given with --db / DLTIMELINE_DB, opened with SQLITE_OPEN_READONLY.
 * Opening validates it (a regular file, really SQLite, not truncated, the right schema
 * version) so that later failures are rare; any later SQLite error is still reported
 * through dlt_db_error(), never printed raw.
 */
#ifndef DLT_DB_H
#define DLT_DB_H

#include <sqlite3.h>

#include "core/util.h"
#include "db/queries.h"

#define DLT_SCHEMA_VERSION 5

/* Milestone ids per block of the precomputed filter counts (table filter_counts). */
#define DLT_COUNT_BLOCK 1024

struct dlt_db;

/* Open the embedded database. Returns NULL and writes a one-line reason to err on failure. */
struct dlt_db *dlt_db_open_embedded(struct strbuf *err);
/* Open the database file at path read-only and validate it. Returns NULL and writes a
 * one-line reason naming the file to err when it is missing, a directory, not SQLite,
 * truncated or corrupt, or of another schema version. Never writes to the file. */
struct dlt_db *dlt_db_open_file(const char *path, struct strbuf *err);
/* Open the database chosen by path (if not NULL), else $DLTIMELINE_DB, else the embedded one. */
struct dlt_db *dlt_db_open_default(const char *path, struct strbuf *err);
/* Close and free; NULL is fine. */
void dlt_db_close(struct dlt_db *db);

/* The SQLite handle, for the model layer. */
sqlite3 *dlt_db_handle(struct dlt_db *db);
/* Where the database came from: its path (made printable: no control characters), or
 * "(embedded)". */
const char *dlt_db_name(const struct dlt_db *db);

/* The cached prepared statement for q, reset and with its bindings cleared. Returns NULL
 * only if preparing fails (a damaged database); the reason is kept for dlt_db_error(). */
sqlite3_stmt *dlt_db_stmt(struct dlt_db *db, enum dlt_query q);
/* A statement of its own for q (not the cached one), for a walk that stays open while other
 * queries run; NULL if preparing fails (recorded). The caller finalizes it. */
sqlite3_stmt *dlt_db_stmt_new(struct dlt_db *db, enum dlt_query q);
/* Register the SQL functions the statements of queries.h call (dlt_rank, dlt_top: db/rank.h)
 * on the connection; dlt_db_stmt does it before the first statement that needs them, tools
 * that prepare the SQL themselves call it first. Returns 0, or -1 (recorded). */
int dlt_db_functions(struct dlt_db *db);
/* Register the SQL function dlt_name_key(text) on connection h: the name key of core/utf8.h,
 * which the indexes of names are built on (schema/indexes.sql). Every connection that reads
 * or writes a timeline calls it first. Returns an SQLite result code. */
int dlt_db_install_name_key(sqlite3 *h);
/* The SQL text of q (for tests and EXPLAIN). */
const char *dlt_db_sql(enum dlt_query q);
/* The name of q, e.g. "ALL_NEXT". */
const char *dlt_db_query_name(enum dlt_query q);

/* Step st; returns SQLITE_ROW or SQLITE_DONE, or another code after recording the error
 * (see dlt_db_failed). A corrupt page, I/O error or interrupt all end up here. */
int dlt_db_step(struct dlt_db *db, sqlite3_stmt *st);
/* Nonzero once any statement failed; dlt_db_error() then says why in one line. */
int dlt_db_failed(const struct dlt_db *db);
/* One-line description of the first failure, naming the database; "" when none. */
const char *dlt_db_error(const struct dlt_db *db);
/* The SQLite result code of the recorded failure (extended when available), 0 when none. */
int dlt_db_error_code(const struct dlt_db *db);
/* Forget a recorded failure (e.g. after an interrupted search). */
void dlt_db_clear_error(struct dlt_db *db);

/* Column helpers: text as a malloc'd string (NULL for SQL NULL), sanitised of invalid
 * UTF-8 and terminal control characters. */
char *dlt_col_text(sqlite3_stmt *st, int col);
/* Column text without copying; NULL for SQL NULL. Valid until the next step. */
const char *dlt_col_peek(sqlite3_stmt *st, int col);

/* Interrupt long queries: `cb(arg)` is polled every `ops` virtual-machine steps (and by
 * the ranking functions) and a nonzero return abandons the running statement (it then fails
 * with SQLITE_INTERRUPT). cb NULL removes the check. The time budget stays in force. */
void dlt_db_set_progress(struct dlt_db *db, int ops, int (*cb)(void *), void *arg);

/* Every connection limits each step of a statement to DLT_STEP_BUDGET seconds of CPU (a
 * hostile or damaged file can make one statement run for hours): a step over it fails with
 * SQLITE_ABORT, recorded as "a query took too long". Change the budget (seconds; 0: none). */
#define DLT_STEP_BUDGET 30
void dlt_db_set_budget(struct dlt_db *db, double seconds);
/* Virtual-machine steps between two polls of the progress handler. */
#define DLT_PROGRESS_OPS 1000

#endif
