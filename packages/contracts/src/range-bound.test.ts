import { describe, expect, it } from 'vitest';
import { RangeBound, rangeEndMs, rangeStartMs } from './range-bound.js';
import { RunJob } from './run-job.js';
import { SweepSpec } from './sweep-spec.js';

describe('RangeBound', () => {
  it('covers a whole UTC day for a date, and exactly the instant for a date-time', () => {
    expect(rangeStartMs('2017-06-01')).toBe(Date.UTC(2017, 5, 1));
    expect(rangeEndMs('2017-06-01')).toBe(Date.UTC(2017, 5, 2) - 1);
    expect(rangeStartMs('2017-06-01T09:30:00Z')).toBe(Date.UTC(2017, 5, 1, 9, 30));
    expect(rangeEndMs('2017-06-01T16:00:00.500Z')).toBe(Date.UTC(2017, 5, 1, 16, 0, 0, 500));
  });

  it('refuses local times and other text with one message', () => {
    for (const text of ['2017-06-01T09:30:00', '2017-06-01 09:30', 'June 1']) {
      expect(RangeBound.safeParse(text).error?.issues[0]?.message).toBe(
        'must be a date YYYY-MM-DD or a UTC date-time YYYY-MM-DDTHH:MM:SSZ',
      );
    }
  });

  it('lets a sweep and its jobs run within a day, ordered by instant rather than by text', () => {
    const sweep = {
      name: 'intraday',
      symbols: ['EURUSD'],
      interval: '1h',
      strategies: [{ name: 'buy_and_hold' }],
    };
    expect(SweepSpec.safeParse({ ...sweep, start: '2017-06-01T09:00:00Z', end: '2017-06-01T17:00:00Z' }).success).toBe(
      true,
    );
    expect(
      SweepSpec.safeParse({ ...sweep, start: '2017-06-01T09:00:00Z', end: '2017-06-01' }).success,
      'the day 2017-06-01 ends after 09:00 on it',
    ).toBe(true);
    expect(
      SweepSpec.safeParse({ ...sweep, start: '2017-06-02T09:00:00Z', end: '2017-06-01' }).error?.issues[0]?.message,
    ).toBe('end must not be before start');
    const job = RunJob.safeParse({
      sweepId: '00000000-0000-4000-8000-000000000000',
      strategy: 'buy_and_hold',
      symbol: 'EURUSD',
      interval: '1h',
      start: '2017-06-01T09:00:00Z',
      end: '2017-06-01T17:00:00Z',
      settings: { cash: '100000', size: 100, commission: '0', slippageBps: 0 },
      runs: [{ index: 0, params: {} }],
    });
    expect(job.success, JSON.stringify(job.error?.issues)).toBe(true);
  });
});
