#!/usr/bin/env python3
"""check_mermaid.py DLTIMELINE NPM_DIR -- mermaid outputs parsed and drawn by mermaid itself.

Every ```mermaid block of export --format mermaid (the whole built-in timeline, with and
without --edge-labels, around a root, and the tricky fixture) and of lineage and path
--format mermaid goes through mermaid (npm mermaid, from NPM_DIR) in headless Chromium:
  * mermaid.parse() accepts it, as the diagram type it claims (timeline, flowchart);
  * mermaid.render() draws it, a flowchart with a node for every milestone and an edge for
    every link the block declares, a timeline with every milestone;
  * node labels read exactly as the milestones' names (quotes and colons survive).

Exits 0 when every check passed, 1 when one failed, 77 when Chromium or the npm packages
are missing (DLT_TESTS_REQUIRED: 1).
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chromium  # noqa: E402
import formats_lib as fl  # noqa: E402

CASES = [
    ("all", ["export"]),
    ("labels", ["export", "--edge-labels"]),
    ("root", ["export", "--root", "transformer", "--depth", "2", "--edge-labels"]),
    ("tricky", ["--db", "@TRICKY", "export", "--edge-labels"]),
    ("lineage", ["lineage", "transformer"]),
    ("lineage-up", ["lineage", "resnet", "--up", "--depth", "3"]),
    ("path", ["path", "alexnet", "chatgpt", "--all", "--max-length", "7"]),
    ("tricky-path", ["--db", "@TRICKY", "path", "journal-one", "workshop-three"]),
]

SCRIPT = """
var blocks = JSON.parse(document.getElementById("data").textContent);
mermaid.initialize({startOnLoad: false, securityLevel: "strict", maxTextSize: 10000000, maxEdges: 100000,
                    flowchart: {htmlLabels: false}});
(async function () {
  var out = [];
  for (var i = 0; i < blocks.length; i++) {
    var r = {};
    try {
      var parsed = await mermaid.parse(blocks[i]);
      r.type = parsed && parsed.diagramType;
      var drawn = await mermaid.render("d" + i, blocks[i]);
      var svg = new DOMParser().parseFromString(drawn.svg, "image/svg+xml");
      r.nodes = svg.querySelectorAll("g.node").length;
      r.edges = svg.querySelectorAll("path.flowchart-link").length;
      r.labels = Array.from(svg.querySelectorAll("g.node")).map(function (n) {
        return n.textContent.replace(/\\s+/g, " ").trim(); });
      r.events = svg.querySelectorAll(".eventWrapper").length;
    } catch (e) {
      r.error = String(e && e.message || e).split("\\n").slice(0, 3).join(" ");
    }
    out.push(r);
  }
  result(out);
})();
"""


def blocks_of(text):
    return re.findall(r"^```mermaid\n(.*?)^```$", text, re.M | re.S)


def expected(block):
    """(type, nodes, edges, events, labels) that a block declares."""
    if block.startswith("timeline"):
        events = sum(line.count(" : ") for line in block.splitlines() if re.match(r"^    [0-9]{4} : ", line))
        return "timeline", 0, 0, events, []
    labels = re.findall(r'^    m_[a-z0-9_]+\["(.*)"\]$', block, re.M)
    edges = len(re.findall(r"^    m_[a-z0-9_]+ -->", block, re.M))
    return "flowchart-v2", len(labels), edges, 0, [label.replace("#quot;", '"').replace("#lt;", "<").replace("#gt;", ">")
                                                    for label in labels]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: check_mermaid.py DLTIMELINE NPM_DIR")
    browser = fl.need("chromium", "chromium", "parsing mermaid with mermaid")
    modules = fl.need_npm_packages(sys.argv[2])
    head = '<script src="%s"></script>' % chromium.file_url(os.path.join(modules, "mermaid", "dist", "mermaid.min.js"))
    t = fl.Test("mermaid")
    dlt = fl.Dltimeline(sys.argv[1])
    summary = []
    try:
        for name, args in CASES:
            args = fl.args_of(dlt, args)
            blocks = blocks_of(dlt.run(args + ["--format", "mermaid"]))
            want_blocks = 2 if "export" in args else 1
            t.check(len(blocks) == want_blocks, "%s: %d mermaid blocks, want %d" % (name, len(blocks), want_blocks))
            path = os.path.join(dlt.tmp, name + ".html")
            with open(path, "w", encoding="utf-8") as f:
                f.write(chromium.page(head, SCRIPT, blocks))
            try:
                got = chromium.run(browser, path, budget_ms=120000, timeout=600)
            except Exception as e:   # noqa: BLE001 -- any failure of the browser is the test's
                t.fail("%s: %s" % (name, e))
                continue
            if isinstance(got, dict):
                t.fail("%s: the page says %s" % (name, got.get("error")))
                continue
            for k, (block, r) in enumerate(zip(blocks, got)):
                where = "%s block %d" % (name, k + 1)
                if not t.check("error" not in r, "%s: mermaid rejects it: %s" % (where, r.get("error"))):
                    continue
                kind, nodes, edges, events, labels = expected(block)
                t.check(r["type"] == kind, "%s: parsed as %s, want %s" % (where, r["type"], kind))
                if kind == "timeline":
                    t.check(r["events"] == events, "%s: %d events drawn of %d" % (where, r["events"], events))
                    summary.append("%s timeline %d events" % (name, r["events"]))
                else:
                    t.check(r["nodes"] == nodes, "%s: %d nodes drawn of %d" % (where, r["nodes"], nodes))
                    t.check(r["edges"] == edges, "%s: %d edges drawn of %d" % (where, r["edges"], edges))
                    t.check(sorted(r["labels"]) == sorted(labels), "%s: node labels differ: %r"
                            % (where, sorted(set(r["labels"]) ^ set(labels))[:6]))
                    summary.append("%s flowchart %d nodes %d edges" % (name, r["nodes"], r["edges"]))
    finally:
        dlt.close()
    print("mermaid: " + ", ".join(summary))
    t.done()


if __name__ == "__main__":
    main()
