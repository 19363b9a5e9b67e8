/*
 * bibtex.h -- a reference (cite.h) as a BibTeX entry that biblatex with biber and classic
 * BibTeX both read.
 *
 * Entry types: @article, @inproceedings, @book, @incollection (a chapter of an edited book),
 * @inbook (a chapter whose editors are unknown: biblatex needs no editor for it),
 * @phdthesis, @mastersthesis, @techreport and @misc (preprints, lectures, web pages, and
 * models, products, events and datasets without a paper). Fields: author ("Family, Given",
 * "and others" when the list is cut short, organizations in braces), editor, title (capitals
 * that a style must not lower-case in braces: "{BERT}", "{ImageNet}"), journal or booktitle,
 * publisher, school or institution, volume, number, year, month (as the month macros jan..dec),
 * howpublished, organization, type (what a @misc is: "Model"), eprint with eprinttype = arxiv,
 * doi, url, keywords (the tags), note (the venue's remarks) and annote (the summary).
 *
 * Text stays UTF-8 (biber reads it; classic BibTeX copies the bytes); { } % & # _ $ ~ ^ and \
 * are written as LaTeX commands, so braces always balance. archiveprefix is not written: it
 * is not in biblatex's data model (biber warns), eprinttype is.
 */
#ifndef DLT_BIBTEX_H
#define DLT_BIBTEX_H

#include "core/util.h"
#include "model/cite.h"

/* Append reference c as a BibTeX entry with key `key` (letters and digits), ending in a
 * newline. Never fails. */
void dlt_bibtex_entry(const struct dlt_cite *c, const char *key, struct strbuf *out);
/* Append s with BibTeX's special characters escaped and white space runs made one space;
 * with `protect`, words with a capital after their first letter, and one-letter capitals
 * other than "A", in braces. */
void dlt_bibtex_text(const char *s, int protect, struct strbuf *out);

#endif
