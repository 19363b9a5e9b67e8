/*
 * view.c -- see view.h.
 */
#include "model/view.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "model/search.h"

/* ---- the walk of a view ------------------------------------------------------------------- */

/* What drives a view: the stream of ids it walks. Every other criterion is checked row by
 * row; the driver's own is not checked again. */
enum drive { DRIVE_ALL, DRIVE_TAG, DRIVE_ERA, DRIVE_PARADIGM, DRIVE_KIND, DRIVE_QUERY, DRIVE_IDS };

/* The queries of each driver: next, prev, and the count within an id range. */
static const enum dlt_query driver_q[][3] = {
	[DRIVE_ALL] = {Q_ALL_NEXT, Q_ALL_PREV, Q_MS_MAX_ID},
	[DRIVE_TAG] = {Q_TAG_NEXT, Q_TAG_PREV, Q_TAG_RANGE},
	[DRIVE_ERA] = {Q_ERA_NEXT, Q_ERA_PREV, Q_ERA_RANGE},
	[DRIVE_PARADIGM] = {Q_PAR_NEXT, Q_PAR_PREV, Q_PAR_RANGE},
	[DRIVE_KIND] = {Q_KIND_NEXT, Q_KIND_PREV, Q_KIND_RANGE},
	[DRIVE_QUERY] = {Q_FTS_NEXT, Q_FTS_PREV, Q_FTS_HAS},
	[DRIVE_IDS] = {Q_MS_ROW, Q_MS_ROW, Q_MS_ROW},
};

/* The driver's number in filter_counts (see schema.sql). */
static const int count_kind[] = {[DRIVE_TAG] = 1, [DRIVE_ERA] = 2, [DRIVE_PARADIGM] = 3, [DRIVE_KIND] = 4};

/* The matches of a view that is not counted by filter_counts, found by walking them in
 * timeline order a slice at a time: one bit per milestone id, and the number of matches
 * before every block of MS_BLOCK ids. */
#define MS_BLOCK 512

struct matchset {
	uint64_t *bits;        /* bit id - 1 is set when milestone id matches */
	uint32_t *before;      /* before[b]: matches among ids 1 .. b * MS_BLOCK */
	int64_t blocks;        /* entries of before[] computed */
	int64_t max;           /* the highest id */
	int64_t upto;          /* every id <= upto is settled */
	sqlite3_stmt *st;      /* the walk, open between slices */
	size_t next_id;        /* DRIVE_IDS: the next index into the ids */
};

struct dlt_view {
	struct dlt_db *db;
	struct dlt_filter f;
	enum drive drive;
	const struct dlt_filter *dlevel;   /* the filter (of the chain) whose criterion drives */
	int64_t ref;                       /* the driver's tag / era / paradigm id */
	const char *text;                  /* the driver's kind, or its expanded expression */
	int compound;                      /* more than the driver: counted through a matchset */
	int row_checks;                    /* criteria that need the row (kind, era, paradigm) */
	int64_t lo, hi;                    /* id range of the year bounds; [1, INT64_MAX] without */
	int64_t count;                     /* -1 until counted */
	char *expr;                        /* the search expression with its prefixes expanded */
	struct matchset *ms;
	int stale;                         /* a query was interrupted: answer nothing */
};

static int uses_matchset(const struct dlt_view *v)
{
	return v->compound || v->drive == DRIVE_QUERY || v->drive == DRIVE_IDS;
}

/* Bind the driver's criterion as parameter idx. */
static void bind_driver(const struct dlt_view *v, sqlite3_stmt *st, int idx)
{
	switch (v->drive) {
	case DRIVE_TAG:
	case DRIVE_ERA:
	case DRIVE_PARADIGM:
		sqlite3_bind_int64(st, idx, v->ref);
		break;
	case DRIVE_KIND:
	case DRIVE_QUERY:
		sqlite3_bind_text(st, idx, v->text ? v->text : "", -1, SQLITE_STATIC);
		break;
	case DRIVE_ALL:
	case DRIVE_IDS:
		break;
	}
}

/* After a failed query of view v: when it was interrupted (the browser's progress handler,
 * when a key is waiting) the view goes stale instead of failing the database. Returns 1 then. */
static int went_stale(struct dlt_view *v)
{
	if ((dlt_db_error_code(v->db) & 0xFF) != SQLITE_INTERRUPT)
		return 0;
	dlt_db_clear_error(v->db);
	v->stale = 1;
	return 1;
}

/* A step of one of the view's queries (see went_stale). */
static int view_step(struct dlt_view *v, sqlite3_stmt *st)
{
	int rc = dlt_db_step(v->db, st);
	if ((rc & 0xFF) == SQLITE_INTERRUPT)
		went_stale(v);
	return rc;
}

/* Choose the driver: the search, else the chosen ids, else a criterion of one value; and
 * find out whether anything else must be checked. */
static void choose_driver(struct dlt_view *v)
{
	int criteria = 0;
	v->drive = DRIVE_ALL;
	for (const struct dlt_filter *f = &v->f; f; f = f->also) {
		criteria += (f->query != NULL) + (f->ntags > 0) + (f->nkinds > 0) + (f->neras > 0) +
			    (f->nparadigms > 0) + (f->only_ids != 0);
		if (f->nkinds || f->neras || f->nparadigms)
			v->row_checks = 1;
	}
	static const enum drive order[] = {DRIVE_QUERY, DRIVE_IDS, DRIVE_TAG, DRIVE_ERA, DRIVE_PARADIGM, DRIVE_KIND};
	for (size_t k = 0; k < DLT_ARRAY_LEN(order) && v->drive == DRIVE_ALL; k++) {
		for (const struct dlt_filter *f = &v->f; f && v->drive == DRIVE_ALL; f = f->also) {
			int one = (order[k] == DRIVE_QUERY && f->query) || (order[k] == DRIVE_IDS && f->only_ids) ||
				  (order[k] == DRIVE_TAG && f->ntags == 1) || (order[k] == DRIVE_ERA && f->neras == 1) ||
				  (order[k] == DRIVE_PARADIGM && f->nparadigms == 1) ||
				  (order[k] == DRIVE_KIND && f->nkinds == 1);
			if (!one)
				continue;
			v->drive = order[k];
			v->dlevel = f;
			v->ref = order[k] == DRIVE_TAG ? f->tags[0] : order[k] == DRIVE_ERA ? f->eras[0] :
				 order[k] == DRIVE_PARADIGM ? f->paradigms[0] : 0;
			v->text = order[k] == DRIVE_KIND ? f->kinds[0] : NULL;
		}
	}
	v->compound = criteria > (v->drive != DRIVE_ALL);
}

struct dlt_view *dlt_view_new(struct dlt_db *db, const struct dlt_filter *f)
{
	struct dlt_view *v = xcalloc(1, sizeof *v);
	v->db = db;
	if (f)
		dlt_filter_copy(&v->f, f);
	int from = 0, to = 0;
	for (const struct dlt_filter *g = &v->f; g; g = g->also) {
		if (g->year_from && g->year_from > from)
			from = g->year_from;
		if (g->year_to && (!to || g->year_to < to))
			to = g->year_to;
	}
	dlt_year_ids(db, from, to, &v->lo, &v->hi);
	v->count = -1;
	choose_driver(v);
	if (v->drive == DRIVE_QUERY) {
		struct strbuf sb = {0};
		int64_t docs = -1;
		if (dlt_search_expand(db, v->dlevel->query, &sb, &docs) == 0) {
			if (v->lo == 1 && v->hi == INT64_MAX && !v->compound)
				v->count = docs;
		} else {
			went_stale(v);
		}
		v->expr = sb_detach(&sb);
		v->text = v->expr;
	}
	return v;
}

static void ms_free(struct matchset *m)
{
	if (!m)
		return;
	sqlite3_finalize(m->st);
	free(m->bits);
	free(m->before);
	free(m);
}

void dlt_view_free(struct dlt_view *v)
{
	if (!v)
		return;
	dlt_filter_clear(&v->f);
	free(v->expr);
	ms_free(v->ms);
	free(v);
}

const struct dlt_filter *dlt_view_filter(const struct dlt_view *v)
{
	return &v->f;
}

int dlt_view_stale(const struct dlt_view *v)
{
	return v->stale;
}

/* ---- checking a row against the criteria the driver does not ensure ------------------------- */

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int has_id(const int64_t *v, size_t n, int64_t x)
{
	return n && bsearch(&x, v, n, sizeof *v, cmp_id) != NULL;
}

static int in_list(const int64_t *v, size_t n, int64_t x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

/* 1 when milestone r has one of the tags, 0 when not, -1 on an error or interrupt. */
static int has_a_tag(struct dlt_view *v, int64_t id, const int64_t *tags, size_t n)
{
	sqlite3_stmt *st = dlt_db_stmt(v->db, Q_HAS_TAG);
	if (!st)
		return -1;
	int rc = SQLITE_DONE;
	for (size_t i = 0; i < n && rc == SQLITE_DONE; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, tags[i]);
		rc = view_step(v, st);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* 1 when the search expression of filter g matches milestone id, 0 when not, -1 on error. */
static int matches_query(struct dlt_view *v, const char *expr, int64_t id)
{
	sqlite3_stmt *st = dlt_db_stmt(v->db, Q_FTS_HAS);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	int rc = view_step(v, st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* 1 when row r passes every criterion the driver does not ensure, 0 when not, -1 on an
 * error or interrupt. */
static int admits(struct dlt_view *v, const struct dlt_row *r)
{
	if (r->id < v->lo || r->id > v->hi)
		return 0;
	for (const struct dlt_filter *f = &v->f; f; f = f->also) {
		int mine = f == v->dlevel;
		if (f->nkinds && !(mine && v->drive == DRIVE_KIND)) {
			int ok = 0;
			for (size_t i = 0; i < f->nkinds && !ok; i++)
				ok = strcmp(r->kind, f->kinds[i]) == 0;
			if (!ok)
				return 0;
		}
		if (f->neras && !(mine && v->drive == DRIVE_ERA) && !in_list(f->eras, f->neras, r->era))
			return 0;
		if (f->nparadigms && !(mine && v->drive == DRIVE_PARADIGM) &&
		    !in_list(f->paradigms, f->nparadigms, r->paradigm))
			return 0;
		if (f->only_ids && !(mine && v->drive == DRIVE_IDS) && !has_id(f->ids, f->nids, r->id))
			return 0;
		if (f->ntags && !(mine && v->drive == DRIVE_TAG)) {
			int t = has_a_tag(v, r->id, f->tags, f->ntags);
			if (t <= 0)
				return t;
		}
		if (f->query && !(mine && v->drive == DRIVE_QUERY)) {
			int q = matches_query(v, f->query, r->id);
			if (q <= 0)
				return q;
		}
	}
	return 1;
}

/* ---- the matchset ---------------------------------------------------------------------------- */

static int ms_done(const struct dlt_view *v)
{
	return v->ms && v->ms->upto >= v->ms->max;
}

static int ms_has(const struct matchset *m, int64_t id)
{
	return id >= 1 && id <= m->max && (m->bits[(id - 1) / 64] >> ((id - 1) % 64) & 1);
}

/* Matches among ids 1..id, for id <= upto. */
static int64_t ms_rank(struct matchset *m, int64_t id)
{
	if (id > m->max)
		id = m->max;
	if (id <= 0)   /* (also when there are no ids at all) */
		return 0;
	int64_t b = (id - 1) / MS_BLOCK;
	while (m->blocks <= b) {
		int64_t k = m->blocks;   /* before[k] = before[k-1] + matches in block k-1 */
		uint32_t n = m->before[k - 1];
		for (int64_t w = (k - 1) * (MS_BLOCK / 64); w < k * (MS_BLOCK / 64); w++)
			n += (uint32_t)__builtin_popcountll(m->bits[w]);
		m->before[k] = n;
		m->blocks++;
	}
	int64_t n = m->before[b];
	int64_t bit = id - 1;   /* count bits b*MS_BLOCK .. bit */
	for (int64_t w = b * (MS_BLOCK / 64); w < bit / 64; w++)
		n += __builtin_popcountll(m->bits[w]);
	uint64_t last = m->bits[bit / 64] & (bit % 64 == 63 ? ~UINT64_C(0) : (UINT64_C(1) << (bit % 64 + 1)) - 1);
	return n + __builtin_popcountll(last);
}

static void ms_set(struct matchset *m, int64_t id)
{
	m->bits[(id - 1) / 64] |= UINT64_C(1) << ((id - 1) % 64);
}

/* The next id of the driver's walk after m->upto, its row in r when a row is needed: 1, or 0
 * at the end, or -1 on an error, or -2 when interrupted (the walk pauses). */
static int ms_next(struct dlt_view *v, struct dlt_row *r, int need_row)
{
	struct matchset *m = v->ms;
	if (v->drive == DRIVE_IDS) {
		const struct dlt_filter *f = v->dlevel;
		for (;;) {
			while (m->next_id < f->nids && f->ids[m->next_id] <= m->upto)
				m->next_id++;
			if (m->next_id >= f->nids || f->ids[m->next_id] > m->max)
				return 0;
			int64_t id = f->ids[m->next_id++];
			if (dlt_row_load(v->db, id, r) == 0)
				return 1;
			if ((dlt_db_error_code(v->db) & 0xFF) == SQLITE_INTERRUPT) {
				dlt_db_clear_error(v->db);
				m->next_id--;
				return -2;
			}
			if (dlt_db_failed(v->db))
				return -1;
			/* a chosen id that is not in this timeline: skip it */
		}
	}
	if (!m->st) {
		enum dlt_query q = v->drive == DRIVE_QUERY && !need_row ? Q_FTS_SCAN : driver_q[v->drive][0];
		m->st = dlt_db_stmt_new(v->db, q);
		if (!m->st)
			return -1;
		if (q == Q_FTS_SCAN) {
			bind_driver(v, m->st, 1);
			sqlite3_bind_int64(m->st, 2, m->upto);
		} else {
			sqlite3_bind_int64(m->st, 1, m->upto);
			sqlite3_bind_int64(m->st, 2, INT64_MAX);
			bind_driver(v, m->st, 3);
		}
	}
	int rc = dlt_db_step(v->db, m->st);
	if (rc == SQLITE_ROW) {
		if (need_row)
			dlt_row_read(m->st, r);
		else
			r->id = sqlite3_column_int64(m->st, 0);
		return 1;
	}
	sqlite3_finalize(m->st);
	m->st = NULL;
	if ((rc & 0xFF) == SQLITE_INTERRUPT) {
		dlt_db_clear_error(v->db);
		return -2;
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

int dlt_view_progress(struct dlt_view *v, int64_t rows)
{
	if (!uses_matchset(v))
		return 1;
	if (v->stale)
		return -1;
	struct matchset *m = v->ms;
	if (!m) {
		m = v->ms = xcalloc(1, sizeof *m);
		m->max = dlt_max_id(v->db);   /* at most DLT_MAX_MILESTONES (db/schema.h) */
		if (m->max < 0)
			m->max = 0;
		m->bits = xcalloc((size_t)(m->max / 64 + 1), sizeof *m->bits);
		m->before = xcalloc((size_t)(m->max / MS_BLOCK + 2), sizeof *m->before);
		m->blocks = 1;
		m->upto = v->lo - 1 < m->max ? v->lo - 1 : m->max;   /* nothing before the years */
	}
	int need_row = v->compound || v->drive == DRIVE_IDS;
	for (int64_t i = 0; i < rows && m->upto < m->max; i++) {
		struct dlt_row r = {0};
		int rc = ms_next(v, &r, need_row);
		if (rc == -2)
			return 0;   /* a key is waiting: go on from `upto` later */
		if (rc <= 0) {
			if (rc < 0)
				return -1;
			m->upto = m->max;
			break;
		}
		int64_t id = r.id;   /* (the row is cleared below: its id is kept here) */
		int ok = id >= 1 && id <= m->max && id > m->upto;
		int a = ok && v->compound ? admits(v, &r) : ok;
		if (need_row)
			dlt_row_clear(&r);
		if (a < 0) {
			if (v->stale) {   /* interrupted: forget the row, redo it later */
				v->stale = 0;
				sqlite3_finalize(m->st);
				m->st = NULL;
				if (m->next_id)
					m->next_id--;
				return 0;
			}
			return -1;
		}
		if (!ok)
			continue;
		if (id > v->hi) {   /* past the years: nothing more */
			sqlite3_finalize(m->st);
			m->st = NULL;
			m->upto = m->max;
			break;
		}
		if (a)
			ms_set(m, id);
		m->upto = id;
	}
	return m->upto >= m->max ? 1 : 0;
}

/* Up to n matches strictly after `from` (dir > 0) or before it, from the walked matches. */
static size_t ms_fetch(struct dlt_view *v, int64_t from, int dir, size_t n, struct dlt_row *out)
{
	struct matchset *m = v->ms;
	size_t got = 0;
	from = from < 0 ? 0 : from > m->max + 1 ? m->max + 1 : from;   /* (no overflow at the extremes) */
	int64_t id = dir > 0 ? from + 1 : from - 1;
	while (got < n && id >= 1 && id <= m->max) {
		uint64_t w = m->bits[(id - 1) / 64];
		if (!w) {   /* skip a whole word */
			id = dir > 0 ? ((id - 1) / 64 + 1) * 64 + 1 : ((id - 1) / 64) * 64;
			continue;
		}
		if (w >> ((id - 1) % 64) & 1) {
			if (dlt_row_load(v->db, id, &out[got]) == 0)
				got++;
			else if (went_stale(v))
				break;
		}
		id += dir > 0 ? 1 : -1;
	}
	return got;
}

/* ---- views --------------------------------------------------------------------------------- */

/* Before the matchset is complete, the chosen ids are fetched one by one. */
static size_t ids_fetch(struct dlt_view *v, int64_t from, int dir, size_t n, struct dlt_row *out)
{
	const struct dlt_filter *f = v->dlevel;
	size_t got = 0;
	/* the first index past `from` in the direction of travel */
	size_t lo = 0, hi = f->nids;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (dir > 0 ? f->ids[mid] <= from : f->ids[mid] < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t k = lo; got < n && (dir > 0 ? k < f->nids : k > 0); dir > 0 ? k++ : k--) {
		int64_t id = f->ids[dir > 0 ? k : k - 1];
		struct dlt_row r = {0};
		if (dlt_row_load(v->db, id, &r) < 0) {
			if (went_stale(v) || dlt_db_failed(v->db))
				break;
			continue;
		}
		int a = admits(v, &r);
		if (a > 0)
			out[got++] = r;
		else
			dlt_row_clear(&r);
		if (a < 0)
			break;
	}
	return got;
}

size_t dlt_view_fetch(struct dlt_view *v, int64_t from, int dir, size_t n, struct dlt_row *out)
{
	if (n == 0 || v->lo > v->hi || v->stale)
		return 0;
	if (dir > 0 && from < v->lo - 1)
		from = v->lo - 1;
	if (dir < 0 && v->hi != INT64_MAX && from > v->hi + 1)
		from = v->hi + 1;
	if (uses_matchset(v) && ms_done(v))
		return ms_fetch(v, from, dir, n, out);
	size_t got = 0;
	if (v->drive == DRIVE_IDS) {
		got = ids_fetch(v, from, dir, n, out);
	} else {
		sqlite3_stmt *st = dlt_db_stmt(v->db, driver_q[v->drive][dir > 0 ? 0 : 1]);
		if (!st)
			return 0;
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, v->compound ? INT64_MAX : (sqlite3_int64)n);
		bind_driver(v, st, 3);
		while (got < n && view_step(v, st) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, 0);
			if (dir > 0 ? id > v->hi : id < v->lo)
				break;
			dlt_row_read(st, &out[got]);
			int a = v->compound ? admits(v, &out[got]) : 1;
			if (a > 0)
				got++;
			else
				dlt_row_clear(&out[got]);
			if (a < 0)
				break;
		}
		sqlite3_reset(st);
	}
	if (v->stale) {
		for (size_t i = 0; i < got; i++)
			dlt_row_clear(&out[i]);
		got = 0;
	}
	return got;
}

/* Rows of the view with id <= id, ignoring the year bounds for a view of one criterion; -1
 * when not known without walking the matches further (wait = 0), or when stale. */
static int64_t rank_raw(struct dlt_view *v, int64_t id, int wait)
{
	if (id <= 0)
		return 0;
	if (v->drive == DRIVE_ALL && !v->compound) {
		int64_t m = dlt_max_id(v->db);
		return id < m ? id : m;
	}
	if (uses_matchset(v)) {
		if (!v->ms && dlt_view_progress(v, 0) < 0)
			return -1;
		while (v->ms->upto < id && v->ms->upto < v->ms->max) {
			if (!wait || dlt_view_progress(v, 65536) < 0)
				return -1;
		}
		return ms_rank(v->ms, id);
	}
	/* the precomputed count up to the end of the previous block, plus the rows counted in
	 * this block through the index */
	int64_t top = dlt_max_id(v->db);
	if (id > top)
		id = top;
	if (id <= 0)
		return 0;
	int64_t block = (id - 1) / DLT_COUNT_BLOCK, r = 0;
	sqlite3_stmt *st = dlt_db_stmt(v->db, Q_COUNT_BEFORE);
	if (!st)
		return 0;
	sqlite3_bind_int(st, 1, count_kind[v->drive]);
	bind_driver(v, st, 2);
	sqlite3_bind_int64(st, 3, block);
	if (dlt_db_step(v->db, st) == SQLITE_ROW)
		r = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	st = dlt_db_stmt(v->db, driver_q[v->drive][2]);
	if (!st)
		return r;
	bind_driver(v, st, 1);
	sqlite3_bind_int64(st, 2, block * DLT_COUNT_BLOCK + 1);
	sqlite3_bind_int64(st, 3, id);
	if (dlt_db_step(v->db, st) == SQLITE_ROW)
		r += sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return r;
}

/* The count; -1 when not known without waiting (see rank_raw). */
static int64_t view_count(struct dlt_view *v, int wait)
{
	if (v->count >= 0)
		return v->count;
	if (v->lo > v->hi) {
		v->count = 0;
	} else if (uses_matchset(v)) {
		int64_t a = rank_raw(v, INT64_MAX, wait);   /* the year bounds are in the matchset */
		if (a < 0)
			return -1;
		v->count = a;
	} else if (v->lo == 1 && v->hi == INT64_MAX && v->drive != DRIVE_ALL) {
		sqlite3_stmt *st = dlt_db_stmt(v->db, Q_COUNT_ALL);
		v->count = 0;
		if (st) {
			sqlite3_bind_int(st, 1, count_kind[v->drive]);
			bind_driver(v, st, 2);
			if (dlt_db_step(v->db, st) == SQLITE_ROW)
				v->count = sqlite3_column_int64(st, 0);
			sqlite3_reset(st);
		}
	} else {
		int64_t a = rank_raw(v, v->hi, wait), b = a < 0 ? -1 : rank_raw(v, v->lo - 1, wait);
		if (a < 0 || b < 0)
			return -1;
		v->count = a - b;
	}
	return v->count;
}

static int64_t view_rank(struct dlt_view *v, int64_t id, int wait)
{
	if (id < v->lo)
		return 0;
	if (uses_matchset(v))
		return rank_raw(v, id < v->hi ? id : v->hi, wait);
	int64_t a = rank_raw(v, id < v->hi ? id : v->hi, wait), b = a < 0 ? -1 : rank_raw(v, v->lo - 1, wait);
	return a < 0 || b < 0 ? -1 : a - b;
}

int64_t dlt_view_count(struct dlt_view *v)
{
	int64_t n = view_count(v, 1);
	return n < 0 ? 0 : n;
}

int64_t dlt_view_rank(struct dlt_view *v, int64_t id)
{
	int64_t r = view_rank(v, id, 1);
	return r < 0 ? 0 : r;
}

int64_t dlt_view_count_now(struct dlt_view *v)
{
	return view_count(v, 0);
}

int64_t dlt_view_rank_now(struct dlt_view *v, int64_t id)
{
	return view_rank(v, id, 0);
}

int dlt_view_contains(struct dlt_view *v, int64_t id)
{
	if (id < v->lo || id > v->hi || v->stale)
		return 0;
	if (v->drive == DRIVE_ALL && !v->compound)
		return id >= 1 && id <= dlt_max_id(v->db);
	if (uses_matchset(v) && v->ms && id <= v->ms->upto)
		return ms_has(v->ms, id);
	if (v->drive == DRIVE_QUERY && !v->compound)
		return matches_query(v, v->expr, id) == 1 && !v->stale;
	struct dlt_row r = {0};
	if (dlt_row_load(v->db, id, &r) < 0) {
		went_stale(v);
		return 0;
	}
	int yes = 0;
	if (v->drive == DRIVE_QUERY)
		yes = matches_query(v, v->expr, id) == 1;
	else if (v->drive == DRIVE_IDS)
		yes = has_id(v->dlevel->ids, v->dlevel->nids, id);
	else if (v->drive == DRIVE_TAG)
		yes = has_a_tag(v, id, &v->ref, 1) == 1;
	else
		yes = (v->drive != DRIVE_ERA || r.era == v->ref) && (v->drive != DRIVE_PARADIGM || r.paradigm == v->ref) &&
		      (v->drive != DRIVE_KIND || strcmp(r.kind, v->text) == 0);
	if (yes && v->compound)
		yes = admits(v, &r) == 1;
	dlt_row_clear(&r);
	return yes && !v->stale;
}

int dlt_view_empty(struct dlt_view *v)
{
	struct dlt_row r = {0};
	if (dlt_view_fetch(v, 0, 1, 1, &r) != 1)
		return 1;
	dlt_row_clear(&r);
	return 0;
}

int64_t dlt_view_first_from_year(struct dlt_view *v, int year)
{
	int64_t start = dlt_first_id_from_year(v->db, year);
	struct dlt_row r = {0};
	if (dlt_view_fetch(v, start - 1, 1, 1, &r) != 1)
		return 0;
	int64_t id = r.id;
	dlt_row_clear(&r);
	return id;
}
