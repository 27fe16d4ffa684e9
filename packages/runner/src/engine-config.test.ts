import { resolveSettings, type SettingName, SettingNames } from '@fleet/contracts';
import { SweepBaseConfig } from '@fleet/engine';
import { describe, expect, it } from 'vitest';
import { engineBaseConfig, engineConfig } from './engine-config.js';

/** One non-default value per setting, and the engine config fields it must produce; typed over every setting. */
const cases: { [K in SettingName]: [Record<string, unknown>, Record<string, unknown>] } = {
  cash: [{ cash: 5000 }, { cash: '5000' }],
  size: [{ size: 7 }, { sizing: { kind: 'units', units: 7 } }],
  sizePercent: [{ sizePercent: 25 }, { sizing: { kind: 'percent_equity', percent: 25 } }],
  sizeCash: [{ sizeCash: '2500.5' }, { sizing: { kind: 'cash', amount: '2500.5' } }],
  commission: [{ commission: 0.002 }, { commission: { kind: 'percent', rate: '0.002' } }],
  commissionPerShare: [{ commissionPerShare: 0.005 }, { commission: { kind: 'per_share', amount: '0.005' } }],
  commissionFixed: [{ commissionFixed: 1 }, { commission: { kind: 'fixed', amount: '1' } }],
  commissionMin: [
    { commissionPerShare: 0.005, commissionMin: 1 },
    { commission: { kind: 'per_share', amount: '0.005', minimum: '1' } },
  ],
  slippageBps: [{ slippageBps: 5 }, { slippageBps: 5 }],
  stopLoss: [{ stopLoss: 0.05 }, { stopLoss: 0.05 }],
  takeProfit: [{ takeProfit: 0.1 }, { takeProfit: 0.1 }],
  maxPosition: [{ maxPosition: 0.5 }, { maxPositionFraction: 0.5 }],
  riskFreeRate: [{ riskFreeRate: 0.02 }, { riskFreeRate: 0.02 }],
  barsPerYear: [{ barsPerYear: 365 }, { barsPerYear: 365 }],
};

describe('engineBaseConfig', () => {
  it('maps the defaults to the engine config every surface used before settings had a table', () => {
    expect(engineBaseConfig(resolveSettings({}), 'sma_cross')).toEqual({
      strategy: 'sma_cross',
      cash: '100000',
      sizing: { kind: 'units', units: 100 },
      commission: { kind: 'percent', rate: '0' },
      slippageBps: 0,
      riskFreeRate: 0,
    });
  });

  it.each(SettingNames)('maps %s to the engine field the table names, and the engine accepts it', (key) => {
    const [given, fields] = cases[key];
    const config = engineBaseConfig(resolveSettings(given), 'sma_cross');
    expect(config).toMatchObject(fields);
    expect(SweepBaseConfig.safeParse(config).success, JSON.stringify(config)).toBe(true);
  });

  it('adds the run parameters for a single run', () => {
    expect(engineConfig(resolveSettings({}), 'sma_cross', { fast: 5, slow: 20 }).params).toEqual({ fast: 5, slow: 20 });
  });
});
