/*
 * sink_final.c -- the database sink's finish(): what can only be written once every entry
 * is known. The links and tags that pointed forward; eras and paradigms in their final
 * order; the milestones renumbered when their years were out of order; the years table; the
 * indexes; the counts of the filtered views; the search index (the indexer thread's, or
 * built from the tables); then the file is put in place of the output atomically.
 */
#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import/schema_text.h"
#include "import/sink_db.h"

#define VACUUM_MAX 50000            /* compact databases up to this many milestones */

/* Renumbering when the milestones' years were not in order: temp.idmap maps each final id to
 * the id the rows were written with (`old`). */
static const char remap_sql[] =
	"CREATE INDEX temp.idmap_old ON idmap (old);"
	"CREATE TEMP TABLE ms_old (id INTEGER PRIMARY KEY, " MS_COLS ");"
	"INSERT INTO temp.ms_old SELECT id, " MS_COLS " FROM main.milestones; DELETE FROM main.milestones;"
	"INSERT INTO main.milestones (id, " MS_COLS ") SELECT i.id, " MS_COLS " FROM temp.idmap i "
	"  JOIN temp.ms_old m ON m.id = i.old ORDER BY i.id; DROP TABLE temp.ms_old;"
	"CREATE TEMP TABLE mt_old AS SELECT * FROM main.milestone_tags; DELETE FROM main.milestone_tags;"
	"INSERT INTO main.milestone_tags (milestone, tag) SELECT i.id, t.tag FROM temp.mt_old t "
	"  JOIN temp.idmap i ON i.old = t.milestone ORDER BY 1, 2; DROP TABLE temp.mt_old;"
	"CREATE TEMP TABLE al_old AS SELECT * FROM main.aliases; DELETE FROM main.aliases;"
	"INSERT INTO main.aliases (milestone, pos, alias) SELECT i.id, a.pos, a.alias FROM temp.al_old a "
	"  JOIN temp.idmap i ON i.old = a.milestone ORDER BY 1, 2; DROP TABLE temp.al_old;"
	"CREATE TEMP TABLE ln_old AS SELECT * FROM main.links; DELETE FROM main.links;"
	"INSERT INTO main.links (src, dst, kind, note, pos) SELECT s.id, d.id, l.kind, l.note, l.pos "
	"  FROM temp.ln_old l JOIN temp.idmap s ON s.old = l.src JOIN temp.idmap d ON d.old = l.dst "
	"  ORDER BY 1, 2; DROP TABLE temp.ln_old;";

/* Counts of the filtered views (see filter_counts in schema.sql) from the tables, when they
 * could not be taken as the rows were written: blocks of DLT_COUNT_BLOCK (1024) ids. */
static const char counts_sql[] =
	"INSERT INTO main.filter_counts (kind, ref, block, upto) "
	"  SELECT 1, tag, b, sum(n) OVER (PARTITION BY tag ORDER BY b) FROM "
	"  (SELECT tag, (milestone - 1) / 1024 AS b, count(*) AS n "
	"   FROM main.milestone_tags GROUP BY tag, b);"
	"INSERT INTO main.filter_counts (kind, ref, block, upto) "
	"  SELECT 2, era, b, sum(n) OVER (PARTITION BY era ORDER BY b) FROM "
	"  (SELECT era, (id - 1) / 1024 AS b, count(*) AS n "
	"   FROM main.milestones GROUP BY era, b);"
	"INSERT INTO main.filter_counts (kind, ref, block, upto) "
	"  SELECT 3, paradigm, b, sum(n) OVER (PARTITION BY paradigm ORDER BY b) FROM "
	"  (SELECT paradigm, (id - 1) / 1024 AS b, count(*) AS n "
	"   FROM main.milestones WHERE paradigm IS NOT NULL GROUP BY paradigm, b);"
	"INSERT INTO main.filter_counts (kind, ref, block, upto) "
	"  SELECT 4, kind, b, sum(n) OVER (PARTITION BY kind ORDER BY b) FROM "
	"  (SELECT kind, (id - 1) / 1024 AS b, count(*) AS n "
	"   FROM main.milestones GROUP BY kind, b);";

/* Run SQL; 0, or -1 when the sink failed. */
static int exec(struct db_sink *s, const char *sql)
{
	char *msg = NULL;
	return sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK ? 0 : sink_sql_failed(s, msg);
}

/* A prepared statement, or NULL when the sink failed. */
static sqlite3_stmt *prepare(struct db_sink *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		sink_sql_failed(s, NULL);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* Run one statement with n integer parameters; 0, or -1 when the sink failed. */
static int exec_ints(struct db_sink *s, sqlite3_stmt *st, int n, const int64_t *v)
{
	for (int i = 0; i < n; i++)
		sqlite3_bind_int64(st, i + 1, v[i]);
	return sink_run(s, st);
}

/* ---- eras and paradigms ----------------------------------------------------------------------- */

/* True when period p comes before q: by start (paradigms without years last), end (open
 * last), input order. */
static int period_before(const struct period *p, const struct period *q)
{
	int ps = p->start ? p->start : 9999, qs = q->start ? q->start : 9999;
	int pe = p->has_end ? p->end : 9999, qe = q->has_end ? q->end : 9999;
	if (ps != qs)
		return ps < qs;
	if (pe != qe)
		return pe < qe;
	return p->order < q->order;
}

/* idx[0..n) = the periods in their final order (there are few: insertion sort). */
static void order_periods(const struct period *p, size_t n, size_t *idx)
{
	for (size_t i = 0; i < n; i++) {
		size_t k = i;
		while (k > 0 && period_before(&p[i], &p[idx[k - 1]])) {
			idx[k] = idx[k - 1];
			k--;
		}
		idx[k] = i;
	}
}

/* The eras (k 0) or paradigms (k 1) in their final order; s->period_id[k] maps each symbol
 * to its final id. Returns 1 when some id differs from the symbol, 0, or -1 on failure. */
static int write_period_rows(struct db_sink *s, int k)
{
	static const char *const ins[] = {
		"INSERT INTO main.eras (id, slug, name, start, \"end\", summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		"INSERT INTO main.paradigms (id, slug, name, start, \"end\", summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	};
	size_t n = s->nperiods[k];
	uint32_t nsym = 0;
	for (size_t i = 0; i < n; i++)
		nsym = s->periods[k][i].sym > nsym ? s->periods[k][i].sym : nsym;
	size_t *idx = xmalloc((n ? n : 1) * sizeof *idx);
	order_periods(s->periods[k], n, idx);
	s->period_id[k] = xcalloc((size_t)nsym + 1, sizeof *s->period_id[k]);
	int remap = 0;
	sqlite3_stmt *st = prepare(s, ins[k]);
	for (size_t r = 0; st && r < n; r++) {
		const struct period *p = &s->periods[k][idx[r]];
		s->period_id[k][p->sym] = (int64_t)r + 1;
		remap |= p->sym != r + 1;
		sqlite3_bind_int64(st, 1, (int64_t)r + 1);
		sink_bind_text(st, 2, p->slug);
		sink_bind_text(st, 3, p->name);
		if (p->start)
			sqlite3_bind_int(st, 4, p->start);
		else
			sqlite3_bind_null(st, 4);
		if (p->has_end)
			sqlite3_bind_int(st, 5, p->end);
		else
			sqlite3_bind_null(st, 5);
		sink_bind_text(st, 6, p->summary);
		sink_run(s, st);
	}
	sqlite3_finalize(st);
	free(idx);
	return !st || s->failed ? -1 : remap;
}

/* Eras and paradigms in their final order; the milestones' references renumbered when the
 * ids used so far (symbols, in order of first mention) differ. Returns 0 or -1. */
static int write_periods(struct db_sink *s)
{
	int remap = 0;
	for (int k = 0; k < 2; k++) {
		int rc = write_period_rows(s, k);
		if (rc < 0)
			return -1;
		remap |= rc;
	}
	if (!remap)
		return 0;
	if (exec(s, "CREATE TEMP TABLE pmap (k INTEGER, p INTEGER, f INTEGER, PRIMARY KEY (k, p));") < 0)
		return -1;
	sqlite3_stmt *st = prepare(s, "INSERT INTO temp.pmap VALUES (?1, ?2, ?3)");
	for (int k = 0; st && k < 2; k++)
		for (size_t i = 0; i < s->nperiods[k]; i++) {
			uint32_t sym = s->periods[k][i].sym;
			exec_ints(s, st, 3, (int64_t[]){k, sym, s->period_id[k][sym]});
		}
	sqlite3_finalize(st);
	if (!st || s->failed)
		return -1;
	return exec(s, "UPDATE main.milestones SET era = (SELECT f FROM temp.pmap WHERE k = 0 AND p = era), "
			    "paradigm = (SELECT f FROM temp.pmap WHERE k = 1 AND p = paradigm); DROP TABLE temp.pmap;");
}

/* ---- the milestones' final order ------------------------------------------------------------------ */

struct seq_key {
	uint32_t key;
	int32_t seq;
};

static int cmp_seq_key(const void *a, const void *b)
{
	const struct seq_key *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Renumber the rows when their ids are not the final order o[0..n). Returns 0 or -1. */
static int renumber(struct db_sink *s, const struct seq_key *o, int64_t n)
{
	int needed = 0;
	for (int64_t i = 0; i < n; i++)
		needed |= s->seq_id[o[i].seq] != i + 1;
	if (!needed)
		return 0;
	if (exec(s, "CREATE TEMP TABLE idmap (id INTEGER PRIMARY KEY, old INTEGER NOT NULL);") < 0)
		return -1;
	sqlite3_stmt *st = prepare(s, "INSERT INTO temp.idmap (id, old) VALUES (?1, ?2)");
	for (int64_t i = 0; st && i < n && !s->failed; i++)
		exec_ints(s, st, 2, (int64_t[]){i + 1, s->seq_id[o[i].seq]});
	sqlite3_finalize(st);
	if (st && !s->failed)
		exec(s, remap_sql);
	exec(s, "DROP TABLE temp.idmap;");
	return s->failed ? -1 : 0;
}

/* The final order: by year, month (none first), input order; the rows renumbered when they
 * were not written in it; the per-year table. Returns 0 or -1. */
static int write_order(struct db_sink *s, int64_t n)
{
	struct seq_key *o = xmalloc(((size_t)n + 1) * sizeof *o);
	for (int64_t i = 1; i <= n; i++)
		o[i - 1] = (struct seq_key){s->seq_key[i], (int32_t)i};
	qsort(o, (size_t)n, sizeof *o, cmp_seq_key);
	int rc = renumber(s, o, n);
	sqlite3_stmt *st = rc < 0 ? NULL : prepare(s, "INSERT INTO main.years (year, first_id, count) VALUES (?1, ?2, ?3)");
	for (int64_t i = 0; st && i < n && !s->failed;) {
		uint32_t year = o[i].key / 16;
		int64_t j = i;
		while (j < n && o[j].key / 16 == year)
			j++;
		exec_ints(s, st, 3, (int64_t[]){year, i + 1, j - i});
		i = j;
	}
	sqlite3_finalize(st);
	free(o);
	return !st || s->failed ? -1 : 0;
}

/* Everything that waited for the end of input: the tags and links that pointed forward, the
 * eras, paradigms and tags, the milestones' final order. Returns 0 or -1. */
static int write_rest(struct db_sink *s, const struct import_totals *t)
{
	for (size_t i = 0; i < t->ntags; i++)
		sink_add_tag(s, s->seq_id[t->tags[i].seq], t->tags[i].tag);
	for (size_t i = 0; i < t->nlinks; i++) {
		const struct late_link *l = &t->links[i];
		sink_add_link(s, s->seq_id[l->src], s->seq_id[l->dst], l->note, l->pos);
	}
	s->nlink_rows += (int64_t)t->nlinks;
	struct dlt_batch *batches[] = {s->tag_rows, s->alias_rows, s->link_rows};
	for (size_t i = 0; i < DLT_ARRAY_LEN(batches); i++)
		sink_wrote(s, dlt_batch_flush(batches[i]));
	if (s->failed || write_periods(s) < 0)
		return -1;
	sqlite3_stmt *st = prepare(s, "INSERT INTO main.tags (id, slug, name) VALUES (?1, ?2, ?3)");
	for (size_t i = 0; st && i < s->ntags; i++) {
		sqlite3_bind_int64(st, 1, (int64_t)i + 1);
		sink_bind_text(st, 2, s->tags[i].slug);
		sink_bind_text(st, 3, s->tags[i].name);
		sink_run(s, st);
	}
	sqlite3_finalize(st);
	if (!st || s->failed)
		return -1;
	return write_order(s, t->milestones);
}

/* ---- counts, meta, the search index -------------------------------------------------------------- */

static int cmp_count_row(const void *a, const void *b)
{
	const struct count_row *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->ref != y->ref)
		return x->ref < y->ref ? -1 : 1;
	return x->block < y->block ? -1 : x->block > y->block;
}

/* filter_counts from the counts taken as the rows were written (when their ids were final and
 * every tag known then), else from the tables (counts_sql). Returns 0 or -1. */
static int write_counts(struct db_sink *s, const struct import_totals *t)
{
	if (s->fallback || t->ntags)
		return exec(s, counts_sql);
	for (int k = DLT_COUNT_TAG; k <= DLT_COUNT_KIND; k++)
		for (size_t r = 0; r < s->nctr[k]; r++)
			sink_count_block_done(s, (enum dlt_count_kind)k, (int64_t)r, &s->ctr[k][r]);
	for (size_t i = 0; i < s->ncrows; i++) {   /* eras and paradigms: their final ids */
		struct count_row *r = &s->crows[i];
		if (r->kind == DLT_COUNT_ERA || r->kind == DLT_COUNT_PARADIGM)
			r->ref = s->period_id[r->kind == DLT_COUNT_ERA ? 0 : 1][r->ref];
	}
	qsort(s->crows, s->ncrows, sizeof *s->crows, cmp_count_row);
	sqlite3_stmt *st = prepare(s, "INSERT INTO main.filter_counts (kind, ref, block, upto) VALUES (?1, ?2, ?3, ?4)");
	for (size_t i = 0; st && i < s->ncrows && !s->failed; i++) {
		const struct count_row *r = &s->crows[i];
		sqlite3_bind_int(st, 1, r->kind);
		if (r->kind == DLT_COUNT_KIND)
			sqlite3_bind_text(st, 2, dlt_kind_name((enum dlt_kind)r->ref), -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(st, 2, r->ref);
		sqlite3_bind_int64(st, 3, r->block);
		sqlite3_bind_int64(st, 4, r->upto);
		sink_run(s, st);
	}
	sqlite3_finalize(st);
	return !st || s->failed ? -1 : 0;
}

/* The meta rows: the title (when the input had none), the numbers of milestones and links. */
static int write_meta(struct db_sink *s, int64_t milestones)
{
	sqlite3_stmt *st = s->ins_meta;
	if (!s->have_title) {
		sqlite3_bind_text(st, 1, "title", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, "Timeline", -1, SQLITE_STATIC);
		sink_run(s, st);
	}
	sqlite3_bind_text(st, 1, "milestones", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, milestones);
	sink_run(s, st);
	sqlite3_bind_text(st, 1, "links", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, s->nlink_rows);
	sink_run(s, st);
	return s->failed ? -1 : 0;
}

/* The search index: the indexer thread's, copied in, or built here from the final tables.
 * Commits. Returns 0 or -1. */
static int write_search(struct db_sink *s)
{
	int have = s->fts_feed && fts_finish(&s->fts, 0);
	if (s->tm->on && s->fts.cpu > 0)
		fprintf(stderr, "import: %-26s %8.2f s wall %8.2f s cpu (its own thread)\n", "search index thread",
			s->fts.wall, s->fts.cpu);
	timing_phase(s->tm, "wait for the search index");
	if (!have) {
		char err[256] = "";
		if (exec(s, fts_from_tables_sql) < 0)
			return -1;
		if (fts_write_doc_lengths(s->db, err, sizeof err) < 0) {
			sink_failed(s, "database error", NULL, err);
			return -1;
		}
		if (exec(s, "COMMIT;") < 0)
			return -1;
		timing_phase(s->tm, "search index (from tables)");
		return 0;
	}
	if (exec(s, "COMMIT;") < 0)
		return -1;
	sqlite3_stmt *at = prepare(s, "ATTACH DATABASE ?1 AS fts");
	if (!at)
		return -1;
	sink_bind_text(at, 1, s->fts.path);
	int rc = sqlite3_step(at);
	sqlite3_finalize(at);
	if (sink_wrote(s, rc) < 0 || exec(s, "BEGIN;") < 0 || exec(s, fts_copy_sql) < 0 ||
	    exec(s, "COMMIT; DETACH DATABASE fts;") < 0)
		return -1;
	timing_phase(s->tm, "copy the search index");
	return 0;
}

/* The last search documents to the indexer; or stop it when it is of no use any more. */
static void end_documents(struct db_sink *s)
{
	if (!s->fts.started)
		return;
	if (!s->fts_feed || s->failed) {
		s->fts_feed = 0;
		fts_finish(&s->fts, 1);
		return;
	}
	if (s->doc.len) {
		struct chunk *ch = xcalloc(1, sizeof *ch);
		ch->data = s->doc;
		memset(&s->doc, 0, sizeof s->doc);
		fts_push(&s->fts, ch);
	}
	fts_end(&s->fts);
}

/* Everything after the last record, into the temporary database. Returns 0 or -1. */
static int write_all(struct db_sink *s, const struct import_totals *t)
{
	sink_flush_deferred(s);
	end_documents(s);
	if (s->failed || write_rest(s, t) < 0)
		return -1;
	timing_phase(s->tm, "final order, small tables");
	/* The sorter of CREATE INDEX sorts its runs in helper threads, one per core (up to 4):
	 * the search index thread is done, or nearly, by now. */
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	sqlite3_limit(s->db, SQLITE_LIMIT_WORKER_THREADS, cpus > 1 ? (int)(cpus < 4 ? cpus : 4) : 0);
	if (exec(s, "PRAGMA cache_size = -4096;") < 0 || exec(s, dlt_indexes_sql) < 0)
		return -1;
	timing_phase(s->tm, "indexes");
	if (write_counts(s, t) < 0)
		return -1;
	timing_phase(s->tm, "filter counts");
	if (write_meta(s, t->milestones) < 0 || write_search(s) < 0)
		return -1;
	if (t->milestones <= VACUUM_MAX) {
		if (exec(s, "VACUUM") < 0)
			return -1;
		timing_phase(s->tm, "vacuum");
	}
	return 0;
}

int sink_finish(struct import_sink *is, const struct import_totals *t)
{
	struct db_sink *s = (struct db_sink *)is;
	assert(t->milestones == s->nms);
	int rc = write_all(s, t);
	sqlite3_finalize(s->ins_ms);
	sqlite3_finalize(s->ins_meta);
	s->ins_ms = s->ins_meta = NULL;
	dlt_batch_free(s->tag_rows);
	dlt_batch_free(s->alias_rows);
	dlt_batch_free(s->link_rows);
	s->tag_rows = s->alias_rows = s->link_rows = NULL;
	if (sqlite3_close(s->db) != SQLITE_OK && rc == 0) {
		sink_failed(s, "database error", NULL, sqlite3_errmsg(s->db));
		rc = -1;
	}
	s->db = NULL;
	fts_free(&s->fts);
	/* on the disk before it takes the old file's place; the rename, once done, too */
	if (rc == 0 && (sync_file(s->tmp) < 0 || rename(s->tmp, s->out) < 0)) {
		sink_failed(s, "cannot write", s->out, strerror(errno));
		rc = -1;
	}
	if (rc == 0) {
		signals_forget(s->tmp);
		free(s->tmp);
		s->tmp = NULL;   /* in place: nothing to remove */
		sync_dir_of(s->out);
	}
	sink_free(s);
	return rc;
}
