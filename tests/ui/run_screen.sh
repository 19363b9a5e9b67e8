#!/usr/bin/env bash
# Golden-screen test: run the browser headless on a key script and compare the screens it
# dumps with the expected text.
#   run_screen.sh BINARY DATABASE KEYS EXPECTED WIDTHxHEIGHT
# With UPDATE_GOLDEN=1 the expected file is (re)written instead -- read it before committing.
set -u
bin=$1 db=$2 keys=$3 expected=$4 size=$5
out=$(mktemp)
state=$(mktemp -d)   # bookmarks start empty on every run and never touch the user's own
trap 'rm -rf "$out" "$state"' EXIT
env -i PATH="$PATH" LC_ALL=C.UTF-8 TERM=xterm-256color HOME=/nonexistent \
    XDG_CONFIG_HOME=/nonexistent XDG_STATE_HOME="$state" ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} \
    ${UBSAN_OPTIONS:+UBSAN_OPTIONS=$UBSAN_OPTIONS} \
    "$bin" --db "$db" --script "$keys" --size "$size" --dump "$out"
rc=$?
if [ $rc -ne 0 ]; then
    echo "FAIL: exit status $rc for $keys at $size"
    exit 1
fi
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$out" "$expected"
    echo "updated $expected"
    exit 0
fi
if ! diff -u "$expected" "$out"; then
    echo "FAIL: screen differs from $expected"
    exit 1
fi
