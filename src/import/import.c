/*
 * import.c -- see import.h.
 *
 * Stages of an import:
 *   1. collect the input files (directories are expanded, sorted by name);
 *   2. read each file with ynode; check each entry's fields (check_*); stage the rows
 *      in the attached database "stage" with their file:line:column;
 *   3. run the whole-input checks as SQL over the staged rows, and the cycle check in C;
 *   4. if there were no errors, fill the final tables in chronological order, build the
 *      indexes and the search index, and rename the temporary file into place.
 * Every problem is recorded with its position; they are printed sorted at the end.
 */
#include "import/import.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdint.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/utf8.h"
#include "core/util.h"
#include "db/db.h"
#include "import/ynode.h"
#include "import/schema_text.h"

/* ---- problems ------------------------------------------------------------------------ */

struct problem {
	size_t file;           /* index into imp->files */
	unsigned line, col;    /* 1-based; 0 when unknown */
	size_t seq;            /* report order, to keep the sort stable */
	char *msg;
};

struct importer {
	const struct dlt_import_opts *opts;
	char **files;
	size_t nfiles, capfiles;
	size_t cur_file;
	struct problem *probs;
	size_t nprobs, capprobs;
	sqlite3 *db;
	sqlite3_stmt *ins_ms, *ins_tag_of, *ins_alias, *ins_link, *ins_period, *ins_tag, *ins_meta;
	sqlite3_int64 ms_seq;   /* staged milestones */
	sqlite3_int64 item_seq; /* staged periods and tags */
	int have_title;
	size_t bad_section_file;  /* last wrong section reported: file + 1 (0 = none), */
	unsigned bad_section_line, bad_section_col;   /* and its key's position */
	regex_t re_slug, re_arxiv_new, re_arxiv_old, re_doi, re_url;
};

static void problem_at(struct importer *imp, size_t file, unsigned line, unsigned col,
		       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void problem_at(struct importer *imp, size_t file, unsigned line, unsigned col,
		       const char *fmt, ...)
{
	if (imp->nprobs == imp->capprobs) {
		imp->capprobs = imp->capprobs ? imp->capprobs * 2 : 32;
		imp->probs = xrealloc(imp->probs, imp->capprobs * sizeof *imp->probs);
	}
	struct strbuf sb = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	struct problem *p = &imp->probs[imp->nprobs];
	p->file = file;
	p->line = line;
	p->col = col;
	p->seq = imp->nprobs;
	/* messages quote the data (keys, ids, values): one printable line, whatever it holds */
	p->msg = utf8_sanitize(sb_str(&sb), sb.len, 0);
	sb_free(&sb);
	imp->nprobs++;
}

#define PROBLEM_NODE(imp, n, ...) problem_at(imp, (imp)->cur_file, (n)->line, (n)->col, __VA_ARGS__)

static int problem_cmp(const void *a, const void *b)
{
	const struct problem *p = a, *q = b;
	if (p->file != q->file)
		return p->file < q->file ? -1 : 1;
	if (p->line != q->line)
		return p->line < q->line ? -1 : 1;
	if (p->col != q->col)
		return p->col < q->col ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

static void print_problems(struct importer *imp)
{
	if (imp->nprobs)
		qsort(imp->probs, imp->nprobs, sizeof *imp->probs, problem_cmp);
	FILE *out = imp->opts->errors;
	for (size_t i = 0; i < imp->nprobs; i++) {
		const struct problem *p = &imp->probs[i];
		const char *f = p->file < imp->nfiles ? imp->files[p->file] : "dltimeline";
		if (p->line)
			fprintf(out, "%s:%u:%u: %s\n", f, p->line, p->col, p->msg);
		else
			fprintf(out, "%s: %s\n", f, p->msg);
	}
}

/* ---- input files --------------------------------------------------------------------- */

static void add_file(struct importer *imp, const char *path)
{
	if (imp->nfiles == imp->capfiles) {
		imp->capfiles = imp->capfiles ? imp->capfiles * 2 : 16;
		imp->files = xrealloc(imp->files, imp->capfiles * sizeof *imp->files);
	}
	imp->files[imp->nfiles++] = xstrdup(path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_yaml_name(const char *name)
{
	size_t n = strlen(name);
	if (name[0] == '.')
		return 0;
	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) || (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

/* Expand one command-line path. Returns 0, or -1 after reporting a problem. */
static int collect(struct importer *imp, const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		add_file(imp, path);
		problem_at(imp, imp->nfiles - 1, 0, 0, "%s", strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		add_file(imp, path);
		return 0;
	}
	DIR *d = opendir(path);
	if (!d) {
		add_file(imp, path);
		problem_at(imp, imp->nfiles - 1, 0, 0, "%s", strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!is_yaml_name(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			names = xrealloc(names, cap * sizeof *names);
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)   /* names is NULL when there are none: qsort(NULL, ...) is undefined */
		qsort(names, n, sizeof *names, cmp_str);
	size_t plen = strlen(path);
	for (size_t i = 0; i < n; i++) {
		struct strbuf sb = {0};
		sb_add(&sb, path);
		if (plen && path[plen - 1] != '/')
			sb_addc(&sb, '/');
		sb_add(&sb, names[i]);
		add_file(imp, sb_str(&sb));
		sb_free(&sb);
		free(names[i]);
	}
	free(names);
	if (n == 0) {
		add_file(imp, path);
		problem_at(imp, imp->nfiles - 1, 0, 0, "no .yaml or .yml files in this directory");
		return -1;
	}
	return 0;
}

/* ---- field checks -------------------------------------------------------------------- */

static const char *const milestone_kinds[] = {
	"paper", "model", "system", "product", "event", "dataset", "framework", "hardware", "competition",
};

/* A scalar that is YAML null (absent) counts as not given. */
static int is_null(const struct ynode *n)
{
	return n->type == YN_SCALAR && n->plain &&
	       (n->value_len == 0 || strcmp(n->value, "~") == 0 || strcmp(n->value, "null") == 0 ||
		strcmp(n->value, "Null") == 0 || strcmp(n->value, "NULL") == 0);
}

static const char *type_name(const struct ynode *n)
{
	return n->type == YN_MAP ? "a mapping" : n->type == YN_SEQ ? "a list" : "a scalar";
}

/* Trimmed copy of a scalar's text. */
static char *trimmed(const struct ynode *n)
{
	const char *s = n->value;
	size_t len = n->value_len;
	while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	return xstrndup(s, len);
}

/* A string field: returns a malloc'd trimmed string, or NULL when absent; reports a wrong
 * type, and a line break where one_line is set. */
static char *get_string(struct importer *imp, const struct ynode *map, const char *key, int one_line)
{
	const struct ynode *n = ynode_get(map, key);
	if (!n || is_null(n))
		return NULL;
	if (n->type != YN_SCALAR) {
		PROBLEM_NODE(imp, n, "'%s' must be text, not %s", key, type_name(n));
		return NULL;
	}
	char *s = trimmed(n);
	if (one_line && strchr(s, '\n'))
		PROBLEM_NODE(imp, n, "'%s' must be a single line", key);
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

/* An integer field in [lo, hi]. Returns 1 and sets *out, 0 when absent, -1 when invalid. */
static int get_int(struct importer *imp, const struct ynode *map, const char *key, long lo, long hi, long *out)
{
	const struct ynode *n = ynode_get(map, key);
	if (!n || is_null(n))
		return 0;
	if (n->type != YN_SCALAR) {
		PROBLEM_NODE(imp, n, "'%s' must be a whole number, not %s", key, type_name(n));
		return -1;
	}
	if (parse_long(n->value, LONG_MIN, LONG_MAX, out) < 0) {
		PROBLEM_NODE(imp, n, "'%s' must be a whole number, not '%.40s'", key, n->value);
		return -1;
	}
	if (*out < lo || *out > hi) {
		PROBLEM_NODE(imp, n, "'%s' %ld is outside %ld-%ld", key, *out, lo, hi);
		return -1;
	}
	return 1;
}

/* A positive real number. Returns 1 and sets *out, 0 when absent, -1 when invalid. */
static int get_real(struct importer *imp, const struct ynode *map, const char *key, double *out)
{
	const struct ynode *n = ynode_get(map, key);
	if (!n || is_null(n))
		return 0;
	char *end = NULL;
	if (n->type == YN_SCALAR) {
		errno = 0;
		*out = strtod(n->value, &end);
	}
	if (n->type != YN_SCALAR || !end || *end || end == n->value || errno || !(*out > 0) || *out > 1e40) {
		PROBLEM_NODE(imp, n, "'%s' must be a positive number", key);
		return -1;
	}
	return 1;
}

/* A boolean. Returns 1/0 for true/false, `dflt` when absent, -1 when invalid. */
static int get_bool(struct importer *imp, const struct ynode *map, const char *key, int dflt)
{
	const struct ynode *n = ynode_get(map, key);
	if (!n || is_null(n))
		return dflt;
	if (n->type == YN_SCALAR) {
		static const char *const t[] = {"true", "True", "TRUE", "yes", "Yes", "on"};
		static const char *const f[] = {"false", "False", "FALSE", "no", "No", "off"};
		for (size_t i = 0; i < DLT_ARRAY_LEN(t); i++) {
			if (strcmp(n->value, t[i]) == 0)
				return 1;
			if (strcmp(n->value, f[i]) == 0)
				return 0;
		}
	}
	PROBLEM_NODE(imp, n, "'%s' must be true or false", key);
	return -1;
}

/* Check a slug value; report with `what`. */
static int check_slug(struct importer *imp, const struct ynode *n, const char *s, const char *what)
{
	if (regexec(&imp->re_slug, s, 0, NULL, 0) != 0) {
		PROBLEM_NODE(imp, n, "%s '%.60s' is not a valid id (lower-case letters, digits and '-', at most 64)",
			     what, s);
		return -1;
	}
	return 0;
}

/* Report members of `map` whose key is not in `known`. */
static void check_keys(struct importer *imp, const struct ynode *map, const char *const *known,
		       size_t nknown, const char *what)
{
	for (const struct ynode *c = map->child; c; c = c->next) {
		size_t i;
		for (i = 0; i < nknown; i++)
			if (strcmp(c->key, known[i]) == 0)
				break;
		if (i == nknown)
			problem_at(imp, imp->cur_file, c->key_line, c->key_col, "unknown field '%.60s' in %s",
				   c->key, what);
	}
}

/* Report a missing required field of `map`. A field that is there but is a list or a
 * mapping is not missing: its wrong type has been reported already. */
static void missing(struct importer *imp, const struct ynode *map, const char *key, const char *what)
{
	const struct ynode *n = ynode_get(map, key);
	if (n && n->type != YN_SCALAR)
		return;
	PROBLEM_NODE(imp, map, "%s is missing required field '%s'", what, key);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static void run(struct importer *imp, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		problem_at(imp, imp->cur_file, 0, 0, "database error: %s", sqlite3_errmsg(imp->db));
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* A list of strings as a JSON array; reports non-scalar elements. Returns a malloc'd string. */
static char *string_list_json(struct importer *imp, const struct ynode *map, const char *key,
			      const struct ynode **node_out)
{
	const struct ynode *n = ynode_get(map, key);
	*node_out = n;
	struct strbuf sb = {0};
	sb_addc(&sb, '[');
	if (n && !is_null(n)) {
		if (n->type != YN_SEQ) {
			PROBLEM_NODE(imp, n, "'%s' must be a list", key);
		} else {
			int first = 1;
			for (const struct ynode *c = n->child; c; c = c->next) {
				if (c->type != YN_SCALAR || is_null(c)) {
					PROBLEM_NODE(imp, c, "each entry of '%s' must be text", key);
					continue;
				}
				char *s = trimmed(c);
				if (!first)
					sb_addc(&sb, ',');
				first = 0;
				/* quote with SQLite's rules later: build via json_quote in SQL would need a
				 * statement per element; escape by hand the JSON way instead. */
				sb_addc(&sb, '"');
				for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
					if (*p == '"' || *p == '\\')
						sb_addf(&sb, "\\%c", *p);
					else if (*p < 0x20)
						sb_addf(&sb, "\\u%04x", *p);
					else
						sb_addc(&sb, (char)*p);
				}
				sb_addc(&sb, '"');
				free(s);
			}
		}
	}
	sb_addc(&sb, ']');
	return sb_detach(&sb);
}

/* ---- entries ------------------------------------------------------------------------- */

static const char *const period_keys[] = {"id", "name", "start", "end", "summary"};
static const char *const tag_keys[] = {"id", "name"};
static const char *const link_keys[] = {"id", "note", "kind"};
static const char *const milestone_keys[] = {
	"id", "year", "month", "title", "short", "kind", "authors", "author_count", "organization",
	"venue", "paper_title", "arxiv", "doi", "url", "era", "paradigm", "tags", "aliases",
	"summary", "problem", "insight", "impact", "formula", "architecture", "figures", "anecdote",
	"parameters", "training_compute", "scale_source", "root", "builds_on",
};

/* Required slug field "id" of an entry; returns malloc'd slug or NULL (reported). */
static char *entry_id(struct importer *imp, const struct ynode *map, const char *what)
{
	const struct ynode *n = ynode_get(map, "id");
	char *id = get_string(imp, map, "id", 1);
	if (!id) {
		if (!n || is_null(n))
			missing(imp, map, "id", what);
		return NULL;
	}
	if (check_slug(imp, n, id, "id") < 0) {
		free(id);
		return NULL;
	}
	return id;
}

static void stage_period(struct importer *imp, const char *kind, const struct ynode *map)
{
	const char *what = strcmp(kind, "era") == 0 ? "an era" : "a paradigm";
	check_keys(imp, map, period_keys, DLT_ARRAY_LEN(period_keys), what);
	char *id = entry_id(imp, map, what);
	char *name = get_string(imp, map, "name", 1);
	char *summary = get_string(imp, map, "summary", 0);
	long start = 0, end = 0;
	int hs = get_int(imp, map, "start", 1800, 2100, &start);
	int he = get_int(imp, map, "end", 1800, 2100, &end);
	if (!name)
		missing(imp, map, "name", what);
	if (hs == 0)
		missing(imp, map, "start", what);
	if (hs == 1 && he == 1 && end < start)
		PROBLEM_NODE(imp, ynode_get(map, "end"), "'end' %ld is before 'start' %ld", end, start);
	else if (id && name && hs == 1 && he >= 0) {
		sqlite3_stmt *st = imp->ins_period;
		sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, ++imp->item_seq);
		bind_text(st, 3, id);
		bind_text(st, 4, name);
		sqlite3_bind_int64(st, 5, start);
		if (he == 1)
			sqlite3_bind_int64(st, 6, end);
		bind_text(st, 7, summary);
		sqlite3_bind_int64(st, 8, (sqlite3_int64)imp->cur_file);
		sqlite3_bind_int(st, 9, (int)map->line);
		sqlite3_bind_int(st, 10, (int)map->col);
		run(imp, st);
	}
	free(id);
	free(name);
	free(summary);
}

static void stage_tag(struct importer *imp, const struct ynode *map)
{
	check_keys(imp, map, tag_keys, DLT_ARRAY_LEN(tag_keys), "a tag");
	char *id = entry_id(imp, map, "a tag");
	char *name = get_string(imp, map, "name", 1);
	if (!name)
		missing(imp, map, "name", "a tag");
	if (id && name) {
		sqlite3_stmt *st = imp->ins_tag;
		sqlite3_bind_int64(st, 1, ++imp->item_seq);
		bind_text(st, 2, id);
		bind_text(st, 3, name);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)imp->cur_file);
		sqlite3_bind_int(st, 5, (int)map->line);
		sqlite3_bind_int(st, 6, (int)map->col);
		run(imp, st);
	}
	free(id);
	free(name);
}

/* Stage a list-of-text field row by row into ins (seq, pos, value, file, line, col); with
 * `slugs` each value must be an id. */
static void stage_list(struct importer *imp, sqlite3_stmt *ins, sqlite3_int64 seq,
		       const struct ynode *map, const char *key, int slugs)
{
	const struct ynode *n = ynode_get(map, key);
	if (!n || is_null(n))
		return;
	if (n->type != YN_SEQ) {
		PROBLEM_NODE(imp, n, "'%s' must be a list", key);
		return;
	}
	int pos = 0;
	for (const struct ynode *c = n->child; c; c = c->next) {
		if (c->type != YN_SCALAR || is_null(c)) {
			PROBLEM_NODE(imp, c, "each entry of '%s' must be text", key);
			continue;
		}
		char *s = trimmed(c);
		if (slugs ? check_slug(imp, c, s, "tag") == 0 : (*s != '\0')) {
			sqlite3_bind_int64(ins, 1, seq);
			sqlite3_bind_int(ins, 2, pos++);
			bind_text(ins, 3, s);
			sqlite3_bind_int64(ins, 4, (sqlite3_int64)imp->cur_file);
			sqlite3_bind_int(ins, 5, (int)c->line);
			sqlite3_bind_int(ins, 6, (int)c->col);
			run(imp, ins);
		}
		free(s);
	}
}

static void stage_links(struct importer *imp, sqlite3_int64 seq, const struct ynode *map, int *nlinks)
{
	const struct ynode *n = ynode_get(map, "builds_on");
	*nlinks = 0;
	if (!n || is_null(n))
		return;
	if (n->type != YN_SEQ) {
		PROBLEM_NODE(imp, n, "'builds_on' must be a list of {id, note}");
		return;
	}
	int pos = 0;
	for (const struct ynode *c = n->child; c; c = c->next) {
		if (c->type != YN_MAP) {
			PROBLEM_NODE(imp, c, "each entry of 'builds_on' must be a mapping with 'id' and 'note'");
			continue;
		}
		check_keys(imp, c, link_keys, DLT_ARRAY_LEN(link_keys), "a link");
		char *id = entry_id(imp, c, "a link");
		char *note = get_string(imp, c, "note", 1);
		char *kind = get_string(imp, c, "kind", 1);
		if (!note)
			missing(imp, c, "note", "a link");
		if (kind && strcmp(kind, "builds_on") != 0)
			PROBLEM_NODE(imp, ynode_get(c, "kind"), "unknown link kind '%.40s' (only builds_on)", kind);
		else if (id && note) {
			sqlite3_stmt *st = imp->ins_link;
			sqlite3_bind_int64(st, 1, seq);
			sqlite3_bind_int(st, 2, pos++);
			bind_text(st, 3, id);
			bind_text(st, 4, note);
			sqlite3_bind_int64(st, 5, (sqlite3_int64)imp->cur_file);
			sqlite3_bind_int(st, 6, (int)c->line);
			sqlite3_bind_int(st, 7, (int)c->col);
			run(imp, st);
			(*nlinks)++;
		}
		free(id);
		free(note);
		free(kind);
	}
}

/* A string field matched against a pattern. */
static char *get_pattern(struct importer *imp, const struct ynode *map, const char *key,
			 const regex_t *re1, const regex_t *re2, const char *expect)
{
	char *s = get_string(imp, map, key, 1);
	if (s && regexec(re1, s, 0, NULL, 0) != 0 && (!re2 || regexec(re2, s, 0, NULL, 0) != 0)) {
		PROBLEM_NODE(imp, ynode_get(map, key), "malformed %s '%.60s' (expected %s)", key, s, expect);
		free(s);
		return NULL;
	}
	return s;
}

enum { S_SLUG = 1, S_YEAR, S_MONTH, S_TITLE, S_SHORT, S_KIND, S_AUTHORS, S_AUTHOR_COUNT, S_ORG,
       S_VENUE, S_PAPER, S_ARXIV, S_DOI, S_URL, S_ERA, S_PARADIGM, S_SUMMARY, S_PROBLEM,
       S_INSIGHT, S_IMPACT, S_FORMULA, S_ARCH, S_FIGURES, S_ANECDOTE, S_PARAMS, S_COMPUTE,
       S_SCALE_SRC, S_ROOT, S_FILE, S_LINE, S_COL, S_ERA_LINE, S_ERA_COL, S_PAR_LINE,
       S_PAR_COL, S_NLINKS, S_NTAGS, S_SEQ };

static void stage_milestone(struct importer *imp, const struct ynode *map)
{
	static const char *const text_fields[][2] = {
		{"title", "1"}, {"short", "1"}, {"organization", "1"}, {"venue", "1"},
		{"paper_title", "1"}, {"summary", "1"}, {"problem", "0"}, {"insight", "0"},
		{"impact", "0"}, {"formula", "0"}, {"architecture", "0"}, {"anecdote", "0"},
		{"scale_source", "0"},
	};
	static const int text_cols[] = {S_TITLE, S_SHORT, S_ORG, S_VENUE, S_PAPER, S_SUMMARY,
					S_PROBLEM, S_INSIGHT, S_IMPACT, S_FORMULA, S_ARCH, S_ANECDOTE,
					S_SCALE_SRC};
	const char *what = "a milestone";
	sqlite3_stmt *st = imp->ins_ms;
	size_t before = imp->nprobs;

	check_keys(imp, map, milestone_keys, DLT_ARRAY_LEN(milestone_keys), what);
	char *id = entry_id(imp, map, what);
	sqlite3_int64 seq = ++imp->ms_seq;
	sqlite3_bind_int64(st, S_SEQ, seq);
	bind_text(st, S_SLUG, id);

	long year = 0, month = 0, count = 0;
	int hy = get_int(imp, map, "year", 1800, 2100, &year);
	if (hy == 0)
		missing(imp, map, "year", what);
	sqlite3_bind_int64(st, S_YEAR, year);
	if (get_int(imp, map, "month", 1, 12, &month) == 1)
		sqlite3_bind_int64(st, S_MONTH, month);
	if (get_int(imp, map, "author_count", 1, 100000, &count) == 1)
		sqlite3_bind_int64(st, S_AUTHOR_COUNT, count);

	char *texts[DLT_ARRAY_LEN(text_fields)];
	for (size_t i = 0; i < DLT_ARRAY_LEN(text_fields); i++) {
		texts[i] = get_string(imp, map, text_fields[i][0], text_fields[i][1][0] == '1');
		bind_text(st, text_cols[i], texts[i]);
	}
	if (!texts[0])
		missing(imp, map, "title", what);
	if (!texts[5])
		missing(imp, map, "summary", what);

	char *kind = get_string(imp, map, "kind", 1);
	if (!kind) {
		missing(imp, map, "kind", what);
	} else {
		size_t i;
		for (i = 0; i < DLT_ARRAY_LEN(milestone_kinds); i++)
			if (strcmp(kind, milestone_kinds[i]) == 0)
				break;
		if (i == DLT_ARRAY_LEN(milestone_kinds))
			PROBLEM_NODE(imp, ynode_get(map, "kind"),
				     "unknown kind '%.40s' (paper, model, system, product, event, dataset, "
				     "framework, hardware, competition)", kind);
	}
	bind_text(st, S_KIND, kind);

	char *arxiv = get_pattern(imp, map, "arxiv", &imp->re_arxiv_new, &imp->re_arxiv_old,
				  "NNNN.NNNNN or archive/NNNNNNN");
	char *doi = get_pattern(imp, map, "doi", &imp->re_doi, NULL, "10.NNNN/suffix");
	char *url = get_pattern(imp, map, "url", &imp->re_url, NULL, "http:// or https:// address");
	bind_text(st, S_ARXIV, arxiv);
	bind_text(st, S_DOI, doi);
	bind_text(st, S_URL, url);

	const struct ynode *era_n = ynode_get(map, "era"), *par_n = ynode_get(map, "paradigm");
	char *era = get_string(imp, map, "era", 1);
	char *paradigm = get_string(imp, map, "paradigm", 1);
	if (!era)
		missing(imp, map, "era", what);
	bind_text(st, S_ERA, era);
	bind_text(st, S_PARADIGM, paradigm);
	if (era_n) {
		sqlite3_bind_int(st, S_ERA_LINE, (int)era_n->line);
		sqlite3_bind_int(st, S_ERA_COL, (int)era_n->col);
	}
	if (par_n) {
		sqlite3_bind_int(st, S_PAR_LINE, (int)par_n->line);
		sqlite3_bind_int(st, S_PAR_COL, (int)par_n->col);
	}

	const struct ynode *an, *fn;
	char *authors = string_list_json(imp, map, "authors", &an);
	char *figures = string_list_json(imp, map, "figures", &fn);
	sqlite3_bind_text(st, S_AUTHORS, authors, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, S_FIGURES, figures, -1, SQLITE_TRANSIENT);

	double params = 0, compute = 0;
	int hp = get_real(imp, map, "parameters", &params);
	int hc = get_real(imp, map, "training_compute", &compute);
	if (hp == 1)
		sqlite3_bind_double(st, S_PARAMS, params);
	if (hc == 1)
		sqlite3_bind_double(st, S_COMPUTE, compute);
	if ((hp == 1 || hc == 1) && !texts[12])
		PROBLEM_NODE(imp, map, "'parameters' and 'training_compute' need a 'scale_source'");
	int root = get_bool(imp, map, "root", 0);
	sqlite3_bind_int(st, S_ROOT, root > 0);

	sqlite3_bind_int64(st, S_FILE, (sqlite3_int64)imp->cur_file);
	sqlite3_bind_int(st, S_LINE, (int)map->line);
	sqlite3_bind_int(st, S_COL, (int)map->col);

	int nlinks = 0;
	stage_links(imp, seq, map, &nlinks);
	stage_list(imp, imp->ins_tag_of, seq, map, "tags", 1);
	stage_list(imp, imp->ins_alias, seq, map, "aliases", 0);
	const struct ynode *tn = ynode_get(map, "tags");
	int ntags = 0;
	if (tn && tn->type == YN_SEQ)
		for (const struct ynode *c = tn->child; c; c = c->next)
			ntags++;
	sqlite3_bind_int(st, S_NLINKS, nlinks);
	sqlite3_bind_int(st, S_NTAGS, ntags);

	if (imp->opts->strict) {
		static const char *const req[] = {"short", "paradigm", "problem", "insight", "impact"};
		for (size_t i = 0; i < DLT_ARRAY_LEN(req); i++) {
			const struct ynode *r = ynode_get(map, req[i]);
			if (!r || is_null(r))
				missing(imp, map, req[i], what);
		}
		if (ntags == 0)
			PROBLEM_NODE(imp, map, "a milestone needs at least one tag");
		if ((!an || an->type != YN_SEQ || !an->child) && !texts[2])
			PROBLEM_NODE(imp, map, "a milestone needs 'authors' or an 'organization'");
		if (hy == 1 && year > 1950 && nlinks == 0 && root <= 0)
			PROBLEM_NODE(imp, map, "a milestone after 1950 needs a 'builds_on' link or 'root: true'");
	}
	/* An entry with errors is still staged when it has an id, so that links to it do not
	 * produce a second, misleading "unknown id" error; the import fails anyway. */
	if (id && (imp->nprobs == before || hy == 1))
		run(imp, st);
	else {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	for (size_t i = 0; i < DLT_ARRAY_LEN(texts); i++)
		free(texts[i]);
	free(id);
	free(kind);
	free(arxiv);
	free(doi);
	free(url);
	free(era);
	free(paradigm);
	free(authors);
	free(figures);
}

/* A section whose value is wrong as a whole is reported once, though a list value reaches
 * on_item() once per element: true the first time for the section key at (sl, sc). */
static int first_report_of_section(struct importer *imp, unsigned sl, unsigned sc)
{
	if (imp->bad_section_file == imp->cur_file + 1 && imp->bad_section_line == sl &&
	    imp->bad_section_col == sc)
		return 0;
	imp->bad_section_file = imp->cur_file + 1;
	imp->bad_section_line = sl;
	imp->bad_section_col = sc;
	return 1;
}

static void on_item(void *ctx, const char *section, unsigned sl, unsigned sc, const struct ynode *n)
{
	struct importer *imp = ctx;
	int is_list = strcmp(section, "eras") == 0 || strcmp(section, "paradigms") == 0 ||
		      strcmp(section, "tags") == 0 || strcmp(section, "milestones") == 0;
	if (strcmp(section, "title") == 0) {
		if (n->in_list) {   /* "title: [a, b]": report the list once, at its key */
			if (first_report_of_section(imp, sl, sc))
				problem_at(imp, imp->cur_file, sl, sc, "'title' must be text, not a list");
			return;
		}
		if (n->type != YN_SCALAR || is_null(n)) {
			PROBLEM_NODE(imp, n, "'title' must be text");
			return;
		}
		if (imp->have_title++) {
			PROBLEM_NODE(imp, n, "'title' is given more than once");
			return;
		}
		char *t = trimmed(n);
		sqlite3_bind_text(imp->ins_meta, 1, "title", -1, SQLITE_STATIC);
		sqlite3_bind_text(imp->ins_meta, 2, t, -1, SQLITE_TRANSIENT);
		run(imp, imp->ins_meta);
		free(t);
		return;
	}
	if (!is_list) {
		/* a list under an unknown key comes here once per element: report it once */
		if (!first_report_of_section(imp, sl, sc))
			return;
		problem_at(imp, imp->cur_file, sl, sc,
			   "unknown section '%.60s' (title, eras, paradigms, tags, milestones)", section);
		return;
	}
	if (n->type != YN_MAP) {
		if (is_null(n) && n->line == sl)
			return; /* "milestones:" with nothing under it */
		PROBLEM_NODE(imp, n, "each entry of '%s' must be a mapping, not %s", section, type_name(n));
		return;
	}
	if (strcmp(section, "eras") == 0)
		stage_period(imp, "era", n);
	else if (strcmp(section, "paradigms") == 0)
		stage_period(imp, "paradigm", n);
	else if (strcmp(section, "tags") == 0)
		stage_tag(imp, n);
	else
		stage_milestone(imp, n);
}

static void on_error(void *ctx, unsigned line, unsigned col, const char *msg)
{
	struct importer *imp = ctx;
	problem_at(imp, imp->cur_file, line, col, "%s", msg);
}

/* ---- staging database ---------------------------------------------------------------- */

static const char stage_sql[] =
	"CREATE TABLE stage.ms (seq INTEGER PRIMARY KEY, slug, year, month, title, short, kind, "
	"  authors, author_count, organization, venue, paper_title, arxiv, doi, url, era, paradigm, "
	"  summary, problem, insight, impact, formula, architecture, figures, anecdote, parameters, "
	"  training_compute, scale_source, root, file, line, col, era_line, era_col, par_line, "
	"  par_col, nlinks, ntags);"
	"CREATE TABLE stage.ms_tag (seq, pos, slug, file, line, col);"
	"CREATE TABLE stage.alias (seq, pos, alias, file, line, col);"
	"CREATE TABLE stage.link (seq, pos, slug, note, file, line, col);"
	"CREATE TABLE stage.period (kind, seq, slug, name, start, \"end\", summary, file, line, col);"
	"CREATE TABLE stage.tag (seq INTEGER PRIMARY KEY, slug, name, file, line, col);";

/* Indexes for the checks, built after loading. */
static const char stage_index_sql[] =
	"CREATE INDEX stage.ms_slug ON ms(slug, seq);"
	"CREATE INDEX stage.period_slug ON period(kind, slug, seq);"
	"CREATE INDEX stage.tag_slug ON tag(slug, seq);"
	"CREATE INDEX stage.alias_nc ON alias(alias COLLATE NOCASE, seq);"
	"CREATE INDEX stage.ms_tag_seq ON ms_tag(seq, slug);"
	"CREATE INDEX stage.link_seq ON link(seq, slug);";

#define MS_INSERT_COLS \
	"slug, year, month, title, short, kind, authors, author_count, organization, venue, " \
	"paper_title, arxiv, doi, url, era, paradigm, summary, problem, insight, impact, formula, " \
	"architecture, figures, anecdote, parameters, training_compute, scale_source, root, file, " \
	"line, col, era_line, era_col, par_line, par_col, nlinks, ntags, seq"

/* Whole-input checks: each query yields (file, line, col, message). */
static const char *const checks[] = {
	/* duplicate ids */
	"SELECT a.file, a.line, a.col, printf('duplicate milestone id ''%s'' (first defined in %s line %d)', "
	"  a.slug, b.file, b.line) FROM ms a JOIN ms b ON b.slug = a.slug AND b.seq = "
	"  (SELECT min(seq) FROM ms c WHERE c.slug = a.slug) WHERE a.seq <> b.seq",
	"SELECT a.file, a.line, a.col, printf('duplicate %s id ''%s'' (first defined in %s line %d)', "
	"  a.kind, a.slug, b.file, b.line) FROM period a JOIN period b ON b.kind = a.kind AND b.slug = a.slug "
	"  AND b.seq = (SELECT min(seq) FROM period c WHERE c.kind = a.kind AND c.slug = a.slug) "
	"  WHERE a.seq <> b.seq",
	"SELECT a.file, a.line, a.col, printf('duplicate tag id ''%s'' (first defined in %s line %d)', "
	"  a.slug, b.file, b.line) FROM tag a JOIN tag b ON b.slug = a.slug AND b.seq = "
	"  (SELECT min(seq) FROM tag c WHERE c.slug = a.slug) WHERE a.seq <> b.seq",
	/* eras and paradigms */
	"SELECT m.file, m.era_line, m.era_col, printf('unknown era ''%s''', m.era) FROM ms m "
	"  WHERE m.era IS NOT NULL AND NOT EXISTS (SELECT 1 FROM period p WHERE p.kind = 'era' AND p.slug = m.era)",
	"SELECT m.file, m.par_line, m.par_col, printf('unknown paradigm ''%s''', m.paradigm) FROM ms m "
	"  WHERE m.paradigm IS NOT NULL AND NOT EXISTS (SELECT 1 FROM period p WHERE p.kind = 'paradigm' AND p.slug = m.paradigm)",
	"SELECT m.file, m.line, m.col, printf('year %d is outside its era ''%s'' (%d-%s)', m.year, m.era, "
	"  p.start, coalesce(p.\"end\", 'now')) FROM ms m JOIN period p ON p.kind = 'era' AND p.slug = m.era "
	"  AND p.seq = (SELECT min(seq) FROM period q WHERE q.kind = 'era' AND q.slug = m.era) "
	"  WHERE m.year < p.start OR m.year > coalesce(p.\"end\", 2100)",
	"SELECT m.file, m.line, m.col, printf('year %d is outside its paradigm ''%s'' (%d-%s)', m.year, "
	"  m.paradigm, p.start, coalesce(p.\"end\", 'now')) FROM ms m JOIN period p ON p.kind = 'paradigm' "
	"  AND p.slug = m.paradigm AND p.seq = (SELECT min(seq) FROM period q WHERE q.kind = 'paradigm' "
	"  AND q.slug = m.paradigm) WHERE m.year < p.start OR m.year > coalesce(p.\"end\", 2100)",
	/* tags */
	"SELECT t.file, t.line, t.col, printf('unknown tag ''%s''', t.slug) FROM ms_tag t "
	"  WHERE NOT EXISTS (SELECT 1 FROM tag g WHERE g.slug = t.slug)",
	"SELECT t.file, t.line, t.col, printf('tag ''%s'' is listed twice', t.slug) FROM ms_tag t "
	"  WHERE EXISTS (SELECT 1 FROM ms_tag u WHERE u.seq = t.seq AND u.slug = t.slug AND u.pos < t.pos)",
	/* aliases */
	"SELECT a.file, a.line, a.col, printf('duplicate alias ''%s'' (also used by ''%s'')', a.alias, "
	"  (SELECT m.slug FROM ms m WHERE m.seq = b.seq)) FROM alias a JOIN alias b "
	"  ON b.alias = a.alias COLLATE NOCASE AND (b.seq < a.seq OR (b.seq = a.seq AND b.pos < a.pos)) "
	"  GROUP BY a.seq, a.pos",
	/* links */
	"SELECT l.file, l.line, l.col, printf('builds_on links to unknown id ''%s''', l.slug) FROM link l "
	"  WHERE NOT EXISTS (SELECT 1 FROM ms m WHERE m.slug = l.slug)",
	"SELECT l.file, l.line, l.col, printf('''%s'' builds on itself', l.slug) FROM link l "
	"  JOIN ms m ON m.seq = l.seq WHERE m.slug = l.slug",
	"SELECT l.file, l.line, l.col, printf('builds_on lists ''%s'' twice', l.slug) FROM link l "
	"  WHERE EXISTS (SELECT 1 FROM link k WHERE k.seq = l.seq AND k.slug = l.slug AND k.pos < l.pos)",
	NULL,
};

/* Run one check query; each row becomes a problem. File ids are mapped to names by print. */
static void run_check(struct importer *imp, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(imp->db, sql, -1, &st, NULL) != SQLITE_OK) {
		problem_at(imp, imp->nfiles, 0, 0, "internal error in check: %s", sqlite3_errmsg(imp->db));
		return;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(st, 3);
		problem_at(imp, (size_t)sqlite3_column_int64(st, 0), (unsigned)sqlite3_column_int(st, 1),
			   (unsigned)sqlite3_column_int(st, 2), "%s", msg ? msg : "");
	}
	sqlite3_finalize(st);
}

/* The "first defined in FILE" parts of messages carry file numbers; swap in names. */
static void name_files(struct importer *imp)
{
	for (size_t i = 0; i < imp->nprobs; i++) {
		char *m = imp->probs[i].msg;
		char *p = strstr(m, "(first defined in ");
		if (!p)
			continue;
		char *num = p + strlen("(first defined in ");
		char *end;
		unsigned long f = strtoul(num, &end, 10);
		if (end == num || f >= imp->nfiles)
			continue;
		struct strbuf sb = {0};
		sb_addn(&sb, m, (size_t)(num - m));
		sb_add(&sb, imp->files[f]);
		sb_add(&sb, end);
		free(m);
		imp->probs[i].msg = sb_detach(&sb);
	}
}

/* ---- cycles ---------------------------------------------------------------------------- */

/* Find builds_on cycles among the staged links (resolved to milestone sequence numbers) and
 * report each once, at the link that closes it. Memory: a few integers per link. */
static void check_cycles(struct importer *imp)
{
	sqlite3_int64 n = imp->ms_seq;
	sqlite3_stmt *st;
	const char *sql =
		"SELECT l.seq, (SELECT min(m.seq) FROM ms m WHERE m.slug = l.slug) AS dst, l.file, l.line, "
		"l.col FROM link l WHERE dst IS NOT NULL AND dst <> l.seq ORDER BY l.seq, l.pos";
	if (n == 0 || sqlite3_prepare_v2(imp->db, sql, -1, &st, NULL) != SQLITE_OK)
		return;
	size_t cap = 1024, ne = 0;
	struct edge { int32_t src, dst; uint32_t file, line, col; } *e = xmalloc(cap * sizeof *e);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (ne == cap) {
			cap *= 2;
			e = xrealloc(e, cap * sizeof *e);
		}
		e[ne].src = (int32_t)sqlite3_column_int64(st, 0);
		e[ne].dst = (int32_t)sqlite3_column_int64(st, 1);
		e[ne].file = (uint32_t)sqlite3_column_int64(st, 2);
		e[ne].line = (uint32_t)sqlite3_column_int(st, 3);
		e[ne].col = (uint32_t)sqlite3_column_int(st, 4);
		ne++;
	}
	sqlite3_finalize(st);

	/* Edges are sorted by src: first[s]..first[s+1] are the out-edges of s (CSR). */
	uint32_t *first = xcalloc((size_t)n + 2, sizeof *first);
	for (size_t i = 0; i < ne; i++)
		first[e[i].src + 1]++;
	for (sqlite3_int64 s = 0; s <= n; s++)
		first[s + 1] += first[s];
	/* Peel off nodes with no remaining out-edges (their ancestors are all settled). */
	uint32_t *outdeg = xcalloc((size_t)n + 1, sizeof *outdeg);
	uint32_t *indeg_first = xcalloc((size_t)n + 2, sizeof *indeg_first);
	for (size_t i = 0; i < ne; i++) {
		outdeg[e[i].src]++;
		indeg_first[e[i].dst + 1]++;
	}
	for (sqlite3_int64 s = 0; s <= n; s++)
		indeg_first[s + 1] += indeg_first[s];
	uint32_t *rev = xmalloc((ne ? ne : 1) * sizeof *rev); /* edge ids grouped by dst */
	uint32_t *fill = xcalloc((size_t)n + 1, sizeof *fill);
	for (size_t i = 0; i < ne; i++)
		rev[indeg_first[e[i].dst] + fill[e[i].dst]++] = (uint32_t)i;
	int32_t *queue = xmalloc(((size_t)n + 1) * sizeof *queue);
	size_t qh = 0, qt = 0;
	for (sqlite3_int64 s = 1; s <= n; s++)
		if (outdeg[s] == 0)
			queue[qt++] = (int32_t)s;
	while (qh < qt) {
		int32_t v = queue[qh++];
		for (uint32_t k = indeg_first[v]; k < indeg_first[v + 1]; k++) {
			int32_t u = e[rev[k]].src;
			if (--outdeg[u] == 0)
				queue[qt++] = u;
		}
	}
	/* Nodes left have an out-edge to another node left: walk until a node repeats. */
	uint8_t *state = xcalloc((size_t)n + 1, 1); /* 0 unseen, 1 on walk, 2 done */
	for (sqlite3_int64 s = 1; s <= n; s++) {
		if (outdeg[s] == 0 || state[s])
			continue;
		int32_t v = (int32_t)s;
		size_t via = 0;
		while (state[v] == 0) {
			state[v] = 1;
			for (uint32_t k = first[v]; k < first[v + 1]; k++)
				if (outdeg[e[k].dst] > 0) {
					via = k;
					break;
				}
			v = e[via].dst;
		}
		if (state[v] == 1) {
			/* v closes a new cycle: describe it starting from v. */
			struct strbuf path = {0};
			sqlite3_stmt *q;
			sqlite3_prepare_v2(imp->db, "SELECT slug FROM ms WHERE seq = ?1", -1, &q, NULL);
			int32_t w = v;
			size_t closing = 0;
			for (int steps = 0; steps < 12; steps++) {
				sqlite3_bind_int64(q, 1, w);
				if (sqlite3_step(q) == SQLITE_ROW)
					sb_addf(&path, "%s%s", steps ? " -> " : "", sqlite3_column_text(q, 0));
				sqlite3_reset(q);
				uint32_t k;
				for (k = first[w]; k < first[w + 1]; k++)
					if (outdeg[e[k].dst] > 0)
						break;
				closing = k;
				w = e[k].dst;
				if (w == v) {
					sqlite3_bind_int64(q, 1, w);
					if (sqlite3_step(q) == SQLITE_ROW)
						sb_addf(&path, " -> %s", sqlite3_column_text(q, 0));
					sqlite3_reset(q);
					break;
				}
			}
			sqlite3_finalize(q);
			problem_at(imp, e[closing].file, e[closing].line, e[closing].col,
				   "builds_on cycle: %s", sb_str(&path));
			sb_free(&path);
		}
		/* mark the whole walk done */
		v = (int32_t)s;
		while (state[v] == 1) {
			state[v] = 2;
			for (uint32_t k = first[v]; k < first[v + 1]; k++)
				if (outdeg[e[k].dst] > 0) {
					v = e[k].dst;
					break;
				}
		}
	}
	free(state);
	free(queue);
	free(fill);
	free(rev);
	free(indeg_first);
	free(outdeg);
	free(first);
	free(e);
}

/* ---- final tables -------------------------------------------------------------------- */

static const char finish_sql[] =
	"INSERT INTO main.eras (id, slug, name, start, \"end\", summary) "
	"  SELECT row_number() OVER (ORDER BY start, coalesce(\"end\", 9999), seq), slug, name, start, "
	"  \"end\", summary FROM stage.period WHERE kind = 'era' ORDER BY 1;"
	"INSERT INTO main.paradigms (id, slug, name, start, \"end\", summary) "
	"  SELECT row_number() OVER (ORDER BY start, coalesce(\"end\", 9999), seq), slug, name, start, "
	"  \"end\", summary FROM stage.period WHERE kind = 'paradigm' ORDER BY 1;"
	"INSERT INTO main.tags (id, slug, name) SELECT row_number() OVER (ORDER BY seq), slug, name "
	"  FROM stage.tag ORDER BY seq;"
	"CREATE TABLE stage.idmap (seq INTEGER PRIMARY KEY, id INTEGER NOT NULL);"
	"INSERT INTO stage.idmap SELECT seq, row_number() OVER (ORDER BY year, coalesce(month, 0), seq) "
	"  FROM stage.ms;"
	"INSERT INTO main.milestones (id, slug, year, month, title, short, kind, authors, author_count, "
	"  organization, venue, paper_title, arxiv, doi, url, era, paradigm, summary, problem, insight, "
	"  impact, formula, architecture, figures, anecdote, parameters, training_compute, scale_source, root) "
	"  SELECT i.id, m.slug, m.year, m.month, m.title, m.short, m.kind, m.authors, m.author_count, "
	"  m.organization, m.venue, m.paper_title, m.arxiv, m.doi, m.url, "
	"  (SELECT e.id FROM main.eras e WHERE e.slug = m.era), "
	"  (SELECT p.id FROM main.paradigms p WHERE p.slug = m.paradigm), "
	"  m.summary, m.problem, m.insight, m.impact, m.formula, m.architecture, m.figures, m.anecdote, "
	"  m.parameters, m.training_compute, m.scale_source, m.root "
	"  FROM stage.ms m JOIN stage.idmap i ON i.seq = m.seq ORDER BY i.id;"
	"INSERT INTO main.milestone_tags (milestone, tag) SELECT i.id, g.id FROM stage.ms_tag t "
	"  JOIN stage.idmap i ON i.seq = t.seq JOIN main.tags g ON g.slug = t.slug ORDER BY 1, 2;"
	"INSERT INTO main.aliases (milestone, pos, alias) SELECT i.id, a.pos, a.alias FROM stage.alias a "
	"  JOIN stage.idmap i ON i.seq = a.seq ORDER BY 1, 2;"
	"INSERT INTO main.links (src, dst, kind, note, pos) SELECT si.id, di.id, 'builds_on', l.note, l.pos "
	"  FROM stage.link l JOIN stage.idmap si ON si.seq = l.seq "
	"  JOIN stage.idmap di ON di.seq = (SELECT min(m.seq) FROM stage.ms m WHERE m.slug = l.slug) "
	"  ORDER BY 1, 2;"
	"INSERT INTO main.years (year, first_id, count) SELECT year, min(id), count(*) FROM main.milestones "
	"  GROUP BY year ORDER BY year;"
	"INSERT INTO main.search (rowid, title, short, aliases, authors, summary, problem, insight, impact, tags) "
	"  SELECT m.id, m.title, m.short, "
	"  (SELECT group_concat(a.alias, ' ; ') FROM main.aliases a WHERE a.milestone = m.id), "
	"  (SELECT group_concat(j.value, ' ; ') FROM json_each(m.authors) j), "
	"  m.summary, m.problem, m.insight, m.impact, "
	"  (SELECT group_concat(g.slug || ' ' || g.name, ' ; ') FROM main.milestone_tags t "
	"     JOIN main.tags g ON g.id = t.tag WHERE t.milestone = m.id) "
	"  FROM main.milestones m ORDER BY m.id;"
	"INSERT INTO main.search (search) VALUES ('optimize');"
	"INSERT OR IGNORE INTO main.meta (key, value) VALUES ('title', 'Timeline');"
	"INSERT OR REPLACE INTO main.meta (key, value) VALUES "
	"  ('milestones', (SELECT count(*) FROM main.milestones)), "
	"  ('links', (SELECT count(*) FROM main.links));";

static int exec(struct importer *imp, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(imp->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		problem_at(imp, imp->nfiles, 0, 0, "database error: %s", msg ? msg : sqlite3_errmsg(imp->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int prepare(struct importer *imp, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v3(imp->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK) {
		problem_at(imp, imp->nfiles, 0, 0, "database error: %s", sqlite3_errmsg(imp->db));
		return -1;
	}
	return 0;
}

static int open_db(struct importer *imp, const char *path)
{
	if (sqlite3_open_v2(path, &imp->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		problem_at(imp, imp->nfiles, 0, 0, "cannot create %s: %s", path, sqlite3_errmsg(imp->db));
		return -1;
	}
	if (exec(imp, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;"
		      "PRAGMA temp_store = FILE; ATTACH DATABASE '' AS stage;"
		      "PRAGMA stage.journal_mode = OFF; PRAGMA stage.cache_size = -65536;") < 0 ||
	    exec(imp, dlt_schema_sql) < 0 || exec(imp, stage_sql) < 0 || exec(imp, "BEGIN") < 0)
		return -1;
	if (prepare(imp, "INSERT INTO stage.ms (" MS_INSERT_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
			 "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
			 "?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38)", &imp->ins_ms) < 0 ||
	    prepare(imp, "INSERT INTO stage.ms_tag VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &imp->ins_tag_of) < 0 ||
	    prepare(imp, "INSERT INTO stage.alias VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &imp->ins_alias) < 0 ||
	    prepare(imp, "INSERT INTO stage.link VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", &imp->ins_link) < 0 ||
	    prepare(imp, "INSERT INTO stage.period VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
		    &imp->ins_period) < 0 ||
	    prepare(imp, "INSERT INTO stage.tag VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &imp->ins_tag) < 0 ||
	    prepare(imp, "INSERT OR REPLACE INTO main.meta (key, value) VALUES (?1, ?2)", &imp->ins_meta) < 0)
		return -1;
	return 0;
}

static void close_db(struct importer *imp)
{
	sqlite3_stmt **all[] = {&imp->ins_ms, &imp->ins_tag_of, &imp->ins_alias, &imp->ins_link,
				&imp->ins_period, &imp->ins_tag, &imp->ins_meta};
	for (size_t i = 0; i < DLT_ARRAY_LEN(all); i++) {
		sqlite3_finalize(*all[i]);
		*all[i] = NULL;
	}
	sqlite3_close(imp->db);
	imp->db = NULL;
}

static void read_file(struct importer *imp, size_t idx)
{
	imp->cur_file = idx;
	FILE *fp = fopen(imp->files[idx], "rb");
	if (!fp) {
		problem_at(imp, idx, 0, 0, "%s", strerror(errno));
		return;
	}
	struct stat st;
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode))
		problem_at(imp, idx, 0, 0, "is a directory");
	else
		ynode_read(fp, on_item, on_error, imp);
	fclose(fp);
}

/* True when expanding input i already failed and was reported (a missing path, an empty
 * directory): reading it would report the same problem a second time. Only collect()
 * has reported problems when this is called. */
static int collect_failed(const struct importer *imp, size_t i)
{
	for (size_t k = 0; k < imp->nprobs; k++)
		if (imp->probs[k].file == i)
			return 1;
	return 0;
}

/* Temporary file next to `out` (so the final rename stays on one filesystem). */
static char *temp_path_for(const char *out)
{
	struct strbuf sb = {0};
	if (out) {
		sb_addf(&sb, "%s.tmp-XXXXXX", out);
	} else {
		const char *dir = getenv("TMPDIR");
		sb_addf(&sb, "%s/dltimeline-check-XXXXXX", dir && *dir ? dir : "/tmp");
	}
	char *path = sb_detach(&sb);
	int fd = mkstemp(path);
	if (fd < 0) {
		free(path);
		return NULL;
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	close(fd);
	return path;
}

size_t dlt_import(const char *const *paths, size_t npaths, const struct dlt_import_opts *opts)
{
	struct importer imp = {.opts = opts};
	regcomp(&imp.re_slug, "^[a-z0-9][a-z0-9-]{0,63}$", REG_EXTENDED | REG_NOSUB);
	regcomp(&imp.re_arxiv_new, "^[0-9]{4}\\.[0-9]{4,5}(v[0-9]+)?$", REG_EXTENDED | REG_NOSUB);
	regcomp(&imp.re_arxiv_old, "^[a-z-]+(\\.[A-Z]{2})?/[0-9]{7}(v[0-9]+)?$", REG_EXTENDED | REG_NOSUB);
	regcomp(&imp.re_doi, "^10\\.[0-9]{4,9}/[^[:space:]]+$", REG_EXTENDED | REG_NOSUB);
	regcomp(&imp.re_url, "^https?://[^[:space:]/]+[^[:space:]]*$", REG_EXTENDED | REG_NOSUB);

	for (size_t i = 0; i < npaths; i++)
		collect(&imp, paths[i]);
	char *tmp = temp_path_for(opts->out);
	if (!tmp) {
		problem_at(&imp, imp.nfiles, 0, 0, "cannot create a temporary file for %s: %s",
			   opts->out ? opts->out : "checking", strerror(errno));
	} else if (open_db(&imp, tmp) == 0) {
		for (size_t i = 0; i < imp.nfiles; i++)
			if (!collect_failed(&imp, i))
				read_file(&imp, i);
		if (exec(&imp, stage_index_sql) == 0) {
			for (size_t i = 0; checks[i]; i++)
				run_check(&imp, checks[i]);
			check_cycles(&imp);
			name_files(&imp);
		}
		if (imp.ms_seq == 0 && imp.nprobs == 0)
			problem_at(&imp, imp.nfiles, 0, 0, "no milestones in the input");
		if (imp.nprobs == 0 && opts->out) {
			if (exec(&imp, finish_sql) == 0 && exec(&imp, dlt_indexes_sql) == 0 &&
			    exec(&imp, "COMMIT; DETACH DATABASE stage;") == 0)
				exec(&imp, "VACUUM");
		}
	}
	close_db(&imp);
	if (imp.nprobs == 0 && opts->out) {
		if (rename(tmp, opts->out) < 0)
			problem_at(&imp, imp.nfiles, 0, 0, "cannot write %s: %s", opts->out, strerror(errno));
	}
	if (tmp) {
		if (imp.nprobs || !opts->out)
			unlink(tmp);
		free(tmp);
	}
	print_problems(&imp);
	size_t n = imp.nprobs;
	if (n)
		fprintf(opts->errors, "%zu error%s; nothing written\n", n, n == 1 ? "" : "s");
	else if (!opts->quiet)
		fprintf(opts->errors, "%lld milestones checked%s%s\n", (long long)imp.ms_seq,
			opts->out ? ", written to " : "", opts->out ? opts->out : "");

	for (size_t i = 0; i < imp.nprobs; i++)
		free(imp.probs[i].msg);
	free(imp.probs);
	for (size_t i = 0; i < imp.nfiles; i++)
		free(imp.files[i]);
	free(imp.files);
	regfree(&imp.re_slug);
	regfree(&imp.re_arxiv_new);
	regfree(&imp.re_arxiv_old);
	regfree(&imp.re_doi);
	regfree(&imp.re_url);
	return n;
}
