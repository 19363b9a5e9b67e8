/*
 * yfast_same.c -- the fast YAML reader (import/yfast) hands over exactly the trees that
 * libyaml through ynode does: for each file given, both read it and every entry is compared
 * node by node (type, key, value, quoting, positions). Files yfast declines are counted, not
 * compared (libyaml reads those).
 *
 *   yfast_same FILE...      exit 0 when every file yfast accepted came out the same
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"
#include "import/yfast.h"
#include "import/ynode.h"

static void dump(struct strbuf *sb, const struct ynode *n, int depth)
{
	for (; n; n = n->next) {
		sb_addf(sb, "%*s%d %s@%u:%u %u:%u p%d l%d", depth * 2, "", (int)n->type, n->key ? n->key : "-",
			n->key_line, n->key_col, n->line, n->col, n->plain, n->in_list);
		if (n->type == YN_SCALAR)
			sb_addf(sb, " [%zu:%s]", n->value_len, n->value);
		sb_addc(sb, '\n');
		dump(sb, n->child, depth + 1);
	}
}

static void item(void *ctx, const char *section, unsigned sl, unsigned sc, const struct ynode *n)
{
	struct strbuf *sb = ctx;
	sb_addf(sb, "== %s %u:%u\n", section, sl, sc);
	dump(sb, n, 1);
}

static void error(void *ctx, unsigned line, unsigned col, const char *msg)
{
	struct strbuf *sb = ctx;
	sb_addf(sb, "!! %u:%u %s\n", line, col, msg);
}

int main(int argc, char **argv)
{
	int same = 0, declined = 0, differ = 0;
	for (int i = 1; i < argc; i++) {
		FILE *fp = fopen(argv[i], "rb");
		if (!fp) {
			perror(argv[i]);
			return 2;
		}
		struct strbuf text = {0}, a = {0}, b = {0};
		char buf[65536];
		size_t n;
		while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
			sb_addn(&text, buf, n);
		rewind(fp);
		ynode_read(fp, item, error, &a);
		fclose(fp);
		if (yfast_read(text.buf ? text.buf : "", text.len, 0, item, &b) < 0) {
			declined++;
		} else if (strcmp(sb_str(&a), sb_str(&b)) != 0) {
			differ++;
			printf("DIFFERENT: %s\n--- libyaml\n%.2000s--- yfast\n%.2000s", argv[i], sb_str(&a), sb_str(&b));
		} else {
			same++;
		}
		sb_free(&text);
		sb_free(&a);
		sb_free(&b);
	}
	printf("%d files read the same, %d declined (libyaml reads them), %d different\n", same, declined, differ);
	return differ ? 1 : 0;
}
