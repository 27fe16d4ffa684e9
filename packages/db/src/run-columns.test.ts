import { randomUUID } from 'node:crypto';
import { type RunMetrics, type RunOutcome, StatisticNames } from '@fleet/contracts';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from './create-database.js';
import { findRun } from './run-analytics.js';
import { storedRunOf } from './run-columns.js';
import { storeRunOutcomes } from './store-run-outcomes.js';
import { createSweep } from './sweeps.js';

const db = createDatabase({ url: inject('databaseUrl') });
afterAll(() => db.destroy());

// A distinct value per statistic, so a metric read back from another's column cannot go unnoticed.
const metrics = Object.fromEntries(StatisticNames.map((n, i) => [n, i + 1])) as RunMetrics;
// The columns follow one naming rule; the mapping is checked against it, not against itself.
const columnOf = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

describe('the run row mapping', () => {
  it('reads back every field, metric and error of the outcomes it wrote', async () => {
    const sweepId = randomUUID();
    await createSweep(db, {
      id: sweepId,
      idempotencyKey: null,
      name: 'run-columns',
      spec: {},
      total: 2,
      jobs: 1,
      runsPerJob: 2,
    });
    const identity = {
      sweepId,
      strategy: 'sma_cross',
      symbol: 'ORCL',
      params: { fast: 10, slow: 30 },
      engineVersion: '1.0.0',
      codeVersion: 'test',
    };
    const result: RunOutcome = {
      ...identity,
      runIndex: 0,
      settings: { commission: 0.001 },
      durationMs: 3,
      cacheKey: 'k'.repeat(32),
      cached: true,
      status: 'succeeded',
      dataVersion: '0123456789abcdef',
      finalEquity: '102302.33',
      closedTrades: 97,
      winningTrades: 36,
      metrics,
    };
    const failure: RunOutcome = {
      ...identity,
      runIndex: 1,
      durationMs: 0,
      status: 'failed',
      error: { name: 'ConfigError', code: 'INVALID_PARAMS', message: 'fast must be < slow' },
    };
    await storeRunOutcomes(db, [result, failure]);

    const row = (await findRun(db, sweepId, 0)) ?? expect.fail('result row');
    const { finalEquity, closedTrades, winningTrades, metrics: storedMetrics, ...fields } = result;
    expect(row, 'each field is written to the column of its name').toMatchObject(
      Object.fromEntries(Object.entries(fields).map(([name, value]) => [columnOf(name), value])),
    );
    const stored = storedRunOf(row);
    expect(stored, 'each field comes back under its own name').toMatchObject({ ...fields, error: null });
    expect(stored.result, 'metrics come back from their own columns').toEqual({
      finalEquity,
      closedTrades,
      winningTrades,
      metrics: storedMetrics,
    });

    const storedFailure = storedRunOf((await findRun(db, sweepId, 1)) ?? expect.fail('failure row'));
    expect(storedFailure, 'absent fields read as the row stores them').toMatchObject({
      ...failure,
      settings: {},
      cacheKey: null,
      cached: false,
      dataVersion: null,
    });
    expect(storedFailure.result.finalEquity, 'a failure stores no metrics').toBeNull();
  });
});
