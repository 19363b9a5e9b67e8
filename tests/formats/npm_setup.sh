#!/usr/bin/env bash
# npm_setup.sh DIR [--optional] -- install the npm packages that the format tests run
# (package.json here: citation-js with its BibTeX and CSL plugins, TimelineJS, mermaid) into
# DIR, a folder of the build directory -- never globally. Nothing is done when DIR already
# holds exactly these versions. Needs npm and the npm registry.
#
# Exits 0 when the packages are there, 1 when installing failed, and when npm is not
# installed 77 (skipped) -- or 0 with --optional (ctest's setup test: the tests that need the
# packages then report skipped themselves) -- unless DLT_TESTS_REQUIRED is set (1).
set -u
dir=${1:?usage: npm_setup.sh DIR [--optional]}
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v npm >/dev/null 2>&1; then
	if [[ -n ${DLT_TESTS_REQUIRED:-} ]]; then
		echo "FAIL: npm is not installed (Debian packages nodejs and npm)"
		exit 1
	fi
	echo "SKIP: npm is not installed (Debian packages nodejs and npm): nothing installed"
	[[ ${2:-} == --optional ]] && exit 0
	exit 77
fi
mkdir -p "$dir" || exit 1
stamp=$dir/node_modules/.dltimeline-installed
if [[ -f $stamp ]] && cmp -s "$here/package.json" "$stamp"; then
	echo "npm packages already installed in $dir"
	exit 0
fi
cp "$here/package.json" "$dir/package.json" || exit 1
# Quiet unless it fails; no audit, funding or update notices (they need the network for
# nothing); no lock file, so the versions are those of package.json.
if ! npm install --prefix "$dir" --no-audit --no-fund --no-update-notifier --no-package-lock \
	--loglevel=error >"$dir/npm-install.log" 2>&1; then
	echo "FAIL: npm install into $dir failed (it needs the npm registry; offline, copy a"
	echo "node_modules folder holding the packages of $here/package.json into $dir):"
	tail -20 "$dir/npm-install.log"
	exit 1
fi
for p in @citation-js/core @citation-js/plugin-bibtex @citation-js/plugin-csl @knight-lab/timelinejs mermaid; do
	if [[ ! -f $dir/node_modules/$p/package.json ]]; then
		echo "FAIL: npm install did not install $p"
		exit 1
	fi
done
cp "$here/package.json" "$stamp"
echo "npm packages installed in $dir"
