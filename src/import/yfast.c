/*
 * yfast.c -- see yfast.h. This file reads the lines and the block structure; yfast_flow.c
 * the values on one line; yfast_int.h holds what both use.
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
#include "import/yfast_int.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/utf8.h"
#include "core/util.h"

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
			if (eol(y, y->p) || yf_inline_value(y, &c, depth + 1) < 0)
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
			if (yf_inline_value(y, &c, depth + 1) < 0)
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

/* Hand node n (the build pass only) to item(), then forget it and its tree. */
static void hand_over(struct yfast *y, const char *section, unsigned sl, struct ynode *n)
{
	if (!n)
		return;
	y->item(y->ctx, section, sl, 1, n);
	arena_reset(y, 0);
}

/* The value of top-level key `section` (line sl), whose ':' y->p is just after. Returns the
 * indentation of the line after it, -1 at the end, -2 to decline. */
static int section_value(struct yfast *y, const char *section, unsigned sl)
{
	struct ynode *n = NULL;
	if (eol(y, y->p)) {   /* a block sequence or mapping on the lines below */
		int j = next_line(y);
		if (j <= 0)
			return -2;
		if (*y->p == '-' && y->p + 1 < y->end && y->p[1] == ' ')
			return block_seq(y, j, NULL, 1, y->build ? section : NULL, sl, 1);
		int ind = block_map(y, j, &n, 1);
		hand_over(y, section, sl, n);
		return ind;
	}
	y->p = skip_spaces(y, y->p);
	if (eol(y, y->p))
		return -2;
	int flow_seq = *y->p == '[';
	if (yf_inline_value(y, &n, 1) < 0)
		return -2;
	if (n && flow_seq) {
		/* a top-level flow sequence: its elements one by one, like a block one */
		struct ynode *c = n->child;
		while (c) {
			struct ynode *next = c->next;
			c->next = NULL;
			c->in_list = 1;
			y->item(y->ctx, section, sl, 1, c);
			c = next;
		}
		arena_reset(y, 0);
	} else {
		hand_over(y, section, sl, n);
	}
	int ind = next_line(y);
	return ind > 0 ? -2 : ind;
}

/* One pass over the text; the second (build) calls item(). 0, or -1 to decline. */
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
		ind = next_line(y);   /* (-2: an indented comment) */
	} else {
		y->p = q;
		ind = (int)(q - y->bol);
	}
	while (ind == 0) {
		const char *key = y->p;
		size_t klen = key_len(y, key, 0);
		char section[64];
		if (!klen || klen >= sizeof section)
			return -1;
		memcpy(section, key, klen);
		section[klen] = '\0';
		y->p = key + klen + 1;
		ind = section_value(y, section, y->line);
	}
	return ind == -1 ? 0 : -1;
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
