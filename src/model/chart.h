/*
 * chart.h -- charts as text, for the terminal (browser and command line alike): milestones
 * per year as a histogram, and model parameters / training compute over time on a log scale.
 * Drawing uses Unicode block elements, or plain ASCII when utf8 is 0.
 */
#ifndef DLT_CHART_H
#define DLT_CHART_H

#include <stddef.h>
#include <stdint.h>

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

#endif
