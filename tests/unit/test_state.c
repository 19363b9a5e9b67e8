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
#include <sqlite3.h>
#include <stdio.h>
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

/* A browser started while another process holds the file's lock (a CLI writer, a second
 * browser mid-commit) once said "bookmarks are off" for its whole session: the state now
 * opens, reads as empty while the lock is held, and is read as it is once it is free. */
static void test_locked_at_start(void **state)
{
	(void)state;
	char *path = tu_path(dir, "locked.db");
	struct dlt_state *a = open_ok(path, "built-in");
	assert_int_equal(dlt_bookmark_set(a, "alexnet", 1), 0);
	dlt_state_close(a);

	sqlite3 *other = NULL;
	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);
	struct dlt_state *b = open_ok(path, "built-in");
	assert_int_equal(dlt_bookmark_has(b, "alexnet"), 0);          /* not readable yet */
	assert_int_equal(dlt_bookmark_set(b, "perceptron", 0), -1);   /* says so, no silent no-op */
	if (!strstr(dlt_state_error(b), "locked"))
		fail_msg("error: %s", dlt_state_error(b));
	assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);

	char **slugs;
	size_t n = dlt_bookmarks_list(b, &slugs);
	assert_int_equal(n, 1);
	assert_string_equal(slugs[0], "alexnet");
	dlt_bookmarks_free(slugs, n);
	assert_int_equal(dlt_bookmark_has(b, "alexnet"), 1);
	assert_int_equal(dlt_bookmark_set(b, "perceptron", 1), 0);
	assert_int_equal(dlt_bookmark_has(b, "perceptron"), 1);
	dlt_state_close(b);
	free(path);
}

/* A state file replaced by rename while open (a sync tool, a restore): the next change goes
 * to the new file, where "m" once failed with "attempt to write a readonly database" for
 * the rest of the session. */
static void test_replaced_by_rename(void **state)
{
	(void)state;
	char *path = tu_path(dir, "moved.db"), *fresh = tu_path(dir, "moved.db.new");
	struct dlt_state *a = open_ok(path, "built-in");
	assert_int_equal(dlt_bookmark_set(a, "alexnet", 1), 0);
	struct dlt_state *b = open_ok(fresh, "built-in");
	assert_int_equal(dlt_bookmark_set(b, "perceptron", 1), 0);
	dlt_state_close(b);
	assert_int_equal(rename(fresh, path), 0);

	if (dlt_bookmark_set(a, "bert", 1) != 0)
		fail_msg("after the rename: %s", dlt_state_error(a));
	char **slugs;
	size_t n = dlt_bookmarks_list(a, &slugs);
	assert_int_equal(n, 2);   /* the new file's, and the one just added */
	assert_string_equal(slugs[0], "bert");
	assert_string_equal(slugs[1], "perceptron");
	dlt_bookmarks_free(slugs, n);
	assert_int_equal(dlt_searches_add(a, "attention"), 0);
	dlt_state_close(a);
	b = open_ok(path, "built-in");
	assert_int_equal(dlt_bookmark_has(b, "bert"), 1);
	assert_int_equal(dlt_bookmark_has(b, "alexnet"), 0);
	dlt_state_close(b);
	free(fresh);
	free(path);
}

/* The XDG base directory spec: a relative $XDG_STATE_HOME is ignored (it would put the
 * bookmarks under whatever folder the browser was started in). */
static void test_relative_xdg(void **state)
{
	(void)state;
	struct strbuf sb = {0};
	setenv("HOME", "/home/someone", 1);
	setenv("XDG_STATE_HOME", "relative/state", 1);
	assert_int_equal(dlt_state_path(&sb), 0);
	assert_string_equal(sb_str(&sb), "/home/someone/.local/state/dltimeline/state.db");
	sb_reset(&sb);
	setenv("XDG_STATE_HOME", "/abs/state", 1);
	assert_int_equal(dlt_state_path(&sb), 0);
	assert_string_equal(sb_str(&sb), "/abs/state/dltimeline/state.db");
	sb_reset(&sb);
	setenv("XDG_STATE_HOME", "", 1);
	setenv("HOME", "home", 1);
	assert_int_equal(dlt_state_path(&sb), -1);
	sb_free(&sb);
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
		cmocka_unit_test(test_locked_at_start),
		cmocka_unit_test(test_replaced_by_rename),
		cmocka_unit_test(test_relative_xdg),
		cmocka_unit_test(test_notes_and_order),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
