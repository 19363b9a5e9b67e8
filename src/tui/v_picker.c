/*
 * v_picker.c -- a list to choose from, narrowed as you type: eras to jump to, filters (tags,
 * kinds, eras, paradigms, or the words typed), the history, the bookmarks, and the target of
 * a path (the best search matches of what is typed). Characters go to the input line; the
 * keys bound to moving, opening and closing choose and accept.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "model/find.h"
#include "model/view.h"
#include "tui/draw.h"
#include "tui/lineedit.h"
#include "tui/listbox.h"
#include "tui/views.h"

/* What an item stands for. */
enum item_kind { IT_PLAIN, IT_TAG, IT_ERA, IT_PARADIGM, IT_KIND };

struct pick_item {
	char *label;           /* shown */
	char *key;             /* matched against what is typed (lower case) */
	enum item_kind kind;
	int64_t ref;           /* era/tag/paradigm id, milestone id, or history index */
	char *text;            /* the kind's name for IT_KIND, the name for a label */
};

struct picker {
	enum picker_kind kind;
	char title[240];
	struct pick_item *items;
	size_t nitems, cap;
	size_t *shown;         /* indexes of the items that match the input */
	size_t nshown;
	struct listbox lb;     /* over the "search" line (filters) and the shown items */
	struct lineedit in;
	size_t in_from;        /* the first byte of the input shown */
};

static void items_free(struct picker *p)
{
	for (size_t i = 0; i < p->nitems; i++) {
		free(p->items[i].label);
		free(p->items[i].key);
		free(p->items[i].text);
	}
	p->nitems = 0;
}

static void pick_add(struct picker *p, const char *label, enum item_kind kind, int64_t ref, const char *text)
{
	DLT_GROW(p->items, p->nitems + 1, p->cap);
	char *key = xstrdup(label);
	for (char *c = key; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	p->items[p->nitems++] = (struct pick_item){xstrdup(label), key, kind, ref, xstrdup(text)};
}

/* A filter with a "search for the words" line first, when words were typed. */
static int search_line(const struct picker *p)
{
	return p->kind == PK_FILTER && p->in.len;
}

/* For the path target: the items are the best search matches of what was typed (the
 * ranking of `dltimeline search`). */
static void target_items(struct app *app, struct picker *p)
{
	items_free(p);
	if (!p->in.len)
		return;
	struct dlt_found found;
	struct strbuf err = {0};
	if (dlt_find(app->db, p->in.buf, NULL, 30, 0, &found, &err) == 0) {
		for (size_t i = 0; i < found.n; i++) {
			struct dlt_row r = {0};
			if (dlt_row_load(app->db, found.hits[i].id, &r) < 0)
				continue;
			char buf[256];
			snprintf(buf, sizeof buf, "%d  %s", r.year, dlt_row_name(&r));
			pick_add(p, buf, IT_PLAIN, found.hits[i].id, NULL);
			p->items[p->nitems - 1].key[0] = '\0';
			dlt_row_clear(&r);
		}
	}
	dlt_found_clear(&found);
	sb_free(&err);
}

/* Recompute which items match what was typed (every word must occur). */
static void narrow(struct app *app, struct picker *p)
{
	if (p->kind == PK_TARGET)
		target_items(app, p);
	free(p->shown);
	p->shown = xmalloc((p->nitems + 1) * sizeof *p->shown);
	p->nshown = 0;
	char input[LINEEDIT_MAX];
	snprintf(input, sizeof input, "%s", p->in.buf);
	for (char *c = input; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	for (size_t i = 0; i < p->nitems; i++) {
		int ok = 1;
		char copy[sizeof input], *save;
		snprintf(copy, sizeof copy, "%s", input);
		/* path targets were already chosen by the search; the others narrow by words */
		for (char *w = strtok_r(copy, " ", &save); w && ok && p->kind != PK_TARGET; w = strtok_r(NULL, " ", &save))
			ok = strstr(p->items[i].key, w) != NULL;
		if (ok)
			p->shown[p->nshown++] = i;
	}
	p->lb.n = (int)p->nshown + search_line(p);
	if (p->lb.sel >= p->lb.n)
		p->lb.sel = 0;
}

static void era_items(struct app *app, struct picker *p)
{
	char buf[256];
	snprintf(p->title, sizeof p->title, "Jump to era (type to narrow, Enter jumps)");
	for (size_t i = 0; i < app->neras; i++) {
		const struct dlt_period *e = &app->eras[i];
		if (e->end)
			snprintf(buf, sizeof buf, "%d-%d  %s", e->start, e->end, e->name);
		else
			snprintf(buf, sizeof buf, "%d-      %s", e->start, e->name);
		pick_add(p, buf, IT_ERA, e->id, NULL);
	}
	/* start on the era of the selection */
	struct dlt_row r = {0};
	if (app->sel && dlt_row_load(app->db, app->sel, &r) == 0) {
		for (size_t i = 0; i < app->neras; i++)
			if (app->eras[i].id == r.era)
				p->lb.sel = (int)i;
		dlt_row_clear(&r);
	}
}

static void filter_items(struct app *app, struct picker *p)
{
	char buf[256];
	snprintf(p->title, sizeof p->title, "Filter: type words to search, or pick a tag, kind, era or paradigm");
	struct dlt_period *tags;
	size_t ntags = app_tags(app, &tags);
	for (size_t i = 0; i < ntags; i++) {
		snprintf(buf, sizeof buf, "tag       %s (%lld)", tags[i].name, (long long)tags[i].count);
		pick_add(p, buf, IT_TAG, tags[i].id, tags[i].name);
	}
	for (int k = DLT_KIND_NONE + 1; k < DLT_KIND__END; k++) {
		snprintf(buf, sizeof buf, "kind      %s", dlt_kind_name((enum dlt_kind)k));
		pick_add(p, buf, IT_KIND, 0, dlt_kind_name((enum dlt_kind)k));
	}
	for (size_t i = 0; i < app->neras; i++) {
		snprintf(buf, sizeof buf, "era       %s", app->eras[i].name);
		pick_add(p, buf, IT_ERA, app->eras[i].id, app->eras[i].name);
	}
	for (size_t i = 0; i < app->npars; i++) {
		snprintf(buf, sizeof buf, "paradigm  %s", app->pars[i].name);
		pick_add(p, buf, IT_PARADIGM, app->pars[i].id, app->pars[i].name);
	}
}

/* The bookmarks; returns 0 when there are none (the reason in the message). */
static int bookmark_items(struct app *app, struct picker *p)
{
	char buf[256];
	snprintf(p->title, sizeof p->title, "Bookmarks (Enter opens; m on a milestone adds or removes one)");
	if (!app->refs.state) {
		app_message(app, 1, "%s", app->refs.state_err);
		return 0;
	}
	char **slugs;
	size_t n = dlt_bookmarks_list(app->refs.state, &slugs);
	for (size_t i = 0; i < n; i++) {
		struct dlt_row r = {0};
		int64_t id = dlt_id_by_slug(app->db, slugs[i]);
		if (!id || dlt_row_load(app->db, id, &r) < 0)
			continue;
		snprintf(buf, sizeof buf, "%d  %s", r.year, dlt_row_name(&r));
		pick_add(p, buf, IT_PLAIN, id, NULL);
		dlt_row_clear(&r);
	}
	dlt_bookmarks_free(slugs, n);
	if (!p->nitems)
		app_message(app, 0, "No bookmarks yet: m bookmarks the selection");
	return p->nitems > 0;
}

/* The history, latest first; returns 0 when it is empty. */
static int history_items(struct app *app, struct picker *p)
{
	char buf[256];
	snprintf(p->title, sizeof p->title, "History (Enter opens)");
	for (size_t i = app->nhist; i-- > 0;) {
		struct dlt_row r = {0};
		if (dlt_row_load(app->db, app->hist[i], &r) < 0)
			continue;
		snprintf(buf, sizeof buf, "%s %d  %s", i == app->hpos ? "*" : " ", r.year, dlt_row_name(&r));
		pick_add(p, buf, IT_PLAIN, (int64_t)i, NULL);
		dlt_row_clear(&r);
	}
	if (!p->nitems)
		app_message(app, 0, "No history yet: open a milestone with Enter");
	return p->nitems > 0;
}

static void picker_draw(struct app *app, struct view *v, struct rect r)
{
	(void)app;
	struct picker *p = v->priv;
	int extra = search_line(p);
	int n = p->lb.n;
	struct rect b = draw_overlay(r, 72, n + 3 < 8 ? 8 : n + 3, p->title);
	int fw = b.w - 6 > 1 ? b.w - 6 : 1;
	int cur = lineedit_view(&p->in, fw, &p->in_from);
	draw_str(b.y + 1, b.x + 2, 2, "> ", A_BOLD);
	draw_str(b.y + 1, b.x + 4, fw, p->in.buf + p->in_from, A_BOLD);
	term_cursor(app->term, b.y + 1, b.x + 4 + cur);
	int rows = b.h - 2;
	listbox_fit(&p->lb, rows > 0 ? rows : 1);
	for (int y = 0; y < rows && p->lb.scroll + y < n; y++) {
		int i = p->lb.scroll + y;
		attr_t a = i == p->lb.sel ? draw_attr(EL_SELECTED) : A_NORMAL;
		draw_fill(b.y + 2 + y, b.x + 1, b.w - 2, a);
		if (i == p->lb.sel)
			draw_str(b.y + 2 + y, b.x + 1, 1, glyph(G_POINTER), a);
		if (extra && i == 0) {
			struct strbuf q = {0};
			sb_addf(&q, "search    \"%s\"", p->in.buf);
			draw_str(b.y + 2 + y, b.x + 2, b.w - 4, sb_str(&q), a | A_BOLD);
			sb_free(&q);
		} else {
			draw_str(b.y + 2 + y, b.x + 2, b.w - 4, p->items[p->shown[i - extra]].label, a);
		}
	}
	if (!n)
		draw_str(b.y + 2, b.x + 2, b.w - 4,
			 p->kind == PK_TARGET && !p->in.len ? "(type words from its name)" : "(no match)",
			 draw_attr(EL_DIM));
}

/* Filter by what was typed: words and field terms, as the search reads them. */
static void accept_words(struct app *app, struct picker *p)
{
	struct dlt_found found;
	struct strbuf err = {0}, label = {0};
	if (dlt_find(app->db, p->in.buf, NULL, 1, 0, &found, &err) == -1) {
		app_message(app, 1, "%s", sb_str(&err));
	} else if (!dlt_db_failed(app->db)) {
		sb_addf(&label, "\"%s\"", p->in.buf);
		found.matches.label = sb_detach(&label);
		app_set_filter(app, &found.matches);
	}
	dlt_found_clear(&found);
	sb_free(&err);
	sb_free(&label);
}

static void accept_item(struct app *app, struct picker *p, const struct pick_item *it)
{
	switch (p->kind) {
	case PK_ERA:
		app_era_jump(app, it->ref);
		break;
	case PK_TARGET:
		if (app->sel == it->ref)
			app_message(app, 0, "That is the selection itself");
		else
			app->make.path(app, app->sel, it->ref);
		break;
	case PK_BOOKMARKS:
		if (!dlt_view_contains(app->view, it->ref))
			app_set_filter(app, NULL);
		app_select_top(app, it->ref);
		break;
	case PK_HISTORY:
		app->hpos = (size_t)it->ref;
		app_select(app, app->hist[app->hpos]);
		if (!dlt_view_contains(app->view, app->sel)) {
			app_set_filter(app, NULL);
			app_select(app, app->hist[app->hpos]);
		}
		app_open_detail(app);
		break;
	case PK_FILTER: {
		struct dlt_filter f = {0};
		static const char *const what[] = {"", "tag", "era", "paradigm", "kind"};
		if (it->kind == IT_TAG)
			dlt_filter_add_tag(&f, it->ref);
		else if (it->kind == IT_ERA)
			dlt_filter_add_era(&f, it->ref);
		else if (it->kind == IT_PARADIGM)
			dlt_filter_add_paradigm(&f, it->ref);
		else if (it->kind == IT_KIND)
			dlt_filter_add_kind(&f, it->text);
		struct strbuf label = {0};
		sb_addf(&label, "%s %s", what[it->kind], it->text);
		f.label = sb_detach(&label);
		app_set_filter(app, &f);
		dlt_filter_clear(&f);
		break;
	}
	}
}

/* Enter: act on the selected line, after the picker is closed (accepting may open a view). */
static enum handled accept(struct app *app, struct view *v)
{
	struct picker *p = v->priv;
	int extra = search_line(p);
	int i = p->lb.sel - extra;
	v->priv = NULL;   /* ours now: closing the view must not free it */
	app_pop(app);
	if (extra && p->lb.sel == 0)
		accept_words(app, p);
	else if (i >= 0 && (size_t)i < p->nshown)
		accept_item(app, p, &p->items[p->shown[i]]);
	items_free(p);
	free(p->items);
	free(p->shown);
	free(p);
	return HANDLED;
}

static enum handled picker_key(struct app *app, struct view *v, enum tui_action a, int key)
{
	struct picker *p = v->priv;
	int cmd;
	uint32_t cp;
	int edit = keys_line_edit(key, &cmd, &cp);
	if (edit == 2 || (edit == 1 && cmd != LE_LEFT && cmd != LE_RIGHT && cmd != LE_HOME && cmd != LE_END)) {
		if (edit == 2 ? lineedit_insert(&p->in, cp) : lineedit_do(&p->in, (enum le_cmd)cmd)) {
			p->lb.sel = 0;
			narrow(app, p);
		}
		return HANDLED;
	}
	if (edit == 1) {
		lineedit_do(&p->in, (enum le_cmd)cmd);
		return HANDLED;
	}
	switch (a) {
	case ACT_CLOSE:
		return CLOSE;
	case ACT_OPEN:
		return accept(app, v);
	case ACT_MOVE_DOWN:
	case ACT_LINK_NEXT:
		listbox_key(&p->lb, ACT_MOVE_DOWN);
		return HANDLED;
	case ACT_MOVE_UP:
	case ACT_LINK_PREV:
		listbox_key(&p->lb, ACT_MOVE_UP);
		return HANDLED;
	default:
		break;
	}
	if (key == 14)   /* ^N, ^P: as in readline and fzf */
		listbox_key(&p->lb, ACT_MOVE_DOWN);
	else if (key == 16)
		listbox_key(&p->lb, ACT_MOVE_UP);
	else
		listbox_key(&p->lb, a);   /* pages, first, last */
	return HANDLED;
}

static void picker_close(struct app *app, struct view *v)
{
	(void)app;
	struct picker *p = v->priv;
	if (!p)
		return;
	items_free(p);
	free(p->items);
	free(p->shown);
	free(p);
}

static int picker_hints(struct app *app, struct view *v, struct hint *h)
{
	(void)app, (void)v, (void)h;
	return -1;   /* the view below's */
}

static const struct view_ops picker_ops = {
	.name = "picker",
	.draw = picker_draw,
	.key = picker_key,
	.hints = picker_hints,
	.close = picker_close,
	.overlay = 1,
};

void picker_open(struct app *app, enum picker_kind kind)
{
	struct picker *p = xcalloc(1, sizeof *p);
	p->kind = kind;
	p->in.limit = 127;
	int ok = 1;
	switch (kind) {
	case PK_ERA:
		era_items(app, p);
		break;
	case PK_FILTER:
		filter_items(app, p);
		break;
	case PK_BOOKMARKS:
		ok = bookmark_items(app, p);
		break;
	case PK_HISTORY:
		ok = history_items(app, p);
		break;
	case PK_TARGET: {
		struct dlt_row r = {0};
		ok = app->sel && dlt_row_load(app->db, app->sel, &r) == 0;
		if (ok)
			snprintf(p->title, sizeof p->title, "Path from %s to... (type a name, Enter finds the chain)",
				 dlt_row_name(&r));
		dlt_row_clear(&r);
		break;
	}
	}
	if (!ok) {
		struct view v = {&picker_ops, p};
		picker_close(app, &v);
		return;
	}
	narrow(app, p);
	app_push(app, &picker_ops, p);
}
