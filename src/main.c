/*
 * dltimeline -- an interactive terminal browser of the history of deep learning.
 *
 * A map of the program (start reading here, then main() below):
 *
 *   main.c            argv -> command-line mode (cli/) or the interactive browser (tui/);
 *                     `dltimeline NAME` and --goto open the browser on a milestone
 *   tui/              the only code that includes curses. tui.c composes the screen and runs
 *                     the loop; app.c is the controller (selection, filter, search, jump list,
 *                     messages, the stack of views); each view is a file of its own behind
 *                     view.h's view_ops (v_timeline, v_detail, v_help, v_picker, v_prompt,
 *                     v_lineage, v_path, v_chart); keys.c holds the action table that also
 *                     makes the help; term.c the terminal and signals; script.c the headless
 *                     mode of the tests; draw.c how text and glyphs reach the screen
 *   cli/              one file per command family (cmd_list, cmd_show, cmd_graph, cmd_export,
 *                     cmd_misc) over cli.c, which turns each command's option table into
 *                     getopt and --help; output.c prints text, TSV and JSON; no curses
 *   import/           YAML data files -> parse -> check -> sink, driven by import.c: inputs.c
 *                     (the files), parse.c (parser threads over yfast.c or libyaml's ynode.c),
 *                     entries.c and fields.c (each entry by itself) into records (record.h),
 *                     check.c and cycles.c (the whole input; symtab.c names), then a sink:
 *                     sink_db.c, sink_rows.c, sink_final.c and fts.c (the database and its
 *                     search index) or nothing for --check; problems.c reports, files.c and
 *                     signals.c keep inputs and outputs safe; biblio.c turns a bibliography
 *                     into data YAML first (BibTeX through libbtparse, in a child process
 *                     because the library may exit or crash: bib_bibtex.c; CSL-JSON: bib_csl.c)
 *   model/            the timeline for both front ends: filter.c (criteria that stack),
 *                     view.c (what a filter lets through, paged, counted and ranked),
 *                     find.c (the one ranking of search: names, prefixes, words, text),
 *                     spell.c (typos corrected to the index's vocabulary), query.c (field
 *                     terms), search.c (full-text expressions), model.c
 *                     (rows, periods, milestones, links), detail.c, graph.c (lineage, paths),
 *                     chart.c (drawn on grid.c, a canvas of cells), state.c (bookmarks and
 *                     search history); no curses
 *   db/               opening databases read-only (embedded or --db), validation, the
 *                     table of every SQL statement (queries.h), prepared once, bound always,
 *                     the name key of the name indexes, and the ranking functions (rank.c)
 *   core/             allocation, string buffers, UTF-8 width/wrapping/sanitising/name keys,
 *                     JSON text, the vocabulary of the data model (vocab.h)
 *
 * Dependencies point one way: tui -> model -> db -> core; cli and import -> model/db -> core.
 * The database schema lives in schema/; the curated data in data/ (format: data/README.md).
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/utf8.h"
#include "core/util.h"
#include "tui/tui.h"

/* The options before the command. Those marked `testing` drive the headless browser of the
 * test suite: --help leaves them out, --help-all shows them. */
enum { O_DB = 1, O_GOTO, O_NO_STATE, O_NO_PAGER, O_VERSION, O_HELP, O_HELP_ALL, O_SCRIPT, O_SIZE, O_DUMP,
       O_DUMP_ATTRS };
static const struct main_opt {
	const char *name;
	char letter;
	int id;
	const char *metavar;    /* NULL for a flag */
	int testing;
	const char *help;
} main_opts[] = {
	{"db", 0, O_DB, "FILE", 0, "read this database (also $DLTIMELINE_DB) instead of the\n"
				   "built-in one; always opened read-only"},
	{"goto", 0, O_GOTO, "NAME", 0, "open the browser on this milestone: its id, a name or\n"
				      "words of it ('dltimeline NAME' does the same)"},
	{"no-state", 0, O_NO_STATE, NULL, 0, "keep no bookmarks and write no file of your own"},
	{"no-pager", 0, O_NO_PAGER, NULL, 0, "write long output to the terminal, not through $PAGER"},
	{"version", 0, O_VERSION, NULL, 0, "print the version"},
	{"help", 'h', O_HELP, NULL, 0, "show this help; 'dltimeline COMMAND --help' for a command"},
	{"help-all", 0, O_HELP_ALL, NULL, 0, "this help with the options for testing"},
	{"script", 0, O_SCRIPT, "FILE", 1, "run the browser headless, reading keys from FILE"},
	{"size", 0, O_SIZE, "WxH", 1, "the headless screen size (default 80x24)"},
	{"dump", 0, O_DUMP, "FILE", 1, "where the headless mode writes the final screen (default:\n"
				      "stdout)"},
	{"dump-attrs", 0, O_DUMP_ATTRS, NULL, 1, "under each dumped line, mark its attributes (r reverse,\n"
						 "u underline, b bold, d dim, . none)"},
};

static void usage(FILE *fp, int all)
{
	fprintf(fp,
		"usage: dltimeline [options] [COMMAND [ARGS...] | NAME]\n"
		"\n"
		"Without a command, browse the history of deep learning (press ? for keys);\n"
		"with the NAME of a milestone, start the browser on it.\n"
		"\n"
		"commands:\n");
	cli_print_commands(fp);
	for (int testing = 0; testing <= all; testing++) {
		fprintf(fp, testing ? "\noptions for testing:\n" : "\noptions:\n");
		for (size_t i = 0; i < DLT_ARRAY_LEN(main_opts); i++) {
			const struct main_opt *o = &main_opts[i];
			if (o->testing != testing)
				continue;
			char head[64];
			snprintf(head, sizeof head, "%s%s--%s%s%s", o->letter ? "-" : "", o->letter ? "h, " : "",
				 o->name, o->metavar ? " " : "", o->metavar ? o->metavar : "");
			fprintf(fp, "  %-20s ", head);
			for (const char *p = o->help; *p; p++) {
				fputc(*p, fp);
				if (*p == '\n')
					fprintf(fp, "  %-20s ", "");
			}
			fputc('\n', fp);
		}
	}
	fprintf(fp, "\nSee 'man dltimeline' or README.md for the keys, the data format and the formats.\n");
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

/* "WxH" with 1 <= W, H <= 1000, nothing else. Returns 0 or -1. */
static int parse_size(const char *v, int *w, int *h)
{
	long lw, lh;
	const char *x = strchr(v, 'x');
	if (!x || x == v)
		return -1;
	char *wtext = xstrndup(v, (size_t)(x - v));
	int ok = parse_long(wtext, 1, 1000, &lw) == 0 && parse_long(x + 1, 1, 1000, &lh) == 0 &&
		 isdigit((unsigned char)v[0]) && isdigit((unsigned char)x[1]);
	free(wtext);
	if (!ok)
		return -1;
	*w = (int)lw;
	*h = (int)lh;
	return 0;
}

/* One line about a bad option or value, made printable; returns DLT_EXIT_ERROR. */
static int option_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int option_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	utf8_print_line(stderr, "dltimeline: ", " (see 'dltimeline --help')", fmt, ap);
	va_end(ap);
	return DLT_EXIT_ERROR;
}

int main(int argc, char **argv)
{
	struct cli_global g = {0};
	struct tui_options topt = {.width = 80, .height = 24};

	setlocale(LC_ALL, "");
	signal(SIGPIPE, SIG_IGN);

	/* getopt_long from the table; '+': the options end at the command */
	struct option lo[DLT_ARRAY_LEN(main_opts) + 1];
	for (size_t i = 0; i < DLT_ARRAY_LEN(main_opts); i++)
		lo[i] = (struct option){main_opts[i].name, main_opts[i].metavar ? required_argument : no_argument,
					NULL, main_opts[i].id};
	lo[DLT_ARRAY_LEN(main_opts)] = (struct option){0};
	opterr = 0;
	int ch;
	while ((ch = getopt_long(argc, argv, "+:h", lo, NULL)) != -1) {
		switch (ch) {
		case O_VERSION:
			printf("dltimeline %s\n", DLT_VERSION);
			return stdout_status();
		case 'h':
		case O_HELP:
		case O_HELP_ALL:
			usage(stdout, ch == O_HELP_ALL);
			return stdout_status();
		case O_DB:
			if (!*optarg)
				return option_error("--db needs a file name");
			g.db_path = optarg;
			break;
		case O_GOTO:
			if (!*optarg)
				return option_error("--goto needs the name of a milestone");
			topt.go_to = optarg;
			break;
		case O_NO_STATE:
			g.no_state = topt.no_state = 1;
			break;
		case O_NO_PAGER:
			g.no_pager = 1;
			break;
		case O_SCRIPT:
			topt.script = optarg;
			break;
		case O_DUMP:
			topt.dump = optarg;
			break;
		case O_DUMP_ATTRS:
			topt.dump_attrs = 1;
			break;
		case O_SIZE:
			if (parse_size(optarg, &topt.width, &topt.height) < 0)
				return option_error("--size wants WIDTHxHEIGHT (1-1000), not '%s'", optarg);
			break;
		case ':':
			return option_error("option '%s' needs a value", argv[optind - 1]);
		default:
			return option_error("unknown option '%s'", argv[optind - 1]);
		}
	}

	/* `dltimeline resnet`: one argument that is not a command names a milestone */
	char *named_slug = NULL;
	if (optind + 1 == argc && !cli_is_command(argv[optind]) && argv[optind][0] != '-') {
		int named = cli_named_milestone(&g, argv[optind], &named_slug);
		if (named < 0)
			return DLT_EXIT_ERROR;
		if (!named) {
			char *clean = utf8_sanitize(argv[optind], strlen(argv[optind]), 0);
			fprintf(stderr, "dltimeline: '%.60s' is not a command, nor does it name a milestone "
					"(see 'dltimeline --help')\n", clean);
			free(clean);
			return DLT_EXIT_ERROR;
		}
		topt.go_to = named_slug;
		optind++;
	}
	if (optind < argc)
		return cli_run(argc - optind, argv + optind, &g);
	if ((topt.dump || topt.dump_attrs) && !topt.script) {
		fprintf(stderr, "dltimeline: --dump and --dump-attrs need --script\n");
		return DLT_EXIT_ERROR;
	}
	if (!topt.script && topt.go_to && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		char *show[] = {"show", (char *)topt.go_to, NULL};   /* in a pipe: the milestone as text */
		int status = cli_run(2, show, &g);
		free(named_slug);
		return status;
	}
	if (!topt.script && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		fprintf(stderr, "dltimeline: not a terminal, so no interactive browser; "
				"here is the timeline (see 'dltimeline --help' for commands)\n");
		return cli_list_default(&g);
	}
	topt.db_path = g.db_path;
	int status = tui_run(&topt);
	free(named_slug);
	return status;
}
