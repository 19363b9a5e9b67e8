/*
 * schema.c -- see schema.h.
 *
 * The reference, dlt_schema_ref, is what SQLite made of the embedded schema text in an
 * empty database (at build time, by src/tools/schema_ref.c), so the comparison follows
 * schema/schema.sql and indexes.sql whatever they become. A file written by this version's
 * importer has the very same declarations, so one read of its sqlite_schema settles it;
 * a declaration written differently is compared column by column (pragma_table_info).
 */
#include "db/schema.h"

#include <assert.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* The objects of the database: type, name, table, SQL text (NULL for automatic indexes). */
struct object {
	char *type, *name, *table, *sql;
};

struct objects {
	struct object *v;
	size_t n, cap;
};

static void objects_free(struct objects *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->v[i].type);
		free(o->v[i].name);
		free(o->v[i].table);
		free(o->v[i].sql);
	}
	free(o->v);
	memset(o, 0, sizeof *o);
}

static char *col_dup(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	return xstrdup(s ? (const char *)s : NULL);
}

/* Read every object of h's main schema. Returns SQLITE_OK or the failing result code. */
static int objects_read(sqlite3 *h, struct objects *o)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h, "SELECT type, name, tbl_name, sql FROM main.sqlite_schema", -1, &st, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		DLT_GROW(o->v, o->n + 1, o->cap);
		struct object *b = &o->v[o->n++];
		*b = (struct object){col_dup(st, 0), col_dup(st, 1), col_dup(st, 2), col_dup(st, 3)};
		if (!b->type || !b->name || !b->table) {   /* a damaged schema table */
			sqlite3_finalize(st);
			return SQLITE_CORRUPT;
		}
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static const struct object *find(const struct objects *o, const char *name)
{
	for (size_t i = 0; i < o->n; i++)
		if (strcasecmp(o->v[i].name, name) == 0)
			return &o->v[i];
	return NULL;
}

/* The columns of table `name` on h, as DLT_SCHEMA_COLUMN_FMT each, into sb. Returns an
 * SQLite result code. */
static int columns(sqlite3 *h, const char *name, struct strbuf *sb)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h, DLT_SCHEMA_COLUMNS_SQL, -1, &st, NULL);
	if (rc == SQLITE_OK)
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *col = (const char *)sqlite3_column_text(st, 0), *type = (const char *)sqlite3_column_text(st, 1);
		sb_addf(sb, DLT_SCHEMA_COLUMN_FMT, col ? col : "", type ? type : "", sqlite3_column_int(st, 2),
			sqlite3_column_int(st, 3));
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* SQL text with every run of white space made one space, for comparing declarations. */
static void squeeze(const char *sql, struct strbuf *sb)
{
	for (const char *p = sql ? sql : ""; *p; p++) {
		int space = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
		if (!space)
			sb_addc(sb, *p);
		else if (sb->len && sb->buf[sb->len - 1] != ' ')
			sb_addc(sb, ' ');
	}
}

/* Table r of the reference against its namesake t on h. Returns 0, -1 with why, or an
 * SQLite result code. */
static int same_table(sqlite3 *h, const struct dlt_schema_object *r, const struct object *t, struct strbuf *why)
{
	if (t->sql && strcmp(t->sql, r->sql) == 0)
		return SQLITE_OK;   /* declared as this version declares it */
	struct strbuf a = {0}, b = {0};
	int rc = SQLITE_OK;
	if (dlt_schema_is_virtual(r->sql) || dlt_schema_is_virtual(t->sql)) {
		squeeze(r->sql, &a);
		squeeze(t->sql, &b);
	} else {
		sb_add(&a, r->columns);
		rc = columns(h, r->name, &b);
	}
	int differ = rc == SQLITE_OK && strcmp(sb_str(&a), sb_str(&b)) != 0;
	sb_free(&a);
	sb_free(&b);
	if (differ) {
		sb_addf(why, "not a dltimeline database: table %s is not the one this version makes", r->name);
		return -1;
	}
	return rc;
}

/* The objects of h against the reference. Returns 0, -1 with why, or an SQLite code. */
static int compare(sqlite3 *h, const struct objects *mine, struct strbuf *why)
{
	for (size_t i = 0; i < mine->n; i++) {
		const struct object *t = &mine->v[i];
		if (strcmp(t->type, "view") != 0 && strcmp(t->type, "trigger") != 0)
			continue;
		for (size_t k = 0; k < dlt_schema_ref_count; k++)
			if (strcasecmp(dlt_schema_ref[k].name, t->name) == 0) {   /* in place of ours */
				sb_addf(why, "not a dltimeline database: %s %s is a %s", dlt_schema_ref[k].type,
					dlt_schema_ref[k].name, t->type);
				return -1;
			}
		sb_addf(why, "not a dltimeline database: it holds a %s (%.60s)", t->type, t->name);
		return -1;
	}
	for (size_t k = 0; k < dlt_schema_ref_count; k++) {
		const struct dlt_schema_object *r = &dlt_schema_ref[k];
		const struct object *t = find(mine, r->name);
		if (!t) {
			sb_addf(why, "not a dltimeline database: %s %s is missing", r->type, r->name);
			return -1;
		}
		if (strcmp(t->type, r->type) != 0) {
			sb_addf(why, "not a dltimeline database: %s %s is a%s %.20s", r->type, r->name,
				strchr("aeiou", t->type[0]) && t->type[0] ? "n" : "", t->type);
			return -1;
		}
		if (strcasecmp(t->table, r->table) != 0) {
			sb_addf(why, "not a dltimeline database: index %s is on table %.60s, not %s", r->name, t->table,
				r->table);
			return -1;
		}
		if (strcmp(r->type, "table") == 0) {
			int rc = same_table(h, r, t, why);
			if (rc != SQLITE_OK)
				return rc;
		}
	}
	return SQLITE_OK;
}

/* The milestone ids against the stated count. Returns 0, -1 with why, or an SQLite code. */
static int check_ids(sqlite3 *h, struct strbuf *why)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h,
				    "SELECT (SELECT value FROM meta WHERE key = 'milestones'), "
				    "(SELECT min(id) FROM milestones), (SELECT max(id) FROM milestones)",
				    -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return rc;
	}
	const char *stated = (const char *)sqlite3_column_text(st, 0);
	int64_t lo = sqlite3_column_int64(st, 1), hi = sqlite3_column_int64(st, 2);
	int empty = sqlite3_column_type(st, 2) == SQLITE_NULL;
	long count;
	rc = SQLITE_OK;
	if (!stated || parse_long(stated, 0, DLT_MAX_MILESTONES, &count) < 0) {
		sb_addf(why, "the database is inconsistent: its number of milestones (in meta) is %s%.20s%s, "
			     "not a number from 0 to %d", stated ? "'" : "", stated ? stated : "missing",
			stated ? "'" : "", DLT_MAX_MILESTONES);
		rc = -1;
	} else if (!empty && (lo < 1 || hi > count)) {
		sb_addf(why, "the database is inconsistent: milestone id %" PRId64 " is not within 1 to %ld, "
			     "its number of milestones", lo < 1 ? lo : hi, count);
		rc = -1;
	}
	sqlite3_finalize(st);
	return rc;
}

int dlt_schema_check(sqlite3 *h, struct strbuf *why)
{
	assert(h && why);
	struct objects mine = {0};
	int rc = objects_read(h, &mine);
	if (rc == SQLITE_OK)
		rc = compare(h, &mine, why);
	if (rc == SQLITE_OK)
		rc = check_ids(h, why);
	objects_free(&mine);
	return rc;
}
