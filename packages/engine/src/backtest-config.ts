import { z } from 'zod';
import { ConfigError } from './errors.js';

const decimalPattern = /^\d+(\.\d+)?$/;
const DecimalText = z
  .string()
  .regex(decimalPattern, { error: "must be a non-negative decimal string such as '0.001'" });
const PositiveDecimalText = DecimalText.refine((text) => /[1-9]/.test(text), { error: 'must be > 0' });

/**
 * How many units an entry order asks for, decided on the signal bar's close. Orders are never shrunk to fit cash:
 * an order the cash cannot pay for is rejected.
 */
export const Sizing = z.discriminatedUnion('kind', [
  /** A fixed number of whole units. */
  z.strictObject({ kind: z.literal('units'), units: z.number().int().positive() }),
  /** Whole units worth `percent` (0–100] of equity at the signal bar's close. */
  z.strictObject({ kind: z.literal('percent_equity'), percent: z.number().gt(0).lte(100) }),
  /** Whole units worth at most `amount` at the signal bar's close. */
  z.strictObject({ kind: z.literal('cash'), amount: PositiveDecimalText }),
]);
export type Sizing = z.infer<typeof Sizing>;

/** Commission charged on every fill; `minimum` is a floor per fill. */
export const Commission = z.discriminatedUnion('kind', [
  /** `rate` × notional, e.g. `'0.001'` = 0.1 %. */
  z.strictObject({ kind: z.literal('percent'), rate: DecimalText, minimum: DecimalText.optional() }),
  /** `amount` × units. */
  z.strictObject({ kind: z.literal('per_share'), amount: DecimalText, minimum: DecimalText.optional() }),
  /** `amount` per fill. */
  z.strictObject({ kind: z.literal('fixed'), amount: DecimalText }),
]);
export type Commission = z.infer<typeof Commission>;

const configShape = {
  /** Registered strategy name, see {@link listStrategies}. */
  strategy: z.string().min(1),
  /** Strategy parameters, validated by the strategy's own schema ({@link parseStrategyParams}). */
  params: z.record(z.string(), z.number()),
  /** Starting cash as a decimal string. */
  cash: PositiveDecimalText,
  /** @defaultValue `{ kind: 'units', units: 100 }` */
  sizing: Sizing.optional(),
  /** @defaultValue `{ kind: 'percent', rate: '0' }` */
  commission: Commission.optional(),
  /** Slippage against the trader on market and stop fills, in basis points. @defaultValue 0 */
  slippageBps: z.number().finite().min(0).optional(),
  /** Annual risk-free rate for Sharpe and Sortino, e.g. 0.02. @defaultValue 0 */
  riskFreeRate: z.number().finite().optional(),
  /** Exit a position when it loses this fraction of its average entry price, e.g. 0.05. @defaultValue none */
  stopLoss: z.number().gt(0).lt(1).optional(),
  /** Exit a position when it gains this fraction of its average entry price, e.g. 0.1. @defaultValue none */
  takeProfit: z.number().gt(0).optional(),
  /** Deny orders that would leave the position worth more than this fraction of equity. @defaultValue none */
  maxPositionFraction: z.number().gt(0).optional(),
  /**
   * Bars per year for annualizing volatility, Sharpe and Sortino; set it for 24-hour markets.
   * @defaultValue from the series interval, see {@link periodsPerYear}
   */
  barsPerYear: z.number().positive().optional(),
  /**
   * Start of the trading window, epoch ms UTC: bars before it are warm-up (the strategy and its indicators see them,
   * its orders are dropped), the run starts flat with `cash` on the first bar at or after it, and its equity series
   * and statistics start there. @defaultValue the first bar
   */
  tradeFrom: z.number().finite().optional(),
};

/**
 * Everything one run needs besides the bars. Validated on entry to {@link runBacktest}, so a worker can pass job
 * data straight through.
 *
 * @example
 * const config: BacktestConfig = {
 *   strategy: 'sma_cross', params: { fast: 10, slow: 30 }, cash: '100000',
 *   commission: { kind: 'percent', rate: '0.001' },
 * };
 */
export const BacktestConfig = z.strictObject(configShape);
export type BacktestConfig = z.infer<typeof BacktestConfig>;

/** The settings shared by all parameter sets of a sweep: a {@link BacktestConfig} without `params`. */
export const SweepBaseConfig = BacktestConfig.omit({ params: true });
export type SweepBaseConfig = z.infer<typeof SweepBaseConfig>;

/** Formats zod issues as `path: message` lines, prefixed with `prefix.` when given. */
export function describeIssues(error: z.ZodError, prefix: string): string[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
    return `${path === '' ? 'config' : path}: ${issue.message}`;
  });
}

/**
 * Validates a base configuration (sweep or single run) and reports every problem at once.
 * @throws {@link ConfigError}
 */
export function parseSweepBaseConfig(input: unknown): SweepBaseConfig {
  const parsed = SweepBaseConfig.safeParse(input);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error, ''));
  return parsed.data;
}
