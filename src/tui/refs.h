/*
 * refs.h -- bookmarks (through model/state.h) and the web address of a milestone: opened
 * with $BROWSER, copied through OSC 52, and made a clickable OSC 8 hyperlink where the
 * detail draws it. The browser is started directly with the address as its single argument,
 * never through a shell.
 */
#ifndef DLT_TUI_REFS_H
#define DLT_TUI_REFS_H

#include <stddef.h>

#include "model/model.h"
#include "model/state.h"
#include "tui/term.h"

#define REFS_OSC8_MAX 8   /* address lines on one screen */

struct refs {
	struct dlt_state *state;     /* NULL with --no-state or when it cannot be opened */
	char state_err[160];         /* why bookmarks are off */
	int hyperlinks;              /* emit OSC 8 around addresses */
	struct { int y, x; char *text; } osc8[REFS_OSC8_MAX];
	int nosc8;
	char *osc8_url;              /* the address those lines show */
};

/* Open the bookmarks of the timeline at db_path (NULL: $DLTIMELINE_DB or the built-in one)
 * unless no_state; when they cannot be opened, state is NULL and state_err says why. */
void refs_init(struct refs *r, const char *db_path, int no_state);
void refs_free(struct refs *r);
/* True when the milestone with this slug is bookmarked. */
int refs_bookmarked(struct refs *r, const char *slug);
/* Add or remove the bookmark of row; the status message goes to msg. Returns 1 when it was
 * added, 0 when removed, or -1 when it failed (msg says why). */
int refs_bookmark_toggle(struct refs *r, const struct dlt_row *row, char *msg, size_t size);
/* Give the bookmark of row a note (NULL or "": none), bookmarking it if need be; the status
 * message goes to msg. Returns 0, or -1 when it failed (msg says why). */
int refs_bookmark_note(struct refs *r, const struct dlt_row *row, const char *note, char *msg, size_t size);
/* Move the bookmark of row one place earlier (by -1) or later (by 1) in the bookmarks' order.
 * Returns 0 (msg says where it is now, or that it is at the end already), or -1 when it
 * failed (msg says why). */
int refs_bookmark_step(struct refs *r, const struct dlt_row *row, int by, char *msg, size_t size);
/* The bookmarks of milestones in db, in the bookmarks' order: their ids and notes (parallel,
 * NULL for none) in malloc'd arrays, freed with refs_bookmarks_free. Returns the count; 0
 * when there are none, bookmarks are off, or on an error. */
size_t refs_bookmarks(struct refs *r, struct dlt_db *db, int64_t **ids, char ***notes);
void refs_bookmarks_free(int64_t *ids, char **notes, size_t n);
/* Open url with the first runnable program of $BROWSER (or xdg-open). The message goes to
 * msg. Returns 0, or -1 when url is not an http(s) address (dlt_url_is_web: nothing is
 * started), there is no browser, or it cannot be started. */
int refs_open_url(const char *url, char *msg, size_t size);
/* Copy url to the clipboard through the terminal (OSC 52); the message goes to msg. */
void refs_copy_url(const struct tui_term *t, const char *url, char *msg, size_t size);
/* Forget the address lines of the last draw; then remember those of this one (web
 * addresses only: any other is shown as plain text). */
void refs_osc8_clear(struct refs *r);
void refs_osc8_add(struct refs *r, const char *url, int y, int x, const char *text);
/* Rewrite the remembered address lines as OSC 8 hyperlinks (never in the headless mode). */
void refs_osc8_emit(struct refs *r, const struct tui_term *t);

#endif
