/*
 * model.c -- see model.h. Every query comes from db/queries.h.
 */
#include "model/model.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
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
	free(r->lead_author);
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
	r->lead_author = dlt_col_text(st, 9);
	r->more_authors = sqlite3_column_int(st, 10);
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
	s->count = dlt_max_id(db);
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

/* The names of the eras other than `own` whose years include `year`, joined by "; " with
 * their years; NULL when none (eras overlap: a milestone belongs to one of them). */
static char *other_eras(struct dlt_db *db, int64_t own, int year)
{
	struct dlt_period *p;
	size_t n = dlt_periods_load(db, DLT_ERAS, &p);
	struct strbuf sb = {0};
	for (size_t i = 0; i < n; i++)
		if (p[i].id != own && year >= p[i].start && (!p[i].end || year <= p[i].end)) {
			sb_addf(&sb, "%s%s (%d-", sb.len ? "; " : "", p[i].name, p[i].start);
			if (p[i].end)
				sb_addf(&sb, "%d", p[i].end);
			sb_addc(&sb, ')');
		}
	dlt_periods_free(p, n);
	return sb.len ? sb_detach(&sb) : NULL;
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
	m->other_eras = other_eras(db, m->row.era, m->row.year);
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
			  m->era_name, m->other_eras, m->paradigm_name, m->summary, m->problem, m->insight, m->impact,
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
	struct strbuf key = {0};
	utf8_name_key(name, strlen(name), &key);
	if (!key.len) {
		sb_free(&key);
		return 0;
	}
	sqlite3_stmt *st = dlt_db_stmt(db, Q_MS_LOOKUP);
	if (!st) {
		sb_free(&key);
		return -1;
	}
	sqlite3_bind_text(st, 1, sb_str(&key), (int)key.len, SQLITE_STATIC);
	int n = 0;
	while (dlt_db_step(db, st) == SQLITE_ROW) {
		if (n < max)
			ids[n] = sqlite3_column_int64(st, 0);
		n++;
	}
	sqlite3_reset(st);
	sb_free(&key);
	return dlt_db_failed(db) ? -1 : n;
}

int64_t dlt_max_id(struct dlt_db *db)
{
	sqlite3_stmt *st = dlt_db_stmt(db, Q_MS_MAX_ID);
	int64_t n = 0;
	if (st && dlt_db_step(db, st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return n;
}

int64_t dlt_first_id_from_year(struct dlt_db *db, int year)
{
	sqlite3_stmt *st = dlt_db_stmt(db, Q_YEAR_FIRST_ID);
	int64_t id = -1;
	if (st) {
		sqlite3_bind_int(st, 1, year);
		if (dlt_db_step(db, st) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	int64_t end = dlt_max_id(db) + 1;   /* (ids are at most DLT_MAX_MILESTONES: no overflow) */
	return id >= 1 && id < end ? id : end;
}

int dlt_year_ids(struct dlt_db *db, int from, int to, int64_t *lo, int64_t *hi)
{
	*lo = from ? dlt_first_id_from_year(db, from) : 1;
	*hi = to && to < INT_MAX ? dlt_first_id_from_year(db, to + 1) - 1 : INT64_MAX;
	return dlt_db_failed(db) ? -1 : 0;
}

int64_t dlt_led_to_count(struct dlt_db *db, int64_t id)
{
	sqlite3_stmt *st = dlt_db_stmt(db, Q_LED_TO_COUNT);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int64_t n = dlt_db_step(db, st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return n;
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
