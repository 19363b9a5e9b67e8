/*
 * cmd_list.c -- the commands that list milestones or names: list, search, eras,
 * paradigms, tags and bookmarks.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_int.h"
#include "core/util.h"
#include "core/vocab.h"
#include "model/find.h"
#include "model/view.h"
#include "model/state.h"

/* ---- list ---------------------------------------------------------------------------------- */

enum { L_YEAR = 1, L_FROM, L_TO, L_ERA, L_TAG, L_KIND, L_PARADIGM, L_LIMIT };

struct list_args {
	int year_from, year_to;
	const char *era, *tag, *kind, *paradigm;
	long limit;
};

static int list_option(struct cli *c, int id, const char *value, void *arg)
{
	struct list_args *a = arg;
	int y, status;
	switch (id) {
	case L_YEAR:
	case L_FROM:
	case L_TO:
		if ((status = cli_year(c, value, &y)) != 0)
			return status;
		if (id != L_TO)
			a->year_from = y;
		if (id != L_FROM)
			a->year_to = y;
		return 0;
	case L_ERA:
		a->era = value;
		return 0;
	case L_TAG:
		a->tag = value;
		return 0;
	case L_KIND:
		a->kind = value;
		return 0;
	case L_PARADIGM:
		a->paradigm = value;
		return 0;
	default:
		return cli_number(c, "limit", value, 1, 100000000, &a->limit);
	}
}

/* Print every row of a view (up to limit). Returns the number printed. */
static size_t print_view(struct cli *c, struct dlt_view *v, long limit)
{
	struct dlt_row rows[64];
	size_t total = 0;
	int64_t from = 0;
	for (;;) {
		size_t want = DLT_ARRAY_LEN(rows);
		if (limit > 0 && (long)(total + want) > limit)
			want = (size_t)(limit - (long)total);
		size_t n = want ? dlt_view_fetch(v, from, 1, want, rows) : 0;
		for (size_t i = 0; i < n; i++) {
			out_row(c, &rows[i], total + i == 0);
			from = rows[i].id;
			dlt_row_clear(&rows[i]);
		}
		total += n;
		if (n < want || n == 0)
			break;
	}
	out_rows_end(c, total);
	return total;
}

static int run_list(struct cli *c, void *arg)
{
	struct list_args *a = arg;
	if (a->year_from && a->year_to && a->year_from > a->year_to)
		return cli_usage(c, "--from %d is after --to %d", a->year_from, a->year_to);
	if (a->kind && dlt_kind_parse(a->kind) == DLT_KIND_NONE)
		return cli_usage(c, "unknown kind '%s' (%s)", a->kind, dlt_kind_list());
	if (cli_open_db(c) < 0)
		return DLT_EXIT_ERROR;

	int64_t era = 0, tag = 0, par = 0;
	int status = 0;
	if (a->era && !(era = cli_find_period(c->eras, c->neras, a->era)))
		return cli_usage(c, "unknown era '%s' (see 'dltimeline eras')", a->era);
	if (a->paradigm && !(par = cli_find_period(c->pars, c->npars, a->paradigm)))
		return cli_usage(c, "unknown paradigm '%s' (see 'dltimeline paradigms')", a->paradigm);
	if (a->tag && !(tag = cli_tag(c, a->tag, &status)))
		return status;
	struct dlt_filter f = {.year_from = a->year_from, .year_to = a->year_to};
	if (tag)
		dlt_filter_add_tag(&f, tag);
	if (era)
		dlt_filter_add_era(&f, era);
	if (par)
		dlt_filter_add_paradigm(&f, par);
	if (a->kind)
		dlt_filter_add_kind(&f, a->kind);
	struct dlt_view *v = dlt_view_new(c->db, &f);
	size_t total = print_view(c, v, a->limit);
	dlt_view_free(v);
	dlt_filter_clear(&f);
	if (dlt_db_failed(c->db))
		return cli_db_error(c);
	return total ? DLT_EXIT_OK : DLT_EXIT_NOTFOUND;
}

static const struct cli_opt list_opts[] = {
	{"year", 0, L_YEAR, "Y", "only year Y"},
	{"from", 0, L_FROM, "Y", "only years from Y (with --to: Y1 to Y2)"},
	{"to", 0, L_TO, "Y", "only years up to Y"},
	{"era", 0, L_ERA, "ERA", "only this era, by id or name (see 'dltimeline eras')"},
	{"paradigm", 0, L_PARADIGM, "P", "only this paradigm (see 'dltimeline paradigms')"},
	{"tag", 0, L_TAG, "TAG", "only milestones with this tag (see 'dltimeline tags')"},
	{"kind", 0, L_KIND, "K", "only this kind: paper, model, system, product, event,\n"
				"dataset, framework, hardware or competition"},
	{"limit", 0, L_LIMIT, "N", "at most N rows"},
	{0},
};

const struct cli_command cli_cmd_list = {
	.name = "list", .run = run_list, .usage = "",
	.help = "List milestones in chronological order.\n"
		"All of them, or those the options select (all must match).\n"
		"In a pipe each milestone is one whole line; on a terminal lines fit its width.",
	.opts = list_opts, .option = list_option, .args_size = sizeof(struct list_args),
	.formats = "text tsv json", .max_args = 0, .pages = 1,
};

/* ---- search -------------------------------------------------------------------------------- */

struct search_args {
	long limit;
	int explain;
};

enum { S_LIMIT = 1, S_EXPLAIN };

static int search_option(struct cli *c, int id, const char *value, void *arg)
{
	struct search_args *a = arg;
	if (id == S_EXPLAIN) {
		a->explain = 1;
		return 0;
	}
	return cli_number(c, "limit", value, 1, 100000, &a->limit);
}

/* Why a result is where it is, for --explain. */
static const char *tier_name(enum dlt_tier t)
{
	static const char *const names[] = {
		[DLT_TIER_EXACT] = "name", [DLT_TIER_PREFIX] = "name-prefix",
		[DLT_TIER_NEAR_NAME] = "near-name", [DLT_TIER_NAME_WORDS] = "name-words",
		[DLT_TIER_TEXT] = "text", [DLT_TIER_SOME_WORDS] = "some-words", [DLT_TIER_FIELDS] = "fields",
	};
	return t >= DLT_TIER_EXACT && t <= DLT_TIER_FIELDS ? names[t] : "?";
}

static int run_search(struct cli *c, void *arg)
{
	struct search_args *a = arg;
	struct strbuf text = {0}, err = {0};
	for (int i = 0; i < c->nargs; i++) {
		if (i)
			sb_addc(&text, ' ');
		sb_add(&text, c->args[i]);
	}
	if (cli_open_db(c) < 0) {
		sb_free(&text);
		return DLT_EXIT_ERROR;
	}
	struct dlt_found found;
	int rc = dlt_find(c->db, sb_str(&text), NULL, a->limit ? (size_t)a->limit : 20, 0, &found, &err);
	sb_free(&text);
	if (rc == -1) {
		int status = cli_usage(c, "%s", sb_str(&err));
		sb_free(&err);
		dlt_found_clear(&found);
		return status;
	}
	sb_free(&err);
	if (rc < 0) {
		dlt_found_clear(&found);
		return cli_db_error(c);
	}
	/* what was searched for instead goes to stderr: stdout stays the results */
	if (found.corrected)
		cli_note(c, "nothing matches the words as typed; showing results for \"%s\"", found.corrected);
	if (found.partial)
		cli_note(c, "no milestone has all the words; these have most of them");
	for (size_t i = 0; i < found.n; i++) {
		struct dlt_row row = {0};
		if (dlt_row_load(c->db, found.hits[i].id, &row) == 0) {
			if (a->explain)
				printf("%-12s %8.3f  ", tier_name(found.hits[i].tier), found.hits[i].score);
			out_row(c, &row, i == 0);
			dlt_row_clear(&row);
		}
	}
	out_rows_end(c, found.n);
	size_t n = found.n;
	dlt_found_clear(&found);
	if (dlt_db_failed(c->db))
		return cli_db_error(c);
	return n ? DLT_EXIT_OK : DLT_EXIT_NOTFOUND;
}

static const struct cli_opt search_opts[] = {
	{"limit", 0, S_LIMIT, "N", "at most N results (default 20)"},
	{"explain", 0, S_EXPLAIN, NULL, "before each result, the tier that found it and its score\n"
					 "(name, name-prefix, near-name, name-words, text, some-words,\nfields)"},
	{0},
};

/* The search command's help: the query language and the ranking, in brief (the man page
 * says more). */
#define SEARCH_HELP \
	"Search the timeline; best matches first.\n" \
	"A name first (id, short name, alias, title or paper title, compared without case,\n" \
	"spaces or punctuation: gpt3 finds GPT-3), then names that start with the words,\n" \
	"then names with every word, then any text with every word (names and titles weigh\n" \
	"most). Ties go to the milestone more later work builds on. A word that matches\n" \
	"nothing is corrected to the nearest known one; if no milestone has every word, those\n" \
	"with most of them are listed.\n" \
	"Fields narrow the search and combine with words and with each other:\n" \
	"  author:hinton  venue:nips  year:2017  year:2012..2015  year:..1990\n" \
	"  tag:rl  kind:model  era:llm  (quote a value with spaces: author:\"geoffrey hinton\")\n" \
	"Fields alone list their matches in timeline order."

const struct cli_command cli_cmd_search = {
	.name = "search", .run = run_search, .usage = "QUERY...",
	.help = SEARCH_HELP,
	.opts = search_opts, .option = search_option, .args_size = sizeof(struct search_args),
	.formats = "text tsv json", .min_args = 1, .max_args = -1,
	.too_few = "what should I search for?", .pages = 1,
};

/* ---- eras, paradigms, tags ------------------------------------------------------------------ */

static int list_periods(struct cli *c, enum dlt_period_kind kind)
{
	static const enum dlt_query json_q[] = {Q_ERA_JSON, Q_PAR_JSON, Q_TAG_JSON};
	if (cli_open_db(c) < 0)
		return DLT_EXIT_ERROR;
	if (c->format == FMT_JSON) {
		out_json_query(c, json_q[kind], 0);
		putchar('\n');
		out_check();
		return dlt_db_failed(c->db) ? cli_db_error(c) : DLT_EXIT_OK;
	}
	struct dlt_period *p;
	size_t n = dlt_periods_load(c->db, kind, &p);
	for (size_t i = 0; i < n; i++) {
		char years[32] = "", cnt[32];
		if (p[i].start && p[i].end)
			snprintf(years, sizeof years, "%d-%d", p[i].start, p[i].end);
		else if (p[i].start)
			snprintf(years, sizeof years, "%d-", p[i].start);
		snprintf(cnt, sizeof cnt, "%lld", (long long)p[i].count);
		if (c->format == FMT_TSV) {
			out_tsv(p[i].slug, 0);
			out_tsv(p[i].name, 0);
			out_tsv(kind == DLT_TAGS ? cnt : years, kind == DLT_TAGS);
			if (kind != DLT_TAGS)
				out_tsv(p[i].summary, 1);
		} else if (kind == DLT_TAGS) {
			printf("%s%-22s%s %-30s %s%5s%s\n", out_bold(c), p[i].slug, out_reset(c), p[i].name,
			       out_dim(c), cnt, out_reset(c));
		} else {
			printf("%s%-10s%s %s%s%s  %s(%s)%s\n", out_date(c), years, out_reset(c), out_bold(c),
			       p[i].name, out_reset(c), out_dim(c), p[i].slug, out_reset(c));
			if (p[i].summary)
				out_wrapped(c, p[i].summary, 11, 0);
		}
		out_check();
	}
	dlt_periods_free(p, n);
	return dlt_db_failed(c->db) ? cli_db_error(c) : n ? DLT_EXIT_OK : DLT_EXIT_NOTFOUND;
}

static int run_eras(struct cli *c, void *arg)
{
	(void)arg;
	return list_periods(c, DLT_ERAS);
}

static int run_paradigms(struct cli *c, void *arg)
{
	(void)arg;
	return list_periods(c, DLT_PARADIGMS);
}

static int run_tags(struct cli *c, void *arg)
{
	(void)arg;
	return list_periods(c, DLT_TAGS);
}

const struct cli_command cli_cmd_eras = {
	.name = "eras", .run = run_eras, .usage = "",
	.help = "List the eras: the periods of the history, with their years.",
	.formats = "text tsv json", .max_args = 0,
};

const struct cli_command cli_cmd_paradigms = {
	.name = "paradigms", .run = run_paradigms, .usage = "",
	.help = "List the paradigms: the ways of working that milestones follow.\n"
		"Those with years are also the periods they dominated.",
	.formats = "text tsv json", .max_args = 0,
};

const struct cli_command cli_cmd_tags = {
	.name = "tags", .run = run_tags, .usage = "",
	.help = "List the tags with their milestone counts.",
	.formats = "text tsv json", .max_args = 0, .pages = 1,
};

/* ---- bookmarks ------------------------------------------------------------------------------- */

enum { B_ADD = 1, B_REMOVE, B_NOTE, B_MOVE, B_TO };

struct bookmark_args {
	const char *add, *remove, *note, *move;
	long to;          /* --to: the position, from 1 (0: not given) */
};

static int bookmark_option(struct cli *c, int id, const char *value, void *arg)
{
	struct bookmark_args *a = arg;
	switch (id) {
	case B_ADD:
		a->add = value;
		break;
	case B_REMOVE:
		a->remove = value;
		break;
	case B_NOTE:
		a->note = value;
		break;
	case B_MOVE:
		a->move = value;
		break;
	default:
		return cli_number(c, "to", value, 1, 1000000, &a->to);
	}
	return 0;
}

/* Add (with its note), remove or move the bookmark of milestone `name`. Returns the exit
 * status. */
static int change_bookmark(struct cli *c, struct dlt_state *st, const char *name, const struct bookmark_args *a)
{
	int status = DLT_EXIT_OK;
	int64_t id = cli_resolve(c, name, &status);
	struct dlt_row row = {0};
	if (!id)
		return status;
	if (dlt_row_load(c->db, id, &row) < 0)
		return cli_db_error(c);
	int rc = a->move ? dlt_bookmark_move(st, row.slug, a->to)
		 : a->note ? dlt_bookmark_note(st, row.slug, a->note)
			   : dlt_bookmark_set(st, row.slug, a->add != NULL);   /* (an existing note stays) */
	if (rc < 0) {
		fprintf(stderr, "dltimeline: %s\n", dlt_state_error(st));
		status = DLT_EXIT_ERROR;
	} else if (rc > 0) {
		fprintf(stderr, "dltimeline: %s is not bookmarked\n", dlt_row_name(&row));
		status = DLT_EXIT_NOTFOUND;
	}
	dlt_row_clear(&row);
	return status;
}

/* The bookmarked milestones ids[0..n) as a TimelineJS timeline. Returns 0, or -1 on a
 * database error. */
static int bookmarks_timeline(struct cli *c, const int64_t *ids, size_t n)
{
	struct tljs_event *ev = xcalloc(n ? n : 1, sizeof *ev);
	for (size_t i = 0; i < n; i++)
		ev[i].id = ids[i];
	struct dlt_summary sum;
	dlt_summary_load(c->db, &sum);
	struct strbuf title = {0};
	sb_addf(&title, "Reading list: %s", sum.title);
	int rc = export_timelinejs(c, sb_str(&title), ev, n);
	sb_free(&title);
	dlt_summary_clear(&sum);
	free(ev);
	return rc;
}

/* Print the bookmarks in their order (citations and timelines: in timeline order).
 * Returns the exit status. */
static int print_bookmarks(struct cli *c, struct dlt_state *st)
{
	char **slugs, **notes;
	size_t n = dlt_bookmarks_notes(st, &slugs, &notes), shown = 0;
	int64_t *ids = xmalloc((n ? n : 1) * sizeof *ids);
	char **kept = xmalloc((n ? n : 1) * sizeof *kept);   /* the notes of ids[], borrowed */
	for (size_t i = 0; i < n; i++)   /* bookmarks of milestones no longer in the timeline are left out */
		if ((ids[shown] = dlt_id_by_slug(c->db, slugs[i])) != 0)
			kept[shown++] = notes[i];
	int rc = 0;
	if (cli_is_cite_format(c->format)) {
		rc = export_cite(c, ids, shown);
	} else if (c->format == FMT_MARKDOWN) {
		rc = md_reading_list(c, ids, kept, shown);
	} else if (c->format == FMT_TIMELINEJS) {
		rc = bookmarks_timeline(c, ids, shown);
	} else {
		size_t printed = 0;
		for (size_t i = 0; i < shown; i++) {
			struct dlt_row row = {0};
			if (dlt_row_load(c->db, ids[i], &row) == 0) {
				out_row(c, &row, printed++ == 0);
				dlt_row_clear(&row);
			}
		}
		out_rows_end(c, printed);
	}
	free(kept);
	dlt_bookmarks_free(slugs, n);
	dlt_bookmarks_free(notes, n);
	free(ids);
	if (*dlt_state_error(st)) {
		fprintf(stderr, "dltimeline: %s\n", dlt_state_error(st));
		return DLT_EXIT_ERROR;
	}
	if (rc < 0 || dlt_db_failed(c->db))
		return cli_db_error(c);
	return shown ? DLT_EXIT_OK : DLT_EXIT_NOTFOUND;
}

static int run_bookmarks(struct cli *c, void *arg)
{
	struct bookmark_args *a = arg;
	if (c->g->no_state)
		return cli_usage(c, "bookmarks live in the state database, which --no-state turns off");
	if (!!a->add + !!a->remove + !!a->move > 1)
		return cli_usage(c, "--add, --remove and --move go one at a time");
	if (a->note && !a->add)
		return cli_usage(c, "--note goes with --add");
	if (!a->move != !a->to)
		return cli_usage(c, "--move and --to go together");
	if (cli_open_db(c) < 0)
		return DLT_EXIT_ERROR;
	struct strbuf key = {0}, err = {0};
	dlt_state_key(c->g->db_path && *c->g->db_path ? c->g->db_path : getenv("DLTIMELINE_DB"), &key);
	struct dlt_state *st = dlt_state_open(sb_str(&key), &err);
	sb_free(&key);
	if (!st) {
		fprintf(stderr, "dltimeline: %s\n", sb_str(&err));
		sb_free(&err);
		return DLT_EXIT_ERROR;
	}
	const char *name = a->add ? a->add : a->remove ? a->remove : a->move;
	int status = name ? change_bookmark(c, st, name, a) : print_bookmarks(c, st);
	dlt_state_close(st);
	sb_free(&err);
	return status;
}

static const struct cli_opt bookmark_opts[] = {
	{"add", 0, B_ADD, "ID", "bookmark a milestone (id, name, title or alias)"},
	{"note", 0, B_NOTE, "TEXT", "with --add: the bookmark's note (\"\": none)"},
	{"remove", 0, B_REMOVE, "ID", "remove a bookmark (and its note)"},
	{"move", 0, B_MOVE, "ID", "put a bookmark at the place --to says"},
	{"to", 0, B_TO, "N", "with --move: the place, from 1 (past the end: last)"},
	{0},
};

const struct cli_command cli_cmd_bookmarks = {
	.name = "bookmarks", .run = run_bookmarks, .usage = "",
	.help = "List your bookmarks, or add, remove or move one.\n"
		"They are listed most recent first, unless moved. A bookmark may carry a note,\n"
		"shown in the markdown reading list.\n"
		"They are kept per timeline in $XDG_STATE_HOME/dltimeline/ (or\n"
		"~/.local/state/dltimeline/). markdown writes them as a reading list, bibtex and\n"
		"csl-json cite them, timelinejs makes them a timeline to publish.",
	.opts = bookmark_opts, .option = bookmark_option, .args_size = sizeof(struct bookmark_args),
	.formats = "text tsv json markdown bibtex csl-json timelinejs", .max_args = 0, .pages = 1,
};
