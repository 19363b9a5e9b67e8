/*
 * parse.c -- the parser threads: each takes the next input file, reads it (yfast for plain
 * files, else libyaml through ynode) and hands each entry of a section to entries.c, which
 * checks it and turns it into a record (record.h). Records go to a bounded queue per file,
 * in chunks, so the writer takes them in input order whichever thread read the file.
 */
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "core/util.h"
#include "core/vocab.h"
#include "import/entries.h"
#include "import/internal.h"
#include "import/record.h"
#include "import/yfast.h"
#include "import/ynode.h"

#define PARSERS 2                   /* parser threads */
#define FILE_QUEUE 16               /* chunks waiting per file */

/* A parser thread. */
struct pctx {
	struct parsers *ps;
	struct entry_ctx e;    /* its problems, the file being read, its output */
	size_t bad_section_file;   /* last wrong section reported: file + 1 (0 = none), */
	unsigned bad_section_line, bad_section_col;   /* and its key's position */
	struct chunk *out;     /* records being collected for the writer (its data is e.out) */
	struct yfast *yf;      /* its fast reader */
	double cpu;            /* CPU time of the thread, for the timing report */
	pthread_t th;
	int started;           /* th runs parser_main */
};

struct parsers {
	const struct inputs *in;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct chunkq *fq;     /* per file */
	size_t next_file;      /* next file for a parser to take */
	int inline_mode;       /* no threads: the taker reads each file itself, unbounded queue */
	int stop;              /* parsers_finish: drop the records, read no more files */
	int strict;            /* --strict (for each file not made from another) */
	struct pctx ctx[PARSERS];
	size_t nctx;           /* contexts ready (their threads started or not) */
};

/* ---- a file's entries ---------------------------------------------------------------------------- */

/* A section whose value is wrong as a whole is reported once, though a list value reaches
 * on_item() once per element: true the first time for the section key at (sl, sc). */
static int first_report_of_section(struct pctx *c, unsigned sl, unsigned sc)
{
	size_t file = c->e.f.file;
	if (c->bad_section_file == file + 1 && c->bad_section_line == sl && c->bad_section_col == sc)
		return 0;
	c->bad_section_file = file + 1;
	c->bad_section_line = sl;
	c->bad_section_col = sc;
	return 1;
}

static void publish(struct pctx *c, int last);

/* Make sure the thread has an output chunk (entries write their records to c->e.out). */
static void out_chunk(struct pctx *c)
{
	if (!c->out) {
		c->out = xcalloc(1, sizeof *c->out);
		c->e.out = &c->out->data;
	}
}

/* The title section: its record, with a place reserved for "given more than once" (only the
 * writer knows whether a title came before). */
static void stage_title(struct pctx *c, unsigned sl, unsigned sc, const struct ynode *n)
{
	struct field_ctx *f = &c->e.f;
	if (n->in_list) {   /* "title: [a, b]": report the list once, at its key */
		if (first_report_of_section(c, sl, sc))
			problem_at(&f->probs, field_at(f, sl, sc), field_seq(f), "'title' must be text, not a list");
		return;
	}
	if (n->type != YN_SCALAR || field_is_null(n)) {
		problem_at(&f->probs, field_at_node(f, n), field_seq(f), "'title' must be text");
		return;
	}
	char *t = field_trimmed(n);
	struct rec_title r = {.line = n->line, .col = n->col, .slot = (uint32_t)f->n++, .text = t};
	out_chunk(c);
	rec_put_type(c->e.out, R_TITLE);
	rec_title_put(c->e.out, &r);
	free(t);
}

/* ynode_item_fn: one entry of a section. */
static void on_item(void *ctx, const char *section, unsigned sl, unsigned sc, const struct ynode *n)
{
	struct pctx *c = ctx;
	struct field_ctx *f = &c->e.f;
	if (strcmp(section, "title") == 0) {
		stage_title(c, sl, sc, n);
		return;
	}
	int is_list = strcmp(section, "eras") == 0 || strcmp(section, "paradigms") == 0 ||
		      strcmp(section, "tags") == 0 || strcmp(section, "milestones") == 0;
	if (!is_list) {
		/* a list under an unknown key comes here once per element: report it once */
		if (first_report_of_section(c, sl, sc))
			problem_at(&f->probs, field_at(f, sl, sc), field_seq(f),
				   "unknown section '%.60s' (title, eras, paradigms, tags, milestones)", section);
		return;
	}
	if (n->type != YN_MAP) {
		if (field_is_null(n) && n->line == sl)
			return; /* "milestones:" with nothing under it */
		problem_at(&f->probs, field_at_node(f, n), field_seq(f), "each entry of '%s' must be a mapping, not %s",
			   section, field_type_name(n));
		return;
	}
	out_chunk(c);
	if (strcmp(section, "eras") == 0)
		entry_period(&c->e, 1, n);
	else if (strcmp(section, "paradigms") == 0)
		entry_period(&c->e, 0, n);
	else if (strcmp(section, "tags") == 0)
		entry_tag(&c->e, n);
	else
		entry_milestone(&c->e, n);
	if (c->out && c->out->data.len >= CHUNK_BYTES)
		publish(c, 0);
}

/* ynode_error_fn: what libyaml or ynode found wrong. */
static void on_error(void *ctx, unsigned line, unsigned col, const char *msg)
{
	struct pctx *c = ctx;
	problem_at(&c->e.f.probs, field_at(&c->e.f, line, col), field_seq(&c->e.f), "%s", msg);
}

/* ---- parser threads ------------------------------------------------------------------------------ */

/* Hand the records collected so far to the writer (waiting while the file's queue is full);
 * `last` marks the end of the file. */
static void publish(struct pctx *c, int last)
{
	struct parsers *ps = c->ps;
	struct chunk *ch = c->out;
	c->out = NULL;
	c->e.out = NULL;
	pthread_mutex_lock(&ps->mu);
	struct chunkq *q = &ps->fq[c->e.f.file];
	if (ch && ch->data.len) {
		while (q->n >= FILE_QUEUE && !ps->inline_mode && !ps->stop)
			pthread_cond_wait(&ps->cv, &ps->mu);
		if (ps->stop)
			chunk_free(ch);
		else
			chunkq_push(q, ch);
	} else {
		chunk_free(ch);   /* (entries that made no record) */
	}
	if (last)
		q->done = 1;
	pthread_cond_broadcast(&ps->cv);
	pthread_mutex_unlock(&ps->mu);
}

/* Read a plain file with yfast (see yfast.h). Returns 1 when it was read, 0 when yfast
 * declined it and nothing was read (libyaml then reads the file and says what is wrong, if
 * anything), -1 when the file changed while it was read: it shrank under the mapping
 * (SIGBUS) or its text changed between yfast's two passes. */
static int read_fast(struct pctx *c, int fd, const struct stat *st)
{
	if (!S_ISREG(st->st_mode) || st->st_size <= 0)
		return 0;
	size_t size = (size_t)st->st_size;
	void *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (m == MAP_FAILED)
		return 0;
	struct read_guard g;
	volatile int rc = -2;   /* stays -2 when the guard jumps back */
	if (sigsetjmp(g.jump, 1) == 0) {
		signals_guard(&g, m, size);
		rc = yfast_parse(c->yf, m, size, 1, on_item, c);
	}
	signals_unguard(&g);
	munmap(m, size);
	return rc == 0 ? 1 : rc == -1 ? 0 : -1;
}

/* Has the regular file changed since `was` (its size or its time of change)? */
static int changed(int fd, const struct stat *was)
{
	struct stat now;
	if (!S_ISREG(was->st_mode) || fstat(fd, &now) < 0)
		return 0;
	return now.st_size != was->st_size || now.st_mtim.tv_sec != was->st_mtim.tv_sec ||
	       now.st_mtim.tv_nsec != was->st_mtim.tv_nsec;
}

/* Read input file idx: its records to its queue, its problems to the thread's list. A file
 * that changes while it is read gets one problem saying so in place of what was found in
 * it. */
static void read_file(struct pctx *c, size_t idx)
{
	struct field_ctx *f = &c->e.f;
	f->file = idx;
	f->n = 0;
	c->e.strict = c->ps->strict && !c->ps->in->origin[idx];   /* (no house rules for a bibliography) */
	size_t before = f->probs.n;
	const char *path = c->ps->in->files[idx];
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		problem_at(&f->probs, field_at(f, 0, 0), field_seq(f), "%s", strerror(errno));
		return;
	}
	struct stat st;
	int rc = 0;
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		problem_at(&f->probs, field_at(f, 0, 0), field_seq(f), "is a directory");
		fclose(fp);
		return;
	}
	rc = read_fast(c, fileno(fp), &st);
	if (rc == 0)
		ynode_read(fp, on_item, on_error, c);
	if (rc < 0 || changed(fileno(fp), &st)) {
		problems_truncate(&f->probs, before);
		problem_at(&f->probs, field_at(f, 0, 0), field_seq(f), "file changed while reading");
	}
	fclose(fp);
}

static void *parser_main(void *arg)
{
	struct pctx *c = arg;
	struct parsers *ps = c->ps;
	for (;;) {
		pthread_mutex_lock(&ps->mu);
		size_t i = ps->stop ? ps->in->n : ps->next_file;
		while (i < ps->in->n && ps->in->skip[i])
			i++;
		ps->next_file = i < ps->in->n ? i + 1 : i;
		pthread_mutex_unlock(&ps->mu);
		if (i >= ps->in->n)
			break;
		read_file(c, i);
		publish(c, 1);
	}
	c->cpu = timing_now(CLOCK_THREAD_CPUTIME_ID);
	return NULL;
}

/* 0, or -1 when the patterns do not compile (then nothing is left to free). */
static int pctx_init(struct pctx *c, struct parsers *ps, int strict, atomic_int *any_problem)
{
	memset(c, 0, sizeof *c);
	c->ps = ps;
	c->e.strict = strict;
	c->e.f.probs.any = any_problem;
	if (field_patterns_init(&c->e.pat) < 0)
		return -1;
	c->yf = yfast_new();
	return 0;
}

static void pctx_free(struct pctx *c)
{
	problems_free(&c->e.f.probs);
	chunk_free(c->out);
	field_patterns_free(&c->e.pat);
	yfast_free(c->yf);
}

struct parsers *parsers_start(const struct inputs *in, int strict, atomic_int *any_problem)
{
	assert(in && any_problem);
	struct parsers *ps = xcalloc(1, sizeof *ps);
	ps->in = in;
	ps->strict = strict;
	size_t toread = 0;
	for (size_t i = 0; i < in->n; i++)
		toread += !in->skip[i];
	size_t want = toread < PARSERS ? (toread ? toread : 1) : PARSERS;
	for (size_t i = 0; i < want; i++)
		if (pctx_init(&ps->ctx[i], ps, strict, any_problem) < 0) {
			while (i--)
				pctx_free(&ps->ctx[i]);
			free(ps);
			return NULL;
		}
	ps->nctx = want;
	pthread_mutex_init(&ps->mu, NULL);
	pthread_cond_init(&ps->cv, NULL);
	ps->fq = xcalloc(in->n + 1, sizeof *ps->fq);
	int started = 0;
	for (size_t i = 0; i < want && toread; i++) {
		ps->ctx[i].started = pthread_create(&ps->ctx[i].th, NULL, parser_main, &ps->ctx[i]) == 0;
		started |= ps->ctx[i].started;
	}
	/* no thread (or nothing to read): parsers_take reads each file with ctx[0] when wanted */
	ps->inline_mode = !started;
	return ps;
}

struct chunk *parsers_take(struct parsers *ps, size_t file)
{
	assert(file < ps->in->n && !ps->in->skip[file]);
	if (ps->inline_mode && !ps->fq[file].done && !ps->fq[file].head) {
		read_file(&ps->ctx[0], file);
		publish(&ps->ctx[0], 1);
	}
	pthread_mutex_lock(&ps->mu);
	struct chunkq *q = &ps->fq[file];
	while (!q->head && !q->done)
		pthread_cond_wait(&ps->cv, &ps->mu);
	struct chunk *ch = chunkq_pop(q);
	pthread_cond_broadcast(&ps->cv);
	pthread_mutex_unlock(&ps->mu);
	return ch;
}

void parsers_finish(struct parsers *ps, struct problems *into, const struct timing *tm)
{
	pthread_mutex_lock(&ps->mu);
	ps->stop = 1;
	pthread_cond_broadcast(&ps->cv);
	pthread_mutex_unlock(&ps->mu);
	for (size_t i = 0; i < ps->nctx; i++)
		if (ps->ctx[i].started)
			pthread_join(ps->ctx[i].th, NULL);
	for (size_t i = 0; i < ps->nctx; i++) {
		if (tm->on && ps->ctx[i].started)
			fprintf(stderr, "import:   parser thread %zu cpu %.2f s\n", i + 1, ps->ctx[i].cpu);
		problems_take(into, &ps->ctx[i].e.f.probs);
		pctx_free(&ps->ctx[i]);
	}
	for (size_t i = 0; i < ps->in->n; i++) {
		struct chunk *ch;
		while ((ch = chunkq_pop(&ps->fq[i])))
			chunk_free(ch);
	}
	free(ps->fq);
	pthread_mutex_destroy(&ps->mu);
	pthread_cond_destroy(&ps->cv);
	free(ps);
}
