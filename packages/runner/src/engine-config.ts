import type { BacktestSettings, SettingName } from '@fleet/contracts';
import type { BacktestConfig, SweepBaseConfig } from '@fleet/engine';

type Fragment = Partial<Omit<SweepBaseConfig, 'commission'>> & { commission?: Record<string, string> };

/**
 * What each setting becomes in the engine's config. Typed over every {@link SettingName}, so a setting added to the
 * table without a line here does not compile; the table's `engine` column documents the same mapping.
 */
const toEngine: { [K in SettingName]-?: (value: NonNullable<BacktestSettings[K]>) => Fragment } = {
  cash: (cash) => ({ cash }),
  size: (units) => ({ sizing: { kind: 'units', units } }),
  sizePercent: (percent) => ({ sizing: { kind: 'percent_equity', percent } }),
  sizeCash: (amount) => ({ sizing: { kind: 'cash', amount } }),
  commission: (rate) => ({ commission: { kind: 'percent', rate } }),
  commissionPerShare: (amount) => ({ commission: { kind: 'per_share', amount } }),
  commissionFixed: (amount) => ({ commission: { kind: 'fixed', amount } }),
  commissionMin: (minimum) => ({ commission: { minimum } }),
  slippageBps: (slippageBps) => ({ slippageBps }),
  stopLoss: (stopLoss) => ({ stopLoss }),
  takeProfit: (takeProfit) => ({ takeProfit }),
  maxPosition: (maxPositionFraction) => ({ maxPositionFraction }),
  riskFreeRate: (riskFreeRate) => ({ riskFreeRate }),
  barsPerYear: (barsPerYear) => ({ barsPerYear }),
};

/**
 * The engine config shared by every parameter set of one strategy under one set of settings: the one mapping from a
 * run's settings to the engine, used by the worker, `fleet backtest`, replay and calibration alike. The engine
 * validates the result again on entry.
 *
 * @example
 * engineBaseConfig(resolveSettings({ sizePercent: 10, stopLoss: 0.05 }), 'sma_cross');
 * // { strategy: 'sma_cross', cash: '100000', sizing: { kind: 'percent_equity', percent: 10 }, stopLoss: 0.05, … }
 */
export function engineBaseConfig(settings: BacktestSettings, strategy: string): SweepBaseConfig {
  let config: Fragment = {};
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    const fragment = (toEngine[key as SettingName] as (v: unknown) => Fragment)(value);
    // Commission fragments compose (a model and its minimum), every other field is set by one setting only.
    const commission = fragment.commission ? { ...config.commission, ...fragment.commission } : config.commission;
    config = { ...config, ...fragment, ...(commission ? { commission } : {}) };
  }
  return { ...config, strategy } as SweepBaseConfig;
}

/** {@link engineBaseConfig} with one run's strategy parameters: everything `runBacktest` needs besides the bars. */
export function engineConfig(
  settings: BacktestSettings,
  strategy: string,
  params: Readonly<Record<string, number>>,
): BacktestConfig {
  return { ...engineBaseConfig(settings, strategy), params: { ...params } };
}
