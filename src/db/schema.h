/*
 * schema.h -- what a timeline database must look like before any statement of queries.h
 * runs on it: the objects of this version's schema (schema/schema.sql and
 * schema/indexes.sql, embedded at build time), and milestone ids that stay within the
 * count the database states.
 *
 * A --db file need not come from the importer. A view or a trigger in place of a table
 * can make any query recurse forever or produce gigabytes; an id near 2^63 makes every
 * walk "from 1 to the last id" endless. Both are refused here, at open, with one line.
 */
#ifndef DLT_DB_SCHEMA_H
#define DLT_DB_SCHEMA_H

#include <sqlite3.h>
#include <stddef.h>
#include <strings.h>

#include "core/util.h"

/* The most milestones a timeline may hold (and so the highest id): bitmaps over the ids
 * (a search's matches) then take at most 12.5 MB. */
#define DLT_MAX_MILESTONES 100000000

/* The schema text of this version (schema/schema.sql, schema/indexes.sql). */
extern const char dlt_schema_sql[];
extern const char dlt_indexes_sql[];

/* One object of the schema as SQLite made it from that text in an empty database (the
 * build-time tool src/tools/schema_ref.c writes the table dlt_schema_ref). */
struct dlt_schema_object {
	const char *type;      /* "table" or "index" */
	const char *name;
	const char *table;     /* an index's table; a table's own name */
	const char *sql;       /* its declaration; NULL for the indexes SQLite makes itself */
	const char *columns;   /* an ordinary table's columns: DLT_SCHEMA_COLUMN_FMT, in order */
};
extern const struct dlt_schema_object dlt_schema_ref[];
extern const size_t dlt_schema_ref_count;

/* How both sides list a table's columns: the rows of this statement (?1: the table) joined
 * as "name TYPE notnull pk;" each. */
#define DLT_SCHEMA_COLUMNS_SQL "SELECT name, upper(type), \"notnull\", pk FROM pragma_table_info(?1, 'main')"
#define DLT_SCHEMA_COLUMN_FMT "%s %s %d %d;"

/* True when sql declares a virtual table (the full-text index): compared by its text. */
static inline int dlt_schema_is_virtual(const char *sql)
{
	return sql && strncasecmp(sql, "CREATE VIRTUAL TABLE", 20) == 0;
}

/* Compare the objects of the database open on h with those this version's schema creates
 * (dlt_schema_ref): every table of the schema must be a table with the
 * same columns (name, type, NOT NULL, primary key), the full-text table must have the same
 * declaration, every index must be there on its table, and the database may hold no view
 * and no trigger at all. Then the milestone ids must lie within 1 .. the count stored in
 * meta ('milestones'), itself at most DLT_MAX_MILESTONES.
 * Returns 0 when all holds; -1 with the reason, one line without the file's name, in why
 * ("not a dltimeline database: table terms is a view"); or the SQLite result code of a read
 * that failed (a damaged file), why untouched. */
int dlt_schema_check(sqlite3 *h, struct strbuf *why);

#endif
