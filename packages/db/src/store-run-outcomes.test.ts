import { randomUUID } from 'node:crypto';
import type { RunOutcome } from '@fleet/contracts';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from './create-database.js';
import { countRuns } from './run-queries.js';
import { storeRunOutcomes } from './store-run-outcomes.js';
import { createSweep, deleteFailedRuns, findSweep } from './sweeps.js';

const db = createDatabase({ url: inject('databaseUrl') });
afterAll(() => db.destroy());

const metrics = {
  totalReturn: 0.1,
  cagr: 0.01,
  volatility: 0.2,
  sharpe: 0.5,
  sortino: 0.7,
  maxDrawdown: 0.3,
  maxDrawdownDuration: 100,
  calmar: 0.03,
  winRate: 0.4,
  profitFactor: 1.2,
  averageTrade: 10,
  exposure: 0.5,
  excessReturn: -0.2,
  barSharpe: 0.03,
};
const succeeded = (sweepId: string, runIndex: number): RunOutcome => ({
  sweepId,
  runIndex,
  strategy: 'sma_cross',
  symbol: 'ORCL',
  params: { fast: 10, slow: 30 },
  durationMs: 1,
  engineVersion: '1.0.0',
  codeVersion: 'test',
  status: 'succeeded',
  dataVersion: '0123456789abcdef',
  finalEquity: '102302.33',
  closedTrades: 97,
  winningTrades: 36,
  metrics,
});
const failed = (sweepId: string, runIndex: number): RunOutcome => ({
  sweepId,
  runIndex,
  strategy: 'sma_cross',
  symbol: 'ORCL',
  params: { fast: 10, slow: 30 },
  durationMs: 0,
  engineVersion: '1.0.0',
  codeVersion: 'test',
  status: 'failed',
  error: { name: 'ConfigError', code: 'INVALID_PARAMS', message: 'fast must be < slow' },
});

async function newSweep(total: number): Promise<string> {
  const id = randomUUID();
  await createSweep(db, { id, idempotencyKey: null, name: 'test', spec: {}, total, jobs: 1, runsPerJob: total || 1 });
  return id;
}

describe('storeRunOutcomes', () => {
  it('never stores the same run key twice, and counts only what it inserted', async () => {
    const sweepId = await newSweep(3);
    const first = await storeRunOutcomes(db, [succeeded(sweepId, 0), succeeded(sweepId, 1)]);
    const again = await storeRunOutcomes(db, [succeeded(sweepId, 1), succeeded(sweepId, 0), succeeded(sweepId, 1)]);
    expect(first).toMatchObject({ inserted: 2, duplicates: 0 });
    expect(again, 'a redelivered batch is absorbed by the unique key').toMatchObject({ inserted: 0, duplicates: 3 });
    expect(await countRuns(db, sweepId)).toEqual({ succeeded: 2, failed: 0 });
    expect(await findSweep(db, sweepId)).toMatchObject({ succeeded: 2, failed: 0, status: 'running' });
  });

  it('counts the runs served from the result cache, once each however often they are redelivered', async () => {
    const sweepId = await newSweep(3);
    const cached = (i: number): RunOutcome => ({ ...succeeded(sweepId, i), cacheKey: `k${i}`, cached: true });
    await storeRunOutcomes(db, [cached(0), succeeded(sweepId, 1), cached(2)]);
    await storeRunOutcomes(db, [cached(0), cached(2)]);
    expect(await findSweep(db, sweepId)).toMatchObject({ succeeded: 3, cached: 2, status: 'completed' });
  });

  it('closes a sweep in the same commit that stores its last run, with failures noted in the status', async () => {
    const clean = await newSweep(2);
    const mixed = await newSweep(2);
    const stored = await storeRunOutcomes(db, [
      succeeded(clean, 0),
      succeeded(clean, 1),
      succeeded(mixed, 0),
      failed(mixed, 1),
    ]);
    expect(stored.finishedSweeps.sort((a, b) => a.sweepId.localeCompare(b.sweepId))).toEqual(
      [
        { sweepId: clean, status: 'completed' },
        { sweepId: mixed, status: 'completed_with_failures' },
      ].sort((a, b) => a.sweepId.localeCompare(b.sweepId)),
    );
    expect(await findSweep(db, mixed)).toMatchObject({ succeeded: 1, failed: 1, status: 'completed_with_failures' });
    expect((await findSweep(db, clean))?.finished_at).toBeInstanceOf(Date);
  });

  it('keeps counters equal to rows when concurrent writers race on the same runs', async () => {
    const sweepId = await newSweep(200);
    const batch = Array.from({ length: 200 }, (_, i) => succeeded(sweepId, i));
    const results = await Promise.all([
      storeRunOutcomes(db, batch),
      storeRunOutcomes(db, [...batch].reverse()),
      storeRunOutcomes(db, batch.slice(50, 150)),
    ]);
    expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(200);
    expect(await findSweep(db, sweepId)).toMatchObject({ succeeded: 200, status: 'completed' });
  });

  it('records the data, engine and code versions of every run, and no data version for a run that loaded none', async () => {
    const sweepId = await newSweep(2);
    await storeRunOutcomes(db, [succeeded(sweepId, 0), failed(sweepId, 1)]);
    const rows = await db
      .selectFrom('runs')
      .select(['run_index', 'data_version', 'engine_version', 'code_version'])
      .where('sweep_id', '=', sweepId)
      .orderBy('run_index')
      .execute();
    expect(rows).toEqual([
      { run_index: 0, data_version: '0123456789abcdef', engine_version: '1.0.0', code_version: 'test' },
      { run_index: 1, data_version: null, engine_version: '1.0.0', code_version: 'test' },
    ]);
  });

  it('stores a batch larger than one statement can carry (65,535 parameters) in one transaction', async () => {
    const sweepId = await newSweep(5_000);
    const stored = await storeRunOutcomes(
      db,
      Array.from({ length: 5_000 }, (_, i) => succeeded(sweepId, i)),
    );
    expect(stored.inserted).toBe(5_000);
    expect(await findSweep(db, sweepId)).toMatchObject({ succeeded: 5_000, status: 'completed' });
  });

  it('drops outcomes of a sweep that does not exist instead of failing the whole batch', async () => {
    const sweepId = await newSweep(1);
    const stored = await storeRunOutcomes(db, [succeeded(randomUUID(), 0), succeeded(sweepId, 0)]);
    expect(stored).toMatchObject({ inserted: 1, orphaned: 1 });
  });

  it('lets the result of a retried run replace its failure redelivered after retry-failed deleted it', async () => {
    const sweepId = await newSweep(2);
    await storeRunOutcomes(db, [succeeded(sweepId, 0), failed(sweepId, 1)]);
    expect(await deleteFailedRuns(db, sweepId)).toEqual([1]);
    // The failure's stream entry was still unacknowledged when retry-failed deleted its row: it comes back.
    await storeRunOutcomes(db, [failed(sweepId, 1)]);
    expect(await findSweep(db, sweepId)).toMatchObject({ failed: 1, status: 'completed_with_failures' });
    const retried = await storeRunOutcomes(db, [succeeded(sweepId, 1)]);
    expect(retried).toMatchObject({ inserted: 0, replaced: 1, duplicates: 0, finishedSweeps: [] });
    expect(await countRuns(db, sweepId)).toEqual({ succeeded: 2, failed: 0 });
    expect(await findSweep(db, sweepId), 'counters follow the replaced row').toMatchObject({
      succeeded: 2,
      failed: 0,
      status: 'completed',
    });
    const row = await db
      .selectFrom('runs')
      .select(['status', 'error_name', 'final_equity'])
      .where('sweep_id', '=', sweepId)
      .where('run_index', '=', 1)
      .executeTakeFirstOrThrow();
    expect(row, 'nothing of the failure is left on the row').toEqual({
      status: 'succeeded',
      error_name: null,
      final_equity: '102302.33',
    });
  });

  it('never lets a failure replace a result, and keeps one outcome per run of a batch, the result first', async () => {
    const sweepId = await newSweep(2);
    const mixed = await storeRunOutcomes(db, [failed(sweepId, 0), succeeded(sweepId, 0), succeeded(sweepId, 0)]);
    expect(mixed).toMatchObject({ inserted: 1, replaced: 0, duplicates: 2 });
    const late = await storeRunOutcomes(db, [failed(sweepId, 0), failed(sweepId, 1)]);
    expect(late).toMatchObject({ inserted: 1, replaced: 0, duplicates: 1 });
    expect(await countRuns(db, sweepId)).toEqual({ succeeded: 1, failed: 1 });
    expect(await findSweep(db, sweepId)).toMatchObject({ succeeded: 1, failed: 1, status: 'completed_with_failures' });
  });

  it('drops an outcome whose run index is past its sweep total, so it can never count towards closing the sweep', async () => {
    const sweepId = await newSweep(2);
    const stored = await storeRunOutcomes(db, [succeeded(sweepId, 0), succeeded(sweepId, 2), failed(sweepId, 7)]);
    expect(stored).toMatchObject({ inserted: 1, outOfPlan: 2, finishedSweeps: [] });
    expect(await findSweep(db, sweepId)).toMatchObject({ succeeded: 1, failed: 0, status: 'running' });
  });
});
