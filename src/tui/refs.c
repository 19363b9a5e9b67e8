/*
 * refs.c -- bookmarks (through model/state.h) and the milestone's web address: open it with
 * $BROWSER, copy it through OSC 52, and make it a clickable OSC 8 hyperlink in the detail
 * pane. Addresses come from the database already stripped of control characters, and the
 * browser is started directly with the address as its single argument -- never a shell.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tui/refs.h"

#include "model/detail.h"

void refs_init(struct refs *r, const char *db_path, int no_state)
{
	memset(r, 0, sizeof *r);
	const char *env = getenv("DLTIMELINE_HYPERLINKS");
	const char *term = getenv("TERM");
	r->hyperlinks = !(env && strcmp(env, "0") == 0) && term &&
			strncmp(term, "vt", 2) != 0 && strcmp(term, "linux") != 0;
	if (no_state) {
		snprintf(r->state_err, sizeof r->state_err, "bookmarks are off (--no-state)");
		return;
	}
	struct strbuf key = {0}, err = {0};
	dlt_state_key(db_path && *db_path ? db_path : getenv("DLTIMELINE_DB"), &key);
	r->state = dlt_state_open(sb_str(&key), &err);
	if (!r->state)
		snprintf(r->state_err, sizeof r->state_err, "bookmarks are off: %s", sb_str(&err));
	sb_free(&key);
	sb_free(&err);
}

void refs_free(struct refs *r)
{
	dlt_state_close(r->state);
	r->state = NULL;
	refs_osc8_clear(r);
	free(r->osc8_url);
	r->osc8_url = NULL;
}

int refs_bookmarked(struct refs *r, const char *slug)
{
	return r->state && dlt_bookmark_has(r->state, slug) == 1;
}

int refs_bookmark_toggle(struct refs *r, const struct dlt_row *row, char *msg, size_t size)
{
	if (!r->state) {
		snprintf(msg, size, "%s", r->state_err);
		return -1;
	}
	int on = !refs_bookmarked(r, row->slug);
	if (dlt_bookmark_set(r->state, row->slug, on) < 0) {
		snprintf(msg, size, "%s", dlt_state_error(r->state));
		return -1;
	}
	snprintf(msg, size, on ? "Bookmarked %s (' lists bookmarks)" : "Removed the bookmark on %s", dlt_row_name(row));
	return on;
}

int refs_bookmark_note(struct refs *r, const struct dlt_row *row, const char *note, char *msg, size_t size)
{
	if (!r->state) {
		snprintf(msg, size, "%s", r->state_err);
		return -1;
	}
	if (dlt_bookmark_note(r->state, row->slug, note) < 0) {
		snprintf(msg, size, "%s", dlt_state_error(r->state));
		return -1;
	}
	snprintf(msg, size, note && *note ? "Bookmarked %s with a note (' lists bookmarks)" : "Bookmarked %s (' lists bookmarks)",
		 dlt_row_name(row));
	return 0;
}

int refs_bookmark_step(struct refs *r, const struct dlt_row *row, int by, char *msg, size_t size)
{
	assert(by == 1 || by == -1);
	if (!r->state) {
		snprintf(msg, size, "%s", r->state_err);
		return -1;
	}
	char **slugs;
	size_t n = dlt_bookmarks_list(r->state, &slugs), at = n;
	for (size_t i = 0; i < n; i++)
		if (strcmp(slugs[i], row->slug) == 0)
			at = i;
	dlt_bookmarks_free(slugs, n);
	int rc = 0;
	if (at == n)
		snprintf(msg, size, "%s is not bookmarked", dlt_row_name(row));
	else if ((by < 0 && at == 0) || (by > 0 && at + 1 == n))
		snprintf(msg, size, "%s is %s already", dlt_row_name(row), by < 0 ? "first" : "last");
	else if (dlt_bookmark_move(r->state, row->slug, (long)at + 1 + by) < 0) {
		snprintf(msg, size, "%s", dlt_state_error(r->state));
		rc = -1;
	} else
		snprintf(msg, size, "%s moved to place %zu of %zu", dlt_row_name(row), by > 0 ? at + 2 : at, n);
	return rc;
}

size_t refs_bookmarks(struct refs *r, struct dlt_db *db, int64_t **ids, char ***notes)
{
	*ids = NULL;
	*notes = NULL;
	if (!r->state)
		return 0;
	char **slugs, **all;
	size_t n = dlt_bookmarks_notes(r->state, &slugs, &all), k = 0;
	*ids = xmalloc((n ? n : 1) * sizeof **ids);
	*notes = xcalloc(n ? n : 1, sizeof **notes);
	for (size_t i = 0; i < n; i++) {
		int64_t id = dlt_id_by_slug(db, slugs[i]);
		if (!id)
			continue;   /* a milestone no longer in the timeline */
		(*ids)[k] = id;
		(*notes)[k++] = all[i];
		all[i] = NULL;
	}
	dlt_bookmarks_free(slugs, n);
	dlt_bookmarks_free(all, n);
	return k;
}

void refs_bookmarks_free(int64_t *ids, char **notes, size_t n)
{
	for (size_t i = 0; notes && i < n; i++)
		free(notes[i]);
	free(notes);
	free(ids);
}

/* Is `prog` runnable: a path with '/', or found on $PATH? */
static int runnable(const char *prog)
{
	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	const char *path = getenv("PATH");
	if (!path)
		return 0;
	char *copy = xstrdup(path), *save;
	int found = 0;
	for (char *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
		struct strbuf sb = {0};
		sb_addf(&sb, "%s/%s", *dir ? dir : ".", prog);
		found = access(sb_str(&sb), X_OK) == 0;
		sb_free(&sb);
	}
	free(copy);
	return found;
}

int refs_open_url(const char *url, char *msg, size_t size)
{
	/* The address comes from the database, which anyone may have written: a browser takes
	 * "-..." for an option (--gpu-launcher=CMD runs a command), and file: or another
	 * scheme opens local files or handlers. Only web addresses are handed over. */
	if (!dlt_url_is_web(url)) {
		snprintf(msg, size, "Only http:// and https:// addresses are opened, not '%.80s'", url);
		return -1;
	}
	/* $BROWSER may list several programs separated by ':'; the first runnable one wins.
	 * Each is a program name, not a command line: it gets the address as argv[1]. */
	const char *env = getenv("BROWSER");
	char *prog = NULL;
	if (env && *env) {
		char *copy = xstrdup(env), *save;
		for (char *p = strtok_r(copy, ":", &save); p && !prog; p = strtok_r(NULL, ":", &save))
			if (runnable(p))
				prog = xstrdup(p);
		free(copy);
	} else if (runnable("xdg-open")) {
		prog = xstrdup("xdg-open");
	}
	if (!prog) {
		snprintf(msg, size, env && *env ? "$BROWSER (%.60s) cannot be run; the address is %s"
					 : "No browser: set $BROWSER to open %s%s", env && *env ? env : "", url);
		return -1;
	}
	int status = 0;
	pid_t pid = fork();
	if (pid == 0) {
		/* Detach: a second child runs the browser with no access to our terminal. */
		if (fork() != 0)
			_exit(0);
		setsid();
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		execlp(prog, prog, url, (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		waitpid(pid, NULL, 0);
		snprintf(msg, size, "Opening %s with %s", url, prog);
	} else {
		snprintf(msg, size, "Cannot start %s: %s", prog, strerror(errno));
		status = -1;
	}
	free(prog);
	return status;
}

static void base64(const char *in, struct strbuf *out)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t len = strlen(in);
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned char)in[i] << 16;
		if (i + 1 < len)
			v |= (unsigned char)in[i + 1] << 8;
		if (i + 2 < len)
			v |= (unsigned char)in[i + 2];
		sb_addc(out, tab[(v >> 18) & 63]);
		sb_addc(out, tab[(v >> 12) & 63]);
		sb_addc(out, i + 1 < len ? tab[(v >> 6) & 63] : '=');
		sb_addc(out, i + 2 < len ? tab[v & 63] : '=');
	}
}

void refs_copy_url(const struct tui_term *t, const char *url, char *msg, size_t size)
{
	struct strbuf sb = {0};
	sb_add(&sb, "\033]52;c;");
	base64(url, &sb);
	sb_add(&sb, "\a");
	term_write(t, sb_str(&sb));
	sb_free(&sb);
	/* the terminal says nothing back: tmux and others drop OSC 52 unless configured */
	snprintf(msg, size, "Sent %s to the terminal's clipboard (OSC 52; tmux needs set-clipboard on)", url);
}

void refs_osc8_clear(struct refs *r)
{
	for (int i = 0; i < r->nosc8; i++)
		free(r->osc8[i].text);
	r->nosc8 = 0;
}

void refs_osc8_add(struct refs *r, const char *url, int y, int x, const char *text)
{
	if (r->nosc8 >= REFS_OSC8_MAX || !dlt_url_is_web(url))   /* a click opens only web addresses */
		return;
	if (!r->osc8_url || strcmp(r->osc8_url, url) != 0) {
		free(r->osc8_url);
		r->osc8_url = xstrdup(url);
	}
	r->osc8[r->nosc8].y = y;
	r->osc8[r->nosc8].x = x;
	r->osc8[r->nosc8].text = xstrdup(text);
	r->nosc8++;
}

void refs_osc8_emit(struct refs *r, const struct tui_term *t)
{
	if (!r->hyperlinks || t->headless || !r->osc8_url || !r->nosc8)
		return;
	/* Rewrite the address text where it stands, wrapped in an OSC 8 hyperlink; the
	 * cursor is saved and restored so curses' idea of it stays right. */
	struct strbuf sb = {0};
	sb_add(&sb, "\0337");
	for (int i = 0; i < r->nosc8; i++)
		sb_addf(&sb, "\033[%d;%dH\033]8;;%s\033\\%s\033]8;;\033\\", r->osc8[i].y + 1, r->osc8[i].x + 1,
			r->osc8_url, r->osc8[i].text);
	sb_add(&sb, "\0338");
	term_write(t, sb_str(&sb));
	sb_free(&sb);
}
