/*
 * search.c -- see search.h.
 */
#include "tui/search.h"

#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/util.h"
#include "model/search.h"

void search_free(struct search *s)
{
	unsigned gen = s->gen;
	free(s->text);
	dlt_view_free(s->view);
	dlt_search_terms_free(s->terms, s->nterms);
	memset(s, 0, sizeof *s);
	s->count = -1;
	s->gen = gen + 1;
}

void search_set(struct search *s, struct dlt_db *db, const char *text)
{
	int busy = s->busy;
	search_free(s);
	s->busy = busy;
	struct strbuf expr = {0};
	if (text && dlt_search_compile(text, &expr) == 0) {
		struct dlt_filter f = {.kind = DLT_F_QUERY, .text = sb_detach(&expr)};
		s->view = dlt_view_new(db, &f);
		dlt_filter_clear(&f);
		s->text = utf8_sanitize(text, strlen(text), 0);
		s->nterms = dlt_search_terms(text, &s->terms);
	}
	sb_free(&expr);
}

int search_stale(const struct search *s)
{
	return s->view && dlt_view_stale(s->view);
}

void search_renew(struct search *s, struct dlt_db *db)
{
	if (!search_stale(s))
		return;
	char *text = xstrdup(s->text);
	int64_t rank = s->rank;
	search_set(s, db, text);
	s->rank = rank;
	free(text);
}

int search_is_match(struct search *s, int64_t id)
{
	return s->view && id && dlt_view_contains(s->view, id);
}

int64_t search_find(struct search *s, struct dlt_view *within, int64_t from, int dir, int *wrapped)
{
	*wrapped = 0;
	for (int pass = 0; pass < 2; pass++) {
		int64_t cur = from;
		struct dlt_row r[64];
		for (;;) {
			size_t n = dlt_view_fetch(s->view, cur, dir, DLT_ARRAY_LEN(r), r);
			int64_t hit = 0;
			for (size_t i = 0; i < n; i++) {
				if (!hit && dlt_view_contains(within, r[i].id))
					hit = r[i].id;
				cur = r[i].id;
				dlt_row_clear(&r[i]);
			}
			if (hit)
				return hit;
			if (n < DLT_ARRAY_LEN(r))
				break;
		}
		from = dir > 0 ? 0 : INT64_MAX;
		*wrapped = 1;
	}
	return 0;
}

int64_t search_count(struct search *s, int64_t slice, int always)
{
	if (!s->view)
		return 0;
	if (!always && s->count >= 0)
		return s->count;
	int busy = s->busy;
	s->busy = 1;   /* the walk only pauses for a key */
	dlt_view_progress(s->view, slice);
	s->busy = busy;
	if (s->count < 0)
		s->count = dlt_view_count_now(s->view);
	return s->count;
}
