/*
 * search.c -- see search.h.
 */
#include "model/search.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

/* A character that belongs to a word: ASCII letters and digits, and non-ASCII letters
 * (anything above U+00BF outside the punctuation and symbol blocks). */
static int word_char(uint32_t cp)
{
	if (cp < 0x80)
		return isalnum((int)cp) != 0;
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F) || cp == UTF8_REPLACEMENT)
		return 0;
	return utf8_cpwidth(cp) > 0;
}

/* Call fn(ctx, chunk_index, word, len) for each word of user text, chunk = whitespace-
 * separated run. Stops after DLT_SEARCH_MAX_TERMS chunks. */
static void each_word(const char *user, void (*fn)(void *, int, const char *, size_t), void *ctx)
{
	size_t len = strlen(user);
	if (len > DLT_SEARCH_MAX_BYTES)
		len = DLT_SEARCH_MAX_BYTES;
	int chunk = -1, in_chunk = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(user + i, len - i, &cp);
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000) {
			in_chunk = 0;
			i += n;
			continue;
		}
		if (!word_char(cp)) {
			i += n;
			continue;
		}
		size_t start = i;
		while (i < len) {
			n = utf8_decode(user + i, len - i, &cp);
			if (!word_char(cp))
				break;
			i += n;
		}
		if (!in_chunk) {
			if (chunk + 1 >= DLT_SEARCH_MAX_TERMS)
				return;
			chunk++;
			in_chunk = 1;
		}
		fn(ctx, chunk, user + start, i - start);
	}
}

struct compile_ctx {
	struct strbuf *expr;
	int chunk;
};

static void add_word(void *vctx, int chunk, const char *w, size_t len)
{
	struct compile_ctx *c = vctx;
	if (chunk != c->chunk) {
		if (c->chunk >= 0)
			sb_add(c->expr, "\"* ");
		sb_addc(c->expr, '"');
		c->chunk = chunk;
	} else {
		sb_addc(c->expr, ' ');
	}
	sb_addn(c->expr, w, len);   /* words contain no '"' */
}

int dlt_search_compile(const char *user, struct strbuf *expr)
{
	struct compile_ctx c = {expr, -1};
	sb_reset(expr);
	each_word(user ? user : "", add_word, &c);
	if (c.chunk < 0)
		return -1;
	sb_add(expr, "\"*");
	return 0;
}

struct terms_ctx {
	char **v;
	size_t n;
};

static void add_term(void *vctx, int chunk, const char *w, size_t len)
{
	(void)chunk;
	struct terms_ctx *c = vctx;
	c->v = xrealloc(c->v, (c->n + 1) * sizeof *c->v);
	char *t = xstrndup(w, len);
	for (char *p = t; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	c->v[c->n++] = t;
}

size_t dlt_search_terms(const char *user, char ***terms)
{
	struct terms_ctx c = {NULL, 0};
	each_word(user ? user : "", add_term, &c);
	*terms = c.v;
	return c.n;
}

void dlt_search_terms_free(char **terms, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(terms[i]);
	free(terms);
}

int dlt_search_ranked(struct dlt_db *db, const char *expr, int limit, int64_t **ids)
{
	*ids = NULL;
	sqlite3_stmt *st = dlt_db_stmt(db, Q_FTS_RANKED);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, limit);
	int n = 0, rc;
	int64_t *v = xmalloc((size_t)(limit > 0 ? limit : 1) * sizeof *v);
	while ((rc = dlt_db_step(db, st)) == SQLITE_ROW && n < limit)
		v[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if ((rc != SQLITE_ROW && rc != SQLITE_DONE) || n == 0) {
		free(v);   /* nothing to hand over: *ids stays NULL */
		return rc != SQLITE_ROW && rc != SQLITE_DONE ? -1 : 0;
	}
	*ids = v;
	return n;
}
