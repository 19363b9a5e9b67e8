#!/usr/bin/env bash
# run.sh -- run the libFuzzer harnesses for as long as asked, and report.
#
#   tests/fuzz/run.sh [--build DIR] [--no-build] [--fresh] [--jobs N] SECONDS [HARNESS...]
#
# Builds DIR (default build-fuzz: CC=clang, -DDLT_FUZZ=ON) unless --no-build, then runs each
# harness (default: all of import yfast search utf8 db script biblio lineedit) for SECONDS, N at a time (default
# 1), starting from the seed corpus in tests/fuzz/corpus/NAME plus what earlier runs found
# (kept in DIR/fuzz/corpus/NAME; with --fresh, from the seeds alone into a temporary corpus,
# so that a short run stays short however much earlier runs found). A crash, leak, UB
# report, timeout or failed contract check stops that harness; its input is kept in
# DIR/fuzz/artifacts/NAME/ -- copy it into
# tests/fuzz/regressions/NAME/ once fixed, so that it is replayed by every build's tests.
# Prints one line per harness (wall and CPU seconds, executions, rate, corpus, findings),
# appends it to DIR/fuzz/stats.tsv (date, harness, wall seconds, executions, findings, what,
# CPU seconds), and exits non-zero when anything was found.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$root/build-fuzz
do_build=1 jobs=1 fresh=0
while [ $# -gt 0 ]; do
	case $1 in
	--build) build=$(realpath -m "$2"); shift 2 ;;
	--no-build) do_build=0; shift ;;
	--fresh) fresh=1; shift ;;
	--jobs) jobs=$2; shift 2 ;;
	-h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d'; exit 0 ;;
	*) break ;;
	esac
done
if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
	echo "usage: run.sh [--build DIR] [--no-build] [--fresh] [--jobs N] SECONDS [HARNESS...]" >&2
	exit 2
fi
seconds=$1
shift
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(import yfast search utf8 db script biblio lineedit)

if [ "$do_build" = 1 ]; then
	CC=${CC:-clang} cmake -S "$root" -B "$build" -DDLT_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null ||
		exit 2
	cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target fuzz_all >/dev/null || exit 2
fi

# one harness: run.sh's worker; prints its summary line
run_one() {
	local h=$1 bin=$build/tests/fuzz/fuzz_$1 work=$build/fuzz
	local corpus=$work/corpus/$h art=$work/artifacts/$h log=$work/logs/$h.log
	[ "$fresh" = 1 ] && corpus=$(mktemp -d "${TMPDIR:-/tmp}/dlt-corpus-$h-XXXXXX")
	if [ ! -x "$bin" ]; then
		echo "$h: $bin is not built (configure with CC=clang -DDLT_FUZZ=ON)"
		return 2
	fi
	mkdir -p "$corpus" "$art" "$work/logs"
	local opts=()
	while IFS= read -r o; do
		[ -n "$o" ] && opts+=("${o//@SRC@/$here}")
	done <"$here/options/$h"
	# scratch files of the harnesses go to memory when possible
	local tmpdir=${TMPDIR:-/tmp}
	[ -d /dev/shm ] && [ -w /dev/shm ] && tmpdir=/dev/shm
	local start=$SECONDS cpuf=$work/logs/$h.cpu
	# the harness's own CPU time (user + system), which a busy machine can make less than
	# the wall time
	local TIMEFORMAT='%U %S'
	{ time TMPDIR=$tmpdir ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1:quarantine_size_mb=64} \
		UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
		LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/lsan.supp:print_suppressions=0} \
		"$bin" "${opts[@]}" -max_total_time="$seconds" -print_final_stats=1 \
		-artifact_prefix="$art/" -rss_limit_mb=2048 "$corpus" "$here/corpus/$h" >"$log" 2>&1; } 2>"$cpuf"
	local rc=$?
	local cpu
	cpu=$(awk 'NF == 2 { printf "%d", $1 + $2 + 0.5 }' "$cpuf")
	local execs units
	execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
	[ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
	units=$(find "$corpus" -type f | wc -l)
	[ "$fresh" = 1 ] && rm -rf "$corpus"
	local took=$((SECONDS - start))
	local found=0 what="none"
	if [ $rc -ne 0 ]; then
		found=1
		what=$(grep -m1 -oE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer): [a-zA-Z-]+|runtime error: .*|fuzz check failed: .*|ALARM: .*' "$log" | head -1)
		[ -n "$what" ] || what="exit status $rc"
	fi
	local line
	line=$(printf '%-7s %6ss (CPU %6ss) %11s execs %7s/s  corpus %5s  findings %s (%s)' "$h" "$took" \
		"${cpu:-?}" "${execs:-0}" "$(( ${execs:-0} / (took > 0 ? took : 1) ))" "$units" "$found" "$what")
	echo "$line"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$h" "$took" "${execs:-0}" "$found" "$what" \
		"${cpu:-}" >>"$work/stats.tsv"
	if [ $rc -ne 0 ]; then
		echo "  log: $log"
		grep -m1 -E 'Test unit written to' "$log" | sed 's/^/  /'
		tail -40 "$log" | sed 's/^/  | /'
	fi
	return $((rc != 0))
}

status=0
pids=()
for h in "${harnesses[@]}"; do
	if [ "$jobs" -le 1 ]; then
		run_one "$h" || status=1
		continue
	fi
	if [ ${#pids[@]} -ge "$jobs" ]; then   # at capacity: wait for the oldest
		wait "${pids[0]}" || status=1
		pids=("${pids[@]:1}")
	fi
	run_one "$h" &
	pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || status=1; done
exit $status
