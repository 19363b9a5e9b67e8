#!/usr/bin/env bash
# run_golden.sh -- run every case of cases.txt against the fixture database and compare
# stdout, stderr and the exit status with expected/NAME.out.
#
# usage: run_golden.sh DLTIMELINE FIXTURE_DB SOURCE_DIR [--update | --check-files] [NAME...]
#   --update       (re)write the expected files instead of comparing (then READ them)
#   --check-files  run no case: only check that every case has its expected file and every
#                  expected file its case (ctest runs each case as a test of its own)
#   NAME...        run only these cases
#
# Each case runs from SOURCE_DIR as `DLTIMELINE --db FIXTURE_DB ARGS...` with stdin from
# /dev/null, stdout and stderr to files (never a terminal), and COLUMNS, LINES, NO_COLOR
# and DLTIMELINE_DB unset. In the expected files the database path reads @DB; "@DB" in
# the ARGS of a case is replaced by the path too.
set -u

bin=$1 db=$2 src=$3
shift 3
update=0 files_only=0
if [[ ${1:-} == --update ]]; then
	update=1
	shift
elif [[ ${1:-} == --check-files ]]; then
	files_only=1
	shift
fi
here=$(cd "$(dirname "$0")" && pwd)
expected_dir=$here/expected
work=$(mktemp -d "${TMPDIR:-/tmp}/dlt-golden-XXXXXX")
trap 'rm -rf "$work"' EXIT

unset COLUMNS LINES NO_COLOR DLTIMELINE_DB
export LC_ALL=C.UTF-8

declare -A only=()
for n in "$@"; do only[$n]=1; done

failed=0 ran=0
declare -A seen=()
while IFS= read -r line || [[ -n $line ]]; do
	[[ -z ${line//[[:space:]]/} || $line == \#* ]] && continue
	name=${line%%[[:space:]]*}
	args=${line#"$name"}
	args=${args#"${args%%[![:space:]]*}"}
	if [[ -n ${seen[$name]:-} ]]; then
		echo "cases.txt: duplicate case name '$name'" >&2
		exit 2
	fi
	seen[$name]=1
	if (( ${#only[@]} )) && [[ -z ${only[$name]:-} ]]; then
		continue
	fi
	if (( files_only )); then
		if [[ ! -f $expected_dir/$name.out ]]; then
			echo "FAIL $name: no expected file $expected_dir/$name.out"
			failed=$((failed + 1))
		fi
		ran=$((ran + 1))
		continue
	fi
	ran=$((ran + 1))
	quoted_db=$(printf '%q' "$db")
	eval "set -- ${args//@DB/$quoted_db}"
	(cd "$src" && exec "$bin" --db "$db" "$@") </dev/null >"$work/out" 2>"$work/err"
	status=$?
	{
		printf '$ dltimeline %s\n' "$args"
		cat "$work/out"
		printf -- '--- stderr\n'
		cat "$work/err"
		printf -- '--- exit %d\n' "$status"
	} | sed "s#$(printf '%s' "$db" | sed 's/[][\.*^$#]/\\&/g')#@DB#g" >"$work/result"

	if (( update )); then
		cp "$work/result" "$expected_dir/$name.out"
		continue
	fi
	if [[ ! -f $expected_dir/$name.out ]]; then
		echo "FAIL $name: no expected file $expected_dir/$name.out"
		failed=$((failed + 1))
	elif ! diff -u --label "expected/$name.out" --label "actual" "$expected_dir/$name.out" "$work/result" >"$work/diff"; then
		echo "FAIL $name"
		head -n 60 "$work/diff"
		failed=$((failed + 1))
	fi
done <"$here/cases.txt"

# every expected file belongs to a case
if (( ! ${#only[@]} )); then
	for f in "$expected_dir"/*.out; do
		n=$(basename "$f" .out)
		if [[ -z ${seen[$n]:-} ]]; then
			echo "FAIL expected/$n.out has no case in cases.txt"
			failed=$((failed + 1))
		fi
	done
fi

if (( update )); then
	echo "wrote $ran expected files to $expected_dir"
	exit 0
fi
echo "$ran cases, $failed failed"
(( failed == 0 && ran > 0 ))
