/*
 * files.c -- the files an import makes besides its output: scratch files, removed as soon
 * as they are made, that hold what would not fit in memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/util.h"
#include "import/internal.h"

#define SCRATCH_BUFFER (64 * 1024)  /* stdio buffer of a scratch file: fewer system calls */

FILE *scratch_file(const char *prefix)
{
	struct strbuf sb = {0};
	sb_addf(&sb, "%s-scratch-XXXXXX", prefix);
	int fd = mkstemp(sb.buf);
	FILE *fp = NULL;
	if (fd >= 0) {
		unlink(sb.buf);
		fp = fdopen(fd, "w+b");
		if (!fp)
			close(fd);
		else
			setvbuf(fp, NULL, _IOFBF, SCRATCH_BUFFER);
	}
	sb_free(&sb);
	return fp;
}
