#!/usr/bin/env bash
# check_first_run.sh SOURCE_DIR -- a new user's first command, as CI sees it: from a clean
# clone of SOURCE_DIR, run the README's first command (install the runtime packages, build,
# open dltimeline) with pkg-config limited to the program's three libraries, so that a test
# dependency that creeps into the build's configuration fails here. Then the built program
# must print its version, list the timeline and draw the browser's first screen.
#
# Run as root on a fresh machine (the command installs packages); elsewhere the packages
# must be there already. Exit 0 when all of it works, 1 otherwise.
set -u
src=$(cd "${1:?usage: check_first_run.sh SOURCE_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/dlt-firstrun-XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

command -v git >/dev/null || fail "git is needed to make a clean copy"
git clone -q "$src" "$work/src" || fail "git clone $src"
cmd=$("$here/readme_commands.sh" 1 "$work/src/README.md")
[[ -n $cmd ]] || fail "README.md has no first command"
echo "README's first command: $cmd"

# The pkg-config files of the three runtime libraries, and nothing else.
mkdir "$work/pc"
for lib in sqlite3 yaml-0.1 ncursesw; do
	dir=$(pkg-config --variable pcfiledir "$lib" 2>/dev/null)
	if [[ -z $dir ]]; then
		# not installed yet: the command installs it; look again afterwards
		continue
	fi
	cp "$dir/$lib.pc" "$work/pc/"
done
if [[ $(ls "$work/pc" | wc -l) -ne 3 ]]; then
	# First install the runtime packages (the command's own apt-get part), then limit.
	(cd "$work/src" && bash -c "${cmd%%&& cmake*}") >"$work/apt.log" 2>&1 ||
		{ tail -5 "$work/apt.log"; fail "installing the runtime packages"; }
	for lib in sqlite3 yaml-0.1 ncursesw; do
		dir=$(pkg-config --variable pcfiledir "$lib") || fail "no $lib.pc after installing"
		cp "$dir/$lib.pc" "$work/pc/"
	done
fi
echo "pkg-config sees only: $(ls "$work/pc" | tr '\n' ' ')"

# The whole command, as typed; stdout is not a terminal, so ./build/dltimeline prints the
# timeline instead of opening the browser (and says so on stderr).
(cd "$work/src" && PKG_CONFIG_LIBDIR="$work/pc" bash -c "$cmd") </dev/null >"$work/out" 2>"$work/err"
status=$?
if [[ $status -ne 0 ]]; then
	tail -20 "$work/err"
	fail "the README's first command exited $status"
fi
grep -q "not a terminal" "$work/err" || fail "the command did not end in dltimeline's fallback listing"
bin=$work/src/build/dltimeline
"$bin" --version | grep -Eq '^dltimeline [0-9]' || fail "dltimeline --version"
n=$("$bin" list | wc -l)
((n >= 200)) || fail "dltimeline list printed $n lines"
printf 'q' >"$work/keys"
"$bin" --no-state --script "$work/keys" --size 80x24 --dump "$work/screen" || fail "headless browser"
grep -q "McCulloch" "$work/screen" || fail "the browser's first screen: $(head -3 "$work/screen")"
echo "first run works: built with the runtime libraries alone; list has $n milestones"
