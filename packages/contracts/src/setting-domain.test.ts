import { describe, expect, it } from 'vitest';
import { splitSettings } from './setting-domain.js';
import { SweepSpec, strategySettingDomains, sweptNames } from './sweep-spec.js';

const base = {
  name: 'n',
  symbols: ['ORCL'],
  start: '2000-01-01',
  end: '2000-12-31',
  strategies: [{ name: 'sma_cross', params: { fast: [5, 10] } }],
};
const issues = (input: unknown) => {
  const parsed = SweepSpec.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('settings in a sweep file', () => {
  it('takes a list or a range of any setting, at the sweep or a strategy, as an axis', () => {
    const spec = SweepSpec.parse({
      ...base,
      stopLoss: [0.02, 0.05],
      commission: { from: 0.001, to: 0.003, step: 0.001 },
      strategies: [{ name: 'sma_cross', params: { fast: [5, 10] }, sizePercent: [10, 50], cash: 5000 }],
    });
    expect(splitSettings(strategySettingDomains(spec, 0))).toEqual({
      fixed: { cash: '5000' },
      axes: { stopLoss: [0.02, 0.05], commission: { from: 0.001, to: 0.003, step: 0.001 }, sizePercent: [10, 50] },
    });
    expect(sweptNames(spec)).toEqual(['commission', 'fast', 'sizePercent', 'stopLoss']);
  });

  it('lets a strategy replace the sweep’s sizing with another rule', () => {
    const spec = SweepSpec.parse({
      ...base,
      size: 10,
      strategies: [{ ...base.strategies[0], sizeCash: [1000, 2000] }],
    });
    expect(splitSettings(strategySettingDomains(spec, 0)).axes).toEqual({ sizeCash: [1000, 2000] });
    expect(splitSettings(strategySettingDomains(spec, 0)).fixed).toEqual({});
  });

  it.each([
    [{ stopLoss: [0.02, 1.5] }, 'stopLoss.1: must be > 0 and < 1'],
    [{ sizePercent: { from: 10, to: 150, step: 10 } }, 'sizePercent.to: must be > 0 and <= 100'],
    [{ commission: [0.001, 1.5] }, 'commission.1: must be < 1 (a fraction of notional)'],
    [{ commission: 1.5 }, 'commission: must be < 1 (a fraction of notional)'],
    [{ size: { from: 10, to: 20, step: 2.5 } }, 'size.step: must be a whole number of units'],
    [{ takeProfit: [] }, 'takeProfit: a list needs at least one value'],
    [
      { size: 10, sizePercent: [10, 20] },
      'sizePercent: give only one sizing setting: size and sizePercent exclude each other',
    ],
    [
      { commissionPerShare: 0.01, commissionFixed: [1, 2] },
      'commissionFixed: give only one commission setting: commissionPerShare and commissionFixed exclude each other',
    ],
  ])('refuses %j at the key', (settings, message) => {
    expect(issues({ ...base, ...settings })).toContain(message);
  });

  it('refuses a contradiction that only appears once the levels are merged', () => {
    expect(issues({ ...base, commissionMin: 1, strategies: [{ ...base.strategies[0], commissionFixed: 2 }] })).toEqual([
      'strategies.0.commissionMin: a minimum applies to commission or commissionPerShare, not to commissionFixed',
    ]);
  });

  it('refuses a parameter named like a swept setting, and a constraint on a setting that is not swept', () => {
    expect(
      issues({ ...base, strategies: [{ name: 's', params: { stopLoss: [1, 2] }, stopLoss: [0.1, 0.2] }] }),
    ).toEqual(["strategies.0.params.stopLoss: 'stopLoss' is swept as a setting; a parameter cannot share its name"]);
    expect(
      issues({ ...base, strategies: [{ ...base.strategies[0], where: 'takeProfit > stopLoss', stopLoss: 0.1 }] }),
    ).toEqual([
      "strategies.0.where.0: settings 'takeProfit', 'stopLoss' are not swept (give a list or range to constrain them)",
    ]);
    expect(
      issues({
        ...base,
        takeProfit: [0.1, 0.2],
        strategies: [{ ...base.strategies[0], where: 'takeProfit > stopLoss', stopLoss: [0.1, 0.15] }],
      }),
    ).toEqual([]);
  });
});
