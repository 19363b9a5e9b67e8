/*
 * overlay.c -- what appears over the timeline: the help screen (generated from the action
 * table and the live key map), pickers with type-to-narrow completion (eras, filters,
 * history), the one-line prompt (year, search), and incremental search itself.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "model/detail.h"
#include "model/search.h"
#include "tui/ui.h"

/* A centred box of at most w x h; returns its geometry. */
static void overlay_box(struct ui *ui, int w, int h, int *bx, int *by, int *bw, int *bh, const char *title)
{
	*bw = w < ui->w - 2 ? w : ui->w - 2;
	*bh = h < ui->h - 2 ? h : ui->h - 2;
	if (*bw < 10)
		*bw = ui->w;
	if (*bh < 3)
		*bh = ui->h;
	*bx = (ui->w - *bw) / 2;
	*by = (ui->h - *bh) / 2;
	for (int y = 0; y < *bh; y++)
		draw_fill(*by + y, *bx, *bw, A_NORMAL);
	attr_t a = ui_attr(ui, EL_HEADER);
	draw_fill(*by, *bx, *bw, a);
	draw_str(ui, *by, *bx + 1, *bw - 2, title, a);
	for (int y = 1; y < *bh; y++) {
		draw_str(ui, *by + y, *bx, 1, glyph(ui, '|'), ui_attr(ui, EL_DIM));
		draw_str(ui, *by + y, *bx + *bw - 1, 1, glyph(ui, '|'), ui_attr(ui, EL_DIM));
	}
}

/* ---- help --------------------------------------------------------------------------------- */

/* The help text as lines: groups, then "keys  description" per action. */
static size_t help_lines(struct ui *ui, char ***out)
{
	char **v = NULL;
	size_t n = 0;
	const char *group = "";
	for (int a = ACT_NONE + 1; a < ACT__COUNT; a++) {
		const struct tui_action_info *info = keys_action_info((enum tui_action)a);
		struct strbuf sb = {0};
		if (strcmp(info->group, group) != 0) {
			group = info->group;
			if (n) {
				v = xrealloc(v, (n + 1) * sizeof *v);
				v[n++] = xstrdup("");
			}
			v = xrealloc(v, (n + 1) * sizeof *v);
			v[n++] = xstrdup(group);
		}
		struct strbuf keys = {0};
		keymap_keys_of(&ui->cfg.keys, (enum tui_action)a, &keys);
		sb_addf(&sb, "  %-16s %s", keys.len ? sb_str(&keys) : "(unbound)", info->help);
		sb_free(&keys);
		v = xrealloc(v, (n + 1) * sizeof *v);
		v[n++] = sb_detach(&sb);
	}
	static const char *const extra[] = {
		"",
		"Mouse",
		"  wheel            Scroll the timeline",
		"  click            Select a milestone; double-click opens it",
		"",
		"In prompts and pickers: type to narrow, Up/Down to choose, Enter to accept,",
		"Esc to cancel. Keys can be rebound in ~/.config/dltimeline/config",
		"(\"bind KEY ACTION\", \"color ELEMENT FG BG [bold]\"); actions are named",
		"as listed by 'man dltimeline'.",
	};
	for (size_t i = 0; i < DLT_ARRAY_LEN(extra); i++) {
		v = xrealloc(v, (n + 1) * sizeof *v);
		v[n++] = xstrdup(extra[i]);
	}
	*out = v;
	return n;
}

void help_draw(struct ui *ui)
{
	char **lines;
	size_t n = help_lines(ui, &lines);
	int bx, by, bw, bh;
	overlay_box(ui, 86, (int)n + 2, &bx, &by, &bw, &bh, "Keys (q or Esc closes; j/k scroll)");
	int rows = bh - 1;
	if (ui->help_scroll > (int)n - rows)
		ui->help_scroll = (int)n - rows;
	if (ui->help_scroll < 0)
		ui->help_scroll = 0;
	for (int y = 0; y < rows && (size_t)(ui->help_scroll + y) < n; y++) {
		const char *l = lines[ui->help_scroll + y];
		attr_t a = l[0] && l[0] != ' ' ? ui_attr(ui, EL_HEADING) : A_NORMAL;
		draw_str(ui, by + 1 + y, bx + 2, bw - 4, l, a);
	}
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

int help_key(struct ui *ui, int key, enum tui_action a)
{
	(void)key;
	switch (a) {
	case ACT_MOVE_DOWN:
		ui->help_scroll++;
		break;
	case ACT_MOVE_UP:
		ui->help_scroll--;
		break;
	case ACT_PAGE_DOWN:
		ui->help_scroll += ui->h / 2;
		break;
	case ACT_PAGE_UP:
		ui->help_scroll -= ui->h / 2;
		break;
	case ACT_FIRST:
		ui->help_scroll = 0;
		break;
	case ACT_QUIT:
	case ACT_CLOSE:
	case ACT_HELP:
		ui->mode = MODE_MAIN;
		break;
	default:
		break;
	}
	return 1;
}

/* ---- pickers ------------------------------------------------------------------------------ */

void picker_free(struct ui *ui)
{
	for (size_t i = 0; i < ui->pk.nitems; i++) {
		free(ui->pk.items[i].label);
		free(ui->pk.items[i].key);
		free(ui->pk.items[i].text);
	}
	free(ui->pk.items);
	free(ui->pk.shown);
	ui->pk.items = NULL;
	ui->pk.shown = NULL;
	ui->pk.nitems = ui->pk.nshown = 0;
}

static void pick_add(struct ui *ui, const char *label, enum dlt_filter_kind kind, int64_t ref, const char *text)
{
	ui->pk.items = xrealloc(ui->pk.items, (ui->pk.nitems + 1) * sizeof *ui->pk.items);
	char *key = xstrdup(label);
	for (char *p = key; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	ui->pk.items[ui->pk.nitems++] = (struct pick_item){xstrdup(label), key, kind, ref, xstrdup(text)};
}

/* Recompute which items match what was typed (every word must occur). */
/* For the path target: the items are the best search matches of what was typed. */
static void target_items(struct ui *ui)
{
	for (size_t i = 0; i < ui->pk.nitems; i++) {
		free(ui->pk.items[i].label);
		free(ui->pk.items[i].key);
		free(ui->pk.items[i].text);
	}
	ui->pk.nitems = 0;
	struct strbuf expr = {0};
	if (dlt_search_compile(ui->pk.input, &expr) == 0) {
		int64_t *ids;
		int n = dlt_search_ranked(ui->db, sb_str(&expr), 30, &ids);
		for (int i = 0; i < n; i++) {
			struct dlt_row r = {0};
			if (dlt_row_load(ui->db, ids[i], &r) < 0)
				continue;
			char buf[256];
			snprintf(buf, sizeof buf, "%d  %s", r.year, dlt_row_name(&r));
			pick_add(ui, buf, DLT_F_NONE, ids[i], NULL);
			free(ui->pk.items[ui->pk.nitems - 1].key);
			ui->pk.items[ui->pk.nitems - 1].key = xstrdup("");
			dlt_row_clear(&r);
		}
		if (n > 0)
			free(ids);
		dlt_db_clear_error(ui->db);
	}
	sb_free(&expr);
}

static void picker_narrow(struct ui *ui)
{
	if (ui->pk.kind == PK_TARGET)
		target_items(ui);
	free(ui->pk.shown);
	ui->pk.shown = xmalloc((ui->pk.nitems + 1) * sizeof *ui->pk.shown);
	ui->pk.nshown = 0;
	char input[sizeof ui->pk.input];
	snprintf(input, sizeof input, "%s", ui->pk.input);
	for (char *p = input; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	for (size_t i = 0; i < ui->pk.nitems; i++) {
		int ok = 1;
		char copy[sizeof input], *save;
		snprintf(copy, sizeof copy, "%s", input);
		/* path targets were already chosen by the search; the others narrow by words */
		for (char *w = strtok_r(copy, " ", &save); w && ok && ui->pk.kind != PK_TARGET;
		     w = strtok_r(NULL, " ", &save))
			ok = strstr(ui->pk.items[i].key, w) != NULL;
		if (ok)
			ui->pk.shown[ui->pk.nshown++] = i;
	}
	if (ui->pk.sel >= (int)ui->pk.nshown + (ui->pk.kind == PK_FILTER && ui->pk.input[0]))
		ui->pk.sel = 0;
}

void picker_open(struct ui *ui, enum picker_kind kind)
{
	picker_free(ui);
	memset(&ui->pk, 0, sizeof ui->pk);
	ui->pk.kind = kind;
	char buf[256];
	if (kind == PK_ERA) {
		ui->pk.title = "Jump to era (type to narrow, Enter jumps)";
		for (size_t i = 0; i < ui->neras; i++) {
			const struct dlt_period *e = &ui->eras[i];
			if (e->end)
				snprintf(buf, sizeof buf, "%d-%d  %s", e->start, e->end, e->name);
			else
				snprintf(buf, sizeof buf, "%d-      %s", e->start, e->name);
			pick_add(ui, buf, DLT_F_ERA, e->id, NULL);
		}
		/* start on the era of the selection */
		struct dlt_row r = {0};
		if (ui->sel && dlt_row_load(ui->db, ui->sel, &r) == 0) {
			for (size_t i = 0; i < ui->neras; i++)
				if (ui->eras[i].id == r.era)
					ui->pk.sel = (int)i;
			dlt_row_clear(&r);
		}
	} else if (kind == PK_FILTER) {
		ui->pk.title = "Filter: type words to search, or pick a tag, kind, era or paradigm";
		if (!ui->tags) /* loaded on first use: nothing at start-up that is not needed */
			ui->ntags = dlt_periods_load(ui->db, DLT_TAGS, &ui->tags);
		for (size_t i = 0; i < ui->ntags; i++) {
			snprintf(buf, sizeof buf, "tag       %s (%lld)", ui->tags[i].name, (long long)ui->tags[i].count);
			pick_add(ui, buf, DLT_F_TAG, ui->tags[i].id, ui->tags[i].name);
		}
		static const char *const kinds[] = {"paper", "model", "system", "product", "event",
						    "dataset", "framework", "hardware", "competition"};
		for (size_t i = 0; i < DLT_ARRAY_LEN(kinds); i++) {
			snprintf(buf, sizeof buf, "kind      %s", kinds[i]);
			pick_add(ui, buf, DLT_F_KIND, 0, kinds[i]);
		}
		for (size_t i = 0; i < ui->neras; i++) {
			snprintf(buf, sizeof buf, "era       %s", ui->eras[i].name);
			pick_add(ui, buf, DLT_F_ERA, ui->eras[i].id, ui->eras[i].name);
		}
		for (size_t i = 0; i < ui->npars; i++) {
			snprintf(buf, sizeof buf, "paradigm  %s", ui->pars[i].name);
			pick_add(ui, buf, DLT_F_PARADIGM, ui->pars[i].id, ui->pars[i].name);
		}
	} else if (kind == PK_BOOKMARKS) {
		ui->pk.title = "Bookmarks (Enter opens; m on a milestone adds or removes one)";
		if (!ui->state) {
			ui_message(ui, 1, "%s", ui->state_err);
			return;
		}
		char **slugs;
		size_t n = dlt_bookmarks_list(ui->state, &slugs);
		for (size_t i = 0; i < n; i++) {
			struct dlt_row r = {0};
			int64_t id = dlt_id_by_slug(ui->db, slugs[i]);
			if (!id || dlt_row_load(ui->db, id, &r) < 0)
				continue;
			snprintf(buf, sizeof buf, "%d  %s", r.year, dlt_row_name(&r));
			pick_add(ui, buf, DLT_F_NONE, id, NULL);
			dlt_row_clear(&r);
		}
		dlt_bookmarks_free(slugs, n);
		if (!ui->pk.nitems) {
			ui_message(ui, 0, "No bookmarks yet: m bookmarks the selection");
			return;
		}
	} else if (kind == PK_TARGET) {
		struct dlt_row r = {0};
		if (!ui->sel || dlt_row_load(ui->db, ui->sel, &r) < 0)
			return;
		snprintf(ui->pk.target_title, sizeof ui->pk.target_title,
			 "Path from %s to... (type a name, Enter finds the chain)", dlt_row_name(&r));
		ui->pk.title = ui->pk.target_title;
		dlt_row_clear(&r);
	} else {
		ui->pk.title = "History (Enter opens)";
		for (size_t i = ui->nhist; i-- > 0;) {
			struct dlt_row r = {0};
			if (dlt_row_load(ui->db, ui->hist[i], &r) < 0)
				continue;
			snprintf(buf, sizeof buf, "%s %d  %s", i == ui->hpos ? "*" : " ", r.year, dlt_row_name(&r));
			pick_add(ui, buf, DLT_F_NONE, (int64_t)i, NULL);
			dlt_row_clear(&r);
		}
		if (!ui->pk.nitems) {
			ui_message(ui, 0, "No history yet: open a milestone with Enter");
			return;
		}
	}
	picker_narrow(ui);
	ui->mode = MODE_PICKER;
}

void picker_draw(struct ui *ui)
{
	int extra = ui->pk.kind == PK_FILTER && ui->pk.input[0];
	int n = (int)ui->pk.nshown + extra;
	int bx, by, bw, bh;
	overlay_box(ui, 72, n + 3 < 8 ? 8 : n + 3, &bx, &by, &bw, &bh, ui->pk.title);
	struct strbuf sb = {0};
	sb_addf(&sb, "> %s", ui->pk.input);
	int cx = bx + 2 + draw_str(ui, by + 1, bx + 2, bw - 4, sb_str(&sb), A_BOLD);
	if (!ui->headless)
		move(by + 1, cx);
	sb_free(&sb);
	int rows = bh - 2;
	if (ui->pk.sel < ui->pk.scroll)
		ui->pk.scroll = ui->pk.sel;
	if (ui->pk.sel >= ui->pk.scroll + rows)
		ui->pk.scroll = ui->pk.sel - rows + 1;
	for (int y = 0; y < rows && ui->pk.scroll + y < n; y++) {
		int i = ui->pk.scroll + y;
		attr_t a = i == ui->pk.sel ? ui_attr(ui, EL_SELECTED) : A_NORMAL;
		draw_fill(by + 2 + y, bx + 1, bw - 2, a);
		if (i == ui->pk.sel)
			draw_str(ui, by + 2 + y, bx + 1, 1, glyph(ui, '>'), a);
		if (extra && i == 0) {
			struct strbuf q = {0};
			sb_addf(&q, "search    \"%s\"", ui->pk.input);
			draw_str(ui, by + 2 + y, bx + 2, bw - 4, sb_str(&q), a | A_BOLD);
			sb_free(&q);
		} else {
			draw_str(ui, by + 2 + y, bx + 2, bw - 4, ui->pk.items[ui->pk.shown[i - extra]].label, a);
		}
	}
	if (!n)
		draw_str(ui, by + 2, bx + 2, bw - 4,
			 ui->pk.kind == PK_TARGET && !ui->pk.input[0] ? "(type words from its name)" : "(no match)",
			 ui_attr(ui, EL_DIM));
}

static void picker_accept(struct ui *ui)
{
	int extra = ui->pk.kind == PK_FILTER && ui->pk.input[0];
	ui->mode = MODE_MAIN;
	if (extra && ui->pk.sel == 0) {
		struct strbuf expr = {0}, label = {0};
		if (dlt_search_compile(ui->pk.input, &expr) < 0) {
			ui_message(ui, 1, "Nothing to search for in \"%s\"", ui->pk.input);
		} else {
			sb_addf(&label, "\"%s\"", ui->pk.input);
			struct dlt_filter f = {.kind = DLT_F_QUERY, .text = sb_detach(&expr), .label = sb_detach(&label)};
			list_set_filter(ui, &f);
			dlt_filter_clear(&f);
		}
		sb_free(&expr);
		picker_free(ui);
		return;
	}
	int i = ui->pk.sel - extra;
	if (i < 0 || (size_t)i >= ui->pk.nshown) {
		picker_free(ui);
		return;
	}
	const struct pick_item *it = &ui->pk.items[ui->pk.shown[i]];
	if (ui->pk.kind == PK_ERA) {
		list_era_jump(ui, it->ref);
	} else if (ui->pk.kind == PK_TARGET) {
		int64_t from = ui->sel, to = it->ref;
		picker_free(ui);
		if (from == to)
			ui_message(ui, 0, "That is the selection itself");
		else
			graph_open(ui, GV_PATH, from, to);
		return;
	} else if (ui->pk.kind == PK_BOOKMARKS) {
		if (!dlt_view_contains(ui->view, it->ref))
			list_set_filter(ui, NULL);
		list_select(ui, it->ref);
		ui->top = it->ref;
	} else if (ui->pk.kind == PK_HISTORY) {
		ui->hpos = (size_t)it->ref;
		list_select(ui, ui->hist[ui->hpos]);
		if (!dlt_view_contains(ui->view, ui->sel)) {
			list_set_filter(ui, NULL);
			list_select(ui, ui->hist[ui->hpos]);
		}
		ui->focus = FOCUS_DETAIL;
		ui->detail_open = ui->w < UI_WIDE;
	} else {
		static const char *const what[] = {"", "tag", "era", "paradigm", "kind", ""};
		struct strbuf label = {0};
		sb_addf(&label, "%s %s", what[it->kind], it->text);
		struct dlt_filter f = {.kind = it->kind, .ref = it->ref,
				       .text = it->kind == DLT_F_KIND ? xstrdup(it->text) : NULL,
				       .label = sb_detach(&label)};
		list_set_filter(ui, &f);
		dlt_filter_clear(&f);
	}
	picker_free(ui);
}

/* Text input shared by the picker and the prompt: returns 1 if the key edited buf. */
static int edit_key(char *buf, size_t size, int key)
{
	size_t len = strlen(buf);
	if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		/* drop one whole UTF-8 character */
		while (len > 0 && ((unsigned char)buf[len - 1] & 0xC0) == 0x80)
			len--;
		if (len > 0)
			len--;
		buf[len] = '\0';
		return 1;
	}
	if (key == 21) { /* ^U */
		buf[0] = '\0';
		return 1;
	}
	int cp = UI_CP(key);
	if (cp >= 32 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
		char enc[4];
		size_t n = utf8_encode((uint32_t)cp, enc);
		if (len + n < size) {
			memcpy(buf + len, enc, n);
			buf[len + n] = '\0';
		}
		return 1;
	}
	return 0;
}

int picker_key(struct ui *ui, int key, enum tui_action a)
{
	int n = (int)ui->pk.nshown + (ui->pk.kind == PK_FILTER && ui->pk.input[0]);
	if (key == 27) {
		ui->mode = MODE_MAIN;
		picker_free(ui);
		return 1;
	}
	if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		picker_accept(ui);
		return 1;
	}
	if (key == KEY_DOWN || key == '\t' || key == 14 /* ^N */) {
		if (ui->pk.sel + 1 < n)
			ui->pk.sel++;
		return 1;
	}
	if (key == KEY_UP || key == KEY_BTAB || key == 16 /* ^P */) {
		if (ui->pk.sel > 0)
			ui->pk.sel--;
		return 1;
	}
	if (key == KEY_NPAGE) {
		/* never below 0: with no match, sel -1 would index shown[-1] */
		ui->pk.sel = ui->pk.sel + 10 < n ? ui->pk.sel + 10 : n > 0 ? n - 1 : 0;
		return 1;
	}
	if (key == KEY_PPAGE) {
		ui->pk.sel = ui->pk.sel > 10 ? ui->pk.sel - 10 : 0;
		return 1;
	}
	if (edit_key(ui->pk.input, sizeof ui->pk.input, key)) {
		ui->pk.sel = 0;
		picker_narrow(ui);
		return 1;
	}
	(void)a;
	return 1;
}

/* ---- prompt and incremental search -------------------------------------------------------- */

int search_is_match(struct ui *ui, int64_t id)
{
	return ui->q_view && id && dlt_view_contains(ui->q_view, id);
}

int typing_search(const struct ui *ui)
{
	return ui->mode == MODE_PROMPT && ui->pr.kind == PR_SEARCH;
}

void search_busy(struct ui *ui, int on)
{
	ui->q_busy = on;
}

/* The search again when a key interrupted it (its view went stale): typing goes on at once,
 * and the search is redone for the text as it stands. */
static void search_renew(struct ui *ui)
{
	if (!ui->q_view || !dlt_view_stale(ui->q_view))
		return;
	char *text = xstrdup(ui->q_text);
	int64_t rank = ui->q_rank;
	search_set(ui, text);
	ui->q_rank = rank;
	free(text);
}

void search_set(struct ui *ui, const char *text)
{
	free(ui->q_text);
	dlt_view_free(ui->q_view);
	dlt_search_terms_free(ui->q_terms, ui->q_nterms);
	ui->q_text = NULL;
	ui->q_view = NULL;
	ui->q_terms = NULL;
	ui->q_nterms = 0;
	ui->q_count = -1;
	ui->q_rank = 0;
	ui->marks_h = 0;
	struct strbuf expr = {0};
	if (text && dlt_search_compile(text, &expr) == 0) {
		struct dlt_filter f = {.kind = DLT_F_QUERY, .text = sb_detach(&expr)};
		ui->q_view = dlt_view_new(ui->db, &f);
		dlt_filter_clear(&f);
		ui->q_text = utf8_sanitize(text, strlen(text), 0);
		ui->q_nterms = dlt_search_terms(text, &ui->q_terms);
	}
	sb_free(&expr);
	detail_invalidate(ui);
}

/* The first match at or after id `from` (dir > 0) or before it (dir < 0), within the
 * current view; wraps around once. Returns 0 when there is none. */
static int64_t find_match(struct ui *ui, int64_t from, int dir, int *wrapped)
{
	*wrapped = 0;
	for (int pass = 0; pass < 2; pass++) {
		int64_t cur = from;
		struct dlt_row r[64];
		for (;;) {
			size_t n = dlt_view_fetch(ui->q_view, cur, dir, DLT_ARRAY_LEN(r), r);
			int64_t hit = 0;
			for (size_t i = 0; i < n; i++) {
				if (!hit && dlt_view_contains(ui->view, r[i].id))
					hit = r[i].id;
				cur = r[i].id;
				dlt_row_clear(&r[i]);
			}
			if (hit)
				return hit;
			if (n < DLT_ARRAY_LEN(r))
				break;
		}
		from = dir > 0 ? 0 : INT64_MAX;
		*wrapped = 1;
	}
	return 0;
}

void search_step(struct ui *ui, int dir)
{
	if (!ui->q_view) {
		ui_message(ui, 0, "No search: press / to search");
		return;
	}
	search_renew(ui);
	int wrapped;
	int64_t id = find_match(ui, ui->sel, dir, &wrapped);
	if (!id) {
		ui_message(ui, 1, "No match for \"%s\"", ui->q_text);
		return;
	}
	int64_t known = ui->q_rank;
	list_select(ui, id);
	/* the position moves with the selection: no counting */
	if (dlt_view_filter(ui->view)->kind == DLT_F_NONE) {
		if (wrapped)
			ui->q_rank = dir > 0 ? 1 : ui->q_count > 0 ? ui->q_count : 0;
		else if (known)
			ui->q_rank = known + dir;
	}
	if (wrapped)
		ui_message(ui, 0, dir > 0 ? "Search wrapped to the start" : "Search wrapped to the end");
}

void prompt_open(struct ui *ui, enum prompt_kind kind)
{
	ui->pr.kind = kind;
	ui->pr.buf[0] = '\0';
	ui->pr.origin_sel = ui->sel;
	ui->pr.origin_top = ui->top;
	ui->mode = MODE_PROMPT;
	ui->msg[0] = '\0';
}

void prompt_draw(struct ui *ui)
{
	int y = ui->h - 1;
	draw_fill(y, 0, ui->w, A_NORMAL);
	const char *label = ui->pr.kind == PR_YEAR ? "Year: " : "/";
	int x = draw_str(ui, y, 0, ui->w, label, A_BOLD);
	x += draw_str(ui, y, x, ui->w - x - 1, ui->pr.buf, A_NORMAL);
	if (ui->pr.kind == PR_SEARCH && ui->q_text) {
		char info[64];
		if (ui->q_count < 0) {
			search_busy(ui, 1);
			dlt_view_progress(ui->q_view, UI_WALK_SLICE);
			ui->q_count = dlt_view_count_now(ui->q_view);
			search_busy(ui, 0);
		}
		if (ui->q_count < 0)
			snprintf(info, sizeof info, "  (%s matches)", ui->utf8 ? "…" : "...");
		else
			snprintf(info, sizeof info, "  (%lld matches)", (long long)ui->q_count);
		draw_str(ui, y, x, ui->w - x - 1, info, ui_attr(ui, EL_DIM));
	}
	if (!ui->headless) {
		curs_set(1);
		move(y, x);
	}
}

/* After each keystroke of a search: move to the first match from where the search began.
 * With `busy`, a key typed meanwhile interrupts a slow search: it is left stale (no error)
 * and the next key, or the next idle moment, runs it again. */
static void search_incremental(struct ui *ui, int busy)
{
	search_busy(ui, busy);
	search_set(ui, ui->pr.buf[0] ? ui->pr.buf : NULL);
	if (!ui->q_view) {
		search_busy(ui, 0);
		list_select(ui, ui->pr.origin_sel);
		ui->top = ui->pr.origin_top;
		return;
	}
	int wrapped;
	int64_t id = find_match(ui, ui->pr.origin_sel ? ui->pr.origin_sel - 1 : 0, 1, &wrapped);
	search_busy(ui, 0);
	if (dlt_view_stale(ui->q_view))
		return;
	if (id)
		list_select(ui, id);
	else
		list_select(ui, ui->pr.origin_sel);
}

int search_idle(struct ui *ui)
{
	if (ui->mode != MODE_PROMPT || ui->pr.kind != PR_SEARCH || !ui->q_view || !dlt_view_stale(ui->q_view))
		return 0;
	search_incremental(ui, 1);
	return ui->q_view && dlt_view_stale(ui->q_view);
}

int prompt_key(struct ui *ui, int key)
{
	if (key == 27) {
		ui->mode = MODE_MAIN;
		if (ui->pr.kind == PR_SEARCH) {
			search_set(ui, NULL);
			list_select(ui, ui->pr.origin_sel);
			ui->top = ui->pr.origin_top;
		}
		return 1;
	}
	if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		if (ui->pr.kind == PR_SEARCH && ui->q_view && dlt_view_stale(ui->q_view))
			search_incremental(ui, 0);   /* interrupted by this key: finish it now */
		ui->mode = MODE_MAIN;
		if (ui->pr.kind == PR_YEAR) {
			long year;
			if (parse_long(ui->pr.buf, 1, 9999, &year) < 0)
				ui_message(ui, 1, "Not a year: \"%s\"", ui->pr.buf);
			else
				list_year(ui, (int)year);
		} else if (!ui->q_view) {
			search_set(ui, NULL);
			if (ui->pr.buf[0])
				ui_message(ui, 1, "Nothing to search for in \"%s\"", ui->pr.buf);
		} else if (!search_is_match(ui, ui->sel)) {
			ui_message(ui, 1, "No match for \"%s\"", ui->q_text);
		}
		return 1;
	}
	if (ui->pr.kind == PR_YEAR && key >= 32 && key < 127 && !isdigit(key))
		return 1;
	if (edit_key(ui->pr.buf, ui->pr.kind == PR_YEAR ? 6 : sizeof ui->pr.buf, key) &&
	    ui->pr.kind == PR_SEARCH)
		search_incremental(ui, 1);
	return 1;
}
