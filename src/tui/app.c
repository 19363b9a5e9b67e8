/*
 * app.c -- see app.h.
 */
#include "tui/app.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/detail.h"

/* The progress handler: any statement stops when a signal has asked the browser to end
 * (Ctrl-C, SIGTERM, ...: the loop then ends at once, however long the statement would have
 * run). A search query also gives way to a key that is waiting (typed meanwhile, or next in
 * a script: a fast typist), so typing never waits for a search; the search is stale then
 * and runs again for the text as it stands. Only search work (search.busy) is interrupted
 * for a key. (The database's own time budget applies as well: db.h.) */
static int key_waiting(void *arg)
{
	struct app *app = arg;
	if (term_signal())
		return 1;
	if (!app->search.busy)
		return 0;
	if (app->term && app->term->headless)
		return app->script_key_next;
	return app->term && term_key_waiting(app->term);
}

/* Eras in parallel tracks: each era (in order of start) takes the first track whose last era
 * has ended by its start year (sharing that year is fine), so the main line is track 0 and
 * the thematic eras beside it take the others. */
static void era_tracks(struct app *app)
{
	app->era_track = xcalloc(app->neras ? app->neras : 1, sizeof *app->era_track);
	int ends[8] = {0};
	for (size_t i = 0; i < app->neras; i++) {
		const struct dlt_period *e = &app->eras[i];
		int t = 0;
		while (t < 7 && ends[t] && ends[t] > e->start)
			t++;
		app->era_track[i] = t;
		ends[t] = e->end ? e->end : 1 << 30;
	}
}

int app_load(struct app *app, const char *db_path, int no_state, struct strbuf *err)
{
	memset(app, 0, sizeof *app);
	app->search.count = -1;
	app->db = dlt_db_open_default(db_path, err);
	if (!app->db)
		return -1;
	dlt_db_set_progress(app->db, 1000, key_waiting, app);
	if (dlt_summary_load(app->db, &app->sum) < 0) {
		sb_add(err, dlt_db_error(app->db));
		return -1;
	}
	app->neras = dlt_periods_load(app->db, DLT_ERAS, &app->eras);
	app->npars = dlt_periods_load(app->db, DLT_PARADIGMS, &app->pars);
	era_tracks(app);
	app->view = dlt_view_new(app->db, NULL);
	config_load(&app->cfg);
	refs_init(&app->refs, db_path, no_state);
	if (dlt_db_failed(app->db)) {
		sb_add(err, dlt_db_error(app->db));
		return -1;
	}
	return 0;
}

static void close_view(struct app *app, struct view *v)
{
	if (v->ops && v->ops->close)
		v->ops->close(app, v);
	memset(v, 0, sizeof *v);
}

void app_free(struct app *app)
{
	while (app->nstack)
		app_pop(app);
	close_view(app, &app->detail);
	close_view(app, &app->timeline);
	refs_free(&app->refs);
	search_free(&app->search);
	dlt_bookmarks_free(app->searches, app->nsearches);
	free(app->era_track);
	free(app->hist);
	dlt_view_free(app->view);
	dlt_periods_free(app->eras, app->neras);
	dlt_periods_free(app->pars, app->npars);
	dlt_periods_free(app->tags, app->ntags);
	dlt_summary_clear(&app->sum);
	config_free(&app->cfg);
	dlt_db_close(app->db);
	memset(app, 0, sizeof *app);
}

void app_message(struct app *app, int err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->msg, sizeof app->msg, fmt, ap);
	va_end(ap);
	app->msg_err = err;
}

/* ---- views -------------------------------------------------------------------------------- */

int app_push(struct app *app, const struct view_ops *ops, void *priv)
{
	assert(ops);
	struct view v = {ops, priv};
	if (app->nstack == APP_MAX_VIEWS) {
		close_view(app, &v);
		return -1;
	}
	app->stack[app->nstack++] = v;
	return 0;
}

void app_pop(struct app *app)
{
	if (!app->nstack)
		return;
	struct view *v = &app->stack[--app->nstack];
	if (v->ops == app->detail.ops && v->priv == app->detail.priv) {
		/* the detail is the controller's own: taken off the stack, not freed */
		app->detail_pushed = 0;
		memset(v, 0, sizeof *v);
		return;
	}
	close_view(app, v);
}

struct view *app_top(struct app *app)
{
	return app->nstack ? &app->stack[app->nstack - 1] : &app->timeline;
}

int64_t app_current(struct app *app)
{
	struct view *v = app_top(app);
	if (v->ops && v->ops->current)
		return v->ops->current(app, v);
	return app->sel;
}

/* ---- the actions no view took ------------------------------------------------------------ */

static void bookmark(struct app *app)
{
	struct dlt_row r = {0};
	int64_t id = app_current(app);
	if (!id || dlt_row_load(app->db, id, &r) < 0)
		return;
	int rc = refs_bookmark_toggle(&app->refs, &r, app->msg, sizeof app->msg);
	app->msg_err = rc < 0;
	dlt_row_clear(&r);
	if (rc == 1)   /* added: a note, if the user has one */
		app->make.prompt(app, PR_NOTE);
}

/* The address of the current milestone, or NULL (with a message). Malloc'd. */
static char *current_url(struct app *app)
{
	struct dlt_milestone m;
	int64_t id = app_current(app);
	if (!id || dlt_milestone_load(app->db, id, &m) < 0)
		return NULL;
	char *url = dlt_milestone_link(&m);
	if (!url)
		app_message(app, 0, "%s has no address", dlt_row_name(&m.row));
	dlt_milestone_clear(&m);
	return url;
}

static void open_url(struct app *app, int copy)
{
	char *url = current_url(app);
	if (!url)
		return;
	app->msg_err = 0;
	if (copy)
		refs_copy_url(app->term, url, app->msg, sizeof app->msg);
	else
		app->msg_err = refs_open_url(url, app->msg, sizeof app->msg) < 0;
	free(url);
}

/* u / U: the next or previous bookmarked milestone in timeline order, wrapping around. */
static void bookmark_step(struct app *app, int dir)
{
	char **slugs;
	size_t n = app->refs.state ? dlt_bookmarks_list(app->refs.state, &slugs) : 0;
	if (!n) {
		app_message(app, 0, app->refs.state ? "No bookmarks yet: m bookmarks the selection"
						    : "Bookmarks are off (--no-state)");
		return;
	}
	int64_t best = 0, wrap = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t id = dlt_id_by_slug(app->db, slugs[i]);
		if (!id)
			continue;
		if (dir > 0 ? id > app->sel && (!best || id < best) : id < app->sel && id > best)
			best = id;
		if (!wrap || (dir > 0 ? id < wrap : id > wrap))
			wrap = id;
	}
	dlt_bookmarks_free(slugs, n);
	if (!best && wrap && wrap != app->sel)
		app_message(app, 0, dir > 0 ? "Wrapped to the first bookmark" : "Wrapped to the last bookmark");
	if (!best)
		best = wrap;
	if (best && best != app->sel)
		app_jump(app, best, 0);
	else if (best)
		app_message(app, 0, "This is the only bookmark");
}

/* v, < and >: the pane beside the list. */
static void pane(struct app *app, enum tui_action a)
{
	if (app->term->w < APP_WIDE) {
		app_message(app, 0, "The detail stands beside the list from %d columns; Enter opens it", APP_WIDE);
		return;
	}
	if (a == ACT_DETAIL_PANE) {
		app->detail_hidden = !app->detail_hidden;
		if (app->detail_hidden)
			app->focus_detail = 0;
		app_message(app, 0, app->detail_hidden ? "Detail hidden (v shows it)" : "Detail shown");
		return;
	}
	int before = app_list_width(app, app->term->w);
	app->split += a == ACT_SPLIT_RIGHT ? 4 : -4;
	int after = app_list_width(app, app->term->w);
	app->split += after - before - (a == ACT_SPLIT_RIGHT ? 4 : -4);   /* stop at the limits */
	if (after == before)
		app_message(app, 0, a == ACT_SPLIT_RIGHT ? "The detail is as narrow as it gets" : "The list is as narrow as it gets");
}

/* The actions of the timeline level, when the view on top did not take the key. */
static void action(struct app *app, enum tui_action a, int key)
{
	switch (a) {
	case ACT_YEAR_JUMP:
		app->make.prompt(app, PR_YEAR);
		break;
	case ACT_SEARCH:
		app->make.prompt(app, PR_SEARCH);
		break;
	case ACT_ERA_PICK:
		app->make.picker(app, PK_ERA);
		break;
	case ACT_HISTORY:
		app->make.picker(app, PK_HISTORY);
		break;
	case ACT_FILTER:
		app->make.picker(app, PK_FILTER);
		break;
	case ACT_BOOKMARKS:
		app->make.picker(app, PK_BOOKMARKS);
		break;
	case ACT_PATH:
		app->make.picker(app, PK_TARGET);
		break;
	case ACT_OPEN:
		app_open_detail(app);
		break;
	case ACT_LINK_NEXT:
	case ACT_LINK_PREV:
		app_open_detail(app);
		if (app->detail.ops)
			app->detail.ops->key(app, &app->detail, a, key);
		break;
	case ACT_BOOKMARK_NEXT:
	case ACT_BOOKMARK_PREV:
		bookmark_step(app, a == ACT_BOOKMARK_NEXT ? 1 : -1);
		break;
	case ACT_DETAIL_PANE:
	case ACT_SPLIT_LEFT:
	case ACT_SPLIT_RIGHT:
		pane(app, a);
		break;
	case ACT_BACK:
		app_history_step(app, -1);
		break;
	case ACT_FORWARD:
		app_history_step(app, 1);
		break;
	case ACT_FILTER_CLEAR:
		if (!app_filter_active(dlt_view_filter(app->view))) {
			app_message(app, 0, "No filter");
		} else {
			app_set_filter(app, NULL);
			app_message(app, 0, "Filter cleared");
		}
		break;
	case ACT_LINEAGE:
		if (app->sel)
			app->make.lineage(app, app->sel, 1);
		break;
	case ACT_CHART:
		app->make.chart(app);
		break;
	case ACT_FOLD:
		app_message(app, 0, "z folds subtrees in the lineage view (a)");
		break;
	case ACT_BOOKMARK:
		bookmark(app);
		break;
	case ACT_EXPORT:
		app->make.prompt(app, PR_EXPORT);
		break;
	case ACT_OPEN_URL:
	case ACT_COPY_URL:
		open_url(app, a == ACT_COPY_URL);
		break;
	case ACT_HELP:
		app->make.help(app);
		break;
	case ACT_QUIT:
		app->quit = 1;
		break;
	case ACT_CLOSE:
		if (app->search.text) {
			search_set(&app->search, app->db, NULL, NULL, 0, 0);
			app_message(app, 0, "Search cleared");
		}
		break;
	case ACT_REDRAW:
		term_invalidate(app->term);
		break;
	default:
		break;
	}
}

/* The view that gets a key first: the top of the stack, or the detail beside the list
 * when it has the focus. */
static struct view *first_view(struct app *app)
{
	if (app->nstack)
		return &app->stack[app->nstack - 1];
	if (app->focus_detail && app_side_by_side(app) && app->detail.ops)
		return &app->detail;
	return &app->timeline;
}

/* True when keys the view ignores reach the timeline and the controller. */
static int passes_keys(const struct app *app, const struct view *v)
{
	return v == &app->timeline || v->ops->transparent;
}

/* A waiting key interrupts only search work, which takes the interruption for what it is.
 * Should one reach the database's error all the same, it is no failure either: forget it
 * and let the search be done again, so that no key can end the browser. */
static void settle_interrupt(struct app *app)
{
	if ((dlt_db_error_code(app->db) & 0xFF) == SQLITE_INTERRUPT) {
		dlt_db_clear_error(app->db);
		if (app->search.text)
			app->search.stale = 1;
	}
	app->search.busy = 0;
}

static void dispatch(struct app *app, int key)
{
	enum tui_action a = keymap_lookup(&app->cfg.keys, key);
	struct view *v = first_view(app);
	if (!v->ops->owns_status)
		app->msg[0] = '\0';
	if (app->too_small && passes_keys(app, v)) {
		if (a == ACT_QUIT || a == ACT_REDRAW)
			action(app, a, key);
		return;
	}
	enum handled h = v->ops->key ? v->ops->key(app, v, a, key) : IGNORED;
	if (h == CLOSE) {
		if (v->priv == app->detail.priv)
			app_close_detail(app);
		else
			app_pop(app);
	}
	if (h != IGNORED || !passes_keys(app, v))
		return;
	if (v != &app->timeline && app->timeline.ops->key(app, &app->timeline, a, key) != IGNORED)
		return;
	if (a == ACT_NONE) {
		char name[32];
		keys_name(key, name, sizeof name);
		app_message(app, 0, "Key %s does nothing here (? shows the keys)", name);
		return;
	}
	action(app, a, key);
}

void app_key(struct app *app, int key)
{
	dispatch(app, key);
	settle_interrupt(app);
}

void app_mouse(struct app *app, int bstate, int y, int x)
{
	if (app->nstack || app->too_small)
		return;
	struct view *v = app->list_w && x >= app->list_w ? &app->detail : &app->timeline;
	if (v->ops && v->ops->mouse)
		v->ops->mouse(app, v, bstate, y, x);
}

int app_idle(struct app *app)
{
	int more = 0;
	for (int i = -1; i < app->nstack; i++) {
		struct view *v = i < 0 ? &app->timeline : &app->stack[i];
		if (v->ops && v->ops->idle && v->ops->idle(app, v))
			more = 1;
	}
	settle_interrupt(app);
	return more || search_pending(&app->search);
}

/* ---- the timeline ------------------------------------------------------------------------ */

int app_filter_active(const struct dlt_filter *f)
{
	return !dlt_filter_is_empty(f);
}

void app_select(struct app *app, int64_t id)
{
	if (!id)
		return;
	app->sel = id;
	app->rank = 0;
	app->search.rank = 0;
	app->sel_gen++;
}

void app_select_top(struct app *app, int64_t id)
{
	app_select(app, id);
	if (id)
		app->top_req = id;
}

/* One row next to `from` in direction dir of the current view; its id or 0. */
static int64_t neighbour(struct app *app, int64_t from, int dir)
{
	struct dlt_row r = {0};
	if (dlt_view_fetch(app->view, from, dir, 1, &r) != 1)
		return 0;
	int64_t id = r.id;
	dlt_row_clear(&r);
	return id;
}

void app_set_filter(struct app *app, const struct dlt_filter *f)
{
	struct dlt_view *v = dlt_view_new(app->db, f);
	if (f && app_filter_active(f) && dlt_view_empty(v)) {
		app_message(app, 1, "Nothing matches %s", f->label ? f->label : "the filter");
		dlt_view_free(v);
		return;
	}
	dlt_view_free(app->view);
	app->view = v;
	/* Keep the selection if it passes, else take the next row that does. */
	int64_t keep = app->sel;
	if (!keep || !dlt_view_contains(v, keep)) {
		int64_t next = keep ? neighbour(app, keep, 1) : 0;
		if (!next)
			next = neighbour(app, INT64_MAX, -1);
		keep = next;
	}
	app->sel = keep;
	app->top_req = keep;
	app->rank = 0;
	app->search.rank = 0;
	app->sel_gen++;
	/* the search's matches are counted and marked within the filter */
	search_refilter(&app->search, app->db, dlt_view_filter(app->view));
}

void app_go_to(struct app *app, int64_t id)
{
	if (!dlt_view_contains(app->view, id)) {
		app_set_filter(app, NULL);
		app_message(app, 0, "Filter cleared to show the milestone");
	}
	app_select(app, id);
	app->detail_reset++;
}

void app_goto_year(struct app *app, int year)
{
	int64_t id = dlt_view_first_from_year(app->view, year);
	if (!id) {
		app_message(app, 1, "Nothing in %d or later", year);
		return;
	}
	struct dlt_row r = {0};
	if (dlt_row_load(app->db, id, &r) == 0) {
		if (r.year != year)
			app_message(app, 0, "Nothing in %d; showing %d", year, r.year);
		dlt_row_clear(&r);
	}
	app_jump(app, id, 1);
}

const struct dlt_period *app_era(const struct app *app, int64_t id)
{
	for (size_t i = 0; i < app->neras; i++)
		if (app->eras[i].id == id)
			return &app->eras[i];
	return NULL;
}

const struct dlt_period *app_paradigm(const struct app *app, int64_t id)
{
	for (size_t i = 0; i < app->npars; i++)
		if (app->pars[i].id == id)
			return &app->pars[i];
	return NULL;
}

size_t app_tags(struct app *app, struct dlt_period **tags)
{
	if (!app->tags)   /* loaded on first use: nothing at start-up that is not needed */
		app->ntags = dlt_periods_load(app->db, DLT_TAGS, &app->tags);
	*tags = app->tags;
	return app->ntags;
}

/* The eras that start in `year` with their years, "Name (2012–2017) · ...", into sb. */
static void eras_starting(const struct app *app, int year, struct strbuf *sb)
{
	const char *dash = app->term->utf8 ? "–" : "-";
	for (size_t i = 0; i < app->neras; i++) {
		const struct dlt_period *e = &app->eras[i];
		if (e->start != year)
			continue;
		sb_addf(sb, "%s%s (%d%s", sb->len ? (app->term->utf8 ? " · " : " / ") : "", e->name, e->start, dash);
		if (e->end)
			sb_addf(sb, "%d", e->end);
		sb_addc(sb, ')');
	}
}

void app_era_jump(struct app *app, int64_t era)
{
	const struct dlt_period *e = app_era(app, era);
	if (!e)
		return;
	int64_t id = dlt_view_first_from_year(app->view, e->start);
	if (!id) {
		app_message(app, 1, "Nothing shown in %s", e->name);
		return;
	}
	app_jump(app, id, 1);
	struct strbuf names = {0};
	eras_starting(app, e->start, &names);
	app_message(app, 0, "%s", sb_str(&names));
	sb_free(&names);
}

void app_era_step(struct app *app, int dir)
{
	if (!app->sel || !app->neras)
		return;
	/* the era starts in timeline order: the nearest one beyond the selection */
	int best = 0;
	int64_t best_id = 0;
	for (size_t i = 0; i < app->neras; i++) {
		int start = app->eras[i].start;
		int64_t id = dlt_view_first_from_year(app->view, start);
		if (!id || (dir > 0 ? id <= app->sel : id >= app->sel))
			continue;
		if (!best_id || (dir > 0 ? id < best_id : id > best_id)) {
			best_id = id;
			best = start;
		}
	}
	if (!best_id) {
		app_message(app, 0, dir > 0 ? "No era starts after this" : "No era starts before this");
		return;
	}
	app_jump(app, best_id, 1);
	struct strbuf names = {0};
	eras_starting(app, best, &names);
	app_message(app, 0, "%s", sb_str(&names));
	sb_free(&names);
}

/* ---- the detail and the history -------------------------------------------------------------- */

int app_side_by_side(const struct app *app)
{
	return app->term->w >= APP_WIDE && !app->detail_hidden;
}

int app_list_width(const struct app *app, int w)
{
	/* the detail reads best 60 to 96 columns wide; the list keeps at least 44 */
	int detail = w * 45 / 100;
	detail = detail < 60 ? 60 : detail > 96 ? 96 : detail;
	detail -= app->split;
	if (detail < 40)
		detail = 40;
	int list = w - 1 - detail;
	if (list < 44)
		list = 44;
	if (w - 1 - list < 40)
		list = w - 41;
	return list;
}

void app_jump(struct app *app, int64_t id, int top)
{
	if (!id)
		return;
	if (app->sel && app->sel != id)
		app_history_push(app, app->sel);
	app_go_to(app, id);
	if (top)
		app->top_req = id;
	app_history_push(app, id);
}

int app_detail_shown(const struct app *app)
{
	return app->detail_pushed || (app->focus_detail && app_side_by_side(app));
}


/* Jump to milestone id (nothing when 0) and open its detail over the view on top. */
static void app_open_over(struct app *app, int64_t id)
{
	if (!id)
		return;
	app_jump(app, id, 0);
	app_open_detail(app);
}

enum handled app_overlay_key(struct app *app, enum tui_action a, int64_t current)
{
	switch (a) {
	case ACT_OPEN:   /* closing the detail comes back to this screen */
		app_open_over(app, current);
		return HANDLED;
	case ACT_QUIT:
	case ACT_CLOSE:
		return CLOSE;
	case ACT_HELP:
		app->make.help(app);
		return HANDLED;
	case ACT_EXPORT:
		app->make.prompt(app, PR_EXPORT);
		return HANDLED;
	default:
		return HANDLED;
	}
}

void app_open_detail(struct app *app)
{
	if (!app->sel)
		return;
	app_history_push(app, app->sel);
	app->focus_detail = 1;
	app->detail_reset++;
	/* over the list on a narrow screen, and over any view opened over the list (a lineage
	 * tree, a path): closing it returns there */
	if ((!app_side_by_side(app) || app->nstack) && !app->detail_pushed && app->detail.ops &&
	    app_push(app, app->detail.ops, app->detail.priv) == 0)
		app->detail_pushed = 1;
}

void app_close_detail(struct app *app)
{
	app->focus_detail = 0;
	if (app->detail_pushed && app->nstack && app->stack[app->nstack - 1].priv == app->detail.priv)
		app_pop(app);
}

void app_history_push(struct app *app, int64_t id)
{
	if (app->nhist && app->hist[app->hpos] == id)
		return;
	/* Opening something new drops the forward part, as in a web browser. */
	if (app->nhist)
		app->nhist = app->hpos + 1;
	DLT_GROW(app->hist, app->nhist + 1, app->hcap);
	app->hist[app->nhist] = id;
	app->hpos = app->nhist++;
}

void app_history_step(struct app *app, int dir)
{
	if (!app->nhist) {
		app_message(app, 0, "No history yet");
		return;
	}
	/* If the selection has moved away from the current entry, "back" returns to it first. */
	if (dir < 0 && app->hist[app->hpos] != app->sel) {
		app_go_to(app, app->hist[app->hpos]);
		return;
	}
	if ((dir < 0 && app->hpos == 0) || (dir > 0 && app->hpos + 1 >= app->nhist)) {
		app_message(app, 0, dir < 0 ? "At the start of history" : "At the end of history");
		return;
	}
	app->hpos = dir < 0 ? app->hpos - 1 : app->hpos + 1;
	app_go_to(app, app->hist[app->hpos]);
	if (!app_side_by_side(app) && app->focus_detail && !app->detail_pushed && app->detail.ops &&
	    app_push(app, app->detail.ops, app->detail.priv) == 0)
		app->detail_pushed = 1;
}
