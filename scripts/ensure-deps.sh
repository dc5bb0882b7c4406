#!/usr/bin/env bash
# Installs what openrds needs on a fresh Debian machine: MariaDB from Debian (when mariadbd is
# missing), the npm packages from the lockfile (when missing or stale), and the compiled output.
# --for-tests adds what only the test suite uses; --build-only installs no Debian package (the
# unit tests need none).
set -euo pipefail
cd "$(dirname "$0")/.."

for_tests=false
build_only=false
[ "${1:-}" = "--for-tests" ] && for_tests=true
[ "${1:-}" = "--build-only" ] && build_only=true

need_apt=()
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need_apt+=(mariadb-server mariadb-client)
command -v mariadb-backup >/dev/null 2>&1 || need_apt+=(mariadb-backup)
command -v ip >/dev/null 2>&1 || need_apt+=(iproute2)
if $for_tests; then
  command -v pt-kill >/dev/null 2>&1 || need_apt+=(percona-toolkit)
  # The console's browser test drives Debian's Chromium (never a downloaded browser).
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)
  command -v sysbench >/dev/null 2>&1 || need_apt+=(sysbench)
  # boto3 from Debian, for Debian's own python3 (a real SDK client in the authentication tests)
  /usr/bin/python3 -c 'import boto3' >/dev/null 2>&1 || need_apt+=(python3-boto3)
fi
if [ "${#need_apt[@]}" -gt 0 ] && ! $build_only; then
  echo "openrds: installing ${need_apt[*]} from Debian" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >&2
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund >&2
fi

if [ ! -f dist/.build-stamp ] || [ -n "$(find src test bench kit sql tsconfig.json -newer dist/.build-stamp -print -quit 2>/dev/null)" ]; then
  npx tsc -p tsconfig.json >&2
  touch dist/.build-stamp
fi

# The web console (console/, Vite + Preact) into dist/console/, served under /console/.
if [ ! -f dist/console/.build-stamp ] || [ -n "$(find console package-lock.json -newer dist/console/.build-stamp -print -quit 2>/dev/null)" ]; then
  npm run --silent build:console >&2
  touch dist/console/.build-stamp
fi
