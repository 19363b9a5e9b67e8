/*
 * search.h -- keyword search over the FTS5 index.
 *
 * User text is never handed to FTS5 as syntax. dlt_search_compile() keeps only the words
 * (letters, digits and any non-ASCII letters), turns each whitespace-separated chunk into a
 * quoted phrase with prefix matching on its last word ("GPT-4" -> "gpt 4"*), and joins the
 * phrases with AND. Quotes, operators, parentheses, column filters and control bytes in the
 * input are therefore inert.
 */
#ifndef DLT_SEARCH_H
#define DLT_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"
#include "db/db.h"

#define DLT_SEARCH_MAX_TERMS 16     /* phrases kept from one query */
#define DLT_SEARCH_MAX_BYTES 4096   /* input bytes considered */

/* Compile user text into an FTS5 expression in *expr. Returns 0, or -1 when the text holds
 * nothing searchable (expr is then empty). Never fails otherwise. */
int dlt_search_compile(const char *user, struct strbuf *expr);

/* The words of a compiled query, lower-cased, for highlighting: returns the count and a
 * malloc'd array of malloc'd strings (free with dlt_search_terms_free). */
size_t dlt_search_terms(const char *user, char ***terms);
void dlt_search_terms_free(char **terms, size_t n);

#define DLT_SEARCH_EXPAND_MAX 256  /* terms the prefixes of a query may stand for, in all */

/* The expression `expr` (from dlt_search_compile) for walking matches in timeline order: each
 * phrase's prefix is replaced by the terms of the index it stands for, while they are at most
 * DLT_SEARCH_EXPAND_MAX in all ("netw"* -> "network" OR "networks"), which the index walks lazily
 * from any position instead of merging every match of the prefix first. Matches the same
 * rows. *docs is the number of matching milestones when the expression is one term, else -1.
 * Returns 0, or -1 on a database error (out then holds expr unchanged). */
int dlt_search_expand(struct dlt_db *db, const char *expr, struct strbuf *out, int64_t *docs);

/* A number of matches that bounds the work of searching for words (user text): the docs of
 * the terms its rarest word starts with, summed over at most DLT_SEARCH_EXPAND_MAX terms (a
 * term counts in each milestone that has it; 0: a word the index does not know); -1 when the
 * text has no words. A database error counts as no terms (recorded: dlt_db_error). */
int64_t dlt_search_docs(struct dlt_db *db, const char *words);

/* A milestone and its relevance (higher is better). */
struct dlt_scored {
	int64_t id;
	double score;
};

/* Ranked search (bm25 with the weights of DLT_RANK_WEIGHTS) among milestones lo..hi (1 and
 * INT64_MAX: all): stores up to limit hits, best first, in *out (malloc'd; NULL when there are
 * none) and returns the count; -1 on a database error or interrupt. The score is bm25's,
 * negated. */
int dlt_search_ranked(struct dlt_db *db, const char *expr, int64_t lo, int64_t hi, int limit,
		      struct dlt_scored **out);

#endif
