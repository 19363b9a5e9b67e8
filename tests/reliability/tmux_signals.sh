#!/usr/bin/env bash
# tmux_signals.sh -- the terminal survives everything, in every screen of the browser.
#
# tmux runs a shell; the test types into it and reads the screen as a person would.
#   * In every screen (list, detail, help, the era, filter, history, path and bookmark
#     pickers, the year and search prompts, lineage, chart): SIGINT (Ctrl-C), SIGTERM and
#     SIGHUP end the browser with 128+signal and give back a usable shell (it echoes, and
#     echo and icanon are on); SIGTSTP, from Ctrl-Z and from kill, stops it with the shell
#     usable while it is stopped, and `fg` (SIGCONT) brings back the very same screen.
#   * Resize storms: 150 random sizes (1x1 included) in four screens, then the screen is
#     whole again at the final size; a browser started in a 1x1 terminal grows into a full
#     screen and quits normally.
#   * stdout closed, stderr closed, stdin closed: the browser falls back or runs, and the
#     terminal is fine afterwards.
# usage: tmux_signals.sh DLTIMELINE DATABASE [SCREEN...]
set -u
bin=$1
src_db=$2
shift 2
if ! command -v tmux >/dev/null; then
	echo "SKIP: tmux is not installed"
	exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/dlt-signals-XXXXXX")
db=$work/timeline.db
cp "$src_db" "$db"
shell_env="HOME=$work XDG_STATE_HOME=$work/state"
shell_exports="BROWSER=true"
. "$(dirname "$0")/../lib/tmux.sh"
trap 'T kill-server 2>/dev/null; sleep 0.2; rm -rf "$work" 2>/dev/null' EXIT

launch() { # launch NAME: start the browser, wait for the list
	type_line "clear; $bin --db $db; echo rc=\$?"
	check "$1: launch" ' 1 of 400 '
}

# screen name -> the keys (tmux send-keys words) that open it from the list
declare -A open=(
	[list]=""
	[detail]="j Enter"
	[help]="?"
	[era-picker]="e"
	[filter-picker]="f t"
	[history-picker]="Enter q j Enter q H"
	[path-picker]="p"
	[bookmarks]="m j m '"
	[year-prompt]="y 1 9"
	[search-prompt]="/ a t"
	[lineage]="j j a"
	[chart]="c"
)
order=(list detail help era-picker filter-picker history-picker path-picker bookmarks year-prompt
	search-prompt lineage chart)
[ $# -gt 0 ] && order=("$@")

# settle: wait until the browser has taken every key sent (the screen is the same twice
# 0.3 s apart, at most 10 s); sets $before. A key still unread when a signal ends the
# browser would reach the shell and spoil the next command.
settle() {
	local prev i
	sleep 0.3
	before=$(screen)
	for ((i = 0; i < 33; i++)); do
		prev=$before
		sleep 0.3
		before=$(screen)
		[ "$before" = "$prev" ] && return 0
	done
}

# enter NAME: open the screen and wait until it has settled; sets $before (the screen)
enter() {
	local list
	list=$(screen)
	# shellcheck disable=SC2086
	[ -n "${open[$1]}" ] && keys ${open[$1]}
	settle
	if [ "$1" != list ] && [ "$before" = "$list" ]; then
		fail=$((fail + 1))
		echo "FAIL: $1: the keys '${open[$1]}' did not change the screen"
	fi
}

# ---- signals in every screen -------------------------------------------------------------------
start_shell 100 30
for name in "${order[@]}"; do
	for sig in INT TERM HUP; do
		launch "$name/$sig"
		enter "$name"
		if [ $sig = INT ]; then keys C-c; else kill -s $sig "$(browser_pid)"; fi
		case $sig in INT) want=130 ;; TERM) want=143 ;; HUP) want=129 ;; esac
		check "$name/$sig: exit status $want" "rc=$want"
		shell_ok "$name/$sig"
	done
	for how in key kill; do
		launch "$name/TSTP-$how"
		enter "$name"
		pid=$(browser_pid)
		if [ $how = key ]; then keys C-z; else kill -s TSTP "$pid"; fi
		check "$name/TSTP-$how: stopped" 'Stopped'
		shell_ok "$name/TSTP-$how (stopped)"
		type_line "clear; fg"
		ok=0
		for _ in $(seq 100); do
			[ "$(screen)" = "$before" ] && { ok=1; break; }
			sleep 0.05
		done
		if [ $ok = 1 ]; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL: $name/TSTP-$how: fg did not bring back the same screen"
			diff <(echo "$before") <(screen) | head -20 | sed 's/^/    | /'
		fi
		kill -s TERM "$pid"
		wait_gone "$pid"
		type_line "echo fg-rc=\$?"
		check "$name/TSTP-$how: ends after fg" 'fg-rc=143'
		shell_ok "$name/TSTP-$how"
	done
done

# ---- resize storms ---------------------------------------------------------------------------------
RANDOM=7
for name in list detail help filter-picker; do
	launch "storm/$name"
	enter "$name"
	pid=$(browser_pid)
	for ((i = 0; i < 150; i++)); do
		case $((i % 10)) in
		0) T resize-window -t e2e -x 1 -y 1 ;;
		1) T resize-window -t e2e -x 2 -y 2 ;;
		*) T resize-window -t e2e -x $((1 + RANDOM % 200)) -y $((1 + RANDOM % 60)) ;;
		esac
	done
	T resize-window -t e2e -x 100 -y 30
	if kill -0 "$pid" 2>/dev/null; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL: storm/$name: the browser died"; fi
	# the screen is whole: the header on the first line, a status or prompt line at the bottom
	check "storm/$name: header back" '^ ?[A-Z].*(Timeline|History|milestones)|Keys|Jump|Filter|History|Bookmarks|Path|Year|/'
	sleep 0.3
	rows=$(screen | wc -l)
	if [ "$rows" -eq 30 ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL: storm/$name: $rows rows on screen"; fi
	kill -s TERM "$pid"
	check "storm/$name: ends" 'rc=143'
	shell_ok "storm/$name"
done

# started at 1x1, then grown
T resize-window -t e2e -x 1 -y 1
type_line "clear; $bin --db $db; echo rc=\$?"
sleep 1
T resize-window -t e2e -x 100 -y 30
check "1x1: grows into the list" ' 1 of 400 '
keys q
check "1x1: q quits" 'rc=0'
shell_ok "1x1"

# ---- standard streams closed ------------------------------------------------------------------------
type_line "clear; $bin --db $db >&-; echo rc=\$?"
check "stdout closed: says why" 'not a terminal'
check "stdout closed: write error, exit 2" 'rc=2'
shell_ok "stdout closed"
type_line "clear; $bin --db $db 2>&-; echo rc=\$?"
check "stderr closed: browser runs" ' 1 of 400 '
keys q
check "stderr closed: quits" 'rc=0'
shell_ok "stderr closed"
type_line "clear; $bin --db $db <&- | head -2; echo rc=\${PIPESTATUS[0]}"
check "stdin closed: the list instead" 'rc=0'
shell_ok "stdin closed"

echo "tmux signals: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
