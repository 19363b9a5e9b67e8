/*
 * lineedit.h -- a line of text being edited, as readline edits it: a cursor that moves by
 * character and by word, deletion before and after it, killing to either end, and
 * horizontal scrolling so that the cursor stays visible in a narrow field. Pure: no curses,
 * no keys; the prompts map keys to these commands (lineedit_key in keys terms is in the
 * prompt views).
 */
#ifndef DLT_TUI_LINEEDIT_H
#define DLT_TUI_LINEEDIT_H

#include <stddef.h>
#include <stdint.h>

#define LINEEDIT_MAX 1024   /* bytes a line may hold */

enum le_cmd {
	LE_LEFT, LE_RIGHT, LE_HOME, LE_END, LE_WORD_LEFT, LE_WORD_RIGHT,
	LE_BACKSPACE, LE_DELETE, LE_KILL_WORD, LE_KILL_START, LE_KILL_END,
};

struct lineedit {
	char buf[LINEEDIT_MAX];   /* NUL-terminated UTF-8 */
	size_t len;               /* bytes */
	size_t cur;               /* cursor, a byte offset on a character boundary */
	size_t limit;             /* bytes allowed (0: LINEEDIT_MAX - 1) */
};

/* Empty the line. */
void lineedit_clear(struct lineedit *e);
/* Replace the text with its characters as lineedit_insert takes them (invalid bytes and
 * control or bidi characters left out), up to the first that does not fit; the cursor goes
 * to the end. */
void lineedit_set(struct lineedit *e, const char *text);
/* Insert one character (code point) at the cursor. Returns 1 when it was inserted, 0 when
 * it is a control or bidi character, not a code point, or the line is full. */
int lineedit_insert(struct lineedit *e, uint32_t cp);
/* Apply an editing command. Returns 1 when the text changed, 0 otherwise (only the cursor
 * moved, or nothing happened). */
int lineedit_do(struct lineedit *e, enum le_cmd cmd);
/* The first byte to show so that the cursor is visible in `width` columns (width >= 1),
 * given the first byte shown before (*from, updated). Returns the cursor's column. */
int lineedit_view(const struct lineedit *e, int width, size_t *from);

#endif
