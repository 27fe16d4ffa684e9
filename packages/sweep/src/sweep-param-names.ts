import type { SweepSpec } from '@fleet/contracts';

/** Every parameter name of every strategy of a sweep, sorted: the columns its runs' parameters fill. */
export function sweepParamNames(spec: SweepSpec): string[] {
  return [...new Set(spec.strategies.flatMap((s) => Object.keys(s.params)))].sort();
}
