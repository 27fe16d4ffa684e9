import { z } from 'zod';
import { BacktestSettings, BacktestSettingsOverrides } from './backtest-settings.js';
import { expressionNames, expressionType, parseExpression, type ValueType } from './expression.js';
import { ParamDomain } from './param-domain.js';
import { RangeBound, rangeEndMs, rangeStartMs } from './range-bound.js';

/** A calendar day `YYYY-MM-DD`, interpreted as UTC. */
const IsoDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });

/** A symbol as stored in the `bars` table: upper-case letters, digits, `.`, `-`, `_`, `^`, `=`. */
export const SymbolName = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9._^=-]{0,31}$/, { message: 'must be 1–32 upper-case letters, digits or . _ - ^ =' });

/** How a strategy's parameter combinations are chosen: all of them, or a seeded random sample of them. */
const SearchMethod = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('grid') }),
  z.strictObject({
    type: z.literal('random'),
    samples: z.number().int().positive({ message: 'must be > 0' }),
    /** @defaultValue 0 */
    seed: z.number().int().default(0),
  }),
]);

/**
 * One strategy of a sweep: the domain of each parameter, constraints that prune combinations before they are counted
 * (`where: fast < slow`), how combinations are chosen, and optional settings that override the sweep's.
 */
export const SweepStrategy = z
  .strictObject({
    name: z.string().min(1),
    params: z.record(z.string(), ParamDomain).default({}),
    where: z
      .union([z.string(), z.array(z.string())])
      .transform((w) => (Array.isArray(w) ? w : [w]))
      .default([]),
    /** @defaultValue grid */
    search: SearchMethod.default({ type: 'grid' }),
    ...BacktestSettingsOverrides.shape,
  })
  .superRefine((strategy, ctx) => {
    strategy.where.forEach((text, i) => {
      try {
        const expression = parseExpression(text);
        const params = new Map<string, ValueType>(Object.keys(strategy.params).map((n) => [n, 'number']));
        const unknown = expressionNames(expression).filter((n) => !Object.hasOwn(strategy.params, n));
        if (unknown.length > 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['where', i],
            message: `names ${unknown.map((n) => `'${n}'`).join(', ')} not among the swept params (${Object.keys(strategy.params).join(', ') || 'none'})`,
          });
        } else if (expressionType(expression, params) === 'text') {
          ctx.addIssue({ code: 'custom', path: ['where', i], message: 'a constraint must be a condition, not text' });
        }
      } catch (error) {
        ctx.addIssue({ code: 'custom', path: ['where', i], message: (error as Error).message });
      }
    });
  });
export type SweepStrategy = z.infer<typeof SweepStrategy>;

/**
 * The sweep file a quant writes: strategies × parameter grid × symbols over one date range.
 * Its number of runs is the product of every strategy's parameter value counts × symbols, summed over strategies.
 *
 * @example
 * SweepSpec.parse({
 *   name: 'sma-grid', symbols: ['ORCL'], start: '2000-01-01', end: '2014-12-31', cash: 100000,
 *   strategies: [{ name: 'sma_cross', params: { fast: { from: 5, to: 50, step: 5 }, slow: [60, 100, 200] } }],
 * });
 */
export const SweepSpec = z
  .strictObject({
    name: z.string().min(1).max(200),
    symbols: z.array(SymbolName).min(1, { message: 'list at least one symbol' }),
    interval: z.string().default('1d'),
    /** First day (or UTC date-time) of the backtest range; a day covers it from midnight UTC. */
    start: RangeBound,
    /** Last day (or UTC date-time) of the range, inclusive; a day covers it to its last millisecond. */
    end: RangeBound,
    ...BacktestSettings.shape,
    /** Longest time one run may take, in ms. @defaultValue set at submit from a calibration of the engine */
    runTimeoutMs: z.number().int().positive().optional(),
    /** Reuse stored results of identical runs (same strategy, params, symbol, range, costs, data and engine). @defaultValue true */
    cache: z.boolean().optional(),
    /** The data version of each symbol's series at submit, recorded by `fleet sweep submit`; runs on other bars fail. */
    dataVersions: z.record(z.string(), z.string()).optional(),
    strategies: z.array(SweepStrategy).min(1, { message: 'list at least one strategy' }),
  })
  .refine((s) => rangeEndMs(s.end) >= rangeStartMs(s.start), { message: 'end must not be before start', path: ['end'] })
  .refine((s) => new Set(s.symbols).size === s.symbols.length, {
    message: 'symbols must be unique',
    path: ['symbols'],
  });
export type SweepSpec = z.infer<typeof SweepSpec>;
/** A sweep spec as written, before defaults are filled in: what callers and tests build by hand. */
export type SweepSpecInput = z.input<typeof SweepSpec>;
