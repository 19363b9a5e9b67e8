/*
 * fuzz_yfast.c -- the fast YAML reader (import/yfast) against libyaml on arbitrary bytes.
 *
 * Input: the text of one data file. yfast either declines it, having handed nothing over, or
 * hands over exactly the trees that libyaml through ynode builds from the same text: every
 * node's type, key, value, quoting and position (the comparison of tests/perf/yfast_same,
 * which runs it over the real data), and a reader used again gives the same answer. yfast
 * reads the bytes where they are, with no NUL after them, so a read past the end is a finding
 * under AddressSanitizer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../perf/ytree.h"
#include "fuzz.h"
#include "import/yfast.h"

static void count_item(void *ctx, const char *section, unsigned sl, unsigned sc, const struct ynode *n)
{
	(void)section, (void)sl, (void)sc, (void)n;
	(*(int *)ctx)++;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a private copy of exactly `size` bytes: nothing readable after the end */
	char *text = malloc(size ? size : 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	struct strbuf fast = {0}, slow = {0};
	int rc = yfast_read(text, size, 0, ytree_item, &fast);
	if (rc < 0) {
		FUZZ_CHECK(fast.len == 0);   /* declining comes before any hand-over */
	} else {
		FILE *fp = size ? fmemopen(text, size, "rb") : fopen("/dev/null", "rb");
		FUZZ_CHECK(fp != NULL);
		ynode_read(fp, ytree_item, ytree_error, &slow);
		fclose(fp);
		if (fast.len != slow.len || memcmp(sb_str(&fast), sb_str(&slow), fast.len) != 0) {
			fprintf(stderr, "--- libyaml\n%s--- yfast\n%s", sb_str(&slow), sb_str(&fast));
			FUZZ_CHECK(!"yfast and libyaml read the same text differently");
		}
	}
	/* the same answer every time, also from a reader used before (a parser thread keeps one
	 * for all its files); a declined text hands nothing over */
	struct yfast *y = yfast_new();
	struct strbuf again = {0};
	int n = 0;
	FUZZ_CHECK(yfast_parse(y, text, size, 0, count_item, &n) == rc);
	FUZZ_CHECK(rc == 0 || n == 0);
	FUZZ_CHECK(yfast_parse(y, text, size, 0, ytree_item, &again) == rc);
	FUZZ_CHECK(again.len == fast.len && memcmp(sb_str(&again), sb_str(&fast), fast.len) == 0);
	sb_free(&again);
	yfast_free(y);
	sb_free(&fast);
	sb_free(&slow);
	free(text);
	return 0;
}
