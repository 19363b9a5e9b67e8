#!/usr/bin/env bash
# Build and run the whole test suite twice: a normal build with warnings as errors, then an
# AddressSanitizer + UndefinedBehaviorSanitizer build; then build the libFuzzer harnesses with
# clang and run each one briefly (DLT_FUZZ_SECONDS, default 20; tests/fuzz/run.sh SECONDS runs
# them for longer). Every tool of the suite must be installed: a missing one is named, with
# its Debian package, before anything is built. Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

# command : Debian package
tools=(
    gcc:gcc cmake:cmake make:make pkg-config:pkg-config git:git
    python3:python3 tmux:tmux valgrind:valgrind dot:graphviz clang:clang
    man:man-db groff:groff-base zsh:zsh ps:procps infocmp:ncurses-bin
    biber:biber bibtex:texlive-binaries node:nodejs npm:npm chromium:chromium
)
missing=()
for t in "${tools[@]}"; do
    command -v "${t%%:*}" >/dev/null 2>&1 || missing+=("${t#*:}")
done
for lib in cmocka:libcmocka-dev ncursesw:libncurses-dev sqlite3:libsqlite3-dev yaml-0.1:libyaml-dev; do
    pkg-config --exists "${lib%%:*}" 2>/dev/null || missing+=("${lib#*:}")
done
[ -f /usr/share/bash-completion/bash_completion ] || missing+=(bash-completion)
[ -e /usr/share/terminfo/t/tmux-256color ] || [ -e /lib/terminfo/t/tmux-256color ] || missing+=(ncurses-term)
ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 ||
    missing+=(libclang-rt-14-dev)
if [ ${#missing[@]} -gt 0 ]; then
    echo "tests/run-all.sh: missing test tools; install them with:" >&2
    echo "    apt-get install -y ${missing[*]}" >&2
    exit 2
fi

echo "== build (RelWithDebInfo)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDLT_TESTS_REQUIRED=ON >/dev/null
cmake --build build -j"$jobs"
echo "== tests"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== build (ASan + UBSan)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DDLT_SANITIZE=ON -DDLT_TESTS_REQUIRED=ON >/dev/null
cmake --build build-asan -j"$jobs"
echo "== tests under ASan + UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs"

echo "== build (libFuzzer harnesses, clang, ASan + UBSan)"
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDLT_FUZZ=ON \
    -DDLT_FUZZ_SECONDS="${DLT_FUZZ_SECONDS:-20}" >/dev/null
# the whole tree, as tests/README.md documents it: clang warns where gcc does not
cmake --build build-fuzz -j"$jobs"
echo "== short fuzzing: each harness ${DLT_FUZZ_SECONDS:-20} s from the seed corpus"
ctest --test-dir build-fuzz -L fuzz --output-on-failure -j"$jobs"
