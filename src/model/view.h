/*
 * view.h -- the view of the timeline a filter (filter.h) makes: the rows that pass, in
 * timeline order, fetched a page at a time from any position (keyset paging), counted and
 * ranked.
 *
 * A view of one criterion at most walks an index and is counted from filter_counts, never a
 * scan. Any other view walks its most selective criterion and checks the others row by row;
 * its count and positions come from walking all its matches once, a slice at a time
 * (dlt_view_progress), which the browser does between keys. Milestone ids are their
 * chronological positions, so the unfiltered view's "k of N" is free.
 */
#ifndef DLT_VIEW_H
#define DLT_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "model/filter.h"
#include "model/model.h"

/* A view: the rows that pass a filter, in timeline order. */
struct dlt_view;

/* Create a view over db with filter f (copied; NULL = everything). Never fails. */
struct dlt_view *dlt_view_new(struct dlt_db *db, const struct dlt_filter *f);
/* Free a view (NULL is fine). */
void dlt_view_free(struct dlt_view *v);
/* The view's filter. */
const struct dlt_filter *dlt_view_filter(const struct dlt_view *v);
/* Fetch up to n rows strictly after id `from` (dir > 0, ascending) or strictly before it
 * (dir < 0, descending). from 0 with dir > 0 starts at the beginning; from INT64_MAX with
 * dir < 0 starts at the end. Returns the number of rows stored in out (caller clears them);
 * 0 at either end, on a database error (see dlt_db_failed) or when the view went stale. */
size_t dlt_view_fetch(struct dlt_view *v, int64_t from, int dir, size_t n, struct dlt_row *out);
/* Total rows in the view, walking all its matches first if it must. */
int64_t dlt_view_count(struct dlt_view *v);
/* 1-based position of milestone id in the view (rows with id <= this one). */
int64_t dlt_view_rank(struct dlt_view *v, int64_t id);
/* Without waiting: the total, or -1 while the view has not walked its matches yet. */
int64_t dlt_view_count_now(struct dlt_view *v);
/* Without waiting: the position of id, or -1 while it is not known yet. */
int64_t dlt_view_rank_now(struct dlt_view *v, int64_t id);
/* Walk up to `rows` more matches; returns 1 when the count and every position are known,
 * 0 when there is more to walk (an interrupt only pauses the walk), -1 when the view is
 * stale or on a database error. Views of one criterion: 1 at once. */
int dlt_view_progress(struct dlt_view *v, int64_t rows);
/* True when one of the view's queries was interrupted (by a progress handler): the view then
 * answers nothing, and the database has no error recorded for it. Replace the view. */
int dlt_view_stale(const struct dlt_view *v);
/* True when the view has no rows. */
int dlt_view_empty(struct dlt_view *v);
/* True when milestone id passes the view's filter. */
int dlt_view_contains(struct dlt_view *v, int64_t id);
/* First row of the view in year `year` or later: its id, or 0 when there is none. */
int64_t dlt_view_first_from_year(struct dlt_view *v, int year);

#endif
