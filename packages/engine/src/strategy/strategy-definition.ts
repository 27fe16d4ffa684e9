import type { z } from 'zod';
import { describeIssues } from '../backtest-config.js';
import { ConfigError } from '../errors.js';
import { type ParamRule, paramRulesOf } from './param-rules-of.js';
import type { Strategy } from './strategy.js';
import type { StrategySetup } from './strategy-setup.js';

/**
 * A strategy as its author writes it: a zod schema for its parameters (with defaults and constraints) and a
 * factory that builds one run's {@link Strategy} from validated parameters.
 * @typeParam P - the validated parameters
 */
export interface StrategyDefinition<P extends Record<string, number>> {
  readonly name: string;
  readonly description: string;
  readonly params: z.ZodType<P, unknown>;
  /** Human description per parameter, including its default and constraints. */
  readonly paramDocs: { readonly [K in keyof P]: string };
  create(params: P, setup: StrategySetup): Strategy;
}

/** A strategy's parameters after validation, ready to build a run's strategy. */
export interface PreparedStrategy {
  readonly params: Record<string, number>;
  create(setup: StrategySetup): Strategy;
}

/** A {@link StrategyDefinition} with its parameter type erased, so definitions can share one registry. */
export interface RegisteredStrategy {
  readonly name: string;
  readonly description: string;
  readonly paramDocs: Readonly<Record<string, string>>;
  /** What the schema says of each parameter alone (integer or real, bounds), for checking sweep ranges per axis. */
  readonly paramRules: Readonly<Record<string, ParamRule>>;
  /** @throws {@link ConfigError} listing every parameter problem as `name.param: problem` */
  prepare(raw: Readonly<Record<string, unknown>>): PreparedStrategy;
}

/**
 * Registers a strategy definition: parameters are validated once, then the typed factory is closed over them.
 *
 * @example
 * export const buyAndHold = defineStrategy({ name: 'buy_and_hold', description: '…', params: z.strictObject({}),
 *   paramDocs: {}, create: () => ({ onBar: (ctx) => { if (ctx.index === 0) ctx.buy(); } }) });
 */
export function defineStrategy<P extends Record<string, number>>(
  definition: StrategyDefinition<P>,
): RegisteredStrategy {
  return {
    name: definition.name,
    description: definition.description,
    paramDocs: definition.paramDocs,
    paramRules: paramRulesOf(definition.params),
    prepare(raw) {
      const parsed = definition.params.safeParse(raw);
      if (!parsed.success) throw new ConfigError(describeIssues(parsed.error, definition.name));
      const params = parsed.data;
      return { params, create: (setup) => definition.create(params, setup) };
    },
  };
}
