/*
 * curses.h -- the one place that includes ncursesw. Every file of the UI includes this
 * header instead of <curses.h>; nothing outside src/tui/ may include either.
 */
#ifndef DLT_TUI_CURSES_H
#define DLT_TUI_CURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <ncursesw/curses.h>
/* terminfo (setupterm) defines macros such as `lines`; only tui.c asks for it. */
#ifdef DLT_TUI_TERMINFO
#include <ncursesw/term.h>
#endif

#endif
