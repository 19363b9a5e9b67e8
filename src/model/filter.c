/*
 * filter.c -- see filter.h.
 */
#include "model/filter.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

/* ---- filters -------------------------------------------------------------------------------- */

void dlt_filter_clear(struct dlt_filter *f)
{
	free(f->query);
	free(f->words);
	free(f->tags);
	for (size_t i = 0; i < f->nkinds; i++)
		free(f->kinds[i]);
	free(f->kinds);
	free(f->eras);
	free(f->paradigms);
	free(f->ids);
	free(f->label);
	if (f->also) {
		dlt_filter_clear(f->also);
		free(f->also);
	}
	memset(f, 0, sizeof *f);
}

static int64_t *copy_ids(const int64_t *v, size_t n)
{
	if (!n)
		return NULL;
	int64_t *c = xmalloc(n * sizeof *c);
	memcpy(c, v, n * sizeof *c);
	return c;
}

void dlt_filter_copy(struct dlt_filter *dst, const struct dlt_filter *src)
{
	*dst = *src;
	dst->query = xstrdup(src->query);
	dst->words = xstrdup(src->words);
	dst->label = xstrdup(src->label);
	dst->tags = copy_ids(src->tags, src->ntags);
	dst->eras = copy_ids(src->eras, src->neras);
	dst->paradigms = copy_ids(src->paradigms, src->nparadigms);
	dst->ids = copy_ids(src->ids, src->nids);
	dst->kinds = src->nkinds ? xmalloc(src->nkinds * sizeof *dst->kinds) : NULL;
	for (size_t i = 0; i < src->nkinds; i++)
		dst->kinds[i] = xstrdup(src->kinds[i]);
	if (src->also) {
		dst->also = xmalloc(sizeof *dst->also);
		dlt_filter_copy(dst->also, src->also);
	}
}

int dlt_filter_is_empty(const struct dlt_filter *f)
{
	for (; f; f = f->also)
		if (f->query || f->ntags || f->nkinds || f->neras || f->nparadigms || f->only_ids ||
		    f->year_from || f->year_to)
			return 0;
	return 1;
}

static void add_id(int64_t **v, size_t *n, int64_t x)
{
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i] == x)
			return;
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = x;
}

void dlt_filter_add_tag(struct dlt_filter *f, int64_t tag)
{
	add_id(&f->tags, &f->ntags, tag);
}

void dlt_filter_add_era(struct dlt_filter *f, int64_t era)
{
	add_id(&f->eras, &f->neras, era);
}

void dlt_filter_add_paradigm(struct dlt_filter *f, int64_t paradigm)
{
	add_id(&f->paradigms, &f->nparadigms, paradigm);
}

void dlt_filter_add_kind(struct dlt_filter *f, const char *kind)
{
	assert(kind);
	for (size_t i = 0; i < f->nkinds; i++)
		if (strcmp(f->kinds[i], kind) == 0)
			return;
	f->kinds = xrealloc(f->kinds, (f->nkinds + 1) * sizeof *f->kinds);
	f->kinds[f->nkinds++] = xstrdup(kind);
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

void dlt_filter_set_ids(struct dlt_filter *f, const int64_t *ids, size_t n)
{
	free(f->ids);
	f->ids = copy_ids(ids, n);
	f->nids = 0;
	if (n)
		qsort(f->ids, n, sizeof *f->ids, cmp_id);
	for (size_t i = 0; i < n; i++)   /* sorted, without repeats */
		if (!f->nids || f->ids[f->nids - 1] != f->ids[i])
			f->ids[f->nids++] = f->ids[i];
	f->only_ids = 1;
}

void dlt_filter_set_query(struct dlt_filter *f, const char *expr)
{
	free(f->query);
	f->query = xstrdup(expr);
}

void dlt_filter_merge(struct dlt_filter *dst, const struct dlt_filter *src)
{
	for (size_t i = 0; i < src->ntags; i++)
		dlt_filter_add_tag(dst, src->tags[i]);
	for (size_t i = 0; i < src->nkinds; i++)
		dlt_filter_add_kind(dst, src->kinds[i]);
	for (size_t i = 0; i < src->neras; i++)
		dlt_filter_add_era(dst, src->eras[i]);
	for (size_t i = 0; i < src->nparadigms; i++)
		dlt_filter_add_paradigm(dst, src->paradigms[i]);
	if (src->query) {
		dlt_filter_set_query(dst, src->query);
		free(dst->words);
		dst->words = xstrdup(src->words);
	}
	if (src->only_ids)
		dlt_filter_set_ids(dst, src->ids, src->nids);
	if (src->year_from)
		dst->year_from = src->year_from;
	if (src->year_to)
		dst->year_to = src->year_to;
}

void dlt_filter_and(struct dlt_filter *dst, const struct dlt_filter *src)
{
	while (dst->also)
		dst = dst->also;
	dst->also = xmalloc(sizeof *dst->also);
	dlt_filter_copy(dst->also, src);
}

/* Append the names of the periods ids[0..n) of one kind, "a or b". */
static void describe_periods(struct dlt_db *db, enum dlt_period_kind kind, const int64_t *ids, size_t n,
			     struct strbuf *out)
{
	struct dlt_period *p;
	size_t np = dlt_periods_load(db, kind, &p);
	for (size_t k = 0; k < n; k++) {
		const char *name = "?";
		for (size_t i = 0; i < np; i++)
			if (p[i].id == ids[k])
				name = p[i].name;
		sb_addf(out, "%s%s", k ? " or " : "", name);
	}
	dlt_periods_free(p, np);
}

static void sep(struct strbuf *out, size_t start)
{
	if (out->len > start)
		sb_add(out, ", ");
}

void dlt_filter_describe(struct dlt_db *db, const struct dlt_filter *f, struct strbuf *out)
{
	size_t start = out->len;
	for (; f; f = f->also) {
		if (f->query) {
			sep(out, start);
			sb_addf(out, "\"%s\"", f->words ? f->words : "search");
		}
		if (f->ntags) {
			sep(out, start);
			sb_add(out, f->ntags > 1 ? "tags " : "tag ");
			describe_periods(db, DLT_TAGS, f->tags, f->ntags, out);
		}
		if (f->nkinds) {
			sep(out, start);
			sb_add(out, "kind ");
			for (size_t i = 0; i < f->nkinds; i++)
				sb_addf(out, "%s%s", i ? " or " : "", f->kinds[i]);
		}
		if (f->neras) {
			sep(out, start);
			sb_add(out, "era ");
			describe_periods(db, DLT_ERAS, f->eras, f->neras, out);
		}
		if (f->nparadigms) {
			sep(out, start);
			sb_add(out, "paradigm ");
			describe_periods(db, DLT_PARADIGMS, f->paradigms, f->nparadigms, out);
		}
		if (f->only_ids) {
			sep(out, start);
			sb_addf(out, "bookmarked (%zu)", f->nids);
		}
		if (f->year_from || f->year_to) {
			sep(out, start);
			if (f->year_from == f->year_to)
				sb_addf(out, "%d", f->year_from);
			else if (!f->year_to)
				sb_addf(out, "from %d", f->year_from);
			else if (!f->year_from)
				sb_addf(out, "until %d", f->year_to);
			else
				sb_addf(out, "%d-%d", f->year_from, f->year_to);
		}
	}
}

