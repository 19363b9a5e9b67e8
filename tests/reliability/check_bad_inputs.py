#!/usr/bin/env python3
"""check_bad_inputs.py -- hostile data files, databases, queries and screen sizes, through the
real binary. Each case must end in bounded time and memory, with a sensible exit status and
well-formed messages, and never crash (a sanitizer report or a signal fails the case).

    check_bad_inputs.py DLTIMELINE FIXTURE_DB [DLTIMELINE_GEN]

Outputs: import -o naming one of the inputs (by name, symlink, as a directory's file) or,
  without --force, a file that is not a timeline: one line naming it, nothing changed.
Imports interrupted (with DLTIMELINE_GEN, the generator, for an input that takes a while):
  SIGINT, SIGTERM and SIGHUP during import -o and --check leave no file behind and the exit
  status says the signal; an input truncated while it is read is reported as changed (the
  mapped read of yfast and libyaml's); the output is on the disk before it is renamed
  (strace, when there is one). Also: output names of 235 to 255 characters, and a FIFO
  among a directory's data files (reported, not waited for).
Data files (dltimeline import --check, and import -o, which must write nothing):
  a 10 MB value, a 10 MB key, a 10 MB line of text without a newline, 10 MB of random
  bytes, raw NUL bytes (in a value, at the start), invalid UTF-8 at the very end, flow
  nesting 100000 deep, block nesting 2000 deep, 50000 broken entries (50000+ problems),
  lines of 160000 flow elements (in well under a second);
  (each validation error has its own unit test in tests/unit/test_import.c).
Databases: no milestones at all (the browser once crashed on it in the wide layout); dangling rows -- links to and from milestones that do not exist, tags and
  aliases of missing milestones, milestones of missing eras and paradigms, a year whose
  first milestone is missing -- through every command and a headless walk of every screen;
  exit 0/1, or 2 with one line naming the file. Ids up to 100 million with 14 milestones:
  bounded time and memory.
Queries: FTS5 syntax of every kind, 100 KB queries, control characters, invalid UTF-8 --
  through search, list --filter style options and the browser's search prompt and filter;
  never an error.
Screens: the headless browser at 1x1, 2x2 and 39x9 through every screen, and a storm of
  1000 random resizes (1x1 to 300x100) across every screen.
Streams: stdout closed or a full disk, for the commands, --help, --version, the fallback
  list and the headless dump: one line "write error" and exit 2.
"""
import os
import random
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import namekey  # noqa: E402 (after the path to it)

BIN, GOOD = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
GEN = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else None
WORK = tempfile.mkdtemp(prefix="dlt-badinputs-")
ENV = dict(os.environ, HOME=WORK, XDG_CONFIG_HOME=WORK + "/no-config", XDG_STATE_HOME=WORK + "/state",
           BROWSER="true", LC_ALL="C.UTF-8", TERM="xterm-256color")
ENV.pop("DLTIMELINE_DB", None)
GOOD_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "mini")
ENV.pop("NO_COLOR", None)
failures = []
checked = 0
TIME_LIMIT = 60            # seconds per run
RSS_LIMIT_MB = 400         # peak memory per run (more under AddressSanitizer, whose shadow counts)
if b"__asan_init" in subprocess.run(["nm", "-an", BIN], stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL).stdout:
    RSS_LIMIT_MB, TIME_LIMIT = 2000, 180


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def run(args, name, stdin=subprocess.DEVNULL, want=(0,), timeout=TIME_LIMIT, cwd=WORK):
    """Run the binary; check status, time, memory and that it did not crash. Returns
    (status, stdout, stderr)."""
    global checked
    checked += 1
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.monotonic()
    try:
        p = subprocess.run([BIN] + args, env=ENV, stdin=stdin, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout, cwd=cwd)
    except subprocess.TimeoutExpired:
        fail("%s: still running after %d s" % (name, timeout))
        return None, b"", b""
    took = time.monotonic() - t0
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode < 0 or "Sanitizer" in err or "runtime error" in err:
        fail("%s: crashed (status %d): %s" % (name, p.returncode, err[-600:]))
    elif p.returncode not in want:
        fail("%s: exit %d, want %s: %s" % (name, p.returncode, want, err[:400]))
    if rss > before and rss > RSS_LIMIT_MB * 1024:
        fail("%s: peak memory %d MB" % (name, rss // 1024))
    if took > timeout / 2:
        print("note: %s took %.1f s" % (name, took))
    return p.returncode, p.stdout, err


def one_line_error(err, name, path):
    lines = err.splitlines()
    if len(lines) != 1 or not lines[0].startswith("dltimeline: %s: " % path):
        fail("%s: stderr is not one line naming %s: %r" % (name, path, err[:300]))


# ---- data files ----------------------------------------------------------------------------------

HEAD = ("eras:\n  - {id: e, name: E, start: 1900}\nmilestones:\n"
        "  - id: a\n    year: 1950\n    title: A\n    kind: paper\n    era: e\n    summary: S.\n")
TEN_MB = 10 << 20


def data_case(name, content, expect_re, want_lines=None):
    path = os.path.join(WORK, name + ".yaml")
    with open(path, "wb") as f:
        f.write(content)
    for mode in ("check", "write"):
        out = os.path.join(WORK, "out-" + name + ".db")
        args = ["import", "--check", path] if mode == "check" else ["import", path, "-o", out]
        st, _, err = run(args, "data %s (%s)" % (name, mode), want=(2,))
        if st is None:
            continue
        lines = err.splitlines()
        if not lines or not re.fullmatch(r"\d+ errors?; nothing written", lines[-1]):
            fail("data %s: no count line at the end: %r" % (name, err[-300:]))
            continue
        n = int(lines[-1].split()[0])
        if n != len(lines) - 1:
            fail("data %s: %d problems counted, %d lines" % (name, n, len(lines) - 1))
        if want_lines is not None and n < want_lines:
            fail("data %s: only %d problems reported, want at least %d" % (name, n, want_lines))
        for l in lines[:-1]:
            if not l.startswith(path + ":") and not l.startswith("dltimeline: "):
                fail("data %s: line does not name the file: %r" % (name, l[:200]))
                break
            if len(l) > 400 or any(ord(c) < 32 or 0x7f <= ord(c) < 0xa0 for c in l):
                fail("data %s: unprintable or huge report line: %r" % (name, l[:200]))
                break
        if not re.search(expect_re, err):
            fail("data %s: no /%s/ in %r" % (name, expect_re, err[:400]))
        leftovers = [f for f in os.listdir(WORK) if f.startswith("out-" + name)]
        if leftovers:
            fail("data %s: files written: %s" % (name, leftovers))
    os.unlink(path)


def long_lines():
    """reliability.md finding 6: yfast was quadratic in the length of a line (16 s for this
    480 KB file); linear, it takes a fraction of a second. Beyond the fuzzer's 16 KB inputs.
    So was the duplicate-key check of a mapping read by libyaml (5.8 s for 40,000 keys)."""
    limit = 15.0 if TIME_LIMIT > 60 else 1.0   # (sanitizer builds are slower)
    bad = os.path.join(WORK, "bigflow.yaml")
    with open(bad, "w") as f:
        f.write("milestones: [" + ", ".join(["a"] * 160000) + "]\n")
    good = os.path.join(WORK, "bigfigures.yaml")
    with open(good, "w") as f:
        f.write(HEAD + "    figures: [" + ", ".join(["\u00e9%d" % i for i in range(160000)]) + "]\n")
    keys = os.path.join(WORK, "bigmapping.yaml")   # libyaml's path: duplicate keys were looked for one by one
    with open(keys, "w") as f:
        f.write("milestones:\n  - {" + ", ".join("k%d: 1" % i for i in range(80000)) + "}\n")
    for path, want, n in ((bad, (2,), 160000), (good, (0,), 0), (keys, (2,), 80006)):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        st, _, err = run(["import", "--check", path], "long line " + os.path.basename(path), want=want)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        took = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)   # CPU: not the machine's load
        if took > limit:
            fail("long line %s: %.2f s of CPU, want under %.0f s" % (path, took, limit))
        if st == 2 and not err.endswith("%d errors; nothing written\n" % n):
            fail("long line %s: %r" % (path, err[-200:]))
        os.unlink(path)


def data_files():
    data_case("value-10mb", (HEAD + "    anecdote: " + "x" * TEN_MB + "\n").encode(),
              r":10:15: value too long \(10485760 bytes, at most 65536\)")
    data_case("quoted-value-10mb", (HEAD + '    anecdote: "' + "\u00e9" * (TEN_MB // 2) + '"\n').encode(),
              r"value too long \(10485760 bytes")
    data_case("key-10mb", (HEAD + "    " + "k" * TEN_MB + ": 1\n").encode(), r"YAML syntax error")
    data_case("line-10mb", ("x" * TEN_MB).encode(), r"must be a mapping of sections")
    data_case("random-10mb", random.Random(7).randbytes(TEN_MB), r"invalid UTF-8|control characters|YAML")
    data_case("nul-in-value", (HEAD + "    venue: Caf\x00e\n").encode(), r":10:\d+: control characters are not allowed")
    data_case("nul-first", b"\x00" + HEAD.encode(), r":1:1: control characters are not allowed")
    data_case("nul-escaped", (HEAD + '    venue: "a\\0b"\n').encode(), r"value contains a NUL byte")
    data_case("utf8-cut-at-end", HEAD.encode() + b"    venue: \xe2\x82", r"invalid UTF-8")
    data_case("flow-nesting-100000", (HEAD + "    figures: " + "[" * 100000 + "]" * 100000 + "\n").encode(),
              r"nesting deeper than 16 levels")
    data_case("block-nesting-2000", (HEAD + "    figures:\n" +
                                     "".join("  " * i + "      - x:\n" for i in range(2000))).encode(),
              r"nesting deeper than 16 levels")
    data_case("broken-entries-50000", ("milestones:\n" + "  - {id: X, year: nope}\n" * 50000).encode(),
              r"is not a valid id", want_lines=100000)


# ---- the output of an import ---------------------------------------------------------------------

def snapshot(d):
    """Every file under d with its contents."""
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            with open(p, "rb") as fp:
                out[os.path.relpath(p, d)] = fp.read()
    return out


def refused(args, name, cwd, want_line):
    """import ARGS is refused with exactly want_line and the count line; nothing changes."""
    before = snapshot(cwd)
    st, _, err = run(args, name, want=(2,), cwd=cwd)
    if st is not None and err != want_line + "\n1 error; nothing written\n":
        fail("%s: stderr %r, want %r" % (name, err, want_line))
    if snapshot(cwd) != before:
        fail("%s: files changed or appeared" % name)


def outputs():
    """reliability.md finding 2: -o naming an input, or a file that is not a timeline, is
    refused before anything is read or written."""
    d = os.path.join(WORK, "outputs")
    os.makedirs(os.path.join(d, "glob2"))
    for f in ("same.yaml", "glob2/a.yaml", "glob2/b.yaml"):
        with open(os.path.join(d, f), "w") as fp:
            fp.write(HEAD.replace("id: a\n", "id: %s\n" % f.replace("/", "-").replace(".", "-")))
    os.symlink("same.yaml", os.path.join(d, "link.db"))
    refused(["import", "same.yaml", "-o", "same.yaml"], "output is the input", d,
            "dltimeline: cannot write same.yaml: it is the input file same.yaml")
    refused(["import", ".", "-o", "link.db"], "output is an input through a symlink", d,
            "dltimeline: cannot write link.db: it is the input file ./same.yaml")
    refused(["import", "glob2", "-o", "glob2/b.yaml", "--force"], "output is a directory's input", d,
            "dltimeline: cannot write glob2/b.yaml: it is the input file glob2/b.yaml")
    # `import -o *.yaml` with the output name forgotten: the shell makes a.yaml the output
    refused(["import", "-o", "a.yaml", "b.yaml"], "import -o *.yaml", os.path.join(d, "glob2"),
            "dltimeline: cannot write a.yaml: it is not a dltimeline database (--force replaces it)")
    # --force replaces a file that is not a timeline; a timeline is replaced without it
    run(["import", "glob2/b.yaml", "-o", "glob2/a.yaml", "--force"], "--force", cwd=d)
    run(["import", "glob2/b.yaml", "-o", "glob2/a.yaml"], "replace a timeline", cwd=d)
    shutil.rmtree(d)


# ---- imports interrupted, odd outputs and inputs ---------------------------------------------------

def default_signals():
    """The child starts with the default actions (a test runner may ignore SIGINT)."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)


def reading(pid, path):
    """Has process pid the file `path` open?"""
    try:
        return any(os.readlink("/proc/%d/fd/%s" % (pid, fd)) == path for fd in os.listdir("/proc/%d/fd" % pid))
    except OSError:
        return False


def start_import(args, env=None):
    global checked
    checked += 1
    return subprocess.Popen([BIN] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=WORK,
                            env=env or ENV, preexec_fn=default_signals)


def wait_until(cond, timeout=TIME_LIMIT):
    t0 = time.monotonic()
    while not cond():
        if time.monotonic() - t0 > timeout:
            return False
        time.sleep(0.002)
    return True


def interrupted(data):
    """reliability.md finding 10: Ctrl-C (and TERM, HUP) used to leave OUT.tmp-* and
    *-search-* behind (up to 2 GB at 1M milestones), --check its $TMPDIR database."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        for mode in ("write", "check"):
            d = os.path.join(WORK, "sig")
            os.makedirs(d)
            name = "%s during import (%s)" % (signal.Signals(sig).name, mode)
            env = dict(ENV, TMPDIR=d)
            args = ["import", data, "-o", os.path.join(d, "out.db")] if mode == "write" else ["import", "--check", data]
            p = start_import(args, env)
            if mode == "write":   # both temporary files are there
                ok = wait_until(lambda: len([f for f in os.listdir(d) if f.startswith("out.db.")]) >= 2)
            else:
                ok = wait_until(lambda: reading(p.pid, os.path.join(data, "milestones-000.yaml")))
            p.send_signal(sig)
            err = p.communicate(timeout=TIME_LIMIT)[1].decode("utf-8", "replace")
            if not ok or p.returncode != -sig:
                fail("%s: exit %s (want the signal), %r" % (name, p.returncode, err[-300:]))
            if os.listdir(d):
                fail("%s: left %s" % (name, sorted(os.listdir(d))))
            shutil.rmtree(d)


def truncated(data):
    """reliability.md finding 7: an input that shrinks while it is read (mmap) crashed the
    import with SIGBUS, leaving its scratch files; libyaml's read of it reported whatever the
    cut left. Both say the file changed, in one line, and leave nothing."""
    src = os.path.join(data, "milestones-000.yaml")
    with open(src) as f:
        text = f.read()
    i = text.index("\n", text.index("    year: "))
    variants = (("mapped", text), ("libyaml", text[:i] + " # yfast declines a comment here" + text[i:]))
    for how, body in variants:
        d = os.path.join(WORK, "trunc")
        for attempt in range(3):   # the cut must come while the file is read: it nearly always does
            os.makedirs(d)
            shutil.copyfile(os.path.join(data, "00-taxonomy.yaml"), os.path.join(d, "00-taxonomy.yaml"))
            big = os.path.join(d, "milestones.yaml")
            with open(big, "w") as f:
                f.write(body)
            p = start_import(["import", d, "-o", os.path.join(d, "out.db")])
            ok = wait_until(lambda: reading(p.pid, big))
            os.truncate(big, len(body) // 2)
            err = p.communicate(timeout=TIME_LIMIT)[1].decode("utf-8", "replace")
            left = sorted(set(os.listdir(d)) - {"00-taxonomy.yaml", "milestones.yaml"})
            shutil.rmtree(d)
            if ok and p.returncode == 0:
                continue   # read before the cut
            want = "%s: file changed while reading\n1 error; nothing written\n" % big
            if p.returncode != 2 or err != want:
                fail("truncated (%s): exit %s, stderr %r" % (how, p.returncode, err[-300:]))
            if left:
                fail("truncated (%s): left %s" % (how, left))
            break
        else:
            fail("truncated (%s): the import never saw the cut" % how)


def synced(data):
    """reliability.md finding 11: the output is flushed to the disk before it replaces the
    old one, and its directory after the rename (seen through strace when there is one)."""
    if not shutil.which("strace"):
        print("note: no strace; the fsync before the rename is not checked")
        return
    global checked
    checked += 1
    out = os.path.join(WORK, "synced.db")
    # (LeakSanitizer cannot work under ptrace)
    env = dict(ENV, ASAN_OPTIONS=ENV.get("ASAN_OPTIONS", "") + ":detect_leaks=0")
    p = subprocess.run(["strace", "-f", "-qq", "-e", "trace=openat,fsync,rename", BIN, "import", GOOD_DATA, "-o", out],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=WORK, env=env, timeout=TIME_LIMIT)
    trace = p.stderr.decode("utf-8", "replace")
    fds, order = {}, []
    for line in trace.splitlines():
        m = re.search(r'openat\(AT_FDCWD, "([^"]*)".*= (\d+)$', line)
        if m:
            fds[m.group(2)] = m.group(1).rstrip("/")
        m = re.search(r"fsync\((\d+)\)\s*= 0", line)
        if m:
            order.append(("fsync", fds.get(m.group(1))))
        m = re.search(r'rename\("([^"]*)", "([^"]*)"\)\s*= 0', line)
        if m:
            order.append(("rename", m.group(1)))
    renames = [i for i, (what, _) in enumerate(order) if what == "rename"]
    if p.returncode != 0 or len(renames) != 1:
        fail("synced: exit %d, renames %s" % (p.returncode, order))
        return
    tmp = order[renames[0]][1]
    if ("fsync", tmp) not in order[:renames[0]]:
        fail("synced: %s is not flushed before its rename: %s" % (tmp, order))
    if ("fsync", WORK) not in order[renames[0]:]:
        fail("synced: the directory is not flushed after the rename: %s" % order)


def odd_outputs_inputs():
    """reliability.md finding 11: output names of 235-255 characters failed (the temporary
    name was longer than a name may be); a FIFO named *.yaml in a directory blocked forever."""
    for n in (235, 245, 255):
        before = set(os.listdir(WORK))
        out = os.path.join(WORK, "x" * (n - 3) + ".db")
        run(["import", GOOD_DATA, "-o", out], "output name of %d characters" % n)
        if set(os.listdir(WORK)) != before | {os.path.basename(out)}:
            fail("output name of %d characters: %s" % (n, sorted(set(os.listdir(WORK)) ^ before)))
        if os.path.exists(out):
            os.unlink(out)
    d = os.path.join(WORK, "fifo")
    os.makedirs(d)
    for f in os.listdir(GOOD_DATA):
        shutil.copyfile(os.path.join(GOOD_DATA, f), os.path.join(d, f))
    os.mkfifo(os.path.join(d, "zz-pipe.yaml"))
    for args in (["import", "--check", d], ["import", d, "-o", os.path.join(WORK, "fifo.db")]):
        st, _, err = run(args, "a FIFO among the data files", want=(2,), timeout=20)
        if st == 2 and err != "%s/zz-pipe.yaml: not a regular file\n1 error; nothing written\n" % d:
            fail("a FIFO among the data files: %r" % err)
    shutil.rmtree(d)


def imports():
    odd_outputs_inputs()
    synced(None)
    if not GEN:
        print("note: no generator given; interrupted and truncated imports are not tried")
        return
    data = os.path.join(WORK, "gen")
    subprocess.run([GEN, "40000", data, "5"], check=True, stdout=subprocess.DEVNULL, cwd=WORK)
    interrupted(data)
    truncated(data)
    shutil.rmtree(data)


# ---- databases with dangling rows ----------------------------------------------------------------

WALK = ("<dump>j<Enter><dump>jjj<dump><Tab><dump><Tab><Enter><dump><Backspace>q"
        "e<dump><Down><Enter><dump>f<dump>ta<Down><Enter><dump>FH<dump><Esc>"
        "/er<dump><Enter><dump>nN<Esc>?<dump>q mj'<dump><Esc>a<dump>q c<dump>q"
        "y1900<Enter><dump>G<Enter><Tab><Tab><Enter><dump>q")


def write_keys(name, text):
    path = os.path.join(WORK, name + ".keys")
    with open(path, "w") as f:
        f.write(text)
    return path


def dangling_db():
    db = os.path.join(WORK, "dangling.db")
    shutil.copyfile(GOOD, db)
    c = namekey.connect(db)
    slugs = [r[0] for r in c.execute("SELECT slug FROM milestones ORDER BY id")]
    c.execute("INSERT INTO links (src, dst, kind, note, pos) VALUES (2, 9999, 'builds_on', 'to nowhere', 9)")
    c.execute("INSERT INTO links (src, dst, kind, note, pos) VALUES (9998, 1, 'builds_on', 'from nowhere', 0)")
    c.execute("INSERT INTO links (src, dst, kind, note, pos) VALUES (9997, 9996, 'builds_on', 'nowhere', 0)")
    c.execute("INSERT INTO milestone_tags (milestone, tag) VALUES (1, 777)")
    c.execute("INSERT INTO milestone_tags (milestone, tag) VALUES (9995, 1)")
    c.execute("INSERT INTO aliases (milestone, pos, alias) VALUES (9994, 0, 'ghost')")
    c.execute("UPDATE milestones SET era = 55, paradigm = 66 WHERE id = 3")
    c.execute("INSERT INTO years (year, first_id, count) VALUES (1900, 9993, 3)")
    c.commit()
    c.close()
    before = open(db, "rb").read()
    cmds = [["list"], ["list", "--year", "1900"], ["list", "--tag", "vision"], ["eras"], ["tags"],
            ["search", "network"], ["export"], ["export", "--format", "csv"], ["export", "--format", "markdown"],
            ["export", "--format", "dot"], ["export", "--format", "mermaid"]]
    for s in slugs[:4]:
        cmds += [["show", s], ["show", s, "--format", "json"], ["links", s], ["links", s, "--format", "json"],
                 ["lineage", s], ["lineage", s, "--format", "json"]]
    cmds += [["path", slugs[0], slugs[3]], ["show", "ghost"], ["links", "ghost"]]
    for args in cmds:
        st, _, err = run(["--db", db] + args, "dangling: " + " ".join(args), want=(0, 1, 2))
        if st == 2:
            one_line_error(err, "dangling: " + " ".join(args), db)
    keys = write_keys("walk", WALK)
    for size in ("80x24", "140x40"):
        run(["--db", db, "--script", keys, "--size", size, "--dump", os.devnull], "dangling: browser " + size)
    if open(db, "rb").read() != before:
        fail("dangling: the database changed")


def empty_timeline():
    """A database of the right schema with no milestones at all (the importer never writes
    one, but anyone can): commands say nothing was found, the browser shows an empty list."""
    db = os.path.join(WORK, "empty.db")
    shutil.copyfile(GOOD, db)
    c = namekey.connect(db)
    c.execute("DELETE FROM milestones")
    c.commit()
    c.close()
    for args in (["list"], ["search", "network"], ["export"], ["export", "--format", "markdown"], ["eras"],
                 ["show", "perceptron"], ["lineage", "perceptron"]):
        st, _, err = run(["--db", db] + args, "empty timeline: " + " ".join(args), want=(0, 1, 2))
        if st == 2:
            one_line_error(err, "empty timeline: " + " ".join(args), db)
    keys = write_keys("walk", WALK)
    for size in ("80x24", "140x40"):
        run(["--db", db, "--script", keys, "--size", size, "--dump", os.devnull], "empty timeline: browser " + size)


def sparse_ids():
    """A database that says it holds 100 million milestones (the most one may) but has 14,
    the last with id 100000000: every walk goes over the ids there are, and the bitmaps over
    the ids stay small (export once pushed every number up to the last id: 785 MB)."""
    db = os.path.join(WORK, "sparse.db")
    shutil.copyfile(GOOD, db)
    c = namekey.connect(db)
    last = c.execute("SELECT max(id) FROM milestones").fetchone()[0]
    c.execute("UPDATE meta SET value = 100000000 WHERE key = 'milestones'")
    c.execute("UPDATE milestones SET id = 100000000 WHERE id = ?", (last,))
    c.commit()
    c.close()
    for args in (["list"], ["list", "--from", "1990"], ["search", "network"], ["export"],
                 ["export", "--format", "dot"], ["export", "--format", "mermaid"], ["chart"],
                 ["lineage", "perceptron"], ["path", "perceptron", "chatgpt"]):
        run(["--db", db] + args, "sparse ids: " + " ".join(args), want=(0, 1))
    keys = write_keys("walk", WALK + "/a<Enter>nnNG<Up>")
    for size in ("80x24", "140x40"):
        run(["--db", db, "--script", keys, "--size", size, "--dump", os.devnull], "sparse ids: browser " + size)


# ---- queries -------------------------------------------------------------------------------------

NASTY = ['"', '""', '"unbalanced', "a*", "*", "^a", "a:b", "title:attention", "{title short}:x",
         "NEAR(a b)", "NEAR(a b, 2)", "a NEAR/3 b", "a AND", "OR b", "NOT", "a OR b NOT c", "(a", ")",
         "a + b", "-a", "'a'", "a;b", "\\", "rowid=1", "x' OR '1'='1", "%", "_",
         "\x1b[31m", "a\x00b", "\t\n\r", "\x7f\x80\x9b", "\u202eevil", "\ufffd", "\udcff",
         "\u3000\u00a0", "e\u0301", "\U0001f916", "(" * 1000, '"' * 1001, "*" * 5000,
         "NEAR(" * 500, "a " * 50000, "x" * 100000,
         "".join(chr(c) for c in range(1, 0x250) if c not in (0,)) * 40]


NOTES = ("dltimeline search: nothing matches the words as typed; showing results for ",
         "dltimeline search: no milestone has all the words; these have most of them")


def search_stderr_ok(status, err):
    """What search may say: a usage error in one line (exit 2), or notes about the results."""
    lines = err.split("\n")
    if lines[-1] != "" or any(not ln.isprintable() for ln in lines):
        return False
    lines = lines[:-1]
    if status == 2:
        return len(lines) == 1 and lines[0].startswith("dltimeline search: ") and \
            lines[0].endswith("(see 'dltimeline search --help')")
    return all(ln.startswith(NOTES) for ln in lines)


def queries():
    # a query is words and fields: found (0), not found (1), or nothing to search for or a
    # wrong field (2, one line); notes about a corrected or partial search are fine
    for i, q in enumerate(NASTY):
        arg = q.encode("utf-8", "surrogateescape").replace(b"\x00", b"").decode("utf-8", "surrogateescape")
        for fmt in ("text", "json"):
            st, out, err = run(["--db", GOOD, "search", "--format", fmt, "--limit", "5", "--", arg],
                               "query %d (%s)" % (i, fmt), want=(0, 1, 2))
            if err and not search_stderr_ok(st, err):
                fail("query %d (%s): exit %s, stderr %r" % (i, fmt, st, err[:200]))
    # the browser's search prompt and filter, typed: syntax, control keys, 3000 characters
    typed = "".join(c if c not in "<>#\n " else "<Lt>" if c == "<" else "<Gt>" if c == ">" else "<Space>"
                    if c == " " else "x" for c in '"a* NEAR(b c) title:x {x}: ^y (z OR "w')
    ctrl = "<C-a><C-b><C-e><C-k><C-u><C-w><Tab><Backspace><Del><Left><Right><Home><End>"
    long_text = "abc<Space>" * 300
    script = ("/" + typed + "<Enter><dump>nN/" + ctrl + typed + "<Esc>/" + long_text + "<dump><Enter>nn"
              "f" + typed + "<dump><Enter><dump>F f" + long_text + ctrl + "<Enter>y" + "9" * 300 + "<Enter>"
              "y<C-u>-1<Enter>y99999999999999999999<Enter><dump>")
    keys = write_keys("queries", script)
    for size in ("80x24", "140x40", "40x10"):
        run(["--db", GOOD, "--script", keys, "--size", size, "--dump", os.devnull], "typed queries " + size)


# ---- screen sizes --------------------------------------------------------------------------------

def screens():
    keys = write_keys("walk", WALK)
    for size in ("1x1", "2x2", "39x9", "40x10", "1000x3", "3x1000"):
        st, _, _ = run(["--db", GOOD, "--script", keys, "--size", size, "--dump", os.devnull],
                       "screen %s walk" % size)
    # a walk with <resize> everywhere, the smallest sizes included
    rnd = random.Random(11)
    parts = []
    # no q: in a screen too small to use, q quits
    for step in re.findall(r"<[^>]*>|.", WALK.replace("<dump>", "").replace("q", "<Esc>")):
        parts.append(step)
        for _ in range(rnd.randrange(4)):
            w = rnd.choice([1, 2, 39, 40, 80, 119, 120, 300, rnd.randrange(1, 301)])
            h = rnd.choice([1, 2, 9, 10, 24, 100, rnd.randrange(1, 101)])
            parts.append("<resize %dx%d>" % (w, h))
    storm = "".join(parts)
    while storm.count("<resize") < 1000:
        storm += "<resize %dx%d>j" % (rnd.randrange(1, 301), rnd.randrange(1, 101))
    keys = write_keys("storm", storm + "<resize 80x24><dump>")
    st, out, err = run(["--db", GOOD, "--script", keys, "--dump", os.path.join(WORK, "storm.txt")],
                       "resize storm (1000 resizes)")
    if st == 0:
        screen = open(os.path.join(WORK, "storm.txt")).read().split("\f\n")[-1].splitlines()
        if len(screen) != 24:
            fail("resize storm: the last screen has %d lines, not 24" % len(screen))


# ---- standard streams ------------------------------------------------------------------------------

def streams():
    """stdout closed or full: a one-line write error and exit 2, never a crash or a silent 0
    (a reader that went away, EPIPE, is fine: tests/cli/check_pipes_env.sh)."""
    global checked
    keys = write_keys("short", "jj<Enter>q")
    cases = [["list"], ["export", "--format", "json"], ["show", "perceptron"], ["search", "network"],
             ["eras"], ["--help"], ["--version"], ["list", "--help"], [],
             ["--script", keys, "--size", "80x24"]]
    for args in cases:
        for how in ("closed", "full"):
            checked += 1
            name = "stdout %s: %s" % (how, " ".join(args) or "(no command)")
            out = open("/dev/full", "w") if how == "full" else None
            p = subprocess.run([BIN, "--db", GOOD] + args, env=ENV, stdin=subprocess.DEVNULL, stdout=out,
                               stderr=subprocess.PIPE, timeout=TIME_LIMIT, cwd=WORK,
                               preexec_fn=(lambda: os.close(1)) if how == "closed" else None)
            if out:
                out.close()
            err = p.stderr.decode("utf-8", "replace")
            last = err.splitlines()[-1] if err else ""
            if p.returncode != 2 or not re.fullmatch(r"dltimeline: (stdout: )?write error(: .*)?", last):
                fail("%s: exit %d, stderr %r (want 2 and a write error)" % (name, p.returncode, err[-300:]))
    # --dump into a full disk
    run(["--db", GOOD, "--script", keys, "--dump", "/dev/full"], "--dump /dev/full", want=(2,))


def main():
    streams()
    outputs()
    imports()
    long_lines()
    data_files()
    dangling_db()
    empty_timeline()
    sparse_ids()
    queries()
    screens()
    shutil.rmtree(WORK, ignore_errors=True)
    print("%d runs checked, %d failures" % (checked, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
