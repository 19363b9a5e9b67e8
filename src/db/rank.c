/*
 * rank.c -- see rank.h.
 *
 * FTS5's bm25 scores a document d for the query's phrases p as
 *     sum over p of idf(p) * f(p,d) * (k1 + 1) / (f(p,d) + k1 * (1 - b + b * D / avgdl))
 * with k1 = 1.2, b = 0.75, f(p,d) the sum of the weights of the columns of p's instances in
 * d, D the tokens of d, avgdl the mean tokens of a row and idf(p) = log((N - n + 0.5) /
 * (n + 0.5)) for n matches of p among N rows (1e-6 when that is not positive). Everything
 * below keeps bm25's operand order, which is what makes the results equal bit for bit.
 */
#include "db/rank.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define K1 1.2
#define B 0.75
#define POLL_EVERY 4096   /* matches walked between two polls */

/* The statistics of one query, kept with the FTS5 cursor (xSetAuxdata). */
struct rank {
	int nphrase;
	double avgdl;
	double *idf;
	double *freq;                 /* per phrase, for the row being scored */
	const struct dlt_rank_poll *poll;
	sqlite3 *h;
	sqlite3_blob *blob;           /* on a row of doc_lengths, or NULL */
	sqlite3_int64 block;          /* the row in lens, -1 before the first */
	int nlens;                    /* lengths in lens */
	uint32_t lens[DLT_RANK_BLOCK];
};

static void rank_free(void *p)
{
	struct rank *r = p;
	if (r->blob)
		sqlite3_blob_close(r->blob);
	free(r->idf);
	free(r->freq);
	free(r);
}

/* Whether to stop at the n-th match walked (polls at the first, then every POLL_EVERY). */
static int stop_at(const struct dlt_rank_poll *poll, sqlite3_int64 n)
{
	return n % POLL_EVERY == 1 && poll && poll->cb && poll->cb(poll->arg);
}

struct counter {
	sqlite3_int64 n;
	const struct dlt_rank_poll *poll;
};

/* xQueryPhrase callback: counts the matches. */
static int count_match(const Fts5ExtensionApi *api, Fts5Context *fts, void *arg)
{
	(void)api, (void)fts;
	struct counter *c = arg;
	return stop_at(c->poll, ++c->n) ? SQLITE_INTERRUPT : SQLITE_OK;
}

/* The query's statistics, computed on the first call; hits: the matches of a one-phrase
 * query when known (else -1: they are counted). Returns SQLITE_OK or an error code. */
static int rank_get(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, sqlite3_int64 hits,
		    struct rank **out)
{
	struct rank *r = api->xGetAuxdata(fts, 0);
	if (r) {
		*out = r;
		return SQLITE_OK;
	}
	r = calloc(1, sizeof *r);
	if (!r)
		return SQLITE_NOMEM;
	r->poll = api->xUserData(fts);
	r->h = sqlite3_context_db_handle(ctx);
	r->block = -1;
	r->nphrase = api->xPhraseCount(fts);
	r->idf = calloc((size_t)(r->nphrase > 0 ? r->nphrase : 1), sizeof *r->idf);
	r->freq = calloc((size_t)(r->nphrase > 0 ? r->nphrase : 1), sizeof *r->freq);
	sqlite3_int64 nrow = 0, ntok = 0;
	int rc = r->idf && r->freq ? SQLITE_OK : SQLITE_NOMEM;
	if (rc == SQLITE_OK)
		rc = api->xRowCount(fts, &nrow);
	if (rc == SQLITE_OK)
		rc = api->xColumnTotalSize(fts, -1, &ntok);
	r->avgdl = (double)ntok / (double)nrow;
	for (int i = 0; rc == SQLITE_OK && i < r->nphrase; i++) {
		struct counter c = {hits, r->poll};
		if (r->nphrase > 1 || hits < 0) {
			c.n = 0;
			rc = api->xQueryPhrase(fts, i, &c, count_match);
		}
		double idf = log((nrow - c.n + 0.5) / (c.n + 0.5));
		r->idf[i] = idf <= 0.0 ? 1e-6 : idf;
	}
	if (rc == SQLITE_OK)
		rc = api->xSetAuxdata(fts, r, rank_free);   /* frees r itself when it fails */
	else
		rank_free(r);
	*out = rc == SQLITE_OK ? r : NULL;
	return rc;
}

/* The length in tokens of the document `id`, from doc_lengths. SQLITE_OK or an error code;
 * a missing row or a short blob is SQLITE_CORRUPT. */
static int doc_length(struct rank *r, sqlite3_int64 id, double *len)
{
	if (id < 1)
		return SQLITE_CORRUPT;
	sqlite3_int64 block = (id - 1) / DLT_RANK_BLOCK;
	int at = (int)((id - 1) % DLT_RANK_BLOCK);
	if (block != r->block) {
		int rc = r->blob ? sqlite3_blob_reopen(r->blob, block)
				 : sqlite3_blob_open(r->h, "main", "doc_lengths", "lengths", block, 0, &r->blob);
		if (rc != SQLITE_OK)
			return rc == SQLITE_ERROR ? SQLITE_CORRUPT : rc;   /* SQLITE_ERROR: no such row */
		int bytes = sqlite3_blob_bytes(r->blob);
		if (bytes > (int)sizeof r->lens)
			bytes = (int)sizeof r->lens;
		unsigned char raw[sizeof r->lens];
		rc = sqlite3_blob_read(r->blob, raw, bytes & ~3, 0);
		if (rc != SQLITE_OK)
			return rc;
		r->nlens = bytes / 4;
		for (int i = 0; i < r->nlens; i++)
			r->lens[i] = (uint32_t)raw[4 * i] | (uint32_t)raw[4 * i + 1] << 8 |
				     (uint32_t)raw[4 * i + 2] << 16 | (uint32_t)raw[4 * i + 3] << 24;
		r->block = block;
	}
	if (at >= r->nlens)
		return SQLITE_CORRUPT;
	*len = (double)r->lens[at];
	return SQLITE_OK;
}

static double bm25(const struct rank *r, const double *freq, double D)
{
	double score = 0.0;
	for (int i = 0; i < r->nphrase; i++)
		score += r->idf[i] * ((freq[i] * (K1 + 1.0)) / (freq[i] + K1 * (1 - B + B * D / r->avgdl)));
	return score;
}

static double weight(sqlite3_value **w, int nw, int col)
{
	return col < nw ? sqlite3_value_double(w[col]) : 1.0;
}

/* dlt_rank(search, W...): the row's score, negated like bm25 (lower ranks first). */
static void rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nw, sqlite3_value **w)
{
	struct rank *r;
	int rc = rank_get(api, fts, ctx, -1, &r);
	int ninst = 0;
	if (rc == SQLITE_OK) {
		memset(r->freq, 0, (size_t)r->nphrase * sizeof *r->freq);
		rc = api->xInstCount(fts, &ninst);
	}
	for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
		int ip, ic, io;
		rc = api->xInst(fts, i, &ip, &ic, &io);
		if (rc == SQLITE_OK && ip >= 0 && ip < r->nphrase)
			r->freq[ip] += weight(w, nw, ic);
	}
	double D = 0.0;
	if (rc == SQLITE_OK)
		rc = doc_length(r, api->xRowid(fts), &D);
	if (rc == SQLITE_OK)
		sqlite3_result_double(ctx, -1.0 * bm25(r, r->freq, D));
	else
		sqlite3_result_error_code(ctx, rc);
}

/* ---- dlt_top -------------------------------------------------------------------------------- */

struct hit {
	double score;
	sqlite3_int64 id;
};

/* a ranks before b: the higher score, then the lower id (ORDER BY bm25, rowid). */
static int before(const struct hit *a, const struct hit *b)
{
	return a->score > b->score || (a->score == b->score && a->id < b->id);
}

struct top {
	struct rank *r;
	sqlite3_value **w;
	int nw;
	struct hit *heap;   /* the best so far, the worst at the root */
	int n, k;
	sqlite3_int64 seen;
};

static void sift_down(struct hit *h, int n, int i)
{
	for (;;) {
		int l = 2 * i + 1, worst = i;
		if (l < n && before(&h[worst], &h[l]))
			worst = l;
		if (l + 1 < n && before(&h[worst], &h[l + 1]))
			worst = l + 1;
		if (worst == i)
			return;
		struct hit t = h[i];
		h[i] = h[worst];
		h[worst] = t;
		i = worst;
	}
}

static void offer(struct top *t, struct hit h)
{
	if (t->n < t->k) {
		int i = t->n++;
		t->heap[i] = h;
		while (i > 0 && before(&t->heap[(i - 1) / 2], &t->heap[i])) {
			struct hit x = t->heap[i];
			t->heap[i] = t->heap[(i - 1) / 2];
			t->heap[(i - 1) / 2] = x;
			i = (i - 1) / 2;
		}
	} else if (before(&h, &t->heap[0])) {
		t->heap[0] = h;
		sift_down(t->heap, t->n, 0);
	}
}

/* xQueryPhrase callback: scores one match of the phrase. */
static int top_match(const Fts5ExtensionApi *api, Fts5Context *fts, void *arg)
{
	struct top *t = arg;
	if (stop_at(t->r->poll, ++t->seen))
		return SQLITE_INTERRUPT;
	double freq = 0.0, D;
	Fts5PhraseIter it;
	int ic, io;
	int rc = api->xPhraseFirst(fts, 0, &it, &ic, &io);
	for (; rc == SQLITE_OK && ic >= 0; api->xPhraseNext(fts, &it, &ic, &io))
		freq += weight(t->w, t->nw, ic);
	sqlite3_int64 id = api->xRowid(fts);
	if (rc == SQLITE_OK)
		rc = doc_length(t->r, id, &D);
	if (rc == SQLITE_OK)
		offer(t, (struct hit){bm25(t->r, &freq, D), id});
	return rc;
}

static int cmp_hit(const void *a, const void *b)
{
	return before(a, b) ? -1 : before(b, a) ? 1 : 0;
}

/* dlt_top(search, K, N, W...): the ids of the K best matches of a one-phrase query that has
 * N matches (NULL: not known). */
static void top_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	if (nval < 2) {
		sqlite3_result_error(ctx, "dlt_top: needs the number of results and of matches", -1);
		return;
	}
	if (api->xPhraseCount(fts) != 1) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_int64 k = sqlite3_value_int64(val[0]);
	struct top t = {.w = val + 2, .nw = nval - 2};
	sqlite3_int64 hits = sqlite3_value_type(val[1]) == SQLITE_NULL ? -1 : sqlite3_value_int64(val[1]);
	int rc = rank_get(api, fts, ctx, hits < 0 ? -1 : hits, &t.r);
	sqlite3_int64 nrow = 0;
	if (rc == SQLITE_OK)
		rc = api->xRowCount(fts, &nrow);
	/* at most as many as there are rows (a corrupt count only makes the heap smaller) */
	t.k = (int)(k < 0 ? 0 : k > nrow ? (nrow > 0x7ffffff ? 0x7ffffff : nrow) : k);
	if (rc == SQLITE_OK && t.k > 0 && !(t.heap = malloc((size_t)t.k * sizeof *t.heap)))
		rc = SQLITE_NOMEM;
	if (rc == SQLITE_OK && t.k > 0)
		rc = api->xQueryPhrase(fts, 0, &t, top_match);
	if (rc == SQLITE_OK) {
		qsort(t.heap, (size_t)t.n, sizeof *t.heap, cmp_hit);
		/* (id, score) pairs, 16 bytes each, in native byte order */
		unsigned char *out = sqlite3_malloc64((sqlite3_uint64)(t.n ? t.n : 1) * 16);
		if (out) {
			for (int i = 0; i < t.n; i++) {
				memcpy(out + (size_t)i * 16, &t.heap[i].id, 8);
				memcpy(out + (size_t)i * 16 + 8, &t.heap[i].score, 8);
			}
			sqlite3_result_blob64(ctx, out, (sqlite3_uint64)t.n * 16, sqlite3_free);
		} else {
			rc = SQLITE_NOMEM;
		}
	}
	if (rc != SQLITE_OK)
		sqlite3_result_error_code(ctx, rc);
	free(t.heap);
}

int dlt_rank_install(fts5_api *api, const struct dlt_rank_poll *poll)
{
	if (!api || api->iVersion < 2)
		return SQLITE_ERROR;
	int rc = api->xCreateFunction(api, "dlt_rank", (void *)poll, rank_fn, NULL);
	if (rc == SQLITE_OK)
		rc = api->xCreateFunction(api, "dlt_top", (void *)poll, top_fn, NULL);
	return rc;
}

long long dlt_rank_docsize_total(const unsigned char *blob, int len)
{
	long long total = 0;
	int i = 0;
	while (i < len) {
		/* an SQLite varint: 7 bits a byte, high bit set while more follow; token counts
		 * fit in 32 bits, so 5 bytes at most */
		uint64_t v = 0;
		int n = 0;
		for (;;) {
			if (i >= len || n == 5)
				return -1;
			unsigned char c = blob[i++];
			v = v << 7 | (c & 0x7f);
			n++;
			if (!(c & 0x80))
				break;
		}
		total += (long long)v;
	}
	return total;
}
