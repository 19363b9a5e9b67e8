/*
 * chart.h -- charts as text, for the terminal (browser and command line alike): milestones
 * per year as a histogram, and model parameters / training compute over time on a log scale.
 * Drawing uses Unicode block elements, or plain ASCII when utf8 is 0.
 */
#ifndef DLT_CHART_H
#define DLT_CHART_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/model.h"

enum dlt_chart_kind { DLT_CHART_YEARS, DLT_CHART_PARAMS, DLT_CHART_COMPUTE };

/* A rendered chart: `nlines` lines of text (UTF-8, each at most `width` columns), plus for the
 * years chart which column range belongs to which year so a UI can select a bar. */
struct dlt_chart {
	char **lines;
	size_t nlines;
	int *col_year;           /* years chart: year shown at each column (0 = none), width entries */
	int width;
	int first_year, last_year;
};

/* Render a chart of `kind` into at most width x height cells (width >= 20, height >= 6).
 * Years: one bar per year (or per bucket of years when they do not fit), era bands under the
 * axis, counts from the per-year table. Params/compute: one point per model that has the
 * figure, log10 scale on the y axis, years on the x axis, the largest labelled.
 * Returns 0, or -1 on a database error; an empty dataset gives a chart saying so. */
int dlt_chart_render(struct dlt_db *db, enum dlt_chart_kind kind, int width, int height, int utf8,
		     struct dlt_chart *out);
/* Free what a chart holds and zero it. */
void dlt_chart_free(struct dlt_chart *c);

/* A model's figure, as the scale charts plot it (and `chart --format tsv|json` writes it). */
struct dlt_chart_point {
	int64_t id;              /* the milestone */
	int year, month;         /* month 0 when unknown */
	double t;                /* year + month fraction: the x position */
	double raw;              /* the figure: parameters, or training compute in FLOP */
	double v;                /* log10 of the figure: the y position */
	char *name;              /* short name, else title */
};
/* The models that have the figure of a scale chart (kind DLT_CHART_PARAMS or
 * DLT_CHART_COMPUTE), in timeline order. Returns the count (points in *out, malloc'd; free
 * with dlt_chart_points_free), or -1 on a database error (*out NULL). */
ssize_t dlt_chart_points(struct dlt_db *db, enum dlt_chart_kind kind, struct dlt_chart_point **out);
void dlt_chart_points_free(struct dlt_chart_point *p, size_t n);

#endif
