/*
 * test_graph.c -- model/graph and model/chart: lineage trees (order, references, depth,
 * the line budget), paths (shortest first, both directions, --all against a brute-force
 * enumeration on a random graph), subgraphs for exports, the query plans of every walk
 * (no table scans, no sorting), and charts (size limits, ASCII, empty data).
 *
 * The fixture's timeline (id = chronological position):
 *    1 perceptron 1958-07   2 backprop 1986-10   3 lstm 1997-11     4 lenet 1998-11
 *    5 alexnet 2012-09      6 word2vec 2013      7 atlas-robot 2013-07   8 gan 2014-06
 *    9 wavenet 2016-09     10 transformer 2017-06   11 gpt 2018-06   12 bert 2018-10
 *   13 atlas-rag 2022-08   14 chatgpt 2022-11
 * Tags: cnn=1 nlp=2 vision=3 gen=4 robotics=5 unused=6.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "import/import.h"
#include "model/chart.h"
#include "model/graph.h"
#include "model/model.h"
#include "testutil.h"

static char *tmpdir;
static struct dlt_db *db;       /* the fixture */
static struct dlt_db *layered;  /* 40 layers of 40, each node building on 5 of the layer before */
static struct dlt_db *randg;    /* 60 nodes, each building on 1-3 random earlier ones */

#define LAYERS 40
#define WIDTH 40
#define RAND_N 60

static struct dlt_db *open_db(const char *path)
{
	struct strbuf err = {0};
	struct dlt_db *d = dlt_db_open_file(path, &err);
	if (!d)
		fail_msg("open %s: %s", path, sb_str(&err));
	sb_free(&err);
	return d;
}

static uint64_t rng = 88172645463325252ull;

static unsigned below(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* Write a dataset of n milestones m1..mn (ids in that order) whose links come from
 * links(i, out) (earlier milestones, returns how many), import it and open it. */
static struct dlt_db *synthetic(const char *name, int n, int (*links)(int i, int *out))
{
	struct strbuf y = {0};
	sb_add(&y, "title: Synthetic\neras:\n  - {id: all, name: All, start: 1800}\nmilestones:\n");
	for (int i = 1; i <= n; i++) {
		sb_addf(&y, "  - id: m%d\n    year: %d\n    title: M%d\n    kind: paper\n    era: all\n"
			    "    summary: s\n",
			i, 1800 + i / 6, i);
		int to[16];
		int k = links(i, to);
		if (k)
			sb_add(&y, "    builds_on:\n");
		for (int j = 0; j < k; j++)
			sb_addf(&y, "      - {id: m%d, note: n%d-%d}\n", to[j], i, to[j]);
	}
	char *dir = tu_path(tmpdir, name);
	char *yaml = tu_path(tmpdir, "synthetic.yaml");
	tu_write_str(yaml, sb_str(&y));
	sb_free(&y);
	struct tu_capture cap;
	tu_capture_open(&cap);
	const char *paths[] = {yaml};
	struct dlt_import_opts opts = {.out = dir, .errors = cap.fp, .quiet = 1};
	size_t errs = dlt_import(paths, 1, &opts);
	const char *msg = tu_capture_close(&cap);
	if (errs || *msg)
		fail_msg("importing %s failed:\n%s", name, msg);
	tu_capture_free(&cap);
	struct dlt_db *d = open_db(dir);
	free(dir);
	free(yaml);
	return d;
}

static int layered_links(int i, int *out)
{
	int layer = (i - 1) / WIDTH, pos = (i - 1) % WIDTH;
	if (layer == 0)
		return 0;
	int k = 0;
	for (int j = 0; j < 5; j++) {
		int p = (pos + j * 7) % WIDTH;
		out[k++] = (layer - 1) * WIDTH + p + 1;
	}
	return k;
}

static int random_links(int i, int *out)
{
	if (i == 1)
		return 0;
	int want = 1 + (int)below(3), k = 0;
	for (int t = 0; t < 10 && k < want; t++) {
		int to = 1 + (int)below((unsigned)(i - 1));
		int dup = 0;
		for (int j = 0; j < k; j++)
			dup |= out[j] == to;
		if (!dup)
			out[k++] = to;
	}
	return k;
}

static int setup(void **state)
{
	(void)state;
	tmpdir = tu_mkdtemp();
	char *path = tu_build_fixture_db(tmpdir, "mini.db");
	db = open_db(path);
	free(path);
	layered = synthetic("layered.db", LAYERS * WIDTH, layered_links);
	randg = synthetic("random.db", RAND_N, random_links);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	dlt_db_close(db);
	dlt_db_close(layered);
	dlt_db_close(randg);
	tu_rmtree(tmpdir);
	free(tmpdir);
	return 0;
}

static int check_no_error(void **state)
{
	(void)state;
	struct dlt_db *all[] = {db, layered, randg};
	for (size_t i = 0; i < 3; i++)
		if (all[i] && dlt_db_failed(all[i]))
			fail_msg("database error: %s", dlt_db_error(all[i]));
	return 0;
}

static int64_t id_of(const char *slug)
{
	int64_t id = dlt_id_by_slug(db, slug);
	if (!id)
		fail_msg("no milestone %s", slug);
	return id;
}

/* A tree as "depth:slug" words in line order; repeats end in "*", cut lines in "+". Also
 * checks the invariants every tree keeps. */
static char *tree_str(const struct dlt_tree_node *t, size_t n)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < n; i++) {
		if (i == 0) {
			assert_int_equal(t[i].depth, 0);
			assert_true(t[i].parent == (size_t)-1);
			assert_null(t[i].note);
		} else {
			assert_true(t[i].parent < i);
			assert_int_equal(t[i].depth, t[t[i].parent].depth + 1);
			assert_non_null(t[i].note);
		}
		if (t[i].repeat) {
			assert_int_equal(t[i].nchildren, 0);
			assert_false(t[i].truncated);
		}
		sb_addf(&sb, "%s%d:%s%s%s", i ? " " : "", t[i].depth, t[i].row.slug, t[i].repeat ? "*" : "",
			t[i].truncated ? "+" : "");
	}
	return sb_detach(&sb);
}

static void expect_tree(struct dlt_db *d, int64_t id, int dir, int depth, const char *want)
{
	struct dlt_tree_node *t;
	size_t n = dlt_lineage(d, id, dir, depth, &t);
	assert_true(n > 0);
	char *got = tree_str(t, n);
	assert_string_equal(got, want);
	free(got);
	dlt_tree_free(t, n);
}

/* ---- lineage ----------------------------------------------------------------------------------- */

static void test_lineage_up(void **state)
{
	(void)state;
	expect_tree(db, id_of("transformer"), 1, 0,
		    "0:transformer 1:lstm 2:backprop 3:perceptron 1:word2vec 2:backprop*");
	struct dlt_tree_node *t;
	size_t n = dlt_lineage(db, id_of("transformer"), 1, 0, &t);
	assert_int_equal(n, 6);
	assert_string_equal(t[1].note, "replaces the recurrent encoder-decoder");
	assert_string_equal(t[5].note, "trained by gradient descent");
	assert_int_equal(t[0].nchildren, 2);
	assert_int_equal(t[2].parent, 1);
	assert_int_equal(t[5].parent, 4);
	assert_int_equal(t[3].row.year, 1958);
	dlt_tree_free(t, n);
	/* a root milestone: just itself */
	expect_tree(db, id_of("perceptron"), 1, 0, "0:perceptron");
	/* depth 1 cuts what lies further */
	expect_tree(db, id_of("transformer"), 1, 1, "0:transformer 1:lstm+ 1:word2vec+");
}

static void test_lineage_down(void **state)
{
	(void)state;
	expect_tree(db, id_of("backprop"), -1, 0,
		    "0:backprop 1:lstm 2:transformer 3:gpt 4:bert 5:atlas-rag 4:chatgpt 3:bert* "
		    "1:lenet 2:alexnet 2:wavenet 1:alexnet* 1:word2vec 2:transformer* 1:gan");
	expect_tree(db, id_of("backprop"), -1, 2,
		    "0:backprop 1:lstm 2:transformer+ 1:lenet 2:alexnet 2:wavenet 1:alexnet* "
		    "1:word2vec 2:transformer* 1:gan");
	expect_tree(db, id_of("chatgpt"), -1, 0, "0:chatgpt");
}

/* A milestone first met on a longer route still shows everything within the depth. */
static void test_lineage_shortest_distance(void **state)
{
	(void)state;
	/* bert is 1 link from transformer but first listed under gpt (2 links); atlas-rag is 2
	 * links away through bert, so it is listed, one level deeper than --depth */
	expect_tree(db, id_of("transformer"), -1, 2,
		    "0:transformer 1:gpt 2:bert 3:atlas-rag 2:chatgpt 1:bert*");
	expect_tree(db, id_of("transformer"), -1, 1, "0:transformer 1:gpt+ 1:bert+");
}

static void test_lineage_unknown(void **state)
{
	(void)state;
	struct dlt_tree_node *t = (void *)1;
	assert_int_equal(dlt_lineage(db, 999, 1, 0, &t), 0);
	assert_null(t);
	dlt_tree_free(NULL, 0);
}

/* On a graph too big for the budget: exactly DLT_LINEAGE_MAX_NODES lines, each milestone's
 * full entry once, and the cut marked. */
static void test_lineage_budget(void **state)
{
	(void)state;
	struct dlt_tree_node *t;
	size_t n = dlt_lineage(layered, 1, -1, 0, &t);
	assert_int_equal(n, DLT_LINEAGE_MAX_NODES);
	char *s = tree_str(t, n);
	free(s);
	size_t truncated = 0;
	int64_t max = LAYERS * WIDTH;
	unsigned char *full = calloc((size_t)max + 1, 1);
	int64_t *last_child = calloc(n, sizeof *last_child);
	for (size_t i = 0; i < n; i++) {
		assert_true(t[i].row.id >= 1 && t[i].row.id <= max);
		if (!t[i].repeat) {
			assert_false(full[t[i].row.id]);
			full[t[i].row.id] = 1;
		}
		truncated += (size_t)t[i].truncated;
		if (i) {   /* children in timeline order */
			assert_true(t[i].row.id > last_child[t[i].parent]);
			last_child[t[i].parent] = t[i].row.id;
		}
	}
	assert_true(truncated > 0);
	free(last_child);
	free(full);
	dlt_tree_free(t, n);
	/* with a depth, the walk is small and complete */
	n = dlt_lineage(layered, 1, -1, 1, &t);
	assert_true(n >= 2 && n < 50);
	for (size_t i = 1; i < n; i++)
		assert_true(t[i].truncated);
	dlt_tree_free(t, n);
	/* upwards from the last layer: 5 + 5*5 ... ids, capped at 64 levels */
	n = dlt_lineage(layered, max, 1, 3, &t);
	assert_true(n > 5 && n < DLT_LINEAGE_MAX_NODES);
	dlt_tree_free(t, n);
}

/* ---- paths --------------------------------------------------------------------------------------- */

static char *path_str(const struct dlt_path *p)
{
	struct strbuf sb = {0};
	for (size_t k = 0; k < p->n; k++)
		sb_addf(&sb, "%s%s", k ? " " : "", p->steps[k].slug);
	return sb_detach(&sb);
}

static void test_paths_fixture(void **state)
{
	(void)state;
	struct dlt_path *p;
	int n = dlt_paths(db, id_of("backprop"), id_of("chatgpt"), 1, 0, &p);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].forward, 1);
	char *s = path_str(&p[0]);
	assert_string_equal(s, "backprop lstm transformer gpt chatgpt");
	free(s);
	assert_string_equal(p[0].notes[0], "trained by backpropagation through time");
	assert_string_equal(p[0].notes[3], "a GPT model tuned to follow instructions");
	dlt_paths_free(p, n);

	n = dlt_paths(db, id_of("backprop"), id_of("chatgpt"), 10, 0, &p);
	assert_int_equal(n, 2);
	s = path_str(&p[1]);
	assert_string_equal(s, "backprop word2vec transformer gpt chatgpt");
	free(s);
	assert_string_equal(p[1].notes[1], "token embeddings");
	dlt_paths_free(p, n);

	/* the other way round: each builds on the next */
	n = dlt_paths(db, id_of("bert"), id_of("backprop"), 10, 0, &p);
	assert_int_equal(n, 4);
	assert_int_equal(p[0].forward, 0);
	const char *want[] = {"bert transformer lstm backprop", "bert transformer word2vec backprop",
			      "bert gpt transformer lstm backprop", "bert gpt transformer word2vec backprop"};
	for (int i = 0; i < n; i++) {
		s = path_str(&p[i]);
		assert_string_equal(s, want[i]);
		free(s);
	}
	assert_string_equal(p[0].notes[0], "the Transformer encoder");
	dlt_paths_free(p, n);

	/* too short a limit, unrelated milestones, the same milestone */
	assert_int_equal(dlt_paths(db, id_of("backprop"), id_of("chatgpt"), 1, 3, &p), 0);
	assert_null(p);
	assert_int_equal(dlt_paths(db, id_of("alexnet"), id_of("chatgpt"), 5, 0, &p), 0);
	assert_int_equal(dlt_paths(db, id_of("atlas-robot"), id_of("gan"), 1, 0, &p), 0);
	assert_int_equal(dlt_paths(db, id_of("gan"), id_of("gan"), 1, 0, &p), 0);
	n = dlt_paths(db, id_of("lenet"), id_of("alexnet"), 5, 1, &p);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].n, 2);
	dlt_paths_free(p, n);
	dlt_paths_free(NULL, 0);
}

/* Brute force: every simple path from `from` to `to` of at most max_len links in direction
 * dir, as id strings, sorted by length then ids. */
struct brute {
	int64_t path[16];
	char **out;
	int *len;
	int n;
};

static void brute_walk(struct brute *b, int64_t to, int dir, int pos, int max_len)
{
	if (b->path[pos] == to) {
		b->out = realloc(b->out, (size_t)(b->n + 1) * sizeof *b->out);
		b->len = realloc(b->len, (size_t)(b->n + 1) * sizeof *b->len);
		struct strbuf sb = {0};
		for (int i = 0; i <= pos; i++)
			sb_addf(&sb, "%s%05lld", i ? " " : "", (long long)b->path[i]);
		b->out[b->n] = sb_detach(&sb);
		b->len[b->n++] = pos;
		return;
	}
	if (pos == max_len)
		return;
	struct dlt_link *l;
	size_t nl = dlt_links_load(randg, b->path[pos], dir, &l);
	for (size_t i = 0; i < nl; i++) {
		int seen = 0;
		for (int k = 0; k <= pos; k++)
			seen |= b->path[k] == l[i].other.id;
		if (seen)
			continue;
		b->path[pos + 1] = l[i].other.id;
		brute_walk(b, to, dir, pos + 1, max_len);
	}
	dlt_links_free(l, nl);
}

static int by_len_then_ids(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t lx = strlen(x), ly = strlen(y);
	return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x, y);
}

static void test_paths_against_brute_force(void **state)
{
	(void)state;
	int checked = 0, with_paths = 0;
	for (int64_t from = 1; from <= RAND_N; from += 3)
		for (int64_t to = 2; to <= RAND_N; to += 5) {
			if (from == to)
				continue;
			int max_len = 2 + (int)((from + to) % 5);
			int max_paths = 1 + (int)((from * to) % 40);
			struct brute b = {.path = {from}};
			brute_walk(&b, to, -1, 0, max_len);     /* led to */
			int forward = 1;
			if (!b.n) {
				brute_walk(&b, to, 1, 0, max_len);
				forward = 0;
			}
			if (b.n)
				qsort(b.out, (size_t)b.n, sizeof *b.out, by_len_then_ids);
			struct dlt_path *p;
			int n = dlt_paths(randg, from, to, max_paths, max_len, &p);
			int want = b.n < max_paths ? b.n : max_paths;
			if (n != want)
				fail_msg("%lld -> %lld (max %d links, %d paths): %d paths, want %d",
					 (long long)from, (long long)to, max_len, max_paths, n, want);
			for (int i = 0; i < n; i++) {
				struct strbuf sb = {0};
				for (size_t k = 0; k < p[i].n; k++)
					sb_addf(&sb, "%s%05lld", k ? " " : "", (long long)p[i].steps[k].id);
				if (strcmp(sb_str(&sb), b.out[i]) != 0)
					fail_msg("%lld -> %lld path %d: %s, want %s", (long long)from, (long long)to, i,
						 sb_str(&sb), b.out[i]);
				assert_int_equal(p[i].forward, forward);
				for (size_t k = 0; k + 1 < p[i].n; k++) {
					char note[64];
					int64_t src = forward ? p[i].steps[k + 1].id : p[i].steps[k].id;
					int64_t dst = forward ? p[i].steps[k].id : p[i].steps[k + 1].id;
					snprintf(note, sizeof note, "n%lld-%lld", (long long)src, (long long)dst);
					assert_string_equal(p[i].notes[k], note);
				}
				sb_free(&sb);
			}
			with_paths += n > 0;
			checked++;
			dlt_paths_free(p, n);
			for (int i = 0; i < b.n; i++)
				free(b.out[i]);
			free(b.out);
			free(b.len);
		}
	assert_true(checked > 100);
	assert_true(with_paths > 20);
}

/* Across 40 layers of 40 with 5 links each, the number of paths explodes; the search
 * stays within its budget and still returns the shortest ones first. */
static void test_paths_layered(void **state)
{
	(void)state;
	struct dlt_path *p;
	int64_t last = LAYERS * WIDTH;
	int n = dlt_paths(layered, 1, last, 50, 40, &p);
	assert_int_equal(n, 50);
	for (int i = 0; i < n; i++) {
		assert_int_equal(p[i].n, LAYERS);
		assert_int_equal(p[i].forward, 1);
	}
	dlt_paths_free(p, n);
	/* between two milestones of the same layer there is no path */
	assert_int_equal(dlt_paths(layered, 41, 42, 1, 0, &p), 0);
}

/* ---- subgraphs ----------------------------------------------------------------------------------- */

static char *subgraph_str(const struct dlt_subgraph *g)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < g->nids; i++)
		sb_addf(&sb, "%s%lld", i ? " " : "", (long long)g->ids[i]);
	sb_add(&sb, " |");
	for (size_t i = 0; i < g->nedges; i++)
		sb_addf(&sb, " %lld>%lld", (long long)g->edges[i].src, (long long)g->edges[i].dst);
	return sb_detach(&sb);
}

static void expect_subgraph(const struct dlt_subgraph_opts *o, const char *want)
{
	struct dlt_subgraph g;
	assert_int_equal(dlt_subgraph_collect(db, o, &g), 0);
	char *s = subgraph_str(&g);
	assert_string_equal(s, want);
	free(s);
	for (size_t i = 0; i < g.nids; i++)
		assert_true(dlt_subgraph_has(&g, g.ids[i]));
	dlt_subgraph_free(&g);
}

static void test_subgraph(void **state)
{
	(void)state;
	struct dlt_subgraph_opts o = {0};
	expect_subgraph(&o, "1 2 3 4 5 6 7 8 9 10 11 12 13 14 | 2>1 3>2 4>2 5>2 5>4 6>2 8>2 9>4 10>3 10>6 "
			    "11>10 12>10 12>11 13>12 14>11");
	o = (struct dlt_subgraph_opts){.year_from = 2013, .year_to = 2018};
	expect_subgraph(&o, "6 7 8 9 10 11 12 | 10>6 11>10 12>10 12>11");
	o = (struct dlt_subgraph_opts){.tag = 2};   /* nlp */
	expect_subgraph(&o, "3 6 10 11 12 13 14 | 10>3 10>6 11>10 12>10 12>11 13>12 14>11");
	o = (struct dlt_subgraph_opts){.tag = 2, .year_from = 2018};
	expect_subgraph(&o, "11 12 13 14 | 12>11 13>12 14>11");
	o = (struct dlt_subgraph_opts){.root = 11, .depth = 1};   /* gpt */
	expect_subgraph(&o, "10 11 12 14 | 11>10 12>10 12>11 14>11");
	o = (struct dlt_subgraph_opts){.root = 11};
	expect_subgraph(&o, "1 2 3 6 10 11 12 13 14 | 2>1 3>2 6>2 10>3 10>6 11>10 12>10 12>11 13>12 14>11");
	o = (struct dlt_subgraph_opts){.root = 11, .tag = 2, .year_to = 2018};
	expect_subgraph(&o, "3 6 10 11 12 | 10>3 10>6 11>10 12>10 12>11");
	o = (struct dlt_subgraph_opts){.year_from = 1900, .year_to = 1950};
	expect_subgraph(&o, " |");
	o = (struct dlt_subgraph_opts){.tag = 6};
	expect_subgraph(&o, " |");
	/* ids only, and notes with the edges */
	struct dlt_subgraph g;
	o = (struct dlt_subgraph_opts){.root = 14, .ids_only = 1};
	assert_int_equal(dlt_subgraph_collect(db, &o, &g), 0);
	char *s = subgraph_str(&g);
	assert_string_equal(s, "1 2 3 6 10 11 14 |");
	free(s);
	assert_false(dlt_subgraph_has(&g, 12));
	dlt_subgraph_free(&g);
	o = (struct dlt_subgraph_opts){.root = 14, .depth = 1};
	assert_int_equal(dlt_subgraph_collect(db, &o, &g), 0);
	assert_int_equal(g.nedges, 1);
	assert_string_equal(g.edges[0].note, "a GPT model tuned to follow instructions");
	dlt_subgraph_free(&g);
}

/* ---- query plans ---------------------------------------------------------------------------------- */

/* Every statement a walk or a chart issues is served by an index: no full scan of a table,
 * and no sorting (a sort would read every matching row before LIMIT applies). */
static void test_query_plans(void **state)
{
	(void)state;
	static const enum dlt_query walk[] = {Q_GRAPH_UP_IDS, Q_GRAPH_DOWN_IDS, Q_GRAPH_UP_ROWS, Q_GRAPH_DOWN_ROWS,
		Q_GRAPH_NOTE, Q_GRAPH_EDGES_OF, Q_GRAPH_TAG_RANGE, Q_GRAPH_FIRST_TAG, Q_CHART_SCALE,
		Q_MS_ROW, Q_HAS_TAG, Q_LINKS_TO};
	struct dlt_db *dbs[] = {db, layered};
	for (size_t d = 0; d < DLT_ARRAY_LEN(dbs); d++)
		for (size_t i = 0; i < DLT_ARRAY_LEN(walk); i++) {
			struct strbuf sql = {0}, plan = {0};
			sb_addf(&sql, "EXPLAIN QUERY PLAN %s", dlt_db_sql(walk[i]));
			sqlite3_stmt *st;
			assert_int_equal(sqlite3_prepare_v2(dlt_db_handle(dbs[d]), sb_str(&sql), -1, &st, NULL),
					 SQLITE_OK);
			while (sqlite3_step(st) == SQLITE_ROW)
				sb_addf(&plan, "%s\n", (const char *)sqlite3_column_text(st, 3));
			sqlite3_finalize(st);
			const char *p = sb_str(&plan);
			for (const char *line = p; *line;) {
				const char *end = strchr(line, '\n');
				char *one = xstrndup(line, (size_t)(end - line));
				if ((str_starts(one, "SCAN ") && !strstr(one, " USING ")) || str_starts(one, "USE TEMP B-TREE"))
					fail_msg("%s: %s", dlt_db_query_name(walk[i]), p);
				free(one);
				line = end + 1;
			}
			if (walk[i] == Q_CHART_SCALE && !strstr(p, "milestones_scale"))
				fail_msg("CHART_SCALE does not use milestones_scale: %s", p);
			sb_free(&sql);
			sb_free(&plan);
		}
}

/* ---- charts ---------------------------------------------------------------------------------------- */

static void check_chart(struct dlt_db *d, enum dlt_chart_kind kind, int w, int h, int utf8)
{
	struct dlt_chart c;
	assert_int_equal(dlt_chart_render(d, kind, w, h, utf8, &c), 0);
	int ww = w < 20 ? 20 : w, hh = h < 6 ? 6 : h;
	assert_true(c.nlines >= 1 && c.nlines <= (size_t)hh);
	assert_int_equal(c.width, ww);
	assert_non_null(c.col_year);
	for (size_t i = 0; i < c.nlines; i++) {
		const char *l = c.lines[i];
		if (utf8_width(l) > (size_t)ww)
			fail_msg("chart %d at %dx%d: line %zu is %zu wide: %s", (int)kind, w, h, i, utf8_width(l), l);
		assert_int_equal(utf8_valid_prefix(l, strlen(l)), strlen(l));
		if (!utf8)
			for (const char *p = l; *p; p++)
				if ((unsigned char)*p >= 0x80)
					fail_msg("ASCII chart has non-ASCII text: %s", l);
		if (*l)
			assert_true(l[strlen(l) - 1] != ' ');
	}
	int last = 0;
	for (int x = 0; x < ww; x++)
		if (c.col_year[x]) {
			assert_true(c.col_year[x] >= last);
			assert_true(c.col_year[x] >= c.first_year && c.col_year[x] <= c.last_year);
			last = c.col_year[x];
		}
	dlt_chart_free(&c);
}

static void test_chart_sizes(void **state)
{
	(void)state;
	static const int sizes[][2] = {{20, 6}, {10, 2}, {33, 9}, {80, 24}, {140, 40}, {300, 12}};
	for (size_t s = 0; s < DLT_ARRAY_LEN(sizes); s++)
		for (int kind = DLT_CHART_YEARS; kind <= DLT_CHART_COMPUTE; kind++)
			for (int utf8 = 0; utf8 <= 1; utf8++) {
				check_chart(db, (enum dlt_chart_kind)kind, sizes[s][0], sizes[s][1], utf8);
				check_chart(layered, (enum dlt_chart_kind)kind, sizes[s][0], sizes[s][1], utf8);
			}
}

static void test_chart_years(void **state)
{
	(void)state;
	struct dlt_chart c;
	assert_int_equal(dlt_chart_render(db, DLT_CHART_YEARS, 80, 24, 1, &c), 0);
	assert_int_equal(c.nlines, 24);
	assert_int_equal(c.first_year, 1958);
	assert_int_equal(c.last_year, 2022);
	assert_non_null(strstr(c.lines[0], "Milestones per year, 1958–2022"));
	assert_non_null(strstr(c.lines[0], "most: 2 in 2013"));
	/* the eras under the axis, by name where they fit */
	int early = 0;
	for (size_t i = 0; i < c.nlines; i++)
		early |= strstr(c.lines[i], "Early Days") != NULL;
	assert_true(early);
	/* the first column of the plot is 1958, the last 2022 */
	int first = 0, lastc = 0;
	for (int x = 0; x < 80; x++)
		if (c.col_year[x]) {
			first = first ? first : c.col_year[x];
			lastc = c.col_year[x];
		}
	assert_int_equal(first, 1958);
	assert_int_equal(lastc, 2022);
	dlt_chart_free(&c);
}

static void test_chart_scale(void **state)
{
	(void)state;
	struct dlt_chart c;
	assert_int_equal(dlt_chart_render(db, DLT_CHART_PARAMS, 60, 12, 1, &c), 0);
	assert_non_null(strstr(c.lines[0], "Parameters, log scale: 1 model, 2012"));
	int labelled = 0;
	for (size_t i = 0; i < c.nlines; i++)
		labelled |= strstr(c.lines[i], "AlexNet 6.0e7") != NULL;
	assert_true(labelled);
	dlt_chart_free(&c);
	assert_int_equal(dlt_chart_render(db, DLT_CHART_COMPUTE, 60, 12, 0, &c), 0);
	assert_non_null(strstr(c.lines[0], "Training compute (FLOP), log scale: 1 model"));
	dlt_chart_free(&c);
	/* no figures at all: a chart that says so */
	assert_int_equal(dlt_chart_render(layered, DLT_CHART_PARAMS, 60, 12, 1, &c), 0);
	assert_int_equal(c.nlines, 1);
	assert_string_equal(c.lines[0], "No model has a parameter count.");
	dlt_chart_free(&c);
}

#define T(f) cmocka_unit_test_teardown(f, check_no_error)

int main(int argc, char **argv)
{
	tu_filter(argc, argv);
	const struct CMUnitTest tests[] = {
		T(test_lineage_up),
		T(test_lineage_down),
		T(test_lineage_shortest_distance),
		T(test_lineage_unknown),
		T(test_lineage_budget),
		T(test_paths_fixture),
		T(test_paths_against_brute_force),
		T(test_paths_layered),
		T(test_subgraph),
		T(test_query_plans),
		T(test_chart_sizes),
		T(test_chart_years),
		T(test_chart_scale),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
