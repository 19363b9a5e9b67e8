#!/usr/bin/env bash
# check_baddb.sh -- damaged, foreign and missing databases through the real binary.
#
# For every bad file and every command that reads it: exit status 2, stderr exactly one
# line "dltimeline: PATH: reason" (naming the file), no crash, and the file, its mtime and
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
		"$bin" --db "$path" $args </dev/null >"$work/out" 2>"$work/err"
		status=$?
		if [[ $status -ne 2 ]]; then
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
expect_error "$b/plain-v.db" "not a dltimeline database (tables missing)"

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
