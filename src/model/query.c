/*
 * query.c -- see query.h.
 */
#include "model/query.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"
#include "core/vocab.h"
#include "model/model.h"
#include "model/search.h"

enum field { FLD_AUTHOR, FLD_VENUE, FLD_YEAR, FLD_TAG, FLD_KIND, FLD_ERA, FLD__COUNT };
static const char *const field_names[FLD__COUNT] = {"author", "venue", "year", "tag", "kind", "era"};

void dlt_query_clear(struct dlt_search_query *q)
{
	free(q->words);
	for (size_t i = 0; i < q->nauthors; i++)
		free(q->authors[i]);
	free(q->authors);
	for (size_t i = 0; i < q->nvenues; i++)
		free(q->venues[i]);
	free(q->venues);
	dlt_filter_clear(&q->f);
	memset(q, 0, sizeof *q);
}

int dlt_query_has_fields(const struct dlt_search_query *q)
{
	return q->nauthors || q->nvenues || !dlt_filter_is_empty(&q->f);
}

static void push_str(char ***v, size_t *n, const char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
}

/* A year bound: empty (none), or 1800..2100. Returns 0, or -1. */
static int year_value(const char *s, size_t n, int *out)
{
	char buf[16];
	long y;
	if (!n) {
		*out = 0;
		return 0;
	}
	if (n >= sizeof buf)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (parse_long(buf, DLT_YEAR_MIN, DLT_YEAR_MAX, &y) < 0)
		return -1;
	*out = (int)y;
	return 0;
}

/* year:Y, year:Y1..Y2, year:..Y, year:Y.. (also with '-' between two years). */
static int parse_year(struct dlt_search_query *q, const char *v, struct strbuf *err)
{
	const char *dots = strstr(v, "..");
	size_t sep = 2;
	if (!dots && strlen(v) == 9 && v[4] == '-')
		dots = v + 4, sep = 1;
	int from, to;
	int bad = dots ? year_value(v, (size_t)(dots - v), &from) < 0 || year_value(dots + sep, strlen(dots + sep), &to) < 0
		       : year_value(v, strlen(v), &from) < 0 || !*v;
	if (!dots)
		to = from;
	if (bad || (dots && !from && !to)) {
		sb_addf(err, "year:%s: a year is %d-%d, or a range like 2012..2015", v, DLT_YEAR_MIN, DLT_YEAR_MAX);
		return -1;
	}
	if (from && to && from > to) {
		sb_addf(err, "year:%s: the range ends before it starts", v);
		return -1;
	}
	if (from && (!q->f.year_from || from > q->f.year_from))
		q->f.year_from = from;
	if (to && (!q->f.year_to || to < q->f.year_to))
		q->f.year_to = to;
	return 0;
}

/* Lower-case ASCII copy, for comparisons without case. */
static char *lower(const char *s)
{
	char *c = xstrdup(s);
	for (char *p = c; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return c;
}

static int parse_tag(struct dlt_db *db, struct dlt_search_query *q, const char *v, struct strbuf *err)
{
	struct dlt_period *tags;
	size_t n = dlt_periods_load(db, DLT_TAGS, &tags);
	size_t found = 0;
	for (size_t i = 0; i < n; i++)
		if (str_ieq(tags[i].slug, v) || str_ieq(tags[i].name, v)) {
			dlt_filter_add_tag(&q->f, tags[i].id);
			found++;
		}
	if (!found) {   /* no exact one: those whose name starts with it */
		for (size_t i = 0; i < n; i++) {
			char *a = lower(tags[i].name), *b = lower(v);
			if (*b && str_starts(a, b)) {
				dlt_filter_add_tag(&q->f, tags[i].id);
				found++;
			}
			free(a);
			free(b);
		}
	}
	dlt_periods_free(tags, n);
	if (!found)
		sb_addf(err, "tag:%s: no such tag; 'dltimeline tags' lists them", v);
	return found ? 0 : -1;
}

static int parse_era(struct dlt_db *db, struct dlt_search_query *q, const char *v, struct strbuf *err)
{
	struct dlt_period *eras;
	size_t n = dlt_periods_load(db, DLT_ERAS, &eras);
	size_t found = 0;
	char *want = lower(v);
	for (size_t i = 0; i < n && *want; i++) {
		char *slug = lower(eras[i].slug), *name = lower(eras[i].name);
		if (strstr(slug, want) || strstr(name, want)) {
			dlt_filter_add_era(&q->f, eras[i].id);
			found++;
		}
		free(slug);
		free(name);
	}
	free(want);
	dlt_periods_free(eras, n);
	if (!found)
		sb_addf(err, "era:%s: no era has that in its name; 'dltimeline eras' lists them", v);
	return found ? 0 : -1;
}

static int parse_field(struct dlt_db *db, struct dlt_search_query *q, enum field f, const char *v, struct strbuf *err)
{
	if (!*v) {
		sb_addf(err, "%s: needs a value, as in %s:%s", field_names[f], field_names[f],
			f == FLD_AUTHOR ? "hinton" : f == FLD_VENUE ? "nips" : f == FLD_YEAR ? "2017" :
			f == FLD_TAG ? "rl" : f == FLD_KIND ? "model" : "llm");
		return -1;
	}
	if (f == FLD_AUTHOR || f == FLD_VENUE) {
		char **t;
		size_t n = dlt_search_terms(v, &t);
		dlt_search_terms_free(t, n);
		if (!n) {
			sb_addf(err, "%s:%s: no letters or digits to look for", field_names[f], v);
			return -1;
		}
	}
	switch (f) {
	case FLD_AUTHOR:
		push_str(&q->authors, &q->nauthors, v);
		return 0;
	case FLD_VENUE:
		push_str(&q->venues, &q->nvenues, v);
		return 0;
	case FLD_YEAR:
		return parse_year(q, v, err);
	case FLD_TAG:
		return parse_tag(db, q, v, err);
	case FLD_KIND: {
		char *k = lower(v);
		int ok = dlt_kind_parse(k) != DLT_KIND_NONE;
		if (ok)
			dlt_filter_add_kind(&q->f, k);
		else
			sb_addf(err, "kind:%s: the kinds are %s", v, dlt_kind_list());
		free(k);
		return ok ? 0 : -1;
	}
	case FLD_ERA:
		return parse_era(db, q, v, err);
	default:
		return -1;
	}
}

/* The field named by s[0..n) (any case), or FLD__COUNT. */
static enum field field_of(const char *s, size_t n)
{
	for (int f = 0; f < FLD__COUNT; f++)
		if (strlen(field_names[f]) == n && strncasecmp(s, field_names[f], n) == 0)
			return (enum field)f;
	return FLD__COUNT;
}

/* name:value where name is letters only and a value follows: meant as a field. ("GPT-4:"
 * alone, "3:1" or "re:" are words.) */
static int looks_like_field(const char *name, size_t n, const char *rest, size_t left)
{
	if (n < 2 || left < 2 || rest[0] != ':' || isspace((unsigned char)rest[1]))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalpha((unsigned char)name[i]))
			return 0;
	return 1;
}

int dlt_query_parse(struct dlt_db *db, const char *text, struct dlt_search_query *q, struct strbuf *err)
{
	memset(q, 0, sizeof *q);
	struct strbuf words = {0};
	const char *p = text ? text : "";
	size_t len = strlen(p);
	if (len > DLT_SEARCH_MAX_BYTES)
		len = DLT_SEARCH_MAX_BYTES;
	size_t i = 0;
	while (i < len) {
		while (i < len && isspace((unsigned char)p[i]))
			i++;
		size_t start = i;
		while (i < len && !isspace((unsigned char)p[i]) && p[i] != ':' && p[i] != '"')
			i++;
		enum field f = i < len && p[i] == ':' ? field_of(p + start, i - start) : FLD__COUNT;
		if (f == FLD__COUNT && looks_like_field(p + start, i - start, p + i, len - i)) {
			sb_addf(err, "%.*s: is not a field; the fields are author, venue, year, tag, kind and era",
				(int)(i - start), p + start);
			sb_free(&words);
			dlt_query_clear(q);
			return -1;
		}
		if (f == FLD__COUNT) {   /* an ordinary word: up to the next space */
			while (i < len && !isspace((unsigned char)p[i]))
				i++;
			if (i > start) {
				if (words.len)
					sb_addc(&words, ' ');
				sb_addn(&words, p + start, i - start);
			}
			continue;
		}
		i++;   /* the colon */
		struct strbuf v = {0};
		if (i < len && p[i] == '"') {
			const char *close = memchr(p + i + 1, '"', len - i - 1);
			size_t end = close ? (size_t)(close - p) : len;
			sb_addn(&v, p + i + 1, end - i - 1);
			i = close ? end + 1 : len;
		} else {
			size_t vs = i;
			while (i < len && !isspace((unsigned char)p[i]))
				i++;
			sb_addn(&v, p + vs, i - vs);
		}
		char *clean = utf8_sanitize(sb_str(&v), v.len, 0);
		sb_free(&v);
		int rc = parse_field(db, q, f, clean, err);
		free(clean);
		if (rc < 0) {
			sb_free(&words);
			dlt_query_clear(q);
			return -1;
		}
	}
	q->words = words.len ? sb_detach(&words) : NULL;
	sb_free(&words);
	return 0;
}

/* The terms of v as an expression for one column: one word as a prefix ("hinton"*), several
 * as words near one another ("geoffrey hinton" matches "Geoffrey E. Hinton"). */
static void column_terms(struct strbuf *out, const char *v)
{
	char **t;
	size_t n = dlt_search_terms(v, &t);
	if (n > 1)
		sb_add(out, "NEAR(");
	for (size_t i = 0; i < n; i++)
		sb_addf(out, "%s\"%s\"%s", i ? " " : "", t[i], i + 1 == n ? "*" : "");
	if (n > 1)
		sb_add(out, ", 3)");
	dlt_search_terms_free(t, n);
}

/* `column : (terms)` for value v, joined to out with AND; nothing when v has no word. */
static void column_filter(struct strbuf *out, const char *column, const char *v)
{
	struct strbuf e = {0};
	/* the conference was NIPS until 2017 and NeurIPS since: either name finds both */
	struct strbuf key = {0};
	utf8_name_key(v, strlen(v), &key);
	if (strcmp(column, "venue") == 0 && (strcmp(sb_str(&key), "nips") == 0 || strcmp(sb_str(&key), "neurips") == 0))
		sb_add(&e, "(\"nips\"* OR \"neurips\"*)");
	else
		column_terms(&e, v);
	if (e.len)
		sb_addf(out, "%s%s : %s", out->len ? " AND " : "", column, sb_str(&e));
	sb_free(&e);
	sb_free(&key);
}

void dlt_query_fts(const struct dlt_search_query *q, struct strbuf *out)
{
	for (size_t i = 0; i < q->nauthors; i++)
		column_filter(out, "authors", q->authors[i]);
	for (size_t i = 0; i < q->nvenues; i++)
		column_filter(out, "venue", q->venues[i]);
}

void dlt_query_describe(struct dlt_db *db, const struct dlt_search_query *q, struct strbuf *out)
{
	size_t start = out->len;
	for (size_t i = 0; i < q->nauthors; i++)
		sb_addf(out, "%sauthor %s", out->len > start ? ", " : "", q->authors[i]);
	for (size_t i = 0; i < q->nvenues; i++)
		sb_addf(out, "%svenue %s", out->len > start ? ", " : "", q->venues[i]);
	if (out->len > start && !dlt_filter_is_empty(&q->f))
		sb_add(out, ", ");
	dlt_filter_describe(db, &q->f, out);
}
