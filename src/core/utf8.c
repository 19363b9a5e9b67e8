/*
 * utf8.c -- see utf8.h.
 */
#define _XOPEN_SOURCE 700   /* wcwidth */
#include "utf8.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util.h"

size_t utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c = s[0];
	size_t n;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 2, v = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3, v = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4, v = c & 0x07, min = 0x10000;
	} else {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	if (len < n) {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = UTF8_REPLACEMENT;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	*cp = v;
	return n;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t utf8_valid_prefix(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT && n == 1 && (unsigned char)s[i] >= 0x80)
			return i;
		i += n;
	}
	return len;
}

/* Widths come from the C library, which is what curses measures with: wcwidth() under the
 * UTF-8 locale C.UTF-8 (built into glibc), whatever the user's locale, so that the same
 * text measures the same everywhere. Where that locale does not exist, a rough rule stands
 * in: combining marks take no column, the CJK and emoji blocks two. */
static locale_t utf8_locale(void)
{
	static locale_t loc;
	static int tried;
	if (!tried) {
		tried = 1;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return loc;
}

static int fallback_width(uint32_t cp)
{
	if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0xFE00 && cp <= 0xFE0F))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
	    (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

static inline int is_print_ascii(char c)
{
	return c >= 0x20 && c < 0x7F;
}

int utf8_cpwidth(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return -1;
	if (cp < 0x300)
		return 1;
	locale_t loc = utf8_locale();
	if (!loc)
		return fallback_width(cp);
	locale_t old = uselocale(loc);
	int w = wcwidth((wchar_t)cp);
	uselocale(old);
	/* unassigned and other unprintable code points: one column, as the sanitiser shows
	 * them (U+FFFD) */
	return w < 0 ? 1 : w;
}

int utf8_printable(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp > 0x10FFFF)
		return 0;
	if (cp < 0x300)
		return 1;
	locale_t loc = utf8_locale();
	if (!loc)
		return 1;
	locale_t old = uselocale(loc);
	int w = wcwidth((wchar_t)cp);
	uselocale(old);
	return w >= 0;
}

size_t utf8_width_n(const char *s, size_t len)
{
	size_t w = 0, i = 0;
	while (i < len) {
		if (is_print_ascii(s[i])) {   /* the common case, one column each */
			w++;
			i++;
			continue;
		}
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		int cw = utf8_cpwidth(cp);
		if (cw > 0)
			w += (size_t)cw;
	}
	return w;
}

size_t utf8_width(const char *s)
{
	return utf8_width_n(s, strlen(s));
}

size_t utf8_prefix_for_width(const char *s, size_t len, size_t width, size_t *used)
{
	size_t w = 0, i = 0;
	while (i < len) {
		if (is_print_ascii(s[i]) && w < width) {
			w++;
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		int cw = utf8_cpwidth(cp);
		if (cw < 0)
			cw = 0;
		if (w + (size_t)cw > width)
			break;
		w += (size_t)cw;
		i += n;
	}
	if (used)
		*used = w;
	return i;
}

/* Bidirectional formatting characters: invisible, but they reorder what follows them on
 * the line ("Trojan Source"), so text from data must not carry them to the terminal. */
int utf8_is_bidi_control(uint32_t cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

char *utf8_sanitize(const char *s, size_t len, int keep_newlines)
{
	struct strbuf sb = {0};
	size_t i = 0;
	while (i < len) {
		size_t run = 0;   /* printable ASCII is kept as it is, a run at a time */
		while (i + run < len && is_print_ascii(s[i + run]))
			run++;
		if (run) {
			sb_addn(&sb, s + i, run);
			i += run;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp == '\n' && keep_newlines)
			sb_addc(&sb, '\n');
		else if (utf8_is_bidi_control(cp))
			; /* dropped: zero width, so the layout does not change */
		else if (utf8_cpwidth(cp) < 0)
			sb_addc(&sb, ' ');
		else if ((cp == UTF8_REPLACEMENT && n == 1) || !utf8_printable(cp))
			sb_add(&sb, "\xEF\xBF\xBD");
		else
			sb_addn(&sb, s + i, n);
		i += n;
	}
	return sb_detach(&sb);
}

/* ASCII spellings of the symbols the data uses; accented letters are handled by fold(). */
static const struct {
	uint32_t cp;
	const char *ascii;
} ascii_map[] = {
	{0x00A0, " "},   {0x00A9, "(c)"}, {0x00AB, "<<"},  {0x00B1, "+-"},  {0x00B2, "^2"},
	{0x00B3, "^3"},  {0x00B7, "."},   {0x00B9, "^1"},  {0x00BB, ">>"},  {0x00D7, "x"},
	{0x00DF, "ss"},  {0x00E6, "ae"},  {0x00C6, "AE"},  {0x00F7, "/"},   {0x00F8, "o"},
	{0x00D8, "O"},   {0x0141, "L"},   {0x0142, "l"},   {0x0153, "oe"},  {0x0152, "OE"},
	{0x2010, "-"},   {0x2011, "-"},   {0x2012, "-"},   {0x2013, "-"},   {0x2014, "--"},
	{0x2018, "'"},   {0x2019, "'"},   {0x201C, "\""},  {0x201D, "\""},  {0x2022, "*"},
	{0x2026, "..."}, {0x2032, "'"},   {0x2190, "<-"},  {0x2191, "^"},   {0x2192, "->"},
	{0x2193, "v"},   {0x2194, "<->"}, {0x21D2, "=>"},  {0x2200, "forall"}, {0x2202, "d"},
	{0x2207, "grad"}, {0x2208, " in "}, {0x2211, "sum"}, {0x2212, "-"}, {0x2217, "*"},
	{0x221A, "sqrt"}, {0x221D, "~"},  {0x221E, "inf"}, {0x2248, "~"},   {0x2260, "!="},
	{0x2264, "<="},  {0x2265, ">="},  {0x2297, "(x)"}, {0x2299, "(.)"}, {0x22C5, "."},
	{0x2500, "-"},   {0x2502, "|"},   {0x250C, "+"},   {0x2510, "+"},   {0x2514, "+"},
	{0x2518, "+"},   {0x251C, "+"},   {0x2524, "+"},   {0x2588, "#"},   {0x2591, ":"},
	{0x25B2, "^"},   {0x25B6, ">"},   {0x25BC, "v"},   {0x25C0, "<"},
};

static const char *greek[] = {
	"Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa",
	"Lambda", "Mu", "Nu", "Xi", "Omicron", "Pi", "Rho", "?", "Sigma", "Tau", "Upsilon",
	"Phi", "Chi", "Psi", "Omega",
};

/* Base letter of a precomposed Latin-1 / Latin Extended-A letter, or 0. */
static char fold(uint32_t cp)
{
	static const char latin1[] = "AAAAAAACEEEEIIIIDNOOOOO*OUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
	static const char ext_a[] = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiJjJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1[cp - 0xC0];
	if (cp >= 0x100 && cp < 0x100 + sizeof(ext_a) - 1)
		return ext_a[cp - 0x100];
	return 0;
}

char *utf8_to_ascii(const char *s)
{
	struct strbuf sb = {0};
	size_t len = strlen(s), i = 0;
	while (i < len) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		if (cp < 0x80) {
			sb_addc(&sb, (char)cp);
			continue;
		}
		if (utf8_cpwidth(cp) == 0)
			continue;
		const char *rep = NULL;
		for (size_t k = 0; k < DLT_ARRAY_LEN(ascii_map); k++)
			if (ascii_map[k].cp == cp)
				rep = ascii_map[k].ascii;
		char base = fold(cp);
		if (rep) {
			sb_add(&sb, rep);
		} else if (base && base != '*' && base != '/') {
			sb_addc(&sb, base);
		} else if (cp >= 0x391 && cp <= 0x3A9) {
			sb_add(&sb, greek[cp - 0x391]);
		} else if (cp >= 0x3B1 && cp <= 0x3C9) {
			const char *g = cp == 0x3C2 ? "sigma" : greek[cp - 0x3B1];
			sb_addc(&sb, (char)(g[0] | 0x20));
			sb_add(&sb, g + 1);
		} else if (cp >= 0x2070 && cp <= 0x209C) {
			/* superscripts (U+2070-207F) as "^", subscripts (U+2080-209C) as "_",
			 * keeping the digit: x² -> x^2, x₁ -> x_1, dₖ -> d_ */
			uint32_t first = cp < 0x2080 ? 0x2070 : 0x2080;
			sb_addc(&sb, cp < 0x2080 ? '^' : '_');
			if (cp - first <= 9 && cp != 0x2071)
				sb_addc(&sb, (char)('0' + (cp - first)));
		} else {
			sb_addc(&sb, '?');
		}
	}
	return sb_detach(&sb);
}

int utf8_is_word_char(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F) || cp == UTF8_REPLACEMENT)
		return 0;
	return utf8_cpwidth(cp) > 0;
}

void utf8_name_key(const char *s, size_t len, struct strbuf *out)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		const char *rep = NULL;
		char base = 0;
		if (!utf8_is_word_char(cp)) {
			i += n;
			continue;
		}
		if (cp < 0x80)
			base = (char)cp;
		else if (cp == 0xDF || cp == 0xC6 || cp == 0xE6 || cp == 0x152 || cp == 0x153 ||
			 cp == 0xD8 || cp == 0xF8 || cp == 0x141 || cp == 0x142)
			for (size_t k = 0; k < DLT_ARRAY_LEN(ascii_map); k++)
				rep = ascii_map[k].cp == cp ? ascii_map[k].ascii : rep;
		else if ((cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) || (cp >= 0x3B1 && cp <= 0x3C9))
			rep = cp == 0x3C2 ? "sigma" : greek[cp - (cp >= 0x3B1 ? 0x3B1 : 0x391)];
		else
			base = fold(cp);
		if (rep) {
			for (const char *r = rep; *r; r++)
				sb_addc(out, (char)(*r | 0x20));
		} else if (base && base != '*' && base != '/') {
			sb_addc(out, base >= 'A' && base <= 'Z' ? (char)(base | 0x20) : base);
		} else {
			sb_addn(out, s + i, n);
		}
		i += n;
	}
}

static int is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t';
}

size_t utf8_wrap(const char *s, size_t len, size_t width, struct wrap_line **lines)
{
	return utf8_wrap_ex(s, len, width, 0, lines);
}

size_t utf8_wrap_ex(const char *s, size_t len, size_t width, unsigned flags, struct wrap_line **lines)
{
	int whole_words = (flags & UTF8_WRAP_WHOLE_WORDS) != 0;
	size_t cap = 8, n = 0;
	struct wrap_line *out = xmalloc(cap * sizeof *out);
	size_t i = 0;

	if (width < 1)
		width = 1;
	for (;;) {
		/* Start of a line: skip spaces of a continuation (not of the first line). */
		size_t start = i, w = 0;
		size_t brk = 0, brk_w = 0, brk_next = 0; /* last break opportunity */
		int have_brk = 0;
		size_t end = i;
		int hard = 0;

		while (end < len) {
			uint32_t cp;
			size_t nb = utf8_decode(s + end, len - end, &cp);
			if (cp == '\n') {
				hard = 1;
				break;
			}
			int cw = utf8_cpwidth(cp);
			if (cw < 0)
				cw = 1; /* tabs and controls occupy a cell */
			/* a space is a break opportunity even when it does not fit itself: the
			 * word before it may end exactly at the width */
			if (is_space(cp)) {
				brk = end, brk_w = w, brk_next = end + nb, have_brk = 1;
			}
			if (cw > 0 && w + (size_t)cw > width)
				break;
			w += (size_t)cw;
			end += nb;
			if (!whole_words && (cp == '-' || cp == '/' || cp == 0x2014 || cp == 0x2013)) {
				brk = end, brk_w = w, brk_next = end, have_brk = 1;
			}
		}
		size_t line_end, next, lw;
		if (hard || end >= len) {
			line_end = end, lw = w;
			next = hard ? end + 1 : end;
		} else if (have_brk && brk > start) {
			line_end = brk, lw = brk_w, next = brk_next;
		} else if (whole_words) {
			/* a word longer than the line (an address): the whole of it, past the width */
			while (end < len && s[end] != ' ' && s[end] != '\t' && s[end] != '\n')
				end++;
			line_end = next = end, lw = utf8_width_n(s + start, end - start);
		} else {
			line_end = end, lw = w, next = end;
			if (end == start) { /* a character wider than the line: take it anyway */
				uint32_t cp;
				next = line_end = end + utf8_decode(s + end, len - end, &cp);
				lw = width;
			}
		}
		/* trim trailing spaces from the measured width */
		while (line_end > start && (s[line_end - 1] == ' ' || s[line_end - 1] == '\t')) {
			line_end--;
			if (lw)
				lw--;
		}
		if (n == cap) {
			cap *= 2;
			out = xrealloc(out, cap * sizeof *out);
		}
		out[n].off = start;
		out[n].len = line_end - start;
		out[n].width = lw;
		n++;
		i = next;
		if (!hard) {
			while (i < len && (s[i] == ' ' || s[i] == '\t'))
				i++;
		}
		if (i >= len)
			break;
	}
	*lines = out;
	return n;
}

void utf8_print_line(FILE *fp, const char *prefix, const char *suffix, const char *fmt, va_list ap)
{
	struct strbuf sb = {0};
	sb_vaddf(&sb, fmt, ap);
	char *msg = utf8_sanitize(sb_str(&sb), sb.len, 0);
	fprintf(fp, "%s%s%s\n", prefix, msg, suffix);
	free(msg);
	sb_free(&sb);
}
