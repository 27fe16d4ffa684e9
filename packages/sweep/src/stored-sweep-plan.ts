import { SweepSpec } from '@fleet/contracts';
import { type Database, findSweep, type Kysely, type SweepRow } from '@fleet/db';
import { SweepPlan } from '@fleet/planning';
import { SweepNotFoundError } from './sweep-not-found-error.js';

/** A stored sweep with its manifest re-enumerated from the spec it was submitted with. */
export interface StoredSweep {
  row: SweepRow;
  plan: SweepPlan;
}

/** Loads a sweep and rebuilds its plan: Postgres holds everything needed to enumerate every planned run again. */
export async function loadStoredSweep(db: Kysely<Database>, sweepId: string): Promise<StoredSweep> {
  const row = await findSweep(db, sweepId);
  if (!row) throw new SweepNotFoundError(sweepId);
  return { row, plan: new SweepPlan(SweepSpec.parse(row.spec), row.id, { runsPerJob: row.runs_per_job }) };
}
