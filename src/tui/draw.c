/*
 * draw.c -- colors, attributes and text drawing for the browser.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "core/utf8.h"
#include "tui/ui.h"

/* Default look of each element: color pair colors and attributes; monochrome keeps only
 * the attributes, so selection, boundaries and matches stay visible without color. */
static const struct { short fg, bg; unsigned attrs; unsigned mono; } defaults[EL__COUNT] = {
	[EL_NORMAL] = {-1, -1, 0, 0},
	[EL_HEADER] = {COLOR_WHITE, COLOR_BLUE, TUI_A_BOLD, TUI_A_REVERSE | TUI_A_BOLD},
	[EL_STATUS] = {COLOR_BLACK, COLOR_CYAN, 0, TUI_A_REVERSE},
	[EL_SELECTED] = {COLOR_BLACK, COLOR_YELLOW, 0, TUI_A_REVERSE},
	[EL_DATE] = {COLOR_CYAN, -1, 0, 0},
	[EL_KIND] = {COLOR_GREEN, -1, 0, TUI_A_DIM},
	[EL_TAG] = {COLOR_MAGENTA, -1, 0, 0},
	[EL_YEAR] = {COLOR_YELLOW, -1, TUI_A_BOLD, TUI_A_BOLD},
	[EL_MATCH] = {COLOR_RED, -1, TUI_A_BOLD | TUI_A_UNDERLINE, TUI_A_BOLD | TUI_A_UNDERLINE},
	[EL_TITLE] = {-1, -1, TUI_A_BOLD, TUI_A_BOLD},
	[EL_LABEL] = {COLOR_CYAN, -1, 0, TUI_A_BOLD},
	[EL_HEADING] = {COLOR_YELLOW, -1, TUI_A_BOLD, TUI_A_BOLD | TUI_A_UNDERLINE},
	[EL_LINK] = {COLOR_BLUE, -1, 0, TUI_A_UNDERLINE},
	[EL_CODE] = {COLOR_GREEN, -1, 0, 0},
	[EL_DIM] = {-1, -1, TUI_A_DIM, TUI_A_DIM},
	[EL_ERROR] = {COLOR_WHITE, COLOR_RED, TUI_A_BOLD, TUI_A_REVERSE | TUI_A_BOLD},
	[EL_SCROLLBAR] = {COLOR_BLUE, -1, 0, 0},
};

#define BAND_COLORS 6
static const short band_colors[BAND_COLORS] = {
	COLOR_BLUE, COLOR_GREEN, COLOR_MAGENTA, COLOR_CYAN, COLOR_RED, COLOR_YELLOW,
};

static attr_t attrs_of(unsigned a)
{
	attr_t r = A_NORMAL;
	if (a & TUI_A_BOLD)
		r |= A_BOLD;
	if (a & TUI_A_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & TUI_A_REVERSE)
		r |= A_REVERSE;
	if (a & TUI_A_DIM)
		r |= A_DIM;
	return r;
}

static attr_t element_attr[EL__COUNT];

void draw_init_colors(struct ui *ui)
{
	if (ui->color) {
		start_color();
		use_default_colors();
	}
	for (int e = 0; e < EL__COUNT; e++) {
		const struct color_spec *cs = &ui->cfg.colors[e];
		short fg = cs->set ? cs->fg : defaults[e].fg;
		short bg = cs->set ? cs->bg : defaults[e].bg;
		unsigned at = cs->set ? cs->attrs : defaults[e].attrs;
		if (ui->color && (fg >= 0 || bg >= 0) && fg < COLORS && bg < COLORS) {
			init_pair((short)(e + 1), fg, bg);
			element_attr[e] = COLOR_PAIR(e + 1) | attrs_of(at);
		} else {
			element_attr[e] = attrs_of(ui->color ? at : (cs->set ? cs->attrs : defaults[e].mono));
		}
	}
	if (ui->color)
		for (int i = 0; i < BAND_COLORS; i++)
			init_pair((short)(EL__COUNT + 1 + i), band_colors[i], band_colors[i]);
}

attr_t ui_attr(const struct ui *ui, enum tui_element el)
{
	(void)ui;
	return element_attr[el];
}

attr_t band_attr(const struct ui *ui, int i, int paradigm)
{
	if (!ui->color)
		return paradigm ? A_DIM : A_NORMAL;
	return COLOR_PAIR(EL__COUNT + 1 + ((i + (paradigm ? 3 : 0)) % BAND_COLORS)) | (paradigm ? A_DIM : 0);
}

const char *glyph(const struct ui *ui, char which)
{
	switch (which) {
	case '-':
		return ui->utf8 ? "─" : "-";
	case '|':
		return ui->utf8 ? "│" : "|";
	case '+':
		return ui->utf8 ? "┼" : "+";
	case '>':
		return ui->utf8 ? "▶" : ">";
	case '*':
		return ui->utf8 ? "•" : "*";
	case '#':
		return ui->utf8 ? "█" : "#";
	case '[':
		return ui->utf8 ? "▐" : "|";
	case 'v':
		return ui->utf8 ? "↓" : "v";
	case '^':
		return ui->utf8 ? "↑" : "^";
	case 'r':
		return ui->utf8 ? "→" : "->";
	case 'l':
		return ui->utf8 ? "←" : "<-";
	}
	return "?";
}

void draw_fill(int y, int x, int w, attr_t attr)
{
	if (w <= 0)
		return;
	attrset(attr);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

/* Draw bytes s[0..len) (valid, sanitised UTF-8) at the cursor; returns columns drawn. */
static int put_run(const struct ui *ui, const char *s, size_t len, int maxw, attr_t attr)
{
	char *ascii = NULL;
	if (!ui->utf8) {
		char *tmp = xstrndup(s, len);
		ascii = utf8_to_ascii(tmp);
		free(tmp);
		s = ascii;
		len = strlen(ascii);
	}
	size_t used;
	size_t n = utf8_prefix_for_width(s, len, (size_t)(maxw > 0 ? maxw : 0), &used);
	wchar_t wbuf[512];
	size_t i = 0;
	attrset(attr);
	while (i < n) {
		size_t k = 0;
		while (i < n && k < DLT_ARRAY_LEN(wbuf)) {
			uint32_t cp;
			i += utf8_decode(s + i, n - i, &cp);
			if (utf8_cpwidth(cp) < 0)
				cp = ' ';
			wbuf[k++] = (wchar_t)cp;
		}
		addnwstr(wbuf, (int)k);
	}
	attrset(A_NORMAL);
	free(ascii);
	return (int)used;
}

int draw_str(const struct ui *ui, int y, int x, int maxw, const char *s, attr_t attr)
{
	if (maxw <= 0 || !s)
		return 0;
	move(y, x);
	return put_run(ui, s, strlen(s), maxw, attr);
}

/* True when s[i] starts a word (previous byte not an ASCII letter/digit). */
static int word_start(const char *s, size_t i)
{
	return i == 0 || !isalnum((unsigned char)s[i - 1]);
}

int draw_str_hl(const struct ui *ui, int y, int x, int maxw, const char *s, attr_t attr)
{
	if (maxw <= 0 || !s)
		return 0;
	if (!ui->q_nterms)
		return draw_str(ui, y, x, maxw, s, attr);
	size_t len = strlen(s), i = 0, seg = 0;
	int used = 0;
	attr_t hl = ui_attr(ui, EL_MATCH) | (attr & A_REVERSE);
	move(y, x);
	while (i < len && used < maxw) {
		size_t mlen = 0;
		if (word_start(s, i))
			for (size_t t = 0; t < ui->q_nterms; t++) {
				size_t tl = strlen(ui->q_terms[t]);
				if (tl && strncasecmp(s + i, ui->q_terms[t], tl) == 0 && tl > mlen)
					mlen = tl;
			}
		if (!mlen) {
			i++;
			continue;
		}
		used += put_run(ui, s + seg, i - seg, maxw - used, attr);
		used += put_run(ui, s + i, mlen, maxw - used, hl);
		i += mlen;
		seg = i;
	}
	if (seg < len && used < maxw)
		used += put_run(ui, s + seg, len - seg, maxw - used, attr);
	return used;
}
