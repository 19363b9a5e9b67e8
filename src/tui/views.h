/*
 * views.h -- the views of the browser, one file each (v_*.c). The main program (tui.c)
 * makes the timeline and the detail at start-up and gives the controller the constructors of
 * the others (struct app_makers); no view includes another's header.
 */
#ifndef DLT_TUI_VIEWS_H
#define DLT_TUI_VIEWS_H

#include "tui/app.h"

/* v_timeline.c: the list of milestones with its year separators, bands and minimap. */
void timeline_make(struct view *v);
/* v_detail.c: one milestone in full, with its links (beside the list or over it). */
void detail_make(struct view *v);
/* v_help.c: the keys, generated from the action table and the live key map. */
void help_open(struct app *app);
/* v_picker.c: eras, filters, history, bookmarks, path targets. */
void picker_open(struct app *app, enum picker_kind kind);
/* v_prompt.c: the one-line prompt: a year, or an incremental search. */
void prompt_open(struct app *app, enum prompt_kind kind);
/* v_lineage.c: the tree of what a milestone builds on (dir 1) or what builds on it (-1). */
void lineage_open(struct app *app, int64_t root, int dir);
/* v_path.c: the chains of builds-on links between two milestones. */
void path_open(struct app *app, int64_t from, int64_t to);
/* v_chart.c: milestones per year, model parameters, training compute. */
void chart_open(struct app *app);

#endif
