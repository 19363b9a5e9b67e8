/*
 * export_cite.c -- milestones as citations: BibTeX and CSL-JSON (model/reflist.h) for
 * export, show, links, lineage, path and bookmarks, one entry per milestone in timeline
 * order.
 */
#include <assert.h>

#include "cli/cli_int.h"
#include "model/reflist.h"

int cli_is_cite_format(enum cli_format f)
{
	return f == FMT_BIBTEX || f == FMT_CSL_JSON;
}

int export_cite(struct cli *c, const int64_t *ids, size_t n)
{
	assert(cli_is_cite_format(c->format));
	int rc = dlt_reflist_write(c->db, c->format == FMT_BIBTEX ? DLT_DOC_BIBTEX : DLT_DOC_CSL_JSON, NULL, ids,
				   NULL, n, stdout);
	out_check();   /* a write error ends here; what is left is the database's */
	return rc;
}
