/*
 * search.c -- see search.h.
 */
#include "model/search.h"

#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

/* ---- prefix expansion ---------------------------------------------------------------------- */

/* The tokens of a phrase as the index's tokenizer (unicode61, remove_diacritics 2) makes them. */
struct tokens {
	char **v;
	size_t n;
};

static int add_token(void *ctx, int flags, const char *tok, int len, int start, int end)
{
	(void)start, (void)end;
	struct tokens *t = ctx;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	t->v = xrealloc(t->v, (t->n + 1) * sizeof *t->v);
	t->v[t->n++] = xstrndup(tok, (size_t)(len > 0 ? len : 0));
	return SQLITE_OK;
}

static void tokens_free(struct tokens *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

/* Tokenize text with the connection's unicode61 tokenizer. Returns 0, or -1. */
static int tokenize(struct dlt_db *db, const char *text, size_t len, struct tokens *out)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = dlt_db_stmt(db, Q_FTS5_API);
	if (!st)
		return -1;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	dlt_db_step(db, st);
	sqlite3_reset(st);
	void *udata = NULL;
	fts5_tokenizer tk;
	if (!api || api->iVersion < 2 || api->xFindTokenizer(api, "unicode61", &udata, &tk) != SQLITE_OK)
		return -1;
	const char *args[] = {"remove_diacritics", "2"};
	Fts5Tokenizer *t = NULL;
	if (tk.xCreate(udata, args, 2, &t) != SQLITE_OK)
		return -1;
	int rc = tk.xTokenize(t, out, FTS5_TOKENIZE_QUERY, text, (int)len, add_token);
	tk.xDelete(t);
	return rc == SQLITE_OK ? 0 : -1;
}

/* Append phrase `pre` + `last` (tokens, quoted). */
static void add_phrase(struct strbuf *sb, const struct tokens *pre, const char *last)
{
	sb_addc(sb, '"');
	for (size_t i = 0; i + 1 < pre->n; i++) {
		sb_add(sb, pre->v[i]);
		sb_addc(sb, ' ');
	}
	sb_add(sb, last);
	sb_addc(sb, '"');
}

/* Expand one phrase `"content"*` (content is content[0..len)) into at most *budget terms
 * (taken from the budget); returns 0 or -1. */
static int expand_phrase(struct dlt_db *db, const char *content, size_t len, struct strbuf *out,
			 int64_t *docs, int *nterms, int *budget)
{
	struct tokens t = {0};
	*nterms = -1;
	if (tokenize(db, content, len, &t) < 0) {
		tokens_free(&t);
		return -1;
	}
	if (t.n == 0) {
		sb_addc(out, '"');
		sb_addn(out, content, len);
		sb_add(out, "\"*");
		return 0;
	}
	const char *prefix = t.v[t.n - 1];
	size_t plen = strlen(prefix);
	char *upper = xstrdup(prefix);
	upper[plen - 1] = (char)((unsigned char)upper[plen - 1] + 1);   /* UTF-8 never has 0xFF */
	sqlite3_stmt *st = dlt_db_stmt(db, Q_TERMS_RANGE);
	if (!st) {
		free(upper);
		tokens_free(&t);
		return -1;
	}
	sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, upper, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, *budget + 1);
	struct strbuf alt = {0};
	int n = 0, rc;
	while ((rc = dlt_db_step(db, st)) == SQLITE_ROW) {
		if (n)
			sb_add(&alt, " OR ");
		add_phrase(&alt, &t, (const char *)sqlite3_column_text(st, 0));
		*docs = sqlite3_column_int64(st, 1);
		n++;
	}
	sqlite3_reset(st);
	free(upper);
	if (rc != SQLITE_DONE) {
		sb_free(&alt);
		tokens_free(&t);
		return -1;
	}
	if (n >= 1 && n <= *budget) {
		*budget -= n;
		if (n > 1)
			sb_addc(out, '(');
		sb_add(out, sb_str(&alt));
		if (n > 1)
			sb_addc(out, ')');
	} else {
		/* no such term (nothing matches) or too many: the prefix as it is */
		add_phrase(out, &t, prefix);
		sb_addc(out, '*');
	}
	*nterms = t.n == 1 ? n : -1;
	sb_free(&alt);
	tokens_free(&t);
	return 0;
}

/* The end of the quoted phrase that starts at p (p[0] == '"'): the closing quote (a doubled
 * quote inside stands for one); NULL when it is not closed. */
static const char *phrase_end(const char *p)
{
	for (const char *q = p + 1; *q; q++) {
		if (*q != '"')
			continue;
		if (q[1] != '"')
			return q;
		q++;
	}
	return NULL;
}

/* dlt_search_expand, with at most `each` terms for one phrase's prefix when each > 0 (else
 * DLT_SEARCH_EXPAND_MAX for all of them). Every `"words"*` of the expression is expanded
 * wherever it stands (inside parentheses, after a column filter, beside AND and OR); the rest
 * is copied as it is. */
static int expand(struct dlt_db *db, const char *expr, struct strbuf *out, int64_t *docs, int each)
{
	sb_reset(out);
	*docs = -1;
	int phrases = 0, nterms = -1, budget = DLT_SEARCH_EXPAND_MAX, other = 0;
	int operand = 0;   /* what was copied last ends an operand: a phrase or ')' */
	int64_t d = -1;
	for (const char *p = expr; *p;) {
		const char *q = *p == '"' ? phrase_end(p) : NULL;
		if (*p == ' ') {
			/* FTS5 joins two phrases side by side with AND, but not what a phrase expands
			 * to ("(x OR y)"): the AND is written out */
			const char *n = p + strspn(p, " ");
			sb_add(out, operand && (*n == '"' || *n == '(') ? " AND " : " ");
			p = n;
			continue;
		}
		if (strncmp(p, "NEAR(", 5) == 0) {
			/* a NEAR group takes phrases only: copied whole, its prefixes merged by FTS5 */
			const char *end = p + 5;
			while (*end && *end != ')')
				end = *end == '"' && phrase_end(end) ? phrase_end(end) + 1 : end + 1;
			end += *end == ')';
			sb_addn(out, p, (size_t)(end - p));
			p = end;
			operand = other = 1;
			continue;
		}
		if (!q || q[1] != '*') {
			/* not a prefix phrase: copied (a whole phrase at once, quotes and all) */
			const char *end = q ? q + 1 : p + 1;
			if (q || (*p != '(' && *p != ')'))
				other = 1;
			operand = q || *p == ')';
			sb_addn(out, p, (size_t)(end - p));
			p = end;
			continue;
		}
		operand = 1;
		phrases++;
		if (each > 0)
			budget = each;
		if (expand_phrase(db, p + 1, (size_t)(q - p - 1), out, &d, &nterms, &budget) < 0) {
			sb_reset(out);
			sb_add(out, expr);
			return -1;
		}
		p = q + 2;
	}
	if (phrases == 1 && !other && nterms == 1)
		*docs = d;
	return 0;
}

int dlt_search_expand(struct dlt_db *db, const char *expr, struct strbuf *out, int64_t *docs)
{
	return expand(db, expr, out, docs, 0);
}

/* Call fn(ctx, chunk_index, word, len) for each word of user text, chunk = whitespace-
 * separated run. Stops after DLT_SEARCH_MAX_TERMS chunks. */
static void each_word(const char *user, void (*fn)(void *, int, const char *, size_t), void *ctx)
{
	size_t len = strlen(user);
	if (len > DLT_SEARCH_MAX_BYTES)
		len = DLT_SEARCH_MAX_BYTES;
	int chunk = -1, in_chunk = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(user + i, len - i, &cp);
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000) {
			in_chunk = 0;
			i += n;
			continue;
		}
		if (!utf8_is_word_char(cp)) {
			i += n;
			continue;
		}
		size_t start = i;
		while (i < len) {
			n = utf8_decode(user + i, len - i, &cp);
			if (!utf8_is_word_char(cp))
				break;
			i += n;
		}
		if (!in_chunk) {
			if (chunk + 1 >= DLT_SEARCH_MAX_TERMS)
				return;
			chunk++;
			in_chunk = 1;
		}
		fn(ctx, chunk, user + start, i - start);
	}
}

struct compile_ctx {
	struct strbuf *expr;
	int chunk;
};

static void add_word(void *vctx, int chunk, const char *w, size_t len)
{
	struct compile_ctx *c = vctx;
	if (chunk != c->chunk) {
		if (c->chunk >= 0)
			sb_add(c->expr, "\"* ");
		sb_addc(c->expr, '"');
		c->chunk = chunk;
	} else {
		sb_addc(c->expr, ' ');
	}
	sb_addn(c->expr, w, len);   /* words contain no '"' */
}

int dlt_search_compile(const char *user, struct strbuf *expr)
{
	struct compile_ctx c = {expr, -1};
	sb_reset(expr);
	each_word(user ? user : "", add_word, &c);
	if (c.chunk < 0)
		return -1;
	sb_add(expr, "\"*");
	return 0;
}

struct terms_ctx {
	char **v;
	size_t n;
};

static void add_term(void *vctx, int chunk, const char *w, size_t len)
{
	(void)chunk;
	struct terms_ctx *c = vctx;
	c->v = xrealloc(c->v, (c->n + 1) * sizeof *c->v);
	char *t = xstrndup(w, len);
	for (char *p = t; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	c->v[c->n++] = t;
}

size_t dlt_search_terms(const char *user, char ***terms)
{
	struct terms_ctx c = {NULL, 0};
	each_word(user ? user : "", add_term, &c);
	*terms = c.v;
	return c.n;
}

void dlt_search_terms_free(char **terms, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(terms[i]);
	free(terms);
}

/* A one-phrase query ranked in one call (dlt_top): the count of hits, -1 on error, -2 when
 * the query has more phrases. docs: its number of matches, -1 if not known. */
static int rank_top(struct dlt_db *db, const char *expr, int limit, int64_t docs, struct dlt_scored **out)
{
	sqlite3_stmt *st = dlt_db_stmt(db, Q_FTS_TOP);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, limit);
	if (docs >= 0)
		sqlite3_bind_int64(st, 3, docs);
	int n = 0, rc = dlt_db_step(db, st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_BLOB) {
		/* (id, score) pairs: see db/rank.h */
		const unsigned char *blob = sqlite3_column_blob(st, 0);
		n = sqlite3_column_bytes(st, 0) / (int)(sizeof(int64_t) + sizeof(double));
		if (n > limit)
			n = limit;
		struct dlt_scored *v = n > 0 ? xmalloc((size_t)n * sizeof *v) : NULL;
		for (int i = 0; i < n; i++) {
			memcpy(&v[i].id, blob + (size_t)i * 16, sizeof v[i].id);
			memcpy(&v[i].score, blob + (size_t)i * 16 + 8, sizeof v[i].score);
		}
		sqlite3_reset(st);
		*out = v;
		return n;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : -1;   /* DONE: nothing matches */
	return -2;
}

/* A query ranked row by row (dlt_rank), within ids lo..hi: the count of hits, -1 on error. */
static int rank_rows(struct dlt_db *db, const char *expr, int64_t lo, int64_t hi, int limit, struct dlt_scored **out)
{
	sqlite3_stmt *st = dlt_db_stmt(db, Q_FTS_RANKED);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, limit);
	sqlite3_bind_int64(st, 3, lo);
	sqlite3_bind_int64(st, 4, hi);
	int n = 0, rc;
	struct dlt_scored *v = xmalloc((size_t)limit * sizeof *v);
	while ((rc = dlt_db_step(db, st)) == SQLITE_ROW && n < limit) {
		v[n].id = sqlite3_column_int64(st, 0);
		v[n++].score = -sqlite3_column_double(st, 1);   /* bm25 is lower for better */
	}
	sqlite3_reset(st);
	if ((rc != SQLITE_ROW && rc != SQLITE_DONE) || n == 0) {
		free(v);   /* nothing to hand over: *out stays NULL */
		return rc != SQLITE_ROW && rc != SQLITE_DONE ? -1 : 0;
	}
	*out = v;
	return n;
}

int dlt_search_ranked(struct dlt_db *db, const char *expr, int64_t lo, int64_t hi, int limit,
		      struct dlt_scored **out)
{
	*out = NULL;
	if (limit < 1)
		return 0;
	/* A prefix that stands for one term only is that term: the same matches, the same
	 * scores, without merging the doclists of a prefix (three times: the matches, their
	 * count for bm25's idf, and the ranking); for one word the count is known too. */
	struct strbuf exact = {0};
	int64_t docs;
	if (expand(db, expr, &exact, &docs, 1) < 0) {
		sb_free(&exact);
		return -1;
	}
	int n = -2;
	if (lo <= 1 && hi == INT64_MAX)
		n = rank_top(db, sb_str(&exact), limit, docs, out);
	if (n == -2)   /* more than one phrase, or a range */
		n = rank_rows(db, sb_str(&exact), lo, hi, limit, out);
	sb_free(&exact);
	return n;
}

int64_t dlt_search_docs(struct dlt_db *db, const char *words)
{
	assert(db && words);
	char **t;
	size_t n = dlt_search_terms(words, &t);
	int64_t best = -1;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(t[i]);
		char *upper = xstrdup(t[i]);
		upper[len - 1] = (char)((unsigned char)upper[len - 1] + 1);
		sqlite3_stmt *st = dlt_db_stmt(db, Q_TERMS_RANGE);
		int64_t docs = 0;
		if (st) {
			sqlite3_bind_text(st, 1, t[i], -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, upper, -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 3, DLT_SEARCH_EXPAND_MAX);
			while (dlt_db_step(db, st) == SQLITE_ROW)
				docs += sqlite3_column_int64(st, 1);
			sqlite3_reset(st);
		}
		free(upper);
		if (best < 0 || docs < best)
			best = docs;
	}
	dlt_search_terms_free(t, n);
	return best;
}
