/*
 * test_vocab.c -- the vocabulary of core/vocab.h and the schema agree: every kind of
 * milestone and every venue type the program knows is accepted by the schema's CHECK
 * constraints and nothing else is, and the schema's year bounds are DLT_YEAR_MIN..MAX.
 * The schema is the one embedded in the program (schema/schema.sql).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "import/schema_text.h"
#include "testutil.h"

static sqlite3 *h;

static int setup(void **state)
{
	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
	char *err = NULL;
	if (sqlite3_exec(h, dlt_schema_sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("schema: %s", err);
	assert_int_equal(sqlite3_exec(h, "INSERT INTO eras (id, slug, name, start) VALUES (1, 'e', 'E', 1900)",
				      NULL, NULL, NULL), SQLITE_OK);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sqlite3_close(h);
	return 0;
}

/* Insert a milestone with kind, venue type and year; returns the SQLite result code. */
static int insert(const char *kind, const char *venue_type, int year)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h, "INSERT INTO milestones (slug, year, title, kind, venue_type, era, "
					    "summary) VALUES ('x', ?3, 'T', ?1, ?2, 1, 'S')", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	if (venue_type)
		sqlite3_bind_text(st, 2, venue_type, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, year);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	sqlite3_exec(h, "DELETE FROM milestones", NULL, NULL, NULL);
	return rc;
}

static void test_kinds(void **state)
{
	(void)state;
	int n = 0;
	for (int k = DLT_KIND_NONE + 1; k < DLT_KIND__END; k++, n++) {
		const char *name = dlt_kind_name((enum dlt_kind)k);
		if (insert(name, NULL, 2000) != SQLITE_DONE)
			fail_msg("the schema refuses kind '%s' of core/vocab.h", name);
		assert_int_equal(dlt_kind_parse(name), k);
	}
	assert_int_equal(n, DLT_KIND__COUNT);
	/* and nothing else: the schema's list is no longer than ours */
	assert_int_equal(insert("poem", NULL, 2000), SQLITE_CONSTRAINT);
	assert_int_equal(insert("Paper", NULL, 2000), SQLITE_CONSTRAINT);
	assert_int_equal(dlt_kind_parse("poem"), DLT_KIND_NONE);
}

static void test_venue_types(void **state)
{
	(void)state;
	for (int v = DLT_VENUE_NONE + 1; v < DLT_VENUE__END; v++) {
		const char *name = dlt_venue_type_name((enum dlt_venue_type)v);
		if (insert("paper", name, 2000) != SQLITE_DONE)
			fail_msg("the schema refuses venue type '%s' of core/vocab.h", name);
		assert_int_equal(dlt_venue_type_parse(name), v);
	}
	assert_int_equal(insert("paper", "blog", 2000), SQLITE_CONSTRAINT);
}

static void test_year_range(void **state)
{
	(void)state;
	assert_int_equal(insert("paper", NULL, DLT_YEAR_MIN), SQLITE_DONE);
	assert_int_equal(insert("paper", NULL, DLT_YEAR_MAX), SQLITE_DONE);
	assert_int_equal(insert("paper", NULL, DLT_YEAR_MIN - 1), SQLITE_CONSTRAINT);
	assert_int_equal(insert("paper", NULL, DLT_YEAR_MAX + 1), SQLITE_CONSTRAINT);
	/* every year bound of the schema is the same pair */
	char want[64];
	snprintf(want, sizeof want, "BETWEEN %d AND %d", DLT_YEAR_MIN, DLT_YEAR_MAX);
	int same = 0, any = 0;
	for (const char *p = dlt_schema_sql; (p = strstr(p, "BETWEEN ")) != NULL; p++) {
		if (atoi(p + 8) < 1000)
			continue;   /* a month, not a year */
		any++;
		same += strncmp(p, want, strlen(want)) == 0;
	}
	assert_true(any >= 5);
	assert_int_equal(same, any);
}

int main(int argc, char **argv)
{
	tu_filter(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_venue_types),
		cmocka_unit_test(test_year_range),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
