#!/usr/bin/env bash
# Build and run the whole test suite twice: a normal build with warnings as errors, then an
# AddressSanitizer + UndefinedBehaviorSanitizer build; then build the libFuzzer harnesses with
# clang and run each one briefly (DLT_FUZZ_SECONDS, default 20; tests/fuzz/run.sh SECONDS runs
# them for longer). Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

echo "== build (RelWithDebInfo)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
echo "== tests"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== build (ASan + UBSan)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DDLT_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
echo "== tests under ASan + UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs"

echo "== build (libFuzzer harnesses, clang, ASan + UBSan)"
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDLT_FUZZ=ON \
    -DDLT_FUZZ_SECONDS="${DLT_FUZZ_SECONDS:-20}" >/dev/null
cmake --build build-fuzz -j"$jobs" --target fuzz_all
echo "== short fuzzing: each harness ${DLT_FUZZ_SECONDS:-20} s from the seed corpus"
ctest --test-dir build-fuzz -L fuzz --output-on-failure -j"$jobs"
