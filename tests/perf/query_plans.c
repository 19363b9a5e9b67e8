/*
 * query_plans.c -- every statement the readers issue (db/queries.h) is served by an index:
 * EXPLAIN QUERY PLAN of each, with dummy values bound, must not SCAN a large table
 * (milestones, links, milestone_tags, aliases) nor walk the full-text index without a MATCH
 * or a rowid -- whatever the size of the timeline, no key of the browser reads all rows.
 *
 *   query_plans DB [-v]
 *
 * Exceptions are listed in `exceptions` below, each with the reason. Prints every offending
 * plan line and exits 1; with -v prints every plan.
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"

static const char *const big_tables[] = {"milestones", "links", "milestone_tags", "aliases"};

/* Statements allowed to scan, and why. */
static const struct { const char *name, *why; } exceptions[] = {
	/* The scale chart plots every milestone with a parameter count or a training-compute
	 * figure: it reads the partial index milestones_scale, which holds only those. */
	{"CHART_SCALE", "reads the partial index of the milestones with a scale figure"},
};

static int is_exception(const char *name)
{
	for (size_t i = 0; i < DLT_ARRAY_LEN(exceptions); i++)
		if (strcmp(exceptions[i].name, name) == 0)
			return 1;
	return 0;
}

/* The table that `name` (a table or an alias in sql) stands for. */
static const char *table_of(const char *sql, const char *name, char *buf, size_t size)
{
	regex_t re;
	regmatch_t m[3];
	snprintf(buf, size, "%s", name);
	if (regcomp(&re, "(FROM|JOIN)[[:space:]]+([a-z_]+)[[:space:]]+(AS[[:space:]]+)?", REG_EXTENDED) != 0)
		return buf;
	const char *p = sql;
	while (regexec(&re, p, 3, m, 0) == 0) {
		const char *after = p + m[0].rm_eo;
		size_t n = strlen(name);
		if (strncmp(after, name, n) == 0 && !(after[n] == '_' || (after[n] >= 'a' && after[n] <= 'z'))) {
			snprintf(buf, size, "%.*s", (int)(m[2].rm_eo - m[2].rm_so), p + m[2].rm_so);
			break;
		}
		p = after;
	}
	regfree(&re);
	return buf;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: query_plans DB [-v]\n", stderr);
		return 2;
	}
	int verbose = argc > 2 && strcmp(argv[2], "-v") == 0;
	struct strbuf err = {0};
	struct dlt_db *db = dlt_db_open_file(argv[1], &err);
	if (!db || dlt_db_functions(db) < 0) {   /* the statements call its functions */
		fprintf(stderr, "query_plans: %s\n", db ? dlt_db_error(db) : sb_str(&err));
		return 2;
	}
	sqlite3 *h = dlt_db_handle(db);
	int bad = 0;
	for (int q = 0; q < Q__COUNT; q++) {
		const char *name = dlt_db_query_name((enum dlt_query)q), *sql = dlt_db_sql((enum dlt_query)q);
		struct strbuf text = {0};
		sb_addf(&text, "EXPLAIN QUERY PLAN %s", sql);
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(h, sb_str(&text), -1, &st, NULL) != SQLITE_OK) {
			printf("%s: does not compile: %s\n", name, sqlite3_errmsg(h));
			bad++;
			sb_free(&text);
			continue;
		}
		for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++)
			sqlite3_bind_int(st, i, 1);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *d = (const char *)sqlite3_column_text(st, 3);
			char tname[64], buf[64];
			int scan = sscanf(d, "SCAN %63[a-z_]", tname) == 1;
			const char *t = scan ? table_of(sql, tname, buf, sizeof buf) : "";
			int fail = 0;
			for (size_t k = 0; scan && k < DLT_ARRAY_LEN(big_tables); k++)
				fail |= strcmp(t, big_tables[k]) == 0;
			/* the full-text index: only with a MATCH (M) or a rowid (=) in its plan */
			if (scan && strcmp(t, "search") == 0) {
				const char *idx = strstr(d, "VIRTUAL TABLE INDEX ");
				const char *colon = idx ? strchr(idx, ':') : NULL;
				fail = !colon || !(strchr(colon, 'M') || strchr(colon, '='));
			}
			if (fail && !is_exception(name)) {
				printf("%s: %s\n    in: %s\n", name, d, sql);
				bad++;
			} else if (verbose) {
				printf("%-16s %s%s\n", name, d, fail ? "  (allowed)" : "");
			}
		}
		sqlite3_finalize(st);
		sb_free(&text);
	}
	dlt_db_close(db);
	sb_free(&err);
	printf("%d statements, %d full scans of large tables\n", (int)Q__COUNT, bad);
	return bad ? 1 : 0;
}
