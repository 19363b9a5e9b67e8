/*
 * cmd_export.c -- export: the whole timeline, or the part the options select, as JSON
 * (complete), CSV, Markdown, or drawn as DOT and mermaid (export_graph.c). Milestones are
 * read one by one by id (primary-key lookups only).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_int.h"
#include "core/util.h"
#include "model/detail.h"
#include "model/graph.h"
#include "model/markdown.h"

enum { E_FROM = 1, E_TO, E_TAG, E_ROOT, E_DEPTH, E_EDGE_LABELS };

struct export_args {
	int year_from, year_to;
	const char *tag, *root;
	long depth;
	int edge_labels;
};

static int export_option(struct cli *c, int id, const char *value, void *arg)
{
	struct export_args *a = arg;
	switch (id) {
	case E_FROM:
		return cli_year(c, value, &a->year_from);
	case E_TO:
		return cli_year(c, value, &a->year_to);
	case E_TAG:
		a->tag = value;
		return 0;
	case E_ROOT:
		a->root = value;
		return 0;
	case E_DEPTH:
		return cli_number(c, "depth", value, 1, 1000000, &a->depth);
	default:
		a->edge_labels = 1;
		return 0;
	}
}

static void export_json(struct cli *c, const struct dlt_subgraph *g)
{
	fputs("{\"milestones\":[", stdout);
	for (size_t i = 0; i < g->nids; i++) {
		fputs(i ? ",\n" : "\n", stdout);
		if (out_json_query(c, Q_MS_EXPORT_JSON, g->ids[i]) < 0)
			break;
		out_check();
	}
	fputs(g->nids ? "\n],\"eras\":" : "],\"eras\":", stdout);
	out_json_query(c, Q_ERA_JSON, 0);
	fputs(",\"paradigms\":", stdout);
	out_json_query(c, Q_PAR_JSON, 0);
	fputs(",\"tags\":", stdout);
	out_json_query(c, Q_TAG_JSON, 0);
	fputs("}\n", stdout);
}

static const char *const csv_head[] = {"id", "year", "month", "title", "short", "kind", "authors",
	"organization", "venue", "paper_title", "arxiv", "doi", "url", "era", "paradigm", "tags", "summary",
	"builds_on"};

static void csv_row(struct cli *c, const struct dlt_milestone *m)
{
	struct strbuf authors = {0}, tags = {0}, links = {0};
	for (size_t i = 0; i < m->nauthors; i++)
		sb_addf(&authors, "%s%s", i ? "; " : "", m->authors[i]);
	for (size_t i = 0; i < m->ntags; i++)
		sb_addf(&tags, "%s%s", i ? ";" : "", m->tags[i].slug);
	for (size_t i = 0; i < m->nbuilds_on; i++)
		sb_addf(&links, "%s%s", i ? ";" : "", m->builds_on[i].other.slug);
	char y[16], mo[16];
	snprintf(y, sizeof y, "%d", m->row.year);
	snprintf(mo, sizeof mo, "%d", m->row.month);
	const char *v[] = {m->row.slug, y, m->row.month ? mo : "", m->row.title, m->row.short_name,
		m->row.kind, sb_str(&authors), m->organization, m->venue, m->paper_title, m->arxiv, m->doi,
		m->url, cli_period_slug(c->eras, c->neras, m->row.era),
		cli_period_slug(c->pars, c->npars, m->row.paradigm), sb_str(&tags), m->summary, sb_str(&links)};
	_Static_assert(DLT_ARRAY_LEN(v) == DLT_ARRAY_LEN(csv_head), "a value per CSV column");
	for (size_t i = 0; i < DLT_ARRAY_LEN(v); i++)
		out_csv(v[i], i + 1 == DLT_ARRAY_LEN(v));
	sb_free(&authors);
	sb_free(&tags);
	sb_free(&links);
}

/* CSV and Markdown: each milestone loaded in full. */
static void export_rows(struct cli *c, const struct dlt_subgraph *g, const char *title)
{
	if (c->format == FMT_CSV) {
		for (size_t i = 0; i < DLT_ARRAY_LEN(csv_head); i++)
			out_csv(csv_head[i], i + 1 == DLT_ARRAY_LEN(csv_head));
	} else {
		struct dlt_row first = {0}, last = {0};
		struct strbuf head = {0};
		dlt_md_text(&head, title);
		if (g->nids && dlt_row_load(c->db, g->ids[0], &first) == 0 &&
		    dlt_row_load(c->db, g->ids[g->nids - 1], &last) == 0)
			printf("# %s\n\n%zu milestone%s, %d-%d.\n", sb_str(&head), g->nids, g->nids == 1 ? "" : "s",
			       first.year, last.year);
		else
			printf("# %s\n\nNo milestones.\n", sb_str(&head));
		sb_free(&head);
		dlt_row_clear(&first);
		dlt_row_clear(&last);
	}
	int last_year = 0;
	for (size_t i = 0; i < g->nids; i++) {
		struct dlt_milestone m;
		if (dlt_milestone_load(c->db, g->ids[i], &m) < 0)
			break;
		if (c->format == FMT_CSV)
			csv_row(c, &m);
		else
			md_export_row(&m, &last_year);
		dlt_milestone_clear(&m);
		out_check();
	}
}

/* The selection as a TimelineJS timeline. Returns 0, or -1 on a database error. */
static int export_timeline(struct cli *c, const struct dlt_subgraph *g, const char *title)
{
	struct tljs_event *ev = xcalloc(g->nids ? g->nids : 1, sizeof *ev);
	for (size_t i = 0; i < g->nids; i++)
		ev[i].id = g->ids[i];
	int rc = export_timelinejs(c, title, ev, g->nids);
	free(ev);
	return rc;
}

static int run_export(struct cli *c, void *arg)
{
	struct export_args *a = arg;
	if (a->year_from && a->year_to && a->year_from > a->year_to)
		return cli_usage(c, "--from %d is after --to %d", a->year_from, a->year_to);
	if (a->depth && !a->root)
		return cli_usage(c, "--depth goes with --root");
	if (a->edge_labels && c->format != FMT_DOT && c->format != FMT_MERMAID)
		return cli_usage(c, "--edge-labels goes with --format dot or mermaid");
	if (cli_open_db(c) < 0)
		return DLT_EXIT_ERROR;
	struct dlt_subgraph_opts sub = {.year_from = a->year_from, .year_to = a->year_to, .ids_only = 1};
	int status = 0;
	if (a->tag && !(sub.tag = cli_tag(c, a->tag, &status)))
		return status;
	if (a->root) {
		if (!(sub.root = cli_resolve(c, a->root, &status)))
			return status;
		sub.depth = (int)a->depth;
	}
	int restricted = sub.year_from || sub.year_to || sub.tag || sub.root;
	struct dlt_subgraph g;
	if (dlt_subgraph_collect(c->db, &sub, &g) < 0)
		return cli_db_error(c);
	struct dlt_summary sum;
	dlt_summary_load(c->db, &sum);
	int rc = 0;
	if (c->format == FMT_DOT)
		export_dot(c, &g, sum.title, a->edge_labels);
	else if (c->format == FMT_MERMAID)
		export_mermaid(c, &g, sum.title, a->edge_labels);
	else if (c->format == FMT_JSON)
		export_json(c, &g);
	else if (cli_is_cite_format(c->format))
		rc = export_cite(c, g.ids, g.nids);
	else if (c->format == FMT_TIMELINEJS)
		rc = export_timeline(c, &g, sum.title);
	else
		export_rows(c, &g, sum.title);
	dlt_summary_clear(&sum);
	size_t shown = g.nids;
	dlt_subgraph_free(&g);
	if (rc < 0 || dlt_db_failed(c->db))
		return cli_db_error(c);
	return restricted && !shown ? DLT_EXIT_NOTFOUND : DLT_EXIT_OK;
}

static const struct cli_opt export_opts[] = {
	{"from", 0, E_FROM, "Y", "only years from Y"},
	{"to", 0, E_TO, "Y", "only years up to Y"},
	{"tag", 0, E_TAG, "TAG", "only milestones with this tag"},
	{"root", 0, E_ROOT, "ID", "only this milestone and what it builds on and led to"},
	{"depth", 0, E_DEPTH, "N", "with --root: only up to N links away"},
	{"edge-labels", 0, E_EDGE_LABELS, NULL, "dot and mermaid: label each link with its note"},
	{0},
};

const struct cli_command cli_cmd_export = {
	.name = "export", .run = run_export, .usage = "",
	.help = "Write the timeline, or a part of it, to stdout.\n"
		"The options select milestones (all must match). json is complete; csv and markdown\n"
		"list each milestone; dot (Graphviz: a cluster per era) and mermaid (a timeline and a\n"
		"flowchart) draw the links among them.",
	.opts = export_opts, .option = export_option, .args_size = sizeof(struct export_args),
	.formats = "json csv markdown dot mermaid bibtex csl-json timelinejs", .max_args = 0, .pages = 1,
};
