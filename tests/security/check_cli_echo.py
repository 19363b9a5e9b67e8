#!/usr/bin/env python3
"""check_cli_echo.py -- an argument quoted in an error message never reaches the terminal raw.

    check_cli_echo.py DLTIMELINE FIXTURE_DB

Every command-line error that echoes what was typed (an unknown command, option, format,
era, tag, kind, paradigm, year or number, a name that matches nothing, a --db or
$DLTIMELINE_DB path, a --script file, a bookmark) is run with arguments holding ESC, an
OSC 52 clipboard write (ESC ] 52 ; c ; ... BEL), CSI sequences, C1 controls, DEL, a
newline, a carriage return, a tab and invalid UTF-8. The error must be exactly one line on
stderr, valid UTF-8, with no control character in it (C0 but the final newline, DEL, C1),
nothing on stdout, and the exit status the command documents (2, or 1 for "not found").

The importer's problems quote file names and, for a bibliography, entry keys and what
libbtparse says of the file's text: `import --check` runs on a data file and a .bib file
named with each hostile value (and holding it), and every line it prints must pass the same
test.
"""
import os
import subprocess
import sys
import tempfile

BIN, GOOD = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
WORK = tempfile.mkdtemp(prefix="dlt-cliecho-")
ENV = dict(os.environ, HOME=WORK, XDG_CONFIG_HOME=WORK + "/no-config", XDG_STATE_HOME=WORK + "/state",
           LC_ALL="C.UTF-8")
for k in ("DLTIMELINE_DB", "NO_COLOR", "COLUMNS", "LINES"):
    ENV.pop(k, None)

HOSTILE = {
    "esc": b"a\x1bb",
    "osc52": b"\x1b]52;c;ZWNobyBwd25lZA==\x07x",
    "osc0": b"\x1b]0;PWNED\x1b\\t",
    "csi": b"\x1b[2J\x1b[31mred",
    "c1": b"\xc2\x9b2J\xc2\x9d0;t\xc2\x9c",
    "newline": b"one\ntwo",
    "cr-tab-del": b"a\rb\tc\x7fd",
    "utf8": b"bad\xff\xfe\xc3(\xed\xa0\x80end",
    "all": b"\x1b]52;c;eA==\x07\n\x1b[2J\xff\r\x7f\xc2\x9b",
}


def cases(v):
    """(name, argv, env additions, accepted statuses) for one hostile value v (bytes)."""
    missing = os.path.join(WORK.encode(), b"db-" + v)
    yield "unknown command", [v, b"x"], {}, (2,)
    # one word that is not a command names a milestone (the best match of its words): the
    # prefix matches none, so the error quotes the argument
    yield "not a command nor a milestone", [b"qxzjvw" + v], {}, (2,)
    yield "unknown main option", [b"--" + v], {}, (2,)
    yield "main option value", [b"--size", v, b"--script", b"/dev/null"], {}, (2,)
    yield "--db path", [b"--db", missing, b"list"], {}, (2,)
    yield "$DLTIMELINE_DB path", [b"list"], {b"DLTIMELINE_DB": missing}, (2,)
    yield "--script file", [b"--db", GOOD.encode(), b"--script", missing], {}, (2,)
    db = [b"--db", GOOD.encode()]
    for opt in (b"--era", b"--tag", b"--kind", b"--paradigm", b"--year", b"--from", b"--to", b"--limit",
                b"--format"):
        yield "list " + opt.decode(), db + [b"list", opt, v], {}, (2,)
    yield "list extra argument", db + [b"list", v], {}, (2,)
    yield "list unknown option", db + [b"list", b"--" + v], {}, (2,)
    yield "list --db path", [b"list", b"--db", missing], {}, (2,)
    yield "show name", db + [b"show", v], {}, (1,)
    yield "show --format", db + [b"show", b"transformer", b"--format", v], {}, (2,)
    yield "links name", db + [b"links", v], {}, (1,)
    yield "lineage name", db + [b"lineage", v], {}, (1,)
    yield "lineage --depth", db + [b"lineage", b"transformer", b"--depth", v], {}, (2,)
    yield "path names", db + [b"path", v, b"transformer"], {}, (1,)
    yield "path --max-length", db + [b"path", b"alexnet", b"transformer", b"--max-length", v], {}, (2,)
    yield "search --era", db + [b"search", b"x", b"--era", v], {}, (2,)
    yield "search --tag", db + [b"search", b"x", b"--tag", v], {}, (2,)
    yield "search --format", db + [b"search", b"x", b"--format", v], {}, (2,)
    yield "search --limit", db + [b"search", b"x", b"--limit", v], {}, (2,)
    yield "chart kind", db + [b"chart", v], {}, (2,)
    yield "chart --width", db + [b"chart", b"--width", v], {}, (2,)
    yield "export --format", db + [b"export", b"--format", v], {}, (2,)
    yield "export --root", db + [b"export", b"--root", v], {}, (1, 2)
    yield "export --tag", db + [b"export", b"--tag", v], {}, (2,)
    yield "eras extra", db + [b"eras", v], {}, (2,)
    yield "tags --format", db + [b"tags", b"--format", v], {}, (2,)
    yield "bookmarks add", db + [b"bookmarks", b"--add", v], {}, (1, 2)
    yield "bookmarks remove", db + [b"bookmarks", b"--remove", v], {}, (1, 2)


def control_free(err):
    """None when err is one valid UTF-8 line without control characters, else why not."""
    if not err.endswith(b"\n"):
        return "no final newline"
    body = err[:-1]
    if b"\n" in body:
        return "%d lines" % (body.count(b"\n") + 1)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as e:
        return "invalid UTF-8 (%s)" % e
    for ch in text:
        o = ord(ch)
        if o < 0x20 or o == 0x7F or 0x80 <= o <= 0x9F:
            return "control character U+%04X" % o
    return None


def main():
    failures = checked = 0
    for vname, v in HOSTILE.items():
        for name, argv, extra, want in cases(v):
            checked += 1
            env = {k.encode(): val.encode() for k, val in ENV.items()}
            env.update(extra)
            p = subprocess.run([BIN.encode()] + argv, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
            why = None
            if p.returncode not in want:
                why = "exit %d (want %s)" % (p.returncode, " or ".join(map(str, want)))
            elif p.stdout:
                why = "wrote to stdout: %r" % p.stdout[:200]
            else:
                why = control_free(p.stderr)
            if why:
                failures += 1
                print("FAIL: %s [%s]: %s; stderr: %r" % (name, vname, why, p.stderr[:300]))
    for vname, v in HOSTILE.items():
        if b"/" in v or b"\0" in v:
            continue
        d = os.path.join(WORK.encode(), b"imp-" + vname.encode())
        os.makedirs(d, exist_ok=True)
        yaml = os.path.join(d, b"m" + v + b".yaml")
        with open(yaml, "wb") as f:
            f.write(b"milestones:\n  - id: x" + v.replace(b"\n", b"") + b"\n")
        bib = os.path.join(d, b"r" + v + b".bib")
        with open(bib, "wb") as f:
            f.write(b"@article{k" + v + b",\n  title = {T" + v + b"},\n}\n@article{k2, title={U}, year=x" + v + b"}\n")
        for what, arg in (("data file", yaml), ("bibliography", bib)):
            checked += 1
            p = subprocess.run([BIN.encode(), b"import", b"--check", arg], env=ENV, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
            lines = p.stderr.split(b"\n")
            why = "exit %d (want 1 or 2)" % p.returncode if p.returncode not in (1, 2) else \
                "no problem reported" if not p.stderr else None
            for line in lines[:-1]:
                why = why or control_free(line + b"\n")
            if why:
                failures += 1
                print("FAIL: import --check, a %s named with [%s]: %s; stderr: %r" % (what, vname, why, p.stderr[:300]))
    print("%d runs checked, %d failed" % (checked, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        subprocess.run(["rm", "-rf", WORK])
