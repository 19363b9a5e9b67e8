/*
 * problems.c -- the importer's problem list: one way to add a problem (problem_at), the
 * order they are printed in, and the printing itself.
 *
 * Each thread adds to a list of its own; the lists share one flag that says "some problem
 * was found" (the import will fail), which the writer reads to stop writing early. At the
 * end the lists are merged, sorted by file, line, column and then `seq` (see SEQ in
 * internal.h), and printed as "file:line:column: message" lines.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/util.h"
#include "import/internal.h"

struct problem *problem_at(struct problems *pl, struct where at, uint64_t seq, const char *fmt, ...)
{
	assert(pl && fmt);
	DLT_GROW(pl->v, pl->n + 1, pl->cap);
	struct strbuf sb = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	struct problem *p = &pl->v[pl->n++];
	/* messages quote the data (keys, ids, values): one printable line, whatever it holds */
	*p = (struct problem){at, seq, utf8_sanitize(sb_str(&sb), sb.len, 0), 0, 0};
	sb_free(&sb);
	if (pl->any)
		atomic_store(pl->any, 1);
	return p;
}

void problem_first_defined(struct problem *p, size_t file, unsigned line)
{
	assert(p && line > 0);
	p->first_file = file;
	p->first_line = line;
}

int problems_any(const struct problems *pl)
{
	return pl->any ? atomic_load(pl->any) : pl->n > 0;
}

void problems_truncate(struct problems *pl, size_t n)
{
	assert(n <= pl->n);
	while (pl->n > n)
		free(pl->v[--pl->n].msg);
}

void problems_take(struct problems *to, struct problems *from)
{
	DLT_GROW(to->v, to->n + from->n, to->cap);
	if (from->n)
		memcpy(to->v + to->n, from->v, from->n * sizeof *from->v);
	to->n += from->n;
	free(from->v);
	from->v = NULL;
	from->n = from->cap = 0;
}

void problems_free(struct problems *pl)
{
	for (size_t i = 0; i < pl->n; i++)
		free(pl->v[i].msg);
	free(pl->v);
	pl->v = NULL;
	pl->n = pl->cap = 0;
}

/* The order problems are printed in: file, line, column, seq. */
static int problem_cmp(const void *a, const void *b)
{
	const struct problem *p = a, *q = b;
	if (p->at.file != q->at.file)
		return p->at.file < q->at.file ? -1 : 1;
	if (p->at.line != q->at.line)
		return p->at.line < q->at.line ? -1 : 1;
	if (p->at.col != q->at.col)
		return p->at.col < q->at.col ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* File i's name as it may reach a terminal: one printable line (a name can hold escape
 * sequences and newlines), made once and kept in shown[i]. */
static const char *shown_name(char **shown, char *const *files, size_t nfiles, size_t i)
{
	if (i >= nfiles)
		return "dltimeline";
	if (!shown[i])
		shown[i] = utf8_sanitize(files[i], strlen(files[i]), 0);
	return shown[i];
}

void problems_print(struct problems *pl, FILE *out, char *const *files, size_t nfiles)
{
	if (pl->n)
		qsort(pl->v, pl->n, sizeof *pl->v, problem_cmp);
	char **shown = xcalloc(nfiles + 1, sizeof *shown);
	/* in blocks: stderr is unbuffered, and a write per line costs more than the line */
	struct strbuf sb = {0};
	for (size_t i = 0; i < pl->n; i++) {
		const struct problem *p = &pl->v[i];
		const char *f = shown_name(shown, files, nfiles, p->at.file);
		if (p->at.line)
			sb_addf(&sb, "%s:%u:%u: %s", f, p->at.line, p->at.col, p->msg);
		else
			sb_addf(&sb, "%s: %s", f, p->msg);
		if (p->first_line)
			sb_addf(&sb, " (first defined in %s line %u)", shown_name(shown, files, nfiles, p->first_file),
				p->first_line);
		sb_addc(&sb, '\n');
		if (sb.len >= 64 * 1024 || i + 1 == pl->n) {
			fwrite(sb.buf, 1, sb.len, out);
			sb_reset(&sb);
		}
	}
	sb_free(&sb);
	for (size_t i = 0; i < nfiles; i++)
		free(shown[i]);
	free(shown);
}
