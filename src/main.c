/*
 * dltimeline -- an interactive terminal browser of the history of deep learning.
 *
 * A map of the program (start reading here, then main() below):
 *
 *   main.c            argv -> command-line mode (cli/) or the interactive browser (tui/)
 *   tui/              the only code that includes curses: terminal setup, the key/action
 *                     table that also generates the help screen, the timeline, detail,
 *                     picker and help views, the headless script mode used by tests
 *   cli/              subcommands (list, show, search, links, eras, export, import, ...)
 *                     printing text, TSV or JSON; no curses
 *   import/           YAML data files -> validation -> database (ynode streams the YAML;
 *                     batch.c gathers rows for multi-row INSERTs)
 *   model/            the timeline as views with keyset paging, periods, milestones with
 *                     their links, search-query compilation, detail fields; no curses
 *   db/               opening databases read-only (embedded or --db), validation, the
 *                     table of every SQL statement (queries.h), prepared once, bound always,
 *                     and the ranking functions those statements call (rank.c)
 *   core/             allocation, string buffers, UTF-8 width/wrapping/sanitising
 *
 * Dependencies point one way: tui -> model -> db -> core; cli and import -> model/db -> core.
 * The database schema lives in schema/; the curated data in data/ (format: data/README.md).
 */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/util.h"
#include "tui/tui.h"

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: dltimeline [--db FILE] [COMMAND [ARGS...]]\n"
		"\n"
		"Without a command, browse the timeline interactively (press ? for keys).\n"
		"\n"
		"commands:\n");
	cli_print_commands(fp);
	fprintf(fp,
		"\n"
		"options:\n"
		"  --db FILE            read this database (also $DLTIMELINE_DB) instead of the\n"
		"                       built-in one; always opened read-only\n"
		"  --script FILE        run the browser headless, reading keys from FILE (for tests)\n"
		"  --size WxH           the headless screen size (default 80x24)\n"
		"  --dump FILE          where the headless mode writes the final screen (default: stdout)\n"
		"  --dump-attrs         under each dumped line, mark its attributes (r reverse,\n"
		"                       u underline, b bold, d dim, . none)\n"
		"  --no-state           keep no bookmarks and write no file of your own\n"
		"  --version            print the version\n"
		"  -h, --help           show this help; 'dltimeline COMMAND --help' for a command\n");
}

/* Value of option argv[*i] given as "--name VALUE" or "--name=VALUE"; NULL if missing. */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (*i + 1 < argc)
		return argv[++*i];
	return NULL;
}

/* The exit status after printing to stdout: a reader that went away (EPIPE) is fine; any
 * other failed write (stdout closed, a full disk) is reported. */
static int stdout_status(void)
{
	if (fflush(stdout) != EOF && !ferror(stdout))
		return DLT_EXIT_OK;
	if (errno == EPIPE)
		return DLT_EXIT_OK;
	fprintf(stderr, "dltimeline: write error: %s\n", strerror(errno));
	return DLT_EXIT_ERROR;
}

static int option_is(const char *arg, const char *name)
{
	size_t n = strlen(name);
	return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

int main(int argc, char **argv)
{
	struct cli_global g = {0};
	struct tui_options topt = {.width = 80, .height = 24};
	int i;

	setlocale(LC_ALL, "");
	signal(SIGPIPE, SIG_IGN);

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i], *v;
		if (strcmp(a, "--version") == 0) {
			printf("dltimeline %s\n", DLT_VERSION);
			return stdout_status();
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			return stdout_status();
		} else if (option_is(a, "--db")) {
			if (!(v = opt_value(argc, argv, &i, "--db")) || !*v)
				goto missing;
			g.db_path = v;
		} else if (strcmp(a, "--no-state") == 0) {
			g.no_state = 1;
			topt.no_state = 1;
		} else if (option_is(a, "--script")) {
			if (!(v = opt_value(argc, argv, &i, "--script")))
				goto missing;
			topt.script = v;
		} else if (strcmp(a, "--dump-attrs") == 0) {
			topt.dump_attrs = 1;
		} else if (option_is(a, "--dump")) {
			if (!(v = opt_value(argc, argv, &i, "--dump")))
				goto missing;
			topt.dump = v;
		} else if (option_is(a, "--size")) {
			if (!(v = opt_value(argc, argv, &i, "--size")))
				goto missing;
			int w, h;
			char extra;
			if (sscanf(v, "%dx%d%c", &w, &h, &extra) != 2 || w < 1 || h < 1 || w > 1000 || h > 1000) {
				fprintf(stderr, "dltimeline: --size wants WIDTHxHEIGHT (1-1000), not '%s'\n", v);
				return DLT_EXIT_ERROR;
			}
			topt.width = w;
			topt.height = h;
		} else if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else {
			fprintf(stderr, "dltimeline: unknown option '%s' (see 'dltimeline --help')\n", a);
			return DLT_EXIT_ERROR;
		}
		continue;
missing:
		fprintf(stderr, "dltimeline: option '%s' needs a value\n", a);
		return DLT_EXIT_ERROR;
	}

	if (i < argc)
		return cli_run(argc - i, argv + i, &g);
	if ((topt.dump || topt.dump_attrs) && !topt.script) {
		fprintf(stderr, "dltimeline: --dump and --dump-attrs need --script\n");
		return DLT_EXIT_ERROR;
	}
	if (!topt.script && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		fprintf(stderr, "dltimeline: not a terminal, so no interactive browser; "
				"here is the timeline (see 'dltimeline --help' for commands)\n");
		return cli_list_default(&g);
	}
	topt.db_path = g.db_path;
	return tui_run(&topt);
}
