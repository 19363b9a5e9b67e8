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
#include "ytree.h"

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
		ynode_read(fp, ytree_item, ytree_error, &a);
		fclose(fp);
		if (yfast_read(text.buf ? text.buf : "", text.len, 0, ytree_item, &b) < 0) {
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
