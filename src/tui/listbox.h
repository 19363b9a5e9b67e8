/*
 * listbox.h -- the selection and scrolling of a list of n lines shown `rows` at a time
 * (htop's Panel, without the drawing): the help, the pickers, the lineage tree and the path
 * all move through it, with the same keys.
 */
#ifndef DLT_TUI_LISTBOX_H
#define DLT_TUI_LISTBOX_H

#include "tui/keys.h"

struct listbox {
	int n;            /* lines */
	int sel;          /* the selected line (0 when n is 0) */
	int scroll;       /* the first line shown */
	int rows;         /* lines shown, as of the last fit */
	int no_cursor;    /* a text to read: the keys scroll it, nothing is selected */
};

/* Keep sel in 0..n-1 and visible among `rows` lines starting at scroll (rows >= 1). */
void listbox_fit(struct listbox *lb, int rows);
/* Apply a moving action (move, page, first, last); returns 1 when a was one, else 0. */
int listbox_key(struct listbox *lb, enum tui_action a);

#endif
