import { randomBytes, randomUUID } from 'node:crypto';
import { RunMetrics, type RunOutcome, SweepSpec } from '@fleet/contracts';
import {
  createDatabase,
  createDatabaseIfMissing,
  createSweep,
  dropDatabase,
  migrateToLatest,
  storeRunOutcomes,
} from '@fleet/db';
import { SweepPlan } from '@fleet/planning';
import { PlannedRunVerifier } from '@fleet/sweep';

/**
 * `node packages/sweep/dist/bench/bench-verify.js`: what checking that outcomes are planned runs costs the aggregator,
 * against what storing them costs. Stores 20 batches of 500 outcomes of a 100,000-run grid sweep and of a 20,000-run
 * filtered sweep, timing the verifier and the store on each, and prints both per outcome and their ratio. It uses a
 * database of its own and drops it afterwards.
 */
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseUrl = new URL(ADMIN_URL);
databaseUrl.pathname = `/fleet_bench_verify_${randomBytes(4).toString('hex')}`;
const BATCH = 500;
const BATCHES = 20;
const metrics = Object.fromEntries(RunMetrics.keyof().options.map((m) => [m, 1])) as RunMetrics;

const sweeps = {
  grid: { fast: { from: 1, to: 1000, step: 1 }, slow: { from: 1001, to: 1100, step: 1 } },
  filtered: { fast: { from: 1, to: 400, step: 1 }, slow: { from: 1, to: 400, step: 1 } },
};

await createDatabaseIfMissing(databaseUrl.toString());
const db = createDatabase({ url: databaseUrl.toString() });
try {
  await migrateToLatest(db);
  for (const [kind, params] of Object.entries(sweeps)) {
    const spec = SweepSpec.parse({
      name: `bench-verify-${kind}`,
      symbols: ['ORCL'],
      start: '2005-01-01',
      end: '2012-12-31',
      strategies: [{ name: 'sma_cross', params, ...(kind === 'filtered' ? { where: 'fast * 4 < slow' } : {}) }],
    });
    const sweepId = randomUUID();
    const plan = new SweepPlan(spec, sweepId, { runsPerJob: 100 });
    await createSweep(db, {
      id: sweepId,
      idempotencyKey: null,
      name: spec.name,
      spec,
      total: plan.totalRuns,
      jobs: plan.totalJobs,
      runsPerJob: 100,
    });
    const outcomes: RunOutcome[] = [...plan.jobs()].flatMap((j) =>
      j.data.runs.map((r) => ({
        sweepId,
        runIndex: r.index,
        strategy: j.data.strategy,
        symbol: j.data.symbol,
        params: r.params,
        durationMs: 1,
        engineVersion: '1',
        codeVersion: 'bench',
        status: 'succeeded' as const,
        dataVersion: '0123456789abcdef',
        finalEquity: '100000',
        closedTrades: 1,
        winningTrades: 1,
        metrics,
      })),
    );
    // Spread over the sweep, as batches arrive from many jobs.
    const stride = Math.floor(outcomes.length / (BATCH * BATCHES));
    const sample = outcomes.filter((_, i) => i % stride === 0).slice(0, BATCH * BATCHES);
    const verifier = PlannedRunVerifier.forDatabase(db);
    let started = performance.now();
    await verifier.check(sample.slice(0, 1));
    const firstLoadMs = performance.now() - started;
    let verifyMs = 0;
    let storeMs = 0;
    for (let b = 0; b < BATCHES; b++) {
      const batch = sample.slice(b * BATCH, (b + 1) * BATCH);
      started = performance.now();
      const { planned } = await verifier.check(batch);
      verifyMs += performance.now() - started;
      if (planned.length !== batch.length) throw new Error('a planned run was refused');
      started = performance.now();
      await storeRunOutcomes(db, planned);
      storeMs += performance.now() - started;
    }
    const n = BATCH * BATCHES;
    process.stdout.write(
      `${kind}: ${plan.totalRuns} runs; plan load ${firstLoadMs.toFixed(1)} ms once; verify ${((verifyMs * 1000) / n).toFixed(2)} µs/outcome, store ${((storeMs * 1000) / n).toFixed(1)} µs/outcome; verify/store = ${((100 * verifyMs) / storeMs).toFixed(2)}%\n`,
    );
  }
} finally {
  await db.destroy();
  await dropDatabase(databaseUrl.toString());
}
