import { ConfigError } from '../errors.js';

/** Trading days per year, the annualization base for daily bars. */
const TRADING_DAYS_PER_YEAR = 252;
/** Minutes in a regular US equity session (09:30–16:00), the base for intraday bars. */
const SESSION_MINUTES = 390;

const perUnit: Readonly<Record<string, number>> = {
  s: TRADING_DAYS_PER_YEAR * SESSION_MINUTES * 60,
  m: TRADING_DAYS_PER_YEAR * SESSION_MINUTES,
  min: TRADING_DAYS_PER_YEAR * SESSION_MINUTES,
  h: (TRADING_DAYS_PER_YEAR * SESSION_MINUTES) / 60,
  d: TRADING_DAYS_PER_YEAR,
  w: 52,
  wk: 52,
  mo: 12,
  y: 1,
};

/**
 * Bars per year for an interval such as `'1d'`, `'1h'` or `'5m'`, used to annualize volatility, Sharpe and
 * Sortino. The calendar is an exchange's: 252 trading days of one 6.5-hour session, so `1d` → 252, `1h` → 1638,
 * `5m` → 19656, `1w` → 52, `1mo` → 12. Markets that trade around the clock (FX, crypto) have more bars per year
 * than this; pass `barsPerYear` in the config for them (e.g. 6240 for hourly FX: 24 h × 260 weekdays).
 *
 * @throws {@link ConfigError} for an interval it cannot read
 * @example
 * periodsPerYear('4h'); // 409.5
 */
export function periodsPerYear(interval: string): number {
  const match = /^(\d+)(s|min|m|h|d|wk|w|mo|y)$/.exec(interval.trim());
  const count = match ? Number(match[1]) : 0;
  const unit = match ? perUnit[match[2] as string] : undefined;
  if (unit === undefined || !(count > 0)) {
    throw new ConfigError([
      `interval '${interval}' is not one of <n>s, <n>m, <n>h, <n>d, <n>w, <n>mo, <n>y; set barsPerYear to annualize it`,
    ]);
  }
  return unit / count;
}
