import type { SweepSpec } from '@fleet/contracts';

/**
 * The spec with each strategy's `portfolio` flag taken from the strategy registry, so the stored spec alone lays out
 * the runs (per universe for a portfolio strategy, per symbol otherwise) wherever a plan is rebuilt from it, without
 * the registry. A flag written in the file is replaced: the registry decides.
 *
 * @example
 * markPortfolioStrategies(spec, listStrategies()).strategies[0].portfolio; // true for equal_weight
 */
export function markPortfolioStrategies(
  spec: SweepSpec,
  strategies: readonly { name: string; portfolio?: boolean }[],
): SweepSpec {
  const portfolio = new Set(strategies.filter((s) => s.portfolio === true).map((s) => s.name));
  return {
    ...spec,
    strategies: spec.strategies.map(({ portfolio: _written, ...strategy }) =>
      portfolio.has(strategy.name) ? { ...strategy, portfolio: true } : strategy,
    ),
  };
}
