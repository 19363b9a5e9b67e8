/*
 * detail.c -- see detail.h.
 */
#include "model/detail.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"

void dlt_format_date(int year, int month, char *buf, size_t size)
{
	if (month >= 1 && month <= 12)
		snprintf(buf, size, "%04d-%02d", year, month);
	else
		snprintf(buf, size, "%04d", year);
}

void dlt_format_quantity(double v, int flop, char *buf, size_t size)
{
	static const struct { double scale; const char *suffix; } units[] = {
		{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"},
	};
	if (flop || v >= 1e15) {
		int e = (int)floor(log10(v));
		snprintf(buf, size, "%.1fe%d", v / pow(10, e), e);
		return;
	}
	for (size_t i = 0; i < DLT_ARRAY_LEN(units); i++)
		if (v >= units[i].scale) {
			double x = v / units[i].scale;
			snprintf(buf, size, x >= 100 ? "%.0f%s" : x >= 10 ? "%.3g%s" : "%.2g%s", x, units[i].suffix);
			return;
		}
	snprintf(buf, size, "%.0f", v);
}

char *dlt_milestone_link(const struct dlt_milestone *m)
{
	struct strbuf sb = {0};
	if (m->url)
		sb_add(&sb, m->url);
	else if (m->arxiv)
		sb_addf(&sb, "https://arxiv.org/abs/%s", m->arxiv);
	else if (m->doi)
		sb_addf(&sb, "https://doi.org/%s", m->doi);
	else
		return NULL;
	return sb_detach(&sb);
}

int dlt_url_is_web(const char *url)
{
	static const char *const schemes[] = {"http://", "https://"};
	if (!url)
		return 0;
	for (size_t i = 0; i < DLT_ARRAY_LEN(schemes); i++) {
		size_t n = strlen(schemes[i]);
		if (strncasecmp(url, schemes[i], n) == 0) {   /* then a host: a name, [IPv6] or IDN */
			unsigned char c = (unsigned char)url[n];
			return isalnum(c) || c == '[' || c >= 0x80;
		}
	}
	return 0;
}

struct fields {
	struct dlt_field *v;
	size_t n, cap;
};

static void add(struct fields *f, const char *label, char *value, enum dlt_field_style style)
{
	if (!value || !*value) {
		free(value);
		return;
	}
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->v = xrealloc(f->v, f->cap * sizeof *f->v);
	}
	f->v[f->n++] = (struct dlt_field){label, value, style};
}

static char *join(char *const *v, size_t n, const char *sep)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_add(&sb, sep);
		sb_add(&sb, v[i]);
	}
	return n ? sb_detach(&sb) : NULL;
}

size_t dlt_detail_fields(const struct dlt_milestone *m, struct dlt_field **out)
{
	struct fields f = {0};
	char buf[64];
	struct strbuf sb = {0};

	dlt_format_date(m->row.year, m->row.month, buf, sizeof buf);
	sb_addf(&sb, "%s  (%s)", buf, m->row.kind);
	add(&f, "Date", sb_detach(&sb), DLT_FS_LINE);

	char *authors = join(m->authors, m->nauthors, ", ");
	if (authors && m->author_count > (int)m->nauthors) {
		sb_add(&sb, authors);
		sb_addf(&sb, " and %d more (%d authors)", m->author_count - (int)m->nauthors, m->author_count);
		free(authors);
		authors = sb_detach(&sb);
	}
	add(&f, "Authors", authors, DLT_FS_LINE);
	add(&f, "Organization", xstrdup(m->organization), DLT_FS_LINE);
	if (m->venue && m->venue_type)
		sb_addf(&sb, "%s  (%s)", m->venue, m->venue_type);
	add(&f, "Venue", m->venue && m->venue_type ? sb_detach(&sb) : xstrdup(m->venue), DLT_FS_LINE);
	add(&f, "Paper", xstrdup(m->paper_title), DLT_FS_LINE);
	add(&f, "arXiv", xstrdup(m->arxiv), DLT_FS_LINE);
	add(&f, "DOI", xstrdup(m->doi), DLT_FS_LINE);
	add(&f, "URL", xstrdup(m->url), DLT_FS_LINE);
	add(&f, "Era", xstrdup(m->era_name), DLT_FS_LINE);
	add(&f, "Also in", xstrdup(m->other_eras), DLT_FS_LINE);
	add(&f, "Paradigm", xstrdup(m->paradigm_name), DLT_FS_LINE);
	for (size_t i = 0; i < m->ntags; i++) {
		if (i)
			sb_add(&sb, ", ");
		sb_add(&sb, m->tags[i].name);
	}
	add(&f, "Tags", m->ntags ? sb_detach(&sb) : NULL, DLT_FS_LINE);
	add(&f, "Also known as", join(m->aliases, m->naliases, "; "), DLT_FS_LINE);
	if (m->parameters > 0 || m->training_compute > 0) {
		if (m->parameters > 0) {
			dlt_format_quantity(m->parameters, 0, buf, sizeof buf);
			sb_addf(&sb, "%s parameters", buf);
		}
		if (m->training_compute > 0) {
			dlt_format_quantity(m->training_compute, 1, buf, sizeof buf);
			sb_addf(&sb, "%s%s FLOP of training compute", sb.len ? ", " : "", buf);
		}
		if (m->scale_source)
			sb_addf(&sb, " (source: %s)", m->scale_source);
		add(&f, "Scale", sb_detach(&sb), DLT_FS_LINE);
	}
	/* an event tells what happened in the places of problem, insight and impact */
	int event = m->row.kind && strcmp(m->row.kind, "event") == 0;
	add(&f, "Summary", xstrdup(m->summary), DLT_FS_PARAGRAPH);
	add(&f, event ? "Background" : "Problem", xstrdup(m->problem), DLT_FS_PARAGRAPH);
	add(&f, event ? "What happened" : "Insight", xstrdup(m->insight), DLT_FS_PARAGRAPH);
	add(&f, event ? "Why it mattered" : "Impact", xstrdup(m->impact), DLT_FS_PARAGRAPH);
	add(&f, "Formula", xstrdup(m->formula), DLT_FS_CODE);
	add(&f, "Architecture", xstrdup(m->architecture), DLT_FS_CODE);
	for (size_t i = 0; i < m->nfigures; i++) {
		sb_addf(&sb, "%s%s", i ? "\n" : "", m->figures[i].text);
		if (m->figures[i].source)
			sb_addf(&sb, " (source: %s)", m->figures[i].source);
	}
	add(&f, "Key figures", m->nfigures ? sb_detach(&sb) : NULL, DLT_FS_LIST);
	add(&f, "Anecdote", xstrdup(m->anecdote), DLT_FS_PARAGRAPH);
	add(&f, "Sources", join(m->sources, m->nsources, "\n"), DLT_FS_LIST);
	sb_free(&sb);
	*out = f.v;
	return f.n;
}

void dlt_fields_free(struct dlt_field *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(f[i].value);
	free(f);
}
