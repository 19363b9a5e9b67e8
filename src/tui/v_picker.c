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

/* What an item stands for: a plain choice, a criterion to add to the filter, or one of the
 * filter's criteria to remove (the IT_DROP_ ones). */
enum item_kind {
	IT_PLAIN, IT_TAG, IT_ERA, IT_PARADIGM, IT_KIND, IT_BOOKMARKED,
	IT_DROP_QUERY, IT_DROP_TAG, IT_DROP_ERA, IT_DROP_PARADIGM, IT_DROP_KIND, IT_DROP_YEARS, IT_DROP_IDS,
};

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

/* The name of period id in a loaded list, or "?". */
static const char *period_name(const struct dlt_period *p, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].id == id)
			return p[i].name;
	return "?";
}

/* The criteria of the current filter, each a line that removes it. */
static void drop_items(struct app *app, struct picker *p, const struct dlt_filter *f)
{
	char buf[256];
	const char *x = draw_utf8() ? "✕" : "x";
	struct dlt_period *tags;
	size_t ntags = f->ntags ? app_tags(app, &tags) : 0;
	if (f->query) {
		snprintf(buf, sizeof buf, "%s remove   search \"%s\"", x, f->words ? f->words : "");
		pick_add(p, buf, IT_DROP_QUERY, 0, NULL);
	}
	for (size_t i = 0; i < f->ntags; i++) {
		snprintf(buf, sizeof buf, "%s remove   tag %s", x, period_name(tags, ntags, f->tags[i]));
		pick_add(p, buf, IT_DROP_TAG, f->tags[i], NULL);
	}
	for (size_t i = 0; i < f->nkinds; i++) {
		snprintf(buf, sizeof buf, "%s remove   kind %s", x, f->kinds[i]);
		pick_add(p, buf, IT_DROP_KIND, 0, f->kinds[i]);
	}
	for (size_t i = 0; i < f->neras; i++) {
		snprintf(buf, sizeof buf, "%s remove   era %s", x, period_name(app->eras, app->neras, f->eras[i]));
		pick_add(p, buf, IT_DROP_ERA, f->eras[i], NULL);
	}
	for (size_t i = 0; i < f->nparadigms; i++) {
		snprintf(buf, sizeof buf, "%s remove   paradigm %s", x,
			 period_name(app->pars, app->npars, f->paradigms[i]));
		pick_add(p, buf, IT_DROP_PARADIGM, f->paradigms[i], NULL);
	}
	if (f->year_from || f->year_to) {
		struct strbuf d = {0};
		struct dlt_filter years = {.year_from = f->year_from, .year_to = f->year_to};
		dlt_filter_describe(app->db, &years, &d);
		snprintf(buf, sizeof buf, "%s remove   years %s", x, sb_str(&d));
		sb_free(&d);
		pick_add(p, buf, IT_DROP_YEARS, 0, NULL);
	}
	if (f->only_ids) {
		snprintf(buf, sizeof buf, "%s remove   bookmarked only", x);
		pick_add(p, buf, IT_DROP_IDS, 0, NULL);
	}
}

static void filter_items(struct app *app, struct picker *p)
{
	char buf[256];
	snprintf(p->title, sizeof p->title, "Filter: type words or year:2012..2015, or pick what to add");
	drop_items(app, p, dlt_view_filter(app->view));
	pick_add(p, "only      bookmarked milestones", IT_BOOKMARKED, 0, NULL);
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

/* The bookmarks in their order, each with its note; returns 0 when there are none (the
 * reason in the message). */
static int bookmark_items(struct app *app, struct picker *p)
{
	char buf[512];
	snprintf(p->title, sizeof p->title, "Bookmarks (Enter opens; Shift-Up/Down move one; ^X exports)");
	if (!app->refs.state) {
		app_message(app, 1, "%s", app->refs.state_err);
		return 0;
	}
	int64_t *ids;
	char **notes;
	size_t n = refs_bookmarks(&app->refs, app->db, &ids, &notes);
	for (size_t i = 0; i < n; i++) {
		struct dlt_row r = {0};
		if (dlt_row_load(app->db, ids[i], &r) < 0)
			continue;
		snprintf(buf, sizeof buf, "%d  %s%s%.200s", r.year, dlt_row_name(&r), notes[i] ? "  -- " : "",
			 notes[i] ? notes[i] : "");
		pick_add(p, buf, IT_PLAIN, ids[i], NULL);
		dlt_row_clear(&r);
	}
	refs_bookmarks_free(ids, notes, n);
	if (!p->nitems)
		app_message(app, 0, "No bookmarks yet: m bookmarks the selection");
	return p->nitems > 0;
}

/* Shift-Up/Down in the bookmarks: move the selected one a place; the list follows. */
static void bookmark_move(struct app *app, struct picker *p, int by)
{
	if (p->in.len || p->lb.sel < 0 || (size_t)p->lb.sel >= p->nshown) {
		app_message(app, 0, "Clear the typed text to move bookmarks");
		return;
	}
	int64_t id = p->items[p->shown[p->lb.sel]].ref;
	struct dlt_row r = {0};
	if (dlt_row_load(app->db, id, &r) < 0)
		return;
	app->msg_err = refs_bookmark_step(&app->refs, &r, by, app->msg, sizeof app->msg) < 0;
	dlt_row_clear(&r);
	items_free(p);
	bookmark_items(app, p);
	narrow(app, p);
	for (size_t i = 0; i < p->nshown; i++)
		if (p->items[p->shown[i]].ref == id)
			p->lb.sel = (int)i;
}

/* The export of the bookmarks (the picker of bookmarks only): the reading list. */
static size_t picker_contents(struct app *app, struct view *v, struct view_contents *c)
{
	struct picker *p = v->priv;
	if (p->kind != PK_BOOKMARKS)
		return 0;
	c->n = refs_bookmarks(&app->refs, app->db, &c->ids, &c->notes);
	snprintf(c->title, sizeof c->title, "Reading list: %s", app->sum.title);
	snprintf(c->name, sizeof c->name, "bookmarks");
	return c->n;
}

/* The history, latest first; returns 0 when it is empty. */
static int history_items(struct app *app, struct picker *p)
{
	char buf[256];
	snprintf(p->title, sizeof p->title, "Jumps, latest first; * is where you are (Enter goes there)");
	for (size_t i = app->nhist; i-- > 0;) {
		struct dlt_row r = {0};
		if (dlt_row_load(app->db, app->hist[i], &r) < 0)
			continue;
		snprintf(buf, sizeof buf, "%s %d  %s", i == app->hpos ? "*" : " ", r.year, dlt_row_name(&r));
		if (i == app->hpos)   /* start on the current entry */
			p->lb.sel = (int)p->nitems;
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
	/* sized by everything it can show, not by what matches: the box and its input line stay
	 * where they are while you type */
	int all = p->kind == PK_TARGET ? 30 : (int)p->nitems + (p->kind == PK_FILTER);
	struct rect b = draw_overlay(r, 72, all + 4 < 8 ? 8 : all + 4, p->title);
	int fw = b.w - 6 > 1 ? b.w - 6 : 1;
	int cur = lineedit_view(&p->in, fw, &p->in_from);
	draw_str(b.y + 1, b.x + 2, 2, "> ", A_BOLD);
	draw_str(b.y + 1, b.x + 4, fw, p->in.buf + p->in_from, A_BOLD);
	term_cursor(app->term, b.y + 1, b.x + 4 + cur);
	int rows = b.h - 3;
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

/* The filter made of the current one and `change`, labelled by all its criteria, in place. */
static void refilter(struct app *app, struct dlt_filter *f)
{
	struct strbuf label = {0};
	dlt_filter_describe(app->db, f, &label);
	free(f->label);
	f->label = sb_detach(&label);
	app_set_filter(app, f);
}

/* Add what was typed to the filter: words and field terms, as the search reads them. */
static void accept_words(struct app *app, struct picker *p)
{
	struct dlt_found found;
	struct strbuf err = {0};
	if (dlt_find(app->db, p->in.buf, NULL, 1, 0, &found, &err) == -1) {
		app_message(app, 1, "%s", sb_str(&err));
	} else if (!dlt_db_failed(app->db)) {
		struct dlt_filter f;
		dlt_filter_copy(&f, dlt_view_filter(app->view));
		free(found.matches.words);
		found.matches.words = found.matches.query ? xstrdup(found.words ? found.words : p->in.buf) : NULL;
		dlt_filter_merge(&f, &found.matches);
		refilter(app, &f);
		dlt_filter_clear(&f);
	}
	dlt_found_clear(&found);
	sb_free(&err);
}

/* Remove value x (an id) from list v of n. */
static void drop_id(int64_t *v, size_t *n, int64_t x)
{
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if (v[i] != x)
			v[k++] = v[i];
	*n = k;
}

/* Add or remove one criterion of the filter (a line of the filter picker). */
static void change_filter(struct app *app, const struct pick_item *it)
{
	struct dlt_filter f;
	dlt_filter_copy(&f, dlt_view_filter(app->view));
	switch (it->kind) {
	case IT_TAG: dlt_filter_add_tag(&f, it->ref); break;
	case IT_ERA: dlt_filter_add_era(&f, it->ref); break;
	case IT_PARADIGM: dlt_filter_add_paradigm(&f, it->ref); break;
	case IT_KIND: dlt_filter_add_kind(&f, it->text); break;
	case IT_BOOKMARKED: {
		char **slugs;
		size_t n = app->refs.state ? dlt_bookmarks_list(app->refs.state, &slugs) : 0;
		int64_t *ids = xcalloc(n + 1, sizeof *ids);
		for (size_t i = 0; i < n; i++)
			ids[i] = dlt_id_by_slug(app->db, slugs[i]);
		dlt_filter_set_ids(&f, ids, n);
		free(ids);
		if (n)
			dlt_bookmarks_free(slugs, n);
		break;
	}
	case IT_DROP_QUERY:
		dlt_filter_set_query(&f, NULL);
		free(f.words);
		f.words = NULL;
		break;
	case IT_DROP_TAG: drop_id(f.tags, &f.ntags, it->ref); break;
	case IT_DROP_ERA: drop_id(f.eras, &f.neras, it->ref); break;
	case IT_DROP_PARADIGM: drop_id(f.paradigms, &f.nparadigms, it->ref); break;
	case IT_DROP_KIND:
		for (size_t i = 0; i < f.nkinds; i++)
			if (strcmp(f.kinds[i], it->text) == 0) {
				free(f.kinds[i]);
				f.kinds[i] = f.kinds[--f.nkinds];
				break;
			}
		break;
	case IT_DROP_YEARS: f.year_from = f.year_to = 0; break;
	case IT_DROP_IDS:
		free(f.ids);
		f.ids = NULL;
		f.nids = 0;
		f.only_ids = 0;
		break;
	case IT_PLAIN: break;
	}
	refilter(app, &f);
	dlt_filter_clear(&f);
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
		app_jump(app, it->ref, 1);
		app_open_detail(app);
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
	case PK_FILTER:
		change_filter(app, it);
		break;
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
	if (p->kind == PK_BOOKMARKS && (key == KEY_SR || key == KEY_SF)) {
		bookmark_move(app, p, key == KEY_SR ? -1 : 1);
		return HANDLED;
	}
	if (p->kind == PK_BOOKMARKS && a == ACT_EXPORT) {
		app->make.prompt(app, PR_EXPORT);
		return HANDLED;
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
	.contents = picker_contents,
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
