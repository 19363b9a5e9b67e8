/*
 * bibentry.h -- the entries of a bibliography as its readers find them (bib_bibtex.c,
 * bib_csl.c) and as biblio.c turns them into data: the entry, the list, and the small
 * helpers both readers share.
 */
#ifndef DLT_BIBENTRY_H
#define DLT_BIBENTRY_H

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
#define BIB_MAX_BYTES (256u << 20)   /* a bibliography larger than this is refused */

/* The whole file at path, appended to text. Returns 0, or -1 when it cannot be read, is
 * larger than BIB_MAX_BYTES or holds a NUL byte (not text): the reason on errors. */
int bib_read_file(const char *path, FILE *errors, struct strbuf *text);
/* Read a BibTeX file into l (libbtparse). Returns 0, or -1 when it cannot be read (the
 * reason on errors). */
int bib_read_bibtex(const char *path, FILE *errors, struct bib_list *l);
/* Read a CSL-JSON file (an array of items) into l. Returns 0, or -1 when it cannot be read
 * or is not a CSL-JSON array (the reason on errors). */
int bib_read_csl(const char *path, FILE *errors, struct bib_list *l);

/* Write the entries of l, and its error count, to fp (a pipe: bib_bibtex.c reads in a child
 * process). Returns 0, or -1 on a write error. */
int bib_send(FILE *fp, const struct bib_list *l);
/* Append to l the entries bib_send wrote to fp, and add its error count. Returns 0, or -1
 * when the stream ends early or is malformed (the entries read whole are kept). */
int bib_receive(FILE *fp, struct bib_list *l);

/* The entry with this key (key NULL: none), or NULL when there is none. */
struct bib_entry *bib_find(struct bib_list *l, const char *key);
/* Free what l holds. */
void bib_list_free(struct bib_list *l);

#endif
