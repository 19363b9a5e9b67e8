/*
 * tui.c -- the browser's life cycle: terminal start-up and restoration, signals, reading
 * keys (from the terminal, or from a script in headless mode), the main loop, and the
 * dispatch of keys to overlays, panes and actions.
 *
 * The terminal is always restored: endwin() runs on quit, on SIGINT/SIGTERM/SIGHUP (which
 * only set a flag that the loop checks), on fatal errors (before the message is printed) and
 * from an atexit handler for the out-of-memory path. Ctrl-Z is left to curses, whose SIGTSTP
 * handler suspends and restores the screen.
 */
#define DLT_TUI_TERMINFO 1
#include "tui/tui.h"

#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "core/utf8.h"
#include "db/db.h"
#include "tui/ui.h"

static volatile sig_atomic_t got_signal;   /* set by the handler, read by the loop */
static int curses_active;                  /* for the atexit handler */

static void on_signal(int sig)
{
	got_signal = sig;
}

static void restore_terminal(void)
{
	if (curses_active) {
		curses_active = 0;
		endwin();
	}
}

void ui_message(struct ui *ui, int err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
	ui->msg_err = err;
}

/* ---- drawing the whole screen ------------------------------------------------------------- */

static void redraw(struct ui *ui)
{
	erase();
	curs_set(0);
	ui->too_small = ui->w < UI_MIN_W || ui->h < UI_MIN_H;
	if (ui->too_small) {
		char msg[64];
		snprintf(msg, sizeof msg, "Terminal too small (%dx%d)", ui->w, ui->h);
		draw_str(ui, 0, 0, ui->w, msg, A_BOLD);
		snprintf(msg, sizeof msg, "needs %dx%d; q quits", UI_MIN_W, UI_MIN_H);
		if (ui->h > 1)
			draw_str(ui, 1, 0, ui->w, msg, A_NORMAL);
		refresh();
		return;
	}
	ui->body_y = 1;
	ui->body_h = ui->h - 2;
	for (int k = 0; k < ui->nosc8; k++)
		free(ui->osc8[k].text);
	ui->nosc8 = 0;
	if (ui->mode == MODE_GRAPH || ui->mode == MODE_CHART) {
		if (ui->mode == MODE_GRAPH)
			graph_draw(ui);
		else
			chart_draw(ui);
	} else if (ui->w >= UI_WIDE) {
		ui->detail_open = 0;
		ui->list_w = ui->w * 9 / 20;
		list_draw(ui, 0, ui->list_w);
		for (int y = 0; y < ui->body_h; y++)
			draw_str(ui, ui->body_y + y, ui->list_w, 1, glyph(ui, '|'),
				 ui->focus == FOCUS_DETAIL ? ui_attr(ui, EL_HEADING) : ui_attr(ui, EL_DIM));
		detail_draw(ui, ui->list_w + 1, ui->w - ui->list_w - 1);
	} else if (ui->detail_open) {
		ui->list_w = 0;
		detail_draw(ui, 0, ui->w);
	} else {
		if (ui->focus == FOCUS_DETAIL)
			ui->focus = FOCUS_LIST;
		ui->list_w = ui->w;
		list_draw(ui, 0, ui->w);
	}
	header_draw(ui);
	if (ui->mode == MODE_PROMPT)
		prompt_draw(ui);
	else
		status_draw(ui);
	if (ui->mode == MODE_HELP)
		help_draw(ui);
	else if (ui->mode == MODE_PICKER)
		picker_draw(ui);
	if (!ui->headless)   /* headless: the screen is read back from stdscr, never painted */
		refresh();
	if (ui->mode == MODE_MAIN)
		osc8_emit(ui);
}

/* ---- keys ---------------------------------------------------------------------------------- */

static void mouse_event(struct ui *ui, int bstate, int x, int y)
{
	if (ui->mode != MODE_MAIN || ui->too_small)
		return;
	int in_list = ui->list_w && x < ui->list_w;
	if (bstate & BUTTON4_PRESSED) {
		if (in_list || !ui->list_w)
			in_list ? list_move(ui, -3) : (void)(ui->dscroll = ui->dscroll > 3 ? ui->dscroll - 3 : 0);
		else
			ui->dscroll = ui->dscroll > 3 ? ui->dscroll - 3 : 0;
	} else if (bstate & BUTTON5_PRESSED) {
		if (in_list)
			list_move(ui, 3);
		else
			ui->dscroll += 3;
	} else if (bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON1_DOUBLE_CLICKED)) {
		if (in_list) {
			ui->focus = FOCUS_LIST;
			list_click(ui, y, (bstate & BUTTON1_DOUBLE_CLICKED) != 0);
		} else if (ui->list_w) {
			ui->focus = FOCUS_DETAIL;
		}
	}
}

static void handle_action(struct ui *ui, enum tui_action a)
{
	switch (a) {
	case ACT_MOVE_DOWN:
		list_move(ui, 1);
		break;
	case ACT_MOVE_UP:
		list_move(ui, -1);
		break;
	case ACT_PAGE_DOWN:
		list_page(ui, 1);
		break;
	case ACT_PAGE_UP:
		list_page(ui, -1);
		break;
	case ACT_FIRST:
		list_first(ui, 0);
		break;
	case ACT_LAST:
		list_first(ui, 1);
		break;
	case ACT_YEAR_JUMP:
		prompt_open(ui, PR_YEAR);
		break;
	case ACT_YEAR_PREV:
		list_year_step(ui, -1);
		break;
	case ACT_YEAR_NEXT:
		list_year_step(ui, 1);
		break;
	case ACT_ERA_PICK:
		picker_open(ui, PK_ERA);
		break;
	case ACT_ERA_PREV:
		list_era_step(ui, -1);
		break;
	case ACT_ERA_NEXT:
		list_era_step(ui, 1);
		break;
	case ACT_OPEN:
		detail_open(ui);
		break;
	case ACT_LINK_NEXT:
	case ACT_LINK_PREV:
		detail_open(ui);
		detail_key(ui, a);
		break;
	case ACT_BACK:
		history_step(ui, -1);
		break;
	case ACT_FORWARD:
		history_step(ui, 1);
		break;
	case ACT_HISTORY:
		picker_open(ui, PK_HISTORY);
		break;
	case ACT_SEARCH:
		prompt_open(ui, PR_SEARCH);
		break;
	case ACT_MATCH_NEXT:
		search_step(ui, 1);
		break;
	case ACT_MATCH_PREV:
		search_step(ui, -1);
		break;
	case ACT_FILTER:
		picker_open(ui, PK_FILTER);
		break;
	case ACT_FILTER_CLEAR:
		if (!filter_active(dlt_view_filter(ui->view))) {
			ui_message(ui, 0, "No filter");
		} else {
			list_set_filter(ui, NULL);
			ui_message(ui, 0, "Filter cleared");
		}
		break;
	case ACT_LINEAGE:
		if (ui->sel)
			graph_open(ui, GV_ANCESTORS, ui->sel, 0);
		break;
	case ACT_PATH:
		picker_open(ui, PK_TARGET);
		break;
	case ACT_CHART:
		chart_open(ui);
		break;
	case ACT_FOLD:
		ui_message(ui, 0, "z folds subtrees in the lineage view (a)");
		break;
	case ACT_BOOKMARK:
		bookmark_toggle(ui);
		break;
	case ACT_BOOKMARKS:
		picker_open(ui, PK_BOOKMARKS);
		break;
	case ACT_OPEN_URL:
		url_open(ui);
		break;
	case ACT_COPY_URL:
		url_copy(ui);
		break;
	case ACT_HELP:
		ui->mode = MODE_HELP;
		ui->help_scroll = 0;
		break;
	case ACT_QUIT:
		ui->quit = 1;
		break;
	case ACT_CLOSE:
		if (ui->q_text) {
			search_set(ui, NULL);
			ui_message(ui, 0, "Search cleared");
		}
		break;
	case ACT_REDRAW:
		if (!ui->headless)
			clearok(curscr, TRUE);
		break;
	case ACT_NONE:
	case ACT__COUNT:
		break;
	}
}

static void handle_key(struct ui *ui, int key)
{
	enum tui_action a = keymap_lookup(&ui->cfg.keys, key);
	if (ui->mode != MODE_PROMPT)
		ui->msg[0] = '\0';
	switch (ui->mode) {
	case MODE_PROMPT:
		prompt_key(ui, key);
		return;
	case MODE_PICKER:
		picker_key(ui, key, a);
		return;
	case MODE_HELP:
		help_key(ui, key, a);
		return;
	case MODE_GRAPH:
		graph_key(ui, key, a);
		return;
	case MODE_CHART:
		chart_key(ui, key, a);
		return;
	case MODE_MAIN:
		break;
	}
	if (ui->too_small) {
		if (a == ACT_QUIT || a == ACT_REDRAW)
			handle_action(ui, a);
		return;
	}
	if (ui->focus == FOCUS_DETAIL && (ui->w >= UI_WIDE || ui->detail_open) && detail_key(ui, a))
		return;
	if (a == ACT_NONE && key != ERR) {
		char name[32];
		keys_name(key, name, sizeof name);
		ui_message(ui, 0, "Key %s does nothing here (? shows the keys)", name);
		return;
	}
	handle_action(ui, a);
}

/* ---- headless script mode ------------------------------------------------------------------- */

enum ev_type { EV_KEY, EV_RESIZE, EV_MOUSE, EV_DUMP };

struct event {
	enum ev_type type;
	int key;          /* EV_KEY */
	int x, y;         /* EV_RESIZE: size; EV_MOUSE: position */
	int bstate;       /* EV_MOUSE */
};

struct script {
	struct event *ev;
	size_t n;
};

static void script_add(struct script *s, struct event e)
{
	s->ev = xrealloc(s->ev, (s->n + 1) * sizeof *s->ev);
	s->ev[s->n++] = e;
}

/* Parse a key script: characters are keys; <Name> is a named key (see keys_parse_name),
 * <resize WxH>, <click X Y>, <dclick X Y>, <wheelup X Y>, <wheeldown X Y>, <dump>;
 * whitespace is ignored (type a space as <Space>); '#' starts a comment line.
 * Returns 0, or -1 with a message in err. */
static int script_parse(const char *text, size_t len, struct script *s, struct strbuf *err)
{
	size_t i = 0;
	int line = 1;
	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\n') {
			line++;
			i++;
			if (i < len && text[i] == '#')
				while (i < len && text[i] != '\n')
					i++;
			continue;
		}
		if (i == 0 && c == '#') {
			while (i < len && text[i] != '\n')
				i++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r') {
			i++;
			continue;
		}
		if (c == '<') {
			const char *end = memchr(text + i, '>', len - i);
			if (!end || end - (text + i) > 64) {
				sb_addf(err, "script line %d: '<' without a closing '>' (type < as <Lt>)", line);
				return -1;
			}
			char tok[80];
			snprintf(tok, sizeof tok, "%.*s", (int)(end - text - i - 1), text + i + 1);
			i = (size_t)(end - text) + 1;
			struct event e = {0};
			char word[16];
			int a, b;
			if (strcmp(tok, "dump") == 0) {
				e.type = EV_DUMP;
			} else if (sscanf(tok, "resize %dx%d", &a, &b) == 2 && a >= 1 && b >= 1 && a <= 1000 && b <= 1000) {
				e.type = EV_RESIZE, e.x = a, e.y = b;
			} else if (sscanf(tok, "%15s %d %d", word, &a, &b) == 3 && a >= 0 && b >= 0) {
				e.type = EV_MOUSE, e.x = a, e.y = b;
				if (strcmp(word, "click") == 0)
					e.bstate = BUTTON1_CLICKED;
				else if (strcmp(word, "dclick") == 0)
					e.bstate = BUTTON1_DOUBLE_CLICKED;
				else if (strcmp(word, "wheelup") == 0)
					e.bstate = BUTTON4_PRESSED;
				else if (strcmp(word, "wheeldown") == 0)
					e.bstate = BUTTON5_PRESSED;
				else
					e.bstate = 0;
				if (!e.bstate) {
					sb_addf(err, "script line %d: unknown mouse event <%s>", line, tok);
					return -1;
				}
			} else {
				int k = keys_parse_name(tok);
				if (k < 0) {
					sb_addf(err, "script line %d: unknown key <%.40s>", line, tok);
					return -1;
				}
				e.type = EV_KEY, e.key = k;
			}
			script_add(s, e);
			continue;
		}
		uint32_t cp;
		i += utf8_decode(text + i, len - i, &cp);
		script_add(s, (struct event){.type = EV_KEY, .key = UI_CHAR(cp)});
	}
	return 0;
}

static int script_read(const char *path, struct script *s, struct strbuf *err)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!fp) {
		sb_addf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	struct strbuf text = {0};
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0 && text.len < (8u << 20))
		sb_addn(&text, buf, n);
	int bad = ferror(fp);
	if (fp != stdin)
		fclose(fp);
	if (bad) {
		sb_addf(err, "%s: read error", path);
		sb_free(&text);
		return -1;
	}
	int rc = script_parse(sb_str(&text), text.len, s, err);
	sb_free(&text);
	return rc;
}

/* One character per cell for the attributes of row y: r reverse, u underline, b bold,
 * d dim, . none (the first that applies); trailing '.' trimmed; prefixed with "@ ". */
static void dump_attr_line(struct ui *ui, int y, FILE *out)
{
	char *map = xmalloc((size_t)ui->w + 1);
	int n = 0;
	for (int x = 0; x < ui->w; x++) {
		cchar_t cc;
		if (mvin_wch(y, x, &cc) == ERR)
			break;
		wchar_t wch[CCHARW_MAX + 1];
		attr_t at;
		short pair;
		getcchar(&cc, wch, &at, &pair, NULL);
		map[n++] = at & A_REVERSE ? 'r' : at & A_UNDERLINE ? 'u' : at & A_BOLD ? 'b' : at & A_DIM ? 'd' : '.';
		if (wch[0] && utf8_cpwidth((uint32_t)wch[0]) == 2)
			x++;
	}
	while (n && map[n - 1] == '.')
		n--;
	map[n] = '\0';
	fprintf(out, "@ %s\n", map);
	free(map);
}

/* Write the screen's text, one line per row, trailing blanks trimmed. */
static void dump_screen(struct ui *ui, FILE *out)
{
	cchar_t *row = xmalloc(((size_t)ui->w + 1) * sizeof *row);
	struct strbuf line = {0};
	for (int y = 0; y < ui->h; y++) {
		sb_reset(&line);
		int n = mvwin_wchnstr(stdscr, y, 0, row, ui->w) == ERR ? 0 : ui->w;   /* a row at once */
		for (int x = 0; x < n; x++) {
			const wchar_t *wch = row[x].chars;   /* (ncurses: the characters of a cell) */
			for (int k = 0; k < CCHARW_MAX && wch[k]; k++) {
				char enc[4];
				if (wch[k] > 0 && wch[k] < 0x80)
					sb_addc(&line, (char)wch[k]);
				else if (wch[k] > 0 && (uint32_t)wch[k] <= 0x10FFFF)
					sb_addn(&line, enc, utf8_encode((uint32_t)wch[k], enc));
			}
			/* the right half of a wide character is its own cell: skip it */
			if (wch[0] >= 0x300 && utf8_cpwidth((uint32_t)wch[0]) == 2)
				x++;
		}
		while (line.len && line.buf[line.len - 1] == ' ')
			line.buf[--line.len] = '\0';
		fprintf(out, "%s\n", sb_str(&line));
		if (ui->dump_attrs)
			dump_attr_line(ui, y, out);
	}
	sb_free(&line);
	free(row);
}

/* ---- set-up ---------------------------------------------------------------------------------- */

/* The progress handler: a search query gives way to a key that is waiting (typed meanwhile,
 * or next in a script: a fast typist), so typing never waits for a search; the search is
 * stale then and runs again for the text as it stands. Only search work (ui->q_busy) is
 * ever interrupted. */
static int key_waiting(void *arg)
{
	struct ui *ui = arg;
	if (!ui->q_busy)
		return 0;
	if (ui->headless)
		return ui->script_key_next;
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
	return poll(&p, 1, 0) > 0;
}

static int ui_load(struct ui *ui, const struct tui_options *o, struct strbuf *err)
{
	ui->db = dlt_db_open_default(o->db_path, err);
	if (!ui->db)
		return -1;
	dlt_db_set_progress(ui->db, 1000, key_waiting, ui);
	if (dlt_summary_load(ui->db, &ui->sum) < 0) {
		sb_add(err, dlt_db_error(ui->db));
		return -1;
	}
	ui->neras = dlt_periods_load(ui->db, DLT_ERAS, &ui->eras);
	ui->npars = dlt_periods_load(ui->db, DLT_PARADIGMS, &ui->pars);
	ui->view = dlt_view_new(ui->db, NULL);
	ui->q_count = -1;
	ui->link_sel = -1;
	config_load(&ui->cfg);
	refs_init(ui, o->db_path, o->no_state);
	const char *codeset = nl_langinfo(CODESET);
	ui->utf8 = codeset && strcmp(codeset, "UTF-8") == 0;
	return dlt_db_failed(ui->db) ? (sb_add(err, dlt_db_error(ui->db)), -1) : 0;
}

static void ui_free(struct ui *ui)
{
	for (size_t i = 0; i < ui->nrows; i++)
		dlt_row_clear(&ui->rows[i]);
	picker_free(ui);
	graph_free(ui);
	chart_free(ui);
	refs_free(ui);
	search_set(ui, NULL);
	detail_invalidate(ui);
	free(ui->marks);
	free(ui->hist);
	dlt_view_free(ui->view);
	dlt_periods_free(ui->eras, ui->neras);
	dlt_periods_free(ui->pars, ui->npars);
	dlt_periods_free(ui->tags, ui->ntags);
	dlt_summary_clear(&ui->sum);
	config_free(&ui->cfg);
	dlt_db_close(ui->db);
}

static int want_color(void)
{
	const char *nc = getenv("NO_COLOR");
	return !(nc && *nc) && has_colors();
}

/* Start curses on the real terminal. Returns the SCREEN or NULL with err set. */
static SCREEN *start_terminal(struct ui *ui, struct strbuf *err)
{
	const char *term = getenv("TERM");
	if (!term || !*term || strcmp(term, "dumb") == 0) {
		sb_addf(err, "the terminal type is %s%s%s; the browser needs a full-screen terminal "
			     "(set TERM, e.g. TERM=xterm-256color) -- 'dltimeline list' works anywhere",
			term && *term ? "'" : "", term && *term ? term : "not set", term && *term ? "'" : "");
		return NULL;
	}
	/* newterm() on an unknown type prints its own message; check terminfo first. */
	int status = 0;
	if (setupterm(term, STDOUT_FILENO, &status) != OK) {
		sb_addf(err, "unknown terminal type '%.40s' (no terminfo entry); try TERM=xterm-256color", term);
		return NULL;
	}
	del_curterm(cur_term);
	SCREEN *scr = newterm(term, stdout, stdin);
	if (!scr) {
		sb_addf(err, "cannot start the terminal '%.40s'", term);
		return NULL;
	}
	curses_active = 1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(200);
	mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	ui->color = want_color();
	draw_init_colors(ui);
	getmaxyx(stdscr, ui->h, ui->w);
	return scr;
}

/* Start curses on a hidden terminal of the scripted size. */
static SCREEN *start_headless(struct ui *ui, const struct tui_options *o, FILE **nullf, struct strbuf *err)
{
	static const char *const terms[] = {"xterm-256color", "xterm", "vt100", "ansi"};
	*nullf = fopen("/dev/null", "r+");
	if (!*nullf) {
		sb_addf(err, "/dev/null: %s", strerror(errno));
		return NULL;
	}
	use_env(FALSE);
	SCREEN *scr = NULL;
	for (size_t i = 0; i < DLT_ARRAY_LEN(terms) && !scr; i++) {
		int status = 0;
		if (setupterm(terms[i], fileno(*nullf), &status) == OK) {
			del_curterm(cur_term);
			scr = newterm(terms[i], *nullf, *nullf);
		}
	}
	if (!scr) {
		sb_add(err, "no terminfo entry for the headless screen (install ncurses-base)");
		return NULL;
	}
	curses_active = 1;
	ui->headless = 1;
	ui->dump_attrs = o->dump_attrs;
	ui->color = want_color();
	draw_init_colors(ui);
	ui->w = o->width;
	ui->h = o->height;
	resizeterm(ui->h, ui->w);
	return scr;
}

static void loop_terminal(struct ui *ui)
{
	int idle_work = 1;   /* counting matches, an interrupted search: done while no key comes */
	while (!ui->quit && !got_signal && !dlt_db_failed(ui->db)) {
		redraw(ui);
		wint_t wch;
		timeout(idle_work ? 0 : 200);
		int rc = get_wch(&wch);
		if (rc == ERR) {
			idle_work = list_idle(ui);
			continue;
		}
		idle_work = 1;
		int key;
		if (rc == KEY_CODE_YES) {
			key = (int)wch;
			if (key == KEY_RESIZE) {
				getmaxyx(stdscr, ui->h, ui->w);
				ui->marks_h = 0;
				continue;
			}
			if (key == KEY_MOUSE) {
				MEVENT me;
				if (getmouse(&me) == OK)
					mouse_event(ui, (int)me.bstate, me.x, me.y);
				continue;
			}
		} else {
			key = UI_CHAR((int)wch);
		}
		handle_key(ui, key);
	}
}

static int loop_script(struct ui *ui, const struct script *s, FILE *out)
{
	for (size_t i = 0; i < s->n && !ui->quit && !got_signal && !dlt_db_failed(ui->db); i++) {
		const struct event *e = &s->ev[i];
		redraw(ui);
		ui->script_key_next = i + 1 < s->n && s->ev[i + 1].type == EV_KEY;   /* a fast typist */
		switch (e->type) {
		case EV_KEY:
			handle_key(ui, e->key);
			break;
		case EV_RESIZE:
			ui->w = e->x;
			ui->h = e->y;
			resizeterm(ui->h, ui->w);
			ui->marks_h = 0;
			break;
		case EV_MOUSE:
			mouse_event(ui, e->bstate, e->x, e->y);
			break;
		case EV_DUMP:
			dump_screen(ui, out);
			fputs("\f\n", out);
			break;
		}
	}
	if (!ui->quit)   /* (a key that quits changes nothing: the screen is as last drawn) */
		redraw(ui);
	dump_screen(ui, out);
	/* flush here: a closed or full output fails only when the buffer is written */
	return fflush(out) == EOF || ferror(out) ? -1 : 0;
}

int tui_run(const struct tui_options *o)
{
	struct ui ui;
	struct strbuf err = {0};
	struct script script = {0};
	FILE *nullf = NULL, *out = NULL;
	SCREEN *scr = NULL;
	int status = DLT_EXIT_OK;

	memset(&ui, 0, sizeof ui);
	if (o->script && script_read(o->script, &script, &err) < 0)
		goto fail;
	if (ui_load(&ui, o, &err) < 0)
		goto fail;
	if (o->script) {
		out = o->dump ? fopen(o->dump, "w") : stdout;
		if (!out) {
			sb_addf(&err, "%s: %s", o->dump, strerror(errno));
			goto fail;
		}
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	atexit(restore_terminal);

	scr = o->script ? start_headless(&ui, o, &nullf, &err) : start_terminal(&ui, &err);
	if (!scr)
		goto fail;
	if (ui.cfg.errors.len) {
		/* Show the first config problem; all of them are printed on exit. */
		const char *e = sb_str(&ui.cfg.errors);
		int len = (int)strcspn(e, "\n");
		for (int k = len - 1; k >= 0; k--) /* the file name is enough in the status line */
			if (e[k] == '/') {
				e += k + 1;
				len -= k + 1;
				break;
			}
		ui_message(&ui, 1, "%.*s", len, e);
	}
	if (o->script) {
		if (loop_script(&ui, &script, out) < 0)
			sb_addf(&err, "%s: write error", o->dump ? o->dump : "stdout");
	} else {
		loop_terminal(&ui);
	}
	restore_terminal();
	delscreen(scr);
	if (dlt_db_failed(ui.db))
		sb_add(&err, dlt_db_error(ui.db));
	if (ui.cfg.errors.len)
		fputs(sb_str(&ui.cfg.errors), stderr);
	if (err.len) {
		fprintf(stderr, "dltimeline: %s\n", sb_str(&err));
		status = DLT_EXIT_ERROR;
	} else if (got_signal) {
		status = 128 + got_signal;
	}
	goto done;
fail:
	restore_terminal();
	if (scr)
		delscreen(scr);
	fprintf(stderr, "dltimeline: %s\n", sb_str(&err));
	status = DLT_EXIT_ERROR;
done:
	if (out && out != stdout)
		fclose(out);
	if (nullf)
		fclose(nullf);
	free(script.ev);
	sb_free(&err);
	ui_free(&ui);
	return status;
}
