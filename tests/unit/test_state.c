/*
 * test_state.c -- the bookmarks database (model/state.c): reading writes nothing, the first
 * bookmark creates the file, bookmarks persist per timeline, and a file that is not ours is
 * refused with a one-line reason.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "model/state.h"
#include "testutil.h"

static char *dir;

static int setup(void **state)
{
	(void)state;
	dir = tu_mkdtemp();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_rmtree(dir);
	free(dir);
	return 0;
}

static struct dlt_state *open_ok(const char *path, const char *key)
{
	struct strbuf err = {0};
	struct dlt_state *st = dlt_state_open_at(path, key, &err);
	if (!st)
		fail_msg("open %s: %s", path, sb_str(&err));
	assert_string_equal(sb_str(&err), "");
	sb_free(&err);
	return st;
}

/* No file: no bookmarks, and nothing is created until one is set. */
static void test_reading_writes_nothing(void **state)
{
	(void)state;
	char *sub = tu_path(dir, "lazy"), *path = tu_path(sub, "state.db");
	struct dlt_state *st = open_ok(path, "built-in");
	assert_int_equal(dlt_bookmark_has(st, "transformer"), 0);
	char **slugs;
	assert_int_equal(dlt_bookmarks_list(st, &slugs), 0);
	assert_false(tu_exists(sub));                         /* not even the directory */
	assert_int_equal(dlt_bookmark_set(st, "transformer", 0), 0);   /* removing creates nothing */
	assert_false(tu_exists(sub));
	assert_int_equal(dlt_bookmark_set(st, "transformer", 1), 0);
	assert_true(tu_exists(path));
	assert_int_equal(dlt_bookmark_has(st, "transformer"), 1);
	dlt_state_close(st);
	assert_int_equal(tu_count_entries(sub), 1);           /* no -journal, -wal or -shm left */
	free(path);
	free(sub);
}

/* Bookmarks persist, per timeline, most recent first. */
static void test_persist_per_timeline(void **state)
{
	(void)state;
	char *path = tu_path(dir, "p.db");
	struct dlt_state *a = open_ok(path, "built-in");
	assert_int_equal(dlt_bookmark_set(a, "perceptron", 1), 0);
	assert_int_equal(dlt_bookmark_set(a, "alexnet", 1), 0);
	assert_int_equal(dlt_bookmark_set(a, "alexnet", 1), 0);   /* twice: one bookmark */
	dlt_state_close(a);

	struct tu_snapshot snap;
	tu_snapshot_take(&snap, path);
	a = open_ok(path, "built-in");
	struct dlt_state *b = open_ok(path, "/data/other.db");
	assert_int_equal(dlt_bookmark_has(a, "alexnet"), 1);
	assert_int_equal(dlt_bookmark_has(b, "alexnet"), 0);
	char **slugs;
	size_t n = dlt_bookmarks_list(a, &slugs);
	assert_int_equal(n, 2);
	assert_string_equal(slugs[0], "alexnet");
	assert_string_equal(slugs[1], "perceptron");
	dlt_bookmarks_free(slugs, n);
	dlt_state_close(b);
	dlt_state_close(a);
	tu_snapshot_check(&snap);                             /* reading left the file alone */
	tu_snapshot_free(&snap);

	a = open_ok(path, "built-in");
	assert_int_equal(dlt_bookmark_set(a, "perceptron", 0), 0);
	assert_int_equal(dlt_bookmark_has(a, "perceptron"), 0);
	assert_int_equal(dlt_bookmark_has(a, "alexnet"), 1);
	dlt_state_close(a);
	free(path);
}

/* An empty file is a state database without bookmarks; garbage is refused. */
static void test_empty_and_foreign_files(void **state)
{
	(void)state;
	char *empty = tu_path(dir, "empty.db"), *junk = tu_path(dir, "junk.db");
	tu_write(empty, "", 0);
	struct dlt_state *st = open_ok(empty, "built-in");
	assert_int_equal(dlt_bookmark_has(st, "x"), 0);
	assert_int_equal(dlt_bookmark_set(st, "x", 1), 0);
	assert_int_equal(dlt_bookmark_has(st, "x"), 1);
	dlt_state_close(st);

	static const char text[] = "these are not the bytes of an SQLite database, not at all.......";
	tu_write_str(junk, text);
	struct strbuf err = {0};
	assert_null(dlt_state_open_at(junk, "built-in", &err));
	assert_non_null(strstr(sb_str(&err), junk));
	assert_null(strchr(sb_str(&err), '\n'));
	size_t len;
	char *after = tu_read(junk, &len);
	assert_string_equal(after, text);                     /* and left as it was */
	free(after);
	sb_free(&err);
	free(empty);
	free(junk);
}

/* The slugs and notes of timeline `key`'s bookmarks joined as "slug=note slug ..." into sb. */
static void bookmarks_text(struct dlt_state *st, struct strbuf *sb)
{
	char **slugs, **notes;
	size_t n = dlt_bookmarks_notes(st, &slugs, &notes);
	for (size_t i = 0; i < n; i++)
		sb_addf(sb, "%s%s%s%s", i ? " " : "", slugs[i], notes[i] ? "=" : "", notes[i] ? notes[i] : "");
	dlt_bookmarks_free(slugs, n);
	dlt_bookmarks_free(notes, n);
}

/* Notes: set, replaced, cleared, gone with the bookmark; a note bookmarks. Order: a
 * bookmark moves to any place, the others keep theirs, and another timeline is untouched. */
static void test_notes_and_order(void **state)
{
	(void)state;
	char *path = tu_path(dir, "n.db");
	struct dlt_state *a = open_ok(path, "built-in");
	struct dlt_state *b = open_ok(path, "/data/other.db");
	struct strbuf sb = {0};
	assert_int_equal(dlt_bookmark_move(a, "lstm", 1), 1);   /* not bookmarked: nothing */
	assert_int_equal(dlt_bookmark_set(b, "zeta", 1), 0);
	const char *order[] = {"perceptron", "backprop", "lstm", "alexnet"};
	for (size_t i = 0; i < DLT_ARRAY_LEN(order); i++)
		assert_int_equal(dlt_bookmark_set(a, order[i], 1), 0);
	assert_int_equal(dlt_bookmark_note(a, "lstm", "gates; read \"1997\""), 0);
	assert_int_equal(dlt_bookmark_note(a, "gpt", "new one"), 0);   /* bookmarks it, first */
	bookmarks_text(a, &sb);
	assert_string_equal(sb_str(&sb), "gpt=new one alexnet lstm=gates; read \"1997\" backprop perceptron");
	assert_int_equal(dlt_bookmark_move(a, "perceptron", 1), 0);
	assert_int_equal(dlt_bookmark_move(a, "gpt", 3), 0);
	assert_int_equal(dlt_bookmark_move(a, "alexnet", 99), 0);   /* past the end: last */
	assert_int_equal(dlt_bookmark_note(a, "lstm", "again"), 0);
	assert_int_equal(dlt_bookmark_note(a, "gpt", ""), 0);        /* cleared */
	sb_reset(&sb);
	bookmarks_text(a, &sb);
	assert_string_equal(sb_str(&sb), "perceptron gpt lstm=again backprop alexnet");
	assert_int_equal(dlt_bookmark_set(a, "lstm", 0), 0);
	assert_int_equal(dlt_bookmark_set(a, "lstm", 1), 0);          /* back without its note, first */
	assert_int_equal(dlt_bookmark_set(a, "gpt", 1), 0);           /* already there: stays */
	sb_reset(&sb);
	bookmarks_text(a, &sb);
	assert_string_equal(sb_str(&sb), "lstm perceptron gpt backprop alexnet");
	sb_reset(&sb);
	bookmarks_text(b, &sb);
	assert_string_equal(sb_str(&sb), "zeta");
	sb_free(&sb);
	assert_string_equal(dlt_state_error(a), "");
	dlt_state_close(b);
	dlt_state_close(a);
	free(path);
}

int main(int argc, char **argv)
{
	tu_filter(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reading_writes_nothing),
		cmocka_unit_test(test_persist_per_timeline),
		cmocka_unit_test(test_empty_and_foreign_files),
		cmocka_unit_test(test_notes_and_order),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
