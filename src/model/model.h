/*
 * model.h -- the timeline as the UI and the CLI see it: rows in chronological order,
 * periods (eras, paradigms), tags, full milestone records with their links, and name
 * lookup. Filtered views are in view.h. No curses, no printing.
 *
 * Milestone ids are their chronological positions (1..N).
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
	char *lead_author;  /* the first author, NULL when none */
	int more_authors;   /* there are more authors than the first */
};

/* Read a ROW-shaped result (see queries.h) from st, starting at column 0, into r (the
 * strings are copied and sanitised; absent ones become ""). Cannot fail. */
void dlt_row_read(sqlite3_stmt *st, struct dlt_row *r);
/* Free the strings of a row and zero it. */
void dlt_row_clear(struct dlt_row *r);
/* The name to show for a row: its short name, else its title. */
const char *dlt_row_name(const struct dlt_row *r);

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
	char *other_eras;        /* the other eras whose years include its date, or NULL */
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

/* Find milestones named `name`: its id, short name, title, paper title or an alias, compared
 * as name keys (letters and digits without case or accents: "gpt3" names GPT-3). Stores
 * up to max ids in chronological order; returns how many matched (capped at 50), or -1. */
int dlt_lookup(struct dlt_db *db, const char *name, int64_t *ids, int max);
/* The highest milestone id (the number of milestones), 0 when none or on an error. */
int64_t dlt_max_id(struct dlt_db *db);
/* The first id of year `year` or a later year; dlt_max_id() + 1 when there is none. */
int64_t dlt_first_id_from_year(struct dlt_db *db, int year);
/* The ids of the milestones of years from..to (0: open) as the range *lo..*hi ([1, INT64_MAX]
 * without bounds; *lo > *hi when no milestone falls in them). Returns 0, or -1 on an error. */
int dlt_year_ids(struct dlt_db *db, int from, int to, int64_t *lo, int64_t *hi);
/* How many milestones build on milestone id (its "led to" links): 0 or more, -1 on an error. */
int64_t dlt_led_to_count(struct dlt_db *db, int64_t id);
/* Milestone id by exact slug, or 0. */
int64_t dlt_id_by_slug(struct dlt_db *db, const char *slug);

/* The links of a milestone in one direction: dir > 0 what it builds on, dir < 0 what builds
 * on it. Returns the count and a malloc'd array (free with dlt_links_free); 0 when none. */
size_t dlt_links_load(struct dlt_db *db, int64_t id, int dir, struct dlt_link **out);
void dlt_links_free(struct dlt_link *l, size_t n);

#endif
