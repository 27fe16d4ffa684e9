import type { z } from 'zod';
import { describeIssues } from '../backtest-config.js';
import { ConfigError } from '../errors.js';
import { type ParamRule, paramRulesOf } from '../strategy/param-rules-of.js';
import type { PortfolioStrategy } from './portfolio-strategy.js';

/**
 * A portfolio strategy as its author writes it, like a {@link StrategyDefinition}: a zod schema for its parameters
 * and a factory building one run's {@link PortfolioStrategy}.
 * @typeParam P - the validated parameters
 */
export interface PortfolioStrategyDefinition<P extends Record<string, number>> {
  readonly name: string;
  readonly description: string;
  readonly params: z.ZodType<P, unknown>;
  readonly paramDocs: { readonly [K in keyof P]: string };
  create(params: P): PortfolioStrategy;
}

/** A portfolio strategy's parameters after validation, ready to build a run's strategy. */
export interface PreparedPortfolioStrategy {
  readonly params: Record<string, number>;
  create(): PortfolioStrategy;
}

/**
 * A {@link PortfolioStrategyDefinition} with its parameter type erased, registered beside single-symbol strategies
 * and told apart from them by `portfolio: true`: it runs once over a universe of series, not once per symbol.
 */
export interface RegisteredPortfolioStrategy {
  readonly name: string;
  readonly description: string;
  readonly portfolio: true;
  readonly paramDocs: Readonly<Record<string, string>>;
  readonly paramRules: Readonly<Record<string, ParamRule>>;
  /** @throws {@link ConfigError} listing every parameter problem as `name.param: problem` */
  prepare(raw: Readonly<Record<string, unknown>>): PreparedPortfolioStrategy;
}

/**
 * Makes a portfolio strategy registrable: parameters are validated once, then the typed factory is closed over them.
 * @example
 * export const holdAll = definePortfolioStrategy({ name: 'hold_all', description: '…', params: z.strictObject({}),
 *   paramDocs: {}, create: () => ({ onBar: (ctx) => { if (ctx.index === 0) ctx.targetWeights({ A: 0.5, B: 0.5 }); } }) });
 */
export function definePortfolioStrategy<P extends Record<string, number>>(
  definition: PortfolioStrategyDefinition<P>,
): RegisteredPortfolioStrategy {
  return {
    name: definition.name,
    description: definition.description,
    portfolio: true,
    paramDocs: definition.paramDocs,
    paramRules: paramRulesOf(definition.params),
    prepare(raw) {
      const parsed = definition.params.safeParse(raw);
      if (!parsed.success) throw new ConfigError(describeIssues(parsed.error, definition.name));
      const params = parsed.data;
      return { params, create: () => definition.create(params) };
    },
  };
}
