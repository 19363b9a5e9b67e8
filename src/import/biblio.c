/*
 * biblio.c -- see biblio.h: the entries the readers found, made data YAML.
 */
#include "import/biblio.h"

#include <assert.h>
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"
#include "import/fields.h"

int dlt_biblio_is(const char *path)
{
	size_t n = strlen(path);
	return (n > 4 && strcasecmp(path + n - 4, ".bib") == 0) || (n > 5 && strcasecmp(path + n - 5, ".json") == 0);
}

static void strings_free(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/* s as one line of what a data file may hold (malloc'd): white space and control characters
 * (YAML allows neither) as one space, none at either end, invalid UTF-8 as U+FFFD. */
static char *one_line(const char *s)
{
	struct strbuf sb = {0};
	int space = 0;
	for (size_t i = 0, len = strlen(s); i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		const char *at = s + i;
		i += k;
		if (cp <= ' ' || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xFFFE || cp == 0xFFFF) {
			space = 1;
			continue;
		}
		if (space && sb.len)
			sb_addc(&sb, ' ');
		space = 0;
		if (cp == UTF8_REPLACEMENT && k == 1)
			sb_add(&sb, "\xEF\xBF\xBD");
		else
			sb_addn(&sb, at, k);
	}
	sb_add(&sb, "");   /* (never NULL) */
	return sb_detach(&sb);
}

/* Append s as a YAML double-quoted scalar of one_line(s). */
static void yq(struct strbuf *sb, const char *s)
{
	char *line = one_line(s);
	sb_addc(sb, '"');
	for (const char *p = line; *p; p++) {
		if (*p == '"' || *p == '\\')
			sb_addc(sb, '\\');
		sb_addc(sb, *p);
	}
	sb_addc(sb, '"');
	free(line);
}

/* A slug (a-z, 0-9 and '-', at most 60 characters) made of s; "entry" when nothing is left. */
static void slug(struct strbuf *sb, const char *s)
{
	size_t start = sb->len;
	for (const char *p = s; *p && sb->len - start < 60; p++) {
		char ch = (char)tolower((unsigned char)*p);
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
			sb_addc(sb, ch);
		else if (sb->len > start && sb->buf[sb->len - 1] != '-')
			sb_addc(sb, '-');
	}
	while (sb->len > start && sb->buf[sb->len - 1] == '-')
		sb->buf[--sb->len] = '\0';
	if (sb->len == start)
		sb_add(sb, "entry");
}

/* The milestone id of each entry: its key as a slug, made unique with -2, -3, ... */
static char **entry_ids(const struct bib_list *l)
{
	char **ids = xcalloc(l->n ? l->n : 1, sizeof *ids);
	struct strbuf sb = {0};
	for (size_t i = 0; i < l->n; i++) {
		sb_reset(&sb);
		slug(&sb, l->e[i].key ? l->e[i].key : "entry");
		size_t base = sb.len;
		for (int k = 2;; k++) {
			size_t j = 0;
			while (j < i && strcmp(ids[j], sb_str(&sb)) != 0)
				j++;
			if (j == i)
				break;
			sb.buf[sb.len = base] = '\0';
			sb_addf(&sb, "-%d", k);
		}
		ids[i] = xstrdup(sb_str(&sb));
	}
	sb_free(&sb);
	return ids;
}

/* The venue type of an entry type (NULL: none) and the milestone kind. */
static const char *venue_type(const struct bib_entry *e, const char **kind)
{
	static const struct { const char *type, *venue, *kind; } map[] = {
		{"article", "journal", "paper"}, {"inproceedings", "conference", "paper"},
		{"conference", "conference", "paper"}, {"book", "book", "paper"}, {"mvbook", "book", "paper"},
		{"incollection", "chapter", "paper"}, {"inbook", "chapter", "paper"},
		{"phdthesis", "phd-thesis", "paper"}, {"mastersthesis", "masters-thesis", "paper"},
		{"thesis", "phd-thesis", "paper"}, {"techreport", "report", "paper"}, {"report", "report", "paper"},
		{"online", "web", "paper"}, {"software", NULL, "system"}, {"dataset", NULL, "dataset"},
		/* CSL-JSON */
		{"article-journal", "journal", "paper"}, {"paper-conference", "conference", "paper"},
		{"chapter", "chapter", "paper"}, {"webpage", "web", "paper"}, {"article", "preprint", "paper"},
	};
	*kind = "paper";
	for (size_t i = 0; i < DLT_ARRAY_LEN(map); i++)
		if (e->type && strcmp(e->type, map[i].type) == 0) {
			*kind = map[i].kind;
			return map[i].venue;
		}
	return e->arxiv ? "preprint" : NULL;
}

/* The tags: one per distinct keyword (by slug), in the order first met. */
static void write_tags(const struct bib_list *l, const char *const *keep, struct strbuf *y, char ***slugs,
		       size_t *n)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < l->n; i++)
		for (size_t k = 0; keep[i] && k < l->e[i].nkeywords; k++) {
			sb_reset(&sb);
			slug(&sb, l->e[i].keywords[k]);
			size_t j = 0;
			while (j < *n && strcmp((*slugs)[j], sb_str(&sb)) != 0)
				j++;
			if (j < *n)
				continue;
			if (!*n)
				sb_add(y, "\ntags:\n");
			bib_push(slugs, n, sb_str(&sb));
			sb_addf(y, "  - {id: %s, name: ", sb_str(&sb));
			yq(y, l->e[i].keywords[k]);
			sb_add(y, "}\n");
		}
	sb_free(&sb);
}

/* Before: does entry a come before entry b (year, month, then file order)? */
static int before(const struct bib_list *l, size_t a, size_t b)
{
	const struct bib_entry *x = &l->e[a], *y = &l->e[b];
	if (x->year != y->year)
		return x->year < y->year;
	if (x->month != y->month)
		return x->month < y->month;
	return a < b;
}

/* The short name for the list: "Family 2017", "Family & Other 2017", "Family et al. 2017"
 * (nothing when it would not fit in 29 characters, or no author is named). */
static void short_name(const struct bib_entry *e, struct strbuf *y)
{
	if (!e->nauthors)
		return;
	struct strbuf sb = {0};
	const char *first = strrchr(e->authors[0], ' ') ? strrchr(e->authors[0], ' ') + 1 : e->authors[0];
	sb_add(&sb, first);
	if (e->nauthors == 2 && !e->more_authors) {
		const char *second = strrchr(e->authors[1], ' ') ? strrchr(e->authors[1], ' ') + 1 : e->authors[1];
		sb_addf(&sb, " & %s", second);
	} else if (e->nauthors > 2 || e->more_authors) {
		sb_add(&sb, " et al.");
	}
	sb_addf(&sb, " %d", e->year);
	if (utf8_width(sb_str(&sb)) <= 29) {
		sb_add(y, "    short: ");
		yq(y, sb_str(&sb));
		sb_addc(y, '\n');
	}
	sb_free(&sb);
}

static void write_entry(const struct bib_list *l, size_t i, char *const *ids, const char *const *keep,
			const char *era, struct strbuf *y)
{
	const struct bib_entry *e = &l->e[i];
	const char *kind, *vt = venue_type(e, &kind);
	sb_addf(y, "\n  - id: %s\n    year: %d\n", ids[i], e->year);
	if (e->month)
		sb_addf(y, "    month: %d\n", e->month);
	sb_add(y, "    title: ");
	yq(y, e->title && *e->title ? e->title : e->key ? e->key : ids[i]);
	sb_addf(y, "\n    kind: %s\n", kind);
	short_name(e, y);
	if (e->nauthors) {
		sb_add(y, "    authors: [");
		for (size_t k = 0; k < e->nauthors; k++) {
			sb_add(y, k ? ", " : "");
			yq(y, e->authors[k]);
		}
		sb_add(y, "]\n");
		if (e->more_authors)
			sb_addf(y, "    author_count: %zu\n", e->nauthors + 1);
	}
	if (vt && (e->container || !strcmp(vt, "preprint"))) {
		struct strbuf v = {0};
		sb_addf(&v, "%s %d", e->container ? e->container : "arXiv", e->year);
		sb_add(y, "    venue: ");
		yq(y, sb_str(&v));
		sb_free(&v);
		sb_addf(y, "\n    venue_type: %s\n", vt);
	}
	if (e->arxiv)
		sb_addf(y, "    arxiv: \"%s\"\n", e->arxiv);
	if (e->doi) {
		sb_add(y, "    doi: ");
		yq(y, e->doi);
		sb_addc(y, '\n');
	}
	if (e->url) {
		sb_add(y, "    url: ");
		yq(y, e->url);
		sb_addc(y, '\n');
	}
	sb_addf(y, "    era: %s\n    summary: ", era);
	yq(y, e->abstract && *e->abstract ? e->abstract : e->title && *e->title ? e->title : ids[i]);
	sb_addc(y, '\n');
	if (e->nkeywords) {
		struct strbuf t = {0};
		char **seen = NULL;   /* two keywords may make one tag */
		size_t nseen = 0;
		sb_add(y, "    tags: [");
		for (size_t k = 0; k < e->nkeywords; k++) {
			sb_reset(&t);
			slug(&t, e->keywords[k]);
			size_t j = 0;
			while (j < nseen && strcmp(seen[j], sb_str(&t)) != 0)
				j++;
			if (j == nseen) {
				sb_addf(y, "%s%s", nseen ? ", " : "", sb_str(&t));
				bib_push(&seen, &nseen, sb_str(&t));
			}
		}
		sb_add(y, "]\n");
		strings_free(seen, nseen);
		sb_free(&t);
	}
	int any = 0;
	struct bib_entry *p = bib_find((struct bib_list *)l, e->crossref);
	size_t pi = p ? (size_t)(p - l->e) : 0;
	/* the entry it is part of: never the other way round, so no cycle */
	if (p && pi != i && keep[pi] && (p->year < e->year || (p->year == e->year && p->month <= e->month)) &&
	    !(p->crossref && e->key && strcmp(p->crossref, e->key) == 0)) {
		sb_addf(y, "    builds_on:\n      - id: %s\n        note: part of it (crossref in the bibliography)\n",
			ids[pi]);
		any = 1;
	}
	for (size_t k = 0; k < e->nlinks; k++)
		for (size_t j = 0; j < l->n; j++) {   /* a link goes back in time only: no cycles */
			if (!keep[j] || !l->e[j].key || strcmp(l->e[j].key, e->links[k]) != 0 || !before(l, j, i) ||
			    (p && j == pi))
				continue;
			sb_addf(y, "%s      - id: %s\n        note: named as related in the bibliography\n",
				any++ ? "" : "    builds_on:\n", ids[j]);
			break;
		}
}

/* *s as it will be written (one_line), cleared when it does not match re1 (or re2). */
static void keep_if(char **s, const regex_t *re1, const regex_t *re2)
{
	if (!*s)
		return;
	char *line = one_line(*s);
	free(*s);
	*s = line;
	if (regexec(re1, line, 0, NULL, 0) != 0 && (!re2 || regexec(re2, line, 0, NULL, 0) != 0)) {
		free(*s);
		*s = NULL;
	}
}

/* Clear what the importer would refuse in an entry that is otherwise fine: an arXiv id, DOI
 * or address of another shape (the importer's own patterns), a year outside 1800-2100
 * (returns -1: skip the entry). */
static int tidy(struct bib_entry *e, const struct field_patterns *pat)
{
	keep_if(&e->arxiv, &pat->arxiv_new, &pat->arxiv_old);
	keep_if(&e->doi, &pat->doi, NULL);
	keep_if(&e->url, &pat->url, NULL);
	return e->year >= 1800 && e->year <= 2100 ? 0 : -1;
}

/* The line of yaml's end (1 + its newlines), counted on from *upto (scanned so far). */
static unsigned yaml_line(const struct strbuf *yaml, size_t *upto, unsigned line)
{
	for (; *upto < yaml->len; (*upto)++)
		line += yaml->buf[*upto] == '\n';
	return line;
}

static size_t biblio_yaml(const char *path, int strict, int with_title, FILE *errors, struct strbuf *yaml,
			  struct dlt_import_origin *origin)
{
	struct bib_list l = {0};
	size_t len = strlen(path);
	int json = len > 5 && strcasecmp(path + len - 5, ".json") == 0;
	if ((json ? bib_read_csl(path, errors, &l) : bib_read_bibtex(path, errors, &l)) < 0) {
		bib_list_free(&l);
		return 1;
	}
	struct field_patterns pat;
	if (field_patterns_init(&pat) < 0) {
		fprintf(errors, "%s: cannot compile the importer's patterns\n", path);
		bib_list_free(&l);
		return 1;
	}
	size_t errs = l.errors;
	const char **keep = xcalloc(l.n ? l.n : 1, sizeof *keep);
	int first = 0, last = 0;
	for (size_t i = 0; i < l.n; i++) {
		struct bib_entry *e = &l.e[i];
		if (tidy(e, &pat) < 0) {
			fprintf(errors, "%s:%d: %s: entry '%s' has no usable year (1800-2100): skipped\n", path, e->line,
				strict ? "error" : "warning", e->key ? e->key : "?");
			errs += strict != 0;
			continue;
		}
		keep[i] = "";
		first = !first || e->year < first ? e->year : first;
		last = e->year > last ? e->year : last;
	}
	field_patterns_free(&pat);
	if (!first) {
		fprintf(errors, "%s: no entry with a year: nothing to import\n", path);
		free(keep);
		bib_list_free(&l);
		return errs + 1;
	}
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	struct strbuf era = {0};
	slug(&era, base);
	if (with_title) {
		sb_add(yaml, "title: ");
		yq(yaml, base);
		sb_addc(yaml, '\n');
	}
	sb_addf(yaml, "\neras:\n  - id: %s\n    name: ", sb_str(&era));
	yq(yaml, base);
	sb_addf(yaml, "\n    start: %d\n    end: %d\n", first, last);
	char **tags = NULL;
	size_t ntags = 0;
	write_tags(&l, keep, yaml, &tags, &ntags);
	strings_free(tags, ntags);
	char **ids = entry_ids(&l);
	sb_add(yaml, "\nmilestones:\n");
	size_t upto = 0;
	unsigned line = 1;
	if (origin)
		origin->at = xcalloc(l.n ? l.n : 1, sizeof *origin->at);
	for (size_t i = 0; i < l.n; i++) {
		if (!keep[i])
			continue;
		line = yaml_line(yaml, &upto, line);
		if (origin && l.e[i].line > 0)
			origin->at[origin->n++] = (struct dlt_origin_line){line, (unsigned)l.e[i].line};
		write_entry(&l, i, ids, keep, sb_str(&era), yaml);
	}
	strings_free(ids, l.n);
	sb_free(&era);
	free(keep);
	bib_list_free(&l);
	return errs;
}

size_t dlt_biblio_yaml(const char *path, int strict, int with_title, FILE *errors, struct strbuf *yaml,
		       struct dlt_import_origin *origin)
{
	assert(path && errors && yaml);
	if (origin)
		*origin = (struct dlt_import_origin){.name = path};
	/* The messages quote the file's name and its entries' keys: each line reaches the
	 * terminal as one printable line, whatever those hold. */
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	size_t errs = biblio_yaml(path, strict, with_title, mem ? mem : errors, yaml, origin);
	if (mem && fclose(mem) == 0) {
		for (char *line = buf, *nl; line < buf + len; line = nl + 1) {
			nl = memchr(line, '\n', (size_t)(buf + len - line));
			if (!nl)
				nl = buf + len;
			char *clean = utf8_sanitize(line, (size_t)(nl - line), 0);
			fprintf(errors, "%s\n", clean);
			free(clean);
		}
	}
	free(buf);
	return errs;
}
