/*
 * import.c -- see import.h.
 *
 * The pipeline:
 *   1. collect the input files (directories are expanded, sorted by name);
 *   2. two parser threads read whole files with ynode (libyaml) and check each entry's
 *      fields; every entry becomes a compact record in a bounded queue of its file, so the
 *      writer sees the entries in input order whichever thread parsed them;
 *   3. the writer (the calling thread) numbers the entries and runs the whole-input checks
 *      with in-memory tables (duplicate ids and aliases, references, years of the eras).
 *      While no problem has been found it also writes the final rows at once, a milestone's
 *      sequence number being its id (right when the input is in chronological order, the
 *      usual case), and hands the search text to a third thread, which builds the full-text
 *      index in a scratch database next to the output;
 *   4. at the end: references to entries defined later, builds_on cycles. If there was no
 *      problem: renumber when the input was not chronological (and then index the search
 *      text from the final tables), write the small tables and precomputed counts, build
 *      the indexes, copy the full-text index in, and rename the file into place.
 * Every problem is recorded with its position; they are printed sorted at the end, in the
 * order a one-pass reader reports them (file, line, column, then parse before checks).
 *
 * DLTIMELINE_IMPORT_TIMING=1 prints the wall and CPU time of each phase to stderr.
 */
#include "import/import.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <regex.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/json.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/vocab.h"
#include "db/db.h"
#include "db/rank.h"
#include "import/batch.h"
#include "import/fts.h"
#include "import/internal.h"
#include "import/record.h"
#include "import/symtab.h"
#include "import/schema_text.h"
#include "import/yfast.h"
#include "import/ynode.h"

#define SCRATCH_BUFFER (64 * 1024)  /* stdio buffer of a scratch file */
#define VACUUM_MAX 50000            /* compact databases up to this many milestones */
#define BIG_INPUT (16 << 20)        /* input bytes from which the database gets 16 KiB pages */


/* counts_sql writes blocks of 1024 ids, as the readers expect */
_Static_assert(DLT_COUNT_BLOCK == 1024, "counts_sql: filter_counts blocks are 1024 ids");

/* ---- the importer -------------------------------------------------------------------------- */

/* An era or a paradigm as defined. */
struct period {
	char *slug, *name, *summary;
	int start, end, has_end;
	int64_t item_seq;
	uint32_t file, line;
};

struct tagdef {
	char *slug, *name;
	uint32_t file, line;
};

/* A reference to something not defined when it was read, settled at the end. */
struct pend_period {
	uint32_t sym;          /* symbol index + 1 */
	int year;
	uint32_t file, line, col, nline, ncol;   /* the milestone, and its era/paradigm value */
};

struct pend_tag {
	uint32_t sym;
	int64_t seq;
	uint32_t file, line, col;
};

struct pend_link {
	uint32_t sym;
	int64_t src;
	int pos;
	char *note;
	uint32_t file, line, col;
};

/* A builds_on link as kept (in a scratch file) for the cycle check. */
struct edge_rec {
	int32_t src, pos;
	uint32_t sym, file, line, col;
};

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
	int kind;              /* 1 tag, 2 era, 3 paradigm, 4 kind */
	int64_t ref;           /* tag id, era or paradigm symbol, kind number */
	int64_t block, upto;
};

/* A milestone held back until its year is complete: its record is in the scratch file of
 * its month (0 = none), so the year is read back in chronological order, file after file. */
struct deferred {
	int64_t seq;
	uint32_t key;          /* year * 16 + month */
	uint32_t era, par;     /* their symbols */
};

struct importer {
	const struct dlt_import_opts *opts;
	struct timing tm;
	struct inputs in;
	struct problems probs;     /* collecting, the writer's checks and the end */
	uint64_t nchecks;          /* order of the writer's check problems */

	atomic_int any_problem;    /* some problem was found: the import will fail */

	/* the writer */
	sqlite3 *db;
	int writing;               /* an output database is being written */
	int big;                   /* the input is big: bigger pages */
	sqlite3_stmt *ins_ms, *ins_meta;
	struct dlt_batch *tag_rows, *alias_rows, *link_rows;   /* milestone_tags, aliases, links */
	size_t cur_file;
	int64_t ms_seq, item_seq;
	int have_title;
	int64_t *file_first_seq;   /* per file: the first milestone sequence number in it */
	size_t files_seen;         /* files whose file_first_seq is set */
	struct symtab ms_syms, era_syms, par_syms, tag_syms, alias_syms;
	int32_t *seq_sym;          /* per milestone: its symbol + 1, 0 when not valid */
	uint32_t *seq_key;         /* per milestone: year * 16 + month */
	int32_t *seq_id;           /* per milestone: the id its rows were written with */
	size_t seq_cap;
	struct period *periods[2]; /* eras, paradigms */
	size_t nperiods[2], capperiods[2];
	struct tagdef *tags;
	size_t ntags, captags;
	struct pend_period *pend_per[2];
	size_t npend_per[2], cappend_per[2];
	struct pend_tag *pend_tags;
	size_t npend_tags, cappend_tags;
	struct pend_link *pend_links;
	size_t npend_links, cappend_links;
	FILE *edges;               /* every link, for the cycle check */
	char *edges_path;
	int has_forward;           /* some link points to a later milestone: cycles are possible */
	uint32_t last_key;
	int fallback;              /* the milestones' years are not in order: renumber at the end */
	struct deferred *def;      /* milestones of the current year, held back */
	size_t ndef, capdef;
	FILE *def_file[13];        /* their records, by month (0 = none) */
	int64_t def_bytes[13];
	int64_t def_year, next_id;
	int fts_feed;              /* search documents still go to the indexer thread */
	int64_t nlink_rows;        /* links written */
	int failed_write;          /* a write failed: the reason is in write_err */
	char write_err[256];
	struct fts_indexer fts;
	int64_t *period_id[2];     /* final era and paradigm ids, by symbol */
	struct counter *ctr[DLT_COUNT_KIND + 1];   /* per filter kind, by tag id / symbol / kind */
	size_t nctr[DLT_COUNT_KIND + 1];
	struct count_row *crows;   /* filter_counts rows, when the ids are final as written */
	size_t ncrows, capcrows;
	struct strbuf doc;         /* search documents waiting to be queued */
	struct scratch tmp_tags, tmp_rows, tmp_rec, tmp_tdefs, tmp_defs;
	const char *scratch_dir;   /* scratch files go next to this path */
};

/* ---- the writer's problems --------------------------------------------------------------- */

/* The order of the next problem of whole-input check `check`. */
static uint64_t wcheck_seq(struct importer *imp, int check)
{
	return SEQ(PH_CHECK, check, imp->nchecks++);
}

/* A problem of the import as a whole ("dltimeline: ..."), found at the end. */
static uint64_t end_seq(const struct importer *imp)
{
	return SEQ(PH_END, 0, imp->probs.n);
}

static const struct where at_program = {WHERE_PROGRAM, 0, 0};

/* Writing goes on only while nothing is wrong: a failed import writes nothing anyway. */
static int writing(struct importer *imp)
{
	return imp->writing && !imp->failed_write && !atomic_load(&imp->any_problem);
}

/* Keep the first failure of an insert (which the checks should have prevented) to be
 * reported: rc is the result of sqlite3_step, or of a batch (batch.h). */
static void wrote(struct importer *imp, int rc)
{
	if (rc != SQLITE_DONE && rc != SQLITE_OK && !imp->failed_write) {
		imp->failed_write = 1;
		snprintf(imp->write_err, sizeof imp->write_err, "%s", sqlite3_errmsg(imp->db));
	}
}

/* Step an insert; a failure is kept to be reported. */
static void run(struct importer *imp, sqlite3_stmt *st)
{
	wrote(imp, sqlite3_step(st));
	sqlite3_reset(st);
}

static void batch_row(struct importer *imp, struct dlt_batch *b)
{
	wrote(imp, dlt_batch_row(b));
}

static void add_tag(struct importer *imp, int64_t id, int64_t tag)
{
	dlt_batch_int(imp->tag_rows, id);
	dlt_batch_int(imp->tag_rows, tag);
	batch_row(imp, imp->tag_rows);
}

static void add_link(struct importer *imp, int64_t src, int64_t dst, const char *note, int pos)
{
	dlt_batch_int(imp->link_rows, src);
	dlt_batch_int(imp->link_rows, dst);
	dlt_batch_text(imp->link_rows, note);
	dlt_batch_int(imp->link_rows, pos);
	batch_row(imp, imp->link_rows);
}

/* A scratch file next to the database, already unlinked. */
static FILE *scratch_file(const char *db_path)
{
	struct strbuf sb = {0};
	sb_addf(&sb, "%s-scratch-XXXXXX", db_path);
	int fd = mkstemp(sb.buf);
	FILE *fp = NULL;
	if (fd >= 0) {
		unlink(sb.buf);
		fp = fdopen(fd, "w+b");
		if (!fp)
			close(fd);
		else
			setvbuf(fp, NULL, _IOFBF, SCRATCH_BUFFER);   /* fewer system calls than BUFSIZ's */
	}
	sb_free(&sb);
	return fp;
}

/* A scratch file could not be written or read back. */
static void scratch_failed(struct importer *imp)
{
	if (!imp->failed_write) {
		imp->failed_write = 1;
		snprintf(imp->write_err, sizeof imp->write_err, "scratch file: %s", strerror(errno));
	}
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* ---- records -> checks and rows ------------------------------------------------------------ */

static void seq_reserve(struct importer *imp, int64_t seq)
{
	if ((size_t)seq < imp->seq_cap)
		return;
	size_t cap = imp->seq_cap ? imp->seq_cap * 2 : 4096;
	while (cap <= (size_t)seq)
		cap *= 2;
	imp->seq_sym = xrealloc(imp->seq_sym, cap * sizeof *imp->seq_sym);
	imp->seq_key = xrealloc(imp->seq_key, cap * sizeof *imp->seq_key);
	imp->seq_id = xrealloc(imp->seq_id, cap * sizeof *imp->seq_id);
	memset(imp->seq_id + imp->seq_cap, 0, (cap - imp->seq_cap) * sizeof *imp->seq_id);
	memset(imp->seq_sym + imp->seq_cap, 0, (cap - imp->seq_cap) * sizeof *imp->seq_sym);
	memset(imp->seq_key + imp->seq_cap, 0, (cap - imp->seq_cap) * sizeof *imp->seq_key);
	imp->seq_cap = cap;
}

/* The file a milestone was read from. */
static size_t file_of_seq(const struct importer *imp, int64_t seq)
{
	size_t lo = 0, hi = imp->files_seen;   /* the last of them that starts at or before seq */
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (imp->file_first_seq[mid] <= seq)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static void handle_title(struct importer *imp, struct rec_reader *r)
{
	struct rec_title t;
	rec_title_get(r, &t);
	if (imp->have_title++) {
		problem_at(&imp->probs, (struct where){imp->cur_file, t.line, t.col},
			   SEQ(PH_PARSE, imp->cur_file, t.slot), "'title' is given more than once");
		return;
	}
	if (imp->writing) {
		sqlite3_bind_text(imp->ins_meta, 1, "title", -1, SQLITE_STATIC);
		bind_text(imp->ins_meta, 2, t.text);
		run(imp, imp->ins_meta);
	}
}

static void handle_period(struct importer *imp, struct rec_reader *r)
{
	struct rec_period p;
	rec_period_get(r, &p);
	int k = p.is_era ? 0 : 1;   /* 0 eras, 1 paradigms */
	const char *slug = p.slug, *name = p.name, *summary = p.summary;
	int start = (int)p.start, end = (int)p.end;
	unsigned line = p.line, col = p.col;
	struct symtab *t = k == 0 ? &imp->era_syms : &imp->par_syms;
	struct sym *y = symtab_at(t, symtab_get(t, slug, 1));
	if (y->def) {
		const struct period *first = &imp->periods[k][y->def - 1];
		problem_first_defined(problem_at(&imp->probs, (struct where){imp->cur_file, line, col},
						 wcheck_seq(imp, CK_DUP_PERIOD), "duplicate %s id '%s'",
						 k == 0 ? "era" : "paradigm", slug),
				      first->file, first->line);
	}
	if (imp->nperiods[k] == imp->capperiods[k]) {
		imp->capperiods[k] = imp->capperiods[k] ? imp->capperiods[k] * 2 : 16;
		imp->periods[k] = xrealloc(imp->periods[k], imp->capperiods[k] * sizeof *imp->periods[k]);
	}
	imp->periods[k][imp->nperiods[k]++] = (struct period){xstrdup(slug), xstrdup(name), xstrdup(summary),
		start, end, end != 0, ++imp->item_seq, (uint32_t)imp->cur_file, line};
	if (!y->def)
		y->def = (int32_t)imp->nperiods[k];
}

static void handle_tag(struct importer *imp, struct rec_reader *r)
{
	struct rec_tag g;
	rec_tag_get(r, &g);
	const char *slug = g.slug, *name = g.name;
	unsigned line = g.line, col = g.col;
	struct sym *y = symtab_at(&imp->tag_syms, symtab_get(&imp->tag_syms, slug, 1));
	if (y->def) {
		const struct tagdef *first = &imp->tags[y->def - 1];
		problem_first_defined(problem_at(&imp->probs, (struct where){imp->cur_file, line, col},
						 wcheck_seq(imp, CK_DUP_TAG), "duplicate tag id '%s'", slug),
				      first->file, first->line);
	}
	if (imp->ntags == imp->captags) {
		imp->captags = imp->captags ? imp->captags * 2 : 64;
		imp->tags = xrealloc(imp->tags, imp->captags * sizeof *imp->tags);
	}
	imp->tags[imp->ntags++] = (struct tagdef){xstrdup(slug), xstrdup(name), (uint32_t)imp->cur_file, line};
	++imp->item_seq;
	if (!y->def)
		y->def = (int32_t)imp->ntags;
}

/* The year of a milestone against its era (k 0); a paradigm (k 1) may be followed at any
 * date, so there is nothing to check. */
static void check_period_year(struct importer *imp, int k, const struct period *p, const char *slug,
			      int year, size_t file, unsigned line, unsigned col)
{
	if (k == 1 || (year >= p->start && year <= (p->has_end ? p->end : DLT_YEAR_MAX)))
		return;
	char end[16];
	if (p->has_end)
		snprintf(end, sizeof end, "%d", p->end);
	else
		snprintf(end, sizeof end, "now");
	problem_at(&imp->probs, (struct where){file, line, col}, wcheck_seq(imp, CK_ERA_YEAR), "year %d is outside its era '%s' (%d-%s)", year, slug,
		 p->start, end);
}

static void push_pending_period(struct importer *imp, int k, struct pend_period p)
{
	if (imp->npend_per[k] == imp->cappend_per[k]) {
		imp->cappend_per[k] = imp->cappend_per[k] ? imp->cappend_per[k] * 2 : 16;
		imp->pend_per[k] = xrealloc(imp->pend_per[k], imp->cappend_per[k] * sizeof *imp->pend_per[k]);
	}
	imp->pend_per[k][imp->npend_per[k]++] = p;
}

/* An era or paradigm reference of a valid milestone; returns its symbol (0 for none). */
static uint32_t period_ref(struct importer *imp, int k, const char *slug, int year, unsigned line,
			   unsigned col, unsigned nline, unsigned ncol)
{
	if (!slug)
		return 0;
	struct symtab *t = k == 0 ? &imp->era_syms : &imp->par_syms;
	uint32_t id = symtab_get(t, slug, 1);
	const struct sym *y = symtab_at(t, id);
	if (y->def)
		check_period_year(imp, k, &imp->periods[k][y->def - 1], slug, year, imp->cur_file, line, col);
	else
		push_pending_period(imp, k, (struct pend_period){id, year, (uint32_t)imp->cur_file, line, col,
								 nline, ncol});
	return id;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

struct link_row {
	int64_t dst;
	const char *note;
	int pos;
};

static int cmp_link_row(const void *a, const void *b)
{
	const struct link_row *x = a, *y = b;
	return x->dst < y->dst ? -1 : x->dst > y->dst;
}

/* A reusable buffer of at least n bytes. */
static void *scratch(struct scratch *b, size_t n)
{
	if (b->cap < n) {
		b->cap = n * 2 + 64;
		free(b->p);
		b->p = xmalloc(b->cap);
	}
	return b->p;
}

/* The filter_counts row of counter c's last block, if it has rows. */
static void count_block_done(struct importer *imp, int kind, int64_t ref, struct counter *c)
{
	if (!c->in_block)
		return;
	if (imp->ncrows == imp->capcrows) {
		imp->capcrows = imp->capcrows ? imp->capcrows * 2 : 1024;
		imp->crows = xrealloc(imp->crows, imp->capcrows * sizeof *imp->crows);
	}
	imp->crows[imp->ncrows++] = (struct count_row){kind, ref, c->block, c->total};
	c->in_block = 0;
}

/* Count milestone `id` in filter (kind, ref); ids come in increasing order. */
static void count_in(struct importer *imp, int kind, int64_t ref, int64_t id)
{
	if (ref <= 0)
		return;
	if ((size_t)ref >= imp->nctr[kind]) {
		size_t n = (size_t)ref * 2 + 16;
		imp->ctr[kind] = xrealloc(imp->ctr[kind], n * sizeof **imp->ctr);
		memset(imp->ctr[kind] + imp->nctr[kind], 0, (n - imp->nctr[kind]) * sizeof **imp->ctr);
		imp->nctr[kind] = n;
	}
	struct counter *c = &imp->ctr[kind][ref];
	int64_t block = (id - 1) / DLT_COUNT_BLOCK;
	if (c->block != block)
		count_block_done(imp, kind, ref, c);
	c->block = block;
	c->total++;
	c->in_block++;
}

/* The rows of a milestone and its search document, under its final id `id`. tdefs[i] is the
 * id of its tag i, ldefs[i] the sequence number of the target of its link i; 0 for those not
 * defined when it was checked (written at the end). */
static void write_ms(struct importer *imp, const struct ms_record *m, int64_t seq, int64_t id,
		     uint32_t era_sym, uint32_t par_sym, const int32_t *tdefs, const int32_t *ldefs)
{
	sqlite3_stmt *st = imp->ins_ms;
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, m->slug);
	sqlite3_bind_int(st, 3, (int)m->year);
	if (m->month)
		sqlite3_bind_int(st, 4, (int)m->month);
	else
		sqlite3_bind_null(st, 4);
	bind_text(st, 5, m->texts[T_TITLE]);
	bind_text(st, 6, m->texts[T_SHORT]);
	bind_text(st, 7, m->kind);
	bind_text(st, 8, m->authors);
	if (m->author_count)
		sqlite3_bind_int(st, 9, (int)m->author_count);
	else
		sqlite3_bind_null(st, 9);
	bind_text(st, 10, m->texts[T_ORG]);
	bind_text(st, 11, m->texts[T_VENUE]);
	bind_text(st, 12, m->texts[T_PAPER]);
	bind_text(st, 13, m->arxiv);
	bind_text(st, 14, m->doi);
	bind_text(st, 15, m->url);
	sqlite3_bind_int64(st, 16, era_sym);
	if (par_sym)
		sqlite3_bind_int64(st, 17, par_sym);
	else
		sqlite3_bind_null(st, 17);
	bind_text(st, 18, m->texts[T_SUMMARY]);
	bind_text(st, 19, m->texts[T_PROBLEM]);
	bind_text(st, 20, m->texts[T_INSIGHT]);
	bind_text(st, 21, m->texts[T_IMPACT]);
	bind_text(st, 22, m->texts[T_FORMULA]);
	bind_text(st, 23, m->texts[T_ARCH]);
	bind_text(st, 24, m->figures);
	bind_text(st, 25, m->texts[T_ANECDOTE]);
	if (m->flags & MS_HAS_PARAMS)
		sqlite3_bind_double(st, 26, m->params);
	else
		sqlite3_bind_null(st, 26);
	if (m->flags & MS_HAS_COMPUTE)
		sqlite3_bind_double(st, 27, m->compute);
	else
		sqlite3_bind_null(st, 27);
	bind_text(st, 28, m->texts[T_SCALE_SRC]);
	sqlite3_bind_int(st, 29, (m->flags & MS_ROOT) != 0);
	bind_text(st, 30, m->texts[T_VENUE_TYPE]);
	bind_text(st, 31, m->sources);
	run(imp, st);

	/* tags, in id order; those defined later (0 in tdefs) come at the end */
	int64_t *tag_ids = scratch(&imp->tmp_tags, (m->tags.n + 1) * sizeof *tag_ids);
	size_t nt = 0;
	for (uint32_t i = 0; i < m->tags.n; i++)
		if (tdefs[i])
			tag_ids[nt++] = tdefs[i];
	qsort(tag_ids, nt, sizeof *tag_ids, cmp_i64);
	if (!imp->fallback) {
		for (size_t i = 0; i < nt; i++)
			count_in(imp, DLT_COUNT_TAG, tag_ids[i], id);
		count_in(imp, DLT_COUNT_ERA, era_sym, id);
		count_in(imp, DLT_COUNT_PARADIGM, par_sym, id);
		count_in(imp, DLT_COUNT_KIND, dlt_kind_parse(m->kind), id);
	}
	for (size_t i = 0; i < nt; i++)
		add_tag(imp, id, tag_ids[i]);
	struct rec_cursor cur = rec_list_begin(&m->aliases);
	struct rec_item it;
	for (uint32_t i = 0; rec_list_next(&cur, &it); i++) {
		dlt_batch_int(imp->alias_rows, id);
		dlt_batch_int(imp->alias_rows, i);
		dlt_batch_text(imp->alias_rows, it.text);
		batch_row(imp, imp->alias_rows);
	}
	/* links to earlier milestones; those to later ones come at the end */
	struct link_row *rows = scratch(&imp->tmp_rows, (m->links.n + 1) * sizeof *rows);
	size_t nrows = 0;
	cur = rec_list_begin(&m->links);
	for (uint32_t i = 0; rec_list_next(&cur, &it); i++)
		if (ldefs[i] > 0 && ldefs[i] < seq)   /* (0: defined later, written at the end) */
			rows[nrows++] = (struct link_row){imp->seq_id[ldefs[i]], it.note, (int)i};
	qsort(rows, nrows, sizeof *rows, cmp_link_row);
	for (size_t i = 0; i < nrows; i++)
		add_link(imp, id, rows[i].dst, rows[i].note, rows[i].pos);
	imp->nlink_rows += (int64_t)nrows;

	/* The search document, while the ids are final and every tag is known. */
	if (imp->fallback || nt < m->tags.n)
		imp->fts_feed = 0;
	if (!imp->fts_feed)
		return;
	struct strbuf tg = {0};
	for (size_t i = 0; i < nt; i++) {
		const struct tagdef *g = &imp->tags[tag_ids[i] - 1];
		sb_addf(&tg, "%s%s %s", i ? " ; " : "", g->slug, g->name);
	}
	struct rec_doc doc = {.id_lo = (uint32_t)((uint64_t)id & 0xFFFFFFFFu), .id_hi = (uint32_t)((uint64_t)id >> 32),
		.cols = {m->texts[T_TITLE], m->texts[T_SHORT], m->fts_aliases, m->fts_authors, m->texts[T_SUMMARY],
			 m->texts[T_PROBLEM], m->texts[T_INSIGHT], m->texts[T_IMPACT], nt ? sb_str(&tg) : NULL}};
	struct strbuf *d = &imp->doc;
	rec_doc_put(d, &doc);
	sb_free(&tg);
	if (d->len >= CHUNK_BYTES) {
		struct chunk *ch = xcalloc(1, sizeof *ch);
		ch->data = *d;
		memset(d, 0, sizeof *d);
		fts_push(&imp->fts, ch);
	}
}

static int cmp_deferred(const void *a, const void *b)
{
	const struct deferred *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Read n bytes of a scratch file into a reusable buffer. */
static const char *read_back(struct importer *imp, FILE *fp, size_t n)
{
	char *buf = scratch(&imp->tmp_rec, n + 1);   /* (malloc'd: aligned for any value) */
	if (fread(buf, 1, n, fp) != n) {
		scratch_failed(imp);
		return NULL;
	}
	return buf;
}

/* Write the milestones held back, in chronological order: they are all the milestones of
 * their year, or (on the way to the slower path) the last of the ones in order. Each month's
 * file holds its milestones in input order: read one after the other, they are in order. */
static void flush_deferred(struct importer *imp)
{
	if (!imp->ndef)
		return;
	qsort(imp->def, imp->ndef, sizeof *imp->def, cmp_deferred);
	for (size_t i = 0; i < imp->ndef; i++)
		imp->seq_id[imp->def[i].seq] = ++imp->next_id;
	size_t i = 0;
	for (int month = 0; month < (int)DLT_ARRAY_LEN(imp->def_file); month++) {
		FILE *fp = imp->def_file[month];
		if (!fp || !imp->def_bytes[month])
			continue;
		if (fflush(fp) != 0 || fseek(fp, 0, SEEK_SET) != 0)
			scratch_failed(imp);
		for (; i < imp->ndef && imp->def[i].key % 16 == (uint32_t)month && writing(imp); i++) {
			const struct deferred *d = &imp->def[i];
			uint32_t len[3];   /* record, tags, links */
			const char *buf;
			int32_t *defs;
			if (fread(len, sizeof len, 1, fp) != 1 || !(buf = read_back(imp, fp, len[0])) ||
			    fread(defs = scratch(&imp->tmp_defs, (size_t)len[1] + len[2] + 1), 1, (size_t)len[1] + len[2], fp) !=
				    (size_t)len[1] + len[2]) {
				scratch_failed(imp);
				break;
			}
			struct rec_reader r = {buf};
			struct ms_record m;
			ms_record_get(&r, &m);
			write_ms(imp, &m, d->seq, imp->seq_id[d->seq], d->era, d->par, defs, defs + len[1] / sizeof *defs);
		}
		imp->def_bytes[month] = 0;
		if (fseek(fp, 0, SEEK_SET) != 0)
			scratch_failed(imp);
	}
	imp->ndef = 0;
}

/* Check a milestone (in input order); write it now, or hold it back until its year is
 * complete: ids are chronological, and milestones of one year may come in any order. */
static void handle_ms(struct importer *imp, struct rec_reader *r)
{
	int64_t seq = ++imp->ms_seq;
	seq_reserve(imp, seq);
	struct ms_record m;
	ms_record_get(r, &m);

	uint32_t era_sym = 0, par_sym = 0;
	uint32_t key = 0;
	if (m.staged) {
		uint32_t id = symtab_get(&imp->ms_syms, m.slug, 1);
		struct sym *y = symtab_at(&imp->ms_syms, id);
		if (y->def)
			problem_first_defined(problem_at(&imp->probs, (struct where){imp->cur_file, m.line, m.col},
							 wcheck_seq(imp, CK_DUP_MS), "duplicate milestone id '%s'", m.slug),
					      file_of_seq(imp, y->def), (unsigned)y->aux);
		else {
			y->def = (int32_t)seq;
			y->aux = (int32_t)m.line;
		}
		imp->seq_sym[seq] = (int32_t)id;
		key = m.year * 16 + m.month;
		imp->seq_key[seq] = key;
		era_sym = period_ref(imp, 0, m.era, (int)m.year, m.line, m.col, m.era_line, m.era_col);
		par_sym = period_ref(imp, 1, m.paradigm, (int)m.year, m.line, m.col, m.par_line, m.par_col);
	}

	/* tags: defined ones now, the others at the end (tdefs[i] 0) */
	int32_t *tdefs = scratch(&imp->tmp_tdefs, (m.tags.n + m.links.n + 1) * sizeof *tdefs);
	int32_t *ldefs = tdefs + m.tags.n;
	struct rec_cursor cur = rec_list_begin(&m.tags);
	struct rec_item it;
	for (uint32_t i = 0; rec_list_next(&cur, &it); i++) {
		unsigned tl = it.line, tc = it.col;
		uint32_t id = symtab_get(&imp->tag_syms, it.text, 1);
		tdefs[i] = symtab_at(&imp->tag_syms, id)->def;
		if (tdefs[i])
			continue;
		if (imp->npend_tags == imp->cappend_tags) {
			imp->cappend_tags = imp->cappend_tags ? imp->cappend_tags * 2 : 16;
			imp->pend_tags = xrealloc(imp->pend_tags, imp->cappend_tags * sizeof *imp->pend_tags);
		}
		imp->pend_tags[imp->npend_tags++] = (struct pend_tag){id, seq, (uint32_t)imp->cur_file, tl, tc};
	}

	/* aliases: the first of each (without case) names its milestone */
	cur = rec_list_begin(&m.aliases);
	while (rec_list_next(&cur, &it)) {
		const char *a = it.text;
		unsigned al = it.line, ac = it.col;
		struct sym *y = symtab_at(&imp->alias_syms, symtab_get(&imp->alias_syms, a, 1));
		if (y->def)
			problem_at(&imp->probs, (struct where){imp->cur_file, al, ac}, wcheck_seq(imp, CK_DUP_ALIAS), "duplicate alias '%s' (also used by '%s')",
				 a, y->aux ? symtab_name(&imp->ms_syms, (uint32_t)y->aux) : "");
		else {
			y->def = 1;
			y->aux = imp->seq_sym[seq];
		}
	}

	/* links: kept for the cycle check; those to later milestones wait for the end */
	cur = rec_list_begin(&m.links);
	for (uint32_t i = 0; rec_list_next(&cur, &it); i++) {
		const char *slug = it.text, *note = it.note;
		unsigned ll = it.line, lc = it.col;
		uint32_t id = symtab_get(&imp->ms_syms, slug, 1);
		struct edge_rec e = {(int32_t)seq, (int32_t)i, id, (uint32_t)imp->cur_file, ll, lc};
		if (imp->edges && fwrite(&e, sizeof e, 1, imp->edges) != 1)
			scratch_failed(imp);
		ldefs[i] = symtab_at(&imp->ms_syms, id)->def;   /* 0: defined later */
		if (ldefs[i])
			continue;
		if (imp->npend_links == imp->cappend_links) {
			imp->cappend_links = imp->cappend_links ? imp->cappend_links * 2 : 16;
			imp->pend_links = xrealloc(imp->pend_links, imp->cappend_links * sizeof *imp->pend_links);
		}
		imp->pend_links[imp->npend_links++] = (struct pend_link){id, seq, (int)i,
			imp->writing ? xstrdup(note) : NULL, (uint32_t)imp->cur_file, ll, lc};
	}

	if (!m.staged || !writing(imp))
		return;
	int64_t year = m.year;
	if (!imp->fallback && year < imp->def_year) {
		/* not chronological by year: write the rest in input order, renumber at the end */
		flush_deferred(imp);
		imp->fallback = 1;
	}
	if (imp->fallback) {
		imp->seq_id[seq] = seq;
		write_ms(imp, &m, seq, seq, era_sym, par_sym, tdefs, ldefs);
		return;
	}
	if (year > imp->def_year) {
		flush_deferred(imp);
		imp->def_year = year;
	}
	FILE *fp = imp->def_file[m.month];
	if (!fp && !(fp = imp->def_file[m.month] = scratch_file(imp->scratch_dir))) {
		scratch_failed(imp);
		return;
	}
	if (imp->ndef == imp->capdef) {
		imp->capdef = imp->capdef ? imp->capdef * 2 : 1024;
		imp->def = xrealloc(imp->def, imp->capdef * sizeof *imp->def);
	}
	imp->def[imp->ndef++] = (struct deferred){seq, key, era_sym, par_sym};
	uint32_t len[3] = {(uint32_t)m.encoded_len, m.tags.n * (uint32_t)sizeof *tdefs,
			   m.links.n * (uint32_t)sizeof *ldefs};
	if (fwrite(len, sizeof len, 1, fp) != 1 || fwrite(m.encoded, 1, len[0], fp) != len[0] ||
	    fwrite(tdefs, 1, (size_t)len[1] + len[2], fp) != (size_t)len[1] + len[2])
		scratch_failed(imp);
	imp->def_bytes[m.month] += len[0] + len[1] + len[2];
}

/* Take the records of every file, in order, as the parsers deliver them. */
static void consume(struct importer *imp, struct parsers *ps)
{
	for (size_t f = 0; f < imp->in.n; f++) {
		imp->file_first_seq[f] = imp->ms_seq + 1;
		imp->files_seen = f + 1;
		if (imp->in.skip[f])
			continue;
		imp->cur_file = f;
		for (;;) {
			struct chunk *ch = parsers_take(ps, f);
			if (!ch)
				break;
			struct rec_reader r = {ch->data.buf};
			const char *end = ch->data.buf + ch->data.len;
			while (r.p < end) {
				switch (rec_get_u32(&r)) {
				case R_TITLE:
					handle_title(imp, &r);
					break;
				case R_PERIOD:
					handle_period(imp, &r);
					break;
				case R_TAG:
					handle_tag(imp, &r);
					break;
				default:
					handle_ms(imp, &r);
					break;
				}
			}
			chunk_free(ch);
			if (imp->fts.started && !imp->fts_feed)
				fts_stop(&imp->fts);
		}
	}
	flush_deferred(imp);
}

/* ---- the end of input: what was waiting for later definitions, cycles ------------------------ */

/* Find builds_on cycles among the links (resolved to milestone sequence numbers) and report
 * each once, at the link that closes it. Only needed when some link points to a later
 * milestone: links that all point back cannot form a cycle. Memory: a few integers per link. */
static void check_cycles(struct importer *imp)
{
	int64_t n = imp->ms_seq;
	if (n == 0 || !imp->edges || fflush(imp->edges) != 0 || fseek(imp->edges, 0, SEEK_SET) != 0)
		return;
	size_t cap = 1024, ne = 0;
	struct edge { int32_t src, dst; uint32_t file, line, col; } *e = xmalloc(cap * sizeof *e);
	struct edge_rec er;
	while (fread(&er, sizeof er, 1, imp->edges) == 1) {
		int32_t dst = symtab_at(&imp->ms_syms, er.sym)->def;
		if (!dst || dst == er.src)
			continue;
		if (ne == cap) {
			cap *= 2;
			e = xrealloc(e, cap * sizeof *e);
		}
		e[ne++] = (struct edge){er.src, dst, er.file, er.line, er.col};
	}

	/* Edges are sorted by src: first[s]..first[s+1] are the out-edges of s (CSR). */
	uint32_t *first = xcalloc((size_t)n + 2, sizeof *first);
	for (size_t i = 0; i < ne; i++)
		first[e[i].src + 1]++;
	for (int64_t s = 0; s <= n; s++)
		first[s + 1] += first[s];
	/* Peel off nodes with no remaining out-edges (their ancestors are all settled). */
	uint32_t *outdeg = xcalloc((size_t)n + 1, sizeof *outdeg);
	uint32_t *indeg_first = xcalloc((size_t)n + 2, sizeof *indeg_first);
	for (size_t i = 0; i < ne; i++) {
		outdeg[e[i].src]++;
		indeg_first[e[i].dst + 1]++;
	}
	for (int64_t s = 0; s <= n; s++)
		indeg_first[s + 1] += indeg_first[s];
	uint32_t *rev = xmalloc((ne ? ne : 1) * sizeof *rev); /* edge ids grouped by dst */
	uint32_t *fill = xcalloc((size_t)n + 1, sizeof *fill);
	for (size_t i = 0; i < ne; i++)
		rev[indeg_first[e[i].dst] + fill[e[i].dst]++] = (uint32_t)i;
	int32_t *queue = xmalloc(((size_t)n + 1) * sizeof *queue);
	size_t qh = 0, qt = 0;
	for (int64_t s = 1; s <= n; s++)
		if (outdeg[s] == 0)
			queue[qt++] = (int32_t)s;
	while (qh < qt) {
		int32_t v = queue[qh++];
		for (uint32_t k = indeg_first[v]; k < indeg_first[v + 1]; k++) {
			int32_t u = e[rev[k]].src;
			if (--outdeg[u] == 0)
				queue[qt++] = u;
		}
	}
	/* Nodes left have an out-edge to another node left: walk until a node repeats. */
	uint8_t *state = xcalloc((size_t)n + 1, 1); /* 0 unseen, 1 on walk, 2 done */
	for (int64_t s = 1; s <= n; s++) {
		if (outdeg[s] == 0 || state[s])
			continue;
		int32_t v = (int32_t)s;
		size_t via = 0;
		while (state[v] == 0) {
			state[v] = 1;
			for (uint32_t k = first[v]; k < first[v + 1]; k++)
				if (outdeg[e[k].dst] > 0) {
					via = k;
					break;
				}
			v = e[via].dst;
		}
		if (state[v] == 1) {
			/* v closes a new cycle: describe it starting from v. */
			struct strbuf path = {0};
			int32_t w = v;
			size_t closing = 0;
			for (int steps = 0; steps < 12; steps++) {
				if (imp->seq_sym[w])
					sb_addf(&path, "%s%s", steps ? " -> " : "",
						symtab_name(&imp->ms_syms, (uint32_t)imp->seq_sym[w]));
				uint32_t k;
				for (k = first[w]; k < first[w + 1]; k++)
					if (outdeg[e[k].dst] > 0)
						break;
				closing = k;
				w = e[k].dst;
				if (w == v) {
					if (imp->seq_sym[w])
						sb_addf(&path, " -> %s", symtab_name(&imp->ms_syms, (uint32_t)imp->seq_sym[w]));
					break;
				}
			}
			problem_at(&imp->probs, (struct where){e[closing].file, e[closing].line, e[closing].col}, wcheck_seq(imp, CK_CYCLE),
				 "builds_on cycle: %s", sb_str(&path));
			sb_free(&path);
		}
		/* mark the whole walk done */
		v = (int32_t)s;
		while (state[v] == 1) {
			state[v] = 2;
			for (uint32_t k = first[v]; k < first[v + 1]; k++)
				if (outdeg[e[k].dst] > 0) {
					v = e[k].dst;
					break;
				}
		}
	}
	free(state);
	free(queue);
	free(fill);
	free(rev);
	free(indeg_first);
	free(outdeg);
	free(first);
	free(e);
}

/* The whole-input checks that had to wait for the end of input. */
static void settle(struct importer *imp)
{
	for (int k = 0; k < 2; k++) {
		struct symtab *t = k == 0 ? &imp->era_syms : &imp->par_syms;
		for (size_t i = 0; i < imp->npend_per[k]; i++) {
			const struct pend_period *p = &imp->pend_per[k][i];
			const struct sym *y = symtab_at(t, p->sym);
			if (y->def)
				check_period_year(imp, k, &imp->periods[k][y->def - 1], symtab_name(t, p->sym),
						  p->year, p->file, p->line, p->col);
			else
				problem_at(&imp->probs, (struct where){p->file, p->nline, p->ncol}, wcheck_seq(imp, k == 0 ? CK_UNKNOWN_ERA : CK_UNKNOWN_PAR),
					 "unknown %s '%s'", k == 0 ? "era" : "paradigm", symtab_name(t, p->sym));
		}
	}
	for (size_t i = 0; i < imp->npend_tags; i++) {
		const struct pend_tag *p = &imp->pend_tags[i];
		if (!symtab_at(&imp->tag_syms, p->sym)->def)
			problem_at(&imp->probs, (struct where){p->file, p->line, p->col}, wcheck_seq(imp, CK_UNKNOWN_TAG), "unknown tag '%s'",
				 symtab_name(&imp->tag_syms, p->sym));
	}
	for (size_t i = 0; i < imp->npend_links; i++) {
		const struct pend_link *p = &imp->pend_links[i];
		if (!symtab_at(&imp->ms_syms, p->sym)->def)
			problem_at(&imp->probs, (struct where){p->file, p->line, p->col}, wcheck_seq(imp, CK_UNKNOWN_LINK), "builds_on links to unknown id '%s'",
				 symtab_name(&imp->ms_syms, p->sym));
		else
			imp->has_forward = 1;
	}
	if (imp->has_forward)
		check_cycles(imp);
}

/* ---- the final tables ---------------------------------------------------------------------- */

static int exec(struct importer *imp, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(imp->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		problem_at(&imp->probs, at_program, end_seq(imp), "database error: %s", msg ? msg : sqlite3_errmsg(imp->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static sqlite3_stmt *prepare(struct importer *imp, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(imp->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		problem_at(&imp->probs, at_program, end_seq(imp), "database error: %s", sqlite3_errmsg(imp->db));
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* A batch of multi-row inserts (batch.h) with the INSERT of one row, `one`, and of a full
 * batch, `full`; NULL after reporting the problem. */
static struct dlt_batch *batch(struct importer *imp, const char *one, const char *full)
{
	sqlite3_stmt *st1 = prepare(imp, one), *stn = st1 ? prepare(imp, full) : NULL;
	struct dlt_batch *b = dlt_batch_new(st1, stn);
	if (!b && stn)
		problem_at(&imp->probs, at_program, end_seq(imp), "database error: a batch of %d rows does not match its one-row insert", DLT_BATCH_ROWS);
	return b;
}

/* The inserts of the rows that come several per milestone. */
#define TAG_INSERT "INSERT INTO main.milestone_tags (milestone, tag) VALUES "
#define TAG_ROW "(?, ?)"
#define ALIAS_INSERT "INSERT INTO main.aliases (milestone, pos, alias) VALUES "
#define ALIAS_ROW "(?, ?, ?)"
#define LINK_INSERT "INSERT INTO main.links (src, dst, kind, note, pos) VALUES "
#define LINK_ROW "(?, ?, 'builds_on', ?, ?)"

/* Columns of milestones after the id, for the renumbering. */
#define MS_COLS "slug, year, month, title, short, kind, authors, author_count, organization, " \
	"venue, paper_title, arxiv, doi, url, era, paradigm, summary, problem, insight, impact, " \
	"formula, architecture, figures, anecdote, parameters, training_compute, scale_source, root, " \
	"venue_type, sources"

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

/* Counts of the filtered views (see filter_counts in schema.sql), from the indexes. */
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
	return p->item_seq < q->item_seq;
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

/* Run one statement with integer parameters. */
static int exec_ints(struct importer *imp, sqlite3_stmt *st, int n, const int64_t *v)
{
	for (int i = 0; i < n; i++)
		sqlite3_bind_int64(st, i + 1, v[i]);
	run(imp, st);
	return imp->failed_write ? -1 : 0;
}

/* Eras and paradigms in their final order; renumber the milestones' references when the
 * ids used so far (order of first mention) differ. */
static int write_periods(struct importer *imp)
{
	static const char *const ins[] = {
		"INSERT INTO main.eras (id, slug, name, start, \"end\", summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		"INSERT INTO main.paradigms (id, slug, name, start, \"end\", summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	};
	int remap = 0;
	int64_t *final[2] = {NULL, NULL};
	for (int k = 0; k < 2; k++) {
		size_t n = imp->nperiods[k];
		size_t *idx = xmalloc((n ? n : 1) * sizeof *idx);
		order_periods(imp->periods[k], n, idx);
		struct symtab *t = k == 0 ? &imp->era_syms : &imp->par_syms;
		final[k] = xcalloc(t->n + 1, sizeof *final[k]);
		sqlite3_stmt *st = prepare(imp, ins[k]);
		for (size_t r = 0; st && r < n; r++) {
			const struct period *p = &imp->periods[k][idx[r]];
			uint32_t sym = symtab_get(t, p->slug, 0);
			final[k][sym] = (int64_t)r + 1;
			remap |= sym != r + 1;
			sqlite3_bind_int64(st, 1, (int64_t)r + 1);
			bind_text(st, 2, p->slug);
			bind_text(st, 3, p->name);
			if (p->start)
				sqlite3_bind_int(st, 4, p->start);
			else
				sqlite3_bind_null(st, 4);
			if (p->has_end)
				sqlite3_bind_int(st, 5, p->end);
			else
				sqlite3_bind_null(st, 5);
			bind_text(st, 6, p->summary);
			run(imp, st);
		}
		sqlite3_finalize(st);
		free(idx);
		if (!st)
			remap = -1;
	}
	if (remap > 0 && exec(imp, "CREATE TEMP TABLE pmap (k INTEGER, p INTEGER, f INTEGER, PRIMARY KEY (k, p));") == 0) {
		sqlite3_stmt *st = prepare(imp, "INSERT INTO temp.pmap VALUES (?1, ?2, ?3)");
		for (int k = 0; st && k < 2; k++) {
			size_t n = (k == 0 ? imp->era_syms : imp->par_syms).n;
			for (size_t s = 1; s <= n; s++)
				exec_ints(imp, st, 3, (int64_t[]){k, (int64_t)s, final[k][s]});
		}
		sqlite3_finalize(st);
		exec(imp, "UPDATE main.milestones SET era = (SELECT f FROM temp.pmap WHERE k = 0 AND p = era), "
			  "paradigm = (SELECT f FROM temp.pmap WHERE k = 1 AND p = paradigm); DROP TABLE temp.pmap;");
	}
	imp->period_id[0] = final[0];
	imp->period_id[1] = final[1];
	return remap < 0 || imp->failed_write ? -1 : 0;
}

/* Everything that waited for the end of input; the milestones in chronological order (the
 * final ids); the per-year table. On return, imp->order (when not NULL) is the final order. */
static int write_rest(struct importer *imp, int64_t *nlinks)
{
	for (size_t i = 0; i < imp->npend_tags; i++) {
		const struct pend_tag *p = &imp->pend_tags[i];
		add_tag(imp, imp->seq_id[p->seq], symtab_at(&imp->tag_syms, p->sym)->def);
	}
	for (size_t i = 0; i < imp->npend_links; i++) {
		const struct pend_link *p = &imp->pend_links[i];
		add_link(imp, imp->seq_id[p->src], imp->seq_id[symtab_at(&imp->ms_syms, p->sym)->def], p->note, p->pos);
		(*nlinks)++;
	}
	struct dlt_batch *batches[] = {imp->tag_rows, imp->alias_rows, imp->link_rows};
	for (size_t i = 0; i < DLT_ARRAY_LEN(batches); i++)
		wrote(imp, dlt_batch_flush(batches[i]));
	if (imp->failed_write || write_periods(imp) < 0)
		return -1;
	sqlite3_stmt *st = prepare(imp, "INSERT INTO main.tags (id, slug, name) VALUES (?1, ?2, ?3)");
	for (size_t i = 0; st && i < imp->ntags; i++) {
		sqlite3_bind_int64(st, 1, (int64_t)i + 1);
		bind_text(st, 2, imp->tags[i].slug);
		bind_text(st, 3, imp->tags[i].name);
		run(imp, st);
	}
	sqlite3_finalize(st);
	if (!st || imp->failed_write)
		return -1;

	/* Final order: by year, month (none first), input order. The rows were written with
	 * these ids already unless the years were out of order. */
	int64_t n = imp->ms_seq;
	struct seq_key *o = xmalloc(((size_t)n + 1) * sizeof *o);
	for (int64_t s = 1; s <= n; s++)
		o[s - 1] = (struct seq_key){imp->seq_key[s], (int32_t)s};
	qsort(o, (size_t)n, sizeof *o, cmp_seq_key);
	int renumber = 0;
	for (int64_t i = 0; i < n; i++)
		renumber |= imp->seq_id[o[i].seq] != i + 1;
	if (renumber) {
		if (exec(imp, "CREATE TEMP TABLE idmap (id INTEGER PRIMARY KEY, old INTEGER NOT NULL);") == 0) {
			st = prepare(imp, "INSERT INTO temp.idmap (id, old) VALUES (?1, ?2)");
			for (int64_t i = 0; st && i < n; i++)
				exec_ints(imp, st, 2, (int64_t[]){i + 1, imp->seq_id[o[i].seq]});
			sqlite3_finalize(st);
			if (st && !imp->failed_write)
				exec(imp, remap_sql);
			exec(imp, "DROP TABLE temp.idmap;");
		}
	}
	st = prepare(imp, "INSERT INTO main.years (year, first_id, count) VALUES (?1, ?2, ?3)");
	for (int64_t i = 0; st && i < n;) {
		uint32_t year = o[i].key / 16;
		int64_t j = i;
		while (j < n && o[j].key / 16 == year)
			j++;
		exec_ints(imp, st, 3, (int64_t[]){year, i + 1, j - i});
		i = j;
	}
	sqlite3_finalize(st);
	free(o);
	return !st || imp->failed_write || atomic_load(&imp->any_problem) ? -1 : 0;
}

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
 * every tag known then), else from the indexes (counts_sql). Returns 0 or -1. */
static int write_counts(struct importer *imp)
{
	if (imp->fallback || imp->npend_tags)
		return exec(imp, counts_sql);
	for (int k = DLT_COUNT_TAG; k <= DLT_COUNT_KIND; k++)
		for (size_t r = 0; r < imp->nctr[k]; r++)
			count_block_done(imp, k, (int64_t)r, &imp->ctr[k][r]);
	for (size_t i = 0; i < imp->ncrows; i++) {   /* eras and paradigms: their final ids */
		struct count_row *r = &imp->crows[i];
		if (r->kind == DLT_COUNT_ERA || r->kind == DLT_COUNT_PARADIGM)
			r->ref = imp->period_id[r->kind == DLT_COUNT_ERA ? 0 : 1][r->ref];
	}
	qsort(imp->crows, imp->ncrows, sizeof *imp->crows, cmp_count_row);
	sqlite3_stmt *st = prepare(imp, "INSERT INTO main.filter_counts (kind, ref, block, upto) VALUES (?1, ?2, ?3, ?4)");
	for (size_t i = 0; st && i < imp->ncrows; i++) {
		const struct count_row *r = &imp->crows[i];
		sqlite3_bind_int(st, 1, r->kind);
		if (r->kind == DLT_COUNT_KIND)
			sqlite3_bind_text(st, 2, dlt_kind_name((enum dlt_kind)r->ref), -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(st, 2, r->ref);
		sqlite3_bind_int64(st, 3, r->block);
		sqlite3_bind_int64(st, 4, r->upto);
		run(imp, st);
	}
	sqlite3_finalize(st);
	return !st || imp->failed_write ? -1 : 0;
}

/* Write everything after the last record; returns 0, or -1 after reporting a problem. */
static int finish(struct importer *imp)
{
	int64_t nlinks = imp->nlink_rows;
	if (imp->failed_write || write_rest(imp, &nlinks) < 0) {
		if (imp->failed_write)
			problem_at(&imp->probs, at_program, end_seq(imp), "database error: %s", imp->write_err);
		return -1;
	}
	timing_phase(&imp->tm, "final order, small tables");
	/* The sorter of CREATE INDEX may sort its runs in helper threads, one per core (up to 4):
	 * the search index thread is done, or nearly, by now. (The index phase of a million
	 * milestones took 12.4-12.8 s with 2 helpers on 2 cores, 14.6-16.2 s with none.) */
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	sqlite3_limit(imp->db, SQLITE_LIMIT_WORKER_THREADS, cpus > 1 ? (int)(cpus < 4 ? cpus : 4) : 0);
	if (exec(imp, "PRAGMA cache_size = -4096;") < 0 || exec(imp, dlt_indexes_sql) < 0)
		return -1;
	timing_phase(&imp->tm, "indexes");
	if (write_counts(imp) < 0) {
		if (imp->failed_write)
			problem_at(&imp->probs, at_program, end_seq(imp), "database error: %s", imp->write_err);
		return -1;
	}
	timing_phase(&imp->tm, "filter counts");
	sqlite3_stmt *st = prepare(imp, "INSERT OR REPLACE INTO main.meta (key, value) VALUES (?1, ?2)");
	if (!st)
		return -1;
	if (!imp->have_title) {
		sqlite3_bind_text(st, 1, "title", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, "Timeline", -1, SQLITE_STATIC);
		run(imp, st);
	}
	sqlite3_bind_text(st, 1, "milestones", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, imp->ms_seq);
	run(imp, st);
	sqlite3_bind_text(st, 1, "links", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, nlinks);
	run(imp, st);
	sqlite3_finalize(st);
	if (imp->failed_write) {
		problem_at(&imp->probs, at_program, end_seq(imp), "database error: %s", imp->write_err);
		return -1;
	}

	/* The search index: the indexer thread's, or built here from the final tables. */
	int have = imp->fts_feed && fts_finish(&imp->fts, 0);
	if (imp->tm.on && imp->fts.cpu > 0)
		fprintf(stderr, "import: %-26s %8.2f s wall %8.2f s cpu (its own thread)\n", "search index thread",
			imp->fts.wall, imp->fts.cpu);
	timing_phase(&imp->tm, "wait for the search index");
	if (have) {
		if (exec(imp, "COMMIT;") < 0)
			return -1;
		sqlite3_stmt *at = prepare(imp, "ATTACH DATABASE ?1 AS fts");
		if (!at)
			return -1;
		bind_text(at, 1, imp->fts.path);
		int rc = sqlite3_step(at);
		sqlite3_finalize(at);
		if (rc != SQLITE_DONE) {
			problem_at(&imp->probs, at_program, end_seq(imp), "database error: %s", sqlite3_errmsg(imp->db));
			return -1;
		}
		if (exec(imp, "BEGIN;") < 0 || exec(imp, fts_copy_sql) < 0 || exec(imp, "COMMIT; DETACH DATABASE fts;") < 0)
			return -1;
		timing_phase(&imp->tm, "copy the search index");
	} else {
		char err[256] = "";
		if (exec(imp, fts_from_tables_sql) < 0)
			return -1;
		if (fts_write_doc_lengths(imp->db, err, sizeof err) < 0) {
			problem_at(&imp->probs, at_program, end_seq(imp), "database error: %s", err);
			return -1;
		}
		if (exec(imp, "COMMIT;") < 0)
			return -1;
		timing_phase(&imp->tm, "search index (from tables)");
	}
	if (imp->ms_seq <= VACUUM_MAX) {
		if (exec(imp, "VACUUM") < 0)
			return -1;
		timing_phase(&imp->tm, "vacuum");
	}
	return 0;
}

/* ---- the database -------------------------------------------------------------------------- */

static int open_db(struct importer *imp, const char *path)
{
	if (sqlite3_open_v2(path, &imp->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		problem_at(&imp->probs, at_program, end_seq(imp), "cannot create %s: %s", path, sqlite3_errmsg(imp->db));
		return -1;
	}
	if (fts_register_functions(imp->db) != SQLITE_OK) {
		problem_at(&imp->probs, at_program, end_seq(imp), "database error: %s", sqlite3_errmsg(imp->db));
		return -1;
	}
	/* Big inputs get bigger pages (fewer, cheaper page writes); the values were checked
	 * already, so the CHECK constraints need not be evaluated again on every row. */
	if (exec(imp, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = FILE;"
		      "PRAGMA ignore_check_constraints = ON; PRAGMA cache_size = -8192;") < 0 ||
	    (imp->big && exec(imp, "PRAGMA page_size = 16384;") < 0) ||
	    exec(imp, dlt_schema_sql) < 0 || exec(imp, "BEGIN") < 0)
		return -1;
	imp->ins_ms = prepare(imp, "INSERT INTO main.milestones (id, " MS_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
			      "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
			      "?25, ?26, ?27, ?28, ?29, ?30, ?31)");
	imp->tag_rows = batch(imp, TAG_INSERT TAG_ROW, TAG_INSERT DLT_BATCH_VALUES(TAG_ROW));
	imp->alias_rows = batch(imp, ALIAS_INSERT ALIAS_ROW, ALIAS_INSERT DLT_BATCH_VALUES(ALIAS_ROW));
	imp->link_rows = batch(imp, LINK_INSERT LINK_ROW, LINK_INSERT DLT_BATCH_VALUES(LINK_ROW));
	imp->ins_meta = prepare(imp, "INSERT OR REPLACE INTO main.meta (key, value) VALUES (?1, ?2)");
	return imp->ins_ms && imp->tag_rows && imp->alias_rows && imp->link_rows && imp->ins_meta ? 0 : -1;
}

static void close_db(struct importer *imp)
{
	sqlite3_stmt **all[] = {&imp->ins_ms, &imp->ins_meta};
	for (size_t i = 0; i < DLT_ARRAY_LEN(all); i++) {
		sqlite3_finalize(*all[i]);
		*all[i] = NULL;
	}
	struct dlt_batch **batches[] = {&imp->tag_rows, &imp->alias_rows, &imp->link_rows};
	for (size_t i = 0; i < DLT_ARRAY_LEN(batches); i++) {
		dlt_batch_free(*batches[i]);
		*batches[i] = NULL;
	}
	sqlite3_close(imp->db);
	imp->db = NULL;
}

/* Temporary file next to `out` (so the final rename stays on one filesystem). */
static char *temp_path_for(const char *out)
{
	struct strbuf sb = {0};
	if (out) {
		sb_addf(&sb, "%s.tmp-XXXXXX", out);
	} else {
		const char *dir = getenv("TMPDIR");
		sb_addf(&sb, "%s/dltimeline-check-XXXXXX", dir && *dir ? dir : "/tmp");
	}
	char *path = sb_detach(&sb);
	int fd = mkstemp(path);
	if (fd < 0) {
		free(path);
		return NULL;
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	close(fd);
	return path;
}

/* Start the indexer thread on a scratch database next to the output. */
static void start_indexer(struct importer *imp, const char *db_path)
{
	struct strbuf sb = {0};
	sb_addf(&sb, "%s-search-XXXXXX", db_path);
	int fd = mkstemp(sb.buf);
	if (fd < 0) {
		sb_free(&sb);
		return;
	}
	close(fd);
	if (fts_start(&imp->fts, sb_detach(&sb), imp->tm.on) == 0)
		imp->fts_feed = 1;
}

/* Read every file with the parser threads while this thread takes their records. */
static void read_all(struct importer *imp)
{
	imp->file_first_seq = xcalloc(imp->in.n + 1, sizeof *imp->file_first_seq);
	struct parsers *ps = parsers_start(&imp->in, imp->opts->strict, &imp->any_problem);
	if (!ps) {
		problem_at(&imp->probs, at_program, end_seq(imp), "internal error: a pattern does not compile");
		return;
	}
	consume(imp, ps);
	parsers_finish(ps, &imp->probs, &imp->tm);
	if (imp->tm.on)
		fprintf(stderr, "import:   writer thread cpu %.2f s\n", timing_now(CLOCK_THREAD_CPUTIME_ID));
	/* The last search documents; or stop the indexer when it is of no use any more. */
	if (imp->fts.started) {
		if (imp->fts_feed && writing(imp)) {
			if (imp->doc.len) {
				struct chunk *ch = xcalloc(1, sizeof *ch);
				ch->data = imp->doc;
				memset(&imp->doc, 0, sizeof imp->doc);
				fts_push(&imp->fts, ch);
			}
			fts_end(&imp->fts);
		} else {
			imp->fts_feed = 0;
			fts_finish(&imp->fts, 1);
		}
	}
}

static void importer_free(struct importer *imp)
{
	problems_free(&imp->probs);
	inputs_free(&imp->in);
	free(imp->file_first_seq);
	symtab_free(&imp->ms_syms);
	symtab_free(&imp->era_syms);
	symtab_free(&imp->par_syms);
	symtab_free(&imp->tag_syms);
	symtab_free(&imp->alias_syms);
	free(imp->seq_sym);
	free(imp->seq_key);
	free(imp->seq_id);
	free(imp->def);
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < imp->nperiods[k]; i++) {
			free(imp->periods[k][i].slug);
			free(imp->periods[k][i].name);
			free(imp->periods[k][i].summary);
		}
		free(imp->periods[k]);
		free(imp->pend_per[k]);
	}
	for (size_t i = 0; i < imp->ntags; i++) {
		free(imp->tags[i].slug);
		free(imp->tags[i].name);
	}
	free(imp->tags);
	free(imp->pend_tags);
	for (size_t i = 0; i < imp->npend_links; i++)
		free(imp->pend_links[i].note);
	free(imp->pend_links);
	if (imp->edges)
		fclose(imp->edges);
	sb_free(&imp->doc);
	free(imp->tmp_tags.p);
	for (size_t k = 0; k < DLT_ARRAY_LEN(imp->period_id); k++)
		free(imp->period_id[k]);
	for (size_t k = 0; k < DLT_ARRAY_LEN(imp->ctr); k++)
		free(imp->ctr[k]);
	free(imp->crows);
	free(imp->tmp_rows.p);
	free(imp->tmp_rec.p);
	free(imp->tmp_tdefs.p);
	free(imp->tmp_defs.p);
	for (size_t k = 0; k < DLT_ARRAY_LEN(imp->def_file); k++)
		if (imp->def_file[k])
			fclose(imp->def_file[k]);
}

size_t dlt_import(const char *const *paths, size_t npaths, const struct dlt_import_opts *opts)
{
	struct importer imp;
	memset(&imp, 0, sizeof imp);
	imp.opts = opts;
	atomic_init(&imp.any_problem, 0);
	imp.probs.any = &imp.any_problem;
	imp.alias_syms.nocase = 1;
	timing_start(&imp.tm);

	for (size_t i = 0; i < npaths; i++)
		inputs_collect(&imp.in, paths[i], &imp.probs);
	imp.big = inputs_bytes(&imp.in) >= BIG_INPUT;
	char *tmp = temp_path_for(opts->out);
	if (!tmp) {
		problem_at(&imp.probs, at_program, end_seq(&imp), "cannot create a temporary file for %s: %s", opts->out ? opts->out : "checking",
			 strerror(errno));
	} else if (open_db(&imp, tmp) == 0) {
		imp.writing = opts->out != NULL;
		imp.edges = scratch_file(tmp);
		imp.scratch_dir = tmp;
		if (imp.writing)
			start_indexer(&imp, tmp);
		read_all(&imp);
		timing_phase(&imp.tm, "read, check, write rows");
		settle(&imp);
		if (imp.ms_seq == 0 && imp.probs.n == 0)
			problem_at(&imp.probs, at_program, end_seq(&imp), "no milestones in the input");
		timing_phase(&imp.tm, "checks at the end");
		if (imp.probs.n == 0 && opts->out)
			finish(&imp);
	}
	fts_free(&imp.fts);
	close_db(&imp);
	if (imp.probs.n == 0 && opts->out) {
		if (rename(tmp, opts->out) < 0)
			problem_at(&imp.probs, at_program, end_seq(&imp), "cannot write %s: %s", opts->out, strerror(errno));
	}
	if (tmp) {
		if (imp.probs.n || !opts->out)
			unlink(tmp);
		free(tmp);
	}
	FILE *out = opts->errors;
	problems_print(&imp.probs, out, imp.in.files, imp.in.n);
	size_t n = imp.probs.n;
	if (n)
		fprintf(out, "%zu error%s; nothing written\n", n, n == 1 ? "" : "s");
	else if (!opts->quiet)
		fprintf(out, "%lld milestones checked%s%s\n", (long long)imp.ms_seq,
			opts->out ? ", written to " : "", opts->out ? opts->out : "");
	timing_phase(&imp.tm, "done");
	importer_free(&imp);
	return n;
}
