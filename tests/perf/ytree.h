/*
 * ytree.h -- a text form of the trees the YAML readers hand over (type, key, value, quoting,
 * positions of every node), so that two readers can be compared: used by yfast_same and the
 * yfast fuzzing harness. item() and error() are ynode callbacks whose ctx is a strbuf.
 */
#ifndef DLT_YTREE_H
#define DLT_YTREE_H

#include "core/util.h"
#include "import/ynode.h"

static void ytree_dump(struct strbuf *sb, const struct ynode *n, int depth)
{
	for (; n; n = n->next) {
		sb_addf(sb, "%*s%d %s@%u:%u %u:%u p%d l%d", depth * 2, "", (int)n->type, n->key ? n->key : "-",
			n->key_line, n->key_col, n->line, n->col, n->plain, n->in_list);
		if (n->type == YN_SCALAR) {
			sb_addf(sb, " [%zu:", n->value_len);
			sb_addn(sb, n->value, n->value_len);
			sb_addc(sb, ']');
		}
		sb_addc(sb, '\n');
		ytree_dump(sb, n->child, depth + 1);
	}
}

static void ytree_item(void *ctx, const char *section, unsigned sl, unsigned sc, const struct ynode *n)
{
	struct strbuf *sb = ctx;
	sb_addf(sb, "== %s %u:%u\n", section, sl, sc);
	ytree_dump(sb, n, 1);
}

static void ytree_error(void *ctx, unsigned line, unsigned col, const char *msg)
{
	struct strbuf *sb = ctx;
	sb_addf(sb, "!! %u:%u %s\n", line, col, msg);
}

#endif
