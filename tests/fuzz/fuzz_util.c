/*
 * fuzz_util.c -- see fuzz.h.
 */
#include "fuzz.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char scratch[512];

/* Remove path and, for a directory, everything in it (the harnesses make subdirectories). */
static void remove_tree(const char *path)
{
	struct stat st;
	DIR *d = lstat(path, &st) == 0 && S_ISDIR(st.st_mode) ? opendir(path) : NULL;
	if (!d) {
		unlink(path);   /* (a link is removed, never followed) */
		return;
	}
	struct dirent *e;
	char p[1024];
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(p, sizeof p, "%s/%s", path, e->d_name);
			remove_tree(p);
		}
	closedir(d);
	rmdir(path);
}

static void remove_scratch(void)
{
	remove_tree(scratch);
}

const char *fuzz_scratch_dir(void)
{
	if (!scratch[0]) {
		const char *t = getenv("TMPDIR");
		snprintf(scratch, sizeof scratch, "%s/dlt-fuzz-XXXXXX", t && *t ? t : "/tmp");
		if (!mkdtemp(scratch)) {
			perror("fuzz: mkdtemp");
			abort();
		}
		atexit(remove_scratch);
	}
	return scratch;
}

char *fuzz_path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", fuzz_scratch_dir(), name);
	return buf;
}

void fuzz_write_file(const char *path, const uint8_t *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		perror(path);
		abort();
	}
	while (size) {
		ssize_t n = write(fd, data, size);
		if (n <= 0) {
			perror(path);
			abort();
		}
		data += n;
		size -= (size_t)n;
	}
	close(fd);
}

void fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: fuzz check failed: %s\n", file, line, what);
	abort();
}
