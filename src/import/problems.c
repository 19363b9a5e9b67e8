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
#include "import/import.h"
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
 * sequences and newlines), made once and kept in shown[i]; a made file's is its origin's. */
static const char *shown_name(char **shown, const struct inputs *in, size_t i)
{
	if (i >= in->n)
		return "dltimeline";
	if (!shown[i]) {
		const char *name = in->origin[i] ? in->origin[i]->name : in->files[i];
		shown[i] = utf8_sanitize(name, strlen(name), 0);
	}
	return shown[i];
}

/* Line `line` of file i as a line of what it was made from: that of the entry it is in (0:
 * before the first, or not known); the line itself for a file not made from another. */
static unsigned source_line(const struct inputs *in, size_t i, unsigned line)
{
	const struct dlt_import_origin *o = i < in->n ? in->origin[i] : NULL;
	if (!o)
		return line;
	size_t lo = 0, hi = o->n;   /* the entries starting on or before the line: at[0..lo) */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (o->at[mid].made <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? o->at[lo - 1].src : 0;
}

void problems_print(struct problems *pl, FILE *out, const struct inputs *in)
{
	if (pl->n)
		qsort(pl->v, pl->n, sizeof *pl->v, problem_cmp);
	char **shown = xcalloc(in->n + 1, sizeof *shown);
	/* in blocks: stderr is unbuffered, and a write per line costs more than the line */
	struct strbuf sb = {0};
	for (size_t i = 0; i < pl->n; i++) {
		const struct problem *p = &pl->v[i];
		const char *f = shown_name(shown, in, p->at.file);
		unsigned line = p->at.line ? source_line(in, p->at.file, p->at.line) : 0;
		int made = p->at.file < in->n && in->origin[p->at.file];
		if (line && !made)
			sb_addf(&sb, "%s:%u:%u: %s", f, line, p->at.col, p->msg);
		else if (line)
			sb_addf(&sb, "%s:%u: %s", f, line, p->msg);   /* (a column of the made file says nothing) */
		else
			sb_addf(&sb, "%s: %s", f, p->msg);
		unsigned first = p->first_line ? source_line(in, p->first_file, p->first_line) : 0;
		if (first)
			sb_addf(&sb, " (first defined in %s line %u)", shown_name(shown, in, p->first_file), first);
		sb_addc(&sb, '\n');
		if (sb.len >= 64 * 1024 || i + 1 == pl->n) {
			fwrite(sb.buf, 1, sb.len, out);
			sb_reset(&sb);
		}
	}
	sb_free(&sb);
	for (size_t i = 0; i < in->n; i++)
		free(shown[i]);
	free(shown);
}
