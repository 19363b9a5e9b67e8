/*
 * signals.c -- what an import does about signals, for as long as it runs:
 *
 *   - SIGBUS while a parser reads a mapped input (the file shrank since it was mapped: an
 *     editor saving in place, a generator still writing): the parser's guard jumps back out
 *     of the reading, which is reported as "file changed while reading", instead of the
 *     process dying;
 *   - SIGINT, SIGTERM, SIGHUP: the temporary files of the output are removed, then the
 *     signal is raised again so that the exit status is still 128 + the signal.
 *
 * Signal handlers can only find their state in static storage: this file holds the import's
 * only variables outside a struct, written before the handlers may read them.
 */
#include <assert.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "import/internal.h"

#define KILL_FILES 4        /* temporary files removed on a signal */

static const int kill_signals[] = {SIGINT, SIGTERM, SIGHUP};

/* The files to remove, each a NUL-terminated path; a slot is in use while kill_used[i]. */
static char kill_path[KILL_FILES][PATH_MAX];
static volatile sig_atomic_t kill_used[KILL_FILES];
/* The actions before signals_begin, restored by signals_end; installed[i]: ours is set. */
static struct sigaction old_kill[DLT_ARRAY_LEN(kill_signals)], old_bus;
static int installed[DLT_ARRAY_LEN(kill_signals)], bus_installed;
/* The mapping this thread reads, if any. */
static _Thread_local struct read_guard *guard;

static void on_kill(int sig)
{
	for (int i = 0; i < KILL_FILES; i++)
		if (kill_used[i])
			unlink(kill_path[i]);
	/* die of the signal, as without us: it is blocked until this handler returns */
	signal(sig, SIG_DFL);
	raise(sig);
}

static void on_bus(int sig, siginfo_t *info, void *uctx)
{
	(void)sig, (void)uctx;
	struct read_guard *g = guard;
	const char *at = info->si_addr;
	if (g && at >= g->lo && at < g->hi)
		siglongjmp(g->jump, 1);
	/* not a read of ours: the fault happens again under the action there was before */
	sigaction(SIGBUS, &old_bus, NULL);
}

void signals_begin(void)
{
	for (size_t i = 0; i < DLT_ARRAY_LEN(kill_signals); i++) {
		/* an ignored signal (nohup) stays ignored; a program's own handler stays */
		installed[i] = 0;
		if (sigaction(kill_signals[i], NULL, &old_kill[i]) < 0 || old_kill[i].sa_handler != SIG_DFL)
			continue;
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_kill;
		sigemptyset(&sa.sa_mask);
		installed[i] = sigaction(kill_signals[i], &sa, NULL) == 0;
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_bus;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	bus_installed = sigaction(SIGBUS, &sa, &old_bus) == 0;
}

void signals_end(void)
{
	for (size_t i = 0; i < DLT_ARRAY_LEN(kill_signals); i++)
		if (installed[i]) {
			sigaction(kill_signals[i], &old_kill[i], NULL);
			installed[i] = 0;
		}
	if (bus_installed)
		sigaction(SIGBUS, &old_bus, NULL);
	bus_installed = 0;
	for (int i = 0; i < KILL_FILES; i++)
		kill_used[i] = 0;
}

/* Block (or unblock) the signals that remove files, in this thread. */
static void hold_kill_signals(int how, sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < DLT_ARRAY_LEN(kill_signals); i++)
		sigaddset(&set, kill_signals[i]);
	pthread_sigmask(how, how == SIG_BLOCK ? &set : old, how == SIG_BLOCK ? old : NULL);
}

int signals_mkstemp(char *path)
{
	assert(path);
	sigset_t old;
	hold_kill_signals(SIG_BLOCK, &old);
	int fd = mkstemp(path);
	if (fd >= 0 && strlen(path) < PATH_MAX)
		for (int i = 0; i < KILL_FILES; i++)
			if (!kill_used[i]) {
				memcpy(kill_path[i], path, strlen(path) + 1);
				kill_used[i] = 1;
				break;
			}
	hold_kill_signals(SIG_SETMASK, &old);
	return fd;
}

void signals_forget(const char *path)
{
	for (int i = 0; i < KILL_FILES; i++)
		if (kill_used[i] && strcmp(kill_path[i], path) == 0)
			kill_used[i] = 0;
}

void signals_guard(struct read_guard *g, const void *lo, size_t len)
{
	assert(g && !guard);
	g->lo = lo;
	g->hi = (const char *)lo + len;
	guard = g;
}

void signals_unguard(struct read_guard *g)
{
	assert(guard == g || !guard);
	(void)g;
	guard = NULL;
}
