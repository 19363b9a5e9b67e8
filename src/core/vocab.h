/*
 * vocab.h -- the words of the data model, defined once: the kinds of milestone, the kinds
 * of publication venue, the range of years, and the kinds of filter that filter_counts
 * counts. The importer, the command line, the browser and the schema test all use these
 * tables; schema/schema.sql spells the same lists in its CHECK constraints, and
 * tests/unit/test_vocab.c checks that the two agree.
 */
#ifndef DLT_VOCAB_H
#define DLT_VOCAB_H

/* Years a milestone or a period may have. */
#define DLT_YEAR_MIN 1800
#define DLT_YEAR_MAX 2100

/* Kinds of milestone: X(ENUM_SUFFIX, "name"), in the order of the schema's CHECK. */
#define DLT_KINDS(X) \
	X(PAPER, "paper") \
	X(MODEL, "model") \
	X(SYSTEM, "system") \
	X(PRODUCT, "product") \
	X(EVENT, "event") \
	X(DATASET, "dataset") \
	X(FRAMEWORK, "framework") \
	X(HARDWARE, "hardware") \
	X(COMPETITION, "competition")

enum dlt_kind {
	DLT_KIND_NONE = 0,
#define DLT_KIND_ENUM_(e, s) DLT_KIND_##e,
	DLT_KINDS(DLT_KIND_ENUM_)
#undef DLT_KIND_ENUM_
	DLT_KIND__END
};
#define DLT_KIND__COUNT (DLT_KIND__END - 1)

/* Kinds of venue a publication appeared in (the field venue_type); they decide the entry
 * type of a citation (@article, @inproceedings, ...). */
#define DLT_VENUE_TYPES(X) \
	X(JOURNAL, "journal") \
	X(CONFERENCE, "conference") \
	X(WORKSHOP, "workshop") \
	X(BOOK, "book") \
	X(CHAPTER, "chapter") \
	X(PHD_THESIS, "phd-thesis") \
	X(MASTERS_THESIS, "masters-thesis") \
	X(REPORT, "report") \
	X(PREPRINT, "preprint") \
	X(LECTURE, "lecture") \
	X(WEB, "web")

enum dlt_venue_type {
	DLT_VENUE_NONE = 0,
#define DLT_VENUE_ENUM_(e, s) DLT_VENUE_##e,
	DLT_VENUE_TYPES(DLT_VENUE_ENUM_)
#undef DLT_VENUE_ENUM_
	DLT_VENUE__END
};

/* What a row of filter_counts counts (its column `kind`). */
enum dlt_count_kind {
	DLT_COUNT_TAG = 1,
	DLT_COUNT_ERA = 2,
	DLT_COUNT_PARADIGM = 3,
	DLT_COUNT_KIND = 4,
};

/* The name of kind k ("paper"); NULL for DLT_KIND_NONE or a value out of range. */
const char *dlt_kind_name(enum dlt_kind k);
/* The kind named s (exact, lower case); DLT_KIND_NONE when s names none (or is NULL). */
enum dlt_kind dlt_kind_parse(const char *s);
/* Every kind's name, joined by ", " ("paper, model, ..."), for messages and help. */
const char *dlt_kind_list(void);

/* The same three for venue types. */
const char *dlt_venue_type_name(enum dlt_venue_type t);
enum dlt_venue_type dlt_venue_type_parse(const char *s);
const char *dlt_venue_type_list(void);

#endif
