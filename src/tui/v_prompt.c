/*
 * v_prompt.c -- the one-line prompt in the status line: a year to jump to, a search, the
 * note of a new bookmark, or the file to export the view to.
 *
 * As a search is typed, its best-ranked matches (model/find.h, the ranking of `dltimeline
 * search`) show in a short list just above the prompt, the best one highlighted, and the
 * timeline follows the highlighted one. Up/Down or Tab/Shift-Tab choose; Enter goes there
 * and keeps every match marked for n and N; Esc returns to where the search began. Ctrl-P
 * and Ctrl-N (and Up/Down while there is no list) go through the search history. The line
 * edits as readline does (lineedit.h).
 *
 * The export prompt starts with a file name in the current directory for the view on top;
 * Tab changes the format (the name's ending: .md, .bib, .json), Enter writes the file
 * (tui/export.h) and says where; a file that exists is refused and the prompt stays.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "model/detail.h"
#include "model/state.h"
#include "tui/draw.h"
#include "tui/export.h"
#include "tui/lineedit.h"
#include "tui/views.h"

#define LIST_MAX 8   /* rows of the ranked list, at most */

struct prompt {
	enum prompt_kind kind;
	struct lineedit in;
	size_t from;                 /* the first byte of the text shown */
	int64_t origin_sel, origin_top;   /* where the search started */
	size_t hl;                   /* the highlighted row of the ranked list */
	int hist;                    /* the history entry shown, -1: the user's own text */
	char *own;                   /* the user's own text while the history is shown */
	char label[160];             /* what the prompt asks */
	int64_t target;              /* PR_NOTE: the milestone just bookmarked */
	struct view_contents contents;   /* PR_EXPORT: what is written */
	int format;                  /* PR_EXPORT: the format Tab chose last */
};

/* The rows the ranked list may have on this screen. */
static size_t list_rows(const struct app *app)
{
	int room = app->term->h - 6;   /* header, a line of timeline, the box's borders, prompt */
	return room < 1 ? 1 : room > LIST_MAX ? LIST_MAX : (size_t)room;
}

/* What the list's title says about the results. */
static void list_note(struct app *app, struct strbuf *sb)
{
	struct search *q = &app->search;
	const char *ell = draw_utf8() ? "…" : "...";
	if (q->error)
		sb_add(sb, q->error);
	else if (search_stale(q))
		sb_addf(sb, "searching%s", ell);
	else if (!q->found.n)
		sb_add(sb, "no match");
	else if (q->found.corrected)
		sb_addf(sb, "showing results for \"%s\"", q->found.corrected);
	else if (q->found.partial)
		sb_add(sb, "no milestone has every word: these have most of them");
	if (!q->error && q->found.describe)
		sb_addf(sb, "%s%s", sb->len ? "; " : "", q->found.describe);
	if (!q->error && q->quick)
		sb_addf(sb, "%sranking more%s", sb->len ? "; " : "", ell);
}

static void list_draw(struct app *app, struct prompt *p, struct rect r)
{
	struct search *q = &app->search;
	struct strbuf note = {0};
	list_note(app, &note);
	size_t n = q->found.n;
	int h = (int)n + 2, y0 = r.y + r.h - 1 - h;
	app->covered = 0;
	if (y0 < 1 || (!n && !note.len)) {
		sb_free(&note);
		return;
	}
	app->covered = h;
	draw_box(y0, 0, h, r.w, note.len ? sb_str(&note) : NULL);
	if (q->error)
		draw_str(y0, 2, r.w - 4, sb_str(&note), draw_attr(EL_ERROR));
	for (size_t i = 0; i < n; i++) {
		struct dlt_row row = {0};
		if (dlt_row_load(app->db, q->found.hits[i].id, &row) < 0)
			continue;
		int y = y0 + 1 + (int)i, x = 1, w = r.w - 2;
		attr_t a = i == p->hl ? draw_attr(EL_SELECTED) : A_NORMAL;
		draw_fill(y, x, w, a);
		char date[16];
		dlt_format_date(row.year, row.month, date, sizeof date);
		x += draw_str(y, x, 2, i == p->hl ? glyph(G_POINTER) : " ", a);
		draw_str(y, x, 8, date, i == p->hl ? a : draw_attr(EL_DATE));
		x += 9;
		int name_w = w >= 60 ? 26 : w / 3;
		int used = draw_str_hl(y, x, name_w, dlt_row_name(&row), a | A_BOLD, q->terms, q->nterms);
		x += (name_w > used ? name_w : used) + 1;
		if (r.w - 1 - x > 4)
			draw_str_hl(y, x, r.w - 1 - x, row.title, i == p->hl ? a : draw_attr(EL_DIM), q->terms, q->nterms);
		dlt_row_clear(&row);
	}
	sb_free(&note);
}

static void prompt_draw(struct app *app, struct view *v, struct rect r)
{
	struct prompt *p = v->priv;
	struct search *q = &app->search;
	int y = r.y + r.h - 1;
	if (p->kind == PR_SEARCH && q->text)
		list_draw(app, p, r);
	draw_fill(y, 0, r.w, A_NORMAL);
	int x = draw_str(y, 0, r.w, p->label, A_BOLD);
	char info[128] = "";
	if (app->msg[0])   /* a word about the last key ("A year is digits") */
		snprintf(info, sizeof info, "  %.100s", app->msg);
	else if (p->kind == PR_SEARCH && q->text && !q->error) {
		int64_t count = search_count(q, APP_WALK_SLICE, 0);
		if (count < 0)
			snprintf(info, sizeof info, "  (%s matches)", draw_utf8() ? "…" : "...");
		else if (count == 0 && q->found.partial)   /* the list has those with most words */
			snprintf(info, sizeof info, "  (none has every word)");
		else
			snprintf(info, sizeof info, "  (%lld match%s)", (long long)count, count == 1 ? "" : "es");
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

/* The timeline follows the highlighted row of the list (or goes back where it was). */
static void follow(struct app *app, struct prompt *p)
{
	struct search *q = &app->search;
	if (q->found.n) {
		if (p->hl >= q->found.n)
			p->hl = 0;
		app_go_to(app, q->found.hits[p->hl].id);
	} else {
		app_select(app, p->origin_sel);
		app->top_req = p->origin_top;
	}
}

/* After each change of the text: rank again. With `busy`, a key typed meanwhile interrupts
 * the work: the search is left stale (no error) and the next key, or the next moment
 * without one, runs it again. */
static void incremental(struct app *app, struct prompt *p, int busy, int quick)
{
	struct search *q = &app->search;
	q->busy = busy;
	search_set(q, app->db, p->in.len ? p->in.buf : NULL, dlt_view_filter(app->view), list_rows(app), quick);
	q->busy = 0;
	p->hl = 0;
	app->covered = q->text ? (int)q->found.n + 2 : 0;   /* as list_draw will draw it */
	if (!search_stale(q))
		follow(app, p);
}

/* Keep the text in the search history (the state file, and this session's list). */
static void remember(struct app *app, const char *text)
{
	for (size_t i = 0; i < app->nsearches; i++)
		if (strcmp(app->searches[i], text) == 0) {
			free(app->searches[i]);
			memmove(&app->searches[i], &app->searches[i + 1], (app->nsearches - i - 1) * sizeof *app->searches);
			app->nsearches--;
			break;
		}
	app->searches = xrealloc(app->searches, (app->nsearches + 1) * sizeof *app->searches);
	memmove(&app->searches[1], &app->searches[0], app->nsearches * sizeof *app->searches);
	app->searches[0] = xstrdup(text);
	app->nsearches++;
	if (app->refs.state && dlt_searches_add(app->refs.state, text) < 0)
		app_message(app, 1, "%s", dlt_state_error(app->refs.state));
}

/* Enter: jump to the year, or go to the highlighted match. */
static void accept_text(struct app *app, struct prompt *p)
{
	struct search *q = &app->search;
	if (p->kind == PR_YEAR) {
		long year;
		if (!p->in.len)
			return;   /* nothing typed: nothing to do */
		if (parse_long(p->in.buf, 0, 9999, &year) < 0) {
			app_message(app, 1, "Not a year: \"%s\"", p->in.buf);
			return;
		}
		if (p->in.len <= 2)   /* "86" is 1986, "12" is 2012: the century nearest the data */
			year += year < 50 ? 2000 : 1900;
		app_goto_year(app, (int)year);
		return;
	}
	if (!p->in.len) {
		search_set(q, app->db, NULL, NULL, 0, 0);
		return;
	}
	if (search_pending(q)) {   /* interrupted by this key, or a keystroke's list: finish it */
		size_t hl = search_stale(q) ? 0 : p->hl;
		incremental(app, p, 0, 0);
		p->hl = hl < q->found.n ? hl : 0;
	}
	remember(app, p->in.buf);
	if (q->error) {
		app_message(app, 1, "%s", q->error);
		search_set(q, app->db, NULL, NULL, 0, 0);
		app_select(app, p->origin_sel);
		app->top_req = p->origin_top;
		return;
	}
	if (!q->found.n) {
		app_message(app, 1, "No match for \"%s\"", q->text);
		app_select(app, p->origin_sel);
		app->top_req = p->origin_top;
		return;
	}
	if (p->origin_sel)
		app_history_push(app, p->origin_sel);   /* back (h) returns where the search began */
	follow(app, p);
	app_history_push(app, app->sel);
	if (q->found.corrected)
		app_message(app, 0, "Showing results for \"%s\"", q->found.corrected);
}

static void accept(struct app *app, struct prompt *p)
{
	accept_text(app, p);
	app->covered = 0;   /* the prompt and its list are gone */
}

/* Show history entry i (-1: the user's own text again). */
static void history_show(struct app *app, struct prompt *p, int i)
{
	if (i < -1 || i >= (int)app->nsearches)
		return;
	if (p->hist < 0 && i >= 0) {
		free(p->own);
		p->own = xstrdup(p->in.buf);
	}
	lineedit_set(&p->in, i < 0 ? (p->own ? p->own : "") : app->searches[i]);
	p->hist = i;
	incremental(app, p, 1, 1);
}

/* Tab in the export prompt: the next format, as the file name's ending. */
static void next_format(struct prompt *p, int by)
{
	struct strbuf sb = {0};
	sb_add(&sb, p->in.buf);
	int f = export_format_of(p->in.buf);
	if (f >= 0) {   /* the ending goes; .markdown is as long as it is */
		size_t n = strlen(dlt_doc_extension((enum dlt_doc_format)f));
		if (sb.len >= 9 && strcmp(sb.buf + sb.len - 9, ".markdown") == 0)
			n = 9;
		sb.buf[sb.len -= n] = '\0';
	}
	p->format = ((f >= 0 ? f : p->format) + DLT_DOC__COUNT + by) % DLT_DOC__COUNT;
	sb_add(&sb, dlt_doc_extension((enum dlt_doc_format)p->format));
	lineedit_set(&p->in, sb_str(&sb));
	sb_free(&sb);
}

/* Enter in the note prompt: the note (empty: none) goes on the bookmark. */
static void accept_note(struct app *app, struct prompt *p)
{
	struct dlt_row r = {0};
	if (dlt_row_load(app->db, p->target, &r) < 0)
		return;
	char *note = p->in.buf;   /* without the spaces around it */
	while (*note == ' ')
		note++;
	for (size_t n = strlen(note); n && note[n - 1] == ' '; n--)
		note[n - 1] = '\0';
	app->msg_err = refs_bookmark_note(&app->refs, &r, note, app->msg, sizeof app->msg) < 0;
	dlt_row_clear(&r);
}

/* Enter in the export prompt: write the file. Returns CLOSE when done (or nothing to do),
 * HANDLED to stay open with the reason in the message (an existing file, a name the formats
 * do not know). */
static enum handled accept_export(struct app *app, struct prompt *p)
{
	if (!p->in.len) {
		app_message(app, 0, "Nothing written");
		return CLOSE;
	}
	int f = export_format_of(p->in.buf);
	if (f < 0) {   /* the prompt asks again, saying why (a message would not fit beside it) */
		snprintf(p->label, sizeof p->label, "End it in .md, .bib or .json (Tab): ");
		return HANDLED;
	}
	char msg[sizeof app->msg];
	int rc = export_write(app, &p->contents, p->in.buf, (enum dlt_doc_format)f, msg, sizeof msg);
	if (rc == 1) {
		snprintf(p->label, sizeof p->label, "That file exists (not replaced); write to: ");
		return HANDLED;
	}
	app_message(app, rc != 0, "%s", msg);
	return CLOSE;
}

static enum handled prompt_key(struct app *app, struct view *v, enum tui_action a, int key)
{
	struct prompt *p = v->priv;
	struct search *q = &app->search;
	if (p->kind == PR_EXPORT && (key == '\t' || key == KEY_BTAB)) {
		next_format(p, key == '\t' ? 1 : -1);
		return HANDLED;
	}
	int list = p->kind == PR_SEARCH && q->found.n > 0;
	int step = key == '\t' ? 1 : key == KEY_BTAB ? -1 : 0;
	if (list && !step && p->hist < 0 && (key == KEY_DOWN || key == KEY_UP))
		step = key == KEY_DOWN ? 1 : -1;
	if (step && list) {
		size_t n = q->found.n;
		p->hl = (p->hl + n + (size_t)(step > 0 ? 1 : n - 1)) % n;
		follow(app, p);
		return HANDLED;
	}
	if (p->kind == PR_SEARCH && (key == 16 || key == 14 || key == KEY_UP || key == KEY_DOWN)) {
		history_show(app, p, p->hist + (key == 16 || key == KEY_UP ? 1 : -1));   /* Ctrl-P, Ctrl-N */
		return HANDLED;
	}
	int cmd;
	uint32_t cp;
	app->msg[0] = '\0';
	int edit = keys_line_edit(key, &cmd, &cp);
	if (edit == 2 && p->kind == PR_YEAR && !(cp < 127 && isdigit((int)cp))) {
		app_message(app, 1, "A year is digits: 1986, or 86");   /* shown when the prompt closes */
		return HANDLED;
	}
	if (edit) {
		int changed = edit == 2 ? lineedit_insert(&p->in, cp) : lineedit_do(&p->in, (enum le_cmd)cmd);
		if (changed && p->kind == PR_SEARCH) {
			p->hist = -1;
			incremental(app, p, 1, 1);
		}
		return HANDLED;
	}
	if (a == ACT_OPEN && p->kind == PR_EXPORT)
		return accept_export(app, p);
	if (a == ACT_OPEN && p->kind == PR_NOTE) {
		accept_note(app, p);
		return CLOSE;
	}
	if (a == ACT_CLOSE) {
		if (p->kind == PR_NOTE)
			app_message(app, 0, "Bookmarked without a note");
		if (p->kind == PR_SEARCH) {
			search_set(q, app->db, NULL, NULL, 0, 0);
			app_select(app, p->origin_sel);
			app->top_req = p->origin_top;
		}
		return CLOSE;
	}
	if (a == ACT_OPEN) {
		struct prompt copy = *p;
		p->own = NULL;   /* (the copy owns it now) */
		app_pop(app);   /* the prompt goes first: a message from accepting shows */
		accept(app, &copy);
		free(copy.own);
		return HANDLED;
	}
	return HANDLED;
}

/* While no key comes: finish a search that a key interrupted, or rank the text tiers that
 * a keystroke left out. */
static int prompt_idle(struct app *app, struct view *v)
{
	struct prompt *p = v->priv;
	struct search *q = &app->search;
	if (p->kind != PR_SEARCH || !search_pending(q))
		return 0;
	int was_quick = q->quick && !search_stale(q);
	int64_t id = q->found.n ? q->found.hits[p->hl < q->found.n ? p->hl : 0].id : 0;
	q->busy = 1;
	search_renew(q, app->db, dlt_view_filter(app->view));
	q->busy = 0;
	if (search_stale(q))
		return 1;
	/* keep the row the user chose when it is still there */
	p->hl = 0;
	for (size_t i = 0; was_quick && i < q->found.n; i++)
		if (q->found.hits[i].id == id)
			p->hl = i;
	follow(app, p);
	return 0;
}

static int prompt_hints(struct app *app, struct view *v, struct hint *h)
{
	(void)app, (void)v, (void)h;
	return -1;
}

static void prompt_close(struct app *app, struct view *v)
{
	struct prompt *p = v->priv;
	app->typing_search = 0;
	app->covered = 0;
	export_contents_free(&p->contents);
	free(p->own);
	free(p);
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

/* Ask for the note of the milestone just bookmarked, or the export's file: the label and
 * the text to start with. Returns 0, or -1 when there is nothing to ask for (the message says
 * why). */
static int ask(struct app *app, struct prompt *p)
{
	if (p->kind == PR_NOTE) {
		struct dlt_row r = {0};
		if (!(p->target = app_current(app)) || dlt_row_load(app->db, p->target, &r) < 0)
			return -1;
		snprintf(p->label, sizeof p->label, "Note for %.100s (Enter: none): ", dlt_row_name(&r));
		dlt_row_clear(&r);
		return 0;
	}
	if (!export_contents(app, &p->contents)) {
		app_message(app, 0, "Nothing here to export");
		return -1;
	}
	snprintf(p->label, sizeof p->label, "Write %zu milestone%s to (Tab: format): ", p->contents.n,
		 p->contents.n == 1 ? "" : "s");
	char name[sizeof p->contents.name + 8];
	snprintf(name, sizeof name, "%s%s", p->contents.name, dlt_doc_extension(DLT_DOC_MARKDOWN));
	lineedit_set(&p->in, name);
	return 0;
}

void prompt_open(struct app *app, enum prompt_kind kind)
{
	struct prompt *p = xcalloc(1, sizeof *p);
	p->kind = kind;
	p->in.limit = kind == PR_YEAR ? 5 : 255;
	snprintf(p->label, sizeof p->label, "%s", kind == PR_YEAR ? "Year: " : "/");
	if ((kind == PR_NOTE || kind == PR_EXPORT) && ask(app, p) < 0) {
		export_contents_free(&p->contents);
		free(p);
		return;
	}
	p->origin_sel = app->sel;
	p->origin_top = app->top_shown;
	p->hist = -1;
	app->typing_search = kind == PR_SEARCH;
	app->msg[0] = '\0';
	if (kind == PR_SEARCH && !app->searches_loaded) {
		app->searches_loaded = 1;
		if (app->refs.state)
			app->nsearches = dlt_searches_list(app->refs.state, &app->searches);
	}
	app_push(app, &prompt_ops, p);
}
