import type { ParsedBar } from '@fleet/contracts';
import { Decimal } from 'decimal.js';

/**
 * Division truncates at 64 significant digits, far beyond the 6 decimal places kept, so the final half-up rounding
 * sees the same side of every rounding boundary as the exact quotient would: the result is exactly rounded.
 */
const ExactDecimal = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_DOWN });

/** Decimal places kept in adjusted prices; 6 matches the precision of Yahoo's own columns. */
const ADJUSTED_PRICE_DECIMALS = 6;

/**
 * A bar with open, high, low and close scaled by `adjClose / close`, so that splits and dividends do not show up as
 * price jumps in a backtest. Each price is `price × adjClose ÷ close`, rounded half-up to
 * {@link ADJUSTED_PRICE_DECIMALS} places; volume is left as traded. Scaling by one positive factor keeps the OHLC
 * order, but rounding can still reach zero, so callers re-check the result with {@link checkOhlc}.
 *
 * @example
 * ```ts
 * adjustBar({ time: 0, open: '2', high: '4', low: '1', close: '2', volume: '10' }, '1');
 * // { time: 0, open: '1.000000', high: '2.000000', low: '0.500000', close: '1.000000', volume: '10' }
 * ```
 */
export function adjustBar(bar: ParsedBar, adjClose: string): ParsedBar {
  const factor = new ExactDecimal(adjClose);
  const close = new ExactDecimal(bar.close);
  const scale = (price: string): string =>
    new ExactDecimal(price).times(factor).div(close).toFixed(ADJUSTED_PRICE_DECIMALS, Decimal.ROUND_HALF_UP);
  return {
    time: bar.time,
    open: scale(bar.open),
    high: scale(bar.high),
    low: scale(bar.low),
    close: scale(bar.close),
    volume: bar.volume,
  };
}
