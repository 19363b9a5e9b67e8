/*
 * bib_csl.c -- a CSL-JSON file (an array of items, as Zotero, pandoc and citation-js write
 * it) read through SQLite's JSON functions (bibentry.h). Items are told apart by their place
 * in the array; the line of each is found by walking the text.
 */
#include "import/bibentry.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"

/* The line where each item of the top-level array starts (lines[i], from 1). */
static int *item_lines(const char *text, size_t *n)
{
	int *lines = NULL, line = 1, depth = 0, in_string = 0;
	size_t cap = 0;
	*n = 0;
	for (const char *p = text; *p; p++) {
		if (*p == '\n')
			line++;
		if (in_string) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == '"')
				in_string = 0;
			continue;
		}
		if (*p == '"')
			in_string = 1;
		else if (*p == '[' || *p == '{') {
			if (depth == 1 && *p == '{') {
				DLT_GROW(lines, *n + 1, cap);
				lines[(*n)++] = line;
			}
			depth++;
		} else if (*p == ']' || *p == '}')
			depth--;
	}
	return lines;
}

static char *column(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t && *t ? xstrdup((const char *)t) : NULL;
}

/* An arXiv id from "arXiv:ID" (the number field) or an arxiv.org address. */
static char *arxiv_of(const char *number, const char *url)
{
	const char *id = NULL;
	if (number && strncasecmp(number, "arxiv:", 6) == 0)
		id = number + 6;
	else if (url && strstr(url, "arxiv.org/abs/"))
		id = strstr(url, "arxiv.org/abs/") + 14;
	return id && *id ? xstrdup(id) : NULL;
}

/* Keywords: the "keyword" text split at ',' and ';'. */
static void keywords(struct bib_entry *e, const char *text)
{
	char *copy = xstrdup(text);
	for (char *tok = strtok(copy, ",;"); tok; tok = strtok(NULL, ",;")) {
		while (*tok == ' ')
			tok++;
		size_t n = strlen(tok);
		while (n && tok[n - 1] == ' ')
			tok[--n] = '\0';
		if (n)
			bib_push(&e->keywords, &e->nkeywords, tok);
	}
	free(copy);
}

static const char items_sql[] =
	"SELECT json_extract(value, '$.id'), json_extract(value, '$.type'), json_extract(value, '$.title'),"
	" json_extract(value, '$.container-title'), json_extract(value, '$.DOI'), json_extract(value, '$.URL'),"
	" json_extract(value, '$.abstract'), json_extract(value, '$.keyword'), json_extract(value, '$.number'),"
	" json_extract(value, '$.issued.date-parts[0][0]'), json_extract(value, '$.issued.date-parts[0][1]'),"
	" coalesce(json_extract(value, '$.issued.raw'), json_extract(value, '$.issued.literal'))"
	" FROM json_each(?1) ORDER BY key";
static const char authors_sql[] =
	"SELECT e.key, json_extract(a.value, '$.given'), json_extract(a.value, '$.non-dropping-particle'),"
	" json_extract(a.value, '$.family'), json_extract(a.value, '$.literal')"
	" FROM json_each(?1) e, json_each(e.value, '$.author') a ORDER BY e.key, a.key";

/* Read the items and their authors from the JSON text into l. Returns 0 or -1 (errors). */
static int read_items(sqlite3 *db, const char *path, const char *text, FILE *errors, struct bib_list *l)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(db, items_sql, -1, &s, NULL);
	sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
		struct bib_entry *e = bib_add(l);
		char *number = column(s, 8), *raw = column(s, 11);
		e->key = column(s, 0);
		e->type = column(s, 1);
		e->title = column(s, 2);
		e->container = column(s, 3);
		e->doi = column(s, 4);
		e->url = column(s, 5);
		e->abstract = column(s, 6);
		e->arxiv = arxiv_of(number, e->url);
		char *kw = column(s, 7);
		if (kw)
			keywords(e, kw);
		e->year = sqlite3_column_int(s, 9);
		e->month = sqlite3_column_int(s, 10);
		if (!e->year && raw)
			bib_date(raw, &e->year, &e->month);
		if (e->month < 1 || e->month > 12)
			e->month = 0;
		free(kw);
		free(number);
		free(raw);
	}
	sqlite3_finalize(s);
	s = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, authors_sql, -1, &s, NULL);
	sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
		sqlite3_int64 i = sqlite3_column_int64(s, 0);
		if (i < 0 || (size_t)i >= l->n)
			continue;
		struct strbuf name = {0};
		for (int c = 1; c <= 4; c++) {
			const unsigned char *part = sqlite3_column_text(s, c);
			if (part && *part)
				sb_addf(&name, "%s%s", name.len ? " " : "", (const char *)part);
		}
		if (name.len)
			bib_push(&l->e[i].authors, &l->e[i].nauthors, sb_str(&name));
		sb_free(&name);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_OK) {
		fprintf(errors, "%s: cannot read it: %s\n", path, sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

int bib_read_csl(const char *path, FILE *errors, struct bib_list *l)
{
	struct strbuf text = {0};
	sqlite3 *db = NULL;
	int rc = bib_read_file(path, errors, &text);
	if (rc == 0 && sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fprintf(errors, "%s: cannot read it: %s\n", path, db ? sqlite3_errmsg(db) : "no memory");
		rc = -1;
	} else if (rc == 0) {
		sqlite3_stmt *s = NULL;
		int is_array = 0;
		if (sqlite3_prepare_v2(db, "SELECT json_valid(?1) AND json_type(?1) = 'array'", -1, &s, NULL) == SQLITE_OK) {
			sqlite3_bind_text(s, 1, sb_str(&text), -1, SQLITE_STATIC);
			is_array = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0);
		}
		sqlite3_finalize(s);
		if (!is_array) {
			fprintf(errors, "%s: not CSL-JSON: the file must hold a JSON array of items\n", path);
			rc = -1;
		} else {
			rc = read_items(db, path, sb_str(&text), errors, l);
		}
	}
	sqlite3_close(db);
	size_t nlines;
	int *lines = rc == 0 ? item_lines(sb_str(&text), &nlines) : NULL;
	for (size_t i = 0; lines && i < l->n && i < nlines; i++)
		l->e[i].line = lines[i];
	free(lines);
	sb_free(&text);
	return rc;
}
