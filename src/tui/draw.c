/*
 * draw.c -- see draw.h. The looks and the glyph set are module state, set once by
 * draw_init(): the browser has one screen.
 */
#include "tui/draw.h"

#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "core/utf8.h"
#include "core/util.h"

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

static const char *const glyphs[2][G__COUNT] = {
	{
		[G_HLINE] = "-", [G_VLINE] = "|", [G_CROSS] = "+", [G_POINTER] = ">", [G_BULLET] = "*",
		[G_BLOCK] = "#", [G_HALF] = "|", [G_DOWN] = "v", [G_UP] = "^", [G_RIGHT] = "->",
		[G_LEFT] = "<-", [G_ELLIPSIS] = "~", [G_DASH] = "--", [G_MIDDOT] = "/", [G_STAR] = "+",
		[G_TEE] = "|-", [G_ELBOW] = "`-", [G_CORNER_TL] = "+", [G_CORNER_TR] = "+",
		[G_CORNER_BL] = "+", [G_CORNER_BR] = "+", [G_RIGHT1] = ">", [G_LEFT1] = "<",
	},
	{
		[G_HLINE] = "─", [G_VLINE] = "│", [G_CROSS] = "┼", [G_POINTER] = "▶", [G_BULLET] = "•",
		[G_BLOCK] = "█", [G_HALF] = "▐", [G_DOWN] = "↓", [G_UP] = "↑", [G_RIGHT] = "→",
		[G_LEFT] = "←", [G_ELLIPSIS] = "…", [G_DASH] = "—", [G_MIDDOT] = "·", [G_STAR] = "★",
		[G_TEE] = "├─", [G_ELBOW] = "└─", [G_CORNER_TL] = "┌", [G_CORNER_TR] = "┐",
		[G_CORNER_BL] = "└", [G_CORNER_BR] = "┘", [G_RIGHT1] = "▸", [G_LEFT1] = "◂",
	},
};

static int use_utf8, use_color;
static attr_t element_attr[EL__COUNT];

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

void draw_init(int utf8, int color, const struct color_spec colors[EL__COUNT])
{
	use_utf8 = utf8;
	use_color = color;
	if (color) {
		start_color();
		use_default_colors();
	}
	for (int e = 0; e < EL__COUNT; e++) {
		const struct color_spec *cs = &colors[e];
		short fg = cs->set ? cs->fg : defaults[e].fg;
		short bg = cs->set ? cs->bg : defaults[e].bg;
		unsigned at = cs->set ? cs->attrs : defaults[e].attrs;
		if (color && (fg >= 0 || bg >= 0) && fg < COLORS && bg < COLORS) {
			init_pair((short)(e + 1), fg, bg);
			element_attr[e] = COLOR_PAIR(e + 1) | attrs_of(at);
		} else {
			element_attr[e] = attrs_of(color ? at : (cs->set ? cs->attrs : defaults[e].mono));
		}
	}
	if (color)
		for (int i = 0; i < BAND_COLORS; i++)
			init_pair((short)(EL__COUNT + 1 + i), band_colors[i], band_colors[i]);
}

int draw_utf8(void)
{
	return use_utf8;
}

int draw_color(void)
{
	return use_color;
}

attr_t draw_attr(enum tui_element el)
{
	assert(el >= 0 && el < EL__COUNT);
	return element_attr[el];
}

attr_t draw_band(int i, int track)
{
	if (!use_color)
		return track ? A_DIM : A_NORMAL;
	return COLOR_PAIR(EL__COUNT + 1 + ((i + track * 2) % BAND_COLORS)) | (track ? A_DIM : 0);
}

const char *glyph(enum glyph g)
{
	assert(g >= 0 && g < G__COUNT);
	return glyphs[use_utf8 != 0][g];
}

void draw_fill(int y, int x, int w, attr_t attr)
{
	if (w <= 0)
		return;
	attrset(attr);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

int draw_width(const char *s)
{
	if (!use_utf8) {
		char *a = utf8_to_ascii(s);
		int w = (int)strlen(a);
		free(a);
		return w;
	}
	return (int)utf8_width(s);
}

/* Draw bytes s[0..len) (valid, sanitised UTF-8) at the cursor; returns columns drawn. */
static int put_run(const char *s, size_t len, int maxw, attr_t attr)
{
	char *ascii = NULL;
	if (!use_utf8) {
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

/* The columns of s that fit in maxw with room for an ellipsis when s is wider: the byte
 * length to draw, and whether the ellipsis follows. */
static size_t cut_at(const char *s, int maxw, int *ellipsis)
{
	size_t len = strlen(s);
	*ellipsis = draw_width(s) > maxw;
	if (!*ellipsis)
		return len;
	if (!use_utf8) {   /* the ASCII spelling is cut, by put_run, to maxw - 1 */
		return len;
	}
	return utf8_prefix_for_width(s, len, (size_t)(maxw > 1 ? maxw - 1 : 0), NULL);
}

int draw_str(int y, int x, int maxw, const char *s, attr_t attr)
{
	if (maxw <= 0 || !s)
		return 0;
	int ell;
	size_t n = cut_at(s, maxw, &ell);
	move(y, x);
	int used = put_run(s, n, ell ? maxw - 1 : maxw, attr);
	if (ell)
		used += put_run(glyph(G_ELLIPSIS), strlen(glyph(G_ELLIPSIS)), 1, attr);
	return used;
}

int draw_str_clip(int y, int x, int maxw, const char *s, attr_t attr)
{
	if (maxw <= 0 || !s)
		return 0;
	move(y, x);
	return put_run(s, strlen(s), maxw, attr);
}

/* True when s[i] starts a word (previous byte not an ASCII letter/digit). */
static int word_start(const char *s, size_t i)
{
	return i == 0 || !isalnum((unsigned char)s[i - 1]);
}

int draw_str_hl(int y, int x, int maxw, const char *s, attr_t attr, char *const *terms, size_t nterms)
{
	if (maxw <= 0 || !s)
		return 0;
	if (!nterms)
		return draw_str(y, x, maxw, s, attr);
	int ell = draw_width(s) > maxw;
	if (ell)
		maxw--;   /* room for the ellipsis */
	size_t len = strlen(s), i = 0, seg = 0;
	int used = 0;
	/* on a colored bar (the selection) a match keeps the bar's colors: no hole in it */
	attr_t hl = PAIR_NUMBER(attr) ? attr | A_BOLD | A_UNDERLINE : draw_attr(EL_MATCH) | (attr & A_REVERSE);
	move(y, x);
	while (i < len && used < maxw) {
		size_t mlen = 0;
		if (word_start(s, i))
			for (size_t t = 0; t < nterms; t++) {
				size_t tl = strlen(terms[t]);
				if (tl && strncasecmp(s + i, terms[t], tl) == 0 && tl > mlen)
					mlen = tl;
			}
		if (!mlen) {
			i++;
			continue;
		}
		used += put_run(s + seg, i - seg, maxw - used, attr);
		used += put_run(s + i, mlen, maxw - used, hl);
		i += mlen;
		seg = i;
	}
	if (seg < len && used < maxw)
		used += put_run(s + seg, len - seg, maxw - used, attr);
	if (ell) {
		move(y, x + used);
		used += put_run(glyph(G_ELLIPSIS), strlen(glyph(G_ELLIPSIS)), 1, attr);
	}
	return used;
}

void draw_box(int y, int x, int h, int w, const char *title)
{
	attr_t frame = draw_attr(EL_DIM);
	for (int r = 0; r < h; r++)
		draw_fill(y + r, x, w, A_NORMAL);
	for (int c = 1; c < w - 1; c++) {
		draw_str(y, x + c, 1, glyph(G_HLINE), frame);
		draw_str(y + h - 1, x + c, 1, glyph(G_HLINE), frame);
	}
	for (int r = 1; r < h - 1; r++) {
		draw_str(y + r, x, 1, glyph(G_VLINE), frame);
		draw_str(y + r, x + w - 1, 1, glyph(G_VLINE), frame);
	}
	draw_str(y, x, 1, glyph(G_CORNER_TL), frame);
	draw_str(y, x + w - 1, 1, glyph(G_CORNER_TR), frame);
	draw_str(y + h - 1, x, 1, glyph(G_CORNER_BL), frame);
	draw_str(y + h - 1, x + w - 1, 1, glyph(G_CORNER_BR), frame);
	if (title && w > 6) {
		int tx = x + 2;
		tx += draw_str(y, tx, 1, " ", draw_attr(EL_HEADING));
		tx += draw_str(y, tx, w - 6, title, draw_attr(EL_HEADING));
		draw_str(y, tx, 1, " ", draw_attr(EL_HEADING));
	}
}

struct rect draw_overlay(struct rect scr, int w, int h, const char *title)
{
	struct rect b;
	b.w = w < scr.w - 2 ? w : scr.w - 2;
	b.h = h < scr.h - 2 ? h : scr.h - 2;
	if (b.w < 10)
		b.w = scr.w;
	if (b.h < 3)
		b.h = scr.h;
	b.x = scr.x + (scr.w - b.w) / 2;
	b.y = scr.y + (scr.h - b.h) / 2;
	draw_box(b.y, b.x, b.h, b.w, title);
	return b;
}
