/*
 * sink_db.h -- the database sink's state, shared by sink_db.c (its operations, opening),
 * sink_rows.c (the rows as they come) and sink_final.c (everything written at the end).
 * Nothing else includes it: the checker sees a struct import_sink (internal.h).
 *
 * Rows are written while the input goes on, under their final ids when the input is in
 * chronological order (the usual case): the milestones of one year are held back in
 * scratch files by month until the year is complete, then written in order. When a year
 * comes out of order, the rest is written in input order and renumbered at the end.
 */
#ifndef DLT_IMPORT_SINK_DB_H
#define DLT_IMPORT_SINK_DB_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>

#include "core/util.h"
#include "core/vocab.h"
#include "import/batch.h"
#include "import/fts.h"
#include "import/internal.h"

/* A reusable buffer. */
struct scratch {
	void *p;
	size_t cap;
};

/* The rows of one filter (a tag, an era, a paradigm or a kind) counted as they are written,
 * for filter_counts: one entry per block of ids that holds any of them. */
struct counter {
	int64_t total;         /* rows so far */
	int64_t block;         /* the block of the last one */
	int in_block;          /* rows in that block */
};

struct count_row {
	enum dlt_count_kind kind;
	int64_t ref;           /* tag id, era or paradigm symbol (final id once remapped), kind */
	int64_t block, upto;
};

/* A milestone held back until its year is complete: its record is in the scratch file of
 * its month (0 = none), so the year is read back in chronological order, file after file. */
struct deferred {
	int64_t seq;
	uint32_t key;          /* year * 16 + month */
	uint32_t era, par;     /* their symbols */
};

/* An era or a paradigm, kept for the final tables. */
struct period {
	char *slug, *name, *summary;
	int start, end, has_end;
	uint32_t sym;          /* what the milestones' rows hold until the final ids */
	size_t order;          /* input order */
};

struct tagdef {
	char *slug, *name;
};

struct db_sink {
	struct import_sink ops;   /* first: what the checker holds */
	struct problems *probs;   /* the writer thread's */
	struct timing *tm;
	const char *out;       /* the output's name */
	char *tmp;             /* the database being written, renamed to `out` at the end */
	int big;               /* a big input: bigger pages */
	sqlite3 *db;
	sqlite3_stmt *ins_ms, *ins_meta;
	struct dlt_batch *tag_rows, *alias_rows, *link_rows;   /* milestone_tags, aliases, links */
	int failed;            /* a write failed (reported): nothing more is written */
	int have_title;
	int64_t nms;           /* milestones handed over */
	uint32_t *seq_key;     /* per milestone (seq): year * 16 + month */
	int32_t *seq_id;       /* per milestone: the id its rows were written with */
	size_t seq_cap;
	struct period *periods[2];   /* eras, paradigms */
	size_t nperiods[2], capperiods[2];
	struct tagdef *tags;   /* by id - 1 */
	size_t ntags, captags;
	int fallback;          /* the years are not in order: rows in input order, renumbered */
	struct deferred *def;  /* milestones of the current year, held back */
	size_t ndef, capdef;
	FILE *def_file[13];    /* their records, by month (0 = none) */
	int64_t def_bytes[13];
	int64_t def_year, next_id;
	int fts_feed;          /* search documents still go to the indexer thread */
	struct fts_indexer fts;
	struct strbuf doc;     /* search documents waiting to be queued */
	int64_t nlink_rows;    /* links written */
	int64_t *period_id[2]; /* final era and paradigm ids, by symbol */
	struct counter *ctr[DLT_COUNT_KIND + 1];   /* per filter kind, by tag id / symbol / kind */
	size_t nctr[DLT_COUNT_KIND + 1];
	struct count_row *crows;   /* filter_counts rows, when the ids are final as written */
	size_t ncrows, capcrows;
	struct scratch tmp_tags, tmp_rows, tmp_rec, tmp_defs;
};

/* Columns of milestones after the id, in the order write_ms binds them (?2 ...). */
#define MS_COLS "slug, year, month, title, short, kind, authors, author_count, organization, " \
	"venue, paper_title, arxiv, doi, url, era, paradigm, summary, problem, insight, impact, " \
	"formula, architecture, figures, anecdote, parameters, training_compute, scale_source, root, " \
	"venue_type, sources"

/* The sink fails: the first time, the problem "WHAT[ NAME]: WHY" is recorded (problem_at,
 * for the import as a whole); after that nothing more is written. */
void sink_failed(struct db_sink *s, const char *what, const char *name, const char *why);
/* rc, the result of sqlite3_step or of a batch (batch.h): anything but DONE or OK fails the
 * sink with SQLite's message. Returns 0 or -1. */
int sink_wrote(struct db_sink *s, int rc);
/* Step an insert and reset it; 0, or -1 when the sink failed. */
int sink_run(struct db_sink *s, sqlite3_stmt *st);
/* Running SQL: each file has its own static exec() and prepare(), so that the SQL sources
 * test (tests/security/check_sql_sources.py) sees every caller's SQL text. A failure of one
 * (rc and SQLite's message, msg from sqlite3_exec or NULL) fails the sink; returns -1. */
int sink_sql_failed(struct db_sink *s, char *msg);
/* Bind a text, or NULL when s is NULL. */
void sink_bind_text(sqlite3_stmt *st, int i, const char *s);
void sink_add_tag(struct db_sink *s, int64_t id, int64_t tag);
void sink_add_link(struct db_sink *s, int64_t src, int64_t dst, const char *note, int pos);
/* Write the milestones held back, in chronological order. */
void sink_flush_deferred(struct db_sink *s);
/* Write milestone m's rows and search document now, under its final id `id` (sequence number
 * seq; tdefs/ldefs: the ids of its tags, the sequence numbers of its links' targets, 0 for
 * those settled at the end). A failure fails the sink (s->failed). */
void sink_write_ms(struct db_sink *s, const struct ms_record *m, int64_t seq, int64_t id, uint32_t era,
		   uint32_t par, const int32_t *tdefs, const int32_t *ldefs);
/* Hold milestone m back until its year is complete (the scratch file of its month). A
 * failure fails the sink. */
void sink_defer(struct db_sink *s, const struct ms_record *m, const struct ms_refs *r);
/* The filter_counts row of counter c's last block, if it has rows. */
void sink_count_block_done(struct db_sink *s, enum dlt_count_kind kind, int64_t ref, struct counter *c);
/* Close the database, stop the indexer, remove the files that are left, free s. */
void sink_free(struct db_sink *s);

/* import_sink.finish of the database sink (sink_final.c). */
int sink_finish(struct import_sink *is, const struct import_totals *t);

#endif
