/*
 * rank_same.c -- dltimeline's ranking (db/rank.c) gives exactly FTS5's bm25 results:
 *
 *   rank_same DB [TERMS]
 *
 * For TERMS terms of the index (default 200) spread over all frequencies, from the most
 * common to the rarest, and queries made of them -- one word, a prefix, a two-word phrase,
 * two words (AND), two words (OR) -- it compares
 *   - dlt_search_ranked() (dlt_top for one phrase, dlt_rank row by row otherwise) with
 *     SELECT rowid ... ORDER BY bm25(search, DLT_RANK_WEIGHTS), rowid LIMIT k, for k = 1, 20
 *     and 500: the same ids in the same order;
 *   - dlt_rank(search, ...) with bm25(search, ...) on every matching row: the same double.
 * Prints the first difference and exits 1; exits 0 when all agree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/search.h"

static int failed;

static int64_t *reference(sqlite3 *h, const char *expr, int k, int *n)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, "SELECT rowid FROM search WHERE search MATCH ?1 ORDER BY bm25(search, "
			       DLT_RANK_WEIGHTS "), rowid LIMIT ?2", -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "rank_same: %s\n", sqlite3_errmsg(h));
		exit(2);
	}
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, k);
	int64_t *v = xmalloc((size_t)k * sizeof *v);
	*n = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		v[(*n)++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Rows where dlt_rank and bm25 differ (-1 on error). */
static long long score_differences(sqlite3 *h, const char *expr)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, "SELECT count(*) FROM search WHERE search MATCH ?1 AND dlt_rank(search, "
			       DLT_RANK_WEIGHTS ") IS NOT bm25(search, " DLT_RANK_WEIGHTS ")", -1, &st,
			       NULL) != SQLITE_OK) {
		fprintf(stderr, "rank_same: %s\n", sqlite3_errmsg(h));
		exit(2);
	}
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return n;
}

static int check(struct dlt_db *db, const char *expr)
{
	static const int ks[] = {1, 20, 500};
	sqlite3 *h = dlt_db_handle(db);
	for (size_t i = 0; i < DLT_ARRAY_LEN(ks); i++) {
		int nref;
		int64_t *ref = reference(h, expr, ks[i], &nref);
		struct dlt_scored *hits;
		int n = dlt_search_ranked(db, expr, 1, INT64_MAX, ks[i], &hits);
		int same = n == nref;
		for (int j = 0; same && j < n; j++)
			same = hits[j].id == ref[j];
		if (!same) {
			printf("%s (k=%d): dlt_search_ranked gives %d ids, bm25 %d", expr, ks[i], n, nref);
			for (int j = 0; j < n && j < nref; j++)
				if (hits[j].id != ref[j]) {
					printf("; first difference at %d: %lld vs %lld", j + 1, (long long)hits[j].id,
					       (long long)ref[j]);
					break;
				}
			printf("%s\n", n < 0 ? dlt_db_error(db) : "");
		}
		free(ref);
		free(hits);
		if (!same)
			return 0;
	}
	long long d = score_differences(h, expr);
	if (d != 0) {
		printf("%s: dlt_rank and bm25 differ on %lld rows\n", expr, d);
		return 0;
	}
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: rank_same DB [TERMS]\n", stderr);
		return 2;
	}
	int want = argc > 2 ? atoi(argv[2]) : 200;
	struct strbuf err = {0};
	struct dlt_db *db = dlt_db_open_file(argv[1], &err);
	if (!db || dlt_db_functions(db) < 0) {
		fprintf(stderr, "rank_same: %s\n", db ? dlt_db_error(db) : sb_str(&err));
		return 2;
	}
	sqlite3 *h = dlt_db_handle(db);
	/* terms evenly spaced in the list sorted by frequency */
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, "SELECT term FROM (SELECT term, row_number() OVER (ORDER BY docs DESC, term) AS r, "
			       "count(*) OVER () AS n FROM terms) WHERE (r - 1) % max(1, n / ?1) = 0 LIMIT ?1",
			       -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "rank_same: %s\n", sqlite3_errmsg(h));
		return 2;
	}
	sqlite3_bind_int(st, 1, want);
	char **terms = NULL;
	int nterms = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		terms = xrealloc(terms, (size_t)(nterms + 1) * sizeof *terms);
		terms[nterms++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	int queries = 0;
	struct strbuf q = {0};
	for (int i = 0; i < nterms && !failed; i++) {
		const char *a = terms[i], *b = terms[(i * 7 + 3) % nterms];
		for (int f = 0; f < 5 && !failed; f++) {
			sb_reset(&q);
			switch (f) {
			case 0: sb_addf(&q, "\"%s\"", a); break;                /* a word */
			case 1: sb_addf(&q, "\"%s\"*", a); break;               /* a prefix */
			case 2: sb_addf(&q, "\"%s %s\"*", a, b); break;         /* a phrase */
			case 3: sb_addf(&q, "\"%s\"* \"%s\"*", a, b); break;    /* both */
			default: sb_addf(&q, "\"%s\" OR \"%s\"", a, b); break; /* either */
			}
			queries++;
			failed |= !check(db, sb_str(&q));
		}
	}
	for (int i = 0; i < nterms; i++)
		free(terms[i]);
	free(terms);
	sb_free(&q);
	sb_free(&err);
	dlt_db_close(db);
	printf("%d queries over %d terms: %s\n", queries, nterms, failed ? "DIFFERENT" : "the same ranking as bm25");
	return failed;
}
