#!/usr/bin/env python3
"""sigkill_bookmarks.py -- SIGKILL at random moments while bookmarks are written.

    sigkill_bookmarks.py DLTIMELINE DATABASE [KILLS]

Runs `dltimeline --db DATABASE bookmarks --add|--remove SLUG` KILLS times (default 200) on
random milestones, each killed with SIGKILL after a random delay spread over the time one
change takes (measured first), so kills land before, during and after the commit. The
state database lives in a private $XDG_STATE_HOME. After every kill:

  * a change whose process exited 0 before the kill is committed: from then on the
    bookmark must be there (add) or gone (remove) until the next change of that slug;
    a killed change may have happened or not, but nothing else may change;
  * `dltimeline bookmarks` still works (exit 0, or 1 when there are none) and lists
    exactly the expected bookmarks where they are known;
  * PRAGMA integrity_check of the state database says "ok".

Exit status 0 when every check passed; prints how many kills landed mid-change.
"""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time


def main():
    binary, db = sys.argv[1], sys.argv[2]
    kills = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    rnd = random.Random(int(os.environ.get("DLT_SEED", "20240601")))
    work = tempfile.mkdtemp(prefix="dlt-sigkill-")
    env = dict(os.environ, XDG_STATE_HOME=work, HOME=work, LC_ALL="C.UTF-8")
    env.pop("DLTIMELINE_DB", None)
    state_db = os.path.join(work, "dltimeline", "state.db")

    def run(*args):
        return subprocess.run([binary, "--db", db] + list(args), env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)

    slugs = [line.split("\t")[0] for line in run("list", "--format", "tsv").stdout.decode().splitlines()]
    if len(slugs) < 5:
        print("FAIL: the database lists too few milestones: %r" % slugs)
        return 1

    # how long one change takes (the delays are spread over a bit more than that)
    t0 = time.monotonic()
    for s in slugs[:5]:
        run("bookmarks", "--add", s)
        run("bookmarks", "--remove", s)
    span = max((time.monotonic() - t0) / 10 * 0.8, 0.004)

    known = {}        # slug -> True / False: committed state; absent = unknown (killed change)
    failures = 0
    mid = 0           # kills that hit a running process
    took = 0          # ... of which the change was there afterwards (killed after its work)
    listed = set()
    for i in range(kills):
        slug = rnd.choice(slugs)
        add = rnd.random() < 0.6
        p = subprocess.Popen([binary, "--db", db, "bookmarks", "--add" if add else "--remove", slug],
                             env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
        time.sleep(rnd.uniform(0, span))
        try:
            p.send_signal(signal.SIGKILL)
        except ProcessLookupError:
            pass
        err = p.communicate(timeout=60)[1].decode(errors="replace")
        before = slug in listed
        if p.returncode == -signal.SIGKILL:
            mid += 1
            known.pop(slug, None)          # may or may not have happened
        elif p.returncode == 0:
            known[slug] = add              # committed
        else:
            failures += 1
            print("FAIL: kill %d: '%s %s' exited %d: %s" % (i, "add" if add else "remove", slug,
                                                            p.returncode, err.strip()))
            known.pop(slug, None)

        r = run("bookmarks", "--format", "tsv")
        listed = {line.split("\t")[0] for line in r.stdout.decode().splitlines() if line}
        if r.returncode not in (0, 1) or r.stderr:
            failures += 1
            print("FAIL: kill %d: listing exited %d: %s" % (i, r.returncode, r.stderr.decode().strip()))
        if p.returncode == -signal.SIGKILL and before != add and (slug in listed) == add:
            took += 1
        for s, on in known.items():
            if (s in listed) != on:
                failures += 1
                print("FAIL: kill %d: committed bookmark %s is %s" % (i, s, "lost" if on else "back"))
        try:
            c = sqlite3.connect(state_db, timeout=10)
            ok = c.execute("PRAGMA integrity_check").fetchall()
            c.close()
        except sqlite3.Error as e:
            ok = [(str(e),)]
        if ok != [("ok",)]:
            failures += 1
            print("FAIL: kill %d: integrity_check: %r" % (i, ok))
        if failures > 10:
            break

    print("%d kills: %d hit a running change (%d of those changes had committed), "
          "%d changes had finished; %d failures" % (kills, mid, took, kills - mid, failures))
    subprocess.run(["rm", "-rf", work])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
