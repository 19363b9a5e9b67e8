/*
 * graph.c -- see graph.h. Every walk reads the links one milestone at a time through the
 * GRAPH_* statements of db/queries.h (primary key upwards, links_dst downwards, each with a
 * LIMIT), keeps what it has seen in a small hash map, and stops at its budget: nothing here
 * ever scans a table, so a walk costs the same on a million milestones as on a hundred.
 */
#include "model/graph.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

#define MAX_DEPTH 64                 /* depth cap: "unlimited" lineage, path length */
#define DEFAULT_PATH_LENGTH 12
#define PATH_MAX_NODES DLT_PATH_MAX_NODES  /* milestones a path search may discover */
#define PATH_MAX_ROWS 2000000        /* link rows a path search may read */
#define LINEAGE_BFS_ROWS (8 * DLT_LINEAGE_MAX_NODES)

/* ---- a map from milestone id to a small non-negative number ------------------------------ */

struct idmap {
	int64_t *keys;
	int *vals;          /* -1 = empty slot */
	size_t cap, n;      /* cap is a power of two */
};

static size_t idmap_slot(const struct idmap *m, int64_t key)
{
	uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ull;
	size_t i = (size_t)(h ^ (h >> 31)) & (m->cap - 1);
	while (m->vals[i] >= 0 && m->keys[i] != key)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void idmap_grow(struct idmap *m)
{
	struct idmap old = *m;
	m->cap = old.cap ? old.cap * 2 : 64;
	m->n = 0;
	m->keys = xmalloc(m->cap * sizeof *m->keys);
	m->vals = xmalloc(m->cap * sizeof *m->vals);
	memset(m->vals, 0xff, m->cap * sizeof *m->vals);
	for (size_t i = 0; i < old.cap; i++)
		if (old.vals[i] >= 0) {
			size_t s = idmap_slot(m, old.keys[i]);
			m->keys[s] = old.keys[i];
			m->vals[s] = old.vals[i];
			m->n++;
		}
	free(old.keys);
	free(old.vals);
}

/* The value stored for key, or -1. */
static int idmap_get(const struct idmap *m, int64_t key)
{
	return m->cap ? m->vals[idmap_slot(m, key)] : -1;
}

/* Store val (>= 0) for key, replacing any value. */
static void idmap_put(struct idmap *m, int64_t key, int val)
{
	if ((m->n + 1) * 2 > m->cap)
		idmap_grow(m);
	size_t s = idmap_slot(m, key);
	if (m->vals[s] < 0)
		m->n++;
	m->keys[s] = key;
	m->vals[s] = val;
}

static void idmap_free(struct idmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

/* ---- neighbours ------------------------------------------------------------------------------- */

/* A growable list of ids. */
struct ids {
	int64_t *v;
	size_t n, cap;
};

static void ids_push(struct ids *l, int64_t id)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = id;
}

/* Replace *out with the neighbours of id in timeline order: dir > 0 what it builds on, dir < 0
 * what builds on it; at most `limit`. Returns the count, or -1 on a database error. */
static long neighbours(struct dlt_db *db, int64_t id, int dir, long limit, struct ids *out)
{
	out->n = 0;
	sqlite3_stmt *st = dlt_db_stmt(db, dir > 0 ? Q_GRAPH_UP_IDS : Q_GRAPH_DOWN_IDS);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, limit);
	int rc;
	while ((rc = dlt_db_step(db, st)) == SQLITE_ROW)
		ids_push(out, sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? (long)out->n : -1;
}

/* The note of the link "src builds on dst" (malloc'd), or an empty string. */
static char *link_note(struct dlt_db *db, int64_t src, int64_t dst)
{
	sqlite3_stmt *st = dlt_db_stmt(db, Q_GRAPH_NOTE);
	char *note = NULL;
	if (st) {
		sqlite3_bind_int64(st, 1, src);
		sqlite3_bind_int64(st, 2, dst);
		if (dlt_db_step(db, st) == SQLITE_ROW)
			note = dlt_col_text(st, 0);
		sqlite3_reset(st);
	}
	return note ? note : xstrdup("");
}

static int clamp_depth(int depth)
{
	return depth <= 0 || depth > MAX_DEPTH ? MAX_DEPTH : depth;
}

/* ---- lineage ------------------------------------------------------------------------------------ */

/*
 * Two passes. First a breadth-first walk over ids only finds how few links away each
 * milestone is (within the depth and a row budget). Then a depth-first walk writes the lines
 * in pre-order, children by date: the first line of a milestone gets its subtree, later ones
 * are references. The subtree goes as deep as the milestone's shortest distance from the
 * root allows, so a milestone first met on a longer route still shows everything within
 * max_depth links of the root (its lines may then sit deeper than max_depth).
 */
struct lineage {
	struct dlt_db *db;
	int dir, max_depth;
	struct idmap dist;      /* shortest distance from the root (first pass) */
	struct idmap shown;     /* line of a milestone's full entry */
	struct dlt_tree_node *t;
	size_t n, cap;
	struct ids scratch;
};

static void shortest_distances(struct lineage *L, int64_t root)
{
	struct ids queue = {0};
	long rows = 0;
	idmap_put(&L->dist, root, 0);
	ids_push(&queue, root);
	for (size_t qi = 0; qi < queue.n; qi++) {
		int64_t v = queue.v[qi];
		int d = idmap_get(&L->dist, v);
		if (d >= L->max_depth)
			continue;
		if (L->dist.n >= DLT_LINEAGE_MAX_NODES || rows >= LINEAGE_BFS_ROWS)
			break;
		long got = neighbours(L->db, v, L->dir, DLT_LINEAGE_MAX_NODES + 1, &L->scratch);
		if (got < 0)
			break;
		rows += got;
		for (long i = 0; i < got; i++) {
			int64_t w = L->scratch.v[i];
			if (idmap_get(&L->dist, w) < 0) {
				idmap_put(&L->dist, w, d + 1);
				ids_push(&queue, w);
			}
		}
	}
	free(queue.v);
}

static size_t add_line(struct lineage *L, struct dlt_row *row, int depth, size_t parent, char *note)
{
	if (L->n == L->cap) {
		L->cap = L->cap ? L->cap * 2 : 64;
		L->t = xrealloc(L->t, L->cap * sizeof *L->t);
	}
	struct dlt_tree_node *t = &L->t[L->n];
	memset(t, 0, sizeof *t);
	t->row = *row;
	t->depth = depth;
	t->parent = parent;
	t->note = note;
	return L->n++;
}

static int has_neighbours(struct lineage *L, int64_t id)
{
	return neighbours(L->db, id, L->dir, 1, &L->scratch) > 0;
}

/* A child fetched with its link note. */
struct child {
	struct dlt_row row;
	char *note;
};

/* List the children of line `line` (its milestone's full entry) `allow` levels deep. */
static void expand(struct lineage *L, size_t line, int allow)
{
	int64_t id = L->t[line].row.id;
	size_t room = DLT_LINEAGE_MAX_NODES - L->n;
	if (allow <= 0 || room == 0) {
		L->t[line].truncated = has_neighbours(L, id);
		return;
	}
	sqlite3_stmt *st = dlt_db_stmt(L->db, L->dir > 0 ? Q_GRAPH_UP_ROWS : Q_GRAPH_DOWN_ROWS);
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)room + 1);
	struct child *c = NULL;
	size_t nc = 0, cap = 0;
	while (dlt_db_step(L->db, st) == SQLITE_ROW) {
		if (nc == cap) {
			cap = cap ? cap * 2 : 8;
			c = xrealloc(c, cap * sizeof *c);
		}
		memset(&c[nc], 0, sizeof c[nc]);
		dlt_row_read(st, &c[nc].row);
		c[nc].note = dlt_col_text(st, DLT_ROW_NCOLS);
		if (!c[nc].note)
			c[nc].note = xstrdup("");
		nc++;
	}
	sqlite3_reset(st);
	int depth = L->t[line].depth;
	size_t i;
	for (i = 0; i < nc && L->n < DLT_LINEAGE_MAX_NODES; i++) {
		int64_t cid = c[i].row.id;
		size_t k = add_line(L, &c[i].row, depth + 1, line, c[i].note);
		L->t[line].nchildren++;
		if (idmap_get(&L->shown, cid) >= 0) {
			L->t[k].repeat = 1;
			continue;
		}
		idmap_put(&L->shown, cid, (int)k);
		int d = idmap_get(&L->dist, cid);
		if (d < 0 || d > depth + 1)
			d = depth + 1;
		expand(L, k, L->max_depth - d);
	}
	if (i < nc) {
		L->t[line].truncated = 1;
		for (; i < nc; i++) {
			dlt_row_clear(&c[i].row);
			free(c[i].note);
		}
	}
	free(c);
}

size_t dlt_lineage(struct dlt_db *db, int64_t id, int dir, int max_depth, struct dlt_tree_node **out)
{
	*out = NULL;
	struct dlt_row root = {0};
	if (dlt_row_load(db, id, &root) < 0)
		return 0;
	struct lineage L = {.db = db, .dir = dir > 0 ? 1 : -1, .max_depth = clamp_depth(max_depth)};
	shortest_distances(&L, id);
	size_t r = add_line(&L, &root, 0, (size_t)-1, NULL);
	idmap_put(&L.shown, id, (int)r);
	expand(&L, r, L.max_depth);
	idmap_free(&L.dist);
	idmap_free(&L.shown);
	free(L.scratch.v);
	if (dlt_db_failed(db)) {
		dlt_tree_free(L.t, L.n);
		return 0;
	}
	*out = L.t;
	return L.n;
}

void dlt_tree_free(struct dlt_tree_node *t, size_t n)
{
	for (size_t i = 0; i < n && t; i++) {
		dlt_row_clear(&t[i].row);
		free(t[i].note);
	}
	free(t);
}

/* ---- paths ---------------------------------------------------------------------------------------- */

/* One side of a breadth-first search: distances from its start and its current frontier,
 * complete up to `radius`. */
struct side {
	struct idmap dist;
	struct ids front;
	int radius;
	int dir;                /* the direction its steps follow (see neighbours) */
};

struct search {
	struct dlt_db *db;
	long nodes, rows;       /* spent budget */
	struct ids scratch;
};

enum { S_OK = 0, S_ERROR = -1, S_GAVE_UP = -2 };

/* Expand side s by one level. Returns S_OK, S_ERROR or S_GAVE_UP (budget spent). */
static int expand_level(struct search *S, struct side *s)
{
	struct ids next = {0};
	int status = S_OK;
	for (size_t i = 0; i < s->front.n && status == S_OK; i++) {
		long limit = PATH_MAX_NODES - S->nodes + 1;
		long got = neighbours(S->db, s->front.v[i], s->dir, limit, &S->scratch);
		if (got < 0) {
			status = S_ERROR;
			break;
		}
		S->rows += got;
		if (got >= limit) {     /* more neighbours than the budget has room for */
			status = S_GAVE_UP;
			break;
		}
		for (long j = 0; j < got; j++) {
			int64_t w = S->scratch.v[j];
			if (idmap_get(&s->dist, w) >= 0)
				continue;
			idmap_put(&s->dist, w, s->radius + 1);
			ids_push(&next, w);
			S->nodes++;
		}
		if (S->nodes > PATH_MAX_NODES || S->rows > PATH_MAX_ROWS)
			status = S_GAVE_UP;
	}
	if (status != S_OK) {
		free(next.v);
		return status;
	}
	free(s->front.v);
	s->front = next;
	s->radius++;
	return S_OK;
}

/* Bidirectional breadth-first search from f (forward) and b (backward, towards f). Returns
 * the length of a shortest path (both sides then complete to radii summing to it), 0 when
 * there is none of at most max_len links, or S_ERROR / S_GAVE_UP. */
static int shortest(struct search *S, struct side *f, struct side *b, int max_len)
{
	while (f->radius + b->radius < max_len) {
		if (!f->front.n || !b->front.n)
			return 0;
		struct side *grow = f->front.n <= b->front.n ? f : b;
		struct side *other = grow == f ? b : f;
		int rc = expand_level(S, grow);
		if (rc != S_OK)
			return rc;
		for (size_t i = 0; i < grow->front.n; i++)
			if (idmap_get(&other->dist, grow->front.v[i]) >= 0)
				return f->radius + b->radius;
	}
	return 0;
}

/* Enumerating the simple paths of exactly L links, in depth-first order by date. */
struct paths_enum {
	struct search *S;
	int dir;                /* direction of each step */
	int64_t to;
	int L, shortest;
	const struct side *f;   /* distances from the start, complete to f->radius */
	const struct side *b;   /* distances to the end, complete to b->radius */
	int64_t path[MAX_DEPTH + 1];
	int64_t **found;        /* id sequences of L + 1 ids */
	int *found_len;
	int nfound, max;
	int status;
};

static int on_path(const struct paths_enum *E, int upto, int64_t id)
{
	for (int i = 0; i <= upto; i++)
		if (E->path[i] == id)
			return 1;
	return 0;
}

static void record(struct paths_enum *E)
{
	E->found = xrealloc(E->found, (size_t)(E->nfound + 1) * sizeof *E->found);
	E->found_len = xrealloc(E->found_len, (size_t)(E->nfound + 1) * sizeof *E->found_len);
	E->found[E->nfound] = xmalloc((size_t)(E->L + 1) * sizeof **E->found);
	memcpy(E->found[E->nfound], E->path, (size_t)(E->L + 1) * sizeof **E->found);
	E->found_len[E->nfound] = E->L + 1;
	E->nfound++;
}

/* Can w stand at position pos (rem = L - pos links still to go)? Uses the exact distances
 * the searches know; where they know nothing, the path may go on. */
static int may_continue(const struct paths_enum *E, int64_t w, int pos)
{
	int rem = E->L - pos;
	int db = idmap_get(&E->b->dist, w);
	if (db >= 0 ? db > rem : rem <= E->b->radius)
		return 0;
	if (E->L == E->shortest && pos <= E->f->radius && idmap_get(&E->f->dist, w) != pos)
		return 0;
	return 1;
}

static void enumerate(struct paths_enum *E, int pos)
{
	struct ids next = {0};
	long got = neighbours(E->S->db, E->path[pos], E->dir, PATH_MAX_ROWS, &next);
	if (got < 0) {
		E->status = S_ERROR;
		free(next.v);
		return;
	}
	E->S->rows += got;
	if (E->S->rows > PATH_MAX_ROWS) {
		E->status = S_GAVE_UP;
		free(next.v);
		return;
	}
	for (long i = 0; i < got && E->nfound < E->max && E->status == S_OK; i++) {
		int64_t w = next.v[i];
		if (w == E->to) {
			if (pos + 1 == E->L) {
				E->path[pos + 1] = w;
				record(E);
			}
			continue;
		}
		if (pos + 1 >= E->L || on_path(E, pos, w) || !may_continue(E, w, pos + 1))
			continue;
		E->path[pos + 1] = w;
		enumerate(E, pos + 1);
	}
	free(next.v);
}

static void side_free(struct side *s)
{
	idmap_free(&s->dist);
	free(s->front.v);
}

/* Paths from `from` to `to` whose steps follow direction dir. Returns the count (id
 * sequences in *found / *found_len), 0, S_ERROR or S_GAVE_UP. */
static int find_paths(struct dlt_db *db, int64_t from, int64_t to, int dir, int max_paths, int max_len,
		      int64_t ***found, int **found_len)
{
	struct search S = {.db = db};
	struct side f = {.dir = dir}, b = {.dir = -dir};
	idmap_put(&f.dist, from, 0);
	ids_push(&f.front, from);
	idmap_put(&b.dist, to, 0);
	ids_push(&b.front, to);
	struct paths_enum E = {.S = &S, .dir = dir, .to = to, .f = &f, .b = &b, .max = max_paths};
	int d = shortest(&S, &f, &b, max_len);
	if (d <= 0) {
		E.status = d;
		goto done;
	}
	E.shortest = d;
	/* Longer paths are pruned with the distances to `to`: extend that side's search. */
	if (max_paths > 1)
		while (b.radius < max_len - 1 && b.front.n && expand_level(&S, &b) == S_OK)
			;
	E.path[0] = from;
	for (E.L = d; E.L <= max_len && E.nfound < max_paths && E.status == S_OK; E.L++)
		enumerate(&E, 0);
	if (dlt_db_failed(db))
		E.status = S_ERROR;
done:
	side_free(&f);
	side_free(&b);
	free(S.scratch.v);
	if (E.status == S_ERROR || (E.status == S_GAVE_UP && !E.nfound)) {
		for (int i = 0; i < E.nfound; i++)
			free(E.found[i]);
		free(E.found);
		free(E.found_len);
		return E.status;
	}
	*found = E.found;
	*found_len = E.found_len;
	return E.nfound;
}

int dlt_paths(struct dlt_db *db, int64_t from, int64_t to, int max_paths, int max_length, struct dlt_path **out)
{
	*out = NULL;
	if (max_paths < 1)
		max_paths = 1;
	int max_len = max_length <= 0 ? DEFAULT_PATH_LENGTH : max_length > MAX_DEPTH ? MAX_DEPTH : max_length;
	if (from == to)
		return 0;
	int64_t **found = NULL;
	int *len = NULL;
	/* "led to" follows links backwards: each step builds on the one before it. */
	int forward = 1;
	int n = find_paths(db, from, to, -1, max_paths, max_len, &found, &len);
	if (n == 0 || n == S_GAVE_UP) {
		int gave_up = n == S_GAVE_UP;
		forward = 0;
		n = find_paths(db, from, to, 1, max_paths, max_len, &found, &len);
		if (n == 0 && gave_up)
			n = S_GAVE_UP;
	}
	if (n <= 0)
		return n;
	struct dlt_path *p = xcalloc((size_t)n, sizeof *p);
	for (int i = 0; i < n; i++) {
		p[i].n = (size_t)len[i];
		p[i].forward = forward;
		p[i].steps = xcalloc(p[i].n, sizeof *p[i].steps);
		p[i].notes = xcalloc(p[i].n - 1, sizeof *p[i].notes);
		for (size_t k = 0; k < p[i].n; k++) {
			if (dlt_row_load(db, found[i][k], &p[i].steps[k]) < 0)
				p[i].steps[k].id = found[i][k];
			if (k + 1 < p[i].n)
				p[i].notes[k] = forward ? link_note(db, found[i][k + 1], found[i][k])
							: link_note(db, found[i][k], found[i][k + 1]);
		}
		free(found[i]);
	}
	free(found);
	free(len);
	if (dlt_db_failed(db)) {
		dlt_paths_free(p, n);
		return S_ERROR;
	}
	*out = p;
	return n;
}

void dlt_paths_free(struct dlt_path *p, int n)
{
	for (int i = 0; i < n && p; i++) {
		for (size_t k = 0; k < p[i].n; k++) {
			dlt_row_clear(&p[i].steps[k]);
			if (k + 1 < p[i].n)
				free(p[i].notes[k]);
		}
		free(p[i].steps);
		free(p[i].notes);
	}
	free(p);
}

/* ---- subgraphs ------------------------------------------------------------------------------------ */

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int contains(const int64_t *ids, size_t n, int64_t id)
{
	return bsearch(&id, ids, n, sizeof *ids, cmp_id) != NULL;
}

/* First id of the first year >= year, or max_id + 1 when there is none. */
static int64_t first_id_from(struct dlt_db *db, int year, int64_t max_id)
{
	struct dlt_year y;
	return dlt_year_near(db, year, 1, &y) == 1 ? y.first_id : max_id + 1;
}

/* Every milestone within `depth` links of root in direction dir, into *seen. */
static int closure(struct dlt_db *db, int64_t root, int dir, int depth, struct idmap *seen)
{
	struct ids queue = {0}, nb = {0};
	struct idmap dist = {0};
	int rc = 0;
	idmap_put(&dist, root, 0);
	ids_push(&queue, root);
	for (size_t qi = 0; qi < queue.n; qi++) {
		int64_t v = queue.v[qi];
		int d = idmap_get(&dist, v);
		idmap_put(seen, v, 1);
		if (d >= depth)
			continue;
		if (neighbours(db, v, dir, INT32_MAX, &nb) < 0) {
			rc = -1;
			break;
		}
		for (size_t i = 0; i < nb.n; i++)
			if (idmap_get(&dist, nb.v[i]) < 0) {
				idmap_put(&dist, nb.v[i], d + 1);
				ids_push(&queue, nb.v[i]);
			}
	}
	free(queue.v);
	free(nb.v);
	idmap_free(&dist);
	return rc;
}

static int has_tag(struct dlt_db *db, int64_t id, int64_t tag)
{
	sqlite3_stmt *st = dlt_db_stmt(db, Q_HAS_TAG);
	int yes = 0;
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, tag);
		yes = dlt_db_step(db, st) == SQLITE_ROW;
		sqlite3_reset(st);
	}
	return yes;
}

int dlt_subgraph_collect(struct dlt_db *db, const struct dlt_subgraph_opts *o, struct dlt_subgraph *g)
{
	memset(g, 0, sizeof *g);
	int64_t max_id = 0;
	sqlite3_stmt *st = dlt_db_stmt(db, Q_MS_MAX_ID);
	if (!st)
		return -1;
	if (dlt_db_step(db, st) == SQLITE_ROW)
		max_id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	int64_t lo = o->year_from ? first_id_from(db, o->year_from, max_id) : 1;
	int64_t hi = o->year_to && o->year_to < INT_MAX ? first_id_from(db, o->year_to + 1, max_id) - 1 : max_id;
	struct ids keep = {0};

	if (o->root) {
		struct idmap seen = {0};
		int depth = o->depth > 0 ? o->depth : INT32_MAX;
		if (closure(db, o->root, 1, depth, &seen) == 0 && closure(db, o->root, -1, depth, &seen) == 0)
			for (size_t i = 0; i < seen.cap; i++)
				if (seen.vals[i] >= 0 && seen.keys[i] >= lo && seen.keys[i] <= hi &&
				    (!o->tag || has_tag(db, seen.keys[i], o->tag)))
					ids_push(&keep, seen.keys[i]);
		idmap_free(&seen);
		if (keep.n)
			qsort(keep.v, keep.n, sizeof *keep.v, cmp_id);
	} else if (o->tag) {
		st = dlt_db_stmt(db, Q_GRAPH_TAG_RANGE);
		if (st) {
			sqlite3_bind_int64(st, 1, o->tag);
			sqlite3_bind_int64(st, 2, lo);
			sqlite3_bind_int64(st, 3, hi);
			while (dlt_db_step(db, st) == SQLITE_ROW)
				ids_push(&keep, sqlite3_column_int64(st, 0));
			sqlite3_reset(st);
		}
	} else {   /* the ids there are, not every number up to the last (ids may have gaps) */
		st = dlt_db_stmt(db, Q_GRAPH_ID_RANGE);
		if (st) {
			sqlite3_bind_int64(st, 1, lo);
			sqlite3_bind_int64(st, 2, hi);
			while (dlt_db_step(db, st) == SQLITE_ROW)
				ids_push(&keep, sqlite3_column_int64(st, 0));
			sqlite3_reset(st);
		}
	}
	g->ids = keep.v;
	g->nids = keep.n;

	size_t cap = 0;
	for (size_t i = 0; i < g->nids && !o->ids_only && !dlt_db_failed(db); i++) {
		st = dlt_db_stmt(db, Q_GRAPH_EDGES_OF);
		if (!st)
			break;
		sqlite3_bind_int64(st, 1, g->ids[i]);
		while (dlt_db_step(db, st) == SQLITE_ROW) {
			int64_t dst = sqlite3_column_int64(st, 0);
			if (!contains(g->ids, g->nids, dst))
				continue;
			if (g->nedges == cap) {
				cap = cap ? cap * 2 : 64;
				g->edges = xrealloc(g->edges, cap * sizeof *g->edges);
			}
			g->edges[g->nedges].src = g->ids[i];
			g->edges[g->nedges].dst = dst;
			g->edges[g->nedges].note = dlt_col_text(st, 1);
			if (!g->edges[g->nedges].note)
				g->edges[g->nedges].note = xstrdup("");
			g->nedges++;
		}
		sqlite3_reset(st);
	}
	if (dlt_db_failed(db)) {
		dlt_subgraph_free(g);
		return -1;
	}
	return 0;
}

int dlt_subgraph_has(const struct dlt_subgraph *g, int64_t id)
{
	return g->nids && contains(g->ids, g->nids, id);
}

void dlt_subgraph_free(struct dlt_subgraph *g)
{
	for (size_t i = 0; i < g->nedges; i++)
		free(g->edges[i].note);
	free(g->edges);
	free(g->ids);
	memset(g, 0, sizeof *g);
}
