/*
 * export_cite.c -- milestones as citations: BibTeX and CSL-JSON (model/bibtex.h,
 * model/csl.h) for export, show, links, lineage, path and bookmarks, one entry per
 * milestone in timeline order.
 */
#include <assert.h>
#include <stdlib.h>

#include "cli/cli_int.h"
#include "core/util.h"
#include "model/bibtex.h"
#include "model/cite.h"
#include "model/citekey.h"
#include "model/csl.h"

int cli_is_cite_format(enum cli_format f)
{
	return f == FMT_BIBTEX || f == FMT_CSL_JSON;
}

static int by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* ids[0..n) sorted, each once, into a new array; returns the count. */
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

int export_cite(struct cli *c, const int64_t *ids, size_t n)
{
	assert(cli_is_cite_format(c->format));
	int64_t *v;
	size_t nv = unique_ids(ids, n, &v);
	struct dlt_citekeys *keys = dlt_citekeys_new(c->db);
	struct strbuf key = {0}, sb = {0};
	int rc = 0;
	/* JabRef's way of saying how a .bib file is encoded; text outside entries is a comment */
	fputs(c->format == FMT_BIBTEX ? "% Encoding: UTF-8\n" : "[", stdout);
	for (size_t i = 0; i < nv && rc == 0; i++) {
		struct dlt_milestone m;
		if (dlt_milestone_load(c->db, v[i], &m) < 0) {
			rc = -1;
			break;
		}
		struct dlt_cite cite;
		dlt_cite_make(&m, &cite);
		sb_reset(&key);
		rc = dlt_citekey(keys, &m, &key);
		sb_reset(&sb);
		if (c->format == FMT_BIBTEX) {
			sb_addc(&sb, '\n');
			dlt_bibtex_entry(&cite, sb_str(&key), &sb);
		} else {
			sb_add(&sb, i ? ",\n" : "\n");
			dlt_csl_item(&cite, sb_str(&key), 2, &sb);
		}
		dlt_cite_clear(&cite);
		dlt_milestone_clear(&m);
		if (rc == 0)
			fputs(sb_str(&sb), stdout);
		out_check();
	}
	if (c->format == FMT_CSL_JSON)
		fputs(nv ? "\n]\n" : "]\n", stdout);
	sb_free(&sb);
	sb_free(&key);
	dlt_citekeys_free(keys);
	free(v);
	return rc;
}
