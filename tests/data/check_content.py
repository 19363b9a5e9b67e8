#!/usr/bin/env python3
"""check_content.py -- the house rules of the curated history that the importer cannot see
one entry at a time, checked on the JSON export of a database built from data/:

  1. size: at least --min-milestones milestones and --min-links builds_on links;
  2. aliases name the same work and nothing else: no alias equals (compared without case,
     spaces, hyphens, dots and other punctuation) another milestone's id, short name,
     title or paper title, nor a tag's id or name (concept words belong in tags);
  3. links point back in time: a milestone builds on one of the same date or earlier;
  4. eras follow the rule of data/README.md: where two eras of the main line meet in a
     year, a milestone of that year belongs to the later one from the month of the
     milestone that opens it (and to the earlier one before that month);
  5. paradigms: every milestone but an event has one, and an event none.

usage: check_content.py DLTIMELINE DB [--min-milestones N] [--min-links N]
Prints one line per problem and exits 1 if there is any.
"""
import argparse
import json
import re
import subprocess
import sys
import unicodedata

# The main line of eras, in order, with the milestone that opens each from the second on.
# Eras not listed here are thematic (data/README.md): they run beside the main line.
MAIN_LINE = [
    ("foundations", None),
    ("connectionism", None),
    ("revival", None),
    ("convnet-era", "alexnet"),
    ("transformer-pretraining", "transformer"),
    ("scaling-era", "scaling-laws"),
    ("llm-era", "instructgpt"),
    ("reasoning-agents", "openai-o1"),
]


def key(s):
    """A name compared the way search compares names: letters and digits only, ASCII,
    lower case ("GPT-3" = "gpt3", "U-Net" = "unet", "Léon" = "leon")."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]", "", s.lower())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("db")
    ap.add_argument("--min-milestones", type=int, default=420)
    ap.add_argument("--min-links", type=int, default=850)
    a = ap.parse_args()
    out = subprocess.run([a.bin, "--db", a.db, "export", "--format", "json"],
                         stdout=subprocess.PIPE, check=True).stdout
    doc = json.loads(out)
    ms, eras, tags = doc["milestones"], doc["eras"], doc["tags"]
    problems = []

    def problem(msg):
        problems.append(msg)

    nlinks = sum(len(m["builds_on"]) for m in ms)
    if len(ms) < a.min_milestones:
        problem("%d milestones, want at least %d" % (len(ms), a.min_milestones))
    if nlinks < a.min_links:
        problem("%d builds_on links, want at least %d" % (nlinks, a.min_links))

    # short names fit the browser's name column (29 columns)
    for m in ms:
        if m.get("short") and len(m["short"]) > 29:
            problem("%s: short name %r is longer than 29 characters (the list's name column)" % (m["id"], m["short"]))

    # 2. aliases
    names = {}   # key -> the milestones that carry it as id, short, title or paper title
    for m in ms:
        for field in ("id", "short", "title", "paper_title"):
            if m.get(field):
                names.setdefault(key(m[field]), set()).add(m["id"])
    tag_keys, tag_names = {}, {}
    for t in tags:
        tag_keys[key(t["id"])] = t["id"]
        tag_keys[key(t["name"])] = t["id"]
        tag_names[t["id"]] = {key(t["id"]), key(t["name"])}
    for m in ms:
        for al in m["aliases"]:
            k = key(al)
            others = names.get(k, set()) - {m["id"]}
            if others:
                problem("%s: alias %r names %s" % (m["id"], al, ", ".join(sorted(others))))
            # a concept word is not an alias, unless the milestone is the concept itself
            # (mixture-of-experts, short name "Mixture of experts", may be called "MoE")
            own = {key(m.get("short") or ""), key(m["title"]), key(m["id"])}
            if k in tag_keys and not own & tag_names[tag_keys[k]]:
                problem("%s: alias %r is the tag %r (a concept, not a name of the work)"
                        % (m["id"], al, tag_keys[k]))

    # 3. links back in time
    date = {m["id"]: (m["year"], m["month"] or 0) for m in ms}
    for m in ms:
        for b in m["builds_on"]:
            d = date.get(b["id"])
            if d and d[0] > m["year"] or (d and d[0] == m["year"] and m["month"] and d[1] > m["month"]):
                problem("%s (%d-%s) builds on the later %s (%d-%s)"
                        % (m["id"], m["year"], m["month"], b["id"], d[0], d[1]))

    # 4. the main line of eras
    era_by_id = {e["id"]: e for e in eras}
    for slug, opener in MAIN_LINE:
        if slug not in era_by_id:
            problem("era %r of the main line is missing" % slug)
    main = {slug: i for i, (slug, _) in enumerate(MAIN_LINE)}
    opens = {}
    for i, (slug, opener) in enumerate(MAIN_LINE):
        if opener:
            if opener not in date:
                problem("era %r: its opening milestone %r is missing" % (slug, opener))
            else:
                opens[i] = date[opener]
    for m in ms:
        if m["era"] not in main:
            continue
        d = (m["year"], m["month"] or 0)
        want = None
        for i, (slug, _) in enumerate(MAIN_LINE):
            e = era_by_id.get(slug)
            if not e or not e["start"] <= m["year"] <= (e["end"] or 9999):
                continue
            if i in opens and d < opens[i] and want is not None:
                continue   # before the milestone that opens it: still the earlier era
            want = slug
        if want and m["era"] != want:
            problem("%s (%d-%s): era %r, but the rule of data/README.md gives %r"
                    % (m["id"], m["year"], m["month"], m["era"], want))

    # 5. paradigms
    for m in ms:
        if m["kind"] == "event" and m["paradigm"]:
            problem("%s: an event with the paradigm %r" % (m["id"], m["paradigm"]))
        if m["kind"] != "event" and not m["paradigm"]:
            problem("%s: no paradigm" % m["id"])

    for p in problems:
        print("FAIL: " + p)
    print("%d milestones, %d links, %d aliases: %d problem(s)"
          % (len(ms), nlinks, sum(len(m["aliases"]) for m in ms), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
