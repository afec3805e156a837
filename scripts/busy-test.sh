#!/usr/bin/env bash
# `npm run test:busy [-- vitest arguments]`: the engines' projects (integration and local: the real
# engines, the pages in Chromium; `--project integration` for the API and the pages only, as CI runs
# it), one file at a time, once more while a busy loop holds every core, as a shared CI runner or
# a laptop in a video call would. The suite must pass there too: its waits scale by the machine factor
# it measures, its absences are proved by markers.
set -euo pipefail
cd "$(dirname "$0")/.."
hogs=()
for _ in $(seq "$(nproc)"); do
  node -e 'for (;;) {}' &
  hogs+=("$!")
done
trap 'kill "${hogs[@]}" 2> /dev/null || true' EXIT
echo "busy: ${#hogs[@]} busy loops, one a core"
# The loops take half the machine, as the other lane does in `npm test`, so they count as one: on this
# kind of VM a loop a core does not slow the machine factor's single-threaded probe (1.00 with both
# loops running), while 300 door scans sharing one sandbox's thread outlived the template's 10 s.
export RAWAQ_TEST_LANES=2
projects=(--project integration --project local)
for argument in "$@"; do
  if [[ "$argument" == --project* ]]; then projects=(); fi
done
npx vitest run "${projects[@]}" "$@"
