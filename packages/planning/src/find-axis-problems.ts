import type { ParamDomain } from '@fleet/contracts';
import { Decimal } from 'decimal.js';
import type { ParamRule } from './param-rule.js';

const EXAMPLES = 3;

/**
 * The problems of one parameter's domain against its {@link ParamRule}, found from the domain alone (its values, or a
 * range's `from`, `step` and last value), so a range of millions of values is checked in constant time: a fraction
 * where the strategy takes integers, and values outside its bounds. Each problem names its path in the sweep file.
 *
 * @example
 * findAxisProblems('strategies[0].params.fast', 'sma_cross', 'fast', { from: 2, to: 50, step: 0.0001 }, { integer: true, minimum: 1 });
 * // ["strategies[0].params.fast.step: 0.0001 is not an integer; fast of sma_cross takes integers only"]
 */
export function findAxisProblems(
  path: string,
  strategy: string,
  name: string,
  domain: ParamDomain,
  rule: ParamRule,
): string[] {
  const problems: string[] = [];
  const integersOnly = `${name} of ${strategy} takes integers only`;
  let lowest: { at: string; value: number };
  let highest: { at: string; value: number };
  if (typeof domain === 'number') {
    if (rule.integer && !Number.isInteger(domain))
      problems.push(`${path}: ${domain} is not an integer; ${integersOnly}`);
    lowest = highest = { at: path, value: domain };
  } else if (Array.isArray(domain)) {
    if (rule.integer) {
      const fractions = domain.flatMap((v, i) => (Number.isInteger(v) ? [] : [`[${i}] ${v}`]));
      if (fractions.length > 0) {
        problems.push(
          `${path}: ${fractions.length} value${fractions.length > 1 ? 's are' : ' is'} not an integer (${fractions.slice(0, EXAMPLES).join(', ')}); ${integersOnly}`,
        );
      }
    }
    const at = (i: number) => ({ at: `${path}[${i}]`, value: domain[i] as number });
    const order = domain.map((_, i) => i).sort((a, b) => (domain[a] as number) - (domain[b] as number));
    lowest = at(order[0] as number);
    highest = at(order[order.length - 1] as number);
  } else {
    if (rule.integer) {
      for (const key of ['from', 'step'] as const) {
        if (!Number.isInteger(domain[key]))
          problems.push(`${path}.${key}: ${domain[key]} is not an integer; ${integersOnly}`);
      }
    }
    const from = new Decimal(domain.from);
    const step = new Decimal(domain.step);
    const last = from.plus(new Decimal(domain.to).minus(from).dividedToIntegerBy(step).times(step)).toNumber();
    lowest = { at: `${path}.from`, value: domain.from };
    highest = { at: `${path}.to`, value: last };
  }
  const bound = (value: number, side: 'below' | 'above') => {
    const { minimum, exclusiveMinimum, maximum, exclusiveMaximum } = rule;
    if (side === 'below') {
      if (minimum !== undefined && value < minimum) return `≥ ${minimum}`;
      if (exclusiveMinimum !== undefined && value <= exclusiveMinimum) return `> ${exclusiveMinimum}`;
    } else {
      if (maximum !== undefined && value > maximum) return `≤ ${maximum}`;
      if (exclusiveMaximum !== undefined && value >= exclusiveMaximum) return `< ${exclusiveMaximum}`;
    }
    return undefined;
  };
  const tooLow = bound(lowest.value, 'below');
  if (tooLow) problems.push(`${lowest.at}: ${lowest.value} is out of bounds; ${name} of ${strategy} must be ${tooLow}`);
  const tooHigh = bound(highest.value, 'above');
  if (tooHigh) {
    problems.push(`${highest.at}: ${highest.value} is out of bounds; ${name} of ${strategy} must be ${tooHigh}`);
  }
  return problems;
}
