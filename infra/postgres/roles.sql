-- Least-privilege login roles for the Fleet apps, one per app, each allowed only the statements that app runs.
-- Passwords are environment-specific, so they are psql variables here and never part of a migration.
--
-- Run as the database owner after `fleet db migrate`, and again after any migration that adds a table:
--   psql "postgres://postgres:…@host:5432/fleet" -v ON_ERROR_STOP=1 \
--     -v worker_password=… -v aggregator_password=… -v dashboard_password=… -f infra/postgres/roles.sql
-- Role names default to fleet_worker, fleet_aggregator and fleet_dashboard (override with -v worker_role=… etc.).
-- Re-running is safe: roles are created once, passwords reset, and grants rebuilt from nothing.
-- The CLI (migrate, data import, submit, cancel, retry-failed) runs as the owner, an operator's role.
-- With -v producer_password=… a producer role (default fleet_producer) is made too: the one besides the owner that may
-- store strategy bundles, i.e. ship code that every worker runs. Hand it only to whoever may run code on the fleet.

\if :{?worker_role}
\else
  \set worker_role fleet_worker
\endif
\if :{?aggregator_role}
\else
  \set aggregator_role fleet_aggregator
\endif
\if :{?dashboard_role}
\else
  \set dashboard_role fleet_dashboard
\endif
\if :{?producer_role}
\else
  \set producer_role fleet_producer
\endif

SELECT format('CREATE ROLE %I', r) FROM unnest(ARRAY[:'worker_role', :'aggregator_role', :'dashboard_role']) AS r
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) \gexec

ALTER ROLE :"worker_role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'worker_password';
ALTER ROLE :"aggregator_role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'aggregator_password';
ALTER ROLE :"dashboard_role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'dashboard_password';

SELECT format('GRANT CONNECT ON DATABASE %I TO %I, %I, %I', current_database(), :'worker_role', :'aggregator_role',
  :'dashboard_role') \gexec
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"worker_role", :"aggregator_role", :"dashboard_role";
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM :"worker_role", :"aggregator_role", :"dashboard_role";
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM :"worker_role", :"aggregator_role", :"dashboard_role";

-- Worker: reads bars to run backtests and a sweep's status to skip cancelled sweeps. Results go through Redis;
-- of runs it reads only what the result cache reuses (looked up by cache key), never parameters or errors.
GRANT SELECT ON bars, sweeps TO :"worker_role";
-- Strategy bundles are read by hash to run a sweep's strategy file; a worker never writes code.
SELECT format('GRANT SELECT ON strategy_bundles TO %I, %I', :'worker_role', :'dashboard_role')
WHERE to_regclass('strategy_bundles') IS NOT NULL \gexec
GRANT SELECT (cache_key, status, data_version, final_equity, closed_trades, winning_trades, total_return, cagr,
  volatility, sharpe, sortino, max_drawdown, max_drawdown_duration, calmar, win_rate, profit_factor, average_trade,
  exposure, symbol_summary) ON runs TO :"worker_role";
-- bar_series (the data version of each series) is read with the bars wherever its migration has run.
SELECT format('GRANT SELECT ON bar_series TO %I, %I', :'worker_role', :'dashboard_role')
WHERE to_regclass('bar_series') IS NOT NULL \gexec

-- Aggregator: COPYs each batch into a temporary staging table (TEMPORARY, granted explicitly in case PUBLIC lost it),
-- inserts runs from it (ON CONFLICT … RETURNING) and reads them back to reconcile; a result may replace a failed
-- row of the same run (ON CONFLICT DO UPDATE), so it updates a run's outcome columns, never its key; locks and
-- advances a sweep's counters and status, and bumps its requeue generation. It never deletes, and never rewrites a spec.
SELECT format('GRANT TEMPORARY ON DATABASE %I TO %I', current_database(), :'aggregator_role') \gexec
GRANT SELECT, INSERT ON runs TO :"aggregator_role";
GRANT UPDATE (strategy, symbol, params, status, duration_ms, data_version, cache_key, cached, engine_version,
  code_version, error_name, error_code, error_message, final_equity, closed_trades, winning_trades, total_return, cagr,
  volatility, sharpe, sortino, max_drawdown, max_drawdown_duration, calmar, win_rate, profit_factor, average_trade,
  exposure, settings, universe, symbol_summary) ON runs TO :"aggregator_role";
SELECT format('GRANT UPDATE (strategy_bundle) ON runs TO %I', :'aggregator_role')
WHERE EXISTS (SELECT FROM information_schema.columns WHERE table_name = 'runs' AND column_name = 'strategy_bundle') \gexec
-- Each run's return statistics (per-bar Sharpe, excess over buy-and-hold, moments, CSCV block statistics): the
-- aggregator stores them, and a worker reuses them with a cached result.
SELECT format('GRANT SELECT (excess_return, bar_sharpe, return_moments, block_stats) ON runs TO %I', :'worker_role')
WHERE EXISTS (SELECT FROM information_schema.columns WHERE table_name = 'runs' AND column_name = 'block_stats') \gexec
SELECT format('GRANT UPDATE (excess_return, bar_sharpe, return_moments, block_stats) ON runs TO %I', :'aggregator_role')
WHERE EXISTS (SELECT FROM information_schema.columns WHERE table_name = 'runs' AND column_name = 'block_stats') \gexec
-- A walk-forward sweep's fold selections: the aggregator counts landed in-sample rows, records the choice in the
-- commit of a group's last one, and records the out-of-sample job as enqueued; slots are planned by the CLI.
SELECT format('GRANT SELECT ON fold_selections TO %I, %I', :'aggregator_role', :'dashboard_role')
WHERE to_regclass('fold_selections') IS NOT NULL \gexec
SELECT format('GRANT UPDATE (landed, chosen_run, params, settings, in_sample_value, selected_at, enqueued_at) ON fold_selections TO %I', :'aggregator_role')
WHERE to_regclass('fold_selections') IS NOT NULL \gexec
SELECT format('GRANT UPDATE (fold, "window") ON runs TO %I', :'aggregator_role')
WHERE to_regclass('fold_selections') IS NOT NULL \gexec
GRANT SELECT ON sweeps TO :"aggregator_role";
GRANT UPDATE (succeeded, failed, cached, status, started_at, finished_at, last_progress_at, requeue_generation)
  ON sweeps TO :"aggregator_role";

-- Dashboard: read-only pages, and bars to replay a run's equity curve.
GRANT SELECT ON sweeps, runs, bars TO :"dashboard_role";

-- Producer (only with -v producer_password=…): stores strategy bundles, never changes or deletes one, since a hash
-- must always name the same bytes.
\if :{?producer_password}
SELECT format('CREATE ROLE %I', :'producer_role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'producer_role')
\gexec
ALTER ROLE :"producer_role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'producer_password';
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), :'producer_role') \gexec
GRANT USAGE ON SCHEMA public TO :"producer_role";
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM :"producer_role";
GRANT SELECT, INSERT ON strategy_bundles TO :"producer_role";
\endif
