#!/usr/bin/env python3
"""check_json.py -- validate every JSON output of dltimeline.

usage: check_json.py DLTIMELINE SOURCE_DIR [--db DB] [--min-milestones N] [--min-links N]

Runs `export --format json`, `list/search/show/links/eras/paradigms/tags --format json` and
checks that each is valid JSON (json.loads), that export is exactly
{"milestones": [...], "eras": [...], "paradigms": [...], "tags": [...]}, that every milestone
object has exactly the keys of MS_EXPORT_JSON in src/db/queries.h (in that order), with
null -- not "" or a missing key -- for absent values, the right types, and references
(era, paradigm, tags, builds_on) that resolve. Without --db the embedded database is used.
Prints the counts as "milestones=N links=M". Exits 1 on the first problem.
"""
import json
import re
import subprocess
import sys


def event_keys(keys):
    """The keys of an event: its three texts have their own names (data/README.md)."""
    names = {"problem": "background", "insight": "what_happened", "impact": "why_it_mattered"}
    return [names.get(k, k) for k in keys]


def fail(msg):
    print("check_json: FAIL: " + msg)
    sys.exit(1)


def sql_of(queries_h, name):
    """The SQL text of DLT_Q(name, "..." "..."), string literals joined."""
    m = re.search(r"DLT_Q\(" + name + r",(.*?)\)\s*\\?\s*\n\s*(?:/\*|DLT_Q\(|$)", queries_h, re.S)
    if not m:
        fail("no %s in queries.h" % name)
    body = m.group(1)
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', body)
    sql = "".join(parts).replace('\\"', '"')
    # macros used inside (DLT_ROW_COLS) are not in JSON queries; be sure
    if "DLT_" in sql:
        fail("unexpanded macro in %s" % name)
    return sql


def top_level_keys(sql):
    """Keys of the outermost json_object( ... ) call: its string-literal arguments at even
    positions, at parenthesis depth 1."""
    start = sql.index("json_object(") + len("json_object(")
    depth, i, arg, args, quote = 1, start, "", [], None
    while i < len(sql) and depth > 0:
        c = sql[i]
        if quote:
            arg += c
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
            arg += c
        elif c == "(":
            depth += 1
            arg += c
        elif c == ")":
            depth -= 1
            if depth == 0:
                args.append(arg.strip())
                break
            arg += c
        elif c == "," and depth == 1:
            args.append(arg.strip())
            arg = ""
        else:
            arg += c
        i += 1
    keys = []
    for k in args[0::2]:
        # a key chosen by kind (an event's fields): the key of every other milestone
        m = re.fullmatch(r"CASE m\.kind WHEN '[a-z]+' THEN '[a-z_]+' ELSE ('[a-z_]+') END", k)
        if m:
            k = m.group(1)
        if not re.fullmatch(r"'[a-z_]+'", k):
            fail("unexpected json_object key expression %r" % k)
        keys.append(k.strip("'"))
    return keys


def run(bin_, db, args, ok=(0,)):
    cmd = [bin_] + (["--db", db] if db else []) + args
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in ok:
        fail("%s: exit %d, stderr %r" % (" ".join(args), p.returncode, p.stderr[:300]))
    if p.stderr:
        fail("%s: unexpected stderr %r" % (" ".join(args), p.stderr[:300]))
    try:
        return json.loads(p.stdout.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        fail("%s: not valid JSON: %s" % (" ".join(args), e))


def check_type(where, value, types, nullable):
    if value is None:
        if not nullable:
            fail("%s is null" % where)
        return
    if isinstance(value, bool) and bool not in types:
        fail("%s is a boolean" % where)
    if not isinstance(value, types):
        fail("%s has type %s" % (where, type(value).__name__))
    if isinstance(value, str) and value == "":
        fail("%s is an empty string (absent values must be null)" % where)


def main():
    argv = sys.argv[1:]
    bin_, src = argv[0], argv[1]
    db, min_ms, min_links = None, 1, 0
    rest = argv[2:]
    while rest:
        opt, val, rest = rest[0], rest[1], rest[2:]
        if opt == "--db":
            db = val
        elif opt == "--min-milestones":
            min_ms = int(val)
        elif opt == "--min-links":
            min_links = int(val)
        else:
            fail("unknown option " + opt)

    queries_h = open(src + "/src/db/queries.h", encoding="utf-8").read()
    export_keys = top_level_keys(sql_of(queries_h, "MS_EXPORT_JSON"))
    list_keys = top_level_keys(sql_of(queries_h, "MS_LIST_JSON"))
    if len(export_keys) < 20 or export_keys[0] != "id":
        fail("could not read the MS_EXPORT_JSON keys: %r" % export_keys)

    doc = run(bin_, db, ["export", "--format", "json"])
    if not isinstance(doc, dict) or list(doc) != ["milestones", "eras", "paradigms", "tags"]:
        fail("export: top level is not {milestones, eras, paradigms, tags}: %r" % (list(doc)[:8],))
    ms, eras, pars, tags = doc["milestones"], doc["eras"], doc["paradigms"], doc["tags"]
    for name, v in (("milestones", ms), ("eras", eras), ("paradigms", pars), ("tags", tags)):
        if not isinstance(v, list):
            fail("export: %s is not a list" % name)

    period_keys = ["id", "name", "start", "end", "summary"]
    for kind, periods in (("era", eras), ("paradigm", pars)):
        for p in periods:
            if list(p) != period_keys:
                fail("export: %s keys %r" % (kind, list(p)))
            check_type(kind + ".id", p["id"], (str,), False)
            check_type(kind + ".name", p["name"], (str,), False)
            # a paradigm that is a way of working rather than a period has no dates
            check_type(kind + ".start", p["start"], (int,), kind == "paradigm")
            check_type(kind + ".end", p["end"], (int,), True)
            check_type(kind + ".summary", p["summary"], (str,), True)
    for t in tags:
        if list(t) != ["id", "name"]:
            fail("export: tag keys %r" % list(t))
    era_ids = {e["id"] for e in eras}
    par_ids = {p["id"] for p in pars}
    tag_ids = {t["id"] for t in tags}
    ms_ids = [m.get("id") for m in ms]
    if len(set(ms_ids)) != len(ms_ids):
        fail("export: duplicate milestone ids")

    types = {
        "id": ((str,), False), "year": ((int,), False), "month": ((int,), True),
        "title": ((str,), False), "short": ((str,), True), "aliases": ((list,), False),
        "kind": ((str,), False), "authors": ((list,), False), "author_count": ((int,), True),
        "organization": ((str,), True), "venue": ((str,), True), "venue_type": ((str,), True),
        "paper_title": ((str,), True),
        "arxiv": ((str,), True), "doi": ((str,), True), "url": ((str,), True),
        "era": ((str,), False), "paradigm": ((str,), True), "tags": ((list,), False),
        "summary": ((str,), False), "problem": ((str,), True), "insight": ((str,), True),
        "impact": ((str,), True), "formula": ((str,), True), "architecture": ((str,), True),
        "background": ((str,), True), "what_happened": ((str,), True), "why_it_mattered": ((str,), True),
        "figures": ((list,), False), "anecdote": ((str,), True), "sources": ((list,), False),
        "parameters": ((int, float), True),
        "training_compute": ((int, float), True), "scale_source": ((str,), True),
        "root": ((bool,), False), "builds_on": ((list,), False),
    }
    links = 0
    prev = (0, 0)
    known = set(ms_ids)
    for m in ms:
        want_keys = export_keys
        if m.get("kind") == "event":   # an event's three texts have their own names
            want_keys = event_keys(export_keys)
        if list(m) != want_keys:
            fail("export: milestone %r keys differ from MS_EXPORT_JSON:\n  got  %r\n  want %r"
                 % (m.get("id"), list(m), export_keys))
        for k in want_keys:
            t, nullable = types.get(k, ((object,), True))
            check_type("%s.%s" % (m["id"], k), m[k], t, nullable)
        if m["month"] is not None and not 1 <= m["month"] <= 12:
            fail("%s: month %r" % (m["id"], m["month"]))
        if (m["year"], m["month"] or 0) < prev:
            fail("%s: milestones are not in chronological order" % m["id"])
        prev = (m["year"], m["month"] or 0)
        if m["era"] not in era_ids:
            fail("%s: unknown era %r" % (m["id"], m["era"]))
        if m["paradigm"] is not None and m["paradigm"] not in par_ids:
            fail("%s: unknown paradigm %r" % (m["id"], m["paradigm"]))
        for t in m["tags"]:
            if t not in tag_ids:
                fail("%s: unknown tag %r" % (m["id"], t))
        for a in m["authors"] + m["aliases"] + m["sources"]:
            check_type(m["id"] + " list entry", a, (str,), False)
        for f in m["figures"]:
            if not isinstance(f, dict) or list(f) != ["text", "source"]:
                fail("%s: figure %r is not {text, source}" % (m["id"], f))
            check_type(m["id"] + " figure text", f["text"], (str,), False)
            check_type(m["id"] + " figure source", f["source"], (str,), True)
        for b in m["builds_on"]:
            if list(b) != ["id", "kind", "note"] or b["kind"] != "builds_on":
                fail("%s: link %r" % (m["id"], b))
            if b["id"] not in known or b["id"] == m["id"]:
                fail("%s: link to %r" % (m["id"], b["id"]))
            check_type(m["id"] + " link note", b["note"], (str,), False)
            links += 1
    if len(ms) < min_ms:
        fail("export: %d milestones, want at least %d" % (len(ms), min_ms))
    if links < min_links:
        fail("export: %d links, want at least %d" % (links, min_links))

    # list --format json: the same milestones in the same order, with the MS_LIST_JSON keys
    rows = run(bin_, db, ["list", "--format", "json"])
    if [r.get("id") for r in rows] != ms_ids:
        fail("list --format json: not the milestones of export, in order")
    for r in rows:
        if list(r) != list_keys:
            fail("list --format json: keys %r, want %r" % (list(r), list_keys))
        full = ms[ms_ids.index(r["id"])]
        for k in list_keys:
            if r[k] != full[k]:
                fail("list --format json: %s.%s = %r, export says %r" % (r["id"], k, r[k], full[k]))
    if run(bin_, db, ["list", "--format", "json", "--year", "1800"], ok=(1,)) != []:
        fail("an empty list is not []")

    # show --format json: the export object plus led_to, for a few milestones
    for mid in ms_ids[:3] + ms_ids[-3:]:
        one = run(bin_, db, ["show", mid, "--format", "json"])
        want_keys = event_keys(export_keys) if one.get("kind") == "event" else export_keys
        if list(one) != want_keys + ["led_to"]:
            fail("show %s --format json: keys %r" % (mid, list(one)))
        full = dict(ms[ms_ids.index(mid)])
        if {k: one[k] for k in want_keys} != full:
            fail("show %s --format json differs from export" % mid)
        led = [b["id"] for b in one["led_to"]]
        want = [m["id"] for m in ms if any(b["id"] == mid for b in m["builds_on"])]
        if sorted(led) != sorted(want):
            fail("show %s: led_to %r, export says %r" % (mid, led, want))
        lk = run(bin_, db, ["links", mid, "--format", "json"])
        by_id = lambda links: sorted(links, key=lambda b: b["id"])   # links lists them by date
        if list(lk) != ["id", "builds_on", "led_to"] or by_id(lk["builds_on"]) != by_id(full["builds_on"]) \
                or lk["led_to"] != one["led_to"]:
            fail("links %s --format json disagrees with show" % mid)

    # search --format json: valid, list-shaped rows
    found = run(bin_, db, ["search", ms[0]["title"].split()[0], "--format", "json"], ok=(0, 1))
    if not isinstance(found, list) or any(list(r) != list_keys for r in found):
        fail("search --format json")
    if run(bin_, db, ["search", "zzzzzzzzqqqq", "--format", "json"], ok=(1,)) != []:
        fail("search with no result is not []")

    # eras / paradigms / tags --format json agree with export
    if run(bin_, db, ["eras", "--format", "json"]) != eras:
        fail("eras --format json differs from export")
    if run(bin_, db, ["paradigms", "--format", "json"]) != pars:
        fail("paradigms --format json differs from export")
    if run(bin_, db, ["tags", "--format", "json"]) != tags:
        fail("tags --format json differs from export")

    print("milestones=%d links=%d" % (len(ms), links))


if __name__ == "__main__":
    main()
