import { rangeEndMs, rangeStartMs, runSettings, SweepSpec } from '@fleet/contracts';
import { type Database, findValidationTrials, type Kysely, loadBars } from '@fleet/db';
import { replayReturns } from '@fleet/runner';
import { RunNotFoundError } from './run-not-found-error.js';
import { loadStoredSweep } from './stored-sweep-plan.js';

/** Which group {@link groupReturns} replays: the runs of one strategy on one symbol. */
export interface ReturnsGroup {
  strategy: string;
  symbol: string;
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
 * @throws {@link SweepNotFoundError}; {@link RunNotFoundError} when the group has no succeeded run.
 * @example
 * const { times, runIndexes, returns } = await groupReturns(db, sweepId, { strategy: 'sma_cross', symbol: 'ORCL' });
 */
export async function groupReturns(db: Kysely<Database>, sweepId: string, group: ReturnsGroup): Promise<ReturnsMatrix> {
  const { plan, row } = await loadStoredSweep(db, sweepId);
  const trials = await findValidationTrials(db, sweepId, group);
  if (trials.length === 0) {
    throw new RunNotFoundError(`sweep ${sweepId} has no succeeded run of ${group.strategy} on ${group.symbol}`);
  }
  const { start, end, interval } = SweepSpec.parse(row.spec);
  // The same inclusive UTC range a worker loads for a job (jobTimeRange in @fleet/runner).
  const bars = await loadBars(db, group.symbol, interval, rangeStartMs(start), rangeEndMs(end));
  const returns = replayReturns(
    bars,
    trials.map((t) => ({
      strategy: t.strategy,
      params: t.params,
      settings: runSettings({ settings: plan.settingsOf(t.runIndex) }, { settings: t.settings }),
    })),
  );
  return { times: bars.time.slice(1), runIndexes: trials.map((t) => t.runIndex), returns };
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
