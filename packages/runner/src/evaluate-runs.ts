import type { LedgerName, RunJob, RunOutcome } from '@fleet/contracts';
// The table alone, not the package root: an engine thread that loaded zod and every schema would start ~170 ms later.
import { LedgerNames, type StatisticName, StatisticNames } from '@fleet/contracts/metric-table';
import {
  type BacktestResult,
  type BarSeries,
  type PortfolioBacktestResult,
  runPortfolioBacktest,
  runSweep,
  type SweepOutcome,
} from '@fleet/engine';
import { engineBaseConfig } from './engine-config.js';
import type { JobSeries } from './job-series.js';
import { bundledStrategyKey } from './load-strategy-bundle.js';
import { returnStatisticsOfRun } from './return-statistics-of-run.js';

/** The name a job's strategy has in a thread's registry: a bundle's strategies are registered with their hash. */
const strategyKeyOf = (job: Pick<RunJob, 'strategy' | 'strategyBundle'>): string =>
  job.strategyBundle ? bundledStrategyKey(job.strategy, job.strategyBundle) : job.strategy;

/** An error as plain data: the shape stored in `runs.error_*` and safe to pass between threads. */
export interface ErrorData {
  name: string;
  code: string;
  message: string;
}

/** Describes any thrown value by its stable name and code, never by class (errors cross thread boundaries). */
export function describeError(error: unknown): ErrorData {
  const e = error as { name?: unknown; code?: unknown; message?: unknown };
  return {
    name: typeof e?.name === 'string' ? e.name : 'Error',
    code: typeof e?.code === 'string' ? e.code : 'UNKNOWN',
    message: typeof e?.message === 'string' ? e.message : String(error),
  };
}

type SucceededOutcome = Extract<RunOutcome, { status: 'succeeded' }>;

/**
 * The engine's result in the outcome's terms: its ledger totals and statistics, named as the metric table names
 * them, with the statistics of its per-bar returns beside them when the run traded one series (a portfolio run's
 * return statistics, and its excess over buy-and-hold, are not defined yet and stay null).
 */
function toRunResult(
  r: BacktestResult | PortfolioBacktestResult,
  returns?: { series: BarSeries; equity: Float64Array },
): Pick<SucceededOutcome, LedgerName | 'metrics' | 'returnStatistics'> {
  const result: Record<string, unknown> = {};
  for (const name of LedgerNames) result[name] = r[name];
  const fromReturns = returns && returnStatisticsOfRun(returns.series, returns.equity, r.metrics.totalReturn);
  const values: Readonly<Partial<Record<StatisticName, number | null>>> = { ...r.metrics, ...fromReturns?.metrics };
  const metrics: Record<string, number | null> = {};
  for (const name of StatisticNames) metrics[name] = values[name] ?? null;
  result.metrics = metrics;
  if (fromReturns?.returnStatistics) result.returnStatistics = fromReturns.returnStatistics;
  return result as Pick<SucceededOutcome, LedgerName | 'metrics' | 'returnStatistics'>;
}

/**
 * What every outcome records besides its result, so it can be reproduced: the engine and code that ran it and, once
 * its bars were loaded, their data version.
 */
export interface RunProvenance {
  engineVersion: string;
  codeVersion: string;
  dataVersion?: string;
}

/** The provenance of runs evaluated on loaded bars, whose data version is always known. */
export type EvaluatedProvenance = Required<RunProvenance>;

/** What every outcome of one planned run says about which run it is and what produced it. */
export function runIdentity<P extends RunProvenance>(
  job: RunJob,
  run: RunJob['runs'][number],
  provenance: P,
  durationMs: number,
) {
  return {
    sweepId: job.sweepId,
    runIndex: run.index,
    strategy: job.strategy,
    ...(job.strategyBundle ? { strategyBundle: job.strategyBundle } : {}),
    symbol: job.symbol,
    ...(job.universe ? { universe: job.universe.name } : {}),
    params: run.params,
    ...(run.settings ? { settings: run.settings } : {}),
    ...(job.window ? { fold: job.window.fold, window: job.window.sample } : {}),
    durationMs,
    ...provenance,
  };
}

/** The failed outcome of one planned run of a job. */
export function failedOutcome(
  job: RunJob,
  run: RunJob['runs'][number],
  provenance: RunProvenance,
  error: ErrorData,
  durationMs = 0,
): RunOutcome {
  return { ...runIdentity(job, run, provenance, durationMs), status: 'failed', error };
}

function toRunOutcome(
  series: BarSeries,
  job: RunJob,
  run: RunJob['runs'][number],
  provenance: EvaluatedProvenance,
  outcome: SweepOutcome,
  durationMs: number,
): RunOutcome {
  if (!outcome.ok) return failedOutcome(job, run, provenance, outcome.error, durationMs);
  return {
    ...runIdentity(job, run, provenance, durationMs),
    status: 'succeeded',
    ...toRunResult(outcome.result, { series, equity: outcome.equity }),
  };
}

/**
 * The engine's trading window of a job of a validated sweep: bars from the job's start are warm-up, orders start on
 * the window's first day (00:00 UTC). Nothing for a job without a window.
 */
export function tradingWindow(job: Pick<RunJob, 'window'>): { tradeFrom?: number } {
  return job.window ? { tradeFrom: Date.parse(`${job.window.from}T00:00:00Z`) } : {};
}

/**
 * Runs a job's planned runs through the engine in sweep mode (indicators shared across runs) and reports each run's
 * outcome as soon as it is known, already reduced to what is stored, so a thread sends back kilobytes, not equity
 * curves. Every run uses `job.settings`: {@link executeRunJob} hands over the runs of one swept-settings value at a
 * time with that value resolved into them, so a thread never needs zod. Bad parameters or an unknown strategy become
 * failed outcomes; it never throws for a run's fault.
 */
export function evaluateRuns(
  job: RunJob,
  series: JobSeries,
  provenance: EvaluatedProvenance,
  onOutcome: (outcome: RunOutcome, index: number) => void,
): void {
  if (isUniverse(series)) {
    evaluatePortfolioRuns(job, series, provenance, onOutcome);
    return;
  }
  let last = performance.now();
  runSweep(
    series,
    { ...engineBaseConfig(job.settings, strategyKeyOf(job)), ...tradingWindow(job) },
    job.runs.map((r) => r.params),
    {
      onOutcome: (outcome, i) => {
        const now = performance.now();
        onOutcome(toRunOutcome(series, job, job.runs[i] as RunJob['runs'][number], provenance, outcome, now - last), i);
        last = now;
      },
    },
  );
}

function isUniverse(series: JobSeries): series is readonly BarSeries[] {
  return Array.isArray(series);
}

/**
 * {@link evaluateRuns} for a portfolio strategy's job: each run over the universe's series from one account, its
 * outcome carrying the per-symbol summary beside the ledger and statistics.
 */
function evaluatePortfolioRuns(
  job: RunJob,
  series: readonly BarSeries[],
  provenance: EvaluatedProvenance,
  onOutcome: (outcome: RunOutcome, index: number) => void,
): void {
  const base = engineBaseConfig(job.settings, strategyKeyOf(job));
  job.runs.forEach((run, i) => {
    const started = performance.now();
    let outcome: RunOutcome;
    try {
      const result = runPortfolioBacktest(series, { ...base, params: { ...run.params } });
      outcome = {
        ...runIdentity(job, run, provenance, performance.now() - started),
        status: 'succeeded',
        ...toRunResult(result),
        symbolSummary: result.symbols,
      };
    } catch (error) {
      outcome = failedOutcome(job, run, provenance, describeError(error), performance.now() - started);
    }
    onOutcome(outcome, i);
  });
}
