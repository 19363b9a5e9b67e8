/*
 * inputs.c -- the import's input files: the command line's paths, each directory expanded
 * to its *.yaml and *.yml files in name order. A path that cannot be read is reported here,
 * once, and not read; so is a directory's data file that is not a regular file (a FIFO
 * would block the import). A path named on the command line may be a pipe: it is read.
 */
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/util.h"
#include "import/internal.h"

static void add_file(struct inputs *in, const char *path, int skip, const struct dlt_import_origin *origin)
{
	DLT_GROW(in->files, in->n + 1, in->cap);
	in->skip = xrealloc(in->skip, in->cap);   /* (both grow with files) */
	in->origin = xrealloc(in->origin, in->cap * sizeof *in->origin);
	in->skip[in->n] = (unsigned char)skip;
	in->origin[in->n] = origin;
	in->files[in->n++] = xstrdup(path);
}

/* Add a path that is reported and not read. */
static void add_failed(struct inputs *in, const char *path, struct problems *probs, const char *why)
{
	add_file(in, path, 1, NULL);
	problem_at(probs, (struct where){in->n - 1, 0, 0}, SEQ(PH_COLLECT, 0, probs->n), "%s", why);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A data file's name: *.yaml or *.yml, not hidden. */
static int is_yaml_name(const char *name)
{
	size_t n = strlen(name);
	if (name[0] == '.')
		return 0;
	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) || (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

/* The data files of directory d, sorted; *n gets their number. */
static char **yaml_names(DIR *d, size_t *n)
{
	char **names = NULL;
	size_t cap = 0;
	struct dirent *e;
	*n = 0;
	while ((e = readdir(d))) {
		if (!is_yaml_name(e->d_name))
			continue;
		DLT_GROW(names, *n + 1, cap);
		names[(*n)++] = xstrdup(e->d_name);
	}
	if (*n)   /* names is NULL when there are none: qsort(NULL, ...) is undefined */
		qsort(names, *n, sizeof *names, cmp_str);
	return names;
}

void inputs_collect(struct inputs *in, const char *path, const struct dlt_import_origin *origin,
		    struct problems *probs)
{
	assert(in && path && probs);
	struct stat st;
	if (stat(path, &st) < 0) {
		add_failed(in, path, probs, strerror(errno));
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		add_file(in, path, 0, origin);
		return;
	}
	DIR *d = opendir(path);
	if (!d) {
		add_failed(in, path, probs, strerror(errno));
		return;
	}
	size_t n;
	char **names = yaml_names(d, &n);
	closedir(d);
	size_t plen = strlen(path);
	for (size_t i = 0; i < n; i++) {
		struct strbuf sb = {0};
		sb_add(&sb, path);
		if (plen && path[plen - 1] != '/')
			sb_addc(&sb, '/');
		sb_add(&sb, names[i]);
		/* a FIFO or a device among the data files would block or never end the import */
		if (stat(sb_str(&sb), &st) < 0)
			add_failed(in, sb_str(&sb), probs, strerror(errno));
		else if (!S_ISREG(st.st_mode))
			add_failed(in, sb_str(&sb), probs, S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
		else
			add_file(in, sb_str(&sb), 0, NULL);
		sb_free(&sb);
		free(names[i]);
	}
	free(names);
	if (n == 0)
		add_failed(in, path, probs, "no .yaml or .yml files in this directory");
}

long long inputs_bytes(const struct inputs *in)
{
	long long bytes = 0;
	for (size_t i = 0; i < in->n; i++) {
		struct stat st;
		if (!in->skip[i] && stat(in->files[i], &st) == 0 && S_ISREG(st.st_mode))
			bytes += st.st_size;
	}
	return bytes;
}

void inputs_free(struct inputs *in)
{
	for (size_t i = 0; i < in->n; i++)
		free(in->files[i]);
	free(in->files);
	free(in->skip);
	free(in->origin);
	memset(in, 0, sizeof *in);
}
