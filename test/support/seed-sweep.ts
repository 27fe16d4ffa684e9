import { randomUUID } from 'node:crypto';
import { SweepSpec, type SweepSpecInput } from '@fleet/contracts';
import { createSweep, type Database, importBars, type Kysely, loadBars, storeRunOutcomes } from '@fleet/db';
import { readBarsFile } from '@fleet/market-data';
import { SweepPlan } from '@fleet/planning';
import { evaluateInline, executeRunJob } from '@fleet/runner';

/**
 * Imports price files and stores a whole sweep's outcomes exactly as workers would compute them (the worker's own
 * `executeRunJob`), without queues: for tests of what reads results, which need real rows, not the fleet.
 */
export async function seedSweep(
  db: Kysely<Database>,
  spec: SweepSpecInput,
  files: readonly string[],
  runsPerJob = 25,
): Promise<{ sweepId: string; plan: SweepPlan }> {
  for (const file of files) {
    const parsed = await readBarsFile(file, { adjusted: false });
    await importBars(db, { symbol: parsed.symbol, interval: parsed.interval }, [parsed.bars]);
  }
  const sweepId = randomUUID();
  const parsedSpec = SweepSpec.parse(spec);
  const plan = new SweepPlan(parsedSpec, sweepId, { runsPerJob });
  await createSweep(db, {
    id: sweepId,
    idempotencyKey: null,
    name: parsedSpec.name,
    spec: parsedSpec,
    total: plan.totalRuns,
    jobs: plan.totalJobs,
    runsPerJob,
  });
  for (const job of plan.jobs()) {
    const outcomes = await executeRunJob(
      job.data,
      (symbol, interval, from, to) => loadBars(db, symbol, interval, from, to),
      evaluateInline,
      'seed-sweep',
    );
    await storeRunOutcomes(db, outcomes);
  }
  return { sweepId, plan };
}
