import { type Database, type FailureReason, failureSummary, findSweep, type Kysely } from '@fleet/db';
import { SweepNotFoundError } from './sweep-not-found-error.js';

/** Why a sweep's runs failed: the failed count and each reason, most frequent first. */
export interface SweepFailures {
  sweepId: string;
  name: string;
  failed: number;
  reasons: FailureReason[];
}

/**
 * The failure reasons of a sweep (error name and code) with their counts, an example message and the first runs
 * that failed for each, for `fleet sweep failures` and the failures line of `fleet sweep status`.
 *
 * @throws {@link SweepNotFoundError}
 * @example
 * const { failed, reasons } = await sweepFailures(db, sweepId);
 */
export async function sweepFailures(db: Kysely<Database>, sweepId: string): Promise<SweepFailures> {
  const sweep = await findSweep(db, sweepId);
  if (!sweep) throw new SweepNotFoundError(sweepId);
  const { total, reasons } = await failureSummary(db, sweepId, { limit: 0 });
  return { sweepId, name: sweep.name, failed: total, reasons };
}
