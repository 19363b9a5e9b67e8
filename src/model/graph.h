/*
 * graph.h -- the builds-on links as a graph: lineage trees, paths between milestones, and
 * the subgraphs that exports draw. Link direction: "A builds on B" is an edge A -> B (B is
 * earlier); "led to" follows edges backwards. Every walk is bounded (depth and node budget),
 * so a million-node graph answers as fast as a small one.
 */
#ifndef DLT_GRAPH_H
#define DLT_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "model/model.h"

/* One line of a lineage tree, in display order (pre-order, children by date). */
struct dlt_tree_node {
	struct dlt_row row;      /* the milestone */
	int depth;               /* 0 = the root */
	size_t parent;           /* index of the parent line; (size_t)-1 for the root */
	char *note;              /* note of the link from the parent; NULL for the root */
	int repeat;              /* already shown above: a reference, its subtree not repeated */
	int nchildren;           /* children listed under it (0 for repeats and cut-offs) */
	int truncated;           /* it has more below than depth or budget allowed */
};

#define DLT_LINEAGE_MAX_NODES 5000

/* The lineage tree of milestone id: dir > 0 its ancestors (what it builds on, recursively),
 * dir < 0 its descendants (what builds on it). max_depth 0 = unlimited (capped at 64); at
 * most DLT_LINEAGE_MAX_NODES lines. The tree holds every milestone within max_depth links of
 * the root: its first line carries its subtree (as deep as its shortest distance from the
 * root allows, so a milestone first met on a longer route may sit deeper than max_depth),
 * later lines are repeats. Returns the number of lines and a malloc'd array in *out (free
 * with dlt_tree_free); 0 on a database error or unknown id. */
size_t dlt_lineage(struct dlt_db *db, int64_t id, int dir, int max_depth, struct dlt_tree_node **out);
/* Free a tree from dlt_lineage (NULL is fine). */
void dlt_tree_free(struct dlt_tree_node *t, size_t n);

/* A path: steps[0] is the start, steps[n-1] the end; notes[i] is the note of the link between
 * steps[i] and steps[i+1] (n-1 of them). `forward` is 1 when each step led to the next (the
 * start is the earlier idea), 0 when each step builds on the next. */
struct dlt_path {
	struct dlt_row *steps;
	char **notes;
	size_t n;
	int forward;
};

/* Paths from `from` to `to` along links, shortest first: first along "led to" (from is the
 * earlier idea), and if there is none, along "builds on". At most max_paths paths (1 = just
 * the shortest) of at most max_length links (0 = 12, at most 64); paths of equal length come
 * in depth-first order by date. Returns the count and a malloc'd array (free with
 * dlt_paths_free); 0 when no path exists (also when from == to); -1 on a database error;
 * DLT_PATHS_GAVE_UP when the search budget (DLT_PATH_MAX_NODES milestones) ran out before
 * any path was found, so that none is known either way. */
#define DLT_PATHS_GAVE_UP (-2)
#define DLT_PATH_MAX_NODES 100000
int dlt_paths(struct dlt_db *db, int64_t from, int64_t to, int max_paths, int max_length, struct dlt_path **out);
/* Free paths from dlt_paths (NULL is fine). */
void dlt_paths_free(struct dlt_path *p, int n);

/* A subgraph for exports: the milestones passing the restrictions, and the links among them.
 * Restrictions: years [year_from, year_to] (0 = open), a tag id (0 = any), and a root id with
 * a depth (root 0 = none; its ancestors and descendants within depth, 0 = unlimited). */
struct dlt_subgraph_opts {
	int year_from, year_to;
	int64_t tag;
	int64_t root;
	int depth;
	int ids_only;             /* collect the ids only, no edges (for exports that stream) */
};

struct dlt_subgraph {
	int64_t *ids;             /* milestone ids, ascending (timeline order) */
	size_t nids;
	struct { int64_t src, dst; char *note; } *edges;   /* src builds on dst; both in ids */
	size_t nedges;
};

/* Collect the subgraph. Returns 0, or -1 on a database error. */
int dlt_subgraph_collect(struct dlt_db *db, const struct dlt_subgraph_opts *o, struct dlt_subgraph *g);
/* True when milestone id is in the subgraph (binary search). */
int dlt_subgraph_has(const struct dlt_subgraph *g, int64_t id);
/* Free what a subgraph holds and zero it. */
void dlt_subgraph_free(struct dlt_subgraph *g);

#endif
