/*
 * lineedit.c -- see lineedit.h.
 */
#include "tui/lineedit.h"

#include <assert.h>
#include <string.h>

#include "core/utf8.h"

static size_t cap(const struct lineedit *e)
{
	return e->limit && e->limit < LINEEDIT_MAX ? e->limit : LINEEDIT_MAX - 1;
}

/* The start of the character before byte i (i > 0). */
static size_t prev_char(const char *s, size_t i)
{
	do
		i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
	return i;
}

/* The start of the character after the one at byte i (i < len). */
static size_t next_char(const char *s, size_t len, size_t i)
{
	uint32_t cp;
	return i + utf8_decode(s + i, len - i, &cp);
}

static int is_word_byte(char c)
{
	unsigned char u = (unsigned char)c;
	return u >= 0x80 || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
}

/* The start of the word before the cursor (readline's backward-word). */
static size_t word_left(const struct lineedit *e)
{
	size_t i = e->cur;
	while (i > 0 && !is_word_byte(e->buf[i - 1]))
		i--;
	while (i > 0 && is_word_byte(e->buf[i - 1]))
		i--;
	return i;
}

static size_t word_right(const struct lineedit *e)
{
	size_t i = e->cur;
	while (i < e->len && !is_word_byte(e->buf[i]))
		i++;
	while (i < e->len && is_word_byte(e->buf[i]))
		i++;
	return i;
}

/* Delete bytes [a, b) and put the cursor at a. */
static int cut(struct lineedit *e, size_t a, size_t b)
{
	if (a >= b)
		return 0;
	memmove(e->buf + a, e->buf + b, e->len - b + 1);
	e->len -= b - a;
	e->cur = a;
	return 1;
}

/* A character the line holds: a code point, not a control or bidi character. */
static int takes(uint32_t cp)
{
	return !(cp < 32 || cp == 127 || (cp >= 0x80 && cp < 0xA0) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
		 utf8_is_bidi_control(cp));
}

void lineedit_clear(struct lineedit *e)
{
	e->buf[0] = '\0';
	e->len = e->cur = 0;
}

void lineedit_set(struct lineedit *e, const char *text)
{
	lineedit_clear(e);
	for (size_t i = 0, len = strlen(text); i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(text + i, len - i, &cp);
		i += k;
		if ((cp == UTF8_REPLACEMENT && k == 1) || !takes(cp))
			continue;   /* an invalid byte, a control character */
		if (!lineedit_insert(e, cp))
			break;      /* full */
	}
}

int lineedit_insert(struct lineedit *e, uint32_t cp)
{
	if (!takes(cp))
		return 0;
	char enc[4];
	size_t n = utf8_encode(cp, enc);
	if (e->len + n > cap(e))
		return 0;
	memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur + 1);
	memcpy(e->buf + e->cur, enc, n);
	e->len += n;
	e->cur += n;
	return 1;
}

int lineedit_do(struct lineedit *e, enum le_cmd cmd)
{
	assert(e->cur <= e->len);
	switch (cmd) {
	case LE_LEFT:
		if (e->cur > 0)
			e->cur = prev_char(e->buf, e->cur);
		return 0;
	case LE_RIGHT:
		if (e->cur < e->len)
			e->cur = next_char(e->buf, e->len, e->cur);
		return 0;
	case LE_HOME:
		e->cur = 0;
		return 0;
	case LE_END:
		e->cur = e->len;
		return 0;
	case LE_WORD_LEFT:
		e->cur = word_left(e);
		return 0;
	case LE_WORD_RIGHT:
		e->cur = word_right(e);
		return 0;
	case LE_BACKSPACE:
		return e->cur > 0 && cut(e, prev_char(e->buf, e->cur), e->cur);
	case LE_DELETE:
		return e->cur < e->len && cut(e, e->cur, next_char(e->buf, e->len, e->cur));
	case LE_KILL_WORD:
		return cut(e, word_left(e), e->cur);
	case LE_KILL_START:
		return cut(e, 0, e->cur);
	case LE_KILL_END:
		return cut(e, e->cur, e->len);
	}
	return 0;
}

int lineedit_view(const struct lineedit *e, int width, size_t *from)
{
	assert(width >= 1);
	if (*from > e->cur)
		*from = e->cur;
	while (*from > 0 && ((unsigned char)e->buf[*from] & 0xC0) == 0x80)
		(*from)--;   /* the text changed under it: back to a character's start */
	/* move the start right until the cursor fits (with a column for itself) */
	while (*from < e->cur && (int)utf8_width_n(e->buf + *from, e->cur - *from) >= width)
		*from = next_char(e->buf, e->len, *from);
	/* and back left while there is room, so the field is used */
	while (*from > 0) {
		size_t p = prev_char(e->buf, *from);
		if ((int)utf8_width_n(e->buf + p, e->len - p) >= width)
			break;
		*from = p;
	}
	return (int)utf8_width_n(e->buf + *from, e->cur - *from);
}
