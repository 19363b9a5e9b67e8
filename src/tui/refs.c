/*
 * refs.c -- bookmarks (through model/state.h) and the milestone's web address: open it with
 * $BROWSER, copy it through OSC 52, and make it a clickable OSC 8 hyperlink in the detail
 * pane. Addresses come from the database already stripped of control characters, and the
 * browser is started directly with the address as its single argument -- never a shell.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/detail.h"
#include "tui/ui.h"

void refs_init(struct ui *ui, const char *db_path, int no_state)
{
	const char *env = getenv("DLTIMELINE_HYPERLINKS");
	const char *term = getenv("TERM");
	ui->hyperlinks = !(env && strcmp(env, "0") == 0) && term &&
			 strncmp(term, "vt", 2) != 0 && strcmp(term, "linux") != 0;
	if (no_state) {
		snprintf(ui->state_err, sizeof ui->state_err, "bookmarks are off (--no-state)");
		return;
	}
	struct strbuf key = {0}, err = {0};
	dlt_state_key(db_path && *db_path ? db_path : getenv("DLTIMELINE_DB"), &key);
	ui->state = dlt_state_open(sb_str(&key), &err);
	if (!ui->state)
		snprintf(ui->state_err, sizeof ui->state_err, "bookmarks are off: %s", sb_str(&err));
	sb_free(&key);
	sb_free(&err);
}

void refs_free(struct ui *ui)
{
	dlt_state_close(ui->state);
	ui->state = NULL;
	for (int i = 0; i < ui->nosc8; i++)
		free(ui->osc8[i].text);
	ui->nosc8 = 0;
	free(ui->osc8_url);
	ui->osc8_url = NULL;
}

int bookmark_has(struct ui *ui, const char *slug)
{
	return ui->state && dlt_bookmark_has(ui->state, slug) == 1;
}

void bookmark_toggle(struct ui *ui)
{
	struct dlt_row r = {0};
	if (!ui->sel || dlt_row_load(ui->db, ui->sel, &r) < 0)
		return;
	if (!ui->state) {
		ui_message(ui, 1, "%s", ui->state_err);
	} else {
		int on = !bookmark_has(ui, r.slug);
		if (dlt_bookmark_set(ui->state, r.slug, on) < 0)
			ui_message(ui, 1, "%s", dlt_state_error(ui->state));
		else
			ui_message(ui, 0, on ? "Bookmarked %s (' lists bookmarks)" : "Removed the bookmark on %s",
				   dlt_row_name(&r));
	}
	dlt_row_clear(&r);
}

/* The address of the selection, or NULL (with a message). Malloc'd. */
static char *selected_url(struct ui *ui)
{
	struct dlt_milestone m;
	if (!ui->sel || dlt_milestone_load(ui->db, ui->sel, &m) < 0)
		return NULL;
	char *url = dlt_milestone_link(&m);
	if (!url)
		ui_message(ui, 0, "%s has no address", dlt_row_name(&m.row));
	dlt_milestone_clear(&m);
	return url;
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

void url_open(struct ui *ui)
{
	char *url = selected_url(ui);
	if (!url)
		return;
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
		ui_message(ui, 1, env && *env ? "$BROWSER (%.60s) cannot be run; the address is %s"
					 : "No browser: set $BROWSER to open %s%s", env && *env ? env : "", url);
		free(url);
		return;
	}
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
		ui_message(ui, 0, "Opening %s with %s", url, prog);
	} else {
		ui_message(ui, 1, "Cannot start %s: %s", prog, strerror(errno));
	}
	free(prog);
	free(url);
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

void url_copy(struct ui *ui)
{
	char *url = selected_url(ui);
	if (!url)
		return;
	if (!ui->headless) {
		struct strbuf sb = {0};
		sb_add(&sb, "\033]52;c;");
		base64(url, &sb);
		sb_add(&sb, "\a");
		fputs(sb_str(&sb), stdout);
		fflush(stdout);
		sb_free(&sb);
	}
	ui_message(ui, 0, "Copied %s (through the terminal, OSC 52)", url);
	free(url);
}

void osc8_emit(struct ui *ui)
{
	if (!ui->hyperlinks || ui->headless || !ui->osc8_url || !ui->nosc8)
		return;
	/* Rewrite the address text where it stands, wrapped in an OSC 8 hyperlink; the
	 * cursor is saved and restored so curses' idea of it stays right. */
	fputs("\0337", stdout);
	for (int i = 0; i < ui->nosc8; i++)
		printf("\033[%d;%dH\033]8;;%s\033\\%s\033]8;;\033\\", ui->osc8[i].y + 1, ui->osc8[i].x + 1,
		       ui->osc8_url, ui->osc8[i].text);
	fputs("\0338", stdout);
	fflush(stdout);
}
