/*
 * batch.h -- rows of one table gathered for a multi-row INSERT.
 *
 * An INSERT of one row spends about as long starting and finishing its statement as storing
 * the row (half the CPU time of the links; README, Performance). A batch copies the values
 * of up to DLT_BATCH_ROWS rows and stores them with one "INSERT ... VALUES (row), (row), ..."
 * statement.
 */
#ifndef DLT_BATCH_H
#define DLT_BATCH_H

#include <sqlite3.h>
#include <stdint.h>

#define DLT_BATCH_ROWS 16
/* The VALUES list of a full batch: ROW ("(?, ?)") DLT_BATCH_ROWS times, as one literal. */
#define DLT_BATCH_VALUES(row) DLT_BATCH_8_(row) ", " DLT_BATCH_8_(row)
#define DLT_BATCH_8_(r) DLT_BATCH_4_(r) ", " DLT_BATCH_4_(r)
#define DLT_BATCH_4_(r) r ", " r ", " r ", " r

struct dlt_batch;

/* A batch inserting with `one`, an INSERT of one row, and `full`, the same INSERT of
 * DLT_BATCH_ROWS rows with the parameters of each row in turn (DLT_BATCH_VALUES builds its
 * text). The batch owns both statements from now on. NULL (both finalized) when `full` does
 * not have DLT_BATCH_ROWS times the parameters of `one`, or either is NULL. */
struct dlt_batch *dlt_batch_new(sqlite3_stmt *one, sqlite3_stmt *full);
/* Add the next value of the current row: an integer, a text (copied; NULL is SQL NULL).
 * A value past the row's last is dropped (dlt_batch_row then says SQLITE_MISUSE). */
void dlt_batch_int(struct dlt_batch *b, int64_t v);
void dlt_batch_text(struct dlt_batch *b, const char *s);
/* End the current row; the rows are inserted when the batch is full. Returns SQLITE_OK, the
 * error code of the insert, or SQLITE_MISUSE (nothing done) when the row does not have all
 * its values. */
int dlt_batch_row(struct dlt_batch *b);
/* Insert the rows held. Returns SQLITE_OK or the error code of an insert (message:
 * sqlite3_errmsg() of the statements' database). */
int dlt_batch_flush(struct dlt_batch *b);
/* Free the batch (NULL is fine); rows not flushed are dropped. */
void dlt_batch_free(struct dlt_batch *b);

#endif
