/*
 * cli.c -- see cli.h. One function per command; a table maps names to them and gives
 * their one-line help. Output goes through out_*() helpers, which end the program quietly
 * when stdout is a closed pipe.
 */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "core/utf8.h"
#include "core/util.h"
#include "db/db.h"
#include "import/import.h"
#include "model/chart.h"
#include "model/detail.h"
#include "model/graph.h"
#include "model/model.h"
#include "model/search.h"
#include "model/state.h"

enum format { FMT_TEXT, FMT_TSV, FMT_JSON, FMT_CSV, FMT_MARKDOWN, FMT_DOT, FMT_MERMAID };

/* Per-invocation state. */
struct cli {
	const struct cli_global *g;
	const char *cmd;          /* command name, for messages */
	enum format format;
	int color;                /* ANSI colors on */
	size_t width;             /* text width */
	size_t height;            /* terminal lines, 24 when not a terminal */
	int utf8;                 /* the locale is UTF-8: box drawing and symbols, else ASCII */
	struct dlt_db *db;
	struct dlt_period *eras, *pars;
	size_t neras, npars;
};

/* ---- output -------------------------------------------------------------------------------- */

/* After writing: a closed pipe ends the program quietly with success. */
static void out_check(void)
{
	if (ferror(stdout) || fflush(stdout) == EOF) {
		if (errno == EPIPE)
			exit(DLT_EXIT_OK);
		fprintf(stderr, "dltimeline: write error: %s\n", strerror(errno));
		exit(DLT_EXIT_ERROR);
	}
}

static const char *c_on(const struct cli *c, const char *code)
{
	return c->color ? code : "";
}

#define C_RESET(c) c_on(c, "\033[0m")
#define C_BOLD(c) c_on(c, "\033[1m")
#define C_DIM(c) c_on(c, "\033[2m")
#define C_DATE(c) c_on(c, "\033[36m")

/* Print s cut to `width` columns (with an ellipsis when cut), padded to width if pad. */
static void out_fit(const char *s, size_t width, int pad)
{
	size_t len = strlen(s), used;
	size_t n = utf8_prefix_for_width(s, len, width, &used);
	if (n < len) {
		n = utf8_prefix_for_width(s, len, width ? width - 1 : 0, &used);
		fwrite(s, 1, n, stdout);
		fputs("…", stdout);
		used++;
	} else {
		fwrite(s, 1, n, stdout);
	}
	while (pad && used++ < width)
		putchar(' ');
}

/* Print text wrapped to width with `indent` spaces before each line. */
static void out_wrapped(const char *s, size_t width, size_t indent)
{
	struct wrap_line *lines;
	size_t avail = width > indent + 10 ? width - indent : 10;
	size_t n = utf8_wrap(s, strlen(s), avail, &lines);
	for (size_t i = 0; i < n; i++)
		printf("%*s%.*s\n", (int)indent, "", (int)lines[i].len, s + lines[i].off);
	free(lines);
}

/* Print text wrapped to width, the first line continuing the current one at column
 * `indent`, later lines indented by `indent`. */
static void out_wrapped_hanging(const char *s, size_t width, size_t indent)
{
	struct wrap_line *lines;
	size_t avail = width > indent + 10 ? width - indent : 10;
	size_t n = utf8_wrap(s, strlen(s), avail, &lines);
	for (size_t i = 0; i < n; i++)
		printf("%*s%.*s\n", i ? (int)indent : 0, "", (int)lines[i].len, s + lines[i].off);
	free(lines);
}

/* Print a TSV field: tabs and newlines become spaces. */
static void out_tsv(const char *s, int last)
{
	for (const char *p = s ? s : ""; *p; p++)
		putchar(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
	putchar(last ? '\n' : '\t');
}

/* Print a CSV field (RFC 4180 quoting). */
static void out_csv(const char *s, int last)
{
	s = s ? s : "";
	if (strpbrk(s, ",\"\n\r")) {
		putchar('"');
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				putchar('"');
			putchar(*p);
		}
		putchar('"');
	} else {
		fputs(s, stdout);
	}
	putchar(last ? '\n' : ',');
}

/* Print JSON text made by SQLite, which escapes only C0 controls: DEL, C1 controls, bidi
 * controls and invalid bytes from the data would reach a terminal raw, so they are written as
 * \uXXXX escapes (they occur only inside JSON strings, where that is the same text). */
static void json_put(const char *s)
{
	size_t len = strlen(s), i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || utf8_is_bidi_control(cp) ||
		    (cp == UTF8_REPLACEMENT && n == 1))
			printf("\\u%04X", (unsigned)cp);
		else
			fwrite(s + i, 1, n, stdout);
		i += n;
	}
}

/* Run a JSON-producing query with one integer parameter and print its single value. */
static int out_json_query(struct cli *c, enum dlt_query q, int64_t id)
{
	sqlite3_stmt *st = dlt_db_stmt(c->db, q);
	if (!st)
		return -1;
	if (id)
		sqlite3_bind_int64(st, 1, id);
	if (dlt_db_step(c->db, st) != SQLITE_ROW)
		return -1;
	json_put(dlt_col_peek(st, 0) ? dlt_col_peek(st, 0) : "null");
	sqlite3_reset(st);
	return 0;
}

/* Print a JSON string literal (quoted by SQLite's json_quote). */
static void out_json_string(struct cli *c, const char *s)
{
	sqlite3_stmt *st = dlt_db_stmt(c->db, Q_JSON_QUOTE);
	if (st) {
		sqlite3_bind_text(st, 1, s, -1, SQLITE_STATIC);
		if (dlt_db_step(c->db, st) == SQLITE_ROW)
			json_put(dlt_col_peek(st, 0));
		sqlite3_reset(st);
	}
}

/* ---- shared pieces --------------------------------------------------------------------------- */

static int usage_error(const struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int usage_error(const struct cli *c, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "dltimeline %s: ", c->cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'dltimeline %s --help')\n", c->cmd);
	return DLT_EXIT_ERROR;
}

static int db_error(struct cli *c)
{
	if (dlt_db_failed(c->db))
		fprintf(stderr, "dltimeline: %s\n", dlt_db_error(c->db));
	else   /* no SQLite error: a row that another row refers to is missing */
		fprintf(stderr, "dltimeline: %s: the database is inconsistent (a referenced row is missing)\n",
			dlt_db_name(c->db));
	return DLT_EXIT_ERROR;
}

static int open_db(struct cli *c)
{
	struct strbuf err = {0};
	c->db = dlt_db_open_default(c->g->db_path, &err);
	if (!c->db) {
		fprintf(stderr, "dltimeline: %s\n", sb_str(&err));
		sb_free(&err);
		return -1;
	}
	c->neras = dlt_periods_load(c->db, DLT_ERAS, &c->eras);
	c->npars = dlt_periods_load(c->db, DLT_PARADIGMS, &c->pars);
	return 0;
}

static const char *period_slug(const struct dlt_period *p, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].id == id)
			return p[i].slug;
	return "";
}

/* Resolve a period or tag given by slug or name (case-insensitive). Returns its id or 0. */
static int64_t find_period(const struct dlt_period *p, size_t n, const char *what)
{
	for (size_t i = 0; i < n; i++)
		if (str_ieq(p[i].slug, what) || str_ieq(p[i].name, what))
			return p[i].id;
	return 0;
}

static int parse_format(struct cli *c, const char *arg, const char *allowed)
{
	static const char *const names[] = {"text", "tsv", "json", "csv", "markdown", "dot", "mermaid"};
	for (size_t i = 0; i < DLT_ARRAY_LEN(names); i++)
		if (strcmp(arg, names[i]) == 0 && strstr(allowed, names[i])) {
			c->format = (enum format)i;
			return 0;
		}
	return usage_error(c, "unknown format '%s' (%s)", arg, allowed);
}

/* Print one list row in the current format. */
static void out_row(struct cli *c, const struct dlt_row *r, int first)
{
	char date[16];
	dlt_format_date(r->year, r->month, date, sizeof date);
	switch (c->format) {
	case FMT_JSON:
		fputs(first ? "[\n  " : ",\n  ", stdout);
		out_json_query(c, Q_MS_LIST_JSON, r->id);
		break;
	case FMT_TSV: {
		char y[16], m[16];
		snprintf(y, sizeof y, "%d", r->year);
		snprintf(m, sizeof m, "%d", r->month);
		out_tsv(r->slug, 0);
		out_tsv(y, 0);
		out_tsv(r->month ? m : "", 0);
		out_tsv(r->short_name, 0);
		out_tsv(r->title, 0);
		out_tsv(r->kind, 0);
		out_tsv(period_slug(c->eras, c->neras, r->era), 1);
		break;
	}
	default: {
		/* date(7) 2 name(22) 2 kind(11) 1 title(rest) */
		size_t name_w = c->width >= 60 ? 22 : 14;
		printf("%s%-7s%s  %s", C_DATE(c), date, C_RESET(c), C_BOLD(c));
		out_fit(dlt_row_name(r), name_w, 1);
		printf("%s  %s", C_RESET(c), C_DIM(c));
		out_fit(r->kind, 11, 1);
		fputs(C_RESET(c), stdout);
		size_t used = 7 + 2 + name_w + 2 + 11;
		if (c->width > used + 4) {
			putchar(' ');
			out_fit(r->title, c->width - used - 1, 0);
		}
		putchar('\n');
	}
	}
	out_check();
}

static void out_rows_end(struct cli *c, size_t n)
{
	if (c->format == FMT_JSON)
		fputs(n ? "\n]\n" : "[]\n", stdout);
	out_check();
}

/* Resolve a milestone by id, short name, title or alias. Returns its id, or 0 after
 * printing why (nothing found, or the candidates when ambiguous); *status gets the code. */
static int64_t resolve(struct cli *c, const char *name, int *status)
{
	int64_t ids[50];
	int n = dlt_lookup(c->db, name, ids, 50);
	if (n < 0) {
		*status = db_error(c);
		return 0;
	}
	if (n == 1)
		return ids[0];
	*status = DLT_EXIT_NOTFOUND;
	if (n == 0) {
		char *clean = utf8_sanitize(name, strlen(name), 0);
		fprintf(stderr, "dltimeline %s: no milestone named '%.80s' (try 'dltimeline search %.80s')\n",
			c->cmd, clean, clean);
		free(clean);
		return 0;
	}
	fprintf(stderr, "dltimeline %s: '%.80s' names %d milestones; use one of these ids:\n", c->cmd, name, n);
	for (int i = 0; i < n && i < 50; i++) {
		struct dlt_row r = {0};
		if (dlt_row_load(c->db, ids[i], &r) == 0) {
			fprintf(stderr, "  %-28s %d  %s\n", r.slug, r.year, r.title);
			dlt_row_clear(&r);
		}
	}
	return 0;
}

/* ---- commands ---------------------------------------------------------------------------------- */

enum { OPT_DB = 1000, OPT_FORMAT, OPT_YEAR, OPT_FROM, OPT_TO, OPT_ERA, OPT_TAG, OPT_KIND,
       OPT_PARADIGM, OPT_LIMIT, OPT_CHECK, OPT_STRICT, OPT_OUT, OPT_HELP, OPT_ADD, OPT_REMOVE,
       OPT_UP, OPT_DOWN, OPT_DEPTH, OPT_ALL, OPT_MAX_LENGTH, OPT_WIDTH, OPT_HEIGHT, OPT_ROOT,
       OPT_EDGE_LABELS };

struct command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
	const char *args;       /* usage after the name */
	const char *summary;    /* one line */
	const char *options;    /* option lines for --help */
};

static const struct command commands[];
static const struct command *find_command(const char *name);

static int print_help(const char *name)
{
	const struct command *cmd = find_command(name);
	if (!cmd)
		return DLT_EXIT_ERROR;
	printf("usage: dltimeline %s%s%s\n\n%s\n", cmd->name, *cmd->args ? " " : "", cmd->args, cmd->summary);
	if (cmd->options && *cmd->options)
		printf("\noptions:\n%s", cmd->options);
	printf("  --db PATH            read this database instead of the built-in one\n"
	       "  -h, --help           show this help\n");
	out_check();
	return DLT_EXIT_OK;
}

/* Parse options common to all commands plus the command's own; returns -1 on error
 * (already reported), 1 when --help was printed, else 0. `handle` processes the rest. */
static int parse_opts(struct cli *c, int argc, char **argv, const struct option *extra,
		      int (*handle)(struct cli *, int, const char *, void *), void *arg, const char *formats)
{
	struct option opts[24];
	size_t n = 0;
	opts[n++] = (struct option){"db", required_argument, NULL, OPT_DB};
	opts[n++] = (struct option){"help", no_argument, NULL, OPT_HELP};
	if (formats)
		opts[n++] = (struct option){"format", required_argument, NULL, OPT_FORMAT};
	for (const struct option *o = extra; o && o->name; o++)
		opts[n++] = *o;
	opts[n] = (struct option){0};
	/* ':' first: a missing value is reported as ':' (not as '?' with optopt set to the
	 * option's code); "o:" only for the commands that have -o. */
	int has_out = 0;
	for (const struct option *o = extra; o && o->name; o++)
		has_out |= o->val == OPT_OUT;
	optind = 0;
	opterr = 0;
	int ch;
	while ((ch = getopt_long(argc, argv, has_out ? "+:ho:" : "+:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'h':
		case OPT_HELP:
			print_help(c->cmd);
			return 1;
		case OPT_DB:
			((struct cli_global *)c->g)->db_path = optarg;
			break;
		case OPT_FORMAT:
			if (parse_format(c, optarg, formats) != 0)
				return -1;
			break;
		case '?':
			if (optopt > ' ' && optopt < 127)
				usage_error(c, "unknown option '-%c'", optopt);
			else if (optopt >= OPT_DB)   /* a long option without a value given one */
				usage_error(c, "option '%s' takes no value", argv[optind - 1]);
			else
				usage_error(c, "unknown option '%s'", argv[optind - 1]);
			return -1;
		case ':':
			usage_error(c, "option '%s' needs a value", argv[optind - 1]);
			return -1;
		default:
			if (!handle || handle(c, ch, optarg, arg) != 0)
				return -1;
		}
	}
	return 0;
}

/* Collect positional arguments (getopt "+" stops at the first; keep parsing after). */
static int positional(struct cli *c, int argc, char **argv, const struct option *extra,
		      int (*handle)(struct cli *, int, const char *, void *), void *arg,
		      const char *formats, char ***pos, int *npos)
{
	*pos = xmalloc((size_t)argc * sizeof **pos);
	*npos = 0;
	int start = 0;
	while (start < argc) {
		int r = parse_opts(c, argc - start, argv + start, extra, handle, arg, formats);
		if (r != 0) {
			free(*pos);
			*pos = NULL;
			return r;
		}
		start += optind;
		if (start < argc) {
			if (strcmp(argv[start], "--") == 0) {
				for (start++; start < argc; start++)
					(*pos)[(*npos)++] = argv[start];
				break;
			}
			(*pos)[(*npos)++] = argv[start];
		}
		/* argv[start] is positional; re-parse from it as program name */
	}
	return 0;
}

struct list_args {
	struct dlt_filter f;
	const char *era, *tag, *kind, *paradigm;
	long limit;
};

static int list_opt(struct cli *c, int ch, const char *val, void *arg)
{
	struct list_args *a = arg;
	long y;
	switch (ch) {
	case OPT_YEAR:
	case OPT_FROM:
	case OPT_TO:
		if (parse_long(val, 1800, 2100, &y) < 0)
			return usage_error(c, "'%s' is not a year between 1800 and 2100", val);
		if (ch != OPT_TO)
			a->f.year_from = (int)y;
		if (ch != OPT_FROM)
			a->f.year_to = (int)y;
		return 0;
	case OPT_ERA:
		a->era = val;
		return 0;
	case OPT_TAG:
		a->tag = val;
		return 0;
	case OPT_KIND:
		a->kind = val;
		return 0;
	case OPT_PARADIGM:
		a->paradigm = val;
		return 0;
	case OPT_LIMIT:
		if (parse_long(val, 1, 100000000, &a->limit) < 0)
			return usage_error(c, "--limit needs a positive number, not '%s'", val);
		return 0;
	}
	return -1;
}

/* Print every row of a view (up to limit). Returns the number printed. */
static size_t print_view(struct cli *c, struct dlt_view *v, long limit)
{
	struct dlt_row rows[64];
	size_t total = 0;
	int64_t from = 0;
	for (;;) {
		size_t want = DLT_ARRAY_LEN(rows);
		if (limit > 0 && (long)(total + want) > limit)
			want = (size_t)(limit - (long)total);
		size_t n = want ? dlt_view_fetch(v, from, 1, want, rows) : 0;
		for (size_t i = 0; i < n; i++) {
			out_row(c, &rows[i], total + i == 0);
			from = rows[i].id;
			dlt_row_clear(&rows[i]);
		}
		total += n;
		if (n < want || n == 0)
			break;
	}
	out_rows_end(c, total);
	return total;
}

static int cmd_list(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{"year", required_argument, NULL, OPT_YEAR}, {"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO}, {"era", required_argument, NULL, OPT_ERA},
		{"tag", required_argument, NULL, OPT_TAG}, {"kind", required_argument, NULL, OPT_KIND},
		{"paradigm", required_argument, NULL, OPT_PARADIGM},
		{"limit", required_argument, NULL, OPT_LIMIT}, {0},
	};
	struct list_args a = {0};
	char **pos;
	int npos;
	int r = positional(c, argc, argv, o, list_opt, &a, "text tsv json", &pos, &npos);
	if (r)
		return r < 0 ? DLT_EXIT_ERROR : DLT_EXIT_OK;
	const char *stray = npos ? pos[0] : NULL;   /* points into argv */
	free(pos);
	if (stray)
		return usage_error(c, "unexpected argument '%s'", stray);
	if (a.f.year_from && a.f.year_to && a.f.year_from > a.f.year_to)
		return usage_error(c, "--from %d is after --to %d", a.f.year_from, a.f.year_to);
	if (open_db(c) < 0)
		return DLT_EXIT_ERROR;

	/* The most selective criterion drives the view; the others are checked per row. */
	struct dlt_filter *f = &a.f;
	int64_t era = 0, tag = 0, par = 0;
	if (a.era && !(era = find_period(c->eras, c->neras, a.era)))
		return usage_error(c, "unknown era '%s' (see 'dltimeline eras')", a.era);
	if (a.paradigm && !(par = find_period(c->pars, c->npars, a.paradigm)))
		return usage_error(c, "unknown paradigm '%s' (see 'dltimeline paradigms')", a.paradigm);
	if (a.tag) {
		struct dlt_period *tags;
		size_t nt = dlt_periods_load(c->db, DLT_TAGS, &tags);
		tag = find_period(tags, nt, a.tag);
		dlt_periods_free(tags, nt);
		if (!tag)
			return usage_error(c, "unknown tag '%s' (see 'dltimeline tags')", a.tag);
	}
	static const char *const kinds[] = {"paper", "model", "system", "product", "event",
					    "dataset", "framework", "hardware", "competition"};
	if (a.kind) {
		size_t i;
		for (i = 0; i < DLT_ARRAY_LEN(kinds) && strcmp(kinds[i], a.kind); i++)
			;
		if (i == DLT_ARRAY_LEN(kinds))
			return usage_error(c, "unknown kind '%s' (paper, model, system, product, event, "
					   "dataset, framework, hardware, competition)", a.kind);
	}
	if (tag)
		f->kind = DLT_F_TAG, f->ref = tag;
	else if (era)
		f->kind = DLT_F_ERA, f->ref = era;
	else if (par)
		f->kind = DLT_F_PARADIGM, f->ref = par;
	else if (a.kind)
		f->kind = DLT_F_KIND, f->text = xstrdup(a.kind);
	struct dlt_view *v = dlt_view_new(c->db, f);

	/* Secondary criteria: filter rows in C. */
	struct dlt_row rows[64];
	size_t total = 0;
	int64_t from = 0;
	int secondary = (tag && (era || par || a.kind)) || (era && (par || a.kind)) || (par && a.kind);
	if (!secondary) {
		total = print_view(c, v, a.limit);
	} else {
		struct dlt_filter tf = {.kind = DLT_F_TAG, .ref = tag};
		struct dlt_view *tv = tag ? dlt_view_new(c->db, &tf) : NULL;
		for (;;) {
			size_t n = dlt_view_fetch(v, from, 1, DLT_ARRAY_LEN(rows), rows);
			for (size_t i = 0; i < n; i++) {
				struct dlt_row *row = &rows[i];
				int ok = (!era || row->era == era) && (!par || row->paradigm == par) &&
					 (!a.kind || strcmp(row->kind, a.kind) == 0) &&
					 (!tag || dlt_view_contains(tv, row->id));
				if (ok && (a.limit <= 0 || (long)total < a.limit))
					out_row(c, row, total++ == 0);
				from = row->id;
				dlt_row_clear(row);
			}
			if (n < DLT_ARRAY_LEN(rows))
				break;
		}
		dlt_view_free(tv);
		out_rows_end(c, total);
	}
	dlt_view_free(v);
	dlt_filter_clear(&a.f);
	if (dlt_db_failed(c->db))
		return db_error(c);
	return total ? DLT_EXIT_OK : DLT_EXIT_NOTFOUND;
}

/* One positional argument (a milestone name) and --format. */
static int one_name(struct cli *c, int argc, char **argv, const char *formats, const char **name)
{
	char **pos;
	int npos;
	int r = positional(c, argc, argv, NULL, NULL, NULL, formats, &pos, &npos);
	if (r)
		return r < 0 ? DLT_EXIT_ERROR : -1;
	if (npos != 1) {
		free(pos);
		return usage_error(c, npos ? "give one milestone (quote names with spaces)" : "which milestone?");
	}
	*name = pos[0];
	free(pos);
	return open_db(c) < 0 ? DLT_EXIT_ERROR : 0;
}

/* The one milestone named on the command line: parses the arguments, opens the database and
 * resolves the name. Returns its id, or 0 with *status set (0 after --help, else the exit
 * status of the usage error, database error, unknown or ambiguous name already reported). */
static int64_t one_milestone(struct cli *c, int argc, char **argv, int *status)
{
	const char *name = NULL;
	int r = one_name(c, argc, argv, "text tsv json", &name);
	if (r) {
		*status = r < 0 ? DLT_EXIT_OK : r;
		return 0;
	}
	return resolve(c, name, status);
}

static void out_links_text(struct cli *c, const char *heading, const struct dlt_link *l, size_t n)
{
	printf("%s%s%s\n", C_BOLD(c), heading, C_RESET(c));
	if (!n)
		printf("  (none)\n");
	for (size_t i = 0; i < n; i++) {
		char date[16];
		dlt_format_date(l[i].other.year, l[i].other.month, date, sizeof date);
		printf("  %s%-7s%s  %s%s%s", C_DATE(c), date, C_RESET(c), C_BOLD(c), dlt_row_name(&l[i].other),
		       C_RESET(c));
		size_t used = 2 + 7 + 2 + utf8_width(dlt_row_name(&l[i].other));
		if (l[i].note && c->width > used + 10) {
			fputs(" — ", stdout);
			out_fit(l[i].note, c->width - used - 3, 0);
		}
		putchar('\n');
	}
	out_check();
}

static void out_links_tsv(const char *dir, const struct dlt_link *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char y[16];
		snprintf(y, sizeof y, "%d", l[i].other.year);
		out_tsv(dir, 0);
		out_tsv(l[i].other.slug, 0);
		out_tsv(y, 0);
		out_tsv(dlt_row_name(&l[i].other), 0);
		out_tsv(l[i].note, 1);
	}
	out_check();
}

static int cmd_show(struct cli *c, int argc, char **argv)
{
	int status = 0;
	int64_t id = one_milestone(c, argc, argv, &status);
	if (!id)
		return status;
	if (c->format == FMT_JSON) {
		/* The export object plus the reverse links. */
		struct strbuf sb = {0};
		sqlite3_stmt *st = dlt_db_stmt(c->db, Q_MS_EXPORT_JSON);
		if (!st)
			return db_error(c);
		sqlite3_bind_int64(st, 1, id);
		if (dlt_db_step(c->db, st) == SQLITE_ROW)
			sb_add(&sb, dlt_col_peek(st, 0));
		sqlite3_reset(st);
		if (sb.len < 2)
			return db_error(c);
		sb.buf[--sb.len] = '\0'; /* drop the closing brace */
		json_put(sb_str(&sb));
		fputs(",\"led_to\":", stdout);
		out_json_query(c, Q_LED_TO_JSON, id);
		fputs("}\n", stdout);
		sb_free(&sb);
		out_check();
		return dlt_db_failed(c->db) ? db_error(c) : DLT_EXIT_OK;
	}
	struct dlt_milestone m;
	if (dlt_milestone_load(c->db, id, &m) < 0)
		return db_error(c);
	struct dlt_field *f;
	size_t nf = dlt_detail_fields(&m, &f);
	if (c->format == FMT_TSV) {
		out_tsv("id", 0);
		out_tsv(m.row.slug, 1);
		out_tsv("title", 0);
		out_tsv(m.row.title, 1);
		for (size_t i = 0; i < nf; i++) {
			out_tsv(f[i].label, 0);
			out_tsv(f[i].value, 1);
		}
		out_links_tsv("builds_on", m.builds_on, m.nbuilds_on);
		out_links_tsv("led_to", m.led_to, m.nled_to);
	} else {
		printf("%s%s%s\n", C_BOLD(c), m.row.title, C_RESET(c));
		printf("%s%s%s\n", C_DIM(c), m.row.slug, C_RESET(c));
		for (size_t i = 0; i < nf; i++) {
			if (f[i].style == DLT_FS_LINE) {
				printf("%s%-13s%s ", C_DIM(c), f[i].label, C_RESET(c));
				out_wrapped_hanging(f[i].value, c->width, 14);
				continue;
			}
			printf("\n%s%s%s\n", C_BOLD(c), f[i].label, C_RESET(c));
			if (f[i].style == DLT_FS_PARAGRAPH) {
				out_wrapped(f[i].value, c->width, 2);
			} else if (f[i].style == DLT_FS_CODE) {
				out_wrapped(f[i].value, c->width, 4);
			} else {
				char *save, *line = f[i].value;
				for (char *l = strtok_r(line, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
					struct strbuf sb = {0};
					sb_addf(&sb, "• %s", l);
					out_wrapped(sb_str(&sb), c->width, 2);
					sb_free(&sb);
				}
			}
		}
		putchar('\n');
		out_links_text(c, "Builds on", m.builds_on, m.nbuilds_on);
		putchar('\n');
		out_links_text(c, "Led to", m.led_to, m.nled_to);
	}
	out_check();
	dlt_fields_free(f, nf);
	dlt_milestone_clear(&m);
	return DLT_EXIT_OK;
}

static int cmd_links(struct cli *c, int argc, char **argv)
{
	int status = 0;
	int64_t id = one_milestone(c, argc, argv, &status);
	if (!id)
		return status;
	struct dlt_row row = {0};
	if (dlt_row_load(c->db, id, &row) < 0)
		return db_error(c);
	struct dlt_link *up, *down;
	size_t nup = dlt_links_load(c->db, id, 1, &up);
	size_t ndown = dlt_links_load(c->db, id, -1, &down);
	if (c->format == FMT_JSON) {
		printf("{\"id\":");
		out_json_string(c, row.slug);
		printf(",\"builds_on\":");
		fputs("[", stdout);
		for (size_t i = 0; i < nup; i++) {
			fputs(i ? ",{\"id\":" : "{\"id\":", stdout);
			out_json_string(c, up[i].other.slug);
			fputs(",\"kind\":", stdout);
			out_json_string(c, up[i].kind);
			fputs(",\"note\":", stdout);
			out_json_string(c, up[i].note);
			fputs("}", stdout);
		}
		fputs("],\"led_to\":", stdout);
		out_json_query(c, Q_LED_TO_JSON, id);
		fputs("}\n", stdout);
	} else if (c->format == FMT_TSV) {
		out_links_tsv("builds_on", up, nup);
		out_links_tsv("led_to", down, ndown);
	} else {
		char date[16];
		dlt_format_date(row.year, row.month, date, sizeof date);
		printf("%s%s%s (%s)\n\n", C_BOLD(c), dlt_row_name(&row), C_RESET(c), date);
		out_links_text(c, "Builds on", up, nup);
		putchar('\n');
		out_links_text(c, "Led to", down, ndown);
	}
	out_check();
	dlt_links_free(up, nup);
	dlt_links_free(down, ndown);
	dlt_row_clear(&row);
	return dlt_db_failed(c->db) ? db_error(c) : DLT_EXIT_OK;
}

static int search_opt(struct cli *c, int ch, const char *val, void *arg)
{
	if (ch != OPT_LIMIT)
		return -1;
	if (parse_long(val, 1, 100000, (long *)arg) < 0)
		return usage_error(c, "--limit needs a number from 1 to 100000, not '%s'", val);
	return 0;
}

static int cmd_search(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {{"limit", required_argument, NULL, OPT_LIMIT}, {0}};
	long limit = 20;
	char **pos;
	int npos;
	int r = positional(c, argc, argv, o, search_opt, &limit, "text tsv json", &pos, &npos);
	if (r)
		return r < 0 ? DLT_EXIT_ERROR : DLT_EXIT_OK;
	struct strbuf text = {0}, expr = {0};
	for (int i = 0; i < npos; i++) {
		if (i)
			sb_addc(&text, ' ');
		sb_add(&text, pos[i]);
	}
	free(pos);
	if (!npos) {
		sb_free(&text);
		return usage_error(c, "what should I search for?");
	}
	if (dlt_search_compile(sb_str(&text), &expr) < 0) {
		sb_free(&text);
		sb_free(&expr);
		return usage_error(c, "the query has no words to search for");
	}
	sb_free(&text);
	if (open_db(c) < 0) {
		sb_free(&expr);
		return DLT_EXIT_ERROR;
	}
	int64_t *ids;
	int n = dlt_search_ranked(c->db, sb_str(&expr), (int)limit, &ids);
	sb_free(&expr);
	if (n < 0)
		return db_error(c);
	for (int i = 0; i < n; i++) {
		struct dlt_row row = {0};
		if (dlt_row_load(c->db, ids[i], &row) == 0) {
			out_row(c, &row, i == 0);
			dlt_row_clear(&row);
		}
	}
	out_rows_end(c, (size_t)n);
	free(ids);
	if (dlt_db_failed(c->db))
		return db_error(c);
	return n ? DLT_EXIT_OK : DLT_EXIT_NOTFOUND;
}

/* eras, paradigms, tags */
static int list_periods(struct cli *c, int argc, char **argv, enum dlt_period_kind kind)
{
	static const enum dlt_query json_q[] = {Q_ERA_JSON, Q_PAR_JSON, Q_TAG_JSON};
	char **pos;
	int npos;
	int r = positional(c, argc, argv, NULL, NULL, NULL, "text tsv json", &pos, &npos);
	if (r)
		return r < 0 ? DLT_EXIT_ERROR : DLT_EXIT_OK;
	const char *stray = npos ? pos[0] : NULL;   /* points into argv */
	free(pos);
	if (stray)
		return usage_error(c, "unexpected argument '%s'", stray);
	if (open_db(c) < 0)
		return DLT_EXIT_ERROR;
	if (c->format == FMT_JSON) {
		out_json_query(c, json_q[kind], 0);
		putchar('\n');
		out_check();
		return dlt_db_failed(c->db) ? db_error(c) : DLT_EXIT_OK;
	}
	struct dlt_period *p;
	size_t n = dlt_periods_load(c->db, kind, &p);
	for (size_t i = 0; i < n; i++) {
		char years[32], cnt[32];
		if (p[i].end)
			snprintf(years, sizeof years, "%d-%d", p[i].start, p[i].end);
		else
			snprintf(years, sizeof years, "%d-", p[i].start);
		snprintf(cnt, sizeof cnt, "%lld", (long long)p[i].count);
		if (c->format == FMT_TSV) {
			out_tsv(p[i].slug, 0);
			out_tsv(p[i].name, kind == DLT_TAGS ? 0 : 0);
			out_tsv(kind == DLT_TAGS ? cnt : years, kind == DLT_TAGS);
			if (kind != DLT_TAGS)
				out_tsv(p[i].summary, 1);
		} else if (kind == DLT_TAGS) {
			printf("%s%-22s%s %-30s %s%5s%s\n", C_BOLD(c), p[i].slug, C_RESET(c), p[i].name,
			       C_DIM(c), cnt, C_RESET(c));
		} else {
			printf("%s%-10s%s %s%s%s  %s(%s)%s\n", C_DATE(c), years, C_RESET(c), C_BOLD(c),
			       p[i].name, C_RESET(c), C_DIM(c), p[i].slug, C_RESET(c));
			if (p[i].summary)
				out_wrapped(p[i].summary, c->width, 11);
		}
		out_check();
	}
	dlt_periods_free(p, n);
	return dlt_db_failed(c->db) ? db_error(c) : n ? DLT_EXIT_OK : DLT_EXIT_NOTFOUND;
}

static int cmd_eras(struct cli *c, int argc, char **argv)
{
	return list_periods(c, argc, argv, DLT_ERAS);
}

static int cmd_paradigms(struct cli *c, int argc, char **argv)
{
	return list_periods(c, argc, argv, DLT_PARADIGMS);
}

static int cmd_tags(struct cli *c, int argc, char **argv)
{
	return list_periods(c, argc, argv, DLT_TAGS);
}

/* ---- export ------------------------------------------------------------------------------------ */

#define NONE ((size_t)-1)    /* "no index" */

struct export_args {
	struct dlt_subgraph_opts sub;
	const char *tag, *root;
	long depth;
	int edge_labels;
};

static int export_opt(struct cli *c, int ch, const char *val, void *arg)
{
	struct export_args *a = arg;
	long y;
	switch (ch) {
	case OPT_FROM:
	case OPT_TO:
		if (parse_long(val, 1800, 2100, &y) < 0)
			return usage_error(c, "'%s' is not a year between 1800 and 2100", val);
		*(ch == OPT_FROM ? &a->sub.year_from : &a->sub.year_to) = (int)y;
		return 0;
	case OPT_TAG:
		a->tag = val;
		return 0;
	case OPT_ROOT:
		a->root = val;
		return 0;
	case OPT_DEPTH:
		if (parse_long(val, 1, 1000000, &a->depth) < 0)
			return usage_error(c, "--depth needs a positive number, not '%s'", val);
		return 0;
	case OPT_EDGE_LABELS:
		a->edge_labels = 1;
		return 0;
	}
	return -1;
}

/* A DOT string literal: "..." with quotes and backslashes escaped. */
static void out_dot_string(const char *s)
{
	putchar('"');
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == '"' || *p == '\\')
			putchar('\\');
		putchar(*p == '\n' ? ' ' : *p);
	}
	putchar('"');
}

/* Text for a mermaid label: quotes as entities; in a timeline, no ':' (it separates
 * events): "A: b" becomes "A - b". */
static void out_mermaid_text(const char *s, int timeline)
{
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == '"')
			fputs("#quot;", stdout);
		else if (*p == ':' && timeline)
			fputs(p[1] == ' ' ? " -" : "-", stdout);
		else
			putchar(*p == '\n' ? ' ' : *p);
	}
}

/* A mermaid node id: m_ and the slug with '-' as '_' (slugs never contain '_'). */
static void out_mermaid_id(const char *slug)
{
	fputs("m_", stdout);
	for (const char *p = slug; *p; p++)
		putchar(*p == '-' ? '_' : *p);
}

/* Fill color of a tag by its position: hues spread by the golden ratio, pale. */
static void dot_tag_color(size_t index, char *buf, size_t size)
{
	double hue = fmod((double)index * 0.618033988749895, 1.0);
	snprintf(buf, size, "%.3f 0.350 1.000", hue);
}

/* The position of a milestone's first tag in the tag list, or -1 when it has none. */
static long first_tag_index(struct cli *c, int64_t id, const struct dlt_period *tags, size_t ntags)
{
	sqlite3_stmt *st = dlt_db_stmt(c->db, Q_GRAPH_FIRST_TAG);
	int64_t tag = 0;
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		if (dlt_db_step(c->db, st) == SQLITE_ROW)
			tag = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	for (size_t i = 0; i < ntags && tag; i++)
		if (tags[i].id == tag)
			return (long)i;
	return -1;
}

/* The selected milestones' slugs and eras, read once, for drawing the links among them
 * without reading the other end of each link again. */
struct selection {
	const struct dlt_subgraph *g;
	char **slug;
	int64_t *era;
};

static void selection_load(struct cli *c, const struct dlt_subgraph *g, struct selection *s)
{
	s->g = g;
	s->slug = xcalloc(g->nids ? g->nids : 1, sizeof *s->slug);
	s->era = xcalloc(g->nids ? g->nids : 1, sizeof *s->era);
	for (size_t i = 0; i < g->nids; i++) {
		struct dlt_row r = {0};
		if (dlt_row_load(c->db, g->ids[i], &r) == 0) {
			s->slug[i] = r.slug;
			r.slug = NULL;
			s->era[i] = r.era;
		}
		dlt_row_clear(&r);
	}
}

static void selection_free(struct selection *s)
{
	for (size_t i = 0; i < s->g->nids; i++)
		free(s->slug[i]);
	free(s->slug);
	free(s->era);
}

/* The position of milestone id in the selection, or NONE. */
static size_t selection_find(const struct selection *s, int64_t id)
{
	size_t lo = 0, hi = s->g->nids;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->g->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->g->nids && s->g->ids[lo] == id && s->slug[lo] ? lo : NONE;
}

/* Call emit(s, from, to, note, arg) for each link among the selection (positions in it), in
 * timeline order of `to`, then of `from`: `from` is the idea, `to` builds on it. */
static void selection_links(struct cli *c, const struct selection *s,
			    void (*emit)(const struct selection *, size_t, size_t, const char *, void *), void *arg)
{
	size_t cap = 0, n;
	size_t *dst = NULL;
	char **note = NULL;
	for (size_t i = 0; i < s->g->nids; i++) {
		sqlite3_stmt *st = s->slug[i] ? dlt_db_stmt(c->db, Q_GRAPH_EDGES_OF) : NULL;
		if (!st)
			continue;
		sqlite3_bind_int64(st, 1, s->g->ids[i]);
		n = 0;
		while (dlt_db_step(c->db, st) == SQLITE_ROW) {
			size_t k = selection_find(s, sqlite3_column_int64(st, 0));
			if (k == NONE)
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				dst = xrealloc(dst, cap * sizeof *dst);
				note = xrealloc(note, cap * sizeof *note);
			}
			dst[n] = k;
			note[n++] = dlt_col_text(st, 1);
		}
		sqlite3_reset(st);
		for (size_t k = 0; k < n; k++) {
			emit(s, dst[k], i, note[k] ? note[k] : "", arg);
			free(note[k]);
		}
		out_check();
	}
	free(dst);
	free(note);
}

static void dot_link(const struct selection *s, size_t from, size_t to, const char *note, void *arg)
{
	putchar('\t');
	out_dot_string(s->slug[from]);
	fputs(" -> ", stdout);
	out_dot_string(s->slug[to]);
	if (*(const int *)arg && *note) {
		fputs(" [label=", stdout);
		out_dot_string(note);
		putchar(']');
	}
	fputs(";\n", stdout);
}

/* Graphviz: one cluster per era, boxes filled by their first tag, arrows from an idea to
 * the ones that build on it. */
static void export_dot(struct cli *c, const struct dlt_subgraph *g, const char *title, int edge_labels)
{
	struct dlt_period *tags;
	size_t ntags = dlt_periods_load(c->db, DLT_TAGS, &tags);
	char color[64];
	struct selection s;
	selection_load(c, g, &s);
	printf("// The builds-on links of \"%s\", written by dltimeline export --format dot.\n"
	       "// An arrow leads from an idea to one that builds on it; boxes are filled by their\n"
	       "// first tag. Draw it with: dot -Tsvg FILE.dot -o FILE.svg\n", title);
	fputs("digraph dltimeline {\n\tgraph [rankdir=LR, newrank=true, labelloc=t, fontname=\"Helvetica\", label=", stdout);
	out_dot_string(title);
	fputs("];\n\tnode [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\", fontsize=10];\n"
	      "\tedge [color=\"#666666\", fontname=\"Helvetica\", fontsize=8];\n", stdout);
	unsigned char *used = xcalloc(ntags ? ntags : 1, 1);
	for (size_t e = 0; e < c->neras; e++) {
		int opened = 0;
		for (size_t i = 0; i < g->nids; i++) {
			struct dlt_row r = {0};
			if (s.era[i] != c->eras[e].id || !s.slug[i] || dlt_row_load(c->db, g->ids[i], &r) < 0)
				continue;
			if (!opened) {
				printf("\n\tsubgraph \"cluster_%s\" {\n\t\tlabel=", c->eras[e].slug);
				struct strbuf sb = {0};
				if (c->eras[e].end)
					sb_addf(&sb, "%s (%d-%d)", c->eras[e].name, c->eras[e].start, c->eras[e].end);
				else
					sb_addf(&sb, "%s (%d-)", c->eras[e].name, c->eras[e].start);
				out_dot_string(sb_str(&sb));
				sb_free(&sb);
				fputs(";\n\t\tstyle=\"rounded\"; color=\"#999999\";\n", stdout);
				opened = 1;
			}
			fputs("\t\t", stdout);
			out_dot_string(r.slug);
			fputs(" [label=\"", stdout);
			/* the name escaped, the "\n" kept as DOT's line break */
			for (const char *p = dlt_row_name(&r); *p; p++) {
				if (*p == '"' || *p == '\\')
					putchar('\\');
				putchar(*p);
			}
			printf("\\n%d\", tooltip=", r.year);
			out_dot_string(r.title);
			long t = first_tag_index(c, r.id, tags, ntags);
			if (t >= 0) {
				used[t] = 1;
				dot_tag_color((size_t)t, color, sizeof color);
				printf(", fillcolor=\"%s\"", color);
			}
			fputs("];\n", stdout);
			dlt_row_clear(&r);
			out_check();
		}
		if (opened)
			fputs("\t}\n", stdout);
	}
	/* a legend of the tags that color a box */
	int legend = 0;
	for (size_t t = 0; t < ntags; t++) {
		if (!used[t])
			continue;
		if (!legend++)
			fputs("\n\tsubgraph \"cluster_tags\" {\n\t\tlabel=\"First tag\";\n\t\tstyle=\"rounded\"; color=\"#999999\";\n",
			      stdout);
		dot_tag_color(t, color, sizeof color);
		printf("\t\t\"tag:%s\" [label=", tags[t].slug);
		out_dot_string(tags[t].name);
		printf(", fillcolor=\"%s\", shape=plain, style=filled];\n", color);
	}
	if (legend)
		fputs("\t}\n", stdout);
	/* links among the milestones shown */
	fputs("\n", stdout);
	selection_links(c, &s, dot_link, &edge_labels);
	fputs("}\n", stdout);
	selection_free(&s);
	free(used);
	dlt_periods_free(tags, ntags);
}

static void mermaid_link(const struct selection *s, size_t from, size_t to, const char *note, void *arg)
{
	fputs("    ", stdout);
	out_mermaid_id(s->slug[from]);
	if (*(const int *)arg && *note) {
		fputs(" -->|\"", stdout);
		out_mermaid_text(note, 0);
		fputs("\"| ", stdout);
	} else {
		fputs(" --> ", stdout);
	}
	out_mermaid_id(s->slug[to]);
	putchar('\n');
}

/* Mermaid, in Markdown: a timeline (one line per year) and a flowchart of the links. */
static void export_mermaid(struct cli *c, const struct dlt_subgraph *g, const char *title, int edge_labels)
{
	struct selection s;
	selection_load(c, g, &s);
	fputs("```mermaid\ntimeline\n    title ", stdout);
	out_mermaid_text(title, 1);
	int year = 0;
	for (size_t i = 0; i < g->nids; i++) {
		struct dlt_row r = {0};
		if (dlt_row_load(c->db, g->ids[i], &r) < 0)
			continue;
		if (r.year != year)
			printf("\n    %d", year = r.year);
		fputs(" : ", stdout);
		out_mermaid_text(dlt_row_name(&r), 1);
		dlt_row_clear(&r);
		out_check();
	}
	fputs("\n```\n\n```mermaid\nflowchart LR\n"
	      "    %% an arrow leads from an idea to one that builds on it\n", stdout);
	for (size_t i = 0; i < g->nids; i++) {
		struct dlt_row r = {0};
		if (dlt_row_load(c->db, g->ids[i], &r) < 0)
			continue;
		fputs("    ", stdout);
		out_mermaid_id(r.slug);
		fputs("[\"", stdout);
		out_mermaid_text(dlt_row_name(&r), 0);
		printf(" (%d)\"]\n", r.year);
		dlt_row_clear(&r);
		out_check();
	}
	selection_links(c, &s, mermaid_link, &edge_labels);
	fputs("```\n", stdout);
	selection_free(&s);
}

/* export: the whole timeline, or the part the options select, in one of five formats.
 * Milestones are read one by one by id (primary-key lookups only). */
static int cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{"from", required_argument, NULL, OPT_FROM}, {"to", required_argument, NULL, OPT_TO},
		{"tag", required_argument, NULL, OPT_TAG}, {"root", required_argument, NULL, OPT_ROOT},
		{"depth", required_argument, NULL, OPT_DEPTH}, {"edge-labels", no_argument, NULL, OPT_EDGE_LABELS},
		{0},
	};
	struct export_args a = {0};
	char **pos;
	int npos;
	c->format = FMT_JSON;
	int r = positional(c, argc, argv, o, export_opt, &a, "json csv markdown dot mermaid", &pos, &npos);
	if (r)
		return r < 0 ? DLT_EXIT_ERROR : DLT_EXIT_OK;
	const char *stray = npos ? pos[0] : NULL;   /* points into argv */
	free(pos);
	if (stray)
		return usage_error(c, "unexpected argument '%s'", stray);
	if (a.sub.year_from && a.sub.year_to && a.sub.year_from > a.sub.year_to)
		return usage_error(c, "--from %d is after --to %d", a.sub.year_from, a.sub.year_to);
	if (a.depth && !a.root)
		return usage_error(c, "--depth goes with --root");
	if (a.edge_labels && c->format != FMT_DOT && c->format != FMT_MERMAID)
		return usage_error(c, "--edge-labels goes with --format dot or mermaid");
	if (open_db(c) < 0)
		return DLT_EXIT_ERROR;
	if (a.tag) {
		struct dlt_period *tags;
		size_t nt = dlt_periods_load(c->db, DLT_TAGS, &tags);
		a.sub.tag = find_period(tags, nt, a.tag);
		dlt_periods_free(tags, nt);
		if (!a.sub.tag)
			return usage_error(c, "unknown tag '%s' (see 'dltimeline tags')", a.tag);
	}
	if (a.root) {
		int status = 0;
		if (!(a.sub.root = resolve(c, a.root, &status)))
			return status;
		a.sub.depth = (int)a.depth;
	}
	int restricted = a.sub.year_from || a.sub.year_to || a.sub.tag || a.sub.root;
	a.sub.ids_only = 1;
	struct dlt_subgraph g;
	if (dlt_subgraph_collect(c->db, &a.sub, &g) < 0)
		return db_error(c);
	struct dlt_summary sum;
	dlt_summary_load(c->db, &sum);
	if (c->format == FMT_DOT) {
		export_dot(c, &g, sum.title, a.edge_labels);
	} else if (c->format == FMT_MERMAID) {
		export_mermaid(c, &g, sum.title, a.edge_labels);
	} else if (c->format == FMT_JSON) {
		fputs("{\"milestones\":[", stdout);
		for (size_t i = 0; i < g.nids; i++) {
			fputs(i ? ",\n" : "\n", stdout);
			if (out_json_query(c, Q_MS_EXPORT_JSON, g.ids[i]) < 0)
				break;
			out_check();
		}
		fputs(g.nids ? "\n],\"eras\":" : "],\"eras\":", stdout);
		out_json_query(c, Q_ERA_JSON, 0);
		fputs(",\"paradigms\":", stdout);
		out_json_query(c, Q_PAR_JSON, 0);
		fputs(",\"tags\":", stdout);
		out_json_query(c, Q_TAG_JSON, 0);
		fputs("}\n", stdout);
	} else {
		if (c->format == FMT_CSV) {
			static const char *const head[] = {"id", "year", "month", "title", "short", "kind",
				"authors", "organization", "venue", "paper_title", "arxiv", "doi", "url", "era",
				"paradigm", "tags", "summary", "builds_on"};
			for (size_t i = 0; i < DLT_ARRAY_LEN(head); i++)
				out_csv(head[i], i + 1 == DLT_ARRAY_LEN(head));
		} else {
			struct dlt_row first = {0}, last = {0};
			if (g.nids && dlt_row_load(c->db, g.ids[0], &first) == 0 &&
			    dlt_row_load(c->db, g.ids[g.nids - 1], &last) == 0)
				printf("# %s\n\n%zu milestone%s, %d-%d.\n", sum.title, g.nids, g.nids == 1 ? "" : "s",
				       first.year, last.year);
			else
				printf("# %s\n\nNo milestones.\n", sum.title);
			dlt_row_clear(&first);
			dlt_row_clear(&last);
		}
		int last_year = 0;
		for (size_t gi = 0; gi < g.nids; gi++) {
			struct dlt_milestone m;
			if (dlt_milestone_load(c->db, g.ids[gi], &m) < 0)
				break;
			struct strbuf authors = {0}, tags = {0}, links = {0};
			for (size_t i = 0; i < m.nauthors; i++)
				sb_addf(&authors, "%s%s", i ? "; " : "", m.authors[i]);
			for (size_t i = 0; i < m.ntags; i++)
				sb_addf(&tags, "%s%s", i ? ";" : "", m.tags[i].slug);
			for (size_t i = 0; i < m.nbuilds_on; i++)
				sb_addf(&links, "%s%s", i ? ";" : "", m.builds_on[i].other.slug);
			char y[16], mo[16];
			snprintf(y, sizeof y, "%d", m.row.year);
			snprintf(mo, sizeof mo, "%d", m.row.month);
			if (c->format == FMT_CSV) {
				const char *v[] = {m.row.slug, y, m.row.month ? mo : "", m.row.title,
					m.row.short_name, m.row.kind, sb_str(&authors), m.organization, m.venue,
					m.paper_title, m.arxiv, m.doi, m.url,
					period_slug(c->eras, c->neras, m.row.era),
					period_slug(c->pars, c->npars, m.row.paradigm), sb_str(&tags), m.summary,
					sb_str(&links)};
				for (size_t i = 0; i < DLT_ARRAY_LEN(v); i++)
					out_csv(v[i], i + 1 == DLT_ARRAY_LEN(v));
			} else {
				if (m.row.year != last_year)
					printf("\n## %d\n\n", last_year = m.row.year);
				char *link = dlt_milestone_link(&m);
				printf("- **%s**", dlt_row_name(&m.row));
				if (link)
					printf(" ([link](%s))", link);
				free(link);
				printf(" — %s", m.summary ? m.summary : m.row.title);
				if (m.nbuilds_on) {
					fputs(" *Builds on:* ", stdout);
					for (size_t i = 0; i < m.nbuilds_on; i++)
						printf("%s%s", i ? ", " : "", dlt_row_name(&m.builds_on[i].other));
					putchar('.');
				}
				putchar('\n');
			}
			sb_free(&authors);
			sb_free(&tags);
			sb_free(&links);
			dlt_milestone_clear(&m);
			out_check();
		}
	}
	out_check();
	dlt_summary_clear(&sum);
	size_t shown = g.nids;
	dlt_subgraph_free(&g);
	if (dlt_db_failed(c->db))
		return db_error(c);
	return restricted && !shown ? DLT_EXIT_NOTFOUND : DLT_EXIT_OK;
}

struct import_args {
	int check, strict;
	const char *out;
};

static int import_opt(struct cli *c, int ch, const char *val, void *arg)
{
	(void)c;
	struct import_args *a = arg;
	if (ch == OPT_CHECK)
		a->check = 1;
	else if (ch == OPT_STRICT)
		a->strict = 1;
	else if (ch == 'o' || ch == OPT_OUT)
		a->out = val;
	else
		return -1;
	return 0;
}

static int cmd_import(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{"check", no_argument, NULL, OPT_CHECK}, {"strict", no_argument, NULL, OPT_STRICT},
		{"output", required_argument, NULL, OPT_OUT}, {0},
	};
	struct import_args a = {0};
	char **pos;
	int npos;
	int r = positional(c, argc, argv, o, import_opt, &a, NULL, &pos, &npos);
	if (r)
		return r < 0 ? DLT_EXIT_ERROR : DLT_EXIT_OK;
	int status = DLT_EXIT_OK;
	if (!npos)
		status = usage_error(c, "which files or directories?");
	else if (!a.check && !a.out)
		status = usage_error(c, "say where to write the database with -o OUT.db, or use --check");
	else if (a.check && a.out)
		status = usage_error(c, "--check writes nothing; drop -o or --check");
	else {
		struct dlt_import_opts opts = {.strict = a.strict, .out = a.out, .errors = stderr};
		if (dlt_import((const char *const *)pos, (size_t)npos, &opts) > 0)
			status = DLT_EXIT_ERROR;
	}
	free(pos);
	return status;
}

struct bookmark_args {
	const char *add, *remove;
};

static int bookmark_opt(struct cli *c, int ch, const char *val, void *arg)
{
	(void)c;
	struct bookmark_args *a = arg;
	if (ch == OPT_ADD)
		a->add = val;
	else if (ch == OPT_REMOVE)
		a->remove = val;
	else
		return -1;
	return 0;
}

/* bookmarks: list them, or add / remove one (each change committed at once). */
static int cmd_bookmarks(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{"add", required_argument, NULL, OPT_ADD}, {"remove", required_argument, NULL, OPT_REMOVE}, {0},
	};
	struct bookmark_args a = {0};
	char **pos;
	int npos;
	int r = positional(c, argc, argv, o, bookmark_opt, &a, "text tsv json", &pos, &npos);
	if (r)
		return r < 0 ? DLT_EXIT_ERROR : DLT_EXIT_OK;
	const char *stray = npos ? pos[0] : NULL;
	free(pos);
	if (stray)
		return usage_error(c, "unexpected argument '%s'", stray);
	if (c->g->no_state)
		return usage_error(c, "bookmarks live in the state database, which --no-state turns off");
	if (open_db(c) < 0)
		return DLT_EXIT_ERROR;
	struct strbuf key = {0}, err = {0};
	dlt_state_key(c->g->db_path && *c->g->db_path ? c->g->db_path : getenv("DLTIMELINE_DB"), &key);
	struct dlt_state *st = dlt_state_open(sb_str(&key), &err);
	sb_free(&key);
	if (!st) {
		fprintf(stderr, "dltimeline: %s\n", sb_str(&err));
		sb_free(&err);
		return DLT_EXIT_ERROR;
	}
	int status = DLT_EXIT_OK;
	const char *change = a.add ? a.add : a.remove;
	if (change) {
		int st_rc = 0;
		int64_t id = resolve(c, change, &st_rc);
		struct dlt_row row = {0};
		if (!id || dlt_row_load(c->db, id, &row) < 0) {
			status = id ? db_error(c) : st_rc;
		} else if (dlt_bookmark_set(st, row.slug, a.add != NULL) < 0) {
			fprintf(stderr, "dltimeline: %s\n", dlt_state_error(st));
			status = DLT_EXIT_ERROR;
		}
		dlt_row_clear(&row);
	} else {
		char **slugs;
		size_t n = dlt_bookmarks_list(st, &slugs), shown = 0;
		for (size_t i = 0; i < n; i++) {
			struct dlt_row row = {0};
			int64_t id = dlt_id_by_slug(c->db, slugs[i]);
			if (id && dlt_row_load(c->db, id, &row) == 0) {
				out_row(c, &row, shown++ == 0);
				dlt_row_clear(&row);
			}
		}
		out_rows_end(c, shown);
		dlt_bookmarks_free(slugs, n);
		if (*dlt_state_error(st)) {
			fprintf(stderr, "dltimeline: %s\n", dlt_state_error(st));
			status = DLT_EXIT_ERROR;
		} else if (!shown) {
			status = DLT_EXIT_NOTFOUND;
		}
	}
	dlt_state_close(st);
	sb_free(&err);
	return status;
}

/* ---- lineage, path, chart ------------------------------------------------------------------ */

/* Drawing characters: box drawing under a UTF-8 locale, ASCII otherwise. */
struct glyphs {
	const char *tee, *elbow, *pipe, *space, *dash, *ellipsis;
};

static const struct glyphs glyphs_utf8 = {"├── ", "└── ", "│   ", "    ", " — ", "…"};
static const struct glyphs glyphs_ascii = {"|-- ", "`-- ", "|   ", "    ", " - ", "..."};

static const struct glyphs *glyphs(const struct cli *c)
{
	return c->utf8 ? &glyphs_utf8 : &glyphs_ascii;
}

/* Text for the terminal: as it is under a UTF-8 locale, else spelled in ASCII. Malloc'd. */
static char *loc_text(const struct cli *c, const char *s)
{
	return c->utf8 ? xstrdup(s ? s : "") : utf8_to_ascii(s ? s : "");
}

/* Append s to sb in the locale's characters. */
static void sb_add_loc(const struct cli *c, struct strbuf *sb, const char *s)
{
	char *t = loc_text(c, s);
	sb_add(sb, t);
	free(t);
}

/* Print one line cut to the text width (with an ellipsis), then empty sb. */
static void out_line(const struct cli *c, struct strbuf *sb)
{
	const char *s = sb_str(sb);
	size_t len = strlen(s), used;
	if (utf8_width(s) <= c->width) {
		fputs(s, stdout);
	} else {
		const char *ell = glyphs(c)->ellipsis;
		size_t ew = utf8_width(ell);
		fwrite(s, 1, utf8_prefix_for_width(s, len, c->width > ew ? c->width - ew : 0, &used), stdout);
		fputs(ell, stdout);
	}
	putchar('\n');
	sb_reset(sb);
	out_check();
}

/* Children of each line of a tree as linked lists: first[i], then next[k]. */
static void tree_links(const struct dlt_tree_node *t, size_t n, size_t **first, size_t **next)
{
	size_t *f = xmalloc(n * sizeof *f), *x = xmalloc(n * sizeof *x), *last = xmalloc(n * sizeof *last);
	for (size_t i = 0; i < n; i++)
		f[i] = x[i] = last[i] = NONE;
	for (size_t i = 1; i < n; i++) {
		size_t p = t[i].parent;
		if (p >= n)
			continue;
		if (last[p] == NONE)
			f[p] = i;
		else
			x[last[p]] = i;
		last[p] = i;
	}
	free(last);
	*first = f;
	*next = x;
}

static void out_tree_line(const struct cli *c, struct strbuf *sb, const int *cont, int depth, int last)
{
	const struct glyphs *gl = glyphs(c);
	for (int k = 1; k < depth; k++)
		sb_add(sb, cont[k] ? gl->pipe : gl->space);
	if (depth > 0)
		sb_add(sb, last ? gl->elbow : gl->tee);
}

/* A lineage tree as text: the root and a verb, then one line per milestone. */
static void out_tree_text(struct cli *c, const struct dlt_tree_node *t, size_t n, int dir)
{
	struct strbuf sb = {0};
	const struct glyphs *gl = glyphs(c);
	sb_add_loc(c, &sb, dlt_row_name(&t[0].row));
	sb_addf(&sb, " (%d) %s%s", t[0].row.year, dir > 0 ? "builds on" : "led to",
		n == 1 && !t[0].truncated ? " nothing in this timeline" : "");
	out_line(c, &sb);
	size_t *first, *next;
	tree_links(t, n, &first, &next);
	int maxd = 1;
	for (size_t i = 0; i < n; i++)
		maxd = t[i].depth + 1 > maxd ? t[i].depth + 1 : maxd;
	int *cont = xcalloc((size_t)maxd + 1, sizeof *cont);
	size_t *stack = xmalloc((n + 1) * sizeof *stack), top = 0;
	stack[top++] = 0;
	for (size_t i = 1; i <= n; i++) {
		int d = i < n ? t[i].depth : 0;
		/* close the lines whose subtrees end here; a cut one gets an ellipsis line */
		while (top && t[stack[top - 1]].depth >= d) {
			size_t j = stack[--top];
			if (t[j].truncated && !t[j].repeat) {
				out_tree_line(c, &sb, cont, t[j].depth + 1, 1);
				sb_add(&sb, gl->ellipsis);
				out_line(c, &sb);
			}
		}
		if (i == n)
			break;
		size_t p = t[i].parent;
		int last = next[i] == NONE && !(p < n && t[p].truncated);
		out_tree_line(c, &sb, cont, d, last);
		cont[d] = !last;
		sb_add_loc(c, &sb, dlt_row_name(&t[i].row));
		sb_addf(&sb, " (%d)%s", t[i].row.year, t[i].repeat ? " (see above)" : "");
		if (t[i].note && *t[i].note) {
			sb_add(&sb, gl->dash);
			sb_add_loc(c, &sb, t[i].note);
		}
		out_line(c, &sb);
		stack[top++] = i;
	}
	free(stack);
	free(cont);
	free(first);
	free(next);
	sb_free(&sb);
}

static void out_tree_tsv(const struct dlt_tree_node *t, size_t n, int dir)
{
	for (size_t i = 0; i < n; i++) {
		char depth[16], year[16];
		snprintf(depth, sizeof depth, "%d", t[i].depth);
		snprintf(year, sizeof year, "%d", t[i].row.year);
		out_tsv(dir > 0 ? "builds_on" : "led_to", 0);
		out_tsv(depth, 0);
		out_tsv(t[i].row.slug, 0);
		out_tsv(year, 0);
		out_tsv(dlt_row_name(&t[i].row), 0);
		out_tsv(i ? t[t[i].parent].row.slug : "", 0);
		out_tsv(t[i].note, 0);
		out_tsv(t[i].repeat ? "repeat" : t[i].truncated ? "truncated" : "", 1);
	}
	out_check();
}

/* The children of line i as a JSON array under `key`, each with its own children. */
static void out_tree_json_children(struct cli *c, const struct dlt_tree_node *t, const size_t *first,
				   const size_t *next, size_t i, const char *key)
{
	printf(",\"%s\":[", key);
	for (size_t k = first[i]; k != NONE; k = next[k]) {
		fputs(k == first[i] ? "{\"id\":" : ",{\"id\":", stdout);
		out_json_string(c, t[k].row.slug);
		printf(",\"year\":%d,\"name\":", t[k].row.year);
		out_json_string(c, dlt_row_name(&t[k].row));
		fputs(",\"note\":", stdout);
		out_json_string(c, t[k].note ? t[k].note : "");
		printf(",\"repeat\":%s,\"truncated\":%s", t[k].repeat ? "true" : "false",
		       t[k].truncated ? "true" : "false");
		out_tree_json_children(c, t, first, next, k, key);
		putchar('}');
	}
	putchar(']');
}

struct lineage_args {
	int up, down;
	long depth;
};

static int lineage_opt(struct cli *c, int ch, const char *val, void *arg)
{
	struct lineage_args *a = arg;
	switch (ch) {
	case OPT_UP:
		a->up = 1;
		return 0;
	case OPT_DOWN:
		a->down = 1;
		return 0;
	case OPT_DEPTH:
		if (parse_long(val, 1, 64, &a->depth) < 0)
			return usage_error(c, "--depth needs a number from 1 to 64, not '%s'", val);
		return 0;
	}
	return -1;
}

/* lineage: the ancestors and / or descendants of a milestone as trees. */
static int cmd_lineage(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{"up", no_argument, NULL, OPT_UP}, {"down", no_argument, NULL, OPT_DOWN},
		{"depth", required_argument, NULL, OPT_DEPTH}, {0},
	};
	struct lineage_args a = {0};
	char **pos;
	int npos;
	int r = positional(c, argc, argv, o, lineage_opt, &a, "text tsv json", &pos, &npos);
	if (r)
		return r < 0 ? DLT_EXIT_ERROR : DLT_EXIT_OK;
	const char *name = npos == 1 ? pos[0] : NULL;   /* points into argv */
	free(pos);
	if (!name)
		return usage_error(c, npos ? "give one milestone (quote names with spaces)" : "which milestone?");
	if (open_db(c) < 0)
		return DLT_EXIT_ERROR;
	int status = 0;
	int64_t id = resolve(c, name, &status);
	if (!id)
		return status;
	if (!a.up && !a.down)
		a.up = a.down = 1;
	struct dlt_tree_node *tree[2] = {NULL, NULL};
	size_t n[2] = {0, 0};
	int dirs[2] = {1, -1};
	for (int k = 0; k < 2; k++)
		if (k == 0 ? a.up : a.down) {
			n[k] = dlt_lineage(c->db, id, dirs[k], (int)a.depth, &tree[k]);
			if (!n[k]) {
				dlt_tree_free(tree[0], n[0]);
				return db_error(c);
			}
		}
	if (c->format == FMT_JSON) {
		const struct dlt_tree_node *root = n[0] ? &tree[0][0] : &tree[1][0];
		fputs("{\"id\":", stdout);
		out_json_string(c, root->row.slug);
		printf(",\"year\":%d,\"name\":", root->row.year);
		out_json_string(c, dlt_row_name(&root->row));
		int cut = 0;
		for (int k = 0; k < 2; k++) {
			if (!n[k])
				continue;
			size_t *first, *next;
			tree_links(tree[k], n[k], &first, &next);
			out_tree_json_children(c, tree[k], first, next, 0, k == 0 ? "builds_on" : "led_to");
			cut |= tree[k][0].truncated;
			free(first);
			free(next);
		}
		printf(",\"truncated\":%s}\n", cut ? "true" : "false");
	}
	for (int k = 0; k < 2; k++) {
		if (!n[k])
			continue;
		if (c->format == FMT_TSV) {
			out_tree_tsv(tree[k], n[k], dirs[k]);
		} else if (c->format == FMT_TEXT) {
			if (k == 1 && n[0])
				putchar('\n');
			out_tree_text(c, tree[k], n[k], dirs[k]);
			if (n[k] >= DLT_LINEAGE_MAX_NODES)
				printf("(stopped at %d lines; --depth shows less)\n", DLT_LINEAGE_MAX_NODES);
		}
	}
	out_check();
	dlt_tree_free(tree[0], n[0]);
	dlt_tree_free(tree[1], n[1]);
	return dlt_db_failed(c->db) ? db_error(c) : DLT_EXIT_OK;
}

struct path_args {
	int all;
	long max_length;
};

static int path_opt(struct cli *c, int ch, const char *val, void *arg)
{
	struct path_args *a = arg;
	if (ch == OPT_ALL) {
		a->all = 1;
		return 0;
	}
	if (ch != OPT_MAX_LENGTH)
		return -1;
	if (parse_long(val, 1, 64, &a->max_length) < 0)
		return usage_error(c, "--max-length needs a number from 1 to 64, not '%s'", val);
	return 0;
}

#define PATHS_SHOWN 100   /* path --all prints at most this many */

static void out_paths_text(struct cli *c, const struct dlt_path *p, int n, int all)
{
	struct strbuf sb = {0};
	for (int i = 0; i < n && i < PATHS_SHOWN; i++) {
		if (all) {
			if (i)
				putchar('\n');
			printf("Path %d: %zu link%s\n", i + 1, p[i].n - 1, p[i].n == 2 ? "" : "s");
		}
		for (size_t k = 0; k < p[i].n; k++) {
			sb_add(&sb, k == 0 ? "" : p[i].forward ? "  led to " : "  builds on ");
			sb_add_loc(c, &sb, dlt_row_name(&p[i].steps[k]));
			sb_addf(&sb, " (%d)", p[i].steps[k].year);
			if (k && *p[i].notes[k - 1]) {
				sb_add(&sb, ": ");
				sb_add_loc(c, &sb, p[i].notes[k - 1]);
			}
			/* the notes tell the story: wrapped, not cut */
			struct wrap_line *lines;
			size_t nl = utf8_wrap(sb_str(&sb), sb.len, c->width > 20 ? c->width - 6 : 14, &lines);
			for (size_t j = 0; j < nl; j++)
				printf("%s%.*s\n", j ? "      " : "", (int)lines[j].len, sb_str(&sb) + lines[j].off);
			free(lines);
			sb_reset(&sb);
		}
	}
	if (n > PATHS_SHOWN)
		printf("\n(the first %d paths; there are more)\n", PATHS_SHOWN);
	sb_free(&sb);
}

static void out_paths_json(struct cli *c, const struct dlt_row *from, const struct dlt_row *to,
			   const struct dlt_path *p, int n)
{
	fputs("{\"from\":", stdout);
	out_json_string(c, from->slug);
	fputs(",\"to\":", stdout);
	out_json_string(c, to->slug);
	printf(",\"direction\":%s,\"paths\":[", !n ? "null" : p[0].forward ? "\"led_to\"" : "\"builds_on\"");
	for (int i = 0; i < n && i < PATHS_SHOWN; i++) {
		printf("%s{\"length\":%zu,\"steps\":[", i ? ",\n" : "\n", p[i].n - 1);
		for (size_t k = 0; k < p[i].n; k++) {
			fputs(k ? ",{\"id\":" : "{\"id\":", stdout);
			out_json_string(c, p[i].steps[k].slug);
			printf(",\"year\":%d,\"name\":", p[i].steps[k].year);
			out_json_string(c, dlt_row_name(&p[i].steps[k]));
			fputs(",\"note\":", stdout);
			if (k)
				out_json_string(c, p[i].notes[k - 1]);
			else
				fputs("null", stdout);
			putchar('}');
		}
		fputs("]}", stdout);
	}
	printf("%s],\"more\":%s}\n", n ? "\n" : "", n > PATHS_SHOWN ? "true" : "false");
}

static void out_paths_tsv(const struct dlt_path *p, int n)
{
	for (int i = 0; i < n && i < PATHS_SHOWN; i++)
		for (size_t k = 0; k < p[i].n; k++) {
			char num[16], step[24], year[16];
			snprintf(num, sizeof num, "%d", i + 1);
			snprintf(step, sizeof step, "%zu", k);
			snprintf(year, sizeof year, "%d", p[i].steps[k].year);
			out_tsv(num, 0);
			out_tsv(step, 0);
			out_tsv(p[i].steps[k].slug, 0);
			out_tsv(year, 0);
			out_tsv(dlt_row_name(&p[i].steps[k]), 0);
			out_tsv(k ? p[i].notes[k - 1] : "", 1);
		}
	out_check();
}

/* path: the chain of builds-on links between two milestones, shortest first. */
static int cmd_path(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{"all", no_argument, NULL, OPT_ALL}, {"max-length", required_argument, NULL, OPT_MAX_LENGTH}, {0},
	};
	struct path_args a = {.max_length = 12};
	char **pos;
	int npos;
	int r = positional(c, argc, argv, o, path_opt, &a, "text tsv json", &pos, &npos);
	if (r)
		return r < 0 ? DLT_EXIT_ERROR : DLT_EXIT_OK;
	const char *names[2] = {npos > 0 ? pos[0] : NULL, npos > 1 ? pos[1] : NULL};   /* into argv */
	free(pos);
	if (npos != 2)
		return usage_error(c, npos > 2 ? "give two milestones (quote names with spaces)"
					       : "give the milestone to start from and the one to reach");
	if (open_db(c) < 0)
		return DLT_EXIT_ERROR;
	int64_t ids[2];
	for (int k = 0; k < 2; k++) {
		int status = 0;
		if (!(ids[k] = resolve(c, names[k], &status)))
			return status;
	}
	struct dlt_row ends[2] = {{0}, {0}};
	if (dlt_row_load(c->db, ids[0], &ends[0]) < 0 || dlt_row_load(c->db, ids[1], &ends[1]) < 0) {
		dlt_row_clear(&ends[0]);
		return db_error(c);
	}
	if (ids[0] == ids[1]) {
		int status = usage_error(c, "both names are the same milestone, %s", ends[0].slug);
		dlt_row_clear(&ends[0]);
		dlt_row_clear(&ends[1]);
		return status;
	}
	struct dlt_path *p;
	int n = dlt_paths(c->db, ids[0], ids[1], a.all ? PATHS_SHOWN + 1 : 1, (int)a.max_length, &p);
	int status = DLT_EXIT_OK;
	if (n == -1) {
		status = db_error(c);
	} else if (n == DLT_PATHS_GAVE_UP) {
		fprintf(stderr, "dltimeline path: gave up after %d milestones without finding a path; "
			"try a smaller --max-length\n", DLT_PATH_MAX_NODES);
		status = DLT_EXIT_NOTFOUND;
	} else {
		if (c->format == FMT_JSON) {
			out_paths_json(c, &ends[0], &ends[1], p, n);
		} else if (c->format == FMT_TSV) {
			out_paths_tsv(p, n);
		} else if (n) {
			out_paths_text(c, p, n, a.all);
		} else {
			struct strbuf sb = {0};
			sb_add(&sb, "No chain of builds-on links of at most ");
			sb_addf(&sb, "%ld link%s joins ", a.max_length, a.max_length == 1 ? "" : "s");
			sb_add_loc(c, &sb, dlt_row_name(&ends[0]));
			sb_addf(&sb, " (%d) and ", ends[0].year);
			sb_add_loc(c, &sb, dlt_row_name(&ends[1]));
			sb_addf(&sb, " (%d), in either direction.", ends[1].year);
			out_wrapped(sb_str(&sb), c->width, 0);
			sb_free(&sb);
		}
		out_check();
		if (!n)
			status = DLT_EXIT_NOTFOUND;
		dlt_paths_free(p, n);
	}
	dlt_row_clear(&ends[0]);
	dlt_row_clear(&ends[1]);
	return status;
}

struct chart_args {
	long width, height;
};

static int chart_opt(struct cli *c, int ch, const char *val, void *arg)
{
	struct chart_args *a = arg;
	if (ch == OPT_WIDTH && parse_long(val, 20, 1000, &a->width) < 0)
		return usage_error(c, "--width needs a number from 20 to 1000, not '%s'", val);
	if (ch == OPT_HEIGHT && parse_long(val, 6, 1000, &a->height) < 0)
		return usage_error(c, "--height needs a number from 6 to 1000, not '%s'", val);
	return ch == OPT_WIDTH || ch == OPT_HEIGHT ? 0 : -1;
}

/* chart: milestones per year, or model scale over time, as text. */
static int cmd_chart(struct cli *c, int argc, char **argv)
{
	static const struct option o[] = {
		{"width", required_argument, NULL, OPT_WIDTH}, {"height", required_argument, NULL, OPT_HEIGHT}, {0},
	};
	static const char *const kinds[] = {"years", "params", "compute"};
	struct chart_args a = {0};
	char **pos;
	int npos;
	int r = positional(c, argc, argv, o, chart_opt, &a, NULL, &pos, &npos);
	if (r)
		return r < 0 ? DLT_EXIT_ERROR : DLT_EXIT_OK;
	const char *what = npos ? pos[0] : "years", *stray = npos > 1 ? pos[1] : NULL;   /* into argv */
	free(pos);
	if (stray)
		return usage_error(c, "unexpected argument '%s'", stray);
	size_t kind;
	for (kind = 0; kind < DLT_ARRAY_LEN(kinds) && strcmp(kinds[kind], what); kind++)
		;
	if (kind == DLT_ARRAY_LEN(kinds))
		return usage_error(c, "no chart '%s' (years, params or compute)", what);
	if (open_db(c) < 0)
		return DLT_EXIT_ERROR;
	int width = a.width ? (int)a.width : (int)c->width;
	int height = a.height ? (int)a.height : isatty(STDOUT_FILENO) ? (int)c->height - 1 : (int)c->height;
	struct dlt_chart ch;
	static const enum dlt_chart_kind ck[] = {DLT_CHART_YEARS, DLT_CHART_PARAMS, DLT_CHART_COMPUTE};
	if (dlt_chart_render(c->db, ck[kind], width, height, c->utf8, &ch) < 0)
		return db_error(c);
	for (size_t i = 0; i < ch.nlines; i++)
		puts(ch.lines[i]);
	out_check();
	dlt_chart_free(&ch);
	return DLT_EXIT_OK;
}

static const struct command commands[] = {
	{"list", cmd_list, "[--year Y | --from Y --to Y] [--era E] [--paradigm P] [--tag T] [--kind K]",
	 "List milestones in chronological order.",
	 "  --year Y             only year Y\n"
	 "  --from Y, --to Y     only years Y1 to Y2\n"
	 "  --era ID             only this era (see 'dltimeline eras')\n"
	 "  --paradigm ID        only this paradigm\n"
	 "  --tag ID             only milestones with this tag (see 'dltimeline tags')\n"
	 "  --kind K             paper, model, system, product, event, dataset, framework,\n"
	 "                       hardware or competition\n"
	 "  --limit N            at most N rows\n"
	 "  --format F           text (default), tsv or json\n"},
	{"show", cmd_show, "ID|NAME", "Show one milestone in full: its id, short name, title or an alias.",
	 "  --format F           text (default), tsv or json\n"},
	{"search", cmd_search, "WORDS... [--limit N]",
	 "Search titles, names, aliases, authors, texts and tags; best matches first.\n"
	 "Words match as prefixes and must all occur.",
	 "  --limit N            at most N results (default 20)\n"
	 "  --format F           text (default), tsv or json\n"},
	{"links", cmd_links, "ID|NAME", "What a milestone builds on, and what builds on it.",
	 "  --format F           text (default), tsv or json\n"},
	{"eras", cmd_eras, "", "List the eras.", "  --format F           text (default), tsv or json\n"},
	{"paradigms", cmd_paradigms, "", "List the paradigms.",
	 "  --format F           text (default), tsv or json\n"},
	{"tags", cmd_tags, "", "List the tags with their milestone counts.",
	 "  --format F           text (default), tsv or json\n"},
	{"lineage", cmd_lineage, "ID|NAME [--up|--down] [--depth N]",
	 "What a milestone builds on and what builds on it, as trees.\n"
	 "Each milestone is listed once with what lies beyond it; where the tree reaches it\n"
	 "again, a line refers to it \"(see above)\".",
	 "  --up                 only what it builds on, recursively (its ancestors)\n"
	 "  --down               only what builds on it, recursively (its descendants)\n"
	 "  --depth N            at most N links away (default: all, up to 64)\n"
	 "  --format F           text (default), tsv or json\n"},
	{"path", cmd_path, "FROM TO [--all] [--max-length N]",
	 "The chain of builds-on links between two milestones, each with its note.\n"
	 "Follows what FROM led to, or else what FROM builds on; says so when no chain exists.",
	 "  --all                every chain, shortest first (at most 100), not just one\n"
	 "  --max-length N       chains of at most N links (1-64, default 12)\n"
	 "  --format F           text (default), tsv or json\n"},
	{"chart", cmd_chart, "[years|params|compute] [--width W] [--height H]",
	 "Milestones per year, or model size or compute over time, as a chart.\n"
	 "years: a bar per year (or per few years) over the eras; params and compute: one dot\n"
	 "per model with the figure, on a log scale, the largest labelled.",
	 "  --width W            columns (default: the terminal's, 80 when not a terminal)\n"
	 "  --height H           lines (default: the terminal's, 24 when not a terminal)\n"},
	{"export", cmd_export,
	 "[--format F] [--from Y --to Y] [--tag T] [--root ID]",
	 "Write the timeline, or a part of it, to stdout.\n"
	 "The options select milestones (all must match); dot and mermaid draw the links\n"
	 "among them, the other formats list each selected milestone in full.",
	 "  --format F           json (default, complete), csv, markdown, dot (Graphviz: a\n"
	 "                       cluster per era) or mermaid (a timeline and a flowchart)\n"
	 "  --from Y, --to Y     only years Y1 to Y2\n"
	 "  --tag ID             only milestones with this tag\n"
	 "  --root ID            only this milestone and what it builds on and led to\n"
	 "  --depth N            with --root: only up to N links away\n"
	 "  --edge-labels        dot and mermaid: label each link with its note\n"},
	{"import", cmd_import, "[--check] [--strict] FILE|DIR... [-o OUT.db]",
	 "Validate YAML data files and build a database from them (see data/README.md).\n"
	 "Reports every problem as file:line:column: message and writes nothing on error.",
	 "  --check              validate only\n"
	 "  --strict             also apply the curated dataset's house rules\n"
	 "  -o, --output FILE    the database to write (replaced atomically)\n"},
	{"bookmarks", cmd_bookmarks, "[--add ID|NAME | --remove ID|NAME]",
	 "List your bookmarks (most recent first), or add or remove one.\n"
	 "They are kept per timeline in $XDG_STATE_HOME/dltimeline/ (or ~/.local/state/dltimeline/).",
	 "  --add ID             bookmark a milestone\n"
	 "  --remove ID          remove a bookmark\n"
	 "  --format F           text (default), tsv or json\n"},
	{NULL, NULL, NULL, NULL, NULL},
};

static const struct command *find_command(const char *name)
{
	for (const struct command *cmd = commands; cmd->name; cmd++)
		if (strcmp(cmd->name, name) == 0)
			return cmd;
	return NULL;
}

int cli_is_command(const char *name)
{
	return find_command(name) != NULL;
}

void cli_print_commands(FILE *fp)
{
	for (const struct command *cmd = commands; cmd->name; cmd++) {
		const char *nl = strchr(cmd->summary, '\n');
		fprintf(fp, "  %-10s %.*s\n", cmd->name, nl ? (int)(nl - cmd->summary) : (int)strlen(cmd->summary),
			cmd->summary);
	}
}

static size_t terminal_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

static size_t terminal_height(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row >= 6)
		return ws.ws_row;
	return 24;
}

static void cli_init(struct cli *c, const struct cli_global *g, const char *cmd)
{
	memset(c, 0, sizeof *c);
	c->g = g;
	c->cmd = cmd;
	c->width = terminal_width();
	c->height = terminal_height();
	const char *codeset = nl_langinfo(CODESET);
	c->utf8 = codeset && strcmp(codeset, "UTF-8") == 0;
	const char *nc = getenv("NO_COLOR");
	c->color = isatty(STDOUT_FILENO) && !(nc && *nc);
}

static void cli_done(struct cli *c)
{
	dlt_periods_free(c->eras, c->neras);
	dlt_periods_free(c->pars, c->npars);
	dlt_db_close(c->db);
}

int cli_run(int argc, char **argv, const struct cli_global *g)
{
	const struct command *cmd = find_command(argv[0]);
	if (!cmd) {
		fprintf(stderr, "dltimeline: unknown command '%.60s' (see 'dltimeline --help')\n", argv[0]);
		return DLT_EXIT_ERROR;
	}
	struct cli c;
	struct cli_global gl = *g;
	cli_init(&c, &gl, cmd->name);
	int status = cmd->run(&c, argc, argv);
	cli_done(&c);
	return status;
}

int cli_list_default(const struct cli_global *g)
{
	char *argv[] = {"list", NULL};
	return cli_run(1, argv, g);
}
