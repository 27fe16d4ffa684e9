import type { SweepSpec } from '@fleet/contracts';
import { type BarSeries, runSweep } from '@fleet/engine';
import { CombinationSpace } from './combination-space.js';
import { strategySettings } from './sweep-plan.js';

/** Loads the bars a calibration runs on. */
export type CalibrationLoader = (symbol: string, interval: string, from: number, to: number) => Promise<BarSeries>;

/** How long runs of a sweep take on this machine, measured by running a few of them. */
export interface SweepCalibration {
  /** Mean engine time per run, weighted by each strategy's share of the runs, in ms. */
  msPerRun: number;
  perStrategy: { strategy: string; msPerRun: number }[];
}

/** Work one job should carry: far above the queue's per-job overhead (a few ms), small enough to spread over workers. */
export const TARGET_JOB_MS = 100;

/**
 * Times the engine on the first few combinations of each strategy over the sweep's first symbol (after one warm-up
 * pass, so JIT compilation is not counted), to size jobs and estimate how long the sweep takes.
 *
 * @example
 * const { msPerRun } = await calibrateSweep(spec, (s, i, from, to) => loadBars(db, s, i, from, to));
 */
export async function calibrateSweep(spec: SweepSpec, load: CalibrationLoader, samples = 8): Promise<SweepCalibration> {
  const symbol = spec.symbols[0] as string;
  const series = await load(
    symbol,
    spec.interval,
    Date.parse(`${spec.start}T00:00:00Z`),
    Date.parse(`${spec.end}T23:59:59.999Z`),
  );
  const perStrategy: SweepCalibration['perStrategy'] = [];
  let weighted = 0;
  let runs = 0;
  spec.strategies.forEach((strategy, i) => {
    const space = new CombinationSpace(strategy);
    const params: Record<string, number>[] = [];
    for (const p of space.combinations()) {
      params.push(p);
      if (params.length >= samples) break;
    }
    if (params.length === 0 || series.length === 0) return;
    const { cash, size, commission, slippageBps } = strategySettings(spec, i);
    const base = {
      strategy: strategy.name,
      cash,
      sizing: { kind: 'units' as const, units: size },
      commission: { kind: 'percent' as const, rate: commission },
      slippageBps,
    };
    runSweep(series, base, params);
    const started = performance.now();
    runSweep(series, base, params);
    const ms = (performance.now() - started) / params.length;
    perStrategy.push({ strategy: strategy.name, msPerRun: ms });
    weighted += ms * space.count;
    runs += space.count;
  });
  return { msPerRun: runs > 0 ? weighted / runs : 0, perStrategy };
}

/** Least work one job carries, so queue overhead (a few ms a job) stays small next to the engine's. */
export const MIN_JOB_MS = 10;

/**
 * Parameter sets per job for a measured run time: about {@link TARGET_JOB_MS} of work, fewer when that would leave
 * a small sweep too few jobs to spread over a fleet (aiming at 16 or more), but never under {@link MIN_JOB_MS}.
 */
export function runsPerJobFor(msPerRun: number, totalRuns: number): number {
  const ms = Math.max(msPerRun, 0.01);
  const forDuration = Math.ceil(TARGET_JOB_MS / ms);
  const forSpread = Math.ceil(totalRuns / 16);
  const floor = Math.ceil(MIN_JOB_MS / ms);
  return Math.min(1000, Math.max(floor, Math.min(forDuration, forSpread), 1));
}
