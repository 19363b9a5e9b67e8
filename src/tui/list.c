/*
 * list.c -- the timeline list, the header and status lines, the minimap, and every way of
 * moving the selection. The list never holds more than one screen of rows: each draw
 * fetches the window starting at `top` through the view (keyset paging on the id).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "model/detail.h"
#include "tui/ui.h"

int filter_active(const struct dlt_filter *f)
{
	return f->kind != DLT_F_NONE || f->year_from || f->year_to;
}

const struct dlt_period *era_of(const struct ui *ui, int64_t id)
{
	for (size_t i = 0; i < ui->neras; i++)
		if (ui->eras[i].id == id)
			return &ui->eras[i];
	return NULL;
}

const struct dlt_period *paradigm_of(const struct ui *ui, int64_t id)
{
	for (size_t i = 0; i < ui->npars; i++)
		if (ui->pars[i].id == id)
			return &ui->pars[i];
	return NULL;
}

static int era_index(const struct ui *ui, int64_t id)
{
	for (size_t i = 0; i < ui->neras; i++)
		if (ui->eras[i].id == id)
			return (int)i;
	return 0;
}

static int paradigm_index(const struct ui *ui, int64_t id)
{
	for (size_t i = 0; i < ui->npars; i++)
		if (ui->pars[i].id == id)
			return (int)i;
	return 0;
}

static void clear_rows(struct ui *ui)
{
	for (size_t i = 0; i < ui->nrows; i++)
		dlt_row_clear(&ui->rows[i]);
	ui->nrows = 0;
}

/* One row next to `from` in direction dir; returns its id or 0. */
static int64_t neighbour(struct ui *ui, int64_t from, int dir, int *year)
{
	struct dlt_row r = {0};
	if (dlt_view_fetch(ui->view, from, dir, 1, &r) != 1)
		return 0;
	int64_t id = r.id;
	if (year)
		*year = r.year;
	dlt_row_clear(&r);
	return id;
}

/* Lay out the window starting at ui->top into ui->rows; returns the number of rows that fit
 * in `avail` lines (year separators take a line each). */
static size_t layout(struct ui *ui, int avail)
{
	clear_rows(ui);
	if (!ui->top || avail <= 0)
		return 0;
	size_t want = (size_t)avail < UI_MAX_ROWS ? (size_t)avail : UI_MAX_ROWS;
	size_t n = dlt_view_fetch(ui->view, ui->top - 1, 1, want, ui->rows);
	int prev_year = 0;
	neighbour(ui, ui->top, -1, &prev_year);
	ui->top_prev_year = prev_year;
	int line = 0;
	size_t fit = 0;
	for (size_t i = 0; i < n; i++) {
		if (ui->rows[i].year != prev_year)
			line++;
		if (line >= avail)
			break;
		ui->row_y[i] = line++;
		prev_year = ui->rows[i].year;
		fit = i + 1;
	}
	for (size_t i = fit; i < n; i++)
		dlt_row_clear(&ui->rows[i]);
	ui->nrows = fit;
	return fit;
}

/* Make sure the selection is laid out, moving top as little as possible. */
static void ensure_visible(struct ui *ui, int avail)
{
	if (!ui->sel) {
		ui->sel = ui->top = neighbour(ui, 0, 1, NULL);
		ui->rank = ui->sel ? 1 : 0;
	}
	if (!ui->top || ui->sel < ui->top)
		ui->top = ui->sel;
	size_t n = layout(ui, avail);
	if (n && ui->rows[n - 1].id >= ui->sel)
		return;
	/* The selection is below the window: put it on the last line. */
	struct dlt_row back[UI_MAX_ROWS];
	size_t want = (size_t)avail < UI_MAX_ROWS ? (size_t)avail : UI_MAX_ROWS;
	struct dlt_row selrow = {0};
	if (dlt_row_load(ui->db, ui->sel, &selrow) < 0)
		return;
	size_t nb = dlt_view_fetch(ui->view, ui->sel, -1, want, back);
	int lines = 1, year = selrow.year;
	int64_t top = ui->sel;
	for (size_t i = 0; i < nb; i++) {
		int cost = 1 + (back[i].year != year);
		if (lines + cost > avail)
			break;
		lines += cost;
		year = back[i].year;
		top = back[i].id;
	}
	for (size_t i = 0; i < nb; i++)
		dlt_row_clear(&back[i]);
	dlt_row_clear(&selrow);
	ui->top = top;
	/* The top row may need a separator line of its own: step down until sel fits. */
	for (int tries = 0; tries < 3; tries++) {
		n = layout(ui, avail);
		if (n && ui->rows[n - 1].id >= ui->sel)
			return;
		int64_t next = neighbour(ui, ui->top, 1, NULL);
		if (!next)
			return;
		ui->top = next;
	}
}

/* Eras whose years include `year`, joined with " · ". */
static void eras_of_year(const struct ui *ui, int year, struct strbuf *sb)
{
	for (size_t i = 0; i < ui->neras; i++)
		if (ui->eras[i].start <= year && (!ui->eras[i].end || ui->eras[i].end >= year))
			sb_addf(sb, "%s%s", sb->len ? (ui->utf8 ? " · " : " / ") : "", ui->eras[i].name);
}

/* The minimap: a scrollbar over the whole timeline (by id) with search matches marked. */
static void minimap_draw(struct ui *ui, int x)
{
	int h = ui->body_h;
	int64_t max = ui->sum.count > 0 ? ui->sum.count : 1;
	int64_t first = ui->nrows ? ui->rows[0].id : 1;
	int64_t last = ui->nrows ? ui->rows[ui->nrows - 1].id : 1;
	int t0 = (int)((first - 1) * h / max), t1 = (int)((last - 1) * h / max);
	if (ui->q_view && ui->marks_h != h) {
		free(ui->marks);
		ui->marks = xcalloc((size_t)h, 1);
		ui->marks_h = h;
		/* One indexed lookup per line: the first match at or after the line's first id. */
		search_busy(ui, typing_search(ui));
		for (int i = 0; i < h; i++) {
			int64_t lo = (int64_t)i * max / h + 1, hi = (int64_t)(i + 1) * max / h;
			struct dlt_row r = {0};
			if (dlt_view_fetch(ui->q_view, lo - 1, 1, 1, &r) == 1) {
				ui->marks[i] = r.id <= hi;
				dlt_row_clear(&r);
			}
		}
		search_busy(ui, 0);
		if (dlt_view_stale(ui->q_view))
			ui->marks_h = 0;   /* interrupted: not known yet */
	}
	for (int i = 0; i < h; i++) {
		int thumb = i >= t0 && i <= t1;
		int mark = ui->q_view && ui->marks && ui->marks_h == h && ui->marks[i];
		const char *g = mark ? glyph(ui, '*') : thumb ? glyph(ui, '#') : glyph(ui, '|');
		attr_t a = mark ? ui_attr(ui, EL_MATCH) : ui_attr(ui, EL_SCROLLBAR);
		if (thumb && mark)
			a |= A_REVERSE;
		draw_str(ui, ui->body_y + i, x, 1, g, a);
	}
}

void list_draw(struct ui *ui, int x, int w)
{
	ensure_visible(ui, ui->body_h);
	for (int y = 0; y < ui->body_h; y++)
		draw_fill(ui->body_y + y, x, w, A_NORMAL);
	if (!ui->nrows) {
		draw_str(ui, ui->body_y + 1, x + 2, w - 4,
			 filter_active(dlt_view_filter(ui->view))
				 ? "No milestones match the filter (F clears it)." : "The timeline is empty.",
			 ui_attr(ui, EL_DIM));
		return;
	}
	int lw = w - 1; /* last column: minimap */
	int prev_year = ui->top_prev_year; /* found by the layout: no second query */
	struct strbuf prev_eras = {0};
	int64_t match_lo = ui->rows[0].id, match_hi = ui->rows[ui->nrows - 1].id;
	/* Which rows match the search: one query over the window. */
	uint8_t is_match[UI_MAX_ROWS] = {0};
	if (ui->q_view) {
		struct dlt_row m[UI_MAX_ROWS];
		search_busy(ui, typing_search(ui));   /* while typing: a key goes first */
		size_t nm = dlt_view_fetch(ui->q_view, match_lo - 1, 1, ui->nrows, m);
		search_busy(ui, 0);
		for (size_t j = 0; j < nm; j++) {
			for (size_t i = 0; i < ui->nrows && m[j].id <= match_hi; i++)
				if (ui->rows[i].id == m[j].id)
					is_match[i] = 1;
			dlt_row_clear(&m[j]);
		}
	}
	for (size_t i = 0; i < ui->nrows; i++) {
		const struct dlt_row *r = &ui->rows[i];
		int y = ui->body_y + ui->row_y[i];
		int ei = era_index(ui, r->era), pi = paradigm_index(ui, r->paradigm);
		const char *band = " ";
		if (r->year != prev_year) {
			/* year separator */
			struct strbuf sb = {0};
			draw_str(ui, y - 1, x, 1, band, band_attr(ui, ei, 0));
			draw_str(ui, y - 1, x + 1, 1, band, band_attr(ui, pi, 1));
			sb_addf(&sb, " %d ", r->year);
			int cx = x + 2;
			cx += draw_str(ui, y - 1, cx, 2, ui->utf8 ? "──" : "--", ui_attr(ui, EL_YEAR));
			cx += draw_str(ui, y - 1, cx, lw - (cx - x), sb_str(&sb), ui_attr(ui, EL_YEAR));
			sb_reset(&sb);
			eras_of_year(ui, r->year, &sb);
			int changed = strcmp(sb_str(&sb), sb_str(&prev_eras)) != 0;
			sb_reset(&prev_eras);
			sb_add(&prev_eras, sb_str(&sb));
			if (changed && lw - (cx - x) > 12) {
				cx += draw_str(ui, y - 1, cx, 2, ui->utf8 ? "─ " : "- ", ui_attr(ui, EL_YEAR));
				cx += draw_str(ui, y - 1, cx, lw - (cx - x) - 1, sb_str(&sb), ui_attr(ui, EL_DIM));
				cx += draw_str(ui, y - 1, cx, 1, " ", A_NORMAL);
			}
			while (cx < x + lw)
				cx += draw_str(ui, y - 1, cx, 1, glyph(ui, '-'), ui_attr(ui, EL_YEAR));
			sb_free(&sb);
			prev_year = r->year;
		}
		int selected = r->id == ui->sel;
		attr_t base = selected ? ui_attr(ui, EL_SELECTED) : A_NORMAL;
		if (selected && ui->focus == FOCUS_DETAIL && ui->w >= UI_WIDE)
			base = A_REVERSE | A_DIM;
		draw_str(ui, y, x, 1, " ", band_attr(ui, ei, 0));
		draw_str(ui, y, x + 1, 1, " ", band_attr(ui, pi, 1));
		draw_fill(y, x + 2, lw - 2, base);
		int cx = x + 2;
		cx += draw_str(ui, y, cx, 1, selected ? glyph(ui, '>') : " ", base);
		char date[16];
		dlt_format_date(r->year, r->month, date, sizeof date);
		draw_str(ui, y, cx, 8, date, selected ? base : ui_attr(ui, EL_DATE));
		cx += 8;
		int rest = lw - (cx - x);
		int name_w = rest >= 56 ? 24 : rest >= 36 ? 18 : rest;
		attr_t name_attr = base | A_BOLD;
		if (ui->state && bookmark_has(ui, r->slug)) {
			cx += draw_str(ui, y, cx, 2, ui->utf8 ? "★ " : "+ ", selected ? base : ui_attr(ui, EL_TAG));
			name_w -= 2;
		}
		int used = is_match[i] ? draw_str_hl(ui, y, cx, name_w, dlt_row_name(r), name_attr)
				       : draw_str(ui, y, cx, name_w, dlt_row_name(r), name_attr);
		cx += name_w > used ? name_w : used;
		rest = lw - (cx - x);
		if (rest >= 14) {
			cx += draw_str(ui, y, cx, 1, " ", base);
			cx += draw_str(ui, y, cx, 11, r->kind, selected ? base : ui_attr(ui, EL_KIND));
			cx = x + lw - rest + 13;
			rest = lw - (cx - x);
		}
		if (rest > 4) {
			/* title, or tag chips when the title is the name itself */
			const char *t = r->title;
			if (is_match[i])
				draw_str_hl(ui, y, cx, rest - 1, t, selected ? base : ui_attr(ui, EL_DIM));
			else
				draw_str(ui, y, cx, rest - 1, t, selected ? base : ui_attr(ui, EL_DIM));
		}
		if (is_match[i] && !selected)
			draw_str(ui, y, x + 2, 1, glyph(ui, '*'), ui_attr(ui, EL_MATCH));
	}
	sb_free(&prev_eras);
	minimap_draw(ui, x + w - 1);
}

/* Selected row (laid out), or NULL. */
static const struct dlt_row *sel_row(const struct ui *ui)
{
	for (size_t i = 0; i < ui->nrows; i++)
		if (ui->rows[i].id == ui->sel)
			return &ui->rows[i];
	return NULL;
}

void header_draw(struct ui *ui)
{
	attr_t a = ui_attr(ui, EL_HEADER);
	draw_fill(0, 0, ui->w, a);
	struct strbuf sb = {0};
	sb_addf(&sb, " %s  %d%s%d  %lld milestones", ui->sum.title, ui->sum.first_year,
		ui->utf8 ? "–" : "-", ui->sum.last_year, (long long)ui->sum.count);
	int x = draw_str(ui, 0, 0, ui->w, sb_str(&sb), a);
	struct dlt_row loaded = {0};
	const struct dlt_row *r = sel_row(ui);
	if (!r && ui->sel && dlt_row_load(ui->db, ui->sel, &loaded) == 0)
		r = &loaded;
	if (r && ui->w - x > 10) {
		sb_reset(&sb);
		const struct dlt_period *e = era_of(ui, r->era), *p = paradigm_of(ui, r->paradigm);
		int room = ui->w - x - 2;
		sb_addf(&sb, "%s%s%s ", e ? e->name : "", p ? (ui->utf8 ? " · " : " / ") : "", p ? p->name : "");
		if ((int)utf8_width(sb_str(&sb)) > room) {
			sb_reset(&sb);
			sb_addf(&sb, "%s ", e ? e->name : "");
		}
		int wdt = (int)utf8_width(sb_str(&sb));
		if (wdt > room)
			wdt = room;
		draw_str(ui, 0, ui->w - wdt, wdt, sb_str(&sb), a);
	}
	dlt_row_clear(&loaded);
	sb_free(&sb);
}

/* "key:label" hints for the keys that matter now, from the live key map. */
static void hint(struct ui *ui, struct strbuf *sb, enum tui_action act, const char *label)
{
	struct strbuf keys = {0};
	keymap_keys_of(&ui->cfg.keys, act, &keys);
	if (keys.len) {
		const char *comma = strchr(sb_str(&keys), ',');
		size_t n = comma ? (size_t)(comma - sb_str(&keys)) : keys.len;
		sb_addf(sb, "  %.*s:%s", (int)n, sb_str(&keys), label);
	}
	sb_free(&keys);
}

void status_draw(struct ui *ui)
{
	int y = ui->h - 1;
	attr_t a = ui_attr(ui, EL_STATUS);
	draw_fill(y, 0, ui->w, a);
	struct strbuf sb = {0};
	/* Counts never wait: a search walks a slice of its matches per draw, the rest when idle;
	 * what is not known yet shows as "…". */
	const char *unknown = ui->utf8 ? "…" : "...";
	dlt_view_progress(ui->view, UI_WALK_SLICE);
	int64_t count = dlt_view_count_now(ui->view), rank = ui->sel ? ui->rank : 0;
	if (ui->sel && !rank) {
		rank = dlt_view_rank_now(ui->view, ui->sel);
		ui->rank = rank > 0 ? rank : 0;
	}
	char nbuf[2][24];
	snprintf(nbuf[0], sizeof nbuf[0], "%lld", (long long)rank);
	snprintf(nbuf[1], sizeof nbuf[1], "%lld", (long long)count);
	sb_addf(&sb, " %s of %s", rank < 0 ? unknown : nbuf[0], count < 0 ? unknown : nbuf[1]);
	if (ui->focus == FOCUS_DETAIL || ui->detail_open)
		sb_addf(&sb, "  %s detail %d%%", glyph(ui, '|'), ui->dpercent);
	const struct dlt_filter *f = dlt_view_filter(ui->view);
	if (filter_active(f) && f->label)
		sb_addf(&sb, "  %s filter: %s", glyph(ui, '|'), f->label);
	if (ui->q_text) {
		search_busy(ui, 1);   /* the walk only pauses for a key */
		dlt_view_progress(ui->q_view, UI_WALK_SLICE);
		search_busy(ui, 0);
		if (ui->q_count < 0)
			ui->q_count = dlt_view_count_now(ui->q_view);
		int is_match = search_is_match(ui, ui->sel);
		if (ui->q_rank == 0 && ui->sel && is_match) {
			int64_t r = dlt_view_rank_now(ui->q_view, ui->sel);
			ui->q_rank = r > 0 ? r : 0;
		}
		snprintf(nbuf[0], sizeof nbuf[0], "%lld", (long long)ui->q_rank);
		snprintf(nbuf[1], sizeof nbuf[1], "%lld", (long long)ui->q_count);
		const char *c = ui->q_count < 0 ? unknown : nbuf[1];
		if (is_match)
			sb_addf(&sb, "  %s /%s  match %s of %s", glyph(ui, '|'), ui->q_text,
				ui->q_rank > 0 ? nbuf[0] : unknown, c);
		else
			sb_addf(&sb, "  %s /%s  %s matches", glyph(ui, '|'), ui->q_text, c);
	}
	int x = draw_str(ui, y, 0, ui->w, sb_str(&sb), a);
	sb_reset(&sb);
	if (ui->msg[0]) {
		x += draw_str(ui, y, x, 2, "  ", a);
		draw_str(ui, y, x, ui->w - x, ui->msg, ui->msg_err ? ui_attr(ui, EL_ERROR) : a | A_BOLD);
		sb_free(&sb);
		return;
	}
	if (ui->mode == MODE_GRAPH) {
		hint(ui, &sb, ACT_OPEN, "open");
		if (ui->gv.kind == GV_PATH) {
			hint(ui, &sb, ACT_LINK_NEXT, "next path");
		} else {
			hint(ui, &sb, ACT_FOLD, "fold");
			hint(ui, &sb, ACT_LINEAGE, ui->gv.kind == GV_ANCESTORS ? "descendants" : "ancestors");
		}
		hint(ui, &sb, ACT_QUIT, "close");
	} else if (ui->mode == MODE_CHART) {
		hint(ui, &sb, ACT_CHART, "next chart");
		hint(ui, &sb, ACT_QUIT, "close");
	} else if (ui->mode == MODE_MAIN && ui->focus == FOCUS_DETAIL) {
		hint(ui, &sb, ACT_LINK_NEXT, "link");
		hint(ui, &sb, ACT_OPEN, "follow");
		hint(ui, &sb, ACT_BACK, "back");
		hint(ui, &sb, ACT_QUIT, "close");
		hint(ui, &sb, ACT_HELP, "help");
	} else {
		hint(ui, &sb, ACT_HELP, "help");
		hint(ui, &sb, ACT_SEARCH, "search");
		hint(ui, &sb, ACT_YEAR_JUMP, "year");
		hint(ui, &sb, ACT_ERA_PICK, "era");
		hint(ui, &sb, ACT_FILTER, "filter");
		hint(ui, &sb, ACT_OPEN, "open");
		hint(ui, &sb, ACT_QUIT, "quit");
	}
	sb_add(&sb, " ");
	int wdt = (int)utf8_width(sb_str(&sb));
	if (wdt <= ui->w - x - 1)
		draw_str(ui, y, ui->w - wdt, wdt, sb_str(&sb), a);
	sb_free(&sb);
}

/* ---- moving ------------------------------------------------------------------------------ */

static void selection_changed(struct ui *ui)
{
	ui->q_rank = 0;
	if (ui->w >= UI_WIDE)
		ui->dscroll = 0;
}

void list_select(struct ui *ui, int64_t id)
{
	if (!id)
		return;
	ui->sel = id;
	ui->rank = 0;
	selection_changed(ui);
}

void list_move(struct ui *ui, int delta)
{
	if (!ui->sel || !delta)
		return;
	int dir = delta > 0 ? 1 : -1;
	size_t want = (size_t)(delta > 0 ? delta : -delta);
	if (want > UI_MAX_ROWS)
		want = UI_MAX_ROWS;
	struct dlt_row r[UI_MAX_ROWS];
	size_t n = dlt_view_fetch(ui->view, ui->sel, dir, want, r);
	if (n) {
		ui->sel = r[n - 1].id;
		if (ui->rank)
			ui->rank += dir * (int64_t)n;
		selection_changed(ui);
	}
	for (size_t i = 0; i < n; i++)
		dlt_row_clear(&r[i]);
}

void list_page(struct ui *ui, int dir)
{
	int page = ui->body_h > 3 ? ui->body_h - 2 : 1;
	int64_t old_sel = ui->sel;
	list_move(ui, dir * page);
	if (ui->sel == old_sel)
		return;
	/* Scroll the window by the same amount so the page turns rather than creeps. */
	struct dlt_row r[UI_MAX_ROWS];
	size_t n = dlt_view_fetch(ui->view, ui->top, dir, (size_t)page, r);
	if (n)
		ui->top = r[n - 1].id;
	for (size_t i = 0; i < n; i++)
		dlt_row_clear(&r[i]);
	if (ui->top > ui->sel)
		ui->top = ui->sel;
}

void list_first(struct ui *ui, int last)
{
	int64_t id = last ? neighbour(ui, INT64_MAX, -1, NULL) : neighbour(ui, 0, 1, NULL);
	if (!id)
		return;
	ui->sel = id;
	ui->rank = last ? dlt_view_count_now(ui->view) : 1;   /* not known yet: 0 */
	if (ui->rank < 0)
		ui->rank = 0;
	if (!last)
		ui->top = id;
	selection_changed(ui);
}

void list_year(struct ui *ui, int year)
{
	int64_t id = dlt_view_first_from_year(ui->view, year);
	if (!id) {
		ui_message(ui, 1, "Nothing in %d or later", year);
		return;
	}
	struct dlt_row r = {0};
	if (dlt_row_load(ui->db, id, &r) == 0) {
		if (r.year != year)
			ui_message(ui, 0, "Nothing in %d; showing %d", year, r.year);
		dlt_row_clear(&r);
	}
	list_select(ui, id);
	ui->top = id;
}

void list_year_step(struct ui *ui, int dir)
{
	struct dlt_row cur = {0};
	if (!ui->sel || dlt_row_load(ui->db, ui->sel, &cur) < 0)
		return;
	int year = cur.year;
	dlt_row_clear(&cur);
	if (dir > 0) {
		int64_t id = dlt_view_first_from_year(ui->view, year + 1);
		if (!id) {
			ui_message(ui, 0, "%d is the last year", year);
			return;
		}
		list_select(ui, id);
		ui->top = id;
		return;
	}
	int64_t first = dlt_view_first_from_year(ui->view, year);
	int prev_year = 0;
	if (!first || !neighbour(ui, first, -1, &prev_year)) {
		ui_message(ui, 0, "%d is the first year", year);
		return;
	}
	int64_t id = dlt_view_first_from_year(ui->view, prev_year);
	list_select(ui, id);
	ui->top = id;
}

void list_era_jump(struct ui *ui, int64_t era)
{
	const struct dlt_period *e = era_of(ui, era);
	if (!e)
		return;
	int64_t id = 0;
	if (!filter_active(dlt_view_filter(ui->view))) {
		struct dlt_filter f = {.kind = DLT_F_ERA, .ref = era};
		struct dlt_view *v = dlt_view_new(ui->db, &f);
		struct dlt_row r = {0};
		if (dlt_view_fetch(v, 0, 1, 1, &r) == 1) {
			id = r.id;
			dlt_row_clear(&r);
		}
		dlt_view_free(v);
	}
	if (!id)
		id = dlt_view_first_from_year(ui->view, e->start);
	if (!id) {
		ui_message(ui, 1, "Nothing shown in %s", e->name);
		return;
	}
	list_select(ui, id);
	ui->top = id;
	ui_message(ui, 0, "%s (%d%s%d)", e->name, e->start, ui->utf8 ? "–" : "-", e->end ? e->end : ui->sum.last_year);
}

void list_era_step(struct ui *ui, int dir)
{
	struct dlt_row cur = {0};
	if (!ui->sel || dlt_row_load(ui->db, ui->sel, &cur) < 0 || !ui->neras)
		return;
	int idx = era_index(ui, cur.era);
	dlt_row_clear(&cur);
	for (int i = idx + dir; i >= 0 && i < (int)ui->neras; i += dir) {
		int64_t before = ui->sel;
		ui->msg[0] = '\0';
		list_era_jump(ui, ui->eras[i].id);
		if (ui->sel != before && !ui->msg_err)
			return;
	}
	ui_message(ui, 0, dir > 0 ? "This is the last era" : "This is the first era");
}

void list_set_filter(struct ui *ui, const struct dlt_filter *f)
{
	struct dlt_view *v = dlt_view_new(ui->db, f);
	if (f && filter_active(f) && dlt_view_empty(v)) {
		ui_message(ui, 1, "Nothing matches %s", f->label ? f->label : "the filter");
		dlt_view_free(v);
		return;
	}
	dlt_view_free(ui->view);
	ui->view = v;
	ui->marks_h = 0;
	/* Keep the selection if it passes, else take the next row that does. */
	int64_t keep = ui->sel;
	if (!keep || !dlt_view_contains(v, keep)) {
		int64_t next = keep ? neighbour(ui, keep, 1, NULL) : 0;
		if (!next)
			next = neighbour(ui, INT64_MAX, -1, NULL);
		keep = next;
	}
	ui->sel = keep;
	ui->top = keep;
	ui->rank = 0;
	selection_changed(ui);
}

void list_click(struct ui *ui, int y, int dbl)
{
	for (size_t i = 0; i < ui->nrows; i++)
		if (ui->body_y + ui->row_y[i] == y) {
			list_select(ui, ui->rows[i].id);
			if (dbl)
				detail_open(ui);
			return;
		}
}

int list_idle(struct ui *ui)
{
	int more = search_idle(ui);
	if (dlt_view_progress(ui->view, UI_WALK_SLICE) == 0)
		more = 1;
	if (ui->q_view) {
		search_busy(ui, 1);
		if (dlt_view_progress(ui->q_view, UI_WALK_SLICE) == 0)
			more = 1;
		search_busy(ui, 0);
	}
	return more;
}
