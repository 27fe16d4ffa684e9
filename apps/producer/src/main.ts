#!/usr/bin/env node
import { loadStrategyModules } from '@fleet/engine/plugins';
import { ExportFormats } from '@fleet/sweep';
import { Command, InvalidArgumentError, Option } from 'commander';
import { CliContext } from './cli-context.js';
import { backtest } from './commands/backtest.js';
import { cancel } from './commands/cancel-sweep.js';
import { exportSweep } from './commands/export-sweep.js';
import { importData } from './commands/import-data.js';
import { listData } from './commands/list-data.js';
import { list } from './commands/list-sweeps.js';
import { migrate } from './commands/migrate.js';
import { reconcile } from './commands/reconcile-sweep.js';
import { resume } from './commands/resume-sweep.js';
import { retryFailed } from './commands/retry-failed.js';
import { submit } from './commands/submit-sweep.js';
import { metricNames, results } from './commands/sweep-results.js';
import { status } from './commands/sweep-status.js';
import { synthData } from './commands/synth-data.js';
import { watch } from './commands/watch-sweep.js';

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
};
const nonNegative = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('must be a number >= 0');
  return n;
};
const integer = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('must be an integer');
  return n;
};
const positiveFraction = (value: string) => {
  const n = Number(value);
  if (!(n > 0 && n < 1)) throw new InvalidArgumentError('must be a fraction > 0 and < 1, e.g. 0.02');
  return n;
};
const positive = (value: string) => {
  const n = Number(value);
  if (!(n > 0 && Number.isFinite(n))) throw new InvalidArgumentError('must be a number > 0, e.g. 0.1');
  return n;
};
const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Runs one command with its connections, turning any error into one clear line and exit code 1. */
const action =
  <A extends unknown[]>(fn: (ctx: CliContext, ...args: A) => Promise<void>) =>
  async (...args: A) => {
    let ctx: CliContext | undefined;
    try {
      ctx = new CliContext();
      await loadStrategyModules(ctx.env.FLEET_STRATEGY_MODULES);
      await fn(ctx, ...args);
    } catch (error) {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      process.exitCode = 1;
    } finally {
      await ctx?.close().catch(() => undefined);
    }
  };

const program = new Command('fleet')
  .description('Backtest Fleet: submit parameter sweeps to a fleet of backtest workers and read their results')
  .showHelpAfterError('(run with --help for usage)');

program
  .command('db')
  .description('database schema')
  .command('migrate')
  .description('create the database if missing and apply pending migrations (idempotent)')
  .option('--json', 'print a JSON summary')
  .action(action((ctx, opts: { json?: boolean }) => migrate(ctx, opts)));

const data = program.command('data').description('price data');
data
  .command('import')
  .description('validate and import price files (CSV); each file is one transaction, re-import is a no-op')
  .argument('<file...>', 'CSV files')
  .option('--symbol <SYM>', 'symbol to store under (default: from the file name)')
  .option('--interval <I>', 'bar interval, e.g. 1d, 1h, 5m (default: detected)')
  .option('--adjusted', 'scale OHLC by Adj Close / Close (Yahoo files)')
  .option('--json', 'print a JSON summary')
  .action(action((ctx, files: string[], opts) => importData(ctx, files, opts)));
data
  .command('synth')
  .description('store seeded geometric-Brownian-motion bars (valid OHLC) for scale tests')
  .requiredOption('--symbols <N>', 'how many symbols (SYN1 … SYNn)', positiveInt)
  .requiredOption('--bars <M>', 'bars per symbol', positiveInt)
  .option('--interval <I>', 'bar interval, e.g. 1d, 1h, 1m', '1d')
  .option('--seed <S>', 'random seed; the same seed writes the same bars', integer, 1)
  .option('--prefix <P>', 'symbol prefix', 'SYN')
  .option('--json', 'print a JSON summary')
  .action(action((ctx, opts) => synthData(ctx, opts)));
data
  .command('list')
  .description('stored series: symbol, interval, bars, range and data version')
  .option('--json', 'print a JSON object')
  .action(action((ctx, opts) => listData(ctx, opts)));

const sweep = program.command('sweep').description('parameter sweeps');
sweep
  .command('submit')
  .description('validate a sweep file, record its manifest and enqueue its runs')
  .argument('<file>', 'sweep file (YAML or JSON)')
  .option('--id <KEY>', 'idempotency key: submitting the same key again resumes instead of duplicating')
  .option('--wait', 'follow the sweep with a progress bar until it finishes')
  .option(
    '--runs-per-job <N>',
    'parameter sets per job (default: sized to ~100 ms of work by a quick calibration)',
    positiveInt,
  )
  .option('--max-runs <N>', 'refuse sweeps with more runs than this', positiveInt, 1_000_000)
  .option(
    '--run-timeout <MS>',
    'stop and fail a run that takes longer (default: 50× the calibrated run time, at least 10 s)',
    positiveInt,
  )
  .option('--dry-run', 'validate and print runs, jobs and an ETA; write and enqueue nothing')
  .option('--no-cache', 'compute every run, even when an identical run (same data and engine) is already stored')
  .option('--json', 'print a JSON object as the last line')
  .action(action((ctx, file: string, opts) => submit(ctx, file, opts)));
sweep
  .command('status')
  .description('progress of a sweep')
  .argument('<id>', 'sweep id')
  .option('--json', 'print a JSON object')
  .action(action((ctx, id: string, opts) => status(ctx, id, opts)));
sweep
  .command('watch')
  .description('live progress of a sweep (done, failed, running, queued, runs/s, ETA) until it finishes')
  .argument('<id>', 'sweep id')
  .option('--json', 'print the final progress as a JSON object')
  .action(action((ctx, id: string, opts) => watch(ctx, id, opts)));
sweep
  .command('cancel')
  .description('cancel a sweep: remove its waiting jobs, let running ones finish')
  .argument('<id>', 'sweep id')
  .option('--json', 'print a JSON object')
  .action(action((ctx, id: string, opts) => cancel(ctx, id, opts)));
sweep
  .command('retry-failed')
  .description("run a sweep's failed runs again")
  .argument('<id>', 'sweep id')
  .option('--json', 'print a JSON object')
  .action(action((ctx, id: string, opts) => retryFailed(ctx, id, opts)));
sweep
  .command('resume')
  .description('continue a cancelled sweep: enqueue again its runs that have no row')
  .argument('<id>', 'sweep id')
  .option('--json', 'print a JSON object')
  .action(action((ctx, id: string, opts) => resume(ctx, id, opts)));
sweep
  .command('reconcile')
  .description('re-enqueue planned runs that have no row and no live job (e.g. after Redis lost jobs)')
  .argument('<id>', 'sweep id')
  .option('--json', 'print a JSON object')
  .action(action((ctx, id: string, opts) => reconcile(ctx, id, opts)));
sweep
  .command('results')
  .description('best runs of a sweep by a metric')
  .argument('<id>', 'sweep id')
  .option('--top <N>', 'how many runs', positiveInt, 10)
  .addOption(new Option('--by <METRIC>', 'metric to rank by').choices(metricNames).default('sharpe'))
  .option('--where <EXPR>', "filter on metrics and parameters, e.g. 'sharpe > 1 and fast < 20'")
  .option('--json', 'print a JSON object')
  .action(action((ctx, id: string, opts) => results(ctx, id, opts)));
sweep
  .command('export')
  .description('write every run of a sweep (parameters as columns), streamed')
  .argument('<id>', 'sweep id')
  .addOption(new Option('--format <FORMAT>', 'output format').choices(ExportFormats).default('csv'))
  .option('--out <FILE>', 'write to a file instead of stdout')
  .action(action((ctx, id: string, opts) => exportSweep(ctx, id, opts)));
sweep
  .command('list')
  .description('recent sweeps')
  .option('--limit <N>', 'how many', positiveInt, 20)
  .option('--json', 'print a JSON object')
  .action(action((ctx, opts) => list(ctx, opts)));

program
  .command('backtest')
  .description('run one backtest locally (no queue) on a CSV file or stored bars')
  .option('--data <FILE>', 'CSV price file')
  .option('--symbol <SYM>', 'stored symbol (instead of --data)')
  .option('--interval <I>', 'interval of stored bars', '1d')
  .option('--from <DATE>', 'first day, YYYY-MM-DD')
  .option('--to <DATE>', 'last day, YYYY-MM-DD')
  .requiredOption('--strategy <NAME>', 'strategy name, e.g. sma_cross')
  .option('--param <k=v>', 'strategy parameter, repeatable', collect)
  .option('--size <N>', 'units per order', positiveInt, 100)
  .option('--commission <RATE>', 'commission as a fraction of notional, e.g. 0.001', '0')
  .option('--slippage-bps <B>', 'slippage against the trader in basis points', nonNegative, 0)
  .option('--cash <C>', 'starting cash', '100000')
  .option(
    '--stop-loss <F>',
    'protective stop this fraction below (long) / above (short) the average entry',
    positiveFraction,
  )
  .option('--take-profit <F>', 'protective limit this fraction beyond the average entry', positive)
  .option('--json', 'print a JSON object as the last line')
  .action(action((ctx, opts) => backtest(ctx, opts)));

await program.parseAsync();
