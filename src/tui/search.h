/*
 * search.h -- the browser's search: the text typed after '/', its ranked list (model/find.h:
 * the same ranking as `dltimeline search`), and the view of all its matches within the
 * timeline's filter, in timeline order, which marks them and which n and N walk; its count
 * is walked a slice at a time so that the screen never waits.
 *
 * Work on a search may be interrupted by a key that is waiting (busy): the search is then
 * stale and is done again for the text as it stands (search_renew), never reported as a
 * failure. While typing, the ranked list leaves out the text tiers of a very common word
 * (DLT_FIND_QUICK); search_renew completes it when no key is waiting.
 */
#ifndef DLT_TUI_SEARCH_H
#define DLT_TUI_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "model/find.h"
#include "model/view.h"

struct search {
	char *text;              /* the user's text (sanitised), NULL = no search */
	struct dlt_found found;  /* the ranked list, best first */
	size_t limit;            /* its length at most */
	int quick;               /* found is the quick list: the text tiers are to come */
	char *error;             /* why the text cannot be searched (a field term), or NULL */
	struct dlt_view *view;   /* every match within the filter, in timeline order (NULL: none) */
	char **terms;            /* the words, lower case, for highlighting */
	size_t nterms;
	int64_t count;           /* -1 = not counted yet */
	int64_t rank;            /* the selection's position among the matches, 0 = unknown */
	int busy;                /* work that a waiting key may interrupt is under way */
	int stale;               /* that work was interrupted: search_renew */
	unsigned gen;            /* changes whenever the search changes */
};

/* Search for text (NULL or "" clears the search) within the timeline's filter `within`,
 * keeping the best `limit` in the ranked list; quick: the list of one keystroke (see above). */
void search_set(struct search *s, struct dlt_db *db, const char *text, const struct dlt_filter *within,
		size_t limit, int quick);
/* Free and clear. */
void search_free(struct search *s);
/* True when the search was interrupted, or its list is the quick one: call search_renew. */
int search_pending(const struct search *s);
/* True when the search was interrupted (its results are not known). */
int search_stale(const struct search *s);
/* Finish a pending search: run it again, completely, for the same text. */
void search_renew(struct search *s, struct dlt_db *db, const struct dlt_filter *within);
/* The timeline's filter changed: count and mark the matches within the new one. */
void search_refilter(struct search *s, struct dlt_db *db, const struct dlt_filter *within);
/* True when milestone id is a match (within the filter). */
int search_is_match(struct search *s, int64_t id);
/* The first match after id `from` (dir > 0) or before it (dir < 0), wrapping around once
 * (*wrapped set then). Returns 0 when there is none. */
int64_t search_find(struct search *s, int64_t from, int dir, int *wrapped);
/* Walk a slice of the matches (settling their count and positions; with `always` unset only
 * while the count is unknown); returns the count, or -1 while it is not known yet. */
int64_t search_count(struct search *s, int64_t slice, int always);

#endif
