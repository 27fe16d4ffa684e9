import type { RunOutcome } from '@fleet/contracts';
import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { publishOutcomes, ResultsConsumer, resultsStreamKey } from './results-stream.js';

const redis = new Redis(inject('redisUrl'));
let prefix = '';
let n = 0;
beforeEach(() => {
  prefix = `fleet-${inject('runId')}-stream-${n++}`;
});
afterAll(async () => {
  for (let i = 0; i < n; i++) await redis.del(resultsStreamKey(`fleet-${inject('runId')}-stream-${i}`));
  await redis.quit();
});

const outcome = (runIndex: number): RunOutcome => ({
  sweepId: '00000000-0000-4000-8000-000000000001',
  runIndex,
  strategy: 's',
  symbol: 'A',
  params: { a: 1 },
  durationMs: 0,
  engineVersion: '1.0.0',
  codeVersion: 'test',
  status: 'failed',
  error: { name: 'E', code: 'C', message: 'm' },
});

describe('ResultsConsumer', () => {
  it('hands each entry to one consumer and deletes it once acknowledged', async () => {
    const consumer = new ResultsConsumer(redis, prefix, 'a');
    await consumer.ensureGroup();
    await consumer.ensureGroup();
    await publishOutcomes(redis, prefix, [outcome(0), outcome(1)]);
    const entries = await consumer.read(10, 100);
    expect(entries.flatMap((e) => e.outcomes.map((o) => o.runIndex))).toEqual([0, 1]);
    expect(
      await new ResultsConsumer(redis, prefix, 'b').read(10, 50),
      'a delivered entry is not given to a second consumer',
    ).toEqual([]);
    await consumer.acknowledge(entries.map((e) => e.id));
    expect(await redis.xlen(resultsStreamKey(prefix)), 'acknowledged entries do not accumulate in Redis').toBe(0);
  });

  it('gives an unacknowledged entry back to the same consumer after a restart', async () => {
    const before = new ResultsConsumer(redis, prefix, 'a');
    await before.ensureGroup();
    await publishOutcomes(redis, prefix, [outcome(7)]);
    await before.read(10, 100);
    const after = new ResultsConsumer(redis, prefix, 'a');
    const again = await after.read(10, 100);
    expect(again.flatMap((e) => e.outcomes.map((o) => o.runIndex))).toEqual([7]);
  });

  it('hands a restarted consumer each of its unacknowledged entries once, however many pages its drain takes', async () => {
    const before = new ResultsConsumer(redis, prefix, 'a');
    await before.ensureGroup();
    for (let i = 0; i < 5; i++) await publishOutcomes(redis, prefix, [outcome(i)]);
    await before.read(10, 100);
    const after = new ResultsConsumer(redis, prefix, 'a');
    const drained: number[] = [];
    // Nothing is acknowledged in between, as while an aggregator buffers entries towards a full batch.
    for (let pages = 0; pages < 10; pages++) {
      const page = await after.read(2, 50);
      if (page.length === 0) break;
      drained.push(...page.flatMap((e) => e.outcomes.map((o) => o.runIndex)));
    }
    expect(drained, 'each pending entry once, in order').toEqual([0, 1, 2, 3, 4]);
  });

  it("lets another consumer claim a dead consumer's entries once they have been idle long enough", async () => {
    const dead = new ResultsConsumer(redis, prefix, 'dead');
    await dead.ensureGroup();
    await publishOutcomes(redis, prefix, [outcome(3)]);
    await dead.read(10, 100);
    const survivor = new ResultsConsumer(redis, prefix, 'survivor', { claimIdleMs: 50 });
    await new Promise((r) => setTimeout(r, 80));
    const claimed = await survivor.read(10, 100);
    expect(claimed.flatMap((e) => e.outcomes.map((o) => o.runIndex))).toEqual([3]);
  });

  it('reports an unreadable entry instead of throwing, keeping the valid outcomes of the entry', async () => {
    const consumer = new ResultsConsumer(redis, prefix, 'a');
    await consumer.ensureGroup();
    await redis.xadd(resultsStreamKey(prefix), '*', 'outcomes', JSON.stringify([outcome(1), { runIndex: -1 }]));
    await redis.xadd(resultsStreamKey(prefix), '*', 'outcomes', 'not json');
    const [mixed, garbage] = await consumer.read(10, 100);
    expect(mixed?.outcomes.map((o) => o.runIndex)).toEqual([1]);
    expect(mixed?.invalid).toMatch(/status/);
    expect(garbage?.outcomes).toEqual([]);
    expect(garbage?.invalid).toMatch(/not a JSON array/);
  });
});
