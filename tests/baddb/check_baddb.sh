#!/usr/bin/env bash
# check_baddb.sh -- damaged, foreign and missing databases through the real binary.
#
# For every bad file and every command that reads it: exit status 2, stderr exactly one
# line "dltimeline: PATH: reason" (naming the file) within 60 s, no crash, and the file, its
# mtime and
# its directory unchanged afterwards (nothing written, no -journal/-wal created). A valid
# database in a read-only directory works (checked as an unprivileged user when run as root).
#
# usage: check_baddb.sh DLTIMELINE FIXTURE_DB
set -u
bin=$1 good=$2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/dlt-baddb-XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
unset COLUMNS LINES NO_COLOR DLTIMELINE_DB
export LC_ALL=C.UTF-8
failed=0 checked=0
fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

size=$(stat -c %s "$good")
page=4096

# state of a path and its directory: contents hash, mtime (ns), directory listing
state() {
	local p=$1
	if [[ -f $p ]]; then
		sha256sum <"$p"
		stat -c '%s %Y %y' "$p"
	elif [[ -e $p ]]; then
		stat -c '%F' "$p"
	else
		echo absent
	fi
	# the directory's entries (only for our own files: others may add files to /dev)
	[[ $p == "$work"/* ]] && ls -A "$(dirname "$p")"
}

# expect_error PATH REASON [COMMAND...]: each command (default: all) fails as described
all_commands=("list" "list --format json" "show transformer" "show aiayn --format json" "search attention"
	"links bert" "eras" "paradigms --format tsv" "tags --format json" "export" "export --format csv"
	"export --format markdown")
expect_error() {
	local path=$1 reason=$2
	shift 2
	local cmds=("$@")
	((${#cmds[@]})) || cmds=("${all_commands[@]}")
	local before after args status want="dltimeline: $path: $reason"
	before=$(state "$path")
	for args in "${cmds[@]}"; do
		checked=$((checked + 1))
		# shellcheck disable=SC2086
		timeout 60 "$bin" --db "$path" $args </dev/null >"$work/out" 2>"$work/err"
		status=$?
		if [[ $status -eq 124 ]]; then
			fail "$(basename "$path") '$args': still running after 60 s"
		elif [[ $status -ne 2 ]]; then
			fail "$(basename "$path") '$args': exit $status (want 2); stderr: $(head -c 300 "$work/err")"
		elif [[ $(cat "$work/err") != "$want" ]]; then
			fail "$(basename "$path") '$args': stderr is not the one line '$want':"
			head -c 600 "$work/err"
		fi
	done
	after=$(state "$path")
	[[ $before == "$after" ]] || fail "$(basename "$path") changed: $before / $after"
}

# corrupt SRC DST PAGE... : copy SRC with the given 1-based pages overwritten with garbage
# ("1+" = page 1 after its 100-byte header)
corrupt() {
	python3 - "$@" <<'EOF'
import random, shutil, sys
src, dst, pages = sys.argv[1], sys.argv[2], sys.argv[3:]
shutil.copyfile(src, dst)
rnd = random.Random(1234)
with open(dst, "r+b") as f:
    for p in pages:
        skip = 100 if p.endswith("+") else 0
        n = int(p.rstrip("+"))
        f.seek((n - 1) * 4096 + skip)
        f.write(bytes(rnd.randrange(256) for _ in range(4096 - skip)))
EOF
}

# pages of a table or index in the good database ("internal" or "leaf")
pages_of() {
	python3 - "$good" "$1" "$2" <<'EOF'
import sqlite3, sys
c = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
print(" ".join(str(r[0]) for r in c.execute(
    "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno", sys.argv[2:])))
EOF
}

mkdir -p "$work/bad"
cd "$work/bad" || exit 2
b=$work/bad

# ---- not a database at all
expect_error "$b/missing.db" "No such file or directory"
[[ -e $b/missing.db ]] && fail "missing.db was created"
mkdir "$b/dir.db"
expect_error "$b/dir.db" "is a directory, not a database file"
printf 'milestones:\n  - id: resnet\n' >"$b/text.db"
expect_error "$b/text.db" "not an SQLite database"
head -c 8192 /dev/urandom >"$b/random.db"
expect_error "$b/random.db" "not an SQLite database"
: >"$b/empty.db"
expect_error "$b/empty.db" "empty file, not a database"
expect_error /dev/null "not a regular file" "list"

# ---- truncated at several points
head -c 10 "$good" >"$b/t10.db"
expect_error "$b/t10.db" "not an SQLite database"
head -c 50 "$good" >"$b/t50.db"
expect_error "$b/t50.db" "truncated database (50 bytes)"
for cut in 100 1000 $page $((page + 1)) $((2 * page)) $((size / 2)) $((size / 2 / page * page)) \
	$((size - page)) $((size - 1)); do
	head -c "$cut" "$good" >"$b/t$cut.db"
	expect_error "$b/t$cut.db" "truncated database ($cut bytes, expected $size)"
done

# ---- corrupt pages
all_pages=$(seq 2 $((size / page)))
# shellcheck disable=SC2086
corrupt "$good" "$b/c-all.db" $all_pages
expect_error "$b/c-all.db" "the database is corrupt"
corrupt "$good" "$b/c-schema.db" 1+
expect_error "$b/c-schema.db" "the database is corrupt"
# shellcheck disable=SC2046
corrupt "$good" "$b/c-msroot.db" $(pages_of milestones internal)
expect_error "$b/c-msroot.db" "the database is corrupt"
python3 - "$good" "$b/c-header.db" <<'EOF'
import shutil, sys
shutil.copyfile(sys.argv[1], sys.argv[2])
with open(sys.argv[2], "r+b") as f:
    f.seek(16)
    f.write(b"\x03\x00")   # page size 768: impossible
EOF
expect_error "$b/c-header.db" "corrupt database header"
# damage found only when a command reads it: the commands that do fail in one line
read -r first_leaf _ <<<"$(pages_of milestones leaf)"
corrupt "$good" "$b/c-msleaf.db" "$first_leaf"
expect_error "$b/c-msleaf.db" "the database is corrupt" "list" "list --format json" "show perceptron" \
	"export" "export --format csv" "export --format markdown"
# shellcheck disable=SC2046
corrupt "$good" "$b/c-fts.db" $(pages_of search_data leaf)
expect_error "$b/c-fts.db" "the database is corrupt" "search attention" "search attention --format json"
# shellcheck disable=SC2046
corrupt "$good" "$b/c-aliases.db" $(pages_of aliases leaf) $(pages_of aliases_key leaf)
expect_error "$b/c-aliases.db" "the database is corrupt" "show transformer" "links bert" "export"
# shellcheck disable=SC2046
corrupt "$good" "$b/c-links.db" $(pages_of links leaf)
expect_error "$b/c-links.db" "the database is corrupt" "links bert" "show bert" "export"
# shellcheck disable=SC2046
corrupt "$good" "$b/c-doclen.db" $(pages_of doc_lengths leaf)
expect_error "$b/c-doclen.db" "the database is corrupt" "search attention" "search attention is all"
# the document lengths of ranking missing or cut short: well-formed SQLite, wrong contents
for damage in "DELETE FROM doc_lengths" "UPDATE doc_lengths SET lengths = x'0100'"; do
	cp "$good" "$b/d-doclen.db"
	python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()" \
		"$b/d-doclen.db" "$damage"
	expect_error "$b/d-doclen.db" "the database is corrupt" "search attention" "search attention is all" \
		"search transformer --format json"
done

# ---- SQLite, but not ours
V=$(sed -n 's/^PRAGMA user_version = \([0-9]*\);/\1/p' "$ROOT/schema/schema.sql")   # this version
cp "$good" "$b/v1.db"
python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version = 1'); c.commit()" "$b/v1.db"
expect_error "$b/v1.db" "schema version 1, this dltimeline reads version $V"
python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE notes (x)'); c.commit()" "$b/plain.db"
expect_error "$b/plain.db" "not a dltimeline database (no schema version)"
python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE notes (x)'); c.execute('PRAGMA user_version = $V'); c.commit()" "$b/plain-v.db"
expect_error "$b/plain-v.db" "not a dltimeline database: table meta is missing"

# ---- hostile: well-formed SQLite of the right version whose objects or ids are not ours.
# Views in place of tables (a recursive one never ends; one of 500 MB values is 1 MB on
# disk), triggers, a table of other columns, a missing index, ids past the stated count
# (2^63-1 made `export` loop until memory ran out; 2^36 made each search take 25 s and
# 530 MB). Refused at open: one line, exit 2, at once, also by the browser.
hostile() { # hostile NAME SQL...: a copy of the good database changed by the statements
	cp "$good" "$b/$1.db"
	local name=$1
	shift
	ROOT=$ROOT python3 - "$b/$name.db" "$@" <<'EOF'
import os, sys
sys.path.insert(0, os.path.join(os.environ["ROOT"], "tests", "lib"))
import namekey
c = namekey.connect(sys.argv[1])
for sql in sys.argv[2:]:
    c.executescript(sql)
c.commit()
EOF
}
browse=("--script $ROOT/tests/ui/screens/detail.keys" "--script $ROOT/tests/ui/screens/search.keys")
rec='WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)'
hostile view-terms "DROP TABLE terms" "CREATE VIEW terms(term, docs) AS $rec SELECT 'a' || n, n FROM r"
expect_error "$b/view-terms.db" "not a dltimeline database: table terms is a view" "${all_commands[@]}" "${browse[@]}"
hostile view-years "DROP TABLE years" "CREATE VIEW years(year, first_id, count) AS $rec SELECT 1800 + n % 300, 1, 1 FROM r"
expect_error "$b/view-years.db" "not a dltimeline database: table years is a view" \
	"list --year 1990" "chart" "export --format dot" "${browse[@]}"
hostile view-meta "DROP TABLE meta" \
	"CREATE VIEW meta(key, value) AS SELECT 'title', zeroblob(500000000) UNION ALL SELECT 'milestones', 14"
expect_error "$b/view-meta.db" "not a dltimeline database: table meta is a view" "list" "export" "${browse[@]}"
hostile view-ms "CREATE TABLE ms2 AS SELECT * FROM milestones" "DROP TABLE milestones" \
	"CREATE VIEW milestones AS SELECT * FROM ms2 UNION ALL SELECT * FROM ms2"
expect_error "$b/view-ms.db" "not a dltimeline database: table milestones is a view" "list" "search attention" \
	"${browse[@]}"
hostile trigger "CREATE TRIGGER t AFTER INSERT ON tags BEGIN SELECT 1; END"
expect_error "$b/trigger.db" "not a dltimeline database: it holds a trigger (t)" "list" "tags"
hostile view-extra "CREATE VIEW notes AS SELECT 1"
expect_error "$b/view-extra.db" "not a dltimeline database: it holds a view (notes)" "list"
hostile columns "DROP TABLE terms" "CREATE TABLE terms (term TEXT PRIMARY KEY, docs INTEGER, extra BLOB)"
expect_error "$b/columns.db" "not a dltimeline database: table terms is not the one this version makes" \
	"list" "search attention"
hostile no-index "DROP INDEX links_dst"
expect_error "$b/no-index.db" "not a dltimeline database: index links_dst is missing" "list" "links bert"
hostile fts-other "DROP TABLE search" "CREATE VIRTUAL TABLE search USING fts5(title, short, aliases, authors,
summary, problem, insight, impact, tags, paper_title, venue)"
expect_error "$b/fts-other.db" "not a dltimeline database: table search is not the one this version makes" \
	"search attention"
n=$(python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT max(id) FROM milestones').fetchone()[0])" "$good")
for id in 9223372036854775807 68719476736 $((n + 1)); do
	hostile "id-$id" "UPDATE milestones SET id = $id WHERE id = $n"
	cmds=("list" "search attention" "export" "export --format dot" "${browse[@]}")
	[[ $id == 9223372036854775807 ]] && cmds=("${all_commands[@]}" "${browse[@]}")
	expect_error "$b/id-$id.db" \
		"the database is inconsistent: milestone id $id is not within 1 to $n, its number of milestones" \
		"${cmds[@]}"
done
hostile id-neg "UPDATE milestones SET id = -9223372036854775808 WHERE id = 1"
expect_error "$b/id-neg.db" \
	"the database is inconsistent: milestone id -9223372036854775808 is not within 1 to $n, its number of milestones" \
	"list" "${browse[@]}"
hostile count-huge "UPDATE milestones SET id = 68719476736 WHERE id = $n" \
	"UPDATE meta SET value = 1099511627776 WHERE key = 'milestones'"
expect_error "$b/count-huge.db" "the database is inconsistent: its number of milestones (in meta) is '1099511627776', not a number from 0 to 100000000" "list" "export"
hostile count-missing "DELETE FROM meta WHERE key = 'milestones'"
expect_error "$b/count-missing.db" "the database is inconsistent: its number of milestones (in meta) is missing, not a number from 0 to 100000000" "list"

# a real table with a 16 MB title: a bounded answer (each command reads it once or twice)
hostile big-title "UPDATE meta SET value = zeroblob(16000000) WHERE key = 'title'"
for args in "list" "export" "export --format dot" "--script $ROOT/tests/ui/screens/detail.keys"; do
	checked=$((checked + 1))
	# shellcheck disable=SC2086
	timeout 60 "$bin" --db "$b/big-title.db" $args </dev/null >"$work/out" 2>"$work/err"
	status=$?
	[[ $status -eq 0 && ! -s $work/err ]] || fail "big-title.db '$args': exit $status, stderr $(head -c 300 "$work/err")"
done

# years out of every range (#19, finding 1): a year of 2^63-1 was read as -1 and the chart
# wrote before its buffer; -2^63 .. 2^63-1 with counts of 10^12 divided by zero. Real
# tables, so the file is accepted: the chart skips what no year can be and draws the rest.
hostile years-intmax "INSERT INTO years VALUES (9223372036854775807, 1, 1)"
hostile years-extreme "INSERT INTO years VALUES (-9223372036854775808, 1, 1000000000000)" \
	"INSERT INTO years VALUES (9223372036854775807, 2, 1000000000000)" \
	"INSERT INTO years VALUES (2147483648, 3, 1000000000000)" "UPDATE years SET count = count * 1000000000000"
for name in years-intmax years-extreme; do
	for args in "chart" "chart years" "list --year 1990" "export --format mermaid" \
		"--script $ROOT/tests/ui/screens/chart.keys" "--script $ROOT/tests/ui/screens/yearstep.keys"; do
		checked=$((checked + 1))
		# shellcheck disable=SC2086
		timeout 60 "$bin" --db "$b/$name.db" $args </dev/null >"$work/out" 2>"$work/err"
		status=$?
		[[ ($status -eq 0 || $status -eq 1) && ! -s $work/err ]] ||
			fail "$name.db '$args': exit $status, stderr $(head -c 300 "$work/err")"
	done
done

# ---- through $DLTIMELINE_DB as well
before=$(state "$b/c-all.db")
DLTIMELINE_DB=$b/c-all.db "$bin" list >"$work/out" 2>"$work/err"
status=$?
[[ $status -eq 2 && $(cat "$work/err") == "dltimeline: $b/c-all.db: the database is corrupt" ]] ||
	fail "DLTIMELINE_DB=c-all.db: exit $status, stderr $(cat "$work/err")"
[[ $before == "$(state "$b/c-all.db")" ]] || fail "c-all.db changed"

# ---- a name that looks like a URI is a plain file name
cp "$good" "$b/file:uri.db"
"$bin" --db "file:uri.db" list --limit 1 >"$work/out" 2>"$work/err" || fail "--db file:uri.db (relative) does not open"
"$bin" --db "file:nothing.db?mode=rwc" list >"$work/out" 2>"$work/err"
[[ $? -eq 2 && ! -e $b/nothing.db && ! -e "$b/file:nothing.db?mode=rwc" ]] || fail "--db 'file:...?mode=rwc' created a file"

# ---- a valid database in a read-only directory works and stays untouched
ro=$work/ro
mkdir "$ro"
cp "$good" "$ro/timeline.db"
chmod 0444 "$ro/timeline.db"
chmod 0555 "$ro"
chmod 0755 "$work"
runas=()
if [[ $(id -u) -eq 0 ]]; then
	# root ignores permissions: run as nobody so that the directory really is read-only
	runas=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
fi
before=$(state "$ro/timeline.db")
for args in "list" "show transformer" "search attention" "links bert" "tags" "export"; do
	checked=$((checked + 1))
	# shellcheck disable=SC2086
	"${runas[@]}" "$bin" --db "$ro/timeline.db" $args </dev/null >"$work/out" 2>"$work/err"
	status=$?
	[[ $status -eq 0 && -s $work/out && ! -s $work/err ]] ||
		fail "read-only directory: '$args' exit $status, stderr $(head -c 300 "$work/err")"
done
[[ $before == "$(state "$ro/timeline.db")" ]] || fail "the database in the read-only directory changed"
if ((${#runas[@]})); then
	# the unprivileged user really cannot write there (else the check above proves nothing)
	"${runas[@]}" touch "$ro/probe" 2>/dev/null && fail "nobody can write to the read-only directory"
fi

echo "$checked runs checked, $failed failed"
((failed == 0))
