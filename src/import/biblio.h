/*
 * biblio.h -- someone's bibliography as a timeline: a BibTeX file (read with libbtparse,
 * bib_bibtex.c) or a CSL-JSON file (bib_csl.c) turned into the YAML of data/README.md, which
 * the importer then checks and writes like any data file.
 *
 * Each entry becomes a milestone: year and month from the entry, the title, the authors
 * ("and others" sets author_count), the venue and its type (from the entry type), the DOI,
 * the arXiv id, the address, the abstract as the summary (the title when there is none), the
 * keywords as tags, and its crossref and biblatex `related` entries as builds-on links. One era
 * spans the bibliography's years. An entry without a usable year is reported as a
 * "file:line: warning" and skipped (an error with strict). The importer reports what it
 * finds in the YAML at the entries' lines in the file (struct dlt_import_origin), and does
 * not hold it to the house rules of strict.
 */
#ifndef DLT_BIBLIO_H
#define DLT_BIBLIO_H

#include <stddef.h>
#include <stdio.h>

#include "core/util.h"
#include "import/bibentry.h"
#include "import/import.h"

/* True when path names a bibliography the importer converts: it ends in .bib or .json. */
int dlt_biblio_is(const char *path);
/* Convert the bibliography at path into data YAML appended to yaml (with the timeline's
 * title when with_title). Problems go to errors as "path:line: ..." lines. When origin is
 * not NULL it is set to where the entries' YAML starts in yaml and in the file (name: path;
 * free origin->at). Returns the number of errors: 0 when yaml holds a usable timeline;
 * without any entry with a year, or when the file cannot be read or parsed at all, 1 or
 * more (yaml is then not to be used). */
size_t dlt_biblio_yaml(const char *path, int strict, int with_title, FILE *errors, struct strbuf *yaml,
		       struct dlt_import_origin *origin);

#endif
