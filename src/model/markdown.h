/*
 * markdown.h -- Markdown text and references for handouts: text from the data escaped so
 * that it reads as written, never as markup, and a milestone's reference (authors, year,
 * title, venue and its links). The command line and the browser write the same references.
 */
#ifndef DLT_MARKDOWN_H
#define DLT_MARKDOWN_H

#include "core/util.h"
#include "model/model.h"

/* Append s (NULL: nothing) with the characters Markdown reads as markup backslash-escaped
 * and white space runs made one space. Never fails. */
void dlt_md_text(struct strbuf *sb, const char *s);
/* Append the reference of m: "Authors (year). *Title*. Venue. [arXiv:ID](...) [doi:...](...)",
 * the organization when no author is named, and the address when it is another. Never
 * fails. */
void dlt_md_reference(struct strbuf *sb, const struct dlt_milestone *m);

#endif
