/*
 * fuzz_biblio.c -- someone's bibliography made a timeline (import/biblio: BibTeX read by
 * libbtparse, CSL-JSON by bib_csl.c) on arbitrary bytes.
 *
 * Input: byte 0 picks the reader (bit 0: CSL-JSON, else BibTeX) and strictness (bit 1);
 * the rest is the file. Contract (biblio.h): every message is one printable line that names
 * the file, and the messages are all that is said (libbtparse's own stderr included); when
 * the converter reports no error, the YAML it made is a usable timeline -- the importer
 * takes it without a single problem, and the database it writes reads back with one
 * milestone per entry the YAML holds. Converting the same file twice gives the same result.
 * (The BibTeX reader runs libbtparse in a child process, whose coverage libFuzzer does not
 * see; the converter's and the importer's it does.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/utf8.h"
#include "db/db.h"
#include "fuzz.h"
#include "import/biblio.h"
#include "import/import.h"
#include "model/model.h"

/* libbtparse passes text of the file to printf as the format of its syntax errors (with
 * "%s" in a token it crashes; the reader's child process contains that). ASan's printf
 * checks would then add a warning with the child's pid to the messages: not the program's. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "check_printf=0";
}

static char bib_path[600], json_path[600], yaml_path[600], db_path[600];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_path(bib_path, sizeof bib_path, "in.bib");
	fuzz_path(json_path, sizeof json_path, "in.json");
	fuzz_path(yaml_path, sizeof yaml_path, "made.yaml");
	fuzz_path(db_path, sizeof db_path, "out.db");
	return 0;
}

/* Each line names the file and is printable. */
static void check_messages(const char *rep, size_t len, const char *path)
{
	size_t plen = strlen(path);
	for (const char *p = rep; p < rep + len;) {
		const char *nl = memchr(p, '\n', (size_t)(rep + len - p));
		FUZZ_CHECK(nl != NULL);   /* every line is complete */
		FUZZ_CHECK(utf8_valid_prefix(p, (size_t)(nl - p)) == (size_t)(nl - p));
		for (const char *q = p; q < nl;) {
			uint32_t cp;
			q += utf8_decode(q, (size_t)(nl - q), &cp);
			FUZZ_CHECK(utf8_printable(cp) && !utf8_is_bidi_control(cp));
		}
		FUZZ_CHECK(strncmp(p, path, plen) == 0 && p[plen] == ':');
		p = nl + 1;
	}
}

/* The milestones of made YAML: the "  - id:" items after "milestones:". */
static int64_t entries(const char *yaml)
{
	const char *m = strstr(yaml, "\nmilestones:\n");
	FUZZ_CHECK(m != NULL);
	int64_t n = 0;
	for (const char *p = m; (p = strstr(p, "\n  - id: ")) != NULL; p++)
		n++;
	return n;
}

/* Convert the file: the number of errors, the YAML, the messages (malloc'd in *rep). What
 * reaches stderr meanwhile must be nothing: all goes to the messages. */
static size_t convert(const char *path, int strict, struct strbuf *yaml, char **rep, struct dlt_import_origin *origin)
{
	size_t replen = 0;
	FILE *errs = open_memstream(rep, &replen);
	FUZZ_CHECK(errs != NULL);
	fflush(stderr);
	int saved = dup(STDERR_FILENO);
	FILE *catch = tmpfile();
	FUZZ_CHECK(saved >= 0 && catch != NULL && dup2(fileno(catch), STDERR_FILENO) >= 0);
	size_t nerr = dlt_biblio_yaml(path, strict, 1, errs, yaml, origin);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	long saidlen = ftell(catch);
	fclose(catch);
	fclose(errs);
	FUZZ_CHECK(saidlen == 0);
	return nerr;
}

/* Where the entries start: named for the file, one per milestone of the YAML (with a line
 * in the file), in order, each on the blank line before its "  - id:". */
static void check_origin(const struct dlt_import_origin *o, const char *path, const char *yaml, int64_t entries)
{
	FUZZ_CHECK(o->name == path && (int64_t)o->n <= entries);
	unsigned line = 1;
	const char *p = yaml;
	for (size_t k = 0; k < o->n; k++) {
		FUZZ_CHECK(o->at[k].src > 0 && (k == 0 || o->at[k].made > o->at[k - 1].made));
		for (; line < o->at[k].made && *p; p++)
			line += *p == '\n';
		FUZZ_CHECK(line == o->at[k].made && strncmp(p, "\n  - id:", 8) == 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!bib_path[0])
		LLVMFuzzerInitialize(NULL, NULL);
	if (size == 0)
		return 0;
	const char *path = data[0] & 1 ? json_path : bib_path;
	int strict = (data[0] & 2) != 0;
	fuzz_write_file(path, data + 1, size - 1);

	/* converted twice: nothing carries over from one file to the next (libbtparse keeps
	 * state between calls), so both give the same messages and YAML */
	struct strbuf yaml = {0}, again = {0};
	char *rep = NULL, *rep2 = NULL;
	struct dlt_import_origin origin;
	size_t nerr = convert(path, strict, &yaml, &rep, &origin);
	size_t nerr2 = convert(path, strict, &again, &rep2, NULL);
	if (nerr2 != nerr || strcmp(rep, rep2) != 0 || strcmp(sb_str(&yaml), sb_str(&again)) != 0)
		fprintf(stderr, "fuzz_biblio: converted twice:\n%s%s\n----\n%s%s\n", rep, sb_str(&yaml), rep2,
			sb_str(&again));
	FUZZ_CHECK(nerr2 == nerr && strcmp(rep, rep2) == 0 && strcmp(sb_str(&yaml), sb_str(&again)) == 0);
	check_messages(rep, strlen(rep), path);
	free(rep);
	free(rep2);
	sb_free(&again);

	if (nerr == 0) {
		int64_t want = entries(sb_str(&yaml));
		check_origin(&origin, path, sb_str(&yaml), want);
		fuzz_write_file(yaml_path, (const uint8_t *)yaml.buf, yaml.len);
		char *irep = NULL;
		size_t ireplen = 0;
		FILE *ierrs = open_memstream(&irep, &ireplen);
		FUZZ_CHECK(ierrs != NULL);
		/* with strict, the house rules of the curated data are not a bibliography's */
		const char *paths[] = {yaml_path};
		const struct dlt_import_origin *from[] = {&origin};
		struct dlt_import_opts o = {.out = db_path, .errors = ierrs, .quiet = 1, .force = 1, .strict = strict,
					    .origins = from};
		size_t ierr = dlt_import(paths, 1, &o);
		fclose(ierrs);
		if (ierr)
			fprintf(stderr, "fuzz_biblio: the made YAML did not import:\n%s\n%s\n", irep, sb_str(&yaml));
		FUZZ_CHECK(ierr == 0);
		free(irep);
		struct strbuf err = {0};
		struct dlt_db *db = dlt_db_open_file(db_path, &err);
		FUZZ_CHECK(db != NULL);
		struct dlt_summary s;
		FUZZ_CHECK(dlt_summary_load(db, &s) == 0 && s.count == want);
		FUZZ_CHECK(!dlt_db_failed(db));
		dlt_summary_clear(&s);
		dlt_db_close(db);
		sb_free(&err);
		unlink(db_path);
	}
	free(origin.at);
	sb_free(&yaml);
	return 0;
}
