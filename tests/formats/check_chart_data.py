#!/usr/bin/env python3
"""check_chart_data.py DLTIMELINE -- chart --format tsv|json: the charts' data, to plot
elsewhere, agree with each other, with the timeline and with the drawn charts.

On the built-in timeline and on the tricky fixture:
  * years: JSON and TSV hold the same rows, one per year from the first milestone's year to
    the last one's, with no gap; the counts add up to the number of milestones and equal
    each year's count in `list --year`; the JSON's eras are those of `eras --format json`;
  * params and compute: JSON and TSV hold the same points, in timeline order, each a
    milestone of the timeline with a positive figure equal to its parameters or training
    compute in `export --format json`, as many as the drawn chart's title says;
  * --width and --height go with the text chart only; an unknown chart is an error.

Exits 0 when every check passed, 1 when one failed.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import formats_lib as fl  # noqa: E402


def tsv_rows(text):
    return [line.split("\t") for line in text.splitlines()]


def check_years(t, dlt, db, where):
    doc = json.loads(dlt.run(db + ["chart", "years", "--format", "json"]))
    rows = tsv_rows(dlt.run(db + ["chart", "--format", "tsv"]))
    t.check(doc["chart"] == "years", where + ": the JSON does not say it is the years chart")
    years = [(y["year"], y["count"]) for y in doc["years"]]
    t.check(all(len(r) == 2 for r in rows), where + ": a TSV row is not year, count")
    t.check([(int(a), int(b)) for a, b in rows] == years, where + ": the TSV and the JSON differ")
    ms = fl.timeline(dlt, db)
    first, last = ms[0]["year"], ms[-1]["year"]
    t.check([y for y, _ in years] == list(range(first, last + 1)),
            "%s: the years are not %d..%d without gaps" % (where, first, last))
    t.check(sum(c for _, c in years) == len(ms), "%s: the counts add up to %d, not %d milestones"
            % (where, sum(c for _, c in years), len(ms)))
    per_year = {}
    for m in ms:
        per_year[m["year"]] = per_year.get(m["year"], 0) + 1
    wrong = [y for y, c in years if c != per_year.get(y, 0)]
    t.check(not wrong, "%s: wrong counts for %s" % (where, wrong[:5]))
    for y, c in years[:: max(1, len(years) // 5)]:   # a few years through list --year
        listed = dlt.run(db + ["list", "--year", str(y), "--format", "tsv"], ok=(0, 1))
        t.check(len(listed.splitlines()) == c, "%s: list --year %d has %d, the chart %d"
                % (where, y, len(listed.splitlines()), c))
    eras = json.loads(dlt.run(db + ["eras", "--format", "json"]))
    t.check([(e["id"], e["start"]) for e in doc["eras"]] == [(e["id"], e["start"]) for e in eras],
            where + ": the chart's eras are not those of `eras`")


def check_scale(t, dlt, db, where, kind, field):
    doc = json.loads(dlt.run(db + ["chart", kind, "--format", "json"]))
    rows = tsv_rows(dlt.run(db + ["chart", kind, "--format", "tsv"]))
    t.check(doc["chart"] == kind, "%s %s: the JSON names the chart %r" % (where, kind, doc["chart"]))
    pts = doc["points"]
    t.check(all(len(r) == 5 for r in rows), "%s %s: a TSV row is not id, year, month, value, name" % (where, kind))
    t.check([(r[0], int(r[1]), int(r[2]) if r[2] else None, float(r[3]), r[4]) for r in rows] ==
            [(p["id"], p["year"], p["month"], float(p["value"]), p["name"]) for p in pts],
            "%s %s: the TSV and the JSON differ" % (where, kind))
    ms = fl.timeline(dlt, db)
    order = {m["id"]: i for i, m in enumerate(ms)}
    by_id = {m["id"]: m for m in ms}
    t.check([p["id"] for p in pts] == sorted((p["id"] for p in pts), key=lambda i: order.get(i, -1)),
            "%s %s: the points are not in timeline order" % (where, kind))
    with_figure = [m["id"] for m in ms if m.get(field)]
    t.check(sorted(p["id"] for p in pts) == sorted(with_figure), "%s %s: %d points for %d milestones with %s"
            % (where, kind, len(pts), len(with_figure), field))
    for p in pts:
        m = by_id.get(p["id"], {})
        t.check(p["value"] > 0 and abs(p["value"] - (m.get(field) or 0)) <= 1e-9 * p["value"],
                "%s %s: %s has %r, the export %r" % (where, kind, p["id"], p["value"], m.get(field)))
        t.check(p["name"] == (m.get("short") or m.get("title")), "%s %s: %s is named %r"
                % (where, kind, p["id"], p["name"]))
    drawn = dlt.run(db + ["chart", kind, "--width", "80", "--height", "20"])
    n = re.search(r": (\d+) models?,", drawn)
    if pts:
        t.check(n and int(n.group(1)) == len(pts), "%s %s: the drawn chart says %s models, the data has %d"
                % (where, kind, n.group(1) if n else "no", len(pts)))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check_chart_data.py DLTIMELINE")
    t = fl.Test("chart data")
    dlt = fl.Dltimeline(sys.argv[1])
    try:
        for where, db in (("built-in", []), ("tricky", ["--db", dlt.tricky])):
            check_years(t, dlt, db, where)
            check_scale(t, dlt, db, where, "params", "parameters")
            check_scale(t, dlt, db, where, "compute", "training_compute")
        for args in (["chart", "--format", "tsv", "--width", "40"], ["chart", "params", "--format", "json",
                                                                    "--height", "10"],
                     ["chart", "bogus", "--format", "json"], ["chart", "--format", "csv"]):
            try:
                dlt.run(args, ok=(2,))
                t.check(True, "")
            except RuntimeError as e:
                t.fail("%s: want exit 2 (%s)" % (" ".join(args), e))
    finally:
        dlt.close()
    t.done()


if __name__ == "__main__":
    main()
