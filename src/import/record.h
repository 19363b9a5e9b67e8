/*
 * record.h -- the records one thread of the importer hands to another: a parser's entries
 * to the writer (title, period, tag, milestone), the writer's search documents to the
 * indexer.
 *
 * Each record is one list of fields (an X-macro below). Its struct, its encoder and its
 * decoder are all generated from that list, side by side in record.c, so a field cannot be
 * added to one and forgotten in the other. Encoding, in host order (records never leave the
 * process): u32 and f64 as they are; a string as its u32 length (UINT32_MAX for NULL), its
 * bytes and a NUL, so that a decoded string points into the record; a list as its u32
 * length, then per item its text, its note (lists with notes only), line and column.
 */
#ifndef DLT_IMPORT_RECORD_H
#define DLT_IMPORT_RECORD_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/util.h"

enum rec_type { R_TITLE = 1, R_PERIOD, R_TAG, R_MS };

/* An item of a list of text: a tag, an alias, a link (with its note). */
struct rec_item {
	const char *text;
	const char *note;      /* links only; else NULL */
	uint32_t line, col;
};

/* A list in a record. To encode: n items at v. Decoded: n items, still encoded, from `at`
 * (read them with rec_list_begin / rec_list_next). */
struct rec_list {
	uint32_t n;
	const struct rec_item *v;
	const char *at;
	int note;              /* its items have notes (set when decoded) */
};

/* The texts of a milestone, in record order. An event's background, what happened and why
 * it mattered take the places of problem, insight and impact. */
enum { T_TITLE, T_SHORT, T_ORG, T_VENUE, T_VENUE_TYPE, T_PAPER, T_SUMMARY, T_PROBLEM, T_INSIGHT,
       T_IMPACT, T_FORMULA, T_ARCH, T_ANECDOTE, T_SCALE_SRC, T__COUNT };

/* Flags of a milestone record. */
enum { MS_HAS_PARAMS = 1, MS_HAS_COMPUTE = 2, MS_ROOT = 4 };

/* The columns of a search document, in the order of the search table (schema.sql). */
enum { FC_TITLE, FC_SHORT, FC_ALIASES, FC_AUTHORS, FC_SUMMARY, FC_PROBLEM, FC_INSIGHT, FC_IMPACT,
       FC_TAGS, FC_PAPER, FC_VENUE, FC__COUNT };

/* The records. X(U32, F64, STR, STRS, LIST) lists the fields in encoding order:
 * U32(name), F64(name), STR(name), STRS(name, count) (an array of strings),
 * LIST(name, has_note). */

/* R_TITLE: the title, and the place reserved for "given more than once" in its file. */
#define REC_TITLE(U32, F64, STR, STRS, LIST) \
	U32(line) U32(col) U32(slot) STR(text)

/* R_PERIOD: an era (is_era) or a paradigm; start and end 0 when not given. */
#define REC_PERIOD(U32, F64, STR, STRS, LIST) \
	U32(is_era) STR(slug) STR(name) U32(start) U32(end) STR(summary) U32(line) U32(col)

/* R_TAG */
#define REC_TAG(U32, F64, STR, STRS, LIST) \
	STR(slug) STR(name) U32(line) U32(col)

/* R_MS: a milestone at (line, col). `staged`: it has an id and, if any of its fields is
 * wrong, a year (it takes part in the whole-input checks). month, author_count 0 when not
 * given; era and paradigm positions 0 when absent; authors, figures and sources as JSON;
 * fts_aliases and fts_authors: the search index's aliases and authors columns. */
#define REC_MS(U32, F64, STR, STRS, LIST) \
	U32(line) U32(col) U32(staged) U32(year) U32(month) U32(author_count) U32(flags) \
	U32(era_line) U32(era_col) U32(par_line) U32(par_col) \
	F64(params) F64(compute) \
	STR(slug) STR(kind) STR(authors) STR(figures) STR(sources) STR(arxiv) STR(doi) STR(url) \
	STR(era) STR(paradigm) STRS(texts, T__COUNT) STR(fts_aliases) STR(fts_authors) \
	LIST(tags, 0) LIST(aliases, 0) LIST(links, 1)

/* A search document: the milestone's id (low and high halves) and the indexed columns. */
#define REC_DOC(U32, F64, STR, STRS, LIST) \
	U32(id_lo) U32(id_hi) STRS(cols, FC__COUNT)

#define REC_FIELD_U32_(n) uint32_t n;
#define REC_FIELD_F64_(n) double n;
#define REC_FIELD_STR_(n) const char *n;
#define REC_FIELD_STRS_(n, k) const char *n[k];
#define REC_FIELD_LIST_(n, note) struct rec_list n;
#define REC_STRUCT_(type, X) struct type { \
	X(REC_FIELD_U32_, REC_FIELD_F64_, REC_FIELD_STR_, REC_FIELD_STRS_, REC_FIELD_LIST_) \
	const char *encoded;   /* decoded: where the record's bytes start */ \
	size_t encoded_len;    /* and how many there are */ \
}

REC_STRUCT_(rec_title, REC_TITLE);
REC_STRUCT_(rec_period, REC_PERIOD);
REC_STRUCT_(rec_tag, REC_TAG);
REC_STRUCT_(ms_record, REC_MS);
REC_STRUCT_(rec_doc, REC_DOC);

/* Reading records: p moves past what is read. Records are read where they were written,
 * by the code that wrote them: nothing is checked. */
struct rec_reader {
	const char *p;
};

static inline void rec_put_u32(struct strbuf *sb, uint32_t v)
{
	sb_addn(sb, (const char *)&v, sizeof v);
}

static inline uint32_t rec_get_u32(struct rec_reader *r)
{
	uint32_t v;
	memcpy(&v, r->p, sizeof v);
	r->p += sizeof v;
	return v;
}

/* Append record type t (then the record itself). */
static inline void rec_put_type(struct strbuf *sb, enum rec_type t)
{
	rec_put_u32(sb, (uint32_t)t);
}

/* Encode a record at the end of sb; decode one from r (the strings point into it). The
 * encoders never fail (out of memory exits). */
void rec_title_put(struct strbuf *sb, const struct rec_title *x);
void rec_title_get(struct rec_reader *r, struct rec_title *x);
void rec_period_put(struct strbuf *sb, const struct rec_period *x);
void rec_period_get(struct rec_reader *r, struct rec_period *x);
void rec_tag_put(struct strbuf *sb, const struct rec_tag *x);
void rec_tag_get(struct rec_reader *r, struct rec_tag *x);
void ms_record_put(struct strbuf *sb, const struct ms_record *x);
void ms_record_get(struct rec_reader *r, struct ms_record *x);
void rec_doc_put(struct strbuf *sb, const struct rec_doc *x);
void rec_doc_get(struct rec_reader *r, struct rec_doc *x);

/* A string written by rec_put_str: NULL, or a pointer into the record. */
static inline const char *rec_get_str(struct rec_reader *r)
{
	uint32_t n = rec_get_u32(r);
	if (n == UINT32_MAX)
		return NULL;
	const char *s = r->p;
	r->p += (size_t)n + 1;
	return s;
}

/* Reading a decoded list, item after item. */
struct rec_cursor {
	struct rec_reader r;
	uint32_t left;
	int note;
};

static inline struct rec_cursor rec_list_begin(const struct rec_list *l)
{
	return (struct rec_cursor){{l->at}, l->n, l->note};
}

/* The next item into *it; 0 when there is none left. */
static inline int rec_list_next(struct rec_cursor *c, struct rec_item *it)
{
	if (!c->left)
		return 0;
	c->left--;
	it->text = rec_get_str(&c->r);
	it->note = c->note ? rec_get_str(&c->r) : NULL;
	it->line = rec_get_u32(&c->r);
	it->col = rec_get_u32(&c->r);
	return 1;
}

#endif
