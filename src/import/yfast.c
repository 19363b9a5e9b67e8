/*
 * yfast.c -- see yfast.h.
 *
 * The text is read twice: a first pass only checks that all of it is in the subset (so that
 * declining never follows a callback), the second builds the trees and hands them over. The
 * subset, and libyaml's reading of it that the trees reproduce:
 *   - every character printable (no tab, CR, control, BOM or YAML line separator);
 *   - blank lines, and comment lines starting in column 1;
 *   - a block mapping of sections at column 1; block mappings and block sequences ("- ")
 *     nested with growing indentation; plain keys ([A-Za-z0-9_] then also '-', at most 128);
 *   - values on the line of their key or dash: plain scalars (not starting with an indicator,
 *     without ": ", " #" or a ':' at the end; trailing spaces dropped), single-quoted and
 *     double-quoted scalars (escapes \" \\ \/ \n \t \r only), and flow sequences and mappings
 *     closed on the same line (flow plain scalars without ':' and '#');
 *   - a value's line is followed by a line indented no deeper than its key (no continuation
 *     lines); no empty values, no duplicate keys in a mapping.
 * Positions are libyaml's: a scalar or flow collection where it starts (the quote, the
 * bracket), a block mapping at its first key, a block sequence at its first dash; columns
 * count characters.
 *
 * The trees' nodes and strings come from an arena that is emptied once an entry has been
 * handed over: a milestone is some forty nodes, and a malloc and free for each node, key and
 * value took a third of the reading time.
 */
#include "import/yfast.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/utf8.h"
#include "core/util.h"

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
static void *arena_alloc(struct yfast *y, size_t size)
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

static char *arena_strndup(struct yfast *y, const char *s, size_t len)
{
	char *d = arena_alloc(y, len + 1);
	memcpy(d, s, len);
	return d;   /* (zeroed: terminated) */
}

/* Forget every node (they have been handed over); keep one block for the next entry. */
static void arena_reset(struct yfast *y, int all)
{
	struct yf_block *keep = all ? NULL : y->arena;
	struct yf_block *b = keep ? keep->next : y->arena;
	while (b) {
		struct yf_block *next = b->next;
		free(b);
		b = next;
	}
	if (keep)
		keep->next = NULL;
	y->arena = keep;
	y->used = 0;
}

/* Column (1-based, in characters) of q on the current line. Counted from the last place
 * asked for on the line, forward or back: nodes are asked for in the order they come, so a
 * line costs its length once, however many nodes it holds. */
static unsigned col_of(struct yfast *y, const char *q)
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

static int eol(const struct yfast *y, const char *q)
{
	return q >= y->end || *q == '\n';
}

static const char *skip_spaces(const struct yfast *y, const char *q)
{
	while (q < y->end && *q == ' ')
		q++;
	return q;
}

/* Go to the next line that holds something (blank lines and column-1 comments are skipped),
 * with y->p on its first non-space character. y->p must be at the end of a line. Returns its
 * indentation, -1 at the end of the text, -2 to decline. */
static int next_line(struct yfast *y)
{
	for (;;) {
		if (y->p >= y->end)
			return -1;
		y->p++;   /* the '\n' */
		y->line++;
		y->bol = y->p;
		const char *q = skip_spaces(y, y->p);
		if (q >= y->end) {
			y->p = q;
			return -1;
		}
		if (*q == '\n') {
			y->p = q;
			continue;
		}
		if (*q == '#') {
			if (q != y->bol)
				return -2;
			const char *nl = memchr(q, '\n', (size_t)(y->end - q));
			y->p = nl ? nl : y->end;
			continue;
		}
		y->p = q;
		return (int)(q - y->bol);
	}
}

static int key_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Length of a plain key at q followed by ':' (then `space_after` demands ' ' or, in block
 * context, the end of the line); 0 when there is none. */
static size_t key_len(const struct yfast *y, const char *q, int flow)
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

static struct ynode *new_node(struct yfast *y, enum ynode_type t, const char *at)
{
	if (!y->build)
		return NULL;
	struct ynode *n = arena_alloc(y, sizeof *n);
	n->type = t;
	n->line = y->line;
	n->col = col_of(y, at);
	return n;
}

static void set_value(struct yfast *y, struct ynode *n, const char *s, size_t len, int plain)
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

static int keys_add(struct keys *ks, const char *k, size_t len)
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
static void attach(struct yfast *y, struct ynode *n, struct ynode ***tail, struct ynode *c,
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

static int indicator(char c)
{
	return strchr("-?:,[]{}#&*!|>'\"%@`", c) != NULL;
}

/* A quoted scalar at y->p (single or double); y->p after it. */
static int quoted(struct yfast *y, struct ynode **out)
{
	const char *q = y->p + 1;
	char quote = *y->p;
	/* the common case: no escape before the closing quote, on this line */
	const char *s = memchr(q, quote, (size_t)(y->end - q));
	if (s && !memchr(q, '\n', (size_t)(s - q)) && !(quote == '"' && memchr(q, '\\', (size_t)(s - q))) &&
	    !(quote == '\'' && s + 1 < y->end && s[1] == '\'')) {
		if ((size_t)(s - q) > YNODE_MAX_SCALAR)
			return -1;
		struct ynode *n = new_node(y, YN_SCALAR, y->p);
		set_value(y, n, q, (size_t)(s - q), 0);
		y->p = s + 1;
		*out = n;
		return 0;
	}
	struct strbuf *sb = &y->esc;
	sb_reset(sb);
	for (;;) {
		if (eol(y, q) || sb->len > YNODE_MAX_SCALAR)
			goto decline;
		char c = *q++;
		if (c == quote) {
			if (quote == '\'' && q < y->end && *q == '\'') {
				sb_addc(sb, '\'');
				q++;
				continue;
			}
			break;
		}
		if (quote == '"' && c == '\\') {
			if (eol(y, q))
				goto decline;
			char e = *q++;
			const char *rep = e == '"' ? "\"" : e == '\\' ? "\\" : e == '/' ? "/" : e == 'n' ? "\n" :
					  e == 't' ? "\t" : e == 'r' ? "\r" : NULL;
			if (!rep)
				goto decline;
			sb_addc(sb, rep[0]);
			continue;
		}
		sb_addc(sb, c);
	}
	if (sb->len > YNODE_MAX_SCALAR)
		goto decline;
	struct ynode *n = new_node(y, YN_SCALAR, y->p);
	set_value(y, n, sb_str(sb), sb->len, 0);
	y->p = q;
	*out = n;
	return 0;
decline:
	return -1;
}

static int flow_node(struct yfast *y, struct ynode **out, int depth);

/* A flow sequence or mapping at y->p, closed on this line; y->p after it. */
static int flow_collection(struct yfast *y, struct ynode **out, int depth)
{
	int is_map = *y->p == '{';
	char close = is_map ? '}' : ']';
	struct ynode *n = new_node(y, is_map ? YN_MAP : YN_SEQ, y->p), **tail = n ? &n->child : NULL;
	struct keys ks = {.n = 0};
	if (depth > YF_MAX_DEPTH)
		goto decline;
	y->p = skip_spaces(y, y->p + 1);
	if (y->p < y->end && *y->p == close) {
		y->p++;
		*out = n;
		return 0;
	}
	for (;;) {
		const char *key = NULL, *kat = NULL;
		size_t klen = 0;
		if (is_map) {
			kat = key = y->p;
			klen = key_len(y, y->p, 1);
			if (!klen || keys_add(&ks, key, klen) < 0)
				goto decline;
			y->p = skip_spaces(y, y->p + klen + 1);
		}
		struct ynode *c = NULL;
		if (flow_node(y, &c, depth + 1) < 0)
			goto decline;
		attach(y, n, &tail, c, key, klen, kat);
		y->p = skip_spaces(y, y->p);
		if (eol(y, y->p))
			goto decline;
		if (*y->p == close) {
			y->p++;
			*out = n;
			return 0;
		}
		if (*y->p != ',')
			goto decline;
		y->p = skip_spaces(y, y->p + 1);
		if (eol(y, y->p) || *y->p == close)
			goto decline;   /* a trailing comma */
	}
decline:
	return -1;
}

/* A plain scalar in a flow collection: up to ',', ']' or '}'. */
static int flow_plain(struct yfast *y, struct ynode **out)
{
	const char *q = y->p, *s = q;
	while (!eol(y, s) && *s != ',' && *s != ']' && *s != '}') {
		if (*s == ':' || *s == '#' || *s == '[' || *s == '{')
			return -1;
		s++;
	}
	const char *t = s;
	while (t > q && t[-1] == ' ')
		t--;
	if (t == q || (size_t)(t - q) > YNODE_MAX_SCALAR)
		return -1;
	struct ynode *n = new_node(y, YN_SCALAR, q);
	set_value(y, n, q, (size_t)(t - q), 1);
	y->p = s;
	*out = n;
	return 0;
}

static int flow_node(struct yfast *y, struct ynode **out, int depth)
{
	if (eol(y, y->p))
		return -1;
	char c = *y->p;
	if (c == '"' || c == '\'')
		return quoted(y, out);
	if (c == '[' || c == '{')
		return flow_collection(y, out, depth);
	if (indicator(c))
		return -1;
	return flow_plain(y, out);
}

/* A value on its key's (or dash's) line, which must end after it. */
static int inline_value(struct yfast *y, struct ynode **out, int depth)
{
	char c = *y->p;
	int rc;
	if (c == '"' || c == '\'') {
		rc = quoted(y, out);
	} else if (c == '[' || c == '{') {
		rc = flow_collection(y, out, depth);
	} else if (indicator(c)) {
		return -1;
	} else {
		/* a plain scalar: the rest of the line */
		const char *q = y->p, *s = q;
		for (; !eol(y, s); s++) {
			if (*s == ':' && (s + 1 >= y->end || s[1] == ' ' || s[1] == '\n'))
				return -1;
			if (*s == '#' && s[-1] == ' ')
				return -1;
		}
		const char *t = s;
		while (t > q && t[-1] == ' ')
			t--;
		if ((size_t)(t - q) > YNODE_MAX_SCALAR)
			return -1;
		struct ynode *n = new_node(y, YN_SCALAR, q);
		set_value(y, n, q, (size_t)(t - q), 1);
		y->p = s;
		*out = n;
		return 0;
	}
	if (rc < 0)
		return -1;
	y->p = skip_spaces(y, y->p);
	if (!eol(y, y->p)) {
		*out = NULL;
		return -1;
	}
	return 0;
}

/* A mapped file is read once from start to end per pass: the pages before the current entry
 * go back to the kernel (they are read again from the page cache by the next pass), so even
 * a big file holds little memory. */
static void release(struct yfast *y)
{
	if (!y->mapped || y->bol - y->released < (4 << 20))
		return;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	const char *upto = y->buf + ((size_t)(y->bol - y->buf) / page) * page;
	if (upto > y->released) {
		madvise((void *)(uintptr_t)y->released, (size_t)(upto - y->released), MADV_DONTNEED);
		y->released = upto;
	}
}

static int block_map(struct yfast *y, int m, struct ynode **out, int depth);
static int block_seq(struct yfast *y, int n, struct ynode **out, int depth, const char *section,
		     unsigned sl, unsigned sc);

/* The value of a key that ends its line: a block sequence or mapping on the lines below,
 * deeper than `m`. Returns the indentation of the line after it, -1 at the end, -2 to decline. */
static int block_value(struct yfast *y, int m, struct ynode **out, int depth)
{
	int j = next_line(y);
	if (j <= m)
		return -2;   /* an empty value, or a sequence as deep as its key */
	if (*y->p == '-' && y->p + 1 < y->end && y->p[1] == ' ')
		return block_seq(y, j, out, depth, NULL, 0, 0);
	return block_map(y, j, out, depth);
}

/* A block mapping whose first key is at y->p, indented by m. Returns the indentation of the
 * line after it, -1 at the end, -2 to decline. */
static int block_map(struct yfast *y, int m, struct ynode **out, int depth)
{
	struct ynode *n = new_node(y, YN_MAP, y->p), **tail = n ? &n->child : NULL;
	struct keys ks = {.n = 0};
	int ind = m;
	if (depth > YF_MAX_DEPTH)
		goto decline;
	while (ind == m) {
		const char *key = y->p;
		size_t klen = key_len(y, key, 0);
		if (!klen || keys_add(&ks, key, klen) < 0)
			goto decline;
		unsigned kl = y->line;
		unsigned kc = col_of(y, key);
		y->p = key + klen + 1;
		struct ynode *c = NULL;
		if (eol(y, y->p)) {
			ind = block_value(y, m, &c, depth + 1);
			if (ind == -2)
				goto decline;
		} else {
			y->p = skip_spaces(y, y->p);
			if (eol(y, y->p) || inline_value(y, &c, depth + 1) < 0)
				goto decline;
			ind = next_line(y);
			if (ind > m || ind == -2) {
				goto decline;
			}
		}
		if (c) {
			c->key = arena_strndup(y, key, klen);
			c->key_line = kl;
			c->key_col = kc;
			*tail = c;
			tail = &c->next;
		}
	}
	if (ind > m)
		goto decline;
	*out = n;
	return ind;
decline:
	return -2;
}

/* A block sequence whose first dash is at y->p, indented by n. With `section` (a top-level
 * sequence) each element goes to item() on its own; else they make *out. Returns the
 * indentation of the line after it, -1 at the end, -2 to decline. */
static int block_seq(struct yfast *y, int n, struct ynode **out, int depth, const char *section,
		     unsigned sl, unsigned sc)
{
	struct ynode *s = section ? NULL : new_node(y, YN_SEQ, y->p), **tail = s ? &s->child : NULL;
	int ind = n;
	if (depth > YF_MAX_DEPTH)
		goto decline;
	while (ind == n) {
		if (!(*y->p == '-' && y->p + 1 < y->end && y->p[1] == ' '))
			goto decline;
		y->p = skip_spaces(y, y->p + 1);
		if (eol(y, y->p))
			goto decline;
		struct ynode *c = NULL;
		if (key_len(y, y->p, 0)) {
			ind = block_map(y, (int)(col_of(y, y->p) - 1), &c, depth + 1);
			if (ind == -2)
				goto decline;
		} else {
			if (inline_value(y, &c, depth + 1) < 0)
				goto decline;
			ind = next_line(y);
			if (ind > n || ind == -2) {
				goto decline;
			}
		}
		if (depth == 1)
			release(y);   /* an entry of a section: nothing before it is needed any more */
		if (section) {
			if (c) {
				c->in_list = 1;
				y->item(y->ctx, section, sl, sc, c);
				arena_reset(y, 0);
			}
		} else if (c) {
			*tail = c;
			tail = &c->next;
		}
	}
	if (ind > n)
		goto decline;
	if (out)
		*out = s;
	return ind;
decline:
	return -2;
}

/* Every character printable, no tab or CR, no BOM, no YAML line separator (NEL, LS, PS). */
static int printable_part(const char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf, *end = p + len;
	while (p < end) {
		if (end - p >= 8) {   /* eight plain ASCII characters at once: the common case */
			uint64_t w;
			memcpy(&w, p, 8);
			uint64_t lo = (w - UINT64_C(0x2020202020202020)) & ~w,   /* a byte below 0x20 */
				 hi = w + UINT64_C(0x0101010101010101);            /* a byte at 0x7F: carries */
			if (!((lo | w | hi) & UINT64_C(0x8080808080808080))) {
				p += 8;
				continue;
			}
		}
		if (*p >= 0x20 && *p < 0x7F) {   /* plain ASCII */
			p++;
			continue;
		}
		if (*p == '\n') {
			p++;
			continue;
		}
		if (*p < 0x80)
			return 0;
		size_t n = utf8_valid_prefix((const char *)p, (size_t)(end - p) < 4 ? (size_t)(end - p) : 4);
		uint32_t cp;
		size_t k = utf8_decode((const char *)p, (size_t)(end - p), &cp);
		if (n < k)   /* not valid UTF-8 */
			return 0;
		if (cp < 0xA0 || cp == 0xFEFF || cp == 0x2028 || cp == 0x2029 || (cp >= 0xD800 && cp < 0xE000) ||
		    cp == 0xFFFE || cp == 0xFFFF)
			return 0;
		p += k;
	}
	return 1;
}

/* The whole text, a line-ended slice at a time (a mapping gives the pages back behind). */
static int printable(struct yfast *y)
{
	const char *a = y->buf;
	while (a < y->end) {
		const char *b = y->end - a > (4 << 20) ? a + (4 << 20) : y->end;
		const char *nl = b < y->end ? memchr(b, '\n', (size_t)(y->end - b)) : NULL;
		b = nl ? nl + 1 : y->end;
		if (!printable_part(a, (size_t)(b - a)))
			return 0;
		y->bol = b;
		release(y);
		a = b;
	}
	return 1;
}

/* One pass over the text; the second (build) calls item(). */
static int run(struct yfast *y)
{
	y->p = y->buf;
	y->bol = y->buf;
	y->col_at = NULL;
	y->released = y->buf;
	y->line = 1;
	/* the first line: as next_line() would find it */
	const char *q = skip_spaces(y, y->p);
	int ind;
	if (q >= y->end)
		ind = -1;
	else if (*q == '\n' || *q == '#') {
		if (*q == '#' && q != y->bol)
			return -1;
		const char *nl = memchr(q, '\n', (size_t)(y->end - q));
		y->p = nl ? nl : y->end;
		ind = next_line(y);
		if (ind == -2)
			return -1;   /* (an indented comment) */
	} else {
		y->p = q;
		ind = (int)(q - y->bol);
	}
	while (ind >= 0) {
		if (ind != 0)
			return -1;
		const char *key = y->p;
		size_t klen = key_len(y, key, 0);
		if (!klen)
			return -1;
		char section[64];
		if (klen >= sizeof section)
			return -1;
		memcpy(section, key, klen);
		section[klen] = '\0';
		unsigned sl = y->line, sc = 1;
		y->p = key + klen + 1;
		if (eol(y, y->p)) {
			int j = next_line(y);
			if (j <= 0)
				return -1;
			if (*y->p == '-' && y->p + 1 < y->end && y->p[1] == ' ') {
				ind = block_seq(y, j, NULL, 1, y->build ? section : NULL, sl, sc);
			} else {
				struct ynode *n = NULL;
				ind = block_map(y, j, &n, 1);
				if (n) {
					y->item(y->ctx, section, sl, sc, n);
					arena_reset(y, 0);
				}
			}
			if (ind == -2)
				return -1;
			continue;
		}
		y->p = skip_spaces(y, y->p);
		if (eol(y, y->p))
			return -1;
		if (*y->p == '[') {
			/* a top-level flow sequence: its elements one by one, like a block one */
			struct ynode *n = NULL;
			if (inline_value(y, &n, 1) < 0)
				return -1;
			if (n) {
				struct ynode *c = n->child;
				n->child = NULL;
				while (c) {
					struct ynode *next = c->next;
					c->next = NULL;
					c->in_list = 1;
					y->item(y->ctx, section, sl, sc, c);
					c = next;
				}
				arena_reset(y, 0);
			}
		} else {
			struct ynode *n = NULL;
			if (inline_value(y, &n, 1) < 0)
				return -1;
			if (n) {
				y->item(y->ctx, section, sl, sc, n);
				arena_reset(y, 0);
			}
		}
		ind = next_line(y);
		if (ind > 0 || ind == -2)
			return -1;
	}
	return 0;
}

struct yfast *yfast_new(void)
{
	return xcalloc(1, sizeof(struct yfast));
}

int yfast_parse(struct yfast *y, const char *buf, size_t len, int mapped, ynode_item_fn item, void *ctx)
{
	assert(y && (buf || !len) && item);
	arena_reset(y, 0);   /* (what an earlier text left, if it was given up halfway) */
	y->buf = buf;
	y->end = buf + len;
	y->p = y->bol = y->released = buf;   /* printable() gives pages back from here */
	y->mapped = mapped;
	y->item = item;
	y->ctx = ctx;
	y->build = 0;
	if (!printable(y) || run(y) < 0)
		return -1;
	y->build = 1;
	/* the same text, the same path: only a mapped file changed underneath can fail now */
	int rc = run(y) < 0 ? -2 : 0;
	arena_reset(y, 0);
	return rc;
}

void yfast_free(struct yfast *y)
{
	if (!y)
		return;
	arena_reset(y, 1);
	sb_free(&y->esc);
	free(y);
}

int yfast_read(const char *buf, size_t len, int mapped, ynode_item_fn item, void *ctx)
{
	struct yfast *y = yfast_new();
	int rc = yfast_parse(y, buf, len, mapped, item, ctx);
	yfast_free(y);
	return rc;
}
