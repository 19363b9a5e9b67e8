/*
 * check.h -- the whole-input checks, run by the writer thread on the records of every file
 * in input order: duplicate ids and aliases, references to eras, paradigms, tags and
 * milestones (settled at the end when they point forward), years against their eras, the
 * one title, and builds_on cycles (cycles.c). What passes goes on to the sink.
 */
#ifndef DLT_IMPORT_CHECK_H
#define DLT_IMPORT_CHECK_H

#include <stdint.h>
#include <stdio.h>

#include "import/internal.h"
#include "import/symtab.h"

/* The names the checks know. */
struct names {
	struct symtab ms;      /* milestone ids; def: seq, aux: line of the definition */
	struct symtab era, par;   /* eras, paradigms; def: index in checker.periods + 1 */
	struct symtab tag;     /* def: the tag's id */
	struct symtab alias;   /* without case; def: 1, aux: the owner's milestone symbol */
};

/* An era or a paradigm, as the checks need it. */
struct period_def {
	int start, end, has_end;
	size_t file;
	unsigned line;
};

/* A tag's definition, for "first defined in". */
struct tag_def {
	size_t file;
	unsigned line;
};

/* References to something not defined when they were read, settled at the end. */
struct pend_period {
	uint32_t sym;          /* the era or paradigm */
	int year;              /* the milestone's */
	struct where ms, value;   /* the milestone, and its era/paradigm value */
};

struct pend_tag {
	uint32_t sym;
	int64_t seq;           /* the milestone */
	struct where at;
};

struct pend_link {
	uint32_t sym;          /* the target's milestone id */
	int64_t src;           /* the milestone with the link */
	int pos;               /* its place in builds_on */
	char *note;            /* when the sink wants it (late_notes), else NULL */
	struct where at;
};

struct pending {
	struct pend_period *per[2];   /* eras, paradigms */
	size_t nper[2], capper[2];
	struct pend_tag *tags;
	size_t ntags, captags;
	struct pend_link *links;
	size_t nlinks, caplinks;
};

/* A builds_on link as kept (in a scratch file) for the cycle check. */
struct edge_rec {
	int32_t src, pos;      /* the milestone (seq) and the link's place */
	uint32_t sym;          /* the target's milestone id */
	uint32_t file, line, col;
};

struct checker {
	struct problems *probs;   /* the writer thread's */
	uint64_t nchecks;      /* order of the checks' problems */
	struct import_sink *sink;
	int sink_open;         /* the sink takes entries (no problem so far) */
	size_t nfiles, cur_file;
	int64_t ms_seq;        /* milestones so far */
	int have_title;
	int64_t *file_first_seq;   /* per file: the first milestone sequence number in it */
	size_t files_seen;     /* files whose file_first_seq is set */
	struct names names;
	int32_t *seq_sym;      /* per milestone (seq): its id's symbol, 0 when not staged */
	size_t seq_cap;
	struct period_def *periods[2];
	size_t nperiods[2], capperiods[2];
	struct tag_def *tags;
	size_t ntags, captags;
	struct pending pend;
	FILE *edges;           /* every link, for the cycle check */
	int has_forward;       /* some link points to a later milestone: cycles are possible */
	int32_t *refs;         /* per milestone: its tags' and links' definitions (reused) */
	size_t refs_cap;
	struct late_tag *late_tags;   /* checker_totals */
	struct late_link *late_links;
};

/* Start checking nfiles files, handing on to `sink` (NULL: none); edges is an empty scratch
 * file (w+b) the checker owns from now on. Never fails. */
void checker_init(struct checker *ck, struct problems *probs, struct import_sink *sink, size_t nfiles,
		  FILE *edges);
/* The records of file `file` come next (files in order, skipped ones too). */
void checker_file(struct checker *ck, size_t file);
/* Check the records of a chunk of the current file. */
void checker_chunk(struct checker *ck, const struct chunk *ch);
/* The checks that waited for the end of input: references to later definitions, cycles. */
void checker_settle(struct checker *ck);
/* The totals and the references settled at the end, for the sink's finish(); valid until
 * checker_free. */
void checker_totals(struct checker *ck, struct import_totals *t);
void checker_free(struct checker *ck);

/* The order of the next problem of whole-input check `check` (CK_*). (Inline: cycles.c, which
 * check.c calls, uses it too.) */
static inline uint64_t checker_seq(struct checker *ck, int check)
{
	return SEQ(PH_CHECK, check, ck->nchecks++);
}
/* Report builds_on cycles, each once at the link that closes it (cycles.c). */
void check_cycles(struct checker *ck);

#endif
