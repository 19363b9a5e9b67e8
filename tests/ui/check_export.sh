#!/usr/bin/env bash
# check_export.sh DLTIMELINE DATABASE -- the browser's export key (x, or ^X in the bookmarks)
# run headless in a scratch directory: the filtered timeline, a lineage tree, a path and the
# bookmarks are written in each format Tab chooses; the files are the very bytes the command
# line writes for the same milestones (bibtex, csl-json); an existing file is refused and
# left alone, a name without a known ending is asked again, an unwritable place is reported,
# and a note typed after m shows in the reading list.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
db=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dlt-export-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
export LC_ALL=C.UTF-8 TERM=xterm-256color HOME=$tmp/home XDG_CONFIG_HOME=/nonexistent XDG_STATE_HOME=$tmp/state
unset DLTIMELINE_DB NO_COLOR COLUMNS LINES
failed=0
fail() { echo "FAIL: $*"; failed=1; }

# browse KEYS: run the keys headless; the screens dumped go to screens.txt
browse() {
	printf '%s' "$1" >keys.txt
	"$bin" --db "$db" --script keys.txt --size 120x30 --dump screens.txt || fail "exit status $? for keys $1"
}
# same FILE ARGS...: FILE holds exactly what `dltimeline ARGS` prints
same() {
	local file=$1
	shift
	cmp -s "$file" <("$bin" --db "$db" "$@") || fail "$file differs from dltimeline $*"
}

# the whole timeline in the three formats; the citations are those of `export`
browse 'x<Enter><dump>x<Tab><Enter><dump>x<Tab><Tab><Enter><dump>'
count=$("$bin" --db "$db" list --format tsv | wc -l)
[[ -f timeline.md ]] || fail "x Enter wrote no timeline.md"
[[ $(grep -c '^[0-9]*\. \*\*' timeline.md) == "$count" ]] || fail "timeline.md does not list the $count milestones"
grep -q "Wrote $count milestones (markdown) to $tmp/timeline.md" screens.txt || fail "the status line does not say where"
same timeline.bib export --format bibtex
same timeline.json export --format csl-json

# an existing file is refused, left alone, and the prompt asks again; Esc gives up
sum=$(md5sum <timeline.md)
browse 'x<Enter><dump><Esc>'
grep -q 'That file exists (not replaced); write to: timeline.md' screens.txt || fail "an existing file was not refused"
[[ $(md5sum <timeline.md) == "$sum" ]] || fail "an existing file was changed"
# a name without a known ending is asked again; a place that cannot be written says so
browse 'x<^U>notes.txt<Enter><dump><^U>nodir/x.md<Enter><dump>'
grep -q 'End it in .md, .bib or .json (Tab): notes.txt' screens.txt || fail "notes.txt was not asked again"
grep -q 'Cannot write nodir/x.md: No such file or directory' screens.txt || fail "no reason for an unwritable place"
[[ ! -e notes.txt && ! -e nodir ]] || fail "a refused name left a file"

# a filter: only the milestones it keeps
browse 'f<^U>kind<Space>model<Down><Enter>x<Tab><Enter><dump>'
models=$("$bin" --db "$db" list --kind model --format tsv | wc -l)
[[ $(grep -c '^@' timeline-filtered.bib) == "$models" ]] || fail "the filtered export is not the $models models"

# the lineage tree (last milestone's ancestors) and a path, with the notes of their links
last=$("$bin" --db "$db" list --format tsv | tail -1 | cut -f1)
browse 'Ga<dump>x<Tab><Tab><Enter><dump>x<Enter><dump>'
same "lineage-$last.json" lineage "$last" --up --depth 2 --format csl-json
grep -q '\*Note:\*' "lineage-$last.md" || fail "the lineage's reading list has no link notes"
first=$("$bin" --db "$db" list --format tsv | head -1 | cut -f1)
"$bin" --db "$db" path "$first" "$last" >/dev/null 2>&1 || fail "the fixture has no path from $first to $last"
browse "gp<^U>$last<Enter><dump>x<Tab><Enter><dump>"
same "path-$first-$last.bib" path "$first" "$last" --format bibtex

# bookmarks: m asks for a note; ^X in the bookmarks writes the reading list in their order
browse 'm<Space>start<Space>here<Enter>jjm<Enter>'"'"'<C-x><Enter><dump>'
[[ $(grep -c '^[0-9]*\. \*\*' bookmarks.md) == 2 ]] || fail "bookmarks.md does not hold the 2 bookmarks"
grep -qx '   \*Note:\* start here' bookmarks.md || fail "the note typed after m is not in bookmarks.md"
browse "'<C-x><Tab><Enter>"
same bookmarks.bib bookmarks --format bibtex

if (( failed )); then
	exit 1
fi
echo "export key: every view written, nothing replaced"
