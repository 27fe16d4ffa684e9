const PLAIN_DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

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
 * Exact order of two non-negative {@link normalizeDecimal normalized} decimals (negative, zero, positive like
 * `Array.prototype.sort`), so OHLC checks never suffer from two distinct decimals parsing to the same float.
 *
 * @example
 * ```ts
 * compareDecimals('10.5', '9.75'); // 1
 * compareDecimals('1.50', '1.5'); // 0
 * ```
 */
export function compareDecimals(a: string, b: string): number {
  const [aInteger = '', aFraction = ''] = a.split('.');
  const [bInteger = '', bFraction = ''] = b.split('.');
  if (aInteger.length !== bInteger.length) return aInteger.length - bInteger.length;
  if (aInteger !== bInteger) return aInteger < bInteger ? -1 : 1;
  const width = Math.max(aFraction.length, bFraction.length);
  const aPadded = aFraction.padEnd(width, '0');
  const bPadded = bFraction.padEnd(width, '0');
  if (aPadded === bPadded) return 0;
  return aPadded < bPadded ? -1 : 1;
}
