#!/usr/bin/env bash
# Runs the test suites (compiled by scripts/ensure-deps.sh) with Node's test runner: the unit
# tests (test/unit: no MariaDB, seconds) first, then the end-to-end suites.
#   scripts/test.sh          both
#   scripts/test.sh unit     the unit tests only
# End-to-end files run one at a time: each starts real MariaDB servers, and these machines have 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=all
if [ "${1:-}" = unit ]; then mode=unit; shift; fi
mapfile -t unit < <(find dist/test/unit -name '*.test.js' | sort)
if [ "${#unit[@]}" -eq 0 ]; then echo "no unit test files found" >&2; exit 1; fi
node --enable-source-maps --test --test-reporter=spec "$@" "${unit[@]}"
[ "$mode" = unit ] && exit 0
mapfile -t files < <(find dist/test -name '*.test.js' -not -path 'dist/test/unit/*' | sort)
if [ "${#files[@]}" -eq 0 ]; then echo "no test files found" >&2; exit 1; fi
exec node --enable-source-maps --test --test-concurrency=1 --test-reporter=spec "$@" "${files[@]}"
