import type { Arithmetic } from './arithmetic.js';
import { Decimal, toDecimalString } from './decimal.js';
import { decimalToNumber } from './decimal-to-number.js';

const zero = new Decimal(0);

/** Exact accounting over {@link Decimal}; the default and the only one whose results are reported as money. */
export const decimalArithmetic: Arithmetic<Decimal> = {
  zero,
  fromNumber: (value) => new Decimal(value),
  parse: (text) => new Decimal(text),
  add: (a, b) => a.plus(b),
  sub: (a, b) => a.minus(b),
  mul: (a, b) => a.times(b),
  div: (a, b) => a.dividedBy(b),
  max: (a, b) => (a.gte(b) ? a : b),
  compare: (a, b) => a.comparedTo(b),
  sign: (value) => (value.isZero() ? 0 : value.isNegative() ? -1 : 1),
  floor: (value) => value.floor().toNumber(),
  toNumber: decimalToNumber,
  toString: toDecimalString,
};
