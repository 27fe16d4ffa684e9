import type { SweepSpec } from '@fleet/contracts';
import { cutWindows, type Fold } from '@fleet/validation';

export type { Fold };

/**
 * A sweep's folds, cut on the calendar from its `validation` block (none without one), so every consumer of a plan
 * sees the same windows.
 *
 * @throws `ValidationInputError` (from `@fleet/validation`) naming the setting, for a holdout outside the range or
 * walk-forward windows that leave no out-of-sample day.
 * @example
 * foldsOf(spec).map((f) => f.outOfSample.start); // ['2003-01-01', '2004-01-01']
 */
export function foldsOf(spec: Pick<SweepSpec, 'start' | 'end' | 'validation'>): Fold[] {
  const validation = spec.validation;
  if (!validation) return [];
  const range = { start: spec.start, end: spec.end };
  return validation.holdout !== undefined
    ? cutWindows(range, { holdout: validation.holdout })
    : cutWindows(range, { walkForward: validation.walkForward as NonNullable<typeof validation.walkForward> });
}
