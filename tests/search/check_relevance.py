#!/usr/bin/env python3
"""check_relevance.py BIN [--db DB] [--browser] [--report] -- the relevance table of search.

Each row of relevance.tsv is a query a person would type and the milestone(s) one of which
must come first. The CLI is asked with `dltimeline search --limit 1 --format tsv QUERY`;
with --browser the browser is too, as a person uses it: the headless browser (--script)
types '/', the query and Enter at 140x40, and the milestone it lands on is read from the
screen (the title on the first line of the detail beside the list).

Prints one line per miss and a summary ("CLI: 281 of 281 first (100.0%)"). Misses that
known-misses.tsv lists (with what comes first and why) are expected: exits 1 when a query
misses that the list does not name, or misses differently, or when a listed query now
passes (the list must stay true). --report prints the summary only and always exits 0 (for
the README's figure).
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def read_table(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cat, query, want = line.split("\t")
            rows.append((n, cat, query, want.split("|")))
    return rows


def read_known(path):
    known = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                query, got, _reason = line.split("\t")
                known[query] = got
    return known


def run(bin_, db, args, **kw):
    cmd = [bin_] + (["--db", db] if db else []) + args
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, **kw)


def cli_first(bin_, db, query):
    p = run(bin_, db, ["search", "--limit", "1", "--format", "tsv", query])
    if p.returncode not in (0, 1):
        return "(error: %s)" % p.stderr.strip()
    line = p.stdout.split("\n")[0]
    return line.split("\t")[0] if line else "(nothing)"


def script_text(query):
    keys = ["/"]
    for ch in query:
        keys.append("<Space>" if ch == " " else "<Lt>" if ch == "<" else ch)
    keys.append("<Enter>")
    return "".join(keys) + "\n"


def titles(bin_, db):
    p = run(bin_, db, ["list", "--format", "tsv"])
    if p.returncode != 0:
        sys.exit("check_relevance: list failed: " + p.stderr)
    out = []
    for line in p.stdout.splitlines():
        cols = line.split("\t")
        out.append((cols[0], cols[4]))
    return out


def browser_first(bin_, db, query, all_titles, tmp):
    path = os.path.join(tmp, "keys")
    with open(path, "w", encoding="utf-8") as f:
        f.write(script_text(query))
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8")
    p = run(bin_, db, ["--no-state", "--script", path, "--size", "140x40"], env=env)
    if p.returncode != 0:
        return "(exit %d: %s)" % (p.returncode, p.stderr.strip())
    lines = p.stdout.split("\n")
    # the detail stands beside the list from 120 columns: its first line is the title
    first = lines[1] if len(lines) > 1 else ""
    # the minimap, then the line between list and detail, or the focus arrow in its place
    marks = [i for i in (first.find("│"), first.find("◂"), first.find("▸")) if i >= 0]
    if not marks:
        return "(no detail on the screen)"
    shown = first[min(marks) + 1:].lstrip("│◂▸ ").strip()
    if not shown:
        return "(no detail on the screen)"
    # the title's first line when it wraps: the titles it begins
    hits = [slug for slug, title in all_titles if title.startswith(shown)]
    if len(hits) != 1:
        return "(%s: %d milestones)" % (shown, len(hits))
    return hits[0]


def check_row(who, n, cat, query, want, got, known, misses, report):
    """Count a miss; print it. Returns 1 when the outcome is not the one expected."""
    if got in want:
        if query in known:
            print("PASS %-7s line %d (%s) %r now comes first: delete it from known-misses.tsv"
                  % (who, n, cat, query))
            return 1
        return 0
    misses[who] += 1
    expected = known.get(query) == got
    if not report:
        print("%s %-7s line %d (%s) %r: first %s, want %s"
              % ("known" if expected else "MISS", who, n, cat, query, got, " or ".join(want)))
    return 0 if expected else 1


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    bin_, db, browser, report = args[0], None, False, False
    i = 1
    while i < len(args):
        if args[i] == "--db":
            db = args[i + 1]
            i += 2
            continue
        if args[i] == "--browser":
            browser = True
        elif args[i] == "--report":
            report = True
        else:
            sys.exit("check_relevance: unknown option " + args[i])
        i += 1
    rows = read_table(os.path.join(HERE, "relevance.tsv"))
    known = read_known(os.path.join(HERE, "known-misses.tsv"))
    unexpected = 0
    all_titles = titles(bin_, db) if browser else []
    misses = {"CLI": 0, "browser": 0}
    with tempfile.TemporaryDirectory() as tmp:
        for n, cat, query, want in rows:
            got = cli_first(bin_, db, query)
            unexpected += check_row("CLI", n, cat, query, want, got, known, misses, report)
            if browser:
                got = browser_first(bin_, db, query, all_titles, tmp)
                unexpected += check_row("browser", n, cat, query, want, got, known, misses, report)
    total = len(rows)
    for who in ("CLI", "browser") if browser else ("CLI",):
        ok = total - misses[who]
        print("%s: %d of %d queries put the expected milestone first (%.1f%%)" % (who, ok, total, 100.0 * ok / total))
    if report:
        return 0
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
