/*
 * findbench.c -- what the ranking (model/find.h) costs, for tests/bench/run.sh.
 *
 *   dltimeline-findbench DB type WORD        each keystroke of typing WORD into '/': the
 *                                            ranked list of every prefix (DLT_FIND_QUICK,
 *                                            8 rows), then the complete ranking of WORD
 *   dltimeline-findbench DB query TEXT       one whole search of TEXT (20 rows)
 *
 * Prints "median_ms=M max_ms=X full_ms=F" (type) or "median_ms=M" (query): CPU time of the
 * process (user + system), the median of 5 runs of each call after one to warm the cache.
 * Drawing is not included: the key rows of run.sh measure the screen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "model/find.h"

#define RUNS 5

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The median CPU time of RUNS calls of dlt_find (after one more to warm up). */
static double time_find(struct dlt_db *db, const char *text, size_t limit, unsigned flags)
{
	double t[RUNS];
	for (int r = -1; r < RUNS; r++) {
		struct dlt_found f;
		struct strbuf err = {0};
		double t0 = cpu_ms();
		int rc = dlt_find(db, text, NULL, limit, flags, &f, &err);
		double dt = cpu_ms() - t0;
		if (rc < -1) {
			fprintf(stderr, "findbench: %s: %s\n", text, dlt_db_error(db));
			exit(1);
		}
		dlt_found_clear(&f);
		sb_free(&err);
		if (r >= 0)
			t[r] = dt;
	}
	qsort(t, RUNS, sizeof t[0], cmp_double);
	return t[RUNS / 2];
}

int main(int argc, char **argv)
{
	if (argc != 4 || (strcmp(argv[2], "type") != 0 && strcmp(argv[2], "query") != 0)) {
		fprintf(stderr, "usage: dltimeline-findbench DB type WORD | DB query TEXT\n");
		return 2;
	}
	struct strbuf err = {0};
	struct dlt_db *db = dlt_db_open_file(argv[1], &err);
	if (!db) {
		fprintf(stderr, "findbench: %s\n", sb_str(&err));
		return 2;
	}
	if (strcmp(argv[2], "query") == 0) {
		printf("median_ms=%.3f\n", time_find(db, argv[3], 20, 0));
	} else {
		size_t n = strlen(argv[3]);
		double *t = calloc(n, sizeof *t), max = 0;
		for (size_t i = 1; i <= n; i++) {
			char *prefix = strndup(argv[3], i);
			t[i - 1] = time_find(db, prefix, 8, DLT_FIND_QUICK);
			if (t[i - 1] > max)
				max = t[i - 1];
			free(prefix);
		}
		double full = time_find(db, argv[3], 8, 0);
		qsort(t, n, sizeof *t, cmp_double);
		printf("median_ms=%.3f max_ms=%.3f full_ms=%.3f\n", t[n / 2], max, full);
		free(t);
	}
	dlt_db_close(db);
	sb_free(&err);
	return 0;
}
