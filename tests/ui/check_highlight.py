#!/usr/bin/env python3
"""Search matches are highlighted (underlined) in the timeline list and in the detail pane.

Runs the browser headless with --dump-attrs, which writes under every screen line a map of
its attributes (r reverse, u underline, b bold, d dim), and checks that every word of the
screen that starts with the search term carries the match attribute, and that there is at
least one such word in the list and in the detail.

usage: check_highlight.py BINARY DATABASE
"""
import os
import re
import subprocess
import sys
import tempfile


def screens(binary, db, keys, size):
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "keys")
        with open(script, "w") as f:
            f.write(keys)
        env = {"PATH": os.environ.get("PATH", ""), "LC_ALL": "C.UTF-8", "TERM": "xterm-256color",
               "HOME": "/nonexistent", "XDG_CONFIG_HOME": "/nonexistent", "XDG_STATE_HOME": tmp}
        out = subprocess.run([binary, "--db", db, "--script", script, "--size", size, "--dump-attrs"],
                             env=env, capture_output=True, text=True, check=True).stdout
    lines = out.split("\n")
    return [(lines[i], lines[i + 1][2:]) for i in range(0, len(lines) - 1, 2)
            if lines[i + 1].startswith("@")]


def check(binary, db, term, keys, size, where, skip_rows=1):
    found = 0
    bad = []
    for row, (text, attrs) in enumerate(screens(binary, db, keys, size)):
        if row < skip_rows or row == int(size.split("x")[1]) - 1:
            continue  # header and status line (which repeats the query) are not content
        for m in re.finditer(r"(?<![A-Za-z0-9])" + re.escape(term), text, re.IGNORECASE):
            col = len(text[:m.start()])  # the data here is ASCII: one column per character
            found += 1
            marks = attrs[col:col + len(term)].ljust(len(term), ".")
            if any(c not in "ur" for c in marks):
                bad.append(f"{where}: row {row}: '{text.strip()[:60]}' has '{marks}' under '{term}'")
    if not found:
        bad.append(f"{where}: no occurrence of '{term}' on the screen to check")
    return found, bad


def main():
    binary, db = sys.argv[1], sys.argv[2]
    problems = []
    n1, b1 = check(binary, db, "network", "/network<Enter>", "100x30", "list")
    n2, b2 = check(binary, db, "antdel", "/antdel<Enter><Enter>", "100x120", "detail", skip_rows=1)
    problems += b1 + b2
    for p in problems:
        print("FAIL:", p)
    print(f"highlight: {n1} matches in the list and {n2} in the detail checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
