#!/usr/bin/env bash
# The engines' tests (after the unit project) in two lanes side by side, each one file at a time:
# `integration` (the API and the pages, on the one shared runtime its global setup starts) and `local`
# (files that start stacks of their own: LAN, crash, faults, the fair's days). A lane waits on its
# engines much of the time (batching windows, polls, Chromium), so two lanes fill this machine's two
# cores where one left them half idle; each lane's waits scale with the machine factor it measures,
# which the other lane raises. Then the simulation alone: it plays two fair days at a set pace against
# `npm start`, and a busy machine turns its pace into hours of fair time. Lines carry their lane's
# name; the exit status is the worst of the three.
set -uo pipefail
cd "$(dirname "$0")/.."

SIMULATION=test/local/simulate.test.ts
status_dir=$(mktemp -d)
trap 'rm -rf "$status_dir"' EXIT

lane() {
  local name=$1
  shift
  { npx vitest run "$@" 2>&1; echo $? > "$status_dir/$name"; } | sed -u "s/^/${name} │ /"
}

# Two lanes share the machine: each test's time budget (vitest.config.ts) doubles.
RAWAQ_TEST_LANES=2 lane local --project local --exclude "$SIMULATION" &
local_lane=$!
RAWAQ_TEST_LANES=2 lane integration --project integration
wait "$local_lane"
lane simulation --project local "$SIMULATION"

worst=0
for name in integration local simulation; do
  code=$(cat "$status_dir/$name" 2> /dev/null || echo 1)
  echo "lane ${name}: exit ${code}"
  if [ "$code" -ne 0 ]; then worst=$code; fi
done
exit "$worst"
