/*
 * batch.c -- multi-row INSERTs (see batch.h).
 *
 * Values are kept as they are added: integers as they are, texts copied into one buffer
 * (referred to by offset, since the buffer may move as it grows) and bound only when the
 * rows are inserted. A full batch goes in with the statement of DLT_BATCH_ROWS rows; the
 * rows left at a flush go one at a time through the one-row statement. The statements come
 * prepared: no SQL text is composed here.
 */
#include "import/batch.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"

enum { V_INT, V_TEXT, V_NULL };

struct value {
	int type;
	int64_t i;      /* V_INT: the value; V_TEXT: the offset of the text in `texts` */
};

struct dlt_batch {
	sqlite3_stmt *one, *full;   /* one row, DLT_BATCH_ROWS rows */
	int ncols;                  /* values per row */
	int nrows;                  /* complete rows held */
	int nvals;                  /* values held, the current row's included */
	struct value *vals;         /* DLT_BATCH_ROWS * ncols */
	struct strbuf texts;        /* the texts held, each with its NUL */
};

struct dlt_batch *dlt_batch_new(sqlite3_stmt *one, sqlite3_stmt *full)
{
	int ncols = one ? sqlite3_bind_parameter_count(one) : 0;
	if (!ncols || !full || sqlite3_bind_parameter_count(full) != ncols * DLT_BATCH_ROWS) {
		sqlite3_finalize(one);
		sqlite3_finalize(full);
		return NULL;
	}
	struct dlt_batch *b = xcalloc(1, sizeof *b);
	b->one = one;
	b->full = full;
	b->ncols = ncols;
	b->vals = xcalloc((size_t)DLT_BATCH_ROWS * (size_t)ncols, sizeof *b->vals);
	return b;
}

void dlt_batch_int(struct dlt_batch *b, int64_t v)
{
	if (b->nvals < (b->nrows + 1) * b->ncols)
		b->vals[b->nvals++] = (struct value){V_INT, v};
}

void dlt_batch_text(struct dlt_batch *b, const char *s)
{
	if (b->nvals >= (b->nrows + 1) * b->ncols)
		return;
	if (!s) {
		b->vals[b->nvals++] = (struct value){V_NULL, 0};
		return;
	}
	b->vals[b->nvals++] = (struct value){V_TEXT, (int64_t)b->texts.len};
	sb_addn(&b->texts, s, strlen(s) + 1);
}

/* Bind `rows` rows from row `from` to st and step it. */
static int insert(struct dlt_batch *b, sqlite3_stmt *st, int from, int rows)
{
	const struct value *v = b->vals + (size_t)from * (size_t)b->ncols;
	for (int k = 0; k < rows * b->ncols; k++, v++)
		if (v->type == V_INT)
			sqlite3_bind_int64(st, k + 1, v->i);
		else if (v->type == V_TEXT)
			sqlite3_bind_text(st, k + 1, b->texts.buf + v->i, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, k + 1);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void forget(struct dlt_batch *b)
{
	b->nrows = b->nvals = 0;
	sb_reset(&b->texts);
}

int dlt_batch_row(struct dlt_batch *b)
{
	if (b->nvals != (b->nrows + 1) * b->ncols)
		return SQLITE_MISUSE;
	if (++b->nrows < DLT_BATCH_ROWS)
		return SQLITE_OK;
	int rc = insert(b, b->full, 0, DLT_BATCH_ROWS);
	forget(b);
	return rc;
}

int dlt_batch_flush(struct dlt_batch *b)
{
	int rc = SQLITE_OK;
	for (int r = 0; r < b->nrows && rc == SQLITE_OK; r++)
		rc = insert(b, b->one, r, 1);
	forget(b);
	return rc;
}

void dlt_batch_free(struct dlt_batch *b)
{
	if (!b)
		return;
	sqlite3_finalize(b->one);
	sqlite3_finalize(b->full);
	free(b->vals);
	sb_free(&b->texts);
	free(b);
}
