#!/usr/bin/env bash
# Runs the whole test suite (compiled by scripts/ensure-deps.sh) with Node's test runner.
# Test files run one at a time: each starts real MariaDB servers, and these machines have 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find dist/test -name '*.test.js' | sort)
if [ "${#files[@]}" -eq 0 ]; then echo "no test files found" >&2; exit 1; fi
exec node --enable-source-maps --test --test-concurrency=1 --test-reporter=spec "$@" "${files[@]}"
