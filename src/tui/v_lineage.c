/*
 * v_lineage.c -- the lineage tree of a milestone: what it builds on (ancestors) or what
 * builds on it (descendants), from model/graph.h, with subtrees that fold. Enter opens the
 * milestone under the cursor.
 */
#include <stdlib.h>
#include <string.h>

#include "model/graph.h"
#include "tui/draw.h"
#include "tui/listbox.h"
#include "tui/views.h"

struct lineage {
	int dir;                     /* 1 ancestors, -1 descendants */
	int64_t root;
	struct dlt_tree_node *nodes;
	size_t n;
	uint8_t *folded;             /* per node */
	uint8_t *last;               /* per node: last child of its parent */
	size_t *vis;                 /* visible lines -> node index */
	struct listbox lb;
};

/* Recompute which lines are visible (folded subtrees hidden). */
static void visible(struct lineage *g)
{
	free(g->vis);
	g->vis = xmalloc((g->n + 1) * sizeof *g->vis);
	size_t nvis = 0;
	int hide_below = -1;   /* depth of a folded node whose subtree is being skipped */
	for (size_t i = 0; i < g->n; i++) {
		int d = g->nodes[i].depth;
		if (hide_below >= 0 && d > hide_below)
			continue;
		hide_below = -1;
		g->vis[nvis++] = i;
		if (g->folded[i])
			hide_below = d;
	}
	g->lb.n = (int)nvis;
}

/* The tree glyphs before node i: one column group per ancestor level. */
static void tree_prefix(const struct lineage *g, size_t i, struct strbuf *sb)
{
	const struct dlt_tree_node *n = &g->nodes[i];
	if (n->depth == 0)
		return;
	char levels[65] = {0};
	size_t a = n->parent;
	for (int d = n->depth - 1; d >= 1 && a < g->n; d--) {
		levels[d] = g->last[a] ? ' ' : '|';
		a = g->nodes[a].parent;
	}
	int utf8 = draw_utf8();
	for (int d = 1; d < n->depth && d < 64; d++)
		sb_add(sb, levels[d] == '|' ? (utf8 ? "│  " : "|  ") : "   ");
	sb_add(sb, g->last[i] ? (utf8 ? "└─ " : "`- ") : (utf8 ? "├─ " : "|- "));
}

/* Count the nodes hidden under folded node i. */
static size_t hidden_under(const struct lineage *g, size_t i)
{
	size_t k = i + 1;
	while (k < g->n && g->nodes[k].depth > g->nodes[i].depth)
		k++;
	return k - i - 1;
}

static void heading(struct app *app, const struct lineage *g, struct rect r)
{
	struct strbuf sb = {0};
	struct dlt_row root = {0};
	dlt_row_load(app->db, g->root, &root);
	size_t distinct = 0;   /* milestones, not lines: references repeat a node */
	for (size_t i = 1; i < g->n; i++)
		distinct += !g->nodes[i].repeat;
	sb_addf(&sb, "%s %s (%d): %zu milestones%s", g->dir > 0 ? "What" : "What builds on", dlt_row_name(&root),
		root.year, distinct, g->dir > 0 ? " it stands on" : "");
	sb_addf(&sb, "   (a: %s, z: fold)", g->dir > 0 ? "descendants" : "ancestors");
	draw_str(r.y, 1, r.w - 2, sb_str(&sb), draw_attr(EL_HEADING));
	sb_free(&sb);
	dlt_row_clear(&root);
}

static void lineage_draw(struct app *app, struct view *v, struct rect r)
{
	struct lineage *g = v->priv;
	int w = r.w;
	for (int y = 0; y < r.h; y++)
		draw_fill(r.y + y, 0, w, A_NORMAL);
	heading(app, g, r);
	int rows = r.h - 1;
	listbox_fit(&g->lb, rows > 0 ? rows : 1);
	for (int y = 0; y < rows && g->lb.scroll + y < g->lb.n; y++) {
		int li = g->lb.scroll + y;
		size_t v_i = g->vis[li];
		int sel = li == g->lb.sel;
		attr_t base = sel ? draw_attr(EL_SELECTED) : A_NORMAL;
		int sy = r.y + 1 + y, x = 1;
		draw_fill(sy, 0, w, base);
		x += draw_str(sy, x, 2, sel ? glyph(G_POINTER) : " ", base);
		const struct dlt_tree_node *n = &g->nodes[v_i];
		struct strbuf line = {0};
		tree_prefix(g, v_i, &line);
		x += draw_str(sy, x, w - x - 1, sb_str(&line), sel ? base : draw_attr(EL_DIM));
		sb_reset(&line);
		sb_addf(&line, "%d ", n->row.year);
		x += draw_str(sy, x, w - x - 1, sb_str(&line), sel ? base : draw_attr(EL_DATE));
		x += draw_str(sy, x, w - x - 1, dlt_row_name(&n->row), base | (n->repeat ? 0 : A_BOLD));
		sb_reset(&line);
		if (n->repeat)
			sb_addf(&line, "  (see above)");
		else if (g->folded[v_i])
			sb_addf(&line, "  [+%zu folded]", hidden_under(g, v_i));
		else if (n->truncated)
			sb_addf(&line, "  %s", draw_utf8() ? "…" : "...");
		if (n->note)
			sb_addf(&line, "  %s %s", draw_utf8() ? "—" : "--", n->note);
		draw_str(sy, x, w - x - 1, sb_str(&line), sel ? base : draw_attr(EL_DIM));
		sb_free(&line);
	}
}

static int64_t lineage_current(struct app *app, struct view *v)
{
	(void)app;
	struct lineage *g = v->priv;
	return g->lb.n ? g->nodes[g->vis[g->lb.sel]].row.id : 0;
}

static enum handled lineage_key(struct app *app, struct view *v, enum tui_action a, int key)
{
	(void)key;
	struct lineage *g = v->priv;
	if (listbox_key(&g->lb, a))
		return HANDLED;
	switch (a) {
	case ACT_FOLD:
		if (g->lb.n) {
			size_t i = g->vis[g->lb.sel];
			if (g->nodes[i].nchildren || g->folded[i]) {
				g->folded[i] = !g->folded[i];
				visible(g);
			}
		}
		return HANDLED;
	case ACT_LINEAGE: {
		int64_t root = g->root;
		int dir = -g->dir;
		app_pop(app);
		app->make.lineage(app, root, dir);
		return HANDLED;
	}
	case ACT_OPEN: {
		int64_t id = lineage_current(app, v);
		if (id) {
			app_pop(app);
			if (!dlt_view_contains(app->view, id))
				app_set_filter(app, NULL);
			app_select(app, id);
			app_open_detail(app);
		}
		return HANDLED;
	}
	case ACT_QUIT:
	case ACT_CLOSE:
		return CLOSE;
	case ACT_HELP:
		app->make.help(app);
		return HANDLED;
	default:
		return HANDLED;
	}
}

static int lineage_hints(struct app *app, struct view *v, struct hint *h)
{
	(void)app;
	struct lineage *g = v->priv;
	h[0] = (struct hint){ACT_OPEN, "open"};
	h[1] = (struct hint){ACT_FOLD, "fold"};
	h[2] = (struct hint){ACT_LINEAGE, g->dir > 0 ? "descendants" : "ancestors"};
	h[3] = (struct hint){ACT_QUIT, "close"};
	return 4;
}

static void lineage_close(struct app *app, struct view *v)
{
	(void)app;
	struct lineage *g = v->priv;
	dlt_tree_free(g->nodes, g->n);
	free(g->folded);
	free(g->last);
	free(g->vis);
	free(g);
}

static const struct view_ops lineage_ops = {
	.name = "lineage",
	.draw = lineage_draw,
	.key = lineage_key,
	.hints = lineage_hints,
	.current = lineage_current,
	.close = lineage_close,
};

void lineage_open(struct app *app, int64_t root, int dir)
{
	struct lineage *g = xcalloc(1, sizeof *g);
	g->dir = dir;
	g->root = root;
	g->n = dlt_lineage(app->db, root, dir, 0, &g->nodes);
	g->folded = xcalloc(g->n + 1, 1);
	g->last = xcalloc(g->n + 1, 1);
	/* a node is the last child when no later node has the same parent */
	size_t *last_child = xmalloc((g->n + 1) * sizeof *last_child);
	for (size_t i = 0; i < g->n; i++)
		last_child[i] = (size_t)-1;
	for (size_t i = 1; i < g->n; i++)
		if (g->nodes[i].parent < g->n)
			last_child[g->nodes[i].parent] = i;
	for (size_t i = 0; i < g->n; i++)
		if (last_child[i] != (size_t)-1)
			g->last[last_child[i]] = 1;
	free(last_child);
	visible(g);
	app_push(app, &lineage_ops, g);
}
