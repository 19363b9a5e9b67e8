/*
 * cite.h -- a milestone as a bibliographic reference: the kind of entry its venue type and
 * its kind call for, what its free-text venue says (the journal or proceedings without the
 * year, the editors and publisher of a book) and its authors split into family and given
 * names.
 *
 * citekey.h gives it a key; bibtex.h and csl.h write it in their formats. The command line
 * and the browser share all four, so a reference is the same wherever it is written. No
 * printing here.
 *
 * How a venue is read (the data's venue is free text, "NIPS 2017", "Nature 538, 2016",
 * "Machine Intelligence 2 (Dale and Michie, eds.), Oliver and Boyd 1968"):
 *   - a final year ("NIPS 2017", "Nature, 2016", "Science 382 (2023)") is dropped: the
 *     reference has its own year; so is a month before it;
 *   - a final parenthesis that is not a year, and what follows "; ", are remarks, kept as a
 *     note ("JMLR 2003 (first at NIPS 2000)" -> journal JMLR, note "first at NIPS 2000");
 *   - journals: a final volume ("Nature 538") or volume(number) ("Foundations ... 2(1)");
 *   - books: "TITLE (book), PUBLISHER YEAR", or just "PUBLISHER YEAR";
 *   - chapters: "BOOK (EDITORS, eds.), PUBLISHER YEAR", or just "BOOK ...".
 */
#ifndef DLT_CITE_H
#define DLT_CITE_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"
#include "model/model.h"

/* The kinds of reference, each with the fields it must have (else it is DLT_CITE_MISC). */
enum dlt_cite_type {
	DLT_CITE_ARTICLE,       /* journal article: author, container (the journal) */
	DLT_CITE_PROCEEDINGS,   /* conference or workshop paper: author, container */
	DLT_CITE_BOOK,          /* author */
	DLT_CITE_CHAPTER,       /* chapter of an edited book: author, container, editors */
	DLT_CITE_INBOOK,        /* chapter whose book's editors the venue does not name */
	DLT_CITE_PHDTHESIS,     /* author, institution */
	DLT_CITE_MASTERSTHESIS, /* author, institution */
	DLT_CITE_REPORT,        /* author, institution */
	DLT_CITE_PREPRINT,      /* a preprint (arXiv) */
	DLT_CITE_MISC,          /* lectures, web pages, models, products, events... */
};

/* A person's (or an organization's) name. */
struct dlt_name {
	char *family;           /* with its particles ("van den Oord"); the whole name if corporate */
	char *given;            /* NULL when none */
	char *suffix;           /* "Jr.", "III"; NULL when none */
	int corporate;          /* an organization, or a name that cannot be split */
};

/* A milestone as a reference. Strings are owned; NULL when absent. */
struct dlt_cite {
	enum dlt_cite_type type;
	const struct dlt_milestone *m;   /* what it was made from (not owned) */
	char *title;            /* the paper's title, else the milestone's */
	struct dlt_name *authors; size_t nauthors;  /* the organization when no person is named */
	int more_authors;       /* the list is cut short: more authors than named */
	struct dlt_name *editors; size_t neditors;
	char *container;        /* journal, proceedings or book title */
	char *publisher;        /* book or chapter */
	char *institution;      /* thesis or report: school, institute */
	char *volume, *number;  /* journal article */
	char *howpublished;     /* misc and preprint: the venue as written */
	char *remark;           /* what the venue says beyond the above */
	const char *kind_label; /* misc of a kind other than paper: "Model", "Dataset", ... */
};

/* Make the reference of milestone m (which must outlive it). Never fails. */
void dlt_cite_make(const struct dlt_milestone *m, struct dlt_cite *c);
/* Free what a reference owns and zero it. */
void dlt_cite_clear(struct dlt_cite *c);

/* Split a name as written ("Aäron van den Oord", "C. Daniel Gelatt Jr.") into its parts
 * (free with dlt_name_clear). A name of one word is a family name alone; one that holds a
 * comma, '&' or the word "and" is an organization's (corporate). */
void dlt_name_split(const char *s, struct dlt_name *out);
void dlt_name_clear(struct dlt_name *n);

#endif
