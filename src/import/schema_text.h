/* schema_text.h -- schema/schema.sql and schema/indexes.sql, embedded at build time. */
#ifndef DLT_SCHEMA_TEXT_H
#define DLT_SCHEMA_TEXT_H

extern const char dlt_schema_sql[];
extern const char dlt_indexes_sql[];

#endif
