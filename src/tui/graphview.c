/*
 * graphview.c -- views of the builds-on graph inside the browser: the lineage tree of the
 * selection (ancestors or descendants, foldable), the path between two milestones, and the
 * charts. The data comes from model/graph.h and model/chart.h; this file only lays it out.
 */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "model/detail.h"
#include "tui/ui.h"

#define NOTE_BIT ((size_t)1 << (sizeof(size_t) * 8 - 1))   /* vis entry is a path note line */

void graph_free(struct ui *ui)
{
	dlt_tree_free(ui->gv.nodes, ui->gv.n);
	dlt_paths_free(ui->gv.paths, ui->gv.npaths);
	free(ui->gv.folded);
	free(ui->gv.last);
	free(ui->gv.vis);
	memset(&ui->gv, 0, sizeof ui->gv);
}

/* Recompute which lines are visible (folded subtrees hidden). */
static void graph_visible(struct ui *ui)
{
	free(ui->gv.vis);
	ui->gv.nvis = 0;
	if (ui->gv.kind == GV_PATH) {
		const struct dlt_path *p = ui->gv.npaths ? &ui->gv.paths[ui->gv.path_idx] : NULL;
		size_t n = p ? p->n : 0;
		ui->gv.vis = xmalloc((2 * n + 1) * sizeof *ui->gv.vis);
		for (size_t i = 0; i < n; i++) {
			ui->gv.vis[ui->gv.nvis++] = i;
			if (i + 1 < n)
				ui->gv.vis[ui->gv.nvis++] = i | NOTE_BIT;
		}
		return;
	}
	ui->gv.vis = xmalloc((ui->gv.n + 1) * sizeof *ui->gv.vis);
	int hide_below = -1; /* depth of a folded node whose subtree is being skipped */
	for (size_t i = 0; i < ui->gv.n; i++) {
		int d = ui->gv.nodes[i].depth;
		if (hide_below >= 0 && d > hide_below)
			continue;
		hide_below = -1;
		ui->gv.vis[ui->gv.nvis++] = i;
		if (ui->gv.folded[i])
			hide_below = d;
	}
}

void graph_open(struct ui *ui, enum graph_kind kind, int64_t from, int64_t to)
{
	graph_free(ui);
	ui->gv.kind = kind;
	ui->gv.root = from;
	ui->gv.target = to;
	if (kind == GV_PATH) {
		int n = dlt_paths(ui->db, from, to, 5, 0, &ui->gv.paths);
		ui->gv.npaths = n > 0 ? n : 0;
		if (n == DLT_PATHS_GAVE_UP) {
			ui_message(ui, 1, "No path found within %d milestones of either end; gave up", DLT_PATH_MAX_NODES);
		} else if (n < 0) {
			ui_message(ui, 1, "%s", dlt_db_error(ui->db));
			return;
		}
	} else {
		ui->gv.n = dlt_lineage(ui->db, from, kind == GV_ANCESTORS ? 1 : -1, 0, &ui->gv.nodes);
		ui->gv.folded = xcalloc(ui->gv.n + 1, 1);
		ui->gv.last = xcalloc(ui->gv.n + 1, 1);
		/* a node is the last child when no later node has the same parent */
		size_t *last_child = xmalloc((ui->gv.n + 1) * sizeof *last_child);
		for (size_t i = 0; i < ui->gv.n; i++)
			last_child[i] = (size_t)-1;
		for (size_t i = 1; i < ui->gv.n; i++)
			if (ui->gv.nodes[i].parent < ui->gv.n)
				last_child[ui->gv.nodes[i].parent] = i;
		for (size_t i = 0; i < ui->gv.n; i++)
			if (last_child[i] != (size_t)-1)
				ui->gv.last[last_child[i]] = 1;
		free(last_child);
	}
	graph_visible(ui);
	ui->mode = MODE_GRAPH;
}

/* The tree glyphs before node i: one column group per ancestor level. */
static void tree_prefix(const struct ui *ui, size_t i, struct strbuf *sb)
{
	const struct dlt_tree_node *n = &ui->gv.nodes[i];
	if (n->depth == 0)
		return;
	char levels[65] = {0};
	size_t a = n->parent;
	for (int d = n->depth - 1; d >= 1 && a < ui->gv.n; d--) {
		levels[d] = ui->gv.last[a] ? ' ' : '|';
		a = ui->gv.nodes[a].parent;
	}
	for (int d = 1; d < n->depth && d < 64; d++)
		sb_add(sb, levels[d] == '|' ? (ui->utf8 ? "│  " : "|  ") : "   ");
	sb_add(sb, ui->gv.last[i] ? (ui->utf8 ? "└─ " : "`- ") : (ui->utf8 ? "├─ " : "|- "));
}

/* Count the nodes hidden under folded node i. */
static size_t hidden_under(const struct ui *ui, size_t i)
{
	size_t k = i + 1;
	while (k < ui->gv.n && ui->gv.nodes[k].depth > ui->gv.nodes[i].depth)
		k++;
	return k - i - 1;
}

void graph_draw(struct ui *ui)
{
	int top = ui->body_y, h = ui->body_h, w = ui->w;
	for (int y = 0; y < h; y++)
		draw_fill(top + y, 0, w, A_NORMAL);
	struct strbuf sb = {0};
	struct dlt_row root = {0};
	dlt_row_load(ui->db, ui->gv.root, &root);
	if (ui->gv.kind == GV_PATH) {
		struct dlt_row to = {0};
		dlt_row_load(ui->db, ui->gv.target, &to);
		if (!ui->gv.npaths)
			sb_addf(&sb, "No chain of builds-on links joins %s and %s", dlt_row_name(&root), dlt_row_name(&to));
		else
			sb_addf(&sb, "From %s to %s: %zu links%s (path %d of %d; Tab: next)", dlt_row_name(&root),
				dlt_row_name(&to), ui->gv.paths[ui->gv.path_idx].n - 1,
				ui->gv.paths[ui->gv.path_idx].forward ? "" : ", read as builds on",
				ui->gv.path_idx + 1, ui->gv.npaths);
		dlt_row_clear(&to);
	} else {
		size_t distinct = 0; /* milestones, not lines: references repeat a node */
		for (size_t i = 1; i < ui->gv.n; i++)
			distinct += !ui->gv.nodes[i].repeat;
		sb_addf(&sb, "%s %s (%d): %zu milestones%s", ui->gv.kind == GV_ANCESTORS ? "What" : "What builds on",
			dlt_row_name(&root), root.year, distinct,
			ui->gv.kind == GV_ANCESTORS ? " it stands on" : "");
		sb_addf(&sb, "   (a: %s, z: fold)", ui->gv.kind == GV_ANCESTORS ? "descendants" : "ancestors");
	}
	draw_str(ui, top, 1, w - 2, sb_str(&sb), ui_attr(ui, EL_HEADING));
	sb_free(&sb);
	dlt_row_clear(&root);

	int rows = h - 1;
	if (ui->gv.sel >= (int)ui->gv.nvis)
		ui->gv.sel = ui->gv.nvis ? (int)ui->gv.nvis - 1 : 0;
	if (ui->gv.sel < 0)
		ui->gv.sel = 0;
	if (ui->gv.sel < ui->gv.scroll)
		ui->gv.scroll = ui->gv.sel;
	if (ui->gv.sel >= ui->gv.scroll + rows)
		ui->gv.scroll = ui->gv.sel - rows + 1;
	for (int y = 0; y < rows && (size_t)(ui->gv.scroll + y) < ui->gv.nvis; y++) {
		int li = ui->gv.scroll + y;
		size_t v = ui->gv.vis[li];
		int sel = li == ui->gv.sel;
		attr_t base = sel ? ui_attr(ui, EL_SELECTED) : A_NORMAL;
		int sy = top + 1 + y, x = 1;
		draw_fill(sy, 0, w, base);
		x += draw_str(ui, sy, x, 2, sel ? glyph(ui, '>') : " ", base);
		struct strbuf line = {0};
		if (ui->gv.kind == GV_PATH) {
			const struct dlt_path *p = &ui->gv.paths[ui->gv.path_idx];
			if (v & NOTE_BIT) {
				size_t i = v & ~NOTE_BIT;
				sb_addf(&line, "   %s %s: %s", glyph(ui, p->forward ? 'v' : '^'),
					p->forward ? "led to" : "builds on", p->notes[i] ? p->notes[i] : "");
				draw_str(ui, sy, x, w - x - 1, sb_str(&line), sel ? base : ui_attr(ui, EL_DIM));
			} else {
				char date[16];
				dlt_format_date(p->steps[v].year, p->steps[v].month, date, sizeof date);
				draw_str(ui, sy, x, 8, date, sel ? base : ui_attr(ui, EL_DATE));
				x += 9;
				draw_str(ui, sy, x, w - x - 1, dlt_row_name(&p->steps[v]), base | A_BOLD);
			}
			sb_free(&line);
			continue;
		}
		const struct dlt_tree_node *n = &ui->gv.nodes[v];
		tree_prefix(ui, v, &line);
		x += draw_str(ui, sy, x, w - x - 1, sb_str(&line), sel ? base : ui_attr(ui, EL_DIM));
		sb_reset(&line);
		sb_addf(&line, "%d ", n->row.year);
		x += draw_str(ui, sy, x, w - x - 1, sb_str(&line), sel ? base : ui_attr(ui, EL_DATE));
		x += draw_str(ui, sy, x, w - x - 1, dlt_row_name(&n->row), base | (n->repeat ? 0 : A_BOLD));
		sb_reset(&line);
		if (n->repeat)
			sb_addf(&line, "  (see above)");
		else if (ui->gv.folded[v])
			sb_addf(&line, "  [+%zu folded]", hidden_under(ui, v));
		else if (n->truncated)
			sb_addf(&line, "  %s", ui->utf8 ? "…" : "...");
		if (n->note)
			sb_addf(&line, "  %s %s", ui->utf8 ? "—" : "--", n->note);
		draw_str(ui, sy, x, w - x - 1, sb_str(&line), sel ? base : ui_attr(ui, EL_DIM));
		sb_free(&line);
	}
}

/* The milestone under the cursor, or 0. */
static int64_t graph_current(const struct ui *ui)
{
	if (!ui->gv.nvis)
		return 0;
	size_t v = ui->gv.vis[ui->gv.sel];
	if (ui->gv.kind == GV_PATH)
		return ui->gv.npaths ? ui->gv.paths[ui->gv.path_idx].steps[v & ~NOTE_BIT].id : 0;
	return ui->gv.nodes[v].row.id;
}

int graph_key(struct ui *ui, int key, enum tui_action a)
{
	(void)key;
	int page = ui->body_h > 3 ? ui->body_h - 2 : 1;
	switch (a) {
	case ACT_MOVE_DOWN:
		ui->gv.sel++;
		break;
	case ACT_MOVE_UP:
		ui->gv.sel--;
		break;
	case ACT_PAGE_DOWN:
		ui->gv.sel += page;
		break;
	case ACT_PAGE_UP:
		ui->gv.sel -= page;
		break;
	case ACT_FIRST:
		ui->gv.sel = 0;
		break;
	case ACT_LAST:
		ui->gv.sel = (int)ui->gv.nvis - 1;
		break;
	case ACT_FOLD:
		if (ui->gv.kind != GV_PATH && ui->gv.nvis) {
			size_t v = ui->gv.vis[ui->gv.sel];
			if (ui->gv.nodes[v].nchildren || ui->gv.folded[v]) {
				ui->gv.folded[v] = !ui->gv.folded[v];
				graph_visible(ui);
			}
		}
		break;
	case ACT_LINEAGE:
		if (ui->gv.kind != GV_PATH)
			graph_open(ui, ui->gv.kind == GV_ANCESTORS ? GV_DESCENDANTS : GV_ANCESTORS, ui->gv.root, 0);
		break;
	case ACT_LINK_NEXT:
	case ACT_LINK_PREV:
		if (ui->gv.kind == GV_PATH && ui->gv.npaths > 1) {
			ui->gv.path_idx = (ui->gv.path_idx + (a == ACT_LINK_NEXT ? 1 : ui->gv.npaths - 1)) % ui->gv.npaths;
			ui->gv.sel = 0;
			graph_visible(ui);
		}
		break;
	case ACT_OPEN: {
		int64_t id = graph_current(ui);
		if (id) {
			ui->mode = MODE_MAIN;
			if (!dlt_view_contains(ui->view, id))
				list_set_filter(ui, NULL);
			list_select(ui, id);
			detail_open(ui);
		}
		break;
	}
	case ACT_QUIT:
	case ACT_CLOSE:
		ui->mode = MODE_MAIN;
		break;
	case ACT_HELP:
		ui->mode = MODE_HELP;
		ui->help_scroll = 0;
		break;
	default:
		break;
	}
	return 1;
}

/* ---- charts ------------------------------------------------------------------------------- */

void chart_free(struct ui *ui)
{
	if (ui->ch.loaded)
		dlt_chart_free(&ui->ch.chart);
	ui->ch.loaded = 0;
}

void chart_open(struct ui *ui)
{
	chart_free(ui);
	struct dlt_row r = {0};
	if (!ui->ch.year && ui->sel && dlt_row_load(ui->db, ui->sel, &r) == 0) {
		ui->ch.year = r.year;
		dlt_row_clear(&r);
	}
	ui->mode = MODE_CHART;
}

void chart_draw(struct ui *ui)
{
	int top = ui->body_y, h = ui->body_h, w = ui->w;
	for (int y = 0; y < h; y++)
		draw_fill(top + y, 0, w, A_NORMAL);
	if (!ui->ch.loaded || ui->ch.w != w || ui->ch.h != h) {
		chart_free(ui);
		if (dlt_chart_render(ui->db, ui->ch.kind, w - 2, h - 1, ui->utf8, &ui->ch.chart) < 0) {
			ui_message(ui, 1, "%s", dlt_db_error(ui->db));
			return;
		}
		ui->ch.loaded = 1;
		ui->ch.w = w;
		ui->ch.h = h;
	}
	static const char *const titles[] = {
		"Milestones per year (Left/Right: choose a year, Enter: show it, Tab: next chart)",
		"Model parameters over time, log scale (Tab: next chart)",
		"Training compute over time, FLOP, log scale (Tab: next chart)",
	};
	draw_str(ui, top, 1, w - 2, titles[ui->ch.kind], ui_attr(ui, EL_HEADING));
	const struct dlt_chart *c = &ui->ch.chart;
	for (size_t i = 0; i < c->nlines && (int)i < h - 1; i++)
		draw_str(ui, top + 1 + (int)i, 1, w - 2, c->lines[i], A_NORMAL);
	if (ui->ch.kind != DLT_CHART_YEARS || !c->col_year)
		return;
	/* Mark the chosen year's bar (or the bucket holding it): reverse its columns. */
	int shown = 0, found = 0;
	for (int col = 0; col < c->width; col++)
		if (c->col_year[col] && c->col_year[col] <= ui->ch.year && c->col_year[col] > shown)
			shown = c->col_year[col];
	for (int col = 0; col < c->width; col++)
		if (shown && c->col_year[col] == shown) {
			found = 1;
			for (int y = 0; y < h - 1 && y < (int)c->nlines; y++)
				mvchgat(top + 1 + y, 1 + col, 1, A_REVERSE, 0, NULL);
		}
	if (found)
		ui_message(ui, 0, "%d selected: Enter shows its milestones", ui->ch.year);
}

int chart_key(struct ui *ui, int key, enum tui_action a)
{
	if (key == KEY_LEFT || key == 'h' || key == KEY_RIGHT || key == 'l') {
		/* step to the previous / next year that has milestones (the per-year table) */
		struct dlt_year y;
		int dir = key == KEY_LEFT || key == 'h' ? -1 : 1;
		if (dlt_year_near(ui->db, dir > 0 ? ui->ch.year + 1 : ui->ch.year, dir, &y) == 1)
			ui->ch.year = y.year;
		return 1;
	}
	switch (a) {
	case ACT_LINK_NEXT:
	case ACT_CHART:
		ui->ch.kind = (enum dlt_chart_kind)((ui->ch.kind + 1) % 3);
		chart_free(ui);
		break;
	case ACT_OPEN:
		if (ui->ch.kind == DLT_CHART_YEARS && ui->ch.year) {
			struct strbuf label = {0};
			sb_addf(&label, "year %d", ui->ch.year);
			struct dlt_filter f = {.kind = DLT_F_NONE, .year_from = ui->ch.year, .year_to = ui->ch.year,
					       .label = sb_detach(&label)};
			ui->mode = MODE_MAIN;
			list_set_filter(ui, &f);
			dlt_filter_clear(&f);
		}
		break;
	case ACT_QUIT:
	case ACT_CLOSE:
		ui->mode = MODE_MAIN;
		break;
	default:
		break;
	}
	return 1;
}
