/*
 * output.c -- how the command line writes: colors, fitting text to the width on a terminal
 * (and whole text in a pipe), wrapped prose, TSV, CSV and JSON fields, the list row.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_int.h"
#include "core/json.h"
#include "core/utf8.h"
#include "core/util.h"
#include "model/detail.h"

void out_check(void)
{
	if (ferror(stdout) || fflush(stdout) == EOF) {
		if (errno == EPIPE)
			exit(DLT_EXIT_OK);
		fprintf(stderr, "dltimeline: write error: %s\n", strerror(errno));
		exit(DLT_EXIT_ERROR);
	}
}

static const char *color(const struct cli *c, const char *code)
{
	return c->color ? code : "";
}

const char *out_bold(const struct cli *c)
{
	return color(c, "\033[1m");
}

const char *out_dim(const struct cli *c)
{
	return color(c, "\033[2m");
}

const char *out_date(const struct cli *c)
{
	return color(c, "\033[36m");
}

const char *out_reset(const struct cli *c)
{
	return color(c, "\033[0m");
}

static const struct out_glyphs glyphs_utf8 = {"├── ", "└── ", "│   ", "    ", " — ", "…"};
static const struct out_glyphs glyphs_ascii = {"|-- ", "`-- ", "|   ", "    ", " - ", "..."};

const struct out_glyphs *out_glyphs(const struct cli *c)
{
	return c->utf8 ? &glyphs_utf8 : &glyphs_ascii;
}

void out_sb_add_loc(const struct cli *c, struct strbuf *sb, const char *s)
{
	if (c->utf8) {
		sb_add(sb, s);
		return;
	}
	char *t = utf8_to_ascii(s ? s : "");
	sb_add(sb, t);
	free(t);
}

void out_fit(const struct cli *c, const char *s, size_t width, int pad)
{
	size_t len = strlen(s), used;
	size_t n = utf8_prefix_for_width(s, len, width, &used);
	if (n < len && c->cut) {
		const char *ell = out_glyphs(c)->ellipsis;
		size_t ew = utf8_width(ell);
		n = utf8_prefix_for_width(s, len, width > ew ? width - ew : 0, &used);
		fwrite(s, 1, n, stdout);
		fputs(ell, stdout);
		used += ew;
	} else if (n < len) {
		fputs(s, stdout);
		used = utf8_width(s);
	} else {
		fwrite(s, 1, n, stdout);
	}
	while (pad && used++ < width)
		putchar(' ');
}

void out_wrapped(const struct cli *c, const char *s, size_t indent, int hanging)
{
	struct wrap_line *lines;
	size_t avail = c->width > indent + 10 ? c->width - indent : 10;
	size_t n = utf8_wrap_ex(s, strlen(s), avail, UTF8_WRAP_WHOLE_WORDS, &lines);
	for (size_t i = 0; i < n; i++)
		printf("%*s%.*s\n", i || !hanging ? (int)indent : 0, "", (int)lines[i].len, s + lines[i].off);
	free(lines);
}

void out_line(const struct cli *c, struct strbuf *sb)
{
	const char *s = sb_str(sb);
	if (c->cut && utf8_width(s) > c->width) {
		const char *ell = out_glyphs(c)->ellipsis;
		size_t ew = utf8_width(ell), used;
		fwrite(s, 1, utf8_prefix_for_width(s, strlen(s), c->width > ew ? c->width - ew : 0, &used), stdout);
		fputs(ell, stdout);
	} else {
		fputs(s, stdout);
	}
	putchar('\n');
	sb_reset(sb);
	out_check();
}

void out_tsv(const char *s, int last)
{
	for (const char *p = s ? s : ""; *p; p++)
		putchar(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
	putchar(last ? '\n' : '\t');
}

void out_csv(const char *s, int last)
{
	s = s ? s : "";
	if (strpbrk(s, ",\"\n\r")) {
		putchar('"');
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				putchar('"');
			putchar(*p);
		}
		putchar('"');
	} else {
		fputs(s, stdout);
	}
	putchar(last ? '\n' : ',');
}

int out_json_query(struct cli *c, enum dlt_query q, int64_t id)
{
	sqlite3_stmt *st = dlt_db_stmt(c->db, q);
	if (!st)
		return -1;
	if (id)
		sqlite3_bind_int64(st, 1, id);
	if (dlt_db_step(c->db, st) != SQLITE_ROW)
		return -1;
	json_put_text(stdout, dlt_col_peek(st, 0));
	sqlite3_reset(st);
	return 0;
}

void out_json_string(const char *s)
{
	json_put_string(stdout, s);
}

void out_row(struct cli *c, const struct dlt_row *r, int first)
{
	char date[16];
	dlt_format_date(r->year, r->month, date, sizeof date);
	switch (c->format) {
	case FMT_JSON:
		fputs(first ? "[\n  " : ",\n  ", stdout);
		out_json_query(c, Q_MS_LIST_JSON, r->id);
		break;
	case FMT_TSV: {
		char y[16], m[16];
		snprintf(y, sizeof y, "%d", r->year);
		snprintf(m, sizeof m, "%d", r->month);
		out_tsv(r->slug, 0);
		out_tsv(y, 0);
		out_tsv(r->month ? m : "", 0);
		out_tsv(r->short_name, 0);
		out_tsv(r->title, 0);
		out_tsv(r->kind, 0);
		out_tsv(cli_period_slug(c->eras, c->neras, r->era), 1);
		break;
	}
	default: {
		/* date(7) 2 name(26) 2 kind(11) 1 title(rest); in a pipe nothing is cut */
		size_t name_w = c->width >= 70 ? 26 : 16;
		printf("%s%-7s%s  %s", out_date(c), date, out_reset(c), out_bold(c));
		out_fit(c, dlt_row_name(r), name_w, 1);
		printf("%s  %s", out_reset(c), out_dim(c));
		out_fit(c, r->kind, 11, 1);
		fputs(out_reset(c), stdout);
		size_t used = 7 + 2 + name_w + 2 + 11;
		if (!c->cut) {
			printf(" %s", r->title);
		} else if (c->width > used + 4) {
			putchar(' ');
			out_fit(c, r->title, c->width - used - 1, 0);
		}
		putchar('\n');
	}
	}
	out_check();
}

void out_rows_end(struct cli *c, size_t n)
{
	if (c->format == FMT_JSON)
		fputs(n ? "\n]\n" : "[]\n", stdout);
	out_check();
}
