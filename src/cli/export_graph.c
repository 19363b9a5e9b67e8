/*
 * export_graph.c -- export --format dot and --format mermaid: the selected milestones and
 * the builds-on links among them, as Graphviz and mermaid draw them.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_int.h"
#include "core/util.h"
#include "model/graph.h"

#define NONE ((size_t)-1)    /* "no index" */

/* A DOT string literal: "..." with quotes and backslashes escaped. */
static void dot_string(const char *s)
{
	putchar('"');
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == '"' || *p == '\\')
			putchar('\\');
		putchar(*p == '\n' ? ' ' : *p);
	}
	putchar('"');
}

/* Text for a mermaid label: quotes and angle brackets as entities (never markup); in a
 * timeline, no ':' (it separates events): "A: b" becomes "A - b". */
void mermaid_text(const char *s, int timeline)
{
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == '"')
			fputs("#quot;", stdout);
		else if (*p == '<')
			fputs("#lt;", stdout);
		else if (*p == '>')
			fputs("#gt;", stdout);
		else if (*p == ':' && timeline)
			fputs(p[1] == ' ' ? " -" : "-", stdout);
		else
			putchar(*p == '\n' ? ' ' : *p);
	}
}

/* A mermaid node id: m_ and the slug with '-' as '_' (slugs never contain '_'). */
void mermaid_id(const char *slug)
{
	fputs("m_", stdout);
	for (const char *p = slug; *p; p++)
		putchar(*p == '-' ? '_' : *p);
}

/* Fill color of a tag by its position: hues spread by the golden ratio, pale. */
static void dot_tag_color(size_t index, char *buf, size_t size)
{
	double hue = fmod((double)index * 0.618033988749895, 1.0);
	snprintf(buf, size, "%.3f 0.350 1.000", hue);
}

/* The position of a milestone's first tag in the tag list, or -1 when it has none. */
static long first_tag_index(struct cli *c, int64_t id, const struct dlt_period *tags, size_t ntags)
{
	sqlite3_stmt *st = dlt_db_stmt(c->db, Q_GRAPH_FIRST_TAG);
	int64_t tag = 0;
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		if (dlt_db_step(c->db, st) == SQLITE_ROW)
			tag = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	for (size_t i = 0; i < ntags && tag; i++)
		if (tags[i].id == tag)
			return (long)i;
	return -1;
}

/* The selected milestones' slugs and eras, read once, for drawing the links among them
 * without reading the other end of each link again. */
struct selection {
	const struct dlt_subgraph *g;
	char **slug;
	int64_t *era;
};

static void selection_load(struct cli *c, const struct dlt_subgraph *g, struct selection *s)
{
	s->g = g;
	s->slug = xcalloc(g->nids ? g->nids : 1, sizeof *s->slug);
	s->era = xcalloc(g->nids ? g->nids : 1, sizeof *s->era);
	for (size_t i = 0; i < g->nids; i++) {
		struct dlt_row r = {0};
		if (dlt_row_load(c->db, g->ids[i], &r) == 0) {
			s->slug[i] = r.slug;
			r.slug = NULL;
			s->era[i] = r.era;
		}
		dlt_row_clear(&r);
	}
}

static void selection_free(struct selection *s)
{
	for (size_t i = 0; i < s->g->nids; i++)
		free(s->slug[i]);
	free(s->slug);
	free(s->era);
}

/* The position of milestone id in the selection, or NONE. */
static size_t selection_find(const struct selection *s, int64_t id)
{
	size_t lo = 0, hi = s->g->nids;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->g->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->g->nids && s->g->ids[lo] == id && s->slug[lo] ? lo : NONE;
}

/* Call emit(s, from, to, note, arg) for each link among the selection (positions in it), in
 * timeline order of `to`, then of `from`: `from` is the idea, `to` builds on it. */
static void selection_links(struct cli *c, const struct selection *s,
			    void (*emit)(const struct selection *, size_t, size_t, const char *, void *), void *arg)
{
	size_t cap = 0, capn = 0, n;
	size_t *dst = NULL;
	char **note = NULL;
	for (size_t i = 0; i < s->g->nids; i++) {
		sqlite3_stmt *st = s->slug[i] ? dlt_db_stmt(c->db, Q_GRAPH_EDGES_OF) : NULL;
		if (!st)
			continue;
		sqlite3_bind_int64(st, 1, s->g->ids[i]);
		n = 0;
		while (dlt_db_step(c->db, st) == SQLITE_ROW) {
			size_t k = selection_find(s, sqlite3_column_int64(st, 0));
			if (k == NONE)
				continue;
			DLT_GROW(dst, n + 1, cap);
			DLT_GROW(note, n + 1, capn);
			dst[n] = k;
			note[n++] = dlt_col_text(st, 1);
		}
		sqlite3_reset(st);
		for (size_t k = 0; k < n; k++) {
			emit(s, dst[k], i, note[k] ? note[k] : "", arg);
			free(note[k]);
		}
		out_check();
	}
	free(dst);
	free(note);
}

static void dot_link(const struct selection *s, size_t from, size_t to, const char *note, void *arg)
{
	putchar('\t');
	dot_string(s->slug[from]);
	fputs(" -> ", stdout);
	dot_string(s->slug[to]);
	if (*(const int *)arg && *note) {
		fputs(" [label=", stdout);
		dot_string(note);
		putchar(']');
	}
	fputs(";\n", stdout);
}

/* The boxes of the milestones of era e, in a cluster (nothing when it has none). */
static void dot_era(struct cli *c, const struct selection *s, const struct dlt_period *e,
		    const struct dlt_period *tags, size_t ntags, unsigned char *used)
{
	int opened = 0;
	char color[64];
	for (size_t i = 0; i < s->g->nids; i++) {
		struct dlt_row r = {0};
		if (s->era[i] != e->id || !s->slug[i] || dlt_row_load(c->db, s->g->ids[i], &r) < 0)
			continue;
		if (!opened) {
			printf("\n\tsubgraph \"cluster_%s\" {\n\t\tlabel=", e->slug);
			struct strbuf sb = {0};
			if (e->end)
				sb_addf(&sb, "%s (%d-%d)", e->name, e->start, e->end);
			else
				sb_addf(&sb, "%s (%d-)", e->name, e->start);
			dot_string(sb_str(&sb));
			sb_free(&sb);
			fputs(";\n\t\tstyle=\"rounded\"; color=\"#999999\";\n", stdout);
			opened = 1;
		}
		fputs("\t\t", stdout);
		dot_string(r.slug);
		fputs(" [label=\"", stdout);
		/* the name escaped, the "\n" kept as DOT's line break */
		for (const char *p = dlt_row_name(&r); *p; p++) {
			if (*p == '"' || *p == '\\')
				putchar('\\');
			putchar(*p);
		}
		printf("\\n%d\", tooltip=", r.year);
		dot_string(r.title);
		long t = first_tag_index(c, r.id, tags, ntags);
		if (t >= 0) {
			used[t] = 1;
			dot_tag_color((size_t)t, color, sizeof color);
			printf(", fillcolor=\"%s\"", color);
		}
		fputs("];\n", stdout);
		dlt_row_clear(&r);
		out_check();
	}
	if (opened)
		fputs("\t}\n", stdout);
}

void export_dot(struct cli *c, const struct dlt_subgraph *g, const char *title, int edge_labels)
{
	struct dlt_period *tags;
	size_t ntags = dlt_periods_load(c->db, DLT_TAGS, &tags);
	char color[64];
	struct selection s;
	selection_load(c, g, &s);
	printf("// The builds-on links of \"%s\", written by dltimeline export --format dot.\n"
	       "// An arrow leads from an idea to one that builds on it; boxes are filled by their\n"
	       "// first tag. Draw it with: dot -Tsvg FILE.dot -o FILE.svg\n", title);
	fputs("digraph dltimeline {\n\tgraph [rankdir=LR, newrank=true, labelloc=t, fontname=\"Helvetica\", label=", stdout);
	dot_string(title);
	fputs("];\n\tnode [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\", fontsize=10];\n"
	      "\tedge [color=\"#666666\", fontname=\"Helvetica\", fontsize=8];\n", stdout);
	unsigned char *used = xcalloc(ntags ? ntags : 1, 1);
	for (size_t e = 0; e < c->neras; e++)
		dot_era(c, &s, &c->eras[e], tags, ntags, used);
	/* a legend of the tags that color a box */
	int legend = 0;
	for (size_t t = 0; t < ntags; t++) {
		if (!used[t])
			continue;
		if (!legend++)
			fputs("\n\tsubgraph \"cluster_tags\" {\n\t\tlabel=\"First tag\";\n\t\tstyle=\"rounded\"; color=\"#999999\";\n",
			      stdout);
		dot_tag_color(t, color, sizeof color);
		printf("\t\t\"tag:%s\" [label=", tags[t].slug);
		dot_string(tags[t].name);
		printf(", fillcolor=\"%s\", shape=plain, style=filled];\n", color);
	}
	if (legend)
		fputs("\t}\n", stdout);
	/* links among the milestones shown */
	fputs("\n", stdout);
	selection_links(c, &s, dot_link, &edge_labels);
	fputs("}\n", stdout);
	selection_free(&s);
	free(used);
	dlt_periods_free(tags, ntags);
}

static void mermaid_link(const struct selection *s, size_t from, size_t to, const char *note, void *arg)
{
	fputs("    ", stdout);
	mermaid_id(s->slug[from]);
	if (*(const int *)arg && *note) {
		fputs(" -->|\"", stdout);
		mermaid_text(note, 0);
		fputs("\"| ", stdout);
	} else {
		fputs(" --> ", stdout);
	}
	mermaid_id(s->slug[to]);
	putchar('\n');
}

void export_mermaid(struct cli *c, const struct dlt_subgraph *g, const char *title, int edge_labels)
{
	struct selection s;
	selection_load(c, g, &s);
	fputs("```mermaid\ntimeline\n    title ", stdout);
	mermaid_text(title, 1);
	int year = 0;
	for (size_t i = 0; i < g->nids; i++) {
		struct dlt_row r = {0};
		if (dlt_row_load(c->db, g->ids[i], &r) < 0)
			continue;
		if (r.year != year)
			printf("\n    %d", year = r.year);
		fputs(" : ", stdout);
		mermaid_text(dlt_row_name(&r), 1);
		dlt_row_clear(&r);
		out_check();
	}
	fputs("\n```\n\n```mermaid\nflowchart LR\n"
	      "    %% an arrow leads from an idea to one that builds on it\n", stdout);
	for (size_t i = 0; i < g->nids; i++) {
		struct dlt_row r = {0};
		if (dlt_row_load(c->db, g->ids[i], &r) < 0)
			continue;
		fputs("    ", stdout);
		mermaid_id(r.slug);
		fputs("[\"", stdout);
		mermaid_text(dlt_row_name(&r), 0);
		printf(" (%d)\"]\n", r.year);
		dlt_row_clear(&r);
		out_check();
	}
	selection_links(c, &s, mermaid_link, &edge_labels);
	fputs("```\n", stdout);
	selection_free(&s);
}
