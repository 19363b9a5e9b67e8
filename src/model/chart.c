/*
 * chart.c -- see chart.h. A chart is drawn on a grid of cells, one code point each (wide
 * characters take two cells), then turned into lines without trailing spaces. The years
 * chart reads the per-year table written at import; the scale charts read only the models
 * that have a figure, through the partial index milestones_scale.
 */
#include "model/chart.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "core/utf8.h"
#include "core/util.h"
#include "core/vocab.h"
#include "model/grid.h"

/* Move the grid's lines into out and free the grid. */
static void grid_finish(struct grid *g, struct dlt_chart *out)
{
	out->lines = grid_take_lines(g, &out->nlines);
}

/* A chart of one line saying why there is nothing to draw. */
static void empty_chart(struct dlt_chart *out, int width, int utf8, const char *msg)
{
	struct grid g;
	grid_init(&g, width, 1, utf8);
	grid_text(&g, 0, 0, msg, width);
	grid_finish(&g, out);
}

/* ---- axes ------------------------------------------------------------------------------------- */

/* A tick step in years so that labels (4 digits + a space) fit `cols_per_year` apart. */
static int year_step(double cols_per_year)
{
	static const int steps[] = {1, 2, 5, 10, 20, 25, 50, 100, 200, 500};
	for (size_t i = 0; i < DLT_ARRAY_LEN(steps); i++)
		if (steps[i] * cols_per_year >= 6.0)
			return steps[i];
	return 1000;
}

/* The x axis on line y from column x0 (the corner) to the right edge, with ticks and year
 * labels on line y + 1 at the columns col_of(year). */
struct xaxis {
	int first, last;           /* years */
	int x0;                    /* corner column */
	int x1;                    /* the axis ends before this column */
	int (*col_of)(const void *ctx, int year);
	const void *ctx;
	double cols_per_year;
};

static void draw_xaxis(struct grid *g, int y, const struct xaxis *a)
{
	grid_put(g, a->x0, y, grid_glyph(g, 0x2514, '+'));
	for (int x = a->x0 + 1; x < a->x1 && x < g->w; x++)
		grid_put(g, x, y, grid_glyph(g, 0x2500, '-'));
	int step = year_step(a->cols_per_year);
	int next_free = 0;
	int start = (a->first + step - 1) / step * step;
	for (int yr = start; yr <= a->last; yr += step) {
		int x = a->col_of(a->ctx, yr);
		if (x <= a->x0 || x >= a->x1 || x >= g->w)
			continue;
		grid_put(g, x, y, grid_glyph(g, 0x252C, '+'));
		char lab[16];
		snprintf(lab, sizeof lab, "%d", yr);
		int lw = (int)strlen(lab);
		int lx = x;
		if (lx + lw > g->w)
			lx = g->w - lw;
		if (lx < next_free)
			continue;
		grid_text(g, lx, y + 1, lab, lw);
		next_free = lx + lw + 1;
	}
}

/* ---- the years chart ------------------------------------------------------------------------------- */

struct years_layout {
	int first, last;           /* years shown */
	int per_bar;               /* years per bar */
	int nbars;
	int span;                  /* plot columns used: bar i has [i * span / nbars, (i+1) * span / nbars) */
	int gap;                   /* 1 when bars are wide enough to leave their last column empty */
	int x0;                    /* first plot column */
};

/* First column of bar i (i == nbars: the column after the last bar). */
static int bar_col(const struct years_layout *l, int i)
{
	return l->x0 + (int)((int64_t)i * l->span / l->nbars);
}

static int years_col(const void *ctx, int year)
{
	const struct years_layout *l = ctx;
	return bar_col(l, (year - l->first) / l->per_bar);
}

/* An era band: columns [c0, c1] in lane `lane`, its text, and its key when it needs one. */
struct band {
	int c0, c1, lane;
	char *name;
	char key;
};

static char *era_label(const char *name)
{
	return xstrdup(str_starts(name, "The ") ? name + 4 : name);
}

/* Bands of the eras over the layout, assigned to lanes greedily by start. Returns count. */
static size_t make_bands(const struct years_layout *l, const struct dlt_period *eras, size_t neras,
			 struct band **out, int *nlanes)
{
	struct band *b = xcalloc(neras ? neras : 1, sizeof *b);
	int lane_end[64];
	size_t n = 0;
	*nlanes = 0;
	for (size_t i = 0; i < neras; i++) {
		int s = eras[i].start, e = eras[i].end ? eras[i].end : l->last;
		if (e < l->first || s > l->last)
			continue;
		if (s < l->first)
			s = l->first;
		if (e > l->last)
			e = l->last;
		struct band *x = &b[n];
		x->c0 = years_col(l, s);
		x->c1 = bar_col(l, (e - l->first) / l->per_bar + 1) - 1 - l->gap;   /* under the bar */
		if (x->c1 < x->c0)
			x->c1 = x->c0;
		int lane;
		for (lane = 0; lane < *nlanes && lane_end[lane] >= x->c0; lane++)
			;
		if (lane == (int)DLT_ARRAY_LEN(lane_end))
			continue;
		if (lane == *nlanes)
			(*nlanes)++;
		lane_end[lane] = x->c1;
		x->lane = lane;
		x->name = era_label(eras[i].name);
		n++;
	}
	*out = b;
	return n;
}

/* Legend lines needed for the keyed bands (those in lanes < nlanes) at this width. */
static int legend_lines(const struct grid *g, const struct band *b, size_t n, int nlanes, int width)
{
	int lines = 0, x = width;
	for (size_t i = 0; i < n; i++) {
		if (!b[i].key || b[i].lane >= nlanes)
			continue;
		int w = 2 + grid_text_width(g, b[i].name);
		if (w > width)
			w = width;
		if (x + 2 + w > width) {
			lines++;
			x = w;
		} else {
			x += 2 + w;
		}
	}
	return lines;
}

static void draw_band(struct grid *g, int y, const struct band *b)
{
	int inner = b->c1 - b->c0 - 1;
	if (inner < 1) {           /* one or two columns: the key, or a mark */
		for (int x = b->c0; x <= b->c1; x++)
			grid_put(g, x, y, b->key ? (uint32_t)(unsigned char)b->key : grid_glyph(g, 0x2502, '|'));
		return;
	}
	grid_put(g, b->c0, y, grid_glyph(g, 0x251C, '|'));
	grid_put(g, b->c1, y, grid_glyph(g, 0x2524, '|'));
	for (int x = b->c0 + 1; x < b->c1; x++)
		grid_put(g, x, y, grid_glyph(g, 0x2500, '-'));
	if (b->key) {
		if (inner >= 1)
			grid_put(g, b->c0 + 1 + (inner - 1) / 2, y, (uint32_t)(unsigned char)b->key);
	} else {
		int w = grid_text_width(g, b->name);
		grid_text(g, b->c0 + 1 + (inner - w) / 2, y, b->name, inner);
	}
}

static void draw_legend(struct grid *g, int y, const struct band *b, size_t n, int nlanes)
{
	int x = 0;
	for (size_t i = 0; i < n; i++) {
		if (!b[i].key || b[i].lane >= nlanes)
			continue;
		int w = 2 + grid_text_width(g, b[i].name);
		if (w > g->w)
			w = g->w;
		if (x && x + 2 + w > g->w) {
			y++;
			x = 0;
		} else if (x) {
			x += 2;
		}
		grid_put(g, x, y, (uint32_t)(unsigned char)b[i].key);
		grid_text(g, x + 2, y, b[i].name, w - 2);
		x += w;
	}
}

static int digits(int64_t v)
{
	int d = 1;
	while (v >= 10) {
		v /= 10;
		d++;
	}
	return d;
}

/* The counts per bar of the years chart and its layout for `width` columns. Returns the
 * counts (malloc'd, l->nbars entries), or NULL when there are no years (then *empty is set)
 * or on a database error. Years come from dlt_years_all, which checked their ranges. */
static int64_t *years_buckets(struct dlt_db *db, int width, struct years_layout *l, int *lw, int *empty)
{
	struct dlt_year *years;
	size_t ny = dlt_years_all(db, &years);
	*empty = 0;
	if (dlt_db_failed(db) || !ny) {
		*empty = !dlt_db_failed(db);
		free(years);
		return NULL;
	}
	l->first = years[0].year;
	l->last = years[0].year;
	int64_t maxc = 0;
	for (size_t i = 0; i < ny; i++) {
		l->first = years[i].year < l->first ? years[i].year : l->first;
		l->last = years[i].year > l->last ? years[i].year : l->last;
		maxc = years[i].count > maxc ? years[i].count : maxc;
	}
	int nyears = l->last - l->first + 1;
	*lw = digits(maxc);
	l->x0 = *lw + 1;
	int plot = width - l->x0 > 1 ? width - l->x0 : 1;
	l->per_bar = (nyears + plot - 1) / plot;
	l->nbars = (nyears + l->per_bar - 1) / l->per_bar;
	l->span = plot < l->nbars * 6 ? plot : l->nbars * 6;
	l->gap = l->span / l->nbars >= 3;
	int64_t *count = xcalloc((size_t)l->nbars, sizeof *count);
	for (size_t i = 0; i < ny; i++) {
		int b = (years[i].year - l->first) / l->per_bar;
		assert(b >= 0 && b < l->nbars);
		count[b] += years[i].count;
	}
	free(years);
	return count;
}

/* The title: the years, the years per bar, and the busiest bar. */
static void years_title(struct grid *g, const struct years_layout *l, int64_t top, int top_bar)
{
	char title[160];
	const char *dash = g->utf8 ? "–" : "-";
	int from = l->first + top_bar * l->per_bar;
	if (l->per_bar > 1)
		snprintf(title, sizeof title, "Milestones per year, %d%s%d, %d years a bar (most: %lld in %d%s%d)",
			 l->first, dash, l->last, l->per_bar, (long long)top, from, dash, from + l->per_bar - 1);
	else
		snprintf(title, sizeof title, "Milestones per year, %d%s%d (most: %lld in %d)", l->first, dash, l->last,
			 (long long)top, from);
	grid_text(g, 0, 0, title, g->w);
}

/* The bars, from row 1 to row `rows`, in eighths of a row, and the y axis. */
static void years_bars(struct grid *g, const struct years_layout *l, const int64_t *count, int64_t top, int rows,
		       int lw)
{
	static const uint32_t eighths[] = {' ', 0x2581, 0x2582, 0x2583, 0x2584, 0x2585, 0x2586, 0x2587, 0x2588};
	static const char ascii[] = "   ..::##";
	for (int i = 0; i < l->nbars; i++) {
		/* (counts are at most DLT_YEAR_COUNT_MAX: no overflow) */
		int64_t units = top ? (count[i] * rows * 8 + top / 2) / top : 0;
		if (count[i] > 0 && units == 0)
			units = 1;
		for (int r = 0; r < rows; r++) {
			int64_t e = units - (int64_t)r * 8;
			e = e < 0 ? 0 : e > 8 ? 8 : e;
			for (int x = bar_col(l, i); e && x < bar_col(l, i + 1) - l->gap; x++)
				grid_put(g, x, rows - r, g->utf8 ? eighths[e] : (uint32_t)ascii[e]);
		}
	}
	for (int r = 1; r <= rows; r++)
		grid_put(g, lw, r, grid_glyph(g, 0x2502, '|'));
	char lab[32];
	int k = snprintf(lab, sizeof lab, "%lld", (long long)top);
	grid_text(g, lw - k, 1, lab, k);
	grid_put(g, lw, 1, grid_glyph(g, 0x2524, '+'));
	if (rows >= 4 && top >= 2) {
		/* about half the top, on the row where a bar of that height ends */
		int64_t v = (top + 1) / 2;
		int64_t units = (v * rows * 8 + top / 2) / top;
		int y = rows - (int)((units + 7) / 8 - 1);
		if (y > 2) {
			k = snprintf(lab, sizeof lab, "%lld", (long long)v);
			grid_text(g, lw - k, y, lab, k);
			grid_put(g, lw, y, grid_glyph(g, 0x2524, '+'));
		}
	}
}

/* The era bands under the axis (as many lanes as fit, a key and a legend for the bands too
 * narrow for their name). Returns the rows left for the bars. */
static int years_bands(struct dlt_db *db, struct grid *g, const struct years_layout *l, int height, struct band **out,
		       size_t *nb, int *lanes, int *legend)
{
	struct dlt_period *eras;
	size_t neras = dlt_periods_load(db, DLT_ERAS, &eras);
	int nlanes;
	*nb = make_bands(l, eras, neras, out, &nlanes);
	dlt_periods_free(eras, neras);
	struct band *b = *out;
	char key = 'A';
	for (size_t i = 0; i < *nb; i++)
		if (grid_text_width(g, b[i].name) > b[i].c1 - b[i].c0 - 1)
			b[i].key = key <= 'Z' ? key++ : '?';
	int fixed = 3;    /* title, axis, labels */
	int min_rows = (height - fixed) / 2 > 3 ? (height - fixed) / 2 : 3;
	*lanes = nlanes;
	while (*lanes > 0 && fixed + min_rows + *lanes + legend_lines(g, b, *nb, *lanes, g->w) > height)
		(*lanes)--;
	*legend = legend_lines(g, b, *nb, *lanes, g->w);
	return height - fixed - *lanes - *legend;
}

static int render_years(struct dlt_db *db, int width, int height, int utf8, struct dlt_chart *out)
{
	struct years_layout l = {0};
	int lw, empty;
	int64_t *count = years_buckets(db, width, &l, &lw, &empty);
	if (!count) {
		if (!empty)
			return -1;
		empty_chart(out, width, utf8, "No milestones to chart.");
		return 0;
	}
	int64_t top = 0;
	int top_bar = 0;
	for (int i = 0; i < l.nbars; i++)
		if (count[i] > top) {
			top = count[i];
			top_bar = i;
		}
	struct grid g;
	grid_init(&g, width, height, utf8);
	struct band *bands;
	size_t nb;
	int lanes, legend;
	int rows = years_bands(db, &g, &l, height, &bands, &nb, &lanes, &legend);
	years_title(&g, &l, top, top_bar);
	years_bars(&g, &l, count, top, rows, lw);
	struct xaxis ax = {.first = l.first, .last = l.last, .x0 = lw, .x1 = l.x0 + l.span, .col_of = years_col,
			   .ctx = &l, .cols_per_year = (double)l.span / l.nbars / l.per_bar};
	draw_xaxis(&g, rows + 1, &ax);
	for (size_t i = 0; i < nb; i++)
		if (bands[i].lane < lanes)
			draw_band(&g, rows + 3 + bands[i].lane, &bands[i]);
	if (legend)
		draw_legend(&g, rows + 3 + lanes, bands, nb, lanes);
	for (size_t i = 0; i < nb; i++)
		free(bands[i].name);
	free(bands);
	free(count);

	out->width = width;
	out->first_year = l.first;
	out->last_year = l.last;
	out->col_year = xcalloc((size_t)width, sizeof *out->col_year);
	for (int i = 0; i < l.nbars; i++)
		for (int x = bar_col(&l, i); x < bar_col(&l, i + 1) && x < width; x++)
			out->col_year[x] = l.first + i * l.per_bar;
	grid_finish(&g, out);
	return 0;
}

/* ---- the scale charts ------------------------------------------------------------------------------ */

struct scale_layout {
	double t0, t1;             /* x range in years */
	int x0, plot;              /* first plot column, plot columns */
	int first;
};

static int scale_col(const void *ctx, int year)
{
	const struct scale_layout *l = ctx;
	double f = ((double)year - l->t0) / (l->t1 - l->t0);
	return l->x0 + (int)floor(f * l->plot);
}

/* Braille dot bits by [column][row] within a cell. */
static const uint32_t braille_bit[2][4] = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};

static void format_figure(double v, char *buf, size_t n)
{
	int e = (int)floor(log10(v));
	double m = v / pow(10.0, e);
	if (m >= 9.95) {
		m /= 10;
		e++;
	}
	snprintf(buf, n, "%.1fe%d", m, e);
}

ssize_t dlt_chart_points(struct dlt_db *db, enum dlt_chart_kind kind, struct dlt_chart_point **out)
{
	assert(kind == DLT_CHART_PARAMS || kind == DLT_CHART_COMPUTE);
	int col = kind == DLT_CHART_PARAMS ? 3 : 4;   /* of the scale query */
	sqlite3_stmt *st = dlt_db_stmt(db, Q_CHART_SCALE);
	*out = NULL;
	if (!st)
		return -1;
	struct dlt_chart_point *p = NULL;
	size_t n = 0, cap = 0;
	while (dlt_db_step(db, st) == SQLITE_ROW) {
		double raw = sqlite3_column_double(st, col);
		int64_t year = sqlite3_column_int64(st, 1), month = sqlite3_column_int64(st, 2);
		if (sqlite3_column_type(st, col) == SQLITE_NULL || !(raw > 0) || !isfinite(raw) ||
		    year < DLT_YEAR_MIN || year > DLT_YEAR_MAX)
			continue;
		DLT_GROW(p, n + 1, cap);
		p[n].id = sqlite3_column_int64(st, 0);
		p[n].year = (int)year;
		p[n].month = month >= 1 && month <= 12 ? (int)month : 0;
		p[n].t = (double)year + (month >= 1 && month <= 12 ? ((double)month - 0.5) / 12.0 : 0.5);
		p[n].raw = raw;
		p[n].v = log10(raw);
		p[n].name = dlt_col_text(st, 5);
		if (!p[n].name || !*p[n].name) {
			free(p[n].name);
			p[n].name = dlt_col_text(st, 6);
		}
		if (!p[n].name)
			p[n].name = xstrdup("");
		n++;
	}
	sqlite3_reset(st);
	*out = p;
	if (dlt_db_failed(db)) {
		for (size_t i = 0; i < n; i++)
			free(p[i].name);
		free(p);
		*out = NULL;
		return -1;
	}
	return (ssize_t)n;
}

/* The plot of a scale chart: its ranges and where each thing goes. */
struct scale_plot {
	struct scale_layout l;
	int elo, ehi;              /* decades of the y axis */
	int lw;                    /* width of the y labels */
	int rows;
	int sx, sy;                /* dots per cell across and down */
	size_t big;                /* the largest figure */
	int big_x, big_y;          /* its cell */
};

static void scale_ranges(const struct dlt_chart_point *p, size_t n, int width, int height, int utf8, struct scale_plot *sp)
{
	double vlo = p[0].v, vhi = p[0].v, tlo = p[0].t, thi = p[0].t;
	sp->big = 0;
	for (size_t i = 1; i < n; i++) {
		vlo = fmin(vlo, p[i].v);
		vhi = fmax(vhi, p[i].v);
		tlo = fmin(tlo, p[i].t);
		thi = fmax(thi, p[i].t);
		if (p[i].raw > p[sp->big].raw)
			sp->big = i;
	}
	sp->elo = (int)floor(vlo);
	sp->ehi = (int)ceil(vhi);
	if (sp->ehi <= sp->elo)
		sp->ehi = sp->elo + 1;
	sp->l = (struct scale_layout){.t0 = floor(tlo), .t1 = floor(thi) + 1};
	sp->lw = 0;
	for (int e = sp->elo; e <= sp->ehi; e++) {   /* y labels: "1e12" */
		char lab[16];
		int k = snprintf(lab, sizeof lab, "1e%d", e);
		sp->lw = k > sp->lw ? k : sp->lw;
	}
	sp->l.x0 = sp->lw + 1;
	sp->l.plot = width - sp->l.x0 > 1 ? width - sp->l.x0 : 1;
	sp->l.first = (int)sp->l.t0;
	sp->rows = height - 3;
	sp->sx = utf8 ? 2 : 1;
	sp->sy = utf8 ? 4 : 1;
}

/* The dots: braille gives 2 x 4 dots a cell; ASCII one mark a cell. */
static void scale_dots(struct grid *g, const struct dlt_chart_point *p, size_t n, struct scale_plot *sp)
{
	double yspan = sp->ehi - sp->elo, tspan = sp->l.t1 - sp->l.t0;
	int cols = sp->l.plot * sp->sx, lines = sp->rows * sp->sy;
	for (size_t i = 0; i < n; i++) {
		int fx = (int)floor((p[i].t - sp->l.t0) / tspan * cols);
		int fy = (int)floor((p[i].v - sp->elo) / yspan * (lines - 1) + 0.5);
		fx = fx < 0 ? 0 : fx >= cols ? cols - 1 : fx;
		fy = fy < 0 ? 0 : fy >= lines ? lines - 1 : fy;
		int x = sp->l.x0 + fx / sp->sx, y = sp->rows - fy / sp->sy;   /* grid line 1..rows */
		uint32_t *c = grid_cell(g, x, y);
		if (!c)
			continue;
		if (g->utf8) {
			uint32_t bits = (*c >= 0x2800 && *c <= 0x28FF) ? *c - 0x2800 : 0;
			*c = 0x2800 + (bits | braille_bit[fx % 2][3 - fy % 4]);
		} else {
			*c = '*';
		}
		if (i == sp->big) {
			sp->big_x = x;
			sp->big_y = y;
		}
	}
}

/* The y axis with decade labels, and the largest figure labelled beside its dot (right,
 * left, then the lines around). */
static void scale_labels(struct grid *g, const struct dlt_chart_point *p, const struct scale_plot *sp)
{
	for (int r = 1; r <= sp->rows; r++)
		grid_put(g, sp->lw, r, grid_glyph(g, 0x2502, '|'));
	int last_row = -1;
	double yspan = sp->ehi - sp->elo;
	for (int e = sp->ehi; e >= sp->elo; e--) {
		int fy = (int)floor((e - sp->elo) / yspan * (sp->rows * sp->sy - 1) + 0.5);
		int y = sp->rows - fy / sp->sy;
		if (y == last_row)
			continue;
		char lab[16];
		int k = snprintf(lab, sizeof lab, "1e%d", e);
		grid_text(g, sp->lw - k, y, lab, k);
		grid_put(g, sp->lw, y, grid_glyph(g, 0x2524, '+'));
		last_row = y;
	}
	char fig[32], label[200];
	format_figure(p[sp->big].raw, fig, sizeof fig);
	snprintf(label, sizeof label, "%.150s %s", p[sp->big].name, fig);
	int w = grid_text_width(g, label);
	static const int dy[] = {0, -1, 1};
	for (size_t k = 0; k < DLT_ARRAY_LEN(dy); k++) {
		int y = sp->big_y + dy[k];
		if (y < 1 || y > sp->rows)
			continue;
		if (sp->big_x + 2 + w <= g->w && grid_blank(g, sp->big_x + 1, y, w + 1)) {
			grid_text(g, sp->big_x + 2, y, label, w);
			break;
		}
		if (sp->big_x - 1 - w > sp->lw && grid_blank(g, sp->big_x - 1 - w, y, w + 1)) {
			grid_text(g, sp->big_x - 1 - w, y, label, w);
			break;
		}
	}
}

static int render_scale(struct dlt_db *db, enum dlt_chart_kind kind, int width, int height, int utf8,
			struct dlt_chart *out)
{
	struct dlt_chart_point *p;
	ssize_t got = dlt_chart_points(db, kind, &p);
	if (got < 0)
		return -1;
	size_t n = (size_t)got;
	if (!n) {
		empty_chart(out, width, utf8, kind == DLT_CHART_PARAMS ? "No model has a parameter count."
								 : "No model has a training-compute figure.");
		free(p);
		return 0;
	}
	struct scale_plot sp = {0};
	scale_ranges(p, n, width, height, utf8, &sp);
	struct grid g;
	grid_init(&g, width, height, utf8);
	char title[160];
	const char *dash = utf8 ? "–" : "-";
	const char *what = kind == DLT_CHART_PARAMS ? "Parameters" : "Training compute (FLOP)";
	if ((int)sp.l.t1 - 1 > (int)sp.l.t0)
		snprintf(title, sizeof title, "%s, log scale: %zu model%s, %d%s%d", what, n, n == 1 ? "" : "s",
			 (int)sp.l.t0, dash, (int)sp.l.t1 - 1);
	else
		snprintf(title, sizeof title, "%s, log scale: %zu model%s, %d", what, n, n == 1 ? "" : "s", (int)sp.l.t0);
	grid_text(&g, 0, 0, title, width);
	scale_dots(&g, p, n, &sp);
	scale_labels(&g, p, &sp);
	double tspan = sp.l.t1 - sp.l.t0;
	struct xaxis ax = {.first = (int)sp.l.t0, .last = (int)sp.l.t1 - 1, .x0 = sp.lw, .col_of = scale_col,
			   .ctx = &sp.l, .x1 = width, .cols_per_year = sp.l.plot / tspan};
	draw_xaxis(&g, sp.rows + 1, &ax);

	out->width = width;
	out->first_year = (int)sp.l.t0;
	out->last_year = (int)sp.l.t1 - 1;
	out->col_year = xcalloc((size_t)width, sizeof *out->col_year);
	for (int x = sp.l.x0; x < width; x++)
		out->col_year[x] = (int)floor(sp.l.t0 + (x - sp.l.x0 + 0.5) / sp.l.plot * tspan);
	dlt_chart_points_free(p, n);
	grid_finish(&g, out);
	return 0;
}

int dlt_chart_render(struct dlt_db *db, enum dlt_chart_kind kind, int width, int height, int utf8,
		     struct dlt_chart *out)
{
	memset(out, 0, sizeof *out);
	width = width < 20 ? 20 : width > 1000 ? 1000 : width;
	height = height < 6 ? 6 : height > 1000 ? 1000 : height;
	out->width = width;
	int rc = kind == DLT_CHART_YEARS ? render_years(db, width, height, utf8, out)
					 : render_scale(db, kind, width, height, utf8, out);
	if (rc < 0)
		dlt_chart_free(out);
	else if (!out->col_year)
		out->col_year = xcalloc((size_t)width, sizeof *out->col_year);
	return rc;
}

void dlt_chart_points_free(struct dlt_chart_point *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(p[i].name);
	free(p);
}

void dlt_chart_free(struct dlt_chart *c)
{
	for (size_t i = 0; i < c->nlines; i++)
		free(c->lines[i]);
	free(c->lines);
	free(c->col_year);
	memset(c, 0, sizeof *c);
}
