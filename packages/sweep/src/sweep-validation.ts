import { type Database, findSweep, findValidationTrials, type Kysely, type ValidationTrial } from '@fleet/db';
import { type ConsistencyMatrix, consistencyMatrices } from './consistency-matrix.js';
import { type GroupValidation, validateGroup } from './group-validation.js';
import { RunNotFoundError } from './run-not-found-error.js';
import { SweepNotFoundError } from './sweep-not-found-error.js';
import { type ValidationSelection, validationSelectionOf } from './validation-selection.js';

/** The overfitting statistics of a sweep's results: per group, and across the symbols of each strategy. */
export interface SweepValidation {
  readonly sweepId: string;
  readonly selection: ValidationSelection;
  /** One per strategy, symbol, fold and window, in that order. */
  readonly groups: readonly GroupValidation[];
  readonly consistency: readonly ConsistencyMatrix[];
}

/** Which groups {@link sweepValidation} computes: all of the sweep's, or those of one strategy and/or symbol. */
export interface SweepValidationFilter {
  strategy?: string;
  symbol?: string;
}

/**
 * The validation of a stored sweep, from stored numbers only (no replay): the one path behind
 * `fleet sweep validation`, the header of `fleet sweep results` and the dashboard's validation panel. The best row
 * of a group is picked by the sweep's `validation.select` (else `sharpe`), never among runs below `minTrades`.
 *
 * @throws {@link SweepNotFoundError}
 * @example
 * const { groups } = await sweepValidation(db, sweepId);
 * groups[0]?.pbo; // 0.48: picking the best in-sample is a coin toss here
 */
export async function sweepValidation(
  db: Kysely<Database>,
  sweepId: string,
  filter: SweepValidationFilter = {},
): Promise<SweepValidation> {
  const row = await findSweep(db, sweepId);
  if (!row) throw new SweepNotFoundError(sweepId);
  const selection = validationSelectionOf(row.spec);
  const trials = await findValidationTrials(db, sweepId, filter);
  const groups = new Map<string, ValidationTrial[]>();
  for (const trial of trials) {
    // A validated sweep's group is also one fold's window: trials of different windows ran on different bars.
    const key = JSON.stringify([trial.strategy, trial.symbol, trial.fold, trial.window]);
    const group = groups.get(key);
    if (group) group.push(trial);
    else groups.set(key, [trial]);
  }
  return {
    sweepId,
    selection,
    groups: [...groups.values()].map((group) => validateGroup(group, selection)),
    consistency: consistencyMatrices(trials, selection),
  };
}

/**
 * The validation of one stored row within its group, whatever ranked it first (`fleet sweep results --by`, a
 * filter): its PSR(0) and DSR against its group's N and V, and the group's PBO.
 *
 * @throws {@link SweepNotFoundError}; {@link RunNotFoundError} for a run that is not a trial of its group.
 * @example
 * const { dsr, pbo, trials } = await rowValidation(db, sweepId, { runIndex: 42, strategy: 'sma_cross', symbol: 'ORCL' });
 */
export async function rowValidation(
  db: Kysely<Database>,
  sweepId: string,
  run: { runIndex: number; strategy: string; symbol: string },
): Promise<Pick<GroupValidation, 'trials' | 'psr' | 'dsr' | 'pbo' | 'medianLogit'>> {
  const row = await findSweep(db, sweepId);
  if (!row) throw new SweepNotFoundError(sweepId);
  const trials = await findValidationTrials(db, sweepId, { strategy: run.strategy, symbol: run.symbol });
  const self = trials.find((t) => t.runIndex === run.runIndex);
  if (!self) throw new RunNotFoundError(`sweep ${sweepId} has no succeeded run ${run.runIndex}`);
  const group = validateGroup(trials, validationSelectionOf(row.spec), self);
  return { trials: group.trials, psr: group.psr, dsr: group.dsr, pbo: group.pbo, medianLogit: group.medianLogit };
}
