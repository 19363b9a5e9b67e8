/*
 * v_chart.c -- the charts of model/chart.h: milestones per year (a year can be chosen and
 * shown in the timeline), model parameters and training compute over time.
 */
#include <stdlib.h>

#include "model/chart.h"
#include "tui/draw.h"
#include "tui/views.h"

struct chart {
	enum dlt_chart_kind kind;
	struct dlt_chart chart;
	int loaded, w, h;
	int year;                    /* the chosen bar (years chart) */
};

static void unload(struct chart *c)
{
	if (c->loaded)
		dlt_chart_free(&c->chart);
	c->loaded = 0;
}

static void chart_draw(struct app *app, struct view *v, struct rect r)
{
	struct chart *c = v->priv;
	int top = r.y, h = r.h, w = r.w;
	for (int y = 0; y < h; y++)
		draw_fill(top + y, 0, w, A_NORMAL);
	if (!c->loaded || c->w != w || c->h != h) {
		unload(c);
		if (dlt_chart_render(app->db, c->kind, w - 2, h - 1, draw_utf8(), &c->chart) < 0) {
			app_message(app, 1, "%s", dlt_db_error(app->db));
			return;
		}
		c->loaded = 1;
		c->w = w;
		c->h = h;
	}
	static const char *const titles[] = {
		"Milestones per year (Left/Right: a year, Enter: show it, c: next chart)",
		"Model parameters over time, log scale (c: next chart)",
		"Training compute over time, FLOP, log scale (c: next chart)",
	};
	draw_str(top, 1, w - 2, titles[c->kind], draw_attr(EL_HEADING));
	const struct dlt_chart *ch = &c->chart;
	for (size_t i = 0; i < ch->nlines && (int)i < h - 1; i++)
		draw_str(top + 1 + (int)i, 1, w - 2, ch->lines[i], A_NORMAL);
	if (c->kind != DLT_CHART_YEARS || !ch->col_year)
		return;
	/* Mark the chosen year's bar (or the bucket holding it): reverse its columns. */
	int shown = 0, found = 0;
	for (int col = 0; col < ch->width; col++)
		if (ch->col_year[col] && ch->col_year[col] <= c->year && ch->col_year[col] > shown)
			shown = ch->col_year[col];
	for (int col = 0; col < ch->width; col++)
		if (shown && ch->col_year[col] == shown) {
			found = 1;
			for (int y = 0; y < h - 1 && y < (int)ch->nlines; y++)
				mvchgat(top + 1 + y, 1 + col, 1, A_REVERSE, 0, NULL);
		}
	if (found)
		app_message(app, 0, "%d selected: Enter shows its milestones", c->year);
}

static enum handled chart_key(struct app *app, struct view *v, enum tui_action a, int key)
{
	struct chart *c = v->priv;
	int left = a == ACT_BACK || key == 'h' || key == KEY_LEFT, right = a == ACT_FORWARD || key == 'l' ||
		   key == KEY_RIGHT;
	if (left || right) {
		/* step to the previous / next year that has milestones (the per-year table) */
		struct dlt_year y;
		if (dlt_year_near(app->db, right ? c->year + 1 : c->year, right ? 1 : -1, &y) == 1)
			c->year = y.year;
		return HANDLED;
	}
	switch (a) {
	case ACT_LINK_NEXT:
	case ACT_CHART:
		c->kind = (enum dlt_chart_kind)((c->kind + 1) % 3);
		unload(c);
		return HANDLED;
	case ACT_OPEN:
		if (c->kind == DLT_CHART_YEARS && c->year) {
			struct strbuf label = {0};
			sb_addf(&label, "year %d", c->year);
			struct dlt_filter f = {.year_from = c->year, .year_to = c->year,
					       .label = sb_detach(&label)};
			int64_t from = app->sel;
			app_pop(app);
			app_set_filter(app, &f);
			dlt_filter_clear(&f);
			if (app->sel != from) {   /* a jump: back returns */
				int64_t to = app->sel;
				app->sel = from;
				app_jump(app, to, 1);
			}
		}
		return HANDLED;
	case ACT_QUIT:
	case ACT_CLOSE:
		return CLOSE;
	default:
		return HANDLED;
	}
}

static int chart_hints(struct app *app, struct view *v, struct hint *h)
{
	(void)app, (void)v;
	h[0] = (struct hint){ACT_CHART, "next chart"};
	h[1] = (struct hint){ACT_QUIT, "close"};
	return 2;
}

static void chart_close(struct app *app, struct view *v)
{
	(void)app;
	struct chart *c = v->priv;
	unload(c);
	free(c);
}

static const struct view_ops chart_ops = {
	.name = "chart",
	.draw = chart_draw,
	.key = chart_key,
	.hints = chart_hints,
	.close = chart_close,
};

void chart_open(struct app *app)
{
	struct chart *c = xcalloc(1, sizeof *c);
	struct dlt_row r = {0};
	if (app->sel && dlt_row_load(app->db, app->sel, &r) == 0) {
		c->year = r.year;
		dlt_row_clear(&r);
	}
	app_push(app, &chart_ops, c);
}
