#!/usr/bin/env bash
# The demo, end to end on this machine: set up, migrate, import real prices, start an aggregator and two workers,
# run a 2,080-run sweep (computed, not served from the result cache) with a progress bar, print the top 10 by Sharpe, and stop what it started.
# Needs Redis and Postgres on localhost (or REDIS_URL / DATABASE_URL); safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/fleet}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export FLEET_QUEUE_PREFIX="${FLEET_QUEUE_PREFIX:-fleet}"
export WORKER_CONCURRENCY="${WORKER_CONCURRENCY:-1}"
fleet() { node --max-old-space-size=128 apps/producer/dist/main.js "$@"; }

started=$(date +%s%N)
fleet db migrate
fleet data import data/samples/orcl-1995-2014.csv data/samples/nvda-1999-2014.csv data/samples/yhoo-1996-2014.csv \
  data/samples/goog-2004-2013.csv

logs=.fleet/logs
mkdir -p "$logs"
pids=()
stop_all() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait "${pids[@]}" 2>/dev/null || true; }
trap stop_all EXIT
node apps/aggregator/dist/main.js >"$logs/aggregator.log" 2>&1 & pids+=($!)
node apps/worker/dist/main.js >"$logs/worker-1.log" 2>&1 & pids+=($!)
node apps/worker/dist/main.js >"$logs/worker-2.log" 2>&1 & pids+=($!)
echo "started aggregator and 2 workers (logs in $logs/)"

result=$(fleet sweep submit examples/demo-sweep.yaml --wait --no-cache --json | tail -n 1)
sweep_id=$(node -p "JSON.parse(process.argv[1]).sweepId" "$result")
node -e '
  const r = JSON.parse(process.argv[1]);
  console.log(`\nsweep ${r.sweepId}: ${r.status}, ${r.succeeded} succeeded, ${r.failed} failed of ${r.total} runs in ${(r.elapsedMs / 1000).toFixed(1)} s (${r.runsPerSecond} runs/s with 2 workers)`);
' "$result"
echo
echo "top 10 runs by Sharpe ratio:"
fleet sweep results "$sweep_id" --top 10 --by sharpe
stop_all
trap - EXIT
echo
echo "demo wall time: $(( ($(date +%s%N) - started) / 1000000 )) ms (after setup)"
echo "Bull Board: start it with 'npm run dashboard' and open http://127.0.0.1:3000/queues"
