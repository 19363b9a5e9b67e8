#!/usr/bin/env bash
# check_browser.sh -- addresses are opened only through $BROWSER, as one argument, never
# through a shell.
#
# The first milestone of a copy of the fixture database gets an address full of shell
# syntax ($(...), backquotes, ;, |, &, quotes, spaces are not allowed in URLs but '+' and
# '%20' are). The browser, headless, presses o (open-url) with $BROWSER set to a fake
# browser that records its arguments. It must be started with exactly one argument, the
# address byte for byte; with stdin, stdout and stderr on /dev/null (no access to our
# terminal); and nothing the shell syntax would have run may have happened. $BROWSER
# values that are command lines rather than programs ("prog --flag", "sh -c ...") start
# nothing; "missing:fake" falls through to the fake browser. Addresses other than http(s)
# ("--gpu-launcher=CMD", "-e", file:, javascript:) start nothing, and the screen says why.
# usage: check_browser.sh DLTIMELINE FIXTURE_DB
set -u
bin=$1 good=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/dlt-browser-XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME=$work XDG_CONFIG_HOME=$work/no-config XDG_STATE_HOME=$work/state LC_ALL=C.UTF-8
unset DLTIMELINE_DB
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

url='https://example.org/a?q=$(touch${IFS}pwned1)&r=`touch${IFS}pwned2`;touch${IFS}pwned3|tee${IFS}pwned4&x='"'"'"'"'"'#"'
python3 - "$good" "$work/t.db" "$url" <<'PY'
import shutil, sqlite3, sys
shutil.copyfile(sys.argv[1], sys.argv[2])
c = sqlite3.connect(sys.argv[2])
c.execute("UPDATE milestones SET url = ?1 WHERE id = 1", (sys.argv[3],))
c.commit()
PY

cat >"$work/fake-browser" <<'SH'
#!/bin/sh
# records how it was started, then exits
fd0=$(readlink /proc/$$/fd/0) fd1=$(readlink /proc/$$/fd/1) fd2=$(readlink /proc/$$/fd/2)
{
	echo "argc=$#"
	for a in "$@"; do printf 'arg=%s\n' "$a"; done
	echo "stdin=$fd0"
	echo "stdout=$fd1"
	echo "stderr=$fd2"
} >"$DLT_BROWSER_LOG.tmp" && mv "$DLT_BROWSER_LOG.tmp" "$DLT_BROWSER_LOG"
SH
chmod +x "$work/fake-browser"
printf 'o' >"$work/open.keys"
cd "$work" || exit 2

# run BROWSER-VALUE [TENTHS]: the browser presses o on the first milestone; waits up to TENTHS
# tenths of a second (default 50) for the browser's log; sets $log
run() {
	log=$work/log.$((++n))
	rm -f "$log"
	BROWSER=$1 DLT_BROWSER_LOG=$log PATH=$work:$PATH "$bin" --db "$work/t.db" --script "$work/open.keys" \
		--size 80x24 --dump "$work/screen" 2>"$work/err"
	local status=$?
	[[ $status -eq 0 ]] || fail "BROWSER='$1': exit $status: $(head -c 300 "$work/err")"
	# the browser is detached: give it a moment
	for _ in $(seq "${2:-50}"); do [[ -e $log ]] && break; sleep 0.1; done
}
n=0
for b in "$work/fake-browser" "fake-browser" "no-such-browser:$work/fake-browser"; do
	run "$b"
	if [[ ! -e $log ]]; then
		fail "BROWSER='$b': the browser was not started; screen: $(grep -i brows "$work/screen")"
		continue
	fi
	want=$(printf 'argc=1\narg=%s\nstdin=/dev/null\nstdout=/dev/null\nstderr=/dev/null' "$url")
	[[ $(cat "$log") == "$want" ]] || fail "BROWSER='$b' was started as:
$(cat "$log")
  want:
$want"
done
# command lines are not programs: nothing starts, the screen says why
for b in "fake-browser --new-window" "sh -c 'touch pwned5'" "fake-browser;touch pwned6"; do
	run "$b"
	[[ ! -e $log ]] || fail "BROWSER=\"$b\" started something: $(cat "$log")"
	grep -q 'cannot be run' "$work/screen" || fail "BROWSER=\"$b\": no message on the screen"
done
# addresses that are not web addresses never reach the browser: an option for it
# (chromium's --gpu-launcher runs a command), a local file, another scheme; the screen says why
set_url() {
	python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE milestones SET url = ?1 WHERE id = 1", (sys.argv[2],)); c.commit()' \
		"$work/t.db" "$1"
}
for bad in '--gpu-launcher=touch pwned7' '-e' 'file:///etc/shadow' 'FILE:///etc/passwd' \
	'javascript:alert(1)' 'ftp://example.org/x' 'example.org/no-scheme'; do
	set_url "$bad"
	run "$work/fake-browser" 5
	[[ ! -e $log ]] || fail "url '$bad' was handed to the browser: $(cat "$log")"
	grep -q 'Only http:// and https:// addresses are opened' "$work/screen" ||
		fail "url '$bad': the screen does not say why: $(grep -i open "$work/screen")"
done
set_url 'HTTPS://EXAMPLE.ORG/--x'   # the scheme in capitals is still a web address
run "$work/fake-browser"
[[ -e $log && $(sed -n 2p "$log") == 'arg=HTTPS://EXAMPLE.ORG/--x' ]] ||
	fail "an HTTPS:// address was not opened: $(cat "$log" 2>/dev/null)"
sleep 0.3
ls "$work"/pwned* >/dev/null 2>&1 && fail "the address's shell syntax ran: $(ls "$work"/pwned*)"

((failed == 0)) && echo "browser checks passed"
((failed == 0))
