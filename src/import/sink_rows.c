/*
 * sink_rows.c -- the database sink's rows (see sink_db.h): each milestone's rows as it comes
 * or, held back by month until its year is complete, when the year ends; the counts of the
 * filtered views taken on the way; the search documents handed to the indexer thread; and
 * what sink_db.c (the sink's operations) and sink_final.c (the end) both use.
 */
#include "import/sink_db.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "import/record.h"
#include "import/schema_text.h"

_Static_assert(DLT_COUNT_BLOCK == 1024, "filter_counts blocks are 1024 ids (sink_final.c counts_sql)");

/* ---- writing --------------------------------------------------------------------------------- */

void sink_failed(struct db_sink *s, const char *what, const char *name, const char *why)
{
	if (s->failed)
		return;
	s->failed = 1;
	problem_at(s->probs, (struct where){WHERE_PROGRAM, 0, 0}, SEQ(PH_END, 0, s->probs->n), "%s%s%s: %s", what,
		   name ? " " : "", name ? name : "", why);
}

int sink_wrote(struct db_sink *s, int rc)
{
	if (rc != SQLITE_DONE && rc != SQLITE_OK)
		sink_failed(s, "database error", NULL, sqlite3_errmsg(s->db));
	return s->failed ? -1 : 0;
}

int sink_run(struct db_sink *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return sink_wrote(s, rc);
}

int sink_sql_failed(struct db_sink *s, char *msg)
{
	sink_failed(s, "database error", NULL, msg ? msg : sqlite3_errmsg(s->db));
	sqlite3_free(msg);
	return -1;
}

void sink_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

void sink_add_tag(struct db_sink *s, int64_t id, int64_t tag)
{
	dlt_batch_int(s->tag_rows, id);
	dlt_batch_int(s->tag_rows, tag);
	sink_wrote(s, dlt_batch_row(s->tag_rows));
}

void sink_add_link(struct db_sink *s, int64_t src, int64_t dst, const char *note, int pos)
{
	dlt_batch_int(s->link_rows, src);
	dlt_batch_int(s->link_rows, dst);
	dlt_batch_text(s->link_rows, note);
	dlt_batch_int(s->link_rows, pos);
	sink_wrote(s, dlt_batch_row(s->link_rows));
}

/* A reusable buffer of at least n bytes (malloc'd: aligned for any value). */
static void *scratch(struct scratch *b, size_t n)
{
	if (b->cap < n) {
		b->cap = n * 2 + 64;
		free(b->p);
		b->p = xmalloc(b->cap);
	}
	return b->p;
}

/* A scratch file could not be written or read back. */
static void scratch_failed(struct db_sink *s)
{
	sink_failed(s, "database error: scratch file", NULL, strerror(errno));
}

/* ---- counts of the filtered views --------------------------------------------------------------- */

void sink_count_block_done(struct db_sink *s, enum dlt_count_kind kind, int64_t ref, struct counter *c)
{
	if (!c->in_block)
		return;
	DLT_GROW(s->crows, s->ncrows + 1, s->capcrows);
	s->crows[s->ncrows++] = (struct count_row){kind, ref, c->block, c->total};
	c->in_block = 0;
}

/* Count milestone `id` in filter (kind, ref); ids come in increasing order. */
static void count_in(struct db_sink *s, enum dlt_count_kind kind, int64_t ref, int64_t id)
{
	if (ref <= 0)
		return;
	size_t old = s->nctr[kind];
	DLT_GROW(s->ctr[kind], (size_t)ref + 1, s->nctr[kind]);
	if (s->nctr[kind] != old)
		memset(s->ctr[kind] + old, 0, (s->nctr[kind] - old) * sizeof **s->ctr);
	struct counter *c = &s->ctr[kind][ref];
	int64_t block = (id - 1) / DLT_COUNT_BLOCK;
	if (c->block != block)
		sink_count_block_done(s, kind, ref, c);
	c->block = block;
	c->total++;
	c->in_block++;
}

/* ---- a milestone's rows -------------------------------------------------------------------------- */

/* The milestones row of m under id `id`. */
static void write_ms_row(struct db_sink *s, const struct ms_record *m, int64_t id, uint32_t era, uint32_t par)
{
	/* ?2.. in the order of MS_COLS: {column number, text} for the texts */
	static const int text_cols[][2] = {
		{5, T_TITLE}, {6, T_SHORT}, {10, T_ORG}, {11, T_VENUE}, {12, T_PAPER}, {18, T_SUMMARY},
		{19, T_PROBLEM}, {20, T_INSIGHT}, {21, T_IMPACT}, {22, T_FORMULA}, {23, T_ARCH},
		{25, T_ANECDOTE}, {28, T_SCALE_SRC}, {30, T_VENUE_TYPE},
	};
	sqlite3_stmt *st = s->ins_ms;
	sqlite3_bind_int64(st, 1, id);
	sink_bind_text(st, 2, m->slug);
	sqlite3_bind_int(st, 3, (int)m->year);
	if (m->month)
		sqlite3_bind_int(st, 4, (int)m->month);
	else
		sqlite3_bind_null(st, 4);
	for (size_t i = 0; i < DLT_ARRAY_LEN(text_cols); i++)
		sink_bind_text(st, text_cols[i][0], m->texts[text_cols[i][1]]);
	sink_bind_text(st, 7, m->kind);
	sink_bind_text(st, 8, m->authors);
	if (m->author_count)
		sqlite3_bind_int(st, 9, (int)m->author_count);
	else
		sqlite3_bind_null(st, 9);
	sink_bind_text(st, 13, m->arxiv);
	sink_bind_text(st, 14, m->doi);
	sink_bind_text(st, 15, m->url);
	sqlite3_bind_int64(st, 16, era);
	if (par)
		sqlite3_bind_int64(st, 17, par);
	else
		sqlite3_bind_null(st, 17);
	sink_bind_text(st, 24, m->figures);
	if (m->flags & MS_HAS_PARAMS)
		sqlite3_bind_double(st, 26, m->params);
	else
		sqlite3_bind_null(st, 26);
	if (m->flags & MS_HAS_COMPUTE)
		sqlite3_bind_double(st, 27, m->compute);
	else
		sqlite3_bind_null(st, 27);
	sqlite3_bind_int(st, 29, (m->flags & MS_ROOT) != 0);
	sink_bind_text(st, 31, m->sources);
	sink_run(s, st);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

struct link_row {
	int64_t dst;
	const char *note;
	int pos;
};

static int cmp_link_row(const void *a, const void *b)
{
	const struct link_row *x = a, *y = b;
	return x->dst < y->dst ? -1 : x->dst > y->dst;
}

/* The aliases of m, and its links to earlier milestones in the order of their ids (those to
 * later ones are written at the end). */
static void write_aliases_links(struct db_sink *s, const struct ms_record *m, int64_t seq, int64_t id,
				const int32_t *ldefs)
{
	struct rec_cursor cur = rec_list_begin(&m->aliases);
	struct rec_item it;
	for (uint32_t i = 0; rec_list_next(&cur, &it); i++) {
		dlt_batch_int(s->alias_rows, id);
		dlt_batch_int(s->alias_rows, i);
		dlt_batch_text(s->alias_rows, it.text);
		sink_wrote(s, dlt_batch_row(s->alias_rows));
	}
	struct link_row *rows = scratch(&s->tmp_rows, (m->links.n + 1) * sizeof *rows);
	size_t nrows = 0;
	cur = rec_list_begin(&m->links);
	for (uint32_t i = 0; rec_list_next(&cur, &it); i++)
		if (ldefs[i] > 0 && ldefs[i] < seq)
			rows[nrows++] = (struct link_row){s->seq_id[ldefs[i]], it.note, (int)i};
	qsort(rows, nrows, sizeof *rows, cmp_link_row);
	for (size_t i = 0; i < nrows; i++)
		sink_add_link(s, id, rows[i].dst, rows[i].note, rows[i].pos);
	s->nlink_rows += (int64_t)nrows;
}

/* The search document of m (its tags' ids sorted in tag_ids[0..nt)), queued for the
 * indexer thread. */
static void feed_doc(struct db_sink *s, const struct ms_record *m, int64_t id, const int64_t *tag_ids, size_t nt)
{
	struct strbuf tg = {0};
	for (size_t i = 0; i < nt; i++) {
		const struct tagdef *g = &s->tags[tag_ids[i] - 1];
		sb_addf(&tg, "%s%s %s", i ? " ; " : "", g->slug, g->name);
	}
	struct rec_doc doc = {
		.id_lo = (uint32_t)((uint64_t)id & 0xFFFFFFFFu), .id_hi = (uint32_t)((uint64_t)id >> 32),
		.cols = {m->texts[T_TITLE], m->texts[T_SHORT], m->fts_aliases, m->fts_authors, m->texts[T_SUMMARY],
			 m->texts[T_PROBLEM], m->texts[T_INSIGHT], m->texts[T_IMPACT], nt ? sb_str(&tg) : NULL,
			 m->texts[T_PAPER], m->texts[T_VENUE]},
	};
	rec_doc_put(&s->doc, &doc);
	sb_free(&tg);
	if (s->doc.len >= CHUNK_BYTES) {
		struct chunk *ch = xcalloc(1, sizeof *ch);
		ch->data = s->doc;
		memset(&s->doc, 0, sizeof s->doc);
		fts_push(&s->fts, ch);
	}
}

/* The rows of a milestone and its search document, under its final id `id`. tdefs[i] is the
 * id of its tag i, ldefs[i] the sequence number of the target of its link i; 0 for those not
 * defined when it was checked (written at the end). */
void sink_write_ms(struct db_sink *s, const struct ms_record *m, int64_t seq, int64_t id, uint32_t era,
		   uint32_t par, const int32_t *tdefs, const int32_t *ldefs)
{
	write_ms_row(s, m, id, era, par);
	/* tags, in id order; those defined later (0 in tdefs) come at the end */
	int64_t *tag_ids = scratch(&s->tmp_tags, (m->tags.n + 1) * sizeof *tag_ids);
	size_t nt = 0;
	for (uint32_t i = 0; i < m->tags.n; i++)
		if (tdefs[i])
			tag_ids[nt++] = tdefs[i];
	qsort(tag_ids, nt, sizeof *tag_ids, cmp_i64);
	if (!s->fallback) {
		for (size_t i = 0; i < nt; i++)
			count_in(s, DLT_COUNT_TAG, tag_ids[i], id);
		count_in(s, DLT_COUNT_ERA, era, id);
		count_in(s, DLT_COUNT_PARADIGM, par, id);
		count_in(s, DLT_COUNT_KIND, dlt_kind_parse(m->kind), id);
	}
	for (size_t i = 0; i < nt; i++)
		sink_add_tag(s, id, tag_ids[i]);
	write_aliases_links(s, m, seq, id, ldefs);
	/* The search document, while the ids are final and every tag is known. */
	if (s->fts_feed && (s->fallback || nt < m->tags.n)) {
		s->fts_feed = 0;
		fts_stop(&s->fts);
	}
	if (s->fts_feed)
		feed_doc(s, m, id, tag_ids, nt);
}

/* ---- milestones held back until their year is complete ------------------------------------------ */

static int cmp_deferred(const void *a, const void *b)
{
	const struct deferred *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Read n bytes of a scratch file into buffer b; NULL when it cannot (the sink failed). */
static void *read_back(struct db_sink *s, FILE *fp, struct scratch *b, size_t n)
{
	void *buf = scratch(b, n + 1);
	if (fread(buf, 1, n, fp) != n) {
		scratch_failed(s);
		return NULL;
	}
	return buf;
}

/* Write the deferred milestones of month `month` (its scratch file), from def[*i] on. */
static void flush_month(struct db_sink *s, int month, size_t *i)
{
	FILE *fp = s->def_file[month];
	if (fflush(fp) != 0 || fseek(fp, 0, SEEK_SET) != 0)
		scratch_failed(s);
	for (; *i < s->ndef && s->def[*i].key % 16 == (uint32_t)month && !s->failed; ++*i) {
		const struct deferred *d = &s->def[*i];
		uint32_t len[3];   /* record, tags, links */
		const char *buf;
		int32_t *defs;
		if (fread(len, sizeof len, 1, fp) != 1 || !(buf = read_back(s, fp, &s->tmp_rec, len[0])) ||
		    !(defs = read_back(s, fp, &s->tmp_defs, (size_t)len[1] + len[2]))) {
			scratch_failed(s);
			break;
		}
		struct rec_reader r = {buf};
		struct ms_record m;
		ms_record_get(&r, &m);
		sink_write_ms(s, &m, d->seq, s->seq_id[d->seq], d->era, d->par, defs, defs + len[1] / sizeof *defs);
	}
	s->def_bytes[month] = 0;
	if (fseek(fp, 0, SEEK_SET) != 0)
		scratch_failed(s);
}

/* Each month's file holds its milestones in input order: read one after the other, they are
 * in chronological order. */
void sink_flush_deferred(struct db_sink *s)
{
	if (!s->ndef)
		return;
	qsort(s->def, s->ndef, sizeof *s->def, cmp_deferred);
	for (size_t i = 0; i < s->ndef; i++)
		s->seq_id[s->def[i].seq] = ++s->next_id;
	size_t i = 0;
	for (int month = 0; month < (int)DLT_ARRAY_LEN(s->def_file); month++)
		if (s->def_file[month] && s->def_bytes[month])
			flush_month(s, month, &i);
	s->ndef = 0;
}

/* Hold milestone m back until its year is complete: its record and references go to the
 * scratch file of its month. */
void sink_defer(struct db_sink *s, const struct ms_record *m, const struct ms_refs *r)
{
	FILE *fp = s->def_file[m->month];
	if (!fp && !(fp = s->def_file[m->month] = scratch_file(s->out))) {
		scratch_failed(s);
		return;
	}
	DLT_GROW(s->def, s->ndef + 1, s->capdef);
	s->def[s->ndef++] = (struct deferred){r->seq, m->year * 16 + m->month, r->era, r->paradigm};
	uint32_t len[3] = {(uint32_t)m->encoded_len, m->tags.n * (uint32_t)sizeof *r->tags,
			   m->links.n * (uint32_t)sizeof *r->links};
	if (fwrite(len, sizeof len, 1, fp) != 1 || fwrite(m->encoded, 1, len[0], fp) != len[0] ||
	    fwrite(r->tags, 1, len[1], fp) != len[1] || fwrite(r->links, 1, len[2], fp) != len[2])
		scratch_failed(s);
	s->def_bytes[m->month] += len[0] + len[1] + len[2];
}

void sink_free(struct db_sink *s)
{
	sqlite3_finalize(s->ins_ms);
	sqlite3_finalize(s->ins_meta);
	dlt_batch_free(s->tag_rows);
	dlt_batch_free(s->alias_rows);
	dlt_batch_free(s->link_rows);
	sqlite3_close(s->db);
	fts_free(&s->fts);
	if (s->tmp) {
		unlink(s->tmp);
		signals_forget(s->tmp);
		free(s->tmp);
	}
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < s->nperiods[k]; i++) {
			free(s->periods[k][i].slug);
			free(s->periods[k][i].name);
			free(s->periods[k][i].summary);
		}
		free(s->periods[k]);
		free(s->period_id[k]);
	}
	for (size_t i = 0; i < s->ntags; i++) {
		free(s->tags[i].slug);
		free(s->tags[i].name);
	}
	free(s->tags);
	free(s->seq_key);
	free(s->seq_id);
	free(s->def);
	for (size_t k = 0; k < DLT_ARRAY_LEN(s->def_file); k++)
		if (s->def_file[k])
			fclose(s->def_file[k]);
	sb_free(&s->doc);
	for (size_t k = 0; k < DLT_ARRAY_LEN(s->ctr); k++)
		free(s->ctr[k]);
	free(s->crows);
	struct scratch *bufs[] = {&s->tmp_tags, &s->tmp_rows, &s->tmp_rec, &s->tmp_defs};
	for (size_t i = 0; i < DLT_ARRAY_LEN(bufs); i++)
		free(bufs[i]->p);
	free(s);
}
