#!/usr/bin/env python3
"""check_deps.py BUILD_DIR -- the structure of the program, measured from its object files:

  1. no circle between files: the graph "file A calls or reads something file B defines"
     has no cycle (views talk to the controller, not to each other);
  2. the layers point one way: tui -> model -> db -> core; cli and import -> model, db,
     core; nothing outside tui uses tui, nothing in core uses anything else;
  3. only files of src/tui include curses (checked in the sources);
  4. rooms of a readable size: no source file over 1,200 lines, no function over 120.

Prints the offending edges and exits 1 when a rule is broken.
"""
import collections
import os
import re
import subprocess
import sys

LAYER = {"core": 0, "db": 1, "model": 2, "import": 2, "cli": 3, "tui": 4, "main": 5, "generated": 0}
ALLOWED = {  # layer -> the layers it may use
    "core": {"core"},
    "generated": {"core", "generated"},
    "db": {"db", "core", "generated"},
    "model": {"model", "db", "core", "generated"},
    "import": {"import", "db", "core", "generated"},
    "cli": {"cli", "model", "db", "core", "import", "generated"},
    "tui": {"tui", "model", "db", "core", "generated"},
    "main": {"main", "cli", "tui", "core", "generated"},
}


def objects(build):
    for root, _, files in os.walk(build):
        if "CMakeFiles" not in root or "tests" in root.split(os.sep):
            continue
        for f in files:
            if f.endswith(".c.o") and ("/src/" in os.path.join(root, f) or "generated" in root):
                yield os.path.join(root, f)


def name_of(path):
    m = re.search(r"/src/(.*)\.c\.o$", path)
    if m:
        return m.group(1)
    return "generated/" + os.path.basename(path)[:-4]


def functions(lines):
    """(name, lines) of each function defined at the top level of a C file: from the line
    that opens its body with '{' at column 0 back to its name, to the '}' at column 0."""
    out, start, name = [], None, None
    for i, line in enumerate(lines):
        if line.startswith("{") and start is None:
            start = i
            for k in range(i - 1, max(i - 6, -1), -1):
                m = re.search(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(", lines[k])
                if m:
                    name = m.group(1)
                    break
        elif line.startswith("}") and start is not None:
            if name:
                out.append((name, i - start + 1))
            start, name = None, None
    return out


def main():
    build = sys.argv[1]
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src")
    defs, uses = {}, collections.defaultdict(set)
    seen = set()
    for o in objects(build):
        n = name_of(o)
        if n in seen or n.startswith("tools/") or "embedded" in n:
            continue
        if not n.startswith("generated/") and not os.path.exists(os.path.join(src, n + ".c")):
            continue   # a stale object of a file that is gone
        seen.add(n)
        out = subprocess.run(["nm", o], stdout=subprocess.PIPE, text=True, check=True).stdout
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] in "TDBR":
                defs[parts[2]] = n
            elif len(parts) == 2 and parts[0] == "U":
                uses[n].add(parts[1])
    graph = collections.defaultdict(set)
    for n, syms in uses.items():
        for s in syms:
            d = defs.get(s)
            if d and d != n:
                graph[n].add(d)
    problems = []
    # 1. cycles (Tarjan's strongly connected components)
    index, low, stack, on, sccs = {}, {}, [], set(), []
    counter = [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(seen):
        if v not in index:
            strong(v)
    for comp in sccs:
        edges = [f"{a} -> {b}" for a in comp for b in sorted(graph[a]) if b in comp]
        problems.append("circle between files: " + ", ".join(edges))
    # 2. layers
    for a in sorted(graph):
        la = a.split("/")[0]
        for b in sorted(graph[a]):
            lb = b.split("/")[0]
            if lb not in ALLOWED.get(la, set()):
                problems.append(f"layer: {a} uses {b}")
    # 3. curses only in src/tui
    for root, _, files in os.walk(src):
        for f in files:
            if not f.endswith((".c", ".h")):
                continue
            p = os.path.join(root, f)
            rel = os.path.relpath(p, src)
            text = open(p, encoding="utf-8").read()
            if re.search(r'#\s*include\s*[<"](ncursesw?/)?curses\.h[>"]', text) and not rel.startswith("tui/"):
                problems.append(f"curses included outside src/tui: {rel}")
    # 4. sizes
    longest = []
    for root, _, files in os.walk(src):
        for f in files:
            if not f.endswith(".c"):
                continue
            p = os.path.join(root, f)
            rel = os.path.relpath(p, src)
            lines = open(p, encoding="utf-8").read().split("\n")
            if len(lines) > 1200:
                problems.append(f"{rel} has {len(lines)} lines (more than 1,200)")
            for name, n in functions(lines):
                longest.append((n, f"{rel}:{name}"))
                if n > 120:
                    problems.append(f"{rel}: {name}() has {n} lines (more than 120)")
    longest.sort(reverse=True)
    for p in problems:
        print("FAIL: " + p)
    print("longest functions: " + ", ".join(f"{w} {n}" for n, w in longest[:5]))
    print(f"{len(seen)} files, {sum(len(v) for v in graph.values())} dependencies: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
