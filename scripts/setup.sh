#!/usr/bin/env bash
# Installs dependencies (pinned by the lockfile, no install scripts) and builds every package: what both the demo
# and the tests need first. Quiet when all is well; the build's own output is shown only when it fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
echo "installing dependencies" >&2
bash scripts/pnpm.sh install --frozen-lockfile --reporter=silent
echo "building packages (about a minute on a fresh clone)" >&2
if ! output=$(bash scripts/pnpm.sh run --silent build --output-logs=errors-only 2>&1); then
  printf '%s\n' "$output" >&2
  exit 1
fi
