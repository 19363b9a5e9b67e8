/*
 * common.c -- what the commands share: usage and database errors, opening the database,
 * resolving names of milestones and tags, reading years and numbers (see cli_int.h).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_int.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/vocab.h"

int cli_usage(const struct cli *c, const char *fmt, ...)
{
	/* the message quotes arguments: one printable line, whatever they hold */
	char pre[128], post[160];
	snprintf(pre, sizeof pre, "dltimeline %s: ", c->cmd->name);
	snprintf(post, sizeof post, " (see 'dltimeline %s --help')", c->cmd->name);
	va_list ap;
	va_start(ap, fmt);
	utf8_print_line(stderr, pre, post, fmt, ap);
	va_end(ap);
	return DLT_EXIT_ERROR;
}

void cli_note(const struct cli *c, const char *fmt, ...)
{
	char pre[128];
	snprintf(pre, sizeof pre, "dltimeline %s: ", c->cmd->name);
	va_list ap;
	va_start(ap, fmt);
	utf8_print_line(stderr, pre, "", fmt, ap);
	va_end(ap);
}

int cli_db_error(struct cli *c)
{
	if (dlt_db_failed(c->db))
		fprintf(stderr, "dltimeline: %s\n", dlt_db_error(c->db));
	else   /* no SQLite error: a row that another row refers to is missing */
		fprintf(stderr, "dltimeline: %s: the database is inconsistent (a referenced row is missing)\n",
			dlt_db_name(c->db));
	return DLT_EXIT_ERROR;
}

int cli_open_db(struct cli *c)
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

const char *cli_period_slug(const struct dlt_period *p, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].id == id)
			return p[i].slug;
	return "";
}

int64_t cli_find_period(const struct dlt_period *p, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (str_ieq(p[i].slug, name) || str_ieq(p[i].name, name))
			return p[i].id;
	return 0;
}

int64_t cli_tag(struct cli *c, const char *name, int *status)
{
	struct dlt_period *tags;
	size_t n = dlt_periods_load(c->db, DLT_TAGS, &tags);
	int64_t id = cli_find_period(tags, n, name);
	dlt_periods_free(tags, n);
	if (!id)
		*status = cli_usage(c, "unknown tag '%s' (see 'dltimeline tags')", name);
	return id;
}

int cli_year(struct cli *c, const char *value, int *out)
{
	long y;
	if (parse_long(value, DLT_YEAR_MIN, DLT_YEAR_MAX, &y) < 0)
		return cli_usage(c, "'%s' is not a year between %d and %d", value, DLT_YEAR_MIN, DLT_YEAR_MAX);
	*out = (int)y;
	return 0;
}

int cli_number(struct cli *c, const char *name, const char *value, long lo, long hi, long *out)
{
	if (parse_long(value, lo, hi, out) < 0)
		return cli_usage(c, "--%s needs a number from %ld to %ld, not '%s'", name, lo, hi, value);
	return 0;
}

int64_t cli_resolve(struct cli *c, const char *name, int *status)
{
	int64_t ids[50];
	int n = dlt_lookup(c->db, name, ids, 50);
	if (n < 0) {
		*status = cli_db_error(c);
		return 0;
	}
	if (n == 1)
		return ids[0];
	*status = DLT_EXIT_NOTFOUND;
	char *clean = utf8_sanitize(name, strlen(name), 0);
	if (n == 0) {
		fprintf(stderr, "dltimeline %s: no milestone named '%.80s' (try 'dltimeline search %.80s')\n",
			c->cmd->name, clean, clean);
		free(clean);
		return 0;
	}
	fprintf(stderr, "dltimeline %s: '%.80s' names %d milestones; use one of these ids:\n", c->cmd->name,
		clean, n);
	free(clean);
	for (int i = 0; i < n && i < 50; i++) {
		struct dlt_row r = {0};
		if (dlt_row_load(c->db, ids[i], &r) == 0) {
			fprintf(stderr, "  %-28s %d  %s\n", r.slug, r.year, r.title);
			dlt_row_clear(&r);
		}
	}
	return 0;
}

