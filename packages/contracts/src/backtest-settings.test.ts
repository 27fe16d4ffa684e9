import { describe, expect, it } from 'vitest';
import { BacktestSettings, mergeSettings, resolveSettings, settingConflicts } from './backtest-settings.js';
import { SettingNames, SettingTable } from './setting-table.js';

const refusal = (given: Record<string, unknown>) => {
  const parsed = BacktestSettings.safeParse(given);
  return parsed.success ? undefined : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the settings table', () => {
  it('names every flag after its key, so commander gives back the key', () => {
    for (const key of SettingNames) {
      const camel = SettingTable[key].flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
      expect(camel, SettingTable[key].flag).toBe(key);
    }
  });

  it('fills defaults, a group default only when no member of the group is given', () => {
    expect(resolveSettings({})).toEqual({
      cash: '100000',
      size: 100,
      commission: '0',
      slippageBps: 0,
      riskFreeRate: 0,
    });
    expect(resolveSettings({ sizePercent: 10, commissionPerShare: 0.005 })).toEqual({
      cash: '100000',
      sizePercent: 10,
      commissionPerShare: '0.005',
      slippageBps: 0,
      riskFreeRate: 0,
    });
  });

  it('keeps decimals exact as strings', () => {
    expect(resolveSettings({ commission: 0.001, cash: '250000.50' })).toMatchObject({
      commission: '0.001',
      cash: '250000.50',
    });
  });

  it.each([
    [{ commission: 1.5 }, 'commission: must be < 1 (a fraction of notional)'],
    [{ commission: 1 }, 'commission: must be < 1 (a fraction of notional)'],
    [{ sizePercent: 0 }, 'sizePercent: must be > 0 and <= 100'],
    [{ sizePercent: 101 }, 'sizePercent: must be > 0 and <= 100'],
    [{ stopLoss: 1 }, 'stopLoss: must be > 0 and < 1'],
    [{ stopLoss: -0.1 }, 'stopLoss: must be > 0 and < 1'],
    [{ takeProfit: 1.5 }, 'takeProfit: must be > 0 and <= 1'],
    [{ maxPosition: 0 }, 'maxPosition: must be > 0 and <= 1'],
    [{ size: 2.5 }, 'size: must be a whole number of units'],
    [{ cash: 0 }, 'cash: must be > 0'],
    [{ sizeCash: '-5' }, 'sizeCash: must be a non-negative decimal number'],
    [{ slippageBps: -1 }, 'slippageBps: must be >= 0 and < 10000 (100 %)'],
    [{ barsPerYear: 0 }, 'barsPerYear: must be > 0'],
    [{ riskFreeRate: 1 }, 'riskFreeRate: must be > -1 and < 1'],
  ])('refuses %j with the key named', (given, message) => {
    expect(refusal(given)).toEqual([message]);
  });

  it('refuses two sizing rules, two commission models and a minimum on a fixed commission', () => {
    expect(refusal({ size: 10, sizeCash: 1000 })).toEqual([
      'sizeCash: give only one sizing setting: size and sizeCash exclude each other',
    ]);
    expect(refusal({ commission: 0.001, commissionFixed: 1 })).toEqual([
      'commissionFixed: give only one commission setting: commission and commissionFixed exclude each other',
    ]);
    expect(settingConflicts(['commissionFixed', 'commissionMin'])).toEqual([
      {
        key: 'commissionMin',
        message: 'a minimum applies to commission or commissionPerShare, not to commissionFixed',
      },
    ]);
    expect(() => resolveSettings({ commissionPerShare: 0.01, commissionMin: 1 })).not.toThrow();
  });

  it('lets a later level replace a whole group instead of contradicting it', () => {
    expect(mergeSettings({ size: 100, commission: '0.001', stopLoss: 0.05 }, { sizePercent: 10 })).toEqual({
      commission: '0.001',
      stopLoss: 0.05,
      sizePercent: 10,
    });
    expect(mergeSettings({ commission: '0.001' }, { commissionMin: '1' }), 'a minimum is no model').toEqual({
      commission: '0.001',
      commissionMin: '1',
    });
  });
});
