/*
 * fts.h -- the search index of the database being written.
 *
 * While the milestones' ids are final as they are written (the input is in chronological
 * order, every tag known), the writer hands each milestone's search document to an indexer
 * thread, which builds the index in a scratch database of its own; at the end it is copied
 * into the output (fts_copy_sql). Otherwise the index is built from the final tables
 * (fts_from_tables_sql). Both make the same documents.
 */
#ifndef DLT_IMPORT_FTS_H
#define DLT_IMPORT_FTS_H

#include <pthread.h>
#include <sqlite3.h>
#include <stddef.h>

#include "import/internal.h"

/* The indexer thread and its queue of documents. Zero-initialised is "not started". */
struct fts_indexer {
	pthread_t th;
	int started;           /* the thread runs (until fts_finish) */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct chunkq q;       /* chunks of rec_doc records (record.h) */
	int cancel;            /* drop everything and stop */
	char *path;            /* its scratch database, removed by fts_free */
	int ok;                /* everything indexed and committed */
	char err[256];         /* why not */
	int timing;            /* print its times (DLTIMELINE_IMPORT_TIMING) */
	double wall, cpu;      /* its own times, for the timing report */
};

/* Start the indexer on the empty scratch database at `path` (malloc'd; the indexer owns it
 * from now on). Returns 0, or -1 when the thread cannot be started (the caller then builds
 * the index from the tables; fts_free still removes the file). */
int fts_start(struct fts_indexer *f, char *path, int timing);
/* Queue a chunk of documents; waits while the indexer is behind. The indexer owns ch. */
void fts_push(struct fts_indexer *f, struct chunk *ch);
/* No more documents: the indexer finishes its index. */
void fts_end(struct fts_indexer *f);
/* Make the indexer drop everything and stop: its index will not be used. */
void fts_stop(struct fts_indexer *f);
/* Wait for the indexer (with `cancel`, make it stop first). 1 when its index is complete,
 * else 0 (the reason, if any, in f->err). */
int fts_finish(struct fts_indexer *f, int cancel);
/* Stop the indexer if it runs, remove its database (and forget it: signals_forget), free
 * everything. */
void fts_free(struct fts_indexer *f);

/* The search index from the final tables of the output (needs fts_register_functions). */
extern const char fts_from_tables_sql[];
/* The indexer's index, attached as "fts", copied into the output. */
extern const char fts_copy_sql[];
/* Add dlt_ascii_fold(text) (utf8_to_ascii) to db. Returns SQLITE_OK or the error code. */
int fts_register_functions(sqlite3 *db);
/* Fill doc_lengths (schema.sql) from the search index's search_docsize, both in db's main
 * schema. Returns 0, or -1 with the reason in err. */
int fts_write_doc_lengths(sqlite3 *db, char *err, size_t errsize);

#endif
