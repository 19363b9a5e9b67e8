/*
 * fuzz_db.c -- the database opener (db/) and everything that reads a database (model/,
 * cli/, and the browser headless), on random and mutated database files.
 *
 * Input: the bytes of a --db file. The opener must accept it or refuse it with one line
 * naming the file; an accepted file is then read the way every command and the browser
 * read it -- summary, periods, years, paging both ways, filtered views, milestones with
 * their links and detail fields, lookup, search, `export` in every format, the charts,
 * lineage, paths and tags, and a scripted walk through the browser's screens (the chart,
 * lineage and path ones too: a years row once made the chart write before its buffer). Damage may make any of these fail, but never crash,
 * and the file must be unchanged afterwards, with no journal beside it: the database is
 * opened read-only whatever it contains.
 */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "db/db.h"
#include "fuzz.h"
#include "model/detail.h"
#include "model/find.h"
#include "model/model.h"
#include "model/view.h"
#include "model/search.h"
#include "tui/tui.h"

static char db_path[600], keys_path[600], journal_path[700];

/* A walk through the browser: list, detail, links, history, search, pickers, help, the
 * charts (c, Tab), lineage both ways (a), a path (p, completion, Tab). */
static const char walk[] =
	"jjj<PgDn>G<Up>g<Enter><Tab><Tab><Enter><Backspace><Right>H<Esc>"
	"/the<Enter>nN<Esc>y1990<Enter>]e<Enter>}f<Down><Enter>F?<PgDn>q"
	"c<Right><Right><Enter>Fc<Tab><Tab><Tab>q"
	"G<Up>ajza<Enter>qgjpa<Tab><Enter><Tab><Enter>qq";

/* The signals the browser catches to end cleanly (tui/term.c): put back after each run,
 * so that libFuzzer's own SIGALRM (its -timeout) and SIGINT keep working. */
static const int caught[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM,
			     SIGXCPU, SIGXFSZ, SIGPIPE};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	char p[600];
	setenv("HOME", fuzz_scratch_dir(), 1);
	setenv("XDG_CONFIG_HOME", fuzz_path(p, sizeof p, "no-config"), 1);
	setenv("XDG_STATE_HOME", fuzz_path(p, sizeof p, "state"), 1);
	setenv("XDG_DATA_HOME", fuzz_path(p, sizeof p, "data"), 1);
	setenv("BROWSER", "true", 1);
	unsetenv("DLTIMELINE_DB");
	setlocale(LC_ALL, "C.UTF-8");
	fuzz_path(db_path, sizeof db_path, "fuzz.db");
	snprintf(journal_path, sizeof journal_path, "%s-journal", db_path);
	fuzz_write_file(fuzz_path(keys_path, sizeof keys_path, "walk.keys"), (const uint8_t *)walk,
			sizeof walk - 1);
	/* export writes to stdout: keep it quiet */
	if (!freopen("/dev/null", "w", stdout))
		abort();
	return 0;
}

static void read_milestone(struct dlt_db *db, int64_t id)
{
	struct dlt_milestone m;
	if (dlt_milestone_load(db, id, &m) == 0) {
		struct dlt_field *f;
		size_t n = dlt_detail_fields(&m, &f);
		dlt_fields_free(f, n);
		free(dlt_milestone_link(&m));
		int64_t ids[4];
		if (m.row.slug)
			dlt_lookup(db, m.row.slug, ids, 4);
		dlt_milestone_clear(&m);
	}
	struct dlt_link *l;
	size_t n = dlt_links_load(db, id, 1, &l);
	dlt_links_free(l, n);
	n = dlt_links_load(db, id, -1, &l);
	dlt_links_free(l, n);
}

static void read_view(struct dlt_db *db, const struct dlt_filter *f)
{
	struct dlt_view *v = dlt_view_new(db, f);
	struct dlt_row rows[6];
	dlt_view_count(v);
	size_t n = dlt_view_fetch(v, 0, 1, 6, rows);
	for (size_t i = 0; i < n; i++) {
		if (i == 0) {
			dlt_view_rank(v, rows[i].id);
			dlt_view_contains(v, rows[i].id);
			read_milestone(db, rows[i].id);
		}
		dlt_row_clear(&rows[i]);
	}
	n = dlt_view_fetch(v, INT64_MAX, -1, 6, rows);
	for (size_t i = 0; i < n; i++)
		dlt_row_clear(&rows[i]);
	dlt_view_first_from_year(v, 1990);
	dlt_view_free(v);
	dlt_db_clear_error(db);
}

static void read_all(struct dlt_db *db)
{
	struct dlt_summary s;
	dlt_summary_load(db, &s);   /* filled even when it fails */
	dlt_summary_clear(&s);
	struct dlt_period *p[3];
	size_t np[3];
	for (int k = 0; k < 3; k++)
		np[k] = dlt_periods_load(db, (enum dlt_period_kind)k, &p[k]);
	struct dlt_year *years, y;
	dlt_years_all(db, &years);
	free(years);
	dlt_year_near(db, 1990, 1, &y);
	dlt_year_near(db, 1990, -1, &y);
	dlt_db_clear_error(db);

	read_view(db, NULL);
	for (int k = 0; k < 3; k++)
		if (np[k]) {
			struct dlt_filter f = {0};
			if (k == 0)
				dlt_filter_add_era(&f, p[k][0].id);
			else if (k == 1)
				dlt_filter_add_paradigm(&f, p[k][0].id);
			else
				dlt_filter_add_tag(&f, p[k][0].id);
			read_view(db, &f);
			dlt_filter_add_kind(&f, "paper");   /* two criteria: a compound view */
			read_view(db, &f);
			dlt_filter_clear(&f);
		}
	struct dlt_filter f = {0};
	dlt_filter_add_kind(&f, "paper");
	read_view(db, &f);
	struct strbuf expr = {0};
	dlt_search_compile("the network", &expr);
	dlt_filter_set_query(&f, sb_str(&expr));
	f.year_from = 1950;
	read_view(db, &f);
	dlt_filter_clear(&f);
	struct dlt_scored *hits;
	int n = dlt_search_ranked(db, sb_str(&expr), 1, INT64_MAX, 10, &hits);
	if (n >= 0)
		free(hits);
	struct dlt_found found;
	struct strbuf err = {0};
	dlt_find(db, "netwrk author:a year:1950..2030 kind:paper", NULL, 10, 0, &found, &err);
	dlt_found_clear(&found);
	sb_free(&err);
	sb_free(&expr);
	for (int k = 0; k < 3; k++)
		dlt_periods_free(p[k], np[k]);
	dlt_db_clear_error(db);
}

/* The slug of the first (dir > 0) or last milestone, for lineage and path; NULL if none. */
static char *end_slug(struct dlt_db *db, int dir)
{
	struct dlt_view *v = dlt_view_new(db, NULL);
	struct dlt_row r;
	char *slug = NULL;
	if (dlt_view_fetch(v, dir > 0 ? 0 : INT64_MAX, dir, 1, &r) == 1) {
		slug = r.slug ? strdup(r.slug) : NULL;
		dlt_row_clear(&r);
	}
	dlt_view_free(v);
	dlt_db_clear_error(db);
	return slug;
}

static void run_cli(const char *a0, const char *a1, const char *a2)
{
	char *argv[] = {(char *)a0, (char *)a1, (char *)a2, NULL};
	int argc = a2 ? 3 : a1 ? 2 : 1;
	struct cli_global g = {.db_path = db_path, .no_state = 1};
	cli_run(argc, argv, &g);
	fflush(stdout);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db_path[0])
		LLVMFuzzerInitialize(NULL, NULL);
	fuzz_write_file(db_path, data, size);
	struct strbuf err = {0};
	struct dlt_db *db = dlt_db_open_file(db_path, &err);
	if (!db) {
		/* one line, naming the file */
		FUZZ_CHECK(err.len > 0 && !strchr(sb_str(&err), '\n'));
		FUZZ_CHECK(strncmp(sb_str(&err), db_path, strlen(db_path)) == 0);
	} else {
		read_all(db);
		char *first = end_slug(db, 1), *last = end_slug(db, -1);
		dlt_db_close(db);
		run_cli("export", "--format", "json");
		run_cli("export", "--format", "markdown");
		run_cli("export", "--format", "csv");
		run_cli("list", NULL, NULL);
		run_cli("search", "learning", NULL);
		run_cli("links", "a", NULL);
		run_cli("eras", NULL, NULL);
		run_cli("chart", NULL, NULL);
		run_cli("chart", "params", NULL);
		run_cli("chart", "compute", NULL);
		run_cli("lineage", last ? last : "a", NULL);
		run_cli("lineage", first ? first : "a", NULL);
		run_cli("path", first ? first : "a", last ? last : "b");
		free(first);
		free(last);
		run_cli("tags", NULL, NULL);
		run_cli("export", "--format", "dot");
		run_cli("export", "--format", "mermaid");
		struct tui_options o = {.db_path = db_path, .script = keys_path, .dump = "/dev/null",
					.width = 130, .height = 30};
		struct sigaction saved[sizeof caught / sizeof caught[0]];
		for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
			sigaction(caught[i], NULL, &saved[i]);
		tui_run(&o);
		o.width = 80;
		tui_run(&o);
		for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
			sigaction(caught[i], &saved[i], NULL);
	}
	sb_free(&err);
	/* read-only: the file is exactly what was written, and no journal appeared */
	FILE *fp = fopen(db_path, "rb");
	FUZZ_CHECK(fp != NULL);
	uint8_t *back = malloc(size + 1);
	FUZZ_CHECK(back != NULL);
	FUZZ_CHECK(fread(back, 1, size + 1, fp) == size && (size == 0 || memcmp(back, data, size) == 0));
	free(back);
	fclose(fp);
	FUZZ_CHECK(access(journal_path, F_OK) != 0);
	return 0;
}
