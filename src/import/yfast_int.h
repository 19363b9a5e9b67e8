/*
 * yfast_int.h -- what the two halves of the fast YAML reader share: its state, and the
 * helpers that run per character or per node (inline: there is one per node read).
 * yfast.c reads the lines and the block structure; yfast_flow.c the values on one line.
 */
#ifndef DLT_IMPORT_YFAST_INT_H
#define DLT_IMPORT_YFAST_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/util.h"
#include "import/yfast.h"

#define YF_MAX_DEPTH 8
#define YF_MAX_KEYS 64   /* keys of one mapping checked for duplicates */
#define YF_MAX_KEY 128   /* characters of a key */
#define YF_ARENA (64 * 1024)   /* bytes of an arena block */

struct yf_block {
	struct yf_block *next;
	size_t cap;
	_Alignas(16) char data[];
};

struct yfast {
	const char *buf, *end;
	int mapped;            /* buf is a private file mapping: give read pages back */
	const char *released;  /* pages before this are given back */
	const char *p;         /* where reading is */
	const char *bol;       /* start of p's line */
	unsigned line;         /* 1-based number of that line */
	const char *col_at;    /* a place on that line whose column is known (NULL: none), */
	unsigned col;          /* and its column */
	int build;             /* second pass: make nodes, call item() */
	ynode_item_fn item;
	void *ctx;
	struct yf_block *arena;   /* the block in use first; nodes of the build pass */
	size_t used;              /* bytes of it in use */
	struct strbuf esc;        /* a quoted scalar with escapes, unescaped */
};

/* size bytes from the arena, 16-aligned, zeroed. */
static inline void *arena_alloc(struct yfast *y, size_t size)
{
	size = (size + 15) & ~(size_t)15;
	if (!y->arena || y->arena->cap - y->used < size) {
		size_t cap = size > YF_ARENA ? size : YF_ARENA;
		struct yf_block *b = xmalloc(sizeof *b + cap);
		b->next = y->arena;
		b->cap = cap;
		y->arena = b;
		y->used = 0;
	}
	void *p = y->arena->data + y->used;
	y->used += size;
	return memset(p, 0, size);
}

static inline char *arena_strndup(struct yfast *y, const char *s, size_t len)
{
	char *d = arena_alloc(y, len + 1);
	memcpy(d, s, len);
	return d;   /* (zeroed: terminated) */
}

/* Column (1-based, in characters) of q on the current line. Counted from the last place
 * asked for on the line, forward or back: nodes are asked for in the order they come, so a
 * line costs its length once, however many nodes it holds. */
static inline unsigned col_of(struct yfast *y, const char *q)
{
	const char *s = y->col_at;
	unsigned c = y->col;
	if (!s || s < y->bol) {
		s = y->bol;
		c = 1;
	}
	for (; s < q; s++)
		c += ((unsigned char)*s & 0xC0) != 0x80;
	while (s > q)
		c -= ((unsigned char)*--s & 0xC0) != 0x80;
	y->col_at = q;
	y->col = c;
	return c;
}

static inline int eol(const struct yfast *y, const char *q)
{
	return q >= y->end || *q == '\n';
}

static inline const char *skip_spaces(const struct yfast *y, const char *q)
{
	while (q < y->end && *q == ' ')
		q++;
	return q;
}

static inline int key_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Length of a plain key at q followed by ':' (then `space_after` demands ' ' or, in block
 * context, the end of the line); 0 when there is none. */
static inline size_t key_len(const struct yfast *y, const char *q, int flow)
{
	const char *s = q;
	if (s >= y->end || !key_start(*s))
		return 0;
	while (s < y->end && (key_start(*s) || *s == '-'))
		s++;
	if (s >= y->end || *s != ':' || s - q > YF_MAX_KEY)
		return 0;   /* (libyaml refuses keys over 1024 characters) */
	if (s + 1 < y->end && s[1] == ' ')
		return (size_t)(s - q);
	if (!flow && eol(y, s + 1))
		return (size_t)(s - q);
	return 0;
}

static inline struct ynode *new_node(struct yfast *y, enum ynode_type t, const char *at)
{
	if (!y->build)
		return NULL;
	struct ynode *n = arena_alloc(y, sizeof *n);
	n->type = t;
	n->line = y->line;
	n->col = col_of(y, at);
	return n;
}

static inline void set_value(struct yfast *y, struct ynode *n, const char *s, size_t len, int plain)
{
	if (!y->build)
		return;
	n->value = arena_strndup(y, s, len);
	n->value_len = len;
	n->plain = plain;
}

/* Keys of one mapping, for the duplicate check. */
struct keys {
	const char *k[YF_MAX_KEYS];
	size_t len[YF_MAX_KEYS];
	int n;
};

static inline int keys_add(struct keys *ks, const char *k, size_t len)
{
	if (ks->n == YF_MAX_KEYS)
		return -1;
	for (int i = 0; i < ks->n; i++)
		if (ks->len[i] == len && memcmp(ks->k[i], k, len) == 0)
			return -1;   /* ynode reports duplicates: let it */
	ks->k[ks->n] = k;
	ks->len[ks->n++] = len;
	return 0;
}

/* Append child c (with its key) to parent n; `tail` keeps the last child. */
static inline void attach(struct yfast *y, struct ynode *n, struct ynode ***tail, struct ynode *c,
		   const char *key, size_t klen, const char *kat)
{
	if (!y->build)
		return;
	if (key) {
		c->key = arena_strndup(y, key, klen);
		c->key_line = y->line;
		c->key_col = col_of(y, kat);
	}
	**tail = c;
	*tail = &c->next;
	(void)n;
}

static inline int indicator(char c)
{
	return strchr("-?:,[]{}#&*!|>'\"%@`", c) != NULL;
}

/* A value on its key's (or dash's) line at y->p, which must end after it (yfast_flow.c).
 * 0 with y->p at the end of the line, -1 to decline. */
int yf_inline_value(struct yfast *y, struct ynode **out, int depth);

#endif
