"""chromium.py -- run a page in headless Chromium and read back what its script reported.

The page's script writes its result as JSON text into <pre id="result">; run() loads the
page from a file with `chromium --headless --dump-dom` (scripts from file:// URLs allowed,
a private profile, timers fast-forwarded) and returns that JSON, or raises with what went
wrong.
"""
import html
import json
import os
import re
import subprocess
import tempfile


def page(head, body_script, data=None):
    """A page: `head` (script and style tags), the data as JSON in a script element that
    the page's script reads with JSON.parse(document.getElementById("data").textContent),
    and the script itself, which must set result(value) when done."""
    data_json = json.dumps(data, ensure_ascii=False).replace("</", "<\\/") if data is not None else "null"
    return """<!DOCTYPE html>
<html><head><meta charset="utf-8">%s</head>
<body><div id="root" style="width:1200px;height:800px"></div>
<pre id="result">pending</pre>
<script id="data" type="application/json">%s</script>
<script>
function result(value) { document.getElementById("result").textContent = JSON.stringify(value); }
window.onerror = function (message) { result({error: String(message)}); };
%s
</script></body></html>
""" % (head, data_json, body_script)


def file_url(path):
    return "file://" + os.path.abspath(path)


def run(chromium, html_path, budget_ms=60000, timeout=300):
    """Load html_path and return the JSON its script reported."""
    with tempfile.TemporaryDirectory(prefix="dlt-chromium-") as profile:
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--no-first-run", "--user-data-dir=" + profile, "--allow-file-access-from-files",
               "--virtual-time-budget=%d" % budget_ms, "--dump-dom", file_url(html_path)]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    dom = p.stdout.decode("utf-8", "replace")
    m = re.search(r'<pre id="result">(.*?)</pre>', dom, re.S)
    if not m:
        raise RuntimeError("chromium exited %d without the page (stderr: %s)"
                           % (p.returncode, p.stderr.decode("utf-8", "replace")[-500:]))
    text = html.unescape(m.group(1))
    if text == "pending":
        raise RuntimeError("the page's script did not finish")
    return json.loads(text)
