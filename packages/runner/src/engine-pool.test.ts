import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { BroadcastChannel } from 'node:worker_threads';
import type { RunJob } from '@fleet/contracts';
import type { BarSeries } from '@fleet/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { EnginePool } from './engine-pool.js';
import { EngineThreadCrashedError } from './engine-thread-crashed-error.js';

// Threads run the compiled entry point (a thread cannot load TypeScript), with test-only strategies as a plugin.
const threadFile = new URL('../dist/engine-thread.js', import.meta.url);
const plugin = fileURLToPath(new URL('../../../test/chaos/poison-strategies.mjs', import.meta.url));
const pool = new EnginePool({ size: 2, threadFile, strategyModules: [plugin] });
afterAll(() => pool.close());

const DAY = 86_400_000;
const closes = Array.from({ length: 400 }, (_, i) => 100 + 20 * Math.sin(i / 15));
const series: BarSeries = {
  symbol: 'TEST',
  interval: '1d',
  length: closes.length,
  time: Float64Array.from(closes, (_, i) => Date.UTC(2020, 0, 1) + i * DAY),
  open: Float64Array.from(closes),
  high: Float64Array.from(closes, (c) => c + 1),
  low: Float64Array.from(closes, (c) => c - 1),
  close: Float64Array.from(closes),
  volume: Float64Array.from(closes, () => 1000),
};
const provenance = { engineVersion: '1.0.0', codeVersion: 'test', dataVersion: '0123456789abcdef' };
const job = (strategy: string, runs: Record<string, number>[]): RunJob => ({
  sweepId: '00000000-0000-4000-8000-00000000000b',
  strategy,
  symbol: 'TEST',
  interval: '1d',
  start: '2020-01-01',
  end: '2021-12-31',
  settings: { cash: '100000', size: 10, commission: '0', slippageBps: 0 },
  runs: runs.map((params, index) => ({ index, params })),
});

describe('EnginePool', () => {
  it('evaluates a job off the main thread, one outcome per run in order', async () => {
    const outcomes = await pool.evaluate(
      job('sma_cross', [
        { fast: 5, slow: 20 },
        { fast: 30, slow: 10 },
        { fast: 10, slow: 40 },
      ]),
      series,
      { runTimeoutMs: 10_000, isolateCrashes: false, provenance },
    );
    expect(outcomes.map((o) => [o.runIndex, o.status])).toEqual([
      [0, 'succeeded'],
      [1, 'failed'],
      [2, 'succeeded'],
    ]);
  });

  it('stops a run that never returns, records it as a timeout, and finishes the rest on a fresh thread', async () => {
    const outcomes = await pool.evaluate(job('poison_hang', [{ hangAt: -1 }, { hangAt: 10 }, { hangAt: -1 }]), series, {
      runTimeoutMs: 500,
      isolateCrashes: false,
      provenance,
    });
    expect(outcomes.map((o) => [o.runIndex, o.status, o.status === 'failed' ? o.error.code : ''])).toEqual([
      [0, 'succeeded', ''],
      [1, 'failed', 'RUN_TIMEOUT'],
      [2, 'succeeded', ''],
    ]);
    expect(
      outcomes.map((o) => [o.engineVersion, o.codeVersion, o.dataVersion]),
      'a timed-out run records its provenance like the others',
    ).toEqual(Array(3).fill(['1.0.0', 'test', '0123456789abcdef']));
    const after = await pool.evaluate(job('sma_cross', [{ fast: 5, slow: 20 }]), series, {
      runTimeoutMs: 10_000,
      isolateCrashes: false,
      provenance,
    });
    expect(after[0]?.status, 'the pool is whole again').toBe('succeeded');
  });

  it('fails the attempt when a strategy kills its thread, so the queue can retry it', async () => {
    await expect(
      pool.evaluate(job('poison_exit', [{ exitAt: 5 }]), series, {
        runTimeoutMs: 10_000,
        isolateCrashes: false,
        provenance,
      }),
    ).rejects.toBeInstanceOf(EngineThreadCrashedError);
  });

  it('on the last attempt pins a crash on the run in flight and completes the others', async () => {
    const outcomes = await pool.evaluate(job('poison_exit', [{ exitAt: -1 }, { exitAt: 5 }, { exitAt: -1 }]), series, {
      runTimeoutMs: 10_000,
      isolateCrashes: true,
      provenance,
    });
    expect(outcomes.map((o) => [o.runIndex, o.status, o.status === 'failed' ? o.error.code : ''])).toEqual([
      [0, 'succeeded', ''],
      [1, 'failed', 'ENGINE_THREAD_CRASHED'],
      [2, 'succeeded', ''],
    ]);
  });

  it('crashes only its own thread when a strategy allocates past the heap limit, and finishes the rest', async () => {
    const small = new EnginePool({ size: 1, threadFile, strategyModules: [plugin], heapLimitMb: 64 });
    try {
      const outcomes = await small.evaluate(
        job('poison_allocate', [{ allocateAt: -1 }, { allocateAt: 5 }, { allocateAt: -1 }]),
        series,
        { runTimeoutMs: 60_000, isolateCrashes: true, provenance },
      );
      expect(outcomes.map((o) => [o.runIndex, o.status, o.status === 'failed' ? o.error.code : ''])).toEqual([
        [0, 'succeeded', ''],
        [1, 'failed', 'ENGINE_THREAD_CRASHED'],
        [2, 'succeeded', ''],
      ]);
      expect(outcomes[1]?.status === 'failed' && outcomes[1].error.message, 'the reason is the heap').toMatch(
        /out of memory/i,
      );
    } finally {
      await small.close();
    }
  });

  it('records a strategy that throws as a failed run with its message', async () => {
    const [outcome] = await pool.evaluate(job('poison_throw', [{}]), series, {
      runTimeoutMs: 10_000,
      isolateCrashes: false,
      provenance,
    });
    expect(outcome).toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining('poison strategy always throws') },
    });
  });

  it('times a run from when its thread starts the task, so a slow thread start-up is no run’s timeout', async () => {
    // The thread's one plugin finishes loading only when the test says so, which holds the thread in its start-up
    // for twice the run timeout: a timer armed when the task is posted would time the run out before it began.
    const channel = `engine-pool-start-gate-${process.pid}`;
    const dir = mkdtempSync(join(tmpdir(), 'engine-pool-'));
    const gate = join(dir, 'gated-start.mjs');
    writeFileSync(
      gate,
      `import { BroadcastChannel } from 'node:worker_threads';
await new Promise((resolve) => {
  const gate = new BroadcastChannel(${JSON.stringify(channel)});
  gate.onmessage = (event) => {
    if (event.data !== 'open') return;
    gate.close();
    resolve();
  };
  gate.postMessage('held');
});
`,
    );
    const control = new BroadcastChannel(channel);
    const held = new Promise<void>((resolve) => {
      control.onmessage = (event) => {
        if ((event as MessageEvent).data === 'held') resolve();
      };
    });
    const gated = new EnginePool({ size: 1, threadFile, strategyModules: [gate] });
    try {
      const runTimeoutMs = 1_000;
      const evaluation = gated.evaluate(job('sma_cross', [{ fast: 5, slow: 20 }]), series, {
        runTimeoutMs,
        isolateCrashes: false,
        provenance,
      });
      await held;
      await sleep(2 * runTimeoutMs);
      control.postMessage('open');
      const outcomes = await evaluation;
      expect(
        outcomes.map((o) => [o.status, o.status === 'failed' ? o.error.code : '']),
        'the run, a few milliseconds of work, started after the start-up',
      ).toEqual([['succeeded', '']]);
    } finally {
      control.close();
      await gated.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
