/*
 * cmd_graph.c -- walking the builds-on links: lineage (trees of ancestors and descendants)
 * and path (the chain of links between two milestones).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_int.h"
#include "core/utf8.h"
#include "core/util.h"
#include "model/graph.h"

#define NONE ((size_t)-1)    /* "no index" */

/* ---- lineage ----------------------------------------------------------------------------------- */

/* Children of each line of a tree as linked lists: first[i], then next[k]. */
static void tree_links(const struct dlt_tree_node *t, size_t n, size_t **first, size_t **next)
{
	size_t *f = xmalloc(n * sizeof *f), *x = xmalloc(n * sizeof *x), *last = xmalloc(n * sizeof *last);
	for (size_t i = 0; i < n; i++)
		f[i] = x[i] = last[i] = NONE;
	for (size_t i = 1; i < n; i++) {
		size_t p = t[i].parent;
		if (p >= n)
			continue;
		if (last[p] == NONE)
			f[p] = i;
		else
			x[last[p]] = i;
		last[p] = i;
	}
	free(last);
	*first = f;
	*next = x;
}

static void tree_indent(const struct cli *c, struct strbuf *sb, const int *cont, int depth, int last)
{
	const struct out_glyphs *gl = out_glyphs(c);
	for (int k = 1; k < depth; k++)
		sb_add(sb, cont[k] ? gl->pipe : gl->space);
	if (depth > 0)
		sb_add(sb, last ? gl->elbow : gl->tee);
}

/* A lineage tree as text: the root and a verb, then one line per milestone. */
static void tree_text(struct cli *c, const struct dlt_tree_node *t, size_t n, int dir)
{
	struct strbuf sb = {0};
	const struct out_glyphs *gl = out_glyphs(c);
	out_sb_add_loc(c, &sb, dlt_row_name(&t[0].row));
	sb_addf(&sb, " (%d) %s%s", t[0].row.year, dir > 0 ? "builds on" : "led to",
		n == 1 && !t[0].truncated ? " nothing in this timeline" : "");
	out_line(c, &sb);
	size_t *first, *next;
	tree_links(t, n, &first, &next);
	int maxd = 1;
	for (size_t i = 0; i < n; i++)
		maxd = t[i].depth + 1 > maxd ? t[i].depth + 1 : maxd;
	int *cont = xcalloc((size_t)maxd + 1, sizeof *cont);
	size_t *stack = xmalloc((n + 1) * sizeof *stack), top = 0;
	stack[top++] = 0;
	for (size_t i = 1; i <= n; i++) {
		int d = i < n ? t[i].depth : 0;
		/* close the lines whose subtrees end here; a cut one gets an ellipsis line */
		while (top && t[stack[top - 1]].depth >= d) {
			size_t j = stack[--top];
			if (t[j].truncated && !t[j].repeat) {
				tree_indent(c, &sb, cont, t[j].depth + 1, 1);
				sb_add(&sb, gl->ellipsis);
				out_line(c, &sb);
			}
		}
		if (i == n)
			break;
		size_t p = t[i].parent;
		int last = next[i] == NONE && !(p < n && t[p].truncated);
		tree_indent(c, &sb, cont, d, last);
		cont[d] = !last;
		out_sb_add_loc(c, &sb, dlt_row_name(&t[i].row));
		sb_addf(&sb, " (%d)%s", t[i].row.year, t[i].repeat ? " (see above)" : "");
		if (t[i].note && *t[i].note) {
			sb_add(&sb, gl->dash);
			out_sb_add_loc(c, &sb, t[i].note);
		}
		out_line(c, &sb);
		stack[top++] = i;
	}
	free(stack);
	free(cont);
	free(first);
	free(next);
	sb_free(&sb);
}

static void tree_tsv(const struct dlt_tree_node *t, size_t n, int dir)
{
	for (size_t i = 0; i < n; i++) {
		char depth[16], year[16];
		snprintf(depth, sizeof depth, "%d", t[i].depth);
		snprintf(year, sizeof year, "%d", t[i].row.year);
		out_tsv(dir > 0 ? "builds_on" : "led_to", 0);
		out_tsv(depth, 0);
		out_tsv(t[i].row.slug, 0);
		out_tsv(year, 0);
		out_tsv(dlt_row_name(&t[i].row), 0);
		out_tsv(i ? t[t[i].parent].row.slug : "", 0);
		out_tsv(t[i].note, 0);
		out_tsv(t[i].repeat ? "repeat" : t[i].truncated ? "truncated" : "", 1);
	}
	out_check();
}

/* The children of line i as a JSON array under `key`, each with its own children. */
static void tree_json_children(const struct dlt_tree_node *t, const size_t *first, const size_t *next,
			       size_t i, const char *key)
{
	printf(",\"%s\":[", key);
	for (size_t k = first[i]; k != NONE; k = next[k]) {
		fputs(k == first[i] ? "{\"id\":" : ",{\"id\":", stdout);
		out_json_string(t[k].row.slug);
		printf(",\"year\":%d,\"name\":", t[k].row.year);
		out_json_string(dlt_row_name(&t[k].row));
		fputs(",\"note\":", stdout);
		out_json_string(t[k].note ? t[k].note : "");
		printf(",\"repeat\":%s,\"truncated\":%s", t[k].repeat ? "true" : "false",
		       t[k].truncated ? "true" : "false");
		tree_json_children(t, first, next, k, key);
		putchar('}');
	}
	putchar(']');
}

static void trees_json(struct dlt_tree_node *const tree[2], const size_t n[2])
{
	const struct dlt_tree_node *root = n[0] ? &tree[0][0] : &tree[1][0];
	fputs("{\"id\":", stdout);
	out_json_string(root->row.slug);
	printf(",\"year\":%d,\"name\":", root->row.year);
	out_json_string(dlt_row_name(&root->row));
	int cut = 0;
	for (int k = 0; k < 2; k++) {
		if (!n[k])
			continue;
		size_t *first, *next;
		tree_links(tree[k], n[k], &first, &next);
		tree_json_children(tree[k], first, next, 0, k == 0 ? "builds_on" : "led_to");
		cut |= tree[k][0].truncated;
		free(first);
		free(next);
	}
	printf(",\"truncated\":%s}\n", cut ? "true" : "false");
}

/* The milestones of the trees as citations. Returns 0, or -1 on a database error. */
static int trees_cite(struct cli *c, struct dlt_tree_node *const tree[2], const size_t n[2])
{
	int64_t *ids = xmalloc((n[0] + n[1] + 1) * sizeof *ids);
	size_t k = 0;
	for (int t = 0; t < 2; t++)
		for (size_t i = 0; i < n[t]; i++)
			ids[k++] = tree[t][i].row.id;
	int rc = export_cite(c, ids, k);
	free(ids);
	return rc;
}

/* Print the trees (tree[0] what the root builds on, tree[1] what builds on it; n 0 for a
 * direction not asked for) in the command's format. Returns 0, or -1 on a database error. */
static int print_trees(struct cli *c, struct dlt_tree_node *const tree[2], const size_t n[2])
{
	static const int dirs[2] = {1, -1};
	switch (c->format) {
	case FMT_JSON:
		trees_json(tree, n);
		return 0;
	case FMT_BIBTEX:
	case FMT_CSL_JSON:
		return trees_cite(c, tree, n);
	case FMT_MARKDOWN:
		return lineage_markdown(c, tree, n);
	case FMT_MERMAID:
		lineage_mermaid(tree, n);
		return 0;
	case FMT_TIMELINEJS:
		return lineage_timelinejs(c, tree, n);
	default:
		break;
	}
	for (int k = 0; k < 2; k++) {
		if (!n[k])
			continue;
		if (c->format == FMT_TSV) {
			tree_tsv(tree[k], n[k], dirs[k]);
		} else {
			if (k == 1 && n[0])
				putchar('\n');
			tree_text(c, tree[k], n[k], dirs[k]);
			if (n[k] >= DLT_LINEAGE_MAX_NODES)
				printf("(stopped at %d lines; --depth shows less)\n", DLT_LINEAGE_MAX_NODES);
		}
	}
	return 0;
}

enum { G_UP = 1, G_DOWN, G_DEPTH };

struct lineage_args {
	int up, down;
	long depth;
};

static int lineage_option(struct cli *c, int id, const char *value, void *arg)
{
	struct lineage_args *a = arg;
	if (id == G_UP)
		a->up = 1;
	else if (id == G_DOWN)
		a->down = 1;
	else
		return cli_number(c, "depth", value, 1, 64, &a->depth);
	return 0;
}

static int run_lineage(struct cli *c, void *arg)
{
	struct lineage_args *a = arg;
	if (cli_open_db(c) < 0)
		return DLT_EXIT_ERROR;
	int status = 0;
	int64_t id = cli_resolve(c, c->args[0], &status);
	if (!id)
		return status;
	if (!a->up && !a->down)
		a->up = a->down = 1;
	struct dlt_tree_node *tree[2] = {NULL, NULL};
	size_t n[2] = {0, 0};
	int dirs[2] = {1, -1};
	for (int k = 0; k < 2; k++)
		if (k == 0 ? a->up : a->down) {
			n[k] = dlt_lineage(c->db, id, dirs[k], (int)a->depth, &tree[k]);
			if (!n[k]) {
				dlt_tree_free(tree[0], n[0]);
				return cli_db_error(c);
			}
		}
	int rc = print_trees(c, tree, n);
	dlt_tree_free(tree[0], n[0]);
	dlt_tree_free(tree[1], n[1]);
	return rc < 0 || dlt_db_failed(c->db) ? cli_db_error(c) : DLT_EXIT_OK;
}

static const struct cli_opt lineage_opts[] = {
	{"up", 0, G_UP, NULL, "only what it builds on, recursively (its ancestors)"},
	{"down", 0, G_DOWN, NULL, "only what builds on it, recursively (its descendants)"},
	{"depth", 0, G_DEPTH, "N", "at most N links away (default: all, up to 64)"},
	{0},
};

const struct cli_command cli_cmd_lineage = {
	.name = "lineage", .run = run_lineage, .usage = "ID|NAME",
	.help = "What a milestone builds on and what builds on it, as trees.\n"
		"Each milestone is listed once with what lies beyond it; where the tree reaches it\n"
		"again, a line refers to it \"(see above)\".",
	.opts = lineage_opts, .option = lineage_option, .args_size = sizeof(struct lineage_args),
	.formats = "text tsv json markdown mermaid bibtex csl-json timelinejs", .min_args = 1, .max_args = 1,
	.too_few = "which milestone?", .too_many = "give one milestone (quote names with spaces)", .pages = 1,
};

/* ---- path ---------------------------------------------------------------------------------------- */

#define PATHS_SHOWN 100   /* path --all prints at most this many */

enum { P_ALL = 1, P_MAX_LENGTH };

struct path_args {
	int all;
	long max_length;
};

static int path_option(struct cli *c, int id, const char *value, void *arg)
{
	struct path_args *a = arg;
	if (id == P_ALL) {
		a->all = 1;
		return 0;
	}
	return cli_number(c, "max-length", value, 1, 64, &a->max_length);
}

static void paths_text(struct cli *c, const struct dlt_path *p, int n, int all)
{
	struct strbuf sb = {0};
	for (int i = 0; i < n && i < PATHS_SHOWN; i++) {
		if (all) {
			if (i)
				putchar('\n');
			printf("Path %d: %zu link%s\n", i + 1, p[i].n - 1, p[i].n == 2 ? "" : "s");
		}
		for (size_t k = 0; k < p[i].n; k++) {
			sb_add(&sb, k == 0 ? "" : p[i].forward ? "led to " : "builds on ");
			out_sb_add_loc(c, &sb, dlt_row_name(&p[i].steps[k]));
			sb_addf(&sb, " (%d)", p[i].steps[k].year);
			if (k && *p[i].notes[k - 1]) {
				sb_add(&sb, ": ");
				out_sb_add_loc(c, &sb, p[i].notes[k - 1]);
			}
			/* the notes tell the story: wrapped, not cut */
			if (k)
				fputs("  ", stdout);
			out_wrapped(c, sb_str(&sb), k ? 6 : 0, k != 0);
			sb_reset(&sb);
		}
	}
	if (n > PATHS_SHOWN)
		printf("\n(the first %d paths; there are more)\n", PATHS_SHOWN);
	sb_free(&sb);
}

static void paths_json(const struct dlt_row *from, const struct dlt_row *to, const struct dlt_path *p, int n)
{
	fputs("{\"from\":", stdout);
	out_json_string(from->slug);
	fputs(",\"to\":", stdout);
	out_json_string(to->slug);
	printf(",\"direction\":%s,\"paths\":[", !n ? "null" : p[0].forward ? "\"led_to\"" : "\"builds_on\"");
	for (int i = 0; i < n && i < PATHS_SHOWN; i++) {
		printf("%s{\"length\":%zu,\"steps\":[", i ? ",\n" : "\n", p[i].n - 1);
		for (size_t k = 0; k < p[i].n; k++) {
			fputs(k ? ",{\"id\":" : "{\"id\":", stdout);
			out_json_string(p[i].steps[k].slug);
			printf(",\"year\":%d,\"name\":", p[i].steps[k].year);
			out_json_string(dlt_row_name(&p[i].steps[k]));
			fputs(",\"note\":", stdout);
			if (k)
				out_json_string(p[i].notes[k - 1]);
			else
				fputs("null", stdout);
			putchar('}');
		}
		fputs("]}", stdout);
	}
	printf("%s],\"more\":%s}\n", n ? "\n" : "", n > PATHS_SHOWN ? "true" : "false");
}

static void paths_tsv(const struct dlt_path *p, int n)
{
	for (int i = 0; i < n && i < PATHS_SHOWN; i++)
		for (size_t k = 0; k < p[i].n; k++) {
			char num[16], step[24], year[16];
			snprintf(num, sizeof num, "%d", i + 1);
			snprintf(step, sizeof step, "%zu", k);
			snprintf(year, sizeof year, "%d", p[i].steps[k].year);
			out_tsv(num, 0);
			out_tsv(step, 0);
			out_tsv(p[i].steps[k].slug, 0);
			out_tsv(year, 0);
			out_tsv(dlt_row_name(&p[i].steps[k]), 0);
			out_tsv(k ? p[i].notes[k - 1] : "", 1);
		}
	out_check();
}

/* The milestones of the paths as citations. Returns 0, or -1 on a database error. */
static int paths_cite(struct cli *c, const struct dlt_path *p, int n)
{
	size_t total = 0;
	for (int i = 0; i < n && i < PATHS_SHOWN; i++)
		total += p[i].n;
	int64_t *ids = xmalloc((total + 1) * sizeof *ids);
	size_t k = 0;
	for (int i = 0; i < n && i < PATHS_SHOWN; i++)
		for (size_t s = 0; s < p[i].n; s++)
			ids[k++] = p[i].steps[s].id;
	int rc = export_cite(c, ids, k);
	free(ids);
	return rc;
}

/* "No chain ... joins A and B" */
static void no_path(struct cli *c, const struct dlt_row ends[2], long max_length)
{
	struct strbuf sb = {0};
	sb_addf(&sb, "No chain of builds-on links of at most %ld link%s joins ", max_length,
		max_length == 1 ? "" : "s");
	out_sb_add_loc(c, &sb, dlt_row_name(&ends[0]));
	sb_addf(&sb, " (%d) and ", ends[0].year);
	out_sb_add_loc(c, &sb, dlt_row_name(&ends[1]));
	sb_addf(&sb, " (%d), in either direction.", ends[1].year);
	out_wrapped(c, sb_str(&sb), 0, 0);
	sb_free(&sb);
}

/* Print the n paths found (none: say so) in the command's format. Returns 0, or -1 on a
 * database error. */
static int print_paths(struct cli *c, const struct dlt_row ends[2], const struct dlt_path *p, int n, int all,
		       long max_length)
{
	switch (c->format) {
	case FMT_JSON:
		paths_json(&ends[0], &ends[1], p, n);
		return 0;
	case FMT_TSV:
		paths_tsv(p, n);
		return 0;
	case FMT_BIBTEX:
	case FMT_CSL_JSON:
		return paths_cite(c, p, n);
	case FMT_MARKDOWN:
		if (n)
			return paths_markdown(c, p, n, PATHS_SHOWN);
		no_path(c, ends, max_length);
		return 0;
	case FMT_MERMAID:
	case FMT_TIMELINEJS:
		if (!n) {   /* nothing to draw: say why on stderr */
			cli_note(c, "no chain of builds-on links of at most %ld link%s joins %s and %s", max_length,
				 max_length == 1 ? "" : "s", ends[0].slug, ends[1].slug);
			return 0;
		}
		if (c->format == FMT_MERMAID) {
			paths_mermaid(p, n, PATHS_SHOWN);
			return 0;
		}
		return paths_timelinejs(c, p, n, PATHS_SHOWN);
	default:
		if (n)
			paths_text(c, p, n, all);
		else
			no_path(c, ends, max_length);
		return 0;
	}
}

static int run_path(struct cli *c, void *arg)
{
	struct path_args *a = arg;
	long max_length = a->max_length ? a->max_length : 12;
	if (cli_open_db(c) < 0)
		return DLT_EXIT_ERROR;
	int64_t ids[2];
	for (int k = 0; k < 2; k++) {
		int status = 0;
		if (!(ids[k] = cli_resolve(c, c->args[k], &status)))
			return status;
	}
	struct dlt_row ends[2] = {{0}, {0}};
	int status = DLT_EXIT_OK;
	if (dlt_row_load(c->db, ids[0], &ends[0]) < 0 || dlt_row_load(c->db, ids[1], &ends[1]) < 0) {
		status = cli_db_error(c);
	} else if (ids[0] == ids[1]) {
		status = cli_usage(c, "both names are the same milestone, %s", ends[0].slug);
	} else {
		struct dlt_path *p;
		int n = dlt_paths(c->db, ids[0], ids[1], a->all ? PATHS_SHOWN + 1 : 1, (int)max_length, &p);
		if (n == -1) {
			status = cli_db_error(c);
		} else if (n == DLT_PATHS_GAVE_UP) {
			fprintf(stderr, "dltimeline path: gave up after %d milestones without finding a path; "
				"try a smaller --max-length\n", DLT_PATH_MAX_NODES);
			status = DLT_EXIT_NOTFOUND;
		} else {
			if (print_paths(c, ends, p, n, a->all, max_length) < 0)
				status = cli_db_error(c);
			else
				status = n ? DLT_EXIT_OK : DLT_EXIT_NOTFOUND;
			dlt_paths_free(p, n);
		}
	}
	dlt_row_clear(&ends[0]);
	dlt_row_clear(&ends[1]);
	return status;
}

static const struct cli_opt path_opts[] = {
	{"all", 0, P_ALL, NULL, "every chain, shortest first (at most 100), not just one"},
	{"max-length", 0, P_MAX_LENGTH, "N", "chains of at most N links (1-64, default 12)"},
	{0},
};

const struct cli_command cli_cmd_path = {
	.name = "path", .run = run_path, .usage = "FROM TO",
	.help = "The chain of builds-on links between two milestones, each with its note.\n"
		"Follows what FROM led to, or else what FROM builds on; says so when no chain exists.",
	.opts = path_opts, .option = path_option, .args_size = sizeof(struct path_args),
	.formats = "text tsv json markdown mermaid bibtex csl-json timelinejs", .min_args = 2, .max_args = 2,
	.too_few = "give the milestone to start from and the one to reach",
	.too_many = "give two milestones (quote names with spaces)", .pages = 1,
};
