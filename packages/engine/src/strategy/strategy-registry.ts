import { ConfigError } from '../errors.js';
import { equalWeight } from '../portfolio-run/builtin/equal-weight.js';
import { momentumRotation } from '../portfolio-run/builtin/momentum-rotation.js';
import type {
  PreparedPortfolioStrategy,
  RegisteredPortfolioStrategy,
} from '../portfolio-run/define-portfolio-strategy.js';
import { bollingerReversion } from './builtin/bollinger-reversion.js';
import { buyAndHold } from './builtin/buy-and-hold.js';
import { donchianBreakout } from './builtin/donchian-breakout.js';
import { rsiReversion } from './builtin/rsi-reversion.js';
import { smaCross } from './builtin/sma-cross.js';
import type { ParamRule } from './param-rules-of.js';
import type { PreparedStrategy, RegisteredStrategy } from './strategy-definition.js';

type AnyStrategy = RegisteredStrategy | RegisteredPortfolioStrategy;

const builtins: readonly AnyStrategy[] = [
  smaCross,
  rsiReversion,
  bollingerReversion,
  donchianBreakout,
  buyAndHold,
  equalWeight,
  momentumRotation,
];
const byName = new Map(builtins.map((strategy) => [strategy.name, strategy]));

/**
 * Adds a strategy defined outside the engine (a plugin module named in `FLEET_STRATEGY_MODULES`) so sweeps can name
 * it. Every process that validates or runs it must register it: the CLI, and each worker thread.
 * @throws {@link ConfigError} when the name is already taken
 * @example
 * registerStrategy(defineStrategy({ name: 'my_breakout', description: '…', params: z.strictObject({}), paramDocs: {}, create: … }));
 */
export function registerStrategy(strategy: AnyStrategy): void {
  if (collecting) {
    collecting.push(strategy);
    return;
  }
  if (byName.has(strategy.name)) throw new ConfigError([`strategy '${strategy.name}' is already registered`]);
  byName.set(strategy.name, strategy);
}

/** Where {@link registerStrategy} puts strategies while {@link collectStrategies} runs a load. */
let collecting: AnyStrategy[] | undefined;

/**
 * Runs `load` (the import of a strategy file's bundle) with {@link registerStrategy} handing what it registers back
 * to the caller instead of the shared registry, so two versions of one file, both naming `momentum`, can be loaded in
 * one thread and registered by the caller under names of its own. Loads must not overlap.
 * @throws {@link ConfigError} when another collection is in progress; rethrows what `load` throws
 * @example
 * const { strategies, value } = await collectStrategies(() => import(bundleUrl));
 */
export async function collectStrategies<T>(load: () => Promise<T>): Promise<{ strategies: AnyStrategy[]; value: T }> {
  if (collecting) throw new ConfigError(['a strategy file is already loading on this thread']);
  const strategies: AnyStrategy[] = [];
  collecting = strategies;
  try {
    return { strategies, value: await load() };
  } finally {
    collecting = undefined;
  }
}

/** A strategy's public description, as the CLI and dashboard show it. */
export interface StrategyInfo {
  readonly name: string;
  readonly description: string;
  /** Human description per parameter, including its default and constraints. */
  readonly params: Readonly<Record<string, string>>;
  /** What each parameter's schema says of it alone (integer or real, bounds), so sweeps are checked per axis. */
  readonly paramRules: Readonly<Record<string, ParamRule>>;
  /** Whether it runs once over a universe of series (see {@link runPortfolioBacktest}) instead of once per symbol. */
  readonly portfolio: boolean;
}

/**
 * The strategies a run can name, so callers can offer and validate them without hard-coding the list.
 * @example
 * listStrategies().map((s) => s.name); // ['sma_cross', …]
 */
export function listStrategies(): StrategyInfo[] {
  return [...byName.values()].map((strategy) => ({
    name: strategy.name,
    description: strategy.description,
    params: { ...strategy.paramDocs },
    paramRules: strategy.paramRules,
    portfolio: isPortfolio(strategy),
  }));
}

/**
 * Looks a strategy up and validates its parameters, applying defaults.
 * @throws {@link ConfigError} listing the valid strategies, or every parameter problem
 */
export function prepareStrategy(strategy: string, params: Readonly<Record<string, unknown>>): PreparedStrategy {
  const registered = lookUp(strategy);
  if (isPortfolio(registered)) {
    throw new ConfigError([`strategy '${strategy}' is a portfolio strategy: it runs over a universe of series`]);
  }
  return registered.prepare(params);
}

/**
 * {@link prepareStrategy} for a portfolio strategy.
 * @throws {@link ConfigError} for an unknown or single-symbol strategy, or every parameter problem
 */
export function preparePortfolioStrategy(
  strategy: string,
  params: Readonly<Record<string, unknown>>,
): PreparedPortfolioStrategy {
  const registered = lookUp(strategy);
  if (!isPortfolio(registered)) {
    throw new ConfigError([`strategy '${strategy}' trades one symbol; a portfolio run needs a portfolio strategy`]);
  }
  return registered.prepare(params);
}

function lookUp(strategy: string): AnyStrategy {
  const registered = byName.get(strategy);
  if (registered === undefined) {
    throw new ConfigError([`unknown strategy '${strategy}'; valid strategies: ${[...byName.keys()].join(', ')}`]);
  }
  return registered;
}

function isPortfolio(strategy: AnyStrategy): strategy is RegisteredPortfolioStrategy {
  return 'portfolio' in strategy && strategy.portfolio;
}

/**
 * Validates parameters for `strategy` and returns them with defaults applied, so a producer can reject a bad sweep
 * before any job is queued.
 * @throws {@link ConfigError} listing the valid strategies, or every parameter problem (e.g.
 * `sma_cross.fast: must be an integer ≥ 1`)
 * @example
 * parseStrategyParams('sma_cross', { fast: '5' }); // { fast: 5, slow: 30 }
 */
export function parseStrategyParams(
  strategy: string,
  params: Readonly<Record<string, unknown>>,
): Record<string, number> {
  return { ...lookUp(strategy).prepare(params).params };
}
