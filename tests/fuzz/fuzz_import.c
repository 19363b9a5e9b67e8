/*
 * fuzz_import.c -- the YAML importer (import/, ynode) on arbitrary bytes: a data file in,
 * its validation out.
 *
 * Input: the contents of one data file. It is imported in check mode; every problem must
 * come out as one "file:line:column: message" line (or "file: message"), printable (no
 * control characters from the data reach the terminal), followed by the count line, and
 * the error count must match the lines. When the file is valid it is
 * imported for real and the database written must open and read back through the reader
 * (db/, model/) with the same number of milestones: a valid input always gives a usable
 * database.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/utf8.h"
#include "db/db.h"
#include "fuzz.h"
#include "import/import.h"
#include "model/model.h"
#include "model/view.h"

static char yaml_path[600], db_path[600];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_path(yaml_path, sizeof yaml_path, "in.yaml");
	fuzz_path(db_path, sizeof db_path, "out.db");
	return 0;
}

/* One line per problem, each naming the input file (or "dltimeline:" for problems of the
 * whole input), valid UTF-8 without control characters (the report goes to a terminal), then
 * the count line. */
static void check_report(const char *rep, size_t nerr)
{
	size_t lines = 0, plen = strlen(yaml_path);
	const char *last = rep;
	for (const char *p = rep; *p;) {
		const char *nl = strchr(p, '\n');
		FUZZ_CHECK(nl != NULL);   /* every line is complete */
		lines++;
		last = p;
		FUZZ_CHECK(utf8_valid_prefix(p, (size_t)(nl - p)) == (size_t)(nl - p));
		for (const char *q = p; q < nl;) {
			uint32_t cp;
			q += utf8_decode(q, (size_t)(nl - q), &cp);
			FUZZ_CHECK(utf8_cpwidth(cp) >= 0);
		}
		if (nl[1])
			FUZZ_CHECK((strncmp(p, yaml_path, plen) == 0 && p[plen] == ':') ||
				   strncmp(p, "dltimeline: ", 12) == 0);
		p = nl + 1;
	}
	FUZZ_CHECK(lines == nerr + 1);
	char want[64];
	snprintf(want, sizeof want, "%zu error%s; nothing written\n", nerr, nerr == 1 ? "" : "s");
	FUZZ_CHECK(strcmp(last, want) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!yaml_path[0])
		LLVMFuzzerInitialize(NULL, NULL);
	fuzz_write_file(yaml_path, data, size);
	char *rep = NULL;
	size_t replen = 0;
	FILE *errs = open_memstream(&rep, &replen);
	FUZZ_CHECK(errs != NULL);
	const char *paths[] = {yaml_path};
	struct dlt_import_opts o = {.errors = errs, .quiet = 1};
	size_t nerr = dlt_import(paths, 1, &o);
	fclose(errs);
	if (nerr)
		check_report(rep, nerr);
	else
		FUZZ_CHECK(replen == 0);
	free(rep);
	if (nerr == 0) {
		/* valid: build it, and read it back */
		errs = fopen("/dev/null", "w");
		o.out = db_path;
		o.errors = errs;
		FUZZ_CHECK(dlt_import(paths, 1, &o) == 0);
		fclose(errs);
		struct strbuf err = {0};
		struct dlt_db *db = dlt_db_open_file(db_path, &err);
		if (!db)
			fprintf(stderr, "fuzz_import: %s\n", sb_str(&err));
		FUZZ_CHECK(db != NULL);
		struct dlt_summary s;
		FUZZ_CHECK(dlt_summary_load(db, &s) == 0 && s.count > 0);
		struct dlt_view *v = dlt_view_new(db, NULL);
		FUZZ_CHECK(dlt_view_count(v) == s.count);
		struct dlt_milestone m;
		for (int64_t id = 1; id <= s.count && id <= 4; id++) {
			FUZZ_CHECK(dlt_milestone_load(db, id, &m) == 0);
			dlt_milestone_clear(&m);
		}
		FUZZ_CHECK(!dlt_db_failed(db));
		dlt_view_free(v);
		dlt_summary_clear(&s);
		dlt_db_close(db);
		sb_free(&err);
		unlink(db_path);
	}
	return 0;
}
