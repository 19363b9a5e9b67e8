#!/usr/bin/env python3
"""check_citejs.py DLTIMELINE NPM_DIR -- BibTeX and CSL-JSON exports read back by citation-js.

For each output of formats_lib.CASES, in both formats, citation-js (npm @citation-js/core
with its BibTeX and CSL plugins, from NPM_DIR) reads every entry back with:
  * its id: the same key in BibTeX and CSL-JSON, unique;
  * its title: exactly the paper's title (else the milestone's), every escape undone;
  * its date: the milestone's year and month;
  * its authors: as many as named (and "others" when the list is cut short), the family
    names as written, or the organization when nobody is named;
and citeproc-js makes a bibliography of one entry per item.

Exits 0 when every check passed, 1 when one failed, 77 when node or the npm packages are
missing (DLT_TESTS_REQUIRED: 1).
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import formats_lib as fl  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def read_back(node, modules, path, fmt):
    env = dict(os.environ, NODE_PATH=modules)
    p = subprocess.run([node, os.path.join(HERE, "citejs_read.js"), path, fmt], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        return None, p.stderr.decode("utf-8", "replace")
    return json.loads(p.stdout.decode("utf-8")), ""


def family_names(m):
    """The family names citation-js should give back for milestone m (None: not checked)."""
    if not m.get("authors"):
        return [m["organization"]] if m.get("organization") else []
    out = []
    for a in m["authors"]:
        words = a.split()
        if len(words) > 2 and words[-1] in ("Jr.", "Jr", "Sr.", "II", "III", "IV"):
            words = words[:-1]
        out.append(words[-1] if words else a)
    return out


def check_item(t, where, item, m, fmt):
    title = m.get("paper_title") or m["title"]
    t.check(item["title"] == title, "%s: title %r, want %r" % (where, item["title"], title))
    date = [m["year"]] + ([m["month"]] if m.get("month") else [])
    t.check(item["issued"] == date, "%s: date %r, want %r" % (where, item["issued"], date))
    families = family_names(m)
    got = item["author"]
    more = bool(m.get("author_count")) and m["author_count"] > len(m.get("authors") or [])
    if fmt == "bibtex" and more:   # "and others" reads as one more author
        t.check(got[-1:] == ["others"], "%s: the cut-short list does not end in others: %r" % (where, got))
        got = got[:-1]
    t.check(len(got) == len(families) and all(g.endswith(f) for g, f in zip(got, families)),
            "%s: authors %r, want family names %r" % (where, got, families))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: check_citejs.py DLTIMELINE NPM_DIR")
    node = fl.need("node", "nodejs", "reading citations with citation-js")
    modules = fl.need_npm_packages(sys.argv[2])
    t = fl.Test("citation-js")
    dlt = fl.Dltimeline(sys.argv[1])
    counts = []
    try:
        for name, args in fl.CASES:
            args = fl.args_of(dlt, args)
            want = fl.expected(dlt, args)
            ids = {}
            for fmt, ext in (("bibtex", "bib"), ("csl-json", "json")):
                path = os.path.join(dlt.tmp, "%s.%s" % (name, ext))
                with open(path, "w", encoding="utf-8") as f:
                    f.write(dlt.run(args + ["--format", fmt]))
                doc, err = read_back(node, modules, path, fmt)
                if not t.check(doc is not None, "%s %s: %s" % (name, fmt, err)):
                    continue
                items = doc["items"]
                t.check(len(items) == len(want), "%s %s: citation-js read %d items, want %d"
                        % (name, fmt, len(items), len(want)))
                for item, m in zip(items, want):
                    check_item(t, "%s %s %s" % (name, fmt, m["id"]), item, m, fmt)
                t.check(len(doc["bibliography"]) == len(want), "%s %s: citeproc wrote %d entries for %d items"
                        % (name, fmt, len(doc["bibliography"]), len(want)))
                ids[fmt] = [i["id"] for i in items]
                t.check(len(set(ids[fmt])) == len(ids[fmt]), "%s %s: an id is used twice" % (name, fmt))
            if "bibtex" in ids and "csl-json" in ids:
                t.check(ids["bibtex"] == ids["csl-json"], "%s: the BibTeX keys and CSL ids differ" % name)
            counts.append("%s %d" % (name, len(want)))
    finally:
        dlt.close()
    print("items read back: " + ", ".join(counts))
    t.done()


if __name__ == "__main__":
    main()
