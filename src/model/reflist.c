/*
 * reflist.c -- see reflist.h.
 */
#include "model/reflist.h"

#include <assert.h>
#include <stdlib.h>

#include "core/util.h"
#include "model/bibtex.h"
#include "model/cite.h"
#include "model/citekey.h"
#include "model/csl.h"
#include "model/markdown.h"
#include "model/model.h"

static const char *const doc_names[DLT_DOC__COUNT] = {
	[DLT_DOC_MARKDOWN] = "markdown", [DLT_DOC_BIBTEX] = "bibtex", [DLT_DOC_CSL_JSON] = "csl-json",
};
static const char *const doc_extensions[DLT_DOC__COUNT] = {
	[DLT_DOC_MARKDOWN] = ".md", [DLT_DOC_BIBTEX] = ".bib", [DLT_DOC_CSL_JSON] = ".json",
};

const char *dlt_doc_name(enum dlt_doc_format f)
{
	assert(f < DLT_DOC__COUNT);
	return doc_names[f];
}

const char *dlt_doc_extension(enum dlt_doc_format f)
{
	assert(f < DLT_DOC__COUNT);
	return doc_extensions[f];
}

static int by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* ids[0..n) sorted (ids follow the timeline's order), each once, into a new array; returns
 * the count. */
static size_t unique_ids(const int64_t *ids, size_t n, int64_t **out)
{
	int64_t *v = xmalloc((n ? n : 1) * sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = ids[i];
	qsort(v, n, sizeof *v, by_id);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!k || v[k - 1] != v[i])
			v[k++] = v[i];
	*out = v;
	return k;
}

/* BibTeX or CSL-JSON. Returns 0 or -1 (database). */
static int write_citations(struct dlt_db *db, int bibtex, const int64_t *ids, size_t n, FILE *out)
{
	int64_t *v;
	size_t nv = unique_ids(ids, n, &v);
	struct dlt_citekeys *keys = dlt_citekeys_new(db);
	struct strbuf key = {0}, sb = {0};
	int rc = 0;
	/* JabRef's way of saying how a .bib file is encoded; text outside entries is a comment */
	fputs(bibtex ? "% Encoding: UTF-8\n" : "[", out);
	for (size_t i = 0; i < nv && rc == 0; i++) {
		struct dlt_milestone m;
		if (dlt_milestone_load(db, v[i], &m) < 0) {
			rc = -1;
			break;
		}
		struct dlt_cite cite;
		dlt_cite_make(&m, &cite);
		sb_reset(&key);
		rc = dlt_citekey(keys, &m, &key);
		sb_reset(&sb);
		if (bibtex) {
			sb_addc(&sb, '\n');
			dlt_bibtex_entry(&cite, sb_str(&key), &sb);
		} else {
			sb_add(&sb, i ? ",\n" : "\n");
			dlt_csl_item(&cite, sb_str(&key), 2, &sb);
		}
		dlt_cite_clear(&cite);
		dlt_milestone_clear(&m);
		if (rc == 0)
			fputs(sb_str(&sb), out);
	}
	if (!bibtex)
		fputs(nv ? "\n]\n" : "]\n", out);
	sb_free(&sb);
	sb_free(&key);
	dlt_citekeys_free(keys);
	free(v);
	return rc;
}

/* The Markdown reading list. Returns 0 or -1 (database). */
static int write_markdown(struct dlt_db *db, const char *title, const int64_t *ids, char *const *notes,
			  size_t n, FILE *out)
{
	struct strbuf sb = {0};
	if (title) {
		sb_add(&sb, "# ");
		dlt_md_text(&sb, title);
		fprintf(out, "%s\n", sb_str(&sb));
	}
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		struct dlt_milestone m;
		if (dlt_milestone_load(db, ids[i], &m) < 0) {
			rc = -1;
			break;
		}
		sb_reset(&sb);
		sb_addf(&sb, "\n%zu. **", i + 1);
		dlt_md_text(&sb, dlt_row_name(&m.row));
		sb_add(&sb, "** — ");
		dlt_md_text(&sb, m.summary ? m.summary : m.row.title);
		if (notes && notes[i] && *notes[i]) {
			sb_add(&sb, "\n   *Note:* ");
			dlt_md_text(&sb, notes[i]);
		}
		sb_add(&sb, "\n   ");
		dlt_md_reference(&sb, &m);
		fprintf(out, "%s\n", sb_str(&sb));
		dlt_milestone_clear(&m);
	}
	sb_free(&sb);
	return rc;
}

int dlt_reflist_write(struct dlt_db *db, enum dlt_doc_format f, const char *title, const int64_t *ids,
		      char *const *notes, size_t n, FILE *out)
{
	assert(db && out && (ids || !n) && f < DLT_DOC__COUNT);
	int rc = f == DLT_DOC_MARKDOWN ? write_markdown(db, title, ids, notes, n, out)
				       : write_citations(db, f == DLT_DOC_BIBTEX, ids, n, out);
	if (fflush(out) != 0 || ferror(out))
		rc = -1;
	return rc;
}
