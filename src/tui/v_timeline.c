/*
 * v_timeline.c -- the timeline: one milestone a line in chronological order, year
 * separators naming the eras that cover each year, bands at the left edge for the era and
 * the paradigm, a minimap at the right edge with the search matches; and every way of moving
 * the selection through it. The list never holds more than one screen of rows: each draw
 * fetches the window starting at `top` through the view (keyset paging on the id).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"
#include "model/detail.h"
#include "model/filter.h"
#include "tui/draw.h"
#include "tui/views.h"

#define MAX_ROWS 512   /* rows laid out at once (taller screens show fewer) */

struct timeline {
	int64_t top;                 /* first milestone shown (0 = none yet) */
	struct dlt_row rows[MAX_ROWS];   /* rows laid out by the last draw */
	int row_y[MAX_ROWS];
	uint8_t sep[MAX_ROWS];       /* a year separator is drawn above the row */
	size_t nrows;
	int top_prev_year;           /* year of the row before `top` (0 = none), from the layout */
	int h;                       /* lines of the last draw */
	uint8_t *marks;              /* minimap marks per line */
	int marks_h;                 /* the height they were computed for, 0 = stale */
	unsigned marks_gen;          /* the search they are for */
	const struct dlt_view *marks_view;   /* and the filter */
};

/* The columns at the left edge: the era of the main line, a thematic era beside it, and
 * the paradigm that dominated the years (see the help's legend). */
#define BANDS 3

static int covers(const struct dlt_period *p, int year)
{
	return p->start && year >= p->start && (!p->end || year <= p->end);
}

/* The three bands of a line of `year`, for a milestone of era `era` (0: a separator). */
static void bands(const struct app *app, int y, int x, int year, int64_t era)
{
	int line = -1, theme = -1, par = -1;
	for (size_t i = 0; i < app->neras; i++) {
		if (!covers(&app->eras[i], year))
			continue;
		int *slot = app->era_track[i] ? &theme : &line;
		if (*slot < 0 || app->eras[i].id == era)   /* its own era where two share a year */
			*slot = (int)i;
	}
	for (size_t i = 0; i < app->npars && par < 0; i++)
		if (covers(&app->pars[i], year))
			par = (int)i;
	draw_str(y, x, 1, " ", line >= 0 ? draw_band(line, 0) : A_NORMAL);
	draw_str(y, x + 1, 1, " ", theme >= 0 ? draw_band(theme, 1) : A_NORMAL);
	draw_str(y, x + 2, 1, " ", par >= 0 ? draw_band(par, 2) : A_NORMAL);
}

static void clear_rows(struct timeline *t)
{
	for (size_t i = 0; i < t->nrows; i++)
		dlt_row_clear(&t->rows[i]);
	t->nrows = 0;
}

/* One row next to `from` in direction dir; returns its id or 0 (its year in *year). */
static int64_t neighbour(struct app *app, int64_t from, int dir, int *year)
{
	struct dlt_row r = {0};
	if (dlt_view_fetch(app->view, from, dir, 1, &r) != 1)
		return 0;
	int64_t id = r.id;
	if (year)
		*year = r.year;
	dlt_row_clear(&r);
	return id;
}

/* True when an era starts or ends between years a and b (a < b). */
static int era_changes(const struct app *app, int a, int b)
{
	for (size_t i = 0; i < app->neras; i++) {
		const struct dlt_period *e = &app->eras[i];
		if ((e->start > a && e->start <= b) || (e->end && e->end >= a && e->end < b))
			return 1;
	}
	return 0;
}

/* A row of year `year` after one of prev_year (0: none) and before one of next_year (0: not
 * known) gets a year separator when the year has several rows, a decade or an era begins,
 * or it is the first: a sparse stretch (one milestone a year) reads as a plain list. */
static int sep_before(const struct app *app, int prev_year, int year, int next_year)
{
	if (year == prev_year)
		return 0;
	return !prev_year || next_year == year || year / 10 != prev_year / 10 || era_changes(app, prev_year, year);
}

/* Lay out the window starting at t->top into t->rows; returns the number of rows that fit
 * in `avail` lines (year separators take a line each). */
static size_t layout(struct app *app, struct timeline *t, int avail)
{
	clear_rows(t);
	if (!t->top || avail <= 0)
		return 0;
	size_t want = (size_t)avail < MAX_ROWS ? (size_t)avail : MAX_ROWS;
	size_t n = dlt_view_fetch(app->view, t->top - 1, 1, want, t->rows);
	int prev_year = 0;
	neighbour(app, t->top, -1, &prev_year);
	t->top_prev_year = prev_year;
	int line = 0;
	size_t fit = 0;
	for (size_t i = 0; i < n; i++) {
		int next = i + 1 < n ? t->rows[i + 1].year : 0;
		t->sep[i] = (uint8_t)sep_before(app, prev_year, t->rows[i].year, next);
		line += t->sep[i];
		if (line >= avail)
			break;
		t->row_y[i] = line++;
		prev_year = t->rows[i].year;
		fit = i + 1;
	}
	for (size_t i = fit; i < n; i++)
		dlt_row_clear(&t->rows[i]);
	t->nrows = fit;
	return fit;
}

/* Make sure the selection is laid out, moving top as little as possible. */
static void ensure_visible(struct app *app, struct timeline *t, int avail)
{
	if (!app->sel) {
		app->sel = t->top = neighbour(app, 0, 1, NULL);
		app->rank = app->sel ? 1 : 0;
	}
	if (!t->top || app->sel < t->top)
		t->top = app->sel;
	size_t n = layout(app, t, avail);
	if (n && t->rows[n - 1].id >= app->sel)
		return;
	/* The selection is below the window: put it on the last line. */
	struct dlt_row back[MAX_ROWS];
	size_t want = (size_t)avail < MAX_ROWS ? (size_t)avail : MAX_ROWS;
	struct dlt_row selrow = {0};
	if (dlt_row_load(app->db, app->sel, &selrow) < 0)
		return;
	size_t nb = dlt_view_fetch(app->view, app->sel, -1, want, back);
	int lines = 1 + (nb && sep_before(app, back[0].year, selrow.year, 0)), year = selrow.year;
	int64_t top = app->sel;
	for (size_t i = 0; i < nb; i++) {
		int prev = i + 1 < nb ? back[i + 1].year : 0;
		int cost = 1 + sep_before(app, prev, back[i].year, year);
		if (lines + cost > avail)
			break;
		lines += cost;
		year = back[i].year;
		top = back[i].id;
	}
	for (size_t i = 0; i < nb; i++)
		dlt_row_clear(&back[i]);
	dlt_row_clear(&selrow);
	t->top = top;
	/* The top row may need a separator line of its own: step down until sel fits. */
	for (int tries = 0; tries < 3; tries++) {
		n = layout(app, t, avail);
		if (n && t->rows[n - 1].id >= app->sel)
			return;
		int64_t next = neighbour(app, t->top, 1, NULL);
		if (!next)
			return;
		t->top = next;
	}
}

/* Eras whose years include `year`, joined with " · ". */
static void eras_of_year(const struct app *app, int year, struct strbuf *sb)
{
	for (size_t i = 0; i < app->neras; i++)
		if (app->eras[i].start <= year && (!app->eras[i].end || app->eras[i].end >= year))
			sb_addf(sb, "%s%s", sb->len ? (draw_utf8() ? " · " : " / ") : "", app->eras[i].name);
}

/* The minimap: a scrollbar over the whole timeline (by id) with search matches marked. */
static void minimap_draw(struct app *app, struct timeline *t, int y0, int h, int x)
{
	int64_t max = app->sum.count > 0 ? app->sum.count : 1;
	int64_t first = t->nrows ? t->rows[0].id : 1;
	int64_t last = t->nrows ? t->rows[t->nrows - 1].id : 1;
	/* positions in 0 .. h-1, whatever the ids (mul_div: no overflow) */
	int t0 = (int)mul_div((first < max ? first : max) - 1, h, max);
	int t1 = (int)mul_div((last < max ? last : max) - 1, h, max);
	struct search *q = &app->search;
	if (t->marks_gen != q->gen || t->marks_view != app->view)
		t->marks_h = 0;
	if (q->view && t->marks_h != h) {
		free(t->marks);
		t->marks = xcalloc((size_t)h, 1);
		t->marks_h = h;
		t->marks_gen = q->gen;
		t->marks_view = app->view;
		/* One indexed lookup per line: the first match at or after the line's first id. */
		q->busy = app->typing_search;
		for (int i = 0; i < h; i++) {
			int64_t lo = mul_div(i, max, h) + 1, hi = mul_div(i + 1, max, h);
			struct dlt_row r = {0};
			if (dlt_view_fetch(q->view, lo - 1, 1, 1, &r) == 1) {
				t->marks[i] = r.id <= hi;
				dlt_row_clear(&r);
			}
		}
		q->busy = 0;
		if (search_stale(q))
			t->marks_h = 0;   /* interrupted: not known yet */
	}
	for (int i = 0; i < h; i++) {
		int thumb = i >= t0 && i <= t1;
		int mark = q->view && t->marks && t->marks_h == h && t->marks[i];
		/* the thumb stays a block whatever matches it covers (in the match color then) */
		const char *g = thumb ? glyph(G_BLOCK) : mark ? glyph(G_BULLET) : glyph(G_VLINE);
		attr_t a = mark ? draw_attr(EL_MATCH) : draw_attr(EL_SCROLLBAR);
		draw_str(y0 + i, x, 1, g, a);
	}
}

/* The year separator above row r at line y: the year, and the eras when they change. */
static void separator(struct app *app, const struct dlt_row *r, int y, int x, int lw, struct strbuf *prev_eras)
{
	struct strbuf sb = {0};
	bands(app, y, x, r->year, 0);
	sb_addf(&sb, " %d ", r->year);
	int cx = x + BANDS;
	cx += draw_str(y, cx, 2, draw_utf8() ? "──" : "--", draw_attr(EL_YEAR));
	cx += draw_str(y, cx, lw - (cx - x), sb_str(&sb), draw_attr(EL_YEAR));
	sb_reset(&sb);
	eras_of_year(app, r->year, &sb);
	int changed = strcmp(sb_str(&sb), sb_str(prev_eras)) != 0;
	sb_reset(prev_eras);
	sb_add(prev_eras, sb_str(&sb));
	if (changed && lw - (cx - x) > 12) {
		cx += draw_str(y, cx, 2, draw_utf8() ? "─ " : "- ", draw_attr(EL_YEAR));
		cx += draw_str(y, cx, lw - (cx - x) - 1, sb_str(&sb), draw_attr(EL_DIM));
		cx += draw_str(y, cx, 1, " ", A_NORMAL);
	}
	while (cx < x + lw)
		cx += draw_str(y, cx, 1, glyph(G_HLINE), draw_attr(EL_YEAR));
	sb_free(&sb);
}

/* The title without a repeat of the name before a colon ("ResNet: residual learning ..."
 * -> "residual learning ..."): the list shows the name already. */
static const char *summary_of(const struct dlt_row *r)
{
	const char *colon = strstr(r->title, ": ");
	const char *name = r->short_name;
	if (!colon || !name || !*name || (size_t)(colon - r->title) > strlen(name) + 8)
		return r->title;
	for (const char *p = r->title; p + strlen(name) <= colon; p++)
		if (strncasecmp(p, name, strlen(name)) == 0)
			return colon + 2;
	return r->title;
}

/* "Vaswani et al.": the first author's last name. */
static void authors_of(const struct dlt_row *r, char *buf, size_t size)
{
	buf[0] = '\0';
	if (!r->lead_author || !*r->lead_author)
		return;
	const char *last = strrchr(r->lead_author, ' ');
	snprintf(buf, size, "%s%s", last ? last + 1 : r->lead_author, r->more_authors ? " et al." : "");
}

/* One milestone's line: bands, pointer, date, name (29 columns: the longest), then as room
 * allows the kind, the authors and the summary; a column too narrow to be read is left out. */
static void row_line(struct app *app, const struct dlt_row *r, int y, int x, int lw, int match)
{
	struct search *q = &app->search;
	int selected = r->id == app->sel;
	attr_t base = selected ? draw_attr(EL_SELECTED) : A_NORMAL;
	if (selected && app->focus_detail && app_side_by_side(app))
		base = A_REVERSE | A_DIM;
	char *const *terms = match ? q->terms : NULL;
	size_t nterms = match ? q->nterms : 0;
	bands(app, y, x, r->year, r->era);
	draw_fill(y, x + BANDS, lw - BANDS, base);
	int cx = x + BANDS;
	cx += draw_str(y, cx, 1, selected ? glyph(G_POINTER) : " ", base);
	char date[16];
	dlt_format_date(r->year, r->month, date, sizeof date);
	draw_str(y, cx, 8, date, selected ? base : draw_attr(EL_DATE));
	cx += 8;
	int rest = lw - (cx - x);
	int name_w = rest >= 48 ? 30 : rest >= 36 ? 24 : rest;
	int end = cx + name_w;
	if (app->refs.state && refs_bookmarked(&app->refs, r->slug))
		cx += draw_str(y, cx, 2, draw_utf8() ? "★ " : "+ ", selected ? base : draw_attr(EL_TAG));
	draw_str_hl(y, cx, end - cx - (rest > name_w), dlt_row_name(r), base | A_BOLD, terms, nterms);
	cx = end;
	int avail = lw - (cx - x);
	attr_t dim = selected ? base : draw_attr(EL_DIM);
	if (avail >= 12) {
		draw_str(y, cx, 11, r->kind, selected ? base : draw_attr(EL_KIND));
		cx += 12;
		avail -= 12;
	}
	char who[64];
	authors_of(r, who, sizeof who);
	if (avail >= 18 + 30 && *who) {
		draw_str(y, cx, 17, who, dim);
		cx += 18;
		avail -= 18;
	}
	if (avail >= 20)
		draw_str_hl(y, cx, avail - 1, summary_of(r), dim, terms, nterms);
	if (match && !selected)
		draw_str(y, x + BANDS, 1, glyph(G_BULLET), draw_attr(EL_MATCH));
}

static void timeline_draw(struct app *app, struct view *v, struct rect rc)
{
	struct timeline *t = v->priv;
	if (app->top_req) {
		t->top = app->top_req;
		app->top_req = 0;
	}
	t->h = rc.h;
	/* the rows under a prompt's list are hidden: keep the selection above it */
	int shown = rc.h - app->covered > 3 ? rc.h - app->covered : rc.h;
	ensure_visible(app, t, shown);
	app->top_shown = t->top;
	for (int y = 0; y < rc.h; y++)
		draw_fill(rc.y + y, rc.x, rc.w, A_NORMAL);
	if (!t->nrows) {
		draw_str(rc.y + 1, rc.x + 2, rc.w - 4,
			 app_filter_active(dlt_view_filter(app->view))
				 ? "No milestones match the filter (F clears it)." : "The timeline is empty.",
			 draw_attr(EL_DIM));
		return;
	}
	int lw = rc.w - 1;   /* last column: minimap */
	struct strbuf prev_eras = {0};
	/* Which rows match the search: one query over the window. */
	uint8_t is_match[MAX_ROWS] = {0};
	struct search *q = &app->search;
	if (q->view) {
		struct dlt_row m[MAX_ROWS];
		int64_t hi = t->rows[t->nrows - 1].id;
		q->busy = app->typing_search;   /* while typing: a key goes first */
		size_t nm = dlt_view_fetch(q->view, t->rows[0].id - 1, 1, t->nrows, m);
		q->busy = 0;
		for (size_t j = 0; j < nm; j++) {
			for (size_t i = 0; i < t->nrows && m[j].id <= hi; i++)
				if (t->rows[i].id == m[j].id)
					is_match[i] = 1;
			dlt_row_clear(&m[j]);
		}
	}
	for (size_t i = 0; i < t->nrows; i++) {
		const struct dlt_row *r = &t->rows[i];
		int y = rc.y + t->row_y[i];
		if (t->sep[i])
			separator(app, r, y - 1, rc.x, lw, &prev_eras);
		row_line(app, r, y, rc.x, lw, is_match[i]);
	}
	sb_free(&prev_eras);
	minimap_draw(app, t, rc.y, rc.h, rc.x + rc.w - 1);
}

/* ---- moving ------------------------------------------------------------------------------ */

static void move_by(struct app *app, int delta)
{
	if (!app->sel || !delta)
		return;
	int dir = delta > 0 ? 1 : -1;
	size_t want = (size_t)(delta > 0 ? delta : -delta);
	if (want > MAX_ROWS)
		want = MAX_ROWS;
	struct dlt_row r[MAX_ROWS];
	size_t n = dlt_view_fetch(app->view, app->sel, dir, want, r);
	if (n) {
		int64_t rank = app->rank;
		app_select(app, r[n - 1].id);
		if (rank)
			app->rank = rank + dir * (int64_t)n;
	}
	for (size_t i = 0; i < n; i++)
		dlt_row_clear(&r[i]);
}

static void page(struct app *app, struct timeline *t, int dir)
{
	int page = t->h > 3 ? t->h - 2 : 1;
	int64_t old_sel = app->sel;
	move_by(app, dir * page);
	if (app->sel == old_sel)
		return;
	/* Scroll the window by the same amount so the page turns rather than creeps. */
	struct dlt_row r[MAX_ROWS];
	size_t n = dlt_view_fetch(app->view, t->top, dir, (size_t)page, r);
	if (n)
		t->top = r[n - 1].id;
	for (size_t i = 0; i < n; i++)
		dlt_row_clear(&r[i]);
	if (t->top > app->sel)
		t->top = app->sel;
}

static void go_end(struct app *app, struct timeline *t, int last)
{
	int64_t id = last ? neighbour(app, INT64_MAX, -1, NULL) : neighbour(app, 0, 1, NULL);
	if (!id)
		return;
	app_jump(app, id, 0);
	app->rank = last ? dlt_view_count_now(app->view) : 1;   /* not known yet: 0 */
	if (app->rank < 0)
		app->rank = 0;
	if (!last)
		t->top = id;
}

static void year_step(struct app *app, int dir)
{
	struct dlt_row cur = {0};
	if (!app->sel || dlt_row_load(app->db, app->sel, &cur) < 0)
		return;
	int year = cur.year;
	dlt_row_clear(&cur);
	if (dir > 0) {
		int64_t id = dlt_view_first_from_year(app->view, year + 1);
		if (!id)
			app_message(app, 0, "%d is the last year", year);
		else
			app_jump(app, id, 1);
		return;
	}
	int64_t first = dlt_view_first_from_year(app->view, year);
	int prev_year = 0;
	if (!first || !neighbour(app, first, -1, &prev_year)) {
		app_message(app, 0, "%d is the first year", year);
		return;
	}
	app_jump(app, dlt_view_first_from_year(app->view, prev_year), 1);
}

/* n / N: the next or previous match within the filter. */
static void match_step(struct app *app, int dir)
{
	struct search *q = &app->search;
	if (!q->text) {
		app_message(app, 0, "No search: press / to search");
		return;
	}
	search_renew(q, app->db, dlt_view_filter(app->view));
	int wrapped;
	int64_t id = search_find(q, app->sel, dir, &wrapped);
	if (!id) {
		app_message(app, 1, "No match for \"%s\"", q->text);
		return;
	}
	int64_t known = q->rank;
	app_select(app, id);
	/* the position moves with the selection: no counting */
	if (wrapped)
		q->rank = dir > 0 ? 1 : q->count > 0 ? q->count : 0;
	else if (known)
		q->rank = known + dir;
	if (wrapped)
		app_message(app, 0, dir > 0 ? "Search wrapped to the start" : "Search wrapped to the end");
}

static enum handled timeline_key(struct app *app, struct view *v, enum tui_action a, int key)
{
	(void)key;
	struct timeline *t = v->priv;
	switch (a) {
	case ACT_MOVE_DOWN:
	case ACT_MOVE_UP:
		move_by(app, a == ACT_MOVE_DOWN ? 1 : -1);
		return HANDLED;
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		page(app, t, a == ACT_PAGE_DOWN ? 1 : -1);
		return HANDLED;
	case ACT_FIRST:
	case ACT_LAST:
		go_end(app, t, a == ACT_LAST);
		return HANDLED;
	case ACT_YEAR_PREV:
	case ACT_YEAR_NEXT:
		year_step(app, a == ACT_YEAR_NEXT ? 1 : -1);
		return HANDLED;
	case ACT_ERA_PREV:
	case ACT_ERA_NEXT:
		app_era_step(app, a == ACT_ERA_NEXT ? 1 : -1);
		return HANDLED;
	case ACT_MATCH_NEXT:
	case ACT_MATCH_PREV:
		match_step(app, a == ACT_MATCH_NEXT ? 1 : -1);
		return HANDLED;
	default:
		return IGNORED;
	}
}

static void timeline_mouse(struct app *app, struct view *v, int bstate, int y, int x)
{
	(void)x;
	struct timeline *t = v->priv;
	if (bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		/* the wheel scrolls the list; the selection follows only to stay on the screen */
		int dir = bstate & BUTTON4_PRESSED ? -1 : 1;
		struct dlt_row r[3];
		size_t n = dlt_view_fetch(app->view, t->top, dir, 3, r);
		if (n && dir < 0)
			t->top = r[n - 1].id;
		else if (n && t->nrows && t->rows[t->nrows - 1].id < neighbour(app, INT64_MAX, -1, NULL))
			t->top = r[n - 1].id;
		for (size_t i = 0; i < n; i++)
			dlt_row_clear(&r[i]);
		app->top_req = t->top;
		size_t shown = layout(app, t, t->h > 0 ? t->h : 1);
		if (shown && app->sel < t->rows[0].id)
			app_select(app, t->rows[0].id);
		else if (shown && app->sel > t->rows[shown - 1].id)
			app_select(app, t->rows[shown - 1].id);
	} else if (bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON1_DOUBLE_CLICKED)) {
		app->focus_detail = 0;
		for (size_t i = 0; i < t->nrows; i++)
			if (app->body.y + t->row_y[i] == y) {
				app_select(app, t->rows[i].id);
				if (bstate & BUTTON1_DOUBLE_CLICKED)
					app_open_detail(app);
				return;
			}
	}
}

static int timeline_hints(struct app *app, struct view *v, struct hint *h)
{
	(void)app, (void)v;
	static const struct hint hints[] = {
		{ACT_HELP, "help"}, {ACT_SEARCH, "search"}, {ACT_YEAR_JUMP, "year"}, {ACT_ERA_PICK, "era"},
		{ACT_FILTER, "filter"}, {ACT_OPEN, "open"}, {ACT_QUIT, "quit"},
	};
	memcpy(h, hints, sizeof hints);
	return (int)DLT_ARRAY_LEN(hints);
}

/* Count the rows of the view and the search's matches, a slice at a time. */
static int timeline_idle(struct app *app, struct view *v)
{
	(void)v;
	int more = 0;
	struct search *q = &app->search;
	if (dlt_view_progress(app->view, APP_WALK_SLICE) == 0)
		more = 1;
	if (q->view) {
		q->busy = 1;
		if (dlt_view_progress(q->view, APP_WALK_SLICE) == 0)
			more = 1;
		q->busy = 0;
	}
	return more;
}

static void timeline_close(struct app *app, struct view *v)
{
	(void)app;
	struct timeline *t = v->priv;
	clear_rows(t);
	free(t->marks);
	free(t);
}

/* The export: every milestone that passes the filter, in timeline order. */
static size_t timeline_contents(struct app *app, struct view *v, struct view_contents *c)
{
	(void)v;
	struct dlt_row rows[128];
	size_t got, cap = 0;
	int64_t from = 0;
	while ((got = dlt_view_fetch(app->view, from, 1, DLT_ARRAY_LEN(rows), rows)) > 0) {
		DLT_GROW(c->ids, c->n + got, cap);
		for (size_t i = 0; i < got; i++) {
			c->ids[c->n++] = rows[i].id;
			dlt_row_clear(&rows[i]);
		}
		from = c->ids[c->n - 1];
	}
	struct strbuf sb = {0};
	const struct dlt_filter *f = dlt_view_filter(app->view);
	if (app_filter_active(f)) {
		sb_addf(&sb, "%s: ", app->sum.title);
		dlt_filter_describe(app->db, f, &sb);
	} else {
		sb_add(&sb, app->sum.title);
	}
	snprintf(c->title, sizeof c->title, "%s", sb_str(&sb));
	snprintf(c->name, sizeof c->name, "%s", app_filter_active(f) ? "timeline-filtered" : "timeline");
	sb_free(&sb);
	return c->n;
}

static const struct view_ops timeline_ops = {
	.name = "timeline",
	.contents = timeline_contents,
	.draw = timeline_draw,
	.key = timeline_key,
	.hints = timeline_hints,
	.mouse = timeline_mouse,
	.idle = timeline_idle,
	.close = timeline_close,
};

void timeline_make(struct view *v)
{
	v->ops = &timeline_ops;
	v->priv = xcalloc(1, sizeof(struct timeline));
}
