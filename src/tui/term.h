/*
 * term.h -- the terminal's life cycle (htop's CRT): starting curses on the real terminal or
 * on a hidden one of a scripted size (the headless mode of the tests), reading keys, mouse
 * events and resizes, the signals that end the browser, restoring the terminal in every
 * case, and writing the screen's text for the tests.
 */
#ifndef DLT_TUI_TERM_H
#define DLT_TUI_TERM_H

#include <stdio.h>

#include "core/util.h"
#include "tui/config.h"
#include "tui/script.h"

struct tui_term {
	int utf8;          /* UTF-8 locale: box drawing and real characters */
	int color;         /* colors in use */
	int headless;      /* script mode: nothing reaches a terminal */
	int dump_attrs;    /* script mode: an attribute map under each dumped line */
	int w, h;          /* the screen's size */
	void *scr;         /* curses' SCREEN */
	FILE *nullf;       /* script mode: the hidden terminal's device */
};

/* Catch the signals that would end the process -- SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1,
 * SIGUSR2, SIGALRM, ... (not one ignored, or handled by the caller, already) -- so that they
 * end the browser cleanly, after the current key or the database statement running (see
 * term_signal), and
 * make sure the terminal is restored when the program exits. term_start adds the crash
 * signals (SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL, ...): they restore the terminal and die
 * of the same signal. */
void term_signals(void);
/* The signal that asks the browser to end, 0 when none (async-signal-safe to read). */
int term_signal(void);

/* Start curses on the terminal of stdin/stdout, with the looks of cfg. Returns 0, or -1
 * with a one-line reason in err (TERM unset, dumb or unknown). */
int term_start(struct tui_term *t, const struct config *cfg, struct strbuf *err);
/* Start curses on a hidden terminal of w x h. Returns 0, or -1 with a reason in err. */
int term_start_headless(struct tui_term *t, const struct config *cfg, int w, int h, int dump_attrs,
			struct strbuf *err);
/* Restore the terminal and free curses (safe to call twice). */
void term_stop(struct tui_term *t);

/* The next event from the terminal, waiting up to timeout_ms (0: do not wait). Returns 1
 * and fills e, or 0 when nothing came. Resizes update t->w and t->h. */
int term_read(struct tui_term *t, int timeout_ms, struct event *e);
/* True when a key is waiting to be read (never in the headless mode). */
int term_key_waiting(const struct tui_term *t);
/* Headless: change the screen size. */
void term_resize(struct tui_term *t, int w, int h);
/* Paint what was drawn (nothing in the headless mode). */
void term_refresh(const struct tui_term *t);
/* Show the cursor at (y, x), or hide it when y < 0. */
void term_cursor(const struct tui_term *t, int y, int x);
/* Redraw the whole screen from scratch at the next refresh. */
void term_invalidate(const struct tui_term *t);
/* Write the screen's text to out, one line per row with trailing blanks trimmed (and an
 * attribute map under each with dump_attrs). */
void term_dump(const struct tui_term *t, FILE *out);
/* Write raw bytes to the terminal (OSC sequences), never in the headless mode. */
void term_write(const struct tui_term *t, const char *s);

#endif
