import { type RunJob, resolveSettings, SettingNames } from '@fleet/contracts';
import { describe, expect, it } from 'vitest';
import { runCacheKey } from './run-cache-key.js';

const job = {
  sweepId: '00000000-0000-4000-8000-000000000000',
  strategy: 'sma_cross',
  symbol: 'ORCL',
  interval: '1d',
  start: '2000-01-01',
  end: '2001-01-01',
  settings: resolveSettings({}),
  runs: [{ index: 0, params: { fast: 5, slow: 20 } }],
} satisfies RunJob;

/** A value other than the default for each setting, so each can be shown to change the key. */
const changed: Record<string, unknown> = {
  cash: '5000',
  size: 7,
  sizePercent: 25,
  sizeCash: '2500',
  commission: '0.002',
  commissionPerShare: '0.005',
  commissionFixed: '1',
  commissionMin: '1',
  slippageBps: 5,
  stopLoss: 0.05,
  takeProfit: 0.1,
  maxPosition: 0.5,
  riskFreeRate: 0.02,
  barsPerYear: 365,
};

describe('runCacheKey', () => {
  const code: { engineVersion: string; strategyDigest: string | null } = { engineVersion: 'e1', strategyDigest: null };
  const key = (settings = job.settings, identity = code) =>
    runCacheKey(job, { slow: 20, fast: 5 }, settings, 'd'.repeat(16), identity);

  it('is the same for the same run, whatever the order of parameters and settings', () => {
    const reordered = Object.fromEntries(Object.entries(job.settings).reverse());
    expect(key(reordered)).toBe(runCacheKey(job, { fast: 5, slow: 20 }, job.settings, 'd'.repeat(16), code));
  });

  it('changes with the engine’s code and with a plugin strategy’s code', () => {
    expect(key(job.settings, { engineVersion: 'e2', strategyDigest: null })).not.toBe(key());
    expect(key(job.settings, { engineVersion: 'e1', strategyDigest: 'a'.repeat(64) })).not.toBe(key());
  });

  it('changes with a validated sweep’s trading window', () => {
    const windowed = (from: string) =>
      runCacheKey(
        { ...job, window: { fold: 0, sample: 'in_sample', from } },
        { fast: 5, slow: 20 },
        job.settings,
        'd'.repeat(16),
        code,
      );
    expect(windowed('2000-06-01')).not.toBe(key());
    expect(windowed('2000-06-01')).not.toBe(windowed('2000-07-01'));
  });

  it.each(SettingNames)('changes when %s changes, with no field list to forget it in', (name) => {
    expect(name in changed, `a test value for ${name}`).toBe(true);
    expect(key({ ...job.settings, [name]: changed[name] })).not.toBe(key());
  });
});
