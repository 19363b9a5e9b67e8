"""formats_lib.py -- what the format tests share: the commands whose output they check, the
milestones each command must write (read from its --format json), the tricky fixture
database, running dltimeline, and skipping when a reader is not installed.

A test that needs a tool calls need(tool, package): without it the test is skipped (exit 77)
with one line saying what to install, or fails when DLT_TESTS_REQUIRED is set.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


class Test:
    """Counts checks; fail() reports one, done() prints the summary and exits."""

    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0

    def check(self, ok, message):
        if ok:
            self.passed += 1
        else:
            self.fail(message)
        return ok

    def fail(self, message):
        self.failed += 1
        print("FAIL: " + message, flush=True)

    def done(self):
        print("%s: %d passed, %d failed" % (self.name, self.passed, self.failed))
        sys.exit(1 if self.failed or not self.passed else 0)


def need(tool, package, why):
    """The path of `tool`; without it, skip (exit 77) or, with DLT_TESTS_REQUIRED, fail."""
    path = shutil.which(tool)
    if path:
        return path
    if os.environ.get("DLT_TESTS_REQUIRED"):
        print("FAIL: %s needs %s (apt-get install %s)" % (why, tool, package))
        sys.exit(1)
    print("SKIP: %s needs %s (apt-get install %s)" % (why, tool, package))
    sys.exit(77)


def need_npm_packages(npm_dir):
    """The node_modules folder npm_setup.sh filled; skip or fail like need() without it."""
    modules = os.path.join(npm_dir, "node_modules")
    if os.path.isfile(os.path.join(modules, ".dltimeline-installed")):
        return modules
    message = "the npm packages are not installed in %s (tests/formats/npm_setup.sh)" % npm_dir
    if os.environ.get("DLT_TESTS_REQUIRED") or shutil.which("npm"):
        print("FAIL: " + message)
        sys.exit(1)
    print("SKIP: " + message + "; npm is not installed (apt-get install npm)")
    sys.exit(77)


class Dltimeline:
    """The program, run with a private state directory (for bookmarks) and the tricky
    fixture built next to it."""

    def __init__(self, binary):
        self.binary = os.path.abspath(binary)
        self.tmp = tempfile.mkdtemp(prefix="dlt-formats-")
        self.env = dict(os.environ)
        for var in ("DLTIMELINE_DB", "COLUMNS", "LINES", "NO_COLOR"):
            self.env.pop(var, None)
        self.env.update(LC_ALL="C.UTF-8", HOME=self.tmp, XDG_STATE_HOME=os.path.join(self.tmp, "state"))
        self.tricky = os.path.join(self.tmp, "tricky.db")
        self.run(["import", os.path.join(HERE, "tricky.yaml"), "-o", self.tricky])
        for slug in BOOKMARKS:
            self.run(["bookmarks", "--add", slug])

    def run(self, args, ok=(0,)):
        """stdout of dltimeline ARGS; raises when its exit status is not in ok."""
        p = subprocess.run([self.binary] + args, env=self.env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        if p.returncode not in ok:
            raise RuntimeError("dltimeline %s: exit %d: %s" % (" ".join(args), p.returncode,
                                                               p.stderr.decode("utf-8", "replace")))
        return p.stdout.decode("utf-8")

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


# Bookmarked in the built-in timeline, so that `bookmarks` has something to write.
BOOKMARKS = ["transformer", "resnet", "alexnet", "word2vec", "chatgpt"]

# The outputs checked: NAME -> dltimeline arguments (before --format). "@TRICKY" is the
# fixture database of tricky.yaml. The built-in timeline is the curated data.
CASES = [
    ("all", ["export"]),
    ("part", ["export", "--from", "2012", "--to", "2017", "--tag", "cnn"]),
    ("root", ["export", "--root", "transformer", "--depth", "2"]),
    ("show", ["show", "resnet"]),
    ("links", ["links", "gan"]),
    ("lineage", ["lineage", "transformer"]),
    ("path", ["path", "alexnet", "chatgpt", "--all", "--max-length", "7"]),
    ("bookmarks", ["bookmarks"]),
    ("tricky", ["--db", "@TRICKY", "export"]),
    ("tricky-lineage", ["--db", "@TRICKY", "lineage", "conference-two"]),
]


def args_of(dlt, args):
    return [dlt.tricky if a == "@TRICKY" else a for a in args]


def _ids(node, out):
    """Every "id" in a JSON tree, in order."""
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            out.append(node["id"])
        for v in node.values():
            _ids(v, out)
    elif isinstance(node, list):
        for v in node:
            _ids(v, out)


def milestones_of(dlt, args):
    """The ids (slugs) of the milestones a command writes, each once, as its --format json
    shows them."""
    doc = json.loads(dlt.run(args + ["--format", "json"]))
    command = [a for a in args if not a.startswith("-") and a != dlt.tricky][0]
    if command == "export":
        ids = [m["id"] for m in doc["milestones"]]
    elif command == "show":
        ids = [doc["id"]]
    else:   # links, lineage, path, bookmarks: every milestone named
        ids = []
        _ids(doc, ids)
    seen, out = set(), []
    for i in ids:
        if i not in seen:
            seen.add(i)
            out.append(i)
    return out


def timeline(dlt, db_args):
    """Every milestone of a timeline, in timeline order, as export --format json has it."""
    return json.loads(dlt.run(db_args + ["export", "--format", "json"]))["milestones"]


def expected(dlt, args):
    """The milestones a command writes, in timeline order, as full export records."""
    db_args = args[:2] if args[:1] == ["--db"] else []
    want = set(milestones_of(dlt, args))
    return [m for m in timeline(dlt, db_args) if m["id"] in want]
