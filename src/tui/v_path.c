/*
 * v_path.c -- the chain of builds-on links between two milestones (model/graph.h: the
 * shortest first, alternatives with Tab): one line per milestone, and one per link with its
 * note. Enter opens the milestone under the cursor.
 */
#include <stdlib.h>
#include <string.h>

#include "model/detail.h"
#include "model/graph.h"
#include "tui/draw.h"
#include "tui/listbox.h"
#include "tui/views.h"

struct path {
	int64_t from, to;
	struct dlt_path *paths;      /* alternatives, shortest first */
	int npaths, idx;
	struct listbox lb;           /* lines: step k at 2k, the link after it at 2k + 1 */
};

static const struct dlt_path *current_path(const struct path *p)
{
	return p->npaths ? &p->paths[p->idx] : NULL;
}

static void lines(struct path *p)
{
	const struct dlt_path *c = current_path(p);
	p->lb.n = c && c->n ? (int)(2 * c->n - 1) : 0;
}

static void heading(struct app *app, const struct path *p, struct rect r)
{
	struct strbuf sb = {0};
	struct dlt_row from = {0}, to = {0};
	dlt_row_load(app->db, p->from, &from);
	dlt_row_load(app->db, p->to, &to);
	const struct dlt_path *c = current_path(p);
	if (!c)
		sb_addf(&sb, "No chain of builds-on links joins %s and %s", dlt_row_name(&from), dlt_row_name(&to));
	else
		sb_addf(&sb, "From %s to %s: %zu links%s (path %d of %d; Tab: next)", dlt_row_name(&from),
			dlt_row_name(&to), c->n - 1, c->forward ? "" : ", read as builds on", p->idx + 1, p->npaths);
	draw_str(r.y, 1, r.w - 2, sb_str(&sb), draw_attr(EL_HEADING));
	sb_free(&sb);
	dlt_row_clear(&from);
	dlt_row_clear(&to);
}

static void path_draw(struct app *app, struct view *v, struct rect r)
{
	struct path *p = v->priv;
	int w = r.w;
	for (int y = 0; y < r.h; y++)
		draw_fill(r.y + y, 0, w, A_NORMAL);
	heading(app, p, r);
	const struct dlt_path *c = current_path(p);
	int rows = r.h - 1;
	listbox_fit(&p->lb, rows > 0 ? rows : 1);
	for (int y = 0; c && y < rows && p->lb.scroll + y < p->lb.n; y++) {
		int li = p->lb.scroll + y;
		size_t k = (size_t)li / 2;
		int sel = li == p->lb.sel;
		attr_t base = sel ? draw_attr(EL_SELECTED) : A_NORMAL;
		int sy = r.y + 1 + y, x = 1;
		draw_fill(sy, 0, w, base);
		x += draw_str(sy, x, 2, sel ? glyph(G_POINTER) : " ", base);
		if (li % 2) {
			struct strbuf line = {0};
			sb_addf(&line, "   %s %s: %s", glyph(c->forward ? G_DOWN : G_UP), c->forward ? "led to" : "builds on",
				c->notes[k] ? c->notes[k] : "");
			draw_str(sy, x, w - x - 1, sb_str(&line), sel ? base : draw_attr(EL_DIM));
			sb_free(&line);
		} else {
			char date[16];
			dlt_format_date(c->steps[k].year, c->steps[k].month, date, sizeof date);
			draw_str(sy, x, 8, date, sel ? base : draw_attr(EL_DATE));
			x += 9;
			draw_str(sy, x, w - x - 1, dlt_row_name(&c->steps[k]), base | A_BOLD);
		}
	}
}

static int64_t path_current(struct app *app, struct view *v)
{
	(void)app;
	struct path *p = v->priv;
	const struct dlt_path *c = current_path(p);
	return c && p->lb.n ? c->steps[p->lb.sel / 2].id : 0;
}

static enum handled path_key(struct app *app, struct view *v, enum tui_action a, int key)
{
	(void)key;
	struct path *p = v->priv;
	if (listbox_key(&p->lb, a))
		return HANDLED;
	switch (a) {
	case ACT_LINK_NEXT:
	case ACT_LINK_PREV:
		if (p->npaths > 1) {
			p->idx = (p->idx + (a == ACT_LINK_NEXT ? 1 : p->npaths - 1)) % p->npaths;
			p->lb.sel = 0;
			lines(p);
		}
		return HANDLED;
	default:   /* (Enter: closing the detail comes back to this path) */
		return app_overlay_key(app, a, a == ACT_OPEN ? path_current(app, v) : 0);
	}
}

/* The export: the steps of the path shown, each with the note of the link that led to it. */
static size_t path_contents(struct app *app, struct view *v, struct view_contents *c)
{
	(void)app;
	struct path *p = v->priv;
	const struct dlt_path *cur = current_path(p);
	if (!cur || !cur->n)
		return 0;
	c->ids = xmalloc(cur->n * sizeof *c->ids);
	c->notes = xcalloc(cur->n, sizeof *c->notes);
	for (size_t k = 0; k < cur->n; k++) {
		c->ids[k] = cur->steps[k].id;
		c->notes[k] = k && cur->notes[k - 1] ? xstrdup(cur->notes[k - 1]) : NULL;
	}
	c->n = cur->n;
	snprintf(c->title, sizeof c->title, "From %s to %s", dlt_row_name(&cur->steps[0]),
		 dlt_row_name(&cur->steps[cur->n - 1]));
	snprintf(c->name, sizeof c->name, "path-%s-%s", cur->steps[0].slug, cur->steps[cur->n - 1].slug);
	return c->n;
}

static int path_hints(struct app *app, struct view *v, struct hint *h)
{
	(void)app, (void)v;
	h[0] = (struct hint){ACT_OPEN, "open"};
	h[1] = (struct hint){ACT_LINK_NEXT, "next path"};
	h[2] = (struct hint){ACT_QUIT, "close"};
	return 3;
}

static void path_close(struct app *app, struct view *v)
{
	(void)app;
	struct path *p = v->priv;
	dlt_paths_free(p->paths, p->npaths);
	free(p);
}

static const struct view_ops path_ops = {
	.name = "path",
	.draw = path_draw,
	.key = path_key,
	.hints = path_hints,
	.current = path_current,
	.contents = path_contents,
	.close = path_close,
};

void path_open(struct app *app, int64_t from, int64_t to)
{
	struct path *p = xcalloc(1, sizeof *p);
	p->from = from;
	p->to = to;
	int n = dlt_paths(app->db, from, to, 5, 0, &p->paths);
	p->npaths = n > 0 ? n : 0;
	if (n == DLT_PATHS_GAVE_UP) {
		app_message(app, 1, "No path found within %d milestones of either end; gave up", DLT_PATH_MAX_NODES);
	} else if (n < 0) {
		app_message(app, 1, "%s", dlt_db_error(app->db));
		free(p);
		return;
	}
	lines(p);
	app_push(app, &path_ops, p);
}
