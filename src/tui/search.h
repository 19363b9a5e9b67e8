/*
 * search.h -- the browser's search: the words typed after '/', the view of their matches in
 * timeline order, the words to highlight, and the count of matches, walked a slice at a time
 * so that the screen never waits. Work on a search may be interrupted by a key that is
 * waiting (busy): the search is then stale and is redone for the text as it stands.
 */
#ifndef DLT_TUI_SEARCH_H
#define DLT_TUI_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "model/model.h"

struct search {
	char *text;              /* the user's words (sanitised), NULL = no search */
	struct dlt_view *view;   /* the matches, in timeline order */
	char **terms;            /* the words, lower case, for highlighting */
	size_t nterms;
	int64_t count;           /* -1 = not counted yet */
	int64_t rank;            /* the selection's position among the matches, 0 = unknown */
	int busy;                /* work that a waiting key may interrupt is under way */
	unsigned gen;            /* changes whenever the search changes */
};

/* Search for text (NULL or nothing searchable clears the search). */
void search_set(struct search *s, struct dlt_db *db, const char *text);
/* Free and clear. */
void search_free(struct search *s);
/* True when a search is under way and was interrupted: call search_renew. */
int search_stale(const struct search *s);
/* Run a stale search again for the same text. */
void search_renew(struct search *s, struct dlt_db *db);
/* True when milestone id matches. */
int search_is_match(struct search *s, int64_t id);
/* The first match after id `from` (dir > 0) or before it (dir < 0) that `within` contains,
 * wrapping around once (*wrapped set then). Returns 0 when there is none. */
int64_t search_find(struct search *s, struct dlt_view *within, int64_t from, int dir, int *wrapped);
/* Walk a slice of the matches (settling their count and positions; with `always` unset only
 * while the count is unknown); returns the count, or -1 while it is not known yet. */
int64_t search_count(struct search *s, int64_t slice, int always);

#endif
