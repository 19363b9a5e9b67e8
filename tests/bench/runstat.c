/*
 * runstat.c -- run a command several times and report what it cost, for tests/bench/run.sh.
 *
 *   dltimeline-runstat [-n RUNS] [-i STDIN_FILE] -- COMMAND [ARG...]
 *
 * Runs COMMAND RUNS times (default 5) with its output thrown away (into an unlinked temporary
 * file; stdin from STDIN_FILE, or /dev/null) and prints one line: the median wall time and the median CPU time (user +
 * system, from wait4's rusage) in milliseconds with microsecond precision, the median peak
 * resident set in KiB, and the number of runs, e.g. "wall_ms=3.412 cpu_ms=3.101 rss_kb=5120
 * runs=5". Exits 2 on usage errors, 1 when a run fails (not exit status 0 or 1).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	int runs = 5, i = 1;
	const char *in = "/dev/null";
	for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "-i") == 0 && i + 1 < argc)
			in = argv[++i];
		else
			break;
	}
	if (i >= argc || strcmp(argv[i], "--") != 0 || i + 1 >= argc || runs < 1 || runs > 1000) {
		fputs("usage: dltimeline-runstat [-n RUNS] [-i STDIN_FILE] -- COMMAND [ARG...]\n", stderr);
		return 2;
	}
	char **cmd = argv + i + 1;
	double *wall = calloc((size_t)runs, sizeof *wall), *cpu = calloc((size_t)runs, sizeof *cpu);
	double *rss = calloc((size_t)runs, sizeof *rss);
	if (!wall || !cpu || !rss)
		return 2;
	for (int r = 0; r < runs; r++) {
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		pid_t pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			/* output to a real (unlinked) file, not /dev/null: some programs (GNU grep) stop
			 * early when their output goes nowhere */
			int fd = open(in, O_RDONLY);
			FILE *out = tmpfile();
			int nul = open("/dev/null", O_WRONLY);
			if (fd < 0 || !out || nul < 0)
				_exit(127);
			dup2(fd, 0);
			dup2(fileno(out), 1);
			dup2(nul, 2);
			execvp(cmd[0], cmd);
			_exit(127);
		}
		int status;
		struct rusage ru;
		while (wait4(pid, &status, 0, &ru) < 0)
			if (errno != EINTR) {
				perror("wait4");
				return 1;
			}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
			fprintf(stderr, "runstat: %s failed (status %d)\n", cmd[0], status);
			return 1;
		}
		wall[r] = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
		cpu[r] = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
			 (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
		rss[r] = (double)ru.ru_maxrss;
	}
	printf("wall_ms=%.3f cpu_ms=%.3f rss_kb=%.0f runs=%d\n", median(wall, runs), median(cpu, runs),
	       median(rss, runs), runs);
	free(wall);
	free(cpu);
	free(rss);
	return 0;
}
