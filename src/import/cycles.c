/*
 * cycles.c -- builds_on cycles among the links of every milestone (kept by check.c in a
 * scratch file, resolved to milestone sequence numbers here).
 *
 * Only needed when some link points to a later milestone: links that all point back cannot
 * form a cycle. The links become a compressed graph (CSR); the milestones whose ancestors
 * all settle are peeled off; every milestone left has a link to another one left, so a walk
 * from it must repeat: each new repetition is a cycle, reported once at the link that closes
 * it. Memory: a few integers per link.
 */
#include <assert.h>
#include <stdlib.h>

#include "core/util.h"
#include "import/check.h"

/* A link between two milestones, with its place in the input. */
struct edge {
	int32_t src, dst;
	uint32_t file, line, col;
};

/* The links as a graph of n milestones (1..n). */
struct graph {
	int64_t n;
	struct edge *e;        /* sorted by src (the input's order) */
	size_t ne;
	uint32_t *first;       /* first[s]..first[s+1]: the links of s */
	uint32_t *outdeg;      /* links of s to milestones not peeled off (yet) */
};

/* The links from the scratch file: those to a defined milestone other than themselves.
 * Returns 0, or -1 when the file cannot be read back. */
static int read_edges(struct checker *ck, struct graph *g)
{
	size_t cap = 0;
	struct edge_rec er;
	if (fflush(ck->edges) != 0 || fseek(ck->edges, 0, SEEK_SET) != 0)
		return -1;
	while (fread(&er, sizeof er, 1, ck->edges) == 1) {
		int32_t dst = symtab_at(&ck->names.ms, er.sym)->def;
		if (!dst || dst == er.src)
			continue;
		DLT_GROW(g->e, g->ne + 1, cap);
		g->e[g->ne++] = (struct edge){er.src, dst, er.file, er.line, er.col};
	}
	return ferror(ck->edges) ? -1 : 0;
}

/* The out-links of each milestone (CSR: the links are in src order already). */
static void build_csr(struct graph *g)
{
	g->first = xcalloc((size_t)g->n + 2, sizeof *g->first);
	g->outdeg = xcalloc((size_t)g->n + 1, sizeof *g->outdeg);
	for (size_t i = 0; i < g->ne; i++) {
		assert(i == 0 || g->e[i - 1].src <= g->e[i].src);
		g->first[g->e[i].src + 1]++;
		g->outdeg[g->e[i].src]++;
	}
	for (int64_t s = 0; s <= g->n; s++)
		g->first[s + 1] += g->first[s];
}

/* Peel off the milestones with no remaining out-links, then those whose out-links all lead
 * to peeled ones: outdeg stays > 0 exactly for the milestones on or before a cycle. */
static void peel(struct graph *g)
{
	int64_t n = g->n;
	uint32_t *in_first = xcalloc((size_t)n + 2, sizeof *in_first);
	for (size_t i = 0; i < g->ne; i++)
		in_first[g->e[i].dst + 1]++;
	for (int64_t s = 0; s <= n; s++)
		in_first[s + 1] += in_first[s];
	uint32_t *rev = xmalloc((g->ne ? g->ne : 1) * sizeof *rev);   /* link numbers grouped by dst */
	uint32_t *fill = xcalloc((size_t)n + 1, sizeof *fill);
	for (size_t i = 0; i < g->ne; i++)
		rev[in_first[g->e[i].dst] + fill[g->e[i].dst]++] = (uint32_t)i;
	int32_t *queue = xmalloc(((size_t)n + 1) * sizeof *queue);
	size_t qh = 0, qt = 0;
	for (int64_t s = 1; s <= n; s++)
		if (g->outdeg[s] == 0)
			queue[qt++] = (int32_t)s;
	while (qh < qt) {
		int32_t v = queue[qh++];
		for (uint32_t k = in_first[v]; k < in_first[v + 1]; k++) {
			int32_t u = g->e[rev[k]].src;
			if (--g->outdeg[u] == 0)
				queue[qt++] = u;
		}
	}
	free(queue);
	free(fill);
	free(rev);
	free(in_first);
}

/* The first link of v to a milestone not peeled off (there is one while outdeg[v] > 0). */
static uint32_t next_link(const struct graph *g, int32_t v)
{
	uint32_t k;
	for (k = g->first[v]; k < g->first[v + 1]; k++)
		if (g->outdeg[g->e[k].dst] > 0)
			break;
	assert(k < g->first[v + 1]);
	return k;
}

/* The cycle through v: "a -> b -> ... -> a" (at most 12 steps), reported at the link that
 * closes it. */
static void report_cycle(struct checker *ck, const struct graph *g, int32_t v)
{
	struct strbuf path = {0};
	int32_t w = v;
	uint32_t closing = 0;
	for (int steps = 0; steps < 12; steps++) {
		if (ck->seq_sym[w])
			sb_addf(&path, "%s%s", steps ? " -> " : "", symtab_name(&ck->names.ms, (uint32_t)ck->seq_sym[w]));
		closing = next_link(g, w);
		w = g->e[closing].dst;
		if (w == v) {
			if (ck->seq_sym[w])
				sb_addf(&path, " -> %s", symtab_name(&ck->names.ms, (uint32_t)ck->seq_sym[w]));
			break;
		}
	}
	const struct edge *e = &g->e[closing];
	problem_at(ck->probs, (struct where){e->file, e->line, e->col}, checker_seq(ck, CK_CYCLE),
		   "builds_on cycle: %s", sb_str(&path));
	sb_free(&path);
}

void check_cycles(struct checker *ck)
{
	struct graph g = {.n = ck->ms_seq};
	if (g.n == 0 || !ck->edges)
		return;
	if (read_edges(ck, &g) < 0) {
		free(g.e);
		return;
	}
	build_csr(&g);
	peel(&g);
	/* Walk from each milestone left until one repeats: a repetition on the current walk (1)
	 * is a new cycle; one reached by an earlier walk (2) is not. */
	uint8_t *state = xcalloc((size_t)g.n + 1, 1);   /* 0 unseen, 1 on the walk, 2 done */
	for (int64_t s = 1; s <= g.n; s++) {
		if (g.outdeg[s] == 0 || state[s])
			continue;
		int32_t v = (int32_t)s;
		while (state[v] == 0) {
			state[v] = 1;
			v = g.e[next_link(&g, v)].dst;
		}
		if (state[v] == 1)
			report_cycle(ck, &g, v);
		for (v = (int32_t)s; state[v] == 1; v = g.e[next_link(&g, v)].dst)
			state[v] = 2;
	}
	free(state);
	free(g.outdeg);
	free(g.first);
	free(g.e);
}
