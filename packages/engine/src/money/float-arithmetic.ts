import type { Arithmetic } from './arithmetic.js';

/**
 * Approximate accounting over doubles. Only the benchmark uses it, to price exact money against the same engine;
 * its results must never be reported as money.
 */
export const floatArithmetic: Arithmetic<number> = {
  zero: 0,
  fromNumber: (value) => value,
  parse: (text) => Number(text),
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  max: (a, b) => Math.max(a, b),
  compare: (a, b) => a - b,
  sign: (value) => Math.sign(value),
  floor: (value) => Math.floor(value),
  toNumber: (value) => value,
  toString: (value) => String(value),
};
