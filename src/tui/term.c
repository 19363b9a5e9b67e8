/*
 * term.c -- see term.h.
 *
 * The terminal is always restored. endwin() runs on quit, after a signal that ends the
 * browser (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM and the like only set a
 * flag that the main loop and the database's progress check look at), on fatal errors
 * (before the message is printed) and from an atexit handler for the out-of-memory path. A
 * crash (SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL, ...) cannot run curses: its handler writes
 * the terminal's own sequences that undo what curses set up, computed at the start, puts the
 * tty modes back as they were, and dies of the same signal (so the exit status still says
 * what happened). Ctrl-Z is left to curses, whose SIGTSTP handler suspends and restores the
 * screen.
 */
#define DLT_TUI_TERMINFO 1
#include "tui/term.h"

#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "core/utf8.h"
#include "tui/curses.h"
#include "tui/draw.h"

/* Signals whose default action ends the process: the browser ends cleanly instead, with
 * status 128 + the signal (unless the signal was ignored when it started, like SIGPIPE). */
static const int ending_signals[] = {
	SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGXCPU, SIGXFSZ, SIGPIPE,
};
/* Signals of a crash: the terminal is restored, then the signal does what it would have. */
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL, SIGTRAP, SIGSYS};

static volatile sig_atomic_t got_signal;     /* set by the handler, read by the loop */
static volatile sig_atomic_t curses_active;  /* for the atexit and crash handlers */
static char reset_seq[512];                  /* what undoes curses' modes, for a crash */
static size_t reset_len;
static struct termios saved_modes;           /* the tty's modes before curses */
static int saved_fd = -1;                    /* where they were read (-1: none) */

static void on_signal(int sig)
{
	got_signal = sig;
}

/* A crash: only async-signal-safe calls (write, tcsetattr, raise) from here on. */
static void on_crash(int sig)
{
	if (curses_active) {
		curses_active = 0;
		for (size_t done = 0; done < reset_len;) {
			ssize_t n = write(STDOUT_FILENO, reset_seq + done, reset_len - done);
			if (n <= 0 && errno != EINTR)
				break;
			done += n > 0 ? (size_t)n : 0;
		}
		if (saved_fd >= 0)
			tcsetattr(saved_fd, TCSANOW, &saved_modes);
	}
	signal(sig, SIG_DFL);
	raise(sig);   /* (SA_NODEFER: delivered now, with the default action) */
}

static void restore_terminal(void)
{
	if (curses_active) {
		curses_active = 0;
		endwin();
	}
}

void term_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < DLT_ARRAY_LEN(ending_signals); i++) {
		struct sigaction old;
		/* not one ignored (SIGPIPE under some parents) or handled by the caller (a fuzzer's
		 * SIGALRM, which it uses to time its runs) */
		if (sigaction(ending_signals[i], NULL, &old) == 0 && !(old.sa_flags & SA_SIGINFO) &&
		    (old.sa_handler == SIG_DFL || old.sa_handler == on_signal))
			sigaction(ending_signals[i], &sa, NULL);
	}
	static int registered;   /* (once: a harness runs the browser many times) */
	if (!registered++)
		atexit(restore_terminal);
}

int term_signal(void)
{
	return got_signal;
}

/* Append the string capability cap (may be absent) to the reset sequence. */
static void reset_add(const char *cap)
{
	if (!cap || cap == (char *)-1)
		return;
	size_t n = strlen(cap);
	if (reset_len + n < sizeof reset_seq) {
		memcpy(reset_seq + reset_len, cap, n);
		reset_len += n;
	}
}

/* Compute what a crash writes to leave the screen as curses found it -- mouse reporting off,
 * normal attributes, the cursor shown, the keypad in its normal mode, the alternate screen
 * left -- and catch the crash signals (on a stack of their own: a stack overflow is one). */
static void crash_guard(int mouse)
{
	static char altstack[64 * 1024];
	reset_len = 0;
	if (mouse)
		reset_add("\033[?1006l\033[?1015l\033[?1002l\033[?1003l\033[?1000l");
	reset_add(exit_attribute_mode);
	reset_add(cursor_normal);
	reset_add(keypad_local);
	reset_add(exit_ca_mode);
	stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
	sigaltstack(&ss, NULL);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_NODEFER | SA_RESETHAND | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < DLT_ARRAY_LEN(crash_signals); i++)
		sigaction(crash_signals[i], &sa, NULL);
}

static int want_color(void)
{
	const char *nc = getenv("NO_COLOR");
	return !(nc && *nc) && has_colors();
}

static void locale_facts(struct tui_term *t)
{
	const char *codeset = nl_langinfo(CODESET);
	t->utf8 = codeset && strcmp(codeset, "UTF-8") == 0;
}

int term_start(struct tui_term *t, const struct config *cfg, struct strbuf *err)
{
	memset(t, 0, sizeof *t);
	locale_facts(t);
	const char *term = getenv("TERM");
	if (!term || !*term || strcmp(term, "dumb") == 0) {
		sb_addf(err, "the terminal type is %s%s%s; the browser needs a full-screen terminal "
			     "(set TERM, e.g. TERM=xterm-256color) -- 'dltimeline list' works anywhere",
			term && *term ? "'" : "", term && *term ? term : "not set", term && *term ? "'" : "");
		return -1;
	}
	/* newterm() on an unknown type prints its own message; check terminfo first. */
	int status = 0;
	if (setupterm(term, STDOUT_FILENO, &status) != OK) {
		char *clean = utf8_sanitize(term, strlen(term), 0);
		sb_addf(err, "unknown terminal type '%.40s' (no terminfo entry); try TERM=xterm-256color", clean);
		free(clean);
		return -1;
	}
	del_curterm(cur_term);
	saved_fd = tcgetattr(STDOUT_FILENO, &saved_modes) == 0 ? STDOUT_FILENO
		   : tcgetattr(STDIN_FILENO, &saved_modes) == 0 ? STDIN_FILENO : -1;
	SCREEN *scr = newterm(term, stdout, stdin);
	if (!scr) {
		sb_addf(err, "cannot start the terminal");
		return -1;
	}
	t->scr = scr;
	curses_active = 1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(200);
	mmask_t mouse = mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	crash_guard(mouse != 0);
	t->color = want_color();
	draw_init(t->utf8, t->color, cfg->colors);
	getmaxyx(stdscr, t->h, t->w);
	return 0;
}

int term_start_headless(struct tui_term *t, const struct config *cfg, int w, int h, int dump_attrs,
			struct strbuf *err)
{
	static const char *const terms[] = {"xterm-256color", "xterm", "vt100", "ansi"};
	memset(t, 0, sizeof *t);
	locale_facts(t);
	t->nullf = fopen("/dev/null", "r+");
	if (!t->nullf) {
		sb_addf(err, "/dev/null: %s", strerror(errno));
		return -1;
	}
	use_env(FALSE);
	SCREEN *scr = NULL;
	for (size_t i = 0; i < DLT_ARRAY_LEN(terms) && !scr; i++) {
		int status = 0;
		if (setupterm(terms[i], fileno(t->nullf), &status) == OK) {
			del_curterm(cur_term);
			scr = newterm(terms[i], t->nullf, t->nullf);
		}
	}
	if (!scr) {
		sb_add(err, "no terminfo entry for the headless screen (install ncurses-base)");
		return -1;
	}
	t->scr = scr;
	curses_active = 1;
	t->headless = 1;
	t->dump_attrs = dump_attrs;
	t->color = want_color();
	draw_init(t->utf8, t->color, cfg->colors);
	term_resize(t, w, h);
	return 0;
}

void term_stop(struct tui_term *t)
{
	restore_terminal();
	if (t->scr)
		delscreen(t->scr);
	t->scr = NULL;
	if (t->nullf)
		fclose(t->nullf);
	t->nullf = NULL;
}

int term_read(struct tui_term *t, int timeout_ms, struct event *e)
{
	wint_t wch;
	timeout(timeout_ms);
	int rc = get_wch(&wch);
	if (rc == ERR)
		return 0;
	memset(e, 0, sizeof *e);
	e->type = EV_KEY;
	if (rc != KEY_CODE_YES) {
		e->key = TUI_CHAR((int)wch);
		return 1;
	}
	e->key = (int)wch;
	if (e->key == KEY_RESIZE) {
		getmaxyx(stdscr, t->h, t->w);
		e->type = EV_RESIZE;
		e->x = t->w;
		e->y = t->h;
	} else if (e->key == KEY_MOUSE) {
		MEVENT me;
		if (getmouse(&me) != OK)
			return 0;
		e->type = EV_MOUSE;
		e->x = me.x;
		e->y = me.y;
		e->bstate = (int)me.bstate;
	}
	return 1;
}

int term_key_waiting(const struct tui_term *t)
{
	if (t->headless)
		return 0;
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
	return poll(&p, 1, 0) > 0;
}

void term_resize(struct tui_term *t, int w, int h)
{
	t->w = w;
	t->h = h;
	resizeterm(h, w);
}

void term_refresh(const struct tui_term *t)
{
	if (!t->headless)   /* headless: the screen is read back from stdscr, never painted */
		refresh();
}

void term_cursor(const struct tui_term *t, int y, int x)
{
	if (t->headless)
		return;
	if (y < 0) {
		curs_set(0);
		return;
	}
	curs_set(1);
	move(y, x);
}

void term_invalidate(const struct tui_term *t)
{
	if (!t->headless)
		clearok(curscr, TRUE);
}

void term_write(const struct tui_term *t, const char *s)
{
	if (t->headless)
		return;
	fputs(s, stdout);
	fflush(stdout);
}

/* One character per cell for the attributes of row y: r reverse, u underline, b bold,
 * d dim, . none (the first that applies); trailing '.' trimmed; prefixed with "@ ". */
static void dump_attr_line(const struct tui_term *t, int y, FILE *out)
{
	char *map = xmalloc((size_t)t->w + 1);
	int n = 0;
	for (int x = 0; x < t->w; x++) {
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

void term_dump(const struct tui_term *t, FILE *out)
{
	cchar_t *row = xmalloc(((size_t)t->w + 1) * sizeof *row);
	struct strbuf line = {0};
	for (int y = 0; y < t->h; y++) {
		sb_reset(&line);
		int n = mvwin_wchnstr(stdscr, y, 0, row, t->w) == ERR ? 0 : t->w;   /* a row at once */
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
		if (t->dump_attrs)
			dump_attr_line(t, y, out);
	}
	sb_free(&line);
	free(row);
}
