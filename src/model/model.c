/*
 * model.c -- see model.h. Every query comes from db/queries.h.
 */
#include "model/model.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/vocab.h"
#include "model/search.h"

/* ---- rows ------------------------------------------------------------------------------ */

void dlt_row_clear(struct dlt_row *r)
{
	free(r->slug);
	free(r->title);
	free(r->short_name);
	free(r->kind);
	memset(r, 0, sizeof *r);
}

const char *dlt_row_name(const struct dlt_row *r)
{
	return r->short_name && *r->short_name ? r->short_name : r->title ? r->title : "";
}

void dlt_row_read(sqlite3_stmt *st, struct dlt_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->slug = dlt_col_text(st, 1);
	r->year = sqlite3_column_int(st, 2);
	r->month = sqlite3_column_int(st, 3);
	r->title = dlt_col_text(st, 4);
	r->short_name = dlt_col_text(st, 5);
	r->kind = dlt_col_text(st, 6);
	r->era = sqlite3_column_int64(st, 7);
	r->paradigm = sqlite3_column_int64(st, 8);
	if (!r->slug)
		r->slug = xstrdup("");
	if (!r->title)
		r->title = xstrdup("");
	if (!r->kind)
		r->kind = xstrdup("");
}

int dlt_row_load(struct dlt_db *db, int64_t id, struct dlt_row *r)
{
	sqlite3_stmt *st = dlt_db_stmt(db, Q_MS_ROW);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (dlt_db_step(db, st) != SQLITE_ROW)
		return -1;
	dlt_row_read(st, r);
	sqlite3_reset(st);
	return 0;
}

/* ---- filters and views ------------------------------------------------------------------ */

void dlt_filter_clear(struct dlt_filter *f)
{
	free(f->text);
	free(f->label);
	memset(f, 0, sizeof *f);
}

void dlt_filter_copy(struct dlt_filter *dst, const struct dlt_filter *src)
{
	*dst = *src;
	dst->text = xstrdup(src->text);
	dst->label = xstrdup(src->label);
}

/* The matches of a search view, found by walking them in timeline order a slice at a time:
 * one bit per milestone id, and the number of matches before every block of MS_BLOCK ids. */
#define MS_BLOCK 512

struct matchset {
	uint64_t *bits;        /* bit id - 1 is set when milestone id matches */
	uint32_t *before;      /* before[b]: matches among ids 1 .. b * MS_BLOCK */
	int64_t blocks;        /* entries of before[] computed */
	int64_t max;           /* the highest id */
	int64_t upto;          /* every id <= upto is settled */
	int64_t found;         /* matches <= upto */
	sqlite3_stmt *st;      /* the walk, open between slices */
};

struct dlt_view {
	struct dlt_db *db;
	struct dlt_filter f;
	int64_t lo, hi;        /* id range from the year bounds; [1, INT64_MAX] without them */
	int64_t count;         /* -1 until counted */
	char *expr;            /* search views: the expression with its prefixes expanded */
	struct matchset *ms;   /* search views: the matches walked so far */
	int stale;             /* a query was interrupted: answer nothing */
};

/* The queries of each driving criterion: next, prev, and the count within an id range. */
static const enum dlt_query driver[][3] = {
	[DLT_F_NONE] = {Q_ALL_NEXT, Q_ALL_PREV, Q_MS_MAX_ID},
	[DLT_F_TAG] = {Q_TAG_NEXT, Q_TAG_PREV, Q_TAG_RANGE},
	[DLT_F_ERA] = {Q_ERA_NEXT, Q_ERA_PREV, Q_ERA_RANGE},
	[DLT_F_PARADIGM] = {Q_PAR_NEXT, Q_PAR_PREV, Q_PAR_RANGE},
	[DLT_F_KIND] = {Q_KIND_NEXT, Q_KIND_PREV, Q_KIND_RANGE},
	[DLT_F_QUERY] = {Q_FTS_NEXT, Q_FTS_PREV, Q_FTS_HAS},
};

/* The filter's number in filter_counts (see schema.sql). */
static const int count_kind[] = {[DLT_F_TAG] = 1, [DLT_F_ERA] = 2, [DLT_F_PARADIGM] = 3, [DLT_F_KIND] = 4};

/* Bind the filter's criterion as parameter `idx`. */
static void bind_criterion(const struct dlt_view *v, sqlite3_stmt *st, int idx)
{
	switch (v->f.kind) {
	case DLT_F_TAG:
	case DLT_F_ERA:
	case DLT_F_PARADIGM:
		sqlite3_bind_int64(st, idx, v->f.ref);
		break;
	case DLT_F_KIND:
		sqlite3_bind_text(st, idx, v->f.text ? v->f.text : "", -1, SQLITE_STATIC);
		break;
	case DLT_F_QUERY:
		sqlite3_bind_text(st, idx, v->expr ? v->expr : v->f.text ? v->f.text : "", -1, SQLITE_STATIC);
		break;
	case DLT_F_NONE:
		break;
	}
}

static int64_t max_id(struct dlt_db *db)
{
	sqlite3_stmt *st = dlt_db_stmt(db, Q_MS_MAX_ID);
	int64_t n = 0;
	if (st && dlt_db_step(db, st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return n;
}

/* First id of the first year >= year (or max+1 when none). */
static int64_t first_id_from_year(struct dlt_db *db, int year)
{
	sqlite3_stmt *st = dlt_db_stmt(db, Q_YEAR_FIRST_ID);
	int64_t id = -1;
	if (st) {
		sqlite3_bind_int(st, 1, year);
		if (dlt_db_step(db, st) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	return id >= 0 ? id : max_id(db) + 1;
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

/* A step of a search view's query (see went_stale). */
static int view_step(struct dlt_view *v, sqlite3_stmt *st)
{
	int rc = dlt_db_step(v->db, st);
	if ((rc & 0xFF) == SQLITE_INTERRUPT)
		went_stale(v);
	return rc;
}

struct dlt_view *dlt_view_new(struct dlt_db *db, const struct dlt_filter *f)
{
	struct dlt_view *v = xcalloc(1, sizeof *v);
	v->db = db;
	if (f)
		dlt_filter_copy(&v->f, f);
	v->lo = v->f.year_from ? first_id_from_year(db, v->f.year_from) : 1;
	v->hi = v->f.year_to ? first_id_from_year(db, v->f.year_to + 1) - 1 : INT64_MAX;
	v->count = -1;
	if (v->f.kind == DLT_F_QUERY && v->f.text) {
		struct strbuf sb = {0};
		int64_t docs = -1;
		if (dlt_search_expand(db, v->f.text, &sb, &docs) == 0) {
			if (v->lo == 1 && v->hi == INT64_MAX)
				v->count = docs;
		} else {
			went_stale(v);
		}
		v->expr = sb_detach(&sb);
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

/* ---- a search view's matches ----------------------------------------------------------------- */

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
	if (id <= 0)
		return 0;
	if (id > m->max)
		id = m->max;
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

int dlt_view_progress(struct dlt_view *v, int64_t rows)
{
	if (v->f.kind != DLT_F_QUERY)
		return 1;
	if (v->stale)
		return -1;
	struct matchset *m = v->ms;
	if (!m) {
		m = v->ms = xcalloc(1, sizeof *m);
		m->max = max_id(v->db);
		m->bits = xcalloc((size_t)(m->max / 64 + 1), sizeof *m->bits);
		m->before = xcalloc((size_t)(m->max / MS_BLOCK + 2), sizeof *m->before);
		m->blocks = 1;
	}
	if (m->upto >= m->max)
		return 1;
	if (!m->st) {
		m->st = dlt_db_stmt_new(v->db, Q_FTS_SCAN);
		if (!m->st)
			return -1;
		bind_criterion(v, m->st, 1);
		sqlite3_bind_int64(m->st, 2, m->upto);
	}
	for (int64_t i = 0; i < rows; i++) {
		int rc = dlt_db_step(v->db, m->st);
		if ((rc & 0xFF) == SQLITE_INTERRUPT) {
			/* a key is waiting: pause the walk, go on from `upto` later */
			dlt_db_clear_error(v->db);
			sqlite3_finalize(m->st);
			m->st = NULL;
			return 0;
		}
		if (rc == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(m->st, 0);
			if (id < 1 || id > m->max || id <= m->upto)
				continue;
			m->bits[(id - 1) / 64] |= UINT64_C(1) << ((id - 1) % 64);
			m->upto = id;
			m->found++;
			continue;
		}
		sqlite3_finalize(m->st);
		m->st = NULL;
		if (rc != SQLITE_DONE)
			return -1;
		m->upto = m->max;
		return 1;
	}
	return 0;
}

/* Up to n matches strictly after `from` (dir > 0) or before it, from the walked matches. */
static size_t ms_fetch(struct dlt_view *v, int64_t from, int dir, size_t n, struct dlt_row *out)
{
	struct matchset *m = v->ms;
	size_t got = 0;
	int64_t id = dir > 0 ? (from < 0 ? 0 : from) + 1 : (from > m->max + 1 ? m->max + 1 : from) - 1;
	while (got < n && id >= 1 && id <= m->max) {
		uint64_t w = m->bits[(id - 1) / 64];
		if (!w) {   /* skip a whole word */
			id = dir > 0 ? ((id - 1) / 64 + 1) * 64 + 1 : ((id - 1) / 64) * 64;
			continue;
		}
		if (w >> ((id - 1) % 64) & 1) {
			if (id < v->lo || id > v->hi)
				break;
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

size_t dlt_view_fetch(struct dlt_view *v, int64_t from, int dir, size_t n, struct dlt_row *out)
{
	if (n == 0 || v->lo > v->hi || v->stale)
		return 0;
	if (dir > 0 && from < v->lo - 1)
		from = v->lo - 1;
	if (dir < 0 && v->hi != INT64_MAX && from > v->hi + 1)
		from = v->hi + 1;
	if (v->f.kind == DLT_F_QUERY && ms_done(v))
		return ms_fetch(v, from, dir, n, out);
	sqlite3_stmt *st = dlt_db_stmt(v->db, driver[v->f.kind][dir > 0 ? 0 : 1]);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)n);
	bind_criterion(v, st, 3);
	size_t got = 0;
	while (got < n && view_step(v, st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id < v->lo || id > v->hi)
			break;
		dlt_row_read(st, &out[got++]);
	}
	sqlite3_reset(st);
	if (v->stale) {
		for (size_t i = 0; i < got; i++)
			dlt_row_clear(&out[i]);
		got = 0;
	}
	return got;
}

/* Rows of the view with id <= id, ignoring the year bounds; -1 when not known without
 * walking the matches of a search view further (wait = 0) or when it is stale. */
static int64_t rank_raw(struct dlt_view *v, int64_t id, int wait)
{
	if (id <= 0)
		return 0;
	if (v->f.kind == DLT_F_NONE) {
		int64_t m = max_id(v->db);
		return id < m ? id : m;
	}
	if (v->f.kind == DLT_F_QUERY) {
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
	int64_t top = max_id(v->db);
	if (id > top)
		id = top;
	if (id <= 0)
		return 0;
	int64_t block = (id - 1) / DLT_COUNT_BLOCK, r = 0;
	sqlite3_stmt *st = dlt_db_stmt(v->db, Q_COUNT_BEFORE);
	if (!st)
		return 0;
	sqlite3_bind_int(st, 1, count_kind[v->f.kind]);
	bind_criterion(v, st, 2);
	sqlite3_bind_int64(st, 3, block);
	if (dlt_db_step(v->db, st) == SQLITE_ROW)
		r = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	st = dlt_db_stmt(v->db, driver[v->f.kind][2]);
	if (!st)
		return r;
	bind_criterion(v, st, 1);
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
	} else if (v->lo == 1 && v->hi == INT64_MAX && v->f.kind != DLT_F_NONE && v->f.kind != DLT_F_QUERY) {
		sqlite3_stmt *st = dlt_db_stmt(v->db, Q_COUNT_ALL);
		v->count = 0;
		if (st) {
			sqlite3_bind_int(st, 1, count_kind[v->f.kind]);
			bind_criterion(v, st, 2);
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
	if (v->f.kind == DLT_F_NONE)
		return id >= 1 && id <= max_id(v->db);
	if (v->f.kind == DLT_F_QUERY) {
		if (v->ms && id <= v->ms->upto)
			return ms_has(v->ms, id);
		sqlite3_stmt *st = dlt_db_stmt(v->db, Q_FTS_HAS);
		if (!st)
			return 0;
		bind_criterion(v, st, 1);
		sqlite3_bind_int64(st, 2, id);
		int yes = view_step(v, st) == SQLITE_ROW;
		sqlite3_reset(st);
		return yes && !v->stale;
	}
	struct dlt_row r = {0};
	size_t got = dlt_view_fetch(v, id - 1, 1, 1, &r);
	int yes = got == 1 && r.id == id;
	if (got)
		dlt_row_clear(&r);
	return yes;
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
	int64_t start = first_id_from_year(v->db, year);
	struct dlt_row r = {0};
	if (dlt_view_fetch(v, start - 1, 1, 1, &r) != 1)
		return 0;
	int64_t id = r.id;
	dlt_row_clear(&r);
	return id;
}

/* ---- periods, tags, summary, years ----------------------------------------------------- */

size_t dlt_periods_load(struct dlt_db *db, enum dlt_period_kind kind, struct dlt_period **out)
{
	static const enum dlt_query q[] = {Q_ERA_ALL, Q_PAR_ALL, Q_TAG_ALL};
	sqlite3_stmt *st = dlt_db_stmt(db, q[kind]);
	size_t n = 0, cap = 16;
	struct dlt_period *p = xcalloc(cap, sizeof *p);
	while (st && dlt_db_step(db, st) == SQLITE_ROW) {
		if (n == cap) {
			cap *= 2;
			p = xrealloc(p, cap * sizeof *p);
		}
		struct dlt_period *e = &p[n++];
		memset(e, 0, sizeof *e);
		e->id = sqlite3_column_int64(st, 0);
		e->slug = dlt_col_text(st, 1);
		e->name = dlt_col_text(st, 2);
		if (!e->slug)
			e->slug = xstrdup("");
		if (!e->name)
			e->name = xstrdup("");
		if (kind == DLT_TAGS) {
			e->count = sqlite3_column_int64(st, 3);
		} else {
			e->start = sqlite3_column_int(st, 3);
			e->end = sqlite3_column_int(st, 4);
			e->summary = dlt_col_text(st, 5);
		}
	}
	if (st)
		sqlite3_reset(st);
	*out = p;
	return n;
}

void dlt_periods_free(struct dlt_period *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].slug);
		free(p[i].name);
		free(p[i].summary);
	}
	free(p);
}

int dlt_summary_load(struct dlt_db *db, struct dlt_summary *s)
{
	memset(s, 0, sizeof *s);
	sqlite3_stmt *st = dlt_db_stmt(db, Q_META_GET);
	if (st) {
		sqlite3_bind_text(st, 1, "title", -1, SQLITE_STATIC);
		if (dlt_db_step(db, st) == SQLITE_ROW)
			s->title = dlt_col_text(st, 0);
		sqlite3_reset(st);
	}
	if (!s->title)
		s->title = xstrdup("Timeline");
	s->count = max_id(db);
	st = dlt_db_stmt(db, Q_YEAR_RANGE);
	if (st && dlt_db_step(db, st) == SQLITE_ROW) {
		s->first_year = sqlite3_column_int(st, 0);
		s->last_year = sqlite3_column_int(st, 1);
	}
	if (st)
		sqlite3_reset(st);
	return dlt_db_failed(db) ? -1 : 0;
}

void dlt_summary_clear(struct dlt_summary *s)
{
	free(s->title);
	memset(s, 0, sizeof *s);
}

/* A row of the years table (year, first_id, count) read and checked against the schema's
 * ranges: 64-bit values are read as such, so a foreign file cannot pass a year of 2^63 for
 * one that fits. Returns 1 when the row is sound. */
static int read_year(sqlite3_stmt *st, struct dlt_year *y)
{
	int64_t year = sqlite3_column_int64(st, 0);
	y->first_id = sqlite3_column_int64(st, 1);
	y->count = sqlite3_column_int64(st, 2);
	if (year < DLT_YEAR_MIN || year > DLT_YEAR_MAX || y->first_id < 1 || y->first_id > INT64_MAX / 4 ||
	    y->count < 1 || y->count > DLT_YEAR_COUNT_MAX)
		return 0;
	y->year = (int)year;
	return 1;
}

int dlt_year_near(struct dlt_db *db, int year, int dir, struct dlt_year *out)
{
	sqlite3_stmt *st = dlt_db_stmt(db, dir < 0 ? Q_YEAR_BEFORE : Q_YEAR_AT_OR_AFTER);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, year);
	int rc = dlt_db_step(db, st);
	if (rc == SQLITE_ROW) {
		int ok = read_year(st, out);
		sqlite3_reset(st);
		return ok;
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

size_t dlt_years_all(struct dlt_db *db, struct dlt_year **out)
{
	sqlite3_stmt *st = dlt_db_stmt(db, Q_YEAR_ALL);
	size_t n = 0, cap = 0;
	struct dlt_year *y = NULL;
	while (st && dlt_db_step(db, st) == SQLITE_ROW) {
		DLT_GROW(y, n + 1, cap);
		n += read_year(st, &y[n]);
	}
	if (!y)
		y = xmalloc(sizeof *y);
	*out = y;
	return n;
}

/* ---- milestones ------------------------------------------------------------------------- */

/* Elements of a JSON array of strings, through SQLite's json_each. */
static char **json_strings(struct dlt_db *db, const char *json, size_t *n)
{
	*n = 0;
	sqlite3_stmt *st = dlt_db_stmt(db, Q_MS_JSON_LIST);
	if (!st || !json)
		return NULL;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	size_t cap = 4;
	char **v = xmalloc(cap * sizeof *v);
	while (dlt_db_step(db, st) == SQLITE_ROW) {
		if (*n == cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof *v);
		}
		char *s = dlt_col_text(st, 0);
		v[(*n)++] = s ? s : xstrdup("");
	}
	sqlite3_reset(st);
	return v;
}

/* The figures of a milestone from their JSON (see MS_FIGURES). */
static struct dlt_figure *json_figures(struct dlt_db *db, const char *json, size_t *n)
{
	*n = 0;
	sqlite3_stmt *st = dlt_db_stmt(db, Q_MS_FIGURES);
	if (!st || !json)
		return NULL;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	struct dlt_figure *v = NULL;
	size_t cap = 0;
	while (dlt_db_step(db, st) == SQLITE_ROW) {
		char *text = dlt_col_text(st, 0);
		if (!text)
			continue;
		DLT_GROW(v, *n + 1, cap);
		v[(*n)++] = (struct dlt_figure){text, dlt_col_text(st, 1)};
	}
	sqlite3_reset(st);
	return v;
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

size_t dlt_links_load(struct dlt_db *db, int64_t id, int dir, struct dlt_link **out)
{
	sqlite3_stmt *st = dlt_db_stmt(db, dir > 0 ? Q_LINKS_FROM : Q_LINKS_TO);
	*out = NULL;
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, id);
	size_t n = 0, cap = 0;
	struct dlt_link *l = NULL;
	/* Collect (id, kind, note) first: loading rows reuses other statements. */
	while (dlt_db_step(db, st) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4;
			l = xrealloc(l, cap * sizeof *l);
		}
		memset(&l[n], 0, sizeof l[n]);
		l[n].other.id = sqlite3_column_int64(st, 0);
		l[n].kind = dlt_col_text(st, 1);
		l[n].note = dlt_col_text(st, 2);
		n++;
	}
	sqlite3_reset(st);
	/* Drop links whose other end is missing (a damaged database). */
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t other = l[i].other.id;
		if (dlt_row_load(db, other, &l[i].other) == 0) {
			l[k++] = l[i];
		} else {
			free(l[i].kind);
			free(l[i].note);
		}
	}
	*out = l;
	return k;
}

void dlt_links_free(struct dlt_link *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		dlt_row_clear(&l[i].other);
		free(l[i].kind);
		free(l[i].note);
	}
	free(l);
}

/* Name of period id from a loaded list. */
static char *period_name(struct dlt_db *db, enum dlt_period_kind kind, int64_t id)
{
	if (!id)
		return NULL;
	struct dlt_period *p;
	size_t n = dlt_periods_load(db, kind, &p);
	char *name = NULL;
	for (size_t i = 0; i < n; i++)
		if (p[i].id == id)
			name = xstrdup(p[i].name);
	dlt_periods_free(p, n);
	return name;
}

int dlt_milestone_load(struct dlt_db *db, int64_t id, struct dlt_milestone *m)
{
	memset(m, 0, sizeof *m);
	if (dlt_row_load(db, id, &m->row) < 0)
		return -1;
	sqlite3_stmt *st = dlt_db_stmt(db, Q_MS_DETAIL);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	if (dlt_db_step(db, st) != SQLITE_ROW)
		goto fail;
	char *authors_json = xstrdup(dlt_col_peek(st, 0));
	char *figures_json = xstrdup(dlt_col_peek(st, 14));
	char *sources_json = xstrdup(dlt_col_peek(st, 21));
	m->venue_type = dlt_col_text(st, 20);
	m->author_count = sqlite3_column_int(st, 1);
	m->organization = dlt_col_text(st, 2);
	m->venue = dlt_col_text(st, 3);
	m->paper_title = dlt_col_text(st, 4);
	m->arxiv = dlt_col_text(st, 5);
	m->doi = dlt_col_text(st, 6);
	m->url = dlt_col_text(st, 7);
	m->summary = dlt_col_text(st, 8);
	m->problem = dlt_col_text(st, 9);
	m->insight = dlt_col_text(st, 10);
	m->impact = dlt_col_text(st, 11);
	m->formula = dlt_col_text(st, 12);
	m->architecture = dlt_col_text(st, 13);
	m->anecdote = dlt_col_text(st, 15);
	m->parameters = sqlite3_column_double(st, 16);
	m->training_compute = sqlite3_column_double(st, 17);
	m->scale_source = dlt_col_text(st, 18);
	m->root = sqlite3_column_int(st, 19);
	sqlite3_reset(st);
	m->authors = json_strings(db, authors_json, &m->nauthors);
	m->figures = json_figures(db, figures_json, &m->nfigures);
	m->sources = json_strings(db, sources_json, &m->nsources);
	free(authors_json);
	free(figures_json);
	free(sources_json);
	m->era_name = period_name(db, DLT_ERAS, m->row.era);
	m->paradigm_name = period_name(db, DLT_PARADIGMS, m->row.paradigm);

	st = dlt_db_stmt(db, Q_TAGS_OF);
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		size_t cap = 0;
		while (dlt_db_step(db, st) == SQLITE_ROW) {
			if (m->ntags == cap) {
				cap = cap ? cap * 2 : 4;
				m->tags = xrealloc(m->tags, cap * sizeof *m->tags);
			}
			struct dlt_period *t = &m->tags[m->ntags++];
			memset(t, 0, sizeof *t);
			t->id = sqlite3_column_int64(st, 0);
			t->slug = dlt_col_text(st, 1);
			t->name = dlt_col_text(st, 2);
		}
		sqlite3_reset(st);
	}
	st = dlt_db_stmt(db, Q_ALIASES_OF);
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		size_t cap = 0;
		while (dlt_db_step(db, st) == SQLITE_ROW) {
			if (m->naliases == cap) {
				cap = cap ? cap * 2 : 4;
				m->aliases = xrealloc(m->aliases, cap * sizeof *m->aliases);
			}
			char *a = dlt_col_text(st, 0);
			m->aliases[m->naliases++] = a ? a : xstrdup("");
		}
		sqlite3_reset(st);
	}
	m->nbuilds_on = dlt_links_load(db, id, 1, &m->builds_on);
	m->nled_to = dlt_links_load(db, id, -1, &m->led_to);
	if (dlt_db_failed(db))
		goto fail;
	return 0;
fail:
	dlt_milestone_clear(m);
	return -1;
}

void dlt_milestone_clear(struct dlt_milestone *m)
{
	dlt_row_clear(&m->row);
	free_strings(m->authors, m->nauthors);
	for (size_t i = 0; i < m->nfigures; i++) {
		free(m->figures[i].text);
		free(m->figures[i].source);
	}
	free(m->figures);
	free_strings(m->sources, m->nsources);
	free_strings(m->aliases, m->naliases);
	char *fields[] = {m->organization, m->venue, m->venue_type, m->paper_title, m->arxiv, m->doi, m->url,
			  m->era_name, m->paradigm_name, m->summary, m->problem, m->insight, m->impact,
			  m->formula, m->architecture, m->anecdote, m->scale_source};
	for (size_t i = 0; i < DLT_ARRAY_LEN(fields); i++)
		free(fields[i]);
	for (size_t i = 0; i < m->ntags; i++) {
		free(m->tags[i].slug);
		free(m->tags[i].name);
	}
	free(m->tags);
	dlt_links_free(m->builds_on, m->nbuilds_on);
	dlt_links_free(m->led_to, m->nled_to);
	memset(m, 0, sizeof *m);
}

int dlt_lookup(struct dlt_db *db, const char *name, int64_t *ids, int max)
{
	sqlite3_stmt *st = dlt_db_stmt(db, Q_MS_LOOKUP);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int n = 0;
	while (dlt_db_step(db, st) == SQLITE_ROW) {
		if (n < max)
			ids[n] = sqlite3_column_int64(st, 0);
		n++;
	}
	sqlite3_reset(st);
	return dlt_db_failed(db) ? -1 : n;
}

int64_t dlt_id_by_slug(struct dlt_db *db, const char *slug)
{
	sqlite3_stmt *st = dlt_db_stmt(db, Q_MS_BY_SLUG);
	int64_t id = 0;
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	if (dlt_db_step(db, st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return id;
}
