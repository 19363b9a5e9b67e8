/*
 * fields.c -- see fields.h.
 */
#include "import/fields.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/utf8.h"
#include "core/util.h"

struct where field_at(const struct field_ctx *f, unsigned line, unsigned col)
{
	return (struct where){f->file, line, col};
}

struct where field_at_node(const struct field_ctx *f, const struct ynode *n)
{
	return field_at(f, n->line, n->col);
}

uint64_t field_seq(struct field_ctx *f)
{
	return SEQ(PH_PARSE, f->file, f->n++);
}

uint64_t field_check_seq(struct field_ctx *f, int check)
{
	return SEQ(PH_CHECK, check, f->n++);
}

int field_given(const struct ynode *n)
{
	return n && !field_is_null(n);
}

/* A scalar that is YAML null (absent) counts as not given. */
int field_is_null(const struct ynode *n)
{
	return n->type == YN_SCALAR && n->plain &&
	       (n->value_len == 0 || (n->value_len == 1 && n->value[0] == '~') ||
		(n->value_len == 4 && (strcmp(n->value, "null") == 0 || strcmp(n->value, "Null") == 0 ||
				       strcmp(n->value, "NULL") == 0)));
}

const char *field_type_name(const struct ynode *n)
{
	return n->type == YN_MAP ? "a mapping" : n->type == YN_SEQ ? "a list" : "a scalar";
}

/* Trimmed copy of a scalar's text. */
char *field_trimmed(const struct ynode *n)
{
	const char *s = n->value;
	size_t len = n->value_len;
	while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	return xstrndup(s, len);
}

/* The field getters take the field's node (NULL when absent) and its key, for messages. */

/* A string field: returns a malloc'd trimmed string, or NULL when absent; reports a wrong
 * type, and a line break where one_line is set. */
char *field_string(struct field_ctx *f, const struct ynode *n, const char *key, int one_line)
{
	if (!n || field_is_null(n))
		return NULL;
	if (n->type != YN_SCALAR) {
		problem_at(&f->probs, field_at_node(f, n), field_seq(f),
			   "'%s' must be text, not %s", key, field_type_name(n));
		return NULL;
	}
	char *s = field_trimmed(n);
	if (one_line && strchr(s, '\n'))
		problem_at(&f->probs, field_at_node(f, n), field_seq(f),
			   "'%s' must be a single line", key);
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

/* An integer field in [lo, hi]. Returns 1 and sets *out, 0 when absent, -1 when invalid. */
int field_int(struct field_ctx *f, const struct ynode *n, const char *key, long lo, long hi, long *out)
{
	if (!n || field_is_null(n))
		return 0;
	if (n->type != YN_SCALAR) {
		problem_at(&f->probs, field_at_node(f, n), field_seq(f),
			   "'%s' must be a whole number, not %s", key, field_type_name(n));
		return -1;
	}
	if (parse_long(n->value, LONG_MIN, LONG_MAX, out) < 0) {
		problem_at(&f->probs, field_at_node(f, n), field_seq(f),
			   "'%s' must be a whole number, not '%.40s'", key, n->value);
		return -1;
	}
	if (*out < lo || *out > hi) {
		problem_at(&f->probs, field_at_node(f, n), field_seq(f),
			   "'%s' %ld is outside %ld-%ld", key, *out, lo, hi);
		return -1;
	}
	return 1;
}

/* A positive real number. Returns 1 and sets *out, 0 when absent, -1 when invalid. */
int field_real(struct field_ctx *f, const struct ynode *n, const char *key, double *out)
{
	if (!n || field_is_null(n))
		return 0;
	char *end = NULL;
	if (n->type == YN_SCALAR) {
		errno = 0;
		*out = strtod(n->value, &end);
	}
	if (n->type != YN_SCALAR || !end || *end || end == n->value || errno || !(*out > 0) || *out > 1e40) {
		problem_at(&f->probs, field_at_node(f, n), field_seq(f),
			   "'%s' must be a positive number", key);
		return -1;
	}
	return 1;
}

/* A boolean. Returns 1/0 for true/false, `dflt` when absent, -1 when invalid. */
int field_bool(struct field_ctx *f, const struct ynode *n, const char *key, int dflt)
{
	if (!n || field_is_null(n))
		return dflt;
	if (n->type == YN_SCALAR) {
		static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "on"};
		static const char *const no[] = {"false", "False", "FALSE", "no", "No", "off"};
		for (size_t i = 0; i < DLT_ARRAY_LEN(yes); i++) {
			if (strcmp(n->value, yes[i]) == 0)
				return 1;
			if (strcmp(n->value, no[i]) == 0)
				return 0;
		}
	}
	problem_at(&f->probs, field_at_node(f, n), field_seq(f),
			   "'%s' must be true or false", key);
	return -1;
}

/* An id: a lower-case letter or digit, then up to 63 lower-case letters, digits and '-'. */
int field_valid_id(const char *s)
{
	size_t i = 0;
	for (; s[i]; i++) {
		char ch = s[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || (ch == '-' && i > 0)) || i >= 64)
			return 0;
	}
	return i > 0;
}

/* Check a slug value; report with `what`. */
int field_check_id(struct field_ctx *f, const struct ynode *n, const char *s, const char *what)
{
	assert(n && s && what);
	if (!field_valid_id(s)) {
		problem_at(&f->probs, field_at_node(f, n), field_seq(f),
			   "%s '%.60s' is not a valid id (lower-case letters, digits and '-', at most 64)",
			     what, s);
		return -1;
	}
	return 0;
}

/* The members of `map` by key: out[i] is the first member named known[i] (NULL when none);
 * members with other keys are reported. */
void field_index(struct field_ctx *f, const struct ynode *map, const char *const *known,
			 size_t nknown, const struct ynode **out, const char *what)
{
	assert(map && map->type == YN_MAP && out);
	for (size_t i = 0; i < nknown; i++)
		out[i] = NULL;
	for (const struct ynode *m = map->child; m; m = m->next) {
		size_t i;
		for (i = 0; i < nknown; i++)
			if (known[i][0] == m->key[0] && strcmp(m->key, known[i]) == 0)
				break;
		if (i == nknown)
			problem_at(&f->probs, field_at(f, m->key_line, m->key_col), field_seq(f),
				   "unknown field '%.60s' in %s", m->key, what);
		else if (!out[i])
			out[i] = m;
	}
}

/* Report a missing required field of `map`. A field that is there but is a list or a
 * mapping is not missing: its wrong type has been reported already. */
void field_missing(struct field_ctx *f, const struct ynode *map, const struct ynode *n, const char *key,
		    const char *what)
{
	assert(map && key && what);
	if (n && n->type != YN_SCALAR)
		return;
	problem_at(&f->probs, field_at_node(f, map), field_seq(f),
		   "%s is missing required field '%s'", what, key);
}

/* A list of strings as a JSON array; reports non-scalar elements. Returns a malloc'd string.
 * With `items`, also hands back the trimmed elements (malloc'd array of malloc'd strings). */
char *field_list_json(struct field_ctx *f, const struct ynode *n, const char *key, char ***items,
			      size_t *nitems)
{
	struct strbuf sb = {0};
	char **v = NULL;
	size_t nv = 0, cap = 0;
	sb_addc(&sb, '[');
	if (n && !field_is_null(n)) {
		if (n->type != YN_SEQ) {
			problem_at(&f->probs, field_at_node(f, n), field_seq(f),
			   "'%s' must be a list", key);
		} else {
			int first = 1;
			for (const struct ynode *e = n->child; e; e = e->next) {
				if (e->type != YN_SCALAR || field_is_null(e)) {
					problem_at(&f->probs, field_at_node(f, e), field_seq(f),
			   "each entry of '%s' must be text", key);
					continue;
				}
				char *s = field_trimmed(e);
				if (!first)
					sb_addc(&sb, ',');
				first = 0;
				json_quote(&sb, s);
				if (items) {
					DLT_GROW(v, nv + 1, cap);
					v[nv++] = s;
				} else {
					free(s);
				}
			}
		}
	}
	sb_addc(&sb, ']');
	if (items) {
		*items = v;
		*nitems = nv;
	}
	return sb_detach(&sb);
}

static const char *const figure_keys[] = {"text", "source"};
enum { FG_TEXT, FG_SOURCE, FG__COUNT };

/* The figures list (node n) as a JSON array of {"text": ..., "source": ...} (source null
 * when not given). Each entry is text, or a mapping with 'text' and 'source'; with `strict`
 * every figure needs its source. Returns a malloc'd string. */
char *field_figures_json(struct field_ctx *f, const struct ynode *n, int strict)
{
	struct strbuf sb = {0};
	sb_addc(&sb, '[');
	if (n && !field_is_null(n) && n->type != YN_SEQ)
		problem_at(&f->probs, field_at_node(f, n), field_seq(f),
			   "'figures' must be a list");
	for (const struct ynode *e = n && n->type == YN_SEQ ? n->child : NULL; e; e = e->next) {
		char *text = NULL, *source = NULL;
		if (e->type == YN_MAP) {
			const struct ynode *fg[FG__COUNT];
			field_index(f, e, figure_keys, FG__COUNT, fg, "a figure");
			text = field_string(f, fg[FG_TEXT], "text", 0);
			source = field_string(f, fg[FG_SOURCE], "source", 1);
			if (!text)
				field_missing(f, e, fg[FG_TEXT], "text", "a figure");
		} else if (e->type == YN_SCALAR && !field_is_null(e)) {
			text = field_trimmed(e);
		} else {
			problem_at(&f->probs, field_at_node(f, e), field_seq(f),
			   "each entry of 'figures' must be text or a mapping with 'text' and 'source'");
		}
		if (text && !source && strict)
			problem_at(&f->probs, field_at_node(f, e), field_seq(f),
			   "a figure needs a 'source' (where the number comes from)");
		if (text) {
			if (sb.len > 1)
				sb_addc(&sb, ',');
			sb_add(&sb, "{\"text\":");
			json_quote(&sb, text);
			sb_add(&sb, ",\"source\":");
			if (source)
				json_quote(&sb, source);
			else
				sb_add(&sb, "null");
			sb_addc(&sb, '}');
		}
		free(text);
		free(source);
	}
	sb_addc(&sb, ']');
	return sb_detach(&sb);
}

/* The authors column of the search index: the names joined by " ; ", then the ASCII spelling
 * of each name that has another one ("Łukasz Kaiser" -> "Lukasz Kaiser"); NULL without names.
 * fts.c's fts_from_tables_sql builds the same text with dlt_ascii_fold(). */
char *field_authors_text(char *const *names, size_t n)
{
	if (!n)
		return NULL;
	struct strbuf sb = {0};
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_add(&sb, " ; ");
		sb_add(&sb, names[i]);
	}
	for (size_t i = 0; i < n; i++) {
		const unsigned char *p = (const unsigned char *)names[i];
		while (*p && *p < 0x80)
			p++;
		if (!*p)
			continue;   /* plain ASCII already */
		char *a = utf8_to_ascii(names[i]);
		if (strcmp(a, names[i]) != 0) {
			sb_add(&sb, " ; ");
			sb_add(&sb, a);
		}
		free(a);
	}
	return sb_detach(&sb);
}

/* Required slug field "id" (node n) of an entry; returns malloc'd slug or NULL (reported). */
char *field_id(struct field_ctx *f, const struct ynode *map, const struct ynode *n, const char *what)
{
	char *id = field_string(f, n, "id", 1);
	if (!id) {
		if (!n || field_is_null(n))
			field_missing(f, map, n, "id", what);
		return NULL;
	}
	if (field_check_id(f, n, id, "id") < 0) {
		free(id);
		return NULL;
	}
	return id;
}

/* A string field (node n) matched against a pattern. */
char *field_pattern(struct field_ctx *f, const struct ynode *n, const char *key,
			 const regex_t *re1, const regex_t *re2, const char *expect)
{
	assert(re1 && expect);
	char *s = field_string(f, n, key, 1);
	if (s && regexec(re1, s, 0, NULL, 0) != 0 && (!re2 || regexec(re2, s, 0, NULL, 0) != 0)) {
		problem_at(&f->probs, field_at_node(f, n), field_seq(f),
			   "malformed %s '%.60s' (expected %s)", key, s, expect);
		free(s);
		return NULL;
	}
	return s;
}


int field_patterns_init(struct field_patterns *p)
{
	static const int flags = REG_EXTENDED | REG_NOSUB;
	if (regcomp(&p->arxiv_new, "^[0-9]{4}\\.[0-9]{4,5}(v[0-9]+)?$", flags) != 0)
		return -1;
	if (regcomp(&p->arxiv_old, "^[a-z-]+(\\.[A-Z]{2})?/[0-9]{7}(v[0-9]+)?$", flags) != 0)
		goto arxiv_old;
	if (regcomp(&p->doi, "^10\\.[0-9]{4,9}/[^[:space:]]+$", flags) != 0)
		goto doi;
	if (regcomp(&p->url, "^https?://[^[:space:]/]+[^[:space:]]*$", flags) != 0)
		goto url;
	return 0;
url:
	regfree(&p->doi);
doi:
	regfree(&p->arxiv_old);
arxiv_old:
	regfree(&p->arxiv_new);
	return -1;
}

void field_patterns_free(struct field_patterns *p)
{
	regfree(&p->arxiv_new);
	regfree(&p->arxiv_old);
	regfree(&p->doi);
	regfree(&p->url);
}
