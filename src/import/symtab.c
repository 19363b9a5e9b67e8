/*
 * symtab.c -- see symtab.h.
 */
#include "import/symtab.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

static uint32_t name_hash(const char *s, size_t n, int nocase)
{
	uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (nocase && ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch + 32);
		h = (h ^ ch) * 1099511628211ULL;
	}
	return (uint32_t)(h ^ (h >> 32));
}

/* Is a (NUL-terminated) the n bytes of b? */
static int name_eq(const char *a, const char *b, size_t n, int nocase)
{
	if (!nocase)
		return memcmp(a, b, n) == 0 && a[n] == '\0';
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x + 32);
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y + 32);
		if (x != y || !x)
			return 0;
	}
	return a[n] == '\0';
}

/* Twice the slots (at first 1024), every symbol placed again. */
static void symtab_grow(struct symtab *t)
{
	size_t nslot = t->nslot ? t->nslot * 2 : 1024;
	uint32_t *slot = xcalloc(nslot, sizeof *slot);
	for (size_t i = 0; i < t->n; i++) {
		size_t k = t->v[i].hash & (nslot - 1);
		while (slot[k])
			k = (k + 1) & (nslot - 1);
		slot[k] = (uint32_t)i + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->nslot = nslot;
}

uint32_t symtab_get(struct symtab *t, const char *s, int create)
{
	assert(s);
	size_t len = strlen(s);
	uint32_t h = name_hash(s, len, t->nocase);
	if (!t->nslot)
		symtab_grow(t);
	size_t k = h & (t->nslot - 1);
	for (; t->slot[k]; k = (k + 1) & (t->nslot - 1)) {
		const struct sym *y = &t->v[t->slot[k] - 1];
		if (y->hash == h && name_eq(t->arena.buf + y->off, s, len, t->nocase))
			return t->slot[k];
	}
	if (!create)
		return 0;
	DLT_GROW(t->v, t->n + 1, t->cap);
	t->v[t->n] = (struct sym){(uint32_t)t->arena.len, h, 0, 0};
	sb_addn(&t->arena, s, len + 1);
	t->slot[k] = (uint32_t)++t->n;
	if (t->n * 2 > t->nslot)
		symtab_grow(t);
	return (uint32_t)t->n;
}

struct sym *symtab_at(struct symtab *t, uint32_t id)
{
	assert(id >= 1 && id <= t->n);
	return &t->v[id - 1];
}

const char *symtab_name(const struct symtab *t, uint32_t id)
{
	assert(id >= 1 && id <= t->n);
	return t->arena.buf + t->v[id - 1].off;
}

void symtab_free(struct symtab *t)
{
	int nocase = t->nocase;
	free(t->v);
	free(t->slot);
	sb_free(&t->arena);
	memset(t, 0, sizeof *t);
	t->nocase = nocase;
}
