import type { BarSeries } from '../data/bar-series.js';
import type { Arithmetic } from '../money/arithmetic.js';
import { ExactPriceColumn } from '../money/exact-price-column.js';
import { Extreme, rollingExtreme } from './rolling-extreme.js';
import { rollingStandardDeviation } from './rolling-standard-deviation.js';
import { simpleMovingAverage } from './simple-moving-average.js';
import { wilderRsi } from './wilder-rsi.js';

/**
 * Indicator arrays for one series, each computed once per distinct (indicator, period) and then shared: a sweep
 * of 400 `sma_cross` parameter sets over the same bars computes each SMA period once instead of 800 times. Every
 * indicator here is causal, so sharing a whole-series array never leaks the future; strategies only read them
 * through a cursor-bound {@link Line}.
 */
export class IndicatorCache {
  readonly #series: BarSeries;
  readonly #arrays = new Map<string, Float64Array>();
  readonly #opens = new Map<Arithmetic<unknown>, ExactPriceColumn<unknown>>();

  constructor(series: BarSeries) {
    this.#series = series;
  }

  /** Simple moving average of close. */
  sma(period: number): Float64Array {
    return this.#memo(`sma:${period}`, () => simpleMovingAverage(this.#series.close, period));
  }

  /** Population standard deviation of close. */
  standardDeviation(period: number): Float64Array {
    return this.#memo(`std:${period}`, () => rollingStandardDeviation(this.#series.close, period));
  }

  /** Wilder RSI of close. */
  rsi(period: number): Float64Array {
    return this.#memo(`rsi:${period}`, () => wilderRsi(this.#series.close, period));
  }

  /** Highest high of the `period` bars before each bar. */
  highestHigh(period: number): Float64Array {
    return this.#memo(`hh:${period}`, () => rollingExtreme(this.#series.high, period, Extreme.Highest));
  }

  /** Lowest low of the `period` bars before each bar. */
  lowestLow(period: number): Float64Array {
    return this.#memo(`ll:${period}`, () => rollingExtreme(this.#series.low, period, Extreme.Lowest));
  }

  /** The opens in `math`'s money type, where market orders fill; shared like the indicators. */
  exactOpens<M>(math: Arithmetic<M>): ExactPriceColumn<M> {
    let opens = this.#opens.get(math) as ExactPriceColumn<M> | undefined;
    if (opens === undefined) {
      opens = new ExactPriceColumn(this.#series.open, math);
      this.#opens.set(math, opens);
    }
    return opens;
  }

  #memo(key: string, compute: () => Float64Array): Float64Array {
    let values = this.#arrays.get(key);
    if (values === undefined) {
      values = compute();
      this.#arrays.set(key, values);
    }
    return values;
  }
}
