import type { Arithmetic } from './arithmetic.js';
import { Decimal, toDecimalString } from './decimal.js';
import { decimalToNumber } from './decimal-to-number.js';
import { smallDecimal } from './small-decimal.js';

const zero = new Decimal(0);

/**
 * Exact accounting over {@link Decimal}; the default and the only one whose results are reported as money. Adding,
 * subtracting, multiplying and converting bar prices take {@link smallDecimal}'s integer path, with the same results.
 */
export const decimalArithmetic: Arithmetic<Decimal> = {
  zero,
  fromNumber: smallDecimal.fromNumber,
  parse: (text) => new Decimal(text),
  add: smallDecimal.add,
  sub: smallDecimal.sub,
  mul: smallDecimal.mul,
  div: (a, b) => a.dividedBy(b),
  max: (a, b) => (a.gte(b) ? a : b),
  compare: (a, b) => a.comparedTo(b),
  sign: (value) => (value.isZero() ? 0 : value.isNegative() ? -1 : 1),
  floor: (value) => value.floor().toNumber(),
  toNumber: decimalToNumber,
  toString: toDecimalString,
};
