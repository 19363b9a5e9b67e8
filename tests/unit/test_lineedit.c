/*
 * test_lineedit.c -- the prompts' line editor (tui/lineedit.c): editing as readline does,
 * text set from outside (a search from history, an export name from the database) kept to
 * what the terminal can show, and the view of a narrow field. The fuzz harness
 * (tests/fuzz/fuzz_lineedit.c) checks the same against a model on random programs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tui/lineedit.h"

static void type(struct lineedit *e, const char *ascii)
{
	for (const char *p = ascii; *p; p++)
		assert_int_equal(lineedit_insert(e, (unsigned char)*p), 1);
}

static void test_words_and_kills(void **state)
{
	(void)state;
	struct lineedit e = {0};
	type(&e, "deep belief-nets");
	assert_int_equal(lineedit_do(&e, LE_WORD_LEFT), 0);
	assert_int_equal(e.cur, strlen("deep belief-"));
	assert_int_equal(lineedit_do(&e, LE_WORD_LEFT), 0);
	assert_int_equal(e.cur, strlen("deep "));
	assert_int_equal(lineedit_do(&e, LE_KILL_WORD), 1);   /* "deep " goes */
	assert_string_equal(e.buf, "belief-nets");
	assert_int_equal(e.cur, 0);
	assert_int_equal(lineedit_do(&e, LE_KILL_START), 0);   /* nothing before the cursor */
	assert_int_equal(lineedit_do(&e, LE_WORD_RIGHT), 0);
	assert_int_equal(lineedit_do(&e, LE_KILL_END), 1);
	assert_string_equal(e.buf, "belief");
	assert_int_equal(lineedit_do(&e, LE_BACKSPACE), 1);
	assert_int_equal(lineedit_do(&e, LE_HOME), 0);
	assert_int_equal(lineedit_do(&e, LE_DELETE), 1);
	assert_string_equal(e.buf, "elie");
}

static void test_characters(void **state)
{
	(void)state;
	struct lineedit e = {.limit = 5};
	assert_int_equal(lineedit_insert(&e, 0x1B), 0);      /* ESC */
	assert_int_equal(lineedit_insert(&e, 0x85), 0);      /* a C1 control */
	assert_int_equal(lineedit_insert(&e, 0x202E), 0);    /* a bidi override */
	assert_int_equal(lineedit_insert(&e, 0xD800), 0);    /* a surrogate */
	assert_int_equal(lineedit_insert(&e, 0x110000), 0);  /* not a code point */
	assert_int_equal(lineedit_insert(&e, 0x4E2D), 1);    /* 中: 3 bytes */
	assert_int_equal(lineedit_insert(&e, 0xE9), 1);      /* é: 2 bytes, the limit */
	assert_int_equal(lineedit_insert(&e, 'x'), 0);       /* full */
	assert_int_equal(lineedit_do(&e, LE_LEFT), 0);
	assert_int_equal(e.cur, 3);                          /* by a whole character */
	assert_int_equal(lineedit_do(&e, LE_BACKSPACE), 1);
	assert_string_equal(e.buf, "\xC3\xA9");
}

static void test_set_keeps_what_the_line_takes(void **state)
{
	(void)state;
	struct lineedit e = {.limit = 8};
	/* escape sequences, invalid bytes, a C1 control and a bidi override left out */
	lineedit_set(&e, "a\x1b[31mb\xff\xc2\x85" "c\xe2\x80\xae" "d");
	assert_string_equal(e.buf, "a[31mbcd");
	assert_int_equal(e.cur, e.len);
	/* cut at the limit on a character, a rejected character at the edge not mistaken for it */
	lineedit_set(&e, "abcdefg\x01\xc3\xa9h");
	assert_string_equal(e.buf, "abcdefg");
	lineedit_set(&e, "abcdef\x01\xc3\xa9h");
	assert_string_equal(e.buf, "abcdef\xc3\xa9");
}

static void test_view(void **state)
{
	(void)state;
	struct lineedit e = {0};
	lineedit_set(&e, "0123456789");
	size_t from = 0;
	assert_int_equal(lineedit_view(&e, 4, &from), 3);   /* "789" and the cursor's cell */
	assert_int_equal(from, 7);
	lineedit_do(&e, LE_HOME);
	assert_int_equal(lineedit_view(&e, 4, &from), 0);
	assert_int_equal(from, 0);
	/* the text changes under the view: it starts on a character again */
	lineedit_set(&e, "\xc3\xa9\xc3\xa9\xc3\xa9");
	from = 3;   /* inside the second é */
	lineedit_view(&e, 80, &from);
	assert_int_equal(from, 0);
	from = 3;
	assert_int_equal(lineedit_view(&e, 2, &from), 1);
	assert_int_equal(from, 4);
	/* wide characters in a field of one column: the cursor alone */
	lineedit_set(&e, "\xe4\xb8\xad\xe4\xb8\xad");
	assert_int_equal(lineedit_view(&e, 1, &from), 0);
	assert_int_equal(from, e.len);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_and_kills),
		cmocka_unit_test(test_characters),
		cmocka_unit_test(test_set_keeps_what_the_line_takes),
		cmocka_unit_test(test_view),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
