import { z } from 'zod';
import { mergeSettings, refuseSettingConflicts, settingConflicts } from './backtest-settings.js';
import { expressionNames, expressionType, parseExpression, type ValueType } from './expression.js';
import { ParamDomain } from './param-domain.js';
import { RangeBound, rangeEndMs, rangeStartMs } from './range-bound.js';
import { settingDomainShape, splitSettings } from './setting-domain.js';
import { SettingNames } from './setting-table.js';
import { ValidationSpec } from './validation-spec.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A symbol as stored in the `bars` table: upper-case letters, digits, `.`, `-`, `_`, `^`, `=`. */
export const SymbolName = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9._^=-]{0,31}$/, { message: 'must be 1–32 upper-case letters, digits or . _ - ^ =' });

/** The settings a level of a sweep file (the sweep or one strategy) gives, by key. */
export function givenSettings(level: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(SettingNames.filter((k) => level[k] !== undefined).map((k) => [k, level[k]]));
}

/**
 * One strategy's settings as the sweep file gives them: the sweep's, overridden by the strategy's, each a fixed value
 * or an axis (list or range); see {@link splitSettings}.
 */
export function strategySettingDomains(spec: SweepSpec, strategyIndex: number): Record<string, unknown> {
  return mergeSettings(givenSettings(spec), givenSettings(spec.strategies[strategyIndex] ?? {}));
}

/**
 * The names a sweep's runs vary over, sorted: every strategy's parameters and swept settings. Runs show, filter,
 * export and chart swept settings exactly like parameters.
 */
export function sweptNames(spec: SweepSpec): string[] {
  const names = spec.strategies.flatMap((strategy, i) => [
    ...Object.keys(strategy.params),
    ...Object.keys(splitSettings(strategySettingDomains(spec, i)).axes),
  ]);
  return [...new Set(names)].sort();
}

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
    ...settingDomainShape,
  })
  .superRefine((strategy, ctx) => {
    refuseSettingConflicts(Object.keys(givenSettings(strategy)), ctx);
    strategy.where.forEach((text, i) => {
      try {
        const expression = parseExpression(text);
        const names = [...Object.keys(strategy.params), ...SettingNames];
        const params = new Map<string, ValueType>(names.map((n) => [n, 'number']));
        const unknown = expressionNames(expression).filter((n) => !params.has(n));
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
    ...settingDomainShape,
    /** Longest time one run may take, in ms. @defaultValue set at submit from a calibration of the engine */
    runTimeoutMs: z.number().int().positive().optional(),
    /** Reuse stored results of identical runs (same strategy, params, symbol, range, costs, data and engine). @defaultValue true */
    cache: z.boolean().optional(),
    /** The data version of each symbol's series at submit, recorded by `fleet sweep submit`; runs on other bars fail. */
    dataVersions: z.record(z.string(), z.string()).optional(),
    strategies: z.array(SweepStrategy).min(1, { message: 'list at least one strategy' }),
    /** Walk-forward or holdout validation: runs trade in calendar windows and each fold's best runs out of sample. */
    validation: ValidationSpec.optional(),
  })
  .superRefine((spec, ctx) => {
    const sweepLevel = givenSettings(spec);
    refuseSettingConflicts(Object.keys(sweepLevel), ctx);
    // Two levels can each be consistent and still contradict each other once merged (a sweep's commissionMin under a
    // strategy's commissionFixed); that is refused at the strategy.
    spec.strategies.forEach((strategy, i) => {
      const own = givenSettings(strategy);
      const { axes } = splitSettings(mergeSettings(sweepLevel, own));
      for (const name of Object.keys(strategy.params))
        if (name in axes)
          ctx.addIssue({
            code: 'custom',
            path: ['strategies', i, 'params', name],
            message: `'${name}' is swept as a setting; a parameter cannot share its name`,
          });
      strategy.where.forEach((text, w) => {
        let names: string[];
        try {
          names = expressionNames(parseExpression(text));
        } catch {
          return;
        }
        const unswept = names.filter((n) => !(n in strategy.params) && !(n in axes));
        if (unswept.length > 0)
          ctx.addIssue({
            code: 'custom',
            path: ['strategies', i, 'where', w],
            message: `settings ${unswept.map((n) => `'${n}'`).join(', ')} are not swept (give a list or range to constrain them)`,
          });
      });
      if (settingConflicts(Object.keys(sweepLevel)).length > 0 || settingConflicts(Object.keys(own)).length > 0) return;
      refuseSettingConflicts(Object.keys(mergeSettings(sweepLevel, own)), ctx, ['strategies', i]);
    });
  })
  .refine((s) => rangeEndMs(s.end) >= rangeStartMs(s.start), { message: 'end must not be before start', path: ['end'] })
  .refine((s) => s.validation === undefined || (DAY.test(s.start) && DAY.test(s.end)), {
    message: 'a sweep with validation windows gives start and end as days YYYY-MM-DD (windows are cut on the calendar)',
    path: ['validation'],
  })
  .refine((s) => new Set(s.symbols).size === s.symbols.length, {
    message: 'symbols must be unique',
    path: ['symbols'],
  });
export type SweepSpec = z.infer<typeof SweepSpec>;
/** A sweep spec as written, before defaults are filled in: what callers and tests build by hand. */
export type SweepSpecInput = z.input<typeof SweepSpec>;
