/*
 * app.h -- the browser's controller (htop's Action/State): what every view shares and acts
 * through. It holds the database and its periods, the timeline's filter and selection, the
 * search, the history of visited milestones, the bookmarks, the message of the status line
 * and the stack of views; it routes each key to the view on top and takes the actions that
 * no view took. It knows the views only through their view_ops: the constructors of the
 * views it opens come from the main program (struct app_makers), so no file of a view is
 * a dependency of the controller and views never call one another.
 */
#ifndef DLT_TUI_APP_H
#define DLT_TUI_APP_H

#include <stdint.h>

#include "model/model.h"
#include "tui/config.h"
#include "tui/refs.h"
#include "tui/search.h"
#include "tui/term.h"
#include "tui/view.h"

#define APP_MIN_W 40
#define APP_MIN_H 10
#define APP_WIDE 120          /* from this width, list and detail stand side by side */
#define APP_MAX_VIEWS 8       /* views stacked over the timeline */
#define APP_WALK_SLICE 20000  /* matches counted per draw or idle step */

enum picker_kind { PK_ERA, PK_FILTER, PK_HISTORY, PK_BOOKMARKS, PK_TARGET };
enum prompt_kind { PR_YEAR, PR_SEARCH, PR_NOTE, PR_EXPORT };   /* (note: for the current milestone) */

struct app;

/* The views the controller opens on an action: each pushes its view (or says why not). */
struct app_makers {
	void (*help)(struct app *app);
	void (*picker)(struct app *app, enum picker_kind kind);
	void (*prompt)(struct app *app, enum prompt_kind kind);
	void (*lineage)(struct app *app, int64_t root, int dir);   /* dir 1 ancestors, -1 descendants */
	void (*path)(struct app *app, int64_t from, int64_t to);
	void (*chart)(struct app *app);
};

struct app {
	/* the data */
	struct dlt_db *db;
	struct dlt_summary sum;
	struct dlt_period *eras, *pars, *tags;   /* tags: loaded on first use (app_tags) */
	size_t neras, npars, ntags;
	int *era_track;              /* per era: 0 the main line, 1.. the thematic eras beside it */
	struct config cfg;
	struct tui_term *term;

	/* the timeline: its filter (dlt_view), the selection and where it sits */
	struct dlt_view *view;
	int64_t sel;                 /* the selected milestone, 0 = none */
	int64_t rank;                /* its position in the view, 0 = not known yet */
	int64_t top_req;             /* show this milestone on the first line (0 = no request) */
	int64_t top_shown;           /* the first line of the list as last drawn */
	unsigned sel_gen;            /* changes with every new selection */

	/* the detail: beside the list (wide screens) or over it (pushed) */
	struct view detail;          /* the detail view (made by the main program) */
	struct view timeline;        /* the base view */
	int focus_detail;            /* keys go to the detail first */
	int detail_pushed;           /* narrow screens: the detail is on the stack */
	unsigned detail_reset;       /* changes when the detail is to start at its top again */

	struct search search;
	int typing_search;           /* the search prompt is open: search work gives way to keys */
	int covered;                 /* lines at the bottom of the body a prompt's list covers */
	char **searches;             /* the search history, most recent first */
	size_t nsearches;
	int searches_loaded;         /* read from the state file (on the first '/') */
	int detail_percent;          /* how much of the detail is above the pane's bottom */
	int detail_hidden;           /* wide screens: the pane beside the list is hidden (v) */
	int split;                   /* columns moved from the detail to the list (< >) */
	struct refs refs;

	/* history of opened milestones */
	int64_t *hist;
	size_t nhist, hcap, hpos;    /* hpos: the current entry (valid when nhist) */

	/* views over the timeline, bottom first */
	struct view stack[APP_MAX_VIEWS];
	int nstack;
	struct app_makers make;

	/* layout of the last draw */
	struct rect body;            /* between the header and the status line */
	int list_w;                  /* the list's columns (0: the list is not shown) */
	int too_small;

	char msg[256];               /* status message, "" = none */
	int msg_err;
	int quit;
	int script_key_next;         /* headless: the next scripted event is a key */
};

/* Open the database (db_path: --db or NULL) and everything the browser needs from it, read
 * the config and the bookmarks. Returns 0, or -1 with a one-line reason in err. */
int app_load(struct app *app, const char *db_path, int no_state, struct strbuf *err);
/* Free everything; closes every view. */
void app_free(struct app *app);

/* The status line's message (printf-style; err draws it as an error). */
void app_message(struct app *app, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---- views ----------------------------------------------------------------------------- */

/* Push a view (its ops and private state, owned by the stack from now on). A full stack
 * closes the view at once (its close() frees priv) and returns -1. */
int app_push(struct app *app, const struct view_ops *ops, void *priv);
/* Close the top view. */
void app_pop(struct app *app);
/* The top view: the last pushed, else the timeline. */
struct view *app_top(struct app *app);
/* Route one key: the top view (or the focused detail) first, then the controller's own
 * actions. */
void app_key(struct app *app, int key);
/* A mouse event at (y, x): to the view drawn there, if it takes the mouse. */
void app_mouse(struct app *app, int bstate, int y, int x);
/* Background work of the views (counting matches, finishing an interrupted search) while
 * no key comes. Returns 1 while more remains. */
int app_idle(struct app *app);
/* The milestone the top view points at (its cursor), else the selection. */
int64_t app_current(struct app *app);

/* ---- the timeline ------------------------------------------------------------------------ */

/* Select milestone id (0: nothing). */
void app_select(struct app *app, int64_t id);
/* Select id and show it on the first line of the list. */
void app_select_top(struct app *app, int64_t id);
/* Select id, clearing a filter that hides it (and saying so). */
void app_go_to(struct app *app, int64_t id);
/* Replace the filter (NULL: none). A filter that leaves nothing is refused with a message.
 * The selection stays when it passes, else moves to the next row that does. */
void app_set_filter(struct app *app, const struct dlt_filter *f);
/* True when the filter narrows the timeline. */
int app_filter_active(const struct dlt_filter *f);
/* Jump to the first milestone of year (or the next year that has one), with a message. */
void app_goto_year(struct app *app, int year);
/* Jump to the first milestone of era id. */
void app_era_jump(struct app *app, int64_t era);
/* Move to the next era start after the selection (dir > 0), or to the start of its era, or
 * the one before (dir < 0): always forward or backward in time, whatever era a milestone
 * belongs to. */
void app_era_step(struct app *app, int dir);
/* The era or paradigm of id from the loaded lists, or NULL. */
const struct dlt_period *app_era(const struct app *app, int64_t id);
const struct dlt_period *app_paradigm(const struct app *app, int64_t id);
/* The tags, loaded on first use. */
size_t app_tags(struct app *app, struct dlt_period **tags);

/* ---- the detail and the history -------------------------------------------------------- */

/* Open the detail of the selection (beside the list on wide screens, over it on narrow
 * ones) and record it in the history. */
void app_open_detail(struct app *app);
/* The keys a screen of milestones over the list shares (a lineage tree, a path): open
 * milestone `current` (0: none) over it with Enter, to which closing the detail returns;
 * close it, help, export. Returns what was done, or
 * HANDLED for any other action (such a screen takes every key). */
enum handled app_overlay_key(struct app *app, enum tui_action a, int64_t current);
/* Close the detail: the focus returns to the list. */
void app_close_detail(struct app *app);
/* True when the detail stands beside the list: a wide screen, the pane not hidden. */
int app_side_by_side(const struct app *app);
/* The columns of the list beside the detail on a screen w wide. */
int app_list_width(const struct app *app, int w);
/* Jump to milestone id as a move of its own: where the selection was and id are recorded in
 * the jump list (back returns), a filter that hides id is cleared (and said), and id is shown
 * on the first line when `top`. */
void app_jump(struct app *app, int64_t id, int top);
/* True when the detail is shown (beside the list or pushed). */
int app_detail_shown(const struct app *app);
/* Record id as visited (dropping the forward part, as a web browser does). */
void app_history_push(struct app *app, int64_t id);
/* Go back (dir < 0) or forward in the history. */
void app_history_step(struct app *app, int dir);

#endif
