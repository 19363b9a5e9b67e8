#!/usr/bin/env bash
# check_pipes_env.sh -- behaviour of the real binary that golden files cannot show:
#   * output into a closed pipe ends quietly: exit 0, nothing on stderr (both for a pipe
#     whose reader is already gone and for the everyday `dltimeline list | head -1`);
#   * $DLTIMELINE_DB selects the database, --db overrides it, a bad one is one line + exit 2;
#   * without a command and without a terminal, the timeline is listed instead;
#   * text in a pipe is whole (one milestone per line, notes and titles uncut, addresses
#     never broken); on a terminal it fits the width, or $COLUMNS, with an ellipsis;
#   * long output goes through $DLTIMELINE_PAGER / $PAGER on a terminal, never in a pipe.
#
# usage: check_pipes_env.sh DLTIMELINE FIXTURE_DB
set -u
bin=$1 db=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/dlt-pipes-XXXXXX")
trap 'rm -rf "$work"' EXIT
unset COLUMNS LINES NO_COLOR DLTIMELINE_DB
export LC_ALL=C.UTF-8
failed=0
fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

# ---- a pipe whose reader has gone before the first write: every write fails with EPIPE
closed_pipe() { # ARGS... -> runs with stdout = a pipe with no reader
	python3 - "$@" <<'EOF'
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
os.close(w)
sys.stderr.buffer.write(p.stderr)
sys.exit(p.returncode)
EOF
}
for args in "list" "list --format tsv" "list --format json" "show transformer" "show transformer --format json" \
	"search attention" "links bert" "eras" "paradigms" "tags" "tags --format json" "export" \
	"export --format csv" "export --format markdown" "list --help" "--help" "--version"; do
	# shellcheck disable=SC2086
	closed_pipe "$bin" --db "$db" $args 2>"$work/err"
	status=$?
	if [[ $status -ne 0 ]]; then
		fail "closed pipe: '$args' exited $status"
	fi
	if [[ -s $work/err ]]; then
		fail "closed pipe: '$args' wrote to stderr: $(head -c 300 "$work/err")"
	fi
done
# the embedded database too (large outputs)
for args in "list" "export" "export --format markdown"; do
	# shellcheck disable=SC2086
	closed_pipe "$bin" $args 2>"$work/err"
	status=$?
	[[ $status -eq 0 && ! -s $work/err ]] || fail "closed pipe (embedded): '$args' exit $status, stderr $(head -c 300 "$work/err")"
done

# ---- the everyday case: the reader leaves after the first line
first=$("$bin" --db "$db" list 2>"$work/err" | head -1; echo "status=${PIPESTATUS[0]}")
[[ $first == $'1958-07  Perceptron                  hardware    The perceptron: a machine that learns\nstatus=0' ]] ||
	fail "list | head -1 gave: $first"
[[ ! -s $work/err ]] || fail "list | head -1 wrote to stderr: $(cat "$work/err")"
for args in "list" "export" "export --format csv"; do
	# shellcheck disable=SC2086
	out=$("$bin" $args 2>"$work/err" | head -1; echo "status=${PIPESTATUS[0]}")
	[[ $out == *$'\nstatus=0' ]] || fail "embedded '$args | head -1': $out"
	[[ ! -s $work/err ]] || fail "embedded '$args | head -1' wrote to stderr: $(cat "$work/err")"
done

# ---- text in a pipe is whole; on a terminal it fits
source "$(dirname "$0")/../lib/on_tty.sh"
count_wider() {   # FILE N: how many lines of FILE are wider than N characters
	python3 -c 'import sys
print(sum(len(l.rstrip("\n")) > int(sys.argv[2]) for l in open(sys.argv[1], encoding="utf-8")))' "$1" "$2"
}
n=$("$bin" list | grep -c "trust region")
((n >= 1)) || fail "list | grep 'trust region' found $n lines (titles cut in a pipe?)"
"$bin" list | grep -q '…' && fail "list in a pipe has an ellipsis: $("$bin" list | grep -m1 '…')"
COLUMNS=40 "$bin" list >"$work/out"
long=$(count_wider "$work/out" 60)
((long > 100)) || fail "COLUMNS=40 list in a pipe cut the lines ($long longer than 60)"
"$bin" links transformer | grep -q '…' && fail "links in a pipe cut a note: $("$bin" links transformer | grep -m1 '…')"
"$bin" show alexnet | grep -Eq '^URL +https://papers.nips.cc/paper_files/paper/2012/hash/c399862d3b9d6b76c8436e924a68c45b-Abstract.html$' ||
	fail "show alexnet broke the URL: $("$bin" show alexnet | grep -A1 '^URL')"
COLUMNS=50 "$bin" show lstm | grep '^  [A-Za-z]' >"$work/out"
wide=$(count_wider "$work/out" 50)
((wide == 0)) || fail "COLUMNS=50 show lstm: $wide prose lines wider than 50"
on_tty 80 "$bin" list >"$work/tty" 2>&1 || fail "list on a terminal: $(head -3 "$work/tty")"
wide=$(count_wider "$work/tty" 80)
((wide == 0)) || fail "list on an 80-column terminal has $wide lines wider than 80"
grep -q '…' "$work/tty" || fail "list on an 80-column terminal cuts nothing"
COLUMNS=100 on_tty 80 "$bin" list >"$work/tty" 2>&1
wide=$(count_wider "$work/tty" 80)
((wide > 0)) || fail "COLUMNS=100 on an 80-column terminal: no line wider than 80"

# ---- the pager: on a terminal only
lines=$("$bin" export | wc -l)
DLTIMELINE_PAGER="wc -l >$work/paged" "$bin" export >"$work/out"
[[ ! -e $work/paged && $(wc -l <"$work/out") -eq $lines ]] || fail "export in a pipe went through the pager"
script -qec "DLTIMELINE_PAGER='wc -l >$work/paged' $(printf '%q' "$bin") export" /dev/null </dev/null >/dev/null
[[ -e $work/paged && $(cat "$work/paged") -eq $lines ]] ||
	fail "export on a terminal: the pager read $(cat "$work/paged" 2>/dev/null) lines, want $lines"
rm -f "$work/paged"
script -qec "DLTIMELINE_PAGER='wc -l >$work/paged' $(printf '%q' "$bin") --no-pager export" /dev/null </dev/null >/dev/null
[[ ! -e $work/paged ]] || fail "--no-pager: the pager ran"
script -qec "DLTIMELINE_PAGER= PAGER='wc -l >$work/paged' $(printf '%q' "$bin") export" /dev/null </dev/null >/dev/null
[[ ! -e $work/paged ]] || fail "DLTIMELINE_PAGER empty: a pager ran"

# ---- $DLTIMELINE_DB and --db
want=$("$bin" --db "$db" list --limit 1)
got=$(DLTIMELINE_DB=$db "$bin" list --limit 1 2>"$work/err")
[[ $? -eq 0 && $got == "$want" && ! -s $work/err ]] || fail "DLTIMELINE_DB=fixture: '$got'"
DLTIMELINE_DB=$work/missing.db "$bin" list >"$work/out" 2>"$work/err"
status=$?
[[ $status -eq 2 && ! -s $work/out && $(cat "$work/err") == "dltimeline: $work/missing.db: No such file or directory" ]] ||
	fail "bad DLTIMELINE_DB: exit $status, stderr '$(cat "$work/err")'"
got=$(DLTIMELINE_DB=$work/missing.db "$bin" --db "$db" list --limit 1 2>"$work/err")
[[ $? -eq 0 && $got == "$want" ]] || fail "--db does not override DLTIMELINE_DB"
got=$(DLTIMELINE_DB=$work/missing.db "$bin" list --limit 1 --db "$db" 2>"$work/err")
[[ $? -eq 0 && $got == "$want" ]] || fail "list --db does not override DLTIMELINE_DB"
# the embedded database is the default
got=$("$bin" show resnet --format tsv 2>"$work/err" | head -1)
[[ $got == $'id\tresnet' ]] || fail "the embedded database does not have resnet: '$got'"
[[ -e $work/missing.db ]] && fail "a missing --db file was created"

# ---- no command, no terminal: the list, with a note on stderr
"$bin" --db "$db" </dev/null >"$work/out" 2>"$work/err"
status=$?
"$bin" --db "$db" list >"$work/list"
[[ $status -eq 0 ]] || fail "no command, not a terminal: exit $status"
cmp -s "$work/out" "$work/list" || fail "no command, not a terminal: output is not the list"
[[ $(wc -l <"$work/err") -eq 1 ]] || fail "no command, not a terminal: stderr is not one line: $(cat "$work/err")"

if ((failed)); then
	echo "$failed check(s) failed"
	exit 1
fi
echo "all pipe and environment checks passed"
