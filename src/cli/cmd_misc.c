/*
 * cmd_misc.c -- import (YAML files, or a bibliography, to a database) and chart (milestones
 * per year, model scale over time).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli_int.h"
#include "core/util.h"
#include "import/biblio.h"
#include "import/import.h"
#include "model/chart.h"

/* ---- import ------------------------------------------------------------------------------------- */

enum { I_CHECK = 1, I_STRICT, I_OUTPUT, I_FORCE };

struct import_args {
	int check, strict, force;
	const char *out;
};

static int import_option(struct cli *c, int id, const char *value, void *arg)
{
	(void)c;
	struct import_args *a = arg;
	if (id == I_CHECK)
		a->check = 1;
	else if (id == I_STRICT)
		a->strict = 1;
	else if (id == I_FORCE)
		a->force = 1;
	else
		a->out = value;
	return 0;
}

/* Each bibliography among the paths (.bib, .json) made data YAML in an unnamed scratch file
 * (tmpfile: nothing is left behind, whatever ends the import), kept open in held[i], whose
 * /proc/self/fd path (malloc'd in made[i]) replaces it in paths[]; origins[i] says what it
 * was made from (free its `at`). Returns the number of errors found (reported on stderr). */
static size_t convert_bibliographies(char **paths, size_t n, int strict, FILE **held, char **made,
				     struct dlt_import_origin *origins)
{
	size_t errors = 0;
	/* the timeline's title: the first bibliography's name when there is nothing else (a
	 * data file may have its own, and a timeline has one at most) */
	int titled = 0;
	for (size_t i = 0; i < n; i++)
		titled = titled || !dlt_biblio_is(paths[i]);
	for (size_t i = 0; i < n; i++) {
		if (!dlt_biblio_is(paths[i]))
			continue;
		struct strbuf yaml = {0};
		size_t e = dlt_biblio_yaml(paths[i], strict, !titled, stderr, &yaml, &origins[i]);
		errors += e;
		if (e == 0) {
			FILE *fp = tmpfile();
			if (!fp || fputs(sb_str(&yaml), fp) == EOF || fflush(fp) != 0) {
				fprintf(stderr, "dltimeline: cannot write a scratch file: %s\n", strerror(errno));
				errors++;
				if (fp)
					fclose(fp);
			} else {
				struct strbuf path = {0};
				sb_addf(&path, "/proc/self/fd/%d", fileno(fp));
				held[i] = fp;
				made[i] = sb_detach(&path);
				paths[i] = made[i];
				titled = 1;
			}
		}
		sb_free(&yaml);
	}
	return errors;
}

static int run_import(struct cli *c, void *arg)
{
	struct import_args *a = arg;
	if (!a->check && !a->out)
		return cli_usage(c, "say where to write the database with -o OUT.db, or use --check");
	if (a->check && a->out)
		return cli_usage(c, "--check writes nothing; drop -o or --check");
	if (a->force && !a->out)
		return cli_usage(c, "--force is about the file of -o; give -o OUT.db");
	struct dlt_import_opts opts = {.strict = a->strict, .out = a->out, .errors = stderr, .force = a->force};
	size_t n = (size_t)c->nargs;
	char **paths = xmalloc((n ? n : 1) * sizeof *paths), **made = xcalloc(n ? n : 1, sizeof *made);
	FILE **held = xcalloc(n ? n : 1, sizeof *held);
	struct dlt_import_origin *origins = xcalloc(n ? n : 1, sizeof *origins);
	const struct dlt_import_origin **from = xcalloc(n ? n : 1, sizeof *from);
	for (size_t i = 0; i < n; i++)
		paths[i] = c->args[i];
	size_t errors = convert_bibliographies(paths, n, a->strict, held, made, origins);
	for (size_t i = 0; i < n; i++)
		from[i] = made[i] ? &origins[i] : NULL;
	opts.origins = from;
	if (errors == 0)
		errors = dlt_import((const char *const *)paths, n, &opts);
	for (size_t i = 0; i < n; i++) {
		if (held[i])
			fclose(held[i]);
		free(made[i]);
		free(origins[i].at);
	}
	free(origins);
	free(from);
	free(held);
	free(made);
	free(paths);
	return errors > 0 ? DLT_EXIT_ERROR : DLT_EXIT_OK;
}

static const struct cli_opt import_opts[] = {
	{"check", 0, I_CHECK, NULL, "validate only"},
	{"strict", 0, I_STRICT, NULL, "also apply the curated history's house rules"},
	{"output", 'o', I_OUTPUT, "FILE", "the database to write (replaced atomically)"},
	{"force", 0, I_FORCE, NULL, "replace FILE even when it is not a dltimeline database"},
	{0},
};

const struct cli_command cli_cmd_import = {
	.name = "import", .run = run_import, .usage = "FILE|DIR...",
	.help = "Validate YAML data files and build a database from them (see data/README.md).\n"
		"Reports every problem as file:line:column: message and writes nothing on error.\n"
		"A .bib (BibTeX) or .json (CSL-JSON) file is a bibliography: each entry with a year\n"
		"becomes a milestone (one without is a warning, an error with --strict; the\n"
		"house rules of --strict are for data files, not bibliographies).",
	.opts = import_opts, .option = import_option, .args_size = sizeof(struct import_args),
	.min_args = 1, .max_args = -1, .too_few = "which files or directories?",
};

/* ---- chart ------------------------------------------------------------------------------------------ */

enum { C_WIDTH = 1, C_HEIGHT };

struct chart_args {
	long width, height;
};

static int chart_option(struct cli *c, int id, const char *value, void *arg)
{
	struct chart_args *a = arg;
	if (id == C_WIDTH)
		return cli_number(c, "width", value, 20, 1000, &a->width);
	return cli_number(c, "height", value, 6, 1000, &a->height);
}

/* The years chart as data: a line (or object) per year from the first to the last, with its
 * number of milestones (0 for a year without), and in JSON the eras. Returns 0, or -1 on a
 * database error. */
static int chart_years_data(struct cli *c)
{
	struct dlt_year *y;
	size_t n = dlt_years_all(c->db, &y);
	if (dlt_db_failed(c->db)) {
		free(y);
		return -1;
	}
	if (c->format == FMT_JSON)
		fputs("{\"chart\":\"years\",\"years\":[", stdout);
	int first = 1;
	for (size_t i = 0; i < n; i++) {
		int until = i + 1 < n ? y[i + 1].year : y[i].year + 1;
		for (int year = y[i].year; year < until; year++) {   /* the years between have none */
			long long count = year == y[i].year ? (long long)y[i].count : 0;
			if (c->format == FMT_JSON)
				printf("%s\n{\"year\":%d,\"count\":%lld}", first ? "" : ",", year, count);
			else
				printf("%d\t%lld\n", year, count);
			first = 0;
		}
	}
	free(y);
	if (c->format == FMT_JSON) {
		fputs(n ? "\n],\"eras\":[" : "],\"eras\":[", stdout);
		for (size_t i = 0; i < c->neras; i++) {
			fputs(i ? ",\n{\"id\":" : "\n{\"id\":", stdout);
			out_json_string(c->eras[i].slug);
			fputs(",\"name\":", stdout);
			out_json_string(c->eras[i].name);
			printf(",\"start\":%d,\"end\":", c->eras[i].start);
			if (c->eras[i].end)
				printf("%d}", c->eras[i].end);
			else
				fputs("null}", stdout);
		}
		fputs(c->neras ? "\n]}\n" : "]}\n", stdout);
	}
	return 0;
}

/* A scale chart as data: a line (or object) per model with the figure. Returns 0, or -1 on a
 * database error. */
static int chart_scale_data(struct cli *c, enum dlt_chart_kind kind)
{
	struct dlt_chart_point *p;
	ssize_t n = dlt_chart_points(c->db, kind, &p);
	if (n < 0)
		return -1;
	int rc = 0;
	if (c->format == FMT_JSON)
		printf("{\"chart\":\"%s\",\"unit\":\"%s\",\"points\":[",
		       kind == DLT_CHART_PARAMS ? "params" : "compute", kind == DLT_CHART_PARAMS ? "parameters" : "FLOP");
	for (ssize_t i = 0; i < n; i++) {
		struct dlt_row r = {0};
		if (dlt_row_load(c->db, p[i].id, &r) < 0) {
			rc = -1;
			break;
		}
		char value[32], year[16], month[16];
		snprintf(value, sizeof value, "%.15g", p[i].raw);
		snprintf(year, sizeof year, "%d", p[i].year);
		snprintf(month, sizeof month, "%d", p[i].month);
		if (c->format == FMT_JSON) {
			fputs(i ? ",\n{\"id\":" : "\n{\"id\":", stdout);
			out_json_string(r.slug);
			printf(",\"year\":%s,\"month\":%s,\"value\":%s,\"name\":", year, p[i].month ? month : "null",
			       value);
			out_json_string(p[i].name);
			putchar('}');
		} else {
			out_tsv(r.slug, 0);
			out_tsv(year, 0);
			out_tsv(p[i].month ? month : "", 0);
			out_tsv(value, 0);
			out_tsv(p[i].name, 1);
		}
		dlt_row_clear(&r);
		out_check();
	}
	if (c->format == FMT_JSON)
		fputs(n ? "\n]}\n" : "]}\n", stdout);
	dlt_chart_points_free(p, (size_t)n);
	return rc;
}

static int run_chart(struct cli *c, void *arg)
{
	static const char *const names[] = {"years", "params", "compute"};
	static const enum dlt_chart_kind kinds[] = {DLT_CHART_YEARS, DLT_CHART_PARAMS, DLT_CHART_COMPUTE};
	struct chart_args *a = arg;
	const char *what = c->nargs ? c->args[0] : "years";
	size_t k;
	for (k = 0; k < DLT_ARRAY_LEN(names) && strcmp(names[k], what) != 0; k++)
		;
	if (k == DLT_ARRAY_LEN(names))
		return cli_usage(c, "no chart '%s' (years, params or compute)", what);
	if ((a->width || a->height) && c->format != FMT_TEXT)
		return cli_usage(c, "--width and --height go with --format text");
	if (cli_open_db(c) < 0)
		return DLT_EXIT_ERROR;
	if (c->format != FMT_TEXT) {
		int rc = kinds[k] == DLT_CHART_YEARS ? chart_years_data(c) : chart_scale_data(c, kinds[k]);
		return rc < 0 || dlt_db_failed(c->db) ? cli_db_error(c) : DLT_EXIT_OK;
	}
	int width = a->width ? (int)a->width : (int)c->width;
	int height = a->height ? (int)a->height : isatty(STDOUT_FILENO) ? (int)c->height - 1 : (int)c->height;
	struct dlt_chart ch;
	if (dlt_chart_render(c->db, kinds[k], width, height, c->utf8, &ch) < 0)
		return cli_db_error(c);
	for (size_t i = 0; i < ch.nlines; i++)
		puts(ch.lines[i]);
	dlt_chart_free(&ch);
	return DLT_EXIT_OK;
}

static const struct cli_opt chart_opts[] = {
	{"width", 0, C_WIDTH, "W", "columns (default: the terminal's, 80 when not a terminal)"},
	{"height", 0, C_HEIGHT, "H", "lines (default: the terminal's, 24 when not a terminal)"},
	{0},
};

const struct cli_command cli_cmd_chart = {
	.name = "chart", .run = run_chart, .usage = "[years|params|compute]",
	.help = "Milestones per year, or model size or compute over time, as a chart.\n"
		"years: a bar per year (or per few years) over the eras; params and compute: one dot\n"
		"per model with the figure, on a log scale, the largest labelled.\n"
		"tsv and json write the chart's data instead, to plot elsewhere: years and counts\n"
		"(every year from the first to the last), or each model with its figure.",
	.opts = chart_opts, .option = chart_option, .args_size = sizeof(struct chart_args),
	.formats = "text tsv json", .max_args = 1,
};
