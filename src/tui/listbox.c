/*
 * listbox.c -- see listbox.h.
 */
#include "tui/listbox.h"

#include <assert.h>

void listbox_fit(struct listbox *lb, int rows)
{
	assert(rows >= 1);
	lb->rows = rows;
	if (lb->no_cursor) {
		if (lb->scroll > lb->n - rows)
			lb->scroll = lb->n - rows;
		if (lb->scroll < 0)
			lb->scroll = 0;
		lb->sel = lb->scroll;
		return;
	}
	if (lb->sel >= lb->n)
		lb->sel = lb->n - 1;
	if (lb->sel < 0)
		lb->sel = 0;
	if (lb->sel < lb->scroll)
		lb->scroll = lb->sel;
	if (lb->sel >= lb->scroll + rows)
		lb->scroll = lb->sel - rows + 1;
	if (lb->scroll < 0)
		lb->scroll = 0;
}

int listbox_key(struct listbox *lb, enum tui_action a)
{
	int page = lb->rows > 3 ? lb->rows - 2 : 1;
	int *pos = lb->no_cursor ? &lb->scroll : &lb->sel;
	switch (a) {
	case ACT_MOVE_DOWN:
		*pos += 1;
		break;
	case ACT_MOVE_UP:
		*pos -= 1;
		break;
	case ACT_PAGE_DOWN:
		*pos += page;
		break;
	case ACT_PAGE_UP:
		*pos -= page;
		break;
	case ACT_FIRST:
		*pos = 0;
		break;
	case ACT_LAST:
		*pos = lb->n;
		break;
	default:
		return 0;
	}
	if (*pos > lb->n - 1 && !lb->no_cursor)
		*pos = lb->n > 0 ? lb->n - 1 : 0;
	if (*pos < 0)
		*pos = 0;
	if (lb->rows)
		listbox_fit(lb, lb->rows);
	return 1;
}
