/*
 * spell.h -- typos: how far apart two words are, and the words of a query corrected to
 * the vocabulary of the timeline's search index.
 */
#ifndef DLT_SPELL_H
#define DLT_SPELL_H

#include "core/util.h"
#include "db/db.h"

/* The Damerau-Levenshtein (optimal string alignment) distance between a and b, or max + 1
 * when it is more than max. Bytes are compared; words of over 64 bytes are equal or far. */
int dlt_edit_distance(const char *a, const char *b, int max);

/* The words (user text) with every word the index does not know split between letters and
 * digits where that makes its parts known ("gpt3" -> "gpt-3"), and when `correct`, one that
 * cannot be split corrected to the nearest term (edit distance 1 from three letters, 2 from
 * five; a swap of neighbours counts 1 and wins ties, then the more frequent term). The words of one chunk
 * (written without spaces) are joined by '-' so that they stay one phrase. Stores them in
 * *out (reset first) and returns the number of words changed; a database error changes
 * nothing more (recorded: dlt_db_error). */
int dlt_spell_fix(struct dlt_db *db, const char *words, int correct, struct strbuf *out);

#endif
