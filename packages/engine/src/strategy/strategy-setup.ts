import type { BarCursor } from '../data/bar-cursor.js';
import type { IndicatorCache } from '../indicators/indicator-cache.js';
import { Line } from './line.js';

/**
 * What a strategy may ask for when it is created: indicators as cursor-bound {@link Line}s, never raw arrays, so
 * shared whole-series indicator arrays stay invisible beyond the current bar.
 */
export class StrategySetup {
  readonly #cache: IndicatorCache;
  readonly #cursor: BarCursor;

  constructor(cache: IndicatorCache, cursor: BarCursor) {
    this.#cache = cache;
    this.#cursor = cursor;
  }

  /** Simple moving average of close over `period` bars. */
  sma(period: number): Line {
    return new Line(this.#cache.sma(period), this.#cursor);
  }

  /** Population standard deviation of close over `period` bars. */
  standardDeviation(period: number): Line {
    return new Line(this.#cache.standardDeviation(period), this.#cursor);
  }

  /** Wilder RSI of close over `period` bars. */
  rsi(period: number): Line {
    return new Line(this.#cache.rsi(period), this.#cursor);
  }

  /** Highest high of the `period` bars before the current one. */
  highestHigh(period: number): Line {
    return new Line(this.#cache.highestHigh(period), this.#cursor);
  }

  /** Lowest low of the `period` bars before the current one. */
  lowestLow(period: number): Line {
    return new Line(this.#cache.lowestLow(period), this.#cursor);
  }
}
