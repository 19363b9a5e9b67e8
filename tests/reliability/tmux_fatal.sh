#!/usr/bin/env bash
# tmux_fatal.sh -- every signal that ends the browser, and every crash, gives the terminal
# back as it was, under bash and under dash (#19, finding 3).
#
# The browser runs in a tmux pane; once it shows the list, the pane must be in the
# alternate screen with keypad and mouse modes on and the cursor hidden (else the test
# proves nothing). Then Ctrl-\ is typed, or SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM (they end the
# browser cleanly) or SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL (a crash: the terminal is reset
# from the signal handler, then the process dies of the signal) is sent. Afterwards: the
# status is 128 + the signal, tmux's pane flags say the alternate screen, keypad and mouse modes are off and
# the cursor shows, and the shell echoes with echo, icanon, icrnl and onlcr on. dash matters:
# unlike bash it does not put back the tty modes of a job killed by a signal.
# usage: tmux_fatal.sh DLTIMELINE DATABASE
set -u
bin=$1
db=$2
if ! command -v tmux >/dev/null || ! command -v dash >/dev/null; then
	echo "SKIP: tmux or dash is not installed"
	exit 77
fi
. "$(dirname "$0")/../lib/tmux.sh"

# how -> the signal's number (the status is 128 + it)
declare -A num=([key]=3 [QUIT]=3 [USR1]=10 [USR2]=12 [ALRM]=14 [SEGV]=11 [BUS]=7 [FPE]=8 [ABRT]=6 [ILL]=4)
order=(key QUIT USR1 USR2 ALRM SEGV BUS FPE ABRT ILL)

for sh in bash dash; do
	start_shell 100 30 "$sh"
	for how in "${order[@]}"; do
		name="$sh/$how"
		type_line "clear; $bin --db $db; echo rc=\$?"
		check "$name: launch" ' 1 of 400 '
		sleep 0.2
		got=$(pane_flags)
		if [ "$got" = "1 1 1 0" ]; then pass=$((pass + 1)); else
			fail=$((fail + 1))
			echo "FAIL: $name: while browsing the modes are '$got', want '1 1 1 0' (the test would prove nothing)"
		fi
		pid=$(browser_pid)
		if [ "$how" = key ]; then keys 'C-\'; else kill -s "$how" "$pid"; fi
		wait_gone "$pid" 10 || { echo "FAIL: $name: still running"; kill -9 "$pid"; }
		check "$name: status $((128 + num[$how]))" "rc=$((128 + num[$how]))"
		pane_clean "$name"
		modes_ok "$name"
	done
done

echo "tmux fatal signals: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
