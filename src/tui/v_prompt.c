/*
 * v_prompt.c -- the one-line prompt in the status line: a year to jump to, or the words of
 * an incremental search, which moves the selection to the first match after the place the
 * search started as each key is typed. The line edits as readline does (lineedit.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "tui/draw.h"
#include "tui/lineedit.h"
#include "tui/views.h"

struct prompt {
	enum prompt_kind kind;
	struct lineedit in;
	size_t from;                 /* the first byte of the text shown */
	int64_t origin_sel, origin_top;   /* where the search started */
};

static void prompt_draw(struct app *app, struct view *v, struct rect r)
{
	struct prompt *p = v->priv;
	struct search *q = &app->search;
	int y = r.y + r.h - 1;
	draw_fill(y, 0, r.w, A_NORMAL);
	const char *label = p->kind == PR_YEAR ? "Year: " : "/";
	int x = draw_str(y, 0, r.w, label, A_BOLD);
	char info[64] = "";
	if (p->kind == PR_SEARCH && q->text) {
		int64_t count = search_count(q, APP_WALK_SLICE, 0);
		if (count < 0)
			snprintf(info, sizeof info, "  (%s matches)", draw_utf8() ? "…" : "...");
		else
			snprintf(info, sizeof info, "  (%lld matches)", (long long)count);
	}
	int room = r.w - x - 1;
	int field = room - (int)strlen(info);
	if (field < room / 2)
		field = room;
	int cur = lineedit_view(&p->in, field > 0 ? field : 1, &p->from);
	int used = draw_str(y, x, field, p->in.buf + p->from, A_NORMAL);
	if (*info && field < room)
		draw_str(y, x + used, room - used, info, draw_attr(EL_DIM));
	term_cursor(app->term, y, x + cur);
}

/* After each change of the text of a search: move to the first match from where the search
 * began. With `busy`, a key typed meanwhile interrupts a slow search: it is left stale (no
 * error) and the next key, or the next idle moment, runs it again. */
static void incremental(struct app *app, struct prompt *p, int busy)
{
	struct search *q = &app->search;
	q->busy = busy;
	search_set(q, app->db, p->in.len ? p->in.buf : NULL);
	if (!q->view) {
		q->busy = 0;
		app_select(app, p->origin_sel);
		app->top_req = p->origin_top;
		return;
	}
	int wrapped;
	int64_t id = search_find(q, app->view, p->origin_sel ? p->origin_sel - 1 : 0, 1, &wrapped);
	q->busy = 0;
	if (search_stale(q))
		return;
	app_select(app, id ? id : p->origin_sel);
}

static void accept(struct app *app, struct prompt *p)
{
	struct search *q = &app->search;
	if (p->kind == PR_YEAR) {
		long year;
		if (parse_long(p->in.buf, 1, 9999, &year) < 0)
			app_message(app, 1, "Not a year: \"%s\"", p->in.buf);
		else
			app_goto_year(app, (int)year);
		return;
	}
	if (search_stale(q))
		incremental(app, p, 0);   /* interrupted by this key: finish it now */
	if (!q->view) {
		search_set(q, app->db, NULL);
		if (p->in.len)
			app_message(app, 1, "Nothing to search for in \"%s\"", p->in.buf);
	} else if (!search_is_match(q, app->sel)) {
		app_message(app, 1, "No match for \"%s\"", q->text);
	}
}

static enum handled prompt_key(struct app *app, struct view *v, enum tui_action a, int key)
{
	struct prompt *p = v->priv;
	int cmd;
	uint32_t cp;
	int edit = keys_line_edit(key, &cmd, &cp);
	if (edit == 2 && p->kind == PR_YEAR && cp < 127 && !isdigit((int)cp))
		return HANDLED;   /* a year has digits only */
	if (edit) {
		int changed = edit == 2 ? lineedit_insert(&p->in, cp) : lineedit_do(&p->in, (enum le_cmd)cmd);
		if (changed && p->kind == PR_SEARCH)
			incremental(app, p, 1);
		return HANDLED;
	}
	if (a == ACT_CLOSE) {
		if (p->kind == PR_SEARCH) {
			search_set(&app->search, app->db, NULL);
			app_select(app, p->origin_sel);
			app->top_req = p->origin_top;
		}
		return CLOSE;
	}
	if (a == ACT_OPEN) {
		struct prompt copy = *p;
		app_pop(app);   /* the prompt goes first: a message from accepting shows */
		accept(app, &copy);
		return HANDLED;
	}
	return HANDLED;
}

/* Finish a search that a key interrupted, while no key comes. */
static int prompt_idle(struct app *app, struct view *v)
{
	struct prompt *p = v->priv;
	if (p->kind != PR_SEARCH || !search_stale(&app->search))
		return 0;
	incremental(app, p, 1);
	return search_stale(&app->search);
}

static int prompt_hints(struct app *app, struct view *v, struct hint *h)
{
	(void)app, (void)v, (void)h;
	return -1;
}

static void prompt_close(struct app *app, struct view *v)
{
	app->typing_search = 0;
	free(v->priv);
}

static const struct view_ops prompt_ops = {
	.name = "prompt",
	.draw = prompt_draw,
	.key = prompt_key,
	.hints = prompt_hints,
	.idle = prompt_idle,
	.close = prompt_close,
	.owns_status = 1,
};

void prompt_open(struct app *app, enum prompt_kind kind)
{
	struct prompt *p = xcalloc(1, sizeof *p);
	p->kind = kind;
	p->in.limit = kind == PR_YEAR ? 5 : 255;
	p->origin_sel = app->sel;
	p->origin_top = app->top_shown;
	app->typing_search = kind == PR_SEARCH;
	app->msg[0] = '\0';
	app_push(app, &prompt_ops, p);
}
