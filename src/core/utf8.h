/*
 * utf8.h -- UTF-8 decoding, validation, display width, sanitising and word wrapping.
 *
 * Everything here is independent of the user's locale: widths are the C library's
 * (wcwidth under C.UTF-8, which is what curses measures with), so a screen test gives the
 * same result under any locale. Invalid bytes are never passed through: they decode as
 * U+FFFD of width 1.
 */
#ifndef DLT_UTF8_H
#define DLT_UTF8_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/util.h"

#define UTF8_REPLACEMENT 0xFFFDu

/* Decode one code point from s[0..len). Stores it in *cp and returns the bytes used (1-4).
 * An invalid or truncated sequence stores U+FFFD and returns 1. len must be > 0. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp (must be <= 0x10FFFF, not a surrogate) into out; returns the bytes written (1-4). */
size_t utf8_encode(uint32_t cp, char out[4]);
/* Length of the valid UTF-8 prefix of s[0..len): returns len when all of it is valid. */
size_t utf8_valid_prefix(const char *s, size_t len);
/* True for the bidirectional formatting characters (U+202A-E, U+2066-9, LRM, RLM, ALM):
 * invisible, but they reorder the text around them, so data must not send them to a terminal. */
int utf8_is_bidi_control(uint32_t cp);
/* Display width of one code point: 0 (combining, zero-width), 1 or 2; control characters -1;
 * code points the C library cannot print (unassigned) 1, the width of U+FFFD. */
int utf8_cpwidth(uint32_t cp);
/* True when the terminal can print cp as it is (not a control, known to the C library). */
int utf8_printable(uint32_t cp);
/* Display width of s[0..len) with control characters counted as 0. */
size_t utf8_width_n(const char *s, size_t len);
/* Display width of a NUL-terminated string. */
size_t utf8_width(const char *s);
/* Byte length of the longest prefix of s[0..len) whose width is <= width (whole characters,
 * zero-width marks kept with their base). Stores its width in *used when used is not NULL. */
size_t utf8_prefix_for_width(const char *s, size_t len, size_t width, size_t *used);
/* A copy of s that is safe to print to a terminal: invalid bytes become U+FFFD, control
 * characters (C0, DEL, C1, including ESC) become spaces, bidirectional controls (U+202A-E,
 * U+2066-9, LRM, RLM, ALM) are dropped, tabs and newlines become spaces unless
 * keep_newlines is set (then '\n' is kept). Never returns NULL. */
char *utf8_sanitize(const char *s, size_t len, int keep_newlines);
/* Write "PREFIX MESSAGE SUFFIX\n" to fp, MESSAGE made from fmt and ap as one printable line
 * (utf8_sanitize: it may quote arguments, paths, file text). Write errors are left to fp. */
void utf8_print_line(FILE *fp, const char *prefix, const char *suffix, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));
/* A copy of s in plain ASCII for non-UTF-8 terminals: accented Latin letters lose their
 * accents, common symbols get ASCII spellings ("->", "x", "~"), others become '?'. */
char *utf8_to_ascii(const char *s);

/* True for a code point that belongs to a word: ASCII letters and digits, and non-ASCII
 * letters (anything above U+00BF outside the punctuation and symbol blocks). */
int utf8_is_word_char(uint32_t cp);
/* Append to out the form in which names are compared: the letters and digits of s only,
 * lower-cased, accented Latin letters folded to their base letters, Greek letters spelled
 * out ("GPT-3" and "gpt3" -> "gpt3", "DALL\u00B7E" -> "dalle", "J\u00FCrgen" -> "jurgen",
 * "\u03B2-VAE" -> "betavae"). Other scripts are kept as they are. Cannot fail. */
void utf8_name_key(const char *s, size_t len, struct strbuf *out);

/* One line of wrapped text: bytes [off, off+len) of the source, display width `width`. */
struct wrap_line {
	size_t off;
	size_t len;
	size_t width;
};

/* Word-wrap s[0..len) into lines of at most `width` columns (width >= 1). Breaks at spaces,
 * after hyphens and slashes, and at '\n'; a word longer than the line is split at a character
 * boundary. Leading spaces of continuation lines are dropped. Returns the number of lines and
 * sets *lines to a malloc'd array (caller frees); empty input gives one empty line. */
size_t utf8_wrap(const char *s, size_t len, size_t width, struct wrap_line **lines);
/* utf8_wrap with flags: UTF8_WRAP_WHOLE_WORDS breaks at spaces and '\n' only, and never
 * splits a word (an address, a formula): one longer than the line stands alone on a line
 * that is wider than `width`. */
#define UTF8_WRAP_WHOLE_WORDS 1u
size_t utf8_wrap_ex(const char *s, size_t len, size_t width, unsigned flags, struct wrap_line **lines);

#endif
