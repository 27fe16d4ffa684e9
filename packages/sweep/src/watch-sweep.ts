import type { SweepProgress } from '@fleet/contracts';
import { type Database, findSweep, type Kysely, toSweepProgress } from '@fleet/db';
import { SweepNotFoundError } from './sweep-not-found-error.js';

const finished = new Set(['completed', 'completed_with_failures', 'cancelled']);

/** The current progress of a sweep, read from Postgres (the source of truth). */
export async function sweepProgress(db: Kysely<Database>, sweepId: string): Promise<SweepProgress> {
  const row = await findSweep(db, sweepId);
  if (!row) throw new SweepNotFoundError(sweepId);
  return toSweepProgress(row);
}

/**
 * Polls a sweep until it finishes (or `signal` aborts), reporting each reading; resolves with the final progress.
 *
 * @example
 * const final = await watchSweep(db, sweepId, (p) => bar.update(p.succeeded + p.failed));
 */
export async function watchSweep(
  db: Kysely<Database>,
  sweepId: string,
  onUpdate: (progress: SweepProgress) => void,
  options: { intervalMs?: number; signal?: AbortSignal } = {},
): Promise<SweepProgress> {
  for (;;) {
    const progress = await sweepProgress(db, sweepId);
    onUpdate(progress);
    if (finished.has(progress.status) || options.signal?.aborted) return progress;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
  }
}
