/*
 * graph_outline.c -- lineage trees and paths as documents: Markdown outlines (the tree or
 * the chain with each link's note, every milestone numbered, and the numbered references:
 * a related-work outline ready to edit), mermaid flowcharts, and TimelineJS slides that say
 * how each milestone came in.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_int.h"
#include "core/util.h"
#include "model/graph.h"
#include "model/markdown.h"

/* "**Name** (year) [n]" */
static void md_milestone(struct strbuf *sb, const struct dlt_row *r, struct md_refs *refs)
{
	sb_add(sb, "**");
	dlt_md_text(sb, dlt_row_name(r));
	sb_addf(sb, "** (%d) [%zu]", r->year, md_refs_number(refs, r->id));
}

/* One tree as a nested list, two spaces a level; a line "…" under a milestone that has more
 * beyond the depth. */
static void md_tree(const struct dlt_tree_node *t, size_t n, struct md_refs *refs)
{
	struct strbuf sb = {0};
	size_t *stack = xmalloc((n + 1) * sizeof *stack), top = 0;
	for (size_t i = 0; i <= n; i++) {
		int d = i < n ? t[i].depth : 0;
		while (top && t[stack[top - 1]].depth >= d) {   /* subtrees that end here */
			size_t j = stack[--top];
			if (t[j].truncated && !t[j].repeat)
				printf("%*s- …\n", 2 * (t[j].depth + 1), "");
		}
		if (i == n)
			break;
		sb_reset(&sb);
		sb_addf(&sb, "%*s- ", 2 * d, "");
		md_milestone(&sb, &t[i].row, refs);
		if (t[i].repeat)
			sb_add(&sb, ", see above");
		if (t[i].note && *t[i].note) {
			sb_add(&sb, ": ");
			dlt_md_text(&sb, t[i].note);
		}
		puts(sb_str(&sb));
		stack[top++] = i;
	}
	free(stack);
	sb_free(&sb);
}

int lineage_markdown(struct cli *c, struct dlt_tree_node *const tree[2], const size_t n[2])
{
	struct md_refs refs = {0};
	const struct dlt_row *root = n[0] ? &tree[0][0].row : &tree[1][0].row;
	struct strbuf sb = {0};
	sb_add(&sb, "# Lineage of ");
	dlt_md_text(&sb, dlt_row_name(root));
	sb_addf(&sb, " (%d)", root->year);
	puts(sb_str(&sb));
	sb_free(&sb);
	static const char *const headings[] = {"What it builds on", "What builds on it"};
	for (int k = 0; k < 2; k++) {
		if (!n[k])
			continue;
		printf("\n## %s\n\n", headings[k]);
		if (n[k] == 1 && !tree[k][0].truncated)
			puts("Nothing in this timeline.");
		else
			md_tree(tree[k], n[k], &refs);
		out_check();
	}
	return md_refs_print(c, &refs);
}

int paths_markdown(struct cli *c, const struct dlt_path *p, int n, int shown)
{
	struct md_refs refs = {0};
	struct strbuf sb = {0};
	assert(n > 0);
	sb_add(&sb, "# From ");
	dlt_md_text(&sb, dlt_row_name(&p[0].steps[0]));
	sb_add(&sb, " to ");
	dlt_md_text(&sb, dlt_row_name(&p[0].steps[p[0].n - 1]));
	puts(sb_str(&sb));
	for (int i = 0; i < n && i < shown; i++) {
		if (n > 1)
			printf("\n## Path %d: %zu link%s\n", i + 1, p[i].n - 1, p[i].n == 2 ? "" : "s");
		putchar('\n');
		for (size_t k = 0; k < p[i].n; k++) {
			sb_reset(&sb);
			sb_add(&sb, k == 0 ? "- " : p[i].forward ? "- led to " : "- builds on ");
			md_milestone(&sb, &p[i].steps[k], &refs);
			if (k && *p[i].notes[k - 1]) {
				sb_add(&sb, ": ");
				dlt_md_text(&sb, p[i].notes[k - 1]);
			}
			puts(sb_str(&sb));
		}
		out_check();
	}
	if (n > shown)
		printf("\n(the first %d paths; there are more)\n", shown);
	sb_free(&sb);
	return md_refs_print(c, &refs);
}

/* ---- mermaid ------------------------------------------------------------------------------------ */

/* The nodes and links of a flowchart, each written once. */
struct flow {
	int64_t *nodes;
	size_t nn, capn;
	int64_t (*links)[2];
	size_t nl, capl;
};

static void flow_node(struct flow *f, const struct dlt_row *r)
{
	for (size_t i = 0; i < f->nn; i++)
		if (f->nodes[i] == r->id)
			return;
	DLT_GROW(f->nodes, f->nn + 1, f->capn);
	f->nodes[f->nn++] = r->id;
	fputs("    ", stdout);
	mermaid_id(r->slug);
	fputs("[\"", stdout);
	mermaid_text(dlt_row_name(r), 0);
	printf(" (%d)\"]\n", r->year);
}

/* A link from the idea `from` to `to`, which builds on it, labelled with its note. */
static void flow_link(struct flow *f, const struct dlt_row *from, const struct dlt_row *to, const char *note)
{
	for (size_t i = 0; i < f->nl; i++)
		if (f->links[i][0] == from->id && f->links[i][1] == to->id)
			return;
	DLT_GROW(f->links, f->nl + 1, f->capl);
	f->links[f->nl][0] = from->id;
	f->links[f->nl++][1] = to->id;
	fputs("    ", stdout);
	mermaid_id(from->slug);
	if (note && *note) {
		fputs(" -->|\"", stdout);
		mermaid_text(note, 0);
		fputs("\"| ", stdout);
	} else {
		fputs(" --> ", stdout);
	}
	mermaid_id(to->slug);
	putchar('\n');
}

static void flow_start(void)
{
	fputs("```mermaid\nflowchart LR\n    %% an arrow leads from an idea to one that builds on it\n", stdout);
}

static void flow_end(struct flow *f)
{
	fputs("```\n", stdout);
	free(f->nodes);
	free(f->links);
}

void lineage_mermaid(struct dlt_tree_node *const tree[2], const size_t n[2])
{
	struct flow f = {0};
	flow_start();
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < n[k]; i++)
			flow_node(&f, &tree[k][i].row);
	for (int k = 0; k < 2; k++)
		for (size_t i = 1; i < n[k]; i++) {
			const struct dlt_tree_node *t = &tree[k][i], *parent = &tree[k][t->parent];
			if (k == 0)   /* the parent builds on this one */
				flow_link(&f, &t->row, &parent->row, t->note);
			else
				flow_link(&f, &parent->row, &t->row, t->note);
		}
	flow_end(&f);
}

void paths_mermaid(const struct dlt_path *p, int n, int shown)
{
	struct flow f = {0};
	flow_start();
	for (int i = 0; i < n && i < shown; i++)
		for (size_t k = 0; k < p[i].n; k++)
			flow_node(&f, &p[i].steps[k]);
	for (int i = 0; i < n && i < shown; i++)
		for (size_t k = 1; k < p[i].n; k++) {
			const struct dlt_row *a = &p[i].steps[k - 1], *b = &p[i].steps[k];
			if (p[i].forward)
				flow_link(&f, a, b, p[i].notes[k - 1]);
			else
				flow_link(&f, b, a, p[i].notes[k - 1]);
		}
	flow_end(&f);
}

/* ---- TimelineJS ---------------------------------------------------------------------------------- */

/* "Builds on NAME: NOTE" or "NAME builds on it: NOTE", malloc'd. */
static char *context(const struct dlt_row *other, int builds_on_other, const char *note)
{
	struct strbuf sb = {0};
	if (builds_on_other)
		sb_addf(&sb, "Builds on %s", dlt_row_name(other));
	else
		sb_addf(&sb, "%s builds on it", dlt_row_name(other));
	if (note && *note)
		sb_addf(&sb, ": %s", note);
	return sb_detach(&sb);
}

/* Write the m events as a TimelineJS document titled *title, then free the title, the
 * events and their contexts. Returns export_timelinejs's result. */
static int write_events(struct cli *c, struct strbuf *title, struct tljs_event *ev, size_t m)
{
	int rc = export_timelinejs(c, sb_str(title), ev, m);
	sb_free(title);
	for (size_t i = 0; i < m; i++)
		free(ev[i].context);
	free(ev);
	return rc;
}

int lineage_timelinejs(struct cli *c, struct dlt_tree_node *const tree[2], const size_t n[2])
{
	struct tljs_event *ev = xcalloc(n[0] + n[1] + 1, sizeof *ev);
	size_t m = 0;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < n[k]; i++) {
			const struct dlt_tree_node *t = &tree[k][i];
			ev[m].id = t->row.id;
			if (i)   /* up: the parent builds on it; down: it builds on the parent */
				ev[m].context = context(&tree[k][t->parent].row, k == 1, t->note);
			m++;
		}
	const struct dlt_row *root = n[0] ? &tree[0][0].row : &tree[1][0].row;
	struct strbuf title = {0};
	sb_addf(&title, "The lineage of %s", dlt_row_name(root));
	return write_events(c, &title, ev, m);
}

int paths_timelinejs(struct cli *c, const struct dlt_path *p, int n, int shown)
{
	size_t total = 0;
	for (int i = 0; i < n && i < shown; i++)
		total += p[i].n;
	struct tljs_event *ev = xcalloc(total + 1, sizeof *ev);
	size_t m = 0;
	for (int i = 0; i < n && i < shown; i++)
		for (size_t k = 0; k < p[i].n; k++) {
			ev[m].id = p[i].steps[k].id;
			if (k)
				ev[m].context = context(&p[i].steps[k - 1], p[i].forward, p[i].notes[k - 1]);
			m++;
		}
	struct strbuf title = {0};
	if (n)
		sb_addf(&title, "From %s to %s", dlt_row_name(&p[0].steps[0]),
			dlt_row_name(&p[0].steps[p[0].n - 1]));
	return write_events(c, &title, ev, m);
}
