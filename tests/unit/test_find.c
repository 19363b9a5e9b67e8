/*
 * test_find.c -- the ranking (model/find.h) and the query language (model/query.h) on the
 * fixture database: each tier, names as keys, the typo correction and the partial match,
 * field terms alone and with words, a search within a filter, errors, and the edit distance.
 *
 * The fixture's timeline (id = chronological position):
 *    1 perceptron 1958   2 backprop 1986   3 lstm 1997   4 lenet 1998   5 alexnet 2012
 *    6 word2vec 2013     7 atlas-robot 2013   8 gan 2014   9 wavenet 2016
 *   10 transformer 2017  11 gpt 2018   12 bert 2018   13 atlas-rag 2022   14 chatgpt 2022
 * Tags: cnn=1 nlp=2 vision=3 gen=4 robotics=5.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "model/find.h"
#include "model/spell.h"
#include "model/model.h"
#include "model/query.h"
#include "model/view.h"
#include "testutil.h"

static struct tu_fixture fixture;
static struct dlt_db *db;

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
	return 0;
}

static int check_no_error(void **state)
{
	(void)state;
	if (dlt_db_failed(db))
		fail_msg("database error: %s", dlt_db_error(db));
	return 0;
}

/* The slugs found for text (at most limit), "a b c", and the tier of the first in *tier. */
static char *find(const char *text, size_t limit, const struct dlt_filter *within, enum dlt_tier *tier,
		  struct dlt_found *keep)
{
	struct dlt_found f;
	struct strbuf err = {0}, out = {0};
	int rc = dlt_find(db, text, within, limit, 0, &f, &err);
	if (rc != 0)
		fail_msg("find \"%s\": %d %s", text, rc, sb_str(&err));
	for (size_t i = 0; i < f.n; i++) {
		struct dlt_row r = {0};
		assert_int_equal(dlt_row_load(db, f.hits[i].id, &r), 0);
		sb_addf(&out, "%s%s", i ? " " : "", r.slug);
		dlt_row_clear(&r);
	}
	if (tier)
		*tier = f.n ? f.hits[0].tier : 0;
	if (keep)
		*keep = f;
	else
		dlt_found_clear(&f);
	sb_free(&err);
	return sb_detach(&out);
}

static void check_first(const char *text, const char *want, enum dlt_tier tier)
{
	enum dlt_tier got_tier;
	char *got = find(text, 1, NULL, &got_tier, NULL);
	if (strcmp(got, want) != 0)
		fail_msg("\"%s\": first %s, want %s", text, got, want);
	if (got_tier != tier)
		fail_msg("\"%s\": found in tier %d, want %d", text, got_tier, tier);
	free(got);
}

static void test_tiers(void **state)
{
	(void)state;
	check_first("transformer", "transformer", DLT_TIER_EXACT);
	check_first("TRANS-former", "transformer", DLT_TIER_EXACT);             /* a key */
	check_first("gpt1", "gpt", DLT_TIER_EXACT);                             /* alias GPT-1 */
	check_first("attention is all you need", "transformer", DLT_TIER_EXACT);   /* paper title */
	check_first("attention is all", "transformer", DLT_TIER_PREFIX);
	check_first("chat", "chatgpt", DLT_TIER_PREFIX);
	check_first("generative adversarial", "gan", DLT_TIER_PREFIX);
	check_first("language understanding", "bert", DLT_TIER_NAME_WORDS);    /* words of its title */
	check_first("vaswani", "transformer", DLT_TIER_TEXT);                   /* an author */
	check_first("\xc5\x81ukasz", "transformer", DLT_TIER_TEXT);
}

static void test_names_before_text(void **state)
{
	(void)state;
	/* "gpt" is GPT's short name: GPT first, then the names that start with it, then text */
	char *got = find("gpt", 5, NULL, NULL, NULL);
	assert_true(strncmp(got, "gpt ", 4) == 0);
	free(got);
	/* a prefix typed as far as it goes */
	got = find("transf", 1, NULL, NULL, NULL);
	assert_string_equal(got, "transformer");
	free(got);
}

static void test_typo_and_partial(void **state)
{
	(void)state;
	struct dlt_found f;
	char *got = find("transfromer", 1, NULL, NULL, &f);
	assert_string_equal(got, "transformer");
	assert_non_null(f.corrected);
	assert_string_equal(f.corrected, "transformer");
	assert_false(f.partial);
	dlt_found_clear(&f);
	free(got);
	got = find("gpt nosuchword", 5, NULL, NULL, &f);
	assert_true(strncmp(got, "gpt", 3) == 0);
	assert_true(f.partial);
	assert_int_equal(f.hits[0].tier, DLT_TIER_SOME_WORDS);
	dlt_found_clear(&f);
	free(got);
	/* the more of the words, the earlier: WaveNet has two of them, GAN and GPT one each */
	got = find("generative audio nosuchword", 3, NULL, NULL, &f);
	assert_true(f.partial);
	assert_true(strncmp(got, "wavenet ", 8) == 0 && strstr(got, " gan") && strstr(got, " gpt"));
	dlt_found_clear(&f);
	free(got);
	/* nothing close: no answer rather than a wrong one */
	got = find("qqqqqqqqqq", 5, NULL, NULL, &f);
	assert_string_equal(got, "");
	dlt_found_clear(&f);
	free(got);
}

static void test_fields(void **state)
{
	(void)state;
	enum dlt_tier tier;
	char *got = find("author:kaiser", 5, NULL, &tier, NULL);
	assert_string_equal(got, "transformer");
	assert_int_equal(tier, DLT_TIER_FIELDS);
	free(got);
	got = find("year:2014..2017", 10, NULL, NULL, NULL);   /* fields alone: timeline order */
	assert_string_equal(got, "gan wavenet transformer");
	free(got);
	got = find("kind:model year:2018", 10, NULL, NULL, NULL);
	assert_string_equal(got, "gpt bert");
	free(got);
	got = find("tag:robotics", 10, NULL, NULL, NULL);
	assert_string_equal(got, "atlas-robot");
	free(got);
	got = find("year:2018 generative", 10, NULL, NULL, NULL);   /* words within the years */
	assert_string_equal(got, "gpt");
	free(got);
	got = find("atlas kind:hardware", 10, NULL, NULL, NULL);
	assert_string_equal(got, "atlas-robot");
	free(got);
	got = find("author:\"geoffrey hinton\"", 10, NULL, NULL, NULL);
	assert_string_equal(got, "backprop alexnet");
	free(got);
}

static void test_within_filter(void **state)
{
	(void)state;
	struct dlt_filter nlp = {0};
	dlt_filter_add_tag(&nlp, 2);
	struct dlt_found f;
	char *got = find("atlas", 5, &nlp, NULL, &f);   /* two Atlases; only one is NLP */
	assert_string_equal(got, "atlas-rag");
	free(got);
	/* every match of the search, within the filter, walked as n and N walk them */
	struct dlt_filter all;
	dlt_filter_copy(&all, &f.matches);
	dlt_filter_and(&all, &nlp);
	struct dlt_view *v = dlt_view_new(db, &all);
	assert_int_equal(dlt_view_count(v), 1);
	dlt_view_free(v);
	dlt_filter_clear(&all);
	dlt_found_clear(&f);
	dlt_filter_clear(&nlp);
}

/* A parse error: -1 and the message. */
static void check_error(const char *text, const char *want)
{
	struct dlt_found f;
	struct strbuf err = {0};
	assert_int_equal(dlt_find(db, text, NULL, 5, 0, &f, &err), -1);
	if (!strstr(sb_str(&err), want))
		fail_msg("\"%s\": error \"%s\", want it to say \"%s\"", text, sb_str(&err), want);
	assert_int_equal(f.n, 0);
	dlt_found_clear(&f);
	sb_free(&err);
}

static void test_errors(void **state)
{
	(void)state;
	check_error("", "nothing to search for");
	check_error("***", "nothing to search for");
	check_error("year:20x", "a year is 1800-2100");
	check_error("year:2015..2012", "ends before it starts");
	check_error("year:..", "a year is");
	check_error("kind:poem", "the kinds are");
	check_error("tag:nosuchtag", "no such tag");
	check_error("era:zzz", "no era");
	check_error("author:", "needs a value");
	check_error("venue:!!!", "no letters or digits");
	check_error("title:bert", "is not a field");
	/* not fields: words with a colon */
	struct dlt_found f;
	struct strbuf err = {0};
	assert_int_equal(dlt_find(db, "gpt-1: x", NULL, 5, 0, &f, &err), 0);
	dlt_found_clear(&f);
	sb_free(&err);
}

static void test_edit_distance(void **state)
{
	(void)state;
	assert_int_equal(dlt_edit_distance("transfomer", "transformer", 2), 1);
	assert_int_equal(dlt_edit_distance("hopfeild", "hopfield", 2), 1);   /* a swap is one */
	assert_int_equal(dlt_edit_distance("backpropogation", "backpropagation", 2), 1);
	assert_int_equal(dlt_edit_distance("abc", "abc", 1), 0);
	assert_int_equal(dlt_edit_distance("", "ab", 2), 2);
	assert_int_equal(dlt_edit_distance("kitten", "sitting", 2), 3);      /* more than max: max + 1 */
	assert_int_equal(dlt_edit_distance("a", "abcdef", 2), 3);
}

int main(int argc, char **argv)
{
	tu_filter(argc, argv);
#define T(f) cmocka_unit_test_teardown(f, check_no_error)
	const struct CMUnitTest tests[] = {
		T(test_tiers), T(test_names_before_text), T(test_typo_and_partial), T(test_fields),
		T(test_within_filter), T(test_errors), T(test_edit_distance),
	};
#undef T
	return cmocka_run_group_tests(tests, setup, teardown);
}
