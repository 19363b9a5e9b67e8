#!/usr/bin/env bash
# check_graph_render.sh DLTIMELINE -- the graph exports and drawings on the REAL curated data
# (the database built into DLTIMELINE):
#
#   - `export --format dot` (plain, with --edge-labels, and restricted) renders with
#     Graphviz's `dot -Tsvg` into non-empty SVG with a node per milestone;
#   - `export --format mermaid` holds a `timeline` and a `flowchart` diagram in two fenced
#     blocks, with an event and a node per milestone and the same links as the DOT file;
#   - lineage, path and chart fit an 80-column terminal, are whole in a pipe, and under a
#     non-UTF-8 locale are pure ASCII.
#
# Exits 0 when every check passed, 1 when one failed, 77 (skipped) when `dot` is missing.
set -u

if [[ $# -ne 1 ]]; then
	echo "usage: $0 DLTIMELINE" >&2
	exit 2
fi
bin=$1
if ! command -v dot >/dev/null 2>&1; then
	echo "SKIP: Graphviz's dot is not installed (Debian package graphviz)"
	exit 77
fi
unset DLTIMELINE_DB COLUMNS LINES NO_COLOR
export LC_ALL=C.UTF-8
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dlt-graph.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

failed=0 passed=0
fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}
pass() { passed=$((passed + 1)); }

milestones=$("$bin" list --format tsv | wc -l)
if ((milestones < 100)); then
	fail "the built-in timeline has only $milestones milestones"
fi

# ---- DOT through Graphviz --------------------------------------------------------------------
render() { # render NAME ARGS...: export ARGS as DOT, draw it as SVG, check the SVG
	local name=$1
	shift
	if ! "$bin" export --format dot "$@" >"$tmp/$name.dot" 2>"$tmp/$name.err"; then
		fail "export --format dot $* failed: $(cat "$tmp/$name.err")"
		return 1
	fi
	if ! dot -Tsvg "$tmp/$name.dot" -o "$tmp/$name.svg" 2>"$tmp/$name.doterr"; then
		fail "dot -Tsvg rejects export --format dot $*: $(head -5 "$tmp/$name.doterr")"
		return 1
	fi
	if [[ -s $tmp/$name.doterr ]]; then
		fail "dot -Tsvg warns about export --format dot $*: $(head -5 "$tmp/$name.doterr")"
	fi
	if [[ ! -s $tmp/$name.svg ]] || ! grep -q '<svg' "$tmp/$name.svg" || ! tail -n 2 "$tmp/$name.svg" | grep -q '</svg>'; then
		fail "export --format dot $* did not render to SVG"
		return 1
	fi
	pass
}

if render all; then
	nodes=$(grep -c 'class="node"' "$tmp/all.svg")
	# a node per milestone, plus the legend's tags
	if ((nodes < milestones)); then
		fail "the SVG has $nodes nodes for $milestones milestones"
	else
		pass
	fi
	clusters=$(grep -c '^	subgraph "cluster_' "$tmp/all.dot")
	eras=$("$bin" eras --format tsv | wc -l)
	if ((clusters != eras + 1)); then
		fail "the DOT file has $clusters clusters, want one per era ($eras) and the legend"
	else
		pass
	fi
fi
render labels --edge-labels
render root --root transformer --depth 2 --edge-labels
render years --from 2012 --to 2017 --tag cnn

# ---- mermaid --------------------------------------------------------------------------------------
if "$bin" export --format mermaid >"$tmp/m.md" 2>"$tmp/m.err"; then
	grep -qx 'timeline' "$tmp/m.md" && pass || fail "mermaid output has no 'timeline' header"
	grep -qx 'flowchart LR' "$tmp/m.md" && pass || fail "mermaid output has no 'flowchart LR' header"
	fences=$(grep -c '^```' "$tmp/m.md")
	((fences == 4)) && pass || fail "mermaid output has $fences fence lines, want 4"
	events=$(sed -n '/^timeline$/,/^```$/p' "$tmp/m.md" | grep -E '^    [0-9]{4} : ' | grep -o ' : ' | wc -l)
	((events == milestones)) && pass || fail "the mermaid timeline has $events events for $milestones milestones"
	nodes=$(grep -cE '^    m_[a-z0-9_]+\["' "$tmp/m.md")
	((nodes == milestones)) && pass || fail "the mermaid flowchart has $nodes nodes for $milestones milestones"
	links=$(grep -cE '^    m_[a-z0-9_]+ --> m_[a-z0-9_]+$' "$tmp/m.md")
	dot_links=$(grep -c ' -> ' "$tmp/all.dot" 2>/dev/null || echo 0)
	((links == dot_links && links > 100)) && pass ||
		fail "the mermaid flowchart has $links links, the DOT file $dot_links"
	if grep -E '^    [0-9]{4} : ' "$tmp/m.md" | sed 's/^    [0-9]* : //' | grep -q ':[^ ]'; then
		fail "a timeline event contains a ':'"
	else
		pass
	fi
else
	fail "export --format mermaid failed: $(cat "$tmp/m.err")"
fi

# ---- text drawings: 80 columns, ASCII without UTF-8 -----------------------------------------------
commands=(
	"lineage transformer --up --depth 2"
	"lineage resnet --down"
	"path alexnet chatgpt"
	"path chatgpt alexnet --all --max-length 7"
	"chart"
	"chart params"
	"chart compute"
)
source "$(dirname "$0")/../lib/on_tty.sh"
widest() {
	python3 -c 'import sys
print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$1"
}
for cmd in "${commands[@]}"; do
	# shellcheck disable=SC2086
	if ! "$bin" $cmd >"$tmp/out" 2>"$tmp/err"; then
		fail "dltimeline $cmd failed: $(cat "$tmp/err")"
		continue
	fi
	# shellcheck disable=SC2086
	on_tty 80 "$bin" $cmd >"$tmp/tty" 2>&1
	wide=$(widest "$tmp/tty")
	((wide <= 80)) && pass || fail "dltimeline $cmd is $wide columns wide on an 80-column terminal"
	if [[ $cmd == lineage* ]]; then   # in a pipe every note is whole
		grep -q '[^ ]…$' "$tmp/out" && fail "dltimeline $cmd cut a line in a pipe" || pass
	fi
	# shellcheck disable=SC2086
	LC_ALL=C "$bin" $cmd >"$tmp/ascii" 2>&1
	if LC_ALL=C grep -q $'[\x80-\xff]' "$tmp/ascii"; then
		fail "dltimeline $cmd under LC_ALL=C is not ASCII: $(LC_ALL=C grep -m1 $'[\x80-\xff]' "$tmp/ascii")"
	else
		pass
	fi
	if (($(wc -l <"$tmp/ascii") != $(wc -l <"$tmp/out"))); then
		fail "dltimeline $cmd has another number of lines under LC_ALL=C"
	else
		pass
	fi
done
LC_ALL=C "$bin" lineage transformer --up --depth 1 >"$tmp/ascii"
grep -q '^|-- ' "$tmp/ascii" && grep -q '^`-- ' "$tmp/ascii" && pass ||
	fail "lineage under LC_ALL=C does not draw the tree with |-- and \`--"
"$bin" path alexnet chatgpt >"$tmp/out"
head -n 1 "$tmp/out" | grep -qx 'AlexNet (2012)' && grep -q '^  led to ChatGPT (2022): ' "$tmp/out" && pass ||
	fail "path alexnet chatgpt does not lead from AlexNet to ChatGPT: $(cat "$tmp/out")"

echo "graph exports and drawings: $passed passed, $failed failed"
((failed == 0))
