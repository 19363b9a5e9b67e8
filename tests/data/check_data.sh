#!/usr/bin/env bash
# check_data.sh -- the curated history in data/:
#   1. `dltimeline import --check --strict data/` passes;
#   2. it builds a database whose JSON export is valid and has >= 420 milestones and
#      >= 850 links (tests/cli/check_json.py), and the binary's embedded database is that
#      same data (not stale);
#   3. every milestone named in the seed documents (seed_names.txt) and in the second
#      edition's list (required_names.txt) is found by `dltimeline show NAME` (exit 0, or
#      exit 1 with "names N milestones");
#   4. check_content.py: size, aliases, eras, links in time, paradigms.
#
# usage: check_data.sh DLTIMELINE SOURCE_DIR
set -u
bin=$1 src=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/dlt-data-XXXXXX")
trap 'rm -rf "$work"' EXIT
unset COLUMNS LINES NO_COLOR DLTIMELINE_DB
export LC_ALL=C.UTF-8
failed=0
fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

# 1. strict validation, writing nothing
"$bin" import --check --strict "$src/data" >"$work/out" 2>"$work/err"
status=$?
if [[ $status -ne 0 ]]; then
	fail "import --check --strict data/ exited $status:"
	head -n 50 "$work/err"
	exit 1
fi
grep -Eq '^[0-9]+ milestones checked$' "$work/err" || fail "unexpected import output: $(cat "$work/err")"

# 2. counts and JSON, on a database built from data/ now
"$bin" import --strict "$src/data" -o "$work/data.db" 2>"$work/err" || fail "import data/ -o failed: $(cat "$work/err")"
python3 "$src/tests/cli/check_json.py" "$bin" "$src" --db "$work/data.db" --min-milestones 420 --min-links 850 ||
	fail "the JSON export of data/ is not valid or too small"
"$bin" --db "$work/data.db" export >"$work/export-data.json"
"$bin" export >"$work/export-embedded.json"
cmp -s "$work/export-data.json" "$work/export-embedded.json" ||
	fail "the embedded database differs from data/ (rebuild: cmake --build)"

# 3. every name of the seed documents and of the second edition's list resolves
resolves() {   # NAME: found by `show` (exit 0, or exit 1 with "names N milestones")
	"$bin" --db "$work/data.db" show "$1" >/dev/null 2>"$work/err"
	local status=$?
	[[ $status -eq 0 ]] || { [[ $status -eq 1 ]] && grep -q "names [0-9]* milestones" "$work/err"; }
}
check_names() {   # FILE MIN WHAT
	local found=0 names=0 line rest alt ok
	while IFS= read -r line || [[ -n $line ]]; do
		[[ -z ${line//[[:space:]]/} || $line == \#* ]] && continue
		names=$((names + 1))
		ok=0
		rest=$line
		while [[ -n $rest ]]; do
			alt=${rest%% / *}
			[[ $alt == "$rest" ]] && rest= || rest=${rest#* / }
			if resolves "$alt"; then
				ok=1
				break
			fi
		done
		if ((ok)); then
			found=$((found + 1))
		else
			fail "$3 not found: $line"
		fi
	done <"$1"
	((names >= $2)) || fail "only $names names read from $1"
	echo "$found of $names $3s found"
}
check_names "$here/seed_names.txt" 40 "seed name"
check_names "$here/required_names.txt" 60 "required name"

# 4. the rules that need the whole history (aliases, eras, links in time, size)
python3 "$here/check_content.py" "$bin" "$work/data.db" || fail "check_content.py"

if ((failed)); then
	echo "$failed check(s) failed"
	exit 1
fi
echo "data/ is valid"
