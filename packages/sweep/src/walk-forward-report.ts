import { SweepSpec } from '@fleet/contracts';
import { type Database, findRun, type Kysely, listFoldSelections, type RunResult, runResultOf } from '@fleet/db';
import type { EquityPoint } from '@fleet/engine';
import {
  annualizedReturn,
  parameterChanges,
  perBarSharpe,
  simpleReturns,
  stitchEquity,
  walkForwardEfficiency,
  windowDays,
} from '@fleet/validation';
import { replayRun } from './replay-run.js';
import { loadStoredSweep } from './stored-sweep-plan.js';
import { SweepStateError } from './sweep-state-error.js';

/** A calendar window, both days included. */
interface Window {
  start: string;
  end: string;
}

/** One fold of one (strategy, symbol) group: what was chosen in sample and how it did out of sample. */
interface WalkForwardFold {
  fold: number;
  inSample: Window;
  outOfSample: Window;
  /** The chosen in-sample run, `null` until chosen or when no run was eligible. */
  chosenRun: number | null;
  params: Record<string, number> | null;
  /** The chosen run's swept settings, `{}` when the sweep sweeps none. */
  settings: Record<string, number> | null;
  /** The chosen run's value of the sweep's `select` metric, and its total return in sample. */
  inSampleValue: number | null;
  inSampleTotalReturn: number | null;
  /** The out-of-sample run: its index, status and, once stored, its metrics or why it failed. */
  outOfSampleRun: {
    runIndex: number;
    status: 'pending' | 'succeeded' | 'failed';
    result?: RunResult;
    error?: string;
  };
  /** With `curves`: the chosen set's equity in sample and out of sample, replayed (at most 1000 points each). */
  inSampleEquity?: EquityPoint[];
  outOfSampleEquity?: EquityPoint[];
}

/** The stitched out-of-sample result of a group: each fold's out-of-sample equity compounded onto the previous one. */
interface StitchedOutOfSample {
  /** Folds stitched (those whose out-of-sample run succeeded), in order. */
  folds: number[];
  equity: { time: number; equity: number }[];
  totalReturn: number;
  /** Annualized over the stitched folds' calendar days. */
  annualizedReturn: number;
  maxDrawdown: number;
  /** Mean / sample std of the stitched per-bar returns, not annualized. */
  perBarSharpe: number;
  /** False when a fold's replayed curve was sampled (over 1000 bars), so `perBarSharpe` skips bars. */
  everyBar: boolean;
}

/** The walk-forward result of one (strategy, symbol) group. */
interface WalkForwardGroup {
  strategy: string;
  symbol: string;
  folds: WalkForwardFold[];
  stitched: StitchedOutOfSample | null;
  /** Annualized stitched out-of-sample return ÷ mean annualized in-sample return of the chosen sets (Pardo). */
  efficiency: number | null;
  /** How many times the chosen parameter set changes from one fold to the next. */
  parameterChanges: number;
}

/** A validated sweep's walk-forward (or holdout) result, group by group. */
export interface WalkForwardReport {
  sweepId: string;
  select: string;
  minTrades: number;
  folds: number;
  groups: WalkForwardGroup[];
}

function maxDrawdownOf(equity: ArrayLike<number>): number {
  let peak = Number.NEGATIVE_INFINITY;
  let depth = 0;
  for (let i = 0; i < equity.length; i++) {
    const value = equity[i] as number;
    peak = Math.max(peak, value);
    depth = Math.max(depth, (peak - value) / peak);
  }
  return depth;
}

/** Points a replayed curve keeps; a window of fewer bars keeps every bar. */
const CURVE_POINTS = 1000;

function stitch(folds: readonly WalkForwardFold[]): StitchedOutOfSample | null {
  const done = folds.filter((f) => f.outOfSampleRun.status === 'succeeded' && f.outOfSampleEquity?.length);
  if (done.length === 0) return null;
  const curves = done.map((f) => (f.outOfSampleEquity as EquityPoint[]).map((p) => p.equity));
  const stitched = stitchEquity(curves);
  const times = done.flatMap((f) => (f.outOfSampleEquity as EquityPoint[]).map((p) => p.time));
  const totalReturn = (stitched[stitched.length - 1] as number) / (stitched[0] as number) - 1;
  const days = done.reduce((n, f) => n + windowDays(f.outOfSample), 0);
  return {
    folds: done.map((f) => f.fold),
    equity: times.map((time, i) => ({ time, equity: stitched[i] as number })),
    totalReturn,
    annualizedReturn: annualizedReturn(totalReturn, days),
    maxDrawdown: maxDrawdownOf(stitched),
    perBarSharpe: perBarSharpe(simpleReturns(stitched)),
    everyBar: curves.every((c) => c.length < CURVE_POINTS),
  };
}

/**
 * The walk-forward result of a validated sweep, read from its stored fold selections and runs: per (strategy,
 * symbol) group and fold the chosen parameters, their in-sample metric and their out-of-sample metrics; the
 * stitched out-of-sample equity (fold returns compounded, replayed by the deterministic engine since runs store no
 * curves) and its metrics; walk-forward efficiency; and how often the chosen set changes. Folds still running show
 * as pending. With `curves`, each fold also carries the chosen set's replayed in-sample and out-of-sample equity
 * (for charts).
 *
 * @throws {@link SweepStateError} for a sweep without a `validation` block; `SweepNotFoundError`
 * @example
 * const report = await walkForwardReport(db, sweepId);
 * report.groups[0]?.stitched?.totalReturn;
 */
export async function walkForwardReport(
  db: Kysely<Database>,
  sweepId: string,
  options: { curves?: boolean } = {},
): Promise<WalkForwardReport> {
  const { row, plan } = await loadStoredSweep(db, sweepId);
  const spec = SweepSpec.parse(row.spec);
  if (!spec.validation)
    throw new SweepStateError(sweepId, row.status, `sweep ${sweepId} has no validation block: it has no walk-forward`);
  const selections = await listFoldSelections(db, sweepId);
  const byGroup = new Map<string, WalkForwardFold[]>();
  for (const s of selections) {
    const fold = plan.folds[s.fold];
    if (!fold) continue;
    const runIndex = Number(s.run_index);
    const [chosen, oos] = await Promise.all([
      s.chosen_run === null ? undefined : findRun(db, sweepId, Number(s.chosen_run)),
      findRun(db, sweepId, runIndex),
    ]);
    const entry: WalkForwardFold = {
      fold: s.fold,
      inSample: fold.inSample,
      outOfSample: fold.outOfSample,
      chosenRun: s.chosen_run === null ? null : Number(s.chosen_run),
      params: s.params,
      settings: s.settings,
      inSampleValue: s.in_sample_value,
      inSampleTotalReturn: chosen?.total_return ?? null,
      outOfSampleRun: {
        runIndex,
        status: oos?.status ?? 'pending',
        ...(oos?.status === 'succeeded' ? { result: runResultOf(oos) } : {}),
        ...(oos?.status === 'failed' ? { error: `${oos.error_code}: ${oos.error_message}` } : {}),
      } as WalkForwardFold['outOfSampleRun'],
    } as WalkForwardFold;
    if (oos?.status === 'succeeded') entry.outOfSampleEquity = (await replayRun(db, sweepId, runIndex)).equityCurve;
    if (options.curves && entry.chosenRun !== null && chosen?.status === 'succeeded')
      entry.inSampleEquity = (await replayRun(db, sweepId, entry.chosenRun)).equityCurve;
    const key = `${s.strategy}\u0000${s.symbol}`;
    byGroup.set(key, [...(byGroup.get(key) ?? []), entry]);
  }
  const groups = [...byGroup.entries()].map(([key, folds]): WalkForwardGroup => {
    const [strategy, symbol] = key.split('\u0000') as [string, string];
    const stitched = stitch(folds);
    const scored = folds.filter((f) => f.inSampleTotalReturn !== null && f.outOfSampleRun.result);
    const efficiency =
      scored.length === folds.length
        ? walkForwardEfficiency(
            scored.map((f) => ({
              inSample: { totalReturn: f.inSampleTotalReturn as number, days: windowDays(f.inSample) },
              outOfSample: {
                totalReturn: (f.outOfSampleRun.result as RunResult).metrics.totalReturn ?? 0,
                days: windowDays(f.outOfSample),
              },
            })),
          )
        : null;
    const chosen = folds.filter((f) => f.params !== null).map((f) => ({ ...f.params, ...f.settings }));
    if (!options.curves) for (const f of folds) delete f.outOfSampleEquity;
    return { strategy, symbol, folds, stitched, efficiency, parameterChanges: parameterChanges(chosen) };
  });
  return {
    sweepId,
    select: spec.validation.select,
    minTrades: spec.validation.minTrades,
    folds: plan.folds.length,
    groups,
  };
}
