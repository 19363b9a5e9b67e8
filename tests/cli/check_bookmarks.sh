#!/usr/bin/env bash
# check_bookmarks.sh DLTIMELINE FIXTURE_DB -- bookmarks as a reading list: notes (added,
# replaced, kept by a second --add, gone with the bookmark), an order the user changes
# (--move ID --to N), and the reading list in markdown following that order; bibtex in
# timeline order whatever the bookmarks' order; every misuse one line on stderr and a
# non-zero status. Runs with a private state directory.
set -u
bin=$1 db=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dlt-bookmarks-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export XDG_STATE_HOME=$tmp/state HOME=$tmp LC_ALL=C.UTF-8
unset DLTIMELINE_DB NO_COLOR COLUMNS LINES
failed=0
fail() { echo "FAIL: $*"; failed=1; }
dlt() { "$bin" --db "$db" "$@"; }

# expect STATUS STDERR-PATTERN ARGS...: the exit status, and stderr one line matching
expect() {
	local want=$1 pattern=$2
	shift 2
	local err status
	err=$(dlt "$@" 2>&1 >/dev/null)
	status=$?
	[[ $status == "$want" ]] || fail "$*: exit $status, expected $want"
	if [[ -n $pattern ]]; then
		[[ $err =~ $pattern ]] || fail "$*: stderr '$err' does not match '$pattern'"
		[[ $(printf '%s\n' "$err" | wc -l) == 1 ]] || fail "$*: more than one line on stderr: $err"
	fi
}

# the bookmarks' names in their order, from the markdown reading list
order() { dlt bookmarks --format markdown | sed -n 's/^[0-9]*\. \*\*\(.*\)\*\* — .*/\1/p' | paste -sd' '; }

expect 0 "" bookmarks --add perceptron
expect 0 "" bookmarks --add backprop --note 'first *read* <this>'
expect 0 "" bookmarks --add lstm
expect 0 "" bookmarks --add gpt --note 'a note'
[[ $(order) == "GPT LSTM Backprop Perceptron" ]] || fail "order after adding: $(order)"
md=$(dlt bookmarks --format markdown)
grep -qxF '   *Note:* first \*read\* \<this\>' <<<"$md" || fail "the note, escaped, under Backprop: $md"
[[ $(grep -c 'Note:' <<<"$md") == 2 ]] || fail "two notes expected: $md"

expect 0 "" bookmarks --move perceptron --to 1
expect 0 "" bookmarks --move gpt --to 99
[[ $(order) == "Perceptron LSTM Backprop GPT" ]] || fail "order after moving: $(order)"
expect 0 "" bookmarks --add backprop          # again, without --note: the note stays
expect 0 "" bookmarks --add gpt --note ''     # an empty note: none
md=$(dlt bookmarks --format markdown)
[[ $(grep -c 'Note:' <<<"$md") == 1 ]] || fail "one note expected after clearing: $md"
[[ $(order) == "Perceptron LSTM Backprop GPT" ]] || fail "re-adding moved a bookmark: $(order)"

# citations keep the timeline's order, whatever the bookmarks' order
keys=$(dlt bookmarks --format bibtex | sed -n 's/^@[a-z]*{\([^,]*\),$/\1/p' | paste -sd' ')
[[ $keys =~ ^rosenblatt.*rumelhart.*hochreiter.*radford ]] || fail "bibtex order: $keys"

expect 0 "" bookmarks --remove backprop
expect 0 "" bookmarks --add backprop
[[ $(order) == "Backprop Perceptron LSTM GPT" ]] || fail "order after re-adding: $(order)"
grep -q 'Note:' <(dlt bookmarks --format markdown) && fail "a removed bookmark's note came back"

expect 1 "BERT is not bookmarked" bookmarks --move bert --to 1
expect 2 "--note goes with --add" bookmarks --note x
expect 2 "--move and --to go together" bookmarks --move gpt
expect 2 "--move and --to go together" bookmarks --to 2
expect 2 "one at a time" bookmarks --add gpt --move lstm --to 1
expect 2 "to" bookmarks --move gpt --to 0
expect 2 "to" bookmarks --move gpt --to x
expect 1 "no milestone" bookmarks --move nope --to 1
[[ $(order) == "Backprop Perceptron LSTM GPT" ]] || fail "a refused command changed the order: $(order)"

if (( failed )); then
	exit 1
fi
echo "bookmarks: notes, order and reading lists as expected"
