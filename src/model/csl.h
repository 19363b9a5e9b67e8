/*
 * csl.h -- a reference (cite.h) as a CSL-JSON item, the form citeproc, Zotero, pandoc and
 * citation-js read.
 *
 * Types: article-journal, paper-conference, book, chapter, thesis (genre "PhD thesis" or
 * "Master's thesis"), report, article (a preprint), speech (a lecture), webpage, software
 * (models, systems, products, frameworks), dataset, event (events, competitions) and document
 * (hardware, and anything else). Fields: id (the citation key), type, title, author and
 * editor ([{family, given, suffix}] or [{literal}] for an organization), issued
 * {date-parts}, container-title, publisher (also the school or institution), volume, issue,
 * genre, number ("arXiv:ID" for a preprint), DOI, URL (the address, else the arXiv page),
 * keyword (the tags), note (the venue's remarks, the arXiv id, a cut-short author list) and
 * annote (the summary).
 */
#ifndef DLT_CSL_H
#define DLT_CSL_H

#include "core/util.h"
#include "model/cite.h"

/* Append reference c as one CSL-JSON object with id `key`, each field on its own line
 * indented by `indent` spaces plus two (the braces by `indent`), no final newline. Text is
 * escaped as core/json.h does. Never fails. */
void dlt_csl_item(const struct dlt_cite *c, const char *key, int indent, struct strbuf *out);

#endif
