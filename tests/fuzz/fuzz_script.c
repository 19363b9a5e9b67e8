/*
 * fuzz_script.c -- the headless key-script interpreter (tui/, --script) driving the real
 * browser over the curated database: random key sequences at random screen sizes.
 *
 * Input: byte 0 the width (1..200), byte 1 the height (1..80), byte 2 flags (bit 0:
 * NO_COLOR, bit 1: the C locale instead of C.UTF-8), then the key script (keys, <Name>,
 * <resize WxH>, <click X Y>, <dump>, ...). The run must end normally (exit status 0, or
 * 2 for a script the parser rejects), whatever the keys do.
 *
 * The environment is made harmless first: $HOME and the XDG directories point into a
 * private scratch directory (bookmarks and config are written there, never to the user's),
 * and $BROWSER is `true`, so an "open" key starts nothing.
 */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "fuzz.h"
#include "tui/tui.h"

static char script_path[600];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	char p[600];
	setenv("HOME", fuzz_scratch_dir(), 1);
	setenv("XDG_CONFIG_HOME", fuzz_path(p, sizeof p, "no-config"), 1);
	setenv("XDG_STATE_HOME", fuzz_path(p, sizeof p, "state"), 1);
	setenv("XDG_DATA_HOME", fuzz_path(p, sizeof p, "data"), 1);
	setenv("BROWSER", "true", 1);
	setenv("TERM", "xterm-256color", 1);
	unsetenv("DLTIMELINE_DB");
	fuzz_path(script_path, sizeof script_path, "keys");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	if (!script_path[0])
		LLVMFuzzerInitialize(NULL, NULL);
	fuzz_write_file(script_path, data + 3, size - 3);
	if (data[2] & 1)
		setenv("NO_COLOR", "1", 1);
	else
		unsetenv("NO_COLOR");
	setlocale(LC_ALL, data[2] & 2 ? "C" : "C.UTF-8");

	struct tui_options o = {
		.db_path = DLT_FUZZ_DB,
		.script = script_path,
		.dump = "/dev/null",
		.width = 1 + data[0] % 200,
		.height = 1 + data[1] % 80,
	};
	/* tui_run installs its own handlers for those that have none (tui/term.c); put back
	 * what was there, so that each run starts as the first did */
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM,
				   SIGXCPU, SIGXFSZ, SIGPIPE};
	struct sigaction saved[DLT_ARRAY_LEN(sigs)];
	for (size_t i = 0; i < DLT_ARRAY_LEN(sigs); i++)
		sigaction(sigs[i], NULL, &saved[i]);
	int status = tui_run(&o);
	for (size_t i = 0; i < DLT_ARRAY_LEN(sigs); i++)
		sigaction(sigs[i], &saved[i], NULL);
	FUZZ_CHECK(status == DLT_EXIT_OK || status == DLT_EXIT_ERROR);
	return 0;
}
