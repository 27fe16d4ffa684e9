import { Decimal } from './decimal.js';

/**
 * decimal.js' own representation of a finite value: sign `s`, base-10 exponent `e` of the leading digit, and the
 * digits in base-10⁷ words `d`, aligned so that the decimal point falls between two words, with no zero word first
 * or last. Its typings mark these readonly; only {@link decimalOf} writes them, on a Decimal it has just created.
 */
interface DecimalFields {
  constructor: typeof Decimal;
  s: number;
  e: number;
  d: number[];
}

const WORD = 1e7;
const WORD_DIGITS = 7;
/** 10^0 … 10^22: every power of ten a double holds exactly. */
const POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Integers up to here are exact doubles, and so is any sum or product of them that stays up to here. */
const MAX = Number.MAX_SAFE_INTEGER;
/** Coefficients below 10^15 have at most 15 digits, which every double in range tells apart (DBL_DIG). */
const FIFTEEN_DIGITS = 1e15;
/** Scratch for {@link decimalOf}: the words of a coefficient, least significant first. */
const words = [0, 0, 0, 0];
const prototype: object = Decimal.prototype;

// What `split` read, as module state so that splitting allocates nothing: |value| = coefficient × 10^-scale.
let coefficient = 0;
let scale = 0;

/**
 * Reads a non-zero finite `value` as an integer coefficient and a scale, when the coefficient (trailing zeros
 * dropped) is an exact double; `false` for zero, non-finite values and longer coefficients.
 */
function split(value: Decimal): boolean {
  const digits = (value as unknown as DecimalFields).d as number[] | null;
  if (digits === null) return false;
  const n = digits.length;
  let last = digits[n - 1] as number;
  if (last === 0) return false;
  let zeros = 0;
  for (let tenth = (last / 10) | 0; tenth * 10 === last; tenth = (last / 10) | 0) {
    last = tenth;
    zeros++;
  }
  let c = 0;
  for (let i = 0; i < n - 1; i++) c = c * WORD + (digits[i] as number);
  // Each step is exact while the true value stays ≤ MAX, and rounds to more than MAX once it does not.
  c = n === 1 ? last : c * (POWERS[WORD_DIGITS - zeros] as number) + last;
  if (c > MAX) return false;
  coefficient = c;
  scale = WORD_DIGITS * (n - Math.floor(value.e / WORD_DIGITS) - 1) - zeros;
  return true;
}

/**
 * The Decimal `(negative ? −1 : 1) × c × 10^-k` for an integer 1 ≤ c ≤ {@link MAX}, laid out exactly as decimal.js
 * lays out the same value (so it prints, compares and computes the same). It gets the shared prototype and the
 * own fields in the order decimal.js' constructor gives them, without that constructor's cost (it looks its own
 * settings up on every call).
 */
function decimalOf(negative: boolean, c: number, k: number): Decimal {
  const bottom = Math.floor(-k / WORD_DIGITS);
  const shift = -k - WORD_DIGITS * bottom;
  const below = POWERS[WORD_DIGITS - shift] as number;
  let high = Math.floor(c / below);
  words[0] = (c - high * below) * (POWERS[shift] as number);
  let count = 1;
  while (high > 0) {
    const above = Math.floor(high / WORD);
    words[count++] = high - above * WORD;
    high = above;
  }
  let first = 0;
  while (words[first] === 0) first++;
  const d: number[] = [];
  // `| 0` keeps the words small integers, the element kind decimal.js' own digit arrays have.
  for (let i = count - 1; i >= first; i--) d.push((words[i] as number) | 0);
  const top = words[count - 1] as number;
  let topDigits = 1;
  while (top >= (POWERS[topDigits] as number)) topDigits++;
  const fields = Object.create(prototype) as DecimalFields;
  fields.constructor = Decimal;
  fields.s = negative ? -1 : 1;
  fields.e = WORD_DIGITS * (bottom + count - 1) + topDigits - 1;
  fields.d = d;
  return fields as unknown as Decimal;
}

/** `a + b` (or `a − b` when `negateB`) in integers when both coefficients and the result are exact doubles. */
function sum(a: Decimal, b: Decimal, negateB: boolean): Decimal {
  if (split(a)) {
    const ca = coefficient;
    const ka = scale;
    if (split(b)) {
      const k = Math.max(ka, scale);
      const pa = POWERS[k - ka];
      const pb = POWERS[k - scale];
      if (pa !== undefined && pb !== undefined) {
        const x = ca * pa;
        const y = coefficient * pb;
        if (x <= MAX && y <= MAX) {
          const total = a.s * x + (negateB ? -b.s : b.s) * y;
          if (total !== 0 && total <= MAX && total >= -MAX) return decimalOf(total < 0, Math.abs(total), k);
        }
      }
    }
  }
  return negateB ? a.minus(b) : a.plus(b);
}

/**
 * Exact add, subtract, multiply and number conversion for {@link Decimal}s, giving exactly decimal.js' results
 * (same value, same layout) at a fraction of its cost. Money in a backtest is mostly short: a 6-decimal price times
 * whole units times a commission rate, cash with a dozen digits. When both coefficients and the result fit a
 * double's exact integers (< 2^53, at most 16 digits, far below the 34-digit precision, so decimal.js rounds
 * nothing either), the result is computed in integers; anything else (zero, longer coefficients, non-finite
 * values) is left to decimal.js.
 *
 * @example
 * smallDecimal.mul(smallDecimal.fromNumber(2.179012), new Decimal(100)); // 217.9012, as new Decimal(2.179012).times(100)
 */
export const smallDecimal = {
  add: (a: Decimal, b: Decimal): Decimal => sum(a, b, false),
  sub: (a: Decimal, b: Decimal): Decimal => sum(a, b, true),
  mul(a: Decimal, b: Decimal): Decimal {
    if (split(a)) {
      const ca = coefficient;
      const ka = scale;
      if (split(b)) {
        const product = ca * coefficient;
        if (product <= MAX) return decimalOf(a.s !== b.s, product, ka + scale);
      }
    }
    return a.times(b);
  },
  /**
   * `new Decimal(value)`, which is the decimal of `value`'s shortest round-trip text. The shortest decimal with at
   * most 15 digits that parses back to `value` has that value (two such decimals never parse to one double), and
   * c × 10^-k parses to exactly `c / 10^k` when both are exact doubles, so the first k that round-trips finds it
   * without printing and parsing text.
   */
  fromNumber(value: number): Decimal {
    const magnitude = Math.abs(value);
    if (magnitude > 0 && magnitude < FIFTEEN_DIGITS) {
      for (let k = 0; k < 16; k++) {
        const power = POWERS[k] as number;
        const c = Math.round(magnitude * power);
        if (c >= FIFTEEN_DIGITS) break;
        if (c / power === magnitude) return decimalOf(value < 0, c, k);
      }
    }
    return new Decimal(value);
  },
};
