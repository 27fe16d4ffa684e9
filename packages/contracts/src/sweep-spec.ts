import { z } from 'zod';
import { BacktestSettings } from './backtest-settings.js';
import { ParamDomain } from './param-domain.js';

/** A calendar day `YYYY-MM-DD`, interpreted as UTC. */
export const IsoDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });

/** A symbol as stored in the `bars` table: upper-case letters, digits, `.`, `-`, `_`, `^`, `=`. */
export const SymbolName = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9._^=-]{0,31}$/, { message: 'must be 1–32 upper-case letters, digits or . _ - ^ =' });

/** One strategy of a sweep and the domain of each of its parameters. */
export const SweepStrategy = z.strictObject({
  name: z.string().min(1),
  params: z.record(z.string(), ParamDomain).default({}),
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
    start: IsoDate,
    end: IsoDate,
    ...BacktestSettings.shape,
    strategies: z.array(SweepStrategy).min(1, { message: 'list at least one strategy' }),
  })
  .refine((s) => s.end >= s.start, { message: 'end must not be before start', path: ['end'] })
  .refine((s) => new Set(s.symbols).size === s.symbols.length, {
    message: 'symbols must be unique',
    path: ['symbols'],
  });
export type SweepSpec = z.infer<typeof SweepSpec>;
export type SweepSpecInput = z.input<typeof SweepSpec>;
