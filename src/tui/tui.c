/*
 * tui.c -- the browser's main program: it makes the controller and the views, composes the
 * screen from them (header, the views of the body, the status line or a prompt, overlays),
 * and runs the loop that reads keys from the terminal, or events from a script in the
 * headless mode of the tests.
 */
#include "tui/tui.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "db/db.h"
#include "model/find.h"
#include "tui/app.h"
#include "tui/status.h"
#include "tui/views.h"

/* The lowest view on the stack that the body shows: the last one that fills the screen
 * (not an overlay, not a prompt); -1 for the timeline. */
static int body_view(const struct app *app)
{
	for (int i = app->nstack - 1; i >= 0; i--)
		if (!app->stack[i].ops->overlay && !app->stack[i].ops->owns_status)
			return i;
	return -1;
}

/* The timeline, with the detail beside it on wide screens. */
static void draw_timeline(struct app *app, struct rect body)
{
	int w = app->term->w;
	if (app_side_by_side(app)) {
		app->list_w = app_list_width(app, w);
		app->timeline.ops->draw(app, &app->timeline, (struct rect){body.y, 0, body.h, app->list_w});
		/* the line between the panes points at the one with the focus */
		for (int y = 0; y < body.h; y++)
			draw_str(body.y + y, app->list_w, 1, glyph(G_VLINE),
				 app->focus_detail ? draw_attr(EL_HEADING) : draw_attr(EL_DIM));
		draw_str(body.y, app->list_w, 1, glyph(app->focus_detail ? G_RIGHT1 : G_LEFT1), draw_attr(EL_HEADING));
		app->detail.ops->draw(app, &app->detail, (struct rect){body.y, app->list_w + 1, body.h, w - app->list_w - 1});
	} else {
		app->list_w = w;
		app->timeline.ops->draw(app, &app->timeline, body);
	}
}

/* The narrow and the wide layouts of the detail: beside the list from APP_WIDE columns, on
 * the stack below that. */
static void fit_layout(struct app *app)
{
	if (app_side_by_side(app)) {
		/* a detail over the list (not over a tree or a path) goes beside it */
		if (app->detail_pushed && app->nstack == 1) {
			for (int i = 0; i < app->nstack; i++)
				if (app->stack[i].priv == app->detail.priv) {
					memmove(&app->stack[i], &app->stack[i + 1],
						(size_t)(app->nstack - i - 1) * sizeof app->stack[0]);
					app->nstack--;
					break;
				}
			app->detail_pushed = 0;
		}
	} else if (app->focus_detail && !app->detail_pushed) {
		app->focus_detail = 0;
	}
}

static void redraw(struct app *app)
{
	struct tui_term *t = app->term;
	erase();
	term_cursor(t, -1, 0);
	app->too_small = t->w < APP_MIN_W || t->h < APP_MIN_H;
	if (app->too_small) {
		char msg[64];
		snprintf(msg, sizeof msg, "Terminal too small (%dx%d)", t->w, t->h);
		draw_str(0, 0, t->w, msg, A_BOLD);
		snprintf(msg, sizeof msg, "needs %dx%d; q quits", APP_MIN_W, APP_MIN_H);
		if (t->h > 1)
			draw_str(1, 0, t->w, msg, A_NORMAL);
		term_refresh(t);
		return;
	}
	fit_layout(app);
	app->body = (struct rect){1, 0, t->h - 2, t->w};
	refs_osc8_clear(&app->refs);
	int b = body_view(app);
	if (b >= 0) {
		app->list_w = app->stack[b].priv == app->detail.priv ? 0 : app->list_w;
		app->stack[b].ops->draw(app, &app->stack[b], app->body);
	} else {
		draw_timeline(app, app->body);
	}
	header_draw(app, t->w);
	struct rect screen = {0, 0, t->h, t->w};
	int prompt = -1;
	for (int i = b + 1; i < app->nstack; i++)
		if (app->stack[i].ops->owns_status)
			prompt = i;
	if (prompt < 0)
		status_draw(app, t->h - 1, t->w);
	for (int i = b + 1; i < app->nstack; i++)
		app->stack[i].ops->draw(app, &app->stack[i], screen);
	term_refresh(t);
	if (b < 0 || app->stack[b].priv == app->detail.priv)
		refs_osc8_emit(&app->refs, t);
}

static void loop_terminal(struct app *app)
{
	int idle_work = 1;   /* counting matches, an interrupted search: done while no key comes */
	while (!app->quit && !term_signal() && !dlt_db_failed(app->db)) {
		redraw(app);
		struct event e;
		if (!term_read(app->term, idle_work ? 0 : 200, &e)) {
			idle_work = app_idle(app);
			continue;
		}
		idle_work = 1;
		if (e.type == EV_MOUSE)
			app_mouse(app, e.bstate, e.y, e.x);
		else if (e.type == EV_KEY)
			app_key(app, e.key);
	}
}

static int loop_script(struct app *app, const struct script *s, FILE *out)
{
	for (size_t i = 0; i < s->n && !app->quit && !term_signal() && !dlt_db_failed(app->db); i++) {
		const struct event *e = &s->ev[i];
		redraw(app);
		app->script_key_next = i + 1 < s->n && s->ev[i + 1].type == EV_KEY;   /* a fast typist */
		switch (e->type) {
		case EV_KEY:
			app_key(app, e->key);
			break;
		case EV_RESIZE:
			term_resize(app->term, e->x, e->y);
			break;
		case EV_MOUSE:
			app_mouse(app, e->bstate, e->y, e->x);
			break;
		case EV_DUMP:
			term_dump(app->term, out);
			fputs("\f\n", out);
			break;
		}
	}
	if (!app->quit)   /* (a key that quits changes nothing: the screen is as last drawn) */
		redraw(app);
	term_dump(app->term, out);
	/* flush here: a closed or full output fails only when the buffer is written */
	return fflush(out) == EOF || ferror(out) ? -1 : 0;
}

/* Print a message to stderr made printable: the lines of the config file's problems as
 * they are (lines), else one line after "dltimeline: ". Messages quote file names and
 * script words, which may hold escape sequences. */
static void print_error(const char *msg, int lines)
{
	char *clean = utf8_sanitize(msg, strlen(msg), lines);
	fprintf(stderr, lines ? "%s" : "dltimeline: %s\n", clean);
	free(clean);
}

/* Say that the config file has problems: how many, and the first; all of them are printed
 * on exit (the status line has room for one). */
static void config_problem(struct app *app)
{
	const char *e = sb_str(&app->cfg.errors);
	int count = 0;
	for (const char *c = e; *c; c++)
		count += *c == '\n';
	int len = (int)strcspn(e, "\n");
	for (int k = len - 1; k >= 0; k--)   /* the file name is enough in the status line */
		if (e[k] == '/') {
			e += k + 1;
			len -= k + 1;
			break;
		}
	if (count > 1)
		app_message(app, 1, "%.*s (and %d more, all shown on exit)", len, e, count - 1);
	else
		app_message(app, 1, "%.*s", len, e);
}

/* The milestone `name` names (an id or name, else the best match of the words): its id, with
 * a message for the status line when it is not the only one named so; 0 with a reason in
 * err when nothing matches. */
static int64_t start_on(struct app *app, const char *name, char *msg, size_t size, struct strbuf *err)
{
	int64_t ids[2];
	int n = dlt_lookup(app->db, name, ids, 2);
	msg[0] = '\0';
	if (n > 1)
		snprintf(msg, size, "%d milestones have that name; this is the first", n);
	if (n > 0)
		return ids[0];
	struct dlt_found f;
	struct strbuf why = {0};
	int64_t id = 0;
	if (dlt_find(app->db, name, NULL, 1, 0, &f, &why) == 0 && f.n) {
		id = f.hits[0].id;
		snprintf(msg, size, "The best match for \"%.80s\"", name);
	}
	dlt_found_clear(&f);
	sb_free(&why);
	if (!id) {
		char *clean = utf8_sanitize(name, strlen(name), 0);
		sb_addf(err, "no milestone matches '%.80s' (see 'dltimeline search --help')", clean);
		free(clean);
	}
	return id;
}

int tui_run(const struct tui_options *o)
{
	struct app app;
	struct tui_term term;
	struct strbuf err = {0};
	struct script script = {0};
	FILE *out = NULL;
	int status = DLT_EXIT_OK, started = 0;

	memset(&term, 0, sizeof term);
	memset(&app, 0, sizeof app);   /* (app_free below, also when app_load never ran) */
	if (o->script && script_read(o->script, &script, &err) < 0)
		goto fail;
	if (app_load(&app, o->db_path, o->no_state, &err) < 0)
		goto fail;
	char start_msg[160] = "";
	int64_t start = o->go_to ? start_on(&app, o->go_to, start_msg, sizeof start_msg, &err) : 0;
	if (o->go_to && !start)
		goto fail;
	app.term = &term;
	app.make = (struct app_makers){help_open, picker_open, prompt_open, lineage_open, path_open, chart_open};
	timeline_make(&app.timeline);
	detail_make(&app.detail);
	if (o->script) {
		out = o->dump ? fopen(o->dump, "w") : stdout;
		if (!out) {
			sb_addf(&err, "%s: %s", o->dump, strerror(errno));
			goto fail;
		}
	}
	term_signals();
	if ((o->script ? term_start_headless(&term, &app.cfg, o->width, o->height, o->dump_attrs, &err)
		       : term_start(&term, &app.cfg, &err)) < 0)
		goto fail;
	started = 1;
	if (start) {
		app_jump(&app, start, 1);
		app_open_detail(&app);
		if (start_msg[0])
			app_message(&app, 0, "%s", start_msg);
	}
	if (app.cfg.errors.len)
		config_problem(&app);
	if (o->script) {
		if (loop_script(&app, &script, out) < 0)
			sb_addf(&err, "%s: write error", o->dump ? o->dump : "stdout");
	} else {
		loop_terminal(&app);
	}
	term_stop(&term);
	/* a signal stops the statement running (see app.c): that is no fault of the file */
	if (dlt_db_failed(app.db) && !term_signal())
		sb_add(&err, dlt_db_error(app.db));
	if (app.cfg.errors.len)
		print_error(sb_str(&app.cfg.errors), 1);
	if (err.len) {
		print_error(sb_str(&err), 0);
		status = DLT_EXIT_ERROR;
	} else if (term_signal()) {
		status = 128 + term_signal();
	}
	goto done;
fail:
	if (started || term.scr)
		term_stop(&term);
	print_error(sb_str(&err), 0);
	status = DLT_EXIT_ERROR;
done:
	if (out && out != stdout)
		fclose(out);
	script_free(&script);
	sb_free(&err);
	app_free(&app);
	return status;
}
