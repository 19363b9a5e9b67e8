/*
 * query.h -- what a user types into a search, parsed: free words, and field terms that
 * narrow the search the same way in the browser and on the command line:
 *
 *   author:hinton          someone among the authors (any part of a name, as a prefix)
 *   venue:nips             the venue ("NeurIPS 2017", "NIPS 2012", ...)
 *   year:2017  year:2012..2015  year:..1990  year:2020..
 *   tag:rl  tag:"computer vision"     a tag, by id or name; several tag: terms are OR'd
 *   kind:model             paper, model, system, product, event, dataset, framework,
 *                          hardware, competition; several are OR'd
 *   era:llm                an era whose id or name contains the word; several are OR'd
 *
 * A value may be quoted ("...") to hold spaces. A word with a colon that is not one of
 * these fields is an ordinary word ("GPT-4:" searches for gpt 4).
 */
#ifndef DLT_QUERY_H
#define DLT_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"
#include "model/filter.h"

struct dlt_search_query {
	char *words;               /* the free words, as typed (NULL: none) */
	char **authors;            /* author: values (all must hold) */
	size_t nauthors;
	char **venues;             /* venue: values (all must hold) */
	size_t nvenues;
	struct dlt_filter f;       /* year:, tag:, kind:, era: (query stays NULL) */
};

/* Parse text. Tags and eras are resolved in db. Returns 0, or -1 with a one-line reason in
 * err ("year:20x: a year is 1800-2100, or a range like 2012..2015") and q cleared. */
int dlt_query_parse(struct dlt_db *db, const char *text, struct dlt_search_query *q, struct strbuf *err);
/* Free and zero. */
void dlt_query_clear(struct dlt_search_query *q);
/* True when the query has field terms (it narrows the search beyond its words). */
int dlt_query_has_fields(const struct dlt_search_query *q);
/* The FTS5 expression of the author: and venue: terms ("authors : \"hinton\"*" ...), joined
 * with AND, appended to out (nothing when there are none). User text is quoted, never syntax. */
void dlt_query_fts(const struct dlt_search_query *q, struct strbuf *out);
/* A short description of the field terms for the status line ("author hinton, 2012-2015"). */
void dlt_query_describe(struct dlt_db *db, const struct dlt_search_query *q, struct strbuf *out);

#endif
