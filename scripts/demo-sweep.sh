#!/usr/bin/env bash
# The demo's steps, on the Redis and Postgres that scripts/demo.sh provides: migrate, import real prices, start an
# aggregator and two workers, run a 2,080-run sweep (computed, not served from the result cache) with a progress bar,
# print the top 10 by Sharpe, and stop what it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
: "${REDIS_URL:?run the demo with npm run demo}" "${DATABASE_URL:?run the demo with npm run demo}"
export FLEET_QUEUE_PREFIX="${FLEET_QUEUE_PREFIX:-fleet}"
export WORKER_CONCURRENCY="${WORKER_CONCURRENCY:-1}"
fleet() { node --max-old-space-size=128 apps/producer/dist/main.js "$@"; }
# Milliseconds since the epoch; `date +%s%N` is not portable (macOS prints a literal N).
now_ms() { node -p 'Date.now()'; }

started=$(now_ms)
fleet db migrate
fleet data import data/samples/orcl-1995-2014.csv data/samples/nvda-1999-2014.csv data/samples/yhoo-1996-2014.csv \
  data/samples/goog-2004-2013.csv

logs=.fleet/logs
mkdir -p "$logs"
pids=()
stop_all() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait "${pids[@]}" 2>/dev/null || true; }
trap stop_all EXIT
node apps/aggregator/dist/main.js >"$logs/aggregator.log" 2>&1 & pids+=($!)

# Queue the sweep first and start the workers with `sweep watch`, so the progress bar follows it from the first run.
# The bar needs the terminal as stdout, which `submit --wait --json` under $(...) would not have.
submitted=$(fleet sweep submit examples/demo-sweep.yaml --no-cache --json | tail -n 1)
sweep_id=$(node -p "JSON.parse(process.argv[1]).sweepId" "$submitted")
node apps/worker/dist/main.js >"$logs/worker-1.log" 2>&1 & pids+=($!)
node apps/worker/dist/main.js >"$logs/worker-2.log" 2>&1 & pids+=($!)
echo "sweep $sweep_id queued; started an aggregator and 2 workers (logs in $logs/)"
fleet sweep watch "$sweep_id"
node -e '
  const s = JSON.parse(process.argv[1]);
  const ms = Date.parse(s.finishedAt) - Date.parse(s.createdAt);
  console.log(`${s.total} runs in ${(ms / 1000).toFixed(1)} s from submit to the last result, including worker start-up (${Math.round((s.total / ms) * 1000)} runs/s with 2 workers)`);
' "$(fleet sweep status "$sweep_id" --json | tail -n 1)"
echo
echo "top 10 runs by Sharpe ratio:"
fleet sweep results "$sweep_id" --top 10 --by sharpe
stop_all
trap - EXIT
echo
echo "demo wall time: $(( $(now_ms) - started )) ms (after setup)"
echo "Bull Board: start it with 'npm run dashboard' and open http://127.0.0.1:3000/queues"
