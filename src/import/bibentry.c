/*
 * bibentry.c -- see bibentry.h.
 */
#include "import/bibentry.h"

#include <ctype.h>
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
