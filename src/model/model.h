/*
 * model.h -- the timeline as the UI and the CLI see it: rows in chronological order,
 * filtered views over them with keyset paging, periods (eras, paradigms), tags, full
 * milestone records with their links, and name lookup. No curses, no printing.
 *
 * Milestone ids are their chronological positions (1..N), so "k of N" on the unfiltered
 * timeline is free; filtered views count through an index once per filter.
 */
#ifndef DLT_MODEL_H
#define DLT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

/* One timeline row: what a list line needs. Strings are owned (free with dlt_row_clear). */
struct dlt_row {
	int64_t id;
	char *slug;
	int year;
	int month;          /* 0 when unknown */
	char *title;
	char *short_name;   /* NULL when none */
	char *kind;
	int64_t era;        /* era id */
	int64_t paradigm;   /* paradigm id, 0 when none */
};

/* Read a ROW-shaped result (see queries.h) from st, starting at column 0, into r (the
 * strings are copied and sanitised; absent ones become ""). Cannot fail. */
void dlt_row_read(sqlite3_stmt *st, struct dlt_row *r);
/* Free the strings of a row and zero it. */
void dlt_row_clear(struct dlt_row *r);
/* The name to show for a row: its short name, else its title. */
const char *dlt_row_name(const struct dlt_row *r);

/* What a view is narrowed to. One driving criterion plus an optional year range. */
enum dlt_filter_kind { DLT_F_NONE, DLT_F_TAG, DLT_F_ERA, DLT_F_PARADIGM, DLT_F_KIND, DLT_F_QUERY };

struct dlt_filter {
	enum dlt_filter_kind kind;
	int64_t ref;        /* tag / era / paradigm id */
	char *text;         /* kind name, or compiled FTS expression for DLT_F_QUERY */
	char *label;        /* for display: "tag: CNN", "search: attention" */
	int year_from;      /* 0 = no lower bound */
	int year_to;        /* 0 = no upper bound */
};

/* Free a filter's strings and reset it to "none". */
void dlt_filter_clear(struct dlt_filter *f);
/* Deep copy. */
void dlt_filter_copy(struct dlt_filter *dst, const struct dlt_filter *src);

/* A view: the rows that pass a filter, in timeline order. */
struct dlt_view;

/* Create a view over db with filter f (copied; NULL = everything). Never fails. */
struct dlt_view *dlt_view_new(struct dlt_db *db, const struct dlt_filter *f);
/* Free a view (NULL is fine). */
void dlt_view_free(struct dlt_view *v);
/* The view's filter. */
const struct dlt_filter *dlt_view_filter(const struct dlt_view *v);
/* Fetch up to n rows strictly after id `from` (dir > 0, ascending) or strictly before it
 * (dir < 0, descending). from 0 with dir > 0 starts at the beginning; from INT64_MAX with
 * dir < 0 starts at the end. Returns the number of rows stored in out (caller clears them);
 * 0 at either end or on a database error (see dlt_db_failed). */
size_t dlt_view_fetch(struct dlt_view *v, int64_t from, int dir, size_t n, struct dlt_row *out);
/* Total rows in the view (counted once, then cached). Exact and never a scan: filters are
 * counted from filter_counts; a search view may walk all its matches (the browser does that
 * a slice at a time with dlt_view_progress instead). */
int64_t dlt_view_count(struct dlt_view *v);
/* 1-based position of milestone id in the view (rows with id <= this one). */
int64_t dlt_view_rank(struct dlt_view *v, int64_t id);
/* Without waiting: the total, or -1 while a search view has not walked its matches yet. */
int64_t dlt_view_count_now(struct dlt_view *v);
/* Without waiting: the position of id, or -1 while it is not known yet. */
int64_t dlt_view_rank_now(struct dlt_view *v, int64_t id);
/* Walk up to `rows` more matches of a search view; returns 1 when its count and every
 * position are known, 0 when there is more to walk (an interrupt only pauses the walk), -1
 * when the view is stale or on a database error. Other views: 1. */
int dlt_view_progress(struct dlt_view *v, int64_t rows);
/* True when one of the view's queries was interrupted (by a progress handler): the view then
 * answers nothing, and the database has no error recorded for it. Replace the view. */
int dlt_view_stale(const struct dlt_view *v);
/* True when the view has no rows (one indexed lookup). */
int dlt_view_empty(struct dlt_view *v);
/* True when milestone id passes the view's filter. */
int dlt_view_contains(struct dlt_view *v, int64_t id);
/* First row of the view in year `year` or later: its id, or 0 when there is none. */
int64_t dlt_view_first_from_year(struct dlt_view *v, int year);

/* A named period (era or paradigm) or a tag. */
struct dlt_period {
	int64_t id;
	char *slug;
	char *name;
	char *summary;      /* NULL when none */
	int start;
	int end;            /* 0 = open-ended */
	int64_t count;      /* tags: number of milestones */
};

enum dlt_period_kind { DLT_ERAS, DLT_PARADIGMS, DLT_TAGS };

/* Load all eras, paradigms or tags (ordered by start, or input order for tags). Returns the
 * count and sets *out to a malloc'd array (free with dlt_periods_free); 0 on error. */
size_t dlt_periods_load(struct dlt_db *db, enum dlt_period_kind kind, struct dlt_period **out);
/* Free an array from dlt_periods_load. */
void dlt_periods_free(struct dlt_period *p, size_t n);

/* Timeline-wide facts. */
struct dlt_summary {
	char *title;        /* the timeline's title */
	int64_t count;      /* milestones */
	int first_year, last_year;
};
/* Fill s; returns 0, or -1 on a database error. s is filled either way (title never NULL):
 * free it with dlt_summary_clear in both cases. */
int dlt_summary_load(struct dlt_db *db, struct dlt_summary *s);
void dlt_summary_clear(struct dlt_summary *s);

/* Per-year statistics, written at import. */
struct dlt_year { int year; int64_t first_id; int64_t count; };
#define DLT_YEAR_COUNT_MAX 1000000000   /* milestones in one year, at most */
/* The year entry for `year` or the nearest after it (dir > 0) / before it (dir < 0; strictly
 * before). Returns 1 when found, 0 when none (or when the row is out of the schema's ranges),
 * -1 on a database error. */
int dlt_year_near(struct dlt_db *db, int year, int dir, struct dlt_year *out);
/* All years with sound values (others are skipped), in order; returns the count and a
 * malloc'd array in *out (free it even when the count is 0). On a database error the count
 * is that of the rows read before it (see dlt_db_failed). */
size_t dlt_years_all(struct dlt_db *db, struct dlt_year **out);

/* A link of a milestone, with the other end's row. */
struct dlt_link {
	struct dlt_row other;   /* the milestone at the other end */
	char *kind;             /* "builds_on" */
	char *note;
};

/* A key figure and where it comes from. */
struct dlt_figure {
	char *text;
	char *source;           /* NULL when not given */
};

/* A whole milestone, as shown by the detail pane and `show`. An event's background, what
 * happened and why it mattered are in problem, insight and impact. */
struct dlt_milestone {
	struct dlt_row row;
	char **authors; size_t nauthors;
	int author_count;        /* 0 when the list is complete */
	char *organization, *venue, *venue_type, *paper_title, *arxiv, *doi, *url;
	char *era_name, *paradigm_name;
	char *summary, *problem, *insight, *impact, *formula, *architecture, *anecdote;
	struct dlt_figure *figures; size_t nfigures;
	char **sources; size_t nsources;     /* where the text's claims and numbers come from */
	double parameters, training_compute;   /* 0 when unknown */
	char *scale_source;
	int root;
	struct dlt_period *tags; size_t ntags;
	char **aliases; size_t naliases;
	struct dlt_link *builds_on; size_t nbuilds_on;
	struct dlt_link *led_to; size_t nled_to;
};

/* Load milestone id. Returns 0, or -1 when it does not exist or on a database error. */
int dlt_milestone_load(struct dlt_db *db, int64_t id, struct dlt_milestone *m);
/* Free everything a loaded milestone owns and zero it. */
void dlt_milestone_clear(struct dlt_milestone *m);
/* Load just the list row of milestone id. Returns 0, or -1. */
int dlt_row_load(struct dlt_db *db, int64_t id, struct dlt_row *r);

/* Find milestones named `name` (id, short name, title or alias; case-insensitive). Stores
 * up to max ids in chronological order; returns how many matched (capped at 50), or -1. */
int dlt_lookup(struct dlt_db *db, const char *name, int64_t *ids, int max);
/* Milestone id by exact slug, or 0. */
int64_t dlt_id_by_slug(struct dlt_db *db, const char *slug);

/* The links of a milestone in one direction: dir > 0 what it builds on, dir < 0 what builds
 * on it. Returns the count and a malloc'd array (free with dlt_links_free); 0 when none. */
size_t dlt_links_load(struct dlt_db *db, int64_t id, int dir, struct dlt_link **out);
void dlt_links_free(struct dlt_link *l, size_t n);

#endif
