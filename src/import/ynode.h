/*
 * ynode.h -- a streaming YAML reader built on libyaml's event API.
 *
 * A data file is a mapping of sections ("title", "eras", "milestones", ...). The reader walks
 * it event by event and hands each top-level scalar, and each element of a top-level
 * sequence, to a callback as a small tree of nodes with their positions. The tree is freed
 * as soon as the callback returns, so memory stays bounded however large the file is.
 */
#ifndef DLT_YNODE_H
#define DLT_YNODE_H

#include <stddef.h>
#include <stdio.h>

enum ynode_type { YN_SCALAR, YN_SEQ, YN_MAP };

struct ynode {
	enum ynode_type type;
	char *key;             /* for a mapping member: its key; else NULL */
	unsigned key_line;     /* position of the key (1-based); 0 when no key */
	unsigned key_col;
	char *value;           /* scalar text (NUL-terminated; may contain no NUL) */
	size_t value_len;
	int plain;             /* scalar was unquoted (so "123" typed as a number is possible) */
	int in_list;           /* an element of a top-level list, handed to item() on its own */
	unsigned line, col;    /* position of the value (1-based) */
	struct ynode *child;   /* first member / element */
	struct ynode *next;    /* next sibling */
};

/* Limits that keep hostile input bounded. */
#define YNODE_MAX_DEPTH 16
#define YNODE_MAX_SCALAR (64 * 1024)

/* Called for each top-level entry. `section` is the top-level key; `node` is the scalar value
 * (for scalar sections) or one sequence element. Returns nothing; errors go through `err`. */
typedef void (*ynode_item_fn)(void *ctx, const char *section, unsigned sec_line, unsigned sec_col,
			      const struct ynode *node);
/* Called for each problem: position (1-based, 0 = unknown) and a message. */
typedef void (*ynode_error_fn)(void *ctx, unsigned line, unsigned col, const char *msg);

/* Read the YAML stream from fp. Calls item() for each entry and error() for each problem
 * (syntax errors and nesting deeper than YNODE_MAX_DEPTH stop the file; structural problems
 * skip the entry). Returns the number of errors reported. */
size_t ynode_read(FILE *fp, ynode_item_fn item, ynode_error_fn error, void *ctx);

/* Free a tree (NULL is fine). */
void ynode_free(struct ynode *n);

#endif
