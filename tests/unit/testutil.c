/*
 * testutil.c -- see testutil.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "import/import.h"

#ifndef DLT_TEST_FIXTURES
#error "DLT_TEST_FIXTURES must name tests/fixtures"
#endif

char *tu_mkdtemp(void)
{
	const char *base = getenv("TMPDIR");
	struct strbuf sb = {0};
	sb_addf(&sb, "%s/dlt-test-XXXXXX", base && *base ? base : "/tmp");
	char *path = sb_detach(&sb);
	if (!mkdtemp(path))
		fail_msg("mkdtemp %s: %s", path, strerror(errno));
	return path;
}

void tu_rmtree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	chmod(path, 0700);
	DIR *d = opendir(path);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char *p = tu_path(path, e->d_name);
			tu_rmtree(p);
			free(p);
		}
		closedir(d);
	}
	rmdir(path);
}

char *tu_path(const char *dir, const char *name)
{
	struct strbuf sb = {0};
	sb_addf(&sb, "%s/%s", dir, name);
	return sb_detach(&sb);
}

void tu_write(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");
	if (!fp)
		fail_msg("cannot write %s: %s", path, strerror(errno));
	if (len && fwrite(data, 1, len, fp) != len)
		fail_msg("short write to %s", path);
	if (fclose(fp) != 0)
		fail_msg("cannot close %s", path);
}

void tu_write_str(const char *path, const char *text)
{
	tu_write(path, text, strlen(text));
}

char *tu_read(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		fail_msg("cannot read %s: %s", path, strerror(errno));
	struct strbuf sb = {0};
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		sb_addn(&sb, buf, n);
	fclose(fp);
	if (len)
		*len = sb.len;
	return sb_detach(&sb);
}

void tu_copy(const char *from, const char *to)
{
	size_t len;
	char *data = tu_read(from, &len);
	tu_write(to, data, len);
	free(data);
}

size_t tu_count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		fail_msg("cannot list %s: %s", dir, strerror(errno));
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

int tu_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

void tu_snapshot_take(struct tu_snapshot *s, const char *path)
{
	memset(s, 0, sizeof *s);
	s->path = xstrdup(path);
	struct stat st;
	if (stat(path, &st) == 0) {
		s->mtime = st.st_mtim;
		if (S_ISREG(st.st_mode))
			s->data = tu_read(path, &s->len);
	}
	char *dir = dir_of(path);
	s->dir_entries = tu_count_entries(dir);
	free(dir);
}

void tu_snapshot_check(const struct tu_snapshot *s)
{
	struct stat st;
	if (s->data) {
		if (stat(s->path, &st) != 0)
			fail_msg("%s disappeared", s->path);
		assert_int_equal(st.st_mtim.tv_sec, s->mtime.tv_sec);
		assert_int_equal(st.st_mtim.tv_nsec, s->mtime.tv_nsec);
		size_t len;
		char *now = tu_read(s->path, &len);
		assert_int_equal(len, s->len);
		assert_memory_equal(now, s->data, len);
		free(now);
	}
	char *dir = dir_of(s->path);
	assert_int_equal(tu_count_entries(dir), s->dir_entries);
	free(dir);
}

void tu_snapshot_free(struct tu_snapshot *s)
{
	free(s->data);
	free(s->path);
	memset(s, 0, sizeof *s);
}

char *tu_build_fixture_db(const char *dir, const char *name)
{
	char *out = tu_path(dir, name);
	const char *paths[] = {DLT_TEST_FIXTURES "/mini"};
	struct tu_capture cap;
	tu_capture_open(&cap);
	struct dlt_import_opts opts = {.out = out, .errors = cap.fp, .quiet = 1};
	size_t n = dlt_import(paths, 1, &opts);
	const char *errors = tu_capture_close(&cap);
	if (n != 0 || *errors)
		fail_msg("importing the fixture failed:\n%s", errors);
	tu_capture_free(&cap);
	return out;
}

void tu_capture_open(struct tu_capture *c)
{
	memset(c, 0, sizeof *c);
	c->fp = open_memstream(&c->buf, &c->len);
	if (!c->fp)
		fail_msg("open_memstream: %s", strerror(errno));
}

const char *tu_capture_close(struct tu_capture *c)
{
	if (c->fp) {
		fclose(c->fp);
		c->fp = NULL;
	}
	return c->buf ? c->buf : "";
}

void tu_capture_free(struct tu_capture *c)
{
	if (c->fp)
		fclose(c->fp);
	free(c->buf);
	memset(c, 0, sizeof *c);
}

void tu_fixture_open(struct tu_fixture *f)
{
	f->dir = tu_mkdtemp();
	f->path = tu_build_fixture_db(f->dir, "mini.db");
	struct strbuf err = {0};
	f->db = dlt_db_open_file(f->path, &err);
	if (!f->db)
		fail_msg("open %s: %s", f->path, sb_str(&err));
	sb_free(&err);
}

void tu_fixture_close(struct tu_fixture *f)
{
	dlt_db_close(f->db);
	tu_rmtree(f->dir);
	free(f->dir);
	free(f->path);
	memset(f, 0, sizeof *f);
}

void tu_filter(int argc, char **argv)
{
	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
}
