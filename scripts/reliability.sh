#!/usr/bin/env bash
# Runs the long versions of the reliability tests (attacks, bad input, faults, load) and writes
# docs/reliability.md: attempts tried and refused, faults survived, rows checked, load held.
#   bash scripts/reliability.sh            # long versions (OPENRDS_LONG=1): about 15-25 minutes
#   OPENRDS_LONG=0 bash scripts/reliability.sh   # the CI versions, for a quick table
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENRDS_LONG="${OPENRDS_LONG:-1}"
npx tsc -p tsconfig.json
figures="$(mktemp /tmp/openrds-figures.XXXXXX)"
export OPENRDS_FIGURES="$figures"
log="$(mktemp /tmp/openrds-reliability.XXXXXX)"
status=0
declare -A seconds
for name in attacks bad-input faults load; do
  start=$(date +%s)
  ok=true
  if ! node --enable-source-maps --test --test-reporter=spec "dist/test/$name.test.js" >>"$log" 2>&1; then
    status=1
    ok=false
    echo "reliability: $name failed (log: $log)" >&2
  fi
  seconds[$name]=$(( $(date +%s) - start ))
  echo "{\"suite\":\"timing\",\"file\":\"$name\",\"seconds\":${seconds[$name]},\"ok\":$ok}" >>"$figures"
done
node scripts/reliability-report.mjs "$figures" > docs/reliability.md
echo "reliability: wrote docs/reliability.md (figures: $figures, log: $log)"
exit $status
