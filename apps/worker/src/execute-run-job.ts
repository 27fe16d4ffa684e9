import type { RunJob, RunMetrics, RunOutcome } from '@fleet/contracts';
import { type BarSeries, ENGINE_VERSION, type PerformanceMetrics, runSweep, validateBars } from '@fleet/engine';

/** Bars with the data version they were read at; `null` when the series was never imported. */
export type VersionedSeries = BarSeries & { readonly dataVersion: string | null };

/** Loads the bars of a job's symbol over its date range (epoch ms, inclusive). */
export type SeriesLoader = (symbol: string, interval: string, from: number, to: number) => Promise<VersionedSeries>;

const DAY_MS = 86_400_000;

/** The first and last millisecond a job's inclusive `start`..`end` dates cover, in UTC. */
export function jobTimeRange(job: Pick<RunJob, 'start' | 'end'>): { from: number; to: number } {
  return { from: Date.parse(`${job.start}T00:00:00Z`), to: Date.parse(`${job.end}T00:00:00Z`) + DAY_MS - 1 };
}

function toRunMetrics(m: PerformanceMetrics): RunMetrics {
  return {
    totalReturn: m.totalReturn,
    cagr: m.cagr,
    volatility: m.volatility,
    sharpe: m.sharpe,
    sortino: m.sortino,
    maxDrawdown: m.maxDrawdown,
    maxDrawdownDuration: m.maxDrawdownDuration,
    calmar: m.calmar,
    winRate: m.winRate,
    profitFactor: m.profitFactor,
    averageTrade: m.averageTrade,
    exposure: m.exposure,
  };
}

function describeError(error: unknown): { name: string; code: string; message: string } {
  const e = error as { name?: unknown; code?: unknown; message?: unknown };
  return {
    name: typeof e?.name === 'string' ? e.name : 'Error',
    code: typeof e?.code === 'string' ? e.code : 'UNKNOWN',
    message: typeof e?.message === 'string' ? e.message : String(error),
  };
}

/**
 * Runs every planned run of a job through the engine in sweep mode (bars loaded once, indicators shared) and returns
 * one outcome per run. Problems that belong to the runs — bad parameters, an unknown strategy, missing or invalid
 * bars — become failed outcomes with their reason; only infrastructure faults (database, Redis) throw, so the queue
 * retries them. Every outcome records the engine version and `codeVersion`, and, once bars are loaded, their data
 * version, so any result can be reproduced.
 */
export async function executeRunJob(job: RunJob, loadSeries: SeriesLoader, codeVersion: string): Promise<RunOutcome[]> {
  const { from, to } = jobTimeRange(job);
  const series = await loadSeries(job.symbol, job.interval, from, to);
  const { dataVersion } = series;
  const identity = (run: RunJob['runs'][number], durationMs: number) => ({
    sweepId: job.sweepId,
    runIndex: run.index,
    strategy: job.strategy,
    symbol: job.symbol,
    params: run.params,
    durationMs,
    engineVersion: ENGINE_VERSION,
    codeVersion,
  });
  if (dataVersion === null) {
    return job.runs.map((run) => ({
      ...identity(run, 0),
      status: 'failed',
      error: {
        name: 'InvalidDataError',
        code: 'NO_BARS',
        message: `no ${job.interval} bars imported for ${job.symbol}`,
      },
    }));
  }
  const failAll = (error: { name: string; code: string; message: string }): RunOutcome[] =>
    job.runs.map((run) => ({ ...identity(run, 0), dataVersion, status: 'failed', error }));

  if (series.length === 0) {
    return failAll({
      name: 'InvalidDataError',
      code: 'NO_BARS',
      message: `no ${job.interval} bars for ${job.symbol} between ${job.start} and ${job.end}`,
    });
  }
  try {
    validateBars(series);
  } catch (error) {
    return failAll(describeError(error));
  }

  const started = performance.now();
  const { cash, size, commission, slippageBps } = job.settings;
  const outcomes = runSweep(
    series,
    {
      strategy: job.strategy,
      cash,
      sizing: { kind: 'units', units: size },
      commission: { kind: 'percent', rate: commission },
      slippageBps,
    },
    job.runs.map((r) => r.params),
  );
  const perRun = (performance.now() - started) / job.runs.length;
  return job.runs.map((run, i): RunOutcome => {
    const outcome = outcomes[i];
    if (!outcome)
      return {
        ...identity(run, perRun),
        dataVersion,
        status: 'failed',
        error: describeError(new Error('engine returned no outcome')),
      };
    if (!outcome.ok) return { ...identity(run, perRun), dataVersion, status: 'failed', error: outcome.error };
    const r = outcome.result;
    return {
      ...identity(run, perRun),
      dataVersion,
      status: 'succeeded',
      finalEquity: r.finalEquity,
      closedTrades: r.closedTrades,
      winningTrades: r.winningTrades,
      metrics: toRunMetrics(r.metrics),
    };
  });
}

/**
 * The failed outcomes recorded when a whole job fails for good (attempts exhausted), one per planned run; they name
 * no data version, since the job never got as far as its bars.
 */
export function jobFailureOutcomes(job: RunJob, error: unknown, codeVersion: string): RunOutcome[] {
  return job.runs.map((run) => ({
    sweepId: job.sweepId,
    runIndex: run.index,
    strategy: job.strategy,
    symbol: job.symbol,
    params: run.params,
    durationMs: 0,
    engineVersion: ENGINE_VERSION,
    codeVersion,
    status: 'failed',
    error: describeError(error),
  }));
}
