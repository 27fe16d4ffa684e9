#!/usr/bin/env bash
# The demo, end to end on this machine: set up, then run its steps (scripts/demo-sweep.sh) on a Redis and a Postgres
# that answer: REDIS_URL / DATABASE_URL (default: localhost) when they do; else private servers on free ports under
# .fleet/services when redis-server and PostgreSQL's initdb/pg_ctl are installed; else the two services of
# docker-compose.yml when Docker runs; else it says in one line what to install. What it starts, it stops at the end.
# Safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
exec node packages/local-services/dist/main.js --dir .fleet/services -- bash scripts/demo-sweep.sh
