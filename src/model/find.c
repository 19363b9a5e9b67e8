/*
 * find.c -- see find.h.
 */
#include "model/find.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "model/model.h"
#include "model/query.h"
#include "model/search.h"
#include "model/spell.h"
#include "model/view.h"

/* Names that start with the words: at most this many of each kind of name. */
#define PREFIX_EACH 64
/* Candidates of a text tier ranked at first (more when the field terms drop many). */
#define TEXT_POOL 48

/* One candidate while ranking. */
struct cand {
	int64_t id;
	enum dlt_tier tier;
	int cls;               /* tiers 1-2: 0 a name, 1 a title */
	int keylen;            /* tier 2: the length of the name's key */
	int64_t central;       /* later milestones that build on it */
	double score;
	int words;             /* tier 5: the words it has */
};

struct cands {
	struct cand *v;
	size_t n, cap;
};

/* The state of one search. */
struct finder {
	struct dlt_db *db;
	struct dlt_search_query q;
	struct strbuf fields;      /* FTS5 expression of author: and venue: ("" when none) */
	int64_t lo, hi;            /* ids of the year range */
	struct dlt_view *fview;    /* the field terms, to check candidates against (NULL: none) */
	size_t limit;
	unsigned flags;
	struct cands c;
	int more;
};

static int failed(struct finder *f)
{
	return dlt_db_failed(f->db);
}

static int seen(const struct cands *c, int64_t id)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].id == id)
			return 1;
	return 0;
}

/* Add a candidate unless it is there already or the field terms reject it. */
static void add(struct finder *f, struct cand x)
{
	if (seen(&f->c, x.id) || x.id < f->lo || x.id > f->hi)
		return;
	if (f->fview && !dlt_view_contains(f->fview, x.id))
		return;
	x.central = dlt_led_to_count(f->db, x.id);
	if (x.central < 0)
		x.central = 0;
	if (x.tier == DLT_TIER_PREFIX)
		x.score += log1p((double)x.central);
	else if (x.tier >= DLT_TIER_NAME_WORDS)
		x.score *= 1.0 + DLT_FIND_CENTRAL * log1p((double)x.central);
	DLT_GROW(f->c.v, f->c.n + 1, f->c.cap);
	f->c.v[f->c.n++] = x;
}

/* Order within the ranking: the tier, then what counts in it (see find.h), then the id. */
static int cmp_cand(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;
	if (a->tier != b->tier)
		return a->tier < b->tier ? -1 : 1;
	switch (a->tier) {
	case DLT_TIER_EXACT:
	case DLT_TIER_NEAR_NAME:
		if (a->cls != b->cls)
			return a->cls < b->cls ? -1 : 1;
		if (a->central != b->central)
			return a->central > b->central ? -1 : 1;
		break;
	case DLT_TIER_PREFIX:
		if (a->cls != b->cls)
			return a->cls < b->cls ? -1 : 1;
		if (a->score != b->score)
			return a->score > b->score ? -1 : 1;
		break;
	case DLT_TIER_SOME_WORDS:
		if (a->words != b->words)
			return a->words > b->words ? -1 : 1;
		if (a->score != b->score)   /* (no fall-through: clang 14 knows no comment for it) */
			return a->score > b->score ? -1 : 1;
		break;
	default:
		if (a->score != b->score)
			return a->score > b->score ? -1 : 1;
		break;
	}
	return a->id < b->id ? -1 : a->id > b->id;
}

/* The closest name of each milestone first: by class, then by length. */
static int cmp_closest(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;
	if (a->cls != b->cls)
		return a->cls < b->cls ? -1 : 1;
	return a->keylen < b->keylen ? -1 : a->keylen > b->keylen;
}

/* Candidates found so far in the tiers up to `tier`. */
static size_t found_upto(const struct finder *f, enum dlt_tier tier)
{
	size_t n = 0;
	for (size_t i = 0; i < f->c.n; i++)
		n += f->c.v[i].tier <= tier;
	return n;
}

/* ---- tiers 1 and 2: names ------------------------------------------------------------------ */

static void names_exact(struct finder *f, const char *key)
{
	sqlite3_stmt *st = dlt_db_stmt(f->db, Q_NAME_EXACT);
	if (!st)
		return;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	/* collect first: add() runs queries of its own */
	struct cands got = {0};
	while (dlt_db_step(f->db, st) == SQLITE_ROW) {
		DLT_GROW(got.v, got.n + 1, got.cap);
		got.v[got.n++] = (struct cand){.id = sqlite3_column_int64(st, 0), .tier = DLT_TIER_EXACT,
					       .cls = sqlite3_column_int(st, 1)};
	}
	sqlite3_reset(st);
	/* a name before a title: add the names first, so that a milestone keeps its best class */
	for (int cls = 0; cls <= 1; cls++)
		for (size_t i = 0; i < got.n; i++)
			if (got.v[i].cls == cls)
				add(f, got.v[i]);
	free(got.v);
}

static void names_prefix(struct finder *f, const char *key)
{
	size_t len = strlen(key);
	char *upper = xstrdup(key);
	upper[len - 1] = (char)((unsigned char)upper[len - 1] + 1);   /* UTF-8 has no 0xFF byte */
	sqlite3_stmt *st = dlt_db_stmt(f->db, Q_NAME_PREFIX);
	if (!st) {
		free(upper);
		return;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, upper, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, PREFIX_EACH);
	struct cands got = {0};
	while (dlt_db_step(f->db, st) == SQLITE_ROW) {
		DLT_GROW(got.v, got.n + 1, got.cap);
		got.v[got.n++] = (struct cand){.id = sqlite3_column_int64(st, 0), .tier = DLT_TIER_PREFIX,
					       .cls = sqlite3_column_int(st, 1), .keylen = sqlite3_column_int(st, 2)};
	}
	sqlite3_reset(st);
	free(upper);
	if (got.n)   /* (qsort of NULL is undefined, even for no elements) */
		qsort(got.v, got.n, sizeof *got.v, cmp_closest);
	for (size_t i = 0; i < got.n; i++) {
		got.v[i].score = -DLT_FIND_LONGER * (double)(got.v[i].keylen - (int)len);
		add(f, got.v[i]);
	}
	free(got.v);
}

/* ---- tiers 3 and 4: words ------------------------------------------------------------------- */

/* Rank expr (words, already with the field terms) and add the best as `tier`, enough to fill
 * the limit after the field terms have rejected some. */
static void rank_text(struct finder *f, const char *expr, enum dlt_tier tier)
{
	size_t want = f->limit, pool = TEXT_POOL + want;
	for (;;) {
		struct dlt_scored *hits = NULL;
		int n = dlt_search_ranked(f->db, expr, f->lo, f->hi, (int)(pool > 100000 ? 100000 : pool), &hits);
		if (n < 0)
			return;
		size_t before = found_upto(f, tier);
		for (int i = 0; i < n; i++)
			add(f, (struct cand){.id = hits[i].id, .tier = tier, .score = hits[i].score});
		free(hits);
		/* done when the pool was not full (every match is in), or enough passed */
		if ((size_t)n < pool || found_upto(f, tier) - before >= want || !f->fview || pool >= 100000)
			return;
		pool *= 4;
	}
}

/* The words of the query as an FTS5 expression for the text tiers: every word (a phrase for
 * words written together, "GPT-4" -> "gpt 4"*), and when there are several, alternatively
 * all of them written as one ("alpha go" also finds "alphago"). */
static void words_expr(struct finder *f, const char *words, struct strbuf *out)
{
	sb_reset(out);
	struct strbuf all = {0}, key = {0};
	dlt_search_compile(words, &all);
	utf8_name_key(words, strlen(words), &key);
	char **t;
	size_t n = dlt_search_terms(words, &t);
	dlt_search_terms_free(t, n);
	if (n > 1 && key.len && dlt_search_docs(f->db, sb_str(&key)) > 0)
		sb_addf(out, "((%s) OR \"%s\"*)", sb_str(&all), sb_str(&key));
	else
		sb_addf(out, "(%s)", sb_str(&all));
	sb_free(&all);
	sb_free(&key);
}

static void with_fields(const struct finder *f, struct strbuf *expr)
{
	if (f->fields.len)
		sb_addf(expr, " AND %s", sb_str(&f->fields));
}

/* The smallest edit distance between key and the keys of milestone id's names (at most
 * max + 1); *cls is 0 for a name, 1 for the title. */
static int name_distance(struct finder *f, int64_t id, const char *key, int max, int *cls)
{
	int best = max + 1;
	sqlite3_stmt *st = dlt_db_stmt(f->db, Q_NAMES_OF);
	if (!st)
		return best;
	sqlite3_bind_int64(st, 1, id);
	struct strbuf k = {0};
	while (dlt_db_step(f->db, st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		int c = sqlite3_column_int(st, 1);
		if (!name)
			continue;
		sb_reset(&k);
		utf8_name_key(name, strlen(name), &k);
		int d = dlt_edit_distance(key, sb_str(&k), max);
		if (d < best || (d == best && c < *cls)) {
			best = d;
			*cls = c;
		}
	}
	sqlite3_reset(st);
	sb_free(&k);
	return best;
}

/* Tier 3: a milestone found by the words whose name is a typo away from them. */
static void promote_near_names(struct finder *f, const char *key)
{
	size_t len = strlen(key);
	int max = len >= 8 ? 2 : len >= 4 ? 1 : 0;
	for (size_t i = 0; max && i < f->c.n; i++) {
		struct cand *c = &f->c.v[i];
		if (c->tier < DLT_TIER_NAME_WORDS)
			continue;
		int cls = 1;
		if (name_distance(f, c->id, key, max, &cls) <= max) {
			c->tier = DLT_TIER_NEAR_NAME;
			c->cls = cls;
		}
	}
}

/* All tiers for `words`. */
static void rank_words(struct finder *f, const char *words)
{
	struct strbuf key = {0};
	utf8_name_key(words, strlen(words), &key);
	if (key.len) {
		names_exact(f, sb_str(&key));
		names_prefix(f, sb_str(&key));
	}
	sb_free(&key);
	if (failed(f) || f->c.n >= f->limit)
		return;   /* the text tiers rank below: they cannot change the answer */
	if ((f->flags & DLT_FIND_QUICK) && dlt_search_docs(f->db, words) > DLT_FIND_QUICK_DOCS) {
		f->more = 1;
		return;
	}
	struct strbuf e = {0}, names = {0};
	words_expr(f, words, &e);
	/* every word in one name: words spread over a title and an alias say less */
	sb_addf(&names, "(title : %s OR short : %s OR aliases : %s OR paper_title : %s)", sb_str(&e), sb_str(&e),
		sb_str(&e), sb_str(&e));
	with_fields(f, &names);
	rank_text(f, sb_str(&names), DLT_TIER_NAME_WORDS);
	if (!failed(f) && f->c.n < f->limit) {
		with_fields(f, &e);
		rank_text(f, sb_str(&e), DLT_TIER_TEXT);
	}
	struct strbuf k = {0};
	utf8_name_key(words, strlen(words), &k);
	if (!failed(f))
		promote_near_names(f, sb_str(&k));
	sb_free(&k);
	sb_free(&e);
	sb_free(&names);
}

/* ---- tier 5: most of the words ------------------------------------------------------------ */

/* A word with at most this many matches is counted by one walk of them in timeline order,
 * one with more by a lookup in each candidate. */
#define WALK_DOCS 20000

/* A candidate's id and place, for walking the candidates in timeline order. */
struct placed {
	int64_t id;
	size_t k;
};

static int cmp_placed(const void *pa, const void *pb)
{
	const struct placed *a = pa, *b = pb;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Add 1 to the words of each candidate that matches the expression w: a walk of w's matches
 * against the candidates in timeline order (by, n >= 1) when `walk`, else a lookup in each. */
static void count_word(struct finder *f, const struct placed *by, size_t n, const char *w, int walk)
{
	sqlite3_stmt *st = dlt_db_stmt(f->db, walk ? Q_FTS_SCAN : Q_FTS_HAS);
	if (!st)
		return;
	if (walk) {
		sqlite3_bind_text(st, 1, w, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, by[0].id > INT64_MIN ? by[0].id - 1 : by[0].id);
		for (size_t j = 0; j < n && dlt_db_step(f->db, st) == SQLITE_ROW;) {
			int64_t id = sqlite3_column_int64(st, 0);
			while (j < n && by[j].id < id)
				j++;
			for (; j < n && by[j].id == id; j++)
				f->c.v[by[j].k].words++;
		}
	} else {
		for (size_t j = 0; j < n; j++) {
			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, w, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, by[j].id);
			f->c.v[by[j].k].words += dlt_db_step(f->db, st) == SQLITE_ROW;
		}
	}
	sqlite3_reset(st);
}

static void some_words(struct finder *f, const char *words)
{
	char **t;
	size_t n = dlt_search_terms(words, &t);
	struct strbuf any = {0};
	sb_add(&any, "(");
	for (size_t i = 0; i < n; i++)
		sb_addf(&any, "%s\"%s\"*", i ? " OR " : "", t[i]);
	sb_add(&any, ")");
	with_fields(f, &any);
	size_t first = f->c.n;
	size_t keep = f->limit;
	f->limit = f->limit * 4 + TEXT_POOL;   /* a wider pool: the order changes below */
	rank_text(f, sb_str(&any), DLT_TIER_SOME_WORDS);
	f->limit = keep;
	size_t nby = f->c.n - first;
	struct placed *by = xmalloc((nby ? nby : 1) * sizeof *by);
	for (size_t k = first; k < f->c.n; k++)
		by[k - first] = (struct placed){f->c.v[k].id, k};
	if (nby)
		qsort(by, nby, sizeof *by, cmp_placed);
	/* count the words each one has: each word's prefix expanded once to the terms it stands
	 * for (a lookup of each in the index), not merged again for every candidate */
	for (size_t i = 0; nby && i < n && !failed(f); i++) {
		struct strbuf raw = {0}, one = {0};
		int64_t docs;
		sb_addf(&raw, "\"%s\"*", t[i]);
		int walk = 0;
		/* a prefix of too many terms (a letter or two) would be merged again for every
		 * candidate: the word itself counts then */
		if (dlt_search_expand(f->db, sb_str(&raw), &one, &docs) < 0 || strchr(sb_str(&one), '*')) {
			sb_reset(&one);
			sb_addf(&one, "\"%s\"", t[i]);
		} else {
			walk = dlt_search_docs(f->db, t[i]) <= WALK_DOCS;
		}
		count_word(f, by, nby, sb_str(&one), walk);
		sb_free(&one);
		sb_free(&raw);
	}
	free(by);
	sb_free(&any);
	dlt_search_terms_free(t, n);
}

/* ---- field terms only ---------------------------------------------------------------------- */

static void fields_only(struct finder *f, struct dlt_found *out, const struct dlt_filter *within)
{
	struct dlt_filter all;
	dlt_filter_copy(&all, &out->matches);
	if (within && !dlt_filter_is_empty(within))
		dlt_filter_and(&all, within);
	struct dlt_view *v = dlt_view_new(f->db, &all);
	dlt_filter_clear(&all);
	struct dlt_row *rows = xcalloc(f->limit, sizeof *rows);
	size_t n = dlt_view_fetch(v, 0, 1, f->limit, rows);
	for (size_t i = 0; i < n; i++) {
		DLT_GROW(f->c.v, f->c.n + 1, f->c.cap);
		f->c.v[f->c.n++] = (struct cand){.id = rows[i].id, .tier = DLT_TIER_FIELDS};
		dlt_row_clear(&rows[i]);
	}
	free(rows);
	dlt_view_free(v);
}

/* ---- the whole search ------------------------------------------------------------------------ */

void dlt_found_clear(struct dlt_found *f)
{
	free(f->hits);
	free(f->corrected);
	free(f->words);
	free(f->describe);
	dlt_filter_clear(&f->matches);
	memset(f, 0, sizeof *f);
}

/* The filter of every match: the field terms, and the words (expr) when there are some. */
static void set_matches(struct finder *f, const char *words, struct dlt_found *out)
{
	dlt_filter_copy(&out->matches, &f->q.f);
	struct strbuf e = {0};
	if (words)
		words_expr(f, words, &e);
	if (f->fields.len)
		sb_addf(&e, "%s%s", e.len ? " AND " : "", sb_str(&f->fields));
	if (e.len)
		dlt_filter_set_query(&out->matches, sb_str(&e));
	sb_free(&e);
}

int dlt_find(struct dlt_db *db, const char *text, const struct dlt_filter *within, size_t limit, unsigned flags,
	     struct dlt_found *out, struct strbuf *err)
{
	assert(db && out && limit >= 1);
	memset(out, 0, sizeof *out);
	struct finder f = {.db = db, .limit = limit, .flags = flags};
	if (dlt_query_parse(db, text, &f.q, err) < 0) {
		if ((dlt_db_error_code(db) & 0xFF) == SQLITE_INTERRUPT) {
			dlt_db_clear_error(db);
			return -3;
		}
		return dlt_db_failed(db) ? -2 : -1;
	}
	char **t;
	size_t nwords = f.q.words ? dlt_search_terms(f.q.words, &t) : 0;
	if (f.q.words)
		dlt_search_terms_free(t, nwords);
	if (!nwords && !dlt_query_has_fields(&f.q)) {
		sb_add(err, "nothing to search for: type a name, words, or a field such as author:hinton");
		dlt_query_clear(&f.q);
		return -1;
	}
	dlt_query_fts(&f.q, &f.fields);
	dlt_year_ids(db, f.q.f.year_from, f.q.f.year_to, &f.lo, &f.hi);
	if (dlt_query_has_fields(&f.q) || (within && !dlt_filter_is_empty(within))) {
		struct dlt_filter ff;
		dlt_filter_copy(&ff, &f.q.f);
		if (f.fields.len)
			dlt_filter_set_query(&ff, sb_str(&f.fields));
		if (within && !dlt_filter_is_empty(within))
			dlt_filter_and(&ff, within);
		f.fview = dlt_view_new(db, &ff);
		dlt_filter_clear(&ff);
	}
	struct strbuf words = {0};
	if (!nwords) {
		set_matches(&f, NULL, out);
		fields_only(&f, out, within);
	} else {
		/* unknown words split where that makes them known ("gpt3" -> "gpt 3") */
		dlt_spell_fix(db, f.q.words, 0, &words);
		rank_words(&f, sb_str(&words));
		if (!failed(&f) && f.c.n == 0 && !f.more) {
			struct strbuf fixed = {0};
			if (dlt_spell_fix(db, sb_str(&words), 1, &fixed) > 0) {
				sb_reset(&words);
				sb_add(&words, sb_str(&fixed));
				out->corrected = xstrdup(sb_str(&words));
				rank_words(&f, sb_str(&words));
			}
			sb_free(&fixed);
		}
		if (!failed(&f) && f.c.n == 0 && !f.more && nwords > 1) {
			some_words(&f, sb_str(&words));
			out->partial = f.c.n > 0;
		}
		set_matches(&f, sb_str(&words), out);
		out->words = xstrdup(sb_str(&words));
	}
	int rc = failed(&f) ? -2 : f.fview && dlt_view_stale(f.fview) ? -3 : 0;
	if (rc == -2 && (dlt_db_error_code(db) & 0xFF) == SQLITE_INTERRUPT) {
		dlt_db_clear_error(db);   /* a waiting key, not a failure */
		rc = -3;
	}
	if (rc == 0) {
		if (f.c.n)
			qsort(f.c.v, f.c.n, sizeof *f.c.v, cmp_cand);
		out->n = f.c.n < limit ? f.c.n : limit;
		out->hits = out->n ? xmalloc(out->n * sizeof *out->hits) : NULL;
		for (size_t i = 0; i < out->n; i++)
			out->hits[i] = (struct dlt_hit){f.c.v[i].id, f.c.v[i].tier, f.c.v[i].score};
		out->more = f.more;
		if (dlt_query_has_fields(&f.q)) {
			struct strbuf d = {0};
			dlt_query_describe(db, &f.q, &d);
			out->describe = sb_detach(&d);
		}
	} else {
		dlt_found_clear(out);
	}
	sb_free(&words);
	free(f.c.v);
	sb_free(&f.fields);
	dlt_view_free(f.fview);
	dlt_query_clear(&f.q);
	return rc;
}
