#!/usr/bin/env python3
"""check_timelinejs.py DLTIMELINE NPM_DIR -- TimelineJS exports published with TimelineJS.

Each --format timelinejs output (the whole built-in timeline, a part of it, a lineage, a
path, the bookmarks, and the tricky fixture) is loaded by TimelineJS 3 (npm
@knight-lab/timelinejs, from NPM_DIR) in headless Chromium, as a teacher's page would load
it. Then:
  * every milestone the command names (its --format json) became a slide with its id, and
    there is one slide more, the title slide;
  * each slide's headline reads exactly the milestone's name, and its text holds the summary
    and the venue as written: data is HTML-escaped, never taken for markup;
  * the eras of the export are drawn.

Exits 0 when every check passed, 1 when one failed, 77 when Chromium or the npm packages
are missing (DLT_TESTS_REQUIRED: 1).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chromium  # noqa: E402
import formats_lib as fl  # noqa: E402

SCRIPT = """
var data = JSON.parse(document.getElementById("data").textContent);
var timer = setTimeout(function () { result({error: "TimelineJS never became ready"}); }, 50000);
var tl = new TL.Timeline("root", data, {});
tl.on("ready", function () {
  clearTimeout(timer);
  var slides = [];
  document.querySelectorAll(".tl-slide").forEach(function (s) {
    var h = s.querySelector(".tl-headline"), t = s.querySelector(".tl-text-content");
    slides.push({id: s.id, headline: h ? h.textContent : null, text: t ? t.textContent : ""});
  });
  result({slides: slides, eras: document.querySelectorAll(".tl-timeera").length});
});
"""

CASES = ["all", "part", "root", "lineage", "path", "bookmarks", "tricky", "tricky-lineage"]


def name_of(m):
    return m.get("short") or m["title"]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: check_timelinejs.py DLTIMELINE NPM_DIR")
    browser = fl.need("chromium", "chromium", "loading timelines with TimelineJS")
    modules = fl.need_npm_packages(sys.argv[2])
    dist = os.path.join(modules, "@knight-lab", "timelinejs", "dist")
    head = ('<link rel="stylesheet" href="%s"><script src="%s"></script>'
            % (chromium.file_url(os.path.join(dist, "css", "timeline.css")),
               chromium.file_url(os.path.join(dist, "js", "timeline.js"))))
    t = fl.Test("timelinejs")
    dlt = fl.Dltimeline(sys.argv[1])
    summary = []
    try:
        for name, args in fl.CASES:
            if name not in CASES:
                continue
            args = fl.args_of(dlt, args)
            want = fl.expected(dlt, args)
            data = json.loads(dlt.run(args + ["--format", "timelinejs"]))
            events = data.get("events", [])
            t.check(sorted(e["unique_id"] for e in events) == sorted(m["id"] for m in want),
                    "%s: the events are not the %d milestones the command names" % (name, len(want)))
            path = os.path.join(dlt.tmp, name + ".html")
            with open(path, "w", encoding="utf-8") as f:
                f.write(chromium.page(head, SCRIPT, data))
            try:
                got = chromium.run(browser, path)
            except Exception as e:   # noqa: BLE001 -- any failure of the browser is the test's
                t.fail("%s: %s" % (name, e))
                continue
            if not t.check("error" not in got, "%s: the page says %s" % (name, got.get("error"))):
                continue
            slides = {s["id"]: s for s in got["slides"]}
            t.check(len(got["slides"]) == len(want) + 1,
                    "%s: %d slides for %d milestones and the title" % (name, len(got["slides"]), len(want)))
            for m in want:
                s = slides.get(m["id"])
                if not t.check(s is not None, "%s: no slide for %s" % (name, m["id"])):
                    continue
                t.check(s["headline"] == name_of(m), "%s %s: headline %r, want %r"
                        % (name, m["id"], s["headline"], name_of(m)))
                for part in (m.get("summary"), m.get("venue")):
                    t.check(not part or part in s["text"], "%s %s: the slide's text lacks %r: %r"
                            % (name, m["id"], part, s["text"][:300]))
            t.check(got["eras"] == len(data.get("eras", [])), "%s: %d eras drawn of %d"
                    % (name, got["eras"], len(data.get("eras", []))))
            summary.append("%s %d slides for %d events" % (name, len(got["slides"]), len(events)))
    finally:
        dlt.close()
    print("TimelineJS: " + ", ".join(summary))
    t.done()


if __name__ == "__main__":
    main()
