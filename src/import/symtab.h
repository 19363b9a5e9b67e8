/*
 * symtab.h -- interned names: milestone ids, eras, paradigms, tags and folded aliases.
 *
 * A table maps each name to a small number, its symbol (1, 2, ... in the order names were
 * first seen), and keeps with it what the checks need: what defines it and one more value.
 * Names live in one arena; the index is open addressing on an FNV-1a hash. The importer
 * holds a few million names at most, so symbols and offsets are 32-bit.
 */
#ifndef DLT_IMPORT_SYMTAB_H
#define DLT_IMPORT_SYMTAB_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"

struct sym {
	uint32_t off;          /* the name, NUL-terminated, in the arena */
	uint32_t hash;
	int32_t def;           /* what defines it, 0 = nothing (yet): a milestone's sequence
				* number, a period's index + 1, a tag's id */
	int32_t aux;           /* milestones: line of the definition; aliases: the owner's
				* milestone symbol, or 0 when its entry was not valid */
};

/* Zero-initialised is an empty table that compares names exactly; set `nocase` before the
 * first name to compare ASCII letters without case, like SQLite's NOCASE. */
struct symtab {
	struct sym *v;         /* by symbol - 1 */
	size_t n, cap;
	uint32_t *slot;        /* symbol, 0 = empty; nslot is a power of two */
	size_t nslot;
	struct strbuf arena;
	int nocase;
};

/* The symbol of name s; with `create`, a new one when there is none, else 0. Never fails
 * (out of memory exits). */
uint32_t symtab_get(struct symtab *t, const char *s, int create);
/* The entry of symbol id (1 <= id <= t->n); valid until the next symtab_get. */
struct sym *symtab_at(struct symtab *t, uint32_t id);
/* The name of symbol id (1 <= id <= t->n); valid until the next symtab_get. */
const char *symtab_name(const struct symtab *t, uint32_t id);
/* Free the table; it is empty again (and keeps `nocase`). */
void symtab_free(struct symtab *t);

#endif
