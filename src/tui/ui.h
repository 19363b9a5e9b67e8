/*
 * ui.h -- state shared by the files of the interactive browser (internal to src/tui/).
 *
 *   tui.c      terminal start/stop, signals, the headless script mode, the main loop and
 *              the dispatch of actions
 *   draw.c     colors and attributes, clipped UTF-8 drawing, match highlighting
 *   list.c     the timeline list, header, status line, minimap, and moving the selection
 *   detail.c   the detail pane: laying out a milestone, scrolling, links
 *   overlay.c  help screen, pickers (eras, filter, history) and the one-line prompt
 *
 * Each view is a pair X_draw() / X_key(); the main loop routes keys to the active overlay
 * first, then to the focused pane, then to the generic actions.
 */
#ifndef DLT_TUI_UI_H
#define DLT_TUI_UI_H

#include <stdint.h>

#include "model/chart.h"
#include "model/graph.h"
#include "model/model.h"
#include "model/state.h"
#include "tui/curses.h"
#include "tui/keys.h"

/* Keys are ints: curses key codes (KEY_*), and characters. A character whose code point
 * would collide with the KEY_* range is moved above it. */
#define UI_CHAR_BASE 0x1000000
#define UI_CHAR(cp) ((cp) >= KEY_MIN ? (int)(cp) + UI_CHAR_BASE : (int)(cp))
/* The code point of a character key, or -1 for a special key or a control character. */
#define UI_CP(k) ((k) >= UI_CHAR_BASE ? (k) - UI_CHAR_BASE : ((k) >= 32 && (k) != 127 && (k) < KEY_MIN) ? (k) : -1)

#define UI_MIN_W 40
#define UI_MIN_H 10
#define UI_WIDE 120            /* from this width, list and detail stand side by side */
#define UI_MAX_ROWS 512        /* rows laid out at once (taller screens show fewer) */
#define UI_WALK_SLICE 20000    /* matches of a search counted per draw or idle step */

/* A laid-out line of the detail pane. */
struct dline {
	char *text;            /* owned, already sanitised */
	enum tui_element el;   /* how to draw it */
	int indent;            /* columns before text */
	int label_w;           /* "Label:" prefix drawn as EL_LABEL (columns), 0 = none */
	int url;               /* part of the address line (for OSC 8 hyperlinks) */
	int link;              /* index of the link this line belongs to, -1 = none */
};

struct pick_item {
	char *label;           /* shown */
	char *key;             /* matched against what is typed (lower case) */
	enum dlt_filter_kind kind;
	int64_t ref;           /* era/tag/paradigm id, or milestone id for history */
	char *text;            /* kind name for DLT_F_KIND */
};

enum picker_kind { PK_ERA, PK_FILTER, PK_HISTORY, PK_BOOKMARKS, PK_TARGET };
enum prompt_kind { PR_YEAR, PR_SEARCH };
enum ui_mode { MODE_MAIN, MODE_HELP, MODE_PICKER, MODE_PROMPT, MODE_GRAPH, MODE_CHART };
enum graph_kind { GV_ANCESTORS, GV_DESCENDANTS, GV_PATH };
enum ui_focus { FOCUS_LIST, FOCUS_DETAIL };

struct ui {
	/* data */
	struct dlt_db *db;
	struct dlt_summary sum;
	struct dlt_period *eras, *pars, *tags;
	size_t neras, npars, ntags;
	struct config cfg;

	/* terminal */
	int utf8;              /* UTF-8 locale: box drawing and real characters */
	int color;             /* colors in use */
	int headless;          /* script mode */
	int dump_attrs;        /* script mode: attribute map under each dumped line */
	int w, h;
	int too_small;

	/* list */
	struct dlt_view *view;       /* current filter */
	int64_t sel, top;            /* selected and first shown milestone ids (0 = none) */
	int64_t rank;                /* position of sel in view, 0 = not yet known */
	struct dlt_row rows[UI_MAX_ROWS];  /* rows laid out by the last draw */
	int row_y[UI_MAX_ROWS];
	size_t nrows;
	int top_prev_year;           /* year of the row before `top` (0 = none), from the layout */
	int body_y, body_h;          /* lines of the list / detail area */
	int list_w;                  /* width of the list column */

	/* detail */
	enum ui_focus focus;
	int detail_open;             /* narrow screens: detail shown full-screen */
	struct dlt_milestone ms;
	int64_t ms_id;               /* loaded milestone, 0 = none */
	struct dline *dl;
	size_t ndl;
	int dl_width;                /* width the lines were laid out for */
	int dscroll;
	int dpercent;                /* how much of the detail is above the pane's bottom */
	int link_sel;                /* selected link, -1 = none */
	int nlinks;

	/* search */
	char *q_text;                /* the user's words, NULL = no search */
	struct dlt_view *q_view;     /* matches, in timeline order */
	char **q_terms;
	size_t q_nterms;
	int64_t q_count;             /* -1 = not counted (yet) */
	int64_t q_rank;              /* 0 = unknown */
	int q_busy;                  /* search work that a waiting key may interrupt */
	int script_key_next;         /* headless: the next scripted event is a key */
	uint8_t *marks;              /* minimap marks per body line */
	int marks_h;                 /* height they were computed for, 0 = stale */

	/* overlays */
	enum ui_mode mode;
	struct {
		enum picker_kind kind;
		const char *title;
		struct pick_item *items;
		size_t nitems;
		size_t *shown;
		size_t nshown;
		int sel, scroll;
		char input[128];
		char target_title[200];
	} pk;
	struct {
		enum prompt_kind kind;
		char buf[256];
		int64_t origin_sel, origin_top;
	} pr;
	int help_scroll;

	/* history of opened milestones */
	int64_t *hist;
	size_t nhist, hpos;          /* hpos: index of the current entry (valid when nhist) */

	/* lineage and path view (graphview.c) */
	struct {
		enum graph_kind kind;
		int64_t root, target;        /* lineage root / path ends */
		struct dlt_tree_node *nodes; /* lineage */
		size_t n;
		uint8_t *folded;             /* per node */
		uint8_t *last;               /* per node: last child of its parent */
		struct dlt_path *paths;      /* path view: alternatives, shortest first */
		int npaths, path_idx;
		size_t *vis;                 /* visible lines -> node index (or step * 2 + note) */
		size_t nvis;
		int sel, scroll;
	} gv;

	/* chart view */
	struct {
		enum dlt_chart_kind kind;
		struct dlt_chart chart;
		int loaded, w, h;
		int year;                    /* selected bar (years chart) */
	} ch;

	/* bookmarks and references */
	struct dlt_state *state;       /* NULL with --no-state or when it cannot be opened */
	char state_err[160];           /* why bookmarks are off */
	int hyperlinks;                /* emit OSC 8 around addresses */
	struct { int y, x; char *text; } osc8[8];
	int nosc8;
	char *osc8_url;

	char msg[256];               /* status message, "" = none */
	int msg_err;
	int quit;
};

/* draw.c */
void draw_init_colors(struct ui *ui);
attr_t ui_attr(const struct ui *ui, enum tui_element el);
/* Draw s clipped to maxw columns at (y, x); returns the columns used. */
int draw_str(const struct ui *ui, int y, int x, int maxw, const char *s, attr_t attr);
/* As draw_str, with occurrences of the search terms drawn with EL_MATCH. */
int draw_str_hl(const struct ui *ui, int y, int x, int maxw, const char *s, attr_t attr);
/* Fill w columns with spaces. */
void draw_fill(int y, int x, int w, attr_t attr);
/* A line-drawing glyph that falls back to ASCII: which is one of "-|+>*". */
const char *glyph(const struct ui *ui, char which);
/* Color attribute of era/paradigm number i for the side band. */
attr_t band_attr(const struct ui *ui, int i, int paradigm);

/* list.c */
void list_draw(struct ui *ui, int x, int w);
void header_draw(struct ui *ui);
void status_draw(struct ui *ui);
void list_select(struct ui *ui, int64_t id);        /* select id (keeps top if visible) */
void list_move(struct ui *ui, int delta);            /* by rows; clamps at the ends */
void list_page(struct ui *ui, int dir);
void list_first(struct ui *ui, int last);
void list_year(struct ui *ui, int year);             /* first row of year or later */
void list_year_step(struct ui *ui, int dir);
void list_era_step(struct ui *ui, int dir);
void list_era_jump(struct ui *ui, int64_t era);
void list_set_filter(struct ui *ui, const struct dlt_filter *f);
void list_click(struct ui *ui, int y, int dbl);
int list_idle(struct ui *ui);                        /* count more matches; 1 = more to do */
const struct dlt_period *era_of(const struct ui *ui, int64_t id);
const struct dlt_period *paradigm_of(const struct ui *ui, int64_t id);

/* detail.c */
void detail_draw(struct ui *ui, int x, int w);
int detail_key(struct ui *ui, enum tui_action a);   /* 1 when handled */
void detail_invalidate(struct ui *ui);
void detail_follow(struct ui *ui);
void history_push(struct ui *ui, int64_t id);
void history_step(struct ui *ui, int dir);
void detail_open(struct ui *ui);                     /* open sel (records history) */

/* overlay.c */
void help_draw(struct ui *ui);
int help_key(struct ui *ui, int key, enum tui_action a);
void picker_open(struct ui *ui, enum picker_kind kind);
void picker_free(struct ui *ui);                      /* drop the items (safe when closed) */
void picker_draw(struct ui *ui);
int picker_key(struct ui *ui, int key, enum tui_action a);
void prompt_open(struct ui *ui, enum prompt_kind kind);
void prompt_draw(struct ui *ui);
int prompt_key(struct ui *ui, int key);
void search_set(struct ui *ui, const char *text);    /* NULL clears */
void search_busy(struct ui *ui, int on);             /* mark interruptible search work */
int typing_search(const struct ui *ui);                /* the search prompt is open */
int search_idle(struct ui *ui);                      /* finish a search a key interrupted */
void search_step(struct ui *ui, int dir);
int search_is_match(struct ui *ui, int64_t id);

/* graphview.c */
void graph_open(struct ui *ui, enum graph_kind kind, int64_t from, int64_t to);
void graph_draw(struct ui *ui);
int graph_key(struct ui *ui, int key, enum tui_action a);
void graph_free(struct ui *ui);
void chart_open(struct ui *ui);
void chart_draw(struct ui *ui);
int chart_key(struct ui *ui, int key, enum tui_action a);
void chart_free(struct ui *ui);

/* refs.c: bookmarks, opening and copying addresses, OSC 8 */
void refs_init(struct ui *ui, const char *db_path, int no_state);
void refs_free(struct ui *ui);
void bookmark_toggle(struct ui *ui);
int bookmark_has(struct ui *ui, const char *slug);
void url_open(struct ui *ui);
void url_copy(struct ui *ui);
void osc8_emit(struct ui *ui);

/* list.c: is any filter (criterion or years) active? */
int filter_active(const struct dlt_filter *f);

/* tui.c */
void ui_message(struct ui *ui, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
