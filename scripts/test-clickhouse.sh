#!/usr/bin/env bash
# `npm run test:clickhouse`: the ClickHouse Store suites (conformance, faults, injection), the GDELT
# end-to-end test and PARALLAX_STORE through the CLI and the server, against a throwaway 2-shard
# cluster on 127.0.0.1 — two clickhouse-server processes with their own ports and data under a temp
# dir, no systemd — stopped by PID when this script exits, whatever happened.
#
# Needs ClickHouse 18.16 or newer (Debian 12 ships 18.16.1, installed here when missing).
# Env: CLICKHOUSE_START_TIMEOUT_S (default 60), CLICKHOUSE_SERVER_BIN (default /usr/sbin/clickhouse-server).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CLICKHOUSE_SERVER_BIN:-/usr/sbin/clickhouse-server}
MIN_MAJOR=18
MIN_MINOR=16

if [ ! -x "$BIN" ]; then
  echo "▶ installing Debian's clickhouse-server and clickhouse-client"
  export DEBIAN_FRONTEND=noninteractive
  # The package's own service start is refused by policy-rc.d on CI machines; we never use it.
  if ! timeout 600 apt-get install -y -q clickhouse-server clickhouse-client >/dev/null; then
    timeout 300 apt-get update -qq
    timeout 600 apt-get install -y -q clickhouse-server clickhouse-client >/dev/null
  fi
fi
# 18.16's server binary has no --version; ask the package, else the client, else the binary.
version=$({ dpkg-query -W -f '${Version}' clickhouse-server 2>/dev/null || clickhouse-client --version 2>/dev/null ||
  "$BIN" --version 2>/dev/null; } | grep -oE '[0-9]+\.[0-9]+(\.[0-9]+)?' | head -1 || true)
major=${version%%.*}
rest=${version#*.}
minor=${rest%%.*}
if [ -z "$version" ] || [ "$major" -lt $MIN_MAJOR ] || { [ "$major" -eq $MIN_MAJOR ] && [ "$minor" -lt $MIN_MINOR ]; }; then
  echo "✖ $BIN is ClickHouse ${version:-of unknown version}; Parallax needs $MIN_MAJOR.$MIN_MINOR or newer" >&2
  exit 1
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/parallax-clickhouse-XXXXXX")
stop_servers() {
  local status=$?
  # Every server the launcher started wrote its PID file before it was awaited, so none is missed.
  local pids=()
  for f in "$dir"/node*/server.pid; do [ -f "$f" ] && pids+=("$(cat "$f")"); done
  if [ ${#pids[@]} -gt 0 ]; then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 1 150); do
      alive=0
      for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
      [ $alive = 0 ] && break
      sleep 0.1
    done
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null && echo "  pid $p killed"; done
    echo "▶ stopped ClickHouse (pids ${pids[*]})"
  fi
  rm -rf "$dir"
  exit $status
}
trap stop_servers EXIT
trap 'exit 130' INT TERM

echo "▶ starting a 2-shard ClickHouse $version cluster under $dir"
eval "$(node --import tsx scripts/clickhouse/local-cluster.ts start "$dir" 2)"
echo "  nodes $CLICKHOUSE_HTTP (pids $CLICKHOUSE_PIDS)"

report="$dir/vitest.json"
set +e
PARALLAX_TEST_CLICKHOUSE="$CLICKHOUSE_URL_2" TZ=UTC npx vitest run packages/store-clickhouse \
  e2e/clickhouse-gdelt-import.test.ts e2e/clickhouse-workspace.test.ts \
  --reporter=default --reporter=json --outputFile.json="$report"
code=$?
set -e
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const failed = r.numFailedTests + r.testResults.filter((s) => s.status === "failed" && !s.assertionResults.length).length;
  console.log(`\n${r.numPassedTests} passed, ${failed} failed, ${r.numPendingTests} skipped`);
  // With a cluster up, nothing may skip: a skip here means a suite did not see it.
  process.exit(failed || r.numPendingTests || !r.numPassedTests ? 1 : 0);
' "$report" || code=1
exit $code
