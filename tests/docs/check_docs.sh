#!/usr/bin/env bash
# check_docs.sh BINARY SRCDIR -- check the man page and the shell completions against the
# program they describe.
#
#   - the man page renders with groff -ww without a warning (skipped without groff);
#   - every command and global option in `BINARY --help`, and every option in each
#     `BINARY COMMAND --help`, appears in the man page and in both completion files (for
#     bash: is actually offered when completing);
#   - the completion files parse (bash -n; zsh -n and loading with compinit when zsh exists);
#   - the bash completion completes `dltimeline sh<TAB>` to show and
#     `dltimeline show transf<TAB>` to transformer, running BINARY through $PATH;
#   - README.md agrees: under 16 KB, every command of `--help` shown in use, its counts of
#     milestones and links those of the built-in database, every key of its tour bound in
#     the browser's help screen.
#
# Exits 0 when every check passed, 1 when one failed, and 77 (skipped) when none failed but
# groff is missing, so the man page could not be checked.

set -u

if [[ $# -ne 2 ]]; then
    echo "usage: $0 BINARY SRCDIR" >&2
    exit 2
fi
binary=$1
srcdir=$2
case $binary in /*) ;; *) binary=$PWD/$binary ;; esac

man_page=$srcdir/src/doc/dltimeline.1
bash_comp=$srcdir/src/completions/dltimeline.bash
zsh_comp=$srcdir/src/completions/_dltimeline

passed=0
failed=0
skipped_groff=
pass() { passed=$((passed + 1)); }
fail() {
    failed=$((failed + 1))
    echo "FAIL: $*"
}
check() { # check DESCRIPTION COMMAND...: passes when COMMAND succeeds
    local what=$1
    shift
    if "$@"; then pass; else fail "$what"; fi
}

for f in "$binary" "$man_page" "$bash_comp" "$zsh_comp"; do
    if [[ ! -e $f ]]; then
        echo "FAIL: $f is missing"
        exit 1
    fi
done

# The binary is found as `dltimeline` through $PATH, as the completions expect, and reads
# its built-in database.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dlt-docs.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
ln -s "$binary" "$tmp/bin/dltimeline"
export PATH=$tmp/bin:$PATH
unset DLTIMELINE_DB

# ---- (a) the man page renders without warnings ----------------------------------------------
if command -v groff >/dev/null 2>&1; then
    if groff -man -Tutf8 -ww -z "$man_page" 2>"$tmp/groff.err" && [[ ! -s $tmp/groff.err ]]; then
        pass
    else
        fail "groff -ww warns about $man_page:"
        sed 's/^/    /' "$tmp/groff.err"
    fi
else
    echo "SKIP: groff is not installed; the man page is not rendered"
    skipped_groff=1
fi

# ---- (c) the completion files parse -----------------------------------------------------------
check "bash -n $bash_comp" bash -n "$bash_comp"
if command -v zsh >/dev/null 2>&1; then
    check "zsh -n $zsh_comp" zsh -n "$zsh_comp"
    # Loaded the way zsh loads it: from $fpath by compinit, for the command dltimeline.
    check "compinit does not bind _dltimeline to dltimeline" \
        zsh -f -c 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -D
                   [[ $_comps[dltimeline] == _dltimeline ]] && autoload -Uz +X _dltimeline' \
        zsh "$(dirname "$zsh_comp")"
else
    echo "SKIP: zsh is not installed; the zsh completion is only searched, not parsed"
fi

# ---- bash completion, run the way bash runs it -------------------------------------------------
# shellcheck source=/dev/null
source "$bash_comp"
complete_line() { # complete_line WORD...: print what completing the last word offers
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _dltimeline 2>/dev/null
    printf '%s\n' "${COMPREPLY[@]}"
}
offers() { # offers WANT WORD...: does completing WORD... offer WANT?
    local want=$1
    shift
    complete_line "$@" | grep -qxF -- "$want"
}

# ---- (b) every command and option is documented and completed ------------------------------------
help=$("$binary" --help) || {
    echo "FAIL: $binary --help failed"
    exit 1
}
mapfile -t commands < <(printf '%s\n' "$help" | awk '/^commands:/ { on = 1; next } on && !NF { exit } on { print $1 }')
if [[ ${#commands[@]} -lt 1 ]]; then
    echo "FAIL: found no commands in '$binary --help'"
    exit 1
fi

# The options in a help text: the first column of lines that start with "  -".
options_of() {
    sed -n 's/^  \(-.*\)/\1/p' | sed 's/   .*//' | grep -oE -- '(^|[ ,])--?[a-z][a-z-]*' | tr -d ' ,'
}
# The values of --format in a help text: its line and the continuation lines under it.
formats_of() {
    awk '/^  --format F / { on = 1; sub(/^  --format F +/, ""); print; next }
         on && /^                       [^ ]/ { print; next } { on = 0 }' |
        sed 's/ (default)//; s/ or /,/g' | tr ',' '\n' | tr -d ' ' | grep -v '^$'
}
# Is option $1 in the man page (written there with \- for each dash)?
in_man() {
    local roff=${1//-/\\-}
    grep -qF -- "$roff" "$man_page"
}

for opt in $(printf '%s\n' "$help" | options_of); do
    check "global option $opt is not in the man page" in_man "$opt"
    check "global option $opt is not in $zsh_comp" grep -qF -- "$opt" "$zsh_comp"
    [[ $opt == -h ]] && continue # offered as --help
    check "bash does not complete global option $opt" offers "$opt" dltimeline -
done

for cmd in "${commands[@]}"; do
    check "command $cmd has no section in the man page" grep -qE "^\.SS \"?$cmd( |\"|$)" "$man_page"
    check "bash does not complete command $cmd" offers "$cmd" dltimeline ""
    check "command $cmd is not in the command list of $zsh_comp" grep -qE "^[[:space:]]*'$cmd:" "$zsh_comp"
    check "command $cmd has no branch in $zsh_comp" \
        grep -qE "^[[:space:]]*([a-z]+\|)*$cmd(\|[a-z]+)*\)" "$zsh_comp"
    cmd_help=$("$binary" "$cmd" --help) || {
        fail "$binary $cmd --help failed"
        continue
    }
    for opt in $(printf '%s\n' "$cmd_help" | options_of); do
        [[ $opt == -h ]] && continue # offered as --help
        check "option $opt of $cmd is not in the man page" in_man "$opt"
        check "option $opt is not in $zsh_comp" grep -qF -- "$opt" "$zsh_comp"
        check "bash does not complete option $opt of $cmd" offers "$opt" dltimeline "$cmd" -
    done
    # every value of --format: in the man page, offered by bash, named in the zsh completion
    for fmt in $(printf '%s\n' "$cmd_help" | formats_of); do
        check "format $fmt of $cmd is not in the man page" in_man "$fmt"
        check "format $fmt of $cmd is not in $zsh_comp" grep -qE -- "(\(| )$fmt(\\\\:|\)| )" "$zsh_comp"
        check "bash does not complete format $fmt of $cmd" offers "$fmt" dltimeline "$cmd" --format ""
    done
done

# ---- (d) bash completes commands and milestone ids through the real binary ------------------------
check "bash does not complete 'dltimeline sh' to show" offers show dltimeline sh
check "bash does not complete 'dltimeline show transf' to transformer" \
    offers transformer dltimeline show transf
check "bash does not complete 'dltimeline list --era ll' to llm-era" \
    offers llm-era dltimeline list --era ll
check "bash does not complete 'dltimeline export --format m' to markdown" \
    offers markdown dltimeline export --format m

# ---- (e) README.md agrees with the program ----------------------------------------------------------
readme=$srcdir/README.md
size=$(wc -c <"$readme")
check "README.md is $size bytes, not under 16 KB" test "$size" -lt 16384
for cmd in $("$binary" --help | awk '/^commands:/ { on = 1; next } /^$/ { on = 0 } on { print $1 }'); do
    check "README.md shows no use of 'dltimeline $cmd'" grep -q "dltimeline $cmd" "$readme"
done
export_json=$("$binary" export --format json)
n_ms=$(printf '%s' "$export_json" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["milestones"]))')
n_links=$(printf '%s' "$export_json" | python3 -c 'import json,sys; print(sum(len(m.get("builds_on", [])) for m in json.load(sys.stdin)["milestones"]))')
links_text=$(python3 -c 'import sys; print(f"{int(sys.argv[1]):,}")' "$n_links")
check "README.md does not say '$n_ms milestones'" grep -q "$n_ms milestones" "$readme"
check "README.md does not say '$links_text \"builds on\" links'" grep -q "$links_text \"builds on\" links" "$readme"
# the keys of the tour: each backquoted key in the first column of its table is one of the
# keys the help screen lists (its second column, "Home, g")
printf '?' >"$tmp/help.keys"
"$binary" --no-state --script "$tmp/help.keys" --size 200x90 >"$tmp/help.screen"
missing=$(python3 - "$readme" "$tmp/help.screen" <<'PY'
import re, sys
readme, screen = open(sys.argv[1], encoding="utf-8").read(), open(sys.argv[2], encoding="utf-8").read()
tour = readme.split("## A tour of the keys", 1)[1].split("\n## ", 1)[0]
keys = [k for row in tour.splitlines() if row.startswith("| `") for k in re.findall(r"`([^`]*)`", row.split("|")[1])]
bound = set()
for line in screen.splitlines():
    m = re.search(r"│ {3}(\S(?:\S| (?! ))*)\s{2,}[A-Z]", line)
    if m:
        bound.update(k.strip() for k in m.group(1).split(","))
print(" ".join(k for k in keys if k not in bound) if keys else "(no tour of the keys)")
PY
)
check "README.md's keys not in the help screen: $missing" test -z "$missing"

# ---- result ---------------------------------------------------------------------------------------
echo "docs: $passed passed, $failed failed"
if ((failed)); then
    exit 1
fi
if [[ -n $skipped_groff ]]; then
    exit 77
fi
exit 0
