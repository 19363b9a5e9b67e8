#!/usr/bin/env bash
# run.sh -- measure dltimeline at scale: the importer, the browser and search on a generated
# timeline of N milestones (default 1,000,000, about 5 links each) against the bundled one,
# in the same run, and print one table (markdown): figure, bundled, N, ratio, goal, result.
#
#   tests/bench/run.sh [--n N] [--runs R] [--build DIR] [--work DIR] [--keep]
#
#   --n N       milestones to generate (default 1000000; try --n 20000 for a quick run)
#   --runs R    runs of every measurement, the median is reported (default 3; at least 3)
#   --build DIR the build directory (default build; it is built when something is missing)
#   --work DIR  where the data and databases go (default $TMPDIR or /tmp, ~5 GB for 1M)
#   --keep      keep the generated data and databases (they are deleted at the end)
#
# Not part of ctest's default run. Every time is the median of R runs of a separate process
# measured with wait4() (tests/bench/runstat.c): wall time, CPU time (user + system, all
# threads) and peak resident set. Figures compared with each other (start-up against
# --version, dltimeline against the sqlite3 shell and grep) are measured in turns, three
# rounds, and the median round is taken. Per-key costs are CPU time: (a script with K keys - the
# same script without them) / K, in the headless script mode (tui.c), where a key costs its
# handling plus drawing the screen again.
set -euo pipefail

N=1000000 RUNS=3 BUILD=build WORK="${TMPDIR:-/tmp}" KEEP=0
while [ $# -gt 0 ]; do
	case "$1" in
	--n) N=$2; shift 2 ;;
	--runs) RUNS=$2; shift 2 ;;
	--build) BUILD=$2; shift 2 ;;
	--work) WORK=$2; shift 2 ;;
	--keep) KEEP=1; shift ;;
	*) echo "usage: $0 [--n N] [--runs R] [--build DIR] [--work DIR] [--keep]" >&2; exit 2 ;;
	esac
done
[ "$RUNS" -ge 3 ] || { echo "run.sh: --runs must be at least 3" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
BIN=$BUILD/dltimeline GEN=$BUILD/tests/bench/dltimeline-gen STAT=$BUILD/tests/bench/dltimeline-runstat
PLANS=$BUILD/tests/bench/query_plans
if [ ! -x "$BIN" ] || [ ! -x "$GEN" ] || [ ! -x "$STAT" ] || [ ! -x "$PLANS" ] || [ ! -x "$BUILD/tests/bench/rank_same" ]; then
	cmake -S "$ROOT" -B "$BUILD" >/dev/null && cmake --build "$BUILD" -j2 >/dev/null
fi
command -v sqlite3 >/dev/null || { echo "run.sh: needs the sqlite3 shell" >&2; exit 2; }
W=$(mktemp -d "$WORK/dltimeline-bench-XXXXXX")
export XDG_STATE_HOME=$W/state   # no bookmarks: the start-up does not depend on the user's
cleanup() { [ "$KEEP" = 1 ] && echo "kept: $W" >&2 || rm -rf "$W"; }
trap cleanup EXIT
say() { echo "run.sh: $*" >&2; }

# ---- helpers -------------------------------------------------------------------------------
# measure RUNS [runstat args] -- CMD...: sets WALL (ms), CPU (ms), RSS (KiB), medians
measure() {
	local runs=$1; shift
	local out
	out=$("$STAT" -n "$runs" "$@") || { echo "run.sh: failed: $*" >&2; exit 1; }
	WALL=$(sed 's/.*wall_ms=\([0-9.]*\).*/\1/' <<<"$out")
	CPU=$(sed 's/.*cpu_ms=\([0-9.]*\).*/\1/' <<<"$out")
	RSS=$(sed 's/.*rss_kb=\([0-9]*\).*/\1/' <<<"$out")
}
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }
median3() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
ROWS=()
# row FIGURE BUNDLED VALUE RATIO GOAL PASS(1/0/-)
row() {
	local res=PASS
	[ "$6" = 0 ] && res=FAIL
	[ "$6" = - ] && res=-
	ROWS+=("| $1 | $2 | $3 | $4 | $5 | $res |")
}
le() { awk "BEGIN { exit !($1 <= $2) }" && echo 1 || echo 0; }
lt() { awk "BEGIN { exit !($1 < $2) }" && echo 1 || echo 0; }

# ---- data ---------------------------------------------------------------------------------
say "generating $N milestones"
"$GEN" "$N" "$W/data" 42
BDB=$W/bundled.db NDB=$W/n.db
"$BIN" import --strict "$ROOT/data" -o "$BDB" >/dev/null 2>&1
YAML_MB=$(du -sm "$W/data" | cut -f1)

# ---- the importer --------------------------------------------------------------------------
say "importing the bundled data, then $N milestones ($YAML_MB MB of YAML), $RUNS times each"
measure "$RUNS" -- "$BIN" import --strict "$ROOT/data" -o "$W/b2.db"
B_IMP_WALL=$WALL B_IMP_CPU=$CPU B_IMP_RSS=$RSS
measure "$RUNS" -- "$BIN" import --strict "$W/data" -o "$NDB"
N_IMP_WALL=$WALL N_IMP_CPU=$CPU N_IMP_RSS=$RSS
DB_MB=$(( $(stat -c %s "$NDB") / 1048576 ))
row "import: wall time (s)" "$(calc "$B_IMP_WALL/1000")" "$(calc "$N_IMP_WALL/1000" 1)" "" "< 60 s" "$(lt "$N_IMP_WALL" 60000)"
row "import: CPU time, all threads (s)" "$(calc "$B_IMP_CPU/1000")" "$(calc "$N_IMP_CPU/1000" 1)" "" "" -
row "import: peak memory (MB)" "$(calc "$B_IMP_RSS/1024" 1)" "$(calc "$N_IMP_RSS/1024" 1)" "" "< 256 MB" "$(lt "$N_IMP_RSS" 262144)"

# ---- the browser: start, keys -------------------------------------------------------------
cd "$W"
printf 'q' >q.keys
say "browser start (3 rounds of 20 runs each, taken in turns)"
vw=() vc=() bw=() bc=() br=() nw=() nc=() nr=()
for round in 1 2 3; do
	measure 20 -- "$BIN" --version; vw+=("$WALL") vc+=("$CPU")
	measure 20 -- "$BIN" --script q.keys --size 80x24; bw+=("$WALL") bc+=("$CPU") br+=("$RSS")
	measure 20 -- "$BIN" --db "$NDB" --script q.keys --size 80x24; nw+=("$WALL") nc+=("$CPU") nr+=("$RSS")
done
V_WALL=$(median3 "${vw[@]}") V_CPU=$(median3 "${vc[@]}")
B_ST_WALL=$(median3 "${bw[@]}") B_ST_CPU=$(median3 "${bc[@]}") B_ST_RSS=$(median3 "${br[@]}")
N_ST_WALL=$(median3 "${nw[@]}") N_ST_CPU=$(median3 "${nc[@]}") N_ST_RSS=$(median3 "${nr[@]}")
row "start, first screen, quit: wall (ms)" "$(calc "$B_ST_WALL")" "$(calc "$N_ST_WALL")" \
	"$(calc "$N_ST_WALL/$B_ST_WALL")x" "<= 1.5x bundled" "$(le "$N_ST_WALL" "$B_ST_WALL*1.5")"
row "… against \`dltimeline --version\` ($(calc "$V_WALL") ms wall)" "$(calc "$B_ST_WALL/$V_WALL")x" \
	"$(calc "$N_ST_WALL/$V_WALL")x" "" "<= 2x --version" "$(le "$N_ST_WALL" "$V_WALL*2")"
row "start: CPU time (ms)" "$(calc "$B_ST_CPU")" "$(calc "$N_ST_CPU")" "$(calc "$N_ST_CPU/$B_ST_CPU")x" \
	"(--version: $(calc "$V_CPU") ms)" -
row "start: peak memory (MB)" "$(calc "$B_ST_RSS/1024" 1)" "$(calc "$N_ST_RSS/1024" 1)" \
	"$(calc "$N_ST_RSS/$B_ST_RSS")x" "<= 1.5x bundled, < 30 MB" \
	"$(awk "BEGIN { print ($N_ST_RSS <= $B_ST_RSS * 1.5 && $N_ST_RSS < 30720) }")"

repeat() { local s=$1 n=$2 out=""; for ((i = 0; i < n; i++)); do out+=$s; done; printf '%s' "$out"; }
# per_key NAME KEYS_PER_UNIT UNITS PREFIX: CPU ms per key on both databases -> PK_B, PK_N
per_key() {
	local unit=$1 k=$2 units=$3 prefix=${4:-}
	printf '%sq' "$prefix" >base.keys
	{ printf '%s' "$prefix"; repeat "$unit" "$units"; printf 'q'; } >keys.keys
	measure "$RUNS" -- "$BIN" --script base.keys --size 80x24
	local bb=$CPU
	measure "$RUNS" -- "$BIN" --script keys.keys --size 80x24
	PK_B=$(calc "($CPU-$bb)/($k*$units)" 3)
	measure "$RUNS" -- "$BIN" --db "$NDB" --script base.keys --size 80x24
	local nb=$CPU
	measure "$RUNS" -- "$BIN" --db "$NDB" --script keys.keys --size 80x24
	PK_N=$(calc "($CPU-$nb)/($k*$units)" 3)
}
say "keys ($RUNS runs of thousands of keys each)"
per_key 'Gg' 2 1000; row "G / g, end / start (ms CPU per key)" "$PK_B" "$PK_N" "" "< 2 ms" "$(lt "$PK_N" 2)"
per_key '<PgDn>' 1 2000; row "PgDn (ms CPU per key)" "$PK_B" "$PK_N" "" "< 2 ms" "$(lt "$PK_N" 2)"
per_key "$(repeat ']' 40)$(repeat '[' 40)" 80 25; row "] / [, next / previous year (ms CPU per key)" "$PK_B" "$PK_N" "" "< 2 ms" "$(lt "$PK_N" 2)"
YJ=""; for y in 1950 1973 1999 2012 2025 1961 1988 2020; do YJ+="y$y<Enter>"; done
per_key "$YJ" 48 50; row "y YEAR Enter, year jump (ms CPU per key)" "$PK_B" "$PK_N" "" "< 2 ms" "$(lt "$PK_N" 2)"
per_key "$(repeat '}' 7)$(repeat '{' 7)" 14 140; row "} / {, next / previous era (ms CPU per key)" "$PK_B" "$PK_N" "" "< 2 ms" "$(lt "$PK_N" 2)"

# ---- search ---------------------------------------------------------------------------------
# a word of the index in about `share` of the milestones (letters only, 5+ of them)
word_for() {
	sqlite3 "$1" "SELECT term FROM terms WHERE term GLOB '[a-z][a-z][a-z][a-z][a-z]*' AND term NOT GLOB '*[^a-z]*'
		ORDER BY abs(docs - max(3, $2 * (SELECT value FROM meta WHERE key = 'milestones'))), term LIMIT 1"
}
search_cost() {   # DBARGS... -> SF (first screen, ms CPU), SN (next match, ms CPU per n)
	local w=$1; shift
	printf '/<Esc>q' >s0.keys
	printf '/%s<Enter>q' "$w" >s1.keys
	{ printf '/%s<Enter>' "$w"; repeat n 1000; printf 'q'; } >s2.keys
	measure "$RUNS" -- "$BIN" "$@" --script s0.keys --size 80x24; local c0=$CPU
	measure "$RUNS" -- "$BIN" "$@" --script s1.keys --size 80x24; local c1=$CPU
	measure "$RUNS" -- "$BIN" "$@" --script s2.keys --size 80x24; local c2=$CPU
	SF=$(calc "$c1-$c0" 2) SN=$(calc "($c2-$c1)/1000" 3)
}
say "search"
sqlite3 "$NDB" "SELECT title, short, (SELECT group_concat(alias, ' ; ') FROM aliases WHERE milestone = m.id),
	authors, summary, problem, insight, impact, paper_title, venue FROM milestones m" >export.txt
sqlite3 "$BDB" "SELECT title, short, (SELECT group_concat(alias, ' ; ') FROM aliases WHERE milestone = m.id),
	authors, summary, problem, insight, impact, paper_title, venue FROM milestones m" >export-b.txt
# the column weights of dltimeline's ranking, read from the source so that both rank alike
WEIGHTS=$(sed -n 's/^#define DLT_RANK_WEIGHTS "\(.*\)"$/\1/p' "$ROOT/src/db/queries.h")
RANK_SQL="ORDER BY bm25(search, $WEIGHTS), rowid LIMIT 20"
for kind in rare:0.001 medium:0.1 common:1; do
	name=${kind%%:*} share=${kind#*:}
	wb=$(word_for "$BDB" "$share") wn=$(word_for "$NDB" "$share")
	db=$(sqlite3 "$BDB" "SELECT docs FROM terms WHERE term = '$wb'") dn=$(sqlite3 "$NDB" "SELECT docs FROM terms WHERE term = '$wn'")
	search_cost "$wb"; BF=$SF BN=$SN
	search_cost "$wn" --db "$NDB"
	row "/$name word Enter: ranked, at the best match, matches marked (ms CPU): \`$wb\` ($db), \`$wn\` ($dn)" "$BF" "$SF" "" "<= 50 ms" "$(le "$SF" 50)"
	row "/$name word: next match, n (ms CPU per key)" "$BN" "$SN" "" "<= 50 ms, < 2 ms" "$(lt "$SN" 2)"
	# dltimeline, the sqlite3 shell and grep in turns, three rounds: a burst of load on the
	# machine then weighs on all three alike
	rb=() rn=() sb=() sn=() gb=() gn=()
	for round in 1 2 3; do
		measure "$RUNS" -- "$BIN" --db "$BDB" search "$wb"; rb+=("$WALL")
		measure "$RUNS" -- sqlite3 "$BDB" "SELECT rowid FROM search WHERE search MATCH '\"$wb\"*' $RANK_SQL"; sb+=("$WALL")
		measure "$RUNS" -- grep -ci "$wb" export-b.txt; gb+=("$WALL")
		measure "$RUNS" -- "$BIN" --db "$NDB" search "$wn"; rn+=("$WALL")
		measure "$RUNS" -- sqlite3 "$NDB" "SELECT rowid FROM search WHERE search MATCH '\"$wn\"*' $RANK_SQL"; sn+=("$WALL")
		measure "$RUNS" -- grep -ci "$wn" export.txt; gn+=("$WALL")
	done
	RB=$(median3 "${rb[@]}") SB=$(median3 "${sb[@]}") GB=$(median3 "${gb[@]}")
	RN=$(median3 "${rn[@]}") SQ=$(median3 "${sn[@]}") GN=$(median3 "${gn[@]}")
	row "\`dltimeline search\` $name word (ms wall)" "$(calc "$RB")" "$(calc "$RN")" "" "" -
	row "… against the sqlite3 shell, same FTS5 query (ms wall)" "$(calc "$SB")" "$(calc "$SQ")" \
		"$(calc "$RN/$SQ")x" "<= 1.2x" "$(le "$RN" "$SQ*1.2")"
	row "… against \`grep -ci\` over the indexed text (ms wall)" "$(calc "$GB")" "$(calc "$GN")" \
		"$(calc "$RN/$GN")x" "< 1x" "$(lt "$RN" "$GN")"
done

# ---- the ranked list of '/' per keystroke, a typo, field terms (model/find.c) ----------------------
# dltimeline-findbench: CPU time of the ranking alone (the key rows above cost the drawing);
# typing a word is a keystroke per prefix ("t", "tr", ...), each the list of one keystroke.
say "the ranking per keystroke"
FB=$BUILD/tests/bench/dltimeline-findbench
fb() { "$FB" "$@" || { echo "run.sh: failed: findbench $*" >&2; exit 1; }; }
field() { sed "s/.*$1=\([0-9.]*\).*/\1/" <<<"$2"; }
for kind in rare:0.001 medium:0.1 common:1; do
	name=${kind%%:*} share=${kind#*:}
	wb=$(word_for "$BDB" "$share") wn=$(word_for "$NDB" "$share")
	ob=$(fb "$BDB" type "$wb") on=$(fb "$NDB" type "$wn")
	row "/ typing a $name word, ranked list per keystroke (ms CPU, median of its prefixes): \`$wb\`, \`$wn\`" \
		"$(field median_ms "$ob")" "$(field median_ms "$on")" "" "<= 16 ms" "$(le "$(field median_ms "$on")" 16)"
	row "… the slowest keystroke (ms CPU)" "$(field max_ms "$ob")" "$(field max_ms "$on")" "" "<= 16 ms" \
		"$(le "$(field max_ms "$on")" 16)"
	row "… the whole ranking of the word, when no key is waiting (ms CPU)" "$(field full_ms "$ob")" \
		"$(field full_ms "$on")" "" "" -
done
# a typo: two neighbouring letters of a medium word swapped, a word the index does not have
typo() { local w=$1; printf '%s%s%s%s' "${w:0:2}" "${w:3:1}" "${w:2:1}" "${w:4}"; }
wb=$(word_for "$BDB" 0.1) wn=$(word_for "$NDB" 0.1)
tb=$(typo "$wb") tn=$(typo "$wn")
ob=$(fb "$BDB" query "$tb") on=$(fb "$NDB" query "$tn")
row "a typo corrected (ms CPU): \`$tb\`, \`$tn\`" "$(field median_ms "$ob")" "$(field median_ms "$on")" "" \
	"<= 50 ms" "$(le "$(field median_ms "$on")" 50)"
# field terms: an author of the middle of the timeline, a range of years and a word
author_of() { sqlite3 "$1" "SELECT json_extract(authors, '\$[0]') FROM milestones WHERE id = (SELECT max(id) / 2 FROM milestones)" | awk '{print tolower($NF)}'; }
qb="author:$(author_of "$BDB") year:1980..2020 $wb" qn="author:$(author_of "$NDB") year:1980..2020 $wn"
ob=$(fb "$BDB" query "$qb") on=$(fb "$NDB" query "$qn")
row "field terms and a word (ms CPU): \`$qb\`, \`$qn\`" "$(field median_ms "$ob")" "$(field median_ms "$on")" "" \
	"<= 50 ms" "$(le "$(field median_ms "$on")" 50)"
ob=$(fb "$BDB" query "year:1990..2000 kind:model") on=$(fb "$NDB" query "year:1990..2000 kind:model")
row "field terms alone, \`year:1990..2000 kind:model\` (ms CPU)" "$(field median_ms "$ob")" "$(field median_ms "$on")" "" \
	"<= 50 ms" "$(le "$(field median_ms "$on")" 50)"

# ---- the ranking is bm25's ------------------------------------------------------------------------
say "ranking: the same results as FTS5's bm25 (rank_same)"
if "$BUILD/tests/bench/rank_same" "$NDB" 12 >rank.txt; then p=1; else p=0; fi
row "queries ranked as FTS5's bm25 ranks them (tests/perf/rank_same, 12 terms)" "-" \
	"$(tail -1 rank.txt | sed 's/ queries.*//') of $(tail -1 rank.txt | sed 's/ queries.*//')" "" "all" "$p"

# ---- query plans ------------------------------------------------------------------------------
if "$PLANS" "$NDB" >plans.txt; then p=1; else p=0; fi
row "statements of queries.h that scan a large table" "-" "$(tail -1 plans.txt | sed 's/.*, \([0-9]*\) full.*/\1/')" "" "0" "$p"

# ---- the table --------------------------------------------------------------------------------
NF=$(printf "%'d" "$N" 2>/dev/null || echo "$N")
LINKS=$(sqlite3 "$NDB" "SELECT value FROM meta WHERE key = 'links'")
echo "dltimeline $("$BIN" --version | sed 's/.* //'), $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg)," \
	"median of $RUNS runs; bundled: $(sqlite3 "$BDB" "SELECT count(*) FROM milestones") milestones; generated: $NF milestones, $LINKS links," \
	"$YAML_MB MB of YAML, $DB_MB MB database"
echo
echo "| figure | bundled | $NF | ratio | goal | result |"
echo "|---|---:|---:|---:|---|---|"
printf '%s\n' "${ROWS[@]}"
