/*
 * search.c -- see search.h.
 */
#include "tui/search.h"

#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/util.h"
#include "model/search.h"

static void clear_results(struct search *s)
{
	dlt_found_clear(&s->found);
	free(s->error);
	s->error = NULL;
	dlt_view_free(s->view);
	s->view = NULL;
	dlt_search_terms_free(s->terms, s->nterms);
	s->terms = NULL;
	s->nterms = 0;
	s->count = -1;
	s->rank = 0;
	s->stale = 0;
	s->quick = 0;
	s->gen++;
}

void search_free(struct search *s)
{
	clear_results(s);
	free(s->text);
	s->text = NULL;
}

/* The view of the matches within the filter. */
static void make_view(struct search *s, struct dlt_db *db, const struct dlt_filter *within)
{
	dlt_view_free(s->view);
	s->view = NULL;
	if (dlt_filter_is_empty(&s->found.matches))
		return;
	struct dlt_filter f;
	dlt_filter_copy(&f, &s->found.matches);
	if (within && !dlt_filter_is_empty(within))
		dlt_filter_and(&f, within);
	s->view = dlt_view_new(db, &f);
	dlt_filter_clear(&f);
	s->count = -1;
	s->gen++;
}

void search_set(struct search *s, struct dlt_db *db, const char *text, const struct dlt_filter *within,
		size_t limit, int quick)
{
	char *t = text && *text ? utf8_sanitize(text, strlen(text), 0) : NULL;
	search_free(s);
	s->text = t;
	s->limit = limit ? limit : 1;
	if (!t)
		return;
	struct strbuf err = {0};
	int rc = dlt_find(db, t, within, s->limit, quick ? DLT_FIND_QUICK : 0, &s->found, &err);
	if (rc == -3 || (rc == -2 && s->busy && (dlt_db_error_code(db) & 0xFF) == SQLITE_INTERRUPT)) {
		s->stale = 1;   /* a key is waiting: do it again for the text as it will stand */
	} else if (rc == -1) {
		s->error = sb_detach(&err);
	} else if (rc == 0) {
		s->quick = s->found.more;
		s->nterms = dlt_search_terms(s->found.words ? s->found.words : "", &s->terms);
		make_view(s, db, within);
	}
	sb_free(&err);
}

int search_stale(const struct search *s)
{
	return s->stale || (s->view && dlt_view_stale(s->view));
}

int search_pending(const struct search *s)
{
	return s->text && (search_stale(s) || s->quick);
}

void search_renew(struct search *s, struct dlt_db *db, const struct dlt_filter *within)
{
	if (!search_pending(s))
		return;
	char *text = xstrdup(s->text);
	int64_t rank = s->rank;
	search_set(s, db, text, within, s->limit, 0);
	s->rank = rank;
	free(text);
}

void search_refilter(struct search *s, struct dlt_db *db, const struct dlt_filter *within)
{
	if (s->text && !search_stale(s))
		make_view(s, db, within);
}

int search_is_match(struct search *s, int64_t id)
{
	return s->view && id && dlt_view_contains(s->view, id);
}

int64_t search_find(struct search *s, int64_t from, int dir, int *wrapped)
{
	*wrapped = 0;
	if (!s->view)
		return 0;
	for (int pass = 0; pass < 2; pass++) {
		struct dlt_row r = {0};
		if (dlt_view_fetch(s->view, from, dir, 1, &r) == 1) {
			int64_t id = r.id;
			dlt_row_clear(&r);
			return id;
		}
		if (dlt_view_stale(s->view))
			return 0;
		from = dir > 0 ? 0 : INT64_MAX;
		*wrapped = 1;
	}
	return 0;
}

int64_t search_count(struct search *s, int64_t slice, int always)
{
	if (!s->view)
		return s->text && !search_stale(s) && !s->error ? 0 : -1;
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
