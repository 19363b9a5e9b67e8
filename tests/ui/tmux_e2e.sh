#!/usr/bin/env bash
# End-to-end tests of the interactive browser in a real terminal: tmux runs a shell, the
# test types into it with send-keys and reads the screen with capture-pane, as a person
# would. Covers every key group, resizing, signals (the shell must be usable afterwards),
# monochrome and ASCII terminals, and the non-terminal fallbacks.
#   tmux_e2e.sh BINARY SYNTHETIC_DB
set -u
bin=$1
db=$2
if ! command -v tmux >/dev/null; then
    echo "SKIP: tmux is not installed"
    exit 77
fi
. "$(dirname "$0")/../lib/tmux.sh"

# ---- the jump list, stacked filters and the panes, side by side (built-in database) ----------
start_shell 140 40
type_line "$bin --no-state; echo rc=\$?"
check "wide launch" ' 1 of [0-9]+ '
keys y; T send-keys -t e2e -l 2017; keys Enter
check "jump: year 2017" '▶2017-'
keys y; T send-keys -t e2e -l 1990; keys Enter
check "jump: year 1990" '▶1990'
keys /; T send-keys -t e2e -l gpt-3; keys Enter
check "jump: search gpt-3" '▶2020-05 GPT-3'
keys BSpace
check "back: to 1990" '▶1990'
keys C-o
check "Ctrl-O: back to 2017" '▶2017-'
keys Right Right
check "forward twice: GPT-3 again" '▶2020-05 GPT-3'
keys H
check "H: the jumps, the current one marked" '▶\* 2020  GPT-3'
keys Escape
keys f; T send-keys -t e2e -l 'tag reinforcement'; keys Down Enter
check "filter: a tag" 'filter: tag Reinforcement learning'
keys f; T send-keys -t e2e -l 'era llm'; keys Down Enter
check "filters stack: tag and era" 'filter: tag Reinforcement learning, era The LLM Era'
keys f
check "the picker lists what to remove" 'remove   tag Reinforcement learning'
keys Enter
check "one criterion removed" 'filter: era The LLM Era'
keys F
check "F clears every criterion" 'Filter cleared'
keys v
check "v hides the detail" 'Detail hidden'
check_not "no pane beside the list" '│ Date  '
keys v
check "v shows it again" 'Detail shown'
col() { screen | sed -n 2p | grep -bo '[◂▸]' | head -1 | cut -d: -f1; }
before=$(col)
keys '>' '>'
sleep 0.3
after=$(col)
if [ -n "$before" ] && [ -n "$after" ] && [ "$after" -gt "$before" ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL: > moves the split: column $before, then $after"; fi
keys '<' '<' '<' '<'
sleep 0.3
if [ "$(col)" -lt "$after" ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL: < moves the split back: column $(col)"; fi
keys q
check "wide: quits with 0" 'rc=0'

# ---- navigation on the built-in database -------------------------------------------------
start_shell 100 30
type_line "$bin; echo rc=\$?"
check "launch" ' 1 of [0-9]+ '
check "header" 'Deep Learning History .*milestones'
keys j j j
check "scroll with j" ' 4 of [0-9]+ '
keys G
check "G goes to the end" ' ([0-9]+) of \1 '
keys g
check "g goes to the start" ' 1 of [0-9]+ '
keys y
check "year prompt" '^Year:'
T send-keys -t e2e -l 1986; keys Enter
check "year jump" '1986-10 Backpropagation'
keys ]
check "] next year" '1987'
keys e
check "era picker" 'Jump to era'
T send-keys -t e2e -l 'LLM'; keys Enter
check "era jump" 'The LLM Era \('
keys '}'
check "} next era" 'Reasoning Models and Agents \('
keys '{'
check "{ previous era" 'The LLM Era \('
keys /
T send-keys -t e2e -l 'transformer'
check "incremental search" '/transformer'
keys Enter
check "search kept" 'match [0-9]+ of [0-9]+'
k=$(screen | grep -oE 'match [0-9]+ of' | grep -oE '[0-9]+' | head -1)
keys n
check "n next match" "match $((k + 1)) of"
keys N
check "N previous match" "match $k of"

keys Enter
check "detail opens" '^ Date +[0-9]{4}'
keys Tab Enter
check "follow a link" 'Date'
first=$(screen | sed -n 2p)
keys BSpace
sleep 0.3
back=$(screen | sed -n 2p)
keys Right
sleep 0.3
fwd=$(screen | sed -n 2p)
if [ "$first" = "$fwd" ] && [ "$first" != "$back" ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL: back/forward: '$first' / '$back' / '$fwd'"; fi
keys q
check "q closes the detail" ' [0-9]+ of [0-9]+ '
keys f
check "filter picker" 'Filter:'
T send-keys -t e2e -l 'tag CNN'; keys Down Enter
check "filter applied" 'filter: tag CNN'
keys F
check "filter cleared" 'Filter cleared'
keys '?'
check "help" 'Keys \(q or Esc closes'
check "help lists year jump" 'Jump to a year'
keys q
check_not "help closed" 'Keys \(q or Esc'
T resize-window -t e2e -x 50 -y 15
check "resize to 50x15" ' [0-9]+ of [0-9]+ '
T resize-window -t e2e -x 30 -y 8
check "too small" 'Terminal too small'
T resize-window -t e2e -x 140 -y 40
check "wide layout after growing" 'Summary'
for i in 1 2 3 4 5 6; do T resize-window -t e2e -x $((40 + i * 9)) -y $((10 + i * 3)); done
T resize-window -t e2e -x 100 -y 30
check "resize storm survived" ' [0-9]+ of [0-9]+ '
keys q
check "q quits with status 0" 'rc=0'
shell_ok "quit"

# ---- signals -----------------------------------------------------------------------------
for sig in INT TERM HUP; do
    start_shell 80 24
    type_line "$bin --db $db; echo rc=\$?"
    check "$sig: launch" ' 1 of 400 '
    # the shell's own child: other tests run the same binary on the same database at once
    pid=$(pgrep -n -P "$(T display -p -t e2e '#{pane_pid}')" -f -- "--db $db" || true)
    if [ "$sig" = INT ]; then keys C-c; else kill -"$sig" "$pid"; fi
    case $sig in INT) want=130 ;; TERM) want=143 ;; HUP) want=129 ;; esac
    check "$sig: exits with $want" "rc=$want"
    shell_ok "$sig"
done
start_shell 80 24
type_line "$bin --db $db; echo rc=\$?"
check "TSTP: launch" ' 1 of 400 '
keys j j
check "TSTP: moved before suspending" ' 3 of 400 '
keys C-z
check "Ctrl-Z suspends to the shell" 'Stopped'
type_line "fg"
check "fg resumes the screen" ' 3 of 400 '
keys q
type_line 'echo fg-rc=$?'
check "resumed browser quits with 0" 'fg-rc=0'
shell_ok "TSTP"

# ---- terminals: monochrome, ASCII, unusable ----------------------------------------------
start_shell 80 24
type_line "TERM=vt100 NO_COLOR=1 $bin --db $db; echo rc=\$?"
check "vt100 monochrome" ' 1 of 400 '
keys q
check "vt100 quits" 'rc=0'
type_line "clear; LC_ALL=C $bin --db $db; echo rc=\$?"
check "C locale: ASCII borders" '^   -- 19[0-9]{2} '
check_not "C locale: no box drawing" '─'
keys q
check "C locale quits" 'rc=0'
type_line "clear; env -u TERM $bin --db $db; echo rc=\$?"
check "TERM unset: one-line error" 'dltimeline: the terminal type is not set'
check "TERM unset: exit 2" 'rc=2'
type_line "clear; TERM=dumb $bin --db $db; echo rc=\$?"
check "TERM=dumb: error" "terminal type is 'dumb'"
type_line "clear; TERM=no-such-term $bin --db $db; echo rc=\$?"
check "unknown TERM: error" "unknown terminal type 'no-such-term'"
type_line "clear; echo | $bin --db $db | head -3; echo rc=\${PIPESTATUS[1]}"
check "stdin not a terminal: list instead" 'not a terminal'
check "stdin not a terminal: exit 0" 'rc=0'
shell_ok "fallbacks"

echo "tmux e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
