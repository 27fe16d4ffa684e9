import { ValidationInputError } from '../validation-input-error.js';

/**
 * Per-bar simple returns `r[i] = equity[i + 1] / equity[i] − 1` of an equity series: the one return definition every
 * validation statistic here is computed on, so PSR, DSR and PBO of a run agree with each other and with an exported
 * returns matrix. Floats on purpose: statistics are approximate by nature, money stays decimal upstream.
 *
 * @throws {@link ValidationInputError} when an equity value is not finite, or one that a return divides by is not
 *   positive (a return from zero or negative equity is undefined).
 * @example
 * simpleReturns([100, 110, 99]); // Float64Array [0.1, -0.1]
 */
export function simpleReturns(equity: ArrayLike<number>): Float64Array {
  const count = Math.max(0, equity.length - 1);
  const returns = new Float64Array(count);
  for (let i = 0; i < equity.length; i++) {
    const value = equity[i] as number;
    if (!Number.isFinite(value)) {
      throw new ValidationInputError(`simpleReturns: equity[${i}] is ${value}, not a finite number`);
    }
    if (i === equity.length - 1) break;
    if (value <= 0) {
      throw new ValidationInputError(`simpleReturns: equity[${i}] is ${value}; a return needs positive equity`);
    }
    returns[i] = (equity[i + 1] as number) / value - 1;
  }
  return returns;
}
