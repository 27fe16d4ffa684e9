import type { ParamDomain } from '@fleet/contracts';
import { Decimal } from 'decimal.js';

/**
 * The values of one parameter domain as an indexable sequence, without materializing it. Ranges are stepped in
 * decimal arithmetic so `{from: 0.1, to: 0.3, step: 0.1}` has exactly 3 values, as a person would count them.
 */
export interface ParamValues {
  readonly count: number;
  at(index: number): number;
}

/** Builds the {@link ParamValues} of a domain. */
export function paramValues(domain: ParamDomain): ParamValues {
  if (typeof domain === 'number') return { count: 1, at: () => domain };
  if (Array.isArray(domain)) return { count: domain.length, at: (i) => domain[i] as number };
  const from = new Decimal(domain.from);
  const step = new Decimal(domain.step);
  const count = new Decimal(domain.to).minus(from).dividedToIntegerBy(step).toNumber() + 1;
  return { count, at: (i) => from.plus(step.times(i)).toNumber() };
}
