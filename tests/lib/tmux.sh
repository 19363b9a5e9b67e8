# tmux.sh -- drive a program in a real terminal as a person would: tmux runs a clean shell,
# the test types into it with send-keys and reads the screen with capture-pane. Sourced by
# the tmux tests (tests/ui/tmux_*.sh); they count with pass and fail.
# shellcheck shell=bash
nshell=0
sock=dlt-e2e-$$-0
T() { tmux -L "$sock" "$@"; }
pass=0 fail=0
trap 'T kill-server 2>/dev/null' EXIT

screen() { T capture-pane -p -t e2e; }
# wait_for REGEX [SECONDS]: poll the screen until an extended regex matches.
wait_for() {
    local re=$1 limit=${2:-8} i
    for ((i = 0; i < limit * 20; i++)); do
        if screen | grep -Eq -- "$re"; then return 0; fi
        sleep 0.05
    done
    return 1
}
check() { # check NAME REGEX [SECONDS]
    if wait_for "$2" "${3:-8}"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $1: screen never matched /$2/"
        screen | sed 's/^/    | /'
    fi
}
check_not() { # check_not NAME REGEX: the current screen must not match
    sleep 0.3
    if screen | grep -Eq -- "$2"; then
        fail=$((fail + 1))
        echo "FAIL: $1: screen matches /$2/"
        screen | sed 's/^/    | /'
    else
        pass=$((pass + 1))
    fi
}
keys() { T send-keys -t e2e "$@"; }
type_line() { T send-keys -t e2e -l "$1"; T send-keys -t e2e Enter; }

# start_shell W H [SHELL]: a clean bash (or `dash`) in a fresh tmux server of its own. Its
# environment is PATH, TERM and $shell_env (default HOME=/nonexistent); it exports LC_ALL,
# XDG_CONFIG_HOME, TERM and $shell_exports (default none).
start_shell() {
    local cmd="bash --norc --noprofile"
    [ "${3:-bash}" = dash ] && cmd="dash -i"
    T kill-server 2>/dev/null
    nshell=$((nshell + 1))
    sock=dlt-e2e-$$-$nshell
    T -f /dev/null new-session -d -s e2e -x "$1" -y "$2" \
        "env -i PATH=$PATH ${shell_env:-HOME=/nonexistent} TERM=screen $cmd"
    T set-option -g status off >/dev/null
    type_line "PS1='$ '; export LC_ALL=C.UTF-8 XDG_CONFIG_HOME=/nonexistent TERM=screen-256color ${shell_exports:-}; ulimit -c 0; clear"
    wait_for '^\$ ?$' 5 || { echo "FAIL: the shell did not start"; exit 1; }
}
shell_ok() { # after the browser ends: the shell echoes and the terminal modes are sane
    type_line "clear; echo restored-\$((40+2)); stty -a | tr ' ;' '\n\n' | grep -cxE 'echo|icanon'"
    check "$1: shell usable after exit" 'restored-42'
    check "$1: echo and icanon restored" '^2$'
}

modes_ok() { # modes_ok NAME: the shell echoes, and echo, icanon, icrnl and onlcr are on
    # (dash, unlike bash, does not put back the modes of a job a signal killed)
    type_line "clear; echo restored-\$((40+2)); stty -a | tr ' ;' '\n\n' | grep -cxE 'echo|icanon|icrnl|onlcr'"
    check "$1: shell usable after exit" 'restored-42'
    check "$1: echo, icanon, icrnl and onlcr on" '^4$'
}
# pane_flags: "alternate keypad mouse cursor" as tmux sees the pane (1 = on)
pane_flags() { T display -p -t e2e '#{alternate_on} #{keypad_flag} #{mouse_any_flag} #{cursor_flag}'; }
pane_clean() { # pane_clean NAME: out of the alternate screen, keypad and mouse modes off, cursor shown
    local got
    got=$(pane_flags)
    if [ "$got" = "0 0 0 1" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $1: the pane's modes are '$got' (alternate keypad mouse cursor), want '0 0 0 1'"
    fi
}
browser_pid() { pgrep -n -P "$(T display -p -t e2e '#{pane_pid}')" dltimeline; }
wait_gone() { # wait_gone PID [SECONDS]: until the process has ended
    local i
    for ((i = 0; i < ${2:-10} * 20; i++)); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.05
    done
    return 1
}
