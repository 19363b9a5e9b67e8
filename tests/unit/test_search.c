/*
 * test_search.c -- model/search: user text -> FTS5 expression, and ranked search on the
 * fixture database. Whatever the user types must compile to a harmless expression (or be
 * refused with -1), and running it must never produce an SQL error.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "model/model.h"
#include "model/search.h"
#include "model/view.h"
#include "testutil.h"

static struct tu_fixture fixture;
static struct dlt_db *db;   /* fixture.db */

static int setup(void **state)
{
	(void)state;
	tu_fixture_open(&fixture);
	db = fixture.db;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_fixture_close(&fixture);
	db = NULL;
	return 0;
}

/* ---- compiling ---------------------------------------------------------------------------- */

static void check_compile(const char *user, const char *want)
{
	struct strbuf expr = {0};
	int rc = dlt_search_compile(user, &expr);
	if (!want) {
		if (rc != -1)
			fail_msg("compile(\"%s\") = 0 with \"%s\", want -1", user ? user : "(null)", sb_str(&expr));
		assert_string_equal(sb_str(&expr), "");
	} else {
		if (rc != 0)
			fail_msg("compile(\"%s\") = %d, want \"%s\"", user ? user : "(null)", rc, want);
		assert_string_equal(sb_str(&expr), want);
	}
	sb_free(&expr);
}

static void test_compile_words(void **state)
{
	(void)state;
	check_compile("attention", "\"attention\"*");
	check_compile("  Attention   mechanism ", "\"Attention\"* \"mechanism\"*");
	check_compile("GPT-4", "\"GPT 4\"*");
	check_compile("GPT-4 vision", "\"GPT 4\"* \"vision\"*");
	check_compile("\xc5\x81ukasz", "\"\xc5\x81ukasz\"*");           /* non-ASCII letters kept */
	check_compile("A\xc3\xa4ron", "\"A\xc3\xa4ron\"*");
	check_compile("\xe4\xb8\xad\xe6\x96\x87", "\"\xe4\xb8\xad\xe6\x96\x87\"*");
	check_compile("x\xc3\x97y", "\"x y\"*");                        /* × is not a letter */
	check_compile("tab\tand\nnewline", "\"tab\"* \"and\"* \"newline\"*");
}

static void test_compile_operators_are_inert(void **state)
{
	(void)state;
	check_compile("\"attention", "\"attention\"*");                 /* unbalanced quote */
	check_compile("\"attention is\" all", "\"attention\"* \"is\"* \"all\"*");
	check_compile("gpt*", "\"gpt\"*");
	check_compile("NOT bert", "\"NOT\"* \"bert\"*");
	check_compile("a AND OR", "\"a\"* \"AND\"* \"OR\"*");
	check_compile("-x", "\"x\"*");
	check_compile("-", NULL);
	check_compile("title:bert", "\"title bert\"*");                 /* no column filters */
	check_compile("{title short}: bert", "\"title\"* \"short\"* \"bert\"*");
	check_compile("(((bert", "\"bert\"*");                          /* unbalanced parentheses */
	check_compile("bert)))", "\"bert\"*");
	check_compile("NEAR(a b, 2)", "\"NEAR a\"* \"b\"* \"2\"*");
	check_compile("^bert", "\"bert\"*");
	check_compile("a + b", "\"a\"* \"b\"*");
	check_compile("'; DROP TABLE milestones; --", "\"DROP\"* \"TABLE\"* \"milestones\"*");
}

static void test_compile_nothing_to_search(void **state)
{
	(void)state;
	check_compile("***", NULL);
	check_compile("", NULL);
	check_compile("()", NULL);
	check_compile("   ", NULL);
	check_compile("\"\"", NULL);
	check_compile("- * : ^ ( ) \" +", NULL);
	check_compile("\xe2\x86\x92 \xe2\x80\x94", NULL);                /* only symbols */
	check_compile("\xff\xfe", NULL);                                 /* only invalid bytes */
	check_compile("\x01\x02\x1b", NULL);
	check_compile(NULL, NULL);
}

static void test_compile_control_and_invalid_bytes(void **state)
{
	(void)state;
	check_compile("\x01\x1b[31m", "\"31m\"*");
	check_compile("bert\x1b[0m", "\"bert 0m\"*");
	check_compile("ab\xff" "cd", "\"ab cd\"*");                     /* invalid byte splits words */
	check_compile("\xc3" "bert", "\"bert\"*");                      /* truncated sequence */
	check_compile("ab\xc2\x9b" "cd", "\"ab cd\"*");                 /* C1 control */
}

static void test_compile_limits(void **state)
{
	(void)state;
	/* at most DLT_SEARCH_MAX_TERMS phrases */
	check_compile("a b c d e f g h i j k l m n o p q r s",
		      "\"a\"* \"b\"* \"c\"* \"d\"* \"e\"* \"f\"* \"g\"* \"h\"* \"i\"* \"j\"* \"k\"* \"l\"* "
		      "\"m\"* \"n\"* \"o\"* \"p\"*");

	/* 100 KB of input: only the first DLT_SEARCH_MAX_BYTES bytes are considered */
	size_t big = 100 * 1024;
	char *s = malloc(big + 1);
	memset(s, 'a', big);
	s[big] = '\0';
	struct strbuf expr = {0};
	assert_int_equal(dlt_search_compile(s, &expr), 0);
	assert_int_equal(expr.len, DLT_SEARCH_MAX_BYTES + 3);
	assert_int_equal(expr.buf[0], '"');
	assert_string_equal(expr.buf + expr.len - 2, "\"*");

	/* cut in the middle of a character: never half a character in the expression */
	s[0] = 'x';
	for (size_t i = 1; i + 1 < big; i += 2) {
		s[i] = '\xc3';
		s[i + 1] = '\xa9';   /* é */
	}
	s[big - 1] = 'e';
	assert_int_equal(dlt_search_compile(s, &expr), 0);
	assert_int_equal(utf8_valid_prefix(expr.buf, expr.len), expr.len);
	assert_int_equal(expr.len, 1 + 1 + 2 * 2047 + 2);   /* "x + 2047 é + "* */
	sb_free(&expr);

	/* 100 KB of separate words: 16 phrases */
	for (size_t i = 0; i < big; i++)
		s[i] = (i % 2) ? ' ' : 'w';
	assert_int_equal(dlt_search_compile(s, &expr), 0);
	size_t phrases = 0;
	for (const char *p = expr.buf; (p = strstr(p, "\"*")); p += 2)
		phrases++;
	assert_int_equal(phrases, DLT_SEARCH_MAX_TERMS);
	sb_free(&expr);
	free(s);
}

static void test_terms(void **state)
{
	(void)state;
	char **terms;
	size_t n = dlt_search_terms("GPT-4 \"Attention\" \xc5\x81ukasz", &terms);
	assert_int_equal(n, 4);
	assert_string_equal(terms[0], "gpt");
	assert_string_equal(terms[1], "4");
	assert_string_equal(terms[2], "attention");
	assert_string_equal(terms[3], "\xc5\x81ukasz");   /* only ASCII is lower-cased */
	dlt_search_terms_free(terms, n);
	n = dlt_search_terms("***", &terms);
	assert_int_equal(n, 0);
	dlt_search_terms_free(terms, n);
}

/* ---- running queries ------------------------------------------------------------------------ */

/* dlt_search_ranked over every milestone, as ids only (NULL when none). */
static int ranked_ids(const char *expr, int limit, int64_t **ids)
{
	struct dlt_scored *hits = NULL;
	int n = dlt_search_ranked(db, expr, 1, INT64_MAX, limit, &hits);
	*ids = NULL;
	if (n > 0) {
		*ids = malloc((size_t)n * sizeof **ids);
		for (int i = 0; i < n; i++)
			(*ids)[i] = hits[i].id;
	}
	free(hits);
	return n;
}

/* Compile user text, run it ranked, check no database error; returns the slugs found,
 * joined with spaces (malloc'd), or NULL when the text has nothing to search for. */
static char *run_search(const char *user, int limit)
{
	struct strbuf expr = {0};
	if (dlt_search_compile(user, &expr) < 0) {
		sb_free(&expr);
		return NULL;
	}
	int64_t *ids = NULL;
	int n = ranked_ids(sb_str(&expr), limit, &ids);
	if (n < 0 || dlt_db_failed(db))
		fail_msg("search \"%s\" (%s) failed: %s", user, sb_str(&expr), dlt_db_error(db));
	assert_true(n <= limit);
	struct strbuf out = {0};
	for (int i = 0; i < n; i++) {
		struct dlt_row r = {0};
		assert_int_equal(dlt_row_load(db, ids[i], &r), 0);
		sb_addf(&out, "%s%s", i ? " " : "", r.slug);
		dlt_row_clear(&r);
	}
	free(ids);
	sb_free(&expr);
	return sb_detach(&out);
}

static void check_search(const char *user, const char *want)
{
	char *got = run_search(user, 20);
	if (!got)
		fail_msg("\"%s\" compiled to nothing", user);
	if (strcmp(got, want) != 0)
		fail_msg("search \"%s\": got \"%s\", want \"%s\"", user, got, want);
	free(got);
}

static void test_ranked_results(void **state)
{
	(void)state;
	check_search("attention", "transformer");
	check_search("transformer", "transformer bert gpt");     /* title and name first */
	check_search("atlas", "atlas-robot atlas-rag");
	check_search("kaiser", "transformer");                    /* authors are indexed */
	check_search("\xc5\x81ukasz", "transformer");
	check_search("aaron", "wavenet gan");                     /* Aäron folds to aaron */
	check_search("lukasz", "transformer");                    /* Łukasz: its ASCII spelling */
	check_search("Lukasz Kaiser", "transformer");             /* is indexed too */
	check_search("A\xc3\xa4ron", "wavenet gan");
	check_search("AIAYN", "transformer");                     /* aliases are indexed */
	check_search("robotics", "atlas-robot");                  /* tags are indexed */
	check_search("modelling", "");                            /* paradigm names are not */
	check_search("gpt-1", "gpt");
	check_search("GPT", "gpt chatgpt");                      /* "Chat GPT" alias; not bert */
	check_search("nothingmatchesthis", "");
}

static void test_ranked_limit(void **state)
{
	(void)state;
	char *one = run_search("transformer", 1);
	assert_string_equal(one, "transformer");
	free(one);
	char *two = run_search("the", 2);
	size_t words = 1;
	for (const char *p = two; *p; p++)
		words += *p == ' ';
	assert_int_equal(words, 2);
	free(two);
}

/* The same ids as FTS5's own bm25 with the same weights (see also tests/perf/rank_same.c). */
static void test_ranked_like_bm25(void **state)
{
	(void)state;
	static const char *const queries[] = {"the", "neural network", "attention", "gpt", "deep learn",
					      "a", "gpt 1", "l", "the a"};
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(dlt_db_handle(db), "SELECT rowid FROM search WHERE search MATCH ?1 "
					    "ORDER BY bm25(search, " DLT_RANK_WEIGHTS "), rowid LIMIT 50", -1, &st, NULL),
			 SQLITE_OK);
	for (size_t i = 0; i < DLT_ARRAY_LEN(queries); i++) {
		struct strbuf expr = {0};
		assert_int_equal(dlt_search_compile(queries[i], &expr), 0);
		int64_t *ids = NULL;
		int n = ranked_ids(sb_str(&expr), 50, &ids), m = 0;
		assert_true(n > 0);
		sqlite3_bind_text(st, 1, sb_str(&expr), -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			assert_true(m < n);
			assert_int_equal(ids[m], sqlite3_column_int64(st, 0));
			m++;
		}
		assert_int_equal(m, n);
		sqlite3_reset(st);
		free(ids);
		sb_free(&expr);
	}
	sqlite3_finalize(st);
}

static int stop_now(void *arg)
{
	++*(int *)arg;
	return 1;
}

/* A key waiting stops a ranking that walks the matches itself (dlt_top), not only SQLite's
 * own steps: the progress check is polled from the first match on. */
static void test_ranked_interrupt(void **state)
{
	(void)state;
	struct strbuf expr = {0};
	assert_int_equal(dlt_search_compile("the", &expr), 0);
	int polls = 0;
	dlt_db_set_progress(db, 1000000, stop_now, &polls);   /* SQLite's handler: never that far */
	int64_t *ids = NULL;
	assert_int_equal(ranked_ids(sb_str(&expr), 20, &ids), -1);
	assert_null(ids);
	assert_true(polls >= 1);
	assert_int_equal(dlt_db_error_code(db) & 0xFF, SQLITE_INTERRUPT);
	dlt_db_set_progress(db, 0, NULL, NULL);
	dlt_db_clear_error(db);
	assert_true(ranked_ids(sb_str(&expr), 20, &ids) > 0);
	free(ids);
	sb_free(&expr);
}

static void test_ranked_nasty_inputs_never_fail(void **state)
{
	(void)state;
	/* (bytes as octal where a letter follows: "\xc3e" would be one escape) */
	static const char *const nasty[] = {
		"\"", "\"\"\"", "\"attention", "attention\"", "'", "''", "*", "***", "a*", "*a",
		"AND", "OR", "NOT", "a AND", "OR b", "NOT NOT NOT", "a OR OR b", "NEAR", "NEAR(", "NEAR(a b)",
		"-", "--", "-a", "a-", "a - b", ":", "title:", ":bert", "title:bert", "{title}: x",
		"(", ")", "((((", "))))", "(a", "a)", "(a OR b", "^", "^a", "a^", "+", "a + b",
		"\xff", "\xff\xfe bert", "b\303ert", "\xed\xa0\x80", "\xc0\xaf", "\x01", "\x1b[2J",
		"bert\x07", "\x7f", "\xc2\x9b", "%", "%s%n", "\\", "\\\"", ";", "'; DROP TABLE x; --",
		"\xe4\xb8\xad\xe6\x96\x87", "\xf0\x9f\x98\x80", "0", "00000000000000000000000000",
		"a b c d e f g h i j k l m n o p q r s t u v w x y z",
	};
	for (size_t i = 0; i < sizeof nasty / sizeof nasty[0]; i++)
		free(run_search(nasty[i], 20));

	size_t big = 100 * 1024;
	char *s = malloc(big + 1);
	for (size_t i = 0; i < big; i++)
		s[i] = "a\"*()-:^ OR\xff\x1b"[i % 13];
	s[big] = '\0';
	free(run_search(s, 20));
	for (size_t i = 0; i < big; i++)
		s[i] = (i % 3) ? 'b' : ' ';
	free(run_search(s, 20));
	free(s);
	assert_false(dlt_db_failed(db));
}

/* A view driven by a search expression agrees with the ranked search. */
static void test_query_view(void **state)
{
	(void)state;
	struct strbuf expr = {0};
	assert_int_equal(dlt_search_compile("transformer", &expr), 0);
	struct dlt_filter f = {0};
	dlt_filter_set_query(&f, sb_str(&expr));
	sb_free(&expr);
	struct dlt_view *v = dlt_view_new(db, &f);
	assert_int_equal(dlt_view_count(v), 3);
	struct dlt_row rows[8];
	size_t n = dlt_view_fetch(v, 0, 1, 8, rows);
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].slug, "transformer");   /* timeline order, not rank */
	assert_string_equal(rows[1].slug, "gpt");
	assert_string_equal(rows[2].slug, "bert");
	assert_int_equal(dlt_view_rank(v, rows[1].id), 2);
	assert_true(dlt_view_contains(v, rows[2].id));
	assert_false(dlt_view_contains(v, 1));
	for (size_t i = 0; i < n; i++)
		dlt_row_clear(&rows[i]);
	dlt_view_free(v);
	dlt_filter_clear(&f);
	assert_false(dlt_db_failed(db));
}

/* Matches of raw expression expr, counted by the index. */
static int64_t raw_count(const char *expr)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(dlt_db_handle(db), "SELECT count(*) FROM search WHERE search MATCH ?1",
					    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* A prefix is expanded to the terms of the index it stands for (for walking matches in timeline
 * order); the view matches exactly what the prefix matches, walked at once or a slice at a
 * time, and a one-term search knows its count without walking. */
static void test_prefix_expansion(void **state)
{
	(void)state;
	static const char *const users[] = {"t", "tr", "trans", "transformer", "att", "GPT-4", "gpt 4",
					    "luk", "Åuk", "neural net", "zzzz", "a b c", "1"};
	for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
		struct strbuf expr = {0}, ex = {0};
		assert_int_equal(dlt_search_compile(users[i], &expr), 0);
		int64_t docs;
		assert_int_equal(dlt_search_expand(db, sb_str(&expr), &ex, &docs), 0);
		int64_t want = raw_count(sb_str(&expr));
		assert_int_equal(raw_count(sb_str(&ex)), want);
		if (docs >= 0)
			assert_int_equal(docs, want);
		struct dlt_filter f = {0};
		dlt_filter_set_query(&f, sb_str(&expr));
		sb_free(&expr);
		struct dlt_view *v = dlt_view_new(db, &f);
		assert_true(dlt_view_count_now(v) == -1 || dlt_view_count_now(v) == want);
		while (dlt_view_progress(v, 2) == 0)   /* two matches a slice */
			;
		assert_int_equal(dlt_view_count_now(v), want);
		assert_int_equal(dlt_view_count(v), want);
		struct dlt_row rows[64];
		size_t n = dlt_view_fetch(v, 0, 1, 64, rows);
		assert_int_equal((int64_t)n, want < 64 ? want : 64);
		for (size_t k = 0; k < n; k++) {
			assert_int_equal(dlt_view_rank_now(v, rows[k].id), (int64_t)k + 1);
			dlt_row_clear(&rows[k]);
		}
		dlt_view_free(v);
		dlt_filter_clear(&f);
		sb_free(&ex);
	}
	/* the expressions dlt_find builds: prefixes in parentheses, under column filters, beside
	 * AND and OR, and NEAR groups (left to FTS5: they take phrases only) */
	static const char *const exprs[] = {
		"(\"trans\"*)", "(title : (\"trans\"*) OR short : (\"gpt\"*))", "\"neural\"* \"net\"*",
		"(\"neural\"* \"net\"*) AND venue : (\"nips\"*)", "authors : NEAR(\"geoffrey\" \"hinton\"*, 3)",
		"(\"a\"*) NOT \"zzzz\"*", "\"it\"\"s\"* OR \"deep\"*",
	};
	for (size_t i = 0; i < sizeof exprs / sizeof exprs[0]; i++) {
		struct strbuf ex = {0};
		int64_t docs;
		assert_int_equal(dlt_search_expand(db, exprs[i], &ex, &docs), 0);
		assert_int_equal(raw_count(sb_str(&ex)), raw_count(exprs[i]));
		if (i < 3)
			assert_null(strchr(sb_str(&ex), '*'));   /* walked lazily: no prefix left */
		if (docs >= 0)   /* known for one term only */
			assert_int_equal(docs, raw_count(exprs[i]));
		sb_free(&ex);
	}
	struct strbuf expr = {0}, ex = {0};
	assert_int_equal(dlt_search_compile("transfor", &expr), 0);
	int64_t docs;
	assert_int_equal(dlt_search_expand(db, sb_str(&expr), &ex, &docs), 0);
	assert_string_equal(sb_str(&ex), "\"transformer\"");   /* one term: no prefix merge */
	assert_int_equal(docs, 3);
	sb_free(&expr);
	sb_free(&ex);
	assert_false(dlt_db_failed(db));
}

int main(int argc, char **argv)
{
	tu_filter(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compile_words),
		cmocka_unit_test(test_compile_operators_are_inert),
		cmocka_unit_test(test_compile_nothing_to_search),
		cmocka_unit_test(test_compile_control_and_invalid_bytes),
		cmocka_unit_test(test_compile_limits),
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_ranked_results),
		cmocka_unit_test(test_ranked_limit),
		cmocka_unit_test(test_ranked_like_bm25),
		cmocka_unit_test(test_ranked_interrupt),
		cmocka_unit_test(test_ranked_nasty_inputs_never_fail),
		cmocka_unit_test(test_query_view),
		cmocka_unit_test(test_prefix_expansion),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
