/*
 * v_lineage.c -- the lineage tree of a milestone: what it builds on (ancestors) or what
 * builds on it (descendants), from model/graph.h, with subtrees that fold. Enter opens the
 * milestone under the cursor.
 */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "model/graph.h"
#include "tui/draw.h"
#include "tui/listbox.h"
#include "tui/views.h"

#define DEPTH_DEFAULT 2   /* links shown at first: the whole ancestry of a recent milestone
			    * reaches back to 1943 and hides what is near */

struct lineage {
	int dir;                     /* 1 ancestors, -1 descendants */
	int depth;                   /* links deep (+ and - change it) */
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
	const char *name = dlt_row_name(&root);
	if (!distinct)
		sb_addf(&sb, g->dir > 0 ? "%s (%d) builds on nothing in this timeline"
				       : "Nothing in this timeline builds on %s (%d)", name, root.year);
	else
		sb_addf(&sb, g->dir > 0 ? "What %s (%d) builds on: %zu milestone%s, %d link%s deep"
				       : "What builds on %s (%d): %zu milestone%s, %d link%s deep",
			name, root.year, distinct, distinct == 1 ? "" : "s", g->depth, g->depth == 1 ? "" : "s");
	draw_str(r.y, 1, r.w - 2, sb_str(&sb), draw_attr(EL_HEADING));
	sb_free(&sb);
	dlt_row_clear(&root);
}

/* The columns the tree and the name of node i take, before its note. */
static int head_width(const struct lineage *g, size_t i)
{
	struct strbuf sb = {0};
	tree_prefix(g, i, &sb);
	sb_addf(&sb, "%d %s", g->nodes[i].row.year, dlt_row_name(&g->nodes[i].row));
	int w = draw_width(sb_str(&sb));
	sb_free(&sb);
	return w + 3;   /* the pointer column and a space before it */
}

/* What follows the name of node i: a mark, then its note. */
static void tail_text(const struct lineage *g, size_t i, struct strbuf *sb)
{
	const struct dlt_tree_node *n = &g->nodes[i];
	if (n->repeat)
		sb_addf(sb, "  (see above)");
	else if (g->folded[i])
		sb_addf(sb, "  [+%zu folded]", hidden_under(g, i));
	else if (n->truncated)
		sb_addf(sb, "  %s", glyph(G_ELLIPSIS));
	if (n->note)
		sb_addf(sb, "  %s %s", draw_utf8() ? "—" : "--", n->note);
}

/* The screen lines node i takes at width w: its line and its note's wrapped rest. */
static size_t note_lines(const struct lineage *g, size_t i, int w, struct wrap_line **lines, struct strbuf *tail)
{
	sb_reset(tail);
	tail_text(g, i, tail);
	int room = w - head_width(g, i) - 1;
	if (room < 20)   /* too narrow to wrap beside the name: one line, cut */
		room = w;
	*lines = NULL;
	return tail->len ? utf8_wrap(sb_str(tail), tail->len, (size_t)room, lines) : 1;
}

/* Keep the selected node and all its lines on the screen (nodes take several lines). */
static void fit_lines(struct lineage *g, int rows, int w)
{
	listbox_fit(&g->lb, 1);   /* clamps the selection */
	if (g->lb.sel < g->lb.scroll)
		g->lb.scroll = g->lb.sel;
	struct strbuf tail = {0};
	for (;;) {
		int used = 0;
		for (int li = g->lb.scroll; li <= g->lb.sel; li++) {
			struct wrap_line *wl;
			used += (int)note_lines(g, g->vis[li], w, &wl, &tail);
			free(wl);
		}
		if (used <= rows || g->lb.scroll >= g->lb.sel)
			break;
		g->lb.scroll++;
	}
	sb_free(&tail);
}

static void lineage_draw(struct app *app, struct view *v, struct rect r)
{
	struct lineage *g = v->priv;
	int w = r.w;
	for (int y = 0; y < r.h; y++)
		draw_fill(r.y + y, 0, w, A_NORMAL);
	heading(app, g, r);
	int rows = r.h - 1;
	if (!g->lb.n)
		return;
	fit_lines(g, rows > 0 ? rows : 1, w);
	struct strbuf tail = {0};
	int y = 0;
	for (int li = g->lb.scroll; y < rows && li < g->lb.n; li++) {
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
		sb_free(&line);
		struct wrap_line *wl;
		size_t nl = note_lines(g, v_i, w, &wl, &tail);
		int nx = nl > 1 ? x : x;
		for (size_t k = 0; wl && k < nl && y < rows; k++, y++) {
			sy = r.y + 1 + y;
			if (k)
				draw_fill(sy, 0, w, base);
			char *piece = xstrndup(sb_str(&tail) + wl[k].off, wl[k].len);
			draw_str(sy, nx, w - nx - 1, piece, sel ? base : draw_attr(EL_DIM));
			free(piece);
		}
		if (!wl)
			y++;
		free(wl);
	}
	sb_free(&tail);
}

static void build(struct app *app, struct lineage *g, int64_t keep);

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
	case ACT_LINEAGE:
		g->dir = -g->dir;
		build(app, g, 0);
		return HANDLED;
	case ACT_DEPTH_MORE:
	case ACT_DEPTH_LESS:
		if (a == ACT_DEPTH_LESS && g->depth <= 1) {
			app_message(app, 0, "One link deep is the least");
			return HANDLED;
		}
		g->depth += a == ACT_DEPTH_MORE ? 1 : -1;
		build(app, g, lineage_current(app, v));
		return HANDLED;
	default:   /* (Enter: closing the detail comes back to the tree, folds and all) */
		return app_overlay_key(app, a, a == ACT_OPEN ? lineage_current(app, v) : 0);
	}
}

/* The export: the tree's milestones in its order (each once), with the note of the link
 * that brought each in. */
static size_t lineage_contents(struct app *app, struct view *v, struct view_contents *c)
{
	(void)app;
	struct lineage *g = v->priv;
	if (!g->n)
		return 0;
	c->ids = xmalloc(g->n * sizeof *c->ids);
	c->notes = xcalloc(g->n, sizeof *c->notes);
	for (size_t i = 0; i < g->n; i++) {
		if (g->nodes[i].repeat)
			continue;
		c->notes[c->n] = g->nodes[i].note ? xstrdup(g->nodes[i].note) : NULL;
		c->ids[c->n++] = g->nodes[i].row.id;
	}
	const char *name = dlt_row_name(&g->nodes[0].row);
	snprintf(c->title, sizeof c->title, "Lineage of %s: %s", name,
		 g->dir > 0 ? "what it builds on" : "what builds on it");
	snprintf(c->name, sizeof c->name, "lineage-%s", g->nodes[0].row.slug);
	return c->n;
}

static int lineage_hints(struct app *app, struct view *v, struct hint *h)
{
	(void)app;
	struct lineage *g = v->priv;
	h[0] = (struct hint){ACT_OPEN, "open"};
	h[1] = (struct hint){ACT_FOLD, "fold"};
	h[2] = (struct hint){ACT_DEPTH_MORE, "deeper"};
	h[3] = (struct hint){ACT_DEPTH_LESS, "shallower"};
	h[4] = (struct hint){ACT_LINEAGE, g->dir > 0 ? "descendants" : "ancestors"};
	h[5] = (struct hint){ACT_QUIT, "close"};
	return 6;
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
	.contents = lineage_contents,
	.close = lineage_close,
};

/* (Re)build the tree for g's root, direction and depth, keeping the cursor on `keep` if it
 * is still there. Folds start open. */
static void build(struct app *app, struct lineage *g, int64_t keep)
{
	dlt_tree_free(g->nodes, g->n);
	free(g->folded);
	free(g->last);
	g->n = dlt_lineage(app->db, g->root, g->dir, g->depth, &g->nodes);
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
	g->lb.sel = g->lb.scroll = 0;
	for (int li = 0; keep && li < g->lb.n; li++)
		if (g->nodes[g->vis[li]].row.id == keep) {
			g->lb.sel = li;
			break;
		}
}

void lineage_open(struct app *app, int64_t root, int dir)
{
	struct lineage *g = xcalloc(1, sizeof *g);
	g->dir = dir;
	g->root = root;
	g->depth = DEPTH_DEFAULT;
	build(app, g, 0);
	app_push(app, &lineage_ops, g);
}
