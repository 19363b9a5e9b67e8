/*
 * spell.c -- see spell.h.
 */
#include "model/spell.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "model/search.h"

/* Terms looked at when correcting one word. */
#define TYPO_TERMS 400000

int dlt_edit_distance(const char *a, const char *b, int max)
{
	assert(a && b && max >= 0);
	size_t la = strlen(a), lb = strlen(b);
	if ((la > lb ? la - lb : lb - la) > (size_t)max)
		return max + 1;
	if (la > 64 || lb > 64)
		return strcmp(a, b) == 0 ? 0 : max + 1;
	int d[66][66];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int row_min = max + 1;
		for (size_t j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
			if (v < row_min)
				row_min = v;
		}
		if (row_min > max)
			return max + 1;
	}
	return d[la][lb] > max ? max + 1 : d[la][lb];
}

/* True when a and b differ by one swap of neighbouring bytes. */
static int one_swap(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n != strlen(b))
		return 0;
	size_t i = 0;
	while (i < n && a[i] == b[i])
		i++;
	return i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] && strcmp(a + i + 2, b + i + 2) == 0;
}

/* The nearest term to w among those starting with byte c, improving *best (a malloc'd term). */
static void nearest_from(struct dlt_db *db, const char *w, char c, int max, char **best, int *best_d, int *best_swap,
			 int64_t *best_docs)
{
	char lo[2] = {c, 0}, hi[2] = {(char)(c + 1), 0};
	sqlite3_stmt *st = dlt_db_stmt(db, Q_TERMS_RANGE);
	if (!st)
		return;
	sqlite3_bind_text(st, 1, lo, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, hi, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, TYPO_TERMS);
	while (dlt_db_step(db, st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		int64_t docs = sqlite3_column_int64(st, 1);
		if (!t)
			continue;
		int d = dlt_edit_distance(w, t, max);
		if (d > max)
			continue;
		int swap = one_swap(w, t);
		if (!*best || d < *best_d || (d == *best_d && (swap > *best_swap || (swap == *best_swap && docs > *best_docs)))) {
			free(*best);
			*best = xstrdup(t);
			*best_d = d;
			*best_swap = swap;
			*best_docs = docs;
		}
	}
	sqlite3_reset(st);
}

/* A word of the vocabulary for an unknown word w: its parts split between letters and digits
 * when they are known ("gpt3" -> "gpt 3"), else the nearest term; NULL when none is close. */
static char *fix_word(struct dlt_db *db, const char *w, int correct)
{
	struct strbuf split = {0};
	int parts_known = 1, parts = 0;
	for (size_t i = 0; w[i];) {
		size_t j = i;
		int digit = w[i] >= '0' && w[i] <= '9';
		while (w[j] && (w[j] >= '0' && w[j] <= '9') == digit)
			j++;
		char *part = xstrndup(w + i, j - i);
		parts_known = parts_known && dlt_search_docs(db, part) > 0;
		sb_addf(&split, "%s%s", parts++ ? " " : "", part);
		free(part);
		i = j;
	}
	if (parts > 1 && parts_known)
		return sb_detach(&split);
	sb_free(&split);
	size_t len = strlen(w);
	if (!correct || len < 3)
		return NULL;
	int max = len >= 5 ? 2 : 1, best_d = max + 1, best_swap = 0;
	int64_t best_docs = 0;
	char *best = NULL;
	nearest_from(db, w, w[0], max, &best, &best_d, &best_swap, &best_docs);
	if (w[1] != w[0])   /* the first two letters swapped or the first one wrong */
		nearest_from(db, w, w[1], max, &best, &best_d, &best_swap, &best_docs);
	return best;
}

int dlt_spell_fix(struct dlt_db *db, const char *words, int correct, struct strbuf *out)
{
	assert(db && words && out);
	int changed = 0;
	sb_reset(out);
	for (const char *p = words; *p;) {
		size_t sp = strspn(p, " \t\r\n"), len = strcspn(p + sp, " \t\r\n");
		char *chunk = xstrndup(p + sp, len);
		p += sp + len;
		char **t;
		size_t n = dlt_search_terms(chunk, &t);
		free(chunk);
		for (size_t i = 0; i < n; i++) {
			char *fixed = dlt_search_docs(db, t[i]) > 0 ? NULL : fix_word(db, t[i], correct);
			for (char *c = fixed; c && *c; c++)
				*c = *c == ' ' ? '-' : *c;
			sb_addf(out, "%s%s", i ? "-" : out->len ? " " : "", fixed ? fixed : t[i]);
			changed += fixed != NULL;
			free(fixed);
		}
		dlt_search_terms_free(t, n);
	}
	return changed;
}
