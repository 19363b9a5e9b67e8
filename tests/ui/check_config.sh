#!/usr/bin/env bash
# The config file: rebinding works, colors are accepted, every bad line is reported with its
# line number (in the status line, and on stderr at exit) and the defaults stay in force.
#   check_config.sh BINARY DATABASE CONFIG_HOME
set -u
bin=$1 db=$2 cfg=$3
out=$(mktemp) err=$(mktemp) keys=$(mktemp)
trap 'rm -f "$out" "$err" "$keys"' EXIT
fail=0
run() { # run KEYS
    printf '%s' "$1" > "$keys"
    env -i PATH="$PATH" LC_ALL=C.UTF-8 TERM=xterm-256color HOME=/nonexistent XDG_CONFIG_HOME="$cfg" \
        "$bin" --db "$db" --script "$keys" --size 80x24 --dump "$out" 2>"$err"
}
expect() { # expect FILE REGEX WHAT
    if ! grep -Eq -- "$2" "$1"; then echo "FAIL: $3"; sed 's/^/    | /' "$1"; fail=1; fi
}
run ''
expect "$out" 'config:5: unknown action .no-such-action' "first config error shown in the status line"
expect "$err" 'config:5: unknown action .no-such-action. \(see the help screen, \?\) \(ignored\)' "line 5 reported on stderr"
expect "$err" 'config:6: unknown command .colour.' "line 6 reported"
expect "$err" 'config:7: usage: bind KEY ACTION' "line 7 reported"
[ "$(wc -l < "$err")" -eq 3 ] || { echo "FAIL: expected exactly 3 config errors"; cat "$err"; fail=1; }
run 'xx<C-n>'
expect "$out" ' 4 of 400 ' "x and ^N rebound to move-down (3 moves)"
run 'jjk'
expect "$out" ' 2 of 400 ' "j still moves down: the bad line 7 did not unbind it"
run '?'
expect "$out" 'j, Down, x, \^N +Select the next milestone' "help shows the new bindings"
# A relative XDG_CONFIG_HOME is ignored (the XDG spec), even when it names this very folder.
rel=$(mktemp -d)
mkdir -p "$rel/cfg" && cp -r "$cfg/dltimeline" "$rel/cfg/"
printf 'x<Esc>' > "$keys"   # (x is the export key by default: Esc closes its prompt)
(cd "$rel" && env -i PATH="$PATH" LC_ALL=C.UTF-8 TERM=xterm-256color HOME=/nonexistent XDG_CONFIG_HOME=cfg \
    "$bin" --db "$db" --script "$keys" --size 80x24 --dump "$out" 2>"$err")
[ -s "$err" ] && { echo "FAIL: a relative XDG_CONFIG_HOME was read:"; sed 's/^/    | /' "$err"; fail=1; }
expect "$out" ' 1 of 400 ' "a relative XDG_CONFIG_HOME: x is not rebound"
mkdir -p "$rel/.config" && cp -r "$cfg/dltimeline" "$rel/.config/"
(cd "$rel" && env -i PATH="$PATH" LC_ALL=C.UTF-8 TERM=xterm-256color HOME=. XDG_CONFIG_HOME= \
    "$bin" --db "$db" --script "$keys" --size 80x24 --dump "$out" 2>"$err")
[ -s "$err" ] && { echo "FAIL: a relative HOME was read:"; sed 's/^/    | /' "$err"; fail=1; }
rm -rf "$rel"
[ $fail -eq 0 ] && echo "config: all checks passed"
exit $fail
