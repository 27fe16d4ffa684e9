import { rangeEndMs, rangeStartMs, runSettings, SweepSpec } from '@fleet/contracts';
import { type Database, findValidationTrials, type Kysely, loadBars, type ValidationTrial } from '@fleet/db';
import { replayReturns, tradingWindow } from '@fleet/runner';
import { RunNotFoundError } from './run-not-found-error.js';
import { loadStoredSweep } from './stored-sweep-plan.js';
import { SweepStateError } from './sweep-state-error.js';

/**
 * Which group {@link groupReturns} replays: the runs of one strategy on one symbol and, in a validated sweep, of one
 * fold's window (runs of different windows ran on different bars, so they are never one matrix).
 */
export interface ReturnsGroup {
  strategy: string;
  symbol: string;
  /** Required for a validated sweep, refused without a validation block. */
  window?: 'in_sample' | 'out_of_sample';
  /** The fold of `window`; may be left out when the sweep has one fold (a holdout). */
  fold?: number;
}

/** The per-bar returns of every succeeded run of one group: `returns[k][i]` is run `runIndexes[k]`'s at `times[i]`. */
export interface ReturnsMatrix {
  /** The time of the bar each return ends on, epoch ms UTC (a return runs from the bar before to this one). */
  readonly times: Float64Array;
  readonly runIndexes: readonly number[];
  readonly returns: readonly Float64Array[];
}

/**
 * The per-bar simple returns of a group's succeeded runs, recomputed by deterministic replay with the bars and
 * settings their workers used (runs store statistics, not returns), so anyone can check a group's PSR, DSR and PBO
 * with their own tools. Columns are in run-index order, the order CSCV breaks ties by.
 *
 * @throws {@link SweepNotFoundError}; {@link RunNotFoundError} when the group has no succeeded run;
 * {@link SweepStateError} for a window of a sweep without validation, or a validated sweep's group without a window
 * (or, with several folds, without a fold).
 * @example
 * const { times, runIndexes, returns } = await groupReturns(db, sweepId, { strategy: 'sma_cross', symbol: 'ORCL' });
 */
export async function groupReturns(db: Kysely<Database>, sweepId: string, group: ReturnsGroup): Promise<ReturnsMatrix> {
  const { plan, row } = await loadStoredSweep(db, sweepId);
  const { start, end, interval, validation } = SweepSpec.parse(row.spec);
  const fold = validation ? windowFold(sweepId, row.status, group, plan.folds.length) : undefined;
  if (!validation && (group.window !== undefined || group.fold !== undefined))
    throw new SweepStateError(sweepId, row.status, `sweep ${sweepId} has no validation block: it has no windows`);
  const trials = (await findValidationTrials(db, sweepId, group)).filter(
    (t) => !validation || (t.fold === fold && t.window === group.window),
  );
  const where = validation ? ` in fold ${fold}'s ${group.window} window` : '';
  if (trials.length === 0) {
    throw new RunNotFoundError(`sweep ${sweepId} has no succeeded run of ${group.strategy} on ${group.symbol}${where}`);
  }
  // What a worker did for the window's job: bars from the sweep's start (warm-up) to the window's end, in the same
  // inclusive UTC range (jobTimeRange in @fleet/runner), orders and equity from the window's first bar.
  const window = plan.windowOf((trials[0] as ValidationTrial).runIndex);
  const bars = await loadBars(db, group.symbol, interval, rangeStartMs(start), rangeEndMs(window?.end ?? end));
  const returns = replayReturns(
    bars,
    trials.map((t) => ({
      strategy: t.strategy,
      params: t.params,
      settings: runSettings({ settings: plan.settingsOf(t.runIndex) }, { settings: t.settings }),
    })),
    tradingWindow(window ? { window } : {}),
  );
  // A return ends on each bar of the equity series but its first, which is the window's first bar when it has one.
  const length = returns[0]?.length ?? 0;
  return { times: bars.time.slice(bars.time.length - length), runIndexes: trials.map((t) => t.runIndex), returns };
}

/** The fold a validated sweep's returns group names: its own, or the only one of a holdout. */
function windowFold(sweepId: string, status: string, group: ReturnsGroup, folds: number): number {
  if (group.window === undefined)
    throw new SweepStateError(
      sweepId,
      status,
      `sweep ${sweepId} is validated: name a window (in_sample or out_of_sample), its runs ran on different bars`,
    );
  const fold = group.fold ?? (folds === 1 ? 0 : undefined);
  if (fold === undefined || fold >= folds)
    throw new SweepStateError(sweepId, status, `sweep ${sweepId} has ${folds} folds: name one from 0 to ${folds - 1}`);
  return fold;
}

/**
 * Writes a {@link ReturnsMatrix} as CSV: a `time` column (ISO 8601 UTC), then one column per run named by its run
 * index, each number in the shortest form that reads back as the same double, so a reader recomputes the stored
 * statistics exactly.
 *
 * @example
 * await writeReturnsCsv(matrix, async (chunk) => void process.stdout.write(chunk));
 */
export async function writeReturnsCsv(matrix: ReturnsMatrix, write: (chunk: string) => Promise<void>): Promise<void> {
  await write(`time,${matrix.runIndexes.join(',')}\n`);
  const lines: string[] = [];
  for (let i = 0; i < matrix.times.length; i++) {
    const cells = [new Date(matrix.times[i] as number).toISOString()];
    for (const column of matrix.returns) cells.push(String(column[i]));
    lines.push(`${cells.join(',')}\n`);
    if (lines.length === 256) await write(lines.splice(0).join(''));
  }
  if (lines.length > 0) await write(lines.join(''));
}
