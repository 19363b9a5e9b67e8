/*
 * db.c -- opening and validating databases, and the prepared-statement cache.
 */
#include "db/db.h"
#include "db/rank.h"
#include "db/schema.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/utf8.h"
#include "db/embedded.h"

struct dlt_db {
	sqlite3 *h;                       /* the connection, read-only */
	char *name;                       /* path (printable), or "(embedded)" */
	sqlite3_stmt *stmt[Q__COUNT];     /* prepared lazily */
	struct strbuf error;              /* first failure, "" when none */
	int error_code;                   /* its result code */
	struct dlt_rank_poll poll;        /* the progress check, for the ranking functions */
	int rank_ready;                   /* dlt_rank() and dlt_top() are registered */
	int (*check)(void *);             /* the caller's progress check (dlt_db_set_progress) */
	void *check_arg;
	double budget;                    /* seconds of CPU one step may take; 0: no limit */
	double step_start;                /* CPU time when the running step began */
	unsigned polls;                   /* progress calls, to read the clock every few */
	int over_budget;                  /* the running step was stopped for taking too long */
};

static const char *const query_sql[Q__COUNT] = {
#define DLT_Q_SQL(name, sql) sql,
	DLT_QUERIES(DLT_Q_SQL)
#undef DLT_Q_SQL
};

static const char *const query_name[Q__COUNT] = {
#define DLT_Q_NAME(name, sql) #name,
	DLT_QUERIES(DLT_Q_NAME)
#undef DLT_Q_NAME
};

const char *dlt_db_sql(enum dlt_query q)
{
	return query_sql[q];
}

const char *dlt_db_query_name(enum dlt_query q)
{
	return query_name[q];
}

/* Describe an SQLite result code for a human, without SQL text. */
static const char *describe(sqlite3 *h, int rc)
{
	switch (rc & 0xFF) {
	case SQLITE_CORRUPT:
		return "the database is corrupt";
	case SQLITE_NOTADB:
		return "not an SQLite database";
	case SQLITE_IOERR:
		return "read error (the file may be truncated)";
	case SQLITE_CANTOPEN:
		return "cannot open the file";
	case SQLITE_INTERRUPT:
		return "interrupted";
	case SQLITE_ABORT:   /* (only the time budget aborts: see progress()) */
		return "a query took too long (over " DLT_STR(DLT_STEP_BUDGET) " s of CPU; the database may be damaged)";
	case SQLITE_NOMEM:
		return "out of memory";
	case SQLITE_READONLY:
		return "the database needs recovery but is opened read-only";
	default:
		return h ? sqlite3_errmsg(h) : sqlite3_errstr(rc);
	}
}

static void close_handle(struct dlt_db *db)
{
	for (int i = 0; i < Q__COUNT; i++)
		sqlite3_finalize(db->stmt[i]);
	sqlite3_close(db->h);
}

void dlt_db_close(struct dlt_db *db)
{
	if (!db)
		return;
	close_handle(db);
	free(db->name);
	sb_free(&db->error);
	free(db);
}

/* json_valid() as the schema's CHECK constraints name it, for a connection that never
 * writes: SQLite's own is not marked innocuous, so with trusted_schema off the schema would
 * not even load. Constraints are checked only when a row is written, so this one is never
 * called; if it were, it says so instead of answering. */
static void json_valid_unused(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc, (void)argv;
	sqlite3_result_error(ctx, "json_valid() is not evaluated on a read-only timeline", -1);
}

/* Nothing in the file may run code of its own or change the connection: no views, no
 * triggers, schema functions only if innocuous (dlt_name_key is, and json_valid above), no
 * writes to the schema. */
static void harden(sqlite3 *h)
{
	sqlite3_create_function(h, "json_valid", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
				json_valid_unused, NULL, NULL);
	sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
	sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_exec(h, "PRAGMA trusted_schema = OFF", NULL, NULL, NULL);
}

/* Check the schema version and the schema itself (db/schema.h), and make the connection
 * query-only. Returns 0 or -1 with err. */
static int check_schema(struct dlt_db *db, struct strbuf *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sb_addf(err, "%s: %s", db->name, describe(db->h, rc));
		sqlite3_finalize(st);
		return -1;
	}
	int version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version != DLT_SCHEMA_VERSION) {
		if (version == 0)
			sb_addf(err, "%s: not a dltimeline database (no schema version)", db->name);
		else
			sb_addf(err, "%s: schema version %d, this dltimeline reads version %d",
				db->name, version, DLT_SCHEMA_VERSION);
		return -1;
	}
	/* Its objects are those of this version, and its ids within its size. */
	struct strbuf why = {0};
	rc = dlt_schema_check(db->h, &why);
	if (rc != SQLITE_OK) {
		char *clean = utf8_sanitize(sb_str(&why), why.len, 0);   /* (it may quote a name of the file's) */
		sb_addf(err, "%s: %s", db->name, rc < 0 ? clean : describe(db->h, rc));
		free(clean);
		sb_free(&why);
		return -1;
	}
	sb_free(&why);
	sqlite3_exec(db->h, "PRAGMA query_only = 1", NULL, NULL, NULL);
	return 0;
}

/* A file database keeps its shared lock from the first query to the end: no locking, no
 * change check and no journal check around every statement (the browser issues several per
 * key). Imports never write a database in place (they rename a new file over it), so
 * nothing waits for that lock. */
static void hold_lock(struct dlt_db *db)
{
	sqlite3_exec(db->h, "PRAGMA locking_mode = EXCLUSIVE", NULL, NULL, NULL);
}

/* dlt_name_key(text): utf8_name_key of its argument; NULL stays NULL. */
static void name_key_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *s = sqlite3_value_text(argv[0]);
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	struct strbuf k = {0};
	utf8_name_key((const char *)s, (size_t)sqlite3_value_bytes(argv[0]), &k);
	sqlite3_result_text(ctx, sb_str(&k), (int)k.len, SQLITE_TRANSIENT);
	sb_free(&k);
}

int dlt_db_install_name_key(sqlite3 *h)
{
	return sqlite3_create_function(h, "dlt_name_key", 1,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
				       name_key_fn, NULL, NULL);
}

/* A database named for messages by `name`, made printable (a path may hold escape
 * sequences or line breaks: every message that names the file stays one clean line). */
static struct dlt_db *db_new(const char *name)
{
	struct dlt_db *db = xcalloc(1, sizeof *db);
	db->name = utf8_sanitize(name, strlen(name), 0);
	db->budget = DLT_STEP_BUDGET;
	db->step_start = -1;
	return db;
}

/* The CPU time of the process, in seconds. */
static double cpu_now(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* SQLite's progress handler, and the poll of the ranking functions: a step that has used
 * its time budget is stopped (dlt_db_step then reports SQLITE_ABORT); otherwise the
 * caller's check decides (the browser's: a key or a signal is waiting). The clock of a step
 * starts at its first poll, and is read every 8th one. */
static int progress(void *arg)
{
	struct dlt_db *db = arg;
	if (db->budget > 0) {
		if (db->step_start < 0) {
			db->step_start = cpu_now();
		} else if ((++db->polls & 7) == 0 && cpu_now() - db->step_start > db->budget) {
			db->over_budget = 1;
			return 1;
		}
	}
	return db->check ? db->check(db->check_arg) : 0;
}

/* Install the progress handler on a new connection (before anything reads the file). */
static void watch(struct dlt_db *db)
{
	db->poll.cb = progress;
	db->poll.arg = db;
	sqlite3_progress_handler(db->h, DLT_PROGRESS_OPS, progress, db);
}

struct dlt_db *dlt_db_open_embedded(struct strbuf *err)
{
	struct dlt_db *db = db_new("(embedded)");
	if (dlt_embedded_db_size == 0) {
		sb_add(err, "this build has no embedded database; use --db FILE");
		dlt_db_close(db);
		return NULL;
	}
	int rc = sqlite3_open_v2(":memory:", &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_deserialize(db->h, "main", (unsigned char *)(uintptr_t)dlt_embedded_db,
					 (sqlite3_int64)dlt_embedded_db_size,
					 (sqlite3_int64)dlt_embedded_db_size, SQLITE_DESERIALIZE_READONLY);
	if (rc == SQLITE_OK)
		rc = dlt_db_install_name_key(db->h);
	if (rc != SQLITE_OK) {
		sb_addf(err, "embedded database: %s", describe(db->h, rc));
		dlt_db_close(db);
		return NULL;
	}
	harden(db->h);
	watch(db);
	if (check_schema(db, err) < 0) {
		dlt_db_close(db);
		return NULL;
	}
	return db;
}

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Validate the file at path before SQLite sees it; messages name it as `name` (printable).
 * Returns 0 or -1 with err. */
static int check_file(const char *path, const char *name, struct strbuf *err)
{
	struct stat sb;
	if (stat(path, &sb) < 0) {
		sb_addf(err, "%s: %s", name, strerror(errno));
		return -1;
	}
	if (S_ISDIR(sb.st_mode)) {
		sb_addf(err, "%s: is a directory, not a database file", name);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		sb_addf(err, "%s: not a regular file", name);
		return -1;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		sb_addf(err, "%s: %s", name, strerror(errno));
		return -1;
	}
	unsigned char hdr[100];
	ssize_t n = read(fd, hdr, sizeof hdr);
	close(fd);
	if (n == 0) {
		sb_addf(err, "%s: empty file, not a database", name);
		return -1;
	}
	if (n < 16 || memcmp(hdr, "SQLite format 3", 16) != 0) {
		sb_addf(err, "%s: not an SQLite database", name);
		return -1;
	}
	if (n < (ssize_t)sizeof hdr) {
		sb_addf(err, "%s: truncated database (%zd bytes)", name, n);
		return -1;
	}
	unsigned page_size = be16(hdr + 16);
	if (page_size == 1)
		page_size = 65536;
	if (page_size < 512 || (page_size & (page_size - 1))) {
		sb_addf(err, "%s: corrupt database header", name);
		return -1;
	}
	uint32_t pages = be32(hdr + 28);
	int pages_valid = pages > 0 && be32(hdr + 24) == be32(hdr + 92);
	if ((sb.st_size % page_size) != 0 ||
	    (pages_valid && (uint64_t)sb.st_size < (uint64_t)pages * page_size)) {
		if (pages_valid)
			sb_addf(err, "%s: truncated database (%lld bytes, expected %llu)", name,
				(long long)sb.st_size, (unsigned long long)pages * page_size);
		else   /* the header's page count is stale: no expected size to give */
			sb_addf(err, "%s: truncated database (%lld bytes, not a whole number of %u-byte pages)",
				name, (long long)sb.st_size, page_size);
		return -1;
	}
	return 0;
}

struct dlt_db *dlt_db_open_file(const char *path, struct strbuf *err)
{
	struct dlt_db *db = db_new(path);
	if (check_file(path, db->name, err) < 0) {
		dlt_db_close(db);
		return NULL;
	}
	/* A name starting with "file:" would be read as a URI (SQLite is built with
	 * SQLITE_USE_URI here); a leading "./" keeps it a plain, read-only path. */
	struct strbuf p = {0};
	if (path[0] != '/' && str_starts(path, "file:"))
		sb_add(&p, "./");
	sb_add(&p, path);
	int rc = sqlite3_open_v2(sb_str(&p), &db->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
	sb_free(&p);
	if (rc == SQLITE_OK)
		rc = dlt_db_install_name_key(db->h);
	if (rc != SQLITE_OK) {
		sb_addf(err, "%s: %s", db->name, describe(db->h, rc));
		dlt_db_close(db);
		return NULL;
	}
	harden(db->h);
	watch(db);
	sqlite3_extended_result_codes(db->h, 1);
	if (check_schema(db, err) < 0) {
		dlt_db_close(db);
		return NULL;
	}
	hold_lock(db);
	return db;
}

struct dlt_db *dlt_db_open_default(const char *path, struct strbuf *err)
{
	if (!path || !*path)
		path = getenv("DLTIMELINE_DB");
	if (path && *path)
		return dlt_db_open_file(path, err);
	return dlt_db_open_embedded(err);
}

sqlite3 *dlt_db_handle(struct dlt_db *db)
{
	return db->h;
}

const char *dlt_db_name(const struct dlt_db *db)
{
	return db->name;
}

static void record(struct dlt_db *db, int rc)
{
	if (db->error.len == 0) {
		sb_addf(&db->error, "%s: %s", db->name, describe(db->h, rc));
		db->error_code = rc;
	}
}

int dlt_db_functions(struct dlt_db *db)
{
	if (db->rank_ready)
		return 0;
	fts5_api *api = NULL;
	sqlite3_stmt *st = dlt_db_stmt(db, Q_FTS5_API);
	if (!st)
		return -1;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	int rc = dlt_db_step(db, st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return -1;
	rc = dlt_rank_install(api, &db->poll);
	if (rc != SQLITE_OK) {
		record(db, rc);
		return -1;
	}
	db->rank_ready = 1;
	return 0;
}

/* Prepare q, registering the ranking functions first when it calls them. */
static sqlite3_stmt *prepare(struct dlt_db *db, enum dlt_query q, unsigned flags)
{
	if ((strstr(query_sql[q], "dlt_rank(") || strstr(query_sql[q], "dlt_top(")) && dlt_db_functions(db) < 0)
		return NULL;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(db->h, query_sql[q], -1, flags, &st, NULL);
	if (rc != SQLITE_OK) {
		record(db, rc);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

sqlite3_stmt *dlt_db_stmt(struct dlt_db *db, enum dlt_query q)
{
	sqlite3_stmt *st = db->stmt[q];
	if (!st) {
		if (!(st = prepare(db, q, SQLITE_PREPARE_PERSISTENT)))
			return NULL;
		db->stmt[q] = st;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

sqlite3_stmt *dlt_db_stmt_new(struct dlt_db *db, enum dlt_query q)
{
	return prepare(db, q, 0);
}

int dlt_db_step(struct dlt_db *db, sqlite3_stmt *st)
{
	db->step_start = -1;
	db->over_budget = 0;
	int rc = sqlite3_step(st);
	if (db->over_budget && (rc & 0xFF) == SQLITE_INTERRUPT)
		rc = SQLITE_ABORT;   /* not a key's interrupt: no one may retry it */
	db->step_start = -1;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		record(db, rc);
		sqlite3_reset(st);
	}
	return rc;
}

int dlt_db_failed(const struct dlt_db *db)
{
	return db->error.len > 0;
}

const char *dlt_db_error(const struct dlt_db *db)
{
	return sb_str(&db->error);
}

int dlt_db_error_code(const struct dlt_db *db)
{
	return db->error.len ? db->error_code : 0;
}

void dlt_db_clear_error(struct dlt_db *db)
{
	sb_reset(&db->error);
	db->error_code = 0;
}

const char *dlt_col_peek(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

char *dlt_col_text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	if (!s)
		return NULL;
	return utf8_sanitize(s, (size_t)sqlite3_column_bytes(st, col), 1);
}

void dlt_db_set_progress(struct dlt_db *db, int ops, int (*cb)(void *), void *arg)
{
	db->check = cb;
	db->check_arg = arg;
	sqlite3_progress_handler(db->h, cb && ops > 0 ? ops : DLT_PROGRESS_OPS, progress, db);
}

void dlt_db_set_budget(struct dlt_db *db, double seconds)
{
	db->budget = seconds > 0 ? seconds : 0;
}
