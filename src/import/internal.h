/*
 * internal.h -- what the files of src/import share and nothing outside it uses:
 *
 *   problems     the problem list (problems.c): one way to add a problem, the order they
 *                are printed in
 *   sink         what the whole-input checks hand on (struct import_sink): the database
 *                writer (sink_db.c, sink_final.c), or for --check one that keeps nothing
 *   timing       DLTIMELINE_IMPORT_TIMING (timing.c)
 *   inputs       the files to read (inputs.c)
 *   chunks       records handed from one thread to another, in blocks
 *   parsers      the parser threads (parse.c, entries.c)
 *   files        the output's checks, temporary and scratch files, fsync (files.c)
 *   signals      SIGBUS on a mapped input, the temporary files removed on SIGINT/TERM/HUP
 *                (signals.c)
 *
 * The whole-input checks are in check.h, the records in record.h, the field checks in
 * fields.h, the symbol tables in symtab.h, the search index in fts.h.
 */
#ifndef DLT_IMPORT_INTERNAL_H
#define DLT_IMPORT_INTERNAL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/util.h"

/* ---- problems (problems.c) ----------------------------------------------------------------- */

/* Where a problem is: an input file (its index in the import's list of files), a line and a
 * column (1-based; 0 when unknown). */
struct where {
	size_t file;           /* WHERE_PROGRAM: the import as a whole ("dltimeline: ...") */
	unsigned line, col;
};
#define WHERE_PROGRAM ((size_t)-1)

/* Problems sort by file, line, column, then `seq`: the phase (collecting, parsing, the
 * whole-input checks, the end), a group (the file while parsing, the check's number) and a
 * counter, so that they come out in the order a one-pass reader would report them. */
#define SEQ(phase, group, n) (((uint64_t)(phase) << 62) | ((uint64_t)(group) << 40) | \
			      ((uint64_t)(n) & ((UINT64_C(1) << 40) - 1)))
enum { PH_COLLECT, PH_PARSE, PH_CHECK, PH_END };
/* The whole-input checks, in the order their problems sort at one position. */
enum { CK_DUP_MS, CK_DUP_PERIOD, CK_DUP_TAG, CK_UNKNOWN_ERA, CK_UNKNOWN_PAR, CK_ERA_YEAR,
       CK_UNKNOWN_TAG, CK_TAG_TWICE, CK_DUP_ALIAS, CK_UNKNOWN_LINK, CK_SELF_LINK,
       CK_LINK_TWICE, CK_CYCLE };

struct problem {
	struct where at;
	uint64_t seq;          /* the order among problems at one position (SEQ) */
	char *msg;             /* one printable line */
	size_t first_file;     /* with first_line: printed as "(first defined in FILE line N)" */
	unsigned first_line;   /* 0: nothing to add */
};

/* The problems one thread found. Zero-initialised is empty; `any` (optional) is a flag
 * shared by every list of one import, set with each problem added to any of them. */
struct problems {
	struct problem *v;
	size_t n, cap;
	atomic_int *any;
};

/* Add a problem at `at`, ordered by `seq`; the message is printf-formatted and sanitised
 * into one printable line. Returns it (valid until the next problem is added). Never fails
 * (out of memory exits). */
struct problem *problem_at(struct problems *pl, struct where at, uint64_t seq, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Say where the thing a problem is about was first defined (file index, line >= 1). */
void problem_first_defined(struct problem *p, size_t file, unsigned line);
/* True when this list, or any list sharing its flag, has a problem. */
int problems_any(const struct problems *pl);
/* Drop the problems after the first n (n <= pl->n). */
void problems_truncate(struct problems *pl, size_t n);
/* Move every problem of `from` to the end of `to`; `from` becomes empty. */
void problems_take(struct problems *to, struct problems *from);
/* Free the problems; the list is empty (and keeps its flag). */
void problems_free(struct problems *pl);
struct inputs;
struct dlt_import_origin;
/* Sort the problems and print one line each to `out`, naming in->files[i] for file i (and
 * "dltimeline" for WHERE_PROGRAM); a made file by its origin's name and source lines. Does
 * not print the count line. */
void problems_print(struct problems *pl, FILE *out, const struct inputs *in);

/* ---- what the checks hand on: the sink -------------------------------------------------------- */

struct ms_record;
struct timing;
struct inputs;

/* A period as defined. */
struct sink_period {
	int is_era;            /* an era, else a paradigm */
	const char *slug, *name, *summary;
	int start, end;        /* 0 when not given (a paradigm need not have years) */
	uint32_t sym;          /* the number milestones refer to it by (ms_refs) */
};

/* A tag as defined; ids are 1, 2, ... in input order. */
struct sink_tag {
	const char *slug, *name;
	int32_t id;
};

/* A milestone's references, as far as they were defined when it was checked. */
struct ms_refs {
	int64_t seq;           /* 1, 2, ... in input order */
	uint32_t era, paradigm;   /* their sink_period.sym; paradigm 0 when none */
	const int32_t *tags;   /* per tag of the record: its id, 0 when defined later */
	const int32_t *links;  /* per link: its target's seq, 0 when the target comes later */
};

/* The references settled at the end of input. */
struct late_tag {
	int64_t seq;           /* the milestone */
	int32_t tag;           /* the tag's id */
};

struct late_link {
	int64_t src, dst;      /* the milestones' seq */
	int pos;               /* the link's place in its builds_on list */
	const char *note;      /* NULL unless the sink asked for notes (late_notes) */
};

struct import_totals {
	int64_t milestones;    /* all of them; every one was handed to milestone() */
	const struct late_tag *tags;
	size_t ntags;
	const struct late_link *links;
	size_t nlinks;
};

/* What the checker hands on, in input order, once an entry has passed its own checks and as
 * long as no problem has been found; then exactly one of finish() (no problem at all) and
 * abandon(). The callbacks other than abandon return 0, or -1 after recording a problem
 * (the import then fails and the checker hands on nothing more). finish() and abandon()
 * free the sink. */
struct import_sink {
	int (*title)(struct import_sink *s, const char *title);
	int (*period)(struct import_sink *s, const struct sink_period *p);
	int (*tag)(struct import_sink *s, const struct sink_tag *t);
	int (*milestone)(struct import_sink *s, const struct ms_record *m, const struct ms_refs *refs);
	/* The end of input: everything is valid. */
	int (*finish)(struct import_sink *s, const struct import_totals *totals);
	/* A problem was found: drop everything, leave nothing behind. */
	void (*abandon)(struct import_sink *s);
	int late_notes;        /* finish() wants the notes of the late links */
};

/* The database sink: writes a temporary database next to `out` as the entries come, and puts
 * it in place of `out` atomically in finish(). NULL after recording a problem when the
 * temporary database cannot be made. */
struct import_sink *db_sink_open(const char *out, long long input_bytes, struct problems *probs,
				 struct timing *tm);

/* ---- files of the import (files.c) -------------------------------------------------------------- */

/* May the import write `out`? 0, or -1 after recording why not: `out` is one of the input
 * files (the same file, by any name), a directory or another file that is not regular, or
 * (unless `force`) an existing file that is neither empty nor a dltimeline database. */
int output_check(const char *out, const struct inputs *in, int force, struct problems *probs);
/* A malloc'd mkstemp template for a temporary file `what` ("tmp", "search") in the directory
 * of path `near`: NEAR.WHAT-XXXXXX, or dltimeline.WHAT-XXXXXX when that name would be longer
 * than a file name may be. Never fails. */
char *temp_template(const char *near, const char *what);
/* A new empty file named by temp_template(near, what), removed if a signal ends the import
 * (signals_mkstemp); with `as_new`, with the permissions a new file gets (mkstemp's are
 * 0600). Its malloc'd path, or NULL (errno set). */
char *temp_file(const char *near, const char *what, int as_new);
/* A scratch file (read and write) in the directory of path `near`, without a name (it
 * disappears with its descriptor). NULL (errno set) when it cannot be made. */
FILE *scratch_file(const char *near);
/* Flush the file at path to the disk: 0, or -1 (errno set). */
int sync_file(const char *path);
/* Flush the directory of path (its entries: a rename) to the disk; failures are ignored. */
void sync_dir_of(const char *path);

/* ---- signals while an import runs (signals.c) ------------------------------------------------- */

/* A parser's read of a mapped file: a SIGBUS on [lo, hi) jumps to `jump` (sigsetjmp(jump, 1)
 * first, then signals_guard) instead of killing the process. */
struct read_guard {
	sigjmp_buf jump;
	const char *lo, *hi;
};

/* Take SIGBUS, and SIGINT, SIGTERM and SIGHUP where they are not ignored or handled already,
 * until signals_end puts the actions back. Signal actions belong to the process: one import
 * at a time. Never fails (what cannot be set is not set). */
void signals_begin(void);
void signals_end(void);
/* mkstemp(path); the file is removed if SIGINT, SIGTERM or SIGHUP kills the import, until
 * signals_forget(path). The descriptor, or -1 (errno set). */
int signals_mkstemp(char *path);
/* The file at path is no longer to be removed on a signal (it was, or it is in place). */
void signals_forget(const char *path);
/* Guard this thread's reads of [lo, lo + len) until signals_unguard. */
void signals_guard(struct read_guard *g, const void *lo, size_t len);
void signals_unguard(struct read_guard *g);

/* ---- DLTIMELINE_IMPORT_TIMING (timing.c) ------------------------------------------------------- */

struct timing {
	int on;                /* DLTIMELINE_IMPORT_TIMING is set (and not 0) */
	double wall, cpu;      /* at the start of the current phase */
};

/* Seconds on `clock` (CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID). */
double timing_now(clockid_t clock);
/* Start timing: reads DLTIMELINE_IMPORT_TIMING. */
void timing_start(struct timing *t);
/* End the current phase: print its times and the peak memory to stderr when timing is on. */
void timing_phase(struct timing *t, const char *name);

/* ---- input files (inputs.c) ------------------------------------------------------------------- */

/* The files to read, in order; zero-initialised is empty. */
struct inputs {
	char **files;
	const struct dlt_import_origin **origin;   /* per file: what it was made from, or NULL */
	unsigned char *skip;   /* per file: collecting it failed (reported), do not read it */
	size_t n, cap;
};

/* Add one command-line path: a file, or a directory's *.yaml and *.yml files in name order.
 * A path that fails (missing, unreadable, a directory without data files, a directory's data
 * file that is not a regular file) is added as skipped and reported to probs. Never fails
 * otherwise. */
void inputs_collect(struct inputs *in, const char *path, const struct dlt_import_origin *origin,
		    struct problems *probs);
/* The size of the regular files to read, in bytes. */
long long inputs_bytes(const struct inputs *in);
/* Free the list; it is empty again. */
void inputs_free(struct inputs *in);

/* ---- chunks of records handed from one thread to another --------------------------------------- */

#define CHUNK_BYTES (256 * 1024)    /* records per hand-over */

struct chunk {
	struct chunk *next;
	struct strbuf data;    /* records (record.h), one after the other */
};

/* A queue of chunks; the producer sets `done` after its last one. */
struct chunkq {
	struct chunk *head, *tail;
	size_t n;
	int done;
};

/* Append c (the queue owns it until it is popped). */
static inline void chunkq_push(struct chunkq *q, struct chunk *c)
{
	c->next = NULL;
	if (q->tail)
		q->tail->next = c;
	else
		q->head = c;
	q->tail = c;
	q->n++;
}

/* The first chunk, or NULL when the queue is empty. */
static inline struct chunk *chunkq_pop(struct chunkq *q)
{
	struct chunk *c = q->head;
	if (c) {
		q->head = c->next;
		if (!q->head)
			q->tail = NULL;
		q->n--;
	}
	return c;
}

/* Free a chunk (NULL is fine). */
static inline void chunk_free(struct chunk *c)
{
	if (c) {
		sb_free(&c->data);
		free(c);
	}
}

/* ---- parser threads (parse.c) ------------------------------------------------------------------- */

struct parsers;

/* Start reading the files of `in` (which must outlive the parsers) on up to two threads;
 * with --strict when `strict`. Their problems raise *any_problem as they are found. Returns
 * NULL only when the field patterns do not compile; when no thread can be started, each file
 * is read by parsers_take itself. */
struct parsers *parsers_start(const struct inputs *in, int strict, atomic_int *any_problem);
/* The next chunk of records of file `file` (not skipped), waiting for it; NULL after the
 * last. Files must be taken in order, each to its end. */
struct chunk *parsers_take(struct parsers *ps, size_t file);
/* Stop and join the threads, move their problems to `into`, free everything. */
void parsers_finish(struct parsers *ps, struct problems *into, const struct timing *tm);

#endif
