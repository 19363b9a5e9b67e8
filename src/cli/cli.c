/*
 * cli.c -- see cli.h. One function per command; a table maps names to them and gives
 * their one-line help. Output goes through out_*() helpers, which end the program quietly
 * when stdout is a closed pipe.
 */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "core/utf8.h"
#include "core/util.h"
#include "db/db.h"
#include "import/import.h"
#include "model/detail.h"
#include "model/model.h"
#include "model/search.h"

enum format { FMT_TEXT, FMT_TSV, FMT_JSON, FMT_CSV, FMT_MARKDOWN };

/* Per-invocation state. */
struct cli {
	const struct cli_global *g;
	const char *cmd;          /* command name, for messages */
	enum format format;
	int color;                /* ANSI colors on */
	size_t width;             /* text width */
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
	fputs(dlt_col_peek(st, 0) ? dlt_col_peek(st, 0) : "null", stdout);
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
			fputs(dlt_col_peek(st, 0), stdout);
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
	fprintf(stderr, "dltimeline: %s\n", dlt_db_error(c->db));
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
	static const char *const names[] = {"text", "tsv", "json", "csv", "markdown"};
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
       OPT_PARADIGM, OPT_LIMIT, OPT_CHECK, OPT_STRICT, OPT_OUT, OPT_HELP };

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
	const char *name;
	int r = one_name(c, argc, argv, "text tsv json", &name);
	if (r)
		return r < 0 ? DLT_EXIT_OK : r;
	int status = 0;
	int64_t id = resolve(c, name, &status);
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
		fputs(sb_str(&sb), stdout);
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
	const char *name;
	int r = one_name(c, argc, argv, "text tsv json", &name);
	if (r)
		return r < 0 ? DLT_EXIT_OK : r;
	int status = 0;
	int64_t id = resolve(c, name, &status);
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
		sqlite3_stmt *st = dlt_db_stmt(c->db, Q_MS_EXPORT_JSON);
		if (st) {
			/* builds_on from the export object, via SQLite: keep one formatting path */
			sqlite3_bind_int64(st, 1, id);
			sqlite3_reset(st);
		}
		struct strbuf sb = {0};
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
		sb_free(&sb);
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

/* export: every milestone by id (primary-key lookups only). */
static int cmd_export(struct cli *c, int argc, char **argv)
{
	char **pos;
	int npos;
	c->format = FMT_JSON;
	int r = positional(c, argc, argv, NULL, NULL, NULL, "json csv markdown", &pos, &npos);
	if (r)
		return r < 0 ? DLT_EXIT_ERROR : DLT_EXIT_OK;
	const char *stray = npos ? pos[0] : NULL;   /* points into argv */
	free(pos);
	if (stray)
		return usage_error(c, "unexpected argument '%s'", stray);
	if (open_db(c) < 0)
		return DLT_EXIT_ERROR;
	struct dlt_summary sum;
	dlt_summary_load(c->db, &sum);
	if (c->format == FMT_JSON) {
		fputs("{\"milestones\":[", stdout);
		for (int64_t id = 1; id <= sum.count; id++) {
			fputs(id > 1 ? ",\n" : "\n", stdout);
			if (out_json_query(c, Q_MS_EXPORT_JSON, id) < 0)
				break;
			out_check();
		}
		fputs("\n],\"eras\":", stdout);
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
			printf("# %s\n\n%lld milestones, %d-%d.\n", sum.title, (long long)sum.count,
			       sum.first_year, sum.last_year);
		}
		int last_year = 0;
		for (int64_t id = 1; id <= sum.count; id++) {
			struct dlt_milestone m;
			if (dlt_milestone_load(c->db, id, &m) < 0)
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
	return dlt_db_failed(c->db) ? db_error(c) : DLT_EXIT_OK;
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
	{"export", cmd_export, "[--format json|csv|markdown]", "Write the whole timeline to stdout.",
	 "  --format F           json (default, complete), csv or markdown\n"},
	{"import", cmd_import, "[--check] [--strict] FILE|DIR... [-o OUT.db]",
	 "Validate YAML data files and build a database from them (see data/README.md).\n"
	 "Reports every problem as file:line:column: message and writes nothing on error.",
	 "  --check              validate only\n"
	 "  --strict             also apply the curated dataset's house rules\n"
	 "  -o, --output FILE    the database to write (replaced atomically)\n"},
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

static void cli_init(struct cli *c, const struct cli_global *g, const char *cmd)
{
	memset(c, 0, sizeof *c);
	c->g = g;
	c->cmd = cmd;
	c->width = terminal_width();
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
