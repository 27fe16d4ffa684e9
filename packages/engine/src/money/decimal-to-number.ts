import type { Decimal } from './decimal.js';

/** 10^0 … 10^22: every power of ten a double holds exactly. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Digits per word of decimal.js' coefficient (it stores base 1e7). */
const WORD_DIGITS = 7;

/**
 * The double nearest `value`, exactly as `value.toNumber()` returns it, without its detour through a string. When
 * the coefficient is an integer M < 2^53 and the scale a power of ten ≤ 10^22, both are exact doubles, so the one
 * IEEE multiplication or division M × 10^p rounds the exact value correctly, which is what parsing the decimal
 * string does (Clinger's fast path). Any other value (more than ~15 digits, huge or tiny scales, non-finite) takes
 * the library's own conversion. Cash and P&L are converted after every fill to mark the approximate equity curve.
 *
 * @example
 * decimalToNumber(new Decimal('97821.2179012')); // 97821.2179012
 */
export function decimalToNumber(value: Decimal): number {
  const words = value.d;
  if (words === null || words === undefined) return value.toNumber();
  let coefficient = 0;
  for (let i = 0; i < words.length; i++) coefficient = coefficient * 1e7 + (words[i] as number);
  if (coefficient > Number.MAX_SAFE_INTEGER) return value.toNumber();
  const first = words[0] as number;
  let firstDigits = 1;
  for (let w = first; w >= 10; w = Math.floor(w / 10)) firstDigits++;
  const scale = value.e + 1 - (firstDigits + WORD_DIGITS * (words.length - 1));
  let magnitude: number;
  if (scale >= 0) {
    const power = EXACT_POWERS_OF_TEN[scale];
    if (power === undefined) return value.toNumber();
    magnitude = coefficient * power;
  } else {
    const power = EXACT_POWERS_OF_TEN[-scale];
    if (power === undefined) return value.toNumber();
    magnitude = coefficient / power;
  }
  return value.s < 0 ? -magnitude : magnitude;
}
