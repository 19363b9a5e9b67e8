/*
 * tui.h -- the interactive browser. The only module that includes curses.
 */
#ifndef DLT_TUI_H
#define DLT_TUI_H

struct tui_options {
	const char *db_path;   /* --db, or NULL for $DLTIMELINE_DB / embedded */
	const char *script;    /* headless mode: key script file ("-" = stdin) */
	const char *dump;      /* headless mode: where to write the final screen (NULL = stdout) */
	int dump_attrs;        /* headless mode: also write an attribute map under each line */
	int width, height;     /* headless screen size */
	int no_state;          /* --no-state: no bookmarks, no file written */
	const char *go_to;     /* --goto: start on this milestone (id, name or words) */
};

/* Run the browser until the user quits. Restores the terminal in every case (quit, signals,
 * fatal errors) and prints any error after that. Returns the exit status. */
int tui_run(const struct tui_options *opts);

#endif
