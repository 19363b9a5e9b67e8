/*
 * detail.h -- the fields of a milestone in reading order, as labelled text. The detail
 * pane and `dltimeline show` both lay out this one list, so they never disagree.
 */
#ifndef DLT_DETAIL_H
#define DLT_DETAIL_H

#include <stddef.h>

#include "model/model.h"

enum dlt_field_style {
	DLT_FS_LINE,       /* "Label: value" on one (wrapped) line */
	DLT_FS_PARAGRAPH,  /* a heading, then the value as a paragraph */
	DLT_FS_CODE,       /* a heading, then the value verbatim (formula, architecture) */
	DLT_FS_LIST,       /* a heading, then one bullet per line of the value */
};

struct dlt_field {
	const char *label;        /* "Authors", "Problem", ... */
	char *value;              /* owned; lines separated by '\n' for DLT_FS_LIST */
	enum dlt_field_style style;
};

/* The present fields of m in reading order (absent ones are skipped). Returns the count and
 * a malloc'd array (free with dlt_fields_free). Links are not included. */
size_t dlt_detail_fields(const struct dlt_milestone *m, struct dlt_field **out);
void dlt_fields_free(struct dlt_field *f, size_t n);

/* "2017-06" or "2017" into buf (at least 8 bytes). */
void dlt_format_date(int year, int month, char *buf, size_t size);
/* A number with an SI-style suffix: 1.75e11 -> "175B", 3.14e23 -> "3.1e23". */
void dlt_format_quantity(double v, int flop, char *buf, size_t size);
/* The web address of a milestone: url, else arXiv page, else DOI resolver; NULL if none.
 * Returns a malloc'd string. */
char *dlt_milestone_link(const struct dlt_milestone *m);
/* 1 when url is a web address that may be handed to a browser: "http://" or "https://"
 * (the scheme in any case) and a host; 0 for anything else -- another scheme (file:,
 * javascript:, data:), no scheme, or text a program could take for an option ("-..."). */
int dlt_url_is_web(const char *url);

#endif
