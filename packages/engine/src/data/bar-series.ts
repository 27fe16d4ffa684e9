/**
 * One symbol's bars in columnar float64 arrays: the layout the hot loop and the indicators scan fastest, and one
 * that can be shared between threads without copying. Prices are the data file's decimal values as doubles; the
 * accounting turns them back into exact decimals only when a fill happens.
 *
 * @example
 * const series: BarSeries = {
 *   symbol: 'ORCL', interval: '1d', length: 1,
 *   time: Float64Array.of(Date.UTC(1995, 0, 3)),
 *   open: Float64Array.of(2.179012), high: Float64Array.of(2.191358), low: Float64Array.of(2.117284),
 *   close: Float64Array.of(2.117284), volume: Float64Array.of(36301200),
 * };
 */
export interface BarSeries {
  readonly symbol: string;
  /** Bar size such as `'1d'`, `'1h'` or `'5m'`; drives annualization (see {@link periodsPerYear}). */
  readonly interval: string;
  readonly length: number;
  /** Bar open time, epoch milliseconds UTC, strictly increasing. */
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}
