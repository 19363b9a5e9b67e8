#!/usr/bin/env bash
# readme_commands.sh N [README] -- print the Nth ```sh block of README.md (the first two are
# the commands a new user types: install and open; install everything and test).
set -eu
n=$1
readme=${2:-$(dirname "$0")/../../README.md}
awk -v n="$n" '/^```sh$/ { k++; inblock = (k == n); next } /^```/ { inblock = 0 } inblock' "$readme"
