/*
 * v_detail.c -- the detail: the selected milestone laid out as lines (the fields of
 * model/detail.c, then its "Builds on" and "Led to" links), scrolled, with one link
 * selectable at a time and followed with Enter. It stands beside the list on wide screens
 * and over it on narrow ones; the controller owns it and keeps it between openings.
 */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "model/detail.h"
#include "tui/draw.h"
#include "tui/views.h"

/* A laid-out line. */
struct dline {
	char *text;            /* owned, already sanitised */
	enum tui_element el;   /* how to draw it */
	int indent;            /* columns before text */
	int label_w;           /* "Label:" prefix drawn as EL_LABEL (columns), 0 = none */
	int url;               /* part of the address line (for OSC 8 hyperlinks) */
	int link;              /* index of the link this line belongs to, -1 = none */
};

struct detail {
	struct dlt_milestone ms;
	int64_t ms_id;         /* the loaded milestone, 0 = none */
	struct dline *dl;
	size_t ndl, cap;
	int width;             /* width the lines were laid out for */
	int scroll;
	int link_sel;          /* selected link, -1 = none */
	int nlinks;
	int top_y;                 /* the screen line of the pane's first line, as last drawn */
	int h;                 /* lines of the last draw */
	unsigned seen_reset, seen_sel, seen_search;
};

static void free_lines(struct detail *d)
{
	for (size_t i = 0; i < d->ndl; i++)
		free(d->dl[i].text);
	free(d->dl);
	d->dl = NULL;
	d->ndl = d->cap = 0;
	d->width = 0;
}

static void invalidate(struct detail *d)
{
	free_lines(d);
	if (d->ms_id)
		dlt_milestone_clear(&d->ms);
	d->ms_id = 0;
}

static void add_line(struct detail *d, const char *s, size_t len, enum tui_element el, int indent, int label_w,
		     int link)
{
	DLT_GROW(d->dl, d->ndl + 1, d->cap);
	d->dl[d->ndl++] = (struct dline){.text = xstrndup(s, len), .el = el, .indent = indent,
					 .label_w = label_w, .link = link};
}

/* Wrap text into lines of width w - indent; the first line may carry a label prefix. */
static void add_wrapped(struct detail *d, const char *text, enum tui_element el, int indent, int w, int label_w,
			int link, int hang)
{
	struct wrap_line *lines;
	int avail = w - indent;
	if (avail < 8)
		avail = 8;
	size_t n = utf8_wrap(text, strlen(text), (size_t)avail, &lines);
	for (size_t i = 0; i < n; i++)
		add_line(d, text + lines[i].off, lines[i].len, el, indent + (i ? hang : 0), i ? 0 : label_w, link);
	free(lines);
}

static void add_blank(struct detail *d)
{
	add_line(d, "", 0, EL_NORMAL, 0, 0, -1);
}

static void add_links(struct detail *d, const char *heading, const struct dlt_link *l, size_t n, int w,
		      int *next_link, int up)
{
	add_blank(d);
	add_line(d, heading, strlen(heading), EL_HEADING, 0, 0, -1);
	if (!n) {
		const char *none = up ? "(a starting point)" : "(nothing yet)";
		add_line(d, none, strlen(none), EL_DIM, 2, 0, -1);
	}
	for (size_t i = 0; i < n; i++) {
		char date[16];
		struct strbuf sb = {0};
		dlt_format_date(l[i].other.year, l[i].other.month, date, sizeof date);
		sb_addf(&sb, "%s %s  %s", glyph(up ? G_LEFT : G_RIGHT), date, dlt_row_name(&l[i].other));
		if (l[i].note)
			sb_addf(&sb, " %s %s", draw_utf8() ? "—" : "--", l[i].note);
		add_wrapped(d, sb_str(&sb), EL_LINK, 2, w, 0, (*next_link)++, 4);
		sb_free(&sb);
	}
}

static void add_field(struct detail *d, const struct dlt_field *f, int w)
{
	if (f->style == DLT_FS_LINE) {
		struct strbuf sb = {0};
		size_t first = d->ndl;
		sb_addf(&sb, "%-13s %s", f->label, f->value);
		add_wrapped(d, sb_str(&sb), EL_NORMAL, 0, w, 13, -1, 14);
		sb_free(&sb);
		if (strcmp(f->label, "URL") == 0)
			for (size_t k = first; k < d->ndl; k++)
				d->dl[k].url = 1;
		return;
	}
	add_blank(d);
	add_line(d, f->label, strlen(f->label), EL_HEADING, 0, 0, -1);
	if (f->style == DLT_FS_LIST) {
		char *save, *copy = xstrdup(f->value);
		for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
			struct strbuf sb = {0};
			sb_addf(&sb, "%s %s", glyph(G_BULLET), l);
			add_wrapped(d, sb_str(&sb), EL_NORMAL, 2, w, 0, -1, 2);
			sb_free(&sb);
		}
		free(copy);
	} else {
		add_wrapped(d, f->value, f->style == DLT_FS_CODE ? EL_CODE : EL_NORMAL, 2, w, 0, -1, 0);
	}
}

/* Load milestone id and lay it out for width w (cached). */
static void layout(struct app *app, struct detail *d, int64_t id, int w)
{
	if (d->ms_id == id && d->width == w)
		return;
	/* nothing loaded (no selection: an empty timeline) is never a cache hit */
	if (d->ms_id != id || !d->ms_id) {
		invalidate(d);
		if (!id || dlt_milestone_load(app->db, id, &d->ms) < 0)
			return;
		d->ms_id = id;
		d->link_sel = -1;
	} else {
		free_lines(d);
	}
	d->width = w;
	const struct dlt_milestone *m = &d->ms;
	add_wrapped(d, m->row.title, EL_TITLE, 0, w, 0, -1, 0);
	struct dlt_field *f;
	size_t nf = dlt_detail_fields(m, &f);
	for (size_t i = 0; i < nf; i++)
		add_field(d, &f[i], w);
	dlt_fields_free(f, nf);
	int next_link = 0;
	add_links(d, "Builds on", m->builds_on, m->nbuilds_on, w, &next_link, 1);
	add_links(d, "Led to", m->led_to, m->nled_to, w, &next_link, 0);
	d->nlinks = next_link;
}

/* The milestone of link index k. */
static int64_t link_target(const struct detail *d, int k)
{
	if (k < 0)
		return 0;
	if ((size_t)k < d->ms.nbuilds_on)
		return d->ms.builds_on[k].other.id;
	k -= (int)d->ms.nbuilds_on;
	if ((size_t)k < d->ms.nled_to)
		return d->ms.led_to[k].other.id;
	return 0;
}

/* Scroll so that the selected link's first line is visible. */
static void show_link(struct detail *d)
{
	for (size_t i = 0; i < d->ndl; i++)
		if (d->dl[i].link == d->link_sel) {
			if ((int)i < d->scroll)
				d->scroll = (int)i;
			else if ((int)i >= d->scroll + d->h - 1)
				d->scroll = (int)i - d->h + 2;
			return;
		}
}

/* Follow what the controller changed since the last draw: a new selection, a new search,
 * a request to start at the top. */
static void sync(struct app *app, struct detail *d)
{
	if (d->seen_search != app->search.gen) {
		d->seen_search = app->search.gen;
		invalidate(d);
	}
	if (d->seen_sel != app->sel_gen) {
		d->seen_sel = app->sel_gen;
		if (app_side_by_side(app))
			d->scroll = 0;
	}
	if (d->seen_reset != app->detail_reset) {
		d->seen_reset = app->detail_reset;
		d->scroll = 0;
		d->link_sel = -1;
	}
}

/* Remember where the address is drawn, for the OSC 8 hyperlink. */
static void note_url(struct app *app, struct detail *d, const struct dline *l, int y, int x, int tw)
{
	if (!d->ms.url || !draw_utf8())
		return;
	size_t lb = l->label_w ? utf8_prefix_for_width(l->text, strlen(l->text), 14, NULL) : 0;
	int avail = tw - l->indent - (l->label_w ? 14 : 0);
	size_t n = utf8_prefix_for_width(l->text + lb, strlen(l->text + lb), (size_t)(avail > 0 ? avail : 0), NULL);
	char *text = xstrndup(l->text + lb, n);
	refs_osc8_add(&app->refs, d->ms.url, y, x + 1 + l->indent + (l->label_w ? 14 : 0), text);
	free(text);
}

static void detail_draw(struct app *app, struct view *v, struct rect r)
{
	struct detail *d = v->priv;
	sync(app, d);
	int tw = r.w - 2;   /* one column margin each side */
	d->h = r.h;
	d->top_y = r.y;
	layout(app, d, app->sel, tw);
	for (int y = 0; y < r.h; y++)
		draw_fill(r.y + y, r.x, r.w, A_NORMAL);
	if (!d->ms_id) {
		draw_str(r.y + 1, r.x + 1, tw, "Nothing selected.", draw_attr(EL_DIM));
		return;
	}
	int max_scroll = (int)d->ndl - r.h;
	if (d->scroll > max_scroll)
		d->scroll = max_scroll;
	if (d->scroll < 0)
		d->scroll = 0;
	char *const *terms = app->search.terms;
	size_t nterms = app->search.nterms;
	for (int y = 0; y < r.h; y++) {
		size_t i = (size_t)(d->scroll + y);
		if (i >= d->ndl)
			break;
		const struct dline *l = &d->dl[i];
		if (l->url)
			note_url(app, d, l, r.y + y, r.x, tw);
		int cx = r.x + 1 + l->indent;
		attr_t a = draw_attr(l->el);
		if (l->link >= 0 && l->link == d->link_sel && app->focus_detail) {
			a = draw_attr(EL_SELECTED);
			/* a visible marker too, for monochrome terminals */
			if (i == 0 || d->dl[i - 1].link != l->link)
				draw_str(r.y + y, r.x + 1, 1, glyph(G_POINTER), a);
		}
		if (l->label_w) {
			/* "Label     value": label colored, value with match highlight */
			size_t lb = utf8_prefix_for_width(l->text, strlen(l->text), (size_t)l->label_w, NULL);
			char *label = xstrndup(l->text, lb);
			cx += draw_str(r.y + y, cx, tw - l->indent, label, draw_attr(EL_LABEL));
			free(label);
			draw_str_hl(r.y + y, cx, r.x + 1 + tw - cx, l->text + lb, a, terms, nterms);
		} else {
			draw_str_hl(r.y + y, cx, tw - l->indent, l->text, a, terms, nterms);
		}
	}
	/* how far down the pane is, for the status line */
	app->detail_percent = (int)d->ndl > r.h ? (d->scroll + r.h) * 100 / (int)d->ndl : 100;
}

static enum handled detail_key(struct app *app, struct view *v, enum tui_action a, int key)
{
	(void)key;
	struct detail *d = v->priv;
	sync(app, d);
	/* a key may come before the first draw (Tab from the list opens it): lay it out now */
	layout(app, d, app->sel, d->width > 0 ? d->width : 78);
	switch (a) {
	case ACT_MOVE_DOWN:
		d->scroll++;
		return HANDLED;
	case ACT_MOVE_UP:
		if (d->scroll > 0)
			d->scroll--;
		return HANDLED;
	case ACT_PAGE_DOWN:
		d->scroll += d->h > 2 ? d->h - 2 : 1;
		return HANDLED;
	case ACT_PAGE_UP:
		d->scroll -= d->h > 2 ? d->h - 2 : 1;
		if (d->scroll < 0)
			d->scroll = 0;
		return HANDLED;
	case ACT_FIRST:
		d->scroll = 0;
		return HANDLED;
	case ACT_LAST:
		d->scroll = (int)d->ndl;
		return HANDLED;
	case ACT_LINK_NEXT:
	case ACT_LINK_PREV:
		if (!d->nlinks) {
			app_message(app, 0, "No links");
			return HANDLED;
		}
		if (a == ACT_LINK_NEXT)
			d->link_sel = d->link_sel + 1 >= d->nlinks ? 0 : d->link_sel + 1;
		else
			d->link_sel = d->link_sel <= 0 ? d->nlinks - 1 : d->link_sel - 1;
		show_link(d);
		return HANDLED;
	case ACT_OPEN: {
		int64_t id = link_target(d, d->link_sel);
		if (!id) {
			app_message(app, 0, "Select a link with Tab first");
			return HANDLED;
		}
		app_go_to(app, id);
		app_history_push(app, id);
		return HANDLED;
	}
	case ACT_QUIT:
	case ACT_CLOSE:
		return CLOSE;
	default:
		return IGNORED;
	}
}

/* The wheel scrolls the pane; a click gives it the keys, and a click on a link follows it. */
static void detail_mouse(struct app *app, struct view *v, int bstate, int y, int x)
{
	(void)x;
	struct detail *d = v->priv;
	if (bstate & BUTTON4_PRESSED) {
		d->scroll = d->scroll > 3 ? d->scroll - 3 : 0;
	} else if (bstate & BUTTON5_PRESSED) {
		d->scroll += 3;
	} else if (bstate & (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)) {
		app->focus_detail = 1;
		int i = d->scroll + (y - d->top_y);
		if (i < 0 || (size_t)i >= d->ndl || d->dl[i].link < 0)
			return;
		d->link_sel = d->dl[i].link;
		int64_t id = link_target(d, d->link_sel);
		if (id) {
			app_go_to(app, id);
			app_history_push(app, id);
		}
	}
}

static int detail_hints(struct app *app, struct view *v, struct hint *h)
{
	(void)app, (void)v;
	static const struct hint hints[] = {
		{ACT_LINK_NEXT, "link"}, {ACT_OPEN, "follow"}, {ACT_BACK, "back"}, {ACT_QUIT, "close"},
		{ACT_HELP, "help"},
	};
	memcpy(h, hints, sizeof hints);
	return (int)DLT_ARRAY_LEN(hints);
}

static void detail_close(struct app *app, struct view *v)
{
	(void)app;
	struct detail *d = v->priv;
	invalidate(d);
	free(d);
}

static const struct view_ops detail_ops = {
	.name = "detail",
	.draw = detail_draw,
	.key = detail_key,
	.hints = detail_hints,
	.mouse = detail_mouse,
	.close = detail_close,
	.transparent = 1,
};

void detail_make(struct view *v)
{
	struct detail *d = xcalloc(1, sizeof *d);
	d->link_sel = -1;
	v->ops = &detail_ops;
	v->priv = d;
}
