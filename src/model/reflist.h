/*
 * reflist.h -- a list of milestones as a document to hand out or cite: a Markdown reading
 * list (in the order given, with the user's notes), or BibTeX or CSL-JSON (one entry per
 * milestone, in timeline order). The command line (export, bookmarks) and the browser's
 * export key write through it, so a file is the same from either.
 */
#ifndef DLT_REFLIST_H
#define DLT_REFLIST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "db/db.h"

/* The formats of a reference list. */
enum dlt_doc_format { DLT_DOC_MARKDOWN, DLT_DOC_BIBTEX, DLT_DOC_CSL_JSON, DLT_DOC__COUNT };

/* The format's name as --format takes it ("markdown", "bibtex", "csl-json"). */
const char *dlt_doc_name(enum dlt_doc_format f);
/* The usual file name ending of the format (".md", ".bib", ".json"). */
const char *dlt_doc_extension(enum dlt_doc_format f);

/* Write milestones ids[0..n) to out. Markdown: "# title" (title not NULL), then a numbered
 * list in the order given, each milestone with its summary, its note (notes[i] when notes
 * and it are not NULL) and its reference. BibTeX and CSL-JSON: each milestone once, in
 * timeline order, with keys unique in the whole timeline (model/citekey.h); title and notes
 * are not used. Returns 0, or -1 on a database error (what was written stays) or when out
 * reports a write error. */
int dlt_reflist_write(struct dlt_db *db, enum dlt_doc_format f, const char *title, const int64_t *ids,
		      char *const *notes, size_t n, FILE *out);

#endif
