/*
 * import.h -- YAML data files -> validated timeline database.
 *
 * Parser threads read the files (a fast reader for plain YAML, libyaml for the rest) and
 * check each entry by itself; the calling thread checks every entry against the whole input
 * (duplicate ids and aliases, references, years of the eras, cycles) with tables in memory
 * and, while nothing is wrong, writes the rows to a temporary database next to the output.
 * Only when no problem was found does it finish the database (final order, indexes, search
 * index) and rename it into place; a failed import leaves no file behind. --check writes
 * nothing at all. The files of src/import and how they fit: import.c.
 */
#ifndef DLT_IMPORT_H
#define DLT_IMPORT_H

#include <stddef.h>
#include <stdio.h>

/* Where an input made from another file came from (a bibliography converted to data YAML,
 * import/biblio.h): its problems are reported under `name`, at the source line of the entry
 * they are in (entry i starts on line at[i].made of the made file and on line at[i].src of
 * the source; ascending), and the house rules of `strict` do not apply to it (a
 * bibliography has no room for them). */
struct dlt_import_origin {
	const char *name;
	struct dlt_origin_line {
		unsigned made, src;
	} *at;
	size_t n;
};

struct dlt_import_opts {
	int strict;         /* also enforce the curated dataset's house rules */
	const char *out;    /* database to write; NULL = validate only */
	FILE *errors;       /* where "file:line:column: message" lines go */
	int quiet;          /* no summary line on success */
	int force;          /* replace `out` even when it is not a dltimeline database */
	const struct dlt_import_origin *const *origins;   /* per path: what it was made from,
							    * or NULL (as is origins itself) */
};

/* Import the given files and directories (directories contribute their *.yaml / *.yml files
 * in name order). Reports every problem to opts->errors, then a count line (or, unless
 * quiet, a summary). Returns the number of problems: 0 means the input is valid and, if
 * opts->out is set, the database was written atomically; otherwise nothing was written.
 * While it runs it takes SIGBUS, SIGINT, SIGTERM and SIGHUP (where they have their default
 * action): one import at a time in a process. */
size_t dlt_import(const char *const *paths, size_t npaths, const struct dlt_import_opts *opts);

#endif
