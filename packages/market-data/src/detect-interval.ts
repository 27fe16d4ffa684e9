import { MarketDataError, MarketDataErrorCode } from './market-data-error.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Interval units from largest to smallest, so a spacing is named in the largest unit that divides it. */
export const INTERVAL_UNITS = [
  ['w', WEEK],
  ['d', DAY],
  ['h', HOUR],
  ['m', MINUTE],
  ['s', SECOND],
] as const;

/**
 * The bar interval of a series (`'1d'`, `'1h'`, `'5m'`, `'1w'`, …) taken from the most common spacing between
 * consecutive bars, so gaps for nights, weekends and holidays do not change the answer. A spacing of 28 to 31 days is
 * named `'1M'` (calendar month). On a tie the shorter spacing wins.
 *
 * @param times - Bar times in epoch milliseconds, strictly increasing.
 * @throws {@link MarketDataError} with code `UNKNOWN_INTERVAL` for fewer than two times or times out of order.
 * @example
 * ```ts
 * const monday = Date.UTC(2024, 0, 1);
 * detectInterval([monday, monday + 86_400_000, monday + 4 * 86_400_000, monday + 5 * 86_400_000]); // '1d'
 * ```
 */
export function detectInterval(times: readonly number[]): string {
  if (times.length < 2) {
    throw new MarketDataError(
      MarketDataErrorCode.unknownInterval,
      `need at least two bars to detect an interval, got ${times.length}`,
    );
  }
  const counts = new Map<number, number>();
  for (let i = 1; i < times.length; i += 1) {
    const spacing = (times[i] ?? 0) - (times[i - 1] ?? 0);
    if (!(spacing > 0)) {
      throw new MarketDataError(
        MarketDataErrorCode.unknownInterval,
        `times must be strictly increasing, but time ${i} is not after time ${i - 1}`,
      );
    }
    counts.set(spacing, (counts.get(spacing) ?? 0) + 1);
  }
  let modal = 0;
  let modalCount = 0;
  for (const [spacing, count] of counts) {
    if (count > modalCount || (count === modalCount && spacing < modal)) {
      modal = spacing;
      modalCount = count;
    }
  }
  return formatInterval(modal);
}

function formatInterval(spacing: number): string {
  if (spacing >= 28 * DAY && spacing <= 31 * DAY) return '1M';
  const unit = INTERVAL_UNITS.find(([, size]) => spacing % size === 0);
  return unit === undefined ? `${spacing}ms` : `${spacing / unit[1]}${unit[0]}`;
}
