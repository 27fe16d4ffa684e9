/**
 * Fraction of bars that closed with an open position; `null` for an empty run.
 * @example
 * exposure(25, 100); // 0.25
 */
export function exposure(barsInMarket: number, bars: number): number | null {
  return bars === 0 ? null : barsInMarket / bars;
}
