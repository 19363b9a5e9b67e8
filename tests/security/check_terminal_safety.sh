#!/usr/bin/env bash
# check_terminal_safety.sh -- text from a database never sends control sequences to the
# terminal.
#
# A copy of the fixture database is filled with terminal attacks (make_hostile_db.py: ESC
# sequences, BEL, C1 controls, bidi overrides in every text). Then:
#   * the browser, headless, walks every screen (list, detail and its links, pickers for eras,
#     filters and history, search prompt and matches, help, bookmarks, lineage, chart) at
#     80x24 and 140x40, in UTF-8 and in the C locale; every dumped screen must hold no C0
#     control but newline, form feed and tab, no DEL, no C1 control and no bidi control -- and
#     still show the text around the attacks (so the data really was on screen);
#   * every command in every format (text, tsv, json, csv, markdown, dot, mermaid, bibtex,
#     csl-json, timelinejs, and the charts' data) prints
#     none of them either, on stdout or stderr (JSON escapes them as \uXXXX).
# usage: check_terminal_safety.sh DLTIMELINE FIXTURE_DB
set -u
bin=$1 good=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/dlt-termsafe-XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME=$work XDG_CONFIG_HOME=$work/no-config XDG_STATE_HOME=$work/state BROWSER=true
unset DLTIMELINE_DB NO_COLOR
failed=0 checked=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

db=$work/hostile.db
python3 "$here/make_hostile_db.py" "$good" "$db" || { echo "FAIL: cannot build the hostile database"; exit 1; }

# offending FILE: describe the forbidden characters in FILE, or print nothing
offending() {
	python3 - "$1" <<'PY'
import sys
t = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
bad = {}
for i, ch in enumerate(t):
    o = ord(ch)
    if (o < 32 and ch not in "\n\f\t") or 0x7f <= o < 0xa0 or o in (0x61c, 0x200e, 0x200f) \
            or 0x202a <= o <= 0x202e or 0x2066 <= o <= 0x2069:
        bad.setdefault("U+%04X" % o, t[max(0, i - 15):i].replace("\n", " "))
if bad:
    print(", ".join("%s after '%s'" % kv for kv in sorted(bad.items())[:6]))
PY
}

# ---- the browser, headless
cat >"$work/walk.keys" <<'KEYS'
# list, then the detail and its links
<dump>j<Enter><dump>jjj<dump><Tab><dump><Tab><Enter><dump><Backspace>q
# pickers: eras, filter (tags, eras, paradigms, kinds), history
e<dump><Down><dump><Esc>f<dump>ta<dump><Esc>H<dump><Esc>
# search: prompt, highlighted matches, next match
/red<dump><Enter><dump>n<dump><Esc>
# help, bookmarks, lineage, chart
?<dump><PgDn><dump>q mj'<dump><Esc> a<dump>q c<dump>q
<Enter>y<dump><Esc>q
KEYS
for locale in C.UTF-8 C; do
	for size in 80x24 140x40; do
		checked=$((checked + 1))
		out=$work/screen-$locale-$size.txt
		LC_ALL=$locale TERM=xterm-256color "$bin" --db "$db" --script "$work/walk.keys" --size "$size" \
			--dump "$out" 2>"$work/err"
		status=$?
		[[ $status -eq 0 ]] || fail "headless $locale $size: exit $status: $(head -c 300 "$work/err")"
		bad=$(offending "$out")
		[[ -z $bad ]] || fail "headless $locale $size: the screen holds $bad"
		bad=$(offending "$work/err")
		[[ -z $bad ]] || fail "headless $locale $size: stderr holds $bad"
		grep -q 'RED' "$out" && grep -q 'evil' "$out" ||
			fail "headless $locale $size: the hostile text is not on screen (nothing was tested)"
	done
done

# ---- the commands
slug=$("$bin" --db "$good" list --format tsv | sed -n 2p | cut -f1)
slug2=$("$bin" --db "$good" list --format tsv | sed -n 3p | cut -f1)
for args in "list" "list --format tsv" "list --format json" "show $slug" "show $slug --format tsv" \
	"show $slug --format json" "links $slug" "links $slug --format json" "search red" \
	"search red --format json" "eras" "eras --format json" "paradigms" "tags" "tags --format json" \
	"export" "export --format csv" "export --format markdown" "export --format dot" \
	"export --format mermaid" "lineage $slug" "lineage $slug --format json" "bookmarks" \
	"bookmarks --format json" "export --format bibtex" "export --format csl-json" \
	"export --format timelinejs" "show $slug --format markdown" "show $slug --format bibtex" \
	"links $slug --format markdown" "links $slug --format csl-json" "lineage $slug --format markdown" \
	"lineage $slug --format mermaid" "lineage $slug --format bibtex" "lineage $slug --format timelinejs" \
	"path $slug $slug2 --format markdown" "path $slug $slug2 --format mermaid" \
	"path $slug $slug2 --format csl-json" "path $slug $slug2 --format timelinejs" \
	"bookmarks --format markdown" "bookmarks --format bibtex" "bookmarks --format timelinejs" \
	"chart --format tsv" "chart params --format json" "chart compute --format tsv"; do
	checked=$((checked + 1))
	# shellcheck disable=SC2086
	LC_ALL=C.UTF-8 "$bin" --db "$db" $args >"$work/out" 2>"$work/err" </dev/null
	status=$?
	[[ $status -le 1 ]] || fail "'$args': exit $status: $(head -c 300 "$work/err")"
	bad=$(offending "$work/out")
	[[ -z $bad ]] || fail "'$args' prints $bad"
	bad=$(offending "$work/err")
	[[ -z $bad ]] || fail "'$args' prints on stderr $bad"
done

echo "$checked runs checked, $failed failed"
((failed == 0))
