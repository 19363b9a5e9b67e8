/*
 * find.h -- the one ranking of dltimeline: what `dltimeline search`, the browser's `/`, the
 * path picker and every picker with completion put first.
 *
 * A query (model/query.h) is free words and field terms. Its words are matched in tiers; a
 * milestone found in a tier comes before every one found only in a later tier:
 *
 *   1. exact name: the words, compared as name keys (letters and digits only, without case
 *      or accents: utf8_name_key), equal an id, short name, alias, title or paper title
 *      ("GPT3" = GPT-3, "alpha go" = AlphaGo, a whole paper title = that paper);
 *   2. name prefix: such a name starts with them ("alphaf", "attention is all");
 *   3. near name: a milestone found by tiers 4-5 whose id, short name, alias or title is a
 *      typo away from the words (edit distance 1 from four letters, 2 from eight);
 *   4. name words: every word is in one name: the title, the short name, the aliases or
 *      the paper title;
 *   5. text: every word is somewhere in the milestone (bm25 with the column weights of
 *      DLT_RANK_WEIGHTS: names and titles far above the body, authors for people's names).
 *
 * A milestone is more central the more later milestones build on it (its "led to" links).
 * In tiers 1 and 3 a name before a title, then the more central; in tier 2 a name before a
 * title, then ln(1 + led to) - DLT_FIND_LONGER * (letters the name has beyond the words);
 * in tiers 4 and 5 the bm25 score times 1 + DLT_FIND_CENTRAL * ln(1 + led to).
 *
 * A word the timeline's vocabulary does not know is split between letters and digits when
 * its parts are known ("llama2" -> "llama 2"). When nothing matches, each unknown word is
 * corrected to the nearest term of the vocabulary (edit distance 1, or 2 from five letters;
 * a swap of neighbours counts 1 and wins ties, then the more frequent term) and `corrected`
 * says what was searched for. When no milestone has every word, those with most of them
 * come, best first, and `partial` says so. Field terms narrow every tier; a query of field
 * terms only lists its matches in timeline order.
 */
#ifndef DLT_FIND_H
#define DLT_FIND_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"
#include "model/filter.h"

#define DLT_FIND_CENTRAL 0.15
#define DLT_FIND_LONGER 0.1

enum dlt_tier {
	DLT_TIER_EXACT = 1,    /* a name equals the words */
	DLT_TIER_PREFIX,       /* a name starts with them */
	DLT_TIER_NEAR_NAME,    /* a name is a typo away from them */
	DLT_TIER_NAME_WORDS,   /* every word is in the names */
	DLT_TIER_TEXT,         /* every word is in the text */
	DLT_TIER_SOME_WORDS,   /* most of the words are (partial) */
	DLT_TIER_FIELDS,       /* field terms only: timeline order */
};

struct dlt_hit {
	int64_t id;
	enum dlt_tier tier;
	double score;          /* tiers 3-5: bm25 (negated) times the centrality factor */
};

struct dlt_found {
	struct dlt_hit *hits;  /* best first */
	size_t n;
	char *corrected;       /* the words searched for, when a typo was corrected; else NULL */
	int partial;           /* no milestone has every word: these have most of them */
	int more;              /* DLT_FIND_QUICK left tiers 3-4 out (see there) */
	struct dlt_filter matches;   /* every match of the query, for marking and n/N */
	char *words;           /* the words searched for (split, corrected), for highlighting */
	char *describe;        /* the field terms in words ("author hinton, 2012-2015"), or NULL */
};

/* Leave out tiers 3 and 4 when their words match more than DLT_FIND_QUICK_DOCS milestones
 * (a keystroke's budget): the browser then runs the whole ranking when no key is waiting. */
#define DLT_FIND_QUICK 1u
#define DLT_FIND_QUICK_DOCS 40000

/* Rank the milestones for `text` among those `within` passes (NULL: all) and store the best
 * `limit` (>= 1) in out (cleared first; free with dlt_found_clear in every case). Returns 0 (out->n may be 0: nothing close
 * exists); -1 with a one-line reason in err when the text has nothing to search for or a
 * field term is wrong; -2 on a database error (recorded: dlt_db_error); -3 when a progress
 * handler interrupted it (nothing is recorded: the caller may simply run it again). */
int dlt_find(struct dlt_db *db, const char *text, const struct dlt_filter *within, size_t limit, unsigned flags,
	     struct dlt_found *out, struct strbuf *err);
/* Free what a dlt_found holds and zero it. */
void dlt_found_clear(struct dlt_found *f);

#endif
