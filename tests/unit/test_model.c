/*
 * test_model.c -- model/: views with each kind of filter and keyset paging in both
 * directions, counts and ranks, years, name lookup, links, full milestone records, periods,
 * and the detail fields. Runs on the fixture database built from tests/fixtures/mini.
 *
 * The fixture's timeline (id = chronological position):
 *    1 perceptron 1958-07   2 backprop 1986-10   3 lstm 1997-11     4 lenet 1998-11
 *    5 alexnet 2012-09      6 word2vec 2013      7 atlas-robot 2013-07   8 gan 2014-06
 *    9 wavenet 2016-09     10 transformer 2017-06   11 gpt 2018-06   12 bert 2018-10
 *   13 atlas-rag 2022-08   14 chatgpt 2022-11
 * Eras: early=1 deep=2 modern=3. Paradigms: supervised=1 generative=2.
 * Tags: cnn=1 nlp=2 vision=3 gen=4 robotics=5 unused=6.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "model/detail.h"
#include "model/model.h"
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

/* No test may leave a database error behind. */
static int check_no_error(void **state)
{
	(void)state;
	if (dlt_db_failed(db))
		fail_msg("database error: %s", dlt_db_error(db));
	return 0;
}

/* Fetch the whole view page by page in direction dir (pages of `page`), and return the
 * slugs joined with spaces (malloc'd). Also checks the ids are strictly monotonic. */
static char *walk(struct dlt_view *v, int dir, size_t page)
{
	struct strbuf sb = {0};
	struct dlt_row rows[32];
	int64_t from = dir > 0 ? 0 : INT64_MAX, last = from;
	for (;;) {
		size_t n = dlt_view_fetch(v, from, dir, page, rows);
		assert_true(n <= page);
		for (size_t i = 0; i < n; i++) {
			assert_true(dir > 0 ? rows[i].id > last : rows[i].id < last);
			last = rows[i].id;
			sb_addf(&sb, "%s%s", sb.len ? " " : "", rows[i].slug);
			from = rows[i].id;
			dlt_row_clear(&rows[i]);
		}
		if (n < page)
			break;
	}
	return sb_detach(&sb);
}

static void check_walk(struct dlt_view *v, const char *forward, const char *backward)
{
	for (size_t page = 1; page <= 6; page++) {
		char *f = walk(v, 1, page), *b = walk(v, -1, page);
		assert_string_equal(f, forward);
		assert_string_equal(b, backward);
		free(f);
		free(b);
	}
}

/* What a view of one criterion is narrowed by. */
enum crit { C_NONE, C_TAG, C_ERA, C_PARADIGM, C_KIND };

static struct dlt_view *view_of(enum crit kind, int64_t ref, const char *text, int from, int to)
{
	struct dlt_filter f = {.year_from = from, .year_to = to};
	if (kind == C_TAG)
		dlt_filter_add_tag(&f, ref);
	else if (kind == C_ERA)
		dlt_filter_add_era(&f, ref);
	else if (kind == C_PARADIGM)
		dlt_filter_add_paradigm(&f, ref);
	else if (kind == C_KIND)
		dlt_filter_add_kind(&f, text);
	struct dlt_view *v = dlt_view_new(db, &f);   /* copies the filter */
	dlt_filter_clear(&f);
	return v;
}

/* ---- views ---------------------------------------------------------------------------------- */

static void test_view_everything(void **state)
{
	(void)state;
	struct dlt_view *v = dlt_view_new(db, NULL);
	assert_true(dlt_filter_is_empty(dlt_view_filter(v)));
	assert_int_equal(dlt_view_count(v), 14);
	check_walk(v, "perceptron backprop lstm lenet alexnet word2vec atlas-robot gan wavenet transformer gpt "
		      "bert atlas-rag chatgpt",
		   "chatgpt atlas-rag bert gpt transformer wavenet gan atlas-robot word2vec alexnet lenet lstm "
		   "backprop perceptron");
	/* paging from the middle, both ways */
	struct dlt_row rows[4];
	assert_int_equal(dlt_view_fetch(v, 7, 1, 3, rows), 3);
	assert_int_equal(rows[0].id, 8);
	assert_string_equal(rows[0].slug, "gan");
	assert_int_equal(rows[2].id, 10);
	for (int i = 0; i < 3; i++)
		dlt_row_clear(&rows[i]);
	assert_int_equal(dlt_view_fetch(v, 7, -1, 4, rows), 4);
	assert_int_equal(rows[0].id, 6);
	assert_int_equal(rows[3].id, 3);
	for (int i = 0; i < 4; i++)
		dlt_row_clear(&rows[i]);
	/* at the ends */
	assert_int_equal(dlt_view_fetch(v, 14, 1, 4, rows), 0);
	assert_int_equal(dlt_view_fetch(v, 1, -1, 4, rows), 0);
	assert_int_equal(dlt_view_fetch(v, 0, 1, 0, rows), 0);
	assert_int_equal(dlt_view_rank(v, 1), 1);
	assert_int_equal(dlt_view_rank(v, 9), 9);
	assert_int_equal(dlt_view_rank(v, 99), 14);
	assert_true(dlt_view_contains(v, 1));
	assert_true(dlt_view_contains(v, 14));
	assert_false(dlt_view_contains(v, 0));
	assert_false(dlt_view_contains(v, 15));
	dlt_view_free(v);
	dlt_view_free(NULL);
}

static void test_view_row_fields(void **state)
{
	(void)state;
	struct dlt_view *v = dlt_view_new(db, NULL);
	struct dlt_row r[2];
	assert_int_equal(dlt_view_fetch(v, 5, 1, 2, r), 2);
	/* word2vec: no month, no paradigm */
	assert_int_equal(r[0].id, 6);
	assert_string_equal(r[0].slug, "word2vec");
	assert_int_equal(r[0].year, 2013);
	assert_int_equal(r[0].month, 0);
	assert_string_equal(r[0].title, "Word2Vec: words as vectors");
	assert_string_equal(r[0].short_name, "Word2Vec");
	assert_string_equal(r[0].kind, "paper");
	assert_int_equal(r[0].era, 2);
	assert_int_equal(r[0].paradigm, 0);
	assert_string_equal(dlt_row_name(&r[0]), "Word2Vec");
	assert_int_equal(r[1].id, 7);
	assert_int_equal(r[1].month, 7);
	assert_string_equal(r[1].kind, "hardware");
	dlt_row_clear(&r[0]);
	dlt_row_clear(&r[1]);
	assert_null(r[0].slug);   /* cleared rows are zeroed */
	dlt_view_free(v);

	/* the name of a row without a short name is its title */
	struct dlt_row t = {.title = "A title", .short_name = NULL};
	assert_string_equal(dlt_row_name(&t), "A title");
	t.short_name = "";
	assert_string_equal(dlt_row_name(&t), "A title");
	struct dlt_row empty = {0};
	assert_string_equal(dlt_row_name(&empty), "");
}

static void test_view_year_range(void **state)
{
	(void)state;
	struct dlt_view *v = view_of(C_NONE, 0, NULL, 2013, 2014);
	assert_int_equal(dlt_view_count(v), 3);
	check_walk(v, "word2vec atlas-robot gan", "gan atlas-robot word2vec");
	assert_int_equal(dlt_view_rank(v, 5), 0);    /* before the range */
	assert_int_equal(dlt_view_rank(v, 6), 1);
	assert_int_equal(dlt_view_rank(v, 7), 2);
	assert_int_equal(dlt_view_rank(v, 14), 3);   /* after it: the count */
	assert_false(dlt_view_contains(v, 5));
	assert_true(dlt_view_contains(v, 8));
	assert_false(dlt_view_contains(v, 9));
	assert_int_equal(dlt_view_first_from_year(v, 1900), 6);
	assert_int_equal(dlt_view_first_from_year(v, 2014), 8);
	assert_int_equal(dlt_view_first_from_year(v, 2015), 0);
	dlt_view_free(v);

	v = view_of(C_NONE, 0, NULL, 2018, 0);   /* from 2018 on */
	assert_int_equal(dlt_view_count(v), 4);
	check_walk(v, "gpt bert atlas-rag chatgpt", "chatgpt atlas-rag bert gpt");
	dlt_view_free(v);

	v = view_of(C_NONE, 0, NULL, 0, 1997);   /* up to 1997 */
	assert_int_equal(dlt_view_count(v), 3);
	check_walk(v, "perceptron backprop lstm", "lstm backprop perceptron");
	dlt_view_free(v);

	v = view_of(C_NONE, 0, NULL, 2019, 2021);   /* years without milestones */
	assert_int_equal(dlt_view_count(v), 0);
	check_walk(v, "", "");
	assert_int_equal(dlt_view_first_from_year(v, 2019), 0);
	dlt_view_free(v);

	v = view_of(C_NONE, 0, NULL, 2030, 0);   /* after the last year */
	assert_int_equal(dlt_view_count(v), 0);
	check_walk(v, "", "");
	dlt_view_free(v);
}

static void test_view_tag(void **state)
{
	(void)state;
	struct dlt_view *v = view_of(C_TAG, 2, NULL, 0, 0);   /* nlp */
	assert_int_equal(dlt_view_count(v), 7);
	check_walk(v, "lstm word2vec transformer gpt bert atlas-rag chatgpt",
		   "chatgpt atlas-rag bert gpt transformer word2vec lstm");
	assert_int_equal(dlt_view_rank(v, 10), 3);
	assert_int_equal(dlt_view_rank(v, 9), 2);    /* rows with id <= 9 */
	assert_true(dlt_view_contains(v, 6));
	assert_false(dlt_view_contains(v, 5));
	assert_int_equal(dlt_view_first_from_year(v, 2015), 10);
	assert_int_equal(dlt_view_first_from_year(v, 2019), 13);
	assert_int_equal(dlt_view_first_from_year(v, 2023), 0);
	dlt_view_free(v);

	v = view_of(C_TAG, 2, NULL, 2014, 2020);   /* nlp, 2014-2020 */
	assert_int_equal(dlt_view_count(v), 3);
	check_walk(v, "transformer gpt bert", "bert gpt transformer");
	assert_int_equal(dlt_view_rank(v, 11), 2);
	assert_int_equal(dlt_view_rank(v, 3), 0);
	dlt_view_free(v);

	v = view_of(C_TAG, 6, NULL, 0, 0);   /* unused */
	assert_int_equal(dlt_view_count(v), 0);
	check_walk(v, "", "");
	dlt_view_free(v);

	v = view_of(C_TAG, 99, NULL, 0, 0);   /* no such tag */
	assert_int_equal(dlt_view_count(v), 0);
	check_walk(v, "", "");
	dlt_view_free(v);
}

static void test_view_era(void **state)
{
	(void)state;
	struct dlt_view *v = view_of(C_ERA, 2, NULL, 0, 0);   /* deep */
	assert_int_equal(dlt_view_count(v), 5);
	check_walk(v, "alexnet word2vec atlas-robot gan wavenet", "wavenet gan atlas-robot word2vec alexnet");
	assert_int_equal(dlt_view_rank(v, 8), 4);
	assert_false(dlt_view_contains(v, 10));
	dlt_view_free(v);

	v = view_of(C_ERA, 3, NULL, 2018, 2018);   /* modern, 2018 */
	assert_int_equal(dlt_view_count(v), 2);
	check_walk(v, "gpt bert", "bert gpt");
	dlt_view_free(v);
}

static void test_view_paradigm(void **state)
{
	(void)state;
	struct dlt_view *v = view_of(C_PARADIGM, 2, NULL, 0, 0);   /* generative */
	assert_int_equal(dlt_view_count(v), 4);
	check_walk(v, "gan wavenet gpt chatgpt", "chatgpt gpt wavenet gan");
	assert_int_equal(dlt_view_rank(v, 12), 3);
	dlt_view_free(v);

	v = view_of(C_PARADIGM, 1, NULL, 0, 0);   /* supervised */
	assert_int_equal(dlt_view_count(v), 6);
	check_walk(v, "perceptron backprop lstm lenet alexnet transformer",
		   "transformer alexnet lenet lstm backprop perceptron");
	dlt_view_free(v);
}

static void test_view_kind(void **state)
{
	(void)state;
	struct dlt_view *v = view_of(C_KIND, 0, "model", 0, 0);
	assert_int_equal(dlt_view_count(v), 5);
	check_walk(v, "alexnet wavenet gpt bert atlas-rag", "atlas-rag bert gpt wavenet alexnet");
	assert_int_equal(dlt_view_rank(v, 11), 3);
	assert_string_equal(dlt_view_filter(v)->kinds[0], "model");
	dlt_view_free(v);

	v = view_of(C_KIND, 0, "hardware", 1950, 2000);
	assert_int_equal(dlt_view_count(v), 1);
	check_walk(v, "perceptron", "perceptron");
	dlt_view_free(v);

	v = view_of(C_KIND, 0, "dataset", 0, 0);
	assert_int_equal(dlt_view_count(v), 0);
	check_walk(v, "", "");
	dlt_view_free(v);
}

static void test_filter_copy_and_clear(void **state)
{
	(void)state;
	struct dlt_filter a = {.label = xstrdup("kind: paper"), .year_from = 1990, .year_to = 2000};
	dlt_filter_add_kind(&a, "paper");
	dlt_filter_add_kind(&a, "paper");   /* once only */
	assert_int_equal(a.nkinds, 1);
	struct dlt_filter b;
	dlt_filter_copy(&b, &a);
	assert_ptr_not_equal(b.kinds[0], a.kinds[0]);
	assert_string_equal(b.kinds[0], "paper");
	assert_string_equal(b.label, "kind: paper");
	assert_int_equal(b.year_from, 1990);
	dlt_filter_clear(&a);
	assert_true(dlt_filter_is_empty(&a));
	assert_null(a.kinds);
	/* the view owns its own copy */
	struct dlt_view *v = dlt_view_new(db, &b);
	dlt_filter_clear(&b);
	assert_int_equal(dlt_view_count(v), 2);   /* papers of 1990-2000: lstm, lenet */
	assert_string_equal(dlt_view_filter(v)->label, "kind: paper");
	dlt_view_free(v);
}

/* ---- filters that stack: every way of reading a view agrees with a brute-force answer ---- */

/* The ids that pass f, found the slow way: every milestone, each criterion on its own view
 * of one criterion (those are checked above). */
static size_t oracle(const struct dlt_filter *f, int64_t *out)
{
	size_t n = 0;
	for (int64_t id = 1; id <= 14; id++) {
		struct dlt_row r = {0};
		assert_int_equal(dlt_row_load(db, id, &r), 0);
		int ok = 1;
		for (const struct dlt_filter *g = f; g && ok; g = g->also) {
			if ((g->year_from && r.year < g->year_from) || (g->year_to && r.year > g->year_to))
				ok = 0;
			int any = !g->ntags;
			for (size_t i = 0; i < g->ntags && !any; i++) {
				struct dlt_view *t = view_of(C_TAG, g->tags[i], NULL, 0, 0);
				any = dlt_view_contains(t, id);
				dlt_view_free(t);
			}
			ok = ok && any;
			any = !g->nkinds;
			for (size_t i = 0; i < g->nkinds; i++)
				any |= strcmp(r.kind, g->kinds[i]) == 0;
			ok = ok && any;
			any = !g->neras;
			for (size_t i = 0; i < g->neras; i++)
				any |= r.era == g->eras[i];
			ok = ok && any;
			if (g->only_ids) {
				any = 0;
				for (size_t i = 0; i < g->nids; i++)
					any |= g->ids[i] == id;
				ok = ok && any;
			}
		}
		if (ok)
			out[n++] = id;
		dlt_row_clear(&r);
	}
	return n;
}

/* View f, fetched in pages both ways, counted, ranked and asked row by row, in one go and
 * after walking its matches a slice at a time, agrees with the oracle. */
static void check_compound(const struct dlt_filter *f)
{
	int64_t want[14];
	size_t nw = oracle(f, want);
	for (int slices = 0; slices < 2; slices++) {
		struct dlt_view *v = dlt_view_new(db, f);
		if (slices)
			while (dlt_view_progress(v, 2) == 0)   /* two rows a slice */
				;
		struct dlt_row rows[16];
		size_t n = dlt_view_fetch(v, 0, 1, 16, rows);
		assert_int_equal(n, nw);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(rows[i].id, want[i]);
			assert_int_equal(dlt_view_rank(v, rows[i].id), (int64_t)i + 1);
			dlt_row_clear(&rows[i]);
		}
		n = dlt_view_fetch(v, INT64_MAX, -1, 16, rows);
		assert_int_equal(n, nw);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(rows[i].id, want[nw - 1 - i]);
			dlt_row_clear(&rows[i]);
		}
		assert_int_equal(dlt_view_count(v), (int64_t)nw);
		for (int64_t id = 1, k = 0; id <= 14; id++) {
			int in = k < (int64_t)nw && want[k] == id;
			assert_int_equal(dlt_view_contains(v, id), in);
			k += in;
		}
		assert_int_equal(dlt_view_empty(v), nw == 0);
		dlt_view_free(v);
	}
}

static void test_view_compound(void **state)
{
	(void)state;
	struct dlt_filter f = {0};
	dlt_filter_add_tag(&f, 1);                /* cnn or robotics */
	dlt_filter_add_tag(&f, 5);
	check_compound(&f);
	dlt_filter_add_kind(&f, "model");         /* ... and a model: alexnet */
	check_compound(&f);
	dlt_filter_clear(&f);
	dlt_filter_add_tag(&f, 2);                /* nlp, a paper or a model, 2000-2018 */
	dlt_filter_add_kind(&f, "paper");
	dlt_filter_add_kind(&f, "model");
	f.year_from = 2000;
	f.year_to = 2018;
	check_compound(&f);
	dlt_filter_clear(&f);
	dlt_filter_add_era(&f, 2);                /* era deep or modern, with a chosen few */
	dlt_filter_add_era(&f, 3);
	int64_t chosen[] = {14, 3, 8, 8, 99};     /* any order, repeats and an id not there */
	dlt_filter_set_ids(&f, chosen, 5);
	check_compound(&f);
	struct dlt_filter also = {0};             /* and, chained: tag gen */
	dlt_filter_add_tag(&also, 4);
	dlt_filter_and(&f, &also);
	check_compound(&f);
	dlt_filter_clear(&also);
	dlt_filter_clear(&f);
	int64_t none[] = {0};
	dlt_filter_set_ids(&f, none, 0);          /* bookmarked only, with no bookmark */
	check_compound(&f);
	dlt_filter_clear(&f);
}

static void test_filter_merge_describe(void **state)
{
	(void)state;
	struct dlt_filter a = {0}, b = {.year_from = 2012};
	dlt_filter_add_tag(&a, 1);
	dlt_filter_add_tag(&b, 1);
	dlt_filter_add_tag(&b, 3);
	dlt_filter_add_kind(&b, "paper");
	dlt_filter_merge(&a, &b);
	assert_int_equal(a.ntags, 2);
	assert_int_equal(a.nkinds, 1);
	assert_int_equal(a.year_from, 2012);
	struct strbuf d = {0};
	dlt_filter_describe(db, &a, &d);
	assert_string_equal(sb_str(&d), "tags CNN or Computer vision, kind paper, from 2012");
	sb_free(&d);
	assert_false(dlt_filter_is_empty(&a));
	dlt_filter_clear(&a);
	dlt_filter_clear(&b);
	assert_true(dlt_filter_is_empty(&a));
}

/* ---- years, periods, summary ---------------------------------------------------------------- */

static void test_years(void **state)
{
	(void)state;
	struct dlt_year y;
	assert_int_equal(dlt_year_near(db, 2013, 1, &y), 1);
	assert_int_equal(y.year, 2013);
	assert_int_equal(y.first_id, 6);
	assert_int_equal(y.count, 2);
	assert_int_equal(dlt_year_near(db, 2015, 1, &y), 1);
	assert_int_equal(y.year, 2016);
	assert_int_equal(y.first_id, 9);
	assert_int_equal(dlt_year_near(db, 2013, -1, &y), 1);   /* strictly before */
	assert_int_equal(y.year, 2012);
	assert_int_equal(y.first_id, 5);
	assert_int_equal(dlt_year_near(db, 1958, -1, &y), 0);
	assert_int_equal(dlt_year_near(db, 2023, 1, &y), 0);
	struct dlt_year *all;
	size_t n = dlt_years_all(db, &all);
	assert_int_equal(n, 11);
	assert_int_equal(all[0].year, 1958);
	assert_int_equal(all[10].year, 2022);
	assert_int_equal(all[10].first_id, 13);
	assert_int_equal(all[10].count, 2);
	int64_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += all[i].count;
	assert_int_equal(total, 14);
	free(all);
}

static void test_periods(void **state)
{
	(void)state;
	struct dlt_period *p;
	size_t n = dlt_periods_load(db, DLT_ERAS, &p);
	assert_int_equal(n, 3);
	assert_int_equal(p[0].id, 1);
	assert_string_equal(p[0].slug, "early");
	assert_string_equal(p[0].name, "Early Days");
	assert_int_equal(p[0].start, 1940);
	assert_int_equal(p[0].end, 1999);
	assert_string_equal(p[0].summary, "Perceptrons, backpropagation and the first convolutional networks.");
	assert_string_equal(p[2].slug, "modern");
	assert_int_equal(p[2].start, 2017);
	assert_int_equal(p[2].end, 0);   /* open-ended */
	dlt_periods_free(p, n);

	n = dlt_periods_load(db, DLT_PARADIGMS, &p);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].slug, "supervised");
	assert_null(p[0].summary);
	assert_int_equal(p[0].end, 2017);
	assert_string_equal(p[1].slug, "generative");
	assert_string_equal(p[1].summary, "Models that produce data.");
	dlt_periods_free(p, n);

	n = dlt_periods_load(db, DLT_TAGS, &p);
	assert_int_equal(n, 6);
	static const char *const slugs[] = {"cnn", "nlp", "vision", "gen", "robotics", "unused"};
	static const int64_t counts[] = {2, 7, 5, 3, 1, 0};
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(p[i].id, (int64_t)i + 1);
		assert_string_equal(p[i].slug, slugs[i]);
		assert_int_equal(p[i].count, counts[i]);
	}
	assert_string_equal(p[1].name, "Language");
	dlt_periods_free(p, n);
}

static void test_summary(void **state)
{
	(void)state;
	struct dlt_summary s;
	assert_int_equal(dlt_summary_load(db, &s), 0);
	assert_string_equal(s.title, "Mini Timeline");
	assert_int_equal(s.count, 14);
	assert_int_equal(s.first_year, 1958);
	assert_int_equal(s.last_year, 2022);
	dlt_summary_clear(&s);
	assert_null(s.title);
}

/* ---- lookup --------------------------------------------------------------------------------- */

/* Look name up; return the ids found as "a b c" (chronological) and the count. */
static void check_lookup(const char *name, int want_n, const char *want_ids)
{
	int64_t ids[50];
	int n = dlt_lookup(db, name, ids, 50);
	if (n != want_n)
		fail_msg("lookup(\"%s\") = %d, want %d", name, n, want_n);
	struct strbuf sb = {0};
	for (int i = 0; i < n; i++)
		sb_addf(&sb, "%s%lld", i ? " " : "", (long long)ids[i]);
	if (strcmp(sb_str(&sb), want_ids) != 0)
		fail_msg("lookup(\"%s\") = [%s], want [%s]", name, sb_str(&sb), want_ids);
	sb_free(&sb);
}

static void test_lookup(void **state)
{
	(void)state;
	check_lookup("transformer", 1, "10");                 /* id (and short name) */
	check_lookup("TRANSFORMER", 1, "10");
	check_lookup("lenet", 1, "4");                        /* id only */
	check_lookup("LeNet-5", 1, "4");                      /* short name */
	check_lookup("lenet-5", 1, "4");
	check_lookup("Generative adversarial NETWORKS", 1, "8");   /* title */
	check_lookup("AIAYN", 1, "10");                       /* alias */
	check_lookup("attention is all you need", 1, "10");   /* alias (and paper title) */
	check_lookup("Mark I Perceptron", 1, "1");
	check_lookup("error BACKPROPAGATION", 1, "2");
	check_lookup("atlas", 2, "7 13");                     /* ambiguous: both, in timeline order */
	check_lookup("Atlas", 2, "7 13");
	check_lookup("atlas-rag", 1, "13");
	check_lookup("gpt", 1, "11");                         /* not chatgpt */
	check_lookup("gpt-1", 1, "11");
	check_lookup("nothing", 0, "");
	check_lookup("", 0, "");
	check_lookup("transformer ", 1, "10");                /* names compare as keys: no spaces, */
	check_lookup("Trans-Former", 1, "10");                /* case or punctuation */
	check_lookup("gpt1", 1, "11");
	check_lookup("trans", 0, "");                         /* but no prefix matching */
	check_lookup("' OR 1=1 --", 0, "");
	check_lookup("%", 0, "");

	/* more matches than room: the count is still right */
	int64_t one[1] = {0};
	assert_int_equal(dlt_lookup(db, "atlas", one, 1), 2);
	assert_int_equal(one[0], 7);

	assert_int_equal(dlt_id_by_slug(db, "gan"), 8);
	assert_int_equal(dlt_id_by_slug(db, "GAN"), 0);       /* exact slug only */
	assert_int_equal(dlt_id_by_slug(db, "nope"), 0);
}

/* ---- links and milestones ------------------------------------------------------------------------ */

static void test_links(void **state)
{
	(void)state;
	struct dlt_link *l;
	size_t n = dlt_links_load(db, 10, 1, &l);   /* what the Transformer builds on, by date */
	assert_int_equal(n, 2);
	assert_string_equal(l[0].other.slug, "lstm");
	assert_int_equal(l[0].other.id, 3);
	assert_string_equal(l[0].kind, "builds_on");
	assert_string_equal(l[0].note, "replaces the recurrent encoder-decoder");
	assert_string_equal(l[1].other.slug, "word2vec");
	assert_string_equal(l[1].note, "token embeddings");
	dlt_links_free(l, n);

	n = dlt_links_load(db, 10, -1, &l);   /* what builds on it, in timeline order */
	assert_int_equal(n, 2);
	assert_string_equal(l[0].other.slug, "gpt");
	assert_string_equal(l[0].note, "a decoder-only Transformer");
	assert_string_equal(l[1].other.slug, "bert");
	dlt_links_free(l, n);

	n = dlt_links_load(db, 5, 1, &l);     /* AlexNet: in timeline order, not the data's */
	assert_int_equal(n, 2);
	assert_string_equal(l[0].other.slug, "backprop");
	assert_string_equal(l[1].other.slug, "lenet");
	dlt_links_free(l, n);

	n = dlt_links_load(db, 2, -1, &l);    /* backprop led to five */
	assert_int_equal(n, 5);
	static const char *const led[] = {"lstm", "lenet", "alexnet", "word2vec", "gan"};
	for (size_t i = 0; i < n; i++)
		assert_string_equal(l[i].other.slug, led[i]);
	dlt_links_free(l, n);

	n = dlt_links_load(db, 1, 1, &l);     /* a root */
	assert_int_equal(n, 0);
	dlt_links_free(l, n);
	n = dlt_links_load(db, 14, -1, &l);   /* a leaf */
	assert_int_equal(n, 0);
	dlt_links_free(l, n);
	n = dlt_links_load(db, 999, 1, &l);   /* no such milestone */
	assert_int_equal(n, 0);
	dlt_links_free(l, n);
}

static void test_milestone_load_full(void **state)
{
	(void)state;
	struct dlt_milestone m;
	assert_int_equal(dlt_milestone_load(db, 10, &m), 0);
	assert_string_equal(m.row.slug, "transformer");
	assert_string_equal(m.row.title, "Transformer: attention is all you need");
	assert_int_equal(m.row.year, 2017);
	assert_int_equal(m.row.month, 6);
	assert_int_equal(m.nauthors, 8);
	assert_string_equal(m.authors[0], "Ashish Vaswani");
	assert_string_equal(m.authors[6], "\xc5\x81ukasz Kaiser");
	assert_int_equal(m.author_count, 0);
	assert_string_equal(m.organization, "Google Brain");
	assert_string_equal(m.venue, "NIPS 2017");
	assert_string_equal(m.paper_title, "Attention Is All You Need");
	assert_string_equal(m.arxiv, "1706.03762");
	assert_null(m.doi);
	assert_null(m.url);
	assert_string_equal(m.era_name, "Modern Times");
	assert_string_equal(m.paradigm_name, "Supervised learning");
	assert_string_equal(m.summary, "Self-attention replaces recurrence for sequence transduction.");
	assert_string_equal(m.problem, "Recurrent networks process tokens one at a time and cannot be parallelised.");
	assert_string_equal(m.insight, "Let every position attend to every other position directly.");
	assert_string_equal(m.impact, "The architecture behind nearly every large model since.");
	assert_string_equal(m.formula, "Attention(Q, K, V) = softmax(QK\xe1\xb5\x80/\xe2\x88\x9a" "d\xe2\x82\x96)V");
	assert_null(m.architecture);
	assert_null(m.anecdote);
	assert_int_equal(m.nfigures, 0);
	assert_true(m.parameters == 0);
	assert_true(m.training_compute == 0);
	assert_null(m.scale_source);
	assert_int_equal(m.root, 0);
	assert_int_equal(m.ntags, 1);
	assert_string_equal(m.tags[0].slug, "nlp");
	assert_string_equal(m.tags[0].name, "Language");
	assert_int_equal(m.naliases, 2);
	assert_string_equal(m.aliases[0], "Attention Is All You Need");
	assert_string_equal(m.aliases[1], "AIAYN");
	assert_int_equal(m.nbuilds_on, 2);
	assert_string_equal(m.builds_on[0].other.slug, "lstm");
	assert_int_equal(m.nled_to, 2);
	assert_string_equal(m.led_to[1].other.slug, "bert");
	dlt_milestone_clear(&m);
	assert_null(m.authors);
	assert_null(m.row.slug);
}

static void test_milestone_load_other_fields(void **state)
{
	(void)state;
	struct dlt_milestone m;
	assert_int_equal(dlt_milestone_load(db, 5, &m), 0);   /* alexnet: scale and figures */
	assert_true(m.parameters == 6.0e7);
	assert_true(m.training_compute == 4.7e17);
	assert_string_equal(m.scale_source, "Krizhevsky et al. 2012");
	assert_int_equal(m.nfigures, 2);
	assert_string_equal(m.figures[0].text, "ILSVRC-2012 top-5 error: 15.3% vs 26.2%");
	assert_string_equal(m.url, "https://papers.nips.cc/paper/4824");
	assert_int_equal(m.ntags, 2);
	assert_string_equal(m.tags[0].slug, "cnn");
	assert_string_equal(m.tags[1].slug, "vision");
	dlt_milestone_clear(&m);

	assert_int_equal(dlt_milestone_load(db, 9, &m), 0);   /* wavenet: truncated author list */
	assert_int_equal(m.nauthors, 3);
	assert_int_equal(m.author_count, 9);
	assert_string_equal(m.authors[0], "A\xc3\xa4ron van den Oord");
	dlt_milestone_clear(&m);

	assert_int_equal(dlt_milestone_load(db, 6, &m), 0);   /* word2vec: no month, no paradigm */
	assert_int_equal(m.row.month, 0);
	assert_int_equal(m.row.paradigm, 0);
	assert_null(m.paradigm_name);
	assert_string_equal(m.era_name, "Deep Learning");
	assert_int_equal(m.naliases, 0);
	assert_null(m.problem);
	dlt_milestone_clear(&m);

	assert_int_equal(dlt_milestone_load(db, 1, &m), 0);   /* perceptron: a root with an anecdote */
	assert_int_equal(m.root, 1);
	assert_string_equal(m.row.kind, "hardware");
	assert_string_equal(m.anecdote, "The New York Times said it would one day walk, talk and be conscious.");
	assert_int_equal(m.nbuilds_on, 0);
	assert_int_equal(m.nled_to, 1);
	dlt_milestone_clear(&m);

	assert_int_equal(dlt_milestone_load(db, 7, &m), 0);   /* atlas-robot: no authors at all */
	assert_int_equal(m.nauthors, 0);
	assert_string_equal(m.organization, "Boston Dynamics");
	dlt_milestone_clear(&m);

	/* no such milestone: -1, and not a database error */
	assert_int_equal(dlt_milestone_load(db, 0, &m), -1);
	assert_int_equal(dlt_milestone_load(db, 15, &m), -1);
	assert_false(dlt_db_failed(db));
	struct dlt_row r;
	assert_int_equal(dlt_row_load(db, 15, &r), -1);
	assert_int_equal(dlt_row_load(db, 14, &r), 0);
	assert_string_equal(r.slug, "chatgpt");
	dlt_row_clear(&r);
}

/* ---- detail fields (the layout shared by `show` and the detail pane) -------------------------- */

static const char *field(const struct dlt_field *f, size_t n, const char *label)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].label, label) == 0)
			return f[i].value;
	return NULL;
}

static void test_detail_fields(void **state)
{
	(void)state;
	struct dlt_milestone m;
	struct dlt_field *f;
	assert_int_equal(dlt_milestone_load(db, 9, &m), 0);   /* wavenet */
	size_t n = dlt_detail_fields(&m, &f);
	assert_string_equal(f[0].label, "Date");
	assert_string_equal(f[0].value, "2016-09  (model)");
	assert_string_equal(field(f, n, "Authors"),
			    "A\xc3\xa4ron van den Oord, Sander Dieleman, Heiga Zen and 6 more (9 authors)");
	assert_string_equal(field(f, n, "Paradigm"), "Generative modelling");
	assert_null(field(f, n, "Venue"));          /* absent fields are skipped */
	assert_null(field(f, n, "Problem"));
	dlt_fields_free(f, n);
	dlt_milestone_clear(&m);

	assert_int_equal(dlt_milestone_load(db, 5, &m), 0);   /* alexnet */
	n = dlt_detail_fields(&m, &f);
	assert_string_equal(field(f, n, "Scale"),
			    "60M parameters, 4.7e17 FLOP of training compute (source: Krizhevsky et al. 2012)");
	assert_string_equal(field(f, n, "Tags"), "CNN, Computer vision");
	assert_string_equal(field(f, n, "Also known as"), "SuperVision");
	assert_string_equal(field(f, n, "Key figures"),
			    "ILSVRC-2012 top-5 error: 15.3% vs 26.2%\nParameters: 60 million");
	/* reading order: the line fields, then the paragraphs */
	static const char *const order[] = {"Date", "Authors", "Organization", "Venue", "Paper", "URL", "Era",
					    "Paradigm", "Tags", "Also known as", "Scale", "Summary", "Problem",
					    "Insight", "Impact", "Key figures"};
	assert_int_equal(n, sizeof order / sizeof order[0]);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(f[i].label, order[i]);
	assert_int_equal(f[11].style, DLT_FS_PARAGRAPH);
	assert_int_equal(f[15].style, DLT_FS_LIST);
	char *link = dlt_milestone_link(&m);
	assert_string_equal(link, "https://papers.nips.cc/paper/4824");   /* url first */
	free(link);
	dlt_fields_free(f, n);
	dlt_milestone_clear(&m);

	assert_int_equal(dlt_milestone_load(db, 10, &m), 0);
	link = dlt_milestone_link(&m);
	assert_string_equal(link, "https://arxiv.org/abs/1706.03762");     /* then arXiv */
	free(link);
	dlt_milestone_clear(&m);
	assert_int_equal(dlt_milestone_load(db, 2, &m), 0);
	link = dlt_milestone_link(&m);
	assert_string_equal(link, "https://doi.org/10.1038/323533a0");     /* then the DOI */
	free(link);
	dlt_milestone_clear(&m);
	assert_int_equal(dlt_milestone_load(db, 11, &m), 0);
	assert_null(dlt_milestone_link(&m));                                /* gpt: none */
	dlt_milestone_clear(&m);
}

static void test_format_helpers(void **state)
{
	(void)state;
	char buf[32];
	dlt_format_date(2017, 6, buf, sizeof buf);
	assert_string_equal(buf, "2017-06");
	dlt_format_date(2013, 0, buf, sizeof buf);
	assert_string_equal(buf, "2013");
	dlt_format_date(1958, 13, buf, sizeof buf);
	assert_string_equal(buf, "1958");
	static const struct { double v; int flop; const char *want; } q[] = {
		{1.75e11, 0, "175B"}, {6.0e7, 0, "60M"}, {1.5e9, 0, "1.5B"}, {1500, 0, "1.5K"},
		{999, 0, "999"}, {2.5e12, 0, "2.5T"}, {1.2e15, 0, "1.2e15"}, {3.14e23, 1, "3.1e23"},
		{4.7e17, 1, "4.7e17"}, {1e3, 1, "1.0e3"},
	};
	for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
		dlt_format_quantity(q[i].v, q[i].flop, buf, sizeof buf);
		if (strcmp(buf, q[i].want) != 0)
			fail_msg("format_quantity(%g, %d) = \"%s\", want \"%s\"", q[i].v, q[i].flop, buf, q[i].want);
	}
}

#define T(f) cmocka_unit_test_teardown(f, check_no_error)

int main(int argc, char **argv)
{
	tu_filter(argc, argv);
	const struct CMUnitTest tests[] = {
		T(test_view_everything),
		T(test_view_row_fields),
		T(test_view_year_range),
		T(test_view_tag),
		T(test_view_era),
		T(test_view_paradigm),
		T(test_view_kind),
		T(test_filter_copy_and_clear),
		T(test_view_compound),
		T(test_filter_merge_describe),
		T(test_years),
		T(test_periods),
		T(test_summary),
		T(test_lookup),
		T(test_links),
		T(test_milestone_load_full),
		T(test_milestone_load_other_fields),
		T(test_detail_fields),
		T(test_format_helpers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
