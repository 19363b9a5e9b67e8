/*
 * status.h -- the header line and the status line of the browser.
 */
#ifndef DLT_TUI_STATUS_H
#define DLT_TUI_STATUS_H

#include "tui/app.h"

/* Draw the header on line 0, w columns wide. */
void header_draw(struct app *app, int w);
/* Draw the status line on line y, w columns wide. */
void status_draw(struct app *app, int y, int w);

#endif
