/*
 * export.c -- see export.h.
 */
#include "tui/export.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"

size_t export_contents(struct app *app, struct view_contents *c)
{
	memset(c, 0, sizeof *c);
	for (int i = app->nstack - 1; i >= 0; i--) {
		struct view *v = &app->stack[i];
		if (v->ops && v->ops->contents)
			return v->ops->contents(app, v, c);
	}
	return app->timeline.ops->contents ? app->timeline.ops->contents(app, &app->timeline, c) : 0;
}

void export_contents_free(struct view_contents *c)
{
	for (size_t i = 0; c->notes && i < c->n; i++)
		free(c->notes[i]);
	free(c->notes);
	free(c->ids);
	memset(c, 0, sizeof *c);
}

int export_format_of(const char *path)
{
	static const struct { const char *end; enum dlt_doc_format f; } ends[] = {
		{".md", DLT_DOC_MARKDOWN}, {".markdown", DLT_DOC_MARKDOWN},
		{".bib", DLT_DOC_BIBTEX}, {".json", DLT_DOC_CSL_JSON},
	};
	size_t len = strlen(path);
	for (size_t i = 0; i < DLT_ARRAY_LEN(ends); i++) {
		size_t n = strlen(ends[i].end);
		if (len > n && strcmp(path + len - n, ends[i].end) == 0)
			return (int)ends[i].f;
	}
	return -1;
}

int export_write(struct app *app, const struct view_contents *c, const char *path, enum dlt_doc_format f,
		 char *msg, size_t size)
{
	assert(path && f < DLT_DOC__COUNT);
	struct strbuf full = {0};
	const char *home = getenv("HOME");
	if (str_starts(path, "~/") && home && *home)
		sb_addf(&full, "%s/%s", home, path + 2);
	else
		sb_add(&full, path);
	const char *file = sb_str(&full);
	int rc = -1;
	int fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	FILE *out = fd < 0 ? NULL : fdopen(fd, "w");
	if (fd < 0 && errno == EEXIST) {
		snprintf(msg, size, "%s exists: not replaced (type another name)", path);
		rc = 1;
	} else if (!out) {
		snprintf(msg, size, "Cannot write %s: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(file);
		}
	} else {
		errno = 0;
		int wrote = dlt_reflist_write(app->db, f, c->title, c->ids, c->notes, c->n, out);
		int err = wrote < 0 ? (errno ? errno : EIO) : 0;
		if (fclose(out) != 0 && !err)
			err = errno ? errno : EIO;
		if (err) {
			unlink(file);
			snprintf(msg, size, "Cannot write %s: %s", path, dlt_db_failed(app->db) ? "database error" : strerror(err));
		} else {
			char *real = realpath(file, NULL);
			snprintf(msg, size, "Wrote %zu milestone%s (%s) to %s", c->n, c->n == 1 ? "" : "s", dlt_doc_name(f),
				 real ? real : file);
			free(real);
			rc = 0;
		}
	}
	sb_free(&full);
	return rc;
}
