import { randomUUID } from 'node:crypto';
import { SweepSpec, type SweepSpecInput } from '@fleet/contracts';
import {
  createSweep,
  type Database,
  importBars,
  type Kysely,
  listFoldSelections,
  loadBars,
  storeRunOutcomes,
} from '@fleet/db';
import { readBarsFile } from '@fleet/market-data';
import { SweepPlan } from '@fleet/planning';
import { evaluateInline, executeRunJob } from '@fleet/runner';

/**
 * Imports price files and stores a whole sweep's outcomes exactly as workers would compute them (the worker's own
 * `executeRunJob`), without queues: for tests of what reads results, which need real rows, not the fleet. A validated
 * sweep's out-of-sample runs follow its in-sample ones, with the parameters their commit chose, as the aggregator
 * would enqueue them.
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
    ...(parsedSpec.validation
      ? {
          foldSlots: plan.outOfSampleSlots.map((slot) => ({
            runIndex: slot.runIndex,
            fold: slot.fold,
            strategy: slot.strategy,
            symbol: slot.symbol,
            firstRun: slot.inSample.firstRun,
            runs: slot.inSample.runs,
            selectMetric: parsedSpec.validation?.select ?? 'sharpe',
            minTrades: parsedSpec.validation?.minTrades ?? 0,
          })),
        }
      : {}),
  });
  const load = (symbol: string, interval: string, from: number, to: number) => loadBars(db, symbol, interval, from, to);
  for (const job of plan.jobs())
    await storeRunOutcomes(db, await executeRunJob(job.data, load, evaluateInline, 'seed-sweep'));
  for (const selection of await listFoldSelections(db, sweepId)) {
    const slot = plan.outOfSampleAt(Number(selection.run_index));
    if (!slot || selection.params === null) continue;
    const job = plan.outOfSampleJob(slot, { params: selection.params, settings: selection.settings ?? {} });
    await storeRunOutcomes(db, await executeRunJob(job, load, evaluateInline, 'seed-sweep'));
  }
  return { sweepId, plan };
}
