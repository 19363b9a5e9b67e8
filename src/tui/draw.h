/*
 * draw.h -- how the browser puts text on the screen: the look of each screen element
 * (colors from the config, attributes alone on a monochrome terminal), the drawing
 * characters (box drawing under UTF-8, ASCII otherwise), and text clipped to a width and
 * measured as the terminal measures it (wcwidth in the user's locale). Views draw only
 * through these functions and name elements, never curses attributes.
 */
#ifndef DLT_TUI_DRAW_H
#define DLT_TUI_DRAW_H

#include <stddef.h>

#include "tui/curses.h"
#include "tui/config.h"

/* A rectangle of the screen. */
struct rect {
	int y, x, h, w;
};

/* Drawing characters. */
enum glyph {
	G_HLINE, G_VLINE, G_CROSS, G_POINTER, G_BULLET, G_BLOCK, G_HALF, G_DOWN, G_UP, G_RIGHT,
	G_LEFT, G_ELLIPSIS, G_DASH, G_MIDDOT, G_STAR, G_TEE, G_ELBOW, G_CORNER_TL, G_CORNER_TR,
	G_CORNER_BL, G_CORNER_BR, G_RIGHT1, G_LEFT1,   /* one-column arrows */
	G__COUNT
};

/* Set up the looks: colors (when `color`), the config's colors, UTF-8 or ASCII glyphs.
 * Call after curses has started. */
void draw_init(int utf8, int color, const struct color_spec colors[EL__COUNT]);
/* The UTF-8 setting given to draw_init. */
int draw_utf8(void);
/* Whether colors are in use. */
int draw_color(void);
/* The attributes of a screen element. */
attr_t draw_attr(enum tui_element el);
/* The attributes of the band color i (eras: track 0, paradigms: track 1, ...). */
attr_t draw_band(int i, int track);
/* A drawing character (a string: "─" or "-"). */
const char *glyph(enum glyph g);

/* Draw s at (y, x) in at most maxw columns (whole characters); text that does not fit ends
 * with an ellipsis. Returns the columns used. NULL or maxw <= 0 draws nothing. */
int draw_str(int y, int x, int maxw, const char *s, attr_t attr);
/* As draw_str, but cut without a mark (a line of glyphs that runs off the edge). */
int draw_str_clip(int y, int x, int maxw, const char *s, attr_t attr);
/* As draw_str, with the words starting with one of terms[0..n) drawn as EL_MATCH (on a
 * colored bar: bold and underlined in the bar's colors). */
int draw_str_hl(int y, int x, int maxw, const char *s, attr_t attr, char *const *terms, size_t n);
/* Fill w columns at (y, x) with spaces. */
void draw_fill(int y, int x, int w, attr_t attr);
/* A box of at most w x h centred in scr, cleared and framed, its title in the top border;
 * returns its rectangle (the inside is from b.y + 1 to b.y + b.h - 2). */
struct rect draw_overlay(struct rect scr, int w, int h, const char *title);
/* A frame around r, its title in the top border; the inside cleared. */
void draw_box(int y, int x, int h, int w, const char *title);
/* Display width of s as the terminal counts it. */
int draw_width(const char *s);

#endif
