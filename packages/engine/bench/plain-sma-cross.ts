import type { BarSeries } from '../src/data/bar-series.js';

/**
 * The floor the engine is measured against: sma_cross with the engine's signal and fill rules written as one float
 * loop (running-sum SMAs, no orders, no validation, no statistics). Returns final equity; not exact money.
 */
export function plainSmaCross(
  series: BarSeries,
  fast: number,
  slow: number,
  units: number,
  commissionRate: number,
  cash: number,
): number {
  const { length, open, close } = series;
  let fastSum = 0;
  let slowSum = 0;
  let lastNonZero = Number.NaN;
  let position = 0;
  let pending = 0;
  for (let i = 0; i < length; i++) {
    if (pending !== 0) {
      const notional = units * (open[i] as number);
      cash -= pending * notional + notional * commissionRate;
      position += pending * units;
      pending = 0;
    }
    const c = close[i] as number;
    fastSum += c;
    slowSum += c;
    if (i >= fast) fastSum -= close[i - fast] as number;
    if (i >= slow) slowSum -= close[i - slow] as number;
    if (i < slow - 1) continue;
    const difference = fastSum / fast - slowSum / slow;
    if (position === 0 && lastNonZero < 0 && difference > 0) pending = 1;
    else if (position > 0 && lastNonZero > 0 && difference < 0) pending = -1;
    if (difference !== 0 || Number.isNaN(lastNonZero)) lastNonZero = difference;
  }
  return cash + position * (close[length - 1] as number);
}
