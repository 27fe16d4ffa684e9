import type { ParamDomain } from '@fleet/contracts';
import { Decimal } from 'decimal.js';

/** Range values are remembered for axes up to this long (8 bytes each), so decoding a grid does decimal math once per value. */
const MAX_REMEMBERED_VALUES = 1_000_000;

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
  const compute = (i: number) => from.plus(step.times(i)).toNumber();
  if (count > MAX_REMEMBERED_VALUES) return { count, at: compute };
  let remembered: Float64Array | undefined;
  return {
    count,
    at(i) {
      // NaN marks a value not computed yet: every range value is finite.
      remembered ??= new Float64Array(count).fill(Number.NaN);
      const known = remembered[i] as number;
      if (!Number.isNaN(known)) return known;
      const value = compute(i);
      remembered[i] = value;
      return value;
    },
  };
}
