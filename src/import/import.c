/*
 * import.c -- see import.h: the driver of an import.
 *
 *   1. collect the input files (inputs.c);
 *   2. parser threads read them and check each entry by itself (parse.c, entries.c,
 *      fields.c), each entry becoming a record (record.h) in a queue of its file;
 *   3. this thread takes the records in input order and runs the checks that need the
 *      whole input (check.c); what passes goes on to a sink (internal.h): the database
 *      writer (sink_db.c, sink_rows.c), or, for --check, a sink that keeps nothing;
 *   4. at the end of input: references to later definitions and builds_on cycles (check.c,
 *      cycles.c); then, if nothing was found, the sink finishes (sink_final.c: final
 *      tables, indexes, search index, the output put in place atomically), else it drops
 *      everything;
 *   5. every problem is printed, sorted by position (problems.c).
 *
 * DLTIMELINE_IMPORT_TIMING=1 prints the time of each phase to stderr (timing.c).
 */
#include "import/import.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/util.h"
#include "import/check.h"
#include "import/internal.h"

/* ---- --check: a sink that keeps nothing ------------------------------------------------------ */

static int null_title(struct import_sink *s, const char *title)
{
	(void)s, (void)title;
	return 0;
}

static int null_period(struct import_sink *s, const struct sink_period *p)
{
	(void)s, (void)p;
	return 0;
}

static int null_tag(struct import_sink *s, const struct sink_tag *t)
{
	(void)s, (void)t;
	return 0;
}

static int null_milestone(struct import_sink *s, const struct ms_record *m, const struct ms_refs *refs)
{
	(void)s, (void)m, (void)refs;
	return 0;
}

static int null_finish(struct import_sink *s, const struct import_totals *t)
{
	(void)s, (void)t;
	return 0;
}

static void null_abandon(struct import_sink *s)
{
	(void)s;
}

/* ---- the import ------------------------------------------------------------------------------- */

struct import {
	const struct dlt_import_opts *opts;
	struct timing tm;
	atomic_int any_problem;    /* some problem was found (by any thread): the import fails */
	struct problems probs;     /* this thread's: collecting, the checks, the end */
	struct inputs in;
	struct import_sink *sink;
	struct checker ck;
};

/* The place and order of a problem of the import as a whole ("dltimeline: ..."). */
static const struct where at_program = {WHERE_PROGRAM, 0, 0};

static uint64_t end_seq(const struct import *im)
{
	return SEQ(PH_END, 0, im->probs.n);
}

/* Steps 2 and 3: the parser threads read every file while this thread checks their records. */
static void read_all(struct import *im)
{
	struct parsers *ps = parsers_start(&im->in, im->opts->strict, &im->any_problem);
	if (!ps) {
		problem_at(&im->probs, at_program, end_seq(im), "internal error: a pattern does not compile");
		return;
	}
	for (size_t f = 0; f < im->in.n; f++) {
		checker_file(&im->ck, f);
		if (im->in.skip[f])
			continue;
		struct chunk *ch;
		while ((ch = parsers_take(ps, f))) {
			checker_chunk(&im->ck, ch);
			chunk_free(ch);
		}
	}
	parsers_finish(ps, &im->probs, &im->tm);
	if (im->tm.on)
		fprintf(stderr, "import:   writer thread cpu %.2f s\n", timing_now(CLOCK_THREAD_CPUTIME_ID));
	timing_phase(&im->tm, "read, check, write rows");
}

/* Step 4, once the sink and the checker are ready. */
static void check_all(struct import *im)
{
	read_all(im);
	checker_settle(&im->ck);
	if (im->ck.ms_seq == 0 && im->probs.n == 0)
		problem_at(&im->probs, at_program, end_seq(im), "no milestones in the input");
	timing_phase(&im->tm, "checks at the end");
	if (im->probs.n) {
		im->sink->abandon(im->sink);
	} else {
		struct import_totals t;
		checker_totals(&im->ck, &t);
		im->sink->finish(im->sink, &t);
	}
	im->sink = NULL;
}

/* The checker's scratch file of links, next to the output or in $TMPDIR for --check. */
static FILE *links_file(const struct dlt_import_opts *opts)
{
	if (opts->out)
		return scratch_file(opts->out);
	const char *dir = getenv("TMPDIR");
	struct strbuf sb = {0};
	sb_addf(&sb, "%s/dltimeline", dir && *dir ? dir : "/tmp");
	FILE *fp = scratch_file(sb_str(&sb));
	sb_free(&sb);
	return fp;
}

/* Step 5: the problems sorted, then the count line or the summary. Returns their number. */
static size_t report(struct import *im)
{
	const struct dlt_import_opts *opts = im->opts;
	FILE *out = opts->errors;
	problems_print(&im->probs, out, &im->in);
	size_t n = im->probs.n;
	if (n) {
		fprintf(out, "%zu error%s; nothing written\n", n, n == 1 ? "" : "s");
	} else if (!opts->quiet) {   /* (the output's name as one printable line) */
		char *shown = opts->out ? utf8_sanitize(opts->out, strlen(opts->out), 0) : NULL;
		fprintf(out, "%lld milestone%s checked%s%s\n", (long long)im->ck.ms_seq, im->ck.ms_seq == 1 ? "" : "s",
			shown ? ", written to " : "", shown ? shown : "");
		free(shown);
	}
	return n;
}

size_t dlt_import(const char *const *paths, size_t npaths, const struct dlt_import_opts *opts)
{
	assert((paths || !npaths) && opts && opts->errors);
	static const struct import_sink null_sink = {null_title, null_period, null_tag, null_milestone, null_finish,
						     null_abandon, 0};
	struct import_sink check_only = null_sink;
	struct import im;
	memset(&im, 0, sizeof im);
	im.opts = opts;
	atomic_init(&im.any_problem, 0);
	im.probs.any = &im.any_problem;
	timing_start(&im.tm);
	signals_begin();

	for (size_t i = 0; i < npaths; i++)
		inputs_collect(&im.in, paths[i], opts->origins ? opts->origins[i] : NULL, &im.probs);
	if (opts->out && output_check(opts->out, &im.in, opts->force, &im.probs) < 0)
		im.sink = NULL;   /* refused: nothing is read, nothing written */
	else if (opts->out)
		im.sink = db_sink_open(opts->out, inputs_bytes(&im.in), &im.probs, &im.tm);
	else
		im.sink = &check_only;
	if (im.sink) {
		FILE *links = links_file(opts);
		if (links) {
			checker_init(&im.ck, &im.probs, im.sink, im.in.n, links);
			check_all(&im);
		} else {
			problem_at(&im.probs, at_program, end_seq(&im), "cannot create a temporary file for %s: %s",
				   opts->out ? opts->out : "checking", strerror(errno));
			im.sink->abandon(im.sink);
		}
	}
	signals_end();
	size_t n = report(&im);
	timing_phase(&im.tm, "done");
	checker_free(&im.ck);
	problems_free(&im.probs);
	inputs_free(&im.in);
	return n;
}
