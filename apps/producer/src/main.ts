#!/usr/bin/env node
import { describeConnectionError, serviceEndpoints } from '@fleet/config';
import { loadStrategyModules } from '@fleet/engine/plugins';
import { ExportFormats, resolveSweepId } from '@fleet/sweep';
import { Command, InvalidArgumentError, Option } from 'commander';
import { CliContext } from './cli-context.js';
import { backtest } from './commands/backtest.js';
import { backtestFromRun } from './commands/backtest-from-run.js';
import { cancel } from './commands/cancel-sweep.js';
import { deleteData } from './commands/delete-data.js';
import { exportSweep } from './commands/export-sweep.js';
import { importData } from './commands/import-data.js';
import { listData } from './commands/list-data.js';
import { list } from './commands/list-sweeps.js';
import { migrate } from './commands/migrate.js';
import { newStrategy } from './commands/new-strategy.js';
import { reconcile } from './commands/reconcile-sweep.js';
import { resume } from './commands/resume-sweep.js';
import { retryFailed } from './commands/retry-failed.js';
import { strategyList } from './commands/strategy-list.js';
import { strategyShow } from './commands/strategy-show.js';
import { submit } from './commands/submit-sweep.js';
import { failures } from './commands/sweep-failures.js';
import { metricNames, results } from './commands/sweep-results.js';
import { returns } from './commands/sweep-returns.js';
import { status } from './commands/sweep-status.js';
import { validation } from './commands/sweep-validation.js';
import { synthData } from './commands/synth-data.js';
import { watch } from './commands/watch-sweep.js';
import { userDirectory } from './env.js';
import { settingOptions } from './setting-options.js';

// Paths on the command line are the user's: under `npm run fleet` they are relative to where npm was started.
process.chdir(userDirectory());
// A reader that stops early (`fleet sweep export … | head`) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
};
const nonNegativeInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a non-negative integer');
  return n;
};
const integer = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('must be an integer');
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
      const unreachable = ctx && describeConnectionError(error, serviceEndpoints(ctx.env));
      process.stderr.write(`error: ${unreachable ?? (error as Error).message}\n`);
      process.exitCode = 1;
    } finally {
      await ctx?.close().catch(() => undefined);
    }
  };

/** As {@link action}, for a command whose first argument is a sweep id or a unique prefix of one (as the dashboard shows). */
const sweepAction = <A extends unknown[]>(fn: (ctx: CliContext, sweepId: string, ...args: A) => Promise<void>) =>
  action(async (ctx, id: string, ...args: A) => fn(ctx, await resolveSweepId(ctx.db, id), ...args));

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
data
  .command('delete')
  .description('delete the stored bars of a symbol (every interval, or one); refused while a running sweep uses them')
  .argument('<symbol>', 'stored symbol')
  .option('--interval <I>', 'only this interval, e.g. 1h')
  .option('--json', 'print a JSON object')
  .action(action((ctx, symbol: string, opts) => deleteData(ctx, symbol, opts)));

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
  .argument('<id>', 'sweep id, or a unique prefix of one')
  .option('--json', 'print a JSON object')
  .action(sweepAction((ctx, id, opts) => status(ctx, id, opts)));
sweep
  .command('watch')
  .description('live progress of a sweep (done, failed, running, queued, runs/s, ETA) until it finishes')
  .argument('<id>', 'sweep id, or a unique prefix of one')
  .option('--json', 'print the final progress as a JSON object')
  .action(sweepAction((ctx, id, opts) => watch(ctx, id, opts)));
sweep
  .command('cancel')
  .description('cancel a sweep: remove its waiting jobs, let running ones finish')
  .argument('<id>', 'sweep id, or a unique prefix of one')
  .option('--json', 'print a JSON object')
  .action(sweepAction((ctx, id, opts) => cancel(ctx, id, opts)));
sweep
  .command('failures')
  .description('why runs of a sweep failed: each reason with its count, an example message and example runs')
  .argument('<id>', 'sweep id, or a unique prefix of one')
  .option('--json', 'print a JSON object')
  .action(sweepAction((ctx, id, opts) => failures(ctx, id, opts)));
sweep
  .command('validation')
  .description(
    "how far each group's best row can be trusted (N, PSR(0), deflated Sharpe, PBO, median λ) and, for a validated sweep, its walk-forward folds and stitched result",
  )
  .argument('<id>', 'sweep id, or a unique prefix of one')
  .option('--json', 'print a JSON object')
  .action(sweepAction((ctx, id, opts) => validation(ctx, id, opts)));
sweep
  .command('retry-failed')
  .description("run a sweep's failed runs again")
  .argument('<id>', 'sweep id, or a unique prefix of one')
  .option('--json', 'print a JSON object')
  .action(sweepAction((ctx, id, opts) => retryFailed(ctx, id, opts)));
sweep
  .command('resume')
  .description('continue a cancelled sweep: enqueue again its runs that have no row')
  .argument('<id>', 'sweep id')
  .option('--json', 'print a JSON object')
  .action(action((ctx, id: string, opts) => resume(ctx, id, opts)));
sweep
  .command('reconcile')
  .description('re-enqueue planned runs that have no row and no live job (e.g. after Redis lost jobs)')
  .argument('<id>', 'sweep id, or a unique prefix of one')
  .option('--json', 'print a JSON object')
  .action(sweepAction((ctx, id, opts) => reconcile(ctx, id, opts)));
sweep
  .command('results')
  .description('best runs of a sweep by a metric')
  .argument('<id>', 'sweep id, or a unique prefix of one')
  .option('--top <N>', 'how many runs', positiveInt, 10)
  .addOption(new Option('--by <METRIC>', 'metric to rank by').choices(metricNames).default('sharpe'))
  .option('--where <EXPR>', "filter on metrics and parameters, e.g. 'sharpe > 1 and fast < 20'")
  .option('--json', 'print a JSON object')
  .action(sweepAction((ctx, id, opts) => results(ctx, id, opts)));
sweep
  .command('returns')
  .description("the per-bar returns of one group's runs, recomputed by replay: bar time, then one column per run index")
  .argument('<id>', 'sweep id, or a unique prefix of one')
  .requiredOption('--strategy <NAME>', 'strategy of the group')
  .requiredOption('--symbol <SYM>', 'symbol of the group')
  .addOption(
    new Option('--window <WINDOW>', "a validated sweep's window (required there)").choices([
      'in_sample',
      'out_of_sample',
    ]),
  )
  .option('--fold <N>', 'fold of the window (needed with several folds)', nonNegativeInt)
  .addOption(new Option('--format <FORMAT>', 'output format').choices(['csv']).default('csv'))
  .option('--out <FILE>', 'write to a file instead of stdout')
  .action(sweepAction((ctx, id, opts) => returns(ctx, id, opts)));
sweep
  .command('export')
  .description('write every run of a sweep (parameters as columns), streamed')
  .argument('<id>', 'sweep id, or a unique prefix of one')
  .addOption(new Option('--format <FORMAT>', 'output format').choices(ExportFormats).default('csv'))
  .option('--out <FILE>', 'write to a file instead of stdout')
  .action(sweepAction((ctx, id, opts) => exportSweep(ctx, id, opts)));
sweep
  .command('list')
  .description('recent sweeps')
  .option('--limit <N>', 'how many', positiveInt, 20)
  .option('--json', 'print a JSON object')
  .action(action((ctx, opts) => list(ctx, opts)));

const strategy = program
  .command('strategy')
  .description('strategies: built-ins, plugin modules and stored strategy files');
strategy
  .command('list')
  .description('strategies a sweep can name, with their parameters and docs')
  .option('--json', 'print a JSON object')
  .action(action((ctx, opts) => strategyList(ctx, opts)));
strategy
  .command('show')
  .description("one strategy's parameters and docs, and a strategy file's source")
  .argument('<name|hash>', 'strategy name, or the hash (or a prefix of 4+ digits) of a stored strategy file')
  .option('--json', 'print a JSON object')
  .action(action((ctx, target: string, opts) => strategyShow(ctx, target, opts)));
strategy
  .command('new')
  .description('scaffold a typed strategy file NAME.ts and a vitest test NAME.test.ts that runs it on sample bars')
  .argument('<name>', 'strategy name, e.g. mean_revert (lower case, digits, underscores)')
  .option('--dir <D>', 'directory to write into (created if missing)', 'strategies')
  .option('--json', 'print a JSON object')
  .action(action((_ctx, name: string, opts) => newStrategy(name, opts)));

const backtestCommand = program
  .command('backtest')
  .description('run one backtest locally (no queue) on CSV files or stored bars; several for a portfolio strategy')
  .option('--data <FILE>', 'CSV price file, or SYM=FILE; repeatable (symbol from the file name)', collect)
  .option('--symbol <SYM>', 'stored symbol (instead of --data); repeatable', collect)
  .option('--interval <I>', 'interval of stored bars', '1d')
  .option('--from <DATE>', 'first day YYYY-MM-DD, or a UTC date-time YYYY-MM-DDTHH:MM:SSZ')
  .option('--to <DATE>', 'last day YYYY-MM-DD (inclusive), or a UTC date-time')
  .option('--strategy <NAME>', 'strategy name, e.g. sma_cross (with --strategy-file: which of its strategies)')
  .option('--strategy-file <FILE>', 'a strategy file (.ts or .js), bundled as a sweep ships it')
  .option('--from-run <SWEEP:RUN>', 'recompute a stored run (its strategy file too) and compare its final equity')
  .option('--param <k=v>', 'strategy parameter, repeatable', collect)
  .option('--json', 'print a JSON object as the last line');
for (const option of settingOptions()) backtestCommand.addOption(option);
backtestCommand.action(
  action((ctx, { fromRun, ...opts }: { fromRun?: string; json?: boolean }) =>
    fromRun ? backtestFromRun(ctx, fromRun, opts) : backtest(ctx, opts),
  ),
);

await program.parseAsync();
