/*
 * test_utf8.c -- core/utf8: decoding, encoding, validation, display widths, word wrapping,
 * sanitising for the terminal and the ASCII fallback.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "testutil.h"

/* ---- decode / encode / validate ---------------------------------------------------------- */

static void check_decode(const char *s, size_t len, uint32_t want_cp, size_t want_n)
{
	uint32_t cp = 0;
	size_t n = utf8_decode(s, len, &cp);
	assert_int_equal(cp, want_cp);
	assert_int_equal(n, want_n);
}

static void test_decode_valid(void **state)
{
	(void)state;
	check_decode("A", 1, 'A', 1);
	check_decode("\x7f", 1, 0x7F, 1);
	check_decode("\xc3\xa9", 2, 0xE9, 2);            /* é */
	check_decode("\xc5\x81ukasz", 7, 0x141, 2);      /* Ł of Łukasz */
	check_decode("\xe2\x82\xac", 3, 0x20AC, 3);      /* € */
	check_decode("\xe4\xb8\xad", 3, 0x4E2D, 3);      /* 中 */
	check_decode("\xf0\x9f\x98\x80", 4, 0x1F600, 4); /* 😀 */
	check_decode("\xf4\x8f\xbf\xbf", 4, 0x10FFFF, 4);
	check_decode("\xc2\x80", 2, 0x80, 2);            /* smallest 2-byte value */
	check_decode("\xe0\xa0\x80", 3, 0x800, 3);       /* smallest 3-byte value */
}

static void test_decode_invalid(void **state)
{
	(void)state;
	check_decode("\x80", 1, UTF8_REPLACEMENT, 1);               /* lone continuation */
	check_decode("\xbf" "abc", 4, UTF8_REPLACEMENT, 1);
	check_decode("\xc0\xaf", 2, UTF8_REPLACEMENT, 1);           /* overlong '/' */
	check_decode("\xc1\xbf", 2, UTF8_REPLACEMENT, 1);
	check_decode("\xe0\x80\xaf", 3, UTF8_REPLACEMENT, 1);       /* overlong 3-byte */
	check_decode("\xf0\x80\x80\xaf", 4, UTF8_REPLACEMENT, 1);   /* overlong 4-byte */
	check_decode("\xed\xa0\x80", 3, UTF8_REPLACEMENT, 1);       /* surrogate D800 */
	check_decode("\xed\xbf\xbf", 3, UTF8_REPLACEMENT, 1);       /* surrogate DFFF */
	check_decode("\xf4\x90\x80\x80", 4, UTF8_REPLACEMENT, 1);   /* 0x110000 */
	check_decode("\xf5\x80\x80\x80", 4, UTF8_REPLACEMENT, 1);
	check_decode("\xff", 1, UTF8_REPLACEMENT, 1);
	check_decode("\xe2\x82\xac", 2, UTF8_REPLACEMENT, 1);       /* truncated by len */
	check_decode("\xe2\x82" "A", 3, UTF8_REPLACEMENT, 1);       /* bad continuation */
	check_decode("\xc3" "A", 2, UTF8_REPLACEMENT, 1);
	check_decode("\xf0\x9f\x98", 3, UTF8_REPLACEMENT, 1);
}

static void test_encode(void **state)
{
	(void)state;
	static const struct { uint32_t cp; const char *bytes; size_t n; } t[] = {
		{0x00, "\x00", 1}, {'a', "a", 1}, {0x7F, "\x7f", 1}, {0x80, "\xc2\x80", 2},
		{0xE4, "\xc3\xa4", 2}, {0x7FF, "\xdf\xbf", 2}, {0x800, "\xe0\xa0\x80", 3},
		{0x2192, "\xe2\x86\x92", 3}, {0xFFFD, "\xef\xbf\xbd", 3}, {0xFFFF, "\xef\xbf\xbf", 3},
		{0x10000, "\xf0\x90\x80\x80", 4}, {0x1F600, "\xf0\x9f\x98\x80", 4},
		{0x10FFFF, "\xf4\x8f\xbf\xbf", 4},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char out[4];
		size_t n = utf8_encode(t[i].cp, out);
		assert_int_equal(n, t[i].n);
		assert_memory_equal(out, t[i].bytes, n);
		/* and back */
		uint32_t cp;
		assert_int_equal(utf8_decode(out, n, &cp), n);
		assert_int_equal(cp, t[i].cp);
	}
}

static void test_encode_decode_roundtrip_all(void **state)
{
	(void)state;
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		char out[4];
		uint32_t back;
		size_t n = utf8_encode(cp, out);
		if (utf8_decode(out, n, &back) != n || back != cp)
			fail_msg("U+%04X does not round-trip", (unsigned)cp);
	}
}

static void test_valid_prefix(void **state)
{
	(void)state;
	assert_int_equal(utf8_valid_prefix("", 0), 0);
	assert_int_equal(utf8_valid_prefix("abc", 3), 3);
	assert_int_equal(utf8_valid_prefix("\xc5\x81ukasz", 7), 7);
	assert_int_equal(utf8_valid_prefix("ab\xff" "cd", 5), 2);
	assert_int_equal(utf8_valid_prefix("\xc3\xa9\xe2\x82", 4), 2);  /* truncated at the end */
	assert_int_equal(utf8_valid_prefix("\xed\xa0\x80", 3), 0);
	assert_int_equal(utf8_valid_prefix("ok \xc0\xaf", 5), 3);
	/* a literal U+FFFD is valid text, not an error */
	assert_int_equal(utf8_valid_prefix("a\xef\xbf\xbd" "b", 5), 5);
	/* NUL bytes are valid UTF-8 */
	assert_int_equal(utf8_valid_prefix("a\0b", 3), 3);
}

/* ---- widths ------------------------------------------------------------------------------- */

static void test_cpwidth(void **state)
{
	(void)state;
	assert_int_equal(utf8_cpwidth('a'), 1);
	assert_int_equal(utf8_cpwidth(' '), 1);
	assert_int_equal(utf8_cpwidth(0x00), -1);
	assert_int_equal(utf8_cpwidth('\t'), -1);
	assert_int_equal(utf8_cpwidth(0x1B), -1);     /* ESC */
	assert_int_equal(utf8_cpwidth(0x7F), -1);     /* DEL */
	assert_int_equal(utf8_cpwidth(0x80), -1);     /* C1 */
	assert_int_equal(utf8_cpwidth(0x9B), -1);     /* CSI */
	assert_int_equal(utf8_cpwidth(0x9F), -1);
	assert_int_equal(utf8_cpwidth(0xA0), 1);
	assert_int_equal(utf8_cpwidth(0xE4), 1);      /* ä */
	assert_int_equal(utf8_cpwidth(0x141), 1);     /* Ł */
	assert_int_equal(utf8_cpwidth(0x3C3), 1);     /* σ */
	assert_int_equal(utf8_cpwidth(0x300), 0);     /* combining grave */
	assert_int_equal(utf8_cpwidth(0x301), 0);     /* combining acute */
	assert_int_equal(utf8_cpwidth(0x308), 0);     /* combining diaeresis */
	assert_int_equal(utf8_cpwidth(0x200B), 0);    /* zero-width space */
	assert_int_equal(utf8_cpwidth(0xFE0F), 0);    /* variation selector */
	assert_int_equal(utf8_cpwidth(0x4E2D), 2);    /* 中 */
	assert_int_equal(utf8_cpwidth(0x3042), 2);    /* あ */
	assert_int_equal(utf8_cpwidth(0xAC00), 2);    /* 가 */
	assert_int_equal(utf8_cpwidth(0xFF21), 2);    /* fullwidth A */
	assert_int_equal(utf8_cpwidth(0x1F600), 2);   /* 😀 */
	assert_int_equal(utf8_cpwidth(0x20000), 2);   /* CJK extension B */
	assert_int_equal(utf8_cpwidth(0x2192), 1);    /* → */
	assert_int_equal(utf8_cpwidth(0x2014), 1);    /* — */
	assert_int_equal(utf8_cpwidth(UTF8_REPLACEMENT), 1);
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(utf8_width(""), 0);
	assert_int_equal(utf8_width("ResNet"), 6);
	assert_int_equal(utf8_width("\xc5\x81ukasz"), 6);                 /* Łukasz: 7 bytes */
	assert_int_equal(strlen("\xc5\x81ukasz"), 7);
	assert_int_equal(utf8_width("A\xc3\xa4ron"), 5);                  /* Aäron, precomposed */
	assert_int_equal(utf8_width("Aa\xcc\x88ron"), 5);                 /* Aäron, a + U+0308 */
	assert_int_equal(utf8_width("\xe4\xb8\xad\xe6\x96\x87"), 4);      /* 中文 */
	assert_int_equal(utf8_width("GPT-4 \xe4\xb8\xad"), 8);
	assert_int_equal(utf8_width("a\tb"), 2);                          /* controls count 0 */
	assert_int_equal(utf8_width("\x1b[31m"), 4);
	assert_int_equal(utf8_width("\xff\xfe"), 2);                      /* invalid: U+FFFD each */
	assert_int_equal(utf8_width("softmax(QK\xe1\xb5\x80/\xe2\x88\x9a" "d\xe2\x82\x96)V"), 17);
	assert_int_equal(utf8_width_n("\xe4\xb8\xad\xe6\x96\x87", 3), 2); /* only the first */
	assert_int_equal(utf8_width_n("\xe4\xb8\xad\xe6\x96\x87", 4), 3); /* 中 + a broken byte */
}

static void test_prefix_for_width(void **state)
{
	(void)state;
	const char *cjk = "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97"; /* 中文字, width 6 */
	size_t used = 99;
	assert_int_equal(utf8_prefix_for_width(cjk, 9, 3, &used), 3);   /* never half a character */
	assert_int_equal(used, 2);
	assert_int_equal(utf8_prefix_for_width(cjk, 9, 4, &used), 6);
	assert_int_equal(used, 4);
	assert_int_equal(utf8_prefix_for_width(cjk, 9, 1, &used), 0);
	assert_int_equal(used, 0);
	assert_int_equal(utf8_prefix_for_width(cjk, 9, 100, &used), 9);
	assert_int_equal(used, 6);
	/* a combining mark stays with its base */
	assert_int_equal(utf8_prefix_for_width("e\xcc\x81x", 4, 1, &used), 3);
	assert_int_equal(used, 1);
	assert_int_equal(utf8_prefix_for_width("\xc5\x81ukasz Kaiser", 14, 6, &used), 7);
	assert_int_equal(used, 6);
	assert_int_equal(utf8_prefix_for_width("abc", 3, 2, NULL), 2);
	assert_int_equal(utf8_prefix_for_width("abc", 3, 0, &used), 0);
}

/* ---- wrapping ------------------------------------------------------------------------------- */

/* Wrap s at width and compare the lines (and their widths) with want[], NULL-terminated. */
static void check_wrap(const char *s, size_t width, const char *const *want, const size_t *widths)
{
	struct wrap_line *lines = NULL;
	size_t n = utf8_wrap(s, strlen(s), width, &lines);
	size_t nwant = 0;
	while (want[nwant])
		nwant++;
	for (size_t i = 0; i < n && i < nwant; i++) {
		char *got = strndup(s + lines[i].off, lines[i].len);
		if (strcmp(got, want[i]) != 0)
			fail_msg("wrap(\"%s\", %zu) line %zu: got \"%s\", want \"%s\"", s, width, i, got, want[i]);
		free(got);
		if (widths)
			assert_int_equal(lines[i].width, widths[i]);
		assert_true(lines[i].width <= width);
	}
	if (n != nwant)
		fail_msg("wrap(\"%s\", %zu): %zu lines, want %zu", s, width, n, nwant);
	free(lines);
}

static void test_wrap_words(void **state)
{
	(void)state;
	check_wrap("The quick brown fox jumps over the lazy dog", 10,
		   (const char *[]){"The quick", "brown fox", "jumps over", "the lazy", "dog", NULL},
		   (const size_t[]){9, 9, 10, 8, 3});
	check_wrap("The quick brown fox", 100, (const char *[]){"The quick brown fox", NULL},
		   (const size_t[]){19});
	/* a line exactly as wide as the width, then a space */
	check_wrap("aaaa bbbb", 4, (const char *[]){"aaaa", "bbbb", NULL}, (const size_t[]){4, 4});
	/* runs of spaces: trailing ones trimmed, leading ones of a continuation dropped */
	check_wrap("ab     cd", 4, (const char *[]){"ab", "cd", NULL}, (const size_t[]){2, 2});
	check_wrap("one two", 3, (const char *[]){"one", "two", NULL}, NULL);
}

static void test_wrap_hyphens_and_slashes(void **state)
{
	(void)state;
	check_wrap("state-of-the-art models", 10,
		   (const char *[]){"state-of-", "the-art", "models", NULL}, (const size_t[]){9, 7, 6});
	check_wrap("encoder/decoder stacks", 10,
		   (const char *[]){"encoder/", "decoder", "stacks", NULL}, NULL);
	/* an em dash is a break opportunity too */
	check_wrap("left\xe2\x80\x94right", 6,
		   (const char *[]){"left\xe2\x80\x94", "right", NULL}, (const size_t[]){5, 5});
}

static void test_wrap_long_word(void **state)
{
	(void)state;
	check_wrap("abcdefghij", 4, (const char *[]){"abcd", "efgh", "ij", NULL}, (const size_t[]){4, 4, 2});
	check_wrap("see supercalifragilistic now", 8,
		   (const char *[]){"see", "supercal", "ifragili", "stic now", NULL}, NULL);
	/* a character wider than the whole line is taken anyway (no endless loop) */
	struct wrap_line *lines;
	size_t n = utf8_wrap("\xe4\xb8\xad\xe6\x96\x87", 6, 1, &lines);
	assert_int_equal(n, 2);
	assert_int_equal(lines[0].off, 0);
	assert_int_equal(lines[0].len, 3);
	assert_int_equal(lines[1].off, 3);
	assert_int_equal(lines[1].len, 3);
	free(lines);
	/* width 0 is treated as 1 */
	n = utf8_wrap("ab", 2, 0, &lines);
	assert_int_equal(n, 2);
	free(lines);
}

static void test_wrap_unicode(void **state)
{
	(void)state;
	check_wrap("\xc5\x81ukasz Kaiser and A\xc3\xa4ron van den Oord", 13,
		   (const char *[]){"\xc5\x81ukasz Kaiser", "and A\xc3\xa4ron van", "den Oord", NULL},
		   (const size_t[]){13, 13, 8});
	/* CJK: two columns each, split between characters */
	check_wrap("\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad", 4,
		   (const char *[]){"\xe4\xb8\xad\xe6\x96\x87", "\xe4\xb8\xad\xe6\x96\x87", "\xe4\xb8\xad", NULL},
		   (const size_t[]){4, 4, 2});
	/* odd width: a wide character that does not fit moves to the next line */
	check_wrap("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 5,
		   (const char *[]){"\xe4\xb8\xad\xe6\x96\x87", "\xe5\xad\x97", NULL}, (const size_t[]){4, 2});
	/* combining marks never start a line */
	check_wrap("Aa\xcc\x88ron Aa\xcc\x88ron", 5,
		   (const char *[]){"Aa\xcc\x88ron", "Aa\xcc\x88ron", NULL}, (const size_t[]){5, 5});
}

static void test_wrap_newlines_and_empty(void **state)
{
	(void)state;
	check_wrap("one\ntwo three", 20, (const char *[]){"one", "two three", NULL}, NULL);
	check_wrap("a\n\nb", 20, (const char *[]){"a", "", "b", NULL}, NULL);
	/* leading spaces after a hard break are kept (indentation) */
	check_wrap("x\n  y", 20, (const char *[]){"x", "  y", NULL}, NULL);
	struct wrap_line *lines;
	size_t n = utf8_wrap("", 0, 10, &lines);
	assert_int_equal(n, 1);
	assert_int_equal(lines[0].len, 0);
	assert_int_equal(lines[0].width, 0);
	free(lines);
}

/* ---- sanitising and ASCII --------------------------------------------------------------------- */

static void check_sanitize(const char *s, size_t len, int keep, const char *want)
{
	char *got = utf8_sanitize(s, len, keep);
	assert_non_null(got);
	assert_string_equal(got, want);
	assert_int_equal(utf8_valid_prefix(got, strlen(got)), strlen(got));
	free(got);
}

static void test_sanitize(void **state)
{
	(void)state;
	check_sanitize("", 0, 0, "");
	check_sanitize("plain", 5, 0, "plain");
	check_sanitize("\xc5\x81ukasz A\xc3\xa4ron", 14, 0, "\xc5\x81ukasz A\xc3\xa4ron");
	check_sanitize("a\x1b[31mred\x1b[0m", 13, 0, "a [31mred [0m");        /* ESC */
	check_sanitize("a\xc2\x9b" "31mb", 7, 0, "a 31mb");                     /* C1 CSI (U+009B) */
	check_sanitize("a\xc2\x85" "b", 4, 0, "a b");                           /* C1 NEL */
	check_sanitize("a\x7f" "b", 3, 0, "a b");                               /* DEL */
	check_sanitize("a\x07\x08" "b", 4, 0, "a  b");                          /* BEL, BS */
	check_sanitize("a\tb\rc", 5, 0, "a b c");
	check_sanitize("l1\nl2", 5, 0, "l1 l2");
	check_sanitize("l1\nl2", 5, 1, "l1\nl2");
	check_sanitize("a\0b", 3, 0, "a b");                                    /* embedded NUL */
	check_sanitize("a\xff" "b", 3, 0, "a\xef\xbf\xbd" "b");                 /* invalid byte */
	check_sanitize("\xe2\x82", 2, 0, "\xef\xbf\xbd\xef\xbf\xbd");           /* truncated */
	check_sanitize("\xed\xa0\x80", 3, 0, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	check_sanitize("x\xef\xbf\xbdy", 5, 0, "x\xef\xbf\xbdy");               /* real U+FFFD */
	check_sanitize("abcdef", 3, 0, "abc");                                  /* honours len */
}

static void check_ascii(const char *s, const char *want)
{
	char *got = utf8_to_ascii(s);
	assert_string_equal(got, want);
	for (const char *p = got; *p; p++)
		assert_true((unsigned char)*p < 0x80);
	free(got);
}

static void test_to_ascii(void **state)
{
	(void)state;
	check_ascii("", "");
	check_ascii("plain ASCII 123", "plain ASCII 123");
	check_ascii("\xc5\x81ukasz Kaiser", "Lukasz Kaiser");
	check_ascii("A\xc3\xa4ron van den Oord", "Aaron van den Oord");
	check_ascii("Aa\xcc\x88ron", "Aaron");                                  /* combining dropped */
	check_ascii("J\xc3\xbcrgen Schmidhuber", "Jurgen Schmidhuber");
	check_ascii("L\xc3\xa9on Bottou", "Leon Bottou");
	check_ascii("Stra\xc3\x9f" "e", "Strasse");
	check_ascii("\xc3\x86sop \xc5\x93uvre", "AEsop oeuvre");
	check_ascii("224\xc3\x97" "224 \xe2\x86\x92 FC", "224x224 -> FC");
	check_ascii("king \xe2\x88\x92 man \xe2\x89\x88 queen", "king - man ~ queen");
	check_ascii("\xcf\x83(x) \xe2\x89\xa4 1", "sigma(x) <= 1");
	check_ascii("\xce\xa3 \xcf\x82 \xce\xb1\xce\xb2", "Sigma sigma alphabeta");
	check_ascii("x\xc2\xb2 + x\xe2\x82\x81", "x^2 + x_1");                  /* x² + x₁ */
	check_ascii("\xe2\x88\x9a" "d\xe2\x82\x96", "sqrtd_");                  /* √dₖ */
	check_ascii("a\xe2\x80\x94" "b \xe2\x80\x9cq\xe2\x80\x9d \xe2\x80\xa6", "a--b \"q\" ...");
	check_ascii("\xe4\xb8\xad \xf0\x9f\x98\x80", "? ?");
	check_ascii("bad\xff" "byte", "bad?byte");
}

/* Names compare as keys: letters and digits, no case, no accents, Greek spelled out. */
static void check_key(const char *name, const char *want)
{
	struct strbuf k = {0};
	utf8_name_key(name, strlen(name), &k);
	if (strcmp(sb_str(&k), want) != 0)
		fail_msg("key of \"%s\" is \"%s\", want \"%s\"", name, sb_str(&k), want);
	sb_free(&k);
}

static void test_name_key(void **state)
{
	(void)state;
	check_key("GPT-3", "gpt3");
	check_key("gpt 3", "gpt3");
	check_key("Llama 2", "llama2");
	check_key("U-Net", "unet");
	check_key("alpha go", "alphago");
	check_key("DALL\xc2\xb7" "E", "dalle");            /* a middle dot */
	check_key("J\xc3\xbcrgen Schmidhuber", "jurgenschmidhuber");
	check_key("\xc5\x81ukasz", "lukasz");            /* L with stroke */
	check_key("Stra\xc3\x9f" "e", "strasse");          /* sharp s */
	check_key("\xce\xb2-VAE", "betavae");              /* Greek beta */
	check_key("Attention Is All You Need.", "attentionisallyouneed");
	check_key("\xe4\xb8\xad\xe6\x96\x87", "\xe4\xb8\xad\xe6\x96\x87");   /* other scripts stay */
	check_key("", "");
	check_key("--- ...", "");
	check_key("\xff\xfeGPT", "gpt");                  /* invalid bytes are dropped */
}

int main(int argc, char **argv)
{
	tu_filter(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_encode_decode_roundtrip_all),
		cmocka_unit_test(test_valid_prefix),
		cmocka_unit_test(test_cpwidth),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_prefix_for_width),
		cmocka_unit_test(test_wrap_words),
		cmocka_unit_test(test_wrap_hyphens_and_slashes),
		cmocka_unit_test(test_wrap_long_word),
		cmocka_unit_test(test_wrap_unicode),
		cmocka_unit_test(test_wrap_newlines_and_empty),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_to_ascii),
		cmocka_unit_test(test_name_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
