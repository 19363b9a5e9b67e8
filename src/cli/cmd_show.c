/*
 * cmd_show.c -- one milestone: show (every field) and links (what it builds on, what
 * builds on it).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_int.h"
#include "core/json.h"
#include "core/utf8.h"
#include "core/util.h"
#include "model/detail.h"

/* The milestone named by the one positional argument, in an open database. Returns its id,
 * or 0 with *status set after reporting why. */
static int64_t named_milestone(struct cli *c, int *status)
{
	if (cli_open_db(c) < 0) {
		*status = DLT_EXIT_ERROR;
		return 0;
	}
	return cli_resolve(c, c->args[0], status);
}

static void links_text(struct cli *c, const char *heading, const struct dlt_link *l, size_t n)
{
	printf("%s%s%s\n", out_bold(c), heading, out_reset(c));
	if (!n)
		printf("  (none)\n");
	for (size_t i = 0; i < n; i++) {
		char date[16];
		dlt_format_date(l[i].other.year, l[i].other.month, date, sizeof date);
		printf("  %s%-7s%s  %s%s%s", out_date(c), date, out_reset(c), out_bold(c), dlt_row_name(&l[i].other),
		       out_reset(c));
		size_t used = 2 + 7 + 2 + utf8_width(dlt_row_name(&l[i].other));
		if (l[i].note && (!c->cut || c->width > used + 10)) {
			fputs(out_glyphs(c)->dash, stdout);
			out_fit(c, l[i].note, c->width > used + 3 ? c->width - used - 3 : 0, 0);
		}
		putchar('\n');
	}
	out_check();
}

static void links_tsv(const char *dir, const struct dlt_link *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char y[16];
		snprintf(y, sizeof y, "%d", l[i].other.year);
		out_tsv(dir, 0);
		out_tsv(l[i].other.slug, 0);
		out_tsv(y, 0);
		out_tsv(dlt_row_name(&l[i].other), 0);
		out_tsv(l[i].note, 1);
	}
	out_check();
}

/* show --format json: the export object plus the reverse links. */
static int show_json(struct cli *c, int64_t id)
{
	struct strbuf sb = {0};
	sqlite3_stmt *st = dlt_db_stmt(c->db, Q_MS_EXPORT_JSON);
	if (!st)
		return cli_db_error(c);
	sqlite3_bind_int64(st, 1, id);
	if (dlt_db_step(c->db, st) == SQLITE_ROW)
		sb_add(&sb, dlt_col_peek(st, 0));
	sqlite3_reset(st);
	if (sb.len < 2) {
		sb_free(&sb);
		return cli_db_error(c);
	}
	sb.buf[--sb.len] = '\0';   /* drop the closing brace */
	json_put_text(stdout, sb_str(&sb));
	fputs(",\"led_to\":", stdout);
	out_json_query(c, Q_LED_TO_JSON, id);
	fputs("}\n", stdout);
	sb_free(&sb);
	return dlt_db_failed(c->db) ? cli_db_error(c) : DLT_EXIT_OK;
}

/* show as text: the title, then each field (lines, paragraphs, code, lists), then links. */
static void show_text(struct cli *c, const struct dlt_milestone *m, struct dlt_field *f, size_t nf)
{
	printf("%s%s%s\n", out_bold(c), m->row.title, out_reset(c));
	printf("%s%s%s\n", out_dim(c), m->row.slug, out_reset(c));
	for (size_t i = 0; i < nf; i++) {
		if (f[i].style == DLT_FS_LINE) {
			printf("%s%-13s%s ", out_dim(c), f[i].label, out_reset(c));
			out_wrapped(c, f[i].value, 14, 1);
			continue;
		}
		printf("\n%s%s%s\n", out_bold(c), f[i].label, out_reset(c));
		if (f[i].style == DLT_FS_PARAGRAPH) {
			out_wrapped(c, f[i].value, 2, 0);
		} else if (f[i].style == DLT_FS_CODE) {
			out_wrapped(c, f[i].value, 4, 0);
		} else {
			char *save, *line = f[i].value;
			for (char *l = strtok_r(line, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
				struct strbuf sb = {0};
				sb_addf(&sb, "• %s", l);
				out_wrapped(c, sb_str(&sb), 2, 0);
				sb_free(&sb);
			}
		}
	}
	putchar('\n');
	links_text(c, "Builds on", m->builds_on, m->nbuilds_on);
	putchar('\n');
	links_text(c, "Led to", m->led_to, m->nled_to);
}

static int run_show(struct cli *c, void *arg)
{
	(void)arg;
	int status = 0;
	int64_t id = named_milestone(c, &status);
	if (!id)
		return status;
	if (c->format == FMT_JSON)
		return show_json(c, id);
	if (cli_is_cite_format(c->format))
		return export_cite(c, &id, 1) < 0 ? cli_db_error(c) : DLT_EXIT_OK;
	struct dlt_milestone m;
	if (dlt_milestone_load(c->db, id, &m) < 0)
		return cli_db_error(c);
	struct dlt_field *f;
	size_t nf = dlt_detail_fields(&m, &f);
	if (c->format == FMT_MARKDOWN) {
		md_show(&m, f, nf);
	} else if (c->format == FMT_TSV) {
		out_tsv("id", 0);
		out_tsv(m.row.slug, 1);
		out_tsv("title", 0);
		out_tsv(m.row.title, 1);
		for (size_t i = 0; i < nf; i++) {
			out_tsv(f[i].label, 0);
			out_tsv(f[i].value, 1);
		}
		links_tsv("builds_on", m.builds_on, m.nbuilds_on);
		links_tsv("led_to", m.led_to, m.nled_to);
	} else {
		show_text(c, &m, f, nf);
	}
	dlt_fields_free(f, nf);
	dlt_milestone_clear(&m);
	return DLT_EXIT_OK;
}

const struct cli_command cli_cmd_show = {
	.name = "show", .run = run_show, .usage = "ID|NAME",
	.help = "Show one milestone in full.\n"
		"Name it by its id, short name, title, paper title or an alias.",
	.formats = "text tsv json markdown bibtex csl-json", .min_args = 1, .max_args = 1,
	.too_few = "which milestone?", .too_many = "give one milestone (quote names with spaces)", .pages = 1,
};

/* ---- links ------------------------------------------------------------------------------------- */

static void links_json(struct cli *c, const struct dlt_row *row, const struct dlt_link *up, size_t nup)
{
	printf("{\"id\":");
	out_json_string(row->slug);
	fputs(",\"builds_on\":[", stdout);
	for (size_t i = 0; i < nup; i++) {
		fputs(i ? ",{\"id\":" : "{\"id\":", stdout);
		out_json_string(up[i].other.slug);
		fputs(",\"kind\":", stdout);
		out_json_string(up[i].kind);
		fputs(",\"note\":", stdout);
		out_json_string(up[i].note);
		fputs("}", stdout);
	}
	fputs("],\"led_to\":", stdout);
	out_json_query(c, Q_LED_TO_JSON, row->id);
	fputs("}\n", stdout);
}

/* links as citations: the milestone and every milestone it is linked with. Returns 0, or -1
 * on a database error. */
static int links_cite(struct cli *c, int64_t id, const struct dlt_link *up, size_t nup, const struct dlt_link *down,
		       size_t ndown)
{
	int64_t *ids = xmalloc((1 + nup + ndown) * sizeof *ids);
	size_t n = 0;
	ids[n++] = id;
	for (size_t i = 0; i < nup; i++)
		ids[n++] = up[i].other.id;
	for (size_t i = 0; i < ndown; i++)
		ids[n++] = down[i].other.id;
	int rc = export_cite(c, ids, n);
	free(ids);
	return rc;
}

static int run_links(struct cli *c, void *arg)
{
	(void)arg;
	int status = 0;
	int64_t id = named_milestone(c, &status);
	if (!id)
		return status;
	struct dlt_row row = {0};
	if (dlt_row_load(c->db, id, &row) < 0)
		return cli_db_error(c);
	struct dlt_link *up, *down;
	size_t nup = dlt_links_load(c->db, id, 1, &up);
	size_t ndown = dlt_links_load(c->db, id, -1, &down);
	int rc = 0;
	if (c->format == FMT_JSON) {
		links_json(c, &row, up, nup);
	} else if (cli_is_cite_format(c->format)) {
		rc = links_cite(c, id, up, nup, down, ndown);
	} else if (c->format == FMT_MARKDOWN) {
		rc = md_links_page(c, &row, up, nup, down, ndown);
	} else if (c->format == FMT_TSV) {
		links_tsv("builds_on", up, nup);
		links_tsv("led_to", down, ndown);
	} else {
		char date[16];
		dlt_format_date(row.year, row.month, date, sizeof date);
		printf("%s%s%s (%s)\n\n", out_bold(c), dlt_row_name(&row), out_reset(c), date);
		links_text(c, "Builds on", up, nup);
		putchar('\n');
		links_text(c, "Led to", down, ndown);
	}
	dlt_links_free(up, nup);
	dlt_links_free(down, ndown);
	dlt_row_clear(&row);
	return rc < 0 || dlt_db_failed(c->db) ? cli_db_error(c) : DLT_EXIT_OK;
}

const struct cli_command cli_cmd_links = {
	.name = "links", .run = run_links, .usage = "ID|NAME",
	.help = "What a milestone builds on, and what builds on it, each with its note.\n"
		"bibtex and csl-json cite the milestone and every milestone it is linked with.",
	.formats = "text tsv json markdown bibtex csl-json", .min_args = 1, .max_args = 1,
	.too_few = "which milestone?", .too_many = "give one milestone (quote names with spaces)", .pages = 1,
};
