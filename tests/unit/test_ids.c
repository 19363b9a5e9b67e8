/*
 * test_ids.c -- extreme milestone ids and years through the model and the arithmetic the
 * browser draws with: INT64_MIN, -1, 0, one past the end, INT64_MAX-1 and INT64_MAX as the
 * position of a page, a rank, a membership test, a chosen id, a lineage root or a path's
 * end, and INT_MIN / INT_MAX as years. Every answer must be the sensible one, and the
 * sanitizer build (UBSan: signed overflow, negative shifts) must report nothing. Runs on
 * the fixture database (14 milestones; see test_model.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "model/graph.h"
#include "model/model.h"
#include "model/view.h"
#include "testutil.h"

#define N 14   /* milestones of the fixture */

static struct tu_fixture fixture;
static struct dlt_db *db;

static const int64_t extreme[] = {INT64_MIN, INT64_MIN + 1, -1, 0, N + 1, INT64_MAX - 1, INT64_MAX};

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

static void test_mul_div(void **state)
{
	(void)state;
	assert_int_equal(mul_div(3, 7, 2), 10);
	assert_int_equal(mul_div(0, 24, 1), 0);
	assert_int_equal(mul_div(INT64_MAX - 1, 24, INT64_MAX), 23);   /* the minimap's last line */
	assert_int_equal(mul_div(INT64_MAX, 1000, INT64_MAX), 1000);
	assert_true(mul_div(INT64_MAX, INT64_MAX, 1) == INT64_MAX);     /* saturates */
	assert_int_equal(mul_div(-5, 10, 3), 0);                          /* below 0: 0 */
	assert_int_equal(mul_div(INT64_MIN, INT64_MIN, 7), 0);
	assert_int_equal(mul_div(68719476736, 40, 68719476736), 40);
}

/* Every view function at every extreme position, against what ordinary positions give. */
static void check_view(struct dlt_view *v)
{
	struct dlt_row rows[3];
	int64_t count = dlt_view_count(v), first = 0, last = 0;
	if (dlt_view_fetch(v, 0, 1, 1, rows) == 1) {
		first = rows[0].id;
		dlt_row_clear(&rows[0]);
	}
	if (dlt_view_fetch(v, N + 1, -1, 1, rows) == 1) {
		last = rows[0].id;
		dlt_row_clear(&rows[0]);
	}
	if (!(count > 0 && first >= 1 && last >= first && last <= N))
		fail_msg("count %lld, first %lld, last %lld", (long long)count, (long long)first, (long long)last);
	for (size_t i = 0; i < DLT_ARRAY_LEN(extreme); i++) {
		int64_t id = extreme[i];
		for (int dir = -1; dir <= 1; dir += 2) {
			size_t n = dlt_view_fetch(v, id, dir, 3, rows);
			int before_all = id <= 0, after_all = id > N;
			if (dir > 0 && before_all) {
				assert_true(n >= 1);
				assert_int_equal(rows[0].id, first);
			} else if (dir < 0 && after_all) {
				assert_true(n >= 1);
				assert_int_equal(rows[0].id, last);
			} else {
				assert_int_equal(n, 0);
			}
			for (size_t k = 0; k < n; k++)
				dlt_row_clear(&rows[k]);
		}
		assert_int_equal(dlt_view_rank(v, id), id > N ? count : 0);
		assert_false(dlt_view_contains(v, id));
	}
	assert_int_equal(dlt_view_count(v), count);
	assert_int_equal(dlt_view_first_from_year(v, INT_MAX), 0);
	assert_int_equal(dlt_view_first_from_year(v, INT_MIN), first);
	assert_false(dlt_db_failed(db));
}

static void test_views(void **state)
{
	(void)state;
	struct dlt_filter f = {0};
	struct dlt_view *v = dlt_view_new(db, NULL);
	check_view(v);
	assert_int_equal(dlt_view_count(v), N);
	dlt_view_free(v);

	dlt_filter_add_tag(&f, 2);   /* nlp */
	v = dlt_view_new(db, &f);
	check_view(v);
	dlt_view_free(v);

	dlt_filter_add_kind(&f, "paper");   /* a compound view: walked into a matchset */
	v = dlt_view_new(db, &f);
	check_view(v);
	assert_true(dlt_view_progress(v, 1000) == 1);
	check_view(v);
	dlt_view_free(v);
	dlt_filter_clear(&f);

	/* chosen ids: the extremes themselves, and two that exist */
	int64_t ids[] = {INT64_MAX, INT64_MIN, -1, 0, 3, N + 1, 9, INT64_MAX - 1};
	dlt_filter_set_ids(&f, ids, DLT_ARRAY_LEN(ids));
	v = dlt_view_new(db, &f);
	check_view(v);
	assert_int_equal(dlt_view_count(v), 2);
	assert_true(dlt_view_progress(v, 1000) == 1);
	check_view(v);
	assert_int_equal(dlt_view_rank(v, 9), 2);
	dlt_view_free(v);
	dlt_filter_clear(&f);

	f.year_from = 2100;   /* nothing: an empty range of ids */
	v = dlt_view_new(db, &f);
	assert_int_equal(dlt_view_count(v), 0);
	for (size_t i = 0; i < DLT_ARRAY_LEN(extreme); i++)
		assert_int_equal(dlt_view_rank(v, extreme[i]), 0);
	dlt_view_free(v);
}

static void test_records(void **state)
{
	(void)state;
	for (size_t i = 0; i < DLT_ARRAY_LEN(extreme); i++) {
		struct dlt_row r;
		struct dlt_milestone m;
		struct dlt_link *l;
		assert_int_equal(dlt_row_load(db, extreme[i], &r), -1);
		assert_int_equal(dlt_milestone_load(db, extreme[i], &m), -1);
		assert_int_equal(dlt_links_load(db, extreme[i], 1, &l), 0);
		dlt_links_free(l, 0);
		assert_int_equal(dlt_led_to_count(db, extreme[i]), 0);
		struct dlt_tree_node *t = NULL;
		size_t n = dlt_lineage(db, extreme[i], 1, 0, &t);
		dlt_tree_free(t, n);
		struct dlt_path *p = NULL;
		assert_true(dlt_paths(db, extreme[i], 1, 3, 0, &p) <= 0);
		assert_true(dlt_paths(db, 10, extreme[i], 3, 0, &p) <= 0);
	}
	assert_int_equal(dlt_first_id_from_year(db, INT_MIN), 1);
	assert_int_equal(dlt_first_id_from_year(db, INT_MAX), N + 1);
	int64_t lo, hi;
	assert_int_equal(dlt_year_ids(db, INT_MIN, INT_MAX, &lo, &hi), 0);
	assert_true(lo == 1 && hi == INT64_MAX);   /* no upper bound */
	assert_int_equal(dlt_year_ids(db, INT_MIN, INT_MAX - 1, &lo, &hi), 0);
	assert_true(lo == 1 && hi == N);
	struct dlt_subgraph_opts o = {.year_from = INT_MIN, .year_to = INT_MAX};
	struct dlt_subgraph g;
	assert_int_equal(dlt_subgraph_collect(db, &o, &g), 0);
	assert_int_equal(g.nids, N);
	dlt_subgraph_free(&g);
	o = (struct dlt_subgraph_opts){.root = INT64_MAX, .depth = 2};
	assert_int_equal(dlt_subgraph_collect(db, &o, &g), 0);
	dlt_subgraph_free(&g);
	dlt_db_clear_error(db);
}

int main(int argc, char **argv)
{
	tu_filter(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mul_div),
		cmocka_unit_test(test_views),
		cmocka_unit_test(test_records),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
