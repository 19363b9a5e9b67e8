/*
 * fields.h -- checking the fields of a data file's entries: text, whole numbers, positive
 * numbers, booleans, ids, patterns (arXiv, DOI, URL), the fields a mapping may have, lists
 * of text and the figures list, turned into the values the database stores.
 *
 * Every check takes the field's node (NULL when the field is absent) and reports what is
 * wrong to a field context, at the node's position, in reading order. Nothing here knows
 * about threads, records or the database: the checks can be tested on hand-made nodes.
 */
#ifndef DLT_IMPORT_FIELDS_H
#define DLT_IMPORT_FIELDS_H

#include <regex.h>
#include <stddef.h>
#include <stdint.h>

#include "import/internal.h"
#include "import/ynode.h"

/* Where the checks report: the problems of the file being read (its index) and the number
 * of problems and reserved places so far in that file (their reading order). */
struct field_ctx {
	struct problems probs;
	size_t file;
	uint64_t n;
};

/* The place of a problem at (line, col) or at node n of the file being read. */
struct where field_at(const struct field_ctx *f, unsigned line, unsigned col);
struct where field_at_node(const struct field_ctx *f, const struct ynode *n);
/* The order of the next problem: in reading order; or in the order of check `check` (CK_*),
 * for the whole-input checks that one entry shows by itself. */
uint64_t field_seq(struct field_ctx *f);
uint64_t field_check_seq(struct field_ctx *f, int check);

/* A scalar that is YAML null (absent) counts as not given: is n such a null? */
int field_is_null(const struct ynode *n);
/* Is the field there and not null? */
int field_given(const struct ynode *n);
/* "a mapping", "a list" or "a scalar", for messages. */
const char *field_type_name(const struct ynode *n);
/* A malloc'd copy of a scalar's text without the white space around it. */
char *field_trimmed(const struct ynode *n);

/* A text field: a malloc'd trimmed string, or NULL when absent or empty. Reports a value
 * that is not text, and (with one_line) a line break. */
char *field_string(struct field_ctx *f, const struct ynode *n, const char *key, int one_line);
/* A whole number in [lo, hi]: 1 and *out set, 0 when absent, -1 when invalid (reported). */
int field_int(struct field_ctx *f, const struct ynode *n, const char *key, long lo, long hi, long *out);
/* A positive number up to 1e40: 1 and *out set, 0 when absent, -1 when invalid (reported). */
int field_real(struct field_ctx *f, const struct ynode *n, const char *key, double *out);
/* A boolean: 1 or 0, `dflt` when absent, -1 when invalid (reported). */
int field_bool(struct field_ctx *f, const struct ynode *n, const char *key, int dflt);

/* Is s an id: a lower-case letter or digit, then up to 63 lower-case letters, digits and
 * '-'? */
int field_valid_id(const char *s);
/* 0 when s (the value of node n) is an id; else -1, reported as "<what> '<s>' is not a
 * valid id". */
int field_check_id(struct field_ctx *f, const struct ynode *n, const char *s, const char *what);
/* The required "id" field (node n) of entry `map`: a malloc'd id, or NULL (reported). */
char *field_id(struct field_ctx *f, const struct ynode *map, const struct ynode *n, const char *what);

/* The members of mapping `map` by key: out[i] is the first member named known[i] (NULL when
 * none); a member with another key is reported as unknown in `what` ("a milestone"). */
void field_index(struct field_ctx *f, const struct ynode *map, const char *const *known, size_t nknown,
		 const struct ynode **out, const char *what);
/* Report that `what` (entry `map`) misses required field `key` (node n, NULL when absent).
 * A field that is there as a list or a mapping is not missing: its type was reported. */
void field_missing(struct field_ctx *f, const struct ynode *map, const struct ynode *n, const char *key,
		   const char *what);

/* The compiled patterns of arXiv ids, DOIs and addresses (one set per thread). */
struct field_patterns {
	regex_t arxiv_new, arxiv_old, doi, url;
};
/* Compile the patterns: 0, or -1 when one does not compile (then nothing is to be freed). */
int field_patterns_init(struct field_patterns *p);
void field_patterns_free(struct field_patterns *p);
/* A one-line text field matching re1 (or re2 when not NULL): the malloc'd text, or NULL when
 * absent or malformed (reported as "malformed <key> ... (expected <expect>)"). */
char *field_pattern(struct field_ctx *f, const struct ynode *n, const char *key, const regex_t *re1,
		    const regex_t *re2, const char *expect);

/* A list of text (node n) as a malloc'd JSON array; an element that is not text is reported.
 * With `items`, the trimmed elements are handed back too (malloc'd array of malloc'd
 * strings, *nitems of them). */
char *field_list_json(struct field_ctx *f, const struct ynode *n, const char *key, char ***items,
		      size_t *nitems);
/* The figures list (node n) as a malloc'd JSON array of {"text": ..., "source": ...}
 * (source null when not given). Each entry is text, or a mapping with 'text' and 'source';
 * with `strict` every figure needs its source. */
char *field_figures_json(struct field_ctx *f, const struct ynode *n, int strict);
/* The authors column of the search index: the names joined by " ; ", then the ASCII spelling
 * of each name that has another one ("Łukasz Kaiser" -> "Lukasz Kaiser"); NULL without
 * names. fts.c's SQL builds the same text with dlt_ascii_fold(). */
char *field_authors_text(char *const *names, size_t n);

#endif
