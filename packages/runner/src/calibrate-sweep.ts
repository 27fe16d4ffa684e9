import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { rangeEndMs, rangeStartMs, type SweepSpec } from '@fleet/contracts';
import type { BarSeries } from '@fleet/engine';
import type { CombinationSpace } from '@fleet/planning';

/** Loads the bars a calibration runs on. */
export type CalibrationLoader = (symbol: string, interval: string, from: number, to: number) => Promise<BarSeries>;

/** How long runs of a sweep take on this machine, measured by running a few of them. */
export interface SweepCalibration {
  /** Mean engine time per run, weighted by each strategy's share of the runs, in ms. */
  msPerRun: number;
  /** Per strategy; `null` where no timing was possible (its runs fail, hang or crash). */
  perStrategy: { strategy: string; msPerRun: number | null }[];
  /**
   * What the strategy files' own schemas refuse among their combinations (see `findCombinationProblems`), checked on
   * the calibration thread; `undefined` when that check did not end before the deadline. Empty without files.
   */
  fileProblems: string[] | undefined;
}

/** What the calibration thread is given: the first few parameter combinations of each strategy, to time. */
export interface CalibrationTask {
  spec: SweepSpec;
  series: BarSeries;
  samples: readonly Record<string, number>[][];
  strategyModules: readonly string[];
  /** The bundles of the sweep's strategy files, whose strategies `spec` names by `bundledStrategyKey`. */
  bundles: readonly { hash: string; code: string }[];
  bundleDir: string;
}

/** Work one job should carry: far above the queue's per-job overhead (a few ms), small enough to spread over workers. */
const TARGET_JOB_MS = 100;
/** Least work one job carries, so queue overhead (a few ms a job) stays small next to the engine's. */
const MIN_JOB_MS = 10;
/** Assumed run time of a strategy that could not be timed. */
const UNTIMED_MS = 5;

/**
 * Times the engine on the first few combinations of each strategy (taken from the plan's counted spaces, which are
 * not enumerated again) over the sweep's first symbol, to size jobs and estimate how long the sweep takes. The timing runs on a thread of its own with a deadline: a strategy that hangs
 * or kills its thread (a plugin can) must not hang or kill `fleet sweep submit`; it is just left untimed. The same
 * thread loads the sweep's strategy files and checks every combination of theirs against their own schemas first
 * (`fileProblems`), so a file's code runs only there.
 *
 * @example
 * const { msPerRun } = await calibrateSweep(spec, plan.spaces, (s, i, from, to) => loadBars(db, s, i, from, to));
 */
export async function calibrateSweep(
  spec: SweepSpec,
  spaces: readonly CombinationSpace[],
  load: CalibrationLoader,
  options: {
    samples?: number;
    timeoutMs?: number;
    strategyModules?: readonly string[];
    bundles?: readonly { hash: string; code: string }[];
    bundleDir?: string;
  } = {},
): Promise<SweepCalibration> {
  const symbol = spec.symbols[0] as string;
  const series = await load(symbol, spec.interval, rangeStartMs(spec.start), rangeEndMs(spec.end));
  const timings = new Map<number, number>();
  const task: CalibrationTask = {
    spec,
    series,
    samples: spaces.map((space) => firstCombinations(space, options.samples ?? 8)),
    strategyModules: options.strategyModules ?? [],
    bundles: options.bundles ?? [],
    bundleDir: options.bundleDir ?? join(tmpdir(), 'fleet-strategy-bundles'),
  };
  let fileProblems: string[] | undefined = task.bundles.length === 0 ? [] : undefined;
  const thread = new Worker(new URL('./calibration-thread.js', import.meta.url), { workerData: task });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, options.timeoutMs ?? 5_000);
    thread.on('message', (m: { strategyIndex: number; msPerRun: number } | { problems: string[] } | 'done') => {
      if (m === 'done') {
        clearTimeout(timer);
        resolve();
      } else if ('problems' in m) fileProblems = m.problems;
      else timings.set(m.strategyIndex, m.msPerRun);
    });
    thread.on('error', () => undefined);
    thread.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  await thread.terminate();

  let weighted = 0;
  let runs = 0;
  const perStrategy = spec.strategies.map((strategy, i) => {
    const ms = timings.get(i) ?? null;
    const count = (spaces[i] as CombinationSpace).count;
    weighted += (ms ?? UNTIMED_MS) * count;
    runs += count;
    return { strategy: strategy.name, msPerRun: ms };
  });
  return { msPerRun: runs > 0 ? weighted / runs : UNTIMED_MS, perStrategy, fileProblems };
}

function firstCombinations(space: CombinationSpace, n: number): Record<string, number>[] {
  const first: Record<string, number>[] = [];
  for (const combination of space.combinations()) {
    if (first.length >= n) break;
    // Timing runs use the strategy's shared settings; a swept setting changes what a run does, hardly what it costs.
    first.push(space.split(combination).params);
  }
  return first;
}

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
