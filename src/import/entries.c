/*
 * entries.c -- see entries.h.
 */
#include "import/entries.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/vocab.h"
#include "import/record.h"

static const char *const period_keys[] = {"id", "name", "start", "end", "summary"};
enum { P_ID, P_NAME, P_START, P_END, P_SUMMARY, P__COUNT };
static const char *const tag_keys[] = {"id", "name"};
enum { G_ID, G_NAME, G__COUNT };
static const char *const link_keys[] = {"id", "note", "kind"};
enum { L_ID, L_NOTE, L_KIND, L__COUNT };
static const char *const milestone_keys[] = {
	"id", "year", "month", "title", "short", "kind", "authors", "author_count", "organization",
	"venue", "venue_type", "paper_title", "arxiv", "doi", "url", "era", "paradigm", "tags", "aliases",
	"summary", "problem", "insight", "impact", "background", "what_happened", "why_it_mattered",
	"formula", "architecture", "figures", "anecdote", "sources",
	"parameters", "training_compute", "scale_source", "root", "builds_on",
};
enum { F_ID, F_YEAR, F_MONTH, F_TITLE, F_SHORT, F_KIND, F_AUTHORS, F_AUTHOR_COUNT, F_ORG,
       F_VENUE, F_VENUE_TYPE, F_PAPER, F_ARXIV, F_DOI, F_URL, F_ERA, F_PARADIGM, F_TAGS, F_ALIASES,
       F_SUMMARY, F_PROBLEM, F_INSIGHT, F_IMPACT, F_BACKGROUND, F_HAPPENED, F_MATTERED,
       F_FORMULA, F_ARCH, F_FIGURES, F_ANECDOTE, F_SOURCES,
       F_PARAMS, F_COMPUTE, F_SCALE_SRC, F_ROOT, F_BUILDS_ON, F__COUNT };

/* The output, with record type t added: the record comes next. */
static struct strbuf *rec_begin(struct entry_ctx *c, enum rec_type t)
{
	assert(c->out);
	rec_put_type(c->out, t);
	return c->out;
}

void entry_period(struct entry_ctx *c, int is_era, const struct ynode *map)
{
	struct field_ctx *f = &c->f;
	const char *what = is_era ? "an era" : "a paradigm";
	const struct ynode *v[P__COUNT];
	field_index(f, map, period_keys, P__COUNT, v, what);
	char *id = field_id(f, map, v[P_ID], what);
	char *name = field_string(f, v[P_NAME], "name", 1);
	char *summary = field_string(f, v[P_SUMMARY], "summary", 0);
	long start = 0, end = 0;
	int hs = field_int(f, v[P_START], "start", DLT_YEAR_MIN, DLT_YEAR_MAX, &start);
	int he = field_int(f, v[P_END], "end", DLT_YEAR_MIN, DLT_YEAR_MAX, &end);
	if (!name)
		field_missing(f, map, v[P_NAME], "name", what);
	/* An era is a stretch of time. A paradigm is a way of working that any milestone may
	 * follow; one with years is also a period, the one that dominated those years. */
	if (hs == 0 && (is_era || he == 1))
		field_missing(f, map, v[P_START], "start", what);
	if (hs == 1 && he == 1 && end < start)
		problem_at(&f->probs, field_at_node(f, v[P_END]), field_seq(f), "'end' %ld is before 'start' %ld",
			   end, start);
	else if (id && name && hs >= 0 && he >= 0 && (hs == 1 || (!is_era && he == 0))) {
		struct rec_period p = {.is_era = (uint32_t)is_era, .slug = id, .name = name,
			.start = hs == 1 ? (uint32_t)start : 0, .end = he == 1 ? (uint32_t)end : 0,
			.summary = summary, .line = map->line, .col = map->col};
		rec_period_put(rec_begin(c, R_PERIOD), &p);
	}
	free(id);
	free(name);
	free(summary);
}

void entry_tag(struct entry_ctx *c, const struct ynode *map)
{
	struct field_ctx *f = &c->f;
	const struct ynode *v[G__COUNT];
	field_index(f, map, tag_keys, G__COUNT, v, "a tag");
	char *id = field_id(f, map, v[G_ID], "a tag");
	char *name = field_string(f, v[G_NAME], "name", 1);
	if (!name)
		field_missing(f, map, v[G_NAME], "name", "a tag");
	if (id && name) {
		struct rec_tag t = {.slug = id, .name = name, .line = map->line, .col = map->col};
		rec_tag_put(rec_begin(c, R_TAG), &t);
	}
	free(id);
	free(name);
}

/* The values of a list of text (tags, aliases, links): the texts and notes are malloc'd. */
struct items {
	struct rec_item *v;
	size_t n, cap;
};

static void items_add(struct items *l, char *text, char *note, const struct ynode *at)
{
	DLT_GROW(l->v, l->n + 1, l->cap);
	l->v[l->n++] = (struct rec_item){text, note, at->line, at->col};
}

static void items_free(struct items *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free((char *)l->v[i].text);
		free((char *)l->v[i].note);
	}
	free(l->v);
}

/* A list-of-text field (tags, aliases; node n): the values kept, in order; with `ids` each
 * value must be an id, else empty values are dropped. */
static void stage_list(struct field_ctx *f, const struct ynode *n, const char *key, int ids, struct items *out)
{
	if (!field_given(n))
		return;
	if (n->type != YN_SEQ) {
		problem_at(&f->probs, field_at_node(f, n), field_seq(f), "'%s' must be a list", key);
		return;
	}
	for (const struct ynode *e = n->child; e; e = e->next) {
		if (e->type != YN_SCALAR || field_is_null(e)) {
			problem_at(&f->probs, field_at_node(f, e), field_seq(f), "each entry of '%s' must be text", key);
			continue;
		}
		char *s = field_trimmed(e);
		if (ids ? field_check_id(f, e, s, "tag") == 0 : (*s != '\0'))
			items_add(out, s, NULL, e);
		else
			free(s);
	}
}

/* The builds_on list (node n). */
static void stage_links(struct field_ctx *f, const struct ynode *n, struct items *out)
{
	if (!field_given(n))
		return;
	if (n->type != YN_SEQ) {
		problem_at(&f->probs, field_at_node(f, n), field_seq(f), "'builds_on' must be a list of {id, note}");
		return;
	}
	for (const struct ynode *e = n->child; e; e = e->next) {
		if (e->type != YN_MAP) {
			problem_at(&f->probs, field_at_node(f, e), field_seq(f),
				   "each entry of 'builds_on' must be a mapping with 'id' and 'note'");
			continue;
		}
		const struct ynode *v[L__COUNT];
		field_index(f, e, link_keys, L__COUNT, v, "a link");
		char *id = field_id(f, e, v[L_ID], "a link");
		char *note = field_string(f, v[L_NOTE], "note", 1);
		char *kind = field_string(f, v[L_KIND], "kind", 1);
		if (!note)
			field_missing(f, e, v[L_NOTE], "note", "a link");
		if (kind && strcmp(kind, "builds_on") != 0)
			problem_at(&f->probs, field_at_node(f, v[L_KIND]), field_seq(f),
				   "unknown link kind '%.40s' (only builds_on)", kind);
		else if (id && note) {
			items_add(out, id, note, e);
			id = note = NULL;
		}
		free(id);
		free(note);
		free(kind);
	}
}

/* A milestone's values as checked, before they become its record. */
struct ms_values {
	const struct ynode *f[F__COUNT];   /* the fields by key (NULL: absent) */
	const struct ynode *slot[F__COUNT];   /* the node each field's value is read from */
	char *id, *kind, *arxiv, *doi, *url, *era, *paradigm, *authors, *figures, *sources;
	char *texts[T__COUNT];
	char **names;          /* the authors, trimmed */
	size_t nnames;
	long year, month, count;
	int hy, hm, hc;        /* year, month, author_count: 1 given, 0 absent, -1 invalid */
	int hp, hcomp;         /* parameters, training_compute: the same */
	double params, compute;
	int root;              /* 1, 0, or -1 when invalid */
	int is_event;
	struct items links, tags, aliases;
	int ntags;             /* entries of the tags list, valid or not */
};

/* The fields that tell an event (kind: event) and the fields of other milestones whose
 * places they take: {event field, other field}. */
static const int event_fields[][2] = {
	{F_BACKGROUND, F_PROBLEM},
	{F_HAPPENED, F_INSIGHT},
	{F_MATTERED, F_IMPACT},
};

/* An event tells what happened; its fields take the places of problem, insight and impact,
 * which an event does not have. Sets v->slot. */
static void ms_event_fields(struct entry_ctx *c, struct ms_values *v)
{
	struct field_ctx *f = &c->f;
	memcpy(v->slot, v->f, sizeof v->slot);
	for (size_t i = 0; i < DLT_ARRAY_LEN(event_fields); i++) {
		const struct ynode *ev = v->f[event_fields[i][0]], *other = v->f[event_fields[i][1]];
		const char *evk = milestone_keys[event_fields[i][0]], *ok = milestone_keys[event_fields[i][1]];
		if (field_given(ev) && v->kind && !v->is_event)
			problem_at(&f->probs, field_at_node(f, ev), field_seq(f),
				   "'%s' is for events (kind: event); a %s has '%s'", evk, v->kind, ok);
		else if (field_given(ev) && field_given(other))
			problem_at(&f->probs, field_at_node(f, other), field_seq(f),
				   "an event has '%s' in place of '%s', not both", evk, ok);
		else if (field_given(other) && v->is_event && c->strict)
			problem_at(&f->probs, field_at_node(f, other), field_seq(f),
				   "an event tells '%s' in place of '%s'", evk, ok);
		if (v->is_event && field_given(ev))
			v->slot[event_fields[i][1]] = ev;
	}
}

/* The texts of a milestone (T_*): which field, and whether it must be one line. */
static const int text_fields[T__COUNT][2] = {
	{F_TITLE, 1}, {F_SHORT, 1}, {F_ORG, 1}, {F_VENUE, 1}, {F_VENUE_TYPE, 1}, {F_PAPER, 1},
	{F_SUMMARY, 1}, {F_PROBLEM, 0}, {F_INSIGHT, 0}, {F_IMPACT, 0}, {F_FORMULA, 0}, {F_ARCH, 0},
	{F_ANECDOTE, 0}, {F_SCALE_SRC, 0},
};

/* The id, numbers, kind and texts of milestone `map`, in the order they are reported. */
static void ms_read_head(struct entry_ctx *c, const struct ynode *map, struct ms_values *v)
{
	struct field_ctx *f = &c->f;
	const char *what = "a milestone";
	v->id = field_id(f, map, v->f[F_ID], what);
	v->hy = field_int(f, v->f[F_YEAR], "year", DLT_YEAR_MIN, DLT_YEAR_MAX, &v->year);
	if (v->hy == 0)
		field_missing(f, map, v->f[F_YEAR], "year", what);
	v->hm = field_int(f, v->f[F_MONTH], "month", 1, 12, &v->month);
	v->hc = field_int(f, v->f[F_AUTHOR_COUNT], "author_count", 1, 100000, &v->count);
	v->kind = field_string(f, v->f[F_KIND], "kind", 1);
	enum dlt_kind kind_of = dlt_kind_parse(v->kind);
	if (!v->kind)
		field_missing(f, map, v->f[F_KIND], "kind", what);
	else if (kind_of == DLT_KIND_NONE)
		problem_at(&f->probs, field_at_node(f, v->f[F_KIND]), field_seq(f), "unknown kind '%.40s' (%s)",
			   v->kind, dlt_kind_list());
	v->is_event = kind_of == DLT_KIND_EVENT;
	ms_event_fields(c, v);
	for (size_t i = 0; i < T__COUNT; i++) {
		int key = text_fields[i][0];
		v->texts[i] = field_string(f, v->slot[key], milestone_keys[key], text_fields[i][1]);
	}
	if (!v->texts[T_TITLE])
		field_missing(f, map, v->f[F_TITLE], "title", what);
	if (!v->texts[T_SUMMARY])
		field_missing(f, map, v->f[F_SUMMARY], "summary", what);
	if (v->texts[T_VENUE_TYPE] && dlt_venue_type_parse(v->texts[T_VENUE_TYPE]) == DLT_VENUE_NONE) {
		problem_at(&f->probs, field_at_node(f, v->f[F_VENUE_TYPE]), field_seq(f),
			   "unknown venue_type '%.40s' (%s)", v->texts[T_VENUE_TYPE], dlt_venue_type_list());
		free(v->texts[T_VENUE_TYPE]);
		v->texts[T_VENUE_TYPE] = NULL;
	}
}

/* The rest of milestone `map`: references, lists, figures, scale, links. */
static void ms_read_rest(struct entry_ctx *c, const struct ynode *map, struct ms_values *v)
{
	struct field_ctx *f = &c->f;
	v->arxiv = field_pattern(f, v->f[F_ARXIV], "arxiv", &c->pat.arxiv_new, &c->pat.arxiv_old,
				 "NNNN.NNNNN or archive/NNNNNNN");
	v->doi = field_pattern(f, v->f[F_DOI], "doi", &c->pat.doi, NULL, "10.NNNN/suffix");
	v->url = field_pattern(f, v->f[F_URL], "url", &c->pat.url, NULL, "http:// or https:// address");
	v->era = field_string(f, v->f[F_ERA], "era", 1);
	v->paradigm = field_string(f, v->f[F_PARADIGM], "paradigm", 1);
	if (!v->era)
		field_missing(f, map, v->f[F_ERA], "era", "a milestone");
	v->authors = field_list_json(f, v->f[F_AUTHORS], "authors", &v->names, &v->nnames);
	v->figures = field_figures_json(f, v->f[F_FIGURES], c->strict);
	v->sources = field_list_json(f, v->f[F_SOURCES], "sources", NULL, NULL);
	v->hp = field_real(f, v->f[F_PARAMS], "parameters", &v->params);
	v->hcomp = field_real(f, v->f[F_COMPUTE], "training_compute", &v->compute);
	if ((v->hp == 1 || v->hcomp == 1) && !v->texts[T_SCALE_SRC])
		problem_at(&f->probs, field_at_node(f, map), field_seq(f),
			   "'parameters' and 'training_compute' need a 'scale_source'");
	v->root = field_bool(f, v->f[F_ROOT], "root", 0);
	stage_links(f, v->f[F_BUILDS_ON], &v->links);
	stage_list(f, v->f[F_TAGS], "tags", 1, &v->tags);
	stage_list(f, v->f[F_ALIASES], "aliases", 0, &v->aliases);
	const struct ynode *tn = v->f[F_TAGS];
	if (tn && tn->type == YN_SEQ)
		for (const struct ynode *e = tn->child; e; e = e->next)
			v->ntags++;
}

/* --strict: the house rules of the curated history. */
static void ms_house_rules(struct entry_ctx *c, const struct ynode *map, const struct ms_values *v)
{
	static const int req[] = {F_SHORT, F_PARADIGM, F_PROBLEM, F_INSIGHT, F_IMPACT, F_SOURCES};
	static const int req_event[] = {F_SHORT, F_HAPPENED, F_MATTERED, F_SOURCES};
	struct field_ctx *f = &c->f;
	const int *r = v->is_event ? req_event : req;
	size_t nr = v->is_event ? DLT_ARRAY_LEN(req_event) : DLT_ARRAY_LEN(req);
	for (size_t i = 0; i < nr; i++)
		if (!field_given(v->f[r[i]]))
			field_missing(f, map, v->f[r[i]], milestone_keys[r[i]], "a milestone");
	const struct ynode *an = v->f[F_AUTHORS];
	if (v->is_event && field_given(v->f[F_PARADIGM]))
		problem_at(&f->probs, field_at_node(f, v->f[F_PARADIGM]), field_seq(f),
			   "an event has no 'paradigm' (a paradigm is a way of learning)");
	if ((v->texts[T_VENUE] || v->texts[T_PAPER]) && !field_given(v->f[F_VENUE_TYPE]))
		problem_at(&f->probs, field_at_node(f, map), field_seq(f),
			   "a milestone with a 'venue' or 'paper_title' needs a 'venue_type' (%s)",
			   dlt_venue_type_list());
	if (v->ntags == 0)
		problem_at(&f->probs, field_at_node(f, map), field_seq(f), "a milestone needs at least one tag");
	if ((!an || an->type != YN_SEQ || !an->child) && !v->texts[T_ORG])
		problem_at(&f->probs, field_at_node(f, map), field_seq(f),
			   "a milestone needs 'authors' or an 'organization'");
	if (v->hy == 1 && v->year > 1950 && v->links.n == 0 && v->root <= 0)
		problem_at(&f->probs, field_at_node(f, map), field_seq(f),
			   "a milestone after 1950 needs a 'builds_on' link or 'root: true'");
}

/* The whole-input checks that one entry shows by itself: a link to itself, a link or a tag
 * listed twice. */
static void ms_entry_checks(struct entry_ctx *c, const struct ms_values *v, int staged)
{
	struct field_ctx *f = &c->f;
	for (size_t i = 0; i < v->links.n; i++) {
		const struct rec_item *l = &v->links.v[i];
		if (staged && strcmp(l->text, v->id) == 0)
			problem_at(&f->probs, field_at(f, l->line, l->col), field_check_seq(f, CK_SELF_LINK),
				   "'%s' builds on itself", l->text);
		for (size_t k = 0; k < i; k++)
			if (strcmp(v->links.v[k].text, l->text) == 0) {
				problem_at(&f->probs, field_at(f, l->line, l->col), field_check_seq(f, CK_LINK_TWICE),
					   "builds_on lists '%s' twice", l->text);
				break;
			}
	}
	for (size_t i = 0; i < v->tags.n; i++) {
		const struct rec_item *t = &v->tags.v[i];
		for (size_t k = 0; k < i; k++)
			if (strcmp(v->tags.v[k].text, t->text) == 0) {
				problem_at(&f->probs, field_at(f, t->line, t->col), field_check_seq(f, CK_TAG_TWICE),
					   "tag '%s' is listed twice", t->text);
				break;
			}
	}
}

/* The record of milestone `map` (R_MS). */
static void ms_put_record(struct entry_ctx *c, const struct ynode *map, const struct ms_values *v, int staged)
{
	const struct ynode *era_n = v->f[F_ERA], *par_n = v->f[F_PARADIGM];
	struct strbuf sa = {0};
	for (size_t i = 0; i < v->aliases.n; i++) {
		if (i)
			sb_add(&sa, " ; ");
		sb_add(&sa, v->aliases.v[i].text);
	}
	char *at = field_authors_text(v->names, v->nnames);
	struct ms_record m = {
		.line = map->line, .col = map->col, .staged = (uint32_t)staged, .year = (uint32_t)v->year,
		.month = v->hm == 1 ? (uint32_t)v->month : 0, .author_count = v->hc == 1 ? (uint32_t)v->count : 0,
		.flags = (v->hp == 1 ? MS_HAS_PARAMS : 0u) | (v->hcomp == 1 ? MS_HAS_COMPUTE : 0u) |
			 (v->root > 0 ? MS_ROOT : 0u),
		.era_line = era_n ? era_n->line : 0, .era_col = era_n ? era_n->col : 0,
		.par_line = par_n ? par_n->line : 0, .par_col = par_n ? par_n->col : 0,
		.params = v->params, .compute = v->compute,
		.slug = v->id, .kind = v->kind, .authors = v->authors, .figures = v->figures, .sources = v->sources,
		.arxiv = v->arxiv, .doi = v->doi, .url = v->url, .era = v->era, .paradigm = v->paradigm,
		.fts_aliases = v->aliases.n ? sb_str(&sa) : NULL, .fts_authors = at,
		.tags = {(uint32_t)v->tags.n, v->tags.v, NULL, 0},
		.aliases = {(uint32_t)v->aliases.n, v->aliases.v, NULL, 0},
		.links = {(uint32_t)v->links.n, v->links.v, NULL, 1},
	};
	memcpy(m.texts, v->texts, sizeof m.texts);
	ms_record_put(rec_begin(c, R_MS), &m);
	sb_free(&sa);
	free(at);
}

static void ms_values_free(struct ms_values *v)
{
	items_free(&v->links);
	items_free(&v->tags);
	items_free(&v->aliases);
	for (size_t i = 0; i < v->nnames; i++)
		free(v->names[i]);
	free(v->names);
	for (size_t i = 0; i < T__COUNT; i++)
		free(v->texts[i]);
	char *own[] = {v->id, v->kind, v->arxiv, v->doi, v->url, v->era, v->paradigm, v->authors, v->figures,
		       v->sources};
	for (size_t i = 0; i < DLT_ARRAY_LEN(own); i++)
		free(own[i]);
}

/* A milestone entry: its fields checked one by one, then the checks that look at the entry
 * alone, then its record. */
void entry_milestone(struct entry_ctx *c, const struct ynode *map)
{
	size_t before = c->f.probs.n;
	struct ms_values v;
	memset(&v, 0, sizeof v);
	field_index(&c->f, map, milestone_keys, F__COUNT, v.f, "a milestone");
	ms_read_head(c, map, &v);
	ms_read_rest(c, map, &v);
	if (c->strict)
		ms_house_rules(c, map, &v);
	/* An entry with errors is still valid (kept for the checks) when it has an id, so that
	 * links to it do not produce a second, misleading "unknown id" error; the import fails
	 * anyway. */
	int staged = v.id && (c->f.probs.n == before || v.hy == 1);
	ms_entry_checks(c, &v, staged);
	ms_put_record(c, map, &v, staged);
	ms_values_free(&v);
}

