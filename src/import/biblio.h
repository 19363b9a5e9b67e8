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
 * "file:line: warning" and skipped (an error with strict).
 */
#ifndef DLT_BIBLIO_H
#define DLT_BIBLIO_H

#include <stddef.h>
#include <stdio.h>

#include "core/util.h"

/* One entry of a bibliography, as the readers find it. Strings are malloc'd UTF-8 or NULL. */
struct bib_entry {
	char *key;               /* the citation key */
	int line;                /* where it starts in its file */
	char *type;              /* entry type in lower case: article, inproceedings, ... */
	char *title;
	char **authors;          /* "Given Family" each */
	size_t nauthors;
	int more_authors;        /* the list ends in "and others" */
	char *container;         /* journal, proceedings, book, school or institution */
	int year, month;         /* 0: none */
	char *doi, *arxiv, *url, *abstract;
	char **keywords;
	size_t nkeywords;
	char *crossref;          /* the key of the entry it is part of (BibTeX crossref) */
	char **links;            /* keys of related entries (biblatex related) */
	size_t nlinks;
};

/* The entries read from one file. */
struct bib_list {
	struct bib_entry *e;
	size_t n, cap;
	size_t errors;           /* problems reported (skipped entries count only with strict) */
};

/* True when path names a bibliography the importer converts: it ends in .bib or .json. */
int dlt_biblio_is(const char *path);
/* Convert the bibliography at path into data YAML appended to yaml (with the timeline's
 * title when with_title). Problems go to errors as "path:line: ..." lines. Returns the
 * number of errors: 0 when yaml holds a usable timeline; without any entry with a year, or
 * when the file cannot be read or parsed at all, 1 or more (yaml is then not to be used). */
size_t dlt_biblio_yaml(const char *path, int strict, int with_title, FILE *errors, struct strbuf *yaml);

/* ---- for the readers -------------------------------------------------------------------- */

/* Append a new zeroed entry to l and return it. Never fails. */
struct bib_entry *bib_add(struct bib_list *l);
/* Add a string (copied) to a list of strings. */
void bib_push(char ***list, size_t *n, const char *s);
/* Month 1-12 from "3", "03", "mar", "March"; 0 for anything else. */
int bib_month(const char *s);
/* A year and month from "2017", "2017-06", "2017-06-12" (month 0 when absent); returns 0
 * or -1 when s does not start with a four-digit year. */
int bib_date(const char *s, int *year, int *month);
/* BibTeX's crossref: an entry takes the year, month, container (the parent's title) and
 * authors it lacks from the entry it names. Never fails. */
void bib_inherit(struct bib_list *l);
/* Read a BibTeX file into l (libbtparse). Returns 0, or -1 when it cannot be read (the
 * reason on errors). */
int bib_read_bibtex(const char *path, FILE *errors, struct bib_list *l);
/* Read a CSL-JSON file (an array of items) into l. Returns 0, or -1 when it cannot be read
 * or is not a CSL-JSON array (the reason on errors). */
int bib_read_csl(const char *path, FILE *errors, struct bib_list *l);

#endif
