/*
 * filter.h -- what a view of the timeline is narrowed to: criteria that stack.
 *
 * A filter holds a search expression, tags, kinds, eras, paradigms, a list of milestones
 * (the bookmarks) and a year range. Within one criterion any value will do (tag CNN or tag
 * RNN); across criteria all must hold (tag CNN, from 2012, matching "residual"), and so must
 * every filter chained in `also`. Views (view.h) walk them.
 */
#ifndef DLT_FILTER_H
#define DLT_FILTER_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"
#include "db/db.h"

struct dlt_filter {
	char *query;                          /* FTS5 expression (model/search.h), NULL: none */
	char *words;                          /* what the query was made from, for display */
	int64_t *tags;        size_t ntags;   /* any of these tags */
	char **kinds;         size_t nkinds;  /* any of these kinds */
	int64_t *eras;        size_t neras;   /* any of these eras */
	int64_t *paradigms;   size_t nparadigms;
	int64_t *ids;         size_t nids;    /* only these milestones (when only_ids) */
	int only_ids;                         /* the ids are a criterion (none: nothing passes) */
	int year_from;                        /* 0 = no lower bound */
	int year_to;                          /* 0 = no upper bound */
	char *label;                          /* for display: "tag CNN, from 2012" */
	struct dlt_filter *also;              /* another filter that must hold too (owned) */
};

/* Free a filter's contents and reset it to "everything". */
void dlt_filter_clear(struct dlt_filter *f);
/* Deep copy into dst (which is overwritten, not freed). */
void dlt_filter_copy(struct dlt_filter *dst, const struct dlt_filter *src);
/* True when the filter lets every milestone through. */
int dlt_filter_is_empty(const struct dlt_filter *f);
/* Add a value to one of the criteria (duplicates are ignored). */
void dlt_filter_add_tag(struct dlt_filter *f, int64_t tag);
void dlt_filter_add_kind(struct dlt_filter *f, const char *kind);
void dlt_filter_add_era(struct dlt_filter *f, int64_t era);
void dlt_filter_add_paradigm(struct dlt_filter *f, int64_t paradigm);
/* Make ids[0..n) (any order) the milestones the filter is limited to. */
void dlt_filter_set_ids(struct dlt_filter *f, const int64_t *ids, size_t n);
/* Set the search expression (copied; NULL removes it). */
void dlt_filter_set_query(struct dlt_filter *f, const char *expr);
/* Add src's criteria to dst: the lists are joined (any of their values will do), src's
 * search (with its words), year bounds and chosen milestones replace dst's where src has
 * them. src's `also` chain is ignored. */
void dlt_filter_merge(struct dlt_filter *dst, const struct dlt_filter *src);
/* Make a copy of src a further condition of dst (at the end of its `also` chain): a search
 * within the browser's filter is dlt_filter_and(search, filter). */
void dlt_filter_and(struct dlt_filter *dst, const struct dlt_filter *src);
/* Append a description of the criteria to out: "\"attention\", tag CNN or RNN, kind model,
 * 2012-2015" (the search by its words). Names are read from db. */
void dlt_filter_describe(struct dlt_db *db, const struct dlt_filter *f, struct strbuf *out);

#endif
