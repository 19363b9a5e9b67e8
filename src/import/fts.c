/*
 * fts.c -- see fts.h: the indexer thread, the SQL that builds or copies the search index,
 * and doc_lengths (the document lengths that db/rank.c ranks with).
 */
#include "import/fts.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/utf8.h"
#include "core/util.h"
#include "db/rank.h"
#include "import/record.h"
#include "import/schema_text.h"

#define FTS_QUEUE 32                /* chunks waiting for the indexer */
#define FTS_HASH_BYTES (4 << 20)    /* search terms buffered before a segment is written */

const char fts_from_tables_sql[] =
	"INSERT INTO main.search (rowid, title, short, aliases, authors, summary, problem, insight, impact, tags, "
	"  paper_title, venue) "
	"  SELECT m.id, m.title, m.short, "
	"  (SELECT group_concat(alias, ' ; ') FROM (SELECT a.alias FROM main.aliases a "
	"     WHERE a.milestone = m.id ORDER BY a.pos)), "
	"  (SELECT group_concat(v, ' ; ') FROM (SELECT j.value AS v, 0 AS o, j.key AS k FROM json_each(m.authors) j "
	"     UNION ALL SELECT dlt_ascii_fold(j.value), 1, j.key FROM json_each(m.authors) j "
	"     WHERE dlt_ascii_fold(j.value) <> j.value ORDER BY o, k)), "
	"  m.summary, m.problem, m.insight, m.impact, "
	"  (SELECT group_concat(x, ' ; ') FROM (SELECT g.slug || ' ' || g.name AS x FROM main.milestone_tags t "
	"     JOIN main.tags g ON g.id = t.tag WHERE t.milestone = m.id ORDER BY t.tag)), "
	"  m.paper_title, m.venue "
	"  FROM main.milestones m ORDER BY m.id;"
	"INSERT INTO main.search (search) VALUES ('optimize');"
	"CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, search, row);"
	"INSERT INTO main.terms (term, docs) SELECT term, doc FROM temp.vocab;"
	"DROP TABLE temp.vocab;";

const char fts_copy_sql[] =
	"DELETE FROM main.search_data; DELETE FROM main.search_idx; DELETE FROM main.search_docsize;"
	"DELETE FROM main.doc_lengths;"
	"INSERT INTO main.search_data SELECT * FROM fts.search_data;"
	"INSERT INTO main.search_idx SELECT * FROM fts.search_idx;"
	"INSERT INTO main.search_docsize SELECT * FROM fts.search_docsize;"
	"INSERT INTO main.doc_lengths SELECT * FROM fts.doc_lengths;"
	"INSERT INTO main.terms SELECT * FROM fts.terms;";

/* dlt_ascii_fold(text): the text in plain ASCII (utf8_to_ascii). */
static void sql_ascii_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	char *a = utf8_to_ascii(s);
	sqlite3_result_text(ctx, a, -1, free);
}

int fts_register_functions(sqlite3 *db)
{
	return sqlite3_create_function(db, "dlt_ascii_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				       sql_ascii_fold, NULL, NULL);
}

/* Store the lengths of one block of documents (buf[0..used)). */
static int put_block(sqlite3_stmt *put, int64_t block, const unsigned char *buf, int used)
{
	sqlite3_bind_int64(put, 1, block);
	sqlite3_bind_blob(put, 2, buf, used, SQLITE_STATIC);
	int rc = sqlite3_step(put);
	sqlite3_reset(put);
	return rc;
}

int fts_write_doc_lengths(sqlite3 *db, char *err, size_t errsize)
{
	sqlite3_stmt *get = NULL, *put = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT id, sz FROM main.search_docsize ORDER BY id", -1, &get, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "INSERT INTO main.doc_lengths (block, lengths) VALUES (?1, ?2)", -1, &put, NULL);
	unsigned char buf[DLT_RANK_BLOCK * 4];
	int64_t block = -1;
	int used = 0;   /* bytes of buf in use */
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		rc = sqlite3_step(get);
		int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(get, 0) : -1;
		if (rc == SQLITE_ROW && id < 1) {
			snprintf(err, errsize, "search index: document id %lld", (long long)id);
			rc = SQLITE_CORRUPT;
			break;
		}
		if (block >= 0 && (rc != SQLITE_ROW || (id - 1) / DLT_RANK_BLOCK != block)) {
			int prc = put_block(put, block, buf, used);
			if (prc != SQLITE_DONE) {
				rc = prc;
				break;
			}
			block = -1;
		}
		if (rc != SQLITE_ROW)
			break;
		if (block < 0) {
			block = (id - 1) / DLT_RANK_BLOCK;
			used = 0;
		}
		long long len = dlt_rank_docsize_total(sqlite3_column_blob(get, 1), sqlite3_column_bytes(get, 1));
		int at = (int)((id - 1) % DLT_RANK_BLOCK) * 4;
		if (len < 0 || len > UINT32_MAX) {
			snprintf(err, errsize, "search index: bad size of document %lld", (long long)id);
			rc = SQLITE_CORRUPT;
			break;
		}
		if (at > used)
			memset(buf + used, 0, (size_t)(at - used));   /* no document: length 0 */
		for (int i = 0; i < 4; i++)
			buf[at + i] = (unsigned char)((uint64_t)len >> (8 * i));
		used = at + 4;
	}
	if (rc != SQLITE_DONE && !err[0])
		snprintf(err, errsize, "%s", sqlite3_errmsg(db));
	sqlite3_finalize(get);
	sqlite3_finalize(put);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- the indexer thread ----------------------------------------------------------------------- */

static int fts_exec(struct fts_indexer *f, sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(f->err, sizeof f->err, "%s", msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* The scratch database made ready for documents: the insert statement, or NULL. */
static sqlite3_stmt *index_open(struct fts_indexer *f, sqlite3 *db)
{
	/* Segments of FTS_HASH_BYTES, not merged while loading (automerge 0): one merge at the end
	 * writes the index once; a small buffer of terms stays in the caches (README,
	 * Performance). */
	if (fts_exec(f, db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -4096;"
			    "PRAGMA page_size = 16384;") < 0 ||
	    fts_exec(f, db, dlt_schema_sql) < 0 ||
	    fts_exec(f, db, "INSERT INTO search (search, rank) VALUES ('automerge', 0);"
			    "INSERT INTO search (search, rank) VALUES ('crisismerge', 1000);") < 0)
		return NULL;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "INSERT INTO search (search, rank) VALUES ('hashsize', ?1)", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int(st, 1, FTS_HASH_BYTES);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_OK || fts_exec(f, db, "BEGIN") < 0 ||
	    sqlite3_prepare_v2(db, "INSERT INTO search (rowid, title, short, aliases, authors, summary, "
			       "problem, insight, impact, tags, paper_title, venue) "
			       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
			       -1, &st, NULL) != SQLITE_OK) {
		if (!f->err[0])
			snprintf(f->err, sizeof f->err, "%s", sqlite3_errmsg(db));
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* Index the documents of one chunk; 0, or -1 with the reason in f->err. */
static int index_chunk(struct fts_indexer *f, sqlite3 *db, sqlite3_stmt *ins, const struct chunk *ch)
{
	struct rec_reader r = {ch->data.buf};
	const char *end = ch->data.buf + ch->data.len;
	while (r.p < end) {
		struct rec_doc d;
		rec_doc_get(&r, &d);
		sqlite3_bind_int64(ins, 1, (sqlite3_int64)((uint64_t)d.id_hi << 32 | d.id_lo));
		for (int i = 0; i < FC__COUNT; i++)
			sqlite3_bind_text(ins, i + 2, d.cols[i], -1, SQLITE_STATIC);   /* (NULL binds NULL) */
		int rc = sqlite3_step(ins);
		sqlite3_reset(ins);
		if (rc != SQLITE_DONE) {
			snprintf(f->err, sizeof f->err, "%s", sqlite3_errmsg(db));
			return -1;
		}
	}
	return 0;
}

/* The next chunk of documents, waiting for it; NULL at the end or when cancelled. */
static struct chunk *next_chunk(struct fts_indexer *f)
{
	pthread_mutex_lock(&f->mu);
	while (!f->q.head && !f->q.done && !f->cancel)
		pthread_cond_wait(&f->cv, &f->mu);
	struct chunk *ch = f->cancel ? NULL : chunkq_pop(&f->q);
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
	return ch;
}

static int cancelled(struct fts_indexer *f)
{
	pthread_mutex_lock(&f->mu);
	int cancel = f->cancel;
	pthread_mutex_unlock(&f->mu);
	return cancel;
}

/* The index finished: merged into one segment (a typed prefix stands for up to 256 terms,
 * each looked up in every segment), the document lengths, the terms with their counts. */
static int index_close(struct fts_indexer *f, sqlite3 *db, double c0)
{
	double c1 = timing_now(CLOCK_THREAD_CPUTIME_ID);
	int ok = fts_exec(f, db, "INSERT INTO search (search) VALUES ('optimize');") == 0;
	double c2 = timing_now(CLOCK_THREAD_CPUTIME_ID);
	ok = ok && !cancelled(f) && fts_write_doc_lengths(db, f->err, sizeof f->err) == 0;
	ok = ok && !cancelled(f) &&
	     fts_exec(f, db, "CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, search, row);"
			     "INSERT INTO terms (term, docs) SELECT term, doc FROM temp.vocab;"
			     "DROP TABLE temp.vocab; COMMIT;") == 0;
	if (f->timing)
		fprintf(stderr, "import:   search thread: inserts %.2f s, optimize %.2f s, terms %.2f s cpu\n",
			c1 - c0, c2 - c1, timing_now(CLOCK_THREAD_CPUTIME_ID) - c2);
	return ok;
}

/* The indexer thread: documents from the queue into the search table of its database. */
static void *fts_main(void *arg)
{
	struct fts_indexer *f = arg;
	double w0 = timing_now(CLOCK_MONOTONIC), c0 = timing_now(CLOCK_THREAD_CPUTIME_ID);
	sqlite3 *db = NULL;
	sqlite3_stmt *ins = NULL;
	if (sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
		ins = index_open(f, db);
	else
		snprintf(f->err, sizeof f->err, "%s", sqlite3_errmsg(db));
	int ok = ins != NULL;
	struct chunk *ch;
	while ((ch = next_chunk(f))) {
		ok = ok && index_chunk(f, db, ins, ch) == 0;
		chunk_free(ch);
	}
	sqlite3_finalize(ins);
	ok = ok && !cancelled(f) && index_close(f, db, c0);
	sqlite3_close(db);
	pthread_mutex_lock(&f->mu);
	f->ok = ok;
	f->wall = timing_now(CLOCK_MONOTONIC) - w0;
	f->cpu = timing_now(CLOCK_THREAD_CPUTIME_ID) - c0;
	pthread_mutex_unlock(&f->mu);
	return NULL;
}

int fts_start(struct fts_indexer *f, char *path, int timing)
{
	assert(f && path && !f->started);
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->cv, NULL);
	f->path = path;
	f->timing = timing;
	if (pthread_create(&f->th, NULL, fts_main, f) != 0)
		return -1;
	f->started = 1;
	return 0;
}

void fts_push(struct fts_indexer *f, struct chunk *ch)
{
	assert(f->started);
	pthread_mutex_lock(&f->mu);
	while (f->q.n >= FTS_QUEUE && !f->cancel)
		pthread_cond_wait(&f->cv, &f->mu);
	chunkq_push(&f->q, ch);
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
}

void fts_end(struct fts_indexer *f)
{
	pthread_mutex_lock(&f->mu);
	f->q.done = 1;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
}

void fts_stop(struct fts_indexer *f)
{
	pthread_mutex_lock(&f->mu);
	f->cancel = 1;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
}

int fts_finish(struct fts_indexer *f, int cancel)
{
	if (!f->started)
		return 0;
	pthread_mutex_lock(&f->mu);
	f->q.done = 1;
	if (cancel)
		f->cancel = 1;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
	pthread_join(f->th, NULL);
	f->started = 0;
	struct chunk *ch;
	while ((ch = chunkq_pop(&f->q)))
		chunk_free(ch);
	return f->ok && !cancel;
}

void fts_free(struct fts_indexer *f)
{
	if (!f->path)
		return;
	fts_finish(f, 1);
	unlink(f->path);
	signals_forget(f->path);
	free(f->path);
	pthread_mutex_destroy(&f->mu);
	pthread_cond_destroy(&f->cv);
	memset(f, 0, sizeof *f);
}
