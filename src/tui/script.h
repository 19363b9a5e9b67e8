/*
 * script.h -- the key scripts of the headless mode (--script), with which the tests drive
 * the browser: characters are keys; <Name> is a named key (keys_parse_name); <resize WxH>,
 * <click X Y>, <dclick X Y>, <wheelup X Y>, <wheeldown X Y> and <dump> are events;
 * whitespace is ignored (type a space as <Space>); '#' at the start of a line is a comment.
 */
#ifndef DLT_TUI_SCRIPT_H
#define DLT_TUI_SCRIPT_H

#include <stddef.h>

#include "core/util.h"

/* An input event: from the terminal or from a script. */
enum ev_type { EV_KEY, EV_RESIZE, EV_MOUSE, EV_DUMP };

struct event {
	enum ev_type type;
	int key;          /* EV_KEY: a key code (keys.h) */
	int x, y;         /* EV_RESIZE: the size; EV_MOUSE: the position */
	int bstate;       /* EV_MOUSE: curses button state */
};

struct script {
	struct event *ev;
	size_t n, cap;
};

/* Read and parse the script at path ("-" for stdin) into s. Returns 0, or -1 with a
 * one-line reason in err (unreadable file, unknown key or event, with its line). */
int script_read(const char *path, struct script *s, struct strbuf *err);
/* Free the events. */
void script_free(struct script *s);

#endif
