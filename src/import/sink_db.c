/*
 * sink_db.c -- the database sink (see sink_db.h): its operations, which the checker calls
 * (the title, periods, tags, each milestone), and opening the temporary database next to
 * the output. sink_rows.c writes the rows, sink_final.c the rest at the end.
 */
#include "import/sink_db.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "import/record.h"
#include "import/schema_text.h"

#define BIG_INPUT (16 << 20)        /* input bytes from which the database gets 16 KiB pages */

static int exec(struct db_sink *s, const char *sql)
{
	char *msg = NULL;
	return sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK ? 0 : sink_sql_failed(s, msg);
}

static sqlite3_stmt *prepare(struct db_sink *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		sink_sql_failed(s, NULL);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* ---- the sink's callbacks --------------------------------------------------------------------- */

static int db_title(struct import_sink *is, const char *title)
{
	struct db_sink *s = (struct db_sink *)is;
	s->have_title = 1;
	sqlite3_bind_text(s->ins_meta, 1, "title", -1, SQLITE_STATIC);
	sink_bind_text(s->ins_meta, 2, title);
	return sink_run(s, s->ins_meta);
}

static int db_period(struct import_sink *is, const struct sink_period *p)
{
	struct db_sink *s = (struct db_sink *)is;
	int k = p->is_era ? 0 : 1;
	DLT_GROW(s->periods[k], s->nperiods[k] + 1, s->capperiods[k]);
	s->periods[k][s->nperiods[k]] = (struct period){xstrdup(p->slug), xstrdup(p->name), xstrdup(p->summary),
		p->start, p->end, p->end != 0, p->sym, s->nperiods[k]};
	s->nperiods[k]++;
	return 0;
}

static int db_tag(struct import_sink *is, const struct sink_tag *t)
{
	struct db_sink *s = (struct db_sink *)is;
	assert(t->id == (int32_t)s->ntags + 1);
	DLT_GROW(s->tags, s->ntags + 1, s->captags);
	s->tags[s->ntags++] = (struct tagdef){xstrdup(t->slug), xstrdup(t->name)};
	return 0;
}

/* Write a milestone now, or hold it back until its year is complete: ids are chronological,
 * and milestones of one year may come in any order. */
static int db_milestone(struct import_sink *is, const struct ms_record *m, const struct ms_refs *r)
{
	struct db_sink *s = (struct db_sink *)is;
	assert(r->seq == s->nms + 1);
	s->nms = r->seq;
	size_t old = s->seq_cap;
	DLT_GROW(s->seq_key, (size_t)r->seq + 1, s->seq_cap);
	if (s->seq_cap != old) {
		s->seq_id = xrealloc(s->seq_id, s->seq_cap * sizeof *s->seq_id);
		memset(s->seq_id + old, 0, (s->seq_cap - old) * sizeof *s->seq_id);
	}
	s->seq_key[r->seq] = m->year * 16 + m->month;
	if (s->failed)
		return -1;
	int64_t year = m->year;
	if (!s->fallback && year < s->def_year) {
		/* not chronological by year: write the rest in input order, renumber at the end */
		sink_flush_deferred(s);
		s->fallback = 1;
	}
	if (s->fallback) {
		s->seq_id[r->seq] = (int32_t)r->seq;
		sink_write_ms(s, m, r->seq, r->seq, r->era, r->paradigm, r->tags, r->links);
	} else {
		if (year > s->def_year) {
			sink_flush_deferred(s);
			s->def_year = year;
		}
		sink_defer(s, m, r);
	}
	return s->failed ? -1 : 0;
}

static void db_abandon(struct import_sink *is)
{
	sink_free((struct db_sink *)is);
}

/* ---- opening and closing -------------------------------------------------------------------------- */

/* The inserts of the rows that come several per milestone. */
#define TAG_INSERT "INSERT INTO main.milestone_tags (milestone, tag) VALUES "
#define TAG_ROW "(?, ?)"
#define ALIAS_INSERT "INSERT INTO main.aliases (milestone, pos, alias) VALUES "
#define ALIAS_ROW "(?, ?, ?)"
#define LINK_INSERT "INSERT INTO main.links (src, dst, kind, note, pos) VALUES "
#define LINK_ROW "(?, ?, 'builds_on', ?, ?)"

/* A batch of multi-row inserts (batch.h) with the INSERT of one row, `one`, and of a full
 * batch, `full`; NULL when the sink failed. */
static struct dlt_batch *batch(struct db_sink *s, const char *one, const char *full)
{
	sqlite3_stmt *st1 = prepare(s, one), *stn = st1 ? prepare(s, full) : NULL;
	struct dlt_batch *b = dlt_batch_new(st1, stn);
	if (!b && stn)
		sink_failed(s, "database error", NULL,
			    "a batch of " DLT_STR(DLT_BATCH_ROWS) " rows does not match its one-row insert");
	return b;
}

/* The schema and the statements of the rows. Returns 0, or -1 when the sink failed. */
static int open_db(struct db_sink *s)
{
	if (sqlite3_open_v2(s->tmp, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		sink_failed(s, "cannot create", s->tmp, sqlite3_errmsg(s->db));
		return -1;
	}
	/* (dlt_name_key: the indexes of names are built on it) */
	if (fts_register_functions(s->db) != SQLITE_OK || dlt_db_install_name_key(s->db) != SQLITE_OK) {
		sink_failed(s, "database error", NULL, sqlite3_errmsg(s->db));
		return -1;
	}
	/* Big inputs get bigger pages (fewer, cheaper page writes); the values were checked
	 * already, so the CHECK constraints need not be evaluated again on every row. */
	if (exec(s, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = FILE;"
			 "PRAGMA ignore_check_constraints = ON; PRAGMA cache_size = -8192;") < 0 ||
	    (s->big && exec(s, "PRAGMA page_size = 16384;") < 0) ||
	    exec(s, dlt_schema_sql) < 0 || exec(s, "BEGIN") < 0)
		return -1;
	s->ins_ms = prepare(s, "INSERT INTO main.milestones (id, " MS_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, "
				 "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, "
				 "?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)");
	s->tag_rows = batch(s, TAG_INSERT TAG_ROW, TAG_INSERT DLT_BATCH_VALUES(TAG_ROW));
	s->alias_rows = batch(s, ALIAS_INSERT ALIAS_ROW, ALIAS_INSERT DLT_BATCH_VALUES(ALIAS_ROW));
	s->link_rows = batch(s, LINK_INSERT LINK_ROW, LINK_INSERT DLT_BATCH_VALUES(LINK_ROW));
	s->ins_meta = prepare(s, "INSERT OR REPLACE INTO main.meta (key, value) VALUES (?1, ?2)");
	return s->ins_ms && s->tag_rows && s->alias_rows && s->link_rows && s->ins_meta ? 0 : -1;
}

/* Start the indexer thread on a scratch database next to the output (without one, the
 * search index is built from the tables at the end). */
static void start_indexer(struct db_sink *s)
{
	char *path = temp_file(s->out, "search", 0);
	if (path && fts_start(&s->fts, path, s->tm->on) == 0)
		s->fts_feed = 1;
}

struct import_sink *db_sink_open(const char *out, long long input_bytes, struct problems *probs,
				 struct timing *tm)
{
	assert(out && probs && tm);
	struct db_sink *s = xcalloc(1, sizeof *s);
	s->ops = (struct import_sink){db_title, db_period, db_tag, db_milestone, sink_finish, db_abandon, 1};
	s->probs = probs;
	s->tm = tm;
	s->out = out;
	s->big = input_bytes >= BIG_INPUT;
	s->tmp = temp_file(out, "tmp", 1);   /* next to out: the rename stays on one file system */
	if (!s->tmp) {
		sink_failed(s, "cannot create a temporary file for", out, strerror(errno));
		sink_free(s);
		return NULL;
	}
	if (open_db(s) < 0) {
		sink_free(s);
		return NULL;
	}
	start_indexer(s);
	return &s->ops;
}

