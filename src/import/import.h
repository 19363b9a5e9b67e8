/*
 * import.h -- YAML data files -> validated timeline database.
 *
 * The importer streams each file through ynode (one entry in memory at a time), checks each
 * entry's fields, stages the rows in a private temporary database, then runs the checks that
 * need everything (duplicate ids, unknown references, periods, cycles) as indexed SQL. Only
 * when no error was found does it build the final tables in chronological order, create the
 * indexes and the search index, and rename the finished file into place. A failed import
 * leaves no file behind.
 */
#ifndef DLT_IMPORT_H
#define DLT_IMPORT_H

#include <stddef.h>
#include <stdio.h>

struct dlt_import_opts {
	int strict;         /* also enforce the curated dataset's house rules */
	const char *out;    /* database to write; NULL = validate only */
	FILE *errors;       /* where "file:line:column: message" lines go */
	int quiet;          /* no summary line on success */
};

/* Import the given files and directories (directories contribute their *.yaml / *.yml files
 * in name order). Reports every problem to opts->errors. Returns the number of errors: 0
 * means the input is valid and, if opts->out is set, the database was written atomically;
 * otherwise nothing was written. */
size_t dlt_import(const char *const *paths, size_t npaths, const struct dlt_import_opts *opts);

#endif
