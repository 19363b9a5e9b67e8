/*
 * citekey.c -- see citekey.h.
 */
#include "model/citekey.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "model/cite.h"

#define WORD_MAX 20   /* the title word of a key is cut to this many characters */

/* Append the lower-case ASCII letters (and digits, if `digits`) of s[0..n), accents folded. */
static void key_chars(const char *s, size_t n, int digits, struct strbuf *out)
{
	struct strbuf folded = {0};
	utf8_name_key(s, n, &folded);
	for (const char *p = sb_str(&folded); *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (digits && *p >= '0' && *p <= '9'))
			sb_addc(out, *p);
	sb_free(&folded);
}

static int is_stopword(const char *w)
{
	static const char *const words[] = {"a", "an", "the", "on", "of", "in", "for", "to", "and", "with",
		"from", "by", "at", "as", "is", "are", "via", "using", "toward", "towards", "into", "its", "do",
		"does", "what", "how", "why", "when", "can", "we", "our", "be", "not", "or", "vs", "versus", "about",
		"through", "beyond", "over", "under"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcmp(words[i], w) == 0)
			return 1;
	return 0;
}

/* Append the first significant word of s (lower-case ASCII letters and digits; not a number,
 * an initial or a small word such as "the"); returns 1 when there was one. */
static int first_word(const char *s, struct strbuf *out)
{
	struct strbuf w = {0};
	for (const char *p = s ? s : ""; *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		sb_reset(&w);
		key_chars(p, n, 1, &w);
		p += n;
		if (w.len > 1 && strspn(sb_str(&w), "0123456789") < w.len && !is_stopword(sb_str(&w))) {
			sb_addn(out, sb_str(&w), w.len < WORD_MAX ? w.len : WORD_MAX);
			sb_free(&w);
			return 1;
		}
	}
	sb_free(&w);
	return 0;
}

void dlt_cite_key_base(const struct dlt_milestone *m, struct strbuf *out)
{
	assert(m && out);
	size_t before = out->len;
	struct dlt_name name = {0};
	if (m->nauthors) {
		dlt_name_split(m->authors[0], &name);
		if (name.corporate)
			key_chars(name.family, strcspn(name.family, " "), 0, out);
		else
			key_chars(name.family, strlen(name.family), 0, out);
		dlt_name_clear(&name);
	} else if (m->organization) {
		key_chars(m->organization, strcspn(m->organization, " "), 0, out);
	}
	if (out->len == before)
		sb_add(out, "anon");
	sb_addf(out, "%d", m->row.year);
	if (!first_word(m->paper_title, out) && !first_word(m->row.short_name, out))
		first_word(m->row.title, out);
}

/* The base keys of the milestones of one year. */
struct dlt_citekeys {
	struct dlt_db *db;
	int year;            /* the year remembered; 0 for none */
	int64_t first;       /* the id of its first milestone */
	char **bases;        /* the base key of each of its milestones, by id */
	size_t n;
};

struct dlt_citekeys *dlt_citekeys_new(struct dlt_db *db)
{
	assert(db);
	struct dlt_citekeys *k = xcalloc(1, sizeof *k);
	k->db = db;
	return k;
}

static void forget(struct dlt_citekeys *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->bases[i]);
	free(k->bases);
	k->bases = NULL;
	k->n = 0;
	k->year = 0;
}

void dlt_citekeys_free(struct dlt_citekeys *k)
{
	if (!k)
		return;
	forget(k);
	free(k);
}

/* Remember the base keys of year `year`. Returns 0, or -1 on a database error. */
static int load_year(struct dlt_citekeys *k, int year)
{
	forget(k);
	int64_t lo, hi;
	if (dlt_year_ids(k->db, year, year, &lo, &hi) < 0)
		return -1;
	size_t cap = 0;
	for (int64_t id = lo; id <= hi; id++) {
		struct dlt_milestone m;
		if (dlt_milestone_load(k->db, id, &m) < 0) {
			forget(k);
			return -1;
		}
		struct strbuf sb = {0};
		dlt_cite_key_base(&m, &sb);
		DLT_GROW(k->bases, k->n + 1, cap);
		k->bases[k->n++] = sb_detach(&sb);
		dlt_milestone_clear(&m);
	}
	k->year = year;
	k->first = lo;
	return 0;
}

int dlt_citekey(struct dlt_citekeys *k, const struct dlt_milestone *m, struct strbuf *out)
{
	assert(k && m && out);
	size_t start = out->len;
	dlt_cite_key_base(m, out);
	if (k->year != m->row.year && load_year(k, m->row.year) < 0)
		return -1;
	if (m->row.id < k->first || (uint64_t)(m->row.id - k->first) >= k->n)
		return -1;   /* not where its year says: the database is inconsistent */
	/* how many earlier milestones of the year share the base key */
	const char *base = out->buf + start;
	size_t rank = 0;
	for (size_t i = 0; i < (size_t)(m->row.id - k->first); i++)
		rank += strcmp(k->bases[i], base) == 0;
	if (rank) {   /* a, b, ..., z, aa, ab, ...: bijective base 26 of rank - 1 */
		char suffix[16];
		size_t len = 0, r = rank;
		while (r && len < sizeof suffix) {
			suffix[len++] = (char)('a' + (r - 1) % 26);
			r = (r - 1) / 26;
		}
		while (len)
			sb_addc(out, suffix[--len]);
	}
	return 0;
}
