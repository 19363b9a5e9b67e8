#!/usr/bin/env python3
"""check_bibtex.py DLTIMELINE -- BibTeX exports read by the real readers.

For each output of formats_lib.CASES (the whole built-in timeline, parts of it, show, links,
lineage, path, bookmarks, and the tricky fixture):
  * biber --tool --validate-datamodel (biblatex's reader and data model) reads it with exit
    status 0, no warning and no error, and writes back one entry per milestone the command
    names (its --format json), under unique keys;
  * classic BibTeX (bibtex with plain.bst) reads it from an .aux that cites every key: no
    error, and a \\bibitem for every key in the .bbl. Skipped with a note when bibtex is not
    installed (texlive-binaries), unless DLT_TESTS_REQUIRED is set.

Exits 0 when every check passed, 1 when one failed, 77 when biber is not installed.
"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import formats_lib as fl  # noqa: E402

ENTRY = re.compile(r"^@([A-Za-z]+)\{([^,\s]+),", re.M)


def check_biber(t, biber, name, bib, want):
    out = bib[:-4] + ".biber.bib"
    p = subprocess.run([biber, "--tool", "--validate-datamodel", "--nolog", "--output-file", out, bib],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    log = p.stdout.decode("utf-8", "replace")
    problems = [line for line in log.splitlines() if re.match(r"^(WARN|ERROR|FATAL)", line)]
    t.check(p.returncode == 0, "%s: biber exits %d:\n%s" % (name, p.returncode, log[-2000:]))
    t.check(not problems, "%s: biber says:\n  %s" % (name, "\n  ".join(problems[:20])))
    if not os.path.exists(out):
        t.fail("%s: biber wrote nothing" % name)
        return
    with open(out, encoding="utf-8") as f:
        entries = ENTRY.findall(f.read())
    t.check(len(entries) == len(want),
            "%s: biber read %d entries, the command names %d milestones" % (name, len(entries), len(want)))


def check_classic(t, bibtex, name, bib, keys):
    work = os.path.dirname(bib)
    stem = name + "-classic"
    shutil.copy(bib, os.path.join(work, stem + ".bib"))
    with open(os.path.join(work, stem + ".aux"), "w") as aux:
        aux.write("\\relax\n")
        for k in keys:
            aux.write("\\citation{%s}\n" % k)
        aux.write("\\bibstyle{plain}\n\\bibdata{%s}\n" % stem)
    p = subprocess.run([bibtex, stem], cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    log = p.stdout.decode("utf-8", "replace")
    errors = re.findall(r"\(There (?:was|were) (\d+) error messages?\)", log)
    t.check(p.returncode < 2 and not errors, "%s: bibtex reports errors (exit %d):\n%s" % (name, p.returncode,
                                                                                         log[-2000:]))
    bbl_path = os.path.join(work, stem + ".bbl")
    bbl = open(bbl_path, encoding="utf-8", errors="replace").read() if os.path.exists(bbl_path) else ""
    items = set(re.findall(r"\\bibitem\{([^}]*)\}", bbl))
    missing = [k for k in keys if k not in items]
    t.check(not missing, "%s: classic BibTeX typeset no \\bibitem for %s" % (name, ", ".join(missing[:10])))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check_bibtex.py DLTIMELINE")
    biber = fl.need("biber", "biber", "checking BibTeX with biblatex's reader")
    bibtex = shutil.which("bibtex")
    if not bibtex:
        if os.environ.get("DLT_TESTS_REQUIRED"):
            print("FAIL: checking BibTeX with classic BibTeX needs bibtex (apt-get install texlive-binaries)")
            sys.exit(1)
        print("NOTE: classic BibTeX is not checked: bibtex is not installed (apt-get install texlive-binaries)")
    t = fl.Test("bibtex")
    dlt = fl.Dltimeline(sys.argv[1])
    try:
        for name, args in fl.CASES:
            args = fl.args_of(dlt, args)
            want = fl.milestones_of(dlt, args)
            text = dlt.run(args + ["--format", "bibtex"])
            bib = os.path.join(dlt.tmp, name + ".bib")
            with open(bib, "w", encoding="utf-8") as f:
                f.write(text)
            entries = ENTRY.findall(text)
            keys = [k for _, k in entries]
            t.check(len(keys) == len(want), "%s: %d entries for %d milestones" % (name, len(keys), len(want)))
            t.check(len(set(keys)) == len(keys), "%s: a key is used twice" % name)
            t.check(all(re.fullmatch(r"[a-z]+[0-9]{4}[a-z0-9]*", k) for k in keys),
                    "%s: a key is not letters, a year and letters: %s" % (name, keys[:5]))
            check_biber(t, biber, name, bib, want)
            if bibtex:
                check_classic(t, bibtex, name, bib, keys)
        # one key per milestone, the same in every output
        whole = dict((k, e) for e, k in ENTRY.findall(open(os.path.join(dlt.tmp, "all.bib"), encoding="utf-8").read()))
        for name, _ in fl.CASES:
            if name.startswith("tricky"):
                continue
            part = ENTRY.findall(open(os.path.join(dlt.tmp, name + ".bib"), encoding="utf-8").read())
            t.check(all(k in whole for _, k in part), "%s: a key that the whole timeline does not have" % name)
    finally:
        dlt.close()
    t.done()


if __name__ == "__main__":
    main()
