/*
 * test_refs.c -- what the browser does with a milestone's address and its bookmarks
 * (tui/refs.c): only http(s) addresses reach $BROWSER (a database may hold "--option=CMD"
 * or "file:///etc/shadow"); the status message says why another is refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/detail.h"
#include "tui/refs.h"
#include "testutil.h"

static char *dir;

static int setup(void **state)
{
	(void)state;
	dir = tu_mkdtemp();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_rmtree(dir);
	free(dir);
	return 0;
}

static void test_url_is_web(void **state)
{
	(void)state;
	static const char *const yes[] = {
		"https://arxiv.org/abs/1706.03762", "http://example.org", "HTTPS://EXAMPLE.ORG/x",
		"hTtP://a", "https://[::1]:8080/", "https://ex.org/a?q=--gpu-launcher=x",
		"https://\xc3\xa9t\xc3\xa9.fr/",
	};
	static const char *const no[] = {
		"", "-e", "--gpu-launcher=touch pwned", "--utility-cmd-prefix=x", "file:///etc/shadow",
		"FILE:///etc/passwd", "javascript:alert(1)", "data:text/html,x", "ftp://example.org/",
		"mailto:a@b.c", "example.org", "//example.org", "http:/x", "https:", "https://",
		"https:///etc/passwd", "https://-x", " https://example.org", "xhttps://example.org",
		"https ://example.org",
	};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (!dlt_url_is_web(yes[i]))
			fail_msg("'%s' was refused", yes[i]);
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (dlt_url_is_web(no[i]))
			fail_msg("'%s' was taken for a web address", no[i]);
	assert_false(dlt_url_is_web(NULL));
}

/* A fake browser that records its arguments in dir/log; returns its path. */
static char *fake_browser(void)
{
	char *prog = tu_path(dir, "fake-browser"), *log = tu_path(dir, "log");
	struct strbuf sb = {0};
	sb_addf(&sb, "#!/bin/sh\nfor a in \"$@\"; do printf '%%s\\n' \"$a\"; done >%s.tmp && mv %s.tmp %s\n",
		log, log, log);
	tu_write_str(prog, sb_str(&sb));
	assert_int_equal(chmod(prog, 0755), 0);
	sb_free(&sb);
	free(log);
	return prog;
}

/* The log of the fake browser after waiting up to 5 s for it (it runs detached); NULL when
 * it never ran within wait_ms. */
static char *browser_log(int wait_ms)
{
	char *log = tu_path(dir, "log");
	char *text = NULL;
	for (int t = 0; t <= wait_ms && !text; t += 20) {
		if (tu_exists(log))
			text = tu_read(log, NULL);
		else
			usleep(20000);
	}
	free(log);
	return text;
}

static void test_open_refuses_non_web(void **state)
{
	(void)state;
	char *prog = fake_browser();
	setenv("BROWSER", prog, 1);
	static const char *const bad[] = {
		"--gpu-launcher=touch pwned", "-e", "file:///etc/shadow", "javascript:alert(1)", "ftp://x.org/",
	};
	char msg[256];
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		msg[0] = '\0';
		if (refs_open_url(bad[i], msg, sizeof msg) != -1)
			fail_msg("'%s' was opened: %s", bad[i], msg);
		if (!strstr(msg, "Only http:// and https:// addresses are opened") || !strstr(msg, bad[i]))
			fail_msg("'%s': the message does not say why: %s", bad[i], msg);
	}
	char *log = browser_log(300);
	if (log)
		fail_msg("the browser was started: %s", log);

	/* a web address in capitals is still one, and reaches the browser as its one argument */
	assert_int_equal(refs_open_url("HTTPS://Example.org/-x", msg, sizeof msg), 0);
	log = browser_log(5000);
	assert_non_null(log);
	assert_string_equal(log, "HTTPS://Example.org/-x\n");
	free(log);
	unsetenv("BROWSER");
	free(prog);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_is_web),
		cmocka_unit_test(test_open_refuses_non_web),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
