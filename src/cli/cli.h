/*
 * cli.h -- the command-line mode: `dltimeline COMMAND ...`, plain text/TSV/JSON on stdout,
 * no curses. Each command opens the database through the db layer and reads it through the
 * model layer.
 */
#ifndef DLT_CLI_H
#define DLT_CLI_H

#include <stdio.h>

/* Options that come before the command. */
struct cli_global {
	const char *db_path;    /* --db, or NULL for $DLTIMELINE_DB / embedded */
	int no_state;           /* --no-state: never touch the user's state database */
	int no_pager;           /* --no-pager: write to the terminal directly */
};

/* Run command argv[0] with its arguments. Returns the exit status (0, 1 nothing found,
 * 2 usage or database error); errors are printed to stderr as one line. */
int cli_run(int argc, char **argv, const struct cli_global *g);
/* True when name is one of the commands. */
int cli_is_command(const char *name);
/* The id (slug, malloc'd in *slug) of the milestone `name` names: an id or a name, else the
 * best match of its words as typed (not a corrected or partial match). Returns 1, 0 when
 * none, -1 when the database cannot be opened (reported). */
int cli_named_milestone(const struct cli_global *g, const char *name, char **slug);
/* Print the list of commands (for --help) to fp. */
void cli_print_commands(FILE *fp);
/* Print the timeline list (used when the browser cannot start). Returns an exit status. */
int cli_list_default(const struct cli_global *g);

#endif
