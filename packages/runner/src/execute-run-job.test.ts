import { type RunJob, RunOutcome } from '@fleet/contracts';
import { ENGINE_VERSION } from '@fleet/engine';
import { describe, expect, it } from 'vitest';
import {
  evaluateInline,
  executeRunJob,
  jobFailureOutcomes,
  jobTimeRange,
  type VersionedSeries,
} from './execute-run-job.js';

const DAY = 86_400_000;
const DATA_VERSION = '0123456789abcdef';
const CODE_VERSION = 'test-code';
function series(closes: readonly number[]): VersionedSeries {
  const n = closes.length;
  const f = (fn: (c: number) => number) => Float64Array.from(closes, fn);
  return {
    symbol: 'TEST',
    interval: '1d',
    dataVersion: DATA_VERSION,
    length: n,
    time: Float64Array.from(closes, (_, i) => Date.UTC(2020, 0, 1) + i * DAY),
    open: f((c) => c),
    high: f((c) => c + 1),
    low: f((c) => c - 1),
    close: f((c) => c),
    volume: f(() => 1000),
  };
}
const wave = Array.from({ length: 300 }, (_, i) => 100 + 20 * Math.sin(i / 15));

const job = (strategy: string, params: Record<string, number>[]): RunJob => ({
  sweepId: '00000000-0000-4000-8000-00000000000a',
  strategy,
  symbol: 'TEST',
  interval: '1d',
  start: '2020-01-01',
  end: '2020-12-31',
  settings: { cash: '100000', size: 10, commission: '0.001', slippageBps: 0 },
  runs: params.map((p, i) => ({ index: 100 + i, params: p })),
});

describe('executeRunJob', () => {
  it('returns one outcome per planned run, in order, keyed by sweep and run index', async () => {
    const outcomes = await executeRunJob(
      job('sma_cross', [
        { fast: 5, slow: 20 },
        { fast: 10, slow: 40 },
      ]),
      async () => series(wave),
      evaluateInline,
      CODE_VERSION,
    );
    expect(outcomes.map((o) => [o.runIndex, o.status])).toEqual([
      [100, 'succeeded'],
      [101, 'succeeded'],
    ]);
    const first = outcomes[0];
    expect(
      first?.status === 'succeeded' && first.closedTrades,
      'a sine wave makes the crossover trade',
    ).toBeGreaterThan(0);
  });

  it('records bad parameters as a failed run with the reason, without failing its neighbours', async () => {
    const outcomes = await executeRunJob(
      job('sma_cross', [
        { fast: 30, slow: 10 },
        { fast: 5, slow: 20 },
      ]),
      async () => series(wave),
      evaluateInline,
      CODE_VERSION,
    );
    expect(outcomes[0]).toMatchObject({ status: 'failed', error: { name: 'ConfigError' } });
    expect(outcomes[1]?.status).toBe('succeeded');
  });

  it('refuses bars of another version than the sweep was submitted against, so a sweep never mixes data', async () => {
    const pinned = { ...job('sma_cross', [{ fast: 5, slow: 20 }]), dataVersion: '0000000000000000' };
    const outcomes = await executeRunJob(pinned, async () => series(wave), evaluateInline, CODE_VERSION);
    expect(outcomes[0]).toMatchObject({ status: 'failed', error: { code: 'DATA_VERSION_CHANGED' } });
    const current = { ...pinned, dataVersion: DATA_VERSION };
    const [ok] = await executeRunJob(current, async () => series(wave), evaluateInline, CODE_VERSION);
    expect(ok?.status).toBe('succeeded');
  });

  it('reuses a stored result for a run whose cache key matches, and computes the others', async () => {
    const j = job('sma_cross', [
      { fast: 5, slow: 20 },
      { fast: 10, slow: 40 },
    ]);
    const [fresh] = await executeRunJob(
      { ...j, runs: [j.runs[0] as RunJob['runs'][number]] },
      async () => series(wave),
      evaluateInline,
      CODE_VERSION,
    );
    const key = fresh?.cacheKey as string;
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    const stored = {
      cache_key: key,
      data_version: DATA_VERSION,
      final_equity: '123.45',
      closed_trades: 1,
      winning_trades: 1,
      total_return: 0,
      cagr: 0,
      volatility: 0,
      sharpe: 9,
      sortino: 0,
      max_drawdown: 0,
      max_drawdown_duration: 0,
      calmar: 0,
      win_rate: 1,
      profit_factor: null,
      average_trade: 0,
      exposure: 0,
      symbol_summary: null,
      excess_return: 0,
      bar_sharpe: 0.5,
      return_moments: [400, 0.001, 0.002, 0, 3],
      block_stats: null,
    };
    const outcomes = await executeRunJob(
      j,
      async () => series(wave),
      evaluateInline,
      CODE_VERSION,
      async (keys) => new Map(keys.filter((k) => k === key).map((k) => [k, stored])),
    );
    expect(outcomes.map((o) => [o.runIndex, o.cached ?? false])).toEqual([
      [100, true],
      [101, false],
    ]);
    expect(outcomes[0]).toMatchObject({
      status: 'succeeded',
      finalEquity: '123.45',
      metrics: { sharpe: 9, barSharpe: 0.5 },
      returnStatistics: { observations: 400, mean: 0.001, std: 0.002, skewness: 0, kurtosis: 3, blocks: null },
    });
  });

  it("misses the cache once a plugin strategy's module code changed, and hits while it has not", async () => {
    const j = job('sma_cross', [{ fast: 5, slow: 20 }]);
    const run = (digest: string, lookup?: (keys: readonly string[]) => Promise<Map<string, never>>) =>
      executeRunJob(j, async () => series(wave), evaluateInline, CODE_VERSION, lookup, { sma_cross: digest });
    const [first] = await run('a'.repeat(64));
    const storedKeys = new Set([first?.cacheKey]);
    const lookup = async (keys: readonly string[]) =>
      new Map(
        keys
          .filter((k) => storedKeys.has(k))
          .map((k) => [k, { ...first, cache_key: k, return_moments: null, block_stats: null } as never]),
      );
    const [unchanged] = await run('a'.repeat(64), lookup);
    const [changed] = await run('b'.repeat(64), lookup);
    expect(unchanged?.cached, 'same module code: served from the cache').toBe(true);
    expect(changed?.cached, 'changed module code: computed again').toBeUndefined();
    expect(changed?.cacheKey).not.toBe(first?.cacheKey);
  });

  it('fails every run with a clear reason when there are no bars in the range', async () => {
    const outcomes = await executeRunJob(
      job('sma_cross', [{ fast: 5, slow: 20 }]),
      async () => series([]),
      evaluateInline,
      CODE_VERSION,
    );
    expect(outcomes).toEqual([
      expect.objectContaining({ status: 'failed', error: expect.objectContaining({ code: 'NO_BARS' }) }),
    ]);
  });

  it('fails every run naming the bad bar when the data breaks an OHLC rule', async () => {
    const bad = series(wave);
    bad.high[7] = 1;
    const outcomes = await executeRunJob(
      job('sma_cross', [{ fast: 5, slow: 20 }]),
      async () => bad,
      evaluateInline,
      CODE_VERSION,
    );
    expect(outcomes[0]).toMatchObject({ status: 'failed', error: { name: 'InvalidDataError' } });
  });

  it('records the data, engine and code versions in every outcome, valid by the contract', async () => {
    const outcomes = await executeRunJob(
      job('sma_cross', [
        { fast: 5, slow: 20 },
        { fast: 30, slow: 10 },
      ]),
      async () => series(wave),
      evaluateInline,
      CODE_VERSION,
    );
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({
        dataVersion: DATA_VERSION,
        engineVersion: ENGINE_VERSION,
        codeVersion: CODE_VERSION,
      });
      expect(RunOutcome.safeParse(outcome).success, 'the aggregator accepts it').toBe(true);
    }
  });

  it('fails every run without a data version when the series was never imported', async () => {
    const outcomes = await executeRunJob(
      job('sma_cross', [{ fast: 5, slow: 20 }]),
      async () => ({ ...series([]), dataVersion: null }),
      evaluateInline,
      CODE_VERSION,
    );
    expect(outcomes[0]).toMatchObject({ status: 'failed', error: { code: 'NO_BARS' }, codeVersion: CODE_VERSION });
    expect(outcomes[0]).not.toHaveProperty('dataVersion');
    expect(RunOutcome.safeParse(outcomes[0]).success, 'a failure without data version is still valid').toBe(true);
  });

  it('lets infrastructure faults escape, so the queue retries the job', async () => {
    await expect(
      executeRunJob(
        job('sma_cross', [{ fast: 5, slow: 20 }]),
        async () => {
          throw new Error('connection refused');
        },
        evaluateInline,
        CODE_VERSION,
      ),
    ).rejects.toThrow('connection refused');
  });
});

describe('jobTimeRange', () => {
  it('covers the whole of both dates in UTC', () => {
    expect(jobTimeRange({ start: '2020-01-01', end: '2020-01-02' })).toEqual({
      from: Date.UTC(2020, 0, 1),
      to: Date.UTC(2020, 0, 3) - 1,
    });
  });

  it('loads exactly the instants of UTC date-times, so an intraday sweep can start and end within a day', () => {
    expect(jobTimeRange({ start: '2017-06-01T09:00:00Z', end: '2017-06-01T17:30:00Z' })).toEqual({
      from: Date.UTC(2017, 5, 1, 9),
      to: Date.UTC(2017, 5, 1, 17, 30),
    });
  });
});

describe('jobFailureOutcomes', () => {
  it('records one failed row per run with the error name and code', () => {
    const error = Object.assign(new Error('worker thread exited'), { name: 'SandboxCrash', code: 'EXIT' });
    expect(
      jobFailureOutcomes(job('x', [{ a: 1 }, { a: 2 }]), error, CODE_VERSION).map((o) => [
        o.runIndex,
        o.status === 'failed' && o.error.code,
      ]),
    ).toEqual([
      [100, 'EXIT'],
      [101, 'EXIT'],
    ]);
  });
});
