import { z } from 'zod';
import { RankableMetrics } from './metric-table.js';

/** A window length: a positive whole number and `d` (days), `w` (weeks), `m` (months) or `y` (years), e.g. `3y`. */
const WindowDuration = z
  .string()
  .regex(/^[1-9][0-9]*[dwmy]$/, { message: 'must be a duration such as 10d, 2w, 6m or 3y' });

/** Rolling (or anchored) walk-forward windows: train on `train`, test on the `test` after it, move by `step`. */
const WalkForward = z.strictObject({
  train: WindowDuration,
  test: WindowDuration,
  step: WindowDuration,
  /** Every in-sample window starts at the sweep's start and grows, instead of rolling forward. @defaultValue false */
  anchored: z.boolean().default(false),
});

/**
 * A sweep file's `validation:` block: how the date range splits into in-sample windows, where each
 * (strategy, symbol) group's best parameter set is chosen by `select`, and out-of-sample windows, where the chosen
 * set then runs. Exactly one of `holdout` (one split) and `walkForward` (folds) is given.
 *
 * @example
 * ValidationSpec.parse({ walkForward: { train: '3y', test: '1y', step: '1y' }, select: 'sharpe', minTrades: 10 });
 */
export const ValidationSpec = z
  .strictObject({
    /** First day of the out-of-sample window; in-sample is the sweep's start to the day before. */
    holdout: z.iso.date({ message: 'must be a day YYYY-MM-DD' }).optional(),
    walkForward: WalkForward.optional(),
    /** The metric that picks the in-sample best: any rankable metric of the metric table. */
    select: z.enum(RankableMetrics as [string, ...string[]], {
      message: `must be a rankable metric: ${RankableMetrics.join(', ')}`,
    }),
    /** Runs with fewer closed trades are never selected. @defaultValue 0 */
    minTrades: z.number().int().nonnegative({ message: 'must be a whole number ≥ 0' }).default(0),
  })
  .refine((v) => (v.holdout === undefined) !== (v.walkForward === undefined), {
    message: 'give exactly one of holdout and walkForward',
  });
export type ValidationSpec = z.infer<typeof ValidationSpec>;

/** Which window of a fold a run trades in: where parameters are chosen, or where the chosen set runs. */
export const SampleWindow = z.enum(['in_sample', 'out_of_sample']);
export type SampleWindow = z.infer<typeof SampleWindow>;

/**
 * The trading window of one run of a validated sweep: its fold, which of the fold's windows, and the first day it
 * may trade (`from`). The job's `start` is where warm-up bars begin and its `end` where the window ends.
 */
export const RunWindow = z.strictObject({
  fold: z.number().int().nonnegative(),
  sample: SampleWindow,
  from: z.iso.date(),
});
export type RunWindow = z.infer<typeof RunWindow>;
