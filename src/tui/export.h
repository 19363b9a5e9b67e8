/*
 * export.h -- the export key: what the view on top shows (the filtered timeline, a lineage
 * tree, a path, the bookmarks) written to a new file as a Markdown reading list, BibTeX or
 * CSL-JSON (model/reflist.h, the writer `dltimeline export` uses too). A file that exists
 * is never replaced.
 */
#ifndef DLT_TUI_EXPORT_H
#define DLT_TUI_EXPORT_H

#include <stddef.h>

#include "model/reflist.h"
#include "tui/app.h"

/* The contents of the topmost view that has some (the timeline's, at the bottom), in c
 * (zeroed first). Returns their number; 0 when there is nothing to export. */
size_t export_contents(struct app *app, struct view_contents *c);
/* Free what c holds and zero it. */
void export_contents_free(struct view_contents *c);
/* The format a file name's ending asks for: .md or .markdown, .bib, .json; -1 for another. */
int export_format_of(const char *path);
/* Write c to the new file `path` (a leading "~/" is $HOME) as format f. Returns 0 with
 * "Wrote ..." and the file's full path in msg; 1 when the file exists (left alone) or -1
 * when it cannot be written (nothing left behind), the reason in msg. */
int export_write(struct app *app, const struct view_contents *c, const char *path, enum dlt_doc_format f,
		 char *msg, size_t size);

#endif
