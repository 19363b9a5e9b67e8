/*
 * timing.c -- DLTIMELINE_IMPORT_TIMING=1: the wall time, CPU time (all threads) and peak
 * memory of each phase of an import, on stderr, to see where an import's time goes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "import/internal.h"

double timing_now(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void timing_start(struct timing *t)
{
	const char *e = getenv("DLTIMELINE_IMPORT_TIMING");
	t->on = e && *e && strcmp(e, "0") != 0;
	t->wall = timing_now(CLOCK_MONOTONIC);
	t->cpu = timing_now(CLOCK_PROCESS_CPUTIME_ID);
}

/* The peak resident set of the process so far, in kB (0 when unknown). */
static long peak_kb(void)
{
	long hwm = 0;
	FILE *fp = fopen("/proc/self/status", "r");
	if (fp) {
		char line[128];
		while (fgets(line, sizeof line, fp))
			if (sscanf(line, "VmHWM: %ld", &hwm) == 1)
				break;
		fclose(fp);
	}
	return hwm;
}

void timing_phase(struct timing *t, const char *name)
{
	if (!t->on)
		return;
	double w = timing_now(CLOCK_MONOTONIC), c = timing_now(CLOCK_PROCESS_CPUTIME_ID);
	fprintf(stderr, "import: %-26s %8.2f s wall %8.2f s cpu %6ld MB peak\n", name, w - t->wall, c - t->cpu,
		peak_kb() / 1024);
	t->wall = w;
	t->cpu = c;
}
