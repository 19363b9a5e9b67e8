/*
 * grid.h -- a canvas of character cells on which the charts (chart.c) are drawn: one code
 * point a cell, a wide character in two (the second holds GRID_CONT), drawing outside the
 * canvas ignored; in ASCII mode text is spelled in ASCII and glyphs have ASCII stand-ins.
 * The canvas becomes lines of UTF-8 without trailing spaces.
 */
#ifndef DLT_MODEL_GRID_H
#define DLT_MODEL_GRID_H

#include <stddef.h>
#include <stdint.h>

#define GRID_CONT 0xFFFFFFFFu   /* the second cell of a wide character */

struct grid {
	int w, h;
	uint32_t *c;   /* h lines of w cells */
	int utf8;      /* UTF-8 glyphs, else ASCII */
};

/* A blank canvas of w x h cells (w, h >= 0). Never fails (aborts when out of memory). */
void grid_init(struct grid *g, int w, int h, int utf8);
/* The cell at (x, y), or NULL outside the canvas. */
uint32_t *grid_cell(struct grid *g, int x, int y);
/* Set the cell at (x, y) to cp; nothing outside the canvas. */
void grid_put(struct grid *g, int x, int y, uint32_t cp);
/* The glyph u in UTF-8 mode, a in ASCII mode. */
uint32_t grid_glyph(const struct grid *g, uint32_t u, char a);
/* Display width of s as grid_text draws it. */
int grid_text_width(const struct grid *g, const char *s);
/* Draw s from column x of line y, at most maxw columns (cut with an ellipsis). Control
 * characters and zero-width marks are skipped. Returns the columns used. */
int grid_text(struct grid *g, int x, int y, const char *s, int maxw);
/* True when the w cells from (x, y) are inside the canvas and blank. */
int grid_blank(struct grid *g, int x, int y, int w);
/* The canvas as g->h malloc'd lines (their number in *n), without trailing spaces; the
 * canvas is freed. */
char **grid_take_lines(struct grid *g, size_t *n);

#endif
