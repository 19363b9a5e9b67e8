/*
 * state.h -- the user's own state: bookmarks and the search history, kept in a small SQLite database of its own
 * under $XDG_STATE_HOME/dltimeline/ (or ~/.local/state/dltimeline/), never in the timeline
 * database, which stays read-only. Bookmarks are keyed by the timeline's identity (the
 * built-in one, or the real path of a --db file), so each timeline has its own, and name
 * milestones by their stable id (slug). Every change is one committed transaction (rollback
 * journal, synchronous=FULL): a kill at any moment loses nothing that was committed. Reading
 * writes nothing: the file is created by the first bookmark, and a start without one costs
 * no file at all.
 */
#ifndef DLT_STATE_H
#define DLT_STATE_H

#include <stddef.h>

#include "core/util.h"

struct dlt_state;

/* The identity of the timeline opened from db_path (NULL = the built-in one) into sb. */
void dlt_state_key(const char *db_path, struct strbuf *sb);
/* The state database's path into sb: $XDG_STATE_HOME/dltimeline/state.db, else
 * $HOME/.local/state/dltimeline/state.db. Returns -1 when neither variable is usable. */
int dlt_state_path(struct strbuf *sb);
/* The state for timeline `key`: its file is opened if it exists, and created with its
 * directory by the first dlt_bookmark_set. Returns NULL with a one-line reason in err when
 * an existing file cannot be read (unreadable, corrupt, not ours). */
struct dlt_state *dlt_state_open(const char *key, struct strbuf *err);
/* Open a state database at an explicit path (for tests). Same failure modes. */
struct dlt_state *dlt_state_open_at(const char *path, const char *key, struct strbuf *err);
void dlt_state_close(struct dlt_state *st);

/* 1 when slug is bookmarked, 0 when not, -1 on error. */
int dlt_bookmark_has(struct dlt_state *st, const char *slug);
/* Add (on = 1) or remove (on = 0) a bookmark, committed before returning. Returns 0, or -1
 * with the reason in dlt_state_error(). Adding an existing one or removing a missing one is 0. */
int dlt_bookmark_set(struct dlt_state *st, const char *slug, int on);
/* All bookmarks of this timeline in their order (most recent first, unless moved): returns the count and a malloc'd array
 * of malloc'd slugs (free with dlt_bookmarks_free); 0 on error too (see dlt_state_error). */
size_t dlt_bookmarks_list(struct dlt_state *st, char ***slugs);
void dlt_bookmarks_free(char **slugs, size_t n);
/* Give bookmark slug a note (NULL or "": none), bookmarking it first when it is not yet
 * (committed as one). Returns 0, or -1 with the reason in dlt_state_error(). */
int dlt_bookmark_note(struct dlt_state *st, const char *slug, const char *note);
/* Put bookmark slug at `position` (from 1, in the listed order; past the end: last), the
 * others keeping their order. Returns 0, 1 when slug is not bookmarked (nothing changed), or
 * -1 with the reason in dlt_state_error(). */
int dlt_bookmark_move(struct dlt_state *st, const char *slug, long position);
/* The bookmarks as dlt_bookmarks_list orders them, with their notes (NULL: none) in the
 * parallel array *notes (free both with dlt_bookmarks_free, n each); 0 on error too. */
size_t dlt_bookmarks_notes(struct dlt_state *st, char ***slugs, char ***notes);
/* The search history, shared by every timeline: at most DLT_SEARCHES_KEPT texts. */
#define DLT_SEARCHES_KEPT 100
/* Record text as the most recent search (committed). Returns 0, or -1 (dlt_state_error). */
int dlt_searches_add(struct dlt_state *st, const char *text);
/* The searches, most recent first: the count and a malloc'd array of malloc'd strings
 * (free with dlt_bookmarks_free); 0 when there are none or on an error. */
size_t dlt_searches_list(struct dlt_state *st, char ***texts);
/* The last error, one line; "" when none. */
const char *dlt_state_error(const struct dlt_state *st);

#endif
