/*
 * cli.c -- see cli.h. The table of commands; parsing a command's arguments with
 * getopt_long from its option table, and its --help made from the same table; the pager;
 * the errors, the database and the names that every command shares. The commands
 * themselves are in the cmd_*.c files.
 */
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli_int.h"
#include "model/find.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/vocab.h"

static const struct cli_command *const commands[] = {
	&cli_cmd_list, &cli_cmd_show, &cli_cmd_search, &cli_cmd_links, &cli_cmd_eras,
	&cli_cmd_paradigms, &cli_cmd_tags, &cli_cmd_lineage, &cli_cmd_path, &cli_cmd_chart,
	&cli_cmd_export, &cli_cmd_import, &cli_cmd_bookmarks,
};

static const char *const format_names[FMT__COUNT] = {
	[FMT_TEXT] = "text", [FMT_TSV] = "tsv", [FMT_JSON] = "json", [FMT_CSV] = "csv",
	[FMT_MARKDOWN] = "markdown", [FMT_DOT] = "dot", [FMT_MERMAID] = "mermaid",
	[FMT_BIBTEX] = "bibtex", [FMT_CSL_JSON] = "csl-json", [FMT_TIMELINEJS] = "timelinejs",
};

/* Options every command takes, after its own: their ids are below any command's. */
enum { OPT_DB = -100, OPT_FORMAT, OPT_HELP };
static const struct cli_opt common_opts[] = {
	{"format", 0, OPT_FORMAT, "F", NULL},   /* only with formats; its help is made */
	{"db", 0, OPT_DB, "FILE", "read this database instead of the built-in one"},
	{"help", 'h', OPT_HELP, NULL, "show this help"},
	{0},
};

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < DLT_ARRAY_LEN(commands); i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

/* ---- --help, made from the tables ------------------------------------------------------------ */

/* One option line: "  -o, --output FILE    help", continuation lines aligned. */
static void help_option(FILE *fp, const struct cli_opt *o, const char *help)
{
	struct strbuf sb = {0};
	if (o->letter)
		sb_addf(&sb, "-%c, ", o->letter);
	sb_addf(&sb, "--%s", o->name);
	if (o->metavar)
		sb_addf(&sb, " %s", o->metavar);
	fprintf(fp, "  %-20s ", sb_str(&sb));
	if (sb.len > 20)
		fprintf(fp, "\n  %20s ", "");
	for (const char *p = help; *p; p++) {
		fputc(*p, fp);
		if (*p == '\n')
			fprintf(fp, "  %20s ", "");
	}
	fputc('\n', fp);
	sb_free(&sb);
}

/* "text (default), tsv or json" for a list of formats "text tsv json"; with `wrap`, a line
 * break before a format that would take a line past 56 characters (for --help). */
static void format_help(const char *formats, int wrap, struct strbuf *sb)
{
	const char *p = formats;
	size_t line = sb->len;   /* where the current line starts */
	int i = 0;
	while (*p) {
		size_t n = strcspn(p, " ");
		const char *next = p + n + (p[n] == ' ');
		const char *sep = i == 0 ? "" : *next ? ", " : " or ";
		if (wrap && i && sb->len - line + strlen(sep) + n > 56) {
			sb_add(sb, *next ? ",\n" : "\nor ");
			line = sb->len - (*next ? 0 : 3);
			sep = "";
		}
		sb_addf(sb, "%s%.*s%s", sep, (int)n, p, i == 0 ? " (default)" : "");
		p = next;
		i++;
	}
}

static void print_help(const struct cli_command *cmd)
{
	printf("usage: dltimeline %s [options]%s%s\n\n", cmd->name, *cmd->usage ? " " : "", cmd->usage);
	printf("%s\n\noptions:\n", cmd->help);
	for (const struct cli_opt *o = cmd->opts; o && o->name; o++)
		help_option(stdout, o, o->help);
	for (const struct cli_opt *o = common_opts; o->name; o++) {
		if (o->id != OPT_FORMAT) {
			help_option(stdout, o, o->help);
		} else if (cmd->formats) {
			struct strbuf sb = {0};
			format_help(cmd->formats, 1, &sb);
			help_option(stdout, o, sb_str(&sb));
			sb_free(&sb);
		}
	}
	out_check();
}

void cli_print_commands(FILE *fp)
{
	for (size_t i = 0; i < DLT_ARRAY_LEN(commands); i++) {
		const char *h = commands[i]->help;
		fprintf(fp, "  %-10s %.*s\n", commands[i]->name, (int)strcspn(h, "\n"), h);
	}
}

/* ---- parsing ------------------------------------------------------------------------------------ */

/* The --format value, if the command takes it. Returns 0 or a usage error's status. */
static int set_format(struct cli *c, const char *value)
{
	const char *p = c->cmd->formats;
	size_t vn = strlen(value);
	while (p && *p) {
		size_t n = strcspn(p, " ");
		if (n == vn && strncmp(p, value, n) == 0)
			for (int f = 0; f < FMT__COUNT; f++)
				if (strcmp(format_names[f], value) == 0) {
					c->format = (enum cli_format)f;
					return 0;
				}
		p += n + (p[n] == ' ');
	}
	struct strbuf sb = {0};
	format_help(c->cmd->formats, 0, &sb);
	int status = cli_usage(c, "unknown format '%s' (%s)", value, sb_str(&sb));
	sb_free(&sb);
	return status;
}

/* getopt_long's value of the long option at index i of the merged table: above any letter,
 * and above the 1, '?' and ':' that getopt_long returns itself. */
#define LONG_VAL(i) (256 + (int)(i))

/* The option at index i of the merged table: the command's, then the common ones. */
static const struct cli_opt *opt_at(const struct cli_command *cmd, size_t i, size_t nown)
{
	return i < nown ? &cmd->opts[i] : &common_opts[i - nown];
}

/* Parse argv (argv[0] is the command's name) into the options (through cmd->option) and
 * the positional arguments, options and arguments in any order ("--" ends the options).
 * Returns 0, 1 after printing --help, or the (non-zero) status of a usage error it
 * reported; -1 never. */
static int parse(struct cli *c, int argc, char **argv, void *arg)
{
	const struct cli_command *cmd = c->cmd;
	size_t nown = 0;
	while (cmd->opts && cmd->opts[nown].name)
		nown++;
	size_t ncommon = DLT_ARRAY_LEN(common_opts) - 1;
	struct option *lo = xcalloc(nown + ncommon + 1, sizeof *lo);
	struct strbuf shorts = {0};
	sb_add(&shorts, "-:");   /* '-': positional arguments in order; ':': report missing values */
	size_t n = 0;
	for (size_t i = 0; i < nown + ncommon; i++) {
		const struct cli_opt *o = opt_at(cmd, i, nown);
		if (o->id == OPT_FORMAT && !cmd->formats)
			continue;
		lo[n++] = (struct option){o->name, o->metavar ? required_argument : no_argument, NULL, LONG_VAL(i)};
		if (o->letter)
			sb_addf(&shorts, "%c%s", o->letter, o->metavar ? ":" : "");
	}
	c->args = xmalloc(((size_t)argc + 1) * sizeof *c->args);
	c->nargs = 0;
	optind = 0;
	opterr = 0;
	int ch, status = 0;
	while (!status && (ch = getopt_long(argc, argv, sb_str(&shorts), lo, NULL)) != -1) {
		const struct cli_opt *o = NULL;
		if (ch == 1) {
			c->args[c->nargs++] = optarg;
			continue;
		}
		if (ch == '?' || ch == ':') {
			const char *bad = argv[optind - 1];
			if (ch == ':')
				status = cli_usage(c, "option '%s' needs a value", bad);
			else if (optopt > ' ' && optopt < 127)
				status = cli_usage(c, "unknown option '-%c'", optopt);
			else if (optopt >= LONG_VAL(0) && strchr(bad, '='))
				status = cli_usage(c, "option '%.*s' takes no value", (int)(strchr(bad, '=') - bad), bad);
			else
				status = cli_usage(c, "unknown option '%s'", bad);
			break;
		}
		if (ch >= LONG_VAL(0) && ch < LONG_VAL(nown + ncommon)) {
			o = opt_at(cmd, (size_t)(ch - LONG_VAL(0)), nown);
		} else {   /* a one-letter form */
			for (size_t i = 0; i < nown + ncommon && !o; i++)
				if (opt_at(cmd, i, nown)->letter == ch)
					o = opt_at(cmd, i, nown);
		}
		if (!o)
			continue;
		if (o->id == OPT_HELP) {
			print_help(cmd);
			status = 1;
		} else if (o->id == OPT_DB) {
			((struct cli_global *)c->g)->db_path = optarg;
		} else if (o->id == OPT_FORMAT) {
			status = set_format(c, optarg);
		} else {
			status = cmd->option(c, o->id, o->metavar ? optarg : NULL, arg);
		}
	}
	for (; !status && optind < argc; optind++)   /* after "--" */
		c->args[c->nargs++] = argv[optind];
	free(lo);
	sb_free(&shorts);
	if (status)
		return status;
	if (c->nargs < cmd->min_args)
		return cli_usage(c, "%s", cmd->too_few);
	if (cmd->max_args >= 0 && c->nargs > cmd->max_args)
		return cmd->too_many ? cli_usage(c, "%s", cmd->too_many)
				     : cli_usage(c, "unexpected argument '%s'", c->args[cmd->max_args]);
	return 0;
}

/* ---- the pager -------------------------------------------------------------------------------- */

static pid_t pager_pid;

/* Let the pager finish reading what was written, and wait for the user to leave it. */
static void wait_for_pager(void)
{
	if (!pager_pid)
		return;
	fflush(stdout);
	close(STDOUT_FILENO);
	while (waitpid(pager_pid, NULL, 0) < 0 && errno == EINTR)
		;
	pager_pid = 0;
}

/* A signal while the pager runs: leave the terminal to it until it ends, then die of the
 * signal (async-signal-safe: close, waitpid, signal, raise). */
static void pager_signal(int sig)
{
	close(STDOUT_FILENO);
	if (pager_pid)
		while (waitpid(pager_pid, NULL, 0) < 0 && errno == EINTR)
			;
	signal(sig, SIG_DFL);
	raise(sig);
}

/* On a terminal, send stdout through $DLTIMELINE_PAGER, else $PAGER, else "less" (with
 * LESS=FRX unless set: one screen of output is printed as it is), as git does. Nothing when
 * the pager is empty or "cat", or when it cannot be started. */
static void start_pager(void)
{
	const char *pager = getenv("DLTIMELINE_PAGER");
	if (!pager)
		pager = getenv("PAGER");
	if (!pager)
		pager = "less";
	if (!*pager || strcmp(pager, "cat") == 0)
		return;
	int fd[2];
	if (pipe(fd) < 0)
		return;
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return;
	}
	if (pid == 0) {
		dup2(fd[0], STDIN_FILENO);
		close(fd[0]);
		close(fd[1]);
		setenv("LESS", "FRX", 0);
		setenv("LV", "-c", 0);
		execl("/bin/sh", "sh", "-c", pager, (char *)NULL);
		_exit(127);
	}
	close(fd[0]);
	dup2(fd[1], STDOUT_FILENO);
	close(fd[1]);
	pager_pid = pid;
	atexit(wait_for_pager);
	signal(SIGINT, pager_signal);
	signal(SIGTERM, pager_signal);
	signal(SIGHUP, pager_signal);
	signal(SIGQUIT, pager_signal);
}

/* ---- running a command ---------------------------------------------------------------------- */

static size_t terminal_size(int rows)
{
	struct winsize ws;
	if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0)
		return 0;
	return rows ? ws.ws_row : ws.ws_col;
}

static void cli_init(struct cli *c, const struct cli_global *g, const struct cli_command *cmd)
{
	memset(c, 0, sizeof *c);
	c->g = g;
	c->cmd = cmd;
	c->cut = isatty(STDOUT_FILENO);
	/* $COLUMNS, as the user set it, else the terminal's width, else 80 */
	long cols;
	const char *env = getenv("COLUMNS");
	size_t tw = terminal_size(0), th = terminal_size(1);
	c->width = env && parse_long(env, 20, 100000, &cols) == 0 ? (size_t)cols : tw >= 20 ? tw : 80;
	c->height = th >= 6 ? th : 24;
	const char *codeset = nl_langinfo(CODESET);
	c->utf8 = codeset && strcmp(codeset, "UTF-8") == 0;
	const char *nc = getenv("NO_COLOR");
	c->color = c->cut && !(nc && *nc);
	if (cmd->formats) {   /* the first of the command's formats */
		char first[32];
		snprintf(first, sizeof first, "%.*s", (int)strcspn(cmd->formats, " "), cmd->formats);
		set_format(c, first);
	}
}

int cli_named_milestone(const struct cli_global *g, const char *name, char **slug)
{
	*slug = NULL;
	struct strbuf err = {0};
	struct dlt_db *db = dlt_db_open_default(g->db_path, &err);
	if (!db) {
		fprintf(stderr, "dltimeline: %s\n", sb_str(&err));
		sb_free(&err);
		return -1;
	}
	int64_t id = 0;
	if (dlt_lookup(db, name, &id, 1) < 1) {
		struct dlt_found f;
		id = dlt_find(db, name, NULL, 1, 0, &f, &err) == 0 && f.n && !f.corrected && !f.partial ? f.hits[0].id : 0;
		dlt_found_clear(&f);
	}
	struct dlt_row r = {0};
	if (id && dlt_row_load(db, id, &r) == 0) {
		*slug = xstrdup(r.slug);
		dlt_row_clear(&r);
	}
	dlt_db_close(db);
	sb_free(&err);
	return *slug != NULL;
}

int cli_is_command(const char *name)
{
	return find_command(name) != NULL;
}

int cli_run(int argc, char **argv, const struct cli_global *g)
{
	const struct cli_command *cmd = find_command(argv[0]);
	if (!cmd) {
		char *clean = utf8_sanitize(argv[0], strlen(argv[0]), 0);
		fprintf(stderr, "dltimeline: unknown command '%.60s' (see 'dltimeline --help')\n", clean);
		free(clean);
		return DLT_EXIT_ERROR;
	}
	struct cli c;
	struct cli_global gl = *g;
	cli_init(&c, &gl, cmd);
	void *arg = xcalloc(1, cmd->args_size ? cmd->args_size : 1);
	int status = parse(&c, argc, argv, arg);
	if (status == 0) {
		if (cmd->pages && c.cut && !g->no_pager)
			start_pager();
		status = cmd->run(&c, arg);
		out_check();
	} else if (status == 1) {
		status = DLT_EXIT_OK;   /* --help */
	}
	free(arg);
	free(c.args);
	dlt_periods_free(c.eras, c.neras);
	dlt_periods_free(c.pars, c.npars);
	dlt_db_close(c.db);
	return status;
}

int cli_list_default(const struct cli_global *g)
{
	char *argv[] = {"list", NULL};
	return cli_run(1, argv, g);
}
