/*
 * fuzz_lineedit.c -- the prompts' line editor (tui/lineedit) against a reference model.
 *
 * Input: byte 0 picks the line's limit (0: the default), then a program: each byte is an
 * operation -- one of the editing commands, insert a character (the next bytes as UTF-8, or
 * any 21-bit value, controls, surrogates and too-large values included), set the whole text
 * (the next bytes, invalid UTF-8 included), clear, or show it in a field of a given width.
 * The model is the line as an array of code points with a cursor index, edited the obvious
 * way. After every operation the editor's bytes must be the model's text in UTF-8, its
 * cursor the model's, its return value the model's; the line is valid UTF-8 without a
 * control or bidi character (it is drawn on the terminal) and within its limit. A view
 * starts on a character boundary at or before the cursor, the cursor's column is the width
 * of what lies between and fits the field, and the field is not left half empty while text
 * to the left is hidden.
 */
#include <string.h>

#include "core/utf8.h"
#include "fuzz.h"
#include "tui/lineedit.h"

struct model {
	uint32_t cp[LINEEDIT_MAX];
	size_t n, cur;   /* code points; the cursor as an index */
	size_t cap;      /* bytes allowed */
};

static size_t enc_len(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static size_t bytes(const struct model *m, size_t upto)
{
	size_t b = 0;
	for (size_t i = 0; i < upto; i++)
		b += enc_len(m->cp[i]);
	return b;
}

/* What the line takes: printable, non-bidi, real code points. */
static int takes(uint32_t cp)
{
	return !(cp < 32 || cp == 127 || (cp >= 0x80 && cp < 0xA0) || cp > 0x10FFFF ||
		 (cp >= 0xD800 && cp <= 0xDFFF) || utf8_is_bidi_control(cp));
}

static int m_insert(struct model *m, uint32_t cp)
{
	if (!takes(cp) || bytes(m, m->n) + enc_len(cp) > m->cap)
		return 0;
	memmove(&m->cp[m->cur + 1], &m->cp[m->cur], (m->n - m->cur) * sizeof m->cp[0]);
	m->cp[m->cur++] = cp;
	m->n++;
	return 1;
}

static int is_word(uint32_t cp)
{
	return cp >= 0x80 || (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

static size_t m_word_left(const struct model *m)
{
	size_t i = m->cur;
	while (i > 0 && !is_word(m->cp[i - 1]))
		i--;
	while (i > 0 && is_word(m->cp[i - 1]))
		i--;
	return i;
}

static size_t m_word_right(const struct model *m)
{
	size_t i = m->cur;
	while (i < m->n && !is_word(m->cp[i]))
		i++;
	while (i < m->n && is_word(m->cp[i]))
		i++;
	return i;
}

static int m_cut(struct model *m, size_t a, size_t b)
{
	if (a >= b)
		return 0;
	memmove(&m->cp[a], &m->cp[b], (m->n - b) * sizeof m->cp[0]);
	m->n -= b - a;
	m->cur = a;
	return 1;
}

static int m_do(struct model *m, enum le_cmd cmd)
{
	switch (cmd) {
	case LE_LEFT: m->cur -= m->cur > 0; return 0;
	case LE_RIGHT: m->cur += m->cur < m->n; return 0;
	case LE_HOME: m->cur = 0; return 0;
	case LE_END: m->cur = m->n; return 0;
	case LE_WORD_LEFT: m->cur = m_word_left(m); return 0;
	case LE_WORD_RIGHT: m->cur = m_word_right(m); return 0;
	case LE_BACKSPACE: return m->cur > 0 && m_cut(m, m->cur - 1, m->cur);
	case LE_DELETE: return m->cur < m->n && m_cut(m, m->cur, m->cur + 1);
	case LE_KILL_WORD: return m_cut(m, m_word_left(m), m->cur);
	case LE_KILL_START: return m_cut(m, 0, m->cur);
	case LE_KILL_END: return m_cut(m, m->cur, m->n);
	}
	return 0;
}

/* The model of lineedit_set: the text's characters as typed at the end, invalid bytes and
 * characters the line does not take left out, up to the first that does not fit. */
static void m_set(struct model *m, const char *text, size_t len)
{
	m->n = m->cur = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(text + i, len - i, &cp);
		i += k;
		if ((cp == UTF8_REPLACEMENT && k == 1) || !takes(cp))
			continue;
		if (!m_insert(m, cp))
			break;
	}
}

/* The editor holds exactly the model's line. */
static void same(const struct lineedit *e, const struct model *m)
{
	char want[LINEEDIT_MAX + 4];
	size_t len = 0;
	for (size_t i = 0; i < m->n; i++)
		len += utf8_encode(m->cp[i], want + len);
	FUZZ_CHECK(e->len == len && e->len <= m->cap && e->buf[e->len] == '\0');
	FUZZ_CHECK(memcmp(e->buf, want, len) == 0);
	FUZZ_CHECK(e->cur == bytes(m, m->cur));
	FUZZ_CHECK(utf8_valid_prefix(e->buf, e->len) == e->len);
	for (size_t i = 0; i < e->len;) {
		uint32_t cp;
		i += utf8_decode(e->buf + i, e->len - i, &cp);
		FUZZ_CHECK(takes(cp));
	}
}

static int boundary(const struct lineedit *e, size_t at)
{
	return at == 0 || at == e->len || ((unsigned char)e->buf[at] & 0xC0) != 0x80;
}

static void check_view(const struct lineedit *e, int width, size_t *from)
{
	int col = lineedit_view(e, width, from);
	FUZZ_CHECK(*from <= e->cur && boundary(e, *from));
	FUZZ_CHECK(col >= 0 && (size_t)col == utf8_width_n(e->buf + *from, e->cur - *from));
	FUZZ_CHECK(col < width);   /* a column left for the cursor itself */
	if (*from > 0) {   /* hidden text on the left: the field shows as much as fits */
		size_t p = *from - 1;
		while (p > 0 && !boundary(e, p))
			p--;
		FUZZ_CHECK((int)utf8_width_n(e->buf + p, e->len - p) >= width);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct lineedit e;
	static struct model m;
	if (size == 0)
		return 0;
	memset(&e, 0, sizeof e);
	e.limit = data[0] < 128 ? 0 : (size_t)(data[0] - 127);   /* 0 or 1..128 bytes */
	m.cap = e.limit ? e.limit : LINEEDIT_MAX - 1;
	m.n = m.cur = 0;
	lineedit_clear(&e);
	size_t from = 0;
	for (size_t i = 1; i < size;) {
		uint8_t op = data[i++];
		size_t left = size - i;
		if (op % 16 <= LE_KILL_END) {
			enum le_cmd cmd = (enum le_cmd)(op % 16);
			FUZZ_CHECK(lineedit_do(&e, cmd) == m_do(&m, cmd));
		} else if (op % 16 == 11 && left > 0) {   /* a character as UTF-8 */
			uint32_t cp;
			size_t k = utf8_decode((const char *)data + i, left, &cp);
			i += k;
			FUZZ_CHECK(lineedit_insert(&e, cp) == m_insert(&m, cp));
		} else if (op % 16 == 12 && left >= 3) {   /* any 24-bit value */
			uint32_t cp = (uint32_t)data[i] << 16 | (uint32_t)data[i + 1] << 8 | data[i + 2];
			i += 3;
			FUZZ_CHECK(lineedit_insert(&e, cp) == m_insert(&m, cp));
		} else if (op % 16 == 13 && left > 0) {   /* set: a length byte, then the text */
			size_t n = data[i++];
			if (n > size - i)
				n = size - i;
			char text[256];
			memcpy(text, data + i, n);
			text[n] = '\0';
			i += n;
			lineedit_set(&e, text);
			m_set(&m, text, strlen(text));
		} else if (op % 16 == 14 && left > 0) {   /* show in a field of 1..200 columns */
			check_view(&e, 1 + data[i++] % 200, &from);
			continue;
		} else if (op % 16 == 15) {
			lineedit_clear(&e);
			m.n = m.cur = 0;
		}
		same(&e, &m);
	}
	return 0;
}
