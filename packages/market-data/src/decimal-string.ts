const PLAIN_DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;
/** Already canonical: the common case, returned as is without building a new string. */
const CANONICAL_DECIMAL = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;

/**
 * Canonical form of a plain decimal as written in a CSV cell, or `undefined` when the cell is not one (empty, `NaN`,
 * exponent notation, thousands separators). The file's digits are kept, trailing zeros included, so the value reaches
 * the database exactly; only a `+` sign, redundant leading zeros, a bare trailing `.` and the sign of zero are dropped.
 *
 * @example
 * ```ts
 * normalizeDecimal('+007.50'); // '7.50'
 * normalizeDecimal('.5'); // '0.5'
 * normalizeDecimal('1e3'); // undefined
 * ```
 */
export function normalizeDecimal(text: string): string | undefined {
  if (CANONICAL_DECIMAL.test(text)) return text;
  const match = PLAIN_DECIMAL.exec(text.trim());
  if (match === null) return undefined;
  const [, sign = '', rawInteger = '', fraction = ''] = match;
  if (rawInteger === '' && fraction === '') return undefined;
  const integer = rawInteger.replace(/^0+(?=\d)/, '') || '0';
  const isZero = /^0*$/.test(integer + fraction);
  const magnitude = fraction === '' ? integer : `${integer}.${fraction}`;
  return sign === '-' && !isZero ? `-${magnitude}` : magnitude;
}

/** Whether a {@link normalizeDecimal normalized} decimal is strictly greater than zero. */
export function isPositiveDecimal(value: string): boolean {
  return !value.startsWith('-') && /[1-9]/.test(value);
}

/**
 * Exact order of two non-negative {@link normalizeDecimal normalized} decimals (negative, zero or positive, as
 * `Array.prototype.sort` expects), so OHLC checks never suffer from two distinct decimals parsing to the same float.
 *
 * @example
 * ```ts
 * compareDecimals('10.5', '9.75') > 0; // true
 * compareDecimals('1.50', '1.5'); // 0
 * ```
 */
export function compareDecimals(a: string, b: string): number {
  if (a === b) return 0;
  const aIntegerLength = integerLength(a);
  const bIntegerLength = integerLength(b);
  if (aIntegerLength !== bIntegerLength) return aIntegerLength - bIntegerLength;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const difference = digitAt(a, i, aIntegerLength) - digitAt(b, i, bIntegerLength);
    if (difference !== 0) return difference;
  }
  return 0;
}

function integerLength(value: string): number {
  const dot = value.indexOf('.');
  return dot === -1 ? value.length : dot;
}

/** Character code at `index`, reading past the end as the `.` and zeros of a longer fraction. */
function digitAt(value: string, index: number, integerLength: number): number {
  if (index < value.length) return value.charCodeAt(index);
  return index === integerLength ? DOT : ZERO;
}

const DOT = '.'.charCodeAt(0);
const ZERO = '0'.charCodeAt(0);
