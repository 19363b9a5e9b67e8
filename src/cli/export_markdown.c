/*
 * export_markdown.c -- Markdown for handouts: numbered reference lists, and the Markdown of
 * export, show, links and bookmarks, each milestone with its reference (model/markdown.h).
 * Text from the data is escaped so that it reads as written, never as markup.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_int.h"
#include "core/util.h"
#include "model/detail.h"
#include "model/markdown.h"
#include "model/reflist.h"

/* ---- numbered references ------------------------------------------------------------------------ */

size_t md_refs_number(struct md_refs *r, int64_t id)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->ids[i] == id)
			return i + 1;
	DLT_GROW(r->ids, r->n + 1, r->cap);
	r->ids[r->n++] = id;
	return r->n;
}

int md_refs_print(struct cli *c, struct md_refs *r)
{
	int rc = 0;
	struct strbuf sb = {0};
	if (r->n)
		fputs("\n## References\n\n", stdout);
	for (size_t i = 0; i < r->n && rc == 0; i++) {
		struct dlt_milestone m;
		if (dlt_milestone_load(c->db, r->ids[i], &m) < 0) {
			rc = -1;
			break;
		}
		sb_reset(&sb);
		dlt_md_reference(&sb, &m);
		printf("%zu. %s\n", i + 1, sb_str(&sb));
		dlt_milestone_clear(&m);
		out_check();
	}
	sb_free(&sb);
	free(r->ids);
	memset(r, 0, sizeof *r);
	return rc;
}

/* ---- export, show, links, bookmarks ------------------------------------------------------------- */

void md_export_row(const struct dlt_milestone *m, int *last_year)
{
	struct strbuf sb = {0};
	if (m->row.year != *last_year)
		printf("\n## %d\n\n", *last_year = m->row.year);
	sb_add(&sb, "- **");
	dlt_md_text(&sb, dlt_row_name(&m->row));
	sb_add(&sb, "** — ");
	dlt_md_text(&sb, m->summary ? m->summary : m->row.title);
	sb_add(&sb, "\n  ");
	dlt_md_reference(&sb, m);
	if (m->nbuilds_on) {
		sb_add(&sb, "\n  *Builds on:* ");
		for (size_t i = 0; i < m->nbuilds_on; i++) {
			if (i)
				sb_add(&sb, ", ");
			dlt_md_text(&sb, dlt_row_name(&m->builds_on[i].other));
		}
		sb_addc(&sb, '.');
	}
	puts(sb_str(&sb));
	sb_free(&sb);
}

/* A fence for a code block of s: backticks, one more than its longest run, at least 3. */
static size_t fence_length(const char *s)
{
	size_t longest = 0, run = 0;
	for (const char *p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		longest = run > longest ? run : longest;
	}
	return longest >= 3 ? longest + 1 : 3;
}

/* One field of show's Markdown. */
static void md_field(const struct dlt_field *f, struct strbuf *sb)
{
	if (f->style == DLT_FS_LINE) {
		sb_addf(sb, "- **%s:** ", f->label);
		dlt_md_text(sb, f->value);
		puts(sb_str(sb));
		return;
	}
	printf("\n## %s\n\n", f->label);
	if (f->style == DLT_FS_PARAGRAPH) {
		dlt_md_text(sb, f->value);
		puts(sb_str(sb));
	} else if (f->style == DLT_FS_CODE) {
		size_t n = fence_length(f->value);
		printf("%.*s\n%s\n%.*s\n", (int)n, "````````````````", f->value, (int)n, "````````````````");
	} else {
		for (const char *p = f->value; *p;) {
			size_t len = strcspn(p, "\n");
			char *item = xstrndup(p, len);
			sb_reset(sb);
			sb_add(sb, "- ");
			dlt_md_text(sb, item);
			puts(sb_str(sb));
			free(item);
			p += len + (p[len] == '\n');
		}
	}
}

/* "- **Name** (year) [n]: note" for each link. */
static void md_links(const char *heading, const struct dlt_link *l, size_t n, struct md_refs *refs)
{
	struct strbuf sb = {0};
	printf("\n## %s\n\n", heading);
	if (!n)
		puts("(none)");
	for (size_t i = 0; i < n; i++) {
		sb_reset(&sb);
		sb_add(&sb, "- **");
		dlt_md_text(&sb, dlt_row_name(&l[i].other));
		sb_addf(&sb, "** (%d)", l[i].other.year);
		if (refs)
			sb_addf(&sb, " [%zu]", md_refs_number(refs, l[i].other.id));
		if (l[i].note && *l[i].note) {
			sb_add(&sb, ": ");
			dlt_md_text(&sb, l[i].note);
		}
		puts(sb_str(&sb));
	}
	sb_free(&sb);
}

void md_show(const struct dlt_milestone *m, const struct dlt_field *f, size_t nf)
{
	struct strbuf sb = {0};
	sb_add(&sb, "# ");
	dlt_md_text(&sb, m->row.title);
	sb_add(&sb, "\n\n");
	dlt_md_reference(&sb, m);
	printf("%s\n\n", sb_str(&sb));
	for (size_t i = 0; i < nf; i++) {
		sb_reset(&sb);
		md_field(&f[i], &sb);
	}
	sb_free(&sb);
	md_links("Builds on", m->builds_on, m->nbuilds_on, NULL);
	md_links("Led to", m->led_to, m->nled_to, NULL);
}

int md_links_page(struct cli *c, const struct dlt_row *row, const struct dlt_link *up, size_t nup,
		  const struct dlt_link *down, size_t ndown)
{
	struct md_refs refs = {0};
	struct strbuf sb = {0};
	sb_add(&sb, "# ");
	dlt_md_text(&sb, dlt_row_name(row));
	sb_addf(&sb, " (%d) [%zu]", row->year, md_refs_number(&refs, row->id));
	puts(sb_str(&sb));
	sb_free(&sb);
	md_links("Builds on", up, nup, &refs);
	md_links("Led to", down, ndown, &refs);
	return md_refs_print(c, &refs);
}

int md_reading_list(struct cli *c, const int64_t *ids, char *const *notes, size_t n)
{
	struct dlt_summary sum;
	dlt_summary_load(c->db, &sum);
	struct strbuf title = {0};
	sb_addf(&title, "Reading list: %s", sum.title);
	dlt_summary_clear(&sum);
	int rc = dlt_reflist_write(c->db, DLT_DOC_MARKDOWN, sb_str(&title), ids, notes, n, stdout);
	sb_free(&title);
	out_check();
	return rc;
}
