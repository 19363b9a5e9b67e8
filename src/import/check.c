/*
 * check.c -- see check.h: the records of every file, in input order, against everything
 * read before them; what points forward waits in `pending` until checker_settle.
 */
#include "import/check.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/vocab.h"
#include "import/record.h"

void checker_init(struct checker *ck, struct problems *probs, struct import_sink *sink, size_t nfiles,
		  FILE *edges)
{
	assert(ck && probs && edges);
	memset(ck, 0, sizeof *ck);
	ck->probs = probs;
	ck->sink = sink;
	ck->sink_open = sink != NULL;
	ck->nfiles = nfiles;
	ck->file_first_seq = xcalloc(nfiles + 1, sizeof *ck->file_first_seq);
	ck->names.alias.nocase = 1;
	ck->edges = edges;
}

void checker_file(struct checker *ck, size_t file)
{
	assert(file < ck->nfiles);
	ck->file_first_seq[file] = ck->ms_seq + 1;
	ck->files_seen = file + 1;
	ck->cur_file = file;
}

/* May the sink be handed something? Once a problem is found, the import fails: nothing
 * more goes to the sink. */
static int to_sink(struct checker *ck)
{
	if (ck->sink_open && problems_any(ck->probs))
		ck->sink_open = 0;
	return ck->sink_open;
}

/* A sink callback's result: -1 means it recorded a problem and takes nothing more. */
static void sink_result(struct checker *ck, int rc)
{
	if (rc < 0)
		ck->sink_open = 0;
}

/* A scratch file of the checks could not be written or read back. */
static void scratch_failed(struct checker *ck)
{
	problem_at(ck->probs, (struct where){WHERE_PROGRAM, 0, 0}, SEQ(PH_END, 0, ck->probs->n),
		   "database error: scratch file: %s", strerror(errno));
}

/* The file a milestone was read from. */
static size_t file_of_seq(const struct checker *ck, int64_t seq)
{
	size_t lo = 0, hi = ck->files_seen;   /* the last of them that starts at or before seq */
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (ck->file_first_seq[mid] <= seq)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static struct where at(const struct checker *ck, unsigned line, unsigned col)
{
	return (struct where){ck->cur_file, line, col};
}

/* ---- titles, periods, tags ------------------------------------------------------------------- */

static void check_title(struct checker *ck, struct rec_reader *r)
{
	struct rec_title t;
	rec_title_get(r, &t);
	if (ck->have_title++) {
		problem_at(ck->probs, at(ck, t.line, t.col), SEQ(PH_PARSE, ck->cur_file, t.slot),
			   "'title' is given more than once");
		return;
	}
	if (to_sink(ck))
		sink_result(ck, ck->sink->title(ck->sink, t.text));
}

static void check_period(struct checker *ck, struct rec_reader *r)
{
	struct rec_period p;
	rec_period_get(r, &p);
	int k = p.is_era ? 0 : 1;   /* 0 eras, 1 paradigms */
	struct symtab *t = k == 0 ? &ck->names.era : &ck->names.par;
	uint32_t id = symtab_get(t, p.slug, 1);
	struct sym *y = symtab_at(t, id);
	if (y->def) {
		const struct period_def *first = &ck->periods[k][y->def - 1];
		problem_first_defined(problem_at(ck->probs, at(ck, p.line, p.col), checker_seq(ck, CK_DUP_PERIOD),
						 "duplicate %s id '%s'", k == 0 ? "era" : "paradigm", p.slug),
				      first->file, first->line);
	}
	DLT_GROW(ck->periods[k], ck->nperiods[k] + 1, ck->capperiods[k]);
	ck->periods[k][ck->nperiods[k]++] = (struct period_def){(int)p.start, (int)p.end, p.end != 0, ck->cur_file,
								p.line};
	if (y->def)
		return;
	y->def = (int32_t)ck->nperiods[k];
	struct sink_period sp = {p.is_era != 0, p.slug, p.name, p.summary, (int)p.start, (int)p.end, id};
	if (to_sink(ck))
		sink_result(ck, ck->sink->period(ck->sink, &sp));
}

static void check_tag(struct checker *ck, struct rec_reader *r)
{
	struct rec_tag g;
	rec_tag_get(r, &g);
	struct sym *y = symtab_at(&ck->names.tag, symtab_get(&ck->names.tag, g.slug, 1));
	if (y->def) {
		const struct tag_def *first = &ck->tags[y->def - 1];
		problem_first_defined(problem_at(ck->probs, at(ck, g.line, g.col), checker_seq(ck, CK_DUP_TAG),
						 "duplicate tag id '%s'", g.slug),
				      first->file, first->line);
	}
	DLT_GROW(ck->tags, ck->ntags + 1, ck->captags);
	ck->tags[ck->ntags++] = (struct tag_def){ck->cur_file, g.line};
	if (y->def)
		return;
	y->def = (int32_t)ck->ntags;
	struct sink_tag st = {g.slug, g.name, y->def};
	if (to_sink(ck))
		sink_result(ck, ck->sink->tag(ck->sink, &st));
}

/* ---- milestones ---------------------------------------------------------------------------- */

/* The year of a milestone against its era (k 0); a paradigm (k 1) may be followed at any
 * date, so there is nothing to check. */
static void check_period_year(struct checker *ck, int k, const struct period_def *p, const char *slug,
			      int year, struct where ms)
{
	if (k == 1 || (year >= p->start && year <= (p->has_end ? p->end : DLT_YEAR_MAX)))
		return;
	char end[16];
	if (p->has_end)
		snprintf(end, sizeof end, "%d", p->end);
	else
		snprintf(end, sizeof end, "now");
	problem_at(ck->probs, ms, checker_seq(ck, CK_ERA_YEAR), "year %d is outside its era '%s' (%d-%s)", year,
		   slug, p->start, end);
}

/* An era (k 0) or paradigm (k 1) reference of a staged milestone; returns its symbol (0 for
 * none). */
static uint32_t period_ref(struct checker *ck, int k, const char *slug, int year, struct where ms,
			   struct where value)
{
	if (!slug)
		return 0;
	struct symtab *t = k == 0 ? &ck->names.era : &ck->names.par;
	uint32_t id = symtab_get(t, slug, 1);
	const struct sym *y = symtab_at(t, id);
	if (y->def) {
		check_period_year(ck, k, &ck->periods[k][y->def - 1], slug, year, ms);
		return id;
	}
	struct pending *pd = &ck->pend;
	DLT_GROW(pd->per[k], pd->nper[k] + 1, pd->capper[k]);
	pd->per[k][pd->nper[k]++] = (struct pend_period){id, year, ms, value};
	return id;
}

/* Make room for milestone seq in the per-milestone arrays. */
static void seq_reserve(struct checker *ck, int64_t seq)
{
	size_t old = ck->seq_cap;
	DLT_GROW(ck->seq_sym, (size_t)seq + 1, ck->seq_cap);
	memset(ck->seq_sym + old, 0, (ck->seq_cap - old) * sizeof *ck->seq_sym);
}

/* A staged milestone's id: a duplicate is reported, else it is defined. */
static void define_milestone(struct checker *ck, const struct ms_record *m, int64_t seq)
{
	uint32_t id = symtab_get(&ck->names.ms, m->slug, 1);
	struct sym *y = symtab_at(&ck->names.ms, id);
	if (y->def) {
		problem_first_defined(problem_at(ck->probs, at(ck, m->line, m->col), checker_seq(ck, CK_DUP_MS),
						 "duplicate milestone id '%s'", m->slug),
				      file_of_seq(ck, y->def), (unsigned)y->aux);
	} else {
		y->def = (int32_t)seq;
		y->aux = (int32_t)m->line;
	}
	ck->seq_sym[seq] = (int32_t)id;
}

/* Tags: tdefs[i] is tag i's id, or 0 when it is not defined yet (settled at the end). */
static void resolve_tags(struct checker *ck, const struct ms_record *m, int64_t seq, int32_t *tdefs)
{
	struct rec_cursor cur = rec_list_begin(&m->tags);
	struct rec_item it;
	for (uint32_t i = 0; rec_list_next(&cur, &it); i++) {
		uint32_t id = symtab_get(&ck->names.tag, it.text, 1);
		tdefs[i] = symtab_at(&ck->names.tag, id)->def;
		if (tdefs[i])
			continue;
		struct pending *pd = &ck->pend;
		DLT_GROW(pd->tags, pd->ntags + 1, pd->captags);
		pd->tags[pd->ntags++] = (struct pend_tag){id, seq, at(ck, it.line, it.col)};
	}
}

/* Aliases: the first of each (without case) names its milestone; another is a duplicate. */
static void check_aliases(struct checker *ck, const struct ms_record *m, int64_t seq)
{
	struct rec_cursor cur = rec_list_begin(&m->aliases);
	struct rec_item it;
	while (rec_list_next(&cur, &it)) {
		struct sym *y = symtab_at(&ck->names.alias, symtab_get(&ck->names.alias, it.text, 1));
		if (y->def) {
			problem_at(ck->probs, at(ck, it.line, it.col), checker_seq(ck, CK_DUP_ALIAS),
				   "duplicate alias '%s' (also used by '%s')", it.text,
				   y->aux ? symtab_name(&ck->names.ms, (uint32_t)y->aux) : "");
		} else {
			y->def = 1;
			y->aux = ck->seq_sym[seq];
		}
	}
}

/* Links: kept for the cycle check; ldefs[i] is the target's seq, or 0 when it comes later
 * (settled at the end). */
static void resolve_links(struct checker *ck, const struct ms_record *m, int64_t seq, int32_t *ldefs)
{
	struct rec_cursor cur = rec_list_begin(&m->links);
	struct rec_item it;
	for (uint32_t i = 0; rec_list_next(&cur, &it); i++) {
		uint32_t id = symtab_get(&ck->names.ms, it.text, 1);
		struct edge_rec e = {(int32_t)seq, (int32_t)i, id, (uint32_t)ck->cur_file, it.line, it.col};
		if (ck->edges && fwrite(&e, sizeof e, 1, ck->edges) != 1) {
			scratch_failed(ck);
			fclose(ck->edges);
			ck->edges = NULL;
		}
		ldefs[i] = symtab_at(&ck->names.ms, id)->def;
		if (ldefs[i])
			continue;
		struct pending *pd = &ck->pend;
		DLT_GROW(pd->links, pd->nlinks + 1, pd->caplinks);
		pd->links[pd->nlinks++] = (struct pend_link){id, seq, (int)i,
			ck->sink && ck->sink->late_notes ? xstrdup(it.note) : NULL, at(ck, it.line, it.col)};
	}
}

static void check_milestone(struct checker *ck, struct rec_reader *r)
{
	int64_t seq = ++ck->ms_seq;
	seq_reserve(ck, seq);
	struct ms_record m;
	ms_record_get(r, &m);
	uint32_t era = 0, par = 0;
	if (m.staged) {
		define_milestone(ck, &m, seq);
		struct where ms = at(ck, m.line, m.col);
		era = period_ref(ck, 0, m.era, (int)m.year, ms, at(ck, m.era_line, m.era_col));
		par = period_ref(ck, 1, m.paradigm, (int)m.year, ms, at(ck, m.par_line, m.par_col));
	}
	DLT_GROW(ck->refs, (size_t)m.tags.n + m.links.n + 1, ck->refs_cap);
	int32_t *tdefs = ck->refs, *ldefs = ck->refs + m.tags.n;
	resolve_tags(ck, &m, seq, tdefs);
	check_aliases(ck, &m, seq);
	resolve_links(ck, &m, seq, ldefs);
	if (m.staged && to_sink(ck)) {
		struct ms_refs refs = {seq, era, par, tdefs, ldefs};
		sink_result(ck, ck->sink->milestone(ck->sink, &m, &refs));
	}
}

void checker_chunk(struct checker *ck, const struct chunk *ch)
{
	if (!ch->data.len)
		return;   /* (no buffer at all) */
	struct rec_reader r = {ch->data.buf};
	const char *end = ch->data.buf + ch->data.len;
	while (r.p < end) {
		switch (rec_get_u32(&r)) {
		case R_TITLE:
			check_title(ck, &r);
			break;
		case R_PERIOD:
			check_period(ck, &r);
			break;
		case R_TAG:
			check_tag(ck, &r);
			break;
		default:
			check_milestone(ck, &r);
			break;
		}
	}
}

/* ---- the end of input ------------------------------------------------------------------------ */

void checker_settle(struct checker *ck)
{
	struct pending *pd = &ck->pend;
	for (int k = 0; k < 2; k++) {
		struct symtab *t = k == 0 ? &ck->names.era : &ck->names.par;
		for (size_t i = 0; i < pd->nper[k]; i++) {
			const struct pend_period *p = &pd->per[k][i];
			const struct sym *y = symtab_at(t, p->sym);
			if (y->def)
				check_period_year(ck, k, &ck->periods[k][y->def - 1], symtab_name(t, p->sym), p->year,
						  p->ms);
			else
				problem_at(ck->probs, p->value, checker_seq(ck, k == 0 ? CK_UNKNOWN_ERA : CK_UNKNOWN_PAR),
					   "unknown %s '%s'", k == 0 ? "era" : "paradigm", symtab_name(t, p->sym));
		}
	}
	for (size_t i = 0; i < pd->ntags; i++) {
		const struct pend_tag *p = &pd->tags[i];
		if (!symtab_at(&ck->names.tag, p->sym)->def)
			problem_at(ck->probs, p->at, checker_seq(ck, CK_UNKNOWN_TAG), "unknown tag '%s'",
				   symtab_name(&ck->names.tag, p->sym));
	}
	for (size_t i = 0; i < pd->nlinks; i++) {
		const struct pend_link *p = &pd->links[i];
		if (!symtab_at(&ck->names.ms, p->sym)->def)
			problem_at(ck->probs, p->at, checker_seq(ck, CK_UNKNOWN_LINK), "builds_on links to unknown id '%s'",
				   symtab_name(&ck->names.ms, p->sym));
		else
			ck->has_forward = 1;
	}
	if (ck->has_forward)
		check_cycles(ck);
}

void checker_totals(struct checker *ck, struct import_totals *t)
{
	const struct pending *pd = &ck->pend;
	free(ck->late_tags);
	free(ck->late_links);
	ck->late_tags = xmalloc((pd->ntags + 1) * sizeof *ck->late_tags);
	ck->late_links = xmalloc((pd->nlinks + 1) * sizeof *ck->late_links);
	for (size_t i = 0; i < pd->ntags; i++)
		ck->late_tags[i] = (struct late_tag){pd->tags[i].seq, symtab_at(&ck->names.tag, pd->tags[i].sym)->def};
	for (size_t i = 0; i < pd->nlinks; i++) {
		const struct pend_link *p = &pd->links[i];
		ck->late_links[i] = (struct late_link){p->src, symtab_at(&ck->names.ms, p->sym)->def, p->pos, p->note};
	}
	*t = (struct import_totals){ck->ms_seq, ck->late_tags, pd->ntags, ck->late_links, pd->nlinks};
}

void checker_free(struct checker *ck)
{
	symtab_free(&ck->names.ms);
	symtab_free(&ck->names.era);
	symtab_free(&ck->names.par);
	symtab_free(&ck->names.tag);
	symtab_free(&ck->names.alias);
	for (int k = 0; k < 2; k++) {
		free(ck->periods[k]);
		free(ck->pend.per[k]);
	}
	free(ck->tags);
	free(ck->pend.tags);
	for (size_t i = 0; i < ck->pend.nlinks; i++)
		free(ck->pend.links[i].note);
	free(ck->pend.links);
	free(ck->file_first_seq);
	free(ck->seq_sym);
	free(ck->refs);
	free(ck->late_tags);
	free(ck->late_links);
	if (ck->edges)
		fclose(ck->edges);
	memset(ck, 0, sizeof *ck);
}
