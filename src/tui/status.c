/*
 * status.c -- the header line (the timeline's title, years and size; the era and paradigm
 * of the selection) and the status line (where the selection is, the filter, the search,
 * the message, and the key hints of the view on top, from the live key map).
 */
#include "tui/status.h"

#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "tui/draw.h"

void header_draw(struct app *app, int w)
{
	attr_t a = draw_attr(EL_HEADER);
	draw_fill(0, 0, w, a);
	struct strbuf sb = {0};
	sb_addf(&sb, " %s  %d%s%d  %lld milestones", app->sum.title, app->sum.first_year, draw_utf8() ? "–" : "-",
		app->sum.last_year, (long long)app->sum.count);
	int x = draw_str(0, 0, w, sb_str(&sb), a);
	struct dlt_row r = {0};
	if (app->sel && w - x > 10 && dlt_row_load(app->db, app->sel, &r) == 0) {
		sb_reset(&sb);
		const struct dlt_period *e = app_era(app, r.era), *p = app_paradigm(app, r.paradigm);
		int room = w - x - 2;
		sb_addf(&sb, "%s%s%s ", e ? e->name : "", p ? (draw_utf8() ? " · " : " / ") : "", p ? p->name : "");
		if (draw_width(sb_str(&sb)) > room) {
			sb_reset(&sb);
			sb_addf(&sb, "%s ", e ? e->name : "");
		}
		int wdt = draw_width(sb_str(&sb));
		if (wdt > room)
			wdt = room;
		draw_str(0, w - wdt, wdt, sb_str(&sb), a);
		dlt_row_clear(&r);
	}
	sb_free(&sb);
}

/* "key:label" for an action, from the live key map (its first key). */
static void hint(const struct app *app, struct strbuf *sb, enum tui_action act, const char *label)
{
	struct strbuf keys = {0};
	keymap_keys_of(&app->cfg.keys, act, &keys);
	if (keys.len) {
		const char *comma = strchr(sb_str(&keys), ',');
		size_t n = comma ? (size_t)(comma - sb_str(&keys)) : keys.len;
		sb_addf(sb, "  %.*s:%s", (int)n, sb_str(&keys), label);
	}
	sb_free(&keys);
}

/* The hints of the view on top; an overlay without hints of its own shows those of the
 * view below it. */
static int view_hints(struct app *app, struct hint *h)
{
	for (int i = app->nstack - 1; i >= 0; i--) {
		struct view *v = &app->stack[i];
		int n = v->ops->hints ? v->ops->hints(app, v, h) : -1;
		if (n >= 0)
			return n;
	}
	struct view *base = app->focus_detail && app->detail.ops ? &app->detail : &app->timeline;
	return base->ops->hints(app, base, h);
}

/* Where the selection is in the view, and how many rows the view has ("…" while not known:
 * a count never waits). */
static void position(struct app *app, struct strbuf *sb)
{
	const char *unknown = draw_utf8() ? "…" : "...";
	dlt_view_progress(app->view, APP_WALK_SLICE);
	int64_t count = dlt_view_count_now(app->view), rank = app->sel ? app->rank : 0;
	if (app->sel && !rank) {
		rank = dlt_view_rank_now(app->view, app->sel);
		app->rank = rank > 0 ? rank : 0;
	}
	char nbuf[2][24];
	snprintf(nbuf[0], sizeof nbuf[0], "%lld", (long long)rank);
	snprintf(nbuf[1], sizeof nbuf[1], "%lld", (long long)count);
	sb_addf(sb, " %s of %s", rank < 0 ? unknown : nbuf[0], count < 0 ? unknown : nbuf[1]);
}

/* The search: "match k of n", or "n matches" when the selection is not one; when no
 * milestone has every word (the list has those with most of them), that. */
static void search_part(struct app *app, struct strbuf *sb)
{
	struct search *q = &app->search;
	const char *unknown = draw_utf8() ? "…" : "...";
	int64_t count = search_count(q, APP_WALK_SLICE, 1);
	int is_match = search_is_match(q, app->sel);
	if (q->rank == 0 && app->sel && is_match) {
		int64_t r = dlt_view_rank_now(q->view, app->sel);
		q->rank = r > 0 ? r : 0;
	}
	char nbuf[2][24];
	snprintf(nbuf[0], sizeof nbuf[0], "%lld", (long long)q->rank);
	snprintf(nbuf[1], sizeof nbuf[1], "%lld", (long long)count);
	const char *c = count < 0 ? unknown : nbuf[1];
	if (is_match)
		sb_addf(sb, "  %s /%s  match %s of %s", glyph(G_VLINE), q->text, q->rank > 0 ? nbuf[0] : unknown, c);
	else if (count == 0 && q->found.partial)
		sb_addf(sb, "  %s /%s  no milestone has every word", glyph(G_VLINE), q->text);
	else
		sb_addf(sb, "  %s /%s  %s matches", glyph(G_VLINE), q->text, c);
}

void status_draw(struct app *app, int y, int w)
{
	attr_t a = draw_attr(EL_STATUS);
	draw_fill(y, 0, w, a);
	struct strbuf sb = {0};
	position(app, &sb);
	if (app->focus_detail)
		sb_addf(&sb, "  %s detail %d%%", glyph(G_VLINE), app->detail_percent);
	const struct dlt_filter *f = dlt_view_filter(app->view);
	if (app_filter_active(f) && f->label)
		sb_addf(&sb, "  %s filter: %s", glyph(G_VLINE), f->label);
	if (app->search.text)
		search_part(app, &sb);
	int x = draw_str(y, 0, w, sb_str(&sb), a);
	sb_reset(&sb);
	if (app->msg[0]) {
		x += draw_str(y, x, 2, "  ", a);
		draw_str(y, x, w - x, app->msg, app->msg_err ? draw_attr(EL_ERROR) : a | A_BOLD);
		sb_free(&sb);
		return;
	}
	struct hint h[HINTS_MAX];
	int n = view_hints(app, h);
	for (int i = 0; i < n; i++)
		hint(app, &sb, h[i].action, h[i].label);
	sb_add(&sb, " ");
	int wdt = draw_width(sb_str(&sb));
	if (wdt <= w - x - 1)
		draw_str(y, w - wdt, wdt, sb_str(&sb), a);
	sb_free(&sb);
}
