/*
 * bibentry.c -- see bibentry.h.
 */
#include "import/bibentry.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"

struct bib_entry *bib_add(struct bib_list *l)
{
	DLT_GROW(l->e, l->n + 1, l->cap);
	memset(&l->e[l->n], 0, sizeof l->e[l->n]);
	return &l->e[l->n++];
}

void bib_push(char ***list, size_t *n, const char *s)
{
	*list = xrealloc(*list, (*n + 1) * sizeof **list);
	(*list)[(*n)++] = xstrdup(s);
}

int bib_month(const char *s)
{
	static const char *const names[] = {"jan", "feb", "mar", "apr", "may", "jun",
					    "jul", "aug", "sep", "oct", "nov", "dec"};
	while (*s == ' ')
		s++;
	if (isdigit((unsigned char)*s)) {
		char *end;
		long m = strtol(s, &end, 10);
		return *end == '\0' && m >= 1 && m <= 12 ? (int)m : 0;
	}
	for (int i = 0; i < 12; i++)
		if (strncasecmp(s, names[i], 3) == 0)
			return i + 1;
	return 0;
}

int bib_date(const char *s, int *year, int *month)
{
	*year = *month = 0;
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)s[i]))
			return -1;
	if (s[4] && s[4] != '-' && s[4] != '/')
		return -1;
	*year = atoi(s);
	if (s[4] && isdigit((unsigned char)s[5]) && isdigit((unsigned char)s[6])) {
		int m = (s[5] - '0') * 10 + (s[6] - '0');
		*month = m >= 1 && m <= 12 ? m : 0;
	}
	return 0;
}

static void strings_free(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

void bib_list_free(struct bib_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct bib_entry *e = &l->e[i];
		free(e->key);
		free(e->crossref);
		free(e->type);
		free(e->title);
		strings_free(e->authors, e->nauthors);
		free(e->container);
		free(e->doi);
		free(e->arxiv);
		free(e->url);
		free(e->abstract);
		strings_free(e->keywords, e->nkeywords);
		strings_free(e->links, e->nlinks);
	}
	free(l->e);
}

struct bib_entry *bib_find(struct bib_list *l, const char *key)
{
	for (size_t i = 0; key && i < l->n; i++)
		if (l->e[i].key && strcmp(l->e[i].key, key) == 0)
			return &l->e[i];
	return NULL;
}

void bib_inherit(struct bib_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct bib_entry *e = &l->e[i], *p = bib_find(l, e->crossref);
		if (!p || p == e)
			continue;
		if (!e->year) {
			e->year = p->year;
			e->month = p->month;
		}
		if (!e->container && (p->title || p->container))
			e->container = xstrdup(p->title ? p->title : p->container);
		for (size_t k = 0; !e->nauthors && k < p->nauthors; k++)
			bib_push(&e->authors, &e->nauthors, p->authors[k]);
	}
}

int bib_read_file(const char *path, FILE *errors, struct strbuf *text)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		fprintf(errors, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, fp)) > 0 && text->len <= BIB_MAX_BYTES)
		sb_addn(text, buf, got);
	int bad = ferror(fp) || text->len > BIB_MAX_BYTES || memchr(sb_str(text), '\0', text->len);
	fclose(fp);
	if (bad)
		fprintf(errors, "%s: cannot read it (unreadable, larger than 256 MB, or not text)\n", path);
	return bad ? -1 : 0;
}

/* ---- an entry list through a pipe (bib_send, bib_receive) --------------------------------------- */

#define WIRE_NULL UINT32_MAX        /* the length of a NULL string */
#define WIRE_MAX_STRING (256u << 20) /* longer than the largest file read */
#define WIRE_MAX_LIST (1u << 24)

static void put_u32(FILE *fp, uint32_t v)
{
	fwrite(&v, sizeof v, 1, fp);
}

static void put_str(FILE *fp, const char *s)
{
	uint32_t n = s ? (uint32_t)strlen(s) : WIRE_NULL;
	put_u32(fp, n);
	if (s)
		fwrite(s, 1, n, fp);
}

static void put_list(FILE *fp, char *const *v, size_t n)
{
	put_u32(fp, (uint32_t)n);
	for (size_t i = 0; i < n; i++)
		put_str(fp, v[i]);
}

int bib_send(FILE *fp, const struct bib_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct bib_entry *e = &l->e[i];
		fputc('E', fp);
		put_u32(fp, (uint32_t)e->line);
		put_u32(fp, (uint32_t)e->year);
		put_u32(fp, (uint32_t)e->month);
		put_u32(fp, (uint32_t)e->more_authors);
		const char *strs[] = {e->key, e->type, e->title, e->container, e->doi, e->arxiv, e->url, e->abstract, e->crossref};
		for (size_t k = 0; k < DLT_ARRAY_LEN(strs); k++)
			put_str(fp, strs[k]);
		put_list(fp, e->authors, e->nauthors);
		put_list(fp, e->keywords, e->nkeywords);
		put_list(fp, e->links, e->nlinks);
	}
	fputc('Z', fp);
	put_u32(fp, (uint32_t)l->errors);
	return fflush(fp) == 0 && !ferror(fp) ? 0 : -1;
}

static int get_u32(FILE *fp, uint32_t *v)
{
	return fread(v, sizeof *v, 1, fp) == 1 ? 0 : -1;
}

static int get_int(FILE *fp, int *v)
{
	uint32_t u;
	if (get_u32(fp, &u) < 0)
		return -1;
	*v = (int)u;
	return 0;
}

static int get_str(FILE *fp, char **s)
{
	uint32_t n;
	*s = NULL;
	if (get_u32(fp, &n) < 0 || (n != WIRE_NULL && n > WIRE_MAX_STRING))
		return -1;
	if (n == WIRE_NULL)
		return 0;
	*s = xmalloc((size_t)n + 1);
	(*s)[n] = '\0';
	return fread(*s, 1, n, fp) == n ? 0 : -1;
}

static int get_list(FILE *fp, char ***v, size_t *n)
{
	uint32_t count;
	if (get_u32(fp, &count) < 0 || count > WIRE_MAX_LIST)
		return -1;
	for (uint32_t i = 0; i < count; i++) {
		char *s;
		int rc = get_str(fp, &s);
		if (s)
			bib_push(v, n, s);
		free(s);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int bib_receive(FILE *fp, struct bib_list *l)
{
	for (;;) {
		int tag = fgetc(fp);
		if (tag == 'Z') {
			uint32_t errors;
			if (get_u32(fp, &errors) < 0)
				return -1;
			l->errors += errors;
			return 0;
		}
		if (tag != 'E')
			return -1;
		struct bib_entry *e = bib_add(l);
		char **strs[] = {&e->key, &e->type, &e->title, &e->container, &e->doi, &e->arxiv, &e->url, &e->abstract, &e->crossref};
		if (get_int(fp, &e->line) < 0 || get_int(fp, &e->year) < 0 || get_int(fp, &e->month) < 0 ||
		    get_int(fp, &e->more_authors) < 0)
			return -1;
		for (size_t k = 0; k < DLT_ARRAY_LEN(strs); k++)
			if (get_str(fp, strs[k]) < 0)
				return -1;
		if (get_list(fp, &e->authors, &e->nauthors) < 0 || get_list(fp, &e->keywords, &e->nkeywords) < 0 ||
		    get_list(fp, &e->links, &e->nlinks) < 0)
			return -1;
	}
}
