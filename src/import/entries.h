/*
 * entries.h -- one entry of a data file (an era, a paradigm, a tag, a milestone) checked
 * and turned into its record (record.h): every field (fields.h), the house rules under
 * --strict, and the whole-input checks that one entry shows by itself (a link to itself, a
 * link or a tag listed twice). The checks that need the other entries are the writer's
 * (check.c).
 */
#ifndef DLT_IMPORT_ENTRIES_H
#define DLT_IMPORT_ENTRIES_H

#include "core/util.h"
#include "import/fields.h"
#include "import/ynode.h"

/* A parser thread's state for the entries it reads. */
struct entry_ctx {
	struct field_ctx f;    /* its problems; the file being read */
	struct field_patterns pat;
	int strict;            /* --strict: the house rules too */
	struct strbuf *out;    /* where records go (must be set) */
};

/* The entry `map` (a mapping) of section eras (is_era) or paradigms. */
void entry_period(struct entry_ctx *c, int is_era, const struct ynode *map);
/* The entry `map` of section tags. */
void entry_tag(struct entry_ctx *c, const struct ynode *map);
/* The entry `map` of section milestones. */
void entry_milestone(struct entry_ctx *c, const struct ynode *map);

#endif
