/*
 * rank.h -- the ranking functions of the search index: bm25 with the lengths of doc_lengths.
 *
 * dlt_rank(search, W...) is FTS5's bm25(search, W...): the same formula, the same operations
 * in the same order, so the same score to the last bit (tests/perf/rank_same checks it), but
 * it reads each document's length from the table doc_lengths (1,024 lengths per row, in id
 * order) instead of seeking search_docsize once per match, which is most of bm25's cost.
 *
 * dlt_top(search, K, N, W...) ranks a whole one-phrase query in a single call: it walks the
 * phrase's matches itself (no SQL row per match) and returns the K best, in the order of
 * ORDER BY bm25(search, W...), rowid, as a blob of (int64 id, double -bm25) pairs of 16 bytes
 * in native byte order; NULL when the query
 * has more than one phrase (use dlt_rank then). N is the phrase's number of matches when the
 * caller knows it (the terms table does for one word), else NULL and they are counted first.
 * Call it on the first row only (LIMIT 1).
 *
 * A damaged doc_lengths makes the query fail with SQLITE_CORRUPT; never reads out of bounds.
 */
#ifndef DLT_RANK_H
#define DLT_RANK_H

#include <sqlite3.h>

/* Milestone ids per row of doc_lengths: row b holds ids b*1024+1 .. b*1024+1024. */
#define DLT_RANK_BLOCK 1024

/* What the functions poll while they walk matches on their own, where SQLite's progress
 * handler does not run: a nonzero cb(arg) stops the query with SQLITE_INTERRUPT. */
struct dlt_rank_poll {
	int (*cb)(void *);
	void *arg;
};

/* Register dlt_rank() and dlt_top() through one connection's FTS5 API. poll (may be NULL)
 * must stay valid while the connection is open. Returns SQLITE_OK or an SQLite error code. */
int dlt_rank_install(fts5_api *api, const struct dlt_rank_poll *poll);

/* The sum of the per-column token counts of a search_docsize blob (SQLite varints), as
 * xColumnSize(-1) reports it; -1 when the blob is malformed. For the importer. */
long long dlt_rank_docsize_total(const unsigned char *blob, int len);

#endif
