#!/usr/bin/env bash
# check_valgrind.sh -- valgrind memcheck over the command-line mode and a long headless
# session: zero errors and zero leaks.
#
# Every run is `valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect
# --error-exitcode=99`: any invalid read or write, use of uninitialised memory, bad free, or
# definitely / indirectly lost block fails it. Memory still reachable at exit (ncurses' and
# SQLite's own caches) is not a leak and is not reported; no suppression file is used.
#   * the commands: list, show, links, search, eras, paradigms, tags, export in every format,
#     lineage, path and bookmarks in the document and citation formats, the charts' data,
#     lineage, path, bookmarks (add, list, remove), import --check and import -o, --help,
#     --version, and their error paths (unknown names, bad options, a missing database);
#     on the fixture database and on the built-in one;
#   * a headless session of about 700 keys through every screen at 80x24, 140x40 and in the
#     C locale, with resizes down to 1x1 and mouse events.
# usage: check_valgrind.sh DLTIMELINE FIXTURE_DB SOURCE_DIR   (exit 77 without valgrind)
set -u
bin=$1 db=$2 src=$3
if ! command -v valgrind >/dev/null; then
	echo "SKIP: valgrind is not installed"
	exit 77
fi
if nm -an "$bin" 2>/dev/null | grep -q '__asan_init'; then
	echo "SKIP: $bin is built with AddressSanitizer, which valgrind cannot run"
	exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/dlt-valgrind-XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME=$work XDG_CONFIG_HOME=$work/no-config XDG_STATE_HOME=$work/state BROWSER=true LC_ALL=C.UTF-8
unset DLTIMELINE_DB NO_COLOR
vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
	--show-leak-kinds=definite,indirect --num-callers=30)
failed=0 runs=0
# vg_run WANT-STATUS ARGS...: one run under memcheck
vg_run() {
	local want=$1 status
	shift
	runs=$((runs + 1))
	"${vg[@]}" --log-file="$work/vg.log" "$bin" "$@" </dev/null >"$work/out" 2>"$work/err"
	status=$?
	if [[ $status -eq 99 || -s $work/vg.log ]]; then
		echo "FAIL: valgrind found errors in: dltimeline $*"
		head -60 "$work/vg.log" | sed 's/^/    | /'
		failed=$((failed + 1))
	elif [[ ",$want," != *",$status,"* ]]; then
		echo "FAIL: dltimeline $*: exit $status (want $want): $(head -c 300 "$work/err")"
		failed=$((failed + 1))
	fi
}

for d in "--db=$db" ""; do
	# shellcheck disable=SC2086
	set -- $d
	vg_run 0 "$@" list
	vg_run 0 "$@" list --format json --era "$("$bin" "$@" eras --format tsv | sed -n 2p | cut -f1)"
	vg_run 0 "$@" show "$("$bin" "$@" list --format tsv | sed -n 3p | cut -f1)"
	vg_run 0 "$@" show "$("$bin" "$@" list --format tsv | sed -n 3p | cut -f1)" --format json
	vg_run 0 "$@" links "$("$bin" "$@" list --format tsv | sed -n 5p | cut -f1)"
	vg_run 0 "$@" search network --limit 5
	vg_run 0,1 "$@" search '"NEAR(x* OR' --format json
	vg_run 0 "$@" eras
	vg_run 0 "$@" paradigms --format json
	vg_run 0 "$@" tags --format tsv
	for f in json csv markdown dot mermaid bibtex csl-json timelinejs; do vg_run 0 "$@" export --format "$f"; done
	vg_run 0 "$@" lineage "$("$bin" "$@" list --format tsv | sed -n 8p | cut -f1)"
	for f in markdown csl-json; do
		vg_run 0 "$@" lineage "$("$bin" "$@" list --format tsv | sed -n 8p | cut -f1)" --format "$f"
	done
	vg_run 0,1 "$@" path "$("$bin" "$@" list --format tsv | sed -n 2p | cut -f1)" \
		"$("$bin" "$@" list --format tsv | sed -n 9p | cut -f1)"
	for f in markdown timelinejs; do
		vg_run 0,1 "$@" path "$("$bin" "$@" list --format tsv | sed -n 2p | cut -f1)" \
			"$("$bin" "$@" list --format tsv | sed -n 9p | cut -f1)" --format "$f"
	done
	vg_run 0 "$@" chart params --format json
	vg_run 0 "$@" bookmarks --add "$("$bin" "$@" list --format tsv | sed -n 2p | cut -f1)"
	vg_run 0 "$@" bookmarks
	vg_run 0 "$@" bookmarks --format bibtex
	vg_run 0 "$@" bookmarks --remove "$("$bin" "$@" list --format tsv | sed -n 2p | cut -f1)"
	vg_run 1 "$@" show no-such-milestone
	vg_run 2 "$@" list --year banana
	vg_run 2 "$@" export --format nope
done
vg_run 0 --help
vg_run 0 --version
vg_run 0 list --help
vg_run 2 --db "$work/missing.db" list
vg_run 2 --db "$src/README.md" list
vg_run 2 no-such-command
vg_run 0 import --check "$src/tests/fixtures/mini"
vg_run 0 import "$src/tests/fixtures/mini" -o "$work/mini.db"
printf 'milestones:\n  - id: X\n    year: [1]\n  - {id: a, builds_on: [{id: a}]}\n' >"$work/bad.yaml"
vg_run 2 import --check "$work/bad.yaml"
# bibliographies: libbtparse reads in a child process (valgrind follows it), which may die
vg_run 0 import "$src/tests/import/sample.bib" "$src/tests/import/sample.json" -o "$work/bib.db"
printf '@a"x"' >"$work/fatal.bib"
vg_run 2 import --check "$work/fatal.bib" "$src/tests/import/sample.bib"

# the long session: every screen, again and again, with resizes and the mouse
python3 - "$work/session.keys" <<'PY'
import random, sys
rnd = random.Random(3)
screens = [
    "jjjj<PgDn><PgUp>G g<End><Home>]]][[{}}{kk",
    "<Enter>jjjj<Tab><Tab><BTab><Enter><Backspace><Right>q",
    "e<Down><Down><Enter>", "f<Down><Enter>F", "fta<Enter>F",
    "/network<Enter>nnNN<Esc>", "/<C-u>xyz<Backspace><Backspace><Esc>",
    "y1990<Enter>", "y<Backspace>abc<Enter><Esc>",
    "H<Down><Enter>q", "?<PgDn><PgUp>jjq", "m'<Down><Esc>m",
    "az<Down>jq", "cccq", "p<Down><Enter>q", "o", "Y",
    "<click 5 5><dclick 5 6><wheeldown 5 5><wheelup 5 5>q",
    "<resize 140x40>jj<Enter><Tab>q<resize 80x24>",
    "<resize 1x1>jj<resize 39x9>k<resize 80x24>",
]
keys = []
while sum(len(k) for k in keys) < 2500:
    keys.append(rnd.choice(screens))
open(sys.argv[1], "w").write("".join(keys) + "<dump>")
PY
nkeys=$(python3 -c "import re,sys; print(len(re.findall(r'<[^>]*>|[^<]', open(sys.argv[1]).read())))" "$work/session.keys")
for size in 80x24 140x40; do
	vg_run 0 --db "$db" --script "$work/session.keys" --size "$size" --dump "$work/screen"
done
LC_ALL=C vg_run 0 --db "$db" --script "$work/session.keys" --size 100x30 --dump "$work/screen"
vg_run 0 --script "$work/session.keys" --size 120x40 --dump "$work/screen"

echo "$runs runs under valgrind (sessions of $nkeys keys), $failed failed"
((failed == 0))
