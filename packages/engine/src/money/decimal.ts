import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The engine's one decimal type and its rounding policy. Money is kept exact: fills, commissions, cost basis and
 * cash are never rounded on purpose. 34 significant digits (decimal128) leave room for any realistic cash ×
 * price × rate product, and when a division (average cost of a partial close) must round, it rounds half-even so
 * repeated roundings do not drift in one direction.
 *
 * @example
 * import { Decimal } from './decimal.js';
 * const fee = new Decimal('2.179012').times(100).times('0.001'); // 0.2179012, exact
 */
export const Decimal = DecimalJs.clone({
  precision: 34,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = DecimalJs;

/** Exact plain-notation string (never exponent notation), the only form money leaves the engine in. */
export function toDecimalString(value: Decimal): string {
  return value.toFixed();
}
