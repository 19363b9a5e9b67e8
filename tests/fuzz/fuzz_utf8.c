/*
 * fuzz_utf8.c -- the UTF-8 helpers (core/utf8) on arbitrary bytes.
 *
 * Input: byte 0 picks the wrap width (1..64), the rest is the text. Beyond "no crash, no
 * undefined behaviour", each helper is checked against its contract in utf8.h:
 *   decode       1..4 bytes, never past the end, a scalar value (no surrogate), and a
 *                multi-byte result re-encodes to the same bytes
 *   sanitize     valid UTF-8 with no control character (C0, DEL, C1), no bidi control,
 *                '\n' only when asked to keep newlines
 *   to_ascii     7-bit output without control characters
 *   prefix       a character boundary whose width is within the limit
 *   wrap         lines in order inside the text, none wider than the width (except a single
 *                character wider than the whole line), every non-space byte covered
 */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "fuzz.h"

static int is_bidi_control(uint32_t cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

static void check_decode(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		FUZZ_CHECK(n >= 1 && n <= 4 && n <= len - i);
		FUZZ_CHECK(cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
		if (n > 1 || cp < 0x80) {
			char enc[4];
			FUZZ_CHECK(utf8_encode(cp, enc) == n && memcmp(enc, s + i, n) == 0);
		}
		i += n;
	}
	size_t v = utf8_valid_prefix(s, len);
	FUZZ_CHECK(v <= len);
	FUZZ_CHECK(utf8_valid_prefix(s, v) == v);
}

static void check_sanitized(const char *t, int keep_newlines)
{
	size_t len = strlen(t);
	FUZZ_CHECK(utf8_valid_prefix(t, len) == len);
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		i += utf8_decode(t + i, len - i, &cp);
		if (cp == '\n')
			FUZZ_CHECK(keep_newlines);
		else
			FUZZ_CHECK(utf8_cpwidth(cp) >= 0);
		FUZZ_CHECK(!is_bidi_control(cp));
	}
}

static void check_wrap(const char *s, size_t len, size_t width)
{
	struct wrap_line *lines = NULL;
	size_t n = utf8_wrap(s, len, width, &lines);
	FUZZ_CHECK(n >= 1 && lines);
	size_t pos = 0;
	for (size_t k = 0; k < n; k++) {
		const struct wrap_line *l = &lines[k];
		FUZZ_CHECK(l->off >= pos && l->off <= len && l->len <= len - l->off);
		/* what was skipped between lines is blanks and line breaks only */
		for (size_t j = pos; j < l->off; j++)
			FUZZ_CHECK(s[j] == ' ' || s[j] == '\t' || s[j] == '\n');
		uint32_t cp;
		size_t first = l->len ? utf8_decode(s + l->off, l->len, &cp) : 0, cols = 0;
		for (size_t j = 0; j < l->len;) {
			j += utf8_decode(s + l->off + j, l->len - j, &cp);
			int cw = utf8_cpwidth(cp);
			cols += cw < 0 ? 1 : (size_t)cw;   /* wrap gives a control one cell */
		}
		FUZZ_CHECK(l->width <= width);
		FUZZ_CHECK(cols <= width || l->len == first);
		pos = l->off + l->len;
	}
	for (size_t j = pos; j < len; j++)
		FUZZ_CHECK(s[j] == ' ' || s[j] == '\t' || s[j] == '\n');
	free(lines);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t width = 1 + data[0] % 64;
	const char *s = (const char *)data + 1;
	size_t len = size - 1;

	check_decode(s, len);
	FUZZ_CHECK(utf8_width_n(s, len) <= 2 * len);
	size_t used = 0, p = utf8_prefix_for_width(s, len, width, &used);
	FUZZ_CHECK(p <= len && used <= width);
	FUZZ_CHECK(utf8_width_n(s, p) == used);
	check_wrap(s, len, width);

	for (int keep = 0; keep <= 1; keep++) {
		char *t = utf8_sanitize(s, len, keep);
		check_sanitized(t, keep);
		char *a = utf8_to_ascii(t);
		for (const unsigned char *q = (const unsigned char *)a; *q; q++)
			FUZZ_CHECK(*q < 0x80 && (*q >= 0x20 || *q == '\n') && *q != 0x7F);
		check_wrap(t, strlen(t), width);
		free(a);
		free(t);
	}
	return 0;
}
