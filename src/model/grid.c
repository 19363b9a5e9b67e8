/*
 * grid.c -- see grid.h.
 */
#include "model/grid.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/util.h"

void grid_init(struct grid *g, int w, int h, int utf8)
{
	assert(w >= 0 && h >= 0);
	g->w = w;
	g->h = h;
	g->utf8 = utf8;
	g->c = xmalloc((size_t)w * (size_t)h * sizeof *g->c);
	for (size_t i = 0; i < (size_t)w * (size_t)h; i++)
		g->c[i] = ' ';
}

uint32_t *grid_cell(struct grid *g, int x, int y)
{
	return x >= 0 && y >= 0 && x < g->w && y < g->h ? &g->c[(size_t)y * (size_t)g->w + (size_t)x] : NULL;
}

void grid_put(struct grid *g, int x, int y, uint32_t cp)
{
	uint32_t *p = grid_cell(g, x, y);
	if (p)
		*p = cp;
}

uint32_t grid_glyph(const struct grid *g, uint32_t u, char a)
{
	return g->utf8 ? u : (uint32_t)(unsigned char)a;
}

int grid_text_width(const struct grid *g, const char *s)
{
	if (g->utf8)
		return (int)utf8_width(s);
	char *a = utf8_to_ascii(s);
	int w = (int)strlen(a);
	free(a);
	return w;
}

int grid_text(struct grid *g, int x, int y, const char *s, int maxw)
{
	char *a = g->utf8 ? xstrdup(s) : utf8_to_ascii(s);
	int full = grid_text_width(g, s), used = 0;
	int ell = g->utf8 ? 1 : 3;                 /* "…" or "..." */
	if (full > maxw && maxw < ell)
		ell = maxw;
	int room = full > maxw ? maxw - ell : maxw;
	size_t len = strlen(a), i = 0;
	while (i < len && room > 0) {
		uint32_t cp;
		i += utf8_decode(a + i, len - i, &cp);
		int cw = utf8_cpwidth(cp);
		if (cw <= 0)
			continue;
		if (cw > room)
			break;
		grid_put(g, x + used, y, cp);
		if (cw == 2)
			grid_put(g, x + used + 1, y, GRID_CONT);
		used += cw;
		room -= cw;
	}
	for (int k = 0; full > maxw && k < ell; k++)
		grid_put(g, x + used++, y, grid_glyph(g, 0x2026, '.'));
	free(a);
	return used;
}

int grid_blank(struct grid *g, int x, int y, int w)
{
	for (int i = 0; i < w; i++) {
		uint32_t *p = grid_cell(g, x + i, y);
		if (!p || *p != ' ')
			return 0;
	}
	return 1;
}

/* Line y as UTF-8, without trailing spaces. */
static char *grid_line(const struct grid *g, int y)
{
	struct strbuf sb = {0};
	int end = g->w;
	while (end > 0 && g->c[(size_t)y * (size_t)g->w + (size_t)end - 1] == ' ')
		end--;
	for (int x = 0; x < end; x++) {
		uint32_t cp = g->c[(size_t)y * (size_t)g->w + (size_t)x];
		if (cp == GRID_CONT)
			continue;
		char buf[4];
		sb_addn(&sb, buf, utf8_encode(cp, buf));
	}
	return sb_detach(&sb);
}

char **grid_take_lines(struct grid *g, size_t *n)
{
	char **lines = xcalloc((size_t)g->h, sizeof *lines);
	*n = (size_t)g->h;
	for (int y = 0; y < g->h; y++)
		lines[y] = grid_line(g, y);
	free(g->c);
	g->c = NULL;
	return lines;
}
