/*
 * fuzz_search.c -- the search-query sanitiser (model/search) on arbitrary text, checked
 * against the real full-text index.
 *
 * Input: the user's text (cut at the first NUL, as a C string would be). Contract
 * (search.h): user text is never FTS5 syntax. So for any input the compiled expression is
 * either empty (-1: nothing searchable) or a run of quoted phrases whose insides hold no
 * quote; and running it against the curated database (data/, imported at start-up) -- ranked search, a filtered view's
 * count, its first page and a rank -- never makes SQLite fail. The highlighting terms are
 * lower case and non-empty. The same text through the one ranking (find.h), as `/` and
 * `dltimeline search` run it: found (at most the limit, each milestone once, tiers in order,
 * "most of the words" alone when partial) or refused with one line; never a database error.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "fuzz.h"
#include "import/import.h"
#include "model/find.h"
#include "model/model.h"
#include "model/search.h"
#include "model/view.h"

static struct dlt_db *db;

/* The curated data, imported once into the scratch directory. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	char path[600];
	const char *data[] = {DLT_FUZZ_DATA};
	FILE *quiet = fopen("/dev/null", "w");
	struct dlt_import_opts o = {.out = fuzz_path(path, sizeof path, "timeline.db"), .errors = quiet};
	if (!quiet || dlt_import(data, 1, &o) != 0)
		abort();
	fclose(quiet);
	struct strbuf err = {0};
	db = dlt_db_open_file(path, &err);
	if (!db) {
		fprintf(stderr, "fuzz_search: %s\n", sb_str(&err));
		abort();
	}
	sb_free(&err);
	return 0;
}

/* The one ranking on the text: its contract (find.h). */
static void check_find(const char *user)
{
	enum { LIMIT = 12 };
	struct dlt_found found;
	struct strbuf err = {0};
	int rc = dlt_find(db, user, NULL, LIMIT, 0, &found, &err);
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc < 0) {
		FUZZ_CHECK(err.len > 0 && !strchr(sb_str(&err), '\n') && found.n == 0);
	} else {
		int64_t max = dlt_max_id(db);
		FUZZ_CHECK(found.n <= LIMIT);
		for (size_t i = 0; i < found.n; i++) {
			const struct dlt_hit *h = &found.hits[i];
			FUZZ_CHECK(h->id >= 1 && h->id <= max);
			FUZZ_CHECK(i == 0 || h->tier >= found.hits[i - 1].tier);
			FUZZ_CHECK(!found.partial || h->tier == DLT_TIER_SOME_WORDS);
			for (size_t j = 0; j < i; j++)
				FUZZ_CHECK(found.hits[j].id != h->id);
		}
	}
	dlt_found_clear(&found);
	sb_free(&err);
	FUZZ_CHECK(!dlt_db_failed(db));
}

/* The shape of a compiled expression: "w w"* "w"* ... with no other quotes. */
static void check_shape(const char *e)
{
	size_t len = strlen(e);
	FUZZ_CHECK(len >= 3 && e[0] == '"' && e[len - 2] == '"' && e[len - 1] == '*');
	size_t quotes = 0;
	for (size_t i = 0; i < len; i++)
		if (e[i] == '"') {
			quotes++;
			/* a closing quote is followed by '*' */
			if (quotes % 2 == 0)
				FUZZ_CHECK(e[i + 1] == '*');
		} else if (quotes % 2 == 1) {
			FUZZ_CHECK((unsigned char)e[i] >= 0x80 || isalnum((unsigned char)e[i]) || e[i] == ' ');
		}
	FUZZ_CHECK(quotes % 2 == 0 && quotes / 2 <= DLT_SEARCH_MAX_TERMS);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db)
		LLVMFuzzerInitialize(NULL, NULL);
	char *user = xstrndup((const char *)data, size);
	struct strbuf expr = {0};
	int rc = dlt_search_compile(user, &expr);
	char **terms;
	size_t nterms = dlt_search_terms(user, &terms);
	FUZZ_CHECK(rc == 0 ? nterms > 0 : nterms == 0 && expr.len == 0);
	for (size_t i = 0; i < nterms; i++) {
		FUZZ_CHECK(terms[i][0] != '\0');
		for (const char *p = terms[i]; *p; p++)
			FUZZ_CHECK(!isupper((unsigned char)*p));
	}
	dlt_search_terms_free(terms, nterms);
	if (rc == 0) {
		check_shape(sb_str(&expr));
		struct dlt_scored *hits;
		int n = dlt_search_ranked(db, sb_str(&expr), 1, INT64_MAX, 20, &hits);
		FUZZ_CHECK(n >= 0 && n <= 20);
		free(hits);
		struct dlt_filter f = {0};
		dlt_filter_set_query(&f, sb_str(&expr));
		struct dlt_view *v = dlt_view_new(db, &f);
		dlt_filter_clear(&f);
		int64_t count = dlt_view_count(v);
		struct dlt_row rows[8];
		size_t got = dlt_view_fetch(v, 0, 1, 8, rows);
		FUZZ_CHECK(count >= 0 && got <= (size_t)count);
		if (got) {
			FUZZ_CHECK(dlt_view_rank(v, rows[got - 1].id) == (int64_t)got);
			FUZZ_CHECK(dlt_view_contains(v, rows[0].id));
		}
		for (size_t i = 0; i < got; i++)
			dlt_row_clear(&rows[i]);
		dlt_view_free(v);
		FUZZ_CHECK(!dlt_db_failed(db));
	}
	check_find(user);
	sb_free(&expr);
	free(user);
	return 0;
}
