#!/usr/bin/env bash
# Installs dependencies (pinned by the lockfile, no install scripts) and builds every package: what both the demo
# and the tests need first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
bash scripts/pnpm.sh install --frozen-lockfile --reporter=silent
bash scripts/pnpm.sh run --silent build --output-logs=errors-only
