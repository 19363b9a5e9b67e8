#!/usr/bin/env bash
# make_seeds.sh -- (re)write the seed corpus of every harness into tests/fuzz/corpus/.
# Run it after changing the data format or the key-script syntax; the seeds are committed
# so that fuzzing and the replay tests need nothing but the sources.
#   make_seeds.sh DLTIMELINE     (a built dltimeline, for the seed databases)
set -euo pipefail
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
c=$here/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf "$c"/{import,search,utf8,db,script,biblio,lineedit}   # (yfast/: written by hand, kept)
mkdir -p "$c"/{import,search,utf8,db,script,biblio,lineedit}

# ---- import: the fixture files, one whole valid file, and small broken ones
for f in "$root"/tests/fixtures/mini/*.yaml; do cp "$f" "$c/import/mini-$(basename "$f")"; done
cat "$root"/tests/fixtures/mini/00-taxonomy.yaml > "$c/import/valid-whole.yaml"
sed -n '/^milestones:/,$p' "$root"/tests/fixtures/mini/10-early.yaml >> "$c/import/valid-whole.yaml"
cat > "$c/import/valid-small.yaml" <<'Y'
title: Seed
eras:
  - {id: e, name: E, start: 1900}
paradigms:
  - {id: p, name: P, start: 1900, end: 2100}
tags:
  - {id: t, name: T}
milestones:
  - {id: a, year: 1950, month: 2, title: A, short: A, kind: paper, era: e, paradigm: p, tags: [t],
     authors: [Ann], summary: "First.", aliases: [Alpha], url: "https://example.org/a",
     arxiv: "1706.03762", doi: "10.1000/x", parameters: 1.5e9, training_compute: 3e21,
     scale_source: "paper", root: true, figures: [F1], formula: "y = f(x)"}
  - id: b
    year: 1960
    title: B
    kind: model
    era: e
    summary: Second.
    problem: |
      A block
      of text.
    builds_on:
      - {id: a, note: uses a}
Y
printf 'milestones:\n  - id: x\n    year: 3000\n    kind: nope\n    title: [a]\n' > "$c/import/bad-fields.yaml"
printf 'milestones:\n  - id: a\n    builds_on: [{id: b, note: n}]\n  - id: b\n    builds_on: [{id: a, note: n}]\n' > "$c/import/cycle.yaml"
printf 'title: "\\e[31mred\\a"\nbad\x01: x\n"k\\nl": 1\n' > "$c/import/escapes.yaml"
printf 'milestones: [[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]\n' > "$c/import/deep.yaml"
printf 'a: &x 1\nb: *x\n--- \nc: 2\n' > "$c/import/alias-docs.yaml"

# ---- search: words, FTS5 syntax, control characters, non-ASCII
i=0
while IFS= read -r q; do
	printf '%b' "$q" > "$c/search/q$((i++))"
done <<'Q'
attention
GPT-4 transformer
"unbalanced
title:attention OR NEAR(a b, 2) NOT c*
^start + (x AND y) {title}: z
\x1b[31mred\x07 \x01\x02\x7f
caf\xc3\xa9 na\xc3\xafve \xe5\xad\xa6\xe7\xbf\x92 \xf0\x9f\xa4\x96
\xff\xfe\xc0\xaf broken
a b c d e f g h i j k l m n o p q r s t
- -- --- * ** "" '' ;
Q

# ---- utf8: byte 0 is the wrap width
i=0
while IFS= read -r s; do
	printf '%b' "$s" > "$c/utf8/s$((i++))"
done <<'S'
\x10The quick brown fox jumps over the lazy dog, again and again.
\x05supercalifragilistic-expialidocious/slashes
\x08\xe5\xad\xa6\xe7\xbf\x92\xe3\x81\xa8 wide \xf0\x9f\xa4\x96 emoji
\x03e\xcc\x81\xcc\x81 combining a\xcc\x8a
\x0atabs\tand\nnewlines\r\n \x1b[0m \xc2\x9b C1
\x06\xe2\x80\xae bidi \xe2\x81\xa6 isolate \xe2\x80\x8f
\x01\xff\xfe\xed\xa0\x80\xf4\x90\x80\x80\xc0\x80 invalid
\x20\xce\xb1\xce\xb2 \xe2\x88\x82 \xe2\x86\x92 \xc3\x97 \xe2\x80\x94 ascii folding
S

# ---- db: small databases (512-byte pages keep them small), and cut and damaged copies
"$bin" import "$c/import/valid-small.yaml" -o "$tmp/small.db" >/dev/null 2>&1
"$bin" import "$root/tests/fixtures/mini" -o "$tmp/mini.db" >/dev/null 2>&1
python3 - "$tmp" "$c/db" "$root/tests/lib" <<'P'
import shutil, sqlite3, sys
sys.path.insert(0, sys.argv[3])
import namekey
tmp, out = sys.argv[1], sys.argv[2]
for name in ("small", "mini"):
    src = "%s/%s.db" % (tmp, name)
    c = namekey.connect(src)
    c.execute("PRAGMA page_size = 512")
    c.execute("VACUUM")
    c.close()
    shutil.copyfile(src, "%s/%s.db" % (out, name))
data = open("%s/small.db" % out, "rb").read()
open("%s/small-cut.db" % out, "wb").write(data[: len(data) // 2])
open("%s/header-only.db" % out, "wb").write(data[:100])
# dangling rows: links, tags and aliases pointing at milestones and tags that do not exist
shutil.copyfile("%s/small.db" % out, "%s/dangling.db" % tmp)
c = namekey.connect("%s/dangling.db" % tmp)
c.execute("INSERT INTO links (src, dst, kind, note, pos) VALUES (2, 99, 'builds_on', 'gone', 5)")
c.execute("INSERT INTO links (src, dst, kind, note, pos) VALUES (98, 1, 'builds_on', 'gone', 0)")
c.execute("INSERT INTO milestone_tags (milestone, tag) VALUES (1, 77)")
c.execute("UPDATE milestones SET era = 55, paradigm = 66 WHERE id = 2")
c.commit()
c.close()
shutil.copyfile("%s/dangling.db" % tmp, "%s/dangling.db" % out)
# hostile (#19): extreme years and counts (the chart once wrote before its buffer), ids at
# the ends of 64 bits and past the stated count, views and triggers in place of tables
hostile = {
    "years-extreme": ["INSERT INTO years VALUES (9223372036854775807, 1, 1)",
                      "INSERT INTO years VALUES (-9223372036854775808, 2, 1000000000000)",
                      "INSERT INTO years VALUES (2147483648, 3, 1000000000000)"],
    "id-max": ["UPDATE milestones SET id = 9223372036854775807 WHERE id = 2"],
    "id-neg": ["UPDATE milestones SET id = -1 WHERE id = 1"],
    "count-max": ["UPDATE meta SET value = 100000000 WHERE key = 'milestones'",
                  "UPDATE milestones SET id = 100000000 WHERE id = 2"],
    "view-terms": ["DROP TABLE terms", "CREATE VIEW terms(term, docs) AS WITH RECURSIVE r(n) AS "
                   "(SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT 'a' || n, n FROM r"],
    "trigger": ["CREATE TRIGGER t AFTER INSERT ON tags BEGIN SELECT 1; END"],
}
for name, sqls in hostile.items():
    dst = "%s/%s.db" % (tmp, name)
    shutil.copyfile("%s/small.db" % out, dst)
    c = namekey.connect(dst)
    for sql in sqls:
        c.execute(sql)
    c.commit()
    c.close()
    shutil.copyfile(dst, "%s/%s.db" % (out, name))
P

# ---- script: byte 0 width, byte 1 height, byte 2 flags, then the keys
for k in "$root"/tests/ui/screens/*.keys; do
	{ printf '\x50\x18\x00'; cat "$k"; } > "$c/script/$(basename "$k" .keys)-80x24"
done
for k in help detail search filter; do
	{ printf '\x8c\x28\x02'; cat "$root/tests/ui/screens/$k.keys"; } > "$c/script/$k-140x40-c"
done
printf '\x00\x00\x01jjj<resize 2x2>q<resize 80x24>?q' > "$c/script/tiny"
printf '\x27\x09\x00<Enter>y<Backspace>1999<Enter>/\x1b[31m<Enter>f<Tab><Enter>' > "$c/script/small-screen"

# ---- biblio: byte 0 bit 0 CSL-JSON, bit 1 strict; then the file
{ printf '\x00'; cat "$root/tests/import/sample.bib"; } > "$c/biblio/sample-bib"
{ printf '\x02'; cat "$root/tests/import/sample.bib"; } > "$c/biblio/sample-bib-strict"
{ printf '\x01'; cat "$root/tests/import/sample.json"; } > "$c/biblio/sample-json"
printf '\x00@article{k, title={T}, year=1990, author={A, B and C D and others}}\n' > "$c/biblio/one-entry"
printf '\x00@string{x="y"} @comment{c} @preamble{"p"} @misc{m, date={2001-02}, crossref={k}}\n@book{k,year=2000,title=x # "z"}\n' > "$c/biblio/macros"
printf '\x00@article{broken, title={unclosed, year=1990\n@article{ok, year=1991, title={O}}\n' > "$c/biblio/broken"
printf '\x01[{"id":"a","title":"A","issued":{"date-parts":[[1995,13]]},"author":[{"literal":"X"}]}]' > "$c/biblio/json-one"
printf '\x01{"not":"a list"}' > "$c/biblio/json-object"

# ---- lineedit: byte 0 the limit (< 128: the default, else 1..128 bytes), then operations
# (op % 16: 0-10 the commands, 11 a UTF-8 character, 12 a 24-bit value, 13 set, 14 view, 15 clear)
printf '\x00\x0bh\x0bi\x0b\xc3\xa9\x0b\xe4\xb8\xad\x00\x04\x0e\x03\x07\x06\x0e\x01' > "$c/lineedit/type-edit"
printf '\x84\x0ba\x0bb\x0bc\x0bd\x0be\x0bf\x0e\x02\x09\x0a' > "$c/lineedit/small-limit"
printf '\x00\x0d\x0aword one\x1b\xff\x0e\x04\x08\x0e\x04\x02\x05\x0e\x04' > "$c/lineedit/set-controls"
printf '\x00\x0c\x00\x20\x2e\x0c\x00\xd8\x00\x0c\x11\x00\x00\x0f' > "$c/lineedit/odd-values"
echo "seeds written to $c"
