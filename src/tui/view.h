/*
 * view.h -- the interface every screen of the browser implements (tig's view_ops, htop's
 * Panel): it draws itself into a rectangle, gets the first refusal on each key (already
 * mapped to an action by the key map), names the keys worth a hint in the status line, may
 * do background work while no key comes, and frees its private state when it closes.
 *
 * Views never call each other: they act through the controller (app.h), which keeps the
 * stack of views, the selection, the filter, the search, the history and the message.
 */
#ifndef DLT_TUI_VIEW_H
#define DLT_TUI_VIEW_H

#include "tui/draw.h"
#include "tui/keys.h"

struct app;
struct view;

/* What a view did with a key. */
enum handled {
	IGNORED,    /* not for this view: the controller's own actions get it */
	HANDLED,    /* done */
	CLOSE,      /* done, and the view is to be closed (popped) */
};

/* A key hint for the status line: the keys bound to `action`, then `label`. */
struct hint {
	enum tui_action action;
	const char *label;
};
#define HINTS_MAX 8

/* What a view shows, for the export key (tui/export.h): milestones in the view's order. */
struct view_contents {
	int64_t *ids;           /* malloc'd */
	char **notes;           /* parallel to ids, malloc'd strings or NULL; NULL: no notes */
	size_t n;
	char title[200];        /* the document's title ("Lineage of GPT: what it builds on") */
	char name[64];          /* a file name's stem ("lineage-gpt") */
};

struct view_ops {
	const char *name;
	/* Draw into r (r.w and r.h are at least 1). */
	void (*draw)(struct app *app, struct view *v, struct rect r);
	/* First refusal on a key: the action it is bound to (ACT_NONE when unbound) and the raw
	 * key, for text input. */
	enum handled (*key)(struct app *app, struct view *v, enum tui_action a, int key);
	/* Fill h (at most HINTS_MAX) with the hints of this view; returns their number. */
	int (*hints)(struct app *app, struct view *v, struct hint *h);
	/* The milestone under the view's cursor, 0 for none (global actions such as bookmarking
	 * act on it). NULL: the selection of the timeline. */
	int64_t (*current)(struct app *app, struct view *v);
	/* Fill c (zeroed) with the milestones the view shows, for an export; returns their
	 * number (0: nothing to export, c left empty). NULL: the view below's are exported. */
	size_t (*contents)(struct app *app, struct view *v, struct view_contents *c);
	/* A mouse event at (y, x) in the view's rectangle (curses button state). NULL: none. */
	void (*mouse)(struct app *app, struct view *v, int bstate, int y, int x);
	/* Background work while no key comes; returns 1 while more remains. NULL: none. */
	int (*idle)(struct app *app, struct view *v);
	/* Free the private state. NULL: nothing to free. */
	void (*close)(struct app *app, struct view *v);
	/* An overlay is drawn over the view below it (help, pickers), the others fill the body. */
	int overlay;
	/* The status line is the view's own (a prompt draws itself there). */
	int owns_status;
	/* Keys the view ignores go on to the timeline and the controller's actions (the detail);
	 * otherwise only the controller's help and redraw get them. */
	int transparent;
};

struct view {
	const struct view_ops *ops;
	void *priv;             /* the view's own state */
};

#endif
