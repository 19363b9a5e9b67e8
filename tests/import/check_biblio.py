#!/usr/bin/env python3
"""check_biblio.py DLTIMELINE [BIBDIR] -- bibliographies imported as timelines.

  * tests/import/sample.bib (BibTeX through libbtparse) and sample.json (CSL-JSON): every
    field where it belongs -- LaTeX accents, @string macros, '#' and month macros decoded,
    "and others", DOIs, arXiv ids written three ways, keywords as tags, crossref (with what
    it passes on) and related as builds-on links -- and the entry without a year reported as
    file:line, a warning (skipped) or with --strict an error;
  * bibliographies beside data files: --strict's house rules stay the data files' (a
    bibliography imports with --strict), the title is the data's, and a problem in what a
    bibliography became is reported at its entry's line in the .bib or .json, never in a
    scratch file;
  * bad files: one line on stderr, a non-zero status, no database;
  * round trips: a timeline exported as BibTeX and as CSL-JSON imports again with the same
    titles, years and authors;
  * bibliographies written by others (BIBDIR: TeX Live's bibtex/bib, from the Debian package
    texlive-bibtex-extra): biblatex-examples.bib and three of Nelson Beebe's, hundreds of
    entries each, import, list, search and browse.
Exits 0 when every check passed, 1 otherwise.
"""
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL: " + what)


def run(args, ok=(0,)):
    p = subprocess.run([BIN] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                       env=ENV)
    if p.returncode not in ok:
        check(False, "dltimeline %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr.decode()[-800:]))
    return p


def show(db, slug):
    p = run(["--db", db, "show", slug, "--format", "json"])
    return json.loads(p.stdout) if p.returncode == 0 else {}


def milestones(db):
    p = run(["--db", db, "export", "--format", "json"])
    return json.loads(p.stdout)["milestones"] if p.returncode == 0 else []


def sample_bibtex(tmp):
    db = os.path.join(tmp, "sample.db")
    bib = os.path.join(HERE, "sample.bib")
    p = run(["import", bib, "-o", db])
    err = p.stderr.decode()
    check(re.search(r"sample\.bib:50: warning: entry 'undated' has no usable year", err),
          "the entry without a year is not reported as file:line: " + err)
    h = show(db, "hochreiter1997long")
    check(h.get("authors") == ["Sepp Hochreiter", "Jürgen Schmidhuber"], "accents in names: %s" % h.get("authors"))
    check((h.get("year"), h.get("month")) == (1997, 11), "month macro: %s" % h.get("month"))
    check(h.get("venue") == "Neural Computation 1997" and h.get("venue_type") == "journal",
          "@string journal: %s" % h.get("venue"))
    check(h.get("doi") == "10.1162/neco.1997.9.8.1735", "DOI from an address: %s" % h.get("doi"))
    check(h.get("tags") == ["recurrent-networks", "memory"], "keywords as tags: %s" % h.get("tags"))
    check(h.get("summary", "").startswith("Learning to store information over extended time intervals by"),
          "abstract as summary: %s" % h.get("summary"))
    v = show(db, "vaswani2017attention")
    check(v.get("title") == "Attention Is All You Need", "braces in a title: %s" % v.get("title"))
    check(v.get("author_count") == 4 and len(v.get("authors", [])) == 3, "and others: %s" % v)
    check(v.get("venue") == "Proceedings of the 31st Conference on Neural Information Processing Systems 2017",
          "'#' concatenation: %s" % v.get("venue"))
    check((v.get("year"), v.get("month"), v.get("arxiv")) == (2017, 12, "1706.03762"), "date and eprint: %s" % v)
    check([b["id"] for b in v.get("builds_on", [])] == ["hochreiter1997long"], "related as a link: %s" % v)
    d = show(db, "devlin2018bert")
    check(d.get("arxiv") == "1810.04805" and d.get("venue_type") == "preprint", "arXiv in the journal: %s" % d)
    c = show(db, "chapter2001")
    check(c.get("title") == "“Quoted” & emphasised: 50% of the $ cost", "LaTeX specials: %s" % c.get("title"))
    check(c.get("authors") == ["Øystein Åberg", "Hans Straße"], "letter commands: %s" % c.get("authors"))
    check((c.get("year"), c.get("month"), c.get("venue")) == (2001, 3, "Naïve Networks — Collected Papers 2001"),
          "what crossref passes on: %s" % c)
    check([b["id"] for b in c.get("builds_on", [])] == ["proceedings2001"], "crossref as a link: %s" % c)
    w = show(db, "lab2020site")
    check((w.get("arxiv"), w.get("url"), w.get("month")) == ("2006.00001", "https://example.org/page", 6),
          "archiveprefix, url, date: %s" % w)
    check(len(milestones(db)) == 6, "six entries with a year")
    p = run(["import", "--strict", bib, "--check"], ok=(1, 2))
    check("sample.bib:50: error:" in p.stderr.decode(), "--strict makes the undated entry an error")
    return db


def sample_csl(tmp):
    db = os.path.join(tmp, "samplej.db")
    p = run(["import", os.path.join(HERE, "sample.json"), "-o", db])
    check("sample.json:21: warning: entry 'undated'" in p.stderr.decode(), "CSL: file:line of the undated item")
    s = show(db, "smith2019first")
    check(s.get("title") == 'First Things "Quoted"', "CSL title: %s" % s.get("title"))
    check(s.get("authors") == ["Ann Smith", "Ludwig van Beethoven"], "CSL names: %s" % s.get("authors"))
    check((s.get("year"), s.get("month"), s.get("doi")) == (2019, 4, "10.1000/xyz123"), "CSL date, DOI: %s" % s)
    check(s.get("tags") == ["things", "first-things"], "CSL keywords: %s" % s.get("tags"))
    l2 = show(db, "lab2020second")
    check((l2.get("arxiv"), l2.get("month"), l2.get("authors")) == ("2001.00001", 2, ["Some Lab"]),
          "CSL arXiv number, raw date, literal name: %s" % l2)


def with_data(tmp):
    bib = os.path.join(HERE, "sample.bib")
    data = os.path.join(HERE, "..", "fixtures", "mini")
    # --strict without the undated entry: the house rules are not asked of a bibliography
    dated = os.path.join(tmp, "dated.bib")
    with open(bib, encoding="utf-8") as f:
        text = f.read()
    with open(dated, "w", encoding="utf-8") as f:
        f.write(re.sub(r"@misc\{undated,.*?\n\}\n", "", text, flags=re.S))
    p = run(["import", "--strict", dated, "-o", os.path.join(tmp, "strict.db")])
    check(p.returncode == 0 and "6 milestones checked" in p.stdout.decode() + p.stderr.decode(),
          "a bibliography imports with --strict: %s" % p.stderr.decode()[-600:])
    # with a data folder: its title, both histories, one database
    db = os.path.join(tmp, "mixed.db")
    p = run(["import", data, dated, "-o", db])
    check(p.returncode == 0, "data files and a bibliography together: %s" % p.stderr.decode()[-600:])
    if p.returncode == 0:
        with sqlite3.connect("file:%s?mode=ro" % db, uri=True) as con:
            title = con.execute("SELECT value FROM meta WHERE key = 'title'").fetchone()
        check(title == ("Mini Timeline",), "the data's title, not the bibliography's: %s" % (title,))
        check(len(milestones(db)) == 14 + 6, "14 + 6 milestones")
    # --strict still holds the data files to the house rules
    loose = os.path.join(tmp, "loose")
    os.mkdir(loose)
    with open(os.path.join(loose, "a.yaml"), "w") as f:
        f.write("milestones:\n  - id: x-thing\n    year: 1990\n    title: \"X: a thing\"\n    kind: paper\n")
    p = run(["import", "--strict", "--check", loose, dated], ok=(1, 2))
    err = p.stderr.decode()
    check(re.search(r"a\.yaml:2:\d+: a milestone is missing required field", err) and "dated.bib" not in err,
          "--strict: the house rules for the data file alone: " + err[-600:])
    # the same key in two bibliographies: each named at its entry's line
    other = os.path.join(tmp, "other.bib")
    with open(other, "w") as f:
        f.write("% another list\n\n@article{devlin2018bert,\n  title = {Again},\n  year = 2018,\n}\n")
    p = run(["import", "--check", dated, other], ok=(1, 2))
    err = p.stderr.decode()
    line = text[:text.index("@article{devlin2018bert")].count("\n") + 1
    check(re.search(r"^%s:3: .*devlin2018bert.*\(first defined in %s line %d\)$"
                    % (re.escape(other), re.escape(dated), line), err, re.M) and "/proc/" not in err,
          "a duplicate key at its lines in both files: " + err[-600:])


def bad_files(tmp):
    cases = {
        "missing.bib": None,
        "array.json": '{"id": "x"}',
        "broken.json": '[{"id": "x", ',
        "broken.bib": "@article{x, title = {unclosed, year = 2000\n",
        "empty.bib": "% nothing\n",
    }
    for name, text in cases.items():
        path = os.path.join(tmp, name)
        if text is not None:
            with open(path, "w") as f:
                f.write(text)
        out = os.path.join(tmp, name + ".db")
        p = run(["import", path, "-o", out], ok=(1, 2))
        err = p.stderr.decode().strip()
        check(p.returncode != 0 and err and name in err, "%s: no clear error: %r" % (name, err))
        # every line in the importer's form, libbtparse's own messages included
        for line in err.splitlines():
            check(re.match(re.escape(path) + r"(:\d+)?: \S", line),
                  "%s: a message not of the form FILE[:LINE]: ...: %r" % (name, line))
        check(not os.path.exists(out), "%s: a database was written" % name)


def odd_text(tmp):
    """A Latin-1 file is read as Windows-1252 (with a warning); text no data file may hold
    (invalid UTF-8 from a JSON escape, control characters) never stops the import."""
    bib = os.path.join(tmp, "latin1.bib")
    with open(bib, "wb") as f:
        f.write(b"@article{m, title={Caf\xe9 \x93quoted\x94}, year=1990, author={M\xfcller, Anna}}\n")
    db = os.path.join(tmp, "latin1.db")
    p = run(["import", bib, "-o", db])
    check(re.search(r"latin1\.bib: warning: not UTF-8: read as Windows-1252", p.stderr.decode()),
          "a Latin-1 file is not reported: %r" % p.stderr.decode())
    m = show(db, "m")
    check((m.get("title"), m.get("authors")) == ("Caf\u00e9 \u201cquoted\u201d", ["Anna M\u00fcller"]),
          "Latin-1 text: %s" % m)
    # a file libbtparse gives up on, before a good one: the good one is read whole
    bad = os.path.join(tmp, "giveup.bib")
    with open(bad, "w") as f:
        f.write("@{\\ss}article{k, title={T}, year=1990}\n")
    p = run(["import", bad, os.path.join(HERE, "sample.bib"), "--check"], ok=(2,))
    check("sample.bib: no entry" not in p.stderr.decode() and "giveup.bib:1: syntax error" in p.stderr.decode(),
          "a bad file spoils the next: %r" % p.stderr.decode())
    # libbtparse calls exit(1) on these five bytes, and crashes on a syntax error whose token
    # holds "%s" (it prints the file's text as a format): said, and the next file is read
    for name, text in (("fatal.bib", '@a"x"'), ("format.bib", "@article{k, title={T} {%s%s%s%s%s%s%s%s%s%s%s%s}}")):
        fatal = os.path.join(tmp, name)
        with open(fatal, "w") as f:
            f.write(text)
        p = run(["import", fatal, os.path.join(HERE, "sample.bib"), "--check"], ok=(2,))
        err = p.stderr.decode()
        check(re.search(re.escape(name) + r": libbtparse gave up on it( \(signal \d+\))?: not imported", err) and
              "sample.bib:50: warning" in err, "libbtparse's end is not reported, or stops the import: %r" % err)
    js = os.path.join(tmp, "odd.json")
    with open(js, "w") as f:
        f.write('[{"id": "o", "title": "Lone \\ud800 surrogate\\u0007 bell\\u0085",'
                ' "issued": {"date-parts": [[2001]]}}]')
    db = os.path.join(tmp, "odd.db")
    run(["import", js, "-o", db])
    check(show(db, "o").get("title", "").startswith("Lone "), "odd CSL text: %s" % show(db, "o"))


def interrupted(tmp):
    """Ctrl-C during a bibliography's import leaves nothing behind: not in $TMPDIR (the
    converted YAML is an unnamed scratch file), not beside the output."""
    bib = os.path.join(tmp, "big.bib")
    with open(bib, "w") as f:
        for i in range(20000):
            f.write("@article{k%d, title={Paper %d}, author={Doe, Jane}, journal={J}, year=%d}\n"
                    % (i, i, 1950 + i % 70))
    scratch, outdir = os.path.join(tmp, "scratch"), os.path.join(tmp, "out")
    os.mkdir(scratch)
    os.mkdir(outdir)
    # signalled once the import proper has begun (its output's scratch file is there)
    p = subprocess.Popen([BIN, "import", bib, "-o", os.path.join(outdir, "big.db")],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(ENV, TMPDIR=scratch))
    deadline = time.time() + 60
    while p.poll() is None and not os.listdir(outdir) and time.time() < deadline:
        time.sleep(0.005)
    running = p.poll() is None
    p.send_signal(signal.SIGINT)
    rc = p.wait()
    check(running, "the import ended before the signal: the test proves nothing")
    check(rc == -signal.SIGINT, "an interrupted import ended with %d" % rc)
    check(os.listdir(scratch) == [] and os.listdir(outdir) == [],
          "an interrupted import left %s %s" % (os.listdir(scratch), os.listdir(outdir)))


def round_trip(tmp, db, name):
    """Export db as BibTeX and CSL-JSON, import both, compare titles, years, first authors."""
    want = sorted((m["title"], m["year"]) for m in milestones(db))
    for fmt, ext in (("bibtex", "bib"), ("csl-json", "json")):
        path = os.path.join(tmp, "%s-again.%s" % (name, ext))
        with open(path, "wb") as f:
            f.write(run(["--db", db, "export", "--format", fmt]).stdout)
        again = os.path.join(tmp, "%s-again-%s.db" % (name, ext))
        run(["import", path, "-o", again])
        got = sorted((m["title"], m["year"]) for m in milestones(again))
        check(got == want, "%s: %s round trip changed %d titles or years" %
              (name, fmt, len(set(want) ^ set(got))))


def real(tmp, bibdir):
    for rel in ("biblatex/biblatex/biblatex-examples.bib", "beebe/texgraph.bib", "beebe/printing-history.bib",
                "beebe/typeset.bib"):
        path = os.path.join(bibdir, rel)
        name = os.path.basename(path)[:-4]
        with open(path, encoding="latin-1") as f:
            entries = len(re.findall(r"^@(?!string|preamble|comment)\w+\s*[{(]", f.read(), re.M | re.I))
        db = os.path.join(tmp, name + ".db")
        run(["import", path, "-o", db])
        ms = milestones(db)
        check(len(ms) >= 0.9 * entries, "%s: %d of %d entries imported" % (name, len(ms), entries))
        if not ms:
            continue
        every = " ".join(m["title"] for m in ms).lower()   # the rarest long word of one title
        word = min(re.findall(r"[A-Za-z]{6,}", ms[len(ms) // 2]["title"]) or ["the"],
                   key=lambda w: every.count(w.lower()))
        p = run(["--db", db, "search", word, "--format", "tsv"])
        check(ms[len(ms) // 2]["id"] in p.stdout.decode(), "%s: searching '%s' misses its entry" % (name, word))
        keys = os.path.join(tmp, "keys")
        with open(keys, "w") as f:
            f.write("jjjG/%s<Enter><dump>a<dump>q<Enter><dump>" % word)
        run(["--db", db, "--script", keys, "--size", "100x30", "--dump", os.path.join(tmp, "screens")])
        round_trip(tmp, db, name)
        print("%s: %d entries, %d milestones" % (name, entries, len(ms)))


def main():
    global BIN, ENV
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: check_biblio.py DLTIMELINE [BIBDIR]")
    BIN = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="dlt-biblio-") as tmp:
        ENV = dict(os.environ, LC_ALL="C.UTF-8", HOME=tmp, XDG_STATE_HOME=os.path.join(tmp, "state"))
        for var in ("DLTIMELINE_DB", "COLUMNS", "LINES", "NO_COLOR"):
            ENV.pop(var, None)
        db = sample_bibtex(tmp)
        sample_csl(tmp)
        with_data(tmp)
        bad_files(tmp)
        odd_text(tmp)
        interrupted(tmp)
        round_trip(tmp, db, "sample")
        bibdir = sys.argv[2] if len(sys.argv) == 3 else ""
        if bibdir and os.path.isdir(bibdir):
            real(tmp, bibdir)
        elif os.environ.get("DLT_TESTS_REQUIRED"):
            check(False, "no bibliographies by others: apt-get install texlive-bibtex-extra")
        else:
            print("NOTE: bibliographies by others not checked (apt-get install texlive-bibtex-extra)")
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("bibliographies: every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
